"""Text analysis shared by indexing and querying: one place decides what a "word" is.

Both sides (documents and queries) go through ``analyse`` so that stems always agree:
lower case, ё folded to е, stop words dropped, Cyrillic words stemmed with the Russian
Snowball stemmer and Latin words with the English one (pages mix both scripts).
"""
import re
import unicodedata
from functools import lru_cache

import snowballstemmer

WORD_RE = re.compile(r"[^\W_]+", re.UNICODE)
CYRILLIC_RE = re.compile(r"[а-я]")
MAX_QUERY_CHARS = 500  # longer input is cut: nobody types more, and it bounds the work per query
MAX_QUERY_WORDS = 32

RUSSIAN_STOP_WORDS = frozenset("""
и в во не что он на я с со как а то все она так его но да ты к у же вы за бы по только ее мне
было вот от меня еще нет о из ему теперь когда даже ну вдруг ли если уже или ни быть был него
до вас нибудь опять уж вам ведь там потом себя ничего ей может они тут где есть надо ней для мы
тебя их чем была сам чтоб без будто чего раз тоже себе под будет ж тогда кто этот того потому
этого какой совсем ним здесь этом один почти мой тем чтобы нее сейчас были куда зачем всех
никогда можно при наконец об другой хоть после над больше тот через эти нас про всего них
какая много разве эту моя впрочем хорошо свою этой перед иногда лучше чуть том нельзя такой
им более всегда конечно всю между какие какое каких каким какую ваш ваше ваша ваши свой свои
мой мои нужно нужен нужна нужны это эта также либо ли бы же сколько почему который которая
которые которых мой меня мне нам вам нас вас я ты вы они оно
""".split())

ENGLISH_STOP_WORDS = frozenset("""
a an and are as at be but by for from has have how i if in into is it its my of on or our so
that the their them then there these they this to was we what when where which who why will
with you your do does did can could should would am me us since about after before any all some
no not nor also just only than too very more most own same such here were been being had having
""".split())

_stemmers = {}


def _stemmer(lang):
    if lang not in _stemmers:
        _stemmers[lang] = snowballstemmer.stemmer("russian" if lang == "ru" else "english")
    return _stemmers[lang]


def fold(text):
    """Lower case, ё→е, compatibility forms unified (so "ＴＰ" and "тп" agree)."""
    text = unicodedata.normalize("NFKC", text or "").lower()
    return text.replace("ё", "е")


def words(text):
    """The words of a text in order, folded but not stemmed."""
    return WORD_RE.findall(fold(text))


def word_script(word):
    return "ru" if CYRILLIC_RE.search(word) else "en"


def is_stop_word(word):
    """True for a folded word that ``stem`` drops (without stemming it)."""
    return word in (RUSSIAN_STOP_WORDS if word_script(word) == "ru" else ENGLISH_STOP_WORDS)


@lru_cache(maxsize=200_000)
def stem(word):
    """The stem of one folded word, by its own script; stop words give ''."""
    lang = word_script(word)
    if word in (RUSSIAN_STOP_WORDS if lang == "ru" else ENGLISH_STOP_WORDS):
        return ""
    if word.isdigit():
        return word
    return _stemmer(lang).stemWord(word)


def stems(text):
    """The non-stop-word stems of a text, in order (duplicates kept: positions matter for phrases)."""
    return [s for s in (stem(w) for w in words(text)) if s]


def stem_text(text):
    return " ".join(stems(text))


def clean_query(raw):
    """Control characters removed, whitespace collapsed, length bounded."""
    raw = "".join(ch if unicodedata.category(ch)[0] != "C" else " " for ch in str(raw or ""))
    return " ".join(raw.split())[:MAX_QUERY_CHARS]
