"""The steps of the public request form. Each step asks only what its request type needs."""
import re

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from cases import request_types as rt
from cases.request_types import REQUEST_TYPE_CHOICES
from cases.rules import reference

PD_REQUEST_CHOICES = [
    ("access", _("Узнать, какие мои данные обрабатываются")),
    ("correction", _("Исправить мои данные")),
    ("deletion", _("Удалить мои данные")),
    ("withdrawal", _("Отозвать согласие на обработку")),
]

# For each request type: the extra questions and whether each is required.
QUESTIONS = {
    rt.CONNECTION: [("application_number", False), ("site_address", False)],
    rt.SUPPLY_QUALITY: [("site_address", True), ("account_number", False)],
    rt.OUTAGE: [("site_address", True)],
    rt.SURGE_DAMAGE: [("site_address", True), ("account_number", False)],
    rt.METER: [("site_address", True), ("account_number", False)],
    rt.BILL: [("account_number", False)],
    rt.SUBSIDY: [("account_number", False)],
    rt.TARIFF: [],
    rt.APPEAL: [("earlier_reference", True), ("earlier_access_code", False)],
    rt.PERSONAL_DATA: [("pd_request", True)],
    rt.HOME_VISIT: [("site_address", True)],
    rt.ACCESSIBILITY: [("location", False)],
    rt.OTHER: [],
}
ADDRESS_LABELS = {
    rt.OUTAGE: _("Адрес, где нет света или есть опасность"),
    rt.HOME_VISIT: _("Адрес, куда должен приехать специалист"),
    rt.CONNECTION: _("Адрес объекта, который нужно подключить"),
}
MESSAGE_LABELS = {
    rt.OUTAGE: _("Что случилось"),
    rt.APPEAL: _("С каким решением вы не согласны и почему"),
    rt.PERSONAL_DATA: _("Уточните ваш запрос"),
    rt.HOME_VISIT: _("Что нужно сделать и что учесть при визите"),
}
MESSAGE_HINTS = {
    rt.OUTAGE: _("Например: с какого времени нет света, у соседей тоже, виден оборванный провод."),
    rt.HOME_VISIT: _("Например: удобные дни и время, нужен ли сурдопереводчик, как пройти в дом."),
    rt.SURGE_DAMAGE: _("Когда был скачок напряжения, какие приборы повреждены. Приложите фото и чеки, если есть."),
}
MESSAGE_MAX = 5000


class StepForm(forms.Form):
    """Adds the attributes the accessible templates need: hint ids and aria-invalid."""
    hints = {}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name, field in self.fields.items():
            if field.help_text:
                field.widget.attrs["aria-describedby"] = f"id_{name}-hint"

    def full_clean(self):
        super().full_clean()
        for name in self.errors:
            if name in self.fields:
                widget = self.fields[name].widget
                widget.attrs["aria-invalid"] = "true"
                described = widget.attrs.get("aria-describedby", "")
                widget.attrs["aria-describedby"] = f"{described} id_{name}-error".strip()

    def clean_website(self):
        """The honeypot field of the public forms (only forms that have it call this)."""
        if self.cleaned_data.get("website"):
            raise ValidationError(_("Оставьте поле «Не заполняйте это поле» пустым"), code="honeypot")
        return ""


class TypeForm(StepForm):
    request_type = forms.ChoiceField(
        label=_("О чём ваше обращение?"), choices=rt.FORM_TYPE_CHOICES, widget=forms.RadioSelect,
        error_messages={"required": _("Выберите, о чём ваше обращение"),
                        "invalid_choice": _("Выберите, о чём ваше обращение")})


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", MultipleFileInput())
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        if isinstance(data, (list, tuple)):
            return [f for f in data if f]
        return [data] if data else []


def _phone_digits(value):
    return re.sub(r"[\s()\-.]", "", value or "")


def check_phone(value):
    """A phone number as people write it: 10–15 digits, an optional "+", spaces, brackets, dashes
    and dots between them. Returns the value as typed; raises a ValidationError otherwise."""
    if not re.fullmatch(r"\+?\d{10,15}", _phone_digits(value)):
        raise ValidationError(_("Введите номер телефона, например 8 912 345-67-89 или +7 912 345-67-89"),
                              code="invalid")
    return value


class DetailsForm(StepForm):
    """The questions of one request type plus the message and attachments."""

    def __init__(self, *args, request_type, **kwargs):
        super().__init__(*args, **kwargs)
        self.request_type = request_type
        wanted = dict(QUESTIONS.get(request_type, []))
        pool = {
            "application_number": forms.CharField(
                label=_("Номер заявки на технологическое присоединение, если она уже подана"),
                max_length=50, help_text=_("Есть в письме о регистрации заявки, например 01-2345/ТП.")),
            "site_address": forms.CharField(
                label=ADDRESS_LABELS.get(request_type, _("Адрес объекта")), max_length=500,
                help_text=_("Населённый пункт, улица, дом, квартира."),
                widget=forms.Textarea(attrs={"rows": 2, "autocomplete": "street-address"})),
            "account_number": forms.CharField(
                label=_("Номер лицевого счёта, если знаете"), max_length=30,
                help_text=_("Указан в счёте за электроэнергию."),
                widget=forms.TextInput(attrs={"inputmode": "numeric", "spellcheck": "false"})),
            "earlier_reference": forms.CharField(
                label=_("Номер обращения, решение по которому вы обжалуете"), max_length=30,
                help_text=_("Например, ЕО-2026-7K3Q9. Он есть в подтверждении и в письме."),
                widget=forms.TextInput(attrs={"spellcheck": "false"})),
            "earlier_access_code": forms.CharField(
                label=_("Код доступа к этому обращению"), max_length=12,
                help_text=_("6 цифр из подтверждения или письма. С кодом мы свяжем жалобу с прежним "
                            "обращением сразу; без кода обращение тоже будет подано, а связь проверит сотрудник."),
                widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off",
                                              "spellcheck": "false"})),
            "pd_request": forms.ChoiceField(
                label=_("Что вы хотите сделать с вашими персональными данными?"),
                choices=PD_REQUEST_CHOICES, widget=forms.RadioSelect),
            "location": forms.CharField(
                label=_("Где возникла проблема"), max_length=500,
                help_text=_("Адрес страницы сайта или офис, в котором вы были.")),
        }
        for name, required in wanted.items():
            field = pool[name]
            field.required = required
            self.fields[name] = field
        self.fields["message"] = forms.CharField(
            label=MESSAGE_LABELS.get(request_type, _("Опишите ваш вопрос")), max_length=MESSAGE_MAX,
            help_text=MESSAGE_HINTS.get(request_type, _("Не более 5000 знаков.")),
            widget=forms.Textarea(attrs={"rows": 8}))
        self.fields["attachments"] = MultipleFileField(
            label=_("Приложите файлы, если нужно"), required=False,
            help_text=_("До 5 файлов в формате PDF, JPG или PNG, каждый не больше 10 МБ."),
            widget=MultipleFileInput(attrs={"accept": ".pdf,.jpg,.jpeg,.png,application/pdf,image/jpeg,image/png"}))
        self._set_messages()
        # Hints must be linked again: fields were added after StepForm.__init__.
        for name, field in self.fields.items():
            if field.help_text:
                field.widget.attrs["aria-describedby"] = f"id_{name}-hint"

    def _set_messages(self):
        messages = {
            "site_address": _("Введите адрес"),
            "earlier_reference": _("Введите номер обращения, которое вы обжалуете"),
            "pd_request": _("Выберите, что сделать с вашими данными"),
            "message": _("Опишите ваш вопрос"),
        }
        for name, text in messages.items():
            if name in self.fields:
                self.fields[name].error_messages["required"] = text
                self.fields[name].error_messages["invalid_choice"] = text
        for name, field in self.fields.items():
            if isinstance(field, forms.CharField) and field.max_length:
                field.error_messages["max_length"] = _(
                    "Сократите текст до %(limit_value)d знаков (сейчас %(show_value)d)")

    def clean_earlier_reference(self):
        value = reference.normalise_reference(self.cleaned_data.get("earlier_reference", ""))
        if value and not reference.is_valid_reference(value):
            raise ValidationError(_("Введите номер обращения в виде ЕО-2026-7K3Q9"), code="invalid")
        return value

    def clean_earlier_access_code(self):
        return re.sub(r"\s", "", self.cleaned_data.get("earlier_access_code", ""))

    def clean_message(self):
        value = self.cleaned_data.get("message", "").strip()
        if not value:
            raise ValidationError(self.fields["message"].error_messages["required"], code="required")
        return value

    # Checked by the view and never stored: neither in the session nor with the case.
    SECRET_FIELDS = ("earlier_access_code",)

    def answers(self):
        """The answers that go into the session: serialisable, without files or access codes."""
        return {name: value for name, value in self.cleaned_data.items()
                if name != "attachments" and name not in self.SECRET_FIELDS}


class ContactForm(StepForm):
    applicant_name = forms.CharField(
        label=_("Ваше имя"), max_length=200,
        help_text=_("Как к вам обращаться в ответе: фамилия, имя и отчество или только имя."),
        widget=forms.TextInput(attrs={"autocomplete": "name", "spellcheck": "false"}),
        error_messages={"required": _("Введите ваше имя")})
    email = forms.EmailField(
        label=_("Электронная почта"), required=False, max_length=254,
        help_text=_("Пришлём подтверждение с номером обращения и ответ."),
        widget=forms.EmailInput(attrs={"autocomplete": "email", "spellcheck": "false"}),
        error_messages={"invalid": _("Введите адрес электронной почты в виде name@example.ru")})
    phone = forms.CharField(
        label=_("Телефон"), required=False, max_length=30,
        help_text=_("Например, 8 912 345-67-89. Позвоним, если понадобится уточнить."),
        widget=forms.TextInput(attrs={"type": "tel", "autocomplete": "tel"}))
    postal_address = forms.CharField(
        label=_("Почтовый адрес"), required=False, max_length=500,
        help_text=_("Только если хотите получить ответ письмом по почте: индекс, населённый пункт, улица, дом."),
        widget=forms.Textarea(attrs={"rows": 3, "autocomplete": "street-address"}))
    consent = forms.BooleanField(
        required=True,
        error_messages={"required": _("Чтобы отправить обращение, дайте согласие на обработку персональных данных")})
    website = forms.CharField(required=False, max_length=200)  # honeypot: people never see it

    def __init__(self, *args, transfer_question=False, **kwargs):
        super().__init__(*args, **kwargs)
        if transfer_question:
            self.fields["transfer_consent"] = forms.BooleanField(required=False)

    def clean_phone(self):
        value = self.cleaned_data.get("phone", "").strip()
        return check_phone(value) if value else value

    def clean(self):
        data = super().clean()
        if not (data.get("email") or data.get("phone") or data.get("postal_address")) \
                and not self.has_error("email") and not self.has_error("phone"):
            self.add_error("email", ValidationError(
                _("Укажите электронную почту, телефон или почтовый адрес, чтобы мы могли ответить"),
                code="no_contact"))
        return data

    def answers(self):
        return {name: value for name, value in self.cleaned_data.items() if name != "website"}


class CheckForm(forms.Form):
    token = forms.CharField(widget=forms.HiddenInput)


class StatusForm(StepForm):
    reference = forms.CharField(
        label=_("Номер обращения"), max_length=30,
        help_text=_("Например, ЕО-2026-7K3Q9."),
        widget=forms.TextInput(attrs={"spellcheck": "false", "autocomplete": "off"}),
        error_messages={"required": _("Введите номер обращения")})
    access_code = forms.CharField(
        label=_("Код доступа"), max_length=12,
        help_text=_("6 цифр из подтверждения или письма."),
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
        error_messages={"required": _("Введите код доступа")})

    def clean_reference(self):
        return reference.normalise_reference(self.cleaned_data.get("reference", ""))

    def clean_access_code(self):
        return re.sub(r"\s", "", self.cleaned_data.get("access_code", ""))


class RatingForm(StepForm):
    satisfied = forms.ChoiceField(
        label=_("Вы довольны ответом?"), widget=forms.RadioSelect,
        choices=[("yes", _("Да")), ("no", _("Нет"))],
        error_messages={"required": _("Выберите, довольны ли вы ответом")})
    comment = forms.CharField(
        label=_("Что можно улучшить"), required=False, max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}))
