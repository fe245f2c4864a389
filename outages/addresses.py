"""Address normalisation and house-range rules.

Citizens and dispatch exports spell the same street many ways («ул. Ленина», «Ленина улица»,
«улица ЛЕНИНА», «пр-т Троицкий», «Троицкий просп.»), with ё or е. Everything is compared through
the keys made here, so the database stores one key per street and lookups stay index-only.
"""
import re
from dataclasses import dataclass
from functools import lru_cache

# Street designators: every spelling -> one canonical short form.
STREET_TYPES = {
    "ул": "ул", "улица": "ул", "у": "ул", "street": "ул", "st": "ул",
    "пр": "пр-т", "пр-т": "пр-т", "пр-кт": "пр-т", "просп": "пр-т", "проспект": "пр-т",
    "prospekt": "пр-т", "avenue": "пр-т", "ave": "пр-т",
    "пер": "пер", "переулок": "пер", "lane": "пер",
    "пл": "пл", "площадь": "пл", "square": "пл", "sq": "пл",
    "наб": "наб", "набережная": "наб", "embankment": "наб",
    "ш": "ш", "шоссе": "ш", "highway": "ш",
    "б-р": "б-р", "бул": "б-р", "бульв": "б-р", "бульвар": "б-р", "boulevard": "б-р",
    "пр-д": "проезд", "проезд": "проезд", "passage": "проезд",
    "туп": "туп", "тупик": "туп",
    "мкр": "мкр", "мкр-н": "мкр", "микрорайон": "мкр",
    "тракт": "тракт", "аллея": "аллея", "линия": "линия", "кв-л": "кв-л", "квартал": "кв-л",
}
# Settlement designators are dropped: «г. Котлас», «город Котлас» and «Котлас» are one place.
SETTLEMENT_TYPES = {
    "г", "гор", "город", "п", "пос", "поселок", "пгт", "рп", "с", "село", "д", "дер", "деревня",
    "city", "town", "village", "settlement",
}

_ORDINAL = re.compile(r"(\d+)\s*-?\s*(?:й|я|ое|ой|го|ий|ый|ая|th|st|nd|rd)\b")
_JUNK = re.compile(r"[^\w\s-]+")
_SPACES = re.compile(r"\s+")


@lru_cache(maxsize=20000)
def fold(text):
    """Lower case, ё→е, punctuation to spaces, single spaces."""
    text = (text or "").lower().replace("ё", "е")
    text = _ORDINAL.sub(r"\1", text)
    text = _JUNK.sub(" ", text.replace("_", " "))
    # A hyphen joins words («пр-т», «Ново-Загородная») but «5-я» and stray dashes are spaces.
    text = re.sub(r"(?<![\w])-|-(?![\w])", " ", text)
    return _SPACES.sub(" ", text).strip()


def _split_designator(words, designators):
    """Take the designator off either end («ул. Ленина», «Ленина ул.»); an abbreviation wins a tie
    so that «Набережная наб.» keeps its name."""
    if len(words) < 2:
        return None, list(words)

    def canonical(word):
        if isinstance(designators, dict):
            return designators.get(word)
        return word if word in designators else None

    edges = [i for i in (0, len(words) - 1) if canonical(words[i])]
    if not edges:
        return None, list(words)
    index = min(edges, key=lambda i: (len(words[i]), i))
    return canonical(words[index]), words[:index] + words[index + 1:]


def street_key(name):
    """(canonical type or "", key of the name without its type) for a street spelling."""
    words = fold(name).split()
    street_type, rest = _split_designator(words, STREET_TYPES)
    return street_type or "", " ".join(rest)


def settlement_key(name):
    """Key of a settlement name without «г.», «пос.», «деревня» and the like."""
    words = fold(name).split()
    _, rest = _split_designator(words, SETTLEMENT_TYPES)
    return " ".join(rest)


def word_forms_match(word, key_word):
    """True when a word of free text is the key word or a case ending of it (Котласе, Онеге).

    Only the last letter of the key may change and at most three letters follow; short words
    must match exactly so that «на» never matches «Нарьян».
    """
    if word == key_word:
        return True
    if len(key_word) < 4:
        return False
    stem = key_word[:-1] if key_word[-1] in "аеиоуыьйяю" else key_word
    return word.startswith(stem) and len(word) - len(stem) <= 3


# ---- house numbers -----------------------------------------------------------------------

_HOUSE = re.compile(r"^\s*(?:д\.?\s*|дом\s+|house\s+)?(\d{1,5})", re.IGNORECASE)
_RANGE_PART = re.compile(
    r"^(?P<from>\d{1,5})[a-zа-я]?\s*(?:(?:-|–|—|по|до)\s*(?P<to>\d{1,5})[a-zа-я]?)?"
    r"(?:\s*\(?\s*(?P<side>нечет\w*|чет\w*|odd|even)\s*\)?)?$",
    re.IGNORECASE,
)
ALL = "all"
ODD = "odd"
EVEN = "even"


def house_number(text):
    """The integer part of a house number («12а», «д. 12/3», «12 корп. 1» → 12) or None."""
    match = _HOUSE.match(str(text or ""))
    return int(match.group(1)) if match else None


@dataclass(frozen=True)
class HouseRange:
    start: int
    end: int
    side: str = ALL

    def contains(self, number):
        if number is None or not (self.start <= number <= self.end):
            return False
        if self.side == ODD:
            return number % 2 == 1
        if self.side == EVEN:
            return number % 2 == 0
        return True


class HouseRangeError(ValueError):
    pass


WHOLE_STREET_WORDS = {"", "все", "вся улица", "все дома", "all", "whole street"}


def parse_house_ranges(text):
    """Parse «1-15 нечётные; 2-20 чётные, 31, 33а» into ranges; [] means the whole street.

    Raises HouseRangeError with the piece that could not be read.
    """
    cleaned = (text or "").lower().replace("ё", "е").strip()
    if cleaned in WHOLE_STREET_WORDS:
        return []
    ranges = []
    for part in re.split(r"[;,]", cleaned):
        part = part.strip().removeprefix("д.").removeprefix("дома").removeprefix("дом").strip()
        if not part:
            continue
        match = _RANGE_PART.match(part)
        if not match:
            raise HouseRangeError(part)
        start = int(match.group("from"))
        end = int(match.group("to") or start)
        if end < start:
            raise HouseRangeError(part)
        side_word = (match.group("side") or "").lower()
        side = ODD if side_word.startswith(("неч", "odd")) else EVEN if side_word.startswith(("чет", "even")) else ALL
        ranges.append(HouseRange(start, end, side))
    return ranges


def house_in_ranges(house, ranges):
    """Is the house covered? No ranges = the whole street; an unknown number is covered only then."""
    if not ranges:
        return True
    number = house if isinstance(house, int) else house_number(house)
    return any(r.contains(number) for r in ranges)
