"""Rules for page feedback: what is stored, and which pages ask for it."""
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
