"""Extending the deadline of a case (59-FZ, applied by analogy, see domain.md).

Federal Law No. 59-FZ of 02.05.2006 "On the procedure for considering appeals of citizens",
art. 12 part 2: in exceptional cases the head may extend the term of consideration by no more
than 30 days, notifying the citizen who sent the appeal of the extension. One extension only.
A new deadline that falls on a day off moves to the next working day (Civil Code art. 193).
"""
import datetime

from django.utils.translation import gettext_lazy as _

from cases.rules import deadlines

MAX_EXTENSION_DAYS = 30
MAX_EXTENSIONS = 1


class ExtensionRefused(ValueError):
    """Why an extension is not allowed; ``code`` names the reason, ``message`` says it."""

    def __init__(self, code, message):
        super().__init__(message)
        self.code = code
        self.message = message


def extended_due_date(current_due, days, *, times_extended, reason, calendar, in_hours=False):
    """The new deadline after extending ``current_due`` by ``days`` calendar days.

    Refused (``ExtensionRefused``) when the case was already extended once, when ``days`` is not
    1–30, without a reason (the citizen must be told why), or for a deadline counted in hours
    (a callback: the 4-hour target of order 186 has no extension).
    """
    if in_hours:
        raise ExtensionRefused("in_hours", _("Срок обратного звонка не продлевается: позвоните заявителю "
                                             "или закройте заявку с пояснением."))
    if times_extended >= MAX_EXTENSIONS:
        raise ExtensionRefused("already_extended", _(
            "Срок этого обращения уже продлевался. Продлить срок можно только один раз "
            "(ст. 12 Федерального закона № 59-ФЗ)."))
    if days is None or days < 1:
        raise ExtensionRefused("too_short", _("Укажите, на сколько дней продлить срок: от 1 до %(max)d.")
                               % {"max": MAX_EXTENSION_DAYS})
    if days > MAX_EXTENSION_DAYS:
        raise ExtensionRefused("too_long", _(
            "Срок можно продлить не больше чем на %(max)d дней (ст. 12 Федерального закона № 59-ФЗ); "
            "указано %(days)d.") % {"max": MAX_EXTENSION_DAYS, "days": days})
    if not (reason or "").strip():
        raise ExtensionRefused("no_reason", _("Укажите причину продления: её сообщат заявителю."))
    new_due = current_due + datetime.timedelta(days=days)
    while not calendar.is_working_day(new_due):
        new_due += datetime.timedelta(days=1)
    return new_due
