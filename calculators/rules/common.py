"""Shared pieces of the calculators' rules: money rounding, VAT, legal bases, "no data" errors.

Money is written by ``cms_pages.rules.money`` (the site's one format): ``format_money`` here is
that function, so the rules' explanations spell amounts as pages, search answers and e-mails do.
"""
import datetime
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from cms_pages.rules.money import format_amount, format_money  # noqa: F401 - format_money for the rules

KOPECK = Decimal("0.01")


def money(value):
    """Round to kopecks the way bills and contracts do (half up), once, at the end of a sum."""
    return Decimal(value).quantize(KOPECK, rounding=ROUND_HALF_UP)


def format_number(value, places=2):
    """A number that is not money (a share of income, kW, metres) in the active language's format:
    3 900,5 in Russian, 3,900.5 in English; the grouping is the money format's (``format_amount``)."""
    return format_amount(value, places=places)


def format_quantity(value):
    """Quantities without trailing zeros: 15, 7,5, 0,301."""
    value = Decimal(value).normalize()
    places = max(0, -value.as_tuple().exponent)
    return format_number(value, places)


def format_date(value):
    return value.strftime("%d.%m.%Y") if value else ""


def today():
    return timezone.localdate()


@dataclass(frozen=True)
class VatRate:
    rate: Decimal
    effective_from: datetime.date
    basis: str

    @property
    def percent(self):
        return (self.rate * 100).normalize()


# VAT is a federal tax figure, not a regional tariff, so it is kept here with its basis rather
# than on a page. Add a row when the Tax Code changes; the rate in force is chosen by date.
VAT_RATES = (
    VatRate(Decimal("0.20"), datetime.date(2019, 1, 1),
            _("Налоговый кодекс РФ, ст. 164 п. 3 (в ред. Федерального закона от 03.08.2018 № 303-ФЗ), с 01.01.2019")),
    VatRate(Decimal("0.22"), datetime.date(2026, 1, 1),
            _("Налоговый кодекс РФ, ст. 164 п. 3 (в ред. Федерального закона от 28.11.2025 № 425-ФЗ), с 01.01.2026")),
)


def vat_rate_on(on):
    """The VAT rate in force on ``on`` (the latest row that has started)."""
    applicable = [v for v in VAT_RATES if v.effective_from <= on]
    return max(applicable, key=lambda v: v.effective_from) if applicable else VAT_RATES[0]


def add_vat(amount, vat):
    return amount * (1 + vat.rate)


def remove_vat(amount, vat):
    return amount / (1 + vat.rate)


@dataclass(frozen=True)
class LegalBasis:
    """A legal act with the period in which the figures taken from it apply."""

    act: object  # cms_pages.LegalAct (or anything with title/number/date/issuer/url/is_demo)
    effective_from: datetime.date | None = None
    effective_to: datetime.date | None = None

    def __str__(self):
        return str(self.act)


def legal_bases(records, ends=None):
    """One LegalBasis per act among ``records`` (first seen first), with the records' period."""
    seen = {}
    for record in records:
        act = getattr(record, "legal_act", None)
        if act is None:
            continue
        key = getattr(act, "pk", None) or id(act)
        start = record.effective_from
        end = (ends or {}).get(id(record), record.effective_to)
        if key in seen:
            old = seen[key]
            start = min(old.effective_from, start)
            end = None if (old.effective_to is None or end is None) else max(old.effective_to, end)
        seen[key] = LegalBasis(act=act, effective_from=start, effective_to=end)
    return list(seen.values())


class CalculatorError(ValueError):
    """Input the rules cannot work with; ``field`` names the form field the message belongs to."""

    def __init__(self, message, field=None):
        super().__init__(str(message))
        self.message = message
        self.field = field


class NoPublishedData(CalculatorError):
    """No published record covers the date or the case asked about."""
