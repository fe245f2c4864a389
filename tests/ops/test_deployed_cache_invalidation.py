"""Issue 17, "a publish shows at once for every variant", through the documented deployment: nginx
from deploy/nginx.conf.template in front of gunicorn with the production settings
(tools/production_stack.py), FRONTEND_CACHE_URL and FRONTEND_CACHE_GENERATION_LINK as in
docs/deployment.md. Pages are kept an hour (PUBLIC_PAGE_MAX_AGE=3600, and the low-vision copies as
long), so a visitor who sees a change right after it can only have been given it by invalidation.

Visitors: the anonymous one, two different low-vision variants, and a visitor with a csrftoken
cookie (who shares the anonymous copy). Changes: an editor publishing and unpublishing in the
admin, a scheduled go-live (``manage.py publish_scheduled``, as cron runs it) and an alert saved.
"""
import time
import urllib.error
import urllib.request

import pytest

from tests.ops.test_deployed_stack import admin_login, client
from tests.server_process import ScratchDatabase
from tools import nginx_conf

pytestmark = pytest.mark.skipif(not nginx_conf.available(), reason="needs Debian nginx (bin/install installs it)")

MAX_AGE = 3600
PASSWORD = "Публикатор-пароль-2026"
VISITORS = {
    "anonymous": None,
    "low vision, white on black at 200 %": "lv=1; lv_scheme=wb; lv_size=200",
    "low vision, 125 % serif": "lv=1; lv_size=125; lv_font=serif",
    "csrftoken": "csrftoken=Qm9vb2tzQm9vb2tzQm9vb2tzQm9vb2tz",
}
HTML_CLASS = {  # what each visitor's page must look like (the variant really is its own copy)
    "low vision, white on black at 200 %": ("lv-scheme-wb", "lv-size-200"),
    "low vision, 125 % serif": ("lv-size-125", "lv-font-serif"),
}
SETUP = """
from django.contrib.auth.models import User
from tests.factories import ContentPageFactory, make_site
User.objects.create_superuser("publisher", "publisher@example.ru", %(password)r)
home = make_site()
page = ContentPageFactory(parent=home, slug="dostupnost", slug_en="accessibility",
                          title="Доступность: прежний текст", title_en="Accessibility: old text")
page.save_revision().publish()
print("page", page.pk)
""" % {"password": PASSWORD}


def fetch(base, path, cookie=None):
    """(status, X-Cache-Status, body) of one visitor's request through nginx."""
    headers = {"Host": "localhost", **({"Cookie": cookie} if cookie else {})}
    try:
        with urllib.request.urlopen(urllib.request.Request(base + path, headers=headers), timeout=30) as response:
            return response.status, response.headers.get("X-Cache-Status"), response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, error.headers.get("X-Cache-Status"), error.read().decode()


def html_class(body):
    start = body.index("<html")
    return body[start:body.index(">", start)]


def warm(base, path, expected):
    """Every visitor's copy is in nginx's cache and shows ``expected``."""
    for visitor, cookie in VISITORS.items():
        fetch(base, path, cookie)
        status, cache, body = fetch(base, path, cookie)
        assert (status, cache) == (200, "HIT"), visitor
        assert expected in body, visitor
        for name in HTML_CLASS.get(visitor, ()):
            assert name in html_class(body), visitor
        if visitor in ("anonymous", "csrftoken"):
            assert " lv" not in html_class(body), visitor


def seen_by_everyone(base, path, expected, gone=()):
    """Right after the change (no waiting) every visitor gets ``expected``, and then from the cache."""
    for visitor, cookie in VISITORS.items():
        status, _cache, body = fetch(base, path, cookie)
        assert status == 200 and expected in body, visitor
        assert not [text for text in gone if text in body], visitor
        status, cache, body = fetch(base, path, cookie)
        assert (status, cache) == (200, "HIT") and expected in body, visitor


@pytest.fixture(scope="module")
def stack(tmp_path_factory):
    from tools.production_stack import ProductionStack, django_output

    directory = tmp_path_factory.mktemp("invalidation")
    with ScratchDatabase(directory) as database:
        env_extra = {**database.env, "PUBLIC_PAGE_MAX_AGE": str(MAX_AGE)}
        with ProductionStack(workers=2, temp_db=True, demo=False, env_extra=env_extra,
                             prefix="invalidation-") as running:
            assert "LOW_VISION_MAX_AGE" not in running.env  # its default: the anonymous page's lifetime
            output = dict(line.split(" ", 1) for line in django_output(running.env, SETUP).splitlines())
            running.page_id = int(output["page"])
            running.publisher = client("127.0.0.70")
            assert admin_login(running.publisher, running.nginx.url, "publisher", PASSWORD).status_code == 302
            yield running


def admin_post(stack, path, form_id=None, **changes):
    """Submit the admin's form at ``path`` as the signed-in publisher, through nginx: the fields as
    the page shows them (StreamFields, which JavaScript draws, as the editor's script sends them
    empty), with ``changes``."""
    from bs4 import BeautifulSoup
    from wagtail.test.utils.form_data import nested_form_data, querydict_from_html, streamfield

    base = stack.nginx.url
    form = stack.publisher.get(base + path, timeout=30)
    assert form.status_code == 200, (path, form.status_code)
    soup = BeautifulSoup(form.text, "html.parser")
    found = soup.find("form", id=form_id) if form_id else next(  # the form that posts to this view
        element for element in soup.find_all("form")
        if (element.get("method") or "").lower() == "post" and element.get("action", "") in ("", path))
    fields = {key: value for key, value in querydict_from_html(str(found), exclude_csrf=False).dict().items()
              if not key.startswith(("body_ru", "body_en"))}
    if form_id == "page-edit-form":
        fields.update(nested_form_data({"body_ru": streamfield([]), "body_en": streamfield([])}))
    fields.update(changes)
    return stack.publisher.post(base + path, data=fields, allow_redirects=False, timeout=60)


PAGE = "/ru/dostupnost/"


class TestEveryVisitorSeesAChangeAtOnce:
    def test_low_vision_copies_are_kept_as_long_as_the_anonymous_one(self, stack):
        for visitor, cookie in VISITORS.items():
            fetch(stack.nginx.url, PAGE, cookie)
            with urllib.request.urlopen(urllib.request.Request(
                    stack.nginx.url + PAGE, headers={"Host": "localhost", "Cookie": cookie or ""}), timeout=30) as answer:
                assert f"max-age={MAX_AGE}" in answer.headers["Cache-Control"], visitor

    def test_an_editor_publishing_in_the_admin(self, stack):
        base = stack.nginx.url
        warm(base, PAGE, "Доступность: прежний текст")
        warm(base, "/en/accessibility/", "Accessibility: old text")

        answer = admin_post(stack, f"/admin/pages/{stack.page_id}/edit/", form_id="page-edit-form",
                            title_ru="Доступность: новый текст", title_en="Accessibility: new text",
                            **{"action-publish": "action-publish"})
        assert answer.status_code == 302, answer.text[:2000]
        published = time.monotonic()

        seen_by_everyone(base, PAGE, "Доступность: новый текст", gone=["прежний текст"])
        seen_by_everyone(base, "/en/accessibility/", "Accessibility: new text", gone=["old text"])
        assert time.monotonic() - published < MAX_AGE / 10

    def test_a_scheduled_go_live(self, stack):
        from tools.production_stack import django_output, manage

        base = stack.nginx.url
        warm(base, PAGE, "Доступность: новый текст")
        django_output(stack.env, f"""
import datetime
from django.utils import timezone
from wagtail.models import Page
page = Page.objects.get(pk={stack.page_id}).specific
page.title = "Доступность с понедельника"
page.save_revision(approved_go_live_at=timezone.now() - datetime.timedelta(seconds=1))
""")
        warm(base, PAGE, "Доступность: новый текст")  # a draft: nothing changes yet
        manage(stack.env, "publish_scheduled", quiet=True)
        seen_by_everyone(base, PAGE, "Доступность с понедельника", gone=["новый текст"])

    def test_an_alert_saved(self, stack):
        from tools.production_stack import django_output

        base = stack.nginx.url
        warm(base, "/ru/", "Единое окно")
        django_output(stack.env, """
from tests.factories import AlertBannerFactory
AlertBannerFactory(title="Авария на подстанции «Северная»")
""")
        seen_by_everyone(base, "/ru/", "Авария на подстанции «Северная»")

    def test_an_editor_unpublishing_in_the_admin(self, stack):
        base = stack.nginx.url
        warm(base, PAGE, "Доступность с понедельника")
        answer = admin_post(stack, f"/admin/pages/{stack.page_id}/unpublish/")
        assert answer.status_code == 302, answer.text[:2000]
        for visitor, cookie in VISITORS.items():
            for path in (PAGE, "/en/accessibility/"):
                status, _cache, body = fetch(base, path, cookie)
                assert status == 404 and "Доступность с понедельника" not in body, (visitor, path)
