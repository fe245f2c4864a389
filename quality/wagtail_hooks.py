from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.models import Page
from wagtail.permissions import policy_registry

from quality import admin_views


@hooks.register("register_admin_urls")
def register_feedback_loop_url():
    return [path("reports/feedback-loop/", admin_views.feedback_loop, name="quality_feedback_loop")]


class FeedbackLoopMenuItem(MenuItem):
    def is_shown(self, request):
        return policy_registry.get_by_type(Page).user_has_any_permission(request.user, ["add", "change", "publish"])


@hooks.register("register_reports_menu_item")
def register_feedback_loop_menu_item():
    return FeedbackLoopMenuItem(_("Обратная связь: что изменить"), reverse("quality_feedback_loop"),
                                name="feedback-loop", icon_name="comment", order=1290)
