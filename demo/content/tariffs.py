"""Tariff pages: household electricity for 2026 (two half-years) and heat for two towns.

The 2026 figures are demonstration values (the base follows the verified 2024 level of
6.59 rub/kWh, order 81-э/5, raised by typical yearly indexation); the legal acts are marked
``is_demo`` and the pages say so.
"""
import datetime
from decimal import ROUND_HALF_UP, Decimal

from cms_pages.codes import EQUATED, URBAN_ELECTRIC_RURAL, URBAN_GAS
from cms_pages.models import TariffPage

from demo.content.common import DEMO_EN, DEMO_RU, T, page

D = datetime.date
H1 = (D(2026, 1, 1), D(2026, 6, 30))
H2 = (D(2026, 7, 1), D(2026, 12, 31))
H1_2027 = (D(2027, 1, 1), D(2027, 6, 30))  # published in advance: shows the "next tariffs" section

# Base price of the single-rate tariff per consumption band (urban homes with gas stoves).
BASE_SINGLE = {H1: [Decimal("7.64"), Decimal("7.65"), Decimal("9.92")]}
BASE_SINGLE[H2] = [(v * Decimal("1.112")).quantize(Decimal("0.01"), ROUND_HALF_UP) for v in BASE_SINGLE[H1]]
BASE_SINGLE[H1_2027] = BASE_SINGLE[H2]  # prices usually change on 1 July, not on 1 January
BAND_LIMITS = {1: 3900, 2: 6000, 3: None}

ZONES = [  # rate type, zone, hours, multiplier to the single-rate price
    ("single", "all_day", "", Decimal("1")),
    ("two_zone", "day", "07:00–23:00", Decimal("1.12")),
    ("two_zone", "night", "23:00–07:00", Decimal("0.60")),
    ("three_zone", "peak", "07:00–10:00, 17:00–21:00", Decimal("1.30")),
    ("three_zone", "half_peak", "10:00–17:00, 21:00–23:00", Decimal("1.00")),
    ("three_zone", "night", "23:00–07:00", Decimal("0.60")),
]
GROUPS = [  # group, coefficient to the base, consumption bands apply
    (URBAN_GAS, Decimal("1"), True),
    (URBAN_ELECTRIC_RURAL, Decimal("0.7"), True),
    (EQUATED, Decimal("1"), False),
]
# Typical shares of a month's kWh at night and at peak per group, for the bill estimator when a
# visitor knows only the total (demonstration values: the share of zone meters' night readings).
ZONE_SHARES = [
    (URBAN_GAS, Decimal("30"), Decimal("30")),
    (URBAN_ELECTRIC_RURAL, Decimal("38"), Decimal("27")),
    (EQUATED, Decimal("20"), Decimal("33")),
]
SHARE_SOURCE = T("Демонстрационное значение: средняя доля по показаниям зонных счётчиков группы.",
                 "Demonstration value: the average share on the group's zone meters.")


def zone_shares():
    return [{"consumer_group": group, "night_percent": night, "peak_percent": peak, "source": SHARE_SOURCE}
            for group, night, peak in ZONE_SHARES]


def _money(value):
    return value.quantize(Decimal("0.01"), ROUND_HALF_UP)


def electricity_records(acts):
    rows = []
    for period, act in ((H1, acts["electricity_2026"]), (H2, acts["electricity_2026"]),
                        (H1_2027, acts["electricity_2027"])):
        for group, coefficient, banded in GROUPS:
            for band in (1, 2, 3) if banded else (0,):
                base = BASE_SINGLE[period][band - 1 if band else 0]
                for rate_type, zone, hours, factor in ZONES:
                    rows.append({
                        "consumer_group": group, "rate_type": rate_type, "zone": zone,
                        "hours": T(hours, hours), "band": band,
                        "band_limit_kwh": BAND_LIMITS[band] if band else None,
                        "town": T("", ""), "price": _money(base * coefficient * factor), "unit": "kwh",
                        "vat_included": True, "effective_from": period[0], "effective_to": period[1],
                        "legal_act": act,
                    })
    return rows


HEAT = [  # town (ru, en), [(from, to, price, act key)]
    (("Холмогорский округ: МУП «Холмогорская теплосеть»", "Kholmogory district: Kholmogory heat network"),
     [(D(2025, 7, 1), D(2025, 12, 31), Decimal("2059.04"), "heat_kholmogory_2025"),
      (D(2026, 1, 1), D(2026, 6, 30), Decimal("2059.04"), "heat_kholmogory_2026"),
      (D(2026, 7, 1), D(2026, 12, 31), Decimal("2285.53"), "heat_kholmogory_2026")]),
    (("Котлас: АО «Котласская ТЭЦ»", "Kotlas: Kotlas combined heat and power plant"),
     [(D(2026, 1, 1), D(2026, 6, 30), Decimal("2890.40"), "heat_kotlas_2026"),
      (D(2026, 7, 1), D(2026, 12, 31), Decimal("3208.34"), "heat_kotlas_2026")]),
]


def heat_records(acts):
    rows = []
    for (town_ru, town_en), periods in HEAT:
        for start, end, price, act_key in periods:
            rows.append({
                "consumer_group": "heat_population", "rate_type": "single", "zone": "all_day",
                "hours": T("", ""), "band": 0, "band_limit_kwh": None, "town": T(town_ru, town_en),
                "price": price, "unit": "gcal", "vat_included": True,
                "effective_from": start, "effective_to": end, "legal_act": acts[act_key],
            })
    return rows


# The worked example (checked against the bill estimator at publish time and in the tests): does a
# two-zone meter pay off at 300 kWh a month in a flat with a gas stove, with the group's typical night
# share? The amount is computed here by the check itself, from the records below, not typed.
EXAMPLE = {"example_consumer_group": URBAN_GAS, "example_rate_type": "two_zone", "example_kwh": Decimal("300"),
           "example_date": H2[0]}
EXAMPLE_TEXT = T(
    "Ночную долю пример берёт типичную для группы. В калькуляторе счёта можно указать свою долю или расход "
    "днём и ночью и сравнить двухзонный тариф с одноставочным и трёхзонным.",
    "The example assumes the group's typical night share. In the bill calculator you can give your own share "
    "or your day and night readings and compare the two-zone tariff with the single-rate and three-zone ones.")


def example_amount(records, shares):
    """The example's monthly amount, as the bill estimator computes it from the page's records."""
    from cms_pages.models import TariffRecord, TypicalZoneShare
    from cms_pages.rules.worked_examples import tariff_result

    from demo.loader import expand

    def without_act(row):
        return expand({k: v for k, v in row.items() if k != "legal_act"})

    example = TariffPage(kind="electricity", **EXAMPLE)
    option, _estimate = tariff_result(example, {
        "tariffs": [TariffRecord(**without_act(row)) for row in records],
        "night_shares": [TypicalZoneShare(**expand(row)) for row in shares]})
    return option.with_vat


def pages(ctx):
    acts = ctx.acts
    records, shares = electricity_records(acts), zone_shares()
    return [
        page("tariffs/electricity", TariffPage, "tariffs",
             T("Тарифы на электроэнергию для населения", "Electricity tariffs for households"),
             T("elektroenergiya-dlya-naseleniya", "electricity-for-households"),
             T("Цены за 1 кВт·ч для квартир и домов Архангельской области в 2026 году и с 1 января 2027 года: "
               "по группам потребителей, зонам суток и диапазонам потребления. Демонстрационные значения.",
               "Prices per kWh for flats and houses in the Arkhangelsk region in 2026 and from 1 January 2027, "
               "by consumer group, time-of-day zone and consumption band. Demonstration values."),
             kind="electricity",
             explanation=T(
                 "Тарифы устанавливает Агентство по тарифам и ценам Архангельской области на каждое "
                 "полугодие: с 1 января по 30 июня и с 1 июля по 31 декабря. С 2025 года цена зависит "
                 "от объёма потребления: 1-й диапазон — до 3 900 кВт·ч в месяц, 2-й — до 6 000 кВт·ч, "
                 "3-й — больше 6 000 кВт·ч. Для домов с электроплитами и электроотоплением и для "
                 "сельских жителей тариф ниже: к базовой цене применяется коэффициент 0,7. Ночная "
                 "зона — с 23:00 до 07:00. Счета выставляет гарантирующий поставщик ООО «ТГК-2 "
                 "Энергосбыт», а не сетевая компания. " + DEMO_RU,
                 "Tariffs are set by the Arkhangelsk Region Agency for Tariffs and Prices for each half-year: "
                 "1 January to 30 June and 1 July to 31 December. Since 2025 the price depends on how much "
                 "you use: band 1 is up to 3,900 kWh a month, band 2 up to 6,000 kWh, band 3 above 6,000 kWh. "
                 "Homes with electric stoves or electric heating and rural residents pay less: a coefficient "
                 "of 0.7 applies to the base price. The night zone is 23:00 to 07:00. Bills come from the "
                 "guaranteeing supplier TGK-2 Energosbyt, not from the grid company. " + DEMO_EN),
             **EXAMPLE, example_amount=example_amount(records, shares), example_text=EXAMPLE_TEXT,
             children={"tariffs": records, "night_shares": shares}),
        page("tariffs/heat", TariffPage, "tariffs",
             T("Тарифы на тепловую энергию для населения", "Heat tariffs for households"),
             T("teplovaya-energiya", "heat"),
             T("Цена 1 гигакалории тепла для жителей Холмогорского округа и Котласа, с НДС. "
               "Демонстрационные значения, кроме тарифа Холмогорского округа на второе полугодие 2025 года.",
               "Price of one gigacalorie of heat for residents of Kholmogory district and Kotlas, VAT "
               "included. Demonstration values, except the Kholmogory tariff for the second half of 2025."),
             kind="heat",
             explanation=T(
                 "Тариф на тепло свой у каждой теплоснабжающей организации. Его устанавливает Агентство "
                 "по тарифам и ценам Архангельской области, обычно с изменением с 1 июля. Сумма в "
                 "квитанции зависит также от норматива или показаний общедомового прибора учёта. " + DEMO_RU,
                 "Each heat supplier has its own tariff. It is set by the Arkhangelsk Region Agency for "
                 "Tariffs and Prices and usually changes on 1 July. The amount on your bill also depends on "
                 "the consumption standard or the building's heat meter. " + DEMO_EN),
             children={"tariffs": heat_records(acts)}),
    ]

