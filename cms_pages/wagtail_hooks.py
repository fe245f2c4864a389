from django.urls import include, path
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from wagtail import hooks
from wagtail.admin.ui.tables import Column
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from cms_pages import admin_tariffs
from cms_pages.models import AlertBanner, LegalAct, ResponsibleBody


class AlertBannerViewSet(SnippetViewSet):
    model = AlertBanner
    icon = "warning"
    list_display = ["title", "kind", "severity", "starts_at", "ends_at"]
    list_filter = ["kind", "severity"]


class LegalActViewSet(SnippetViewSet):
    model = LegalAct
    icon = "doc-full"
    # A bare boolean field would show "True"/"False" (and Wagtail's BooleanColumn titles its icons so).
    list_display = ["title", "number", "date", "issuer",
                    Column("is_demo", label=capfirst(LegalAct._meta.get_field("is_demo").verbose_name),
                           accessor=lambda act: _("да") if act.is_demo else _("нет"))]
    search_fields = ["title", "number"]


class ResponsibleBodyViewSet(SnippetViewSet):
    model = ResponsibleBody
    icon = "group"
    list_display = ["name", "phone", "email"]


class ReferenceDataGroup(SnippetViewSetGroup):
    menu_label = "Справочники"
    menu_icon = "folder-open-inverse"
    items = (AlertBannerViewSet, LegalActViewSet, ResponsibleBodyViewSet)


register_snippet(ReferenceDataGroup)


@hooks.register("register_admin_urls")
def register_tariff_archive_urls():
    """The tariff archive, read-only (URLs listed in cms_pages/admin_tariffs.py)."""
    return [path("tariff-archive/", include(admin_tariffs.urls))]
