"""The case officers' part of the Wagtail admin, and the data administrators keep.

The URLs of the case queue and the outbox, and who may see what through each, are listed in
``cases.admin_views``' docstring; the rule itself is ``cases.access``."""
from django.urls import path, reverse_lazy
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.panels import FieldPanel
from wagtail.admin.viewsets.model import ModelViewSet, ModelViewSetGroup
from wagtail.permissions import policy_registry

from cases import admin_views
from cases.models import CalendarDay, Case, ConsentText, RoutingRule, Unit


class UnitViewSet(ModelViewSet):
    model = Unit
    icon = "group"
    list_display = ["name", "kind", "email", "officers", "higher_unit"]
    panels = [FieldPanel("code"), FieldPanel("name_ru"), FieldPanel("name_en"), FieldPanel("kind"),
              FieldPanel("email"), FieldPanel("head_email"), FieldPanel("phone"), FieldPanel("officers"),
              FieldPanel("higher_unit")]


class RoutingRuleViewSet(ModelViewSet):
    model = RoutingRule
    icon = "resubmit"
    list_display = ["request_type", "unit", "deadline_days", "deadline_kind", "transfer_consent_required"]
    panels = [FieldPanel("request_type"), FieldPanel("unit"), FieldPanel("deadline_days"),
              FieldPanel("deadline_kind"), FieldPanel("transfer_consent_required"),
              FieldPanel("reason_ru"), FieldPanel("reason_en"), FieldPanel("basis_ru"), FieldPanel("basis_en"),
              FieldPanel("retention_days")]


class CalendarDayViewSet(ModelViewSet):
    model = CalendarDay
    icon = "date"
    list_display = ["date", "kind", "name"]
    list_filter = ["kind"]
    panels = [FieldPanel("date"), FieldPanel("kind"), FieldPanel("name_ru"), FieldPanel("name_en")]


class ConsentTextViewSet(ModelViewSet):
    model = ConsentText
    icon = "doc-full"
    list_display = ["kind", "version", "valid_from"]
    panels = [FieldPanel("kind"), FieldPanel("version"), FieldPanel("valid_from"), FieldPanel("text_ru"),
              FieldPanel("text_en"), FieldPanel("policy_url_ru"), FieldPanel("policy_url_en")]


class CaseSettingsGroup(ModelViewSetGroup):
    menu_label = _("Настройки обращений")
    menu_icon = "cogs"
    menu_order = 252
    items = (UnitViewSet("case_units"), RoutingRuleViewSet("case_routing_rules"),
             CalendarDayViewSet("case_calendar"), ConsentTextViewSet("case_consents"),
             admin_views.OutgoingEmailViewSet("case_outbox"))


CASE_QUEUE = "case_queue"


@hooks.register("register_admin_viewset")
def register_case_viewsets():
    return [admin_views.CaseViewSet(CASE_QUEUE), CaseSettingsGroup()]


class RegisterCaseMenuItem(MenuItem):
    """Shown to those who may register cases (permission "add" on cases), like the view itself."""

    def is_shown(self, request):
        return policy_registry.get_by_type(Case).user_has_permission(request.user, "add")


@hooks.register("register_admin_menu_item")
def register_case_menu_item():
    return RegisterCaseMenuItem(_("Зарегистрировать обращение"), reverse_lazy(f"{CASE_QUEUE}:register"),
                                name="case-register", icon_name="plus", order=251)


@hooks.register("register_admin_urls")
def register_attachment_url():
    return [path("cases/attachment/<int:pk>/", admin_views.attachment, name="cases_attachment")]
