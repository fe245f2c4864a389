"""The moderation task: a group approval that also enforces the accessibility publishing rules."""
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from wagtail.models import GroupApprovalTask

from cms_pages import content_checks


def pending_content(obj):
    """The version a moderator is asked to approve: the latest revision, as an object."""
    obj = getattr(obj, "specific", obj)
    getter = getattr(obj, "get_latest_revision_as_object", None)
    return getter() if getter else obj


class AccessibleApprovalTask(GroupApprovalTask):
    """Moderators approve; approval is refused while the content breaks a publishing rule.

    The edit form checks what an editor submits, but a moderator can approve straight from the
    dashboard, which publishes the latest revision without any form: this task checks it there.
    """

    def on_action(self, task_state, user, action_name, **kwargs):
        if action_name == "approve":
            content = pending_content(task_state.workflow_state.content_object)
            if content_checks.object_messages(content):
                # Not approved: send the moderator to the editor, where the problems are listed.
                return self.edit_url(content)
        return super().on_action(task_state, user, action_name, **kwargs)

    @staticmethod
    def edit_url(obj):
        from wagtail.models import Page

        if isinstance(obj, Page):
            return reverse("wagtailadmin_pages:edit", args=(obj.pk,))
        from wagtail.admin.admin_url_finder import AdminURLFinder

        return AdminURLFinder().get_edit_url(obj)

    @classmethod
    def get_description(cls):
        return _("Участники выбранных групп одобряют публикацию; одобрить нельзя, пока материал "
                 "нарушает правила доступности.")

    class Meta:
        verbose_name = _("проверка модератором с контролем доступности")
        verbose_name_plural = _("проверки модератором с контролем доступности")
