"""Tariff pages: tariffs as dated records, so the one in force is chosen by date, not by editing."""
import io
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.http import HttpResponse, JsonResponse
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.models import Orderable

from cms_pages.codes import (  # noqa: F401  (the choices are re-exported for older imports)
    ALL_DAY, BAND_CHOICES, CONSUMER_GROUP_CHOICES, ELECTRICITY, HOUSEHOLD_GROUPS, KWH, RATE_TYPE_CHOICES, SINGLE,
    TARIFF_KIND_CHOICES, UNIT_CHOICES, ZONE_CHOICES, choice_index,
)
from cms_pages.admin_tariffs import TariffGridPanel
from cms_pages.models.base import BasePage, DateChoiceMixin
from cms_pages.models.dated import DatedRecord, period_panel
from cms_pages.rules import tariff_periods
from cms_pages.rules.worked_examples import WorkedExample
from cms_pages.rules.money import format_money
from ops.csv_safety import SafeDictWriter


class TariffPage(WorkedExample, DateChoiceMixin, RoutablePageMixin, BasePage):
    KIND_CHOICES = TARIFF_KIND_CHOICES
    kind = models.CharField(_("вид тарифа"), max_length=20, choices=KIND_CHOICES, default=ELECTRICITY)
    explanation = models.TextField(_("пояснение"), blank=True)
    # The worked example: the page shows it, and publishing is refused when the bill estimator disagrees
    # (cms_pages.rules.worked_examples, with this page's own tariffs and typical night shares).
    example_consumer_group = models.CharField(
        _("пример: группа потребителей"), max_length=40, blank=True,
        choices=[(code, label) for code, label in CONSUMER_GROUP_CHOICES if code in HOUSEHOLD_GROUPS])
    example_rate_type = models.CharField(_("пример: вид тарифа"), max_length=20, choices=RATE_TYPE_CHOICES,
                                         default=RATE_TYPE_CHOICES[0][0])
    example_kwh = models.DecimalField(_("пример: расход за месяц, кВт·ч"), max_digits=9, decimal_places=2,
                                      null=True, blank=True, validators=[MinValueValidator(Decimal("0.01"))])
    example_night_percent = models.DecimalField(
        _("пример: доля ночного расхода, %"), max_digits=4, decimal_places=1, null=True, blank=True,
        validators=[MinValueValidator(Decimal("0.1")), MaxValueValidator(Decimal("99.9"))],
        help_text=_("Для зонных тарифов. Пусто — типичная доля группы, указанная на этой странице."))
    example_date = models.DateField(_("пример: на дату"), null=True, blank=True,
                                    help_text=_("Дата, на которую считается счёт (тарифы этой даты)."))
    example_amount = models.DecimalField(
        _("пример: сумма за месяц с НДС, руб."), max_digits=12, decimal_places=2, null=True, blank=True,
        help_text=_("Сколько заплатит семья из примера. При публикации пример проверяется тем же расчётом, "
                    "что и калькулятор счёта, по тарифам этой страницы."))
    example_text = models.TextField(_("пример: пояснение"), blank=True)

    content_panels = BasePage.content_panels + [
        FieldPanel("kind"),
        FieldPanel("explanation"),
        TariffGridPanel("tariffs", heading=_("Тарифы"), label=_("Тариф")),  # one grid; the archive read-only
        InlinePanel("night_shares", heading=_("Типичная доля ночного расхода (для калькулятора счёта)"),
                    label=_("Доля")),
    ]

    content_panels = content_panels + [MultiFieldPanel([
        FieldRowPanel([FieldPanel("example_consumer_group"), FieldPanel("example_rate_type")]),
        FieldRowPanel([FieldPanel("example_kwh"), FieldPanel("example_night_percent"), FieldPanel("example_date")]),
        FieldPanel("example_amount"), FieldPanel("example_text"),
    ], heading=_("Пример расчёта"))]

    class Meta:
        verbose_name = _("страница тарифов")

    worked_example_kind, worked_example_field = "tariff", "example_amount"  # checked by the bill estimator

    def example_shares(self):
        from cms_pages.rules import worked_examples
        return worked_examples.tariff_example_shares(self)

    def bill_tool_links(self):
        """Links to the bill estimator for the page's household groups (with the example's kWh)."""
        from cms_pages.rules import worked_examples
        return worked_examples.tariff_group_links(self)

    def get_search_body(self):
        return " ".join(filter(None, [self.summary, self.explanation]))

    search_group = "tariffs"
    search_answers_topic = True

    def search_parts(self, language):
        from cms_pages.search_answers import tariffs
        return super().search_parts(language) + tariffs.extra_parts(self)

    def direct_answer(self, query, on_date, language):
        from cms_pages.search_answers import tariffs
        return tariffs.answer(self, query, on_date, language, order=_display_order)  # the page's own order

    def tariff_records(self):
        return list(self.tariffs.all().select_related("legal_act"))

    def dated_context(self, on):
        selection = tariff_periods.select(self.tariff_records(), on, key=tariff_periods.tariff_key)
        return {
            "selection": selection,
            "groups_in_force": group_for_display(selection.in_force),
            "upcoming_periods": [(p, group_for_display(p.records)) for p in selection.upcoming],
            "archive_periods": [(p, group_for_display(p.records)) for p in selection.archive],
            "legal_acts_in_force": legal_acts_of(selection.in_force),
        }

    @path("")
    def index(self, request):
        return self.render(request)

    @path("data.csv/", name="data_csv")
    def data_csv(self, request):
        rows = export_rows(self.tariff_records(), timezone.localdate())
        buffer = io.StringIO()
        writer = SafeDictWriter(buffer, fieldnames=EXPORT_FIELDS, lineterminator="\r\n")
        writer.writeheader()
        writer.writerows(rows)
        response = HttpResponse("\ufeff" + buffer.getvalue(), content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = f'inline; filename="{self.slug}.csv"'
        return response

    @path("data.json/", name="data_json")
    def data_json(self, request):
        today = timezone.localdate()
        data = {
            "page": self.title,
            "url": self.get_full_url(request),
            "language": translation.get_language(),
            "date": today.isoformat(),
            "records": export_rows(self.tariff_records(), today),
        }
        return JsonResponse(data, json_dumps_params={"ensure_ascii": False, "indent": 1})


class TariffRecord(DatedRecord, Orderable):
    page = ParentalKey(TariffPage, related_name="tariffs", on_delete=models.CASCADE)
    consumer_group = models.CharField(_("группа потребителей"), max_length=40, choices=CONSUMER_GROUP_CHOICES)
    rate_type = models.CharField(_("вид ставки"), max_length=20, choices=RATE_TYPE_CHOICES, default=SINGLE)
    zone = models.CharField(_("зона суток"), max_length=20, choices=ZONE_CHOICES, default=ALL_DAY)
    hours = models.CharField(_("часы зоны"), max_length=60, blank=True,
                             help_text=_("Например: 07:00–10:00, 17:00–21:00"))
    band = models.PositiveSmallIntegerField(_("диапазон потребления"), choices=BAND_CHOICES, default=0)
    band_limit_kwh = models.PositiveIntegerField(
        _("верхняя граница диапазона, кВт·ч в месяц"), null=True, blank=True)
    town = models.CharField(_("населённый пункт или поставщик"), max_length=200, blank=True)
    price = models.DecimalField(_("цена"), max_digits=10, decimal_places=2)
    unit = models.CharField(_("единица"), max_length=10, choices=UNIT_CHOICES, default=KWH)
    vat_included = models.BooleanField(_("НДС включён"), default=True)

    panels = [
        FieldRowPanel([FieldPanel("consumer_group"), FieldPanel("town")]),
        FieldRowPanel([FieldPanel("rate_type"), FieldPanel("zone"), FieldPanel("hours")]),
        FieldRowPanel([FieldPanel("band"), FieldPanel("band_limit_kwh")]),
        FieldRowPanel([FieldPanel("price"), FieldPanel("unit"), FieldPanel("vat_included")]),
        period_panel(),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("тариф")
        verbose_name_plural = _("тарифы")

    def period_key(self):
        return tariff_periods.tariff_key(self)


class TypicalZoneShare(Orderable):
    """What part of a month's kWh a typical home of a group uses at night (and at peak).

    The bill estimator splits a monthly total by these shares when the visitor knows only the
    total; it shows them as an assumption the visitor can change.
    """

    page = ParentalKey(TariffPage, related_name="night_shares", on_delete=models.CASCADE)
    consumer_group = models.CharField(_("группа потребителей"), max_length=40, choices=CONSUMER_GROUP_CHOICES)
    night_percent = models.DecimalField(_("ночью (23:00–07:00), % расхода"), max_digits=5, decimal_places=1)
    peak_percent = models.DecimalField(_("в пик (07:00–10:00, 17:00–21:00), % расхода"), max_digits=5,
                                       decimal_places=1)
    source = models.CharField(_("откуда взята доля"), max_length=300, blank=True,
                              help_text=_("Например: средние показания зонных счётчиков группы за 2025 год."))

    panels = [FieldRowPanel([FieldPanel("consumer_group"), FieldPanel("night_percent"), FieldPanel("peak_percent")]),
              FieldPanel("source")]

    class Meta(Orderable.Meta):
        verbose_name = _("типичная доля ночного расхода")
        verbose_name_plural = _("типичные доли ночного расхода")

    def clean(self):
        super().clean()
        errors = {}
        if self.night_percent is not None and not 0 < self.night_percent < 100:
            errors["night_percent"] = _("Доля ночного расхода — больше 0 и меньше 100 %.")
        if self.peak_percent is not None and self.peak_percent < 0:
            errors["peak_percent"] = _("Доля расхода в пик не может быть меньше 0 %.")
        if (not errors and self.night_percent is not None and self.peak_percent is not None
                and self.night_percent + self.peak_percent >= 100):
            errors["peak_percent"] = _("Ночь и пик вместе должны быть меньше 100 %: остальное — полупик.")
        if errors:
            raise ValidationError(errors)


CENTS = Decimal("0.01")  # prices are numbers in the data files (a negative one stays -5.00)
EXPORT_FIELDS = [
    "id", "status", "consumer_group", "consumer_group_label", "town_ru", "town_en",
    "rate_type", "rate_type_label", "zone", "zone_label", "hours_ru", "hours_en",
    "band", "band_label", "band_limit_kwh", "price", "price_label", "unit", "unit_label", "vat_included",
    "effective_from", "effective_to",
    "legal_act_title_ru", "legal_act_title_en", "legal_act_number", "legal_act_date",
    "legal_act_issuer_ru", "legal_act_issuer_en", "legal_act_url", "legal_act_is_demo",
]


def export_rows(records, today):
    """Every record with every field: codes, labels in the active language, texts in both.

    ``price`` is the machine-readable number (a plain decimal with a point: ``7.10``, ``-5.00``);
    ``price_label`` is the price as people read it, in the site's one money format
    (``cms_pages.rules.money``: «7,10 ₽» / "7.10 RUB"), like the other ``*_label`` columns.
    """
    selection = tariff_periods.select(records, today, key=tariff_periods.tariff_key)
    status = {id(r): "in_force" for r in selection.in_force}
    status.update({id(r): "upcoming" for p in selection.upcoming for r in p.records})
    status.update({id(r): "archive" for p in selection.archive for r in p.records})
    rows = []
    for r in sorted(records, key=_display_order):
        act = r.legal_act
        rows.append({
            "id": r.pk, "status": status.get(id(r), ""),
            "consumer_group": r.consumer_group, "consumer_group_label": str(r.get_consumer_group_display()),
            "town_ru": r.town_ru or "", "town_en": r.town_en or "",
            "rate_type": r.rate_type, "rate_type_label": str(r.get_rate_type_display()),
            "zone": r.zone, "zone_label": str(r.get_zone_display()),
            "hours_ru": r.hours_ru or "", "hours_en": r.hours_en or "",
            "band": r.band, "band_label": str(r.get_band_display()),
            "band_limit_kwh": r.band_limit_kwh,
            "price": r.price.quantize(CENTS), "price_label": format_money(r.price), "unit": r.unit, "unit_label": str(r.get_unit_display()),
            "vat_included": r.vat_included,
            "effective_from": r.effective_from.isoformat(),
            "effective_to": r.effective_to.isoformat() if r.effective_to else None,
            "legal_act_title_ru": act.title_ru if act else None,
            "legal_act_title_en": act.title_en if act else None,
            "legal_act_number": act.number if act else None,
            "legal_act_date": act.date.isoformat() if act and act.date else None,
            "legal_act_issuer_ru": act.issuer_ru if act else None,
            "legal_act_issuer_en": act.issuer_en if act else None,
            "legal_act_url": act.url if act else None,
            "legal_act_is_demo": act.is_demo if act else None,
        })
    return rows


def _display_order(record):
    return (
        choice_index(CONSUMER_GROUP_CHOICES, record.consumer_group), record.town or "",
        choice_index(RATE_TYPE_CHOICES, record.rate_type), choice_index(ZONE_CHOICES, record.zone),
        record.band, record.effective_from, record.sort_order or 0, record.pk or 0,
    )


def group_for_display(records):
    """Tables for the page: one per consumer group (and town, for heat), rows by rate type."""
    groups = []
    for record in sorted(records, key=_display_order):
        key = (record.consumer_group, record.town or "", record.unit)
        if not groups or groups[-1]["key"] != key:
            groups.append({
                "key": key, "consumer_group": record.get_consumer_group_display(),
                "town": record.town, "record": record,
                "unit": record.get_unit_display(), "rows": [],
            })
        groups[-1]["rows"].append(record)
    return groups


def legal_acts_of(records):
    seen = {}
    for record in records:
        if record.legal_act_id and record.legal_act_id not in seen:
            seen[record.legal_act_id] = record.legal_act
    return list(seen.values())
