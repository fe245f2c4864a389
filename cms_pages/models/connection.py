"""Grid connection fees (Decree 861): categories, standardized and preferential rates as records."""
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Orderable

from cms_pages.codes import (  # noqa: F401  (RATE_* are re-exported for older imports)
    AREA_CHOICES, LINE_CHOICES, PER_KW_KIND_CHOICES, RATE_CODE_CHOICES, RATE_UNIT_CHOICES, TERM_UNIT_CHOICES,
    VOLTAGE_CHOICES, VOLTAGE_ORDER, choice_index,
)
from cms_pages.models.base import BasePage, DateChoiceMixin
from cms_pages.models.dated import DatedRecord, period_panel
from cms_pages.rules import tariff_periods
from cms_pages.rules.worked_examples import WorkedExample


class ConnectionFeePage(WorkedExample, DateChoiceMixin, BasePage):
    explanation = RichTextField(_("пояснение"), blank=True, features=["bold", "italic", "link", "ul", "ol"])
    # The worked example: the page shows it, and publishing is refused when the calculator disagrees.
    example_category = models.SlugField(_("пример: код категории заявителя"), max_length=40, blank=True,
                                        help_text=_("Код одной из категорий ниже, например household."))
    example_kw = models.DecimalField(_("пример: мощность, кВт"), max_digits=10, decimal_places=1, null=True, blank=True)
    example_voltage = models.CharField(_("пример: напряжение"), max_length=8, choices=VOLTAGE_CHOICES,
                                       default=VOLTAGE_CHOICES[0][0])
    example_area = models.CharField(_("пример: местность"), max_length=10, choices=AREA_CHOICES[1:],
                                    default=AREA_CHOICES[1][0])
    example_distance_m = models.DecimalField(_("пример: расстояние до сетей, м"), max_digits=8, decimal_places=1,
                                             null=True, blank=True)
    example_line = models.CharField(_("пример: линия"), max_length=10, choices=LINE_CHOICES, default=LINE_CHOICES[0][0])
    example_metering_points = models.PositiveSmallIntegerField(_("пример: точек учёта"), default=1)
    example_social = models.BooleanField(_("пример: льготная категория (социальная ставка)"), default=False)
    example_fee = models.DecimalField(
        _("пример: плата с НДС, руб."), max_digits=14, decimal_places=2, null=True, blank=True,
        help_text=_("Сколько заплатит заявитель из примера. При публикации пример проверяется тем же "
                    "расчётом, что и калькулятор платы за подключение, по ставкам этой страницы."))

    content_panels = BasePage.content_panels + [
        FieldPanel("explanation"),
        InlinePanel("categories", heading=_("Категории заявителей"), label=_("Категория")),
        InlinePanel("standard_rates", heading=_("Стандартизированные ставки"), label=_("Ставка")),
        InlinePanel("preferential_rates", heading=_("Льготные и социальные ставки"), label=_("Ставка")),
        InlinePanel("deadlines", heading=_("Сроки присоединения (п. 16 Правил)"), label=_("Срок")),
        MultiFieldPanel([
            FieldRowPanel([FieldPanel("example_category"), FieldPanel("example_kw"), FieldPanel("example_voltage")]),
            FieldRowPanel([FieldPanel("example_area"), FieldPanel("example_distance_m"), FieldPanel("example_line")]),
            FieldRowPanel([FieldPanel("example_metering_points"), FieldPanel("example_social"),
                           FieldPanel("example_fee")]),
        ], heading=_("Пример расчёта")),
    ]

    class Meta:
        verbose_name = _("страница платы за присоединение")

    def dated_context(self, on):
        standard = tariff_periods.select(
            self.standard_rates.all().select_related("legal_act"), on, key=tariff_periods.standard_rate_key)
        preferential = tariff_periods.select(
            self.preferential_rates.all().select_related("legal_act"), on,
            key=tariff_periods.preferential_rate_key)
        acts = {}
        for record in [*standard.in_force, *preferential.in_force]:
            if record.legal_act_id:
                acts.setdefault(record.legal_act_id, record.legal_act)
        deadlines = ConnectionDeadline.select(self.deadlines.all().select_related("legal_act"), on)
        upcoming_starts = sorted({p.start for p in [*standard.upcoming, *preferential.upcoming]})
        return {
            "standard": standard, "preferential": preferential,
            "deadlines_in_force": sorted(deadlines.in_force, key=lambda d: d.sort_order or 0),
            "standard_in_force": sorted(standard.in_force, key=_standard_order),
            "legal_acts_in_force": list(acts.values()),
            "next_change": upcoming_starts[0] if upcoming_starts else None,
            "upcoming_standard": [(p, sorted(p.records, key=_standard_order)) for p in standard.upcoming],
            "archive_standard": [(p, sorted(p.records, key=_standard_order)) for p in standard.archive],
        }

    worked_example_kind, worked_example_field = "connection_fee", "example_fee"  # checked by the fee calculator

    def get_search_body(self):
        parts = [self.summary, self.explanation]
        parts += [f"{c.name} {c.conditions}" for c in self.categories.all()]
        return " ".join(str(p) for p in parts if p)

    search_group = "procedures"
    search_answers_topic = True

    def search_parts(self, language):
        from cms_pages.search_answers import connection
        return super().search_parts(language) + connection.extra_parts(self)

    def direct_answer(self, query, on_date, language):
        from cms_pages.search_answers import connection
        return connection.answer(self, query, on_date, language)


def _standard_order(rate):
    return (choice_index(RATE_CODE_CHOICES, rate.code), choice_index(VOLTAGE_CHOICES, rate.voltage),
            rate.area, rate.sort_order or 0)


class ApplicantCategory(Orderable):
    page = ParentalKey(ConnectionFeePage, related_name="categories", on_delete=models.CASCADE)
    code = models.SlugField(_("код"), max_length=40)
    name = models.CharField(_("категория"), max_length=200)
    max_kw = models.DecimalField(_("максимальная мощность, кВт"), max_digits=10, decimal_places=1,
                                 null=True, blank=True)
    conditions = models.TextField(_("условия"), blank=True)

    panels = [
        FieldRowPanel([FieldPanel("code"), FieldPanel("name"), FieldPanel("max_kw")]),
        FieldPanel("conditions"),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("категория заявителя")
        verbose_name_plural = _("категории заявителей")


class StandardizedRate(DatedRecord, Orderable):
    page = ParentalKey(ConnectionFeePage, related_name="standard_rates", on_delete=models.CASCADE)
    code = models.CharField(_("ставка"), max_length=4, choices=RATE_CODE_CHOICES)
    voltage = models.CharField(_("уровень напряжения"), max_length=8, choices=VOLTAGE_CHOICES, default="0.4")
    area = models.CharField(_("местность"), max_length=10, choices=AREA_CHOICES, default="any")
    unit = models.CharField(_("единица"), max_length=12, choices=RATE_UNIT_CHOICES)
    amount = models.DecimalField(_("ставка без НДС, руб."), max_digits=12, decimal_places=2)

    panels = [
        FieldRowPanel([FieldPanel("code"), FieldPanel("voltage"), FieldPanel("area")]),
        FieldRowPanel([FieldPanel("amount"), FieldPanel("unit")]),
        period_panel(),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("стандартизированная ставка")
        verbose_name_plural = _("стандартизированные ставки")

    def period_key(self):
        return tariff_periods.standard_rate_key(self)


class PreferentialRate(DatedRecord, Orderable):
    KIND_CHOICES = PER_KW_KIND_CHOICES
    page = ParentalKey(ConnectionFeePage, related_name="preferential_rates", on_delete=models.CASCADE)
    kind = models.CharField(_("вид"), max_length=20, choices=KIND_CHOICES)
    rub_per_kw = models.DecimalField(_("руб. за кВт с НДС"), max_digits=10, decimal_places=2)
    max_kw = models.DecimalField(_("до, кВт"), max_digits=6, decimal_places=1, default=15)
    max_distance_town_m = models.PositiveIntegerField(_("расстояние до сетей в городе, м, не более"), default=300)
    max_distance_rural_m = models.PositiveIntegerField(_("расстояние до сетей в сельской местности, м, не более"), default=500)
    conditions = models.TextField(_("кому и при каких условиях"), blank=True)

    panels = [
        FieldRowPanel([FieldPanel("kind"), FieldPanel("rub_per_kw"), FieldPanel("max_kw")]),
        FieldRowPanel([FieldPanel("max_distance_town_m"), FieldPanel("max_distance_rural_m")]),
        FieldPanel("conditions"),
        period_panel(),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("льготная ставка")
        verbose_name_plural = _("льготные ставки")

    def period_key(self):
        return tariff_periods.preferential_rate_key(self)


class ConnectionDeadline(DatedRecord, Orderable):
    """One tier of the connection deadline (Decree 861, p. 16 «б»): a term and when it applies.

    Tiers are tried in their order on the page; the first whose conditions all hold gives the
    deadline, so the shortest, narrowest tier goes first (30 working days) and the catch-all last.
    An empty condition holds for every application.
    """

    UNIT_CHOICES = TERM_UNIT_CHOICES
    page = ParentalKey(ConnectionFeePage, related_name="deadlines", on_delete=models.CASCADE)
    term = models.PositiveSmallIntegerField(_("срок"))
    term_unit = models.CharField(_("единица срока"), max_length=20, choices=UNIT_CHOICES)
    categories = models.CharField(
        _("категории заявителей (коды через запятую)"), max_length=200, blank=True,
        help_text=_("Коды категорий этой страницы, например household, business-150. Пусто — любая категория."))
    min_kw = models.DecimalField(_("мощность от, кВт (включительно)"), max_digits=10, decimal_places=1,
                                 null=True, blank=True)
    max_kw = models.DecimalField(_("мощность до, кВт"), max_digits=10, decimal_places=1, null=True, blank=True)
    max_kw_inclusive = models.BooleanField(_("включая верхнюю границу мощности"), default=True)
    max_voltage = models.CharField(_("напряжение не выше"), max_length=8, choices=VOLTAGE_CHOICES, blank=True)
    max_distance_town_m = models.PositiveIntegerField(_("до сетей в городе, м, не более"), null=True, blank=True)
    max_distance_rural_m = models.PositiveIntegerField(_("до сетей в сельской местности, м, не более"),
                                                       null=True, blank=True)
    clause = models.CharField(_("пункт правил"), max_length=100, blank=True,
                              help_text=_("Например: п. 16 «б» Правил (постановление № 861)"))
    description = models.CharField(_("условия словами"), max_length=300, blank=True)

    panels = [
        FieldRowPanel([FieldPanel("term"), FieldPanel("term_unit"), FieldPanel("clause")]),
        FieldPanel("categories"),
        FieldRowPanel([FieldPanel("min_kw"), FieldPanel("max_kw"), FieldPanel("max_kw_inclusive")]),
        FieldRowPanel([FieldPanel("max_voltage"), FieldPanel("max_distance_town_m"),
                       FieldPanel("max_distance_rural_m")]),
        FieldPanel("description"),
        period_panel(),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("срок присоединения")
        verbose_name_plural = _("сроки присоединения")

    def period_key(self):
        return (self.categories, self.min_kw, self.max_kw, self.max_kw_inclusive, self.max_voltage,
                self.max_distance_town_m, self.max_distance_rural_m)

    def voltage_rank(self):
        return VOLTAGE_ORDER.index(self.max_voltage) if self.max_voltage in VOLTAGE_ORDER else None

    def clean(self):
        super().clean()
        if self.min_kw is not None and self.max_kw is not None and self.max_kw < self.min_kw:
            raise ValidationError({"max_kw": _("Верхняя граница мощности меньше нижней.")})
