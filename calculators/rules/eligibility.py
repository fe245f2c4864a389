"""Which housing-and-utility subsidies and compensations a family is likely to get, and why.

Each benefit is described by the editors' page: the share of income above which payments are
subsidised (the federal standard is 22%, Housing Code art. 159), the regional income ceiling by
family size for the heating and non-heating periods, the categories it is meant for (disabled
people, families with a disabled child, combat veterans, large and low-income families) and the
compensation percentage. A benefit's conditions are those its page publishes; all must hold.
Only social protection decides: this is an estimate to help a citizen decide whether to apply.
"""
from dataclasses import dataclass, field
from decimal import Decimal

from django.utils.translation import gettext_lazy as _

from calculators.rules.common import (
    LegalBasis, NoPublishedData, format_money, format_number, format_quantity, money, today,
)
from cms_pages.codes import BENEFIT_CATEGORY_CHOICES, choice_index
from cms_pages.rules import tariff_periods

CATEGORY_LABELS = dict(BENEFIT_CATEGORY_CHOICES)

LIKELY, UNLIKELY, UNKNOWN = "likely", "unlikely", "unknown"


@dataclass(frozen=True)
class Household:
    family_size: int
    income: Decimal          # the family's total income a month (average over the last 6 months)
    payments: Decimal        # housing and utility payments a month
    heating_season: bool
    categories: frozenset = frozenset()


@dataclass
class Benefit:
    """A subsidy or compensation as its page publishes it (plain data, no page object needed)."""

    title: str
    url: str = ""
    max_payment_share_percent: Decimal | None = None
    compensation_percent: Decimal | None = None
    categories: frozenset = frozenset()
    income_ceilings: list = field(default_factory=list)
    documents: list = field(default_factory=list)
    responsible_body: object = None
    processing_time: str = ""
    legal_act: object = None
    source: object = None


@dataclass
class Condition:
    code: str            # "categories", "payment_share", "income_ceiling"
    met: bool | None     # None: cannot be checked with the published data
    explanation: str


@dataclass
class BenefitAssessment:
    benefit: Benefit
    status: str
    conditions: list
    estimate: Decimal | None = None
    estimate_explanation: str = ""
    ceiling: object = None
    legal_bases: list = field(default_factory=list)

    @property
    def likely(self):
        return self.status == LIKELY


@dataclass
class EligibilityResult:
    household: Household
    on: object
    assessments: list

    def with_status(self, status):
        return [a for a in self.assessments if a.status == status]

    @property
    def likely(self):
        return self.with_status(LIKELY)

    @property
    def unknown(self):
        return self.with_status(UNKNOWN)

    @property
    def unlikely(self):
        return self.with_status(UNLIKELY)


def _labels(codes):
    return ", ".join(f"«{CATEGORY_LABELS.get(c, c)}»"
                     for c in sorted(codes, key=lambda code: choice_index(BENEFIT_CATEGORY_CHOICES, code)))


def monthly_income(six_month_total):
    """The family's monthly income from its income over six months (Decree 761, p. 28 and 34).

    Income is counted over the 6 calendar months before the month of application; the monthly
    income is one sixth of it.
    """
    return money(Decimal(six_month_total) / 6)


def payments_at_standard(actual_payments, regional_standard=None):
    """The payments the subsidy is counted from (Decree 761, p. 20–22; Housing Code art. 159 p. 6).

    Payments are counted at the regional standard of housing and utility costs for the family,
    and never above what the family actually pays; without a published standard the actual
    payments are used (the estimate then says so).
    """
    actual = Decimal(actual_payments)
    return actual if regional_standard is None else min(actual, Decimal(regional_standard))


def housing_subsidy_amount(payments, income, max_share_percent):
    """Subsidy a month = payments at the standard − the maximum share × family income (Decree 761, p. 20).

    Zero when the payments are not above the share (Housing Code art. 159 p. 1: a subsidy is due
    only when the payments exceed it).
    """
    share = money(Decimal(income) * Decimal(max_share_percent) / 100)
    return max(Decimal(0), money(Decimal(payments) - share))


def compensation_amount(payments, percent):
    """50 % compensation of housing and utility payments (181-FZ art. 17; 5-FZ art. 16 for veterans).

    Paid in cash by social protection, counted on the payments within the consumption norms, so
    the actual payment may be lower.
    """
    return money(Decimal(payments) * Decimal(percent) / 100)


def check_categories(household, benefit):
    matching = household.categories & benefit.categories
    if matching:
        return Condition("categories", True, _("Вы отметили: %(labels)s.") % {"labels": _labels(matching)})
    return Condition("categories", False,
                     _("Эта мера — для категорий: %(labels)s. Вы не отметили ни одной из них.")
                     % {"labels": _labels(benefit.categories)})


def check_payment_share(household, benefit):
    """Payments must exceed the maximum share of income (Housing Code art. 159 p. 1; Decree 761, p. 2).

    The federal standard is 22 % (Decree 541 of 29.08.2005), lower where the region sets it; at
    exactly the share there is no subsidy yet. Low-income status is not a condition.
    """
    percent = benefit.max_payment_share_percent
    limit = money(household.income * percent / 100)
    values = {"payments": format_money(household.payments), "percent": format_quantity(percent),
              "limit": format_money(limit)}
    if household.income > 0:
        values["share"] = format_number(household.payments * 100 / household.income, 1)
        if household.payments > limit:
            text = _("Платежи за ЖКУ %(payments)s — %(share)s %% дохода, больше %(percent)s %% "
                     "(%(limit)s).")
        else:
            text = _("Платежи за ЖКУ %(payments)s — %(share)s %% дохода, не больше %(percent)s %% "
                     "(%(limit)s).")
    else:
        text = (_("При нулевом доходе любые платежи за ЖКУ (%(payments)s) больше %(percent)s %% дохода.")
                if household.payments > 0 else _("Платежей за ЖКУ нет."))
    return Condition("payment_share", household.payments > limit, text % values)


def ceiling_for(ceilings, family_size):
    """The ceiling row for this family size; the largest row serves larger families ("5 and more")."""
    rows = sorted(ceilings, key=lambda c: c.family_size)
    exact = [c for c in rows if c.family_size == family_size]
    if exact:
        return exact[0]
    smaller = [c for c in rows if c.family_size < family_size]
    return smaller[-1] if smaller else None


def check_income_ceiling(household, benefit, on):
    """Family income must not exceed the regional ceiling for its size and season (equal is within).

    Arkhangelsk region: decree 116-пп of 09.02.2023, by family size, for the heating and the
    non-heating period; the ceilings in force on the date are chosen by their period.
    """
    ends = tariff_periods.effective_ends(benefit.income_ceilings, tariff_periods.income_ceiling_key)
    in_force = [c for c in benefit.income_ceilings if tariff_periods.is_in_force(c, on, ends[id(c)])]
    row = ceiling_for(in_force, household.family_size)
    if row is None:
        return Condition("income_ceiling", None,
                         _("Предельный доход для семьи из %(n)s чел. на %(date)s не опубликован.")
                         % {"n": household.family_size, "date": on.strftime("%d.%m.%Y")}), None, ends
    ceiling = row.heating_season if household.heating_season else row.non_heating_season
    values = {"income": format_money(household.income), "ceiling": format_money(ceiling),
              "n": row.family_size}
    if household.heating_season:
        text = (_("Доход семьи %(income)s не больше предельного %(ceiling)s для семьи из %(n)s чел. "
                  "в отопительный период.") if household.income <= ceiling else
                _("Доход семьи %(income)s больше предельного %(ceiling)s для семьи из %(n)s чел. "
                  "в отопительный период."))
    else:
        text = (_("Доход семьи %(income)s не больше предельного %(ceiling)s для семьи из %(n)s чел. "
                  "вне отопительного периода.") if household.income <= ceiling else
                _("Доход семьи %(income)s больше предельного %(ceiling)s для семьи из %(n)s чел. "
                  "вне отопительного периода."))
    text = text % values
    if row.family_size < household.family_size:
        text = f"{text} " + str(_("Для семей больше %(n)s чел. отдельный предел не опубликован; взят предел для %(n)s чел.")
                                % {"n": row.family_size})
    return Condition("income_ceiling", household.income <= ceiling, text), row, ends


def assess(household, benefit, on):
    conditions, bases, row = [], [], None
    if benefit.categories:
        conditions.append(check_categories(household, benefit))
    if benefit.max_payment_share_percent is not None:
        conditions.append(check_payment_share(household, benefit))
    if benefit.income_ceilings:
        condition, row, ends = check_income_ceiling(household, benefit, on)
        conditions.append(condition)
        if row is not None and row.legal_act is not None:
            bases.append(LegalBasis(row.legal_act, row.effective_from, ends.get(id(row))))
    if benefit.legal_act is not None:
        bases.insert(0, LegalBasis(benefit.legal_act))
    if any(c.met is False for c in conditions):
        status = UNLIKELY
    elif not conditions or any(c.met is None for c in conditions):
        status = UNKNOWN
    else:
        status = LIKELY
    assessment = BenefitAssessment(benefit=benefit, status=status, conditions=conditions, ceiling=row,
                                   legal_bases=bases)
    if status == LIKELY:
        if benefit.max_payment_share_percent is not None:
            share = money(household.income * benefit.max_payment_share_percent / 100)
            assessment.estimate = housing_subsidy_amount(household.payments, household.income,
                                                         benefit.max_payment_share_percent)
            assessment.estimate_explanation = _(
                "Примерно %(payments)s − %(share)s = %(estimate)s в месяц: платежи сверх %(percent)s %% дохода. "
                "Социальная защита считает по региональным стандартам площади и стоимости услуг, поэтому сумма "
                "может быть меньше.") % {
                "payments": format_money(household.payments), "share": format_money(share),
                "estimate": format_money(assessment.estimate),
                "percent": format_quantity(benefit.max_payment_share_percent)}
        elif benefit.compensation_percent is not None:
            assessment.estimate = compensation_amount(household.payments, benefit.compensation_percent)
            assessment.estimate_explanation = _(
                "Не больше %(percent)s %% × %(payments)s = %(estimate)s в месяц. Компенсация выплачивается "
                "деньгами и считается только по части платежей, поэтому сумма может быть меньше.") % {
                "percent": format_quantity(benefit.compensation_percent),
                "payments": format_money(household.payments), "estimate": format_money(assessment.estimate)}
    return assessment


def check_eligibility(household, benefits, on=None):
    """Assess each published benefit for ``household`` on ``on`` (default today).

    A date before every published income ceiling cannot be checked at all: that is the visitor's
    date to change (NoPublishedData on ``date``), not a benefit to "ask about".
    """
    on = on or today()
    benefits = list(benefits)
    if not benefits:
        raise NoPublishedData(_("Сведения о субсидиях и льготах пока не опубликованы."))
    starts = [c.effective_from for b in benefits for c in b.income_ceilings]
    if starts and on < min(starts):
        raise NoPublishedData(
            _("На %(date)s предельный доход семьи ещё не был установлен: первые опубликованные значения "
              "действуют с %(first)s. Укажите дату не раньше.")
            % {"date": on.strftime("%d.%m.%Y"), "first": min(starts).strftime("%d.%m.%Y")}, field="date")
    return EligibilityResult(household=household, on=on,
                             assessments=[assess(household, b, on) for b in benefits])
