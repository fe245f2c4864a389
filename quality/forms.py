from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from quality.report import period_label
from quality.rules import periods


class PeriodForm(forms.Form):
    period = forms.ChoiceField(label=_("Период"), error_messages={
        "invalid_choice": _("Выберите период из списка."),
        "required": _("Выберите период из списка."),
    })

    def __init__(self, *args, today=None, **kwargs):
        super().__init__(*args, **kwargs)
        today = today or timezone.localdate()
        self.fields["period"].choices = [(p.slug, period_label(p)) for p in periods.recent(today)]

    def chosen(self):
        return periods.parse(self.cleaned_data["period"])
