"""Spreadsheet formula injection: every CSV and XLSX the site or the admin writes goes through here.

A text cell that begins with ``=``, ``+``, ``-`` or ``@`` (or a tab or carriage return, which some
spreadsheet programs skip before reading a formula) is run as a formula when the file is opened in
Excel or LibreOffice: ``=HYPERLINK("http://x","y")`` in a visitor's feedback comment becomes a live
link, ``=WEBSERVICE(...)`` can send other cells away (OWASP "CSV Injection"). Such text cells get
a leading apostrophe, the spreadsheets' own mark for "this is text", so the cell shows the text
and is never evaluated. Numbers, dates, booleans and empty cells are left as they are: ``-5`` stored
as a number is written as ``-5`` and stays a number in the spreadsheet.

- ``safe_cell(value)``: one cell;
- ``SafeDictWriter`` / ``safe_writer(file)``: ``csv.DictWriter`` / ``csv.writer`` that apply it;
- ``SafeSpreadsheetExportMixin``: for every Wagtail admin view with ``list_export`` (Wagtail's
  ``SpreadsheetExportMixin``: ModelViewSet and snippet index views, reports). CSV cells go through
  ``safe_cell``; in XLSX, text is stored as text (never a formula) with Excel's quote-prefix mark,
  so the cell keeps the exact text and stays text even when someone edits it;
- ``protect_wagtail_exports()``: the same for Wagtail's own reports (called from ``OpsConfig.ready``).
"""
import csv

from django.utils.encoding import force_str
from django.utils.functional import Promise

# The leading characters that make a spreadsheet read a cell as a formula. Full-width forms are
# included because some spreadsheet programs fold them to the ASCII ones on input.
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r", "\n", "＝", "＋", "－", "＠")
TEXT_MARK = "'"


def is_formula_like(text):
    """True if a spreadsheet could read this text as a formula (leading spaces are skipped too)."""
    return isinstance(text, str) and text.lstrip(" ").startswith(FORMULA_PREFIXES)


def safe_cell(value):
    """The value to write into a CSV cell: formula-like text gets a leading apostrophe.

    Only text is changed. ``int``, ``float``, ``Decimal``, dates, ``bool`` and ``None`` are
    returned unchanged, so negative numbers stay numbers.
    """
    if isinstance(value, Promise):
        value = force_str(value)
    if is_formula_like(value):
        return TEXT_MARK + value
    return value


def safe_row(values):
    return [safe_cell(value) for value in values]


class SafeDictWriter(csv.DictWriter):
    """``csv.DictWriter`` whose every cell (header included) goes through ``safe_cell``."""

    def writerow(self, rowdict):
        return super().writerow({key: safe_cell(value) for key, value in rowdict.items()})

    def writerows(self, rowdicts):
        for rowdict in rowdicts:
            self.writerow(rowdict)


class _SafeWriter:
    def __init__(self, writer):
        self._writer = writer

    def writerow(self, row):
        return self._writer.writerow(safe_row(row))

    def writerows(self, rows):
        for row in rows:
            self.writerow(row)

    def __getattr__(self, name):  # dialect and friends
        return getattr(self._writer, name)


def safe_writer(file, *args, **kwargs):
    """``csv.writer(file, ...)`` whose every cell goes through ``safe_cell``."""
    return _SafeWriter(csv.writer(file, *args, **kwargs))


def safe_export_value(value, export_format):
    """A value of Wagtail's spreadsheet export, after the view's own preprocessing."""
    return safe_cell(value) if export_format == "csv" else value


def safe_xlsx_cells(cells):
    """XLSX cells of one row: formula-like text is stored as text, marked with the quote prefix."""
    for cell in cells:
        if isinstance(cell.value, str) and (cell.data_type == "f" or is_formula_like(cell.value)):
            cell.data_type = "s"  # text, never a formula
            cell.quotePrefix = True  # and it stays text if someone edits the cell
        yield cell


class SafeSpreadsheetExportMixin:
    """Put first in the bases of every admin view of ours that exports (``list_export``).

    Works at Wagtail's per-value hooks (``preprocess_field_value`` for CSV, ``generate_xlsx_row``
    for XLSX), so custom ``to_row_dict`` methods and preprocessors of the views keep working.
    """

    def preprocess_field_value(self, field, value, export_format):
        return safe_export_value(super().preprocess_field_value(field, value, export_format), export_format)

    def generate_xlsx_row(self, worksheet, row_dict, date_format=None):
        return safe_xlsx_cells(super().generate_xlsx_row(worksheet, row_dict, date_format=date_format))


def protect_wagtail_exports():
    """Wagtail's own exports (site history, locked and aging pages, workflows, redirects, search
    terms) have no mixin of ours: give their common base, ``SpreadsheetExportMixin``, the same two
    hooks. Called once from ``OpsConfig.ready``; the functions above are idempotent, so a view with
    ``SafeSpreadsheetExportMixin`` as well gets no double apostrophe."""
    from wagtail.admin.views.mixins import SpreadsheetExportMixin

    if getattr(SpreadsheetExportMixin, "formula_safe", False):
        return
    preprocess, xlsx_row = SpreadsheetExportMixin.preprocess_field_value, SpreadsheetExportMixin.generate_xlsx_row

    def preprocess_field_value(self, field, value, export_format):
        return safe_export_value(preprocess(self, field, value, export_format), export_format)

    def generate_xlsx_row(self, worksheet, row_dict, date_format=None):
        return safe_xlsx_cells(xlsx_row(self, worksheet, row_dict, date_format=date_format))

    SpreadsheetExportMixin.preprocess_field_value = preprocess_field_value
    SpreadsheetExportMixin.generate_xlsx_row = generate_xlsx_row
    SpreadsheetExportMixin.formula_safe = True
