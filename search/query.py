"""What a query says, read once and handed to the page types' answers (``direct_answer``).

Engine-independent: the words as typed (folded), their stems, the engine's spelling suggestion
folded in (so «электроплитй» still reads as «электроплита»), and the numbers with their units
(kW, kWh, people, roubles). Page types decide what the words mean for them.
"""
import re
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from search.text import clean_query, fold, stem, words

NUMBER_RE = re.compile(
    r"(?<![\w.,])(\d{1,3}(?:[ \u00a0]\d{3})+|\d+)(?:[.,](\d+))?\s*"
    r"(квт[\s·*.\-]*ч\w*|kw[\s·*.\-]*h|kwh|квт\w*|kw\b|тыс\w*\s*(?:руб\w*|р\b|₽)?|thousand|k\b|"
    r"руб\w*|р\b|₽|rub\w*|roubles?|rubles?|чел\w*|people|persons?|members?|гкал|gcal|м\b|метр\w*|m\b|metres?|meters?|"
    r"%|процент\w*|percent)?",
    re.IGNORECASE,
)
# Spelled-out family sizes: «семья из трёх человек», "family of four".
SMALL_NUMBERS = {
    "один": 1, "одного": 1, "одна": 1, "одной": 1, "двое": 2, "два": 2, "двух": 2, "трое": 3, "три": 3, "трех": 3,
    "четверо": 4, "четыре": 4, "четырех": 4, "пятеро": 5, "пять": 5, "пяти": 5, "шестеро": 6, "шесть": 6, "шести": 6,
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
}
MAX_NUMBER = Decimal("1e12")


def _unit(raw):
    u = fold(raw or "").replace(" ", "")
    if not u:
        return ""
    if re.match(r"(квт.*ч|kw.*h)", u):
        return "kwh"
    if u.startswith(("квт", "kw")):
        return "kw"
    if u.startswith(("тыс", "thousand")) or u == "k":
        return "thousand_rub"
    if u.startswith(("руб", "р", "₽", "rub", "roubl")):
        return "rub"
    if u.startswith(("чел", "people", "person", "member")):
        return "people"
    if u.startswith(("гкал", "gcal")):
        return "gcal"
    if u.startswith(("м", "m")):
        return "m"
    if u.startswith(("%", "процент", "percent")):
        return "percent"
    return ""


@dataclass
class Number:
    value: Decimal
    unit: str  # "kw", "kwh", "rub", "people", "gcal", "m", "percent" or "" (a bare number)


@dataclass
class QueryFacts:
    text: str
    lang: str
    words: list = field(default_factory=list)        # folded words, typed and suggested
    stems: set = field(default_factory=set)
    numbers: list = field(default_factory=list)

    @classmethod
    def parse(cls, raw, lang="ru", suggestion=""):
        text = clean_query(raw)
        typed = words(text)
        extra = [w for w in words(suggestion or "") if w not in typed]
        all_words = typed + extra
        facts = cls(text=text, lang=lang, words=all_words,
                     stems={s for s in (stem(w) for w in all_words) if s})
        facts.numbers = cls._numbers(text)
        for position, word in enumerate(typed):
            if word in SMALL_NUMBERS and not any(n.unit == "people" for n in facts.numbers):
                following = typed[position + 1:position + 2]
                if following and following[0].startswith(("чел", "people", "person", "член", "member")):
                    facts.numbers.append(Number(Decimal(SMALL_NUMBERS[word]), "people"))
        return facts

    @staticmethod
    def _numbers(text):
        found = []
        for match in NUMBER_RE.finditer(text[:500]):
            whole = re.sub(r"[ \u00a0]", "", match.group(1))
            try:
                value = Decimal(whole + ("." + match.group(2) if match.group(2) else ""))
            except InvalidOperation:
                continue
            if value > MAX_NUMBER:
                continue
            unit = _unit(match.group(3))
            if unit == "thousand_rub":
                value, unit = value * 1000, "rub"
            found.append(Number(value, unit))
        return found

    @property
    def empty(self):
        return not self.words

    def has(self, *prefixes):
        """Any word starting with one of ``prefixes`` (folded: «ё» is «е»)."""
        return any(w.startswith(prefixes) for w in self.words)

    def has_word(self, *exact):
        return any(w in exact for w in self.words)

    def has_phrase(self, *phrases):
        """One of ``phrases`` as consecutive word prefixes («нет свет» finds «нет света»)."""
        for phrase in phrases:
            parts = phrase.split()
            n = len(parts)
            for i in range(len(self.words) - n + 1):
                if all(self.words[i + k].startswith(parts[k]) for k in range(n)):
                    return True
        return False

    def only(self, *prefixes):
        """Every content word (not a stop word, not a number) starts with one of ``prefixes``:
        the query is all about one topic («тарифы на электроэнергию», "electricity prices")."""
        from search.text import is_stop_word
        content = [w for w in self.words if not is_stop_word(w) and not w.isdigit()]
        return bool(content) and all(w.startswith(prefixes) for w in content)

    def number(self, *units):
        """The first number with one of ``units`` ("" for a bare number), or None."""
        return next((n.value for n in self.numbers if n.unit in units), None)
