"""Reading a date a citizen typed or put in a URL (``?date=``), with a specific reason on failure."""
import datetime
import re

from django.utils.translation import gettext_lazy as _

ISO = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$")
RUSSIAN = re.compile(r"^(\d{1,2})\.(\d{1,2})\.(\d{4})$")


class DateInputError(ValueError):
    def __init__(self, message):
        super().__init__(str(message))
        self.message = message


def parse_date(value):
    """A date from ``YYYY-MM-DD`` (what ``<input type=date>`` sends) or ``DD.MM.YYYY``."""
    value = (value or "").strip()
    if match := ISO.match(value):
        year, month, day = (int(g) for g in match.groups())
    elif match := RUSSIAN.match(value):
        day, month, year = (int(g) for g in match.groups())
    else:
        raise DateInputError(_("Введите дату в формате ДД.ММ.ГГГГ, например 01.07.2026."))
    try:
        return datetime.date(year, month, day)
    except ValueError:
        raise DateInputError(_("Такой даты нет в календаре. Проверьте день и месяц.")) from None
