"""The officers' intake form: a case received by phone, at a personal visit or by letter,
registered in the Wagtail admin.

The questions and their checks are the public form's (``cases.forms``): a request type asks the
officer exactly what it asks a citizen, validated by the same code. Only the wording changes,
since the officer writes about the applicant rather than as the applicant, and the officer adds
what the web form cannot know: the channel, a letter's date of receipt and the applicant's
consent given orally or in writing.
"""
from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _
from wagtail.admin.widgets import AdminDateInput

from cases import forms as public_forms
from cases.models import Case
from cases.request_types import REQUEST_TYPE_CHOICES

OFFICER_CHANNELS = [(value, label) for value, label in Case.CHANNEL_CHOICES if value != Case.WEB]

# Public-form fields reworded for the officer: label, help text, "required" message.
# (None keeps the public wording.)
OFFICER_WORDING = {
    "applicant_name": (_("Имя заявителя"),
                       _("Фамилия, имя и отчество или как заявитель представился."),
                       _("Введите имя заявителя")),
    "email": (_("Электронная почта заявителя"),
              _("Если указана, заявителю придёт подтверждение с номером и кодом доступа, а затем ответ."),
              None),
    "phone": (_("Телефон заявителя"), _("Например, 8 912 345-67-89."), None),
    "postal_address": (_("Почтовый адрес для ответа"),
                       _("Если заявитель хочет получить ответ письмом: индекс, населённый пункт, улица, дом."),
                       None),
    "account_number": (_("Номер лицевого счёта"), None, None),
    "earlier_reference": (_("Номер обжалуемого обращения"), None,
                          _("Введите номер обжалуемого обращения")),
    "pd_request": (_("Что заявитель просит сделать с персональными данными"), None,
                   _("Выберите, что заявитель просит сделать с персональными данными")),
    "message": (_("Текст обращения"), _("Суть обращения своими словами или текст письма; не более 5000 знаков."),
                _("Введите текст обращения")),
}
CONTACT_FIELDS = ("applicant_name", "email", "phone", "postal_address")


class ChooseForm(forms.Form):
    """Step 1: how the request came in and what it is about; decides the questions of step 2."""
    channel = forms.ChoiceField(
        label=_("Как получено обращение"), choices=OFFICER_CHANNELS, widget=forms.RadioSelect,
        error_messages={"required": _("Выберите, как получено обращение"),
                        "invalid_choice": _("Выберите, как получено обращение")})
    request_type = forms.ChoiceField(
        label=_("Тип обращения"), choices=[("", "—")] + REQUEST_TYPE_CHOICES,
        error_messages={"required": _("Выберите тип обращения"),
                        "invalid_choice": _("Выберите тип обращения")})


class OfficerCaseForm(forms.Form):
    """Step 2. Its own fields are the officer's; the applicant's fields and the questions of the
    request type live in the public DetailsForm and ContactForm bound to the same data."""
    received_on = forms.DateField(
        label=_("Дата получения письма"), widget=AdminDateInput,
        help_text=_("Срок ответа считается от этой даты. Не позже сегодняшнего дня."))
    language = forms.ChoiceField(
        label=_("Язык ответа заявителю"), choices=settings.LANGUAGES, initial="ru", required=False,
        help_text=_("На этом языке придут подтверждение и ответ."),
        error_messages={"invalid_choice": _("Выберите язык ответа")})
    consent = forms.BooleanField(
        label=_("Заявитель дал согласие на обработку персональных данных"),
        error_messages={"required": _("Без согласия заявителя на обработку персональных данных "
                                      "обращение зарегистрировать нельзя")})
    transfer_consent = forms.BooleanField(required=False)
    token = forms.CharField(required=False, widget=forms.HiddenInput)  # against a double submit

    def __init__(self, data=None, *, request_type, channel, route, initial=None, **kwargs):
        super().__init__(data, initial=initial, **kwargs)
        self.request_type = request_type
        self.channel = channel
        self.route = route
        self.details_form = public_forms.DetailsForm(data, request_type=request_type, initial=initial)
        self.details_form.fields.pop("attachments", None)
        # an officer links an appeal only to a case they may see (RegisterCaseView), not by code
        self.details_form.fields.pop("earlier_access_code", None)
        self.contact_form = public_forms.ContactForm(data, initial=initial)
        for name in ("consent", "website", "transfer_consent"):
            self.contact_form.fields.pop(name, None)
        for form in (self.details_form, self.contact_form):
            for name, field in form.fields.items():
                self._reword(name, field)

        if channel != Case.LETTER:
            del self.fields["received_on"]
        else:
            field = self.fields["received_on"]
            example = timezone.localdate().strftime(field.widget.format or "%Y-%m-%d")
            field.error_messages.update({
                "required": _("Введите дату получения письма"),
                "invalid": _("Введите дату получения письма, например %(example)s") % {"example": example},
            })
        self.fields["consent"].help_text = (
            _("Отметьте, если в письме или приложении к нему есть согласие заявителя.")
            if channel == Case.LETTER else
            _("Прочитайте заявителю текст согласия и отметьте, если он согласился устно."))
        if route.is_third_party and route.transfer_consent_required:
            self.fields["transfer_consent"].label = _(
                "Заявитель дал отдельное согласие на передачу обращения третьей стороне: %(unit)s"
            ) % {"unit": route.unit_name}
            self.fields["transfer_consent"].help_text = _(
                "Без этого согласия обращение не пересылается, а заявителю сообщают, куда обратиться напрямую.")
        else:
            del self.fields["transfer_consent"]
        self._link_help_texts()

    @staticmethod
    def _reword(name, field):
        label, help_text, required = OFFICER_WORDING.get(name, (None, None, None))
        if label:
            field.label = label
        if help_text:
            field.help_text = help_text
        if required:
            field.error_messages["required"] = required
            field.error_messages["invalid_choice"] = required

    def _all_fields(self):
        for form in (self, self.details_form, self.contact_form):
            for name, field in form.fields.items():
                yield form, name, field

    def _link_help_texts(self):
        """The public forms point aria-describedby at their own template's ids: use the admin's."""
        for _form, name, field in self._all_fields():
            if field.help_text:
                field.widget.attrs["aria-describedby"] = f"id_{name}-helptext"
            else:
                field.widget.attrs.pop("aria-describedby", None)

    # --- validation ------------------------------------------------------------------------

    def clean_received_on(self):
        value = self.cleaned_data.get("received_on")
        today = timezone.localdate()
        if value and value > today:
            raise ValidationError(
                _("Дата получения письма не может быть позже сегодняшнего дня (%(today)s)"),
                code="future", params={"today": date_format(today, "SHORT_DATE_FORMAT")})
        return value

    def clean_language(self):
        return self.cleaned_data.get("language") or settings.LANGUAGE_CODE

    def is_valid(self):
        results = [super().is_valid(), self.details_form.is_valid(), self.contact_form.is_valid()]
        self._link_help_texts()  # the public forms' full_clean adds ids of their own error blocks
        return all(results)

    def answers(self):
        """The applicant's answers in the shape register_case takes from the public form."""
        return {**self.details_form.answers(), **self.contact_form.answers()}

    # --- rendering -----------------------------------------------------------------------------

    def sections(self):
        """Headed groups of bound fields, in the order the officer fills them in."""
        own = lambda *names: [self[name] for name in names if name in self.fields]  # noqa: E731
        contact = [self.contact_form[name] for name in CONTACT_FIELDS if name in self.contact_form.fields]
        details = [self.details_form[name] for name in self.details_form.fields]
        return [
            {"key": "received", "heading": _("Поступление"), "fields": own("received_on")},
            {"key": "applicant", "heading": _("Заявитель"), "fields": contact + own("language")},
            {"key": "request", "heading": _("Суть обращения"), "fields": details},
            {"key": "consent", "heading": _("Согласие"), "fields": own("consent", "transfer_consent")},
        ]

    def error_list(self):
        """Every error, in the order of the page, with the id to jump to."""
        items = []
        for section in self.sections():
            for bound in section["fields"]:
                for error in bound.errors:
                    anchor = bound.auto_id
                    if isinstance(bound.field.widget, forms.RadioSelect):
                        anchor = f"{bound.auto_id}_0"
                    items.append({"label": bound.label, "message": error, "anchor": anchor})
        for form in (self, self.details_form, self.contact_form):
            for error in form.non_field_errors():
                items.append({"label": "", "message": error, "anchor": ""})
        return items

    @property
    def media(self):
        return super().media + self.details_form.media + self.contact_form.media
