"""The public report: figures of the known cases (tests/quality/conftest.py) worked out by hand,
small-count suppression, both languages, and CSV/JSON equal to the page."""
import csv
import io
import json
import re
from html import unescape

import pytest

pytestmark = pytest.mark.django_db

NB = "\u00a0"
URL = "/{lang}/service-quality/?period=2026-q3"


def page_tables(html):
    """{table key: {row key: [current, previous, change]}} as the page shows them."""
    tables = {}
    for key, body in re.findall(r'<table class="table quality-table" id="table-([\w-]+)">(.*?)</table>', html, re.S):
        rows = {}
        for row_key, cells in re.findall(r'<tr data-key="([\w-]+)">(.*?)</tr>', body, re.S):
            rows[row_key] = [unescape(c).strip() for c in re.findall(r'<td class="numeric">(.*?)</td>', cells, re.S)]
        tables[key] = rows
    return tables


@pytest.fixture
def ru_page(client, known_cases):
    response = client.get(URL.format(lang="ru"))
    assert response.status_code == 200
    return page_tables(response.content.decode())


def test_forms_of_service_with_secondary_suppression(ru_page):
    forms = ru_page["forms"]
    assert forms["visit"] == ["5", "0", "+5"]
    assert forms["phone"] == ["менее 5", "0", "—"]  # 5, hidden so that letter (2) cannot be worked out
    assert forms["web"] == ["6", "8", "\u22122"]
    assert forms["letter"] == ["менее 5", "0", "—"]
    assert forms["total"] == ["18", "8", "+10"]  # the 4th-quarter case (01.10 00:30 MSK) is not counted


def test_categories(ru_page):
    categories = ru_page["categories"]
    assert list(categories) == ["supply_quality", "meter", "tariff", "total"]  # the form's order
    assert categories["tariff"] == ["10", "8", "+2"]
    assert categories["meter"] == ["менее 5", "0", "—"]
    assert categories["supply_quality"] == ["менее 5", "0", "—"]  # secondary suppression


def test_answer_times(ru_page):
    answers = ru_page["answers"]
    assert answers["registered"] == ["18", "8", "+10"]
    assert answers["answered"] == ["10", "7", "+3"]
    # on time: a1–a9 (a9 on the due date); late: a10 and the three open cases past due
    assert answers["on_time"] == ["9", "7", "+2"]
    assert answers["late"] == ["менее 5", "менее 5", "—"]
    assert answers["on_time_share"] == [f"69,2{NB}%", f"87,5{NB}%", f"\u221218,3{NB}п.{NB}п."]  # 9/13, 7/8
    assert answers["median_days"] == ["5,5", "2,0", "+3,5"]  # (5 + 6) / 2
    assert answers["p90_days"] == ["30", "2", "+28"]  # rank 9 of 10
    assert answers["extended"] == ["5", "0", "+5"]  # a6–a10
    assert answers["forwarded"] == ["менее 5", "0", "—"]
    assert answers["appeals"] == ["0", "0", "0"]


def test_complaints_and_ratings(ru_page):
    complaints = ru_page["complaints"]
    assert complaints["complaints_registered"] == ["5", "0", "+5"]
    assert complaints["complaints_on_time"] == ["менее 5", "0", "—"]  # a6–a9: 4
    assert complaints["complaints_on_time_share"] == [f"80,0{NB}%", "нет случаев", "—"]
    assert complaints["complaints_median_days"] == ["8,0", "нет случаев", "—"]
    assert complaints["complaints_p90_days"] == ["40", "нет случаев", "—"]
    assert complaints["complaints_satisfied_share"] == ["менее 5 случаев", "нет случаев", "—"]
    ratings = ru_page["ratings"]
    assert ratings["rated"] == ["6", "0", "+6"]
    assert ratings["satisfied"] == ["менее 5", "0", "—"]
    assert ratings["satisfied_share"] == [f"66,7{NB}%", "нет случаев", "—"]


def test_page_usefulness(ru_page):
    usefulness = ru_page["usefulness"]
    assert usefulness["votes"] == ["10", "0", "+10"]  # the 01.10 vote belongs to the 4th quarter
    assert usefulness["useful"] == ["8", "0", "+8"]
    assert usefulness["not_useful"] == ["менее 5", "0", "—"]
    assert usefulness["useful_share"] == [f"80,0{NB}%", "нет случаев", "—"]


def test_charts_are_accessible_svg_with_the_table_beside(client, known_cases):
    html = client.get(URL.format(lang="ru")).content.decode()
    svgs = re.findall(r"<svg class=\"quality-chart__svg\"[^>]*>.*?</svg>", html, re.S)
    assert len(svgs) == 2
    for svg in svgs:
        assert 'role="img"' in svg and "<title id=" in svg and "<desc id=" in svg
        labelled = re.search(r'aria-labelledby="([^"]+)"', svg).group(1).split()
        assert all(f'id="{i}"' in svg for i in labelled)
    assert "Очная форма (личный приём): 5, в предыдущем периоде 0" in svgs[0]
    # a suppressed value gets no bar: this quarter's bars are the legend's, visit (5) and web (6)
    assert svgs[0].count('quality-chart__bar--current" x="4" y=') == 3
    assert "<script" not in html.split("<main", 1)[1].split("</main>")[0]


def test_english_version(client, known_cases):
    response = client.get(URL.format(lang="en"))
    assert response.status_code == 200
    html = response.content.decode()
    assert '<html lang="en"' in html
    assert "Service quality: Q3 2026" in html
    tables = page_tables(html)
    assert tables["forms"]["phone"] == ["fewer than 5", "0", "—"]
    assert tables["answers"]["on_time_share"] == [f"69.2{NB}%", f"87.5{NB}%", f"\u221218.3{NB}p.p."]
    assert tables["answers"]["median_days"] == ["5.5", "2.0", "+3.5"]
    data = json.loads(client.get("/en/service-quality/data.json?period=2026-q3").content)
    assert data["tables"][0]["caption"] == "Appeals by form of service"
    assert data["tables"][0]["rows"][1]["current"] == {"value": None, "text": "fewer than 5"}


@pytest.mark.parametrize("lang", ["ru", "en"])
def test_csv_and_json_equal_the_page(client, known_cases, lang):
    page = page_tables(client.get(URL.format(lang=lang)).content.decode())
    data = json.loads(client.get(f"/{lang}/service-quality/data.json?period=2026-q3").content)
    response = client.get(f"/{lang}/service-quality/data.csv?period=2026-q3")
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    header, body = rows[0], rows[1:]
    assert len(header) == 5
    assert [t["key"] for t in data["tables"]] == list(page)
    csv_at = 0
    for table in data["tables"]:
        assert [r["key"] for r in table["rows"]] == list(page[table["key"]])
        for row in table["rows"]:
            cells = [row["current"], row["previous"], row["change"]]
            assert [c["text"] for c in cells] == page[table["key"]][row["key"]]
            line = body[csv_at]
            csv_at += 1
            assert line[:2] == [table["caption"], row["label"]]
            for cell, written in zip(cells, line[2:]):
                if cell["value"] is None:
                    assert written == cell["text"]
                else:
                    assert float(written) == pytest.approx(cell["value"])
                    # and the page shows the same number, in the language's spelling
                    number = re.sub(r"\u00a0(%|п\.\u00a0п\.|p\.p\.)$", "", cell["text"])
                    shown = re.sub(r"[^\d.,\u2212+-]", "", number).replace("\u2212", "-")
                    shown = shown.replace(NB, "").replace(",", "." if lang == "ru" else "")
                    assert float(shown) == pytest.approx(cell["value"])
    assert csv_at == len(body)


def test_default_period_is_the_last_complete_quarter(client, known_cases):
    response = client.get("/ru/service-quality/")
    assert response.status_code == 200
    assert "Качество обслуживания: 3 квартал 2026 года" in response.content.decode()


@pytest.mark.parametrize("bad", ["2031-q1", "nonsense", "2026-q9", ""])
def test_a_bad_period_is_a_clear_400_not_a_500(client, known_cases, bad):
    response = client.get(f"/ru/service-quality/?period={bad}")
    assert response.status_code == 400
    html = response.content.decode()
    assert "Выберите период из списка." in html and "<title>Ошибка: " in html
    assert client.get(f"/ru/service-quality/data.csv?period={bad}").status_code == 400
    assert client.get(f"/ru/service-quality/data.json?period={bad}").status_code == 400


def test_the_report_page_works_without_javascript_and_has_download_links(client, known_cases):
    html = client.get(URL.format(lang="ru")).content.decode()
    assert '<form method="get" action="/ru/service-quality/"' in html
    assert 'href="/ru/service-quality/data.csv?period=2026-q3"' in html
    assert 'href="/ru/service-quality/data.json?period=2026-q3"' in html


def test_the_database_path_gives_the_python_path_figures(known_cases):
    """The report groups answer times in SQL where the zone's offset is fixed; the per-case Python
    path (kept for zones with daylight saving) must give exactly the same figures."""
    from django.utils import timezone

    from quality import report
    from quality.rules.periods import parse

    tz = timezone.get_current_timezone()
    today = timezone.localdate()
    for slug in ("2026-q3", "2026-q2", "2026"):
        period = parse(slug)
        assert report.fixed_offset_minutes(period, tz) == 180
        by_database = report.answer_times(period, today, tz)
        rows = report._raw_rows(report.cases_in(period).order_by().annotate(answered=report.answered_at_subquery())
                                .values_list("request_type", "created_at", "answered", "due_date"), tz)
        by_python = (report._times([r[1:] for r in rows], today, tz),
                     report._times([r[1:] for r in rows if r[0] in report.COMPLAINT_TYPES], today, tz))
        for database, python in zip(by_database, by_python):
            assert database == {**python, "days": sorted(python["days"])}, slug
        assert by_database[0]["answered"] > 0


def test_a_zone_with_daylight_saving_takes_the_python_path():
    from zoneinfo import ZoneInfo

    from quality import report
    from quality.rules.periods import parse

    assert report.fixed_offset_minutes(parse("2026"), ZoneInfo("Europe/Berlin")) is None
    assert report.fixed_offset_minutes(parse("2026-q1"), ZoneInfo("Europe/Berlin")) is None  # DST begins 29.03
    assert report.fixed_offset_minutes(parse("2026-q3"), ZoneInfo("Europe/Berlin")) == 120


def test_appeals_and_upheld_from_the_officers_decisions(client, home, time_machine):
    """Eight appeals in the 1st quarter of 2026: 4 upheld, 1 upheld in part, 2 dismissed, 1 not yet
    decided → 8 appeals, 5 upheld; the quarter before has none."""
    import datetime

    from cases.models import Case, Unit
    from tests.quality.conftest import TODAY, at

    time_machine.move_to(TODAY, tick=False)
    unit = Unit.objects.first() or Unit.objects.create(code="service", name="Служба")
    decisions = [Case.UPHELD] * 4 + [Case.PARTLY_UPHELD] + [Case.DISMISSED] * 2 + [""]
    for decision in decisions:
        Case.objects.create(channel="web", request_type="appeal", created_at=at(2026, 2, 2),
                            due_date=datetime.date(2026, 3, 4), unit=unit, applicant_name="Тест",
                            message="Жалоба на решение", appeal_decision=decision, status=Case.ANSWERED)
    tables = page_tables(client.get("/ru/service-quality/?period=2026-q1").content.decode())
    assert tables["answers"]["appeals"] == ["8", "0", "+8"]
    assert tables["answers"]["upheld"] == ["5", "0", "+5"]
    english = page_tables(client.get("/en/service-quality/?period=2026-q1").content.decode())
    assert english["answers"]["upheld"] == ["5", "0", "+5"]
    assert "Appeals upheld (wholly or in part)" in client.get("/en/service-quality/?period=2026-q1").content.decode()
