"""The outages part of the Wagtail admin: places and outages as snippets, and the CSV import."""
from django.urls import path
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.admin.viewsets.base import ViewSet
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from outages import admin_views
from outages.models import NetworkDistrict, Outage, Settlement, Street, Subscription, SubscriptionConsentText


class NetworkDistrictViewSet(SnippetViewSet):
    model = NetworkDistrict
    icon = "site"
    list_display = ["name", "code", "phone"]
    panels = [FieldPanel("name_ru"), FieldPanel("name_en"), FieldPanel("code"), FieldPanel("phone"),
              FieldPanel("address_ru"), FieldPanel("address_en")]


class SettlementViewSet(SnippetViewSet):
    model = Settlement
    icon = "home"
    list_display = ["name", "kind", "municipal_district", "network_district"]
    list_filter = ["kind", "network_district"]
    list_per_page = 100
    panels = [FieldPanel("name_ru"), FieldPanel("name_en"), FieldPanel("kind"), FieldPanel("slug"),
              FieldPanel("municipal_district_ru"), FieldPanel("municipal_district_en"),
              FieldPanel("network_district")]


class StreetViewSet(SnippetViewSet):
    model = Street
    icon = "pick"
    list_display = ["name", "settlement"]
    list_filter = ["settlement"]
    list_per_page = 100
    panels = [FieldPanel("settlement"), FieldPanel("name_ru"), FieldPanel("name_en")]


class OutageViewSet(SnippetViewSet):
    model = Outage
    icon = "warning"
    list_display = ["__str__", "status", "network_district"]
    list_filter = ["kind", "status", "network_district"]
    ordering = ["-starts_at"]
    panels = [
        FieldRowPanel([FieldPanel("kind"), FieldPanel("status")]),
        FieldRowPanel([FieldPanel("starts_at"), FieldPanel("ends_at")]),
        FieldPanel("network_district"),
        MultiFieldPanel([FieldPanel("reason_ru"), FieldPanel("reason_en")], heading=_("Причина")),
        MultiFieldPanel([FieldPanel("advice_ru"), FieldPanel("advice_en")], heading=_("Что делать жителям")),
        MultiFieldPanel([FieldPanel("message_ru"), FieldPanel("message_en")], heading=_("Сообщение о ходе работ")),
        InlinePanel("locations", heading=_("Где"), label=_("Место"), min_num=1),
        FieldPanel("external_id"),
    ]


class ConsentTextViewSet(SnippetViewSet):
    model = SubscriptionConsentText
    icon = "doc-full"
    list_display = ["version", "valid_from"]
    panels = [FieldPanel("version"), FieldPanel("valid_from"), FieldPanel("text_ru"), FieldPanel("text_en")]


class SubscriptionViewSet(SnippetViewSet):
    model = Subscription
    icon = "mail"
    list_display = ["__str__", "language", "confirmed_at", "unsubscribed_at", "consent_version"]
    list_filter = ["language"]
    inspect_view_enabled = True
    panels = [FieldPanel("confirmed_at", read_only=True), FieldPanel("unsubscribed_at")]


class ImportMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm("outages.add_outage")


class ImportViewSet(ViewSet):
    """CSV upload → preview → commit (see outages/importer.py for the format)."""
    menu_label = _("Загрузка из CSV")
    icon = "upload"
    menu_item_class = ImportMenuItem

    def get_urlpatterns(self):
        return [path("", admin_views.upload, name="upload"),
                path("<int:pk>/", admin_views.preview, name="preview"),
                path("<int:pk>/commit/", admin_views.commit, name="commit")]


class OutagesGroup(SnippetViewSetGroup):
    menu_label = _("Отключения")
    menu_icon = "warning"
    menu_order = 250
    items = (OutageViewSet, ImportViewSet("outages_import"), SettlementViewSet, StreetViewSet, NetworkDistrictViewSet,
             SubscriptionViewSet, ConsentTextViewSet)


register_snippet(OutagesGroup)
