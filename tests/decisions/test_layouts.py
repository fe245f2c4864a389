"""Decisions for connection rates, income ceilings and benefit amounts through the admin: the shipped
example files (decisions/examples/) imported as CSV (UTF-8 and Windows-1251) and XLSX onto pages
holding the demo's figures, the preview in words, the commit into a new draft revision, the
moderator's comparison, and the refusals, each with its message, nothing stored, never a 500."""
import datetime
import re
from decimal import Decimal
from html import unescape

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from cms_pages.models import ConnectionFeePage, LegalAct, SubsidyPage
from cms_pages.rules.money import format_amount
from decisions.layouts import EXAMPLES
from demo.content import connection as demo_connection
from demo.content import subsidies as demo_subsidies
from tests.decisions.test_import import csv_file, xlsx_file

pytestmark = pytest.mark.django_db


def example(kind):
    """The shipped example's data rows, as cells."""
    lines = (EXAMPLES / f"{kind}.csv").read_text(encoding="utf-8").splitlines()
    return [line.split(";") for line in lines[1:]]


def amount(text):
    return Decimal(text.replace(" ", "").replace(",", "."))


def url(kind):
    return reverse("decisions:import", args=[kind])


def form(page, **extra):
    data = {"page": page.pk, "act_title": "Постановление об установлении величин", "act_number": "12-пп/7",
            "act_date": "10.12.2026", "act_issuer": "Правительство Архангельской области",
            "act_url": "https://example.invalid/12", "effective_from": "01.01.2027", "effective_to": "",
            "action": "preview"}
    data.update(extra)
    return data


def state(page):
    page.refresh_from_db()
    return (page.revisions.count(), LegalAct.objects.count(), page.latest_revision_id)


@pytest.fixture
def editor_client(client, editor):
    client.force_login(editor)
    return client


def preview(client, kind, page, upload=None, **extra):
    data = form(page, **extra)
    if upload is not None:
        data["file"] = upload
    response = client.post(url(kind), data)
    assert response.status_code == 200
    return response


def words(response):
    return [unescape(re.sub(r"<[^>]+>", "", item)) for item in
            re.findall(r'<li data-kind="[a-z]+">(.*?)</li>', response.content.decode())]


# ------------------------------------------------------------------ the expected words, from the demo's figures
def connection_expected():
    old = next(a for code, voltage, _area, _unit, a in demo_connection.STANDARD_2026 if (code, voltage) == ("C2", "0.4"))
    new = amount(next(row[3] for row in example("connection") if row[:2] == ["C2", "0,4"]))
    preferential = next(r["rub_per_kw"] for r in demo_connection.preferential_rates({"connection_2025": None,
                                                                                     "connection_2026": None})
                        if r["kind"] == "preferential" and r["effective_to"] is None)
    new_preferential = amount(next(row[3] for row in example("connection") if row[0] == "preferential"))
    return [f"С2, 0,4 кВ и ниже: {format_amount(old, 'ru')} → {format_amount(new, 'ru')} руб./км",
            f"Льготная ставка: {format_amount(preferential, 'ru')} → {format_amount(new_preferential, 'ru')} руб./кВт"]


def ceilings_expected():
    heating, _other = demo_subsidies.CEILINGS[3]
    new = amount(next(row[1] for row in example("ceilings") if row[0] == "3"))
    return [f"3 человека, отопительный период: {format_amount(heating, 'ru')} → {format_amount(new, 'ru')} руб./мес."]


def benefits_expected():
    new = amount(example("benefits")[0][1])
    return [f"максимальная доля расходов на ЖКУ: 22 → {format_amount(new, 'ru', places=0)} % дохода"]


CASES = {"connection": ("connection_page", connection_expected, 11),
         "ceilings": ("subsidy_page", ceilings_expected, 5),
         "benefits": ("subsidy_page", benefits_expected, 1)}


@pytest.fixture(params=list(CASES))
def case(request):
    kind = request.param
    fixture, expected, rows = CASES[kind]
    return kind, request.getfixturevalue(fixture), expected(), rows


def example_upload(kind, encoding="utf-8"):
    return csv_file((EXAMPLES / f"{kind}.csv").read_text(encoding="utf-8"), encoding, name=f"{kind}.csv")


def example_xlsx(kind):
    lines = (EXAMPLES / f"{kind}.csv").read_text(encoding="utf-8").splitlines()
    rows = [lines[0].split(";")] + [[float(amount(cell)) if re.fullmatch(r"[\d ]+(,\d+)?", cell) and index else cell
                                     for index, cell in enumerate(line.split(";"))] for line in lines[1:]]
    return xlsx_file(rows, name=f"{kind}.xlsx")


@pytest.mark.parametrize("encoding", ["utf-8", "cp1251"])
def test_example_csv_preview_in_words_stores_nothing(editor_client, case, encoding):
    kind, page, expected, count = case
    before = state(page)
    response = preview(editor_client, kind, page, example_upload(kind, encoding))
    html = unescape(response.content.decode())
    assert response.templates[0].name == "decisions/import_preview.html", html[:3000]
    assert f"Прочитано строк: {count}" in html and ("Windows-1251" if encoding == "cp1251" else "UTF-8") in html
    for line in expected:
        assert line in words(response)
    assert state(page) == before


def test_xlsx_commit_into_a_draft_and_the_moderators_comparison(editor_client, case):
    kind, page, expected, count = case
    response = preview(editor_client, kind, page, example_xlsx(kind))
    assert response.templates[0].name == "decisions/import_preview.html"
    assert "XLSX" in response.content.decode() and set(expected) <= set(words(response))
    done = editor_client.post(url(kind), {"action": "confirm", "payload": response.context["payload"]})
    assert done.status_code == 200 and done.templates[0].name == "decisions/import_done.html"
    fresh = type(page).objects.get(pk=page.pk)
    assert fresh.has_unpublished_changes and fresh.latest_revision.user.username == "editor-decisions"
    assert fresh.live_revision_id == page.live_revision_id  # the live page is unchanged
    act = LegalAct.objects.get(number="12-пп/7")
    compare = editor_client.get(reverse("decisions:compare", args=[page.pk]))
    assert compare.status_code == 200 and set(expected) <= set(words(compare))
    draft = fresh.get_latest_revision_as_object()
    if kind == "connection":
        new = [r for r in [*draft.standard_rates.all(), *draft.preferential_rates.all()]
               if r.effective_from == datetime.date(2027, 1, 1)]
        assert len(new) == count and {r.legal_act_id for r in new} == {act.pk}
        c2 = next(r for r in new if getattr(r, "code", "") == "C2" and r.voltage == "0.4")
        assert c2.unit == "km" and c2.area == "any"
        social = next(r for r in new if getattr(r, "kind", "") == "social")
        assert social.max_kw == Decimal("15") and social.max_distance_rural_m == 500 and social.conditions_en
        assert len(words(compare)) == count  # every rate of the example changes; none is listed twice
    elif kind == "ceilings":
        new = sorted((r for r in draft.income_ceilings.all() if r.effective_from == datetime.date(2027, 1, 1)),
                     key=lambda r: r.family_size)
        assert [(r.family_size, r.heating_season, r.non_heating_season) for r in new] == [
            (int(size), amount(heating), amount(other)) for size, heating, other in example("ceilings")]
        assert len(draft.income_ceilings.all()) == 10 and len(page.income_ceilings.all()) == 5
    else:
        assert draft.max_payment_share_percent == amount(example("benefits")[0][1])
        assert draft.legal_act_id == act.pk
        assert fresh.latest_revision.approved_go_live_at is None  # set by the moderator's approval
        assert timezone.localtime(draft.go_live_at).date() == datetime.date(2027, 1, 1)
        assert type(page).objects.get(pk=page.pk).max_payment_share_percent == Decimal("22")  # live unchanged
        assert words(compare) == expected  # the ceilings do not change: only the share is listed


def test_an_unchanged_value_is_counted_not_listed(editor_client, subsidy_page):
    text = "\n".join(f"{size}\t{heating}\t{other}" for size, (heating, other) in demo_subsidies.CEILINGS.items())
    text = text.replace("50000\t", "52000\t")
    response = preview(editor_client, "ceilings", subsidy_page, table=text)
    heating, _other = demo_subsidies.CEILINGS[3]
    assert words(response) == [f"3 человека, отопительный период: {format_amount(heating, 'ru')} → "
                               f"{format_amount(52000, 'ru')} руб./мес."]
    assert "без изменений: 9" in response.content.decode()


BAD_ROWS = {
    "connection": [("C4;0,4;;20 000,00", "неизвестный код ставки «C4»"),
                   ("C2;0,4;;1 3oo 000,00", "значение «1 3oo 000,00» в столбце «ставка, руб.» — не число"),
                   ("C2;;;1 300 000,00", "не указан уровень напряжения"),
                   ("C2;110;;1 300 000,00", "неизвестный уровень напряжения «110»"),
                   ("social;0,4;;1 200,00", "оставьте эти ячейки пустыми"),
                   ("C8;0,4;;=B2*1,05", "формула")],
    "ceilings": [("6;90 000;75 000", "нет строк для семей из 4, 5 чел."),
                 ("11;90 000;75 000", "число членов семьи «11» не из допустимых"),
                 ("шесть;90 000;75 000", "число членов семьи «шесть» не из допустимых"),
                 ("3;52 ооо;44 000", "в столбце «в отопительный период, руб./мес.» — не число"),
                 ("2;40 500", "нужно не меньше 3")],
    "benefits": [("discount;10", "неизвестный код меры «discount»"),
                 ("compensation;150", "больше допустимого (100)"),
                 ("compensation;5o", "не число")],
}
GOOD_FIRST = {"connection": "C1;0,4;;20 730,00", "ceilings": "1;29 500;23 200\n2;40 500;32 600\n3;52 000;44 000",
              "benefits": "payment_share;20"}


@pytest.mark.parametrize("kind, bad, message", [(kind, bad, message) for kind, rows in BAD_ROWS.items()
                                                for bad, message in rows])
def test_bad_rows_are_explained_and_nothing_is_stored(editor_client, connection_page, subsidy_page, kind, bad,
                                                      message):
    page = connection_page if kind == "connection" else subsidy_page
    before = state(page)
    text = GOOD_FIRST[kind] + "\n" + bad + "\n"
    response = preview(editor_client, kind, page, csv_file(text, "cp1251"))
    html = unescape(response.content.decode())
    assert response.templates[0].name == "decisions/import_form.html"
    assert "ничего не сохранено" in html and message in html, html[html.find("error-summary"):][:2000]
    assert "12-пп/7" in html and bad.split(";")[0] in html  # what was entered is kept, the rows in the paste field
    assert state(page) == before


@pytest.mark.parametrize("kind, fixture, dates, message, act", [
    ("connection", "connection_page", {"effective_from": "01.06.2025", "effective_to": "31.05.2026"},
     "пересекается с уже внесённым периодом 01.01.2025–31.12.2025: «С2» (", "55-п/1"),
    ("ceilings", "subsidy_page", {"effective_from": "01.01.2023", "effective_to": "31.12.2023"},
     "пересекается с уже внесённым периодом 09.02.2023–без даты окончания: «Предельные доходы» (", "116-пп"),
    ("benefits", "subsidy_page", {"effective_to": "31.12.2027"}, "нет даты окончания", "12-пп/7"),
])
def test_overlapping_periods_and_an_end_date_for_a_page_value(editor_client, request, kind, fixture, dates, message,
                                                               act):
    page = request.getfixturevalue(fixture)
    before = state(page)
    html = unescape(preview(editor_client, kind, page, example_upload(kind), **dates).content.decode())
    assert message in html and act in html and "12-пп/7" in html
    assert html.count(message) == 1  # one message per group and period, not one per row
    assert state(page) == before


@pytest.mark.parametrize("upload, message", [
    (SimpleUploadedFile("decision.csv", b"C1;0,4;;20 730,00\n" * (10 * 1024 * 1024 // 18)), "больше 2 МБ"),
    (SimpleUploadedFile("decision.xlsx", b"PK\x03\x04 not a workbook"), "XLSX"),
    (SimpleUploadedFile("decision.ods", b"PK\x03\x04"), ".xlsx"),
    (SimpleUploadedFile("decision.csv", b"\x98\x98\xff;\x98"), "Windows-1251"),
])
def test_bad_files_get_a_clear_message(editor_client, connection_page, upload, message):
    before = state(connection_page)
    html = preview(editor_client, "connection", connection_page, upload).content.decode()
    assert message in html and "12-пп/7" in html
    assert state(connection_page) == before


def test_xlsx_formula_without_a_cached_value_is_refused(editor_client, subsidy_page):
    upload = xlsx_file([["человек в семье", "отопительный", "вне"], [1, "=28000*1.05", 23200]])
    html = unescape(preview(editor_client, "ceilings", subsidy_page, upload).content.decode())
    assert "Строка 2: ячейка «=28000*1.05» — формула" in html


def test_a_payload_of_another_kind_is_refused(editor_client, connection_page, subsidy_page):
    payload = preview(editor_client, "connection", connection_page, example_upload("connection")).context["payload"]
    before = state(subsidy_page), state(connection_page)
    response = editor_client.post(url("ceilings"), {"action": "confirm", "payload": payload})
    assert response.status_code == 200 and "повреждены" in response.content.decode()
    assert (state(subsidy_page), state(connection_page)) == before


def test_unknown_kind_is_404(editor_client, connection_page):
    assert editor_client.get(reverse("decisions:import", args=["pensions"]), follow=True).status_code == 404


def test_pages_of_the_kind_only(editor_client, connection_page, subsidy_page):
    response = editor_client.get(url("connection") + f"?page={connection_page.pk}")
    choices = [value for value, _label in response.context["form"].fields["page"].choices if value]
    assert [int(str(v)) for v in choices] == [connection_page.pk]
    response = preview(editor_client, "connection", subsidy_page, example_upload("connection"))
    assert "page" in response.context["form"].errors
    assert ConnectionFeePage.objects.count() == 1 and SubsidyPage.objects.count() == 1


def test_the_admin_in_english(editor_client, editor, subsidy_page):
    from wagtail.users.models import UserProfile

    profile = UserProfile.get_for_user(editor)
    profile.preferred_language = "en"
    profile.save()
    html = unescape(editor_client.get(url("ceilings")).content.decode())
    assert "What the table must look like" in html and "persons in the family" in html
    response = preview(editor_client, "ceilings", subsidy_page, example_upload("ceilings"))
    heating, _other = demo_subsidies.CEILINGS[3]
    new = amount(next(row[1] for row in example("ceilings") if row[0] == "3"))
    assert (f"3 persons, heating season: {format_amount(heating, 'en')} → {format_amount(new, 'en')} roubles/month"
            in words(response))


def test_a_later_benefit_decision_goes_live_on_its_date_after_approval(editor_client, subsidy_page, time_machine):
    """The moderator approves the draft the import made: with a start after today Wagtail schedules it
    (go-live date = the decision's start), the live page keeps the old share until then."""
    from wagtail.models import Revision

    time_machine.move_to(datetime.datetime(2026, 12, 15, 12, 0, tzinfo=datetime.timezone.utc))
    response = preview(editor_client, "benefits", subsidy_page, example_upload("benefits"))
    done = editor_client.post(url("benefits"), {"action": "confirm", "payload": response.context["payload"]})
    assert "черновику назначена дата публикации 01.01.2027" in done.content.decode()
    revision = Revision.objects.get(pk=SubsidyPage.objects.get(pk=subsidy_page.pk).latest_revision_id)
    revision.publish()  # what the moderator's approval does
    revision.refresh_from_db()
    assert timezone.localtime(revision.approved_go_live_at).date() == datetime.date(2027, 1, 1)
    assert SubsidyPage.objects.get(pk=subsidy_page.pk).max_payment_share_percent == Decimal("22")
    time_machine.move_to(datetime.datetime(2027, 1, 1, 0, 30, tzinfo=datetime.timezone.utc))
    from django.core.management import call_command

    call_command("publish_scheduled")
    assert SubsidyPage.objects.get(pk=subsidy_page.pk).max_payment_share_percent == amount(example("benefits")[0][1])
    assert words(editor_client.get(reverse("decisions:compare", args=[subsidy_page.pk]))) == []


@pytest.mark.parametrize("kind, fixture, field, value", [
    ("connection", "connection_page", "amount", "123456789012345.00"),
    ("ceilings", "subsidy_page", "non_heating_season", "123456789012.00"),
    ("benefits", "subsidy_page", "value", "150.00"),
])
def test_nothing_half_imported_when_a_value_fails_at_commit(editor_client, request, kind, fixture, field, value):
    """A payload signed with the site's key whose last value the model refuses: the new legal act
    created in the same transaction is rolled back too, and no revision is added."""
    from django.core import signing

    from decisions.views import SALT

    page = request.getfixturevalue(fixture)
    payload = signing.loads(preview(editor_client, kind, page, example_upload(kind)).context["payload"], salt=SALT)
    payload["rows"][-1][field] = value
    before = state(page)
    response = editor_client.post(url(kind), {"action": "confirm",
                                              "payload": signing.dumps(payload, salt=SALT, compress=True)})
    assert response.status_code == 200 and "Значения не сохранены" in response.content.decode()
    assert state(page) == before and not LegalAct.objects.filter(number="12-пп/7").exists()
