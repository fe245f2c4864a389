"""The rule functions of decisions/rules: reading, checking and comparing a price table."""
import datetime
from decimal import Decimal
from types import SimpleNamespace

import pytest
from django.utils import translation

from cms_pages.rules import tariff_periods
from decisions.layouts import TARIFFS
from decisions.rules import diff, parsing, validation

D = datetime.date


def parse_price(text):
    return validation.parse_amount(text, "цена с НДС", Decimal("99999999.99"))


def test_prices_with_comma_dot_and_spaces():
    assert parse_price("5,10") == Decimal("5.10")
    assert parse_price("5.10") == Decimal("5.10")
    assert parse_price(" 2\u00a0059,04 ") == Decimal("2059.04")
    assert parse_price("1 251") == Decimal("1251.00")


@pytest.mark.parametrize("text, reason", [
    ("", "не указано значение"), ("5,1o", "не число"), ("5 руб.", "не число"), ("-5,10", "отрицательное"),
    ("0", "нулю"), ("5,105", "больше 2 знаков"), ("100000000", "больше допустимого"), ("5,10,2", "не число"), ("=A1*2", "не число"),
])
def test_bad_prices_are_explained(text, reason):
    with pytest.raises(ValueError, match=reason):
        parse_price(text)


def test_utf8_with_and_without_bom_and_cp1251():
    text = "группа;цена\r\nurban_gas;5,10\r\n"
    assert parsing.decode(text.encode("utf-8")) == (text, parsing.UTF8)
    assert parsing.decode(b"\xef\xbb\xbf" + text.encode("utf-8")) == (text, parsing.UTF8_BOM_NAME)
    assert parsing.decode(text.encode("cp1251")) == (text, parsing.CP1251)
    with pytest.raises(parsing.TableError, match="Windows-1251"):
        parsing.decode(b"\x98\x98\xff")  # 0x98 is no character in Windows-1251, and no UTF-8


def test_separator_and_empty_lines():
    rows = parsing.split_text("a\tb\n\n c \t5,10\n")
    assert rows == [(1, ["a", "b"]), (3, ["c", "5,10"])]
    assert parsing.split_text("a;5,10")[0][1] == ["a", "5,10"]
    assert parsing.split_text('a,"5,10"')[0][1] == ["a", "5,10"]


def test_size_and_row_limits():
    with pytest.raises(parsing.TableError, match="2 МБ"):
        parsing.read_csv(b"x" * (parsing.MAX_BYTES + 1))
    with pytest.raises(parsing.TableError, match="не больше 500"):
        parsing.split_text("urban_gas;single;all_day;0;5\n" * (parsing.MAX_ROWS + 1))


def test_rows_rejected_with_line_and_reason():
    rows = parsing.split_text(
        "группа;вид ставки;зона;диапазон;цена\n"
        "urban_gas;single;all_day;1;7,64\n"
        "city_gas;single;all_day;1;7,64\n"
        "urban_gas;two_zone;night;1;5,1o\n"
        "urban_gas;single;all_day;1;7,70\n"
        "urban_gas;two_zone;peak;1;7,70\n"
        "urban_gas;two_zone;day;1;=B2*1,12\n"
        "urban_gas;two_zone;night;7;5,10\n")
    records, errors = validation.check_rows(rows, TARIFFS)
    assert [r["line"] for r in records] == [2]
    assert records[0]["price"] == "7.64"
    reasons = {e.line: e.message for e in errors}
    assert "неизвестный код группы потребителей «city_gas»" in reasons[3] and "urban_gas" in reasons[3]
    assert "не число" in reasons[4]
    assert "повторяет строку 2" in reasons[5]
    assert "нет зоны «peak»" in reasons[6]
    assert "формула" in reasons[7]
    assert "диапазон «7»" in reasons[8]


def rec(group="urban_gas", rate="two_zone", zone="night", band=1, price="5.10", start=D(2026, 1, 1),
        end=D(2026, 6, 30), town=""):
    record = SimpleNamespace(consumer_group=group, rate_type=rate, zone=zone, band=band, unit="kwh", town=town,
                             price=Decimal(price), effective_from=start, effective_to=end)
    record.period_key = lambda: tariff_periods.tariff_key(record)  # as TariffRecord.period_key
    return record


def test_overlapping_periods_of_the_same_group():
    existing = [rec(), rec(group="equated", band=0, start=D(2026, 7, 1), end=D(2026, 12, 31)),
                rec(group="urban_electric_rural", end=None)]
    groups = {("urban_gas", ""), ("equated", ""), ("urban_electric_rural", "")}
    found = validation.overlaps(existing, D(2026, 7, 1), D(2026, 12, 31), groups, TARIFFS.group_key)
    assert [r.consumer_group for r in found] == ["equated"]  # open-ended earlier records end by succession
    assert validation.overlaps(existing, D(2026, 6, 1), None, {("urban_gas", "")}, TARIFFS.group_key) == [existing[0]]


def test_comparison_lists_only_changed_prices_in_words():
    old = [rec(), rec(zone="day", price="8.56"), rec(rate="single", zone="all_day", price="7.64"),
           rec(group="equated", band=0, rate="single", zone="all_day", price="7.64")]
    h2 = dict(start=D(2026, 7, 1), end=D(2026, 12, 31))
    new = old + [rec(price="5.25", **h2), rec(zone="day", price="8.56", **h2),
                 rec(rate="single", zone="all_day", band=2, price="7.65", **h2)]
    comparison = diff.compare(old, new, TARIFFS)
    words = [c.words("ru") for c in comparison.changes]
    assert "двухзонный, ночная зона, 1-й диапазон: 5,10 → 5,25 руб./кВт·ч" in words
    assert "одноставочный, 2-й диапазон: новая цена 7,65 руб./кВт·ч" in words
    assert "одноставочный, 1-й диапазон: в новом решении цены нет (была 7,64 руб./кВт·ч)" in words
    assert not any("дневная" in w for w in words)  # 8,56 → 8,56 is not a change
    assert len(words) == 3 and comparison.unchanged == 1  # the day zone; the kept old records are no change
    assert not any(c.record.consumer_group == "equated" for c in comparison.changes)  # group not in the decision


def test_comparison_of_edits_in_place_and_removals():
    old = [rec(), rec(zone="day", price="8.56")]
    comparison = diff.compare(old, [rec(price="5.20")], TARIFFS)
    assert [(c.kind, c.old_price, c.new_price) for c in comparison.changes] == [
        (diff.REMOVED, Decimal("8.56"), None), (diff.CHANGED, Decimal("5.10"), Decimal("5.20"))]
    with translation.override("en"):
        assert comparison.changes[1].words() == "two-zone, night zone, band 1: 5.10 → 5.20 roubles/kWh"
    assert diff.compare(old, list(old), TARIFFS).changes == []


def test_reasons_in_the_users_language():
    with translation.override("en"):
        _records, errors = validation.check_rows([(7, ["city_gas", "single", "all_day", "0", "5,10"])], TARIFFS)
        assert errors[0].line == 7 and errors[0].message.startswith('unknown consumer group code "city_gas"')
        with pytest.raises(ValueError, match="is not a number"):
            parse_price("5,1o")


def test_a_mistyped_first_row_is_not_taken_for_a_header():
    _records, errors = validation.check_rows([(1, ["urban_gaz", "single", "all_day", "1", "7,64"])], TARIFFS)
    assert errors[0].line == 1 and "urban_gaz" in errors[0].message
    records, errors = validation.check_rows([(1, ["group", "rate", "zone", "band", "price"]),
                                             (2, ["urban_gas", "single", "all_day", "1", "7,64"])], TARIFFS)
    assert len(records) == 1 and errors == []


def test_family_sizes_of_a_ceiling_table_run_from_one():
    from demo.content.subsidies import CEILINGS  # decree 116-пп of 09.02.2023: 1 to 5 persons

    assert validation.missing_family_sizes(CEILINGS) == []
    assert validation.missing_family_sizes({1, 2, 3, 5}) == [4]
    assert validation.missing_family_sizes({3}) == [1, 2]
