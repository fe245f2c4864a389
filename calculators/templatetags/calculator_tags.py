"""Quantity and date formatting for the calculators' results.

Money is not formatted here: templates load ``figures`` and use ``|money`` («1 251 300,00 ₽» /
"1,251,300.00 RUB") or ``|amount`` (the number alone, where the column header names the unit),
the site's one money format (``cms_pages.rules.money``).
"""
from django import template

from calculators.rules.common import format_date, format_quantity

register = template.Library()


@register.filter
def qty(value):
    """A quantity without trailing zeros: 15, 7,5, 0,301."""
    return "" if value is None else format_quantity(value)


@register.filter
def ddate(value):
    return format_date(value)
