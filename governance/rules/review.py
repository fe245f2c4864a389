"""Content governance: who answers for a page, when it is next checked, and whether its English
still says what the Russian says.

Why a review date at all: the customer-service standard (2007, «Информационная доступность»:
«полная и достоверная информация обо всех процедурах ... предоставляется в доступной форме») and
the disclosure standards (Government decree No. 24 of 21.01.2004) require that what the site says
is complete and true, which it stops being when a page outlives the facts it states. A page nobody re-reads goes stale
silently, so every page gets an owner and a date by which the owner confirms it is still right.
The interval (REVIEW_INTERVAL_DAYS) is the editorial policy, not law: a year, the longest period
between tariff decisions, so every page is re-read at least once per tariff cycle.
"""
import datetime
import hashlib
import json

REVIEW_INTERVAL_DAYS = 365
# An owner hears of a page from this many days before its review date (and every week after it).
REMINDER_HORIZON_DAYS = 7

PAST_REVIEW = "past_review"
REVIEW_SOON = "review_soon"
NO_OWNER = "no_owner"
ENGLISH_OLDER = "english_older"
OK = "ok"


def default_review_by(published_on, interval_days=REVIEW_INTERVAL_DAYS):
    """The first review date of a page published on ``published_on``: one interval later."""
    return published_on + datetime.timedelta(days=interval_days)


def is_past_review(review_by, today):
    """A page is past review the day after its review date (the date itself is still in time).
    A page without a date is past review: nobody has committed to re-reading it."""
    return review_by is None or today > review_by


def is_due_for_reminder(review_by, today, horizon_days=REMINDER_HORIZON_DAYS):
    """The owner is reminded from ``horizon_days`` before the review date, and while it is past."""
    return review_by is None or review_by - datetime.timedelta(days=horizon_days) <= today


def week_of(today):
    """The Monday of ``today``'s ISO week: reminders are sent at most once per owner and week."""
    return today - datetime.timedelta(days=today.weekday())


def language_fingerprints(values, languages=("ru", "en")):
    """``{language: digest}`` of a page's translated fields, from ``{"title_ru": ..., "title_en": ...}``.

    A digest changes exactly when some field of that language changed; empty values count, so an
    English field emptied (falling back to Russian on the site) is a change too."""
    digests = {}
    for language in languages:
        suffix = f"_{language}"
        part = {name: values[name] for name in sorted(values) if name.endswith(suffix)}
        digests[language] = hashlib.sha256(
            json.dumps(part, sort_keys=True, default=str, ensure_ascii=False).encode()).hexdigest()
    return digests


def changed_languages(before, after):
    """The languages whose fingerprint differs between two publications (``before`` may be empty:
    a first publication changes every language)."""
    return {language for language, digest in after.items() if before.get(language) != digest}


def english_is_older(ru_changed_at, en_changed_at):
    """The English version was last changed before the Russian one (or never): it may say
    something the Russian no longer says."""
    if ru_changed_at is None:
        return False
    return en_changed_at is None or en_changed_at < ru_changed_at


def state(review_by, has_owner, ru_changed_at, en_changed_at, today, horizon_days=REMINDER_HORIZON_DAYS):
    """The most urgent thing to do about a page, in the report's order of urgency."""
    if is_past_review(review_by, today):
        return PAST_REVIEW
    if not has_owner:
        return NO_OWNER
    if english_is_older(ru_changed_at, en_changed_at):
        return ENGLISH_OLDER
    if is_due_for_reminder(review_by, today, horizon_days):
        return REVIEW_SOON
    return OK
