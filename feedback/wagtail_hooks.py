from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.models import Page
from wagtail.permissions import policy_registry

from feedback.admin_views import PageFeedbackView, UsefulnessReportView

report_urls = ([
    path("", UsefulnessReportView.as_view(), name="index"),
    path("results/", UsefulnessReportView.as_view(results_only=True), name="index_results"),
    path("<int:page_id>/", PageFeedbackView.as_view(), name="page"),
    path("<int:page_id>/results/", PageFeedbackView.as_view(results_only=True), name="page_results"),
], "feedback_report")


@hooks.register("register_admin_urls")
def register_feedback_report_urls():
    return [path("reports/page-usefulness/", include(report_urls))]


class FeedbackReportMenuItem(MenuItem):
    def is_shown(self, request):
        return policy_registry.get_by_type(Page).user_has_any_permission(
            request.user, ["add", "change", "publish"])


@hooks.register("register_reports_menu_item")
def register_feedback_report_menu_item():
    return FeedbackReportMenuItem(_("Полезность страниц"), reverse("feedback_report:index"),
                                  name="page-usefulness", icon_name="help", order=1300)
