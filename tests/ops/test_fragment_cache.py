"""The tariff tables are cached per publish: a published change shows at once, a draft never does."""
import datetime
from decimal import Decimal

import pytest
from django.core.cache import cache
from django.test import override_settings
from django.utils import timezone

LOCMEM = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "fragments"}}


@pytest.fixture
def tariff_page(home):
    from tests.factories import TariffPageFactory, TariffRecordFactory

    page = TariffPageFactory(parent=home)
    today = timezone.localdate()
    TariffRecordFactory(page=page, price=Decimal("6.59"), effective_from=today - datetime.timedelta(days=30),
                        effective_to=today + datetime.timedelta(days=30))
    page.save_revision().publish()
    return page


@override_settings(CACHES=LOCMEM)
def test_published_price_change_is_shown_despite_the_fragment_cache(client, tariff_page):
    cache.clear()
    assert "6,59" in client.get(tariff_page.url).content.decode()
    assert "6,59" in client.get(tariff_page.url).content.decode()  # now from the fragment cache

    records = list(tariff_page.tariffs.all())
    records[0].price = Decimal("7.12")
    tariff_page.tariffs.set(records)  # the revision carries the page's child records
    draft = tariff_page.save_revision()
    assert "6,59" in client.get(tariff_page.url).content.decode()  # a draft changes nothing

    draft.publish()
    html = client.get(tariff_page.url).content.decode()
    assert "7,12" in html and "6,59" not in html
