"""Public booking forms. Choices are rendered as GOV.UK radios, but the submitted value is checked
by the rules (``visits.rules.availability``) so a holiday, a past time or a forged value gets
its own message next to the field, in the visitor's language."""
import datetime
import re

from django import forms
from django.utils import formats
from django.utils.translation import gettext_lazy as _

from visits import services
from visits.rules import availability

DAY_MESSAGES = {
    availability.PAST: _("Этот день уже прошёл. Выберите другой день."),
    availability.HOLIDAY: _("Это праздничный или нерабочий день: центр не принимает посетителей. Выберите другой день."),
    availability.CLOSED: _("В этот день центр не принимает посетителей. Выберите другой день."),
    availability.TOO_FAR: _("Так далеко вперёд записаться нельзя. Выберите день из списка."),
    availability.FULL: _("На этот день свободного времени не осталось. Выберите другой день."),
    availability.UNKNOWN: _("Выберите день из списка."),
}
SLOT_MESSAGES = {
    availability.UNKNOWN: _("Такого времени приёма нет. Выберите время из списка."),
    availability.PAST: _("Это время уже прошло или до него осталось слишком мало. Выберите другое время."),
    availability.HOLIDAY: _("Это праздничный или нерабочий день: центр не принимает посетителей. Выберите другой день."),
    availability.CLOSED: _("В этот день центр не принимает посетителей. Выберите другой день."),
    availability.TOO_FAR: _("Так далеко вперёд записаться нельзя. Выберите день из списка."),
    availability.FULL: _("Это время только что заняли. Выберите другое время из списка."),
    availability.SAME_SLOT: _("Вы уже записаны на это время. Выберите другое время."),
}
NEEDS_CHOICES = [
    ("wheelchair", _("Я передвигаюсь на кресле-коляске")),
    ("sign_language", _("Нужен сурдопереводчик (переводчик русского жестового языка)")),
    ("companion", _("Приду с сопровождающим")),
]


def parse_day(text):
    try:
        return datetime.date.fromisoformat((text or "").strip())
    except ValueError:
        return None


def day_label(day, free):
    places = _("свободных мест: %(count)d") % {"count": free}
    return f"{formats.date_format(day, 'l, j E')} — {places}"


def slot_label(slot, free):
    places = _("свободных мест: %(count)d") % {"count": free}
    return f"{slot.start:%H:%M}–{slot.end:%H:%M} ({places})"


class ServiceDayForm(forms.Form):
    service = forms.ChoiceField(label=_("Услуга"), widget=forms.RadioSelect,
                                error_messages={"required": _("Выберите услугу."),
                                                "invalid_choice": _("Выберите услугу из списка.")})
    day = forms.CharField(label=_("День приёма"), widget=forms.RadioSelect,
                          error_messages={"required": _("Выберите день приёма.")})

    def __init__(self, *args, centre, settings, services_list, **kwargs):
        super().__init__(*args, **kwargs)
        self.centre, self.settings = centre, settings
        self.fields["service"].choices = [(str(i), name) for i, name in enumerate(services_list)]
        self.days = services.available_days(centre, settings)
        self.fields["day"].widget.choices = [(d.isoformat(), day_label(d, free)) for d, free in self.days]
        self.fields["day"].help_text = _("Показаны дни, когда есть свободное время. В праздники центр не работает.")

    def clean_day(self):
        value = self.cleaned_data["day"]
        day = parse_day(value)
        if day is None:
            raise forms.ValidationError(DAY_MESSAGES[availability.UNKNOWN], code=availability.UNKNOWN)
        now = services.local_now()
        reason = availability.check_day(day, services.centre_rows(self.centre), services.CalendarDay.calendar(),
                                        now.date(), self.settings.horizon_days)
        if reason is None and not services.available_slots(self.centre, day, self.settings, now):
            reason = availability.FULL
        if reason:
            raise forms.ValidationError(DAY_MESSAGES[reason], code=reason)
        return day


class SlotField(forms.CharField):
    widget = forms.RadioSelect


def slot_choices(centre, settings, day):
    return [(slot.key, slot_label(slot, free)) for slot, free in services.available_slots(centre, day, settings)]


class SlotForm(forms.Form):
    slot = SlotField(label=_("Время приёма"), error_messages={"required": _("Выберите время приёма.")})

    def __init__(self, *args, centre, settings, day, **kwargs):
        super().__init__(*args, **kwargs)
        self.centre, self.settings = centre, settings
        self.fields["slot"].widget.choices = slot_choices(centre, settings, day)

    def clean_slot(self):
        key = self.cleaned_data["slot"]
        _slot, reason = services.check_slot(self.centre, key, self.settings)
        if reason:
            raise forms.ValidationError(SLOT_MESSAGES[reason], code=reason)
        return key

    def slot_taken(self):
        """After a lost race: the message, and a fresh list without the slot just taken."""
        self.fields["slot"].widget.choices = slot_choices(self.centre, self.settings, self.day_of_slot())
        self.add_error("slot", forms.ValidationError(SLOT_MESSAGES[availability.FULL], code=availability.FULL))

    def day_of_slot(self):
        from visits.rules.slots import parse_key
        parsed = parse_key(self.data.get("slot"))
        return parsed[0] if parsed else None


def _digits(value):
    return re.sub(r"\D", "", value or "")


class BookingForm(SlotForm):
    name = forms.CharField(label=_("Как к вам обращаться"), max_length=200,
                           error_messages={"required": _("Напишите, как к вам обращаться.")},
                           widget=forms.TextInput(attrs={"autocomplete": "name", "spellcheck": "false"}))
    phone = forms.CharField(label=_("Телефон"), max_length=40, required=False,
                            help_text=_("Например, 8 911 555-12-34. Позвоним, если приём перенесут."),
                            widget=forms.TextInput(attrs={"autocomplete": "tel", "inputmode": "tel", "type": "tel"}))
    email = forms.EmailField(label=_("Электронная почта"), required=False,
                             help_text=_("Пришлём подтверждение, ссылку для отмены или переноса и напоминание накануне."),
                             error_messages={"invalid": _("Введите адрес электронной почты, например name@example.ru.")},
                             widget=forms.EmailInput(attrs={"autocomplete": "email", "spellcheck": "false"}))
    needs = forms.MultipleChoiceField(label=_("Что нам учесть (необязательно)"), required=False,
                                      choices=NEEDS_CHOICES, widget=forms.CheckboxSelectMultiple,
                                      help_text=_("Специалист встретит вас и подготовит всё нужное."))
    other_needs = forms.CharField(label=_("Другое, что нам нужно знать"), max_length=500, required=False,
                                  widget=forms.Textarea(attrs={"rows": 3}))
    consent = forms.BooleanField(label=_("Я согласен (согласна) на обработку моих персональных данных для записи на приём"),
                                 error_messages={"required": _("Чтобы записаться, дайте согласие на обработку персональных данных.")})

    def clean_phone(self):
        value = self.cleaned_data["phone"].strip()
        if value and not 10 <= len(_digits(value)) <= 15:
            raise forms.ValidationError(_("Введите номер телефона из 10–15 цифр, например 8 911 555-12-34."), code="phone")
        return value

    def clean(self):
        data = super().clean()
        if not data.get("phone") and not data.get("email") and "phone" not in self.errors and "email" not in self.errors:
            self.add_error("email", forms.ValidationError(
                _("Укажите электронную почту или телефон, чтобы мы могли сообщить о записи."), code="contact"))
        return data


class MoveForm(SlotForm):
    def __init__(self, *args, booking, **kwargs):
        self.booking = booking
        super().__init__(*args, **kwargs)

    def clean_slot(self):
        key = super().clean_slot()
        from visits.rules.slots import parse_key
        day, start = parse_key(key)
        if services.aware(day, start) == self.booking.slot.starts_at:
            raise forms.ValidationError(SLOT_MESSAGES[availability.SAME_SLOT], code=availability.SAME_SLOT)
        return key


class DayForm(forms.Form):
    """The move's first step: only the day."""
    day = ServiceDayForm.base_fields["day"]

    def __init__(self, *args, centre, settings, **kwargs):
        super().__init__(*args, **kwargs)
        self.centre, self.settings = centre, settings
        self.fields["day"].widget.choices = [(d.isoformat(), day_label(d, free))
                                             for d, free in services.available_days(centre, settings)]
        self.fields["day"].label = _("Новый день приёма")

    clean_day = ServiceDayForm.clean_day
