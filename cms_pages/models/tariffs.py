"""Tariff pages: tariffs as dated records, so the one in force is chosen by date, not by editing."""
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.models import Orderable

from cms_pages.models.base import BasePage

CONSUMER_GROUP_CHOICES = [
    ("urban_gas", _("Городское население в домах с газовыми плитами")),
    ("urban_electric_rural", _("Население в домах с электроплитами или электроотоплением и сельское население")),
    ("equated", _("Потребители, приравненные к населению")),
    ("heat_population", _("Население (тепловая энергия)")),
]
RATE_TYPE_CHOICES = [
    ("single", _("Одноставочный")),
    ("two_zone", _("Двухзонный (день/ночь)")),
    ("three_zone", _("Трёхзонный (пик/полупик/ночь)")),
]
ZONE_CHOICES = [
    ("all_day", _("Круглосуточно")),
    ("day", _("Дневная зона")),
    ("night", _("Ночная зона")),
    ("peak", _("Пиковая зона")),
    ("half_peak", _("Полупиковая зона")),
]
UNIT_CHOICES = [("kwh", _("руб./кВт·ч")), ("gcal", _("руб./Гкал"))]
BAND_CHOICES = [
    (0, _("Без диапазонов")),
    (1, _("1-й диапазон")),
    (2, _("2-й диапазон")),
    (3, _("3-й диапазон")),
]


class TariffPage(BasePage):
    KIND_CHOICES = [("electricity", _("Электроэнергия")), ("heat", _("Тепловая энергия"))]
    kind = models.CharField(_("вид тарифа"), max_length=20, choices=KIND_CHOICES, default="electricity")
    explanation = models.TextField(_("пояснение"), blank=True)

    content_panels = BasePage.content_panels + [
        FieldPanel("kind"),
        FieldPanel("explanation"),
        InlinePanel("tariffs", heading=_("Тарифы"), label=_("Тариф")),
    ]

    class Meta:
        verbose_name = _("страница тарифов")

    def get_search_body(self):
        return " ".join(filter(None, [self.summary, self.explanation]))


class TariffRecord(Orderable):
    page = ParentalKey(TariffPage, related_name="tariffs", on_delete=models.CASCADE)
    consumer_group = models.CharField(_("группа потребителей"), max_length=40, choices=CONSUMER_GROUP_CHOICES)
    rate_type = models.CharField(_("вид ставки"), max_length=20, choices=RATE_TYPE_CHOICES, default="single")
    zone = models.CharField(_("зона суток"), max_length=20, choices=ZONE_CHOICES, default="all_day")
    hours = models.CharField(_("часы зоны"), max_length=60, blank=True,
                             help_text=_("Например: 07:00–10:00, 17:00–21:00"))
    band = models.PositiveSmallIntegerField(_("диапазон потребления"), choices=BAND_CHOICES, default=0)
    band_limit_kwh = models.PositiveIntegerField(
        _("верхняя граница диапазона, кВт·ч в месяц"), null=True, blank=True)
    town = models.CharField(_("населённый пункт или поставщик"), max_length=200, blank=True)
    price = models.DecimalField(_("цена"), max_digits=10, decimal_places=2)
    unit = models.CharField(_("единица"), max_length=10, choices=UNIT_CHOICES, default="kwh")
    vat_included = models.BooleanField(_("НДС включён"), default=True)
    effective_from = models.DateField(_("действует с"))
    effective_to = models.DateField(_("действует по"), null=True, blank=True)
    legal_act = models.ForeignKey("cms_pages.LegalAct", verbose_name=_("основание"), null=True,
                                  blank=True, on_delete=models.PROTECT, related_name="+")

    panels = [
        FieldRowPanel([FieldPanel("consumer_group"), FieldPanel("town")]),
        FieldRowPanel([FieldPanel("rate_type"), FieldPanel("zone"), FieldPanel("hours")]),
        FieldRowPanel([FieldPanel("band"), FieldPanel("band_limit_kwh")]),
        FieldRowPanel([FieldPanel("price"), FieldPanel("unit"), FieldPanel("vat_included")]),
        MultiFieldPanel([FieldRowPanel([FieldPanel("effective_from"), FieldPanel("effective_to")]),
                         FieldPanel("legal_act")], heading=_("Период и основание")),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("тариф")
        verbose_name_plural = _("тарифы")

    def clean(self):
        if self.effective_to and self.effective_from and self.effective_to < self.effective_from:
            raise ValidationError({"effective_to": _("Дата окончания раньше даты начала.")})
