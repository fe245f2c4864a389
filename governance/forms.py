import datetime

from django import forms
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from governance.models import PageGovernance
from governance.rules import review


class PageGovernanceForm(forms.ModelForm):
    """Owner and review date of one page. The owner may be a person, a group, or both; one of the
    two is required, and the review date cannot be in the past nor more than two intervals ahead
    (a page "reviewed in 2040" would drop out of the report for good)."""

    class Meta:
        model = PageGovernance
        fields = ["owner_user", "owner_group", "review_by"]
        widgets = {"review_by": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")}
        help_texts = {
            "owner_user": _("Кто подтверждает, что страница верна, и получает напоминания."),
            "owner_group": _("Или группа: напоминания получат все её участники с адресом почты."),
            "review_by": _("К этой дате ответственный перечитывает страницу и подтверждает или исправляет её."),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        staff = (Q(is_superuser=True) | Q(groups__permissions__codename="access_admin")
                 | Q(user_permissions__codename="access_admin"))
        self.fields["owner_user"].queryset = (get_user_model().objects.filter(is_active=True).filter(staff)
                                              .distinct().order_by("last_name", "first_name", "username"))
        self.fields["owner_group"].queryset = Group.objects.order_by("name")
        self.fields["review_by"].required = True
        self.fields["review_by"].input_formats = ["%Y-%m-%d", "%d.%m.%Y"]
        self.fields["review_by"].error_messages["invalid"] = _(
            "Введите дату в формате ДД.ММ.ГГГГ, например 01.07.2027.")
        self.fields["review_by"].error_messages["required"] = _("Укажите, к какой дате проверить страницу.")

    def clean_review_by(self):
        value = self.cleaned_data["review_by"]
        today = timezone.localdate()
        if value < today:
            raise forms.ValidationError(_("Дата проверки уже прошла: укажите сегодняшнюю или более позднюю."))
        if value > today + datetime.timedelta(days=2 * review.REVIEW_INTERVAL_DAYS):
            raise forms.ValidationError(_("Не позднее чем через два года: страницу нужно перечитывать хотя бы "
                                          "раз в год."))
        return value

    def clean(self):
        data = super().clean()
        if not data.get("owner_user") and not data.get("owner_group"):
            raise forms.ValidationError(_("Укажите ответственного сотрудника или группу."))
        return data
