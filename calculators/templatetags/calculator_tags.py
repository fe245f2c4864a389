"""Number and date formatting for the calculators' results."""
from django import template

from calculators.rules.common import format_date, format_number, format_quantity

register = template.Library()


@register.filter
def rub(value):
    """Money with two decimals in the active language: 21 345,67 / 21,345.67."""
    return "" if value is None else format_number(value, 2)


@register.filter
def qty(value):
    """A quantity without trailing zeros: 15, 7,5, 0,301."""
    return "" if value is None else format_quantity(value)


@register.filter
def ddate(value):
    return format_date(value)
