"""Checking the rows of a decision's table, whatever record type it sets (layouts: ``decisions.layouts``).

Each record type is described once by a layout: its columns in order, how each cell is read,
the key that makes two rows the same, and a cross-column check. This module applies a layout to
the numbered rows ``decisions.rules.parsing`` read; it knows nothing of tariffs or ceilings.

- A first line whose first cell is not a value of the first column and whose value column holds
  no digit is a header and is skipped (a mistyped code in the first data row is still reported).
- A cell starting with ``=`` is a formula: refused (the regulator's figures, not a spreadsheet's
  calculation, are imported).
- Two rows with the same key are a mistake: the regulator sets one figure per key and period
  (/work/shared/domain.md: one price per group, rate type, zone and band; one rate per code,
  voltage and area; one ceiling per family size).
- Two periods of the same group may not overlap: a dated record is in force until the next one of
  its key starts (``cms_pages.models.dated.DatedRecord``), so an open-ended earlier record does not
  overlap a later period.

Each rejected row is returned with its line number and the reason.
"""
import datetime
import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from django.utils.translation import gettext as _

SPACES = re.compile(r"[\s\u00a0\u202f\u2009']+")
NUMBER = re.compile(r"^-?\d+(\.\d+)?$")


@dataclass
class RowError:
    line: int
    message: str


def parse_amount(text, column, maximum, places=2):
    """«5,10», «5.10», «1 251,30» -> Decimal (positive, at most ``places`` decimals, at most ``maximum``).

    ``column`` names the column in the messages («значение «5,1o» в столбце «цена с НДС» — не число»).
    """
    raw = (text or "").strip()
    if not raw:
        raise ValueError(_("не указано значение в столбце «%(column)s»") % {"column": column})
    compact = SPACES.sub("", raw).replace(",", ".")
    values = {"value": raw, "column": column}
    if not NUMBER.match(compact):
        raise ValueError(_("значение «%(value)s» в столбце «%(column)s» — не число (допустимы цифры, запятая "
                           "или точка: 5,10)") % values)
    try:
        value = Decimal(compact)
    except InvalidOperation:
        raise ValueError(_("значение «%(value)s» в столбце «%(column)s» — не число") % values)
    if value < 0:
        raise ValueError(_("значение «%(value)s» в столбце «%(column)s» отрицательное") % values)
    if value == 0:
        raise ValueError(_("значение в столбце «%(column)s» равно нулю") % values)
    quantum = Decimal(1).scaleb(-places)
    if value != value.quantize(quantum):
        raise ValueError(_("у значения «%(value)s» в столбце «%(column)s» больше %(places)s знаков после "
                           "запятой: регулятор устанавливает его с точностью до %(places)s знаков")
                         % {**values, "places": places})
    if value > maximum:
        raise ValueError(_("значение «%(value)s» в столбце «%(column)s» больше допустимого (%(maximum)s)")
                         % {**values, "maximum": maximum})
    return value.quantize(quantum)


def parse_price(text):
    """A tariff price as an editor types it (the tariff grid of ``cms_pages.admin_tariffs`` reads its
    cells with this): ``parse_amount`` for the tariff layout's price column."""
    from decisions.layouts import TARIFFS

    return parse_amount(text, *TARIFFS.price_limits())


def parse_code(text, codes, unknown):
    """``text`` if it is one of ``codes``; a ValueError with ``unknown`` (naming the codes) otherwise."""
    if text not in codes:
        raise ValueError(unknown % {"code": text, "codes": ", ".join(str(code) for code in codes)})
    return text


def is_header(cells, layout=None):
    """A first line with no value of the first column and no digit where the value goes (by default
    in the tariff layout, as the tariff grid's paste reads it)."""
    if layout is None:
        from decisions.layouts import TARIFFS as layout
    value = cells[layout.value_column] if len(cells) > layout.value_column else ""
    try:
        layout.columns[0].parse(cells[0] if cells else "")
    except ValueError:
        return bool(cells) and not any(ch.isdigit() for ch in value)
    return False


def check_row(cells, layout):
    """``(record dict, None)`` or ``(None, reason)`` for one row of cells."""
    formula = next((cell for cell in cells if cell.startswith("=")), None)
    if formula is not None:
        return None, _("ячейка «%(cell)s» — формула: сохраните в таблицу значения, а не формулы") % {
            "cell": formula[:40]}
    required = [column for column in layout.columns if column.required]
    if len(cells) < len(required):
        return None, _("в строке %(count)s столбцов, а нужно не меньше %(required)s: %(names)s") % {
            "count": len(cells), "required": len(required),
            "names": ", ".join(str(column.label) for column in required)}
    record = {}
    for index, column in enumerate(layout.columns):
        try:
            record[column.name] = column.parse(cells[index] if index < len(cells) else "")
        except ValueError as error:
            return None, str(error)
    reason = layout.check(record)
    return (None, reason) if reason else (record, None)


def check_rows(rows, layout):
    """``(records, errors)``: the rows that passed as dicts, and each rejected row with its reason."""
    records, errors, seen = [], [], {}
    for index, (line, cells) in enumerate(rows):
        if index == 0 and is_header(cells, layout):
            continue
        record, reason = check_row(cells, layout)
        if reason is None:
            key = layout.row_key(record)
            if key in seen:
                reason = _("повторяет строку %(line)s (%(same)s)") % {"line": seen[key],
                                                                      "same": layout.same_key_words}
            else:
                seen[key] = line
        if reason is None:
            records.append({**record, "line": line})
        else:
            errors.append(RowError(line, reason))
    if not records and not errors:
        errors.append(RowError(0, _("в таблице нет ни одной строки со значением")))
    if records and not errors:
        errors.extend(layout.check_table(records))
    return records, errors


def missing_family_sizes(sizes):
    """The family sizes missing below the largest one of an income ceiling table: ``{1, 2, 3, 5}`` -> ``[4]``.

    Arkhangelsk decree 116-пп of 09.02.2023 sets the ceiling for each family size from 1 to 5
    persons (/work/shared/domain.md), and the benefit checker takes the row of the family's size,
    or the largest smaller row (``calculators.rules.eligibility.ceiling_for``): a table with a gap
    would give a family of the missing size a smaller family's (lower) ceiling.
    """
    sizes = set(sizes)
    return [size for size in range(1, max(sizes, default=0) + 1) if size not in sizes]


def _end_or_max(date):
    return date or datetime.date.max


def overlaps(existing, start, end, groups, group_key):
    """The existing records of these groups (``group_key(record)``) whose period meets ``start``–``end``.

    An existing record with no end that starts before ``start`` does not overlap: it stays in
    force only until the next period of its key starts (``cms_pages.rules.tariff_periods.effective_ends``).
    """
    found = []
    for record in existing:
        if group_key(record) not in groups:
            continue
        if record.effective_to is None and record.effective_from < start:
            continue
        if record.effective_from <= _end_or_max(end) and _end_or_max(record.effective_to) >= start:
            found.append(record)
    return found

