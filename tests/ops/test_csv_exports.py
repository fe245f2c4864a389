"""Formula injection: every CSV/XLSX the site or the admin exports keeps formula-like text inert,
and numbers stay numbers (issue 12, item 4). One test per export endpoint."""
import csv
import datetime
import io
from decimal import Decimal

import openpyxl
import pytest
from django.contrib.auth import get_user_model
from django.urls import URLResolver, get_resolver
from django.utils import timezone
from wagtail.admin.views.mixins import SpreadsheetExportMixin

from feedback.models import PageFeedback
from ops.csv_safety import SafeSpreadsheetExportMixin, safe_cell, safe_writer
from tests import factories as f

pytestmark = pytest.mark.django_db

HYPERLINK = '=HYPERLINK("http://x","y")'
# What a visitor or an editor may type; each must reach the spreadsheet as plain text.
PAYLOADS = [HYPERLINK, "+7 звоните", "@SUM(A1)", "\t=1+2", "\r=cmd|' /C calc'!A0", "-2+3", " =1+1"]


def body(response):
    return b"".join(response.streaming_content) if response.streaming else response.content


def csv_rows(response):
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    return list(csv.reader(io.StringIO(body(response).decode("utf-8-sig"), newline="")))


def xlsx_rows(response):
    assert response.status_code == 200
    sheet = openpyxl.load_workbook(io.BytesIO(body(response))).active
    return [list(row) for row in sheet.iter_rows()]


def column(rows, heading):
    index = rows[0].index(heading)
    return [row[index] for row in rows[1:]]


def assert_inert_csv(cells, payloads):
    """Each payload is there, once, as text behind an apostrophe."""
    for payload in payloads:
        assert "'" + payload in cells, (payload, cells)
    for cell in cells:
        assert not cell.lstrip(" ").startswith(("=", "+", "-", "@", "\t", "\r")), cell


def assert_inert_xlsx(cells, payloads):
    """In XLSX the exact text is stored as a text cell with the quote prefix, never a formula."""
    by_value = {cell.value: cell for cell in cells}
    for payload in payloads:
        cell = by_value[payload.replace("\r", "\n")]  # XML reads a bare CR back as LF
        assert cell.data_type == "s" and cell.quotePrefix, (payload, cell.data_type)
    assert all(cell.data_type != "f" for cell in cells)


@pytest.fixture
def admin_client(client, db):
    user = get_user_model().objects.create_superuser("exporter", "exporter@example.invalid", "pw-long-enough-1")
    client.force_login(user)
    return client


# ---- the function --------------------------------------------------------------------------

@pytest.mark.parametrize("text", PAYLOADS + ["＝1+1", "\n=1"])
def test_formula_like_text_gets_the_text_mark(text):
    assert safe_cell(text) == "'" + text


@pytest.mark.parametrize("value", [
    -5, 0, 3.5, -0.25, Decimal("-6.59"), datetime.date(2026, 7, 1), True, None, "",
    "Тариф 6,59 руб.", "ул. Мира, 1", "2026-07-01", "'=already marked", "a=b", "e-mail",
])
def test_numbers_dates_and_ordinary_text_are_left_alone(value):
    assert safe_cell(value) == value
    assert type(safe_cell(value)) is type(value)


def test_safe_writer_keeps_negative_numbers_numeric():
    buffer = io.StringIO()
    safe_writer(buffer, lineterminator="\n").writerows([["-5", -5, Decimal("-1.50"), "=1"]])
    assert buffer.getvalue() == "'-5,-5,-1.50,'=1\n"


# ---- feedback: the editors' reports ----------------------------------------------------------

@pytest.fixture
def section(home):
    return f.SectionPageFactory(parent=home, title="Тарифы и оплата")


def test_feedback_comments_export_csv(admin_client, client, section):
    # The first one the way a visitor leaves it: vote, then comment, on the public site.
    comment_url = client.post("/ru/feedback/", {"page": section.pk, "useful": "no"})["Location"]
    assert client.post(comment_url, {"comment": HYPERLINK}).status_code == 303
    for payload in PAYLOADS[1:]:
        PageFeedback.objects.create(page=section, useful=False, comment=payload)
    rows = csv_rows(admin_client.get(f"/admin/reports/page-usefulness/{section.pk}/?export=csv"))
    assert_inert_csv(column(rows, "Комментарий"), PAYLOADS)
    assert set(column(rows, "Дата")) == {timezone.localdate().isoformat()}  # a date, not text


def test_feedback_comments_export_xlsx(admin_client, section):
    for payload in PAYLOADS:
        PageFeedback.objects.create(page=section, useful=True, comment=payload)
    rows = xlsx_rows(admin_client.get(f"/admin/reports/page-usefulness/{section.pk}/?export=xlsx"))
    assert_inert_xlsx([row[3] for row in rows[1:]], PAYLOADS)
    assert all(row[0].data_type == "d" for row in rows[1:])  # dates stay dates


def test_usefulness_report_export_keeps_counts_numeric(admin_client, home):
    page = f.SectionPageFactory(parent=home, title=HYPERLINK)
    PageFeedback.objects.create(page=page, useful=True)
    PageFeedback.objects.create(page=page, useful=False)
    rows = csv_rows(admin_client.get("/admin/reports/page-usefulness/?export=csv"))
    assert column(rows, "Страница") == ["'" + HYPERLINK]
    assert (column(rows, "Да"), column(rows, "Нет"), column(rows, "Полезна, %")) == (["1"], ["1"], ["50"])
    sheet = xlsx_rows(admin_client.get("/admin/reports/page-usefulness/?export=xlsx"))
    title, yes, no, percent = sheet[1][0], sheet[1][2], sheet[1][3], sheet[1][4]
    assert title.value == HYPERLINK and title.data_type == "s" and title.quotePrefix
    assert (yes.value, no.value, percent.value) == (1, 1, 50)
    assert {yes.data_type, no.data_type, percent.data_type} == {"n"}


# ---- the case queue --------------------------------------------------------------------------

def test_case_queue_export(admin_client):
    from cases import services
    from cases.models import Case

    answers = {"applicant_name": "Сидоров Иван", "email": "ivan@example.ru", "message": "+7 900 срочно",
               "site_address": "ул. Мира, 1"}
    case, _ = services.register_case(request_type="supply_quality", answers=answers,
                                     consent={"at": timezone.now(), "version": "2026-01", "source": "test"})
    case.unit.name = "+Участок «Север»"  # unit names are typed by administrators
    case.unit.save()
    rows = csv_rows(admin_client.get("/admin/case_queue/?export=csv"))
    assert column(rows, "Ответственный") == ["'+Участок «Север»"]
    assert column(rows, "Номер") == [case.reference]
    assert column(rows, "Срок ответа") == [case.due_date.isoformat()]
    assert "+7 900 срочно" not in body(admin_client.get("/admin/case_queue/?export=csv")).decode()
    sheet = xlsx_rows(admin_client.get("/admin/case_queue/?export=xlsx"))
    unit = sheet[0].index(next(c for c in sheet[0] if c.value == "Ответственный"))
    assert_inert_xlsx([sheet[1][unit]], ["+Участок «Север»"])
    assert Case.objects.count() == 1


# ---- the search query log --------------------------------------------------------------------

def test_search_query_log_export(admin_client):
    from search.models import QueryLogEntry

    week = datetime.date(2026, 11, 30)
    for count, payload in enumerate(PAYLOADS + ["-5"], start=1):
        QueryLogEntry.objects.create(week_start=week, lang="ru", query=payload, searches=count, no_results=1)
    rows = csv_rows(admin_client.get("/admin/search_query_log/?export=csv"))
    queries = column(rows, "Запрос")
    assert_inert_csv(queries, PAYLOADS + ["-5"])  # "-5" typed into search is text, so it is marked
    assert sorted(int(n) for n in column(rows, "Поисков")) == list(range(1, len(PAYLOADS) + 2))
    sheet = xlsx_rows(admin_client.get("/admin/search_query_log/?export=xlsx"))
    headings = [c.value for c in sheet[0]]
    assert_inert_xlsx([row[headings.index("Запрос")] for row in sheet[1:]], PAYLOADS)
    assert {row[headings.index("Поисков")].data_type for row in sheet[1:]} == {"n"}


# ---- Wagtail's own reports -------------------------------------------------------------------

def test_wagtail_locked_pages_report_export(admin_client, home):
    user = get_user_model().objects.get(username="exporter")
    page = f.SectionPageFactory(parent=home, title="@SUM(A1)")
    page.locked, page.locked_by, page.locked_at = True, user, timezone.now()
    page.save()
    rows = csv_rows(admin_client.get("/admin/reports/locked/?export=csv"))
    assert column(rows, rows[0][0]) == ["'@SUM(A1)"]
    sheet = xlsx_rows(admin_client.get("/admin/reports/locked/?export=xlsx"))
    assert_inert_xlsx([sheet[1][0]], ["@SUM(A1)"])


# ---- open data: <tariff page>/data.csv -------------------------------------------------------

def test_tariff_data_csv(client, home):
    page = f.TariffPageFactory(parent=home, slug="tarify", slug_en="tariffs")
    f.TariffRecordFactory(page=page, town=HYPERLINK, hours="@SUM(A1)", price=Decimal("-5.00"),
                          band=1, band_limit_kwh=150)
    rows = list(csv.DictReader(io.StringIO(client.get("/ru/tarify/data.csv").content.decode("utf-8-sig"))))
    assert len(rows) == 1
    row = rows[0]
    assert (row["town_ru"], row["hours_ru"]) == ("'" + HYPERLINK, "'@SUM(A1)")
    assert (row["price"], row["band_limit_kwh"], row["band"]) == ("-5.00", "150", "1")  # numbers stay numbers
    data = client.get("/ru/tarify/data.json").json()
    assert data["records"][0]["price"] == "-5.00" and data["records"][0]["town_ru"] == HYPERLINK


# ---- no export slips through -----------------------------------------------------------------

def _patterns(patterns):
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            yield from _patterns(pattern.url_patterns)
        else:
            yield pattern


def test_every_export_view_of_ours_uses_the_safe_mixin_and_wagtails_base_is_protected():
    assert getattr(SpreadsheetExportMixin, "formula_safe", False)
    exporting = []
    for pattern in _patterns(get_resolver().url_patterns):
        view = getattr(pattern.callback, "view_class", None)
        if view is None or not issubclass(view, SpreadsheetExportMixin):
            continue
        if not getattr(pattern.callback, "view_initkwargs", {}).get("list_export", view.list_export):
            continue
        if not view.__module__.startswith("wagtail."):
            exporting.append(view)
            assert issubclass(view, SafeSpreadsheetExportMixin), view
    names = {view.__name__ for view in exporting}
    assert {"UsefulnessReportView", "PageFeedbackView", "CaseIndexView", "QueryLogIndexView"} <= names
