"""Reference numbers and access codes for cases.

A reference like ``ЕО-2026-7K3Q9`` is read over the phone and typed from paper, so the random
part uses an alphabet without look-alikes (no 0/O, 1/I/L, 5/S, 8/B, 2/Z) and is random, not
sequential, so one case's number tells nothing about another's.
"""
import re
import secrets

PREFIX = "ЕО"
ALPHABET = "34679ACDEFGHJKMNPQRTUVWXY"  # 25 symbols; 25**5 ≈ 9.8 million numbers a year
RANDOM_LENGTH = 5
ACCESS_CODE_ALPHABET = "0123456789"
ACCESS_CODE_LENGTH = 6

REFERENCE_RE = re.compile(rf"^{PREFIX}-(\d{{4}})-([{ALPHABET}]{{{RANDOM_LENGTH}}})$")

# Cyrillic letters people type instead of the Latin ones that look the same.
_LOOKALIKES = str.maketrans({
    "А": "A", "В": "B", "С": "C", "Е": "E", "Н": "H", "К": "K", "М": "M", "О": "O", "Р": "P",
    "Т": "T", "Х": "X", "У": "Y",
})


def generate_reference(year, choice=secrets.choice):
    random_part = "".join(choice(ALPHABET) for _ in range(RANDOM_LENGTH))
    return f"{PREFIX}-{year:04d}-{random_part}"


def generate_access_code(choice=secrets.choice):
    return "".join(choice(ACCESS_CODE_ALPHABET) for _ in range(ACCESS_CODE_LENGTH))


def normalise_reference(text):
    """Accept what people type: any case, spaces, Latin "EO" or Cyrillic look-alikes in the code."""
    cleaned = re.sub(r"[\s\u2010-\u2015_]+", "-", (text or "").strip().upper()).strip("-")
    cleaned = re.sub(r"-+", "-", cleaned)
    parts = cleaned.split("-")
    if len(parts) != 3:
        return cleaned
    prefix, year, code = parts
    if prefix in {"EO", "ЕO", "EО"}:
        prefix = PREFIX
    return f"{prefix}-{year}-{code.translate(_LOOKALIKES)}"


def is_valid_reference(text):
    return bool(REFERENCE_RE.match(text or ""))
