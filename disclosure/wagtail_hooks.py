from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permissions import ModelPermissionPolicy

from disclosure.admin_views import DisclosureDueReportView
from disclosure.models import DisclosureItem


class DisclosureItemViewSet(ModelViewSet):
    model = DisclosureItem
    icon = "doc-full-inverse"
    menu_label = _("Раскрытие информации")
    menu_order = 260
    add_to_admin_menu = True
    list_display = ["title", "frequency", "due_days", "owner_email"]
    list_filter = ["frequency"]
    search_fields = ["title", "code"]


report_urls = ([
    path("", DisclosureDueReportView.as_view(), name="index"),
    path("results/", DisclosureDueReportView.as_view(results_only=True), name="index_results"),
], "disclosure_report")


@hooks.register("register_admin_viewset")
def register_disclosure_viewset():
    return DisclosureItemViewSet("disclosure_items")


@hooks.register("register_admin_urls")
def register_disclosure_report_urls():
    return [path("reports/disclosure-due/", include(report_urls))]


class DisclosureReportMenuItem(MenuItem):
    def is_shown(self, request):
        return ModelPermissionPolicy(DisclosureItem).user_has_any_permission(
            request.user, ["add", "change", "delete", "view"])


@hooks.register("register_reports_menu_item")
def register_disclosure_report_menu_item():
    return DisclosureReportMenuItem(_("Раскрытие информации: сроки"), reverse("disclosure_report:index"),
                                    name="disclosure-due", icon_name="date", order=1310)
