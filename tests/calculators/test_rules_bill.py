"""Bill estimator: hand-computed examples. Prices with VAT, rub/kWh, group "urban_gas":

1 Jan – 30 Jun 2026: single-rate band 1 (to 3,900) 6.59, band 2 (to 6,000) 6.60, band 3 9.00;
two-zone day 7.00 / 7.10 / 9.50, night 3.50 / 3.60 / 4.80; three-zone (no bands) peak 8.00,
half-peak 6.59, night 3.50. From 1 Jul 2026: single-rate 7.25 / 7.26 / 9.90 (new order).
"""
import datetime
from decimal import Decimal as D

import pytest

from calculators.rules import bill
from calculators.rules.common import NoPublishedData
from cms_pages.models import LegalAct, TariffRecord

H1 = (datetime.date(2026, 1, 1), datetime.date(2026, 6, 30))
H2 = (datetime.date(2026, 7, 1), datetime.date(2026, 12, 31))
JUNE, JULY = datetime.date(2026, 6, 30), datetime.date(2026, 7, 1)
ORDER_H1 = LegalAct(title="Приказ о тарифах на 2026 год", number="81-э/5", date=datetime.date(2025, 12, 19))
ORDER_H2 = LegalAct(title="Приказ о тарифах со второго полугодия", number="40-э/2", date=datetime.date(2026, 6, 15))
LIMITS = {1: 3900, 2: 6000, 3: None}


def rec(rate_type, zone, price, band=0, period=H1, act=ORDER_H1, group="urban_gas", vat_included=True):
    return TariffRecord(consumer_group=group, rate_type=rate_type, zone=zone, band=band,
                        band_limit_kwh=LIMITS.get(band) if band else None, price=D(price), unit="kwh",
                        vat_included=vat_included, effective_from=period[0], effective_to=period[1],
                        legal_act=act, hours="")


def banded(rate_type, zone, prices, period=H1, act=ORDER_H1):
    return [rec(rate_type, zone, p, band=i + 1, period=period, act=act) for i, p in enumerate(prices)]


RECORDS = [
    *banded("single", "all_day", ["6.59", "6.60", "9.00"]),
    *banded("two_zone", "day", ["7.00", "7.10", "9.50"]),
    *banded("two_zone", "night", ["3.50", "3.60", "4.80"]),
    rec("three_zone", "peak", "8.00"), rec("three_zone", "half_peak", "6.59"), rec("three_zone", "night", "3.50"),
    *banded("single", "all_day", ["7.25", "7.26", "9.90"], period=H2, act=ORDER_H2),
]


def option(estimate, rate_type):
    return next(o for o in estimate.options if o.rate_type == rate_type)


def single_total(kwh, on=datetime.date(2026, 3, 1), records=RECORDS):
    return option(bill.estimate_bill("urban_gas", bill.Consumption.from_total(D(kwh)), records, on=on),
                  "single").with_vat


def test_250_kwh_single_rate():
    # 250 × 6.59 = 1,647.50 with VAT; 1,647.50 / 1.22 = 1,350.41 without.
    estimate = bill.estimate_bill("urban_gas", bill.Consumption.from_total(D(250)), RECORDS,
                                  on=datetime.date(2026, 3, 1))
    single = option(estimate, "single")
    assert (single.with_vat, single.without_vat) == (D("1647.50"), D("1350.41"))


@pytest.mark.parametrize("kwh, expected", [
    ("3900", "25701.00"),   # 3,900 × 6.59: all in band 1
    ("3901", "25707.60"),   # 25,701.00 + 1 × 6.60
    ("6000", "39561.00"),   # 25,701.00 + 2,100 × 6.60 = 25,701.00 + 13,860.00
    ("6001", "39570.00"),   # 39,561.00 + 1 × 9.00
])
def test_band_boundaries(kwh, expected):
    assert single_total(kwh) == D(expected)


def test_band_split_of_3901_kwh():
    assert bill.split_into_bands(D(3901), {1: 3900, 2: 6000}, {1, 2, 3}) == [
        (1, 0, 3900, D(3900)), (2, 3900, 6000, D(1)), (3, 6000, None, D(0))]


def test_without_bands_one_price_for_all_kwh():
    records = [rec("single", "all_day", "6.59")]
    assert single_total("7000", records=records) == D("46130.00")  # 7,000 × 6.59


def test_zones_side_by_side_with_the_cheapest_marked():
    # peak 100, half-peak 200, night 100 (400 kWh, all band 1):
    # single 400 × 6.59 = 2,636.00; two-zone 300 × 7.00 + 100 × 3.50 = 2,450.00;
    # three-zone 100 × 8.00 + 200 × 6.59 + 100 × 3.50 = 800 + 1,318 + 350 = 2,468.00.
    consumption = bill.Consumption.from_three_zones(D(100), D(200), D(100))
    estimate = bill.estimate_bill("urban_gas", consumption, RECORDS, on=datetime.date(2026, 3, 1))
    totals = {o.rate_type: o.with_vat for o in estimate.options}
    assert totals == {"single": D("2636.00"), "two_zone": D("2450.00"), "three_zone": D("2468.00")}
    assert [o.rate_type for o in estimate.cheapest] == ["two_zone"]
    assert option(estimate, "single").over_cheapest == D("186.00")
    assert option(estimate, "three_zone").over_cheapest == D("18.00")


def test_zone_kwh_are_shared_between_bands_in_proportion():
    # day 3,000 + night 1,000 = 4,000: band 1 3,900, band 2 100; day is 3/4 of the month.
    # day: 2,925 × 7.00 + 75 × 7.10 = 20,475.00 + 532.50 = 21,007.50
    # night: 975 × 3.50 + 25 × 3.60 = 3,412.50 + 90.00 = 3,502.50; total 24,510.00.
    consumption = bill.Consumption.from_day_night(D(3000), D(1000))
    estimate = bill.estimate_bill("urban_gas", consumption, RECORDS, on=datetime.date(2026, 3, 1))
    two = option(estimate, "two_zone")
    assert [(z.zone, z.with_vat) for z in two.zones] == [("day", D("21007.50")), ("night", D("3502.50"))]
    assert [line.kwh for line in two.zones[0].lines] == [D(2925), D(75)]
    assert two.with_vat == D("24510.00")


def test_total_only_prices_single_rate_and_says_what_zones_need():
    estimate = bill.estimate_bill("urban_gas", bill.Consumption.from_total(D(250)), RECORDS,
                                  on=datetime.date(2026, 3, 1))
    assert [o.available for o in estimate.options] == [True, False, False]
    assert "днём и ночью" in str(option(estimate, "two_zone").reason)
    assert estimate.cheapest == []  # nothing to compare with


def test_day_night_split_cannot_price_three_zones():
    estimate = bill.estimate_bill("urban_gas", bill.Consumption.from_day_night(D(300), D(100)), RECORDS,
                                  on=datetime.date(2026, 3, 1))
    assert [o.available for o in estimate.options] == [True, True, False]


def test_an_unpublished_rate_type_is_shown_as_such():
    # From 1 July only single-rate prices are published in this data.
    consumption = bill.Consumption.from_three_zones(D(100), D(200), D(100))
    estimate = bill.estimate_bill("urban_gas", consumption, RECORDS, on=JULY)
    assert [o.available for o in estimate.options] == [True, False, False]
    assert "не опубликован" in str(option(estimate, "two_zone").reason)


def test_tariff_change_on_1_july():
    # 30 June: 250 × 6.59 = 1,647.50 (order 81-э/5); 1 July: 250 × 7.25 = 1,812.50 (order 40-э/2).
    june = bill.estimate_bill("urban_gas", bill.Consumption.from_total(D(250)), RECORDS, on=JUNE)
    july = bill.estimate_bill("urban_gas", bill.Consumption.from_total(D(250)), RECORDS, on=JULY)
    assert option(june, "single").with_vat == D("1647.50")
    assert option(july, "single").with_vat == D("1812.50")
    assert [b.act.number for b in june.legal_bases] == ["81-э/5"]
    assert [b.act.number for b in july.legal_bases] == ["40-э/2"]


def test_price_without_vat_gets_vat_added():
    # 100 × 5.00 = 500.00 without VAT; × 1.22 = 610.00.
    records = [rec("single", "all_day", "5.00", vat_included=False)]
    single = option(bill.estimate_bill("urban_gas", bill.Consumption.from_total(D(100)), records,
                                       on=datetime.date(2026, 3, 1)), "single")
    assert (single.with_vat, single.without_vat) == (D("610.00"), D("500.00"))


def test_kwh_above_the_last_published_band_are_not_guessed():
    records = banded("single", "all_day", ["6.59", "6.60"])  # no band 3 price
    single = option(bill.estimate_bill("urban_gas", bill.Consumption.from_total(D(6001)), records,
                                       on=datetime.date(2026, 3, 1)), "single")
    assert not single.available
    assert "6000" in str(single.reason)


def test_other_groups_records_are_not_used():
    with pytest.raises(NoPublishedData):
        bill.estimate_bill("urban_electric_rural", bill.Consumption.from_total(D(250)), RECORDS,
                           on=datetime.date(2026, 3, 1))


def test_a_date_without_published_tariffs_is_refused():
    with pytest.raises(NoPublishedData) as error:
        bill.estimate_bill("urban_gas", bill.Consumption.from_total(D(250)), RECORDS, on=datetime.date(2025, 12, 31))
    assert error.value.field == "date"


# ------------------------------------------------------------ a monthly total with the typical night share

class Share:  # the shape of cms_pages.TypicalZoneShare, without a page
    def __init__(self, group, night, peak, sort_order=0, source=""):
        self.consumer_group, self.night_percent, self.peak_percent = group, D(night), D(peak)
        self.sort_order, self.source = sort_order, source


def test_does_a_two_zone_meter_pay_off_at_300_kwh_with_the_default_night_share():
    # Typical share for the group: 30 % at night, 30 % at peak.
    # Single: 300 × 6.59 = 1,977.00. Two-zone: day 210 × 7.00 = 1,470.00 + night 90 × 3.50 = 315.00
    # = 1,785.00, so it pays off by 192.00. Three-zone: peak 90 × 8.00 = 720 + half-peak 120 × 6.59 =
    # 790.80 + night 90 × 3.50 = 315 = 1,825.80.
    shares = bill.typical_shares([Share("equated", "20", "30"), Share("urban_gas", "30", "30")], "urban_gas")
    estimate = bill.estimate_bill("urban_gas", bill.Consumption.from_total(D(300), shares), RECORDS,
                                  on=datetime.date(2026, 3, 1))
    assert option(estimate, "single").with_vat == D("1977.00")
    assert option(estimate, "two_zone").with_vat == D("1785.00")
    assert option(estimate, "three_zone").with_vat == D("1825.80")
    assert [o.rate_type for o in estimate.cheapest] == ["two_zone"]
    assert option(estimate, "single").over_cheapest == D("192.00")
    assert estimate.consumption.shares.assumed


def test_a_low_night_share_makes_the_two_zone_meter_not_pay_off():
    # 10 % at night: day 270 × 7.00 = 1,890 + night 30 × 3.50 = 105 = 1,995.00 > 1,977.00 single.
    shares = bill.ZoneShares(D(10), None, assumed=False)
    estimate = bill.estimate_bill("urban_gas", bill.Consumption.from_total(D(300), shares), RECORDS,
                                  on=datetime.date(2026, 3, 1))
    assert option(estimate, "two_zone").with_vat == D("1995.00")
    assert [o.rate_type for o in estimate.cheapest] == ["single"]
    assert not option(estimate, "three_zone").available  # no peak share: no three-zone estimate


def test_the_exact_split_is_used_when_given():
    # Day 200 × 7.00 = 1,400 + night 100 × 3.50 = 350 = 1,750.00, whatever the typical share.
    estimate = bill.estimate_bill("urban_gas", bill.Consumption.from_day_night(D(200), D(100)), RECORDS,
                                  on=datetime.date(2026, 3, 1))
    assert option(estimate, "two_zone").with_vat == D("1750.00")
    assert estimate.consumption.shares is None


def test_no_typical_share_for_the_group_prices_the_single_rate_only():
    assert bill.typical_shares([Share("equated", "20", "30")], "urban_gas") is None
