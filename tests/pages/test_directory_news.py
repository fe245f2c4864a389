"""Service centres (open now, filters without JavaScript) and news (pagination, RSS)."""
import datetime
from unittest import mock
from xml.etree import ElementTree

import pytest
from bs4 import BeautifulSoup
from django.utils import timezone

from tests import factories as f

pytestmark = pytest.mark.django_db


def soup(response):
    return BeautifulSoup(response.content.decode(), "html.parser")


@pytest.fixture
def directory(home):
    index = f.ServiceCentreIndexPageFactory(parent=home, slug="cok", slug_en="offices")
    specs = [
        ("arh", "Архангельск", "Arkhangelsk", dict(has_ramp=True, has_hearing_loop=True)),
        ("arh2", "Архангельск", "Arkhangelsk", {}),
        ("kotlas", "Котлас", "Kotlas", dict(has_ramp=True, offers_home_visits=True)),
        ("onega", "Онега", "", dict(has_disabled_parking=True)),
    ]
    for slug, town, town_en, features in specs:
        centre = f.ServiceCentrePageFactory(parent=index, slug=slug, slug_en=slug, town=town, town_en=town_en,
                                            title=f"ЦОК {town} {slug}", **features)
        for day in range(5):
            f.OpeningHoursFactory(page=centre, weekday=day, opens=datetime.time(9), closes=datetime.time(17))
    return index


def titles(html):
    return sorted(a.get_text() for a in html.select(".card-list .card__title a"))


def test_directory_lists_all_with_a_plain_get_form(client, directory):
    html = soup(client.get("/ru/cok/"))
    form = html.find("form", class_="filters")
    assert form["method"] == "get" and form.find("button", type="submit")
    assert form.find("fieldset").find("legend")
    assert all(box.get("id") and form.find("label", attrs={"for": box["id"]})
               for box in form.find_all("input", type="checkbox"))
    assert len(titles(html)) == 4
    assert "Найдено центров: 4" in html.find(class_="results-count").get_text()


def test_directory_filters_by_town_and_features(client, directory):
    html = soup(client.get("/ru/cok/", {"town": "Архангельск"}))
    assert titles(html) == ["ЦОК Архангельск arh", "ЦОК Архангельск arh2"]
    html = soup(client.get("/ru/cok/", {"feature": ["has_ramp"]}))
    assert titles(html) == ["ЦОК Архангельск arh", "ЦОК Котлас kotlas"]
    html = soup(client.get("/ru/cok/", {"feature": ["has_ramp", "has_hearing_loop"]}))
    assert titles(html) == ["ЦОК Архангельск arh"]
    assert html.find("input", attrs={"value": "has_ramp"}).has_attr("checked")
    html = soup(client.get("/ru/cok/", {"town": ["Котлас", "Онега"], "feature": "offers_home_visits"}))
    assert titles(html) == ["ЦОК Котлас kotlas"]
    assert "Найден 1 центр" in html.find(class_="results-count").get_text()


def test_directory_with_no_match_says_what_to_do(client, directory):
    response = client.get("/ru/cok/", {"town": "Онега", "feature": "has_hearing_loop"})
    assert response.status_code == 200
    html = soup(response)
    assert titles(html) == []
    assert "Ни один центр не подходит" in html.find(class_="no-results").get_text()


def test_directory_in_english_filters_by_english_town_with_russian_fallback(client, directory):
    html = soup(client.get("/en/offices/", {"town": "Kotlas"}))
    links = html.select(".card-list .card__title a")
    assert [a["href"] for a in links] == ["/en/offices/kotlas/"]
    towns = [box["value"] for box in html.find_all("input", attrs={"name": "town"})]
    assert "Kotlas" in towns and "Онега" in towns  # no English name: the Russian one is shown
    assert html.find("label", attrs={"for": "town-3"}).find("span", lang="ru").get_text() == "Онега"


def test_directory_query_count(client, directory, django_assert_max_num_queries):
    with django_assert_max_num_queries(25):
        assert client.get("/ru/cok/", {"feature": "has_ramp"}).status_code == 200


def test_centre_page_says_open_now_in_site_time_zone(client, directory):
    monday_10_msk = datetime.datetime(2026, 7, 6, 7, 0, tzinfo=datetime.timezone.utc)
    with mock.patch("django.utils.timezone.now", return_value=monday_10_msk):
        html = soup(client.get("/ru/cok/arh/"))
    assert html.find(class_="open-state").find(class_="tag--open")
    saturday = datetime.datetime(2026, 7, 11, 9, 0, tzinfo=datetime.timezone.utc)
    with mock.patch("django.utils.timezone.now", return_value=saturday):
        html = soup(client.get("/ru/cok/arh/"))
    state = html.find(class_="open-state")
    assert state.find(class_="tag--closed") and "13.07" in state.get_text()


def test_centre_page_details(client, directory):
    html = soup(client.get("/ru/cok/kotlas/"))
    assert html.find("a", href="tel:88182636060")
    assert html.find("a", href="tel:88002200220")
    hours = html.find("section", attrs={"aria-labelledby": "hours-heading"}).find("table")
    assert hours.find("caption") and len(hours.select("tbody tr")) == 7
    assert "выходной" in hours.select("tbody tr")[6].get_text()
    assert html.find("a", href="/ru/requests/new/?type=home_visit")


@pytest.fixture
def news(home):
    index = f.NewsIndexPageFactory(parent=home, slug="novosti", slug_en="news")
    for n in range(12):
        f.NewsPageFactory(parent=index, title=f"Новость номер {n}", slug=f"n-{n}", slug_en=f"item-{n}",
                          date=datetime.date(2026, 1, 1) + datetime.timedelta(days=n))
    return index


def test_news_index_paginates_newest_first(client, news):
    html = soup(client.get("/ru/novosti/"))
    items = [a.get_text() for a in html.select(".card-list .card__title a")]
    assert len(items) == 10 and items[0] == "Новость номер 11"
    assert html.find("nav", class_="pagination").find("a", attrs={"aria-current": "page"})
    page2 = soup(client.get("/ru/novosti/?page=2"))
    assert [a.get_text() for a in page2.select(".card-list .card__title a")] == ["Новость номер 1", "Новость номер 0"]
    assert client.get("/ru/novosti/?page=99").status_code == 404
    assert client.get("/ru/novosti/?page=abc").status_code == 404


def test_rss_feed_is_valid_xml_with_items_in_the_page_language(client, news):
    response = client.get("/ru/novosti/feed/")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/rss+xml")
    channel = ElementTree.fromstring(response.content).find("channel")
    assert channel.findtext("language") == "ru"
    items = channel.findall("item")
    assert len(items) == 12
    assert items[0].findtext("title") == "Новость номер 11"
    assert items[0].findtext("link").endswith("/ru/novosti/n-11/")
    en = ElementTree.fromstring(client.get("/en/news/feed/").content).find("channel")
    assert en.findtext("language") == "en"
    assert en.find("item").findtext("link").endswith("/en/news/item-11/")
    assert soup(client.get("/ru/novosti/")).find("link", type="application/rss+xml")["href"] == "/ru/novosti/feed/"
