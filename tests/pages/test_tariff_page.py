"""The tariff page through the test client: chosen by date, CSV/JSON that match the page, bad dates."""
import csv
import datetime
import io
import json
from decimal import Decimal

import pytest
from bs4 import BeautifulSoup
from django.utils import formats, timezone, translation

from tests import factories as f

pytestmark = pytest.mark.django_db


def soup(response):
    return BeautifulSoup(response.content.decode(), "html.parser")


def shown_prices(response, section_class="tariffs-in-force"):
    section = soup(response).find("section", class_=section_class)
    return sorted(td.get_text(strip=True) for td in section.select("td.tariff-price")) if section else []


def loc(value, lang="ru"):
    with translation.override(lang):
        return formats.localize(Decimal(value))


@pytest.mark.parametrize("on, expected", [
    ("2026-06-30", ["3.40", "4.61", "6.59", "7.10"]),  # the day before the rise
    ("2026-07-01", ["7.31"]),                          # the day of the rise
    ("2026-07-02", ["7.31"]),                          # the day after
    ("2027-05-01", ["7.31"]),                          # open-ended record stays in force
    ("2025-12-31", ["5.90"]),
])
def test_tariffs_in_force_are_chosen_by_date(client, tariff_page, on, expected):
    response = client.get(f"/ru/tarify/?date={on}")
    assert response.status_code == 200
    assert shown_prices(response) == sorted(loc(p) for p in expected)


def test_before_the_change_the_page_announces_the_next_period_and_keeps_an_archive(client, tariff_page):
    response = client.get("/ru/tarify/?date=30.06.2026")
    html = soup(response)
    upcoming = html.find("section", class_="tariffs-upcoming")
    assert "01.07.2026" in upcoming.h3.get_text()
    assert [td.get_text(strip=True) for td in upcoming.select("td.tariff-price")] == [loc("7.31")]
    archive = html.find("section", class_="tariffs-archive")
    assert [td.get_text(strip=True) for td in archive.select("td.tariff-price")] == [loc("5.90")]


def test_tariff_page_shows_groups_zone_hours_bands_vat_and_legal_basis(client, tariff_page):
    response = client.get("/ru/tarify/?date=2026-03-01")
    html = soup(response)
    section = html.find("section", class_="tariffs-in-force")
    captions = [c.get_text(" ", strip=True) for c in section.find_all("caption")]
    assert captions == ["Городское население в домах с газовыми плитами",
                        "Население в домах с электроплитами или электроотоплением и сельское население"]
    text = section.get_text(" ", strip=True)
    assert "07:00–23:00" in text and "Двухзонный" in text
    assert "до 3900 кВт·ч в месяц" in text
    assert "с НДС" in text
    assert "81-э/5" in text and "от 19.12.2025" in text
    assert "демонстрационные данные" in text
    assert section.find("a", href="https://example.org/order")
    for table in section.find_all("table"):
        assert all(th.get("scope") in ("col", "row") for th in table.find_all("th"))


def test_today_is_the_default_date(client, home, act):
    today = timezone.localdate()
    page = f.TariffPageFactory(parent=home, slug="segodnya")
    f.TariffRecordFactory(page=page, price=Decimal("1.11"), effective_from=today - datetime.timedelta(days=1),
                          effective_to=today)
    f.TariffRecordFactory(page=page, price=Decimal("2.22"), effective_from=today + datetime.timedelta(days=1),
                          effective_to=None)
    response = client.get("/ru/segodnya/")
    assert shown_prices(response) == [loc("1.11")]
    assert today.strftime("%d.%m.%Y") in soup(response).find(id="in-force-heading").get_text()


@pytest.mark.parametrize("bad, message", [
    ("2026-02-30", "Такой даты нет в календаре"),
    ("abc", "ДД.ММ.ГГГГ"),
    ("99999-01-01", "ДД.ММ.ГГГГ"),
])
def test_malformed_or_impossible_date_gives_a_clear_400_in_russian(client, tariff_page, bad, message):
    response = client.get("/ru/tarify/", {"date": bad})
    assert response.status_code == 400
    html = soup(response)
    assert html.title.get_text().startswith("Ошибка: ")
    summary = html.find(class_="error-summary")
    assert "Есть ошибки" in summary.get_text() and message in summary.get_text()
    assert summary.find("a", href="#date")
    assert html.find("input", id="date")["value"] == bad  # nothing the user typed is lost
    assert len(html.find_all("h1")) == 1


def test_bad_date_message_is_in_english_on_the_english_page(client, tariff_page):
    response = client.get("/en/tariffs/", {"date": "2026-13-01"})
    assert response.status_code == 400
    html = soup(response)
    assert html.html["lang"] == "en"
    assert html.title.get_text().startswith("Error: ")
    assert "There is a problem" in html.find(class_="error-summary").get_text()
    assert "This date does not exist" in html.find(class_="error-summary").get_text()


def _json(client, url):
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/json")
    return json.loads(response.content)


def test_json_download_lists_every_record_with_every_field(client, tariff_page):
    data = _json(client, "/ru/tarify/data.json")
    assert len(data["records"]) == tariff_page.tariffs.count() == 6
    two_zone_day = next(r for r in data["records"] if r["zone"] == "day")
    assert two_zone_day["hours_ru"] == "07:00–23:00" and two_zone_day["hours_en"] == "7 am – 11 pm"
    assert two_zone_day["zone_label"] == "Дневная зона"
    assert two_zone_day["legal_act_number"] == "81-э/5" and two_zone_day["legal_act_is_demo"] is True
    assert two_zone_day["price"] == "7.10" and two_zone_day["vat_included"] is True
    english = _json(client, "/en/tariffs/data.json")
    assert next(r for r in english["records"] if r["zone"] == "day")["zone_label"] == "Day zone"


def test_csv_download_has_the_same_records_as_json(client, tariff_page):
    response = client.get("/ru/tarify/data.csv")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig"))))
    data = _json(client, "/ru/tarify/data.json")
    assert [(r["id"], r["price"], r["effective_from"]) for r in rows] == [
        (str(r["id"]), r["price"], r["effective_from"]) for r in data["records"]]


def test_downloads_match_what_the_page_shows(client, tariff_page):
    """The records the page shows in force today are exactly those marked in_force in the data."""
    page_response = client.get("/ru/tarify/")
    shown_ids = sorted(int(tr["data-tariff-id"]) for tr in
                       soup(page_response).find("section", class_="tariffs-in-force").select("tr[data-tariff-id]"))
    data = _json(client, "/ru/tarify/data.json")
    assert shown_ids == sorted(r["id"] for r in data["records"] if r["status"] == "in_force")
    for record in data["records"]:
        if record["status"] == "in_force":
            row = soup(page_response).find("tr", attrs={"data-tariff-id": str(record["id"])})
            assert row.select_one("td.tariff-price").get_text(strip=True) == loc(record["price"])
            assert record["rate_type_label"] in row.get_text()


def test_data_files_of_a_page_that_is_not_a_tariff_page_are_404(client, home):
    f.SectionPageFactory(parent=home, slug="razdel")
    assert client.get("/ru/razdel/data.csv").status_code == 404
    assert client.get("/ru/no-such-page/data.json").status_code == 404


def test_tariff_page_query_count(client, tariff_page, django_assert_max_num_queries):
    with django_assert_max_num_queries(25):
        assert client.get("/ru/tarify/?date=2026-06-30").status_code == 200
    with django_assert_max_num_queries(25):
        assert client.get("/en/tariffs/data.json").status_code == 200


def test_unknown_sub_path_of_a_tariff_page_is_a_404_page_in_the_language_of_the_url(client, tariff_page):
    response = client.get("/en/tariffs/period/2099/")
    assert response.status_code == 404
    assert soup(response).html["lang"] == "en"
    assert soup(response).h1.get_text() == "Page not found"


def test_english_tariff_page_has_english_labels_and_russian_fallback_marked(client, tariff_page):
    html = soup(client.get("/en/tariffs/?date=2026-03-01"))
    section = html.find("section", class_="tariffs-in-force")
    assert "Tariffs in force on 01.03.2026" in section.h2.get_text()
    assert "Urban households with gas stoves" in section.caption.get_text()
    assert section.find("span", class_="tariff-hours", string="7 am – 11 pm")
    night_hours = section.find("span", class_="tariff-hours", string="23:00–07:00")
    assert night_hours["lang"] == "ru"  # no English text: Russian shown and marked
