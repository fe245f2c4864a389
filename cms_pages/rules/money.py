"""Money as the site writes it, everywhere: pages, tools, search answers, CSV/JSON labels, e-mails.

Russian: «1 251 300,00 ₽» (a no-break space between groups and before the sign);
English: "1,251,300.00 RUB". One function, so a figure never appears in two spellings.
"""
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from django.utils import translation

NBSP = "\u00a0"
KOPECK = Decimal("0.01")


def _parts(value, places):
    quantum = Decimal(1).scaleb(-places) if places else Decimal(1)
    number = Decimal(value).quantize(quantum, rounding=ROUND_HALF_UP)
    sign = "-" if number < 0 else ""
    whole, _, fraction = f"{abs(number):f}".partition(".")
    groups = []
    while whole:
        groups.insert(0, whole[-3:])
        whole = whole[:-3]
    return sign, groups or ["0"], fraction


def format_amount(value, language=None, places=2):
    """The number alone: «1 251 300,00» / "1,251,300.00"; ``""`` for None or garbage."""
    if value is None or value == "":
        return ""
    try:
        sign, groups, fraction = _parts(value, places)
    except (InvalidOperation, ValueError, TypeError):
        return ""
    language = (language or translation.get_language() or "ru")[:2]
    if language == "en":
        text = ",".join(groups) + (f".{fraction}" if fraction else "")
    else:
        text = NBSP.join(groups) + (f",{fraction}" if fraction else "")
    return sign + text


def format_money(value, language=None, places=2):
    """The amount with its currency: «1 251 300,00 ₽» / "1,251,300.00 RUB"."""
    text = format_amount(value, language, places)
    if not text:
        return ""
    language = (language or translation.get_language() or "ru")[:2]
    return f"{text} RUB" if language == "en" else f"{text}{NBSP}₽"
