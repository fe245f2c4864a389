"""Which housing-and-utility subsidies and compensations a family is likely to get, and why.

Each benefit is described by the editors' page (``cms_pages.models.subsidy``): its conditions are
structured criteria, one of a fixed list of kinds (``cms_pages.codes.CRITERION_KIND_CHOICES``) with
validated parameters, and the page lists exactly these criteria, worded by ``describe`` below, while
the checker applies exactly these: all must hold. The kinds and their sources:

- the payments exceed the maximum share of income (Housing Code art. 159 p. 1; Decree 761 p. 2;
  the federal standard is 22 %, Decree 541 of 29.08.2005, lower where the region sets it);
- the income is within the regional ceiling by family size and period (Arkhangelsk: decree 116-пп
  of 09.02.2023), read from the page's dated ceiling records;
- someone in the family is in one of the listed categories (181-FZ art. 17 for disabled people and
  families with disabled children; 5-FZ art. 16 for combat veterans);
- the conditions only the citizen can confirm, which the checker asks about: registration at the
  permanent address in the region (Decree 761 p. 3, the dwelling of permanent residence [P]), being
  the owner, tenant or member of a housing cooperative (Housing Code art. 159 p. 2; Decree 761
  p. 3), no debt for housing and utilities or a repayment agreement being kept (Housing Code
  art. 159 p. 5; Decree 761 p. 5). Left unanswered, they are listed as "check it yourself".

Low-income status is not a condition of the housing subsidy (Decree 761): a page lists it only as
a category, and the housing subsidy's demo page does not. Only social protection decides: this is
an estimate to help a citizen decide whether to apply.
"""
from dataclasses import dataclass, field
from decimal import Decimal

from django.utils.translation import gettext_lazy as _

from calculators.rules.common import (
    LegalBasis, NoPublishedData, format_number, format_quantity, money, today,
)
from cms_pages.codes import (
    BENEFIT_CATEGORY_CHOICES, CATEGORY, DECLARED_CRITERION_KINDS, DWELLING, INCOME_CEILING, NO_DEBTS,
    PAYMENT_SHARE, RESIDENCE, choice_index,
)
from cms_pages.rules import tariff_periods
from cms_pages.rules.money import format_money

CATEGORY_LABELS = dict(BENEFIT_CATEGORY_CHOICES)

LIKELY, UNLIKELY, UNKNOWN = "likely", "unlikely", "unknown"


@dataclass(frozen=True)
class Criterion:
    """One condition as the page publishes it: a kind with its parameters (plain data)."""

    kind: str
    percent: Decimal | None = None       # PAYMENT_SHARE: the maximum share of income, %
    categories: frozenset = frozenset()  # CATEGORY: codes of BENEFIT_CATEGORY_CHOICES, any of them


@dataclass(frozen=True)
class Household:
    family_size: int
    income: Decimal          # the family's total income a month (average over the last 6 months)
    payments: Decimal        # housing and utility payments a month
    heating_season: bool
    categories: frozenset = frozenset()
    confirmed: frozenset = frozenset()   # declared kinds the visitor answered "yes" to
    denied: frozenset = frozenset()      # declared kinds the visitor answered "no" to


@dataclass
class Benefit:
    """A subsidy or compensation as its page publishes it (plain data, no page object needed)."""

    title: str
    url: str = ""
    criteria: tuple = ()
    compensation_percent: Decimal | None = None
    income_ceilings: list = field(default_factory=list)
    documents: list = field(default_factory=list)
    responsible_body: object = None
    processing_time: str = ""
    legal_act: object = None
    source: object = None

    @property
    def max_payment_share_percent(self):
        """The percent of the payment-share criterion, or None when the benefit has none."""
        return next((c.percent for c in self.criteria if c.kind == PAYMENT_SHARE), None)

    @property
    def categories(self):
        """Every category code the benefit's category criteria name."""
        return frozenset().union(*(c.categories for c in self.criteria if c.kind == CATEGORY))


@dataclass
class Condition:
    code: str            # the criterion's kind: "categories" for a category criterion
    met: bool | None     # None: cannot be checked with the published data, or not answered
    explanation: str
    to_confirm: bool = False   # a declared condition the visitor left unanswered: check it yourself


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

    @property
    def to_confirm(self):
        return [c for c in self.conditions if c.to_confirm]


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


def _lower_first(text):
    text = str(text)
    return text[:1].lower() + text[1:]


DECLARED_WORDING = {
    RESIDENCE: _("Вы зарегистрированы по месту жительства в регионе"),
    DWELLING: _("Вы собственник жилья, его наниматель по договору найма или член жилищного "
                "(жилищно-строительного) кооператива"),
    NO_DEBTS: _("Нет долга за жильё и коммунальные услуги, или заключено и выполняется соглашение о его погашении"),
}


def describe(criterion):
    """The condition in the active language, as the page lists it and the checker explains it."""
    if criterion.kind == PAYMENT_SHARE:
        return _("Платежи за жильё и коммунальные услуги больше %(percent)s %% совокупного дохода семьи") % {
            "percent": format_quantity(criterion.percent) if criterion.percent is not None else "…"}
    if criterion.kind == INCOME_CEILING:
        return _("Совокупный доход семьи не выше предельного для её численности и периода "
                 "(таблица «Предельный доход семьи»)")
    if criterion.kind == CATEGORY:
        if len(criterion.categories) == 1:
            return _("Мера — для категории %(labels)s") % {"labels": _labels(criterion.categories)}
        return _("Мера — для категорий (достаточно одной): %(labels)s") % {"labels": _labels(criterion.categories)}
    if criterion.kind in DECLARED_WORDING:
        return DECLARED_WORDING[criterion.kind]
    return criterion.kind


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


def check_categories(household, criterion):
    """Someone in the family is in one of the criterion's categories (181-FZ art. 17: disabled people
    and families with disabled children; 5-FZ art. 16: combat veterans)."""
    matching = household.categories & criterion.categories
    if matching:
        return Condition("categories", True, _("Вы отметили: %(labels)s.") % {"labels": _labels(matching)})
    return Condition("categories", False,
                     _("Эта мера — для категорий: %(labels)s. Вы не отметили ни одной из них.")
                     % {"labels": _labels(criterion.categories)})


def check_declared(household, kind):
    """A condition only the citizen can confirm (registration, the right to the dwelling, no debt).

    Housing Code art. 159 p. 2 (owners, tenants, members of housing cooperatives) and p. 5 (no debt
    or a repayment agreement being kept); Decree 761 p. 3 and 5. Unanswered, it is not held against
    the family: the result asks them to check it themselves (``to_confirm``).
    """
    condition = DECLARED_WORDING[kind]
    if kind in household.confirmed:
        return Condition(kind, True, _("Вы ответили «да»: %(condition)s.") % {"condition": _lower_first(condition)})
    if kind in household.denied:
        return Condition(kind, False, _("Вы ответили «нет», а условие такое: %(condition)s.")
                         % {"condition": _lower_first(condition)})
    return Condition(kind, None, _("Вы не ответили, так ли это: %(condition)s. Без этого мера не положена.")
                     % {"condition": _lower_first(condition)}, to_confirm=True)


def check_payment_share(household, percent):
    """Payments must exceed the maximum share of income (Housing Code art. 159 p. 1; Decree 761, p. 2).

    The federal standard is 22 % (Decree 541 of 29.08.2005), lower where the region sets it; at
    exactly the share there is no subsidy yet. Low-income status is not a condition.
    """
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


def status_of(conditions):
    """Not likely when a condition fails; to ask about when one cannot be checked (a declared one left
    unanswered does not count: it is listed for the family to check) or none was met; else likely."""
    if any(c.met is False for c in conditions):
        return UNLIKELY
    if any(c.met is None and not c.to_confirm for c in conditions) or not any(c.met for c in conditions):
        return UNKNOWN
    return LIKELY


def assess(household, benefit, on):
    """Apply each of the benefit's criteria, in the page's order; all must hold."""
    conditions, bases, row = [], [], None
    for criterion in benefit.criteria:
        if criterion.kind == CATEGORY and not criterion.categories:  # saved around the editor's check
            conditions.append(Condition("categories", None, _("Категории, для которых эта мера, не опубликованы.")))
        elif criterion.kind == CATEGORY:
            conditions.append(check_categories(household, criterion))
        elif criterion.kind == PAYMENT_SHARE and criterion.percent is None:  # saved around the editor's check
            conditions.append(Condition(PAYMENT_SHARE, None, _("Максимальная доля расходов в доходе не опубликована.")))
        elif criterion.kind == PAYMENT_SHARE:
            conditions.append(check_payment_share(household, criterion.percent))
        elif criterion.kind == INCOME_CEILING:
            condition, row, ends = check_income_ceiling(household, benefit, on)
            conditions.append(condition)
            if row is not None and row.legal_act is not None:
                bases.append(LegalBasis(row.legal_act, row.effective_from, ends.get(id(row))))
        elif criterion.kind in DECLARED_CRITERION_KINDS:
            conditions.append(check_declared(household, criterion.kind))
    if benefit.legal_act is not None:
        bases.insert(0, LegalBasis(benefit.legal_act))
    status = status_of(conditions)
    assessment = BenefitAssessment(benefit=benefit, status=status, conditions=conditions, ceiling=row,
                                   legal_bases=bases)
    if status == LIKELY:
        if benefit.max_payment_share_percent is not None:  # LIKELY: the share was published and met
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
    starts = [c.effective_from for b in benefits if any(k.kind == INCOME_CEILING for k in b.criteria)
              for c in b.income_ceilings]
    if starts and on < min(starts):
        raise NoPublishedData(
            _("На %(date)s предельный доход семьи ещё не был установлен: первые опубликованные значения "
              "действуют с %(first)s. Укажите дату не раньше.")
            % {"date": on.strftime("%d.%m.%Y"), "first": min(starts).strftime("%d.%m.%Y")}, field="date")
    return EligibilityResult(household=household, on=on,
                             assessments=[assess(household, b, on) for b in benefits])


def kinds_in_use(benefits):
    """The criterion kinds the benefits apply (the checker asks only the questions they need)."""
    return {c.kind for b in benefits for c in b.criteria}
