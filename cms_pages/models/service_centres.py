"""Customer service centres (ЦОК): where they are, when open, and how accessible."""
from django.conf import settings
from django.db import models
from django.utils import translation
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.models import Orderable

from cms_pages.models.base import BasePage
from cms_pages.rules import directory, opening_hours

WEEKDAY_CHOICES = [
    (0, _("Понедельник")), (1, _("Вторник")), (2, _("Среда")), (3, _("Четверг")),
    (4, _("Пятница")), (5, _("Суббота")), (6, _("Воскресенье")),
]
WEEKDAY_LABELS = dict(WEEKDAY_CHOICES)
ACCESSIBILITY_FEATURES = [
    ("has_ramp", _("Пандус")),
    ("has_wide_corridors", _("Широкие коридоры и двери")),
    ("has_accessible_toilet", _("Доступный туалет")),
    ("has_hearing_loop", _("Индукционная петля")),
    ("has_disabled_parking", _("Парковка для людей с инвалидностью")),
    ("offers_home_visits", _("Выезд специалиста на дом")),
]


class ServiceCentreIndexPage(BasePage):
    intro = models.TextField(_("вступление"), blank=True)
    search_group = "centres"
    search_listing = True

    def search_parts(self, language):
        from search.knowledge import BODY
        return super().search_parts(language) + [(self.intro, BODY)]

    content_panels = BasePage.content_panels + [FieldPanel("intro")]
    subpage_types = ["cms_pages.ServiceCentrePage"]

    class Meta:
        verbose_name = _("справочник центров обслуживания")

    def centres(self):
        return (ServiceCentrePage.objects.live().public().child_of(self)
                .prefetch_related("opening_hours").order_by("path"))

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        from ops.render_cache import memo

        # the centres and their hours change only on publish: loaded once per generation
        result_all = memo(("centres", self.pk), lambda: list(self.centres()))
        result = directory.filter_centres(
            result_all, request.GET.getlist("town"), request.GET.getlist("feature"),
            ACCESSIBILITY_FEATURES)
        context["directory"] = result
        language = translation.get_language()
        context["fallback_towns"] = set() if language == settings.LANGUAGE_CODE else {
            c.town for c in result_all if not getattr(c, f"town_{language}", None)}
        context["is_filtered"] = bool(result.selected_towns or result.selected_features)
        return context


class ServiceCentrePage(BasePage):
    town = models.CharField(_("город"), max_length=100)
    address = models.CharField(_("адрес"), max_length=300)
    latitude = models.DecimalField(_("широта"), max_digits=9, decimal_places=6, null=True, blank=True)
    longitude = models.DecimalField(_("долгота"), max_digits=9, decimal_places=6, null=True, blank=True)
    phones = models.CharField(_("телефоны"), max_length=200, blank=True)
    email = models.EmailField(_("электронная почта"), blank=True)
    services = models.TextField(_("услуги"), blank=True, help_text=_("По одной на строке."))
    transit_stop = models.CharField(_("ближайшая остановка транспорта"), max_length=200, blank=True)
    transit_stop_distance_m = models.PositiveIntegerField(_("расстояние до остановки, м"), null=True, blank=True)
    has_ramp = models.BooleanField(_("пандус"), default=False)
    has_wide_corridors = models.BooleanField(_("широкие коридоры и двери"), default=False)
    has_accessible_toilet = models.BooleanField(_("доступный туалет"), default=False)
    has_hearing_loop = models.BooleanField(_("индукционная петля"), default=False)
    has_disabled_parking = models.BooleanField(_("парковка для людей с инвалидностью"), default=False)
    offers_home_visits = models.BooleanField(_("выезд специалиста на дом"), default=False)

    content_panels = BasePage.content_panels + [
        MultiFieldPanel([FieldPanel("town"), FieldPanel("address"),
                         FieldRowPanel([FieldPanel("latitude"), FieldPanel("longitude")])],
                        heading=_("Адрес")),
        FieldRowPanel([FieldPanel("phones"), FieldPanel("email")]),
        FieldPanel("services"),
        InlinePanel("opening_hours", heading=_("Часы работы"), label=_("День")),
        MultiFieldPanel([
            FieldRowPanel([FieldPanel("transit_stop"), FieldPanel("transit_stop_distance_m")]),
            *[FieldPanel(name) for name, _label in ACCESSIBILITY_FEATURES],
        ], heading=_("Доступность")),
    ]
    parent_page_types = ["cms_pages.ServiceCentreIndexPage"]

    class Meta:
        verbose_name = _("центр обслуживания клиентов")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        rows = list(self.opening_hours.all())
        context["open_state"] = opening_hours.status_at(rows)
        context["week"] = [(WEEKDAY_LABELS[day], day_rows) for day, day_rows in opening_hours.weekly_table(rows)]
        return context

    def open_state(self):
        return opening_hours.status_at(list(self.opening_hours.all()))

    def home_visit_url(self):
        from cms_pages.models.procedure import request_form_url
        return request_form_url("home_visit")

    def phone_links(self):
        return directory.phone_links(self.phones)

    def accessibility_table(self):
        return [(name, label, getattr(self, name)) for name, label in ACCESSIBILITY_FEATURES
                if name != "offers_home_visits"]

    def services_list(self):
        return [line.strip() for line in self.services.splitlines() if line.strip()]

    def accessibility_features(self):
        return [(name, label) for name, label in ACCESSIBILITY_FEATURES if getattr(self, name)]

    def get_search_body(self):
        return " ".join(filter(None, [self.summary, self.town, self.address, self.services]))

    search_group = "centres"

    def search_parts(self, language):
        from search.knowledge import BODY
        return super().search_parts(language) + [(self.transit_stop, BODY)]

    def direct_answer(self, query, on_date, language):
        from cms_pages.search_answers import centres
        return centres.answer(self, query, on_date, language)


class OpeningHours(Orderable):
    page = ParentalKey(ServiceCentrePage, related_name="opening_hours", on_delete=models.CASCADE)
    weekday = models.PositiveSmallIntegerField(_("день недели"), choices=WEEKDAY_CHOICES)
    opens = models.TimeField(_("открыто с"))
    closes = models.TimeField(_("до"))
    break_start = models.TimeField(_("перерыв с"), null=True, blank=True)
    break_end = models.TimeField(_("перерыв до"), null=True, blank=True)

    panels = [FieldRowPanel([FieldPanel("weekday"), FieldPanel("opens"), FieldPanel("closes"),
                             FieldPanel("break_start"), FieldPanel("break_end")])]

    class Meta(Orderable.Meta):
        verbose_name = _("часы работы")
        verbose_name_plural = _("часы работы")
