"""Checking the rows of a decision's price table (layout: docs/decision-import.md).

Columns, in this order: consumer group code, rate type code, zone code, band (0–3), price with
VAT, and optionally the town or supplier (heat tariffs). The codes are those of
``cms_pages.codes``; a first line with no group code and no digit in the price column is a
header and is skipped (a mistyped code in the first data row is still reported).

Basis (/work/shared/domain.md, "Household electricity tariffs"): the regional regulator sets the
household prices per half-year, one price per consumer group, rate type (single, two-zone,
three-zone), zone and — since 1 January 2025 — consumption band; so two rows with the same codes
are a mistake, and two periods of the same group may not overlap (a dated record is in force
until the next one of its key starts: ``cms_pages.models.dated.DatedRecord``). Each rejected row
is returned with its line number and the reason.
"""
import datetime
import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from django.utils.translation import gettext as _

from cms_pages.codes import (
    BAND_CHOICES, CONSUMER_GROUP_CHOICES, RATE_TYPE_CHOICES, ZONE_CHOICES, ZONES,
)

COLUMNS = ("consumer_group", "rate_type", "zone", "band", "price", "town")
REQUIRED_COLUMNS = 5
GROUP_CODES = [code for code, _label in CONSUMER_GROUP_CHOICES]
RATE_CODES = [code for code, _label in RATE_TYPE_CHOICES]
ZONE_CODES = [code for code, _label in ZONE_CHOICES]
BAND_CODES = [code for code, _label in BAND_CHOICES]
MAX_PRICE = Decimal("99999999.99")  # TariffRecord.price: 10 digits, 2 after the point
SPACES = re.compile(r"[\s\u00a0\u202f\u2009']+")
PRICE = re.compile(r"^-?\d+(\.\d+)?$")


@dataclass
class RowError:
    line: int
    message: str


def parse_price(text):
    """«5,10», «5.10», «1 251,30» -> Decimal; a ValueError with the reason otherwise."""
    raw = (text or "").strip()
    if not raw:
        raise ValueError(_("цена не указана"))
    compact = SPACES.sub("", raw).replace(",", ".")
    if not PRICE.match(compact):
        raise ValueError(_("цена «%(value)s» — не число (допустимы цифры, запятая или точка: 5,10)")
                         % {"value": raw})
    try:
        value = Decimal(compact)
    except InvalidOperation:
        raise ValueError(_("цена «%(value)s» — не число") % {"value": raw})
    if value < 0:
        raise ValueError(_("цена «%(value)s» отрицательная") % {"value": raw})
    if value == 0:
        raise ValueError(_("цена равна нулю"))
    if value != value.quantize(Decimal("0.01")):
        raise ValueError(_("у цены «%(value)s» больше двух знаков после запятой: регулятор устанавливает "
                           "цены с точностью до копейки") % {"value": raw})
    if value > MAX_PRICE:
        raise ValueError(_("цена «%(value)s» слишком большая") % {"value": raw})
    return value.quantize(Decimal("0.01"))


def is_header(cells):
    """A first line with no group code and no digit where the price goes: «группа;…;цена с НДС»."""
    price = cells[4] if len(cells) > 4 else ""
    return bool(cells) and cells[0] not in GROUP_CODES and not any(ch.isdigit() for ch in price)


def _codes(codes):
    return ", ".join(str(code) for code in codes)


def check_row(cells):
    """``(record dict, None)`` or ``(None, reason)`` for one row of cells."""
    formula = next((cell for cell in cells if cell.startswith("=")), None)
    if formula is not None:
        return None, _("ячейка «%(cell)s» — формула: сохраните в таблицу значения, а не формулы") % {
            "cell": formula[:40]}
    if len(cells) < REQUIRED_COLUMNS:
        return None, _("в строке %(count)s столбцов, а нужно не меньше пяти: группа, вид ставки, зона, "
                       "диапазон, цена") % {"count": len(cells)}
    group, rate_type, zone, band_text, price_text = cells[:5]
    town = cells[5] if len(cells) > 5 else ""
    if group not in GROUP_CODES:
        return None, _("неизвестный код группы потребителей «%(code)s»; допустимы: %(codes)s") % {
            "code": group, "codes": _codes(GROUP_CODES)}
    if rate_type not in RATE_CODES:
        return None, _("неизвестный код вида ставки «%(code)s»; допустимы: %(codes)s") % {
            "code": rate_type, "codes": _codes(RATE_CODES)}
    if zone not in ZONES[rate_type]:
        if zone not in ZONE_CODES:
            return None, _("неизвестный код зоны суток «%(code)s»; допустимы: %(codes)s") % {
                "code": zone, "codes": _codes(ZONE_CODES)}
        return None, _("у вида ставки «%(rate)s» нет зоны «%(zone)s»; его зоны: %(codes)s") % {
            "rate": rate_type, "zone": zone, "codes": _codes(ZONES[rate_type])}
    band_text = band_text or "0"
    if not band_text.isdigit() or int(band_text) not in BAND_CODES:
        return None, _("диапазон «%(value)s» не из допустимых: %(codes)s (0 — без диапазонов)") % {
            "value": band_text, "codes": _codes(BAND_CODES)}
    try:
        price = parse_price(price_text)
    except ValueError as error:
        return None, str(error)
    return {"consumer_group": group, "rate_type": rate_type, "zone": zone, "band": int(band_text),
            "price": str(price), "town": town}, None


def row_key(record):
    return (record["consumer_group"], record["town"], record["rate_type"], record["zone"], record["band"])


def check_rows(rows):
    """``(records, errors)``: the rows that passed as dicts, and each rejected row with its reason."""
    records, errors, seen = [], [], {}
    for index, (line, cells) in enumerate(rows):
        if index == 0 and is_header(cells):
            continue
        record, reason = check_row(cells)
        if reason is None:
            key = row_key(record)
            if key in seen:
                reason = _("повторяет строку %(line)s (те же группа, вид ставки, зона и диапазон)") % {
                    "line": seen[key]}
            else:
                seen[key] = line
        if reason is None:
            records.append({**record, "line": line})
        else:
            errors.append(RowError(line, reason))
    if not records and not errors:
        errors.append(RowError(0, _("в таблице нет ни одной строки с ценой")))
    return records, errors


def _end_or_max(date):
    return date or datetime.date.max


def overlaps(existing, start, end, groups):
    """The existing records of these (group, town) pairs whose period meets ``start``–``end``.

    An existing record with no end that starts before ``start`` does not overlap: it stays in
    force only until the next period of its key starts (``cms_pages.rules.tariff_periods.effective_ends``).
    """
    found = []
    for record in existing:
        if (record.consumer_group, record.town or "") not in groups:
            continue
        if record.effective_to is None and record.effective_from < start:
            continue
        if record.effective_from <= _end_or_max(end) and _end_or_max(record.effective_to) >= start:
            found.append(record)
    return found


def check_period(start, end):
    if end is not None and end < start:
        return _("Дата окончания раньше даты начала.")
    return None
