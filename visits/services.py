"""Book, cancel and move visits with the capacity enforced by the database; reminders once.

Every change runs in one transaction:

- ``book``: the slot row is made if missing (unique per centre and time; a concurrent insert is
  caught and the row read again), then ``UPDATE … SET booked = booked + 1 WHERE id = … AND
  booked < capacity``. Zero rows updated means the slot is full: nothing is saved and
  ``SlotFull`` is raised. PostgreSQL holds the row lock until commit and re-evaluates the
  condition for a waiting writer, so two clients for the last place cannot both pass; SQLite
  serialises writers (``transaction_mode = IMMEDIATE``).
- ``move``: both slot rows are locked in primary-key order (no deadlock between two moves in
  opposite directions), the new slot is taken the same way, then the old one released.
- ``cancel``: the booking row is locked (``select_for_update``) and changed only while active, so
  a cancel link used twice, or two tabs at once, releases the place once.
- ``send_reminders``: a booking is claimed with ``UPDATE … SET reminder_sent_at = now WHERE
  reminder_sent_at IS NULL``; only the run that claimed it queues the mail.
"""
import datetime
import secrets

from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone, translation

from cases.models import CalendarDay
from cases.rules.reference import ALPHABET
from visits import emails
from visits.models import Booking, VisitSettings, VisitSlot
from visits.rules import availability
from visits.rules import slots as slot_rules

REFERENCE_PREFIX = "ЗП"


class BookingError(Exception):
    def __init__(self, reason):
        super().__init__(reason)
        self.reason = reason


class SlotFull(BookingError):
    def __init__(self):
        super().__init__(availability.FULL)


def local_now():
    return timezone.localtime().replace(tzinfo=None)


def aware(day, time):
    return timezone.make_aware(datetime.datetime.combine(day, time))


def centre_rows(centre):
    return list(centre.opening_hours.all())


def booked_counts(centre, day):
    start = aware(day, datetime.time(0, 0))
    end = start + datetime.timedelta(days=1)
    return {timezone.localtime(starts_at).time().replace(tzinfo=None): booked
            for starts_at, booked in VisitSlot.objects.filter(
                centre=centre, starts_at__gte=start, starts_at__lt=end).values_list("starts_at", "booked")}


def available_slots(centre, day, settings=None, now=None, calendar=None, rows=None):
    """[(slot, free places)] of ``day`` that may be booked now (free places > 0)."""
    settings = settings or VisitSettings.for_centre(centre)
    now = now or local_now()
    calendar = calendar or CalendarDay.calendar()
    rows = centre_rows(centre) if rows is None else rows
    counts = booked_counts(centre, day)
    result = []
    for slot in slot_rules.day_slots(rows, day, calendar, settings.slot_minutes):
        if not availability.is_bookable_time(day, slot.start, now, settings.min_notice_minutes):
            continue
        free = availability.free_places(settings.places_per_slot, counts.get(slot.start, 0))
        if free:
            result.append((slot, free))
    return result


def available_days(centre, settings=None, now=None):
    """[(day, free places that day)] over the booking horizon, days with none left out."""
    settings = settings or VisitSettings.for_centre(centre)
    now = now or local_now()
    calendar = CalendarDay.calendar()
    rows = centre_rows(centre)
    days = []
    for day in availability.booking_days(now.date(), settings.horizon_days):
        free = sum(places for _slot, places in available_slots(centre, day, settings, now, calendar, rows))
        if free:
            days.append((day, free))
    return days


def check_slot(centre, key, settings=None, now=None):
    """(slot, reason): the rules' verdict on ``key`` with the current count of that slot."""
    settings = settings or VisitSettings.for_centre(centre)
    now = now or local_now()
    parsed = slot_rules.parse_key(key)
    booked = booked_counts(centre, parsed[0]).get(parsed[1], 0) if parsed else 0
    return availability.check_slot(
        key, centre_rows(centre), CalendarDay.calendar(), now, slot_minutes=settings.slot_minutes,
        min_notice_minutes=settings.min_notice_minutes, horizon_days=settings.horizon_days,
        booked=booked, capacity=settings.places_per_slot)


def slot_row(centre, slot):
    """The slot's row, made if missing (unique per centre and time)."""
    starts_at, ends_at = aware(slot.day, slot.start), aware(slot.day, slot.end)
    try:
        with transaction.atomic():
            row, _created = VisitSlot.objects.get_or_create(
                centre=centre, starts_at=starts_at, defaults={"ends_at": ends_at})
    except IntegrityError:  # another client made the row between our read and insert
        row = VisitSlot.objects.get(centre=centre, starts_at=starts_at)
    return row


def take_place(centre, slot, capacity, row=None):
    """Inside a transaction: the slot row with one more place taken, or SlotFull."""
    row = row or slot_row(centre, slot)
    taken = VisitSlot.objects.filter(pk=row.pk, booked__lt=capacity).update(booked=F("booked") + 1)
    if not taken:
        raise SlotFull()
    return row


def _reference():
    return f"{REFERENCE_PREFIX}-" + "".join(secrets.choice(ALPHABET) for _ in range(6))


def book(centre, key, *, service, name, phone="", email="", needs_wheelchair=False,
         needs_sign_language=False, has_companion=False, other_needs="", consent_version="",
         language=None, now=None):
    """The new booking, or BookingError with the rules' reason (SlotFull when full)."""
    settings = VisitSettings.for_centre(centre)
    if not settings.enabled:
        raise BookingError(availability.CLOSED)
    slot, reason = check_slot(centre, key, settings, now)
    if reason:
        raise SlotFull() if reason == availability.FULL else BookingError(reason)
    language = language or translation.get_language() or "ru"
    with transaction.atomic():
        row = take_place(centre, slot, settings.places_per_slot)
        for _attempt in range(5):
            reference = _reference()
            if not Booking.objects.filter(reference=reference).exists():
                break
        booking = Booking.objects.create(
            reference=reference, centre=centre, slot=row, service=service[:300], name=name, phone=phone,
            email=email, needs_wheelchair=needs_wheelchair, needs_sign_language=needs_sign_language,
            has_companion=has_companion, other_needs=other_needs, consent_version=consent_version,
            language=language)
        emails.queue(booking, "confirmation")
    return booking


def cancel(booking, now=None):
    now = now or timezone.now()
    with transaction.atomic():
        locked = Booking.objects.select_for_update(of=("self",)).select_related("slot").get(pk=booking.pk)
        reason = availability.can_change(locked.is_active, locked.slot.starts_at, now)
        if reason:
            raise BookingError(reason)
        locked.status, locked.cancelled_at = Booking.CANCELLED, now
        locked.save(update_fields=["status", "cancelled_at"])
        VisitSlot.objects.filter(pk=locked.slot_id, booked__gt=0).update(booked=F("booked") - 1)
        emails.queue(locked, "cancelled")
    return locked


def move(booking, key, now=None):
    settings = VisitSettings.for_centre(booking.centre)
    slot, reason = check_slot(booking.centre, key, settings, now)
    if reason:
        raise SlotFull() if reason == availability.FULL else BookingError(reason)
    with transaction.atomic():
        locked = Booking.objects.select_for_update(of=("self",)).select_related("slot").get(pk=booking.pk)
        reason = availability.check_move(locked.is_active, locked.slot.starts_at,
                                         aware(slot.day, slot.start), timezone.now())
        if reason:
            raise BookingError(reason)
        row = slot_row(locked.centre, slot)
        # Both slot rows locked in one order, so two moves in opposite directions cannot deadlock.
        list(VisitSlot.objects.select_for_update().filter(pk__in=[row.pk, locked.slot_id]).order_by("pk"))
        take_place(locked.centre, slot, settings.places_per_slot, row=row)
        VisitSlot.objects.filter(pk=locked.slot_id, booked__gt=0).update(booked=F("booked") - 1)
        locked.slot, locked.moved_at, locked.reminder_sent_at = row, timezone.now(), None
        locked.save(update_fields=["slot", "moved_at", "reminder_sent_at"])
        emails.queue(locked, "moved")
    return locked


def send_reminders(today=None):
    """Queue the day-before reminder of every active booking for tomorrow not yet reminded;
    returns how many were queued. Safe to run again or twice at once: each goes once."""
    today = today or timezone.localdate()
    tomorrow = today + datetime.timedelta(days=1)
    start = aware(tomorrow, datetime.time(0, 0))
    due = Booking.objects.filter(status=Booking.ACTIVE, reminder_sent_at__isnull=True,
                                 slot__starts_at__gte=start,
                                 slot__starts_at__lt=start + datetime.timedelta(days=1))
    queued = 0
    for pk in due.values_list("pk", flat=True):
        with transaction.atomic():
            claimed = Booking.objects.filter(pk=pk, status=Booking.ACTIVE, reminder_sent_at__isnull=True) \
                .update(reminder_sent_at=timezone.now())
            if claimed:
                emails.queue(Booking.objects.select_related("slot", "centre").get(pk=pk), "reminder")
                queued += 1
    return queued


def anonymise_old(today=None):
    """Erase the personal data of bookings whose visit is past the retention period
    (``visits.rules.retention``); returns how many were anonymised. Running it again changes nothing."""
    from visits.rules.retention import anonymise_before
    today = today or timezone.localdate()
    cutoff = aware(anonymise_before(today), datetime.time(0, 0))
    return Booking.objects.filter(slot__starts_at__lt=cutoff, anonymised_at__isnull=True).update(
        name="", phone="", email="", other_needs="", needs_wheelchair=False, needs_sign_language=False,
        has_companion=False, anonymised_at=timezone.now())
