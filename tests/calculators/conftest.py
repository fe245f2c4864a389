import datetime
from decimal import Decimal as D

import pytest

from tests.calculators import factories as f
from tests.factories import LegalActFactory, TariffPageFactory, TariffRecordFactory

JAN = datetime.date(2026, 1, 1)


@pytest.fixture
def fee_page(home):
    page = f.ConnectionFeePageFactory(parent=home)
    f.ApplicantCategoryFactory(page=page)
    f.ApplicantCategoryFactory(page=page, code="business_150", name="Юридические лица и ИП до 150 кВт",
                               name_en="Businesses up to 150 kW", max_kw=D("150"))
    act = LegalActFactory(title="Приказ о ставках платы за присоединение", title_en="Order on connection rates",
                          number="70-э/2")
    f.StandardizedRateFactory(page=page, code="C1", unit="connection", amount=D("19745.00"), legal_act=act)
    f.StandardizedRateFactory(page=page, code="C2", unit="km", area="town", amount=D("1200000"), legal_act=act)
    f.StandardizedRateFactory(page=page, code="C2", unit="km", area="rural", amount=D("900000"), legal_act=act)
    f.StandardizedRateFactory(page=page, code="C3", unit="km", amount=D("2000000"), legal_act=act)
    f.StandardizedRateFactory(page=page, code="C8", unit="point", amount=D("25000"), legal_act=act)
    f.PreferentialRateFactory(page=page, legal_act=act)
    f.PreferentialRateFactory(page=page, kind="social", rub_per_kw=D("1064"), legal_act=act,
                              conditions="Малоимущие семьи, люди с инвалидностью, ветераны боевых действий",
                              conditions_en="Low-income families, disabled people, combat veterans")
    return page


@pytest.fixture
def tariff_page(home):
    page = TariffPageFactory(parent=home)
    act = LegalActFactory(title="Приказ об установлении тарифов", title_en="Order setting tariffs", number="81-э/5")
    for zone_type, zone, price in [("single", "all_day", "6.59"), ("two_zone", "day", "7.00"),
                                   ("two_zone", "night", "3.50"), ("three_zone", "peak", "8.00"),
                                   ("three_zone", "half_peak", "6.59"), ("three_zone", "night", "3.50")]:
        TariffRecordFactory(page=page, rate_type=zone_type, zone=zone, price=D(price), effective_from=JAN,
                            effective_to=None, legal_act=act)
    return page


@pytest.fixture
def subsidy_page(home):
    page = f.SubsidyPageFactory(parent=home, documents=[("document", "Паспорт"), ("document", "Справки о доходах")])
    for size, heating, other in [(1, "28000", "22000"), (2, "38500", "31000"), (3, "50000", "42000")]:
        f.IncomeCeilingFactory(page=page, family_size=size, heating_season=D(heating), non_heating_season=D(other))
    return page
