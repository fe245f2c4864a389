"""Public pages through the test client: list, filters, detail, address check, feeds."""
import datetime
import xml.etree.ElementTree as ET

import icalendar
import pytest
from django.utils import timezone

from outages import status as st
from tests.outages import factories as f

pytestmark = pytest.mark.django_db


@pytest.fixture
def data():
    kotlas = f.settlement("Котлас", slug="kotlas", name_en="Kotlas")
    lenina = f.street(kotlas, "ул. Ленина", "Lenina St")
    arkh_district = f.district("arkhangelsk", "Архангельский РЭС", "+7 (8182) 00-00-01")
    onega = f.settlement("Онега", slug="onega", network_district=arkh_district)
    planned = f.outage([(kotlas, lenina, "1-15 нечётные")], reason="Замена опор; линия, 10 кВ",
                       starts_in=datetime.timedelta(days=2))
    emergency = f.outage([(onega, None, "")], kind=st.EMERGENCY, reason="Падение дерева на линию",
                         network_district=arkh_district, starts_in=-datetime.timedelta(hours=1))
    emergency.set_status(st.IN_PROGRESS, "Бригада на месте", "Crew on site")
    past = f.outage([(kotlas, lenina, "")], reason="Старая работа", starts_in=-datetime.timedelta(days=3))
    return {"kotlas": kotlas, "onega": onega, "planned": planned, "emergency": emergency, "past": past,
            "arkh": arkh_district}


def test_list_shows_current_and_coming_only(client, data):
    response = client.get("/ru/outages/")
    html = response.content.decode()
    assert response.status_code == 200
    assert "Замена опор" in html and "Падение дерева" in html and "Старая работа" not in html
    assert html.index("Падение дерева") < html.index("Замена опор")  # in progress first
    assert "Отключений, которые идут сейчас: 1." in html


def test_list_filters_without_javascript(client, data):
    html = client.get("/ru/outages/", {"district": data["arkh"].pk}).content.decode()
    assert "Падение дерева" in html and "Замена опор" not in html
    html = client.get("/ru/outages/", {"settlement": data["kotlas"].pk}).content.decode()
    assert "Замена опор" in html and "Падение дерева" not in html
    day = timezone.localtime(data["planned"].starts_at).strftime("%d.%m.%Y")
    html = client.get("/ru/outages/", {"date": day}).content.decode()
    assert "Замена опор" in html
    html = client.get("/ru/outages/", {"kind": "emergency"}).content.decode()
    assert "Падение дерева" in html and "Замена опор" not in html


def test_bad_filter_is_a_400_with_an_error_summary(client, data):
    response = client.get("/ru/outages/", {"date": "32.13.2026", "settlement": "abc"})
    html = response.content.decode()
    assert response.status_code == 400
    assert 'class="error-summary"' in html and "<title>Ошибка: " in html
    assert "Введите дату в формате ДД.ММ.ГГГГ" in html
    assert 'value="32.13.2026"' in html  # nothing typed is lost


def test_detail_page_with_timeline(client, data):
    outage = data["emergency"]
    html = client.get(outage.get_absolute_url()).content.decode()
    assert "Падение дерева на линию" in html and "Бригада на месте" in html
    assert "+7 (8182) 00-00-01" in html
    assert html.count("<h1") == 1
    english = client.get(outage.get_absolute_url().replace("/ru/", "/en/")).content.decode()
    assert "Crew on site" in english


def test_unknown_outage_is_404(client, data):
    assert client.get("/ru/outages/999999/").status_code == 404


def test_check_yes_with_window_reason_and_advice(client, data):
    html = client.get("/ru/outages/check/", {"settlement": "г. Котлас", "street": "улица ЛЕНИНА",
                                             "house": "3"}).content.decode()
    assert "Да, по этому адресу есть отключение" in html
    assert "Замена опор" in html and data["planned"].window_text in html
    assert "Что делать" in html


def test_check_no_for_other_side_of_the_street(client, data):
    html = client.get("/ru/outages/check/", {"settlement": "Котлас", "street": "Ленина", "house": "4"}).content.decode()
    assert "Нет, известных отключений по этому адресу нет" in html
    assert "8-800-220-0-220" in html  # what to do if the power is off anyway


def test_unknown_address_says_so_and_offers_hotline_and_report_form(client, data):
    response = client.get("/ru/outages/check/", {"settlement": "Котлос", "street": "", "house": ""})
    html = response.content.decode()
    assert response.status_code == 200
    assert "Населённый пункт «Котлос» не найден" in html and "8-800-220-0-220" in html
    assert "/ru/requests/" in html and "Котлас" in html  # report form and a suggestion
    html = client.get("/ru/outages/check/", {"settlement": "Котлас", "street": "Несуществующая", "house": ""}).content.decode()
    assert "Улица «Несуществующая» в населённом пункте Котлас не найдена" in html


def test_check_bad_input_is_400_and_keeps_values(client, data):
    response = client.get("/ru/outages/check/", {"settlement": "", "street": "Ленина", "house": "корпус"})
    html = response.content.decode()
    assert response.status_code == 400
    assert "Введите населённый пункт" in html and "Номер дома должен начинаться с цифры" in html
    assert 'value="Ленина"' in html and 'href="#id_settlement"' in html


def test_check_in_english(client, data):
    html = client.get("/en/outages/check/", {"settlement": "Kotlas", "street": "Lenina St", "house": "5"}).content.decode()
    assert 'lang="en"' in html and "Replacing poles" in html


def test_rss_feed_parses(client, data):
    response = client.get("/ru/outages/feed/rss/kotlas/")
    assert response.status_code == 200
    root = ET.fromstring(response.content)
    items = root.findall("./channel/item")
    assert [i.findtext("title") for i in items] == [data["planned"].title]
    assert items[0].findtext("link").endswith(data["planned"].get_absolute_url())
    all_items = ET.fromstring(client.get("/ru/outages/feed/rss/").content).findall("./channel/item")
    assert len(all_items) == 2
    assert client.get("/ru/outages/feed/rss/nowhere/").status_code == 404


def test_icalendar_feed_parses(client, data):
    response = client.get("/ru/outages/feed/ical/kotlas/")
    assert response.status_code == 200 and response["Content-Type"].startswith("text/calendar")
    calendar = icalendar.Calendar.from_ical(response.content)
    events = list(calendar.walk("VEVENT"))
    assert len(events) == 1
    event = events[0]
    assert event.decoded("DTSTART") == data["planned"].starts_at.replace(microsecond=0)
    assert event.decoded("DTEND") == data["planned"].ends_at.replace(microsecond=0)
    assert "Замена опор; линия, 10 кВ" in str(event["DESCRIPTION"])  # escaped ; and , survive
    for line in response.content.split(b"\r\n"):
        assert len(line) <= 75


def test_home_page_hooks(data):
    from django.template import Context, Template

    html = Template("{% load outages_tags %}{% outages_in_progress_count as n %}[{{ n }}]{% outages_alert %}").render(Context())
    assert "[1]" in html and "/ru/outages/check/" in html


@pytest.mark.parametrize("lang, heading, days", [("ru", "Плановые отключения", "в ближайшие 7 дней"),
                                                 ("en", "Planned outages", "in the next 7 days")])
def test_home_page_announces_the_coming_weeks_planned_outages_from_the_registry(client, home, data, lang,
                                                                                heading, days):
    far = f.outage([(data["kotlas"], None, "")], reason="Через месяц", starts_in=datetime.timedelta(days=30))
    html = client.get(f"/{lang}/").content.decode()
    coming = html[html.index('id="outages-coming-title"'):]
    coming = coming[:coming.index("</section>")]
    assert heading in coming and days in coming
    assert data["planned"].get_absolute_url().replace("/ru/", f"/{lang}/") in coming  # within the week
    assert far.get_absolute_url().replace("/ru/", f"/{lang}/") not in coming  # a month ahead: not yet
    assert data["past"].get_absolute_url().replace("/ru/", f"/{lang}/") not in coming
    # in progress now (the emergency) is the other notice, with its count
    assert 'id="outages-alert-title"' in html


def test_no_coming_notice_without_planned_outages(client, home):
    assert 'id="outages-coming-title"' not in client.get("/ru/").content.decode()
