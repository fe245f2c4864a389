"""Connection fee rule: worked examples computed by hand in each test's comment.

Rates (without VAT) used throughout, 0.4 kV unless said otherwise:
C1 19,745.00 per connection (21,000.00 from 01.07.2026); C2 overhead 1,200,000 rub/km in towns,
900,000 rub/km in rural areas, 1,800,000 rub/km at 6-10 kV; C3 cable 2,000,000 rub/km;
C8 25,000 per metering point. Preferential 5,000 rub/kW and social 1,064 rub/kW, both with VAT.
VAT 22% from 01.01.2026, 20% before.
"""
import datetime
from decimal import Decimal as D

import pytest

from calculators.rules import connection_fee as fee
from calculators.rules.common import CalculatorError, NoPublishedData
from cms_pages.models import ApplicantCategory, ConnectionDeadline, LegalAct, PreferentialRate, StandardizedRate

JAN, JUL = datetime.date(2026, 1, 1), datetime.date(2026, 7, 1)
SPRING = datetime.date(2026, 3, 1)
ORDER = LegalAct(title="Приказ о ставках платы", number="70-э/2", date=datetime.date(2025, 12, 19))
ORDER_JULY = LegalAct(title="Приказ о ставках платы со второго полугодия", number="30-э/1",
                      date=datetime.date(2026, 6, 20))


def rate(code, amount, voltage="0.4", area="any", start=JAN, end=None, act=ORDER):
    unit = {"C1": "connection", "C2": "km", "C3": "km", "C8": "point"}[code]
    return StandardizedRate(code=code, voltage=voltage, area=area, unit=unit, amount=D(amount),
                            effective_from=start, effective_to=end, legal_act=act)


STANDARD = [
    rate("C1", "19745.00"),
    rate("C1", "21000.00", start=JUL, act=ORDER_JULY),
    rate("C2", "1200000", area="town"),
    rate("C2", "900000", area="rural"),
    rate("C2", "1800000", voltage="6-10"),
    rate("C3", "2000000"),
    rate("C8", "25000"),
]
PREFERENTIAL = [
    PreferentialRate(kind="preferential", rub_per_kw=D("5000"), max_kw=D("15"), max_distance_town_m=300,
                     max_distance_rural_m=500, effective_from=JAN, legal_act=ORDER),
    PreferentialRate(kind="social", rub_per_kw=D("1064"), max_kw=D("15"), max_distance_town_m=300,
                     max_distance_rural_m=500, effective_from=JAN, legal_act=ORDER),
]
CATEGORIES = [
    ApplicantCategory(code="household", name="Граждане до 15 кВт", max_kw=D("15")),
    ApplicantCategory(code="business_150", name="Юридические лица до 150 кВт", max_kw=D("150")),
    ApplicantCategory(code="medium_670", name="От 150 до 670 кВт", max_kw=D("670")),
    ApplicantCategory(code="large", name="670 кВт и более", max_kw=None),
    ApplicantCategory(code="temporary", name="Временное присоединение", max_kw=D("150")),
]


def tier(order, term, unit, categories="", min_kw=None, max_kw=None, inclusive=True, voltage="", town=None,
         rural=None):
    return ConnectionDeadline(sort_order=order, term=term, term_unit=unit, categories=categories,
                              min_kw=None if min_kw is None else D(min_kw), max_kw=None if max_kw is None else D(max_kw),
                              max_kw_inclusive=inclusive, max_voltage=voltage, max_distance_town_m=town,
                              max_distance_rural_m=rural, clause="п. 16 «б»", effective_from=JAN)


# Decree 861, p. 16 «б», as the demo publishes it: the first tier whose conditions hold applies.
DEADLINES = [
    tier(1, 30, "working_days", "household,business_150", max_kw="150", voltage="0.4", town=15, rural=15),
    tier(2, 15, "working_days", "temporary"),
    tier(3, 4, "months", max_kw="670", voltage="6-10", town=300, rural=500),
    tier(4, 6, "months", "household,business_150", max_kw="150", voltage="6-10"),
    tier(5, 1, "years", max_kw="670", inclusive=False),
    tier(6, 2, "years", min_kw="670"),
]


def calc(category="household", kw="15", voltage="0.4", distance="300", area="town", line="overhead",
         points=1, social=False, on=SPRING, standard=STANDARD, preferential=PREFERENTIAL):
    request = fee.ConnectionRequest(category=category, kw=D(kw), voltage=voltage, distance_m=D(distance),
                                    area=area, line=line, metering_points=points, social=social)
    return fee.calculate_connection_fee(request, CATEGORIES, standard, preferential, on=on, deadlines=DEADLINES)


def test_household_15_kw_300_m_in_town_pays_the_preferential_rate():
    # Standard: 19,745 + 1,200,000 × 0.3 + 25,000 = 404,745.00; VAT 22% 89,043.90; 493,788.90.
    # Preferential: 5,000 × 15 = 75,000.00 with VAT, lower; without VAT 75,000 / 1.22 = 61,475.41.
    result = calc()
    assert [(c.code, c.amount) for c in result.components] == [
        ("C1", D("19745.00")), ("C2", D("360000.00")), ("C8", D("25000.00"))]
    assert result.standard_without_vat == D("404745.00")
    assert result.standard_vat == D("89043.90")
    assert result.standard_with_vat == D("493788.90")
    assert result.rule == fee.RULE_PREFERENTIAL
    assert result.total_with_vat == D("75000.00")
    assert result.total_without_vat == D("61475.41")
    assert result.vat == D("13524.59")
    assert result.saving_with_vat == D("418788.90")


def test_301_m_in_town_loses_the_preferential_rate():
    # 1,200,000 × 0.301 = 361,200; 19,745 + 361,200 + 25,000 = 405,945.00; VAT 89,307.90; 495,252.90.
    result = calc(distance="301")
    assert result.rule == fee.RULE_STANDARD
    assert result.total_without_vat == D("405945.00")
    assert result.vat == D("89307.90")
    assert result.total_with_vat == D("495252.90")
    assert any("301" in str(r) and "300" in str(r) for r in result.preferential.reasons)


def test_299_m_in_town_keeps_the_preferential_rate():
    assert calc(distance="299").rule == fee.RULE_PREFERENTIAL


@pytest.mark.parametrize("distance, rule", [("499", "preferential"), ("500", "preferential"), ("501", "standard")])
def test_rural_limit_is_500_m(distance, rule):
    assert calc(area="rural", distance=distance).rule == rule


def test_rural_501_m_figures():
    # 900,000 × 0.501 = 450,900; 19,745 + 450,900 + 25,000 = 495,645.00; VAT 109,041.90; 604,686.90.
    result = calc(area="rural", distance="501")
    assert result.total_with_vat == D("604686.90")
    assert result.vat == D("109041.90")


def test_400_m_is_over_the_town_limit_but_within_the_rural_one():
    assert calc(area="town", distance="400").rule == fee.RULE_STANDARD
    assert calc(area="rural", distance="400").rule == fee.RULE_PREFERENTIAL


def test_15_1_kw_is_over_the_household_category():
    with pytest.raises(CalculatorError) as error:
        calc(kw="15.1")
    assert error.value.field == "kw"


def test_15_1_kw_as_a_business_pays_standard_rates_and_says_why():
    result = calc(category="business_150", kw="15.1")
    assert result.rule == fee.RULE_STANDARD
    reasons = " ".join(str(r) for r in result.preferential.reasons)
    assert "15,1" in reasons and "бытовых нужд" in reasons
    assert result.total_with_vat == D("493788.90")  # same lines as the 15 kW case: kW does not enter C1/C2/C8


def test_standard_cost_wins_when_it_is_lower_than_the_preferential_rate():
    # Line along the plot (0 m), one meter: 19,745 + 25,000 = 44,745.00; VAT 9,843.90; 54,588.90 < 75,000.
    result = calc(distance="0")
    assert [c.code for c in result.components] == ["C1", "C8"]
    assert result.preferential.applicable
    assert result.rule == fee.RULE_STANDARD
    assert result.total_with_vat == D("54588.90")
    assert "не выше" in str(result.rule_explanation)


def test_preferential_wins_for_a_small_power_at_the_same_place():
    # 5,000 × 5 = 25,000 < 54,588.90.
    result = calc(distance="0", kw="5")
    assert result.rule == fee.RULE_PREFERENTIAL
    assert result.total_with_vat == D("25000.00")


def test_social_rate_is_used_for_a_social_group():
    # 1,064 × 15 = 15,960.00 with VAT; 15,960 / 1.22 = 13,081.97 without; VAT 2,878.03.
    result = calc(social=True)
    assert result.rule == fee.RULE_SOCIAL
    assert result.total_with_vat == D("15960.00")
    assert result.total_without_vat == D("13081.97")
    assert result.vat == D("2878.03")


def test_social_request_without_a_published_social_rate_falls_back_to_preferential():
    result = calc(social=True, preferential=PREFERENTIAL[:1])
    assert result.rule == fee.RULE_PREFERENTIAL
    assert result.total_with_vat == D("75000.00")
    assert result.preferential.notes


def test_social_group_over_the_distance_limit_pays_standard_rates():
    assert calc(social=True, distance="301").rule == fee.RULE_STANDARD


def test_cable_line_uses_c3():
    # 2,000,000 × 0.1 = 200,000; 19,745 + 200,000 + 25,000 = 244,745.00; VAT 53,843.90; 298,588.90.
    result = calc(category="business_150", kw="50", line="cable", distance="100")
    assert [c.code for c in result.components] == ["C1", "C3", "C8"]
    assert result.total_with_vat == D("298588.90")


def test_6_10_kv_business_100_kw_1_km_rural_two_meters():
    # C1 has no 6-10 kV record: the 0.4 kV one serves (19,745). C2 1,800,000 × 1 = 1,800,000.
    # C8 25,000 × 2 = 50,000. 1,869,745.00; VAT 411,343.90; 2,281,088.90.
    result = calc(category="business_150", kw="100", voltage="6-10", distance="1000", area="rural", points=2)
    assert result.total_without_vat == D("1869745.00")
    assert result.vat == D("411343.90")
    assert result.total_with_vat == D("2281088.90")
    # 1,000 m in a rural area is beyond 500 m: not 4 months; up to 150 kW at 10 kV: 6 months.
    assert (result.deadline.term, result.deadline.unit) == (6, "months")


def test_household_at_6_10_kv_is_not_preferential():
    result = calc(voltage="6-10", distance="100")
    assert result.rule == fee.RULE_STANDARD
    assert any("0,4 кВ" in str(r) for r in result.preferential.reasons)


@pytest.mark.parametrize("category, kw, voltage, distance, area, term", [
    # p. 16 «б»: 30 working days only at 0.4 kV within 15 m of the grid (up to 150 kW, one source).
    ("household", "15", "0.4", "10", "town", "30 рабочих дней"),
    ("household", "15", "0.4", "15", "rural", "30 рабочих дней"),
    ("business_150", "150", "0.4", "15", "town", "30 рабочих дней"),
    # Farther than 15 m but within 300 m (town) / 500 m (rural): 4 months.
    ("household", "15", "0.4", "16", "town", "4 месяца"),
    ("household", "15", "0.4", "500", "rural", "4 месяца"),
    ("medium_670", "670", "6-10", "200", "town", "4 месяца"),
    # Beyond 300 m in a town: 6 months for the small applicants, 1 year under 670 kW, 2 years from 670.
    ("household", "15", "0.4", "400", "town", "6 месяцев"),
    ("medium_670", "500", "6-10", "400", "town", "1 год"),
    ("medium_670", "670", "6-10", "400", "town", "2 года"),
    ("large", "1000", "6-10", "200", "town", "2 года"),
    ("medium_670", "300", "35", "0", "town", "1 год"),
    ("temporary", "100", "0.4", "200", "town", "15 рабочих дней"),
])
def test_deadline_follows_category_voltage_and_distance(category, kw, voltage, distance, area, term):
    result = calc(category=category, kw=kw, voltage=voltage, distance=distance, area=area)
    assert result.deadline.text == term
    assert result.deadline.clause == "п. 16 «б»"


def test_10_m_and_400_m_from_the_grid_get_different_deadlines():
    # The example: the same house, 10 m vs 400 m from the grid in a town.
    near, far = calc(distance="10"), calc(distance="400")
    assert (near.deadline.term, near.deadline.unit) == (30, "working_days")
    assert (far.deadline.term, far.deadline.unit) == (6, "months")
    assert near.preferential.applicable and not far.preferential.applicable  # 400 m > 300 m in a town


def test_deadline_tiers_are_chosen_by_date():
    later = tier(1, 20, "working_days", "household,business_150", max_kw="150", voltage="0.4", town=15, rural=15)
    later.effective_from = JUL
    request = fee.ConnectionRequest(category="household", kw=D(15), voltage="0.4", distance_m=D(10), area="town")
    before = fee.calculate_connection_fee(request, CATEGORIES, STANDARD, PREFERENTIAL, on=SPRING,
                                          deadlines=[*DEADLINES, later])
    after = fee.calculate_connection_fee(request, CATEGORIES, STANDARD, PREFERENTIAL, on=JUL,
                                         deadlines=[*DEADLINES, later])
    assert before.deadline.term == 30 and after.deadline.term == 20


def test_no_published_tier_gives_no_deadline():
    request = fee.ConnectionRequest(category="household", kw=D(15), voltage="0.4", distance_m=D(10), area="town")
    assert fee.calculate_connection_fee(request, CATEGORIES, STANDARD, PREFERENTIAL, on=SPRING).deadline is None


@pytest.mark.parametrize("category, kw", [
    ("household", "15"), ("business_150", "150"), ("medium_670", "670"), ("large", "1000"), ("temporary", "100"),
])
def test_only_households_get_the_preferential_rate(category, kw):
    result = calc(category=category, kw=kw, distance="200")
    assert result.category.code == category
    assert result.preferential.applicable == (category == "household")


def test_category_upper_limit_is_inclusive():
    assert calc(category="medium_670", kw="670", distance="10").category.code == "medium_670"
    with pytest.raises(CalculatorError):
        calc(category="medium_670", kw="670.1", distance="10")


def test_unknown_category_is_refused():
    with pytest.raises(CalculatorError) as error:
        calc(category="nobody")
    assert error.value.field == "category"


def test_rates_change_on_1_july():
    # 30 June: C1 19,745 (C2 0 m, no meter): 19,745 × 1.22 = 24,088.90.
    # 1 July: C1 21,000 × 1.22 = 25,620.00; the basis is the July order.
    june = calc(category="business_150", distance="0", points=0, on=datetime.date(2026, 6, 30))
    july = calc(category="business_150", distance="0", points=0, on=JUL)
    assert june.total_with_vat == D("24088.90")
    assert july.total_with_vat == D("25620.00")
    assert [b.act.number for b in june.legal_bases] == ["70-э/2"]
    assert [b.act.number for b in july.legal_bases] == ["30-э/1"]
    assert june.legal_bases[0].effective_to == datetime.date(2026, 6, 30)


def test_vat_rate_follows_the_date():
    # In 2025 VAT was 20%: 19,745 × 0.20 = 3,949.00. In 2026 22%: 4,343.90.
    old = [rate("C1", "19745.00", start=datetime.date(2025, 1, 1))]
    in_2025 = calc(category="business_150", distance="0", points=0, standard=old, on=datetime.date(2025, 12, 31))
    in_2026 = calc(category="business_150", distance="0", points=0, standard=old, on=JAN)
    assert (in_2025.vat_rate.percent, in_2025.vat) == (D("20"), D("3949.00"))
    assert (in_2026.vat_rate.percent, in_2026.vat) == (D("22"), D("4343.90"))


def test_a_date_before_any_published_rate_is_refused():
    with pytest.raises(NoPublishedData) as error:
        calc(on=datetime.date(2025, 6, 1))
    assert error.value.field == "date"
    assert "01.06.2025" in str(error.value.message)


def test_missing_line_rate_names_the_rate_and_voltage():
    with pytest.raises(NoPublishedData) as error:
        calc(category="business_150", kw="100", voltage="35", distance="100")
    assert "С2" in str(error.value.message) and "35" in str(error.value.message)


def test_no_preferential_rate_published_means_standard_rates():
    result = calc(preferential=[])
    assert result.rule == fee.RULE_STANDARD
    assert result.total_with_vat == D("493788.90")
