"""Suggestions while typing: page titles whose words start with what was typed.

The titles of a language are held per process, like the vocabulary, and reloaded when the index
generation token changes, so a page published in any process is suggested at once. Matching is
a plain function (``match_titles``) so its rules are tested without a database: whole words and
phrases in either language match other forms of the same word (stems) and small typos, through
an index of title words and stems, so it stays fast at tens of thousands of titles.
"""
import re
import threading
from bisect import bisect_left

from django.db import connection

from search import vocabulary
from search.ranking import max_typo_distance, typo_distance
from search.text import stem

MIN_CHARS = 2
LIMIT = 8
MAX_WORDS = 8
STEM_MIN = 4   # a typed word's stem this long also finds other forms of the word
TYPO_MIN = 4   # words this long may be misspelt
_WORD = re.compile(r"\w+", re.UNICODE)
_lock = threading.Lock()
_cache = {}  # lang -> (token, [(folded words, folded title, title, url, page_type)])


def fold(text):
    return text.lower().replace("ё", "е")


def words(text):
    return _WORD.findall(fold(text))


class Titles:
    """The titles of one language, with an index from title words (and their stems) to titles."""

    def __init__(self, entries):
        self.entries = entries
        self.by_word = {}
        self.by_stem = {}
        for position, (title_words, *_rest) in enumerate(entries):
            for word in title_words:
                self.by_word.setdefault(word, set()).add(position)
                s = stem(word) or word
                self.by_stem.setdefault(s, set()).add(position)
        self.sorted_words = sorted(self.by_word)
        self.sorted_stems = sorted(self.by_stem)
        self.stems_by_letter = {}
        for s in self.by_stem:
            self.stems_by_letter.setdefault(s[:1], []).append(s)

    def __iter__(self):
        return iter(self.entries)

    def _prefixed(self, sorted_keys, prefix):
        start = bisect_left(sorted_keys, prefix)
        for key in sorted_keys[start:]:
            if not key.startswith(prefix):
                break
            yield key

    def candidates(self, word):
        """Titles with a word this typed word may mean: it starts that word, shares its stem
        («ночной» finds «ночного»), or is that stem misspelt («ночнй»)."""
        found = set()
        for key in self._prefixed(self.sorted_words, word):
            found |= self.by_word[key]
        word_stem = stem(word) or word
        if len(word_stem) >= STEM_MIN:
            for key in self._prefixed(self.sorted_stems, word_stem):
                found |= self.by_stem[key]
        if found or len(word) < TYPO_MIN:
            return found
        limit = max_typo_distance(word)
        for candidate in self.stems_by_letter.get(word[:1], ()):
            if max(3, len(word_stem) - limit) <= len(candidate) <= len(word) + limit and \
                    typo_distance(word, word_stem, candidate, limit) <= limit:
                found |= self.by_stem[candidate]
        return found


def prepare(rows):
    """(title, url, page_type) rows -> entries ready for matching."""
    return Titles([(words(title), fold(title), title, url, page_type) for title, url, page_type in rows])


def _word_match(typed, title_word):
    """How well a typed word matches a title word: 3 starts it, 2 same stem, 1 a typo, 0 no."""
    if title_word.startswith(typed):
        return 3
    typed_stem = stem(typed) or typed
    title_stem = stem(title_word) or title_word
    if len(typed_stem) >= STEM_MIN and (title_stem.startswith(typed_stem) or title_word.startswith(typed_stem)):
        return 2
    if len(typed) >= TYPO_MIN:
        limit = max_typo_distance(typed)
        if limit and len(title_stem) >= max(3, len(typed_stem) - limit) and \
                typo_distance(typed, typed_stem, title_stem, limit) <= limit:
            return 1
    return 0


def match_titles(entries, typed, limit=LIMIT):
    """Entries whose title has, for every typed word, a word it starts, shares a stem with or
    misspells (each title word used once), in both languages. Titles that begin with the typed
    text come first, then closer matches, then shorter titles."""
    wanted = words(typed)[:MAX_WORDS]
    if not wanted or len(" ".join(wanted)) < MIN_CHARS:
        return []
    if not isinstance(entries, Titles):
        entries = Titles(list(entries))
    phrase = " ".join(wanted)
    pool = None
    for word in wanted:
        if len(word) < 2 and len(wanted) > 1:
            continue  # a one-letter word between others narrows nothing
        found = entries.candidates(word)
        pool = found if pool is None else pool & found
        if not pool:
            return []
    found = []
    for position in sorted(pool or ()):
        title_words, folded, title, url, page_type = entries.entries[position]
        free = list(title_words)
        quality = 0
        for word in wanted:
            best, best_q = None, 0
            for i, w in enumerate(free):
                q = _word_match(word, w)
                if q > best_q:
                    best, best_q = i, q
                    if q == 3:
                        break
            if best is None:
                break
            quality += best_q
            free.pop(best)
        else:
            starts = " ".join(title_words).startswith(phrase)
            found.append(((0 if starts else 1, -quality, len(title_words), len(title)), title, url, page_type))
    found.sort(key=lambda item: item[0])
    seen, results = set(), []
    for _rank, title, url, page_type in found:
        if url in seen:
            continue
        seen.add(url)
        results.append({"title": title, "url": url, "type": page_type})
        if len(results) == limit:
            break
    return results


def _load(lang):
    with connection.cursor() as cursor:
        cursor.execute("SELECT title, url, page_type FROM portal_search_indexentry WHERE lang = %s ORDER BY id",
                       [lang])
        return prepare(cursor.fetchall())


def _entries(lang):
    return vocabulary.per_generation(_cache, lang, lambda _token: _load(lang))


def suggest(typed, lang, limit=LIMIT):
    return match_titles(_entries(lang), typed, limit)


def clear():
    with _lock:
        _cache.clear()
