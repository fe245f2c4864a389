"""A tariff page holding the demo's first half-year of 2026, published, and the demo's second
half-year as the table a regulator would publish (demo/content/tariffs.py is the one home of
those figures)."""
import pytest
from django.contrib.auth.models import Group, Permission, User

from cms_pages.models import TariffRecord
from demo.content import tariffs as demo
from demo.loader import T
from editorial import roles
from tests.factories import LegalActFactory, TariffPageFactory


def account(name, group=None):
    user = User.objects.create_user(name, f"{name}@example.invalid", "pw-decisions-2026")
    user.user_permissions.add(Permission.objects.get(codename="access_admin"))
    if group:
        user.groups.add(Group.objects.get(name=group))
    return user


def record_fields(row):
    fields = {}
    for name, value in row.items():
        if isinstance(value, T):
            fields[name], fields[f"{name}_ru"], fields[f"{name}_en"] = value.ru, value.ru, value.en
        else:
            fields[name] = value
    return fields


def demo_rows(period):
    acts = {"electricity_2026": None, "electricity_2027": None}
    return [row for row in demo.electricity_records(acts) if (row["effective_from"], row["effective_to"]) == period]


def table(period, separator=";", decimal=","):
    """The half-year as the regulator's table: header, then group, rate type, zone, band, price."""
    lines = [separator.join(["группа", "вид ставки", "зона", "диапазон", "цена с НДС"])]
    for row in demo_rows(period):
        price = f"{row['price']:.2f}".replace(".", decimal)
        lines.append(separator.join([row["consumer_group"], row["rate_type"], row["zone"], str(row["band"]), price]))
    return "\r\n".join(lines) + "\r\n"


@pytest.fixture
def tariff_page(home):
    page = TariffPageFactory(parent=home, kind="electricity", title="Тарифы на электроэнергию для населения")
    act = LegalActFactory(number="90-э/1", title="Приказ об установлении тарифов на 2026 год")
    for index, row in enumerate(demo_rows(demo.H1)):
        TariffRecord.objects.create(page=page, sort_order=index, **{**record_fields(row), "legal_act": act})
    page.save_revision().publish()
    page.refresh_from_db()
    return page


@pytest.fixture
def editor(db):
    return account("editor-decisions", roles.EDITORS)


@pytest.fixture
def officer(db):
    return account("officer-decisions", roles.CASE_OFFICERS)
