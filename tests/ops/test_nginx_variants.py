"""Issue 17, items 1 and 2, through the real nginx of deploy/nginx.conf.template: each low-vision
variant gets its own cached copy under a normalised key; a csrftoken cookie no longer bypasses the
cache, pages with a form stay private; a session still bypasses."""
import urllib.request

import pytest
from django.conf import settings

from tools import nginx_conf

pytestmark = pytest.mark.skipif(not nginx_conf.available(),
                                reason="needs Debian nginx (bin/install installs it)")

WB_200 = "lv=1; lv_scheme=wb; lv_size=200"
SIZE_125 = "lv=1; lv_size=125"


def fetch(url, cookie=None):
    headers = {"Host": "localhost", **({"Cookie": cookie} if cookie else {})}
    with urllib.request.urlopen(urllib.request.Request(url, headers=headers), timeout=5) as response:
        return response.headers, response.read().decode()


def html_class(body):
    start = body.index("<html")
    return body[start:body.index(">", start)]


@pytest.fixture
def nginx(live_server, tmp_path):
    server = nginx_conf.Nginx(tmp_path, live_server.url.removeprefix("http://"), settings.STATIC_ROOT).start()
    yield server
    server.stop()


def test_each_low_vision_variant_is_cached_under_its_own_normalised_key(transactional_db, nginx):
    from tests.factories import make_site

    make_site()
    home = f"{nginx.url}/ru/"
    plain = [fetch(home) for _ in range(2)]
    wb = [fetch(home, WB_200) for _ in range(2)]
    small = [fetch(home, SIZE_125) for _ in range(2)]

    for (first, _), (second, _) in (plain, wb, small):
        assert (first["X-Cache-Status"], second["X-Cache-Status"]) == ("MISS", "HIT")
    assert "lv" not in html_class(plain[1][1])
    assert "lv-scheme-wb" in html_class(wb[1][1]) and "lv-size-200" in html_class(wb[1][1])
    assert "lv-size-125" in html_class(small[1][1]) and "lv-scheme-bw" in html_class(small[1][1])
    assert wb[1][0]["X-Low-Vision-Variant"] == "on.200.wb.on.normal.normal.sans.closed"
    # As long as the normal page: a change starts a new generation for every variant (ops/frontend_cache.py).
    assert "Cookie" in wb[1][0]["Vary"] and f"max-age={settings.PUBLIC_PAGE_MAX_AGE}" in wb[1][0]["Cache-Control"]

    # Other order, an unknown value (the default) and a csrftoken: the same variant, from the cache.
    headers, body = fetch(home, "csrftoken=abc; lv_size=200; lv_font=comic; lv_scheme=wb; lv=1")
    assert headers["X-Cache-Status"] == "HIT" and html_class(body) == html_class(wb[1][1])
    # A csrftoken alone: the normal page from the cache.
    headers, body = fetch(home, "csrftoken=abcdefabcdefabcdefabcdefabcdefab")
    assert headers["X-Cache-Status"] == "HIT" and "lv" not in html_class(body)
    # Signed-in editors (a session) still bypass the cache.
    assert fetch(home, "sessionid=xyz")[0]["X-Cache-Status"] == "BYPASS"


def test_cookies_nginx_reads_differently_never_store_a_page_under_another_variant(transactional_db, nginx):
    from tests.factories import make_site

    make_site()
    home = f"{nginx.url}/ru/"
    # nginx takes the first of two lv_size cookies, Django the last: the app renders 200 for a key
    # nginx names 100, the answers disagree, and nothing is stored.
    for _ in range(2):
        headers, body = fetch(home, "lv=1; lv_size=100; lv_size=200")
        assert headers["X-Cache-Status"] == "MISS" and "lv-size-200" in html_class(body)
    headers, body = fetch(home, "lv=1; lv_size=100")
    assert headers["X-Cache-Status"] == "MISS" and "lv-size-100" in html_class(body)


def test_a_page_with_a_form_stays_private_with_or_without_a_csrftoken(transactional_db, nginx):
    from tests.factories import make_site
    from tests.outages.factories import consent_text

    make_site()
    consent_text()
    form = f"{nginx.url}/ru/outages/subscribe/"
    for cookie in (None, "csrftoken=abcdefabcdefabcdefabcdefabcdefab", None):
        headers, body = fetch(form, cookie)
        assert "csrfmiddlewaretoken" in body
        assert headers["X-Cache-Status"] == "MISS"
        assert "private" in headers["Cache-Control"] and "no-store" in headers["Cache-Control"]
