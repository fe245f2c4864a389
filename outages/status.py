"""Outage status rules: which changes are allowed and what the public sees at a given moment."""
from django.utils.translation import gettext_lazy as _

ANNOUNCED = "announced"
IN_PROGRESS = "in_progress"
RESTORED = "restored"
CANCELLED = "cancelled"
STATUS_CHOICES = [
    (ANNOUNCED, _("объявлено")),
    (IN_PROGRESS, _("идут работы")),
    (RESTORED, _("электроснабжение восстановлено")),
    (CANCELLED, _("отменено")),
]
OPEN_STATUSES = (ANNOUNCED, IN_PROGRESS)

PLANNED = "planned"
EMERGENCY = "emergency"
KIND_CHOICES = [(PLANNED, _("плановое отключение")), (EMERGENCY, _("аварийное отключение"))]

# A restored or cancelled outage may be reopened (a repeat fault, works rescheduled); restoring
# an outage that never started is allowed because dispatch often reports only the end.
TRANSITIONS = {
    ANNOUNCED: {IN_PROGRESS, RESTORED, CANCELLED},
    IN_PROGRESS: {RESTORED, CANCELLED},
    RESTORED: {IN_PROGRESS},
    CANCELLED: {ANNOUNCED},
}


class StatusChangeError(ValueError):
    pass


def check_transition(old, new):
    """Raise StatusChangeError unless old → new is allowed (the same status is a no-op)."""
    if old == new:
        return
    if new not in TRANSITIONS.get(old, set()):
        raise StatusChangeError(f"{old} → {new}")


ENDED = "ended"  # shown only: an announced outage whose window has passed
PUBLIC_LABELS = dict(STATUS_CHOICES) | {ENDED: _("работы завершены по графику")}


def public_status(status, starts_at, ends_at, now):
    """What a citizen should be told now.

    Planned works start by the clock even if dispatch has not switched the status, so an announced
    outage inside its window is in progress, and past its window it ended on schedule. An outage
    dispatch marked in progress stays so past its expected end: power is back only when they say.
    """
    if status in (RESTORED, CANCELLED, IN_PROGRESS):
        return status
    if now >= ends_at:
        return ENDED
    if starts_at <= now:
        return IN_PROGRESS
    return ANNOUNCED


def is_listed(status, ends_at, now):
    """Shown among current and coming outages (the query twin is Outage.objects.current())."""
    return status == IN_PROGRESS or (status == ANNOUNCED and ends_at > now)
