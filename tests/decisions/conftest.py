"""A tariff page holding the demo's first half-year of 2026, published, and the demo's second
half-year as the table a regulator would publish (demo/content/tariffs.py is the one home of
those figures)."""
from decimal import Decimal

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


@pytest.fixture
def connection_page(home):
    """A connection-fee page with the demo's 2025 and 2026 rates (demo/content/connection.py), published."""
    from cms_pages.models import PreferentialRate, StandardizedRate
    from demo.content import connection
    from tests.factories import ConnectionFeePageFactory

    page = ConnectionFeePageFactory(parent=home, title="Плата за технологическое присоединение")
    acts = {"connection_2025": LegalActFactory(number="55-п/1"), "connection_2026": LegalActFactory(number="66-п/2")}
    for model, rows in ((StandardizedRate, connection.standard_rates(acts)),
                        (PreferentialRate, connection.preferential_rates(acts))):
        for index, row in enumerate(rows):
            model.objects.create(page=page, sort_order=index, **record_fields(row))
    page.save_revision().publish()
    page.refresh_from_db()
    return page


@pytest.fixture
def subsidy_page(home):
    """The housing subsidy with decree 116-пп's ceilings (demo/content/subsidies.py) and a 22 % share, published."""
    from cms_pages.models import IncomeCeiling
    from demo.content import subsidies
    from tests.factories import SubsidyPageFactory

    page = SubsidyPageFactory(parent=home, title="Субсидия на оплату жилья и коммунальных услуг")
    act = LegalActFactory(number="116-пп", title="Постановление о предельных доходах")
    for row in subsidies.ceilings(act):
        IncomeCeiling.objects.create(page=page, **row)
    page.max_payment_share_percent = Decimal("22")  # a field or the page's criterion: set as an attribute
    page.save_revision().publish()
    page.refresh_from_db()
    return page
