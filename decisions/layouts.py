"""The record types a regulator's decision sets, each described once: its table layout and its words.

One importer (``decisions.views``) and one set of rules (``decisions.rules``) serve every type; a
*layout* says what differs: the page type and its child relation(s), the columns in order and how
each cell is read, the key that makes two rows (or two records) the same, the group whose periods
may not overlap, the values a record holds, and the words of the preview («3 человека,
отопительный период: 50 000,00 → 52 000,00 руб./мес.»; figures through ``cms_pages.rules.money``).

Layouts (the first row of a table may be a header; CSV separator ``;``, ``,`` or tab; example
files in ``decisions/examples/``, demo values):

``tariffs`` — household tariffs of a tariff page (``TariffRecord``):
    consumer group code; rate type code; zone code; band (0–3); price with VAT; town or supplier
    (optional, heat). Codes: ``cms_pages.codes``. Zone hours, band limits, the English town and the
    unit are copied from the page's latest record with the same codes. Example: ``tariffs.csv``.
``connection`` — connection rates of a connection-fee page (Decree 861; ``StandardizedRate``,
    ``PreferentialRate``): rate code (``C1``, ``C2``, ``C3``, ``C8``, or ``preferential``,
    ``social`` for the rate per kW); voltage (``0.4``, ``6-10``, ``35``; ``0,4`` and ``6–10`` are
    read too; empty for the rates per kW); area (``any``, ``town``, ``rural``; empty = ``any``;
    empty for the rates per kW); amount (standardized rates without VAT, rates per kW with VAT).
    The unit (per connection, per km, per metering point) and, for the rates per kW, the power and
    distance limits and the conditions are copied from the page's latest record of the same code.
    Example: ``connection.csv``.
``ceilings`` — the housing subsidy's income ceilings of a subsidy page (``IncomeCeiling``):
    family size (1–10 persons; the largest row serves bigger families, as the decree's table
    does); ceiling in the heating period; ceiling outside it (roubles a month). The sizes must
    run from 1 without a gap (a family of a missing size would get a smaller family's ceiling).
    Example: ``ceilings.csv`` (decree 116-пп of 09.02.2023's table is the demo's period in force).
``benefits`` — the amounts a subsidy or compensation page states (fields of ``SubsidyPage``, not
    dated records): measure code (``payment_share``: the maximum share of income spent on housing
    and utilities, %; ``compensation``: the compensation, %); percent (above 0, at most 100). The
    page holds one value of each, so the decision has no end date: the draft revision gets the
    decision as the page's basis and, for a future start, the start as its go-live date (the
    moderator's approval then schedules it). Example: ``benefits.csv``.
"""
import datetime
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from cms_pages.codes import (
    AREA_CHOICES, BAND_CHOICES, C1, C2, C3, C8, CONSUMER_GROUP_CHOICES, GCAL, KWH, NO_BANDS, PER_CONNECTION, PER_KM,
    PER_KW_KIND_CHOICES, PER_POINT, RATE_CODE_CHOICES, RATE_TYPE_CHOICES, RATE_UNIT_CHOICES, SINGLE, UNIT_CHOICES,
    VOLTAGE_CHOICES, ZONE_CHOICES, ZONES, choice_index,
)
from cms_pages.models import ConnectionFeePage, SubsidyPage, TariffPage
from cms_pages.models.connection import PreferentialRate, StandardizedRate
from cms_pages.models.subsidy import IncomeCeiling
from cms_pages.models.tariffs import TariffRecord
from cms_pages.rules.money import format_amount
from decisions.rules.validation import RowError, missing_family_sizes, parse_amount, parse_code

EXAMPLES = Path(__file__).resolve().parent / "examples"


@dataclass(frozen=True)
class Column:
    name: str
    label: object  # lazy text: the column's name in the messages and the help
    parse: object  # text -> a JSON-serialisable value; ValueError(reason) when the cell is refused
    required: bool = True
    codes: tuple = ()  # (code, label) pairs shown in the form's help


def code_column(name, label, choices, unknown):
    codes = [code for code, _label in choices]
    return Column(name, label, lambda text: parse_code(text, codes, str(unknown)), codes=tuple(choices))


def field_limits(model, field):
    """(maximum, decimal places) of a model's DecimalField."""
    model_field = model._meta.get_field(field)
    places = model_field.decimal_places
    return Decimal(10) ** (model_field.max_digits - places) - Decimal(1).scaleb(-places), places


def amount_column(name, label, model, field):
    """An amount at most the model field's own maximum (its digits and decimal places)."""
    maximum, places = field_limits(model, field)
    return Column(name, label, lambda text: str(parse_amount(text, str(label), maximum, places)))


def _label(choices, code):
    return str(dict(choices).get(code, code))


def _short(label):
    """«Двухзонный (день/ночь)» -> «двухзонный»: a label of ``cms_pages.codes`` without its gloss."""
    text = str(label).split(" (")[0]
    return text[:1].lower() + text[1:]


def _capital(text):
    text = str(text)
    return text[:1].upper() + text[1:]


def _name_and_unit(model, field):
    """«отопительный период, руб./мес.» -> («отопительный период», «руб./мес.»): the model's own label."""
    name, _sep, unit = str(model._meta.get_field(field).verbose_name).rpartition(", ")
    return (name, unit) if name else (unit, "")


@dataclass(frozen=True)
class Words:
    """The comparison's sentences for one noun (prices, rates, values): the counts, and a value without
    predecessor, removed, or not set again by the new decision (``%(price)s %(unit)s``)."""

    summary: object
    new: object
    removed: object
    ends: object


VALUE_WORDS = Words(
    _("Изменённых значений: %(changed)s, новых: %(new)s, удалённых: %(removed)s, не установленных заново: "
      "%(ends)s; без изменений: %(unchanged)s."),
    _("новое значение %(price)s %(unit)s"), _("значение %(price)s %(unit)s удалено"),
    _("в новом решении значения нет (было %(price)s %(unit)s)"))
PRICE_WORDS = Words(
    _("Изменённых цен: %(changed)s, новых: %(new)s, удалённых: %(removed)s, не установленных заново: %(ends)s; "
      "без изменений: %(unchanged)s."),
    _("новая цена %(price)s %(unit)s"), _("цена %(price)s %(unit)s удалена"),
    _("в новом решении цены нет (была %(price)s %(unit)s)"))
RATE_WORDS = Words(
    _("Изменённых ставок: %(changed)s, новых: %(new)s, удалённых: %(removed)s, не установленных заново: "
      "%(ends)s; без изменений: %(unchanged)s."),
    _("новая ставка %(price)s %(unit)s"), _("ставка %(price)s %(unit)s удалена"),
    _("в новом решении ставки нет (была %(price)s %(unit)s)"))


class Layout:
    """What one record type's decision table looks like, and how its records are compared."""

    slug = ""
    title = ""  # the import page's title and menu item
    page_model = None
    page_label = ""
    compare_title = _("Изменения значений")
    relations = ()  # the page's child relations holding the records
    columns = ()
    same_key_words = ""  # «те же группа, вид ставки, зона и диапазон»
    words = VALUE_WORDS
    heading = ""  # the comparison's heading of a record's group (layouts with one group)
    key_columns = ()  # the columns that make two rows the same
    dated = True
    fields = ()  # the value fields a record holds, in the order they are worded

    # --- the table
    def check(self, row):
        """A reason the row's cells do not fit together, or None."""
        return None

    def check_table(self, rows):
        """RowErrors for the table as a whole (run when every row passed)."""
        return []

    def row_key(self, row):
        return tuple(row[column] for column in self.key_columns)

    def row_cells(self, row):
        """A checked row back as the cells of the paste field."""
        cells = [str(row[column.name]) for column in self.columns]
        cells = [cell.replace(".", ",") if column.name in self.fields else cell
                 for cell, column in zip(cells, self.columns)]
        while cells and not cells[-1]:
            cells.pop()
        return cells

    @property
    def value_column(self):
        """The first column of a value: a header has no digit there."""
        return next(index for index, column in enumerate(self.columns) if column.name in self.fields)

    def code_lists(self):
        return [(column.label, [(code, str(label)) for code, label in column.codes])
                for column in self.columns if column.codes]

    def example(self):
        return (EXAMPLES / f"{self.slug}.csv").read_text(encoding="utf-8")

    # --- the page's records
    def records(self, page):
        return [record for relation in self.relations for record in getattr(page, relation).all()]

    def build(self, page, existing, row, start, end, act):
        raise NotImplementedError

    def merge(self, existing, new):
        """The page's records once the decision is added."""
        return existing + new

    def validate(self, page, new):
        """The model's own checks of the new records (ValidationError)."""
        for record in new:
            record.full_clean(exclude=["page"])

    def apply(self, page, new, start, act):
        """Put the new records on ``page`` (the latest revision's object, saved as a revision after)."""
        for relation in self.relations:
            getattr(page, relation).add(*[record for record in new if self.relation_of(record) == relation])

    def relation_of(self, record):
        return self.relations[0]

    # --- comparing and wording
    def period_key(self, record):
        return tuple(record.period_key())

    def group_key(self, record):
        return ()

    def group_heading(self, record):
        return _capital(self.heading)

    def values(self, record):
        return [(field, getattr(record, field, None)) for field in self.fields
                if getattr(record, field, None) is not None]

    def field_index(self, field):
        return self.fields.index(field) if field in self.fields else 0

    def describe(self, record, field):
        raise NotImplementedError

    def unit(self, record, field):
        return ""

    def order(self, record):
        return self.period_key(record)

    def format(self, value, language=None):
        return format_amount(value, language)

    def overlap_label(self, record):
        """What an overlap message names: the record's group (one message per group and period)."""
        return self.group_heading(record)


def _template(existing, record, key):
    """The newest existing record of the same key: what the table does not say is copied from it."""
    same = [r for r in existing if key(r) == key(record)]
    return max(same, key=lambda r: r.effective_from) if same else None


def number_column(name, label, allowed, refused, empty=None, codes=()):
    """A whole number among ``allowed`` (an empty cell reads as ``empty`` when given); ``refused``
    says why another value is not accepted, naming ``%(value)s`` and ``%(codes)s``."""
    allowed = list(allowed)

    def parse(text):
        text = text or ("" if empty is None else str(empty))
        if not text.isdigit() or int(text) not in allowed:
            raise ValueError(str(refused) % {"value": text, "codes": f"{allowed[0]}–{allowed[-1]}"})
        return int(text)
    return Column(name, label, parse, codes=tuple(codes))


class TariffLayout(Layout):
    slug, page_model, relations, fields = "tariffs", TariffPage, ("tariffs",), ("price",)
    title, page_label = _("Импорт решения о тарифах"), _("Страница тарифов")
    compare_title = _("Изменения цен")
    key_columns = ("consumer_group", "town", "rate_type", "zone", "band")
    columns = (
        code_column("consumer_group", _("группа потребителей"), CONSUMER_GROUP_CHOICES,
                    _("неизвестный код группы потребителей «%(code)s»; допустимы: %(codes)s")),
        code_column("rate_type", _("вид ставки"), RATE_TYPE_CHOICES,
                    _("неизвестный код вида ставки «%(code)s»; допустимы: %(codes)s")),
        code_column("zone", _("зона суток"), ZONE_CHOICES,
                    _("неизвестный код зоны суток «%(code)s»; допустимы: %(codes)s")),
        number_column("band", _("диапазон"), [code for code, _label in BAND_CHOICES],
                      _("диапазон «%(value)s» не из допустимых: %(codes)s (0 — без диапазонов)"), empty=NO_BANDS,
                      codes=BAND_CHOICES),
        amount_column("price", _("цена с НДС"), TariffRecord, "price"),
        Column("town", _("населённый пункт или поставщик"), lambda text: text, required=False),
    )
    same_key_words = _("те же группа, вид ставки, зона и диапазон")
    words = PRICE_WORDS
    description = _("Одна строка — одна цена. Столбцы по порядку: код группы потребителей, код вида ставки, код "
                    "зоны суток, диапазон (0 — без диапазонов), цена с НДС, населённый пункт или поставщик "
                    "(только для тепла). Часы зон, границы диапазонов и единица берутся из прежних цен с теми же "
                    "кодами.")

    def check(self, row):
        if row["zone"] not in ZONES[row["rate_type"]]:
            return str(_("у вида ставки «%(rate)s» нет зоны «%(zone)s»; его зоны: %(codes)s")) % {
                "rate": row["rate_type"], "zone": row["zone"], "codes": ", ".join(ZONES[row["rate_type"]])}
        return None

    def price_limits(self):
        """(column label, maximum, decimal places) of the price."""
        return (str(self.columns[4].label), *field_limits(TariffRecord, "price"))

    def code_notes(self):
        return [str(_("Зоны каждого вида ставки:")) + " " + "; ".join(
            f"{rate}: {', '.join(zones)}" for rate, zones in ZONES.items()) + "."]

    def build(self, page, existing, row, start, end, act):
        def codes(record):
            return (record.consumer_group, record.town_ru or "", record.rate_type, record.zone, record.band)
        template = next(iter(sorted((r for r in existing if codes(r) == self.row_key(row)),
                                    key=lambda r: r.effective_from, reverse=True)), None)
        return TariffRecord(
            consumer_group=row["consumer_group"], rate_type=row["rate_type"], zone=row["zone"], band=row["band"],
            town=row["town"], town_ru=row["town"], town_en=(template.town_en if template else "") or "",
            hours=template.hours_ru if template else "", hours_ru=template.hours_ru if template else "",
            hours_en=template.hours_en if template else "",
            band_limit_kwh=template.band_limit_kwh if template else None,
            unit=template.unit if template else (KWH if page.kind == "electricity" else GCAL),
            vat_included=True, price=Decimal(row["price"]),
            effective_from=start, effective_to=end, legal_act=act, legal_act_id=act.pk if act else None)

    def group_key(self, record):
        return (record.consumer_group, record.town or "")

    def group_heading(self, record):
        group = _label(CONSUMER_GROUP_CHOICES, record.consumer_group)
        return f"{group}, {record.town}" if record.town else group

    def describe(self, record, field):
        parts = [_short(_label(RATE_TYPE_CHOICES, record.rate_type))]
        if record.rate_type != SINGLE:
            parts.append(_short(_label(ZONE_CHOICES, record.zone)))
        if record.band != NO_BANDS:
            parts.append(_short(_label(BAND_CHOICES, record.band)))
        return ", ".join(parts)

    def unit(self, record, field):
        return _label(UNIT_CHOICES, record.unit)

    def order(self, record):
        return (choice_index(CONSUMER_GROUP_CHOICES, record.consumer_group), record.town or "",
                choice_index(RATE_TYPE_CHOICES, record.rate_type), choice_index(ZONE_CHOICES, record.zone),
                record.band)


PER_KW_CHOICES = PER_KW_KIND_CHOICES
PER_KW_CODES = [code for code, _label in PER_KW_CHOICES]
STANDARD_CODES = [code for code, _label in RATE_CODE_CHOICES]
# Decree 861's standardized rates: C1 per connection, C2 and C3 per km of line, C8 per metering point.
STANDARD_UNITS = {C1: PER_CONNECTION, C2: PER_KM, C3: PER_KM, C8: PER_POINT}


def _voltage(text):
    """«0,4» and «6–10» are read as the codes ``0.4`` and ``6-10``; empty stays empty."""
    text = text.replace(",", ".").replace("\u2013", "-").replace(" ", "").lower().removesuffix("кв")
    if not text:
        return ""
    return parse_code(text, [code for code, _label in VOLTAGE_CHOICES],
                      str(_("неизвестный уровень напряжения «%(code)s»; допустимы: %(codes)s")))


class ConnectionLayout(Layout):
    slug, page_model, relations = "connection", ConnectionFeePage, ("standard_rates", "preferential_rates")
    title = _("Импорт решения о ставках платы за присоединение")
    page_label, compare_title = _("Страница платы за присоединение"), _("Изменения ставок")
    fields, key_columns = ("amount", "rub_per_kw"), ("code", "voltage", "area")
    columns = (
        code_column("code", _("код ставки"), [*RATE_CODE_CHOICES, *PER_KW_CHOICES],
                    _("неизвестный код ставки «%(code)s»; допустимы: %(codes)s")),
        Column("voltage", _("уровень напряжения"), _voltage, codes=tuple(VOLTAGE_CHOICES)),
        Column("area", _("местность"), lambda text: parse_code(
            text or AREA_CHOICES[0][0], [code for code, _label in AREA_CHOICES],
            str(_("неизвестный код местности «%(code)s»; допустимы: %(codes)s"))), codes=tuple(AREA_CHOICES)),
        amount_column("amount", _("ставка, руб."), StandardizedRate, "amount"),
    )
    same_key_words = _("те же ставка, напряжение и местность")
    words = RATE_WORDS
    description = _("Одна строка — одна ставка. Столбцы по порядку: код ставки (C1, C2, C3, C8 — "
                    "стандартизированные, без НДС; preferential, social — за кВт, с НДС), уровень напряжения, "
                    "местность (пусто — любая; у ставок за кВт оба столбца пустые), ставка в рублях. Единица, "
                    "а у ставок за кВт — пределы мощности и расстояния и условия берутся из прежних ставок с тем "
                    "же кодом.")

    def check(self, row):
        if row["code"] in STANDARD_CODES and not row["voltage"]:
            return str(_("у ставки «%(code)s» не указан уровень напряжения; допустимы: %(codes)s")) % {
                "code": row["code"], "codes": ", ".join(code for code, _label in VOLTAGE_CHOICES)}
        if row["code"] in PER_KW_CODES and (row["voltage"] or row["area"] != AREA_CHOICES[0][0]):
            return str(_("ставка «%(code)s» — за кВт, без уровня напряжения и местности: оставьте эти ячейки "
                         "пустыми")) % {"code": row["code"]}
        if row["code"] in PER_KW_CODES and Decimal(row["amount"]) > field_limits(PreferentialRate, "rub_per_kw")[0]:
            return str(_("ставка за кВт «%(value)s» больше допустимой")) % {"value": row["amount"]}
        return None

    def build(self, page, existing, row, start, end, act):
        common = {"effective_from": start, "effective_to": end, "legal_act": act,
                  "legal_act_id": act.pk if act else None}
        if row["code"] in STANDARD_CODES:
            record = StandardizedRate(code=row["code"], voltage=row["voltage"], area=row["area"],
                                      amount=Decimal(row["amount"]), **common)
            template = _template(existing, record, self.period_key)
            record.unit = template.unit if template else STANDARD_UNITS[row["code"]]
            return record
        record = PreferentialRate(kind=row["code"], rub_per_kw=Decimal(row["amount"]), **common)
        template = _template(existing, record, self.period_key)
        if template:
            for name in ("max_kw", "max_distance_town_m", "max_distance_rural_m", "conditions", "conditions_ru",
                         "conditions_en"):
                setattr(record, name, getattr(template, name))
        return record

    def relation_of(self, record):
        return self.relations[0] if isinstance(record, StandardizedRate) else self.relations[1]

    def group_key(self, record):
        return (self.relation_of(record), getattr(record, "code", None) or record.kind)

    def group_heading(self, record):
        model = StandardizedRate if isinstance(record, StandardizedRate) else PreferentialRate
        return _capital(model._meta.verbose_name_plural)

    def describe(self, record, field):
        if isinstance(record, StandardizedRate):
            parts = [_label(RATE_CODE_CHOICES, record.code).split(" — ")[0],
                     _label(VOLTAGE_CHOICES, record.voltage)]
            if record.area != AREA_CHOICES[0][0]:
                parts.append(_label(AREA_CHOICES, record.area))
            return ", ".join(parts)
        return _label(PER_KW_CHOICES, record.kind)

    def unit(self, record, field):
        if isinstance(record, StandardizedRate):
            return _label(RATE_UNIT_CHOICES, record.unit)
        return str(_("руб./кВт"))

    def order(self, record):
        if isinstance(record, StandardizedRate):
            return (0, choice_index(RATE_CODE_CHOICES, record.code), choice_index(VOLTAGE_CHOICES, record.voltage),
                    choice_index(AREA_CHOICES, record.area))
        return (1, choice_index(PER_KW_CHOICES, record.kind), 0, 0)

    def overlap_label(self, record):
        """The rate's code (С2) or kind: one message per code whose period overlaps."""
        return self.describe(record, None).split(", ")[0]


MAX_FAMILY_SIZE = 10


class CeilingLayout(Layout):
    slug, page_model, relations, key_columns = "ceilings", SubsidyPage, ("income_ceilings",), ("family_size",)
    title, page_label = _("Импорт решения о предельном доходе семьи"), _("Страница субсидии")
    compare_title, heading = _("Изменения предельного дохода"), IncomeCeiling._meta.verbose_name_plural
    fields = ("heating_season", "non_heating_season")
    columns = (
        number_column("family_size", _("человек в семье"), range(1, MAX_FAMILY_SIZE + 1),
                      _("число членов семьи «%(value)s» не из допустимых: целое число %(codes)s")),
        amount_column("heating_season", _("в отопительный период, руб./мес."), IncomeCeiling, "heating_season"),
        amount_column("non_heating_season", _("вне отопительного периода, руб./мес."), IncomeCeiling,
                      "non_heating_season"),
    )
    same_key_words = _("то же число членов семьи")
    description = _("Одна строка — одна семья. Столбцы по порядку: число членов семьи (1–10; строка самой большой "
                    "семьи применяется и к большим семьям), предельный доход в отопительный период, вне "
                    "отопительного периода, руб. в месяц. Числа членов семьи — подряд с 1, без пропусков.")

    def check_table(self, rows):
        missing = missing_family_sizes(row["family_size"] for row in rows)
        if not missing:
            return []
        return [RowError(0, str(_("в таблице нет строк для семей из %(missing)s чел.: такой семье достался бы "
                                  "предел меньшей семьи. Числа членов семьи должны идти подряд с 1."))
                         % {"missing": ", ".join(str(size) for size in missing)})]

    def build(self, page, existing, row, start, end, act):
        return IncomeCeiling(family_size=row["family_size"], heating_season=Decimal(row["heating_season"]),
                             non_heating_season=Decimal(row["non_heating_season"]), effective_from=start,
                             effective_to=end, legal_act=act, legal_act_id=act.pk if act else None)

    def describe(self, record, field):
        size = record.family_size
        persons = ngettext("%(n)s человек", "%(n)s человека", size) % {"n": size}
        return f"{persons}, {_name_and_unit(IncomeCeiling, field)[0]}"

    def unit(self, record, field):
        return _name_and_unit(IncomeCeiling, field)[1]



@dataclass
class BenefitValue:
    """One amount a subsidy or compensation page states, as the comparison sees a dated record."""

    code: str
    value: Decimal
    effective_from: datetime.date = datetime.date.min
    effective_to: datetime.date | None = None

    def period_key(self):
        return (self.code,)


# code -> (the page's attribute, its words, its unit). The payment share may be a page field or a
# property over the page's criteria (both are read and set as an attribute); so the words are here.
BENEFIT_FIELDS = {
    "payment_share": ("max_payment_share_percent", _("максимальная доля расходов на ЖКУ"), _("% дохода")),
    "compensation": ("compensation_percent", _("размер компенсации"), _("%")),
}


def _percent(text):
    return str(parse_amount(text, str(_("процент")), Decimal(100)))


class BenefitLayout(Layout):
    slug, page_model, fields, key_columns, dated = "benefits", SubsidyPage, ("value",), ("code",), False
    title, page_label = _("Импорт решения о размере льготы"), _("Страница субсидии или льготы")
    compare_title, heading = _("Изменения размера льготы"), _("Размер льготы")
    columns = (
        code_column("code", _("мера"), [(code, words) for code, (_field, words, _unit) in BENEFIT_FIELDS.items()],
                    _("неизвестный код меры «%(code)s»; допустимы: %(codes)s")),
        Column("value", _("процент"), _percent),
    )
    same_key_words = _("та же мера")
    description = _("Одна строка — одна величина. Столбцы по порядку: код меры, процент (больше 0, не больше 100). "
                    "Величина — поле страницы, а не период: дата окончания не указывается, черновик получает "
                    "решение как основание страницы и дату начала как дату публикации.")

    def records(self, page):
        return [BenefitValue(code, getattr(page, field)) for code, (field, _words, _unit) in BENEFIT_FIELDS.items()
                if getattr(page, field, None) is not None]

    def build(self, page, existing, row, start, end, act):
        return BenefitValue(row["code"], Decimal(row["value"]))

    def merge(self, existing, new):
        replaced = {value.code for value in new}
        return [value for value in existing if value.code not in replaced] + new

    def validate(self, page, new):
        """Each value again as a percent above 0 and at most 100 (the page field's own range)."""
        for value in new:
            try:
                _percent(str(value.value))
            except ValueError as error:
                raise ValidationError(str(error))

    def apply(self, page, new, start, act):
        for value in new:
            setattr(page, BENEFIT_FIELDS[value.code][0], value.value)
        page.legal_act = act
        midnight = timezone.make_aware(datetime.datetime.combine(start, datetime.time.min))
        page.go_live_at = midnight if midnight > timezone.now() else None

    def describe(self, record, field):
        return str(BENEFIT_FIELDS[record.code][1])

    def unit(self, record, field):
        return str(BENEFIT_FIELDS[record.code][2])

    def order(self, record):
        return (list(BENEFIT_FIELDS).index(record.code),)

    def format(self, value, language=None):
        places = 0 if value == value.to_integral_value() else 2
        return format_amount(value, language, places=places)


TARIFFS, CONNECTION, CEILINGS, BENEFITS = TariffLayout(), ConnectionLayout(), CeilingLayout(), BenefitLayout()
LAYOUTS = {layout.slug: layout for layout in (TARIFFS, CONNECTION, CEILINGS, BENEFITS)}


def layouts_for(page_class):
    """The layouts whose records a page of this class holds (a subsidy page: ceilings and amounts)."""
    return [layout for layout in LAYOUTS.values() if page_class is not None and issubclass(page_class,
                                                                                           layout.page_model)]


def compare_title(layouts):
    """The comparison's title for a page holding these layouts."""
    return layouts[0].compare_title if len(layouts) == 1 else Layout.compare_title
