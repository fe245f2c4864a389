"""Admin parts of visit booking; every URL they add is listed in ``visits.admin_views``."""
from django.urls import path, reverse_lazy
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.panels import FieldPanel
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permissions import ModelPermissionPolicy

from visits.admin_views import DayListView
from visits.models import Booking, VisitSettings


class VisitSettingsViewSet(ModelViewSet):
    model = VisitSettings
    icon = "cogs"
    menu_label = _("Запись на приём: настройки")
    add_to_settings_menu = True
    copy_view_enabled = False  # one row per centre
    list_display = ["centre", "enabled", "slot_minutes", "places_per_slot", "horizon_days"]
    panels = [FieldPanel("centre"), FieldPanel("enabled"), FieldPanel("slot_minutes"),
              FieldPanel("places_per_slot"), FieldPanel("horizon_days"), FieldPanel("min_notice_minutes")]


@hooks.register("register_admin_viewset")
def register_visit_settings_viewset():
    return VisitSettingsViewSet("visit_settings")


@hooks.register("register_admin_urls")
def register_day_list_url():
    return [path("visits/day/", DayListView.as_view(), name="visits_day_list")]


class DayListMenuItem(MenuItem):
    def is_shown(self, request):
        return ModelPermissionPolicy(Booking).user_has_permission(request.user, "view")


@hooks.register("register_admin_menu_item")
def register_day_list_menu_item():
    return DayListMenuItem(_("Запись на приём"), reverse_lazy("visits_day_list"), name="visits-day-list",
                           icon_name="date", order=253)
