"""One way to write money (cms_pages.rules.money)."""
from decimal import Decimal

import pytest

from cms_pages.rules.money import format_amount, format_money

NBSP = "\u00a0"


@pytest.mark.parametrize("value, ru, en", [
    (Decimal("1251300"), f"1{NBSP}251{NBSP}300,00{NBSP}₽", "1,251,300.00 RUB"),
    (Decimal("45000"), f"45{NBSP}000,00{NBSP}₽", "45,000.00 RUB"),
    (Decimal("5.105"), f"5,11{NBSP}₽", "5.11 RUB"),
    (Decimal("0"), f"0,00{NBSP}₽", "0.00 RUB"),
    (Decimal("-1234.5"), f"-1{NBSP}234,50{NBSP}₽", "-1,234.50 RUB"),
])
def test_money_in_both_languages(value, ru, en):
    assert format_money(value, "ru") == ru
    assert format_money(value, "en") == en


def test_amount_without_currency_and_places():
    assert format_amount(Decimal("3900.5"), "ru") == f"3{NBSP}900,50"
    assert format_amount(Decimal("15"), "en", places=0) == "15"


@pytest.mark.parametrize("garbage", [None, "", "abc"])
def test_nothing_for_no_value(garbage):
    assert format_money(garbage, "ru") == ""
