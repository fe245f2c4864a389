"""The tariff page's light editor: one grid of the prices in force and upcoming; the archive read-only.

The page's ``TariffRecord`` children stay one child relation edited through the page form (so
revisions, the moderation workflow, scheduled publishing and the decisions app's import into a
draft revision work as before), but the page editor holds only the records that have not ended
before today (``cms_pages.rules.tariff_periods.select``): a compact table, one row per price, plus
empty rows to add prices without JavaScript and a field to paste a spreadsheet's rows (the
layout of docs/decision-import.md: group, rate type, zone, band, price, town), read on the
server when the page is saved. Archived records are not in the form at all; saving keeps them
untouched (``TariffGridFormSet.save``), and they are listed read-only in a separate view.

URLs this module adds (registered in ``cms_pages/wagtail_hooks.py``; each tested for an editor,
an anonymous visitor and a case officer in tests/tariff_editor/test_archive.py):
- ``tariff_archive:list`` ``/admin/tariff-archive/<page_id>/`` (``?p=<n>``): the archived prices
  of the page's latest revision, newest period first, ``PERIODS_PER_PAGE`` periods a page.
  For users who may edit the page (others: 403, which Wagtail's admin turns into the dashboard
  with a message; anonymous visitors: the login page; not a tariff page or unknown: 404).
"""
import datetime
import functools
from html import escape

from django import forms
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import Q
from django.forms.formsets import DELETION_FIELD_NAME, ORDERING_FIELD_NAME
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import formats, timezone
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from modelcluster.forms import BaseChildFormSet
from modelcluster.queryset import FakeQuerySet
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.panels import InlinePanel, Panel
from wagtail.models import Page

from cms_pages.codes import (
    BAND_CHOICES, CONSUMER_GROUP_CHOICES, GCAL, KWH, RATE_TYPE_CHOICES, UNIT_CHOICES, ZONE_CHOICES,
)
from cms_pages.rules import period_overlaps, tariff_periods

# The page model names this module's panel in its ``content_panels``: the models are imported
# inside the functions that need them (``models()``), never at import time.

EXTRA_ROWS = 3  # empty rows under the grid: prices added without JavaScript
PERIODS_PER_PAGE = 2  # archive periods (half-years, one decision each) per archive page
ACT_YEARS = 2  # legal acts offered in the grid: those of the rows, and any dated in the last two years
ROW_FIELDS = ["consumer_group", "town_ru", "town_en", "rate_type", "zone", "hours_ru", "hours_en", "band",
              "band_limit_kwh", "price", "unit", "vat_included", "effective_from", "effective_to", "legal_act"]
PASTE_COLUMNS = ("consumer_group", "rate_type", "zone", "band", "price", "town_ru")


# ----------------------------------------------------------------------------------------- rows


def models():
    from cms_pages import models as m
    from cms_pages.models.tariffs import _display_order
    return m.LegalAct, m.TariffPage, m.TariffRecord, _display_order


def split_records(records, on, keep=()):
    """``(editable, archived)``: archived are the records whose period ended before ``on``.

    ``keep``: primary keys that stay editable anyway (rows of a form opened before midnight)."""
    selection = tariff_periods.select(records, on, key=tariff_periods.tariff_key)
    archived = [r for period in selection.archive for r in period.records if r.pk is None or r.pk not in keep]
    archived_ids = set(map(id, archived))
    editable = [r for r in records if id(r) not in archived_ids]
    _display_order = models()[3]
    editable.sort(key=lambda r: (r.effective_from, _display_order(r)))
    return editable, archived


def record_key(consumer_group, town, rate_type, zone, band, unit):
    """``tariff_periods.tariff_key`` in the source language's town, for rows and records alike."""
    return (consumer_group, town or "", rate_type, zone, band, unit)


def key_of(record):
    return record_key(record.consumer_group, record.town_ru, record.rate_type, record.zone, record.band,
                      record.unit)


class PriceField(forms.CharField):
    """A price as an editor types it: «5,10», «5.10», «1 251,30»; the message says what is wrong."""

    def to_python(self, value):
        from decisions.rules.validation import parse_price  # the one reading of a typed price

        try:
            return parse_price(value)
        except ValueError as error:
            raise ValidationError(capfirst(str(error)), code="invalid")

    def validate(self, value):
        pass  # parse_price has refused the empty cell already

    def has_changed(self, initial, data):
        if not (data or "").strip():
            return initial not in (None, "")
        try:
            return self.to_python(data) != initial
        except ValidationError:
            return True


def price_text(value):
    """A stored price as the grid shows it: «5,10»."""
    if value in (None, ""):
        return ""
    return f"{value:.2f}".replace(".", ",") if not isinstance(value, str) else value


class CodeField(forms.CharField):
    """A code from a code list (``cms_pages.codes``), checked against a set shared by every row.

    Django's ChoiceField deep-copies its (lazily translated) choices into each of the grid's
    rows; this field keeps one dictionary for all of them."""

    def __init__(self, choices, coerce=str, **kwargs):
        super().__init__(**kwargs)
        self.codes = {str(code): coerce(code) for code, _label in choices}

    def to_python(self, value):
        value = super().to_python(value)
        if value in self.empty_values:
            return value
        if value not in self.codes:
            raise ValidationError(_("Неизвестный код «%(value)s»; допустимы: %(codes)s.")
                                  % {"value": value, "codes": ", ".join(self.codes)}, code="invalid_choice")
        return self.codes[value]

    def has_changed(self, initial, data):
        return str("" if initial is None else initial) != str("" if data is None else data)


class ActField(forms.Field):
    """A legal act by its id, among the acts the grid offers (``acts``: set per request by the formset)."""

    acts = {}

    def to_python(self, value):
        if value in self.empty_values:
            return None
        act = self.acts.get(str(value))
        if act is None:
            raise ValidationError(_("Такого правового акта нет в списке: выберите основание из списка."),
                                  code="invalid_choice")
        return act

    def has_changed(self, initial, data):
        return str(getattr(initial, "pk", initial) or "") != str(data or "")


@functools.cache
def row_form():
    """The form of one grid row (built on first use: the model is not loaded when this module is)."""
    TariffRecord = models()[2]
    field = TariffRecord._meta.get_field

    def label(name):
        return capfirst(field(name).verbose_name)

    class TariffRowForm(WagtailAdminModelForm):
        consumer_group = CodeField(CONSUMER_GROUP_CHOICES, label=label("consumer_group"))
        rate_type = CodeField(RATE_TYPE_CHOICES, label=label("rate_type"))
        zone = CodeField(ZONE_CHOICES, label=label("zone"))
        band = CodeField(BAND_CHOICES, coerce=int, label=label("band"))
        unit = CodeField(UNIT_CHOICES, label=label("unit"))
        price = PriceField(label=label("price"))
        effective_from = forms.DateField(label=label("effective_from"))
        effective_to = forms.DateField(label=label("effective_to"), required=False)
        legal_act = ActField(label=label("legal_act"), required=False)
        paste_line = forms.IntegerField(required=False, widget=forms.HiddenInput)

        class Meta:
            model = TariffRecord
            fields = ROW_FIELDS

    return TariffRowForm


class TariffGridFormSet(BaseChildFormSet):
    """The page's tariffs in force and upcoming; the archive stays out of the form and is kept.

    ``data`` may carry ``<prefix>-paste`` (rows copied from a spreadsheet) with
    ``<prefix>-paste_from``, ``-paste_to`` and ``-paste_act``: each row becomes one more form of
    the formset, so it is checked like a typed row and shown in the grid with its messages."""

    def __init__(self, data=None, files=None, instance=None, queryset=None, prefix=None, **kwargs):
        LegalAct, TariffPage, TariffRecord, _order = models()
        instance = instance if instance is not None else TariffPage()
        prefix = prefix or "tariffs"
        self.today = timezone.localdate()
        keep = _submitted_ids(data, prefix) if data is not None else set()
        manager = instance.tariffs
        if manager.is_deferring or not instance.pk:  # a revision's records, in memory: all of them at hand
            self._all_records = list(manager.all())
            editable, self._archived = split_records(self._all_records, self.today, keep)
        else:  # stored records: those that ended before today are the archive whatever comes after them
            self._all_records = self._archived = None
            current = list(manager.filter(Q(effective_to__isnull=True) | Q(effective_to__gte=self.today)
                                          | Q(pk__in=keep)))
            editable, _superseded = split_records(current, self.today, keep)
        self._editable_pks = {r.pk for r in editable}
        self._manager = manager
        self.paste_error, self.paste_text, self.paste_problems = None, "", {}
        self.unit_default = GCAL if instance.kind == "heat" else KWH
        if data is not None:
            data = self._add_pasted_rows(data, prefix)
        used = {r.legal_act_id for r in editable if r.legal_act_id}
        cutoff = self.today - datetime.timedelta(days=round(365.25 * ACT_YEARS))
        self.acts = list(LegalAct.objects.filter(Q(pk__in=used) | Q(date__gte=cutoff) | Q(date__isnull=True))
                         .order_by("-date", "title"))
        self.acts_by_pk = {str(act.pk): act for act in self.acts}
        kwargs.setdefault("initial", [self.defaults()] * EXTRA_ROWS)
        super().__init__(data, files, instance=instance, queryset=FakeQuerySet(TariffRecord, editable),
                         prefix=prefix, **kwargs)

    @property
    def all_records(self):
        if self._all_records is None:
            self._all_records = list(self._manager.all())
        return self._all_records

    @property
    def archived(self):
        """The records not in the grid (fetched only when needed: checking and saving a POST)."""
        if self._archived is None:
            self._archived = [r for r in self.all_records if r.pk not in self._editable_pks]
        return self._archived

    def archive_count(self):
        if self._archived is None and self._all_records is None:
            return self._manager.count() - len(self._editable_pks)
        return len(self.archived)

    def defaults(self):
        return {"rate_type": RATE_TYPE_CHOICES[0][0], "zone": ZONE_CHOICES[0][0], "band": BAND_CHOICES[0][0],
                "unit": self.unit_default, "vat_included": True}

    def _construct_form(self, i, **kwargs):
        form = super()._construct_form(i, **kwargs)
        form.fields["legal_act"].acts = self.acts_by_pk
        return form

    # ---------------------------------------------------------------- the pasted rows

    def _add_pasted_rows(self, data, prefix):
        from decisions.rules import parsing, validation  # the documented layout's reading

        text = data.get(f"{prefix}-paste", "")
        if not text.strip():
            return data
        try:
            table = parsing.read_pasted(text)
        except parsing.TableError as error:
            self.paste_error, self.paste_text = str(error), text
            return data
        rows = table.rows
        if rows and validation.is_header(rows[0][1]):
            rows = rows[1:]
        if not rows:
            self.paste_error, self.paste_text = _("Во вставленной таблице нет ни одной строки с ценой."), text
            return data
        try:
            total = int(data.get(f"{prefix}-TOTAL_FORMS", ""))
        except ValueError:
            return data  # the management form is broken: Django's formset says so
        data = data.copy()
        for line, cells in rows:
            values = self._pasted_values(cells, data, prefix)
            for name, value in values.items():
                data[f"{prefix}-{total}-{name}"] = value
            data[f"{prefix}-{total}-paste_line"] = str(line)
            if len(cells) > len(PASTE_COLUMNS):
                self.paste_problems[total] = _(
                    "Строка %(line)s вставки: %(count)s столбцов, а принимается не больше %(limit)s "
                    "(группа, вид ставки, зона, диапазон, цена, населённый пункт).") % {
                    "line": line, "count": len(cells), "limit": len(PASTE_COLUMNS)}
            total += 1
        data[f"{prefix}-TOTAL_FORMS"] = str(total)
        data[f"{prefix}-paste"] = ""
        return data

    def _pasted_values(self, cells, data, prefix):
        cells = list(cells) + [""] * (len(PASTE_COLUMNS) - len(cells))
        raw = dict(zip(PASTE_COLUMNS, cells))
        values = {
            "consumer_group": _code(raw["consumer_group"], CONSUMER_GROUP_CHOICES),
            "rate_type": _code(raw["rate_type"], RATE_TYPE_CHOICES),
            "zone": _code(raw["zone"], ZONE_CHOICES),
            "band": _code(raw["band"] or str(BAND_CHOICES[0][0]), BAND_CHOICES),
            "price": raw["price"], "town_ru": raw["town_ru"],
            "effective_from": data.get(f"{prefix}-paste_from", ""),
            "effective_to": data.get(f"{prefix}-paste_to", ""),
            "legal_act": data.get(f"{prefix}-paste_act", ""),
            "vat_included": "on", "unit": self.unit_default,
            "town_en": "", "hours_ru": "", "hours_en": "", "band_limit_kwh": "",
        }
        template = self._newest_of_key(values)
        if template is not None:  # what the table does not say comes from the same price's last record
            values.update({"town_en": template.town_en or "", "hours_ru": template.hours_ru or "",
                           "hours_en": template.hours_en or "", "unit": template.unit,
                           "band_limit_kwh": "" if template.band_limit_kwh is None else str(template.band_limit_kwh)})
        return values

    def _newest_of_key(self, values):
        same = [r for r in self.all_records
                if (r.consumer_group, r.town_ru or "", r.rate_type, r.zone, str(r.band))
                == (values["consumer_group"], values["town_ru"], values["rate_type"], values["zone"], values["band"])]
        return max(same, key=lambda r: r.effective_from) if same else None

    # ---------------------------------------------------------------- checks and saving

    def clean(self):
        super().clean()
        for index, message in self.paste_problems.items():
            if index < len(self.forms):
                self.forms[index].add_error(None, message)
        if self.paste_error:
            raise ValidationError(self.paste_error)
        self._check_overlaps()

    def _check_overlaps(self):
        spans, rows = [], {}
        for index, form in enumerate(self.forms):
            if self._should_delete_form(form) or (index >= self.initial_form_count() and not form.has_changed()):
                continue
            data = getattr(form, "cleaned_data", {})
            needed = ("consumer_group", "rate_type", "zone", "band", "unit", "effective_from")
            if any(data.get(name) in (None, "") for name in needed):
                continue
            key = record_key(data["consumer_group"], data.get("town_ru"), data["rate_type"], data["zone"],
                             data["band"], data["unit"])
            spans.append(period_overlaps.Span(("row", index), key, data["effective_from"], data.get("effective_to")))
            rows[index] = form
        for record in self.archived:
            spans.append(period_overlaps.Span(("archive", id(record)), key_of(record), record.effective_from,
                                              record.effective_to))
        found = period_overlaps.overlapping_pairs(spans)
        for first, second in found:
            for this, other in ((first, second), (second, first)):
                if this.ref[0] != "row":
                    continue
                where = (_("строка %(number)s") % {"number": other.ref[1] + 1} if other.ref[0] == "row"
                         else _("архив"))
                rows[this.ref[1]].add_error("effective_from", _(
                    "Период пересекается с другой ценой тех же группы, вида ставки, зоны и диапазона "
                    "(%(where)s: %(period)s).") % {"where": where, "period": _period_text(other.start, other.end)})
        if found:
            raise ValidationError(_("Периоды некоторых цен пересекаются: исправьте даты в отмеченных строках."))

    def save(self, commit=True):
        """The grid's rows into the page's relation; archived records are kept as they are.

        modelcluster's formset drops every record without a primary key (those of a draft
        revision) before adding the forms' records back: archived ones among them are re-added."""
        archived_without_pk = [r for r in self.archived if r.pk is None]
        saved = super().save(commit=False)
        manager = getattr(self.instance, self.rel_name)
        if archived_without_pk:
            manager.add(*archived_without_pk)
        if commit:
            manager.commit()
        return saved


def _submitted_ids(data, prefix):
    try:
        count = int(data.get(f"{prefix}-INITIAL_FORMS", 0))
    except (TypeError, ValueError):
        return set()
    ids = set()
    for index in range(min(count, 5000)):
        value = data.get(f"{prefix}-{index}-id", "")
        if value.isdigit():
            ids.add(int(value))
    return ids


def _code(text, choices):
    """A pasted cell as a code: the code itself or its label, in any case; else the text as it is."""
    text = (text or "").strip()
    lowered = text.casefold()
    for code, label in choices:
        if lowered in (str(code).casefold(), str(label).casefold()):
            return str(code)
    return text


def _period_text(start, end):
    return start.strftime("%d.%m.%Y") + "–" + (end.strftime("%d.%m.%Y") if end else _("без даты окончания"))


def act_label(act):
    """Short, for the grid's selects: «92-э/1, 20.11.2026» (the period's heading gives the title)."""
    if act.number:
        return f"{act.number}, {act.date.strftime('%d.%m.%Y')}" if act.date else act.number
    return act.title[:60]


# ----------------------------------------------------------------------------------------- grid HTML


KEY_FIELDS = ("consumer_group", "rate_type", "zone", "band", "unit")
# Short ids of the grid's column headers: every control is labelled by its column and its row
# (aria-labelledby), so the 84 rows of a tariff page stay within the editor's weight.
COLUMN_IDS = {"consumer_group": "c-g", "town": "c-t", "rate_type": "c-r", "zone": "c-z", "hours": "c-h",
              "band": "c-b", "band_limit_kwh": "c-l", "price": "c-p", "unit": "c-u", "vat_included": "c-v",
              "effective_from": "c-f", "effective_to": "c-e", "legal_act": "c-a", "DELETE": "c-d"}


class _Cells:
    """Builds the grid's rows; option lists are escaped once per request, not once per row.

    A stored price's codes (group, rate type, zone, band, unit) say which price it is: they are
    shown as text with hidden inputs (to change them, delete the row and add a new one); new
    rows, pasted rows and rows with a message on a code get selects."""

    def __init__(self, formset):
        self.formset = formset
        self.options = {
            "consumer_group": [("", "—")] + _escaped(CONSUMER_GROUP_CHOICES),
            "rate_type": _escaped(RATE_TYPE_CHOICES),
            "zone": _escaped(ZONE_CHOICES),
            "band": _escaped(BAND_CHOICES),
            "unit": _escaped(UNIT_CHOICES),
            "legal_act": [("", "—")] + [(str(a.pk), escape(act_label(a))) for a in formset.acts],
        }
        self.labels = {name: {str(code): label for code, label in options} for name, options in self.options.items()}

    def row(self, form, index):
        prefix = form.prefix
        row_id = f"r{index}"
        errors = form.errors if form.is_bound else {}
        initial = index < self.formset.initial_form_count()
        fixed = initial and not any(errors.get(name) for name in KEY_FIELDS)

        def value(name):
            if form.is_bound:  # as submitted (a checkbox: "on" or absent)
                bound = form.data.get(f"{prefix}-{name}")
            else:
                bound = form.initial.get(name, form.fields[name].initial)
            return "" if bound is None else bound

        def cell(names):
            parts, messages = [], []
            for name, kind, lang in names:
                error_id = f"{prefix}-{name}-e" if errors.get(name) else ""
                if fixed and name in KEY_FIELDS:
                    kind = "fixed"
                parts.append(self.control(kind, f"{prefix}-{name}", value(name), name, row_id, lang, error_id))
                if error_id:
                    messages.append(format_html('<span class="error-message tg-error" id="{}">{}</span>', error_id,
                                                " ".join(str(e) for e in errors[name])))
            if messages:
                return format_html('<td class="e">{}{}</td>', mark_safe("".join(parts)), mark_safe("".join(messages)))
            return mark_safe("<td>" + "".join(parts) + "</td>")

        cells = [
            cell([("consumer_group", "select", "")]),
            cell([("town_ru", "text", "ru"), ("town_en", "text", "en")]),
            cell([("rate_type", "select", "")]),
            cell([("zone", "select", "")]),
            cell([("hours_ru", "text", "ru"), ("hours_en", "text", "en")]),
            cell([("band", "select", ""), ("band_limit_kwh", "number", "")]),
            cell([("price", "price", ""), ("unit", "select", "")]),
            cell([("vat_included", "checkbox", "")]),
            cell([("effective_from", "date", "")]),
            cell([("effective_to", "date", "")]),
            cell([("legal_act", "select", "")]),
        ]
        deleting = bool(form[DELETION_FIELD_NAME].value()) if form.is_bound else False
        cells.append(format_html('<td><input type="checkbox" name="{}-DELETE" value="on" aria-labelledby="c-d {}"{}></td>',
                                 prefix, row_id, mark_safe(" checked") if deleting else ""))
        hidden = format_html('<input type="hidden" name="{}-id" value="{}"><input type="hidden" name="{}-{}" value="{}">',
                             prefix, form.instance.pk or "", prefix, ORDERING_FIELD_NAME, index + 1 if initial else "")
        line = value("paste_line")
        if line:
            hidden += format_html('<input type="hidden" name="{}-paste_line" value="{}">', prefix, line)
        if initial:
            label = str(index + 1)
        elif line:
            label = _("вставка, стр. %(line)s") % {"line": line}
        else:
            label = _("новая")
        html = format_html('<tr class="tg-row{}"><th scope="row" id="{}">{}{}</th>{}</tr>', " tg-row--error" if errors
                           else "", row_id, label, hidden, mark_safe("".join(cells)))
        general = errors.get("__all__") if errors else None
        if general:
            html += format_html('<tr class="tg-row-errors"><td></td><td colspan="12"><p class="error-message">{}</p></td>'
                                '</tr>', " ".join(str(e) for e in general))
        return html

    def control(self, kind, name, value, field, row_id, lang, error_id):
        """One input; plain string building with ``escape`` (format_html per control costs 84 rows × 15 calls)."""
        column = COLUMN_IDS[field.rsplit("_", 1)[0] if lang else field]
        labelled = f"{column} l-{lang} {row_id}" if lang else f"{column} {row_id}"
        extra = f' aria-invalid="true" aria-describedby="{error_id}"' if error_id else ""
        if kind == "fixed":
            text = escape(str(value))
            return mark_safe(f'<input type="hidden" name="{name}" value="{text}">{self.labels[field].get(text, text)}')
        if kind == "select":
            options = self.options[field]
            value = escape(str(getattr(value, "pk", value)))
            html = [f'<select name="{name}" aria-labelledby="{labelled}"{extra}>']
            if value and value not in self.labels[field]:  # a pasted or tampered code: shown as typed
                html.append(f'<option value="{value}" selected>{value}</option>')
            for code, label in options:
                html.append(f'<option value="{code}"{" selected" if code == value else ""}>{label}</option>')
            html.append("</select>")
            return mark_safe("".join(html))
        if kind == "checkbox":
            checked = " checked" if value in (True, "on", "true", "True", "1") else ""
            return mark_safe(f'<input type="checkbox" name="{name}" value="on" aria-labelledby="{labelled}"{checked}{extra}>')
        if kind == "date":  # text, not type=date: a mistyped date is kept as typed, next to its message
            text = escape(formats.localize_input(value) if isinstance(value, datetime.date) else value)
            return mark_safe(f'<input class="d" name="{name}" value="{text}" aria-labelledby="{labelled}"{extra}>')
        if kind == "price":
            return mark_safe(f'<input class="p" inputmode="decimal" name="{name}" value="{escape(price_text(value))}" '
                             f'aria-labelledby="{labelled}"{extra}>')
        if kind == "number":
            return mark_safe(f'<input type="number" min="0" name="{name}" value="{escape(str(value))}" '
                             f'aria-labelledby="{labelled}"{extra}>')
        return mark_safe(f'<input name="{name}" value="{escape(str(value))}" lang="{lang}" aria-labelledby="{labelled}"'
                         f'{extra}>')


def _escaped(choices):
    return [(escape(str(code)), escape(str(label))) for code, label in choices]


class TariffGridPanel(InlinePanel):
    """The page's tariffs as one table (see the module's docstring); comparison as ``InlinePanel``'s."""

    def get_form_options(self):
        return {"formsets": {self.relation_name: {
            "form": row_form(), "formset": TariffGridFormSet, "fields": ROW_FIELDS, "extra": EXTRA_ROWS,
        }}}

    class BoundPanel(Panel.BoundPanel):
        template_name = "cms_pages/admin/tariff_grid.html"

        def __init__(self, **kwargs):
            super().__init__(**kwargs)
            self.label = self.panel.label
            self.formset = self.form.formsets[self.panel.relation_name] if self.form is not None else None

        def get_comparison(self):
            return InlinePanel.BoundPanel.get_comparison(self)

        def get_context_data(self, parent_context=None):
            context = super().get_context_data(parent_context)
            formset = self.formset
            cells = _Cells(formset)
            today = formset.today
            bodies, current = [], None
            for index, form in enumerate(formset.forms):
                record = form.instance
                if index < formset.initial_form_count() and record.effective_from:
                    key = (record.effective_from, record.effective_to, record.legal_act_id)
                    if current is None or current["key"] != key:
                        upcoming = record.effective_from > today
                        current = {"key": key, "rows": [], "start": record.effective_from,
                                   "end": record.effective_to, "act": record.legal_act if record.legal_act_id else None,
                                   "status": _("следующий период") if upcoming else _("действует сейчас")}
                        bodies.append(current)
                else:
                    if current is None or current["key"] != "new":
                        current = {"key": "new", "rows": [], "new": True}
                        bodies.append(current)
                current["rows"].append(cells.row(form, index))
            for body in bodies:
                body["html"] = mark_safe("".join(body["rows"]))
            page = self.instance
            context.update({
                "formset": formset, "bodies": bodies, "acts": cells.options["legal_act"],
                "archive_count": formset.archive_count(),
                "archive_url": reverse("tariff_archive:list", args=[page.pk]) if page.pk else None,
                "paste_text": formset.paste_text if formset.is_bound else "",
                "paste_values": {name: formset.data.get(f"{formset.prefix}-{name}", "") if formset.is_bound else ""
                                 for name in ("paste_from", "paste_to", "paste_act")},
                "acts_add_url": reverse("wagtailsnippets_cms_pages_legalact:add"),
                "extra_rows": EXTRA_ROWS,
            })
            return context


# ----------------------------------------------------------------------------------------- archive view


def archive_view(request, page_id):
    LegalAct, TariffPage, _record, _display_order = models()
    page = get_object_or_404(Page, pk=page_id).specific
    if not isinstance(page, TariffPage):
        raise Http404
    if not page.permissions_for_user(request.user).can_edit():
        raise PermissionDenied
    latest = page.get_latest_revision_as_object() if page.latest_revision_id else page
    records = list(latest.tariffs.all())
    acts = {act.pk: act for act in LegalAct.objects.filter(pk__in={r.legal_act_id for r in records if r.legal_act_id})}
    for record in records:
        record.legal_act = acts.get(record.legal_act_id)  # one query for the acts, not one per row
    selection = tariff_periods.select(records, timezone.localdate(), key=tariff_periods.tariff_key)
    paginator = Paginator(selection.archive, PERIODS_PER_PAGE)
    page_obj = paginator.get_page(request.GET.get("p"))
    periods = []
    for period in page_obj.object_list:
        rows = sorted(period.records, key=_display_order)
        act_ids = {r.legal_act_id for r in rows if r.legal_act_id}
        periods.append({"period": period, "rows": rows, "acts": [acts[pk] for pk in act_ids if pk in acts]})
    return TemplateResponse(request, "cms_pages/admin/tariff_archive.html", {
        "page": page, "periods": periods, "page_obj": page_obj, "paginator": paginator,
        "record_count": sum(len(p.records) for p in selection.archive),
        "title": _("Архив тарифов"),
        "acts": acts,
    })


urls = ([path("<int:page_id>/", archive_view, name="list")], "tariff_archive")
