"""The calculators compute from exactly what the pages publish, and follow each republish."""
import datetime
import re
from decimal import Decimal as D
from urllib.parse import urlencode

import pytest
from django.utils import translation

from cms_pages.models import TariffPage, TariffRecord
from tests.calculators import factories as f
from tests.factories import TariffPageFactory, TariffRecordFactory

pytestmark = pytest.mark.django_db


def number(text):
    """'19 745,00' / '19745,00' -> Decimal('19745.00')."""
    return D(re.sub(r"[\s\u00a0\u202f]", "", text).replace(",", "."))


def bill(client, date="01.03.2026", kwh="100"):
    query = {"calculate": "1", "consumer_group": "urban_gas", "mode": "total", "total_kwh": kwh, "date": date}
    response = client.get(f"/ru/calculators/bill/?{urlencode(query)}")
    translation.activate("ru")
    return response


def calculator_total(response):
    return number(re.search(r"data-total>.*?— ([\d\s\u00a0,]+?)\s₽", response.content.decode(), re.S).group(1))


def page_price(client, page, record_pk, date="01.03.2026"):
    html = client.get(f"{page.url}?date={date}").content.decode()
    row = re.search(rf'data-tariff-id="{record_pk}".*?tariff-price[^>]*>([^<]+)<', html, re.S)
    return number(row.group(1))


@pytest.fixture
def single_rate_page(home):
    page = TariffPageFactory(parent=home)
    record = TariffRecordFactory(page=page, price=D("6.59"), effective_from=datetime.date(2026, 1, 1),
                                 effective_to=None)
    return page, record


def test_calculator_uses_the_price_the_page_shows(client, single_rate_page):
    page, record = single_rate_page
    shown = page_price(client, page, record.pk)
    assert shown == D("6.59")
    assert calculator_total(bill(client, kwh="100")) == shown * 100


def test_republished_price_reaches_the_calculator_only_when_published(client, single_rate_page):
    page, record = single_rate_page
    page = TariffPage.objects.get(pk=page.pk)
    records = list(page.tariffs.all())
    records[0].price = D("7.10")
    page.tariffs = records
    revision = page.save_revision()
    # a draft changes nothing the public sees
    assert calculator_total(bill(client)) == D("659.00")
    revision.publish()
    assert page_price(client, page, records[0].pk) == D("7.10")
    assert calculator_total(bill(client)) == D("710.00")


def test_a_new_rate_published_in_advance_applies_from_its_effective_date(client, single_rate_page):
    page, record = single_rate_page
    page = TariffPage.objects.get(pk=page.pk)
    records = list(page.tariffs.all())
    records.append(TariffRecord(consumer_group="urban_gas", rate_type="single", zone="all_day",
                                price=D("7.25"), effective_from=datetime.date(2026, 7, 1),
                                legal_act=record.legal_act))
    page.tariffs = records
    page.save_revision().publish()
    assert calculator_total(bill(client, date="30.06.2026")) == D("659.00")
    assert calculator_total(bill(client, date="01.07.2026")) == D("725.00")


def test_records_of_an_unpublished_page_are_ignored(client, home):
    page = TariffPageFactory(parent=home)
    TariffRecordFactory(page=page, effective_from=datetime.date(2026, 1, 1), effective_to=None)
    page.unpublish()
    response = bill(client)
    assert response.status_code == 400
    assert "тарифы для этой группы потребителей не опубликованы" in response.content.decode()


def test_fee_calculator_uses_the_rates_the_fee_page_shows(client, fee_page):
    html = client.get(f"{fee_page.url}?date=01.03.2026").content.decode()
    shown = {number(v) for v in re.findall(r'class="numeric"[^>]*>([\d\s\u00a0,]+)</td>', html)}
    query = {"calculate": "1", "category": "household", "kw": "15", "voltage": "0.4", "area": "town",
             "distance_m": "300", "line": "overhead", "metering_points": "1", "date": "01.03.2026"}
    result = client.get(f"/ru/calculators/connection-fee/?{urlencode(query)}").content.decode()
    used = {number(v) for v in re.findall(r"<td>([\d\s\u00a0,]+) руб\.", result)}
    assert used == {D("19745.00"), D("1200000.00"), D("25000.00")}
    assert used <= shown


def test_republished_preferential_rate_changes_the_fee(client, fee_page):
    from cms_pages.models import ConnectionFeePage
    page = ConnectionFeePage.objects.get(pk=fee_page.pk)
    rates = list(page.preferential_rates.all())
    for rate in rates:
        if rate.kind == "preferential":
            rate.rub_per_kw = D("4000")
    page.preferential_rates = rates
    page.save_revision().publish()
    query = {"calculate": "1", "category": "household", "kw": "15", "voltage": "0.4", "area": "town",
             "distance_m": "300", "line": "overhead", "metering_points": "1", "date": "01.03.2026"}
    result = client.get(f"/ru/calculators/connection-fee/?{urlencode(query)}").content.decode()
    assert "60 000,00 ₽ с НДС" in re.sub(r"\s+", " ", result)  # 4,000 × 15


def test_subsidy_ceiling_follows_the_published_page(client, home):
    page = f.SubsidyPageFactory(parent=home)
    f.IncomeCeilingFactory(page=page, family_size=1, heating_season=D("28000"))
    query = {"calculate": "1", "family_size": "1", "income": "29000", "payments": "9000", "heating_season": "yes",
             "date": "01.03.2026"}
    before = client.get(f"/ru/calculators/benefits/?{urlencode(query)}").content.decode()
    assert "скорее всего, не положена" in before
    from cms_pages.models import SubsidyPage
    page = SubsidyPage.objects.get(pk=page.pk)
    ceilings = list(page.income_ceilings.all())
    ceilings[0].heating_season = D("30000")
    page.income_ceilings = ceilings
    page.save_revision().publish()
    after = re.sub(r"\s+", " ", client.get(f"/ru/calculators/benefits/?{urlencode(query)}").content.decode())
    assert "скорее всего, положена" in after and "30 000,00" in after
