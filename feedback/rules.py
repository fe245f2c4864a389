"""Rules for page feedback: what is stored, which pages ask for it, and how often one may answer."""
import datetime
import re

from feedback.models import COMMENT_MAX_LENGTH

_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+", re.UNICODE)
# Russian phone numbers in their usual spellings: +7 (8182) 12-34-56, 8 800 220 02 20, 89001234567.
_PHONE = re.compile(r"(?<!\d)(?:\+7|8)[\s(.-]*\d{3,4}[\s).-]*\d{1,3}[\s.-]*\d{2}[\s.-]*\d{2}(?!\d)")
# Long digit runs: account numbers, passport and SNILS numbers.
_LONG_NUMBER = re.compile(r"(?<!\d)\d(?:[\s-]?\d){8,}(?!\d)")
REDACTED = "[…]"


def redact_personal_data(text):
    """Remove e-mail addresses, phone numbers and long numbers a visitor may type by mistake.

    The report is read by editors who cannot answer; we keep the words, not the contacts.
    """
    text = (text or "").strip()[:COMMENT_MAX_LENGTH]
    for pattern in (_EMAIL, _PHONE, _LONG_NUMBER):
        text = pattern.sub(REDACTED, text)
    return text


def asks_for_feedback(page):
    """Content pages ask "Is this page useful?"; the home page and form pages say show_feedback = False."""
    return bool(page is not None and getattr(page, "show_feedback", False) and page.live)


def parse_answer(raw):
    """"yes" -> True, "no" -> False, anything else -> None."""
    return {"yes": True, "no": False}.get((raw or "").strip().lower()) if isinstance(raw, str) else None


def usefulness_percent(yes, no):
    """Share of "yes" answers, rounded; None when nobody answered."""
    total = (yes or 0) + (no or 0)
    if not total:
        return None
    return round(100 * (yes or 0) / total)


# Votes per client (the address behind our trusted proxies, ``ops.client.client_address``):
# one answer per page a day, and no more than VOTES_PER_HOUR answers an hour in all. A service
# centre's kiosk or a mobile network puts many people behind one address: for them the page
# counts one answer a day, which keeps the report honest (a vote is a signal, not a ballot).
VOTES_PER_PAGE = 1
VOTE_PAGE_WINDOW = datetime.timedelta(days=1)
VOTES_PER_HOUR = 30
VOTE_HOUR_WINDOW = datetime.timedelta(hours=1)
VOTE_KEEP = VOTE_PAGE_WINDOW  # limit rows older than this are deleted
REPEAT, TOO_MANY = "repeat", "too_many"


def vote_refusal(same_page_in_window, all_in_hour):
    """Why a vote is not counted, or None to count it.

    ``same_page_in_window``: this client's counted votes on this page in the last day;
    ``all_in_hour``: this client's counted votes on any page in the last hour.
    A repeated vote on the same page is REPEAT (thanked, not counted); past the hourly cap TOO_MANY.
    """
    if same_page_in_window >= VOTES_PER_PAGE:
        return REPEAT
    if all_in_hour >= VOTES_PER_HOUR:
        return TOO_MANY
    return None
