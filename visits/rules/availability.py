"""Which slots a visitor may take, and whether a booking may still be cancelled or moved.

Plain functions on plain data; the database keeps the counts and enforces the capacity itself
(``visits.services``), these decide what to offer and what to refuse, with a reason code each
view turns into a message in the visitor's language.

- A slot is offered only if it starts at least ``min_notice_minutes`` from now (the centre must
  see the booking before the visitor comes), lies within ``horizon_days`` from today, and has a
  free place: ``capacity - booked > 0``. Worked example: capacity 4, 3 booked → 1 free; 4 booked →
  full.
- A booking may be cancelled or moved while it is active and its visit has not started; a
  cancelled booking cannot be cancelled or moved again (its link then says so).
- A move must go to a different slot (moving to the same time changes nothing).
"""
import datetime

from visits.rules import slots as slot_rules

# Reasons a chosen slot is refused.
UNKNOWN = "unknown"      # not one of the centre's slots (a forged or stale value)
PAST = "past"            # already started, or too soon to be seen by the centre
HOLIDAY = "holiday"      # the day is a holiday or a moved day off
CLOSED = "closed"        # the centre does not receive visitors that day
TOO_FAR = "too_far"      # beyond the booking horizon
FULL = "full"            # every place taken

# Reasons a booking cannot be changed.
CANCELLED = "cancelled"
STARTED = "started"
SAME_SLOT = "same_slot"


def free_places(capacity, booked):
    return max(0, capacity - booked)


def is_bookable_time(day, start, now, min_notice_minutes):
    """``now`` is a naive local datetime (the site's time zone)."""
    return datetime.datetime.combine(day, start) >= now + datetime.timedelta(minutes=min_notice_minutes)


def booking_days(today, horizon_days):
    """The days a visitor may choose: from today up to ``horizon_days`` ahead."""
    return [today + datetime.timedelta(days=offset) for offset in range(horizon_days + 1)]


def check_day(day, rows, calendar, today, horizon_days):
    """None if the centre receives visitors on ``day`` within the horizon, else a reason."""
    if day < today:
        return PAST
    if day > today + datetime.timedelta(days=horizon_days):
        return TOO_FAR
    kind = slot_rules.day_kind(rows, day, calendar)
    if kind == slot_rules.HOLIDAY:
        return HOLIDAY
    if kind == slot_rules.CLOSED:
        return CLOSED
    return None


def check_slot(key, rows, calendar, now, *, slot_minutes, min_notice_minutes, horizon_days,
               booked=0, capacity=1):
    """(slot, None) when ``key`` names a slot that may be booked now, else (None or slot, reason).

    The order matters for the message: a forged value is "unknown", a real slot in the past is
    "past" even if it was also full.
    """
    parsed = slot_rules.parse_key(key)
    if parsed is None:
        return None, UNKNOWN
    day, start = parsed
    if day < now.date():
        return None, PAST
    day_reason = check_day(day, rows, calendar, now.date(), horizon_days)
    if day_reason in (HOLIDAY, CLOSED, TOO_FAR):
        return None, day_reason
    slot = next((s for s in slot_rules.day_slots(rows, day, calendar, slot_minutes) if s.start == start), None)
    if slot is None:
        return None, UNKNOWN
    if not is_bookable_time(day, start, now, min_notice_minutes):
        return slot, PAST
    if free_places(capacity, booked) <= 0:
        return slot, FULL
    return slot, None


def can_change(is_active, starts_at, now):
    """None if a booking may be cancelled or moved at ``now``, else a reason."""
    if not is_active:
        return CANCELLED
    if starts_at <= now:
        return STARTED
    return None


def check_move(is_active, starts_at, new_starts_at, now):
    reason = can_change(is_active, starts_at, now)
    if reason:
        return reason
    if new_starts_at == starts_at:
        return SAME_SLOT
    return None

