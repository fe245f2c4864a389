"""Eligibility: the 22% rule, the Arkhangelsk income ceilings (decree 116-пп of 09.02.2023), categories.

Ceilings, rub/month, heating / non-heating: 1 person 28,000 / 22,000; 2 persons 38,500 / 31,000;
3 persons 50,000 / 42,000; 4 persons 68,000 / 55,000; 5 persons 85,000 / 70,000.
"""
import datetime
from decimal import Decimal as D

import pytest

from calculators.rules import eligibility as el
from calculators.rules.common import NoPublishedData
from cms_pages.codes import (
    CATEGORY, DISABLED, DISABLED_CHILD, DWELLING, INCOME_CEILING, LOW_INCOME, NO_DEBTS, PAYMENT_SHARE, RESIDENCE,
    VETERAN,
)
from cms_pages.models import IncomeCeiling, LegalAct

ON = datetime.date(2026, 3, 1)
DECREE = LegalAct(title="Постановление о предельном доходе", number="116-пп", date=datetime.date(2023, 2, 9))
TABLE = {1: ("28000", "22000"), 2: ("38500", "31000"), 3: ("50000", "42000"), 4: ("68000", "55000"),
         5: ("85000", "70000")}
CEILINGS = [IncomeCeiling(family_size=n, heating_season=D(h), non_heating_season=D(o),
                          effective_from=datetime.date(2023, 2, 9), legal_act=DECREE)
            for n, (h, o) in TABLE.items()]


SHARE_22 = el.Criterion(PAYMENT_SHARE, percent=D("22"))  # the federal standard (Decree 541)
WITHIN_CEILING = el.Criterion(INCOME_CEILING)


def categories(*codes):
    return el.Criterion(CATEGORY, categories=frozenset(codes))


def subsidy(extra=(), **kwargs):
    values = {"title": "Субсидия на оплату ЖКУ", "criteria": (SHARE_22, WITHIN_CEILING, *extra),
              "income_ceilings": CEILINGS}
    values.update(kwargs)
    return el.Benefit(**values)


COMPENSATION = el.Benefit(title="Компенсация 50 %", compensation_percent=D("50"),
                          criteria=(categories(DISABLED, DISABLED_CHILD),))
VETERANS = el.Benefit(title="Компенсация ветеранам", compensation_percent=D("50"), criteria=(categories(VETERAN),))


def check(size=1, income="20000", payments="5000", heating=True, categories=(), benefits=None, on=ON,
          confirmed=(), denied=()):
    household = el.Household(family_size=size, income=D(income), payments=D(payments), heating_season=heating,
                             categories=frozenset(categories), confirmed=frozenset(confirmed),
                             denied=frozenset(denied))
    return el.check_eligibility(household, benefits if benefits is not None else [subsidy()], on=on)


def only(result):
    (assessment,) = result.assessments
    return assessment


def test_payments_exactly_22_percent_do_not_qualify():
    # 22% of 20,000 = 4,400.00: payments must be above it.
    a = only(check(income="20000", payments="4400"))
    assert a.status == el.UNLIKELY
    assert a.conditions[0].met is False
    assert "22" in a.conditions[0].explanation


def test_one_kopeck_over_22_percent_qualifies():
    a = only(check(income="20000", payments="4400.01"))
    assert a.status == el.LIKELY
    assert a.estimate == D("0.01")


def test_estimate_is_payments_above_22_percent():
    # 22% of 20,000 = 4,400; 5,000 − 4,400 = 600.00.
    assert only(check()).estimate == D("600.00")


@pytest.mark.parametrize("size", [1, 2, 3, 4, 5])
@pytest.mark.parametrize("heating", [True, False])
def test_income_ceiling_for_each_family_size_and_season(size, heating):
    ceiling = D(TABLE[size][0 if heating else 1])
    payments = ceiling / 2  # 50% of income: well over 22%
    at = only(check(size=size, income=str(ceiling), payments=str(payments), heating=heating))
    over = only(check(size=size, income=str(ceiling + D("0.01")), payments=str(payments), heating=heating))
    assert at.status == el.LIKELY, at.conditions
    assert over.status == el.UNLIKELY
    assert over.conditions[1].code == "income_ceiling" and over.conditions[1].met is False
    assert at.ceiling.family_size == size


def test_heating_season_ceiling_is_higher_for_the_same_income():
    # 25,000 for one person: within 28,000 (heating), over 22,000 (non-heating).
    assert only(check(income="25000", payments="7000", heating=True)).status == el.LIKELY
    assert only(check(income="25000", payments="7000", heating=False)).status == el.UNLIKELY


def test_larger_families_use_the_largest_published_row_and_say_so():
    a = only(check(size=7, income="85000", payments="30000"))
    assert a.status == el.LIKELY
    assert a.ceiling.family_size == 5
    assert "5 чел." in a.conditions[1].explanation


def test_zero_income_with_payments_qualifies_on_the_share():
    a = only(check(income="0", payments="3000"))
    assert a.conditions[0].met is True
    assert a.status == el.LIKELY


def test_a_date_before_every_published_ceiling_is_the_dates_error():
    later = [IncomeCeiling(family_size=1, heating_season=D("30000"), non_heating_season=D("24000"),
                           effective_from=datetime.date(2027, 1, 1))]
    with pytest.raises(NoPublishedData) as refused:
        check(benefits=[subsidy(income_ceilings=later)])
    assert refused.value.field == "date" and "01.01.2027" in str(refused.value.message)


def test_a_family_size_without_a_ceiling_row_cannot_be_checked():
    rows = [IncomeCeiling(family_size=2, heating_season=D("38500"), non_heating_season=D("31000"),
                          effective_from=datetime.date(2023, 2, 9))]
    a = only(check(benefits=[subsidy(income_ceilings=rows)]))  # a family of 1, only the row for 2
    assert a.status == el.UNKNOWN
    assert a.conditions[1].met is None


def test_ceiling_change_follows_the_date():
    new = IncomeCeiling(family_size=1, heating_season=D("30000"), non_heating_season=D("24000"),
                        effective_from=datetime.date(2026, 7, 1))
    benefits = [subsidy(income_ceilings=[*CEILINGS, new])]
    assert only(check(income="29000", payments="9000", benefits=benefits,
                      on=datetime.date(2026, 6, 30))).status == el.UNLIKELY
    assert only(check(income="29000", payments="9000", benefits=benefits,
                      on=datetime.date(2026, 7, 1))).status == el.LIKELY


def test_compensation_for_a_disabled_person():
    # 50% × 6,000 = 3,000.00 at most.
    result = check(payments="6000", categories=["disabled"], benefits=[COMPENSATION, VETERANS])
    comp, vet = result.assessments
    assert (comp.status, comp.estimate) == (el.LIKELY, D("3000.00"))
    assert vet.status == el.UNLIKELY
    assert "Ветеран боевых действий" in vet.conditions[0].explanation


def test_compensation_for_a_family_with_a_disabled_child_and_for_a_veteran():
    result = check(payments="6000", categories=["disabled_child", "veteran"], benefits=[COMPENSATION, VETERANS])
    assert [a.status for a in result.assessments] == [el.LIKELY, el.LIKELY]


def test_large_and_low_income_families_are_not_in_these_compensations():
    result = check(categories=["large_family", "low_income"], benefits=[COMPENSATION, VETERANS])
    assert [a.status for a in result.assessments] == [el.UNLIKELY, el.UNLIKELY]


def test_a_benefit_with_a_category_and_the_share_needs_both():
    low_income = subsidy(title="Региональная доплата", extra=(categories(LOW_INCOME),))
    assert only(check(categories=["low_income"], benefits=[low_income])).status == el.LIKELY
    assert only(check(categories=[], benefits=[low_income])).status == el.UNLIKELY


def test_a_benefit_with_no_checkable_conditions_is_unknown():
    assert only(check(benefits=[el.Benefit(title="Иная мера")])).status == el.UNKNOWN


def test_the_result_lists_the_basis_of_the_ceiling():
    a = only(check())
    assert [b.act.number for b in a.legal_bases] == ["116-пп"]


def test_nothing_published_is_refused():
    with pytest.raises(NoPublishedData):
        check(benefits=[])


def test_category_codes_are_read_from_the_page_text():
    from cms_pages.codes import parse_codes

    assert parse_codes(" disabled, veteran ,,") == frozenset({"disabled", "veteran"})


# ------------------------------------------------------------ Decree 761: worked examples

def test_family_of_3_with_45000_paying_12000_is_likely_due_without_being_low_income():
    # Housing Code art. 159 p. 1, Decree 761 p. 2: 12,000 / 45,000 = 26.7 % > 22 %; 45,000 ≤ 50,000
    # (3 persons, heating period). No «малоимущая» box ticked: not a condition of the subsidy.
    # Subsidy: 12,000 − 22 % × 45,000 (9,900) = 2,100.00 a month.
    a = only(check(size=3, income="45000", payments="12000", heating=True))
    assert a.status == el.LIKELY
    assert a.estimate == D("2100.00")


def test_the_subsidy_page_example_two_people_36000_paying_9500():
    # The demo subsidy page: 22 % of 36,000 = 7,920; 9,500 − 7,920 = 1,580 (heating period, 36,000 ≤ 38,500).
    a = only(check(size=2, income="36000", payments="9500", heating=True))
    assert (a.status, a.estimate) == (el.LIKELY, D("1580.00"))


def test_income_ceiling_depends_on_the_season():
    # 45,000 for 3 persons: within 50,000 in the heating period, above 42,000 outside it.
    assert only(check(size=3, income="45000", payments="12000", heating=False)).status == el.UNLIKELY


def test_income_is_counted_over_six_months():
    # Decree 761, p. 28/34: 270,000 over 6 months -> 45,000 a month.
    assert el.monthly_income(D("270000")) == D("45000.00")
    assert el.monthly_income(D("100000")) == D("16666.67")


def test_payments_are_counted_at_the_regional_standard_and_never_above_actual():
    # Decree 761, p. 20–22: the lower of the actual payments and the regional standard cost.
    assert el.payments_at_standard(D("12000"), D("10500")) == D("10500")
    assert el.payments_at_standard(D("9000"), D("10500")) == D("9000")
    assert el.payments_at_standard(D("9000")) == D("9000")
    # 10,500 − 9,900 = 600.00; at or under the share nothing is due.
    assert el.housing_subsidy_amount(D("10500"), D("45000"), D("22")) == D("600.00")
    assert el.housing_subsidy_amount(D("9900"), D("45000"), D("22")) == D("0")


def test_50_percent_compensation_for_a_disabled_person():
    # 181-FZ art. 17: 50 % of 6,400.50 = 3,200.25 (half up to kopecks: 3,200.25).
    a = only(check(payments="6400.50", categories=["disabled"], benefits=[COMPENSATION]))
    assert (a.status, a.estimate) == (el.LIKELY, D("3200.25"))
    assert el.compensation_amount(D("6400.51"), D("50")) == D("3200.26")


def test_50_percent_compensation_for_combat_veterans_needs_the_category():
    assert only(check(payments="5000", benefits=[VETERANS])).status == el.UNLIKELY
    assert only(check(payments="5000", categories=["veteran"], benefits=[VETERANS])).estimate == D("2500.00")


# ------------------------------------------------------------ the page's criteria are what is applied

DECREE_761 = subsidy(extra=(el.Criterion(RESIDENCE), el.Criterion(DWELLING), el.Criterion(NO_DEBTS)))


def test_the_issue_example_with_every_decree_761_criterion_is_likely_due_and_lists_what_to_check():
    # 3 people, 45,000 a month, 12,000 for housing and utilities: 26.7 % > 22 %, 45,000 ≤ 50,000
    # (heating period). Registration, the right to the dwelling and no debt only the family can
    # confirm: left unanswered they are listed to check, not held against it. No «малоимущая» box.
    a = only(check(size=3, income="45000", payments="12000", benefits=[DECREE_761]))
    assert (a.status, a.estimate) == (el.LIKELY, D("2100.00"))
    assert [c.code for c in a.to_confirm] == [RESIDENCE, DWELLING, NO_DEBTS]
    assert all(c.met is None for c in a.to_confirm)
    assert "категор" not in " ".join(c.explanation for c in a.conditions)


def test_a_debt_without_an_agreement_makes_the_subsidy_not_due():
    # Housing Code art. 159 p. 5: no subsidy with a housing debt unless a repayment agreement is kept.
    a = only(check(size=3, income="45000", payments="12000", benefits=[DECREE_761], denied=[NO_DEBTS],
                   confirmed=[RESIDENCE, DWELLING]))
    assert a.status == el.UNLIKELY
    assert [c.met for c in a.conditions] == [True, True, True, True, False]
    assert a.to_confirm == []


def test_a_benefit_applies_only_the_criteria_it_lists():
    # The same page data without the ceiling criterion: 60,000 is over every ceiling, yet not checked.
    no_ceiling = subsidy(criteria=(SHARE_22,))
    a = only(check(size=3, income="60000", payments="15000", benefits=[no_ceiling]))
    assert a.status == el.LIKELY and [c.code for c in a.conditions] == [PAYMENT_SHARE]
    # ...and a different share on the page is the share applied: 25 % of 45,000 = 11,250; 12,000 − 11,250 = 750.
    a = only(check(size=3, income="45000", payments="12000",
                   benefits=[subsidy(criteria=(el.Criterion(PAYMENT_SHARE, percent=D("25")), WITHIN_CEILING))]))
    assert (a.status, a.estimate) == (el.LIKELY, D("750.00"))
    assert "25 %" in a.conditions[0].explanation.replace("\xa0", " ")


def test_only_conditions_to_confirm_are_not_an_answer():
    a = only(check(benefits=[el.Benefit(title="Только регистрация", criteria=(el.Criterion(RESIDENCE),))]))
    assert a.status == el.UNKNOWN


def test_a_date_before_the_ceilings_matters_only_for_a_benefit_with_the_ceiling_criterion():
    later = [IncomeCeiling(family_size=1, heating_season=D("30000"), non_heating_season=D("24000"),
                           effective_from=datetime.date(2027, 1, 1))]
    a = only(check(benefits=[subsidy(criteria=(SHARE_22,), income_ceilings=later)]))
    assert a.status == el.LIKELY


def test_the_criteria_are_worded_from_their_kind_and_parameters_in_both_languages():
    from django.utils import translation

    with translation.override("ru"):
        assert str(el.describe(SHARE_22)) == "Платежи за жильё и коммунальные услуги больше 22 % совокупного дохода семьи"
        assert "«Человек с инвалидностью», «Семья с ребёнком-инвалидом»" in str(
            el.describe(categories(DISABLED_CHILD, DISABLED)))
    with translation.override("en"):
        assert str(el.describe(el.Criterion(PAYMENT_SHARE, percent=D("14")))) == \
            "Housing and utility payments exceed 14% of the family's total income"
        assert "Combat veteran" in str(el.describe(categories(VETERAN)))
        assert str(el.describe(el.Criterion(NO_DEBTS))).startswith("No debt for housing and utilities")


def test_kinds_in_use_are_the_questions_to_ask():
    assert el.kinds_in_use([DECREE_761, VETERANS]) == {PAYMENT_SHARE, INCOME_CEILING, RESIDENCE, DWELLING, NO_DEBTS,
                                                        CATEGORY}


def test_a_share_criterion_saved_without_its_percent_cannot_be_checked_rather_than_crash():
    a = only(check(benefits=[subsidy(criteria=(el.Criterion(PAYMENT_SHARE), WITHIN_CEILING))]))
    assert a.status == el.UNKNOWN and a.conditions[0].met is None


def test_a_category_criterion_saved_without_categories_cannot_be_checked():
    a = only(check(categories=[VETERAN], benefits=[el.Benefit(title="Мера", criteria=(categories(),))]))
    assert a.status == el.UNKNOWN and a.conditions[0].met is None
