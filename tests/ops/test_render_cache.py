"""The app's render cache (ops/render_cache.py), through the public pages, the admin's actions and
``manage.py publish_scheduled``: one entry per low-vision variant, every change shows at once in
every variant, private pages and signed-in editors never touch it, and a dead Redis costs nothing.

The ``pages`` cache is the configured one: real Redis when REDIS_URL is set (CI), local memory
otherwise. X-Render-Cache says HIT (served from the cache), MISS (rendered and stored) or BYPASS
(a page rendered and not stored).
"""
import datetime
import logging
import os

import pytest
from django.core.cache import caches
from django.core.management import call_command
from django.utils import timezone

from ops import render_cache

VARIANT_WB = "lv=1; lv_scheme=wb; lv_size=200"
VARIANT_BLUE = "lv=1; lv_scheme=blue; lv_size=200"
VARIANTS = {"standard": "", "white on black": VARIANT_WB, "blue": VARIANT_BLUE}


@pytest.fixture(autouse=True)
def render_cache_on(settings):
    settings.RENDER_CACHE_ENABLED = True
    render_cache.reset_backend_state()
    caches[render_cache.ALIAS].clear()
    yield
    render_cache.reset_backend_state()
    if "redis://127.0.0.1:" not in str(settings.CACHES[render_cache.ALIAS].get("LOCATION", "")) \
            or os.environ.get("REDIS_URL"):
        try:
            caches[render_cache.ALIAS].clear()
        except Exception:  # noqa: BLE001 - the Redis-down test points the cache at a closed port
            pass


def get(client, url, cookie=""):
    return client.get(url, HTTP_COOKIE=cookie) if cookie else client.get(url)


def status(response):
    return response.headers.get(render_cache.STATUS_HEADER)


def warm_every_variant(client, url):
    for cookie in VARIANTS.values():
        assert status(get(client, url, cookie)) == "MISS"
        assert status(get(client, url, cookie)) == "HIT"


@pytest.fixture
def page(home):
    from tests.factories import ContentPageFactory, SectionPageFactory

    section = SectionPageFactory(parent=home, slug="potrebitelyam", slug_en="customers")
    page = ContentPageFactory(parent=section, slug="o-dostupnosti", slug_en="accessibility",
                              title="Доступность", title_en="Accessibility")
    page.save_revision().publish()
    return page


def test_each_low_vision_variant_gets_its_own_entry(client, page):
    first = get(client, page.url)
    assert status(first) == "MISS" and 'lv-scheme-' not in first.content.decode()
    second = get(client, page.url)
    assert status(second) == "HIT" and second.content == first.content

    wb = get(client, page.url, VARIANT_WB)
    assert status(wb) == "MISS", "a low-vision visitor must not get the standard page"
    assert "lv-scheme-wb" in wb.content.decode() and "lv-size-200" in wb.content.decode()
    blue = get(client, page.url, VARIANT_BLUE)
    assert status(blue) == "MISS"
    assert "lv-scheme-blue" in blue.content.decode() and "lv-scheme-wb" not in blue.content.decode()
    assert get(client, page.url, VARIANT_WB).content == wb.content
    assert status(get(client, page.url, VARIANT_BLUE)) == "HIT"

    # The key is normalised: an unknown value is the default, cookie order does not matter.
    default_on = get(client, page.url, "lv=1")
    assert status(default_on) == "MISS"
    assert status(get(client, page.url, "lv_size=99999; lv_scheme=neon; lv=1")) == "HIT"
    assert status(get(client, page.url, "lv_size=200; lv=1; lv_scheme=wb")) == "HIT"


def test_the_language_is_part_of_the_key(client, page):
    ru = get(client, "/ru/potrebitelyam/o-dostupnosti/")
    en = get(client, "/en/customers/accessibility/")
    assert status(ru) == status(en) == "MISS"
    assert "Доступность" in ru.content.decode() and "Accessibility" in en.content.decode()
    assert status(get(client, "/en/customers/accessibility/")) == "HIT"


def publish_title(page, title, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        page.title = title
        page.save_revision().publish()


def test_a_publish_shows_at_once_in_every_variant(client, page, django_capture_on_commit_callbacks):
    warm_every_variant(client, page.url)
    publish_title(page, "Доступность для всех", django_capture_on_commit_callbacks)
    for variant, cookie in VARIANTS.items():
        response = get(client, page.url, cookie)
        assert "Доступность для всех" in response.content.decode(), variant
        assert status(response) == "MISS", variant


def test_a_draft_changes_nothing(client, page, django_capture_on_commit_callbacks):
    warm_every_variant(client, page.url)
    with django_capture_on_commit_callbacks(execute=True):
        page.title = "Черновик"
        page.save_revision()
    assert "Черновик" not in get(client, page.url).content.decode()


def test_unpublish_and_delete_show_at_once(client, page, django_capture_on_commit_callbacks):
    from tests.factories import ContentPageFactory

    warm_every_variant(client, page.url)
    with django_capture_on_commit_callbacks(execute=True):
        page.unpublish()
    for variant, cookie in VARIANTS.items():
        assert get(client, page.url, cookie).status_code == 404, variant

    other = ContentPageFactory(parent=page.get_parent(), slug="udalyaemaya", slug_en="to-delete")
    other.save_revision().publish()
    warm_every_variant(client, other.url)
    url = other.url
    with django_capture_on_commit_callbacks(execute=True):
        other.delete()
    for variant, cookie in VARIANTS.items():
        assert get(client, url, cookie).status_code == 404, variant


def test_a_move_shows_at_once(client, home, page, django_capture_on_commit_callbacks):
    from tests.factories import SectionPageFactory

    target = SectionPageFactory(parent=home, slug="novosti-razdel", slug_en="news-section")
    target.save_revision().publish()
    old_url = page.url
    parent_url = page.get_parent().url
    warm_every_variant(client, old_url)
    warm_every_variant(client, parent_url)
    assert "Доступность" in get(client, parent_url).content.decode()  # the parent lists it
    with django_capture_on_commit_callbacks(execute=True):
        page.move(target, pos="last-child")
    for variant, cookie in VARIANTS.items():
        moved = get(client, old_url, cookie)  # Wagtail leaves a redirect to the new place
        assert moved.status_code == 301 and moved["Location"] == "/ru/novosti-razdel/o-dostupnosti/", variant
        assert get(client, "/ru/novosti-razdel/o-dostupnosti/", cookie).status_code == 200, variant
        assert "Доступность" not in get(client, parent_url, cookie).content.decode(), variant


def test_scheduled_go_live_shows_at_once(client, page, django_capture_on_commit_callbacks):
    warm_every_variant(client, page.url)
    page.title = "Доступность с понедельника"
    page.save_revision(approved_go_live_at=timezone.now() + datetime.timedelta(minutes=1))
    assert "с понедельника" not in get(client, page.url).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        import time_machine

        with time_machine.travel(timezone.now() + datetime.timedelta(minutes=2)):
            call_command("publish_scheduled", stdout=open(os.devnull, "w"))
    for variant, cookie in VARIANTS.items():
        assert "Доступность с понедельника" in get(client, page.url, cookie).content.decode(), variant


def test_snippet_changes_show_at_once(client, home, django_capture_on_commit_callbacks):
    """An alert on the home page and a legal act under a tariff page, saved as the snippet admin does."""
    from tests.factories import AlertBannerFactory, LegalActFactory, TariffPageFactory, TariffRecordFactory

    home.save_revision().publish()
    warm_every_variant(client, home.url)
    with django_capture_on_commit_callbacks(execute=True):
        alert = AlertBannerFactory(title="Авария на подстанции")
    for variant, cookie in VARIANTS.items():
        assert "Авария на подстанции" in get(client, home.url, cookie).content.decode(), variant
    with django_capture_on_commit_callbacks(execute=True):
        alert.delete()
    assert "Авария на подстанции" not in get(client, home.url).content.decode()

    tariffs = TariffPageFactory(parent=home)
    today = timezone.localdate()
    act = LegalActFactory(title="Постановление агентства по тарифам", number="12-э/1")
    TariffRecordFactory(page=tariffs, legal_act=act, effective_from=today - datetime.timedelta(days=10),
                        effective_to=today + datetime.timedelta(days=10))
    with django_capture_on_commit_callbacks(execute=True):  # a new page under a remembered home page
        tariffs.save_revision().publish()
    warm_every_variant(client, tariffs.url)
    assert "12-э/1" in get(client, tariffs.url).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        act.number = "15-э/2"
        act.save()
    for variant, cookie in VARIANTS.items():
        html = get(client, tariffs.url, cookie).content.decode()
        assert "15-э/2" in html and "12-э/1" not in html, variant


def test_a_private_page_is_never_cached(client, page, django_capture_on_commit_callbacks):
    from wagtail.models import PageViewRestriction

    warm_every_variant(client, page.url)
    with django_capture_on_commit_callbacks(execute=True):
        PageViewRestriction.objects.create(page=page.get_parent(), restriction_type=PageViewRestriction.LOGIN)
    for variant, cookie in VARIANTS.items():
        response = get(client, page.url, cookie)
        assert response.status_code == 302 and "Доступность" not in response.content.decode(), variant

    # Signed in, the page is shown, and neither stored nor served from the cache.
    from django.contrib.auth import get_user_model

    client.force_login(get_user_model().objects.create_user("reader", password="x" * 12))
    for _ in range(2):
        response = get(client, page.url)
        assert response.status_code == 200 and status(response) == "BYPASS"
    client.logout()
    assert get(client, page.url).status_code == 302


def test_a_password_protected_page_is_never_cached(client, page):
    from wagtail.models import PageViewRestriction

    PageViewRestriction.objects.create(page=page, restriction_type=PageViewRestriction.PASSWORD, password="tajna")
    for _ in range(2):
        response = get(client, page.url)
        assert "Доступность" not in response.content.decode().split("<main", 1)[-1].split("</h1>", 1)[-1]
        assert status(response) != "HIT"
    assert not [key for key in _stored_keys() if key]  # nothing was stored for it


def _stored_keys():
    backend = caches[render_cache.ALIAS]
    if hasattr(backend, "_cache") and isinstance(backend._cache, dict):  # local memory
        return [key for key in backend._cache if ":page:" in key]
    client = backend._cache.get_client()  # Redis
    return list(client.scan_iter(match=f"{backend.key_prefix}:*:page:*"))


def test_signed_in_editors_bypass_the_cache(client, page, admin_user):
    warm_every_variant(client, page.url)
    anonymous = get(client, page.url).content
    client.force_login(admin_user)
    for variant, cookie in VARIANTS.items():
        cookie = "; ".join(filter(None, [cookie, f"sessionid={client.cookies['sessionid'].value}"]))
        response = client.get(page.url, HTTP_COOKIE=cookie)
        assert response.status_code == 200 and status(response) == "BYPASS", variant
    client.logout()
    assert get(client, page.url).content == anonymous  # nothing an editor saw was stored


def test_redis_down_pages_are_served_and_one_warning_is_logged(client, page, settings, caplog):
    import socket

    closed = socket.socket()
    closed.bind(("127.0.0.1", 0))
    port = closed.getsockname()[1]
    closed.close()  # nothing listens there now
    settings.CACHES = {**settings.CACHES, render_cache.ALIAS: {
        "BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": f"redis://127.0.0.1:{port}/0",
        "OPTIONS": {"socket_connect_timeout": 0.5, "socket_timeout": 0.5}}}
    caplog.set_level(logging.WARNING, logger="ops.render_cache")
    for cookie in list(VARIANTS.values()) * 2:
        response = get(client, page.url, cookie)
        assert response.status_code == 200 and "Доступность" in response.content.decode()
        assert status(response) is None or status(response) == "BYPASS"
    warnings = [r for r in caplog.records if r.name == "ops.render_cache" and r.levelno == logging.WARNING]
    assert len(warnings) == 1, [r.getMessage() for r in warnings]
    assert "render cache unavailable" in warnings[0].getMessage()

    # After the retry interval it is tried again (and warned about again, once).
    render_cache.reset_backend_state()
    assert get(client, page.url).status_code == 200
    assert len([r for r in caplog.records if r.name == "ops.render_cache"]) == 2


@pytest.mark.skipif(not os.environ.get("REDIS_URL"), reason="REDIS_URL is not set: no real Redis to share entries")
def test_entries_live_in_redis_shared_by_every_worker(client, page):
    """Another worker (a fresh connection, as another process has) finds what this one stored."""
    import redis
    from django.core.cache.backends.redis import RedisCache

    assert isinstance(caches[render_cache.ALIAS], RedisCache)
    assert status(get(client, page.url, VARIANT_WB)) == "MISS"
    keys = _stored_keys()
    assert len(keys) == 1
    other_worker = redis.Redis.from_url(os.environ["REDIS_URL"])
    assert other_worker.exists(keys[0]) and other_worker.ttl(keys[0]) > 0
    assert status(get(client, page.url, VARIANT_WB)) == "HIT"


def test_a_published_price_and_a_new_centre_show_at_once(client, home, django_capture_on_commit_callbacks):
    """The tariff tables, the route to a page and the directory's centres are also remembered per
    generation in each worker (ops.render_cache.memo): a publish reaches them too."""
    from decimal import Decimal

    from tests.factories import (ServiceCentreIndexPageFactory, ServiceCentrePageFactory, TariffPageFactory,
                                 TariffRecordFactory)

    tariffs = TariffPageFactory(parent=home)
    today = timezone.localdate()
    TariffRecordFactory(page=tariffs, price=Decimal("6.59"), effective_from=today - datetime.timedelta(days=30),
                        effective_to=today + datetime.timedelta(days=30))
    with django_capture_on_commit_callbacks(execute=True):
        tariffs.save_revision().publish()
    warm_every_variant(client, tariffs.url)
    with django_capture_on_commit_callbacks(execute=True):
        records = list(tariffs.tariffs.all())
        records[0].price = Decimal("7.12")
        tariffs.tariffs.set(records)
        tariffs.save_revision().publish()
    for variant, cookie in VARIANTS.items():
        html = get(client, tariffs.url, cookie).content.decode()
        assert "7,12" in html and "6,59" not in html, variant

    with django_capture_on_commit_callbacks(execute=True):
        directory = ServiceCentreIndexPageFactory(parent=home)
        directory.save_revision().publish()
        ServiceCentrePageFactory(parent=directory, title="Центр в Котласе").save_revision().publish()
    warm_every_variant(client, directory.url)
    with django_capture_on_commit_callbacks(execute=True):
        ServiceCentrePageFactory(parent=directory, title="Центр в Вельске").save_revision().publish()
    for variant, cookie in VARIANTS.items():
        html = get(client, directory.url, cookie).content.decode()
        assert "Центр в Вельске" in html and "Центр в Котласе" in html, variant


def test_the_sites_contacts_and_an_outage_show_at_once(client, home, django_capture_on_commit_callbacks):
    """The hotline (a site setting, in every page's footer) and an outage starting (the home page's
    banner) are saved outside the page tree: the pages showing them are new at once."""
    from cms_pages.models.contacts import ContactSettings
    from outages import status as st
    from tests.outages import factories as outages

    with django_capture_on_commit_callbacks(execute=True):
        home.save_revision().publish()
    warm_every_variant(client, home.url)
    contacts = ContactSettings.for_site(home.get_site())
    with django_capture_on_commit_callbacks(execute=True):
        contacts.hotline_number = "8-800-555-35-35"
        contacts.save()
    for variant, cookie in VARIANTS.items():
        assert "8-800-555-35-35" in get(client, home.url, cookie).content.decode(), variant

    for cookie in VARIANTS.values():  # stored by the loop above
        assert status(get(client, home.url, cookie)) == "HIT"
    assert "outages-alert-title" not in get(client, home.url).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        outages.outage([(outages.settlement(), None, "")], status=st.IN_PROGRESS)
    for variant, cookie in VARIANTS.items():
        assert "outages-alert-title" in get(client, home.url, cookie).content.decode(), variant


def test_a_draft_seen_by_an_editor_never_reaches_the_public(client, home, admin_user,
                                                            django_capture_on_commit_callbacks):
    """An editor's "view draft" renders the draft's tariffs; the public page, its stored copy and
    the worker's remembered tables keep the published ones."""
    from decimal import Decimal

    from django.urls import reverse

    from tests.factories import TariffPageFactory, TariffRecordFactory

    tariffs = TariffPageFactory(parent=home)
    today = timezone.localdate()
    TariffRecordFactory(page=tariffs, price=Decimal("6.59"), effective_from=today - datetime.timedelta(days=30),
                        effective_to=today + datetime.timedelta(days=30))
    with django_capture_on_commit_callbacks(execute=True):
        tariffs.save_revision().publish()
    warm_every_variant(client, tariffs.url)
    records = list(tariffs.tariffs.all())
    records[0].price = Decimal("7.12")
    tariffs.tariffs.set(records)
    tariffs.save_revision()  # a draft

    from django.test import Client

    editor = Client()
    editor.force_login(admin_user)
    draft = editor.get(reverse("wagtailadmin_pages:view_draft", args=[tariffs.pk]))
    assert draft.status_code == 200 and "7,12" in draft.content.decode()
    for variant, cookie in VARIANTS.items():  # another query string: not stored yet, same generation
        response = get(client, tariffs.url + "?from=draft-test", cookie)
        assert status(response) == "MISS", variant
        assert "6,59" in response.content.decode() and "7,12" not in response.content.decode(), variant
