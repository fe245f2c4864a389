"""Live figures in editors' texts: ``[[figure:name]]`` renders the value in force on the day.

A question page that says "tariffs next change on [[figure:next_tariff_change]]" or "at most
[[figure:household_fee_15kw]]" stays right when the records change: the figure is read from the
published dated records (tariffs, connection rates) on the date, never typed. The site-wide
contacts are figures too: ``[[figure:hotline]]`` (the hotline's number), ``[[figure:connection_number]]``,
``[[figure:contact_email]]``, read from the «Контакты» setting (``cms_pages.ContactSettings``), so an
answer that tells people whom to call stays right when editors change the number.
"""
import re
from decimal import Decimal

from django.utils import timezone

from cms_pages.codes import ELECTRICITY, PREFERENTIAL, SOCIAL
from cms_pages.rules.money import format_money
from cms_pages.templatetags.contacts import current_contacts

TOKEN = re.compile(r"\[\[figure:([a-z0-9_]+)\]\]")


def _live(model):
    return model.objects.live().public()


def next_tariff_change(on):
    """The first day after ``on`` on which a published electricity tariff record starts."""
    from cms_pages.models import TariffPage, TariffRecord

    starts = TariffRecord.objects.filter(page__in=_live(TariffPage).filter(kind=ELECTRICITY),
                                         effective_from__gt=on).order_by("effective_from")
    first = starts.values_list("effective_from", flat=True).first()
    return first.strftime("%d.%m.%Y") if first else ""


def _rate_in_force(kind, on):
    from cms_pages.models import ConnectionFeePage, PreferentialRate

    records = list(PreferentialRate.objects.filter(page__in=_live(ConnectionFeePage), kind=kind))
    in_force = PreferentialRate.in_force(records, on)
    return in_force[0] if in_force else None


def household_fee_15kw(on):
    """The preferential rate × 15 kW in force (the most a household up to 15 kW pays, Decree 861 p. 17)."""
    rate = _rate_in_force(PREFERENTIAL, on)
    return format_money(rate.rub_per_kw * Decimal(15)) if rate else ""


def preferential_rate(on):
    rate = _rate_in_force(PREFERENTIAL, on)
    return format_money(rate.rub_per_kw) if rate else ""


def social_rate(on):
    rate = _rate_in_force(SOCIAL, on)
    return format_money(rate.rub_per_kw) if rate else ""


def _contacts():
    return current_contacts()  # the setting, with its fallback when the database cannot be read


def hotline(on):
    return _contacts().hotline.number


def connection_number(on):
    return _contacts().connection_phone.number


def contact_email(on):
    return _contacts().email


FIGURES = {
    "hotline": hotline,
    "connection_number": connection_number,
    "contact_email": contact_email,
    "next_tariff_change": next_tariff_change,
    "household_fee_15kw": household_fee_15kw,
    "preferential_rate": preferential_rate,
    "social_rate": social_rate,
}


def render_figures(text, on=None):
    """``text`` with every ``[[figure:name]]`` replaced by its value on ``on`` (default today).

    An unknown name or a figure with no record in force is left empty rather than guessed.
    """
    if not text or "[[figure:" not in str(text):
        return text
    on = on or timezone.localdate()
    cache = {}

    def value(match):
        name = match.group(1)
        if name not in cache:
            figure = FIGURES.get(name)
            cache[name] = figure(on) if figure else ""
        return cache[name]

    return TOKEN.sub(value, str(text))
