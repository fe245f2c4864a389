"""The weekly query log for editors: counts only, with anything that looks personal masked."""
import datetime
import re

from django.db.models import F
from django.utils import timezone

from search.text import fold

EMAIL_RE = re.compile(r"\S+@\S+")
LONG_NUMBER_RE = re.compile(r"\d[\d\s\-()]{4,}\d")


def mask(query):
    """Lower-cased query with e-mails and long numbers (phones, account numbers) replaced."""
    text = EMAIL_RE.sub("[e-mail]", fold(query))
    text = LONG_NUMBER_RE.sub("[номер]", text)
    return " ".join(text.split())[:200]


def week_start(day):
    return day - datetime.timedelta(days=day.weekday())


def record(query, lang, found):
    from search.models import QueryLogEntry
    text = mask(query)
    if not text:
        return
    entry, _created = QueryLogEntry.objects.get_or_create(
        week_start=week_start(timezone.localdate()), lang=lang, query=text)
    QueryLogEntry.objects.filter(pk=entry.pk).update(
        searches=F("searches") + 1, no_results=F("no_results") + (0 if found else 1))
