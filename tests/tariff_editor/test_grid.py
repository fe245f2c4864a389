"""The tariff page's price grid, through the admin's edit view: what it holds, what saving keeps,
and the messages for bad cells (cms_pages/admin_tariffs.py)."""
from decimal import Decimal

import pytest
from django.urls import reverse
from wagtail.models import TaskState

from cms_pages.models import TariffPage, TariffRecord
from demo.content import tariffs as demo
from tests.tariff_editor.conftest import (
    OLD, demo_rows, edit_url, first_empty_row, form_data, messages, row_index, snapshot,
)

pytestmark = pytest.mark.django_db


def archived(page):
    return [r for r in page.tariffs.all() if r.effective_to and r.effective_to < demo.H2[0]]


def latest(page):
    return TariffPage.objects.get(pk=page.pk).get_latest_revision_as_object()


def in_force_single(page, group="urban_gas", band=1):
    return next(r for r in TariffRecord.objects.filter(page=page, effective_from=demo.H2[0], rate_type="single",
                                                       consumer_group=group, band=band))


def test_the_grid_holds_only_the_prices_in_force_and_upcoming(client, editor, tariff_page):
    client.force_login(editor)
    html = client.get(edit_url(tariff_page)).content.decode()
    data = form_data(client, tariff_page)
    editable = len(demo_rows(demo.H2)) + len(demo_rows(demo.H1_2027))
    assert data["tariffs-INITIAL_FORMS"] == str(editable)
    assert data["tariffs-TOTAL_FORMS"] == str(editable + 3)  # three empty rows: prices added without JavaScript
    ids = {value for key, value in data.items() if key.endswith("-id") and key.startswith("tariffs-")}
    for record in archived(tariff_page):
        assert str(record.pk) not in ids
    assert "Arkhangelsk" not in html  # the archived period's English texts are not in the form
    assert reverse("tariff_archive:list", args=[tariff_page.pk]) in html
    assert 'name="tariffs-paste"' in html
    # every input is labelled by its column and row headers
    assert 'aria-labelledby="c-p r0"' in html and 'id="c-p"' in html


def test_saving_a_draft_changes_the_row_and_keeps_the_archive(client, editor, tariff_page):
    client.force_login(editor)
    before = snapshot(archived(tariff_page))
    record = in_force_single(tariff_page)
    data = form_data(client, tariff_page)
    data[f"tariffs-{row_index(data, record)}-price"] = "9,99"
    response = client.post(edit_url(tariff_page), data)
    assert response.status_code == 302, messages(response)
    draft = latest(tariff_page)
    assert snapshot(archived(draft)) == before  # English towns and hours included
    assert next(r for r in draft.tariffs.all() if r.pk == record.pk).price == Decimal("9.99")
    assert draft.tariffs.count() == TariffRecord.objects.filter(page=tariff_page).count()
    assert TariffRecord.objects.get(pk=record.pk).price != Decimal("9.99")  # a draft: the live page is unchanged


def test_publishing_stores_the_change_and_the_archive_untouched(client, moderator, tariff_page):
    client.force_login(moderator)
    before = snapshot(archived(tariff_page))
    archived_ids = sorted(r.pk for r in archived(tariff_page))
    record = in_force_single(tariff_page)
    data = form_data(client, tariff_page)
    data[f"tariffs-{row_index(data, record)}-price"] = "9.98"  # a dot works as well as a comma
    data["action-publish"] = "action-publish"
    response = client.post(edit_url(tariff_page), data)
    assert response.status_code == 302, messages(response)
    assert TariffRecord.objects.get(pk=record.pk).price == Decimal("9.98")
    stored = TariffRecord.objects.filter(page=tariff_page)
    assert sorted(r.pk for r in archived(TariffPage.objects.get(pk=tariff_page.pk))) == archived_ids
    assert snapshot([r for r in stored if r.pk in archived_ids]) == before
    assert stored.count() == 6 + 4 * 42 - 42  # nothing lost: the old period, H1 and H2 of 2026, H1 of 2027
    assert "9,98" in client.get(tariff_page.url).content.decode()


def test_submitted_for_moderation_and_approved(client, editor, moderator, tariff_page):
    client.force_login(editor)
    before = snapshot(archived(tariff_page))
    record = in_force_single(tariff_page, band=2)
    data = form_data(client, tariff_page)
    data[f"tariffs-{row_index(data, record)}-price"] = "8,88"
    data["action-submit"] = "action-submit"
    response = client.post(edit_url(tariff_page), data)
    assert response.status_code == 302, messages(response)
    task_state = TaskState.objects.get(workflow_state__object_id=str(tariff_page.pk),
                                       status=TaskState.STATUS_IN_PROGRESS)
    client.force_login(moderator)
    response = client.post(reverse("wagtailadmin_pages:workflow_action",
                                   args=(tariff_page.pk, "approve", task_state.pk)), {"comment": ""})
    assert response.status_code == 302
    assert TariffRecord.objects.get(pk=record.pk).price == Decimal("8.88")
    assert snapshot(archived(TariffPage.objects.get(pk=tariff_page.pk))) == before


def test_records_of_an_imported_draft_without_ids_survive_an_edit(client, editor, tariff_page, acts):
    """The decisions import adds records to a draft revision: they have no primary key yet.
    An archived one (a past decision entered late) is not in the grid and must not be dropped."""
    page = latest(tariff_page)
    late = TariffRecord(consumer_group="equated", rate_type="single", zone="all_day", band=0, price=Decimal("4.44"),
                        unit="kwh", effective_from=OLD[0], effective_to=OLD[1], legal_act=acts["old"],
                        town_en="Late", hours_en="late entry")
    upcoming = TariffRecord(consumer_group="equated", rate_type="single", zone="all_day", band=0,
                            price=Decimal("9.01"), unit="kwh", effective_from=demo.H1_2027[1].replace(month=7, day=1),
                            effective_to=None, legal_act=acts["2027"])
    page.tariffs.add(late, upcoming)
    page.save_revision(user=editor)
    client.force_login(editor)
    data = form_data(client, tariff_page)
    assert "9,01" in data.values() and "4,44" not in data.values()
    response = client.post(edit_url(tariff_page), data)
    assert response.status_code == 302, messages(response)
    prices = sorted(r.price for r in latest(tariff_page).tariffs.all() if r.consumer_group == "equated"
                    and r.price in (Decimal("4.44"), Decimal("9.01")))
    assert prices == [Decimal("4.44"), Decimal("9.01")]
    kept = next(r for r in latest(tariff_page).tariffs.all() if r.price == Decimal("4.44"))
    assert (kept.town_en, kept.hours_en) == ("Late", "late entry")


def test_an_empty_row_adds_a_price_without_javascript(client, editor, tariff_page, acts):
    client.force_login(editor)
    data = form_data(client, tariff_page)
    row = first_empty_row(data)
    data.update({f"tariffs-{row}-consumer_group": "equated", f"tariffs-{row}-price": "6,50",
                 f"tariffs-{row}-effective_from": "01.07.2027", f"tariffs-{row}-legal_act": str(acts["2027"].pk),
                 f"tariffs-{row}-town_ru": "Новодвинск", f"tariffs-{row}-town_en": "Novodvinsk"})
    response = client.post(edit_url(tariff_page), data)
    assert response.status_code == 302, messages(response)
    added = [r for r in latest(tariff_page).tariffs.all() if r.town_ru == "Новодвинск"]
    assert [(r.price, r.town_en, r.effective_from.isoformat(), r.effective_to) for r in added] == [
        (Decimal("6.50"), "Novodvinsk", "2027-07-01", None)]


def test_a_row_marked_for_deletion_is_removed_and_the_archive_stays(client, editor, tariff_page):
    client.force_login(editor)
    before = snapshot(archived(tariff_page))
    record = in_force_single(tariff_page, band=3)
    data = form_data(client, tariff_page)
    data[f"tariffs-{row_index(data, record)}-DELETE"] = "on"
    assert client.post(edit_url(tariff_page), data).status_code == 302
    draft = latest(tariff_page)
    assert record.pk not in {r.pk for r in draft.tariffs.all()}
    assert snapshot(archived(draft)) == before


def paste(data, text, start="01.07.2027", end="", act=None):
    data.update({"tariffs-paste": text, "tariffs-paste_from": start, "tariffs-paste_to": end,
                 "tariffs-paste_act": str(act.pk) if act else ""})
    return data


def test_pasted_rows_become_prices_tabs_and_semicolons_commas_and_dots(client, editor, tariff_page, acts):
    client.force_login(editor)
    text = ("группа\tвид ставки\tзона\tдиапазон\tцена с НДС\n"
            "equated\tsingle\tall_day\t0\t7,77\n"
            "equated\ttwo_zone\tday\t0\t8.70\n")
    data = paste(form_data(client, tariff_page), text, act=acts["2027"])
    response = client.post(edit_url(tariff_page), data)
    assert response.status_code == 302, messages(response)
    new = sorted((r.rate_type, r.zone, r.price, r.hours_ru or "") for r in latest(tariff_page).tariffs.all()
                 if r.effective_from.isoformat() == "2027-07-01")
    # the hours come from the same price's latest record (the table does not carry them)
    assert new == [("single", "all_day", Decimal("7.77"), ""), ("two_zone", "day", Decimal("8.70"), "07:00–23:00")]
    data = paste(form_data(client, tariff_page), "Потребители, приравненные к населению;single;all_day;0;1 234,50",
                 start="01.01.2028", act=acts["2027"])
    assert client.post(edit_url(tariff_page), data).status_code == 302
    assert any(r.price == Decimal("1234.50") for r in latest(tariff_page).tariffs.all())


def test_bad_pasted_rows_are_shown_in_the_grid_with_their_messages(client, editor, tariff_page, acts):
    client.force_login(editor)
    revisions = tariff_page.revisions.count()
    text = "equated\tsingle\tall_day\t0\t7,7о\nnobody\tsingle\tall_day\t0\t5,00\nequated\ttwo_zone\tnight\n"
    response = client.post(edit_url(tariff_page), paste(form_data(client, tariff_page), text, act=acts["2027"]))
    assert response.status_code == 200
    html = response.content.decode()
    assert "«7,7о»" in html and "— не число" in html
    assert 'value="7,7о"' in html  # kept as typed
    assert '<option value="nobody" selected>nobody</option>' in html
    assert "вставка, стр. 2" in html and "Не указано значение" in html  # the third line has no price
    assert tariff_page.revisions.count() == revisions  # nothing saved


@pytest.mark.parametrize("cells, field, message", [
    ({"price": ""}, "price", "Не указано значение"),
    ({"price": "семь"}, "price", "— не число"),
    ({"price": "7,123"}, "price", "знаков после запятой"),
    ({"effective_from": ""}, "effective_from", "заполнить это поле"),
    ({"effective_from": "31.02.2027"}, "effective_from", "Введите правильную дату"),
    ({"effective_to": "30.06.2027"}, "effective_to", "Дата окончания раньше даты начала"),
])
def test_bad_cells_get_a_message_next_to_them_and_keep_their_values(client, editor, tariff_page, acts, cells, field,
                                                                   message):
    client.force_login(editor)
    data = form_data(client, tariff_page)
    row = first_empty_row(data)
    values = {"consumer_group": "equated", "price": "6,50", "effective_from": "01.07.2027",
              "legal_act": str(acts["2027"].pk), **cells}
    data.update({f"tariffs-{row}-{name}": value for name, value in values.items()})
    response = client.post(edit_url(tariff_page), data)
    assert response.status_code == 200
    html = response.content.decode()
    assert message.lower() in html.lower()
    assert f'aria-describedby="tariffs-{row}-{field}-e"' in html  # the message is tied to its cell
    for name, value in values.items():
        if name != "legal_act" and value:
            assert f'value="{value}"' in html, name


def test_an_overlapping_period_is_refused_on_both_rows(client, editor, tariff_page, acts):
    client.force_login(editor)
    record = in_force_single(tariff_page)
    data = form_data(client, tariff_page)
    row = first_empty_row(data)
    data.update({f"tariffs-{row}-consumer_group": record.consumer_group, f"tariffs-{row}-band": str(record.band),
                 f"tariffs-{row}-price": "7,00", f"tariffs-{row}-effective_from": "01.10.2026",
                 f"tariffs-{row}-legal_act": str(acts["2026"].pk)})
    response = client.post(edit_url(tariff_page), data)
    assert response.status_code == 200
    html = response.content.decode()
    assert html.count("Период пересекается с другой ценой") == 2
    assert f"строка {row_index(data, record) + 1}: 01.07.2026–31.12.2026" in html
    assert "Периоды некоторых цен пересекаются" in html


def test_a_new_row_overlapping_the_archive_is_refused(client, editor, tariff_page, acts):
    client.force_login(editor)
    data = form_data(client, tariff_page)
    row = first_empty_row(data)
    data.update({f"tariffs-{row}-consumer_group": "urban_gas", f"tariffs-{row}-band": "1",
                 f"tariffs-{row}-price": "7,00", f"tariffs-{row}-effective_from": "01.03.2026",
                 f"tariffs-{row}-effective_to": "31.03.2026", f"tariffs-{row}-legal_act": str(acts["2026"].pk)})
    response = client.post(edit_url(tariff_page), data)
    assert response.status_code == 200
    assert "(архив: 01.01.2026–30.06.2026)" in response.content.decode()


def test_a_paste_too_long_is_refused_whole_and_kept(client, editor, tariff_page, acts):
    client.force_login(editor)
    text = "equated\tsingle\tall_day\t0\t7,00\n" * 501
    response = client.post(edit_url(tariff_page), paste(form_data(client, tariff_page), text, act=acts["2027"]))
    assert response.status_code == 200
    html = response.content.decode()
    assert "принимается не больше 500" in html
    assert html.count("equated\tsingle\tall_day\t0\t7,00") == 501  # still in the field


def test_the_editor_stays_light_with_ten_years_of_decisions(client, editor, tariff_page, acts):
    """Issue 16: under 500 KB of HTML however many archived periods the page has (size, not timing)."""
    from tests.tariff_editor.conftest import add_records
    import datetime

    client.force_login(editor)
    small = len(client.get(edit_url(tariff_page)).content)
    for year in range(2015, 2025):
        for start, end in ((datetime.date(year, 1, 1), datetime.date(year, 6, 30)),
                           (datetime.date(year, 7, 1), datetime.date(year, 12, 31))):
            add_records(tariff_page, (start, end), acts["old"], demo_rows(demo.H1))
    page = TariffPage.objects.get(pk=tariff_page.pk)
    page.save_revision().publish()
    assert page.tariffs.count() > 900
    size = len(client.get(edit_url(tariff_page)).content)
    assert size < 500 * 1024
    assert size - small < 5 * 1024  # the archive adds only its count and link


def test_a_worked_example_on_an_archived_date_is_checked_against_the_archive_too(client, moderator, tariff_page):
    """Publishing checks the page's worked example with the records as submitted: the archive
    is not in the grid's form but is still the page's, so an example dated in it passes."""
    import datetime

    from cms_pages.rules.worked_examples import tariff_result

    page = TariffPage.objects.get(pk=tariff_page.pk)
    page.example_consumer_group, page.example_rate_type = "urban_gas", "single"
    page.example_kwh, page.example_date = Decimal("300"), datetime.date(2026, 3, 1)  # the archived first half-year
    page.example_amount = tariff_result(page)[0].with_vat
    page.save_revision().publish()
    client.force_login(moderator)
    data = form_data(client, tariff_page)
    data["action-publish"] = "action-publish"
    response = client.post(edit_url(tariff_page), data)
    assert response.status_code == 302, messages(response)
    data = form_data(client, tariff_page)
    data.update({"example_amount": "1.00", "action-publish": "action-publish"})
    response = client.post(edit_url(tariff_page), data)  # and a wrong amount is still refused
    assert response.status_code == 200 and "пример расчёта не сходится" in response.content.decode()


def test_a_new_tariff_page_is_created_with_its_first_prices(client, editor, home, acts, today):
    from wagtail.test.utils.form_data import querydict_from_html

    client.force_login(editor)
    url = reverse("wagtailadmin_pages:add", args=("cms_pages", "tariffpage", home.pk))
    response = client.get(url)
    assert response.status_code == 200
    data = querydict_from_html(response.content.decode(), form_id="page-edit-form").dict()
    assert data["tariffs-INITIAL_FORMS"] == "0" and data["tariffs-TOTAL_FORMS"] == "3"
    data.update({"title_ru": "Тарифы на тепло", "slug_ru": "teplo", "kind": "heat",
                 "tariffs-0-consumer_group": "heat_population", "tariffs-0-town_ru": "Котлас",
                 "tariffs-0-price": "3 208,34", "tariffs-0-unit": "gcal", "tariffs-0-effective_from": "01.07.2026",
                 "tariffs-0-legal_act": str(acts["2026"].pk)})
    response = client.post(url, data)
    assert response.status_code == 302, messages(response)
    page = TariffPage.objects.get(slug_ru="teplo").get_latest_revision_as_object()
    assert [(r.town_ru, r.price, r.unit) for r in page.tariffs.all()] == [("Котлас", Decimal("3208.34"), "gcal")]


def test_wagtails_revision_comparison_still_lists_the_changed_prices(client, moderator, tariff_page):
    client.force_login(moderator)
    record = in_force_single(tariff_page)
    data = form_data(client, tariff_page)
    data[f"tariffs-{row_index(data, record)}-price"] = "9,77"
    assert client.post(edit_url(tariff_page), data).status_code == 302
    revision = TariffPage.objects.get(pk=tariff_page.pk).latest_revision
    response = client.get(reverse("wagtailadmin_pages:revisions_compare", args=(tariff_page.pk, "live", revision.pk)))
    assert response.status_code == 200
    assert "9.77" in response.content.decode() or "9,77" in response.content.decode()
