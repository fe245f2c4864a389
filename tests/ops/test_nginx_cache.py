"""nginx with proxy_cache in front of the app: a cache hit, then a publish seen within a second."""
import time
import urllib.request

import pytest
from django.conf import settings
from django.test import override_settings

from tools import nginx_conf

pytestmark = pytest.mark.skipif(not nginx_conf.available(),
                                reason="needs Debian nginx (bin/install installs it)")


def fetch(url, host="localhost", cookie=None):
    request = urllib.request.Request(url, headers={"Host": host, **({"Cookie": cookie} if cookie else {})})
    with urllib.request.urlopen(request, timeout=5) as response:
        return response.headers.get("X-Cache-Status"), response.read().decode()


@pytest.fixture
def nginx(live_server, tmp_path):
    upstream = live_server.url.removeprefix("http://")
    server = nginx_conf.Nginx(tmp_path, upstream, settings.STATIC_ROOT).start()
    yield server
    server.stop()


def test_nginx_caches_pages_and_publishing_purges_them(transactional_db, nginx):
    from tests.factories import make_site

    home = make_site()
    with override_settings(WAGTAILFRONTENDCACHE={"nginx": {
            "BACKEND": "ops.frontend_cache.NginxRefreshBackend", "LOCATION": nginx.url}}):
        first_status, first_body = fetch(f"{nginx.url}/ru/")
        second_status, _ = fetch(f"{nginx.url}/ru/")
        assert first_status == "MISS"
        assert second_status == "HIT"
        fetch(f"{nginx.url}/en/")
        assert fetch(f"{nginx.url}/en/")[0] == "HIT"

        # A low-vision visitor's variant has its own copy (tests/ops/test_nginx_variants.py).
        assert fetch(f"{nginx.url}/ru/", cookie="lv=1")[0] == "MISS"
        assert fetch(f"{nginx.url}/ru/", cookie="lv=1")[0] == "HIT"

        home.title = "Единое окно — обновлено"
        home.title_en = "Single Window — updated"
        home.save_revision().publish()
        published_at = time.monotonic()
        status_ru, body_ru = fetch(f"{nginx.url}/ru/")
        status_en, body_en = fetch(f"{nginx.url}/en/")
        assert time.monotonic() - published_at < 1.0
        # The refresh stored the new version: visitors get it from the cache straight away.
        assert "обновлено" in body_ru and status_ru == "HIT"
        assert "updated" in body_en and status_en == "HIT"
