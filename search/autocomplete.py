"""Suggestions while typing: page titles whose words start with what was typed.

The titles of a language are held per process, like the vocabulary, and reloaded when the index
generation token changes, so a page published in any process is suggested at once. Matching is
a plain function (``match_titles``) so its rules are tested without a database.
"""
import re
import threading

from django.db import connection

from search import vocabulary

MIN_CHARS = 2
LIMIT = 8
_WORD = re.compile(r"\w+", re.UNICODE)
_lock = threading.Lock()
_cache = {}  # lang -> (token, [(folded words, folded title, title, url, page_type)])


def fold(text):
    return text.lower().replace("ё", "е")


def words(text):
    return _WORD.findall(fold(text))


def prepare(rows):
    """(title, url, page_type) rows -> entries ready for matching."""
    return [(words(title), fold(title), title, url, page_type) for title, url, page_type in rows]


def match_titles(entries, typed, limit=LIMIT):
    """Entries whose title has, for every typed word, a word starting with it (each title word used
    once). Titles that begin with the typed text come first, then shorter titles."""
    wanted = words(typed)
    if not wanted or len(" ".join(wanted)) < MIN_CHARS:
        return []
    phrase = " ".join(wanted)
    found = []
    for title_words, folded, title, url, page_type in entries:
        free = list(title_words)
        for word in wanted:
            hit = next((i for i, w in enumerate(free) if w.startswith(word)), None)
            if hit is None:
                break
            free.pop(hit)
        else:
            starts = " ".join(title_words).startswith(phrase)
            found.append(((0 if starts else 1, len(title_words), len(title)), title, url, page_type))
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
