"""Figures as the site writes them: money (one format everywhere), deadlines, live values."""
from django import template
from django.utils.safestring import SafeData, mark_safe

from cms_pages.rules.live_figures import render_figures

from cms_pages.rules.money import format_amount, format_money

register = template.Library()


@register.filter
def money(value, places=2):
    """«1 251 300,00 ₽» / "1,251,300.00 RUB" in the active language (``cms_pages.rules.money``)."""
    return format_money(value, places=int(places))


@register.filter
def amount(value, places=2):
    """The number alone, for table cells whose header names the unit: «1 251 300,00» / "1,251,300.00"."""
    return format_amount(value, places=int(places))


@register.filter
def deadline_term(tier):
    """«30 рабочих дней», «4 месяца» for a connection deadline tier."""
    from calculators.rules.deadlines import term_text

    return term_text(tier.term, tier.term_unit) if tier else ""


@register.filter(is_safe=True)
def live_figures(text):
    """Replace ``[[figure:name]]`` with the value in force today (``cms_pages.rules.live_figures``)."""
    rendered = render_figures(text)
    return mark_safe(rendered) if isinstance(text, SafeData) else rendered
