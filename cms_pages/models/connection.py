"""Grid connection fees (Decree 861): categories, standardized and preferential rates as records."""
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel
from wagtail.fields import RichTextField
from wagtail.models import Orderable

from cms_pages.models.base import BasePage, DateChoiceMixin
from cms_pages.rules import tariff_periods

VOLTAGE_CHOICES = [("0.4", _("0,4 кВ и ниже")), ("6-10", _("6–10 кВ")), ("35", _("35 кВ"))]
RATE_CODE_CHOICES = [
    ("C1", _("С1 — подготовка и выдача технических условий, проверка их выполнения")),
    ("C2", _("С2 — строительство воздушных линий")),
    ("C3", _("С3 — строительство кабельных линий")),
    ("C8", _("С8 — организация учёта электроэнергии")),
]
RATE_UNIT_CHOICES = [
    ("connection", _("руб. за присоединение")),
    ("km", _("руб./км")),
    ("point", _("руб. за точку учёта")),
]
AREA_CHOICES = [("any", _("любая")), ("town", _("город")), ("rural", _("сельская местность"))]


class ConnectionFeePage(DateChoiceMixin, BasePage):
    explanation = RichTextField(_("пояснение"), blank=True, features=["bold", "italic", "link", "ul", "ol"])

    content_panels = BasePage.content_panels + [
        FieldPanel("explanation"),
        InlinePanel("categories", heading=_("Категории заявителей"), label=_("Категория")),
        InlinePanel("standard_rates", heading=_("Стандартизированные ставки"), label=_("Ставка")),
        InlinePanel("preferential_rates", heading=_("Льготные и социальные ставки"), label=_("Ставка")),
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
        upcoming_starts = sorted({p.start for p in [*standard.upcoming, *preferential.upcoming]})
        return {
            "standard": standard, "preferential": preferential,
            "standard_in_force": sorted(standard.in_force, key=_standard_order),
            "legal_acts_in_force": list(acts.values()),
            "next_change": upcoming_starts[0] if upcoming_starts else None,
            "upcoming_standard": [(p, sorted(p.records, key=_standard_order)) for p in standard.upcoming],
            "archive_standard": [(p, sorted(p.records, key=_standard_order)) for p in standard.archive],
        }

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
    codes = [code for code, _label in RATE_CODE_CHOICES]
    voltages = [code for code, _label in VOLTAGE_CHOICES]
    return (codes.index(rate.code) if rate.code in codes else 99,
            voltages.index(rate.voltage) if rate.voltage in voltages else 99, rate.area, rate.sort_order or 0)


class ApplicantCategory(Orderable):
    page = ParentalKey(ConnectionFeePage, related_name="categories", on_delete=models.CASCADE)
    code = models.SlugField(_("код"), max_length=40)
    name = models.CharField(_("категория"), max_length=200)
    max_kw = models.DecimalField(_("максимальная мощность, кВт"), max_digits=10, decimal_places=1,
                                 null=True, blank=True)
    conditions = models.TextField(_("условия"), blank=True)
    deadline = models.CharField(_("срок присоединения"), max_length=200, blank=True)
    deadline_days = models.PositiveIntegerField(_("срок, дней"), null=True, blank=True)
    deadline_working_days = models.BooleanField(_("в рабочих днях"), default=False)

    panels = [
        FieldRowPanel([FieldPanel("code"), FieldPanel("name"), FieldPanel("max_kw")]),
        FieldPanel("conditions"),
        FieldRowPanel([FieldPanel("deadline"), FieldPanel("deadline_days"), FieldPanel("deadline_working_days")]),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("категория заявителя")
        verbose_name_plural = _("категории заявителей")


class StandardizedRate(Orderable):
    page = ParentalKey(ConnectionFeePage, related_name="standard_rates", on_delete=models.CASCADE)
    code = models.CharField(_("ставка"), max_length=4, choices=RATE_CODE_CHOICES)
    voltage = models.CharField(_("уровень напряжения"), max_length=8, choices=VOLTAGE_CHOICES, default="0.4")
    area = models.CharField(_("местность"), max_length=10, choices=AREA_CHOICES, default="any")
    unit = models.CharField(_("единица"), max_length=12, choices=RATE_UNIT_CHOICES)
    amount = models.DecimalField(_("ставка без НДС, руб."), max_digits=12, decimal_places=2)
    effective_from = models.DateField(_("действует с"))
    effective_to = models.DateField(_("действует по"), null=True, blank=True)
    legal_act = models.ForeignKey("cms_pages.LegalAct", verbose_name=_("основание"), null=True,
                                  blank=True, on_delete=models.PROTECT, related_name="+")

    panels = [
        FieldRowPanel([FieldPanel("code"), FieldPanel("voltage"), FieldPanel("area")]),
        FieldRowPanel([FieldPanel("amount"), FieldPanel("unit")]),
        FieldRowPanel([FieldPanel("effective_from"), FieldPanel("effective_to")]),
        FieldPanel("legal_act"),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("стандартизированная ставка")
        verbose_name_plural = _("стандартизированные ставки")


class PreferentialRate(Orderable):
    KIND_CHOICES = [("preferential", _("Льготная ставка")), ("social", _("Социальная ставка"))]
    page = ParentalKey(ConnectionFeePage, related_name="preferential_rates", on_delete=models.CASCADE)
    kind = models.CharField(_("вид"), max_length=20, choices=KIND_CHOICES)
    rub_per_kw = models.DecimalField(_("руб. за кВт с НДС"), max_digits=10, decimal_places=2)
    max_kw = models.DecimalField(_("до, кВт"), max_digits=6, decimal_places=1, default=15)
    max_distance_town_m = models.PositiveIntegerField(_("расстояние до сетей в городе, м, не более"), default=300)
    max_distance_rural_m = models.PositiveIntegerField(_("расстояние до сетей в сельской местности, м, не более"), default=500)
    conditions = models.TextField(_("кому и при каких условиях"), blank=True)
    effective_from = models.DateField(_("действует с"))
    effective_to = models.DateField(_("действует по"), null=True, blank=True)
    legal_act = models.ForeignKey("cms_pages.LegalAct", verbose_name=_("основание"), null=True,
                                  blank=True, on_delete=models.PROTECT, related_name="+")

    panels = [
        FieldRowPanel([FieldPanel("kind"), FieldPanel("rub_per_kw"), FieldPanel("max_kw")]),
        FieldRowPanel([FieldPanel("max_distance_town_m"), FieldPanel("max_distance_rural_m")]),
        FieldPanel("conditions"),
        FieldRowPanel([FieldPanel("effective_from"), FieldPanel("effective_to")]),
        FieldPanel("legal_act"),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("льготная ставка")
        verbose_name_plural = _("льготные ставки")
