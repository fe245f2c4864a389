"""The grid connection fee page (Decree 861): categories, standardized and preferential rates."""
import datetime
from decimal import Decimal

from cms_pages.codes import HOUSEHOLD, OVERHEAD, TOWN, VOLTAGE_04, VOLTAGE_6_10
from cms_pages.models import ConnectionFeePage

from demo.content.common import DEMO_EN, DEMO_RU, T, link, p, page, ul

D = datetime.date
Y2025 = (D(2025, 1, 1), D(2025, 12, 31))
Y2026 = (D(2026, 1, 1), None)  # in force until the agency sets the next rates

CATEGORIES = [
    (HOUSEHOLD, T("Граждане до 15 кВт для бытовых нужд", "Individuals up to 15 kW for household use"),
     Decimal("15"),
     T("Жилой или садовый дом, гараж; III категория надёжности (один источник питания); напряжение 0,4 кВ. "
       "Плата — меньшая из двух сумм: по стандартизированным ставкам или по льготной ставке за кВт, если "
       "до сетей не больше 300 м в городе и 500 м в сельской местности.",
       "A house, summer house or garage; reliability category III (one supply source); 0.4 kV. The fee is "
       "the lower of the standardized-rate cost and the preferential rate per kW, if the grid is within "
       "300 m in a town or 500 m in the countryside.")),
    ("business-150", T("Юридические лица и предприниматели до 150 кВт",
                       "Businesses and sole traders up to 150 kW"), Decimal("150"),
     T("Один источник питания, напряжение до 10 кВ. Оплата по стандартизированным ставкам, можно в рассрочку "
       "на 3 года: 10 % при заключении договора.",
       "One supply source, up to 10 kV. Paid at the standardized rates; may be paid over 3 years, 10% when "
       "the contract is signed.")),
    ("business-670", T("Заявители от 150 до 670 кВт", "Applicants from 150 to 670 kW"), Decimal("670"),
     T("Плата по стандартизированным ставкам; стоимость строительства линий входит в плату.",
       "Paid at the standardized rates; building the lines is included in the fee.")),
    ("large-670plus", T("Заявители от 670 кВт", "Applicants of 670 kW and more"), None,
     T("Плата по стандартизированным ставкам или по индивидуальному проекту, утверждённому агентством по тарифам.",
       "Paid at the standardized rates or by an individual project approved by the tariff agency.")),
    ("temporary", T("Временное присоединение", "Temporary connection"), None,
     T("Для стройплощадки или передвижного объекта на срок до 6 месяцев, по III категории надёжности.",
       "For a construction site or a mobile facility for up to 6 months, reliability category III.")),
]

# (code, voltage, area, unit, 2026 amount without VAT); 2025 is the same less 7 %.
STANDARD_2026 = [
    ("C1", "0.4", "any", "connection", Decimal("19745.00")),
    ("C2", "0.4", "any", "km", Decimal("1251300.00")),
    ("C2", "6-10", "any", "km", Decimal("1488200.00")),
    ("C2", "35", "any", "km", Decimal("3120000.00")),
    ("C3", "0.4", "any", "km", Decimal("2105400.00")),
    ("C3", "6-10", "any", "km", Decimal("2640900.00")),
    ("C3", "35", "any", "km", Decimal("5870000.00")),
    ("C8", "0.4", "any", "point", Decimal("28300.00")),
    ("C8", "6-10", "any", "point", Decimal("196800.00")),
]


def standard_rates(acts):
    rows = []
    for (start, end), factor, act in ((Y2025, Decimal("0.93"), acts["connection_2025"]),
                                      (Y2026, Decimal("1"), acts["connection_2026"])):
        for code, voltage, area, unit, amount in STANDARD_2026:
            rows.append({"code": code, "voltage": voltage, "area": area, "unit": unit,
                         "amount": (amount * factor).quantize(Decimal("0.01")),
                         "effective_from": start, "effective_to": end, "legal_act": act})
    return rows


PREFERENTIAL_CONDITIONS = T(
    "Граждане, присоединяющие до 15 кВт для бытовых нужд на напряжении 0,4 кВ, если расстояние до сетей "
    "нужного класса напряжения не больше 300 м в городе и 500 м в сельской местности. Применяется, если "
    "плата по стандартизированным ставкам получается больше.",
    "Individuals connecting up to 15 kW for household use at 0.4 kV, when the grid of the required voltage "
    "is within 300 m in a town or 500 m in the countryside. Applies when the standardized-rate fee would be higher.")
SOCIAL_CONDITIONS = T(
    "Малоимущие семьи, люди с инвалидностью и семьи с детьми-инвалидами, ветераны боевых действий, "
    "многодетные семьи и другие льготные категории — при тех же условиях по мощности и расстоянию. "
    "Нужен документ, подтверждающий льготу.",
    "Low-income families, disabled people and families with disabled children, combat veterans, large "
    "families and other eligible groups, on the same power and distance conditions. A document proving "
    "eligibility is required.")


def preferential_rates(acts):
    rows = []
    for (start, end), preferential, social, act in (
            (Y2025, Decimal("4700.00"), Decimal("1100.00"), acts["connection_2025"]),
            (Y2026, Decimal("5000.00"), Decimal("1150.00"), acts["connection_2026"])):
        rows.append({"kind": "preferential", "rub_per_kw": preferential, "max_kw": Decimal("15"),
                     "max_distance_town_m": 300, "max_distance_rural_m": 500,
                     "conditions": PREFERENTIAL_CONDITIONS, "effective_from": start, "effective_to": end,
                     "legal_act": act})
        rows.append({"kind": "social", "rub_per_kw": social, "max_kw": Decimal("15"),
                     "max_distance_town_m": 300, "max_distance_rural_m": 500,
                     "conditions": SOCIAL_CONDITIONS, "effective_from": start, "effective_to": end,
                     "legal_act": act})
    return rows


CLAUSE = T("п. 16 «б» Правил технологического присоединения (постановление № 861)",
           "Rules of technological connection (Decree 861), p. 16(b)")
SMALL = f"{HOUSEHOLD},business-150"  # applicants of p. 12(1) and 14: up to 150 kW, one source
# Decree 861, p. 16 «б», first matching tier wins. The 30-working-day tier is verified; the other
# tiers' exact conditions are demonstration values [U] (see /work/shared/domain.md).
DEADLINES = [
    (30, "working_days", SMALL, None, Decimal("150"), True, VOLTAGE_04, 15, 15,
     T("До 150 кВт, один источник, 0,4 кВ и ниже, до сетей не больше 15 м, строить сети не нужно.",
       "Up to 150 kW, one source, 0.4 kV or below, the grid within 15 m, no new grid to build.")),
    (6, "months", "temporary", None, None, True, "", None, None,
     T("Временное присоединение (демонстрационное значение).", "Temporary connection (demonstration value).")),
    (4, "months", "", None, Decimal("670"), True, VOLTAGE_6_10, 300, 500,
     T("До 670 кВт, до 20 кВ, до сетей не больше 300 м в городе и 500 м в сельской местности.",
       "Up to 670 kW, up to 20 kV, the grid within 300 m in a town or 500 m in the countryside.")),
    (6, "months", SMALL, None, Decimal("150"), True, VOLTAGE_6_10, None, None,
     T("До 150 кВт, до 20 кВ, до сетей дальше 300 м в городе или 500 м в сельской местности "
       "(демонстрационное значение).",
       "Up to 150 kW, up to 20 kV, the grid farther than 300 m in a town or 500 m in the countryside "
       "(demonstration value).")),
    (1, "years", "", None, Decimal("670"), False, "", None, None,
     T("Меньше 670 кВт, если более короткий срок не подходит.", "Under 670 kW, when no shorter term applies.")),
    (2, "years", "", Decimal("670"), None, True, "", None, None,
     T("670 кВт и больше.", "670 kW and more.")),
]


def deadlines(acts):
    return [{"term": term, "term_unit": unit, "categories": categories, "min_kw": min_kw, "max_kw": max_kw,
             "max_kw_inclusive": inclusive, "max_voltage": voltage, "max_distance_town_m": town,
             "max_distance_rural_m": rural, "description": description, "clause": CLAUSE,
             "effective_from": D(2022, 7, 1), "effective_to": None, "legal_act": acts["decree_861"]}
            for term, unit, categories, min_kw, max_kw, inclusive, voltage, town, rural, description in DEADLINES]


def pages(ctx):
    categories = [{"code": code, "name": name, "max_kw": max_kw, "conditions": conditions}
                  for code, name, max_kw, conditions in CATEGORIES]
    return [
        page("connection/fee", ConnectionFeePage, "connection",
             T("Плата за технологическое присоединение", "Grid connection fee"),
             T("plata-za-prisoedinenie", "connection-fee"),
             T("Сколько стоит подключение к электросетям «Архэнерго» в 2026 году для каждой категории "
               "заявителей. Ставки — демонстрационные значения.",
               "What connecting to the Arkhenergo grid costs in 2026 for each category of applicant. "
               "The rates are demonstration values."),
             explanation=T(
                 p("Плата считается так: С1 за присоединение + С2 или С3 × длина новой линии в км + "
                   "С8 × число точек учёта. Стандартизированные ставки указаны без НДС, льготные — с НДС.",
                   "Для граждан до 15 кВт с 1 июля 2022 года берётся меньшая сумма: по "
                   "стандартизированным ставкам или льготная ставка × заявленная мощность. До этого "
                   "плата была не больше 550 рублей; теперь она зависит от мощности.")
                 + ul("Рассчитать сумму: " + link("connection/fee-calculator", "калькулятор платы за подключение"),
                      "Как подать заявку: " + link("connection/up-to-15kw", "подключение дома до 15 кВт"))
                 + p(DEMO_RU),
                 p("The fee is: C1 per connection + C2 or C3 × length of the new line in km + C8 × number "
                   "of metering points. Standardized rates exclude VAT; preferential rates include it.",
                   "Since 1 July 2022 individuals up to 15 kW pay the lower of the standardized-rate cost "
                   "and the preferential rate × requested power. Before that the fee was at most 550 roubles; "
                   "now it depends on the power.")
                 + ul("Work out the amount: " + link("connection/fee-calculator", "grid connection fee calculator"),
                      "How to apply: " + link("connection/up-to-15kw", "connecting a house up to 15 kW"))
                 + p(DEMO_EN)),
             # The worked example (checked against the calculator at publish time and in the tests): a house
             # of 15 kW in a town 300 m from the grid pays the preferential 5 000 × 15 = 75 000 with VAT.
             example_category=HOUSEHOLD, example_kw=Decimal("15"), example_voltage=VOLTAGE_04, example_area=TOWN,
             example_distance_m=Decimal("300"), example_line=OVERHEAD, example_metering_points=1,
             example_fee=Decimal("75000.00"),
             children={"categories": categories, "standard_rates": standard_rates(ctx.acts),
                       "preferential_rates": preferential_rates(ctx.acts),
                       "deadlines": deadlines(ctx.acts)}),
    ]
