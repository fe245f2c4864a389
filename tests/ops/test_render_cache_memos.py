"""The render cache's per-process memos on a miss (ops.render_cache.memo and memo_until): a cold
render asks the database nothing the generation already knows, what the clock alone changes shows
at its moment without any save (an outage starting, an alert's window, a centre closing), and what
an editor publishes shows at once (a centre's card, a parent's title in the breadcrumbs, a slug in
the language switcher, a view restriction on the home page).

No page is stored here (RENDER_CACHE_MAX_AGE=0): every request renders, as a miss does, with the
memos of the current generation.
"""
import datetime
import os

import pytest
import time_machine
from django.core.cache import caches
from django.utils import timezone, translation

from ops import render_cache


@pytest.fixture(autouse=True)
def cold_renders(settings):
    settings.RENDER_CACHE_ENABLED = True
    settings.RENDER_CACHE_MAX_AGE = 0
    # The default cache as in production (local memory, where Wagtail keeps the sites' root paths
    # that page.url reads), not the test settings' dummy one.
    settings.CACHES = {**settings.CACHES,
                       "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "memos"}}
    caches["default"].clear()
    render_cache.reset_backend_state()
    caches[render_cache.ALIAS].clear()  # a new generation: no memo of another test survives
    yield
    caches["default"].clear()
    render_cache.reset_backend_state()
    if os.environ.get("REDIS_URL") or "redis" not in str(settings.CACHES[render_cache.ALIAS]["BACKEND"]).lower():
        caches[render_cache.ALIAS].clear()


def html(client, url, cookie=""):
    response = client.get(url, HTTP_COOKIE=cookie) if cookie else client.get(url)
    assert response.status_code == 200
    return response.content.decode()


def publish(page, capture):
    with capture(execute=True):
        page.save_revision().publish()


@pytest.fixture
def directory(home, django_capture_on_commit_callbacks):
    from tests.factories import OpeningHoursFactory, ServiceCentreIndexPageFactory, ServiceCentrePageFactory

    index = ServiceCentreIndexPageFactory(parent=home)
    publish(index, django_capture_on_commit_callbacks)
    centre = ServiceCentrePageFactory(parent=index, title="Центр в Котласе", town="Котлас", has_ramp=True)
    for weekday in range(7):
        OpeningHoursFactory(page=centre, weekday=weekday, opens=datetime.time(9), closes=datetime.time(17))
    publish(centre, django_capture_on_commit_callbacks)
    return index, centre


def test_a_cold_render_asks_the_database_nothing_the_generation_knows(client, home, directory,
                                                                      django_assert_num_queries,
                                                                      django_capture_on_commit_callbacks):
    """The route, the site, the view restrictions, the outage banner, the alerts, the menu, the
    breadcrumbs, the footer and the centres are remembered: the second render makes no query."""
    from tests.factories import AlertBannerFactory

    publish(home, django_capture_on_commit_callbacks)
    with django_capture_on_commit_callbacks(execute=True):
        AlertBannerFactory(title="Приём переносится")
    index, _centre = directory
    urls = (home.url, index.url, "/en/")
    assert "Приём переносится" in html(client, urls[0])
    for url in urls:
        first = html(client, url)
        with django_assert_num_queries(0):
            assert html(client, url) == first, url


def test_a_planned_outage_is_announced_starts_and_ends_at_its_moments(client, home,
                                                                     django_capture_on_commit_callbacks):
    """The home page's outage banner: in the coming-week list from 7 days before the start, then
    «идут сейчас» until the end, then gone, with no save in between (one generation)."""
    from tests.outages import factories as outages

    publish(home, django_capture_on_commit_callbacks)
    with django_capture_on_commit_callbacks(execute=True):
        outage = outages.outage([(outages.settlement("Вельск"), None, "")], starts_in=datetime.timedelta(days=8),
                                hours=8)
    now = timezone.now()
    with time_machine.travel(now, tick=False) as clock:
        page = html(client, home.url)
        assert 'id="outages-coming-title"' not in page and 'id="outages-alert-title"' not in page
        clock.move_to(outage.starts_at - datetime.timedelta(days=7) + datetime.timedelta(minutes=1))
        page = html(client, home.url)
        assert 'id="outages-coming-title"' in page and "Вельск" in page
        assert 'id="outages-alert-title"' not in page
        clock.move_to(outage.starts_at + datetime.timedelta(minutes=1))
        page = html(client, home.url)
        assert 'id="outages-alert-title"' in page and 'id="outages-coming-title"' not in page
        clock.move_to(outage.ends_at + datetime.timedelta(minutes=1))
        page = html(client, home.url)
        assert 'id="outages-alert-title"' not in page and 'id="outages-coming-title"' not in page


def test_an_alert_shows_within_its_window_only(client, home, django_capture_on_commit_callbacks):
    from tests.factories import AlertBannerFactory

    publish(home, django_capture_on_commit_callbacks)
    now = timezone.now()
    with django_capture_on_commit_callbacks(execute=True):
        AlertBannerFactory(title="Ремонт на подстанции", starts_at=now + datetime.timedelta(hours=2),
                           ends_at=now + datetime.timedelta(hours=5))
    with time_machine.travel(now, tick=False) as clock:
        assert "Ремонт на подстанции" not in html(client, home.url)
        clock.move_to(now + datetime.timedelta(hours=2, minutes=1))
        assert "Ремонт на подстанции" in html(client, home.url)
        assert "Ремонт на подстанции" in html(client, home.url, "lv=1; lv_scheme=wb")
        clock.move_to(now + datetime.timedelta(hours=5, minutes=1))
        assert "Ремонт на подстанции" not in html(client, home.url)


def test_a_centres_card_says_closed_from_the_minute_it_closes(client, directory):
    index, _centre = directory
    monday_before_five = datetime.datetime(2026, 12, 7, 16, 59, tzinfo=timezone.get_current_timezone())
    with time_machine.travel(monday_before_five, tick=False) as clock:
        page = html(client, index.url)
        assert "Открыто сейчас" in page and "до 17:00" in page
        clock.move_to(monday_before_five + datetime.timedelta(minutes=2))
        page = html(client, index.url)
        assert "Закрыто сейчас" in page and "Открыто сейчас" not in page and "08.12" in page
        with translation.override("en"):
            english = html(client, index.url)
        assert "Closed now" in english and "Open now" not in english


def test_a_published_centre_shows_on_its_card_at_once(client, directory, django_capture_on_commit_callbacks):
    index, centre = directory
    assert "ул. Тестовая, 1" in html(client, index.url)
    html(client, index.url)
    centre.address = "ул. Новая, 5"
    centre.has_hearing_loop = True
    publish(centre, django_capture_on_commit_callbacks)
    page = html(client, index.url)
    assert "ул. Новая, 5" in page and "ул. Тестовая, 1" not in page
    assert "Индукционная петля" in page.split('id="results-heading"', 1)[1]


def test_a_parents_new_title_and_slug_show_in_breadcrumbs_and_the_language_switcher(
        client, home, django_capture_on_commit_callbacks):
    from tests.factories import ContentPageFactory, SectionPageFactory

    section = SectionPageFactory(parent=home, title="Потребителям", slug="potrebitelyam", slug_en="customers")
    publish(section, django_capture_on_commit_callbacks)
    page = ContentPageFactory(parent=section, slug="o-dostupnosti", slug_en="accessibility", title="Доступность")
    publish(page, django_capture_on_commit_callbacks)
    before = html(client, "/ru/potrebitelyam/o-dostupnosti/")
    assert ">Потребителям</a>" in before and 'href="/en/customers/accessibility/"' in before
    html(client, "/ru/potrebitelyam/o-dostupnosti/")  # remembered

    section.title = "Жителям"
    section.slug_en = "residents"
    publish(section, django_capture_on_commit_callbacks)
    after = html(client, "/ru/potrebitelyam/o-dostupnosti/")
    breadcrumbs = after.split('class="breadcrumbs"', 1)[1].split("</nav>", 1)[0]
    assert ">Жителям</a>" in breadcrumbs and "Потребителям" not in breadcrumbs
    assert 'href="/en/residents/accessibility/"' in after and "/en/customers/" not in after


def test_a_restriction_on_the_home_page_applies_at_once(client, home, django_capture_on_commit_callbacks):
    """Wagtail's own check is skipped while the generation knows the page has no restriction."""
    from wagtail.models import PageViewRestriction

    publish(home, django_capture_on_commit_callbacks)
    html(client, home.url)
    html(client, home.url)
    with django_capture_on_commit_callbacks(execute=True):
        PageViewRestriction.objects.create(page=home, restriction_type=PageViewRestriction.LOGIN)
    response = client.get(home.url)
    assert response.status_code == 302 and "/login" in response["Location"]


def test_outages_imported_from_a_file_show_at_once(client, home, django_capture_on_commit_callbacks):
    """The CSV import creates its new outages in bulk (no save signal per outage): the committed
    batch starts a new generation, so the remembered banner goes with it."""
    from outages import importer
    from outages.models import ImportBatch
    from tests.outages import factories as outages

    publish(home, django_capture_on_commit_callbacks)
    outages.settlement("Котлас", slug="kotlas")
    assert 'id="outages-coming-title"' not in html(client, home.url)
    html(client, home.url)  # remembered
    tomorrow = (timezone.localdate() + datetime.timedelta(days=1)).strftime("%d.%m.%Y")
    content = ("номер;населённый пункт;улица;дома;начало;окончание;вид;причина;рэс\n"
               f"A-1;Котлас;;;{tomorrow} 09:00;{tomorrow} 17:00;плановое;Замена опор;kotlas\n")
    with django_capture_on_commit_callbacks(execute=True):
        importer.commit(ImportBatch.objects.create(filename="a.csv", content=content, encoding="UTF-8",
                                                   delimiter=";"))
    page = html(client, home.url)
    assert 'id="outages-coming-title"' in page and "Котлас" in page.split('id="outages-coming-title"', 1)[1]


def test_a_tariff_pages_estimator_links_are_remembered_and_follow_a_publish(client, home,
                                                                             django_assert_num_queries,
                                                                             django_capture_on_commit_callbacks):
    """The links to the bill estimator read the page's records and the tool page's URL: remembered
    per generation (no query on the second cold render), and a published change shows at once."""
    from decimal import Decimal

    from cms_pages.models import BillToolPage
    from tests.factories import TariffPageFactory, TariffRecordFactory

    tool = BillToolPage(title="Калькулятор счёта", title_en="Bill calculator", slug="schet", slug_en="bill")
    home.add_child(instance=tool)
    publish(tool, django_capture_on_commit_callbacks)
    page = TariffPageFactory(parent=home, example_kwh=Decimal("300"))
    TariffRecordFactory(page=page, effective_from=datetime.date(2020, 1, 1), effective_to=None)
    publish(page, django_capture_on_commit_callbacks)
    first = html(client, page.url)
    assert "/ru/schet/?consumer_group=urban_gas" in first and "300" in first
    with django_assert_num_queries(0):
        assert html(client, page.url) == first
    page.example_kwh = Decimal("450")
    publish(page, django_capture_on_commit_callbacks)
    assert "total_kwh=450" in html(client, page.url)
