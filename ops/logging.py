"""One JSON object per log line, with the request id, so logs can be searched and joined."""
import json
import logging
import re
from datetime import datetime, timezone


class JsonFormatter(logging.Formatter):
    def format(self, record):
        payload = {
            "time": datetime.fromtimestamp(record.created, tz=timezone.utc).isoformat(timespec="milliseconds"),
            "level": record.levelname,
            "logger": record.name,
            "request_id": getattr(record, "request_id", "-"),
            "message": record.getMessage(),
        }
        if record.exc_info or record.exc_text:
            # exc_text first: PersonalDataFilter has masked it
            payload["exception"] = record.exc_text or self.formatException(record.exc_info)
        return json.dumps(payload, ensure_ascii=False)


# --- personal data never reaches a log line ---------------------------------------------------
#
# The app's own log calls name cases, messages and subscriptions by id only. This filter is the net
# under that rule, on every handler in settings.LOGGING: whatever a library, an exception text or a
# request path carries, e-mail addresses, phone numbers, access codes and tokens are masked before
# the line is written. Names and postal addresses have no pattern to find them by; they are kept
# out by never logging them (tests/ops/test_personal_data_in_logs.py walks a whole case and greps).

MASK = "***"
_SENSITIVE_KEYS = (r"access_code|accesscode|password|passwd|secret|token|submission_key|email|e-mail|phone"
                   r"|applicant_name|postal_address|site_address|csrfmiddlewaretoken|sessionid|code")
_PATTERNS = [
    # key=value, key: value, 'key': 'value' (query strings, dict reprs, form dumps)
    (re.compile(rf"""(?i)(['"]?\b(?:{_SENSITIVE_KEYS})['"]?\s*[=:]\s*)(['"])(.*?)\2"""), rf"\1\2{MASK}\2"),
    (re.compile(rf"""(?i)(\b(?:{_SENSITIVE_KEYS})=)[^&\s;,'"]+"""), rf"\1{MASK}"),
    # subscription confirm / unsubscribe links carry the token in the path
    (re.compile(r"(/(?:confirm|unsubscribe)/)[^/\s?#'\"]+"), rf"\1{MASK}"),
    # e-mail addresses (also internationalised ones)
    (re.compile(r"[\w.!#$%&'*+/=?^`{|}~-]+@[\w-]+(?:\.[\w-]+)+"), MASK),
    # phone numbers: +7 / 8 and ten digits in any grouping, or any international number
    (re.compile(r"(?<![\w.])(?:\+7|8)[\s(-]*\d{3}[\s)-]*\d{3}[\s-]*\d{2}[\s-]*\d{2}(?![\w.])"), MASK),
    (re.compile(r"(?<![\w.])\+\d[\d\s()-]{8,}\d(?![\w.])"), MASK),
    # access codes: six digits on their own (not part of a longer number, a time or an address)
    (re.compile(r"(?<![\w.:/-])\d{6}(?![\w:/-]|\.\d)"), MASK),
    # tokens: long random strings of letters and digits (subscription tokens, submission keys)
    (re.compile(r"(?<![\w-])(?=[\w-]*\d)(?=[\w-]*[A-Za-z])[A-Za-z0-9_-]{20,}(?![\w-])"), MASK),
]


def mask_personal_data(text):
    """``text`` with e-mail addresses, phone numbers, access codes and tokens replaced by ***."""
    if not text:
        return text
    for pattern, replacement in _PATTERNS:
        text = pattern.sub(replacement, text)
    return text


class PersonalDataFilter(logging.Filter):
    """Masks personal data in the message, the exception text and the stack of every record."""

    def filter(self, record):
        try:
            message = record.getMessage()
        except Exception:  # noqa: BLE001 - a broken format string must not lose the line
            message = str(record.msg)
        masked = mask_personal_data(message)
        if masked != message or record.args:
            record.msg, record.args = masked, ()
        if record.exc_info and not record.exc_text:
            record.exc_text = logging.Formatter().formatException(record.exc_info)
        if record.exc_text:
            record.exc_text = mask_personal_data(record.exc_text)
        if record.stack_info:
            record.stack_info = mask_personal_data(record.stack_info)
        return True
