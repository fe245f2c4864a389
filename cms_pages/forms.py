"""The page edit form refuses to publish or submit content that breaks the accessibility rules.

Drafts may be saved unfinished: the rules run only when the content is about to go out
(publish, submit for moderation, restart the workflow, a moderator's approval).
"""
from django.core.exceptions import ValidationError
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from wagtail.admin.forms import WagtailAdminPageForm
from wagtail.blocks.stream_block import StreamBlockValidationError
from wagtail.fields import StreamField

from cms_pages import content_checks

PUBLISHING_ACTIONS = ("action-publish", "action-submit", "action-restart-workflow")
APPROVING_WORKFLOW_ACTIONS = ("approve",)


def is_publishing_request(data):
    """True when the submitted button sends the content towards the public site."""
    if any(action in data for action in PUBLISHING_ACTIONS):
        return True
    return ("action-workflow-action" in data
            and data.get("workflow-action-name") in APPROVING_WORKFLOW_ACTIONS)


class _StreamProblems(StreamBlockValidationError):
    """Marks each offending block in the editor, with a readable summary for the field."""

    def __init__(self, problems):
        block_errors, non_block = {}, []
        for problem in problems:
            if problem.index is None:
                non_block.append(problem.message)
            else:
                block_errors.setdefault(problem.index, []).append(problem.message)
        super().__init__(
            block_errors={index: ValidationError(messages) for index, messages in block_errors.items()},
            non_block_errors=non_block,
        )
        self.message = _("Есть ошибки доступности в отмеченных блоках (%(count)s).") % {"count": len(problems)}


class CheckedPageForm(WagtailAdminPageForm):
    def clean(self):
        cleaned_data = super().clean()
        if not is_publishing_request(self.data):
            return cleaned_data  # drafts may be saved unfinished
        model_fields = {field.name: field for field in content_checks.checked_fields(self._meta.model)}
        summary = []
        for name, model_field in model_fields.items():
            if name not in self.fields:
                continue
            already_invalid = name in self.errors
            value = self._submitted_value(name) if already_invalid else cleaned_data.get(name)
            problems = content_checks.field_problems(model_field, value)
            if not problems:
                continue
            label = capfirst(str(self.fields[name].label or model_field.verbose_name))
            summary += [f"{label}: {problem.message}" for problem in problems]
            if already_invalid:
                continue  # Wagtail's own message already marks the field; ours goes in the summary
            if isinstance(model_field, StreamField):
                self.add_error(name, _StreamProblems(problems))
            else:
                self.add_error(name, [str(problem.message) for problem in problems])
        if summary:
            self.add_error(None, _("Страница не опубликована и не отправлена на проверку: исправьте "
                                   "ошибки доступности. Черновик можно сохранить."))
            for line in summary:
                self.add_error(None, line)
        return cleaned_data

    def is_valid(self):
        """Valid and, when publishing, a worked example the page's tool agrees with.

        Checked after the fields and the inline records are valid, with the records as submitted
        (the rates and ceilings being published), through the tool's own rule function."""
        valid = super().is_valid()
        if not valid or not is_publishing_request(self.data):
            return valid
        problems = content_checks.worked_example_problems(self.instance, self._submitted_children())
        if not problems:
            return True
        self.add_error(None, _("Страница не опубликована и не отправлена на проверку: пример расчёта не "
                               "сходится с инструментом. Черновик можно сохранить."))
        for problem in problems:
            self.add_error(None, problem.message)
        target = getattr(type(self.instance), "worked_example_field", None)
        if target in self.fields:
            self.add_error(target, [problem.message for problem in problems])
        return False

    def _submitted_children(self):
        """{relation name: [record]}: the inline records as submitted, deleted and empty rows left out."""
        children = {}
        for name, formset in getattr(self, "formsets", {}).items():
            deleted = set(map(id, getattr(formset, "deleted_forms", [])))
            children[name] = [form.instance for form in formset.forms
                              if id(form) not in deleted and (form.instance.pk or form.has_changed())]
            children[name] += list(getattr(formset, "archived", ()))  # records a grid keeps out of its form
        return children

    def _submitted_value(self, name):
        """The value as typed, for a field that failed its own validation (e.g. Wagtail's alt text check)."""
        field = self.fields[name]
        try:
            return field.widget.value_from_datadict(self.data, self.files, self.add_prefix(name))
        except (KeyError, ValueError, TypeError):
            return None
