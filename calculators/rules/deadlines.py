"""Connection deadlines (Decree No. 861 of 27.12.2004, Rules of technological connection, p. 16 «б»).

The term of the connection works, counted from the day the contract is concluded, depends on the
applicant's category, the maximum power, the voltage of the grid and the distance from the grid
to the plot:

- 30 working days for applicants of p. 12(1), 14 and 34 (households up to 15 kW, businesses up
  to 150 kW, one source) at 0.4 kV and below when the grid is within 15 m of the plot and no new
  grid has to be built;
- 4 months, 6 months, 1 year (under 670 kW) and 2 years (670 kW and more) in the other cases,
  each with its own conditions of voltage and distance.

The tiers, with their conditions and the clause, are records editors keep on the connection fee
page (``ConnectionDeadline``); this module only applies them: the first tier in force on the
date whose every condition holds gives the deadline.
"""
from dataclasses import dataclass
from decimal import Decimal

from django.utils.translation import gettext_lazy as _

from cms_pages.codes import DAYS, MONTHS, TOWN, VOLTAGE_ORDER, WORKING_DAYS, YEARS, parse_codes


@dataclass(frozen=True)
class Deadline:
    term: int
    unit: str            # "working_days", "days", "months", "years"
    clause: str
    description: str
    record: object

    @property
    def text(self):
        return term_text(self.term, self.unit)

    @property
    def working_days(self):
        return self.unit == WORKING_DAYS


# Russian has three forms (1 месяц, 2 месяца, 5 месяцев); each form is its own msgid, so the
# English catalogue gives "1 month", "2 months", "5 months".
TERM_FORMS = {
    WORKING_DAYS: (_("%(n)s рабочий день"), _("%(n)s рабочих дня"), _("%(n)s рабочих дней")),
    DAYS: (_("%(n)s календарный день"), _("%(n)s календарных дня"), _("%(n)s календарных дней")),
    MONTHS: (_("%(n)s месяц"), _("%(n)s месяца"), _("%(n)s месяцев")),
    YEARS: (_("%(n)s год"), _("%(n)s года"), _("%(n)s лет")),
}


def russian_plural(n):
    """0 for 1, 21, 31…; 1 for 2–4, 22–24…; 2 for 5–20, 25–30… (11–14 take the third form)."""
    if n % 10 == 1 and n % 100 != 11:
        return 0
    if 2 <= n % 10 <= 4 and not 12 <= n % 100 <= 14:
        return 1
    return 2


def term_text(term, unit):
    """«30 рабочих дней», «4 месяца», «1 год» in the active language."""
    forms = TERM_FORMS.get(unit)
    return str(forms[russian_plural(term)] % {"n": term}) if forms else str(term)


def tier_applies(tier, request, category_code):
    """Every condition of the tier holds for the request (an empty condition always holds)."""
    codes = parse_codes(tier.categories)
    if codes and category_code not in codes:
        return False
    kw = Decimal(request.kw)
    if tier.min_kw is not None and kw < tier.min_kw:
        return False
    if tier.max_kw is not None and (kw > tier.max_kw if tier.max_kw_inclusive else kw >= tier.max_kw):
        return False
    rank = tier.voltage_rank()
    if rank is not None:
        asked = VOLTAGE_ORDER.index(request.voltage) if request.voltage in VOLTAGE_ORDER else len(VOLTAGE_ORDER)
        if asked > rank:
            return False
    limit = tier.max_distance_town_m if request.area == TOWN else tier.max_distance_rural_m
    if limit is not None and Decimal(request.distance_m) > limit:
        return False
    return True


def connection_deadline(request, category_code, tiers_in_force):
    """The deadline (Decree 861, p. 16 «б») for ``request`` from the tiers in force, or None.

    ``tiers_in_force`` are the page's ``ConnectionDeadline`` records in force on the date; they
    are tried in the editors' order (``sort_order``).
    """
    for tier in sorted(tiers_in_force, key=lambda t: t.sort_order or 0):
        if tier_applies(tier, request, category_code):
            return Deadline(term=tier.term, unit=tier.term_unit, clause=tier.clause or "",
                            description=tier.description or "", record=tier)
    return None


NO_TIER = _("Срок для этих условий не опубликован: его назовут в договоре.")
