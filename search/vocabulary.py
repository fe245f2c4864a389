"""The index vocabulary held in memory, per process and language, for typo correction and idf.

Reading it from the database on every query cost more than the rest of the search at 20,000
documents. It is loaded once per language and kept until the index generation token changes:
every write to the index changes the token (``bump`` inside the writing transaction), and every
search reads it (one single-row query), so a word published in any process is known, and
correctable, by the next search in every process.
"""
import contextlib
import contextvars
import threading
import uuid
from bisect import bisect_left, bisect_right

from django.db import connection
from django.utils import timezone

_lock = threading.Lock()
_cache = {}  # lang -> (token, Vocabulary)


def letter_mask(text):
    """A 64-bit set of the letters of ``text`` (letters may share a bit; see ``Vocabulary.candidates``)."""
    mask = 0
    for ch in text:
        mask |= 1 << (ord(ch) & 63)
    return mask


class Vocabulary:
    """Every indexed stem of one language with its document frequency, and the documents count."""

    def __init__(self, lang, token, rows, documents):
        self.lang, self.token, self.documents = lang, token, documents
        self.doc_counts = dict(rows)
        self._by_letter = {}
        for term in self.doc_counts:
            self._by_letter.setdefault(term[:1], []).append(term)
        self._buckets = {}  # first letter -> (lengths, terms, letter masks) by length, made when first needed

    def _bucket(self, letter):
        bucket = self._buckets.get(letter)
        if bucket is None:
            terms = sorted(self._by_letter.get(letter, ()), key=lambda t: (len(t), t))
            bucket = self._buckets[letter] = ([len(t) for t in terms], terms, [letter_mask(t) for t in terms])
        return bucket

    def __len__(self):
        return len(self.doc_counts)

    def known(self, terms):
        """{term: document frequency} for those of ``terms`` that are in the index."""
        counts = self.doc_counts
        return {t: counts[t] for t in terms if t in counts}

    def candidates(self, word, min_length, max_length, limit):
        """(term, doc_count) of stems that could be ``word`` misspelt: same first letter, length in
        range, and at most ``limit`` of their letters missing from the word. (Every letter of a term
        that the word lacks costs at least one edit, so the last test never drops a real match;
        letters sharing a bit only make it weaker.)"""
        lengths, terms, masks = self._bucket(word[:1])
        absent = ~letter_mask(word)
        counts = self.doc_counts
        return [(terms[i], counts[terms[i]])
                for i in range(bisect_left(lengths, min_length), bisect_right(lengths, max_length))
                if (masks[i] & absent).bit_count() <= limit]

    def example(self, term):
        """A word the stem came from (one query: only asked for the correction chosen)."""
        with connection.cursor() as cursor:
            cursor.execute("SELECT word FROM portal_search_indexterm WHERE lang = %s AND term = %s",
                           [self.lang, term])
            row = cursor.fetchone()
        return row[0] if row else term


_pinned = contextvars.ContextVar("search_generation", default=None)


@contextlib.contextmanager
def pinned(token=None):
    """Read the generation token once for a block (a search and its answer): every
    ``current_token()`` inside returns it without a query. Yields the token."""
    token = token or current_token()
    reset = _pinned.set(token)
    try:
        yield token
    finally:
        _pinned.reset(reset)


def current_token():
    """The index generation token, or None when the row is missing (then nothing is cached)."""
    token = _pinned.get()
    if token is not None:
        return token
    with connection.cursor() as cursor:
        cursor.execute("SELECT token FROM portal_search_indexgeneration ORDER BY id LIMIT 1")
        row = cursor.fetchone()
    return row[0] if row else None


def load(lang, token):
    with connection.cursor() as cursor:
        cursor.execute("SELECT term, doc_count FROM portal_search_indexterm WHERE lang = %s", [lang])
        rows = cursor.fetchall()
        cursor.execute("SELECT COUNT(*) FROM portal_search_indexentry WHERE lang = %s", [lang])
        documents = cursor.fetchone()[0]
    return Vocabulary(lang, token, rows, documents)


def per_generation(store, key, load):
    """``load(token)`` as of the current index generation, kept in ``store`` under ``key`` until
    any process writes to the index (one single-row query per call). Shared by the vocabulary and
    the suggestion titles."""
    token = current_token()  # read before loading: a write in between only causes one more reload
    cached = store.get(key)
    if cached is not None and token is not None and cached[0] == token:
        return cached[1]
    value = load(token)
    if token is not None:
        with _lock:
            store[key] = (token, value)
    return value


def get(lang):
    """The vocabulary of ``lang`` as of the current index generation."""
    return per_generation(_cache, lang, lambda token: load(lang, token))


def bump():
    """A new generation: call inside the transaction that changes the index, after the change."""
    from search.models import IndexGeneration
    token = uuid.uuid4().hex
    if not IndexGeneration.objects.update(token=token, changed_at=timezone.now()):
        IndexGeneration.objects.create(token=token)
    return token


def clear():
    """Forget the cached vocabularies of this process (tests; the token makes it unnecessary otherwise)."""
    with _lock:
        _cache.clear()
