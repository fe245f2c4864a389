"""The page edit form refuses to publish or submit content that breaks the accessibility rules."""
from django.utils.translation import gettext as _
from wagtail.admin.forms import WagtailAdminPageForm
from wagtail.fields import RichTextField, StreamField

from cms_pages import content_checks

PUBLISHING_ACTIONS = ("action-publish", "action-submit", "action-workflow-action")


class CheckedPageForm(WagtailAdminPageForm):
    def clean(self):
        cleaned_data = super().clean()
        if not any(action in self.data for action in PUBLISHING_ACTIONS):
            return cleaned_data  # drafts may be saved unfinished
        found = False
        for model_field in self._meta.model._meta.get_fields():
            name = model_field.name
            value = cleaned_data.get(name)
            if name not in self.fields or value in (None, ""):
                continue
            if isinstance(model_field, StreamField):
                problems = content_checks.check_stream(value)
            elif isinstance(model_field, RichTextField):
                problems = content_checks.link_messages(value)
            else:
                continue
            for problem in problems:
                found = True
                self.add_error(name, problem)
        if found:
            self.add_error(None, _("Страница не опубликована: исправьте отмеченные ошибки доступности."))
        return cleaned_data
