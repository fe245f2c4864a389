"""Callback requests: a short public form (name, phone, topic, when to call) at
``/<lang>/requests/callback/`` reached from every page's contacts block (the footer) and from
the request start page. It registers a case of type "callback" (``services.register_case``), due
within the callback routing rule's working hours of the call centre (``CallCentreSettings``,
``cases.rules.callbacks``), or by the end of the window the citizen chose. No JavaScript needed.
"""
import datetime
import re
import uuid

from django import forms
from django.core.exceptions import ValidationError
from django.http import HttpResponseRedirect
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django.views.decorators.cache import never_cache

from cases import views
from cases.forms import StepForm, check_phone
from cases.models import CalendarDay, CallCentreSettings, Case, ConsentText
from cases.request_types import CALLBACK
from cases.rules import callbacks
from cases.services import consent_record, register_case, route_for

ASAP, WINDOW = "asap", "window"
DAYS_AHEAD = 14  # how far ahead a citizen may choose a day
DONE_KEY = "cases_callback_done"


def _window_value(start, end):
    return f"{start:%H:%M}-{end:%H:%M}"


class CallbackForm(StepForm):
    applicant_name = forms.CharField(
        label=_("Ваше имя"), max_length=200, help_text=_("Как к вам обращаться."),
        widget=forms.TextInput(attrs={"autocomplete": "name", "spellcheck": "false"}),
        error_messages={"required": _("Введите ваше имя")})
    phone = forms.CharField(
        label=_("Телефон"), max_length=30, help_text=_("Например, 8 912 345-67-89."),
        widget=forms.TextInput(attrs={"type": "tel", "autocomplete": "tel"}),
        error_messages={"required": _("Введите номер телефона, на который перезвонить")})
    topic = forms.CharField(
        label=_("О чём поговорить"), max_length=500, help_text=_("Коротко, не более 500 знаков."),
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": _("Напишите коротко, о чём поговорить"),
                        "max_length": _("Сократите текст до %(limit_value)d знаков (сейчас %(show_value)d)")})
    when = forms.ChoiceField(
        label=_("Когда позвонить"), widget=forms.RadioSelect, initial=ASAP,
        error_messages={"required": _("Выберите, когда позвонить"), "invalid_choice": _("Выберите, когда позвонить")})
    day = forms.DateField(
        label=_("День"), required=False, input_formats=["%d.%m.%Y", "%Y-%m-%d", "%d.%m.%y"],
        widget=forms.DateInput(format="%d.%m.%Y", attrs={"inputmode": "numeric", "autocomplete": "off",
                                                         "spellcheck": "false"}),
        error_messages={"invalid": _("Введите дату, например 15.03.2026")})
    window = forms.ChoiceField(
        label=_("Время"), required=False,
        error_messages={"invalid_choice": _("Выберите время из списка: в часы работы колл-центра")})
    consent = forms.BooleanField(
        error_messages={"required": _("Чтобы заказать звонок, дайте согласие на обработку персональных данных")})
    website = forms.CharField(required=False, max_length=200)  # honeypot
    token = forms.CharField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args, hours, now, **kwargs):
        super().__init__(*args, **kwargs)
        self.hours = hours
        self.now = now
        opens, closes = hours.opens_at, hours.closes_at
        self.windows = {_window_value(start, end): (start, end) for start, end in callbacks.window_choices(opens, closes)}
        self.fields["window"].choices = [("", "—")] + [
            (value, f"{start:%H:%M}–{end:%H:%M}") for value, (start, end) in self.windows.items()]
        self.fields["when"].choices = [
            (ASAP, _("Как можно скорее: в течение %(hours)d рабочих часов колл-центра") % {"hours": self.target_hours()}),
            (WINDOW, _("В выбранный день и время"))]
        self.fields["when"].help_text = _("Колл-центр работает по рабочим дням с %(opens)s до %(closes)s.") % {
            "opens": opens.strftime("%H:%M"), "closes": closes.strftime("%H:%M")}
        self.fields["day"].help_text = _("Рабочий день в ближайшие %(days)d дней, например %(example)s.") % {
            "days": DAYS_AHEAD, "example": self._next_working_day().strftime("%d.%m.%Y")}
        for name in ("when", "day"):
            self.fields[name].widget.attrs["aria-describedby"] = f"id_{name}-hint"

    def _next_working_day(self):
        calendar = CalendarDay.calendar()
        day = timezone.localdate(self.now) + datetime.timedelta(days=1)
        while not calendar.is_working_day(day):
            day += datetime.timedelta(days=1)
        return day

    @staticmethod
    def target_hours():
        return route_for(CALLBACK).deadline_days

    def clean_phone(self):
        return check_phone(self.cleaned_data.get("phone", "").strip())

    def clean_topic(self):
        value = self.cleaned_data.get("topic", "").strip()
        if not value:
            raise ValidationError(self.fields["topic"].error_messages["required"], code="required")
        return value

    def clean(self):
        data = super().clean()
        data["callback_window"] = None
        if data.get("when") != WINDOW:
            return data
        day, value = data.get("day"), data.get("window")
        if not day and not self.has_error("day"):
            self.add_error("day", _("Выберите день, когда позвонить"))
        if not value and not self.has_error("window"):
            self.add_error("window", _("Выберите время, когда позвонить"))
        if not day or not value:
            return data
        today = timezone.localdate(self.now)
        if day < today:
            self.add_error("day", _("Этот день уже прошёл. Выберите сегодняшний или более поздний день."))
            return data
        if day > today + datetime.timedelta(days=DAYS_AHEAD):
            self.add_error("day", _("Выберите день в ближайшие %(days)d дней.") % {"days": DAYS_AHEAD})
            return data
        start, end = self.windows[value]
        try:
            callbacks.check_window(day, start, end, now=self.now, opens=self.hours.opens_at,
                                   closes=self.hours.closes_at, calendar=CalendarDay.calendar())
        except callbacks.WindowRefused as refused:
            self.add_error("day" if refused.code == "day_off" else "window", refused.message)
            return data
        tz = timezone.get_current_timezone()
        data["callback_window"] = (datetime.datetime.combine(day, start, tzinfo=tz),
                                   datetime.datetime.combine(day, end, tzinfo=tz))
        return data


@never_cache
def callback(request):
    hours = CallCentreSettings.current()
    now = timezone.localtime()
    pd_text = ConsentText.current(ConsentText.PERSONAL_DATA)
    if request.method == "POST":
        form = CallbackForm(request.POST, hours=hours, now=now)
        if form.is_valid():
            if views._rate_limited(request):
                return views._render(request, "cases/limited.html", {}, status=429)
            data = form.cleaned_data
            token = data.get("token") or ""
            key = f"callback-{token}" if re.fullmatch(r"[0-9a-f]{32}", token) else None
            try:
                case, _created = register_case(
                    request_type=CALLBACK, answers={"applicant_name": data["applicant_name"], "phone": data["phone"],
                                                    "message": data["topic"]},
                    consent=consent_record(pd_text, timezone.now(), source=f"web {request.path}"),
                    language=translation.get_language() or "ru", submission_key=key,
                    callback_window=data["callback_window"])
            except Exception:
                views.log.exception("could not register a callback request")
                return views._render(request, "cases/failed.html", {}, status=503)
            views._note_submission(request)
            request.session[DONE_KEY] = case.reference
            return HttpResponseRedirect(reverse("cases:callback_done"))
        status = 400
    else:
        form = CallbackForm(initial={"when": ASAP, "token": uuid.uuid4().hex}, hours=hours, now=now)
        status = 200
    return views._render(request, "cases/callback.html", {
        "form": form, "errors": views._error_list(form) if form.is_bound else [], "pd_text": pd_text,
        "hours": hours}, status)


@never_cache
def callback_done(request):
    reference = request.session.get(DONE_KEY)
    case = Case.objects.filter(reference=reference, request_type=CALLBACK).first() if reference else None
    if case is None:
        return HttpResponseRedirect(reverse("cases:callback"))
    return views._render(request, "cases/callback_done.html", {
        "case": case, "due_at": timezone.localtime(case.due_at) if case.due_at else None,
        "callback_from": timezone.localtime(case.callback_from) if case.callback_from else None,
        "callback_to": timezone.localtime(case.callback_to) if case.callback_to else None,
        "title": gettext("Звонок заказан")})
