"""Callback requests: the windows a citizen may choose and when the call is due.

Minenergo order No. 186 of 15.04.2014 (unified service-quality standards for grid companies),
as amended by order No. 541 of 07.07.2021: when staff cannot answer a caller's question at once,
the company calls back within 4 hours. The hours are the call centre's working hours
(``CallCentreSettings``) on the working days of the production calendar (``CalendarDay``).
The target itself is the routing rule of the "callback" request type (kind "hours").
"""
import datetime

from django.utils.translation import gettext_lazy as _

from cases.rules import deadlines

WINDOW_HOURS = 2  # the length of a window the citizen may choose


class WindowRefused(ValueError):
    def __init__(self, code, message):
        super().__init__(message)
        self.code = code
        self.message = message


def window_choices(opens, closes, hours=WINDOW_HOURS):
    """The windows of a working day, from opening to closing: [(start, end), ...]; the last one
    ends at closing time even if shorter."""
    windows = []
    start = datetime.datetime.combine(datetime.date(2000, 1, 3), opens)
    end_of_day = datetime.datetime.combine(datetime.date(2000, 1, 3), closes)
    while start < end_of_day:
        end = min(start + datetime.timedelta(hours=hours), end_of_day)
        windows.append((start.time(), end.time()))
        start = end
    return windows


def check_window(day, start, end, *, now, opens, closes, calendar):
    """A window the citizen chose on ``day``: inside the hours, on a working day, not over."""
    if not calendar.is_working_day(day):
        raise WindowRefused("day_off", _("%(date)s колл-центр не работает (выходной или праздничный день). "
                                         "Выберите рабочий день.") % {"date": day.strftime("%d.%m.%Y")})
    if start < opens or end > closes or start >= end:
        raise WindowRefused("outside_hours", _("Выберите время в часы работы колл-центра: с %(opens)s до "
                                               "%(closes)s.") % {"opens": opens.strftime("%H:%M"),
                                                                 "closes": closes.strftime("%H:%M")})
    if datetime.datetime.combine(day, end, tzinfo=now.tzinfo) <= now:
        raise WindowRefused("past", _("Это время уже прошло. Выберите время позже."))


def callback_due(requested_at, target_hours, *, opens, closes, calendar, window=None):
    """When the call is due.

    Without a chosen window: ``target_hours`` working hours after the request
    (``deadlines.add_working_hours``; Friday 16:00 with hours 9–18 and 4 hours → Monday 11:00).
    With a window (a pair of aware datetimes) the citizen asked to be called then: the call is
    due by the end of that window.
    """
    if window is not None:
        return window[1]
    return deadlines.add_working_hours(requested_at, target_hours, opens, closes, calendar)
