"""Reading a decision's table from a CSV file, an XLSX file or text pasted from a spreadsheet.

The regional regulator publishes each decision as one table per order (household prices by
consumer group, rate type, zone and band; connection rates by code and voltage; income ceilings by
family size: /work/shared/domain.md). The layouts the portal accepts are described in
``decisions.layouts`` and docs/decision-import.md; this module only turns the bytes into numbered
rows of text cells, whatever the layout. What the cells mean is checked in ``decisions.rules.validation``.

- CSV: UTF-8 (with or without the byte-order mark) is decoded strictly; if that fails, Windows-1251
  (what Russian Excel saves as «CSV (разделители — запятые)»), also strictly. The separator is
  the first of tab, ``;`` or ``,`` found in the first non-empty line.
- XLSX: the first sheet, read with openpyxl in read-only mode; values are the cached results
  (``data_only=True``). A formula cell without a cached result (a file written by a program that
  never calculated it) is returned as its formula text, so the validation refuses it like a CSV
  cell starting with ``=``.
- Limits: files over ``MAX_BYTES`` and tables over ``MAX_ROWS`` rows are refused whole.
"""
import csv
import datetime
import io
import zipfile
from dataclasses import dataclass
from decimal import Decimal

from django.utils.translation import gettext as _

MAX_BYTES = 2 * 1024 * 1024
MAX_ROWS = 500
UTF8_BOM = b"\xef\xbb\xbf"
UTF8, UTF8_BOM_NAME, CP1251 = "UTF-8", "UTF-8 (BOM)", "Windows-1251"


class TableError(ValueError):
    """The whole table cannot be read; the message says why, in the user's language."""


@dataclass
class Table:
    rows: list  # of (line number, [cell text, ...]); empty lines left out
    source: str  # how it was read: "CSV, UTF-8", "XLSX", ...


def check_size(size):
    if size > MAX_BYTES:
        raise TableError(_("Файл больше 2 МБ (%(size)s МБ): в решении регулятора столько строк не бывает. "
                           "Проверьте, что выбран нужный файл, или вставьте таблицу в поле ниже.")
                         % {"size": f"{size / 1024 / 1024:.1f}".replace(".", ",")})


def decode(data):
    """``(text, encoding name)``: UTF-8 with BOM, UTF-8, then Windows-1251, each decoded strictly."""
    if data.startswith(UTF8_BOM):
        try:
            return data[len(UTF8_BOM):].decode("utf-8"), UTF8_BOM_NAME
        except UnicodeDecodeError as error:
            raise TableError(_("Файл начинается как UTF-8, но байт %(position)s не UTF-8: сохраните его "
                               "заново в кодировке UTF-8.") % {"position": error.start + len(UTF8_BOM) + 1})
    try:
        return data.decode("utf-8"), UTF8
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("cp1251"), CP1251
    except UnicodeDecodeError:
        raise TableError(_("Кодировка файла не UTF-8 и не Windows-1251: сохраните его в Excel как "
                           "«CSV UTF-8» или вставьте таблицу в поле ниже."))


def _limit(rows):
    if len(rows) > MAX_ROWS:
        raise TableError(_("В таблице %(count)s строк, а принимается не больше %(limit)s. Разделите решение "
                           "на несколько файлов.")
                         % {"count": len(rows), "limit": MAX_ROWS})
    return rows


def split_text(text, delimiter=None):
    """Numbered non-empty rows of a delimited text (CSV or a pasted spreadsheet range)."""
    lines = text.splitlines()
    if delimiter is None:
        first = next((line for line in lines if line.strip()), "")
        delimiter = next((d for d in ("\t", ";", ",") if d in first), ",")
    rows = []
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        for cells in reader:
            cells = [cell.strip() for cell in cells]
            if any(cells):
                rows.append((reader.line_num, cells))
                if len(rows) > MAX_ROWS:
                    break
    except csv.Error as error:
        raise TableError(_("Строка %(line)s: таблицу не удалось прочитать (%(error)s).")
                         % {"line": reader.line_num, "error": error})
    return _limit(rows)


def read_csv(data):
    check_size(len(data))
    text, encoding = decode(data)
    return Table(split_text(text), f"CSV, {encoding}")


def read_pasted(text):
    if len(text.encode("utf-8")) > MAX_BYTES:
        check_size(len(text.encode("utf-8")))
    return Table(split_text(text.replace("\r\n", "\n")), _("таблица из поля"))


def _cell_text(value):
    if value is None:
        return ""
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, float):
        return format(Decimal(repr(value)).normalize(), "f")
    if isinstance(value, (int, Decimal)):
        return format(value, "f") if isinstance(value, Decimal) else str(value)
    if isinstance(value, datetime.datetime):
        return value.date().isoformat()
    return str(value).strip()


def read_xlsx(data):
    """The first sheet's rows; a formula with no cached value comes back as its formula text."""
    check_size(len(data))
    from openpyxl import load_workbook

    try:
        values = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
        formulas = load_workbook(io.BytesIO(data), read_only=True, data_only=False)
    except (zipfile.BadZipFile, KeyError, ValueError, OSError, TypeError) as error:
        raise TableError(_("Файл не удалось открыть как книгу Excel (XLSX): %(error)s. Сохраните его в Excel "
                           "как «Книга Excel (*.xlsx)» или как CSV.") % {"error": type(error).__name__})
    try:
        value_sheet, formula_sheet = values.worksheets[0], formulas.worksheets[0]
        rows = []
        for line, (cached, written) in enumerate(zip(value_sheet.iter_rows(values_only=True),
                                                     formula_sheet.iter_rows(values_only=True)), start=1):
            cells = []
            for value, formula in zip(cached, written):
                if value is None and isinstance(formula, str) and formula.startswith("="):
                    cells.append(formula)  # a formula nobody calculated: refused by the validation
                else:
                    cells.append(_cell_text(value))
            if any(cells):
                rows.append((line, cells))
                if len(rows) > MAX_ROWS:
                    break
    except (zipfile.BadZipFile, KeyError, ValueError, IndexError, TypeError) as error:
        raise TableError(_("Файл не удалось прочитать как книгу Excel (XLSX): %(error)s.")
                         % {"error": type(error).__name__})
    finally:
        values.close()
        formulas.close()
    return Table(_limit(rows), "XLSX")


def read_upload(name, data):
    """By the file's name: ``.xlsx`` or ``.csv``/``.txt``; anything else is refused."""
    lowered = (name or "").lower()
    if lowered.endswith(".xlsx"):
        return read_xlsx(data)
    if lowered.endswith((".csv", ".txt", ".tsv")):
        return read_csv(data)
    check_size(len(data))
    raise TableError(_("Принимаются файлы .csv и .xlsx (файл «%(name)s» — другого вида). Старый формат .xls "
                       "сохраните в Excel как .xlsx.") % {"name": name})


def to_text(rows):
    """The rows back as tab-separated text, to put into the paste field so nothing is re-uploaded."""
    return "\n".join("\t".join(cells) for _line, cells in rows)
