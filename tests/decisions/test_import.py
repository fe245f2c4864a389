"""Importing the demo's second half-year of 2026 onto a page holding the first, through the admin:
CSV (UTF-8, UTF-8 with BOM, Windows-1251), XLSX, pasted text; the preview; the commit into a new
draft revision; and the refusals, each with its message, the entered values kept, never a 500."""
import io
import re
from html import unescape

import pytest
from django.core import signing
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import Workbook

from cms_pages.models import LegalAct, TariffPage, TariffRecord
from cms_pages.rules.money import format_amount
from decisions.views import SALT
from demo.content import tariffs as demo
from tests.decisions.conftest import demo_rows, table

pytestmark = pytest.mark.django_db
URL = "/admin/decisions/import/"


def form(page, **extra):
    data = {"page": page.pk, "act_title": "Приказ об установлении цен на электрическую энергию для населения",
            "act_number": "77-э/3", "act_date": "20.06.2026",
            "act_issuer": "Агентство по тарифам и ценам Архангельской области",
            "act_url": "https://example.invalid/77-e-3", "effective_from": "01.07.2026",
            "effective_to": "31.12.2026", "action": "preview"}
    data.update(extra)
    return data


def csv_file(text, encoding="utf-8", name="h2-2026.csv"):
    return SimpleUploadedFile(name, text.encode(encoding), content_type="text/csv")


def xlsx_file(rows, name="h2-2026.xlsx"):
    book = Workbook()
    sheet = book.active
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return SimpleUploadedFile(name, buffer.getvalue(),
                              content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")


def demo_xlsx_rows():
    return [["группа", "вид ставки", "зона", "диапазон", "цена с НДС"]] + [
        [r["consumer_group"], r["rate_type"], r["zone"], r["band"], float(r["price"])] for r in demo_rows(demo.H2)]


def expected_line():
    """The night price of band 1 for urban gas-stove homes, from the demo's own figures."""
    def price(period):
        return next(r["price"] for r in demo_rows(period) if (r["consumer_group"], r["rate_type"], r["zone"],
                                                              r["band"]) == ("urban_gas", "two_zone", "night", 1))
    return (f"двухзонный, ночная зона, 1-й диапазон: {format_amount(price(demo.H1), 'ru')} → "
            f"{format_amount(price(demo.H2), 'ru')} руб./кВт·ч")


def state(page):
    page.refresh_from_db()
    return (TariffRecord.objects.filter(page=page).count(), page.revisions.count(), LegalAct.objects.count())


@pytest.fixture
def editor_client(client, editor):
    client.force_login(editor)
    return client


def preview(client, page, upload=None, **extra):
    data = form(page, **extra)
    if upload is not None:
        data["file"] = upload
    response = client.post(URL, data)
    assert response.status_code == 200
    return response


@pytest.mark.parametrize("encoding, label", [("utf-8", "CSV, UTF-8"), ("utf-8-sig", "CSV, UTF-8 (BOM)"),
                                             ("cp1251", "CSV, Windows-1251")])
def test_csv_preview_shows_the_changes_in_words_and_stores_nothing(editor_client, tariff_page, encoding, label):
    before = state(tariff_page)
    response = preview(editor_client, tariff_page, csv_file(table(demo.H2), encoding))
    html = response.content.decode()
    assert response.templates[0].name == "decisions/import_preview.html"
    assert label in html and "Прочитано строк: 42" in html
    assert expected_line() in html
    assert "Изменённых цен: 42" in html
    assert state(tariff_page) == before


def test_xlsx_preview_and_commit_into_a_new_draft_revision(editor_client, tariff_page):
    live_before = sorted(TariffRecord.objects.filter(page=tariff_page).values_list("pk", "price"))
    response = preview(editor_client, tariff_page, xlsx_file(demo_xlsx_rows()))
    assert "XLSX" in response.content.decode() and expected_line() in response.content.decode()
    done = editor_client.post(URL, {"action": "confirm", "payload": response.context["payload"]})
    assert done.status_code == 200 and done.templates[0].name == "decisions/import_done.html"
    html = done.content.decode()
    assert reverse("wagtailadmin_pages:edit", args=[tariff_page.pk]) in html and "модерацию" in html
    page = TariffPage.objects.get(pk=tariff_page.pk)
    assert page.has_unpublished_changes and page.latest_revision.user.username == "editor-decisions"
    draft = page.get_latest_revision_as_object()
    new = [r for r in draft.tariffs.all() if r.effective_from == demo.H2[0]]
    assert len(new) == 42 and len(draft.tariffs.all()) == 84
    act = LegalAct.objects.get(number="77-э/3")
    assert {r.legal_act_id for r in new} == {act.pk}
    expected = {(r["consumer_group"], r["rate_type"], r["zone"], r["band"]): r["price"] for r in demo_rows(demo.H2)}
    assert {(r.consumer_group, r.rate_type, r.zone, r.band): r.price for r in new} == expected
    night = next(r for r in new if (r.rate_type, r.zone) == ("two_zone", "night"))
    assert night.hours_ru == "23:00–07:00" and night.band_limit_kwh in (3900, 6000, None)  # copied from H1
    # the live page is unchanged
    assert sorted(TariffRecord.objects.filter(page=page).values_list("pk", "price")) == live_before
    live = page.live_revision.as_object().tariffs.all()
    assert len(live) == 42 and {r.effective_from for r in live} == {demo.H1[0]}
    # the moderator's comparison lists the 42 changed prices
    compare = editor_client.get(reverse("decisions:compare", args=[page.pk])).content.decode()
    assert expected_line() in compare and "Изменённых цен: 42" in compare


def test_pasted_table_with_an_existing_act_and_the_comparison_lists_only_changes(editor_client, tariff_page):
    act = TariffRecord.objects.filter(page=tariff_page).first().legal_act
    text = table(demo.H1, separator="\t")  # the same prices again from 1 July, one of them raised
    text = text.replace("urban_gas\ttwo_zone\tnight\t1\t4,58", "urban_gas\ttwo_zone\tnight\t1\t4,60")
    response = preview(editor_client, tariff_page, table=text, legal_act=act.pk, act_title="", act_number="",
                       act_date="", act_issuer="", act_url="")
    html = response.content.decode()
    assert "CSV" not in html
    assert "двухзонный, ночная зона, 1-й диапазон: 4,58 → 4,60 руб./кВт·ч" in html
    assert "Изменённых цен: 1" in html and "без изменений: 41" in html
    assert len(re.findall(r'<li data-kind="changed">', html)) == 1  # unchanged prices are not listed
    editor_client.post(URL, {"action": "confirm", "payload": response.context["payload"]})
    assert LegalAct.objects.count() == 1
    compare = editor_client.get(reverse("decisions:compare", args=[tariff_page.pk])).content.decode()
    assert len(re.findall(r'<li data-kind="changed">', compare)) == 1 and "4,58 → 4,60" in compare


def test_bad_rows_are_explained_and_the_table_is_kept(editor_client, tariff_page):
    before = state(tariff_page)
    text = table(demo.H2)
    text = text.replace("urban_gas;single;all_day;1;", "urban_gaz;single;all_day;1;", 1)
    text = text.replace("equated;two_zone;night;0;", "equated;two_zone;night;0;5,1o руб;", 1)
    text += "urban_gas;single;all_day;1;=B2*1,1\r\n"
    response = preview(editor_client, tariff_page, csv_file(text, "cp1251"))
    html = response.content.decode()
    assert response.templates[0].name == "decisions/import_form.html"
    assert "ничего не сохранено" in html
    assert "Строка 2: неизвестный код группы потребителей «urban_gaz»" in html
    assert re.search(r"Строка \d+: значение «[^»]*» в столбце «цена с НДС» — не число", html) or "столбцов" in html
    assert "Строка 44: ячейка «=B2*1,1» — формула" in html
    assert "Windows-1251" in html and "77-э/3" in html and "01.07.2026" in html  # what was entered is kept
    assert "urban_gaz\tsingle\tall_day\t1" in html  # the file's rows moved into the paste field
    assert state(tariff_page) == before


def test_xlsx_formula_without_a_cached_value_is_refused(editor_client, tariff_page):
    rows = demo_xlsx_rows()
    rows[1][4] = "=1.1*7"  # openpyxl writes the formula and no result, like a file nobody opened in Excel
    html = preview(editor_client, tariff_page, xlsx_file(rows)).content.decode()
    assert "Строка 2: ячейка «=1.1*7» — формула" in html


def test_overlapping_period_names_the_existing_one(editor_client, tariff_page):
    before = state(tariff_page)
    html = preview(editor_client, tariff_page, csv_file(table(demo.H2)), effective_from="01.06.2026").content.decode()
    assert "пересекается с уже внесённым периодом 01.01.2026–30.06.2026" in html
    assert "Городское население в домах с газовыми плитами" in html and "90-э/1" in html
    assert state(tariff_page) == before


@pytest.mark.parametrize("upload, message", [
    (SimpleUploadedFile("big.csv", b"urban_gas;single;all_day;1;7,64\n" * 330000), "больше 2 МБ"),
    (SimpleUploadedFile("broken.xlsx", b"PK\x03\x04 not a workbook"), "XLSX"),
    (SimpleUploadedFile("h2.xls", b"\xd0\xcf\x11\xe0"), ".xlsx"),
    (SimpleUploadedFile("bad.csv", b"\x98\x98\xff;\x98"), "Windows-1251"),
])
def test_bad_files_get_a_clear_message_not_a_500(editor_client, tariff_page, upload, message):
    before = state(tariff_page)
    response = preview(editor_client, tariff_page, upload)
    html = response.content.decode()
    assert message in html and "77-э/3" in html
    assert state(tariff_page) == before


def test_missing_fields_are_marked_and_values_kept(editor_client, tariff_page):
    response = preview(editor_client, tariff_page, table=table(demo.H2), act_number="", effective_to="30.06.2026",
                       effective_from="31.13.2026")
    form = response.context["form"]
    assert set(form.errors) >= {"act_number", "effective_from"}
    assert "urban_gas;single;all_day;1" in response.content.decode()
    response = preview(editor_client, tariff_page, table="", effective_to="01.01.2026")
    assert {"table", "effective_to"} <= set(response.context["form"].errors)


def test_confirming_twice_imports_once_and_a_tampered_payload_is_refused(editor_client, tariff_page):
    payload = preview(editor_client, tariff_page, csv_file(table(demo.H2))).context["payload"]
    assert editor_client.post(URL, {"action": "confirm", "payload": payload}).status_code == 200
    after_first = state(tariff_page)
    again = editor_client.post(URL, {"action": "confirm", "payload": payload})
    assert again.status_code == 200 and "изменили" in again.content.decode()
    assert state(tariff_page) == after_first
    assert len(TariffPage.objects.get(pk=tariff_page.pk).get_latest_revision_as_object().tariffs.all()) == 84
    bad = editor_client.post(URL, {"action": "confirm", "payload": payload[:-3] + "abc"})
    assert bad.status_code == 200 and "повреждены" in bad.content.decode()


def test_nothing_half_imported_when_a_record_fails_at_commit(editor_client, tariff_page):
    """A payload signed with the site's key whose last price the model refuses (too many digits):
    the new legal act created in the same transaction is rolled back too."""
    payload = signing.loads(preview(editor_client, tariff_page, csv_file(table(demo.H2))).context["payload"],
                            salt=SALT)
    payload["rows"][-1]["price"] = "123456789012.00"
    before = state(tariff_page)
    response = editor_client.post(URL, {"action": "confirm",
                                        "payload": signing.dumps(payload, salt=SALT, compress=True)})
    assert response.status_code == 200 and "Значения не сохранены" in response.content.decode()
    assert state(tariff_page) == before
    assert not LegalAct.objects.filter(number="77-э/3").exists()


def test_going_back_from_the_preview_keeps_everything(editor_client, tariff_page):
    preview_page = preview(editor_client, tariff_page, csv_file(table(demo.H2)))
    back = {**preview_page.context["back"], "action": "edit"}
    html = editor_client.post(URL, back).content.decode()
    assert "77-э/3" in html and "01.07.2026" in html and "https://example.invalid/77-e-3" in html
    assert "urban_gas\ttwo_zone\tnight\t1" in html  # the file's rows, now in the paste field
    again = editor_client.post(URL, {**back, "action": "preview"})
    assert again.templates[0].name == "decisions/import_preview.html" and expected_line() in again.content.decode()


def test_two_revisions_compared_list_only_the_changed_price(tariff_page):
    from decisions.views import compare_revisions

    first = tariff_page.latest_revision
    draft = tariff_page.get_latest_revision_as_object()
    records = list(draft.tariffs.all())
    night = next(r for r in records if (r.consumer_group, r.rate_type, r.zone, r.band)
                 == ("urban_gas", "three_zone", "night", 2))
    night.price += 1
    draft.tariffs = records
    second = draft.save_revision()
    comparison = compare_revisions(first, second)
    assert [c.words("ru") for c in comparison.changes] == [
        f"трёхзонный, ночная зона, 2-й диапазон: {format_amount(night.price - 1, 'ru')} → "
        f"{format_amount(night.price, 'ru')} руб./кВт·ч"]
    assert compare_revisions(first, first).changes == []


def test_the_admin_in_english(editor_client, tariff_page, editor):
    from wagtail.users.models import UserProfile

    profile = UserProfile.get_for_user(editor)
    profile.preferred_language = "en"
    profile.save()
    html = editor_client.get(URL).content.decode()
    assert "Import a tariff decision" in html and "What the table must look like" in html
    assert "Urban population in homes with gas stoves" in html or "urban_gas" in html
    text = table(demo.H2).replace("urban_gas;single;all_day;1;", "urban_gaz;single;all_day;1;", 1)
    html = unescape(preview(editor_client, tariff_page, csv_file(text)).content.decode())
    assert 'Line 2: unknown consumer group code "urban_gaz"' in html
    html = preview(editor_client, tariff_page, csv_file(table(demo.H2))).content.decode()
    assert "two-zone, night zone, band 1: 4.58 → 5.10 roubles/kWh" in html


def test_heat_prices_by_town_with_spaces_in_the_price(editor_client, home):
    from tests.decisions.conftest import record_fields
    from tests.factories import LegalActFactory, TariffPageFactory

    page = TariffPageFactory(parent=home, kind="heat")
    act = LegalActFactory()
    for row in demo.heat_records({key: act for key in ("heat_kholmogory_2025", "heat_kholmogory_2026",
                                                       "heat_kotlas_2026")}):
        if row["effective_from"] < demo.H2[0]:
            TariffRecord.objects.create(page=page, **record_fields(row))
    page.save_revision().publish()
    (town_ru, town_en), periods = demo.HEAT[0]
    h1_price, h2_price = (next(price for start, _end, price, _act in periods if start == half[0])
                          for half in (demo.H1, demo.H2))
    text = f"heat_population\tsingle\tall_day\t0\t{format_amount(h2_price, 'ru')}\t{town_ru}\n"
    response = preview(editor_client, page, table=text, legal_act=act.pk)
    html = unescape(response.content.decode())
    assert f"Население (тепловая энергия), {town_ru}" in html
    assert f"одноставочный: {format_amount(h1_price, 'ru')} → {format_amount(h2_price, 'ru')} руб./Гкал" in html
    editor_client.post(URL, {"action": "confirm", "payload": response.context["payload"]})
    new = [r for r in TariffPage.objects.get(pk=page.pk).get_latest_revision_as_object().tariffs.all()
           if r.effective_from == demo.H2[0]]
    assert [(r.unit, r.town_ru, r.town_en, r.price) for r in new] == [("gcal", town_ru, town_en, h2_price)]
