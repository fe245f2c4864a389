"""The embedded engine: SQLite FTS5 or PostgreSQL full-text search over pre-analysed stems.

Both databases store the same Snowball stems (see ``search.text``), so synonyms, typo
tolerance and ranking behave the same on either; the database finds the candidates (limited in
SQL, without ranking every match: see ``_Tiers``; bm25 on SQLite, ts_rank on a small title and
summary vector on PostgreSQL) and ``search.ranking`` re-orders them by field weight. The vocabulary (typo correction, document frequencies) is read from memory
(``search.vocabulary``); every write here starts a new index generation so it is reloaded.
"""
import logging
from django.db import DatabaseError, connection, transaction
from django.db.models import Count

from search import vocabulary as vocabularies
from search.models import IndexEntry, IndexTerm
from search.text import stem, words

logger = logging.getLogger(__name__)
CANDIDATES = 200  # re-ranked in Python; the total shown is capped at this many
PREFIX_MIN = 5  # stems this long also match longer stems ("подключ" finds "подключен")
PG_CONFIG = {"ru": "russian", "en": "english"}
# PostgreSQL keeps two vectors per entry: ``search_vector`` (every field, GIN-indexed) to match, and
# ``head_vector`` (title, phrasings and summary: a few hundred bytes, stored in the row) to rank.
# Ranking on the full vector meant reading and decompressing a ~4 KB vector for every matching
# document (thousands at 20,000 documents) on every search.
PG_HEAD = ("setweight(to_tsvector(%(config)s::regconfig, title_stems), 'A') || "
           "setweight(to_tsvector(%(config)s::regconfig, phrasings_stems), 'B') || "
           "setweight(to_tsvector(%(config)s::regconfig, summary_stems), 'C')")
PG_WRITE_VECTORS = (
    f"UPDATE portal_search_indexentry SET head_vector = {PG_HEAD}, "
    f"search_vector = {PG_HEAD} || setweight(to_tsvector(%(config)s::regconfig, body_stems), 'D') "
    "WHERE id = ANY(%(ids)s)")


def _vendor():
    return connection.vendor


def _vocabulary(doc):
    """stem -> a word it came from, over every field of a document."""
    vocab = {}
    text = " ".join([doc.title, doc.summary, doc.body, *doc.phrasings])
    for word in words(text):
        s = stem(word)
        if s and len(s) < 100 and not s.isdigit():
            vocab.setdefault(s, word[:100])
    return vocab


class TermCounter:
    """Document frequencies of stems, with a word each stem came from (for "did you mean")."""

    def __init__(self):
        self.counts, self.examples = {}, {}

    def add(self, lang, text):
        seen = set()
        for word in dict.fromkeys(words(text)):  # each word once, in order of first use
            s = stem(word)
            if s and len(s) < 100 and not s.isdigit() and s not in seen:
                seen.add(s)
                self.examples.setdefault((lang, s), word[:100])
        for s in seen:
            self.counts[(lang, s)] = self.counts.get((lang, s), 0) + 1

    def add_document(self, doc):
        self.add(doc.lang, " ".join([doc.title, doc.summary, doc.body, *doc.phrasings]))


class EmbeddedEngine:
    name = "embedded"

    # Writing -------------------------------------------------------------------------------
    @transaction.atomic
    def index_documents(self, docs, update_terms=True, fresh=False):
        """Insert or replace the documents (page, language) and keep the full-text table in step.

        ``fresh`` (after ``clear()``, in a rebuild) inserts in bulk without looking for old rows.
        """
        if not docs:
            return
        if fresh:
            entries = IndexEntry.objects.bulk_create([
                IndexEntry(page_id=d.page_id, lang=d.lang, page_type=d.page_type, url=d.url, title=d.title,
                           summary=d.summary, body=d.body, phrasings="\n".join(d.phrasings), section=d.section,
                           **d.analysed()) for d in docs])
            self._write_fulltext(entries, fresh=True)
            vocabularies.bump()
            return
        entries = []
        for doc in docs:
            entry, _created = IndexEntry.objects.update_or_create(
                page_id=doc.page_id, lang=doc.lang,
                defaults=dict(page_type=doc.page_type, url=doc.url, title=doc.title, summary=doc.summary,
                              body=doc.body, phrasings="\n".join(doc.phrasings), section=doc.section,
                              **doc.analysed()),
            )
            entries.append(entry)
        self._write_fulltext(entries)
        if update_terms:
            by_lang = {}
            for doc in docs:
                by_lang.setdefault(doc.lang, {}).update(_vocabulary(doc))
            for lang, vocab in by_lang.items():
                IndexTerm.objects.bulk_create(
                    [IndexTerm(lang=lang, term=t, word=w, length=len(t)) for t, w in vocab.items()],
                    ignore_conflicts=True, batch_size=500)
        vocabularies.bump()

    def _write_fulltext(self, entries, fresh=False):
        ids = [e.pk for e in entries]
        with connection.cursor() as cursor:
            if _vendor() == "sqlite":
                if not fresh:
                    cursor.execute(
                        f"DELETE FROM portal_search_fts WHERE rowid IN ({','.join(['%s'] * len(ids))})", ids)
                cursor.executemany(
                    "INSERT INTO portal_search_fts (rowid, title, phrasings, summary, body, lang) "
                    "VALUES (%s, %s, %s, %s, %s, %s)",
                    [(e.pk, e.title_stems, e.phrasings_stems, e.summary_stems, e.body_stems, e.lang)
                     for e in entries])
            elif _vendor() == "postgresql":
                for lang, config in PG_CONFIG.items():
                    lang_ids = [e.pk for e in entries if e.lang == lang]
                    if lang_ids:
                        cursor.execute(PG_WRITE_VECTORS, {"config": config, "ids": lang_ids})

    def delete_page(self, page_id):
        return self.delete_pages([page_id])

    @transaction.atomic
    def delete_pages(self, page_ids):
        """Remove the documents of these pages in every language; returns how many were removed."""
        ids = list(IndexEntry.objects.filter(page_id__in=list(page_ids)).values_list("pk", flat=True))
        if not ids:
            return 0
        if _vendor() == "sqlite":
            with connection.cursor() as cursor:
                for start in range(0, len(ids), 500):
                    chunk = ids[start:start + 500]
                    cursor.execute(
                        f"DELETE FROM portal_search_fts WHERE rowid IN ({','.join(['%s'] * len(chunk))})", chunk)
        for start in range(0, len(ids), 500):
            IndexEntry.objects.filter(pk__in=ids[start:start + 500]).delete()
        vocabularies.bump()
        return len(ids)

    @transaction.atomic
    def clear(self):
        if _vendor() == "sqlite":
            with connection.cursor() as cursor:
                cursor.execute("DELETE FROM portal_search_fts")
        IndexEntry.objects.all().delete()
        IndexTerm.objects.all().delete()
        vocabularies.bump()

    def rebuild_terms(self):
        """Recount the vocabulary with document frequencies from the stored entries."""
        counter = TermCounter()
        for entry in IndexEntry.objects.only("lang", "title", "summary", "body", "phrasings").iterator(chunk_size=500):
            counter.add(entry.lang, " ".join([entry.title, entry.summary, entry.body, entry.phrasings]))
        return self.save_terms(counter)

    def save_terms(self, counter):
        counts, examples = counter.counts, counter.examples
        with transaction.atomic():
            IndexTerm.objects.all().delete()
            IndexTerm.objects.bulk_create(
                [IndexTerm(lang=lang, term=s, word=examples[(lang, s)], length=len(s), doc_count=n)
                 for (lang, s), n in counts.items()], batch_size=1000)
            vocabularies.bump()
        return len(counts)

    # Reading -------------------------------------------------------------------------------
    def vocabulary(self, lang):
        """The index vocabulary of ``lang`` (cached per process until the index changes)."""
        return vocabularies.get(lang)

    def candidates(self, concepts, lang, limit=CANDIDATES, vocabulary=None):
        """[(entry_id, db_score)] of documents matching any concept, best first (higher is better);
        see ``_Tiers`` for how the database picks them without ranking every match.

        Concepts found in more than half of the documents are left out of the candidate query when
        a rarer one exists (the "common terms" idea): they barely change the order, cost the most,
        and still count when the candidates are re-ranked.
        """
        if not concepts:
            return []
        concepts = self._selective(concepts, vocabulary or self.vocabulary(lang))
        tiers = _PgTiers(concepts, lang) if _vendor() == "postgresql" else _Fts5Tiers(concepts, lang)
        try:
            if not connection.in_atomic_block:  # one statement in autocommit: nothing to roll back
                return tiers.candidates(limit)
            with transaction.atomic():  # a savepoint: a failed query must not break the caller's transaction
                return tiers.candidates(limit)
        except DatabaseError:
            logger.warning("Full-text query failed for %r", concepts, exc_info=True)
            return []

    @staticmethod
    def _selective(concepts, vocabulary):
        if len(concepts) < 2:
            return concepts
        n_docs = vocabulary.documents
        df = vocabulary.doc_counts

        def frequency(concept):
            counts = [df.get(a[0], 0) if len(a) == 1 else 0 for a in concept["alternatives"]]
            return max(counts)
        rare = [c for c in concepts if frequency(c) <= n_docs / 2]
        return rare or concepts

    @staticmethod
    def _fts5_expression(concepts, lang=None, columns="title phrasings summary body", operator=" OR "):
        """The MATCH expression (concepts joined by ``operator``); with ``lang``, limited to that
        language's rows and to ``columns`` (the language is a column of its own, so a query word
        like "en" must not match it)."""
        groups = []
        for concept in concepts:
            alts = []
            for alt in sorted(concept["alternatives"]):
                if len(alt) == 1 and len(alt[0]) >= PREFIX_MIN:
                    alts.append(f'"{alt[0]}"*')
                else:
                    alts.append('"' + " ".join(alt) + '"')
            groups.append("(" + " OR ".join(alts) + ")")
        expression = operator.join(groups)
        if lang is None:
            return expression
        return f'lang : "{lang}" AND {{{columns}}} : ({expression})'

    @staticmethod
    def _tsquery(concepts, operator=" | "):
        """The tsquery of the concepts joined by ``operator``. A phrase's words are ANDed, not
        adjacent (``<->``): the GIN index answers that exactly, without reading any document's
        vector to check positions; the re-ranking in Python counts only a real phrase."""
        groups = []
        for concept in concepts:
            alts = []
            for alt in sorted(concept["alternatives"]):
                if len(alt) == 1:
                    alts.append(f"'{alt[0]}'" + (":*" if len(alt[0]) >= PREFIX_MIN else ""))
                else:
                    alts.append("(" + " & ".join(f"'{s}'" for s in alt) + ")")
            groups.append("(" + " | ".join(alts) + ")")
        return operator.join(groups)

    def known_terms(self, lang, terms):
        return self.vocabulary(lang).known(terms)

    def document_count(self, lang):
        return self.vocabulary(lang).documents

    def entries(self, ids):
        """{id: EntryRow} with what ranking needs (stems and display fields; the long texts are left behind)."""
        ids = list(ids)
        if not ids:
            return {}
        with connection.cursor() as cursor:  # plain SQL: the ORM's rows cost a third of the fetch
            cursor.execute(f"SELECT id, {', '.join(EntryRow.__slots__)} FROM portal_search_indexentry "
                           f"WHERE id IN ({', '.join(['%s'] * len(ids))})", ids)
            return {row[0]: EntryRow(*row[1:]) for row in cursor.fetchall()}

    def stats(self):
        return dict(IndexEntry.objects.values_list("lang").annotate(n=Count("pk")).order_by("lang"))


class _Tiers:
    """The candidates from three cheap selections instead of ranking every match.

    Ranking all matches cost the most at scale: a common word matches thousands of documents, and
    ranking each one read its whole indexed text (PostgreSQL: a ~4 KB tsvector, decompressed). So,
    in one statement (one round trip):
    0. documents with every concept (queries of two or more), ranked, up to half the limit;
    1. documents matching in the title, phrasings or summary, ranked, up to the limit;
    2. any other match, unranked (it matches in the body only, the field of least weight), to
       fill the limit: ``limit`` matches in any order hold at least as many new ones as are missing.
    The score returned is only the order the database gave (higher first); ``search.ranking``
    decides the order shown.
    """

    def __init__(self, concepts, lang):
        self.concepts, self.lang = concepts, lang

    def candidates(self, limit):
        with connection.cursor() as cursor:
            rows = sorted(self.rows(cursor, limit), key=lambda row: (row[0], -row[2]))  # (tier, id, score)
        found = list(dict.fromkeys(row[1] for row in rows))[:limit]  # in the tiers' order, each id once
        return [(row_id, float(len(found) - position)) for position, row_id in enumerate(found)]


class _Fts5Tiers(_Tiers):
    """SQLite: one FTS5 table; column filters pick the fields, bm25 (the field weights) ranks."""

    RANKED = ("SELECT rowid AS id, -bm25(portal_search_fts, 10.0, 8.0, 4.0, 1.0, 0.0) AS score "
              "FROM portal_search_fts WHERE portal_search_fts MATCH %s ORDER BY score DESC LIMIT %s")
    ANY = "SELECT rowid AS id, 0.0 AS score FROM portal_search_fts WHERE portal_search_fts MATCH %s LIMIT %s"

    def _expression(self, **kwargs):
        return EmbeddedEngine._fts5_expression(self.concepts, self.lang, **kwargs)

    def rows(self, cursor, limit):
        parts = [(self.RANKED, [self._expression(columns="title phrasings summary"), limit]),
                 (self.ANY, [self._expression(), limit])]
        if len(self.concepts) > 1:
            parts.insert(0, (self.RANKED, [self._expression(operator=" AND "), limit // 2]))
        first = 0 if len(self.concepts) > 1 else 1
        sql = " UNION ALL ".join(f"SELECT {tier} AS tier, id, score FROM ({part_sql}) AS tier{tier}"
                                 for tier, (part_sql, _params) in enumerate(parts, first))
        cursor.execute(sql, [param for _sql, params in parts for param in params])
        return cursor.fetchall()


class _PgTiers(_Tiers):
    """PostgreSQL: the SQL function ``portal_search_candidates`` (migration 0004) runs the three
    selections. ``search_vector`` (GIN) matches every field; the small ``head_vector`` (GIN, kept in
    the row) matches and ranks the title, phrasings and summary. The function plans without
    sequential scans: with a LIMIT the planner liked scanning the table in order, and every row
    it read before finding enough cost reading that row's full vector."""

    SQL = "SELECT tier, id, score FROM portal_search_candidates(%s::regconfig, %s, %s, %s, %s)"

    def rows(self, cursor, limit):
        every = EmbeddedEngine._tsquery(self.concepts, " & ") if len(self.concepts) > 1 else None
        cursor.execute(self.SQL, [PG_CONFIG.get(self.lang, "simple"), every,
                                  EmbeddedEngine._tsquery(self.concepts), self.lang, limit])
        return cursor.fetchall()


class EntryRow:
    """An index entry as ranked and shown (plain attributes: building 200 model instances per query cost more)."""

    __slots__ = ("page_id", "lang", "page_type", "url", "title", "section",
                 "title_stems", "phrasings_stems", "summary_stems", "body_stems")

    def __init__(self, *values):
        for name, value in zip(self.__slots__, values):
            setattr(self, name, value)
