"""Admin wiring: the page's owner and review date from its header and listing menus, the review
report in Reports, and the pages that link to a page shown before it is unpublished or deleted
(the templates ``wagtailadmin/pages/confirm_unpublish.html`` and ``confirm_delete.html`` of this app
extend Wagtail's own)."""
from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.widgets import Button
from wagtail.permission_policies.pages import PagePermissionPolicy

from governance.admin_views import ContentReviewReportView, page_governance_view

page_urls = ([path("pages/<int:page_id>/", page_governance_view, name="page")], "governance")
report_urls = ([
    path("", ContentReviewReportView.as_view(), name="index"),
    path("results/", ContentReviewReportView.as_view(results_only=True), name="index_results"),
], "governance_report")


@hooks.register("register_admin_urls")
def register_governance_urls():
    return [path("governance/", include(page_urls)), path("reports/content-review/", include(report_urls))]


def _governance_button(page, user, priority):
    if page.depth > 1 and page.permissions_for_user(user).can_edit():
        yield Button(_("Ответственный и срок проверки"), reverse("governance:page", args=[page.pk]),
                     icon_name="time", priority=priority)


@hooks.register("register_page_header_buttons")
def governance_header_button(page, user, view_name=None, next_url=None):
    yield from _governance_button(page, user, 66)


@hooks.register("register_page_listing_more_buttons")
def governance_listing_button(page, user, next_url=None):
    yield from _governance_button(page, user, 55)


class ContentReviewMenuItem(MenuItem):
    def is_shown(self, request):
        return PagePermissionPolicy().user_has_any_permission(request.user, ["change", "publish"])


@hooks.register("register_reports_menu_item")
def register_content_review_menu_item():
    return ContentReviewMenuItem(_("Актуальность страниц"), reverse("governance_report:index"),
                                 name="content-review", icon_name="time", order=1320)
