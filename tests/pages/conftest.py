import datetime
from decimal import Decimal

import pytest

from tests import factories as f

D = datetime.date


@pytest.fixture
def act(db):
    return f.LegalActFactory(number="81-э/5", title="Приказ об установлении цен на электроэнергию",
                             url="https://example.org/order", is_demo=True)


@pytest.fixture
def tariff_page(home, act):
    page = f.TariffPageFactory(parent=home, title="Тарифы на электроэнергию", title_en="Electricity tariffs",
                               slug="tarify", slug_en="tariffs", summary="Цены для населения.",
                               summary_en="Prices for households.")
    common = dict(page=page, legal_act=act, consumer_group="urban_gas")
    # First half of 2026, then a rise on 1 July; two-zone tariffs with hours; an archived period.
    f.TariffRecordFactory(**common, price=Decimal("5.90"), effective_from=D(2025, 7, 1), effective_to=D(2025, 12, 31))
    f.TariffRecordFactory(**common, price=Decimal("6.59"), effective_from=D(2026, 1, 1), effective_to=D(2026, 6, 30))
    f.TariffRecordFactory(**common, price=Decimal("7.31"), effective_from=D(2026, 7, 1), effective_to=None)
    f.TariffRecordFactory(**common, rate_type="two_zone", zone="day", hours="07:00–23:00", hours_en="7 am – 11 pm",
                          price=Decimal("7.10"), effective_from=D(2026, 1, 1), effective_to=D(2026, 6, 30))
    f.TariffRecordFactory(**common, rate_type="two_zone", zone="night", hours="23:00–07:00",
                          price=Decimal("3.40"), effective_from=D(2026, 1, 1), effective_to=D(2026, 6, 30))
    f.TariffRecordFactory(page=page, legal_act=act, consumer_group="urban_electric_rural", band=1,
                          band_limit_kwh=3900, price=Decimal("4.61"), vat_included=True,
                          effective_from=D(2026, 1, 1), effective_to=D(2026, 6, 30))
    return page
