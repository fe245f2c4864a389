"""The code lists the whole site shares: one home for each code, its label and its order.

Models, forms, rules, the demo content and the search answers import these names; a code is
never typed as a string literal elsewhere (``duplicates`` keeps it so).
"""
from django.utils.translation import gettext_lazy as _

# ----------------------------------------------------------------- tariffs (regional regulator)
ELECTRICITY, HEAT = "electricity", "heat"
TARIFF_KIND_CHOICES = [(ELECTRICITY, _("Электроэнергия")), (HEAT, _("Тепловая энергия"))]
URBAN_GAS, URBAN_ELECTRIC_RURAL, EQUATED, HEAT_POPULATION = (
    "urban_gas", "urban_electric_rural", "equated", "heat_population")
CONSUMER_GROUP_CHOICES = [
    (URBAN_GAS, _("Городское население в домах с газовыми плитами")),
    (URBAN_ELECTRIC_RURAL, _("Население в домах с электроплитами или электроотоплением и сельское население")),
    (EQUATED, _("Потребители, приравненные к населению")),
    (HEAT_POPULATION, _("Население (тепловая энергия)")),
]
# Groups a household electricity bill is estimated for (heat is billed per Gcal, not per kWh).
HOUSEHOLD_GROUPS = (URBAN_GAS, URBAN_ELECTRIC_RURAL, EQUATED)

SINGLE, TWO_ZONE, THREE_ZONE = "single", "two_zone", "three_zone"
RATE_TYPE_CHOICES = [
    (SINGLE, _("Одноставочный")),
    (TWO_ZONE, _("Двухзонный (день/ночь)")),
    (THREE_ZONE, _("Трёхзонный (пик/полупик/ночь)")),
]
ALL_DAY, DAY, NIGHT, PEAK, HALF_PEAK = "all_day", "day", "night", "peak", "half_peak"
ZONE_CHOICES = [
    (ALL_DAY, _("Круглосуточно")),
    (DAY, _("Дневная зона")),
    (NIGHT, _("Ночная зона")),
    (PEAK, _("Пиковая зона")),
    (HALF_PEAK, _("Полупиковая зона")),
]
ZONES = {
    SINGLE: (ALL_DAY,),
    TWO_ZONE: (DAY, NIGHT),
    THREE_ZONE: (PEAK, HALF_PEAK, NIGHT),
}
KWH, GCAL = "kwh", "gcal"
UNIT_CHOICES = [(KWH, _("руб./кВт·ч")), (GCAL, _("руб./Гкал"))]
NO_BANDS = 0
BAND_CHOICES = [
    (NO_BANDS, _("Без диапазонов")),
    (1, _("1-й диапазон")),
    (2, _("2-й диапазон")),
    (3, _("3-й диапазон")),
]

# ----------------------------------------------------------------- grid connection (Decree 861)
# The applicant category of individuals connecting up to 15 kW for household use: the only one
# that may be charged the preferential or social rate (Decree 861, p. 17).
HOUSEHOLD = "household"
PREFERENTIAL_CATEGORY_CODES = frozenset({HOUSEHOLD})
VOLTAGE_04, VOLTAGE_6_10, VOLTAGE_35 = "0.4", "6-10", "35"
VOLTAGE_CHOICES = [(VOLTAGE_04, _("0,4 кВ и ниже")), (VOLTAGE_6_10, _("6–10 кВ")), (VOLTAGE_35, _("35 кВ"))]
VOLTAGE_ORDER = [code for code, _label in VOLTAGE_CHOICES]
TOWN, RURAL, ANY_AREA = "town", "rural", "any"
AREA_CHOICES = [(ANY_AREA, _("любая")), (TOWN, _("город")), (RURAL, _("сельская местность"))]
AREAS = (TOWN, RURAL)
OVERHEAD, CABLE = "overhead", "cable"
LINE_CHOICES = [(OVERHEAD, _("воздушная")), (CABLE, _("кабельная"))]
# The standardized rates (the regulator's order on connection fees, by Decree 861 p. 87) and their units.
C1, C2, C3, C8 = "C1", "C2", "C3", "C8"
RATE_CODE_CHOICES = [
    (C1, _("С1 — подготовка и выдача технических условий, проверка их выполнения")),
    (C2, _("С2 — строительство воздушных линий")),
    (C3, _("С3 — строительство кабельных линий")),
    (C8, _("С8 — организация учёта электроэнергии")),
]
PER_CONNECTION, PER_KM, PER_POINT = "connection", "km", "point"
RATE_UNIT_CHOICES = [
    (PER_CONNECTION, _("руб. за присоединение")),
    (PER_KM, _("руб./км")),
    (PER_POINT, _("руб. за точку учёта")),
]
# The rates per kW for households up to 15 kW (Decree 861 p. 17): preferential, and social for the
# groups the region names.
PREFERENTIAL, SOCIAL = "preferential", "social"
PER_KW_KIND_CHOICES = [(PREFERENTIAL, _("Льготная ставка")), (SOCIAL, _("Социальная ставка"))]
# The units of a connection deadline's term (Decree 861 p. 16 «б»; a connection application's stages).
WORKING_DAYS, DAYS, MONTHS, YEARS = "working_days", "days", "months", "years"
TERM_UNIT_CHOICES = [(WORKING_DAYS, _("рабочих дней")), (DAYS, _("календарных дней")),
                     (MONTHS, _("месяцев")), (YEARS, _("лет"))]

# ----------------------------------------------------------------- benefits (181-FZ, Housing Code)
DISABLED, DISABLED_CHILD, VETERAN, LARGE_FAMILY, LOW_INCOME = (
    "disabled", "disabled_child", "veteran", "large_family", "low_income")
BENEFIT_CATEGORY_CHOICES = [
    (DISABLED, _("Человек с инвалидностью")),
    (DISABLED_CHILD, _("Семья с ребёнком-инвалидом")),
    (VETERAN, _("Ветеран боевых действий")),
    (LARGE_FAMILY, _("Многодетная семья")),
    (LOW_INCOME, _("Малоимущая семья")),
]
BENEFIT_CATEGORY_CODES = [code for code, _label in BENEFIT_CATEGORY_CHOICES]

# The kinds of condition a benefit page lists and the benefit checker applies
# (``calculators.rules.eligibility``; the clause of each is cited there).
PAYMENT_SHARE, INCOME_CEILING, CATEGORY, RESIDENCE, DWELLING, NO_DEBTS = (
    "payment_share", "income_ceiling", "category", "residence", "dwelling", "no_debts")
CRITERION_KIND_CHOICES = [
    (PAYMENT_SHARE, _("Платежи за ЖКУ больше доли дохода семьи (укажите процент)")),
    (INCOME_CEILING, _("Доход семьи не выше предельного (по таблице предельного дохода этой страницы)")),
    (CATEGORY, _("Кто-то в семье относится к одной из категорий (отметьте категории)")),
    (RESIDENCE, _("Регистрация по месту жительства в регионе")),
    (DWELLING, _("Собственник, наниматель жилья или член жилищного кооператива")),
    (NO_DEBTS, _("Нет долга за ЖКУ или выполняется соглашение о его погашении")),
]
CRITERION_KINDS = [code for code, _label in CRITERION_KIND_CHOICES]
# Conditions only the visitor can confirm: the checker asks about them (unanswered: "check it yourself").
DECLARED_CRITERION_KINDS = (RESIDENCE, DWELLING, NO_DEBTS)


def choice_index(choices, value):
    """The position of ``value`` in a choices list (unknown values last), for stable ordering."""
    codes = [code for code, _label in choices]
    return codes.index(value) if value in codes else len(codes)


def parse_codes(text):
    """"disabled, veteran" -> {"disabled", "veteran"} (codes stored separated by commas)."""
    return frozenset(code.strip() for code in (text or "").split(",") if code.strip())
