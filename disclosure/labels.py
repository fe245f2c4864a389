"""How a disclosure period is named on the page, in the active language."""
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from disclosure.rules import due as rules


def period_label(frequency, start):
    if frequency == rules.ON_CHANGE:
        return _("изменение от %(date)s") % {"date": date_format(start, "d.m.Y")}
    period = rules.period_containing(frequency, start)
    if frequency == rules.QUARTERLY:
        return _("%(n)s квартал %(year)s года") % {"n": period.number, "year": period.year}
    if frequency == rules.HALF_YEARLY:
        return _("%(n)s полугодие %(year)s года") % {"n": period.number, "year": period.year}
    return _("%(year)s год") % {"year": period.year}
