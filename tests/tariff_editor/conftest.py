"""A published electricity tariff page on 15 September 2026: the demo's 2026 half-years and the
first half of 2027 (demo/content/tariffs.py, the one home of those figures), plus an older
archived period with English texts; and the people who open its editor."""
import datetime
import re

import pytest
from django.contrib.auth.models import Group, Permission, User
from django.urls import reverse
from wagtail.test.utils.form_data import querydict_from_html

from cms_pages.models import TariffRecord
from demo.content import tariffs as demo
from editorial import roles
from tests.factories import LegalActFactory, TariffPageFactory

D = datetime.date
TODAY = datetime.datetime(2026, 9, 15, 10, 0)
OLD = (D(2025, 7, 1), D(2025, 12, 31))  # archived, with English texts the grid must not lose


def account(name, group=None):
    user = User.objects.create_user(name, f"{name}@example.invalid", "pw-tariff-grid-2026")
    user.user_permissions.add(Permission.objects.get(codename="access_admin"))
    if group:
        user.groups.add(Group.objects.get(name=group))
    return user


def demo_rows(period):
    rows = [row for row in demo.electricity_records({"electricity_2026": None, "electricity_2027": None})
            if (row["effective_from"], row["effective_to"]) == period]
    assert rows, period
    return rows


def add_records(page, period, act, rows, sort_from=0):
    records = []
    for index, row in enumerate(rows):
        fields = {}
        for name, value in row.items():
            if hasattr(value, "ru") and hasattr(value, "en"):
                fields[name], fields[f"{name}_ru"], fields[f"{name}_en"] = value.ru, value.ru, value.en
            else:
                fields[name] = value
        fields.update(effective_from=period[0], effective_to=period[1], legal_act=act)
        records.append(TariffRecord(page=page, sort_order=sort_from + index, **fields))
    TariffRecord.objects.bulk_create(records)
    return records


@pytest.fixture
def today(time_machine):
    time_machine.move_to(TODAY, tick=False)
    return TODAY.date()


@pytest.fixture
def acts(db):
    return {
        "old": LegalActFactory(number="70-э/1", title="Приказ о тарифах на 2025 год", date=D(2024, 12, 18)),
        "2026": LegalActFactory(number="90-э/1", title="Приказ о тарифах на 2026 год", date=D(2025, 12, 19)),
        "2027": LegalActFactory(number="92-э/1", title="Приказ о тарифах на 2027 год", date=D(2026, 11, 20)),
    }


@pytest.fixture
def tariff_page(home, acts, today):
    page = TariffPageFactory(parent=home, kind="electricity", title="Тарифы на электроэнергию для населения")
    old = add_records(page, OLD, acts["old"], demo_rows(demo.H1)[:6])
    TariffRecord.objects.filter(pk__in=[r.pk for r in old]).update(town_ru="Архангельск", town_en="Arkhangelsk",
                                                                     hours_en="round the clock")
    add_records(page, demo.H1, acts["2026"], demo_rows(demo.H1), 100)
    add_records(page, demo.H2, acts["2026"], demo_rows(demo.H2), 200)
    add_records(page, demo.H1_2027, acts["2027"], demo_rows(demo.H1_2027), 300)
    page.save_revision().publish()
    page.refresh_from_db()
    return page


@pytest.fixture
def editor(db):
    return account("editor-grid", roles.EDITORS)


@pytest.fixture
def moderator(db):
    return account("moderator-grid", roles.MODERATORS)


@pytest.fixture
def officer(db):
    return account("officer-grid", roles.CASE_OFFICERS)


def edit_url(page):
    return reverse("wagtailadmin_pages:edit", args=[page.pk])


def form_data(client, page):
    """What the page editor posts: the form as the server rendered it (the grid needs no JavaScript)."""
    response = client.get(edit_url(page))
    assert response.status_code == 200
    return querydict_from_html(response.content.decode(), form_id="page-edit-form").dict()


def row_index(data, record):
    for key, value in data.items():
        match = re.fullmatch(r"tariffs-(\d+)-id", key)
        if match and value == str(record.pk):
            return int(match.group(1))
    raise AssertionError(f"record {record.pk} is not in the grid")


def first_empty_row(data):
    indexes = sorted(int(m.group(1)) for key in data if (m := re.fullmatch(r"tariffs-(\d+)-id", key)))
    return next(i for i in indexes if data[f"tariffs-{i}-id"] == "")


def snapshot(records):
    """Every stored value of the records, to compare before and after a save."""
    fields = ["consumer_group", "town_ru", "town_en", "rate_type", "zone", "hours_ru", "hours_en", "band",
              "band_limit_kwh", "price", "unit", "vat_included", "effective_from", "effective_to", "legal_act_id"]
    return sorted(tuple(getattr(r, name) for name in fields) for r in records)


def messages(response):
    """The error messages of a re-rendered editor, for an assertion's explanation."""
    html = response.content.decode()
    found = re.findall(r'class="[^"]*(?:error-message|help-critical)[^"]*"[^>]*>(.*?)</', html, flags=re.S)
    return [re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", text)).strip() for text in found]
