"""Public pages of the visit booking (no JavaScript; GET steps, POST for changes).

    /<lang>/visits/centre/<id>/                     step 1: service and day (GET form)
    /<lang>/visits/centre/<id>/time/?service=&day=  step 2: time, contacts, access needs (POST books)
    /<lang>/visits/booking/token/<token>/           the booking: confirmation, cancel and move links
    /<lang>/visits/booking/token/<token>/cancel/    GET asks, POST cancels
    /<lang>/visits/booking/token/<token>/move/      GET day, then ?day= lists times; POST moves

Bad input never fails: an unknown centre or token is a 404 page in the visitor's language; a bad
day or time re-renders the form (status 400) with the message next to the field and the values
kept; a booking already cancelled says so (status 410); a client address over the booking limit
gets a page with the centre's phones (status 429).
"""
import datetime
import os

from django.conf import settings as django_settings
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache

from cases.models import ConsentText, SubmissionThrottle
from cases.rules import throttle
from cms_pages.models.service_centres import ServiceCentrePage
from ops.client import client_digest
from visits import forms, services
from visits.models import Booking, VisitSettings
from visits.rules import availability

# Bookings per client address (behind the trusted proxies, ops.client) in a sliding window,
# "count/seconds", from settings or the environment: enough for a family or a centre's kiosk,
# not for a script taking every free time. Signed-in admin users (officers booking for callers)
# are not held. Counted in the cases' SubmissionThrottle table under its own key.
RATE_LIMIT_DEFAULT = "20/3600"


def _rate_limit():
    default = throttle.parse_limit(RATE_LIMIT_DEFAULT)
    return throttle.parse_limit(getattr(django_settings, "VISITS_RATE_LIMIT", None)
                                or os.environ.get("VISITS_RATE_LIMIT") or RATE_LIMIT_DEFAULT, default=default)


def _client_key(request):
    return f"visits:{client_digest(request, 'visits')}"


def _staff(request):
    user = getattr(request, "user", None)
    return bool(user is not None and user.is_authenticated and user.is_active
                and (user.is_staff or user.has_perm("wagtailadmin.access_admin")))


def _rate_limited(request):
    if _staff(request):
        return False
    count, seconds = _rate_limit()
    since = timezone.now() - datetime.timedelta(seconds=seconds)
    recent = SubmissionThrottle.objects.filter(key=_client_key(request), created_at__gte=since).count()
    return not throttle.allowed(recent, count)


CHANGE_MESSAGES = {
    availability.CANCELLED: gettext_lazy("Эта запись уже отменена. Изменить её нельзя, но можно записаться снова."),
    availability.STARTED: gettext_lazy("Время этой записи уже наступило, поэтому отменить или перенести её нельзя."),
}


def _not_found(request, message):
    return render(request, "visits/not_found.html", {"message": message}, status=404)


def _centre(request, centre_id):
    centre = ServiceCentrePage.objects.live().public().filter(pk=centre_id).first()
    if centre is None:
        raise Http404
    return centre


def _services_list(centre):
    return centre.services_list() or [_("Консультация")]


def _context(centre, settings, **extra):
    return {"centre": centre, "visit_settings": settings, **extra}


def _closed(request, centre):
    return render(request, "visits/closed.html", {"centre": centre}, status=200)


def _bookable_centre(request, centre_id):
    """(centre, its visit settings, None), or (None, None, the page to show instead): an unknown
    centre, or one that takes no bookings."""
    try:
        centre = _centre(request, centre_id)
    except Http404:
        return None, None, _not_found(request, _("Такого центра обслуживания нет. Выберите центр в справочнике."))
    settings = VisitSettings.for_centre(centre)
    if not settings.enabled:
        return None, None, _closed(request, centre)
    return centre, settings, None


@never_cache
def start(request, centre_id):
    centre, settings, refusal = _bookable_centre(request, centre_id)
    if refusal:
        return refusal
    form = forms.ServiceDayForm(centre=centre, settings=settings, services_list=_services_list(centre),
                                initial={"service": request.GET.get("service")})
    return render(request, "visits/start.html", _context(centre, settings, form=form))


@never_cache
def time(request, centre_id):
    centre, settings, refusal = _bookable_centre(request, centre_id)
    if refusal:
        return refusal
    services_list = _services_list(centre)
    first = forms.ServiceDayForm(request.GET, centre=centre, settings=settings, services_list=services_list)
    if first.is_valid():
        day = first.cleaned_data["day"]
    elif request.method == "POST" and "service" in first.cleaned_data and first.has_error("day", availability.FULL):
        day = forms.parse_day(request.GET["day"])  # the day's last place went while this form was filled in:
        # the form below says so next to the time, keeping what was typed
    else:
        return render(request, "visits/start.html", _context(centre, settings, form=first), status=400)
    service = services_list[int(first.cleaned_data["service"])]
    consent_text = ConsentText.current(ConsentText.PERSONAL_DATA)
    if request.method == "POST":
        form = forms.BookingForm(request.POST, centre=centre, settings=settings, day=day)
        if form.is_valid() and _rate_limited(request):
            return render(request, "visits/limited.html", _context(centre, settings), status=429)
        if form.is_valid():
            data = form.cleaned_data
            try:
                booking = services.book(
                    centre, data["slot"], service=service, name=data["name"], phone=data["phone"],
                    email=data["email"], needs_wheelchair="wheelchair" in data["needs"],
                    needs_sign_language="sign_language" in data["needs"],
                    has_companion="companion" in data["needs"], other_needs=data["other_needs"],
                    consent_version=consent_text.version if consent_text else "",
                    language=translation.get_language())
            except services.SlotFull:
                form.slot_taken()
            except services.BookingError as error:
                form.add_error("slot", forms.SLOT_MESSAGES.get(error.reason, forms.SLOT_MESSAGES[availability.UNKNOWN]))
            else:
                if not _staff(request):
                    SubmissionThrottle.objects.create(key=_client_key(request))
                return HttpResponseRedirect(reverse("visits:manage", args=[booking.token]) + "?new=1")
        status = 400
    else:
        form = forms.BookingForm(centre=centre, settings=settings, day=day)
        status = 200
    return render(request, "visits/time.html", _context(
        centre, settings, form=form, day=day, service=service, query=request.GET.urlencode(),
        consent_text=consent_text, back_url=reverse("visits:start", args=[centre.pk]) + "?service="
        + first.cleaned_data["service"]), status=status)


def _booking(token):
    return Booking.objects.select_related("slot", "centre").filter(token=token).first()


def _booking_context(booking, **extra):
    return {"booking": booking, "centre": booking.centre.specific,
            "starts": timezone.localtime(booking.slot.starts_at),
            "change_reason": availability.can_change(booking.is_active, booking.slot.starts_at, timezone.now()),
            **extra}


NO_BOOKING = gettext_lazy("Запись не найдена. Проверьте ссылку из письма или запишитесь снова.")


@never_cache
def manage(request, token):
    booking = _booking(token)
    if booking is None:
        return _not_found(request, NO_BOOKING)
    return render(request, "visits/manage.html", _booking_context(booking, is_new=request.GET.get("new") == "1",
                                                                  is_moved=request.GET.get("moved") == "1"))


def _refused(request, booking, reason):
    return render(request, "visits/refused.html", _booking_context(
        booking, message=CHANGE_MESSAGES.get(reason, CHANGE_MESSAGES[availability.STARTED])),
        status=410 if reason == availability.CANCELLED else 409)


@never_cache
def cancel(request, token):
    booking = _booking(token)
    if booking is None:
        return _not_found(request, NO_BOOKING)
    reason = availability.can_change(booking.is_active, booking.slot.starts_at, timezone.now())
    if reason:
        return _refused(request, booking, reason)
    if request.method == "POST":
        try:
            booking = services.cancel(booking)
        except services.BookingError as error:  # cancelled in another tab meanwhile
            return _refused(request, booking, error.reason)
        return render(request, "visits/cancelled.html", _booking_context(booking))
    return render(request, "visits/cancel.html", _booking_context(booking))


@never_cache
def move(request, token):
    booking = _booking(token)
    if booking is None:
        return _not_found(request, NO_BOOKING)
    reason = availability.can_change(booking.is_active, booking.slot.starts_at, timezone.now())
    if reason:
        return _refused(request, booking, reason)
    centre = booking.centre.specific
    settings = VisitSettings.for_centre(centre)
    if "day" not in request.GET:
        form = forms.DayForm(centre=centre, settings=settings)
        return render(request, "visits/move_day.html", _booking_context(booking, form=form))
    day_form = forms.DayForm(request.GET, centre=centre, settings=settings)
    if not day_form.is_valid():
        return render(request, "visits/move_day.html", _booking_context(booking, form=day_form), status=400)
    day = day_form.cleaned_data["day"]
    if request.method == "POST":
        form = forms.MoveForm(request.POST, centre=centre, settings=settings, day=day, booking=booking)
        if form.is_valid():
            try:
                booking = services.move(booking, form.cleaned_data["slot"])
            except services.SlotFull:
                form.slot_taken()
            except services.BookingError as error:
                if error.reason in CHANGE_MESSAGES:
                    return _refused(request, booking, error.reason)
                form.add_error("slot", forms.SLOT_MESSAGES.get(error.reason, forms.SLOT_MESSAGES[availability.UNKNOWN]))
            else:
                return HttpResponseRedirect(reverse("visits:manage", args=[booking.token]) + "?moved=1")
        status = 400
    else:
        form = forms.MoveForm(centre=centre, settings=settings, day=day, booking=booking)
        status = 200
    return render(request, "visits/move_time.html", _booking_context(
        booking, form=form, day=day, query=request.GET.urlencode(),
        back_url=reverse("visits:move", args=[booking.token])), status=status)
