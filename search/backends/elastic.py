"""Elasticsearch 8 through elasticsearch.dsl: an index per language behind an alias.

Analyzers: ё→е char filter, lowercase, stop words, Snowball stemmer; synonyms (the editors'
list) only at search time, so editing them needs no reindex. A rebuild fills a new index and
swaps the alias in one request, so searches never see a half-built index.
"""
import logging
import time
from urllib.parse import urlsplit, urlunsplit

from django.utils.safestring import mark_safe
from elasticsearch import Elasticsearch, helpers
from elasticsearch.dsl import (
    Completion, Index, Integer, Keyword, Mapping, Q, Search, Text, analyzer, char_filter, token_filter,
)

from search.results import Hit, SearchResults
from search.text import MAX_QUERY_WORDS, clean_query

logger = logging.getLogger(__name__)

INDEX_PREFIX = "portal-pages"
FIELD_BOOSTS = ["title^10", "phrasings^8", "summary^4", "body"]
LANG_SETTINGS = {
    "ru": {"stop": "_russian_", "stemmer": "russian"},
    "en": {"stop": "_english_", "stemmer": "english"},
}
RETRY_AFTER_SECONDS = 30

yo_fold = char_filter("yo_fold", type="mapping", mappings=["ё => е", "Ё => Е"])


def alias_name(lang):
    return f"{INDEX_PREFIX}-{lang}"


def _synonym_rules(lang):
    from search.synonyms import synonym_groups
    rules = []
    for terms in synonym_groups(lang):
        words = [t.lower().replace("ё", "е").replace(",", " ") for t, _stems in terms]
        if len(words) > 1:
            rules.append(", ".join(words))
    return rules


def analyzers(lang, synonyms=None):
    """(index analyzer, search analyzer, plain analyzer) for a language."""
    conf = LANG_SETTINGS[lang]
    stop = token_filter(f"{lang}_stop", type="stop", stopwords=conf["stop"])
    stemmer = token_filter(f"{lang}_stemmer", type="stemmer", language=conf["stemmer"])
    # Cyrillic words on English pages (fallback text) still get a Russian stem, and vice versa.
    other = "english" if lang == "ru" else "russian"
    other_stemmer = token_filter(f"{other}_stemmer_mixed", type="stemmer", language=other)
    index_an = analyzer(f"{lang}_index", tokenizer="standard", char_filter=[yo_fold],
                        filter=["lowercase", stop, stemmer, other_stemmer])
    syn_rules = _synonym_rules(lang) if synonyms is None else synonyms
    synonym_filter = token_filter(f"{lang}_synonyms", type="synonym_graph", synonyms=syn_rules or ["тп, тп"],
                                  lenient=True)
    search_an = analyzer(f"{lang}_search", tokenizer="standard", char_filter=[yo_fold],
                         filter=["lowercase", synonym_filter, stop, stemmer, other_stemmer])
    plain_an = analyzer(f"{lang}_plain", tokenizer="standard", char_filter=[yo_fold], filter=["lowercase"])
    return index_an, search_an, plain_an


def build_mapping(lang, synonyms=None):
    index_an, search_an, plain_an = analyzers(lang, synonyms)

    def text():
        return Text(analyzer=index_an, search_analyzer=search_an, copy_to="spell")
    m = Mapping()
    m.field("page_id", Integer())
    m.field("lang", Keyword())
    m.field("page_type", Keyword())
    m.field("url", Keyword(index=False))
    m.field("section", Keyword())
    m.field("title", text())
    m.field("phrasings", text())
    m.field("summary", text())
    m.field("body", text())
    m.field("spell", Text(analyzer=plain_an))
    m.field("suggest", Completion(analyzer=plain_an))
    return m


def build_index(name, lang, synonyms=None):
    index = Index(name)
    index.settings(number_of_shards=1, number_of_replicas=0)
    index.mapping(build_mapping(lang, synonyms))
    return index


def document_body(doc):
    return {
        "page_id": doc.page_id, "lang": doc.lang, "page_type": doc.page_type, "url": doc.url,
        "section": doc.section, "title": doc.title, "phrasings": doc.phrasings, "summary": doc.summary,
        "body": doc.body, "suggest": {"input": [doc.title, *doc.phrasings][:20]},
    }


def build_search(raw_query, lang, size=500):
    """The Search for a query: fuzzy multi-field match, phrase boost, highlight, spelling suggester."""
    text = " ".join(clean_query(raw_query).split()[:MAX_QUERY_WORDS])
    s = Search(index=alias_name(lang))
    s = s.query(Q("bool", should=[
        Q("multi_match", query=text, fields=FIELD_BOOSTS, type="best_fields", fuzziness="AUTO",
          prefix_length=1, operator="or", tie_breaker=0.3),
        Q("multi_match", query=text, fields=FIELD_BOOSTS, type="phrase", boost=2),
    ], minimum_should_match=1))
    s = s.highlight("summary", "body", fragment_size=200, number_of_fragments=1, encoder="html",
                    pre_tags=["<mark>"], post_tags=["</mark>"])
    s = s.suggest("did_you_mean", text, term={"field": "spell", "suggest_mode": "missing", "min_word_length": 4})
    s = s.source(["page_id", "page_type", "title", "url", "section", "summary"])
    return s.extra(size=size, track_total_hits=True)


def build_autocomplete(prefix, lang, size=8):
    s = Search(index=alias_name(lang)).source(["title", "url"])
    return s.suggest("titles", clean_query(prefix)[:100], completion={"field": "suggest", "size": size,
                                                                       "skip_duplicates": True})


class ElasticsearchEngine:
    name = "elasticsearch"

    def __init__(self, url):
        self.url = url
        self.client = Elasticsearch(url, request_timeout=2, max_retries=0, retry_on_timeout=False)
        self._down_until = 0.0

    @property
    def safe_url(self):
        """The URL without credentials, for logs."""
        parts = urlsplit(self.url)
        netloc = parts.hostname or ""
        if parts.port:
            netloc += f":{parts.port}"
        return urlunsplit((parts.scheme, netloc, parts.path, "", ""))

    def available(self):
        """Ping, remembering a failure for a while so a dead server costs one attempt per 30 s."""
        if time.monotonic() < self._down_until:
            return False
        try:
            ok = bool(self.client.ping())
        except Exception:
            ok = False
        if not ok:
            self._down_until = time.monotonic() + RETRY_AFTER_SECONDS
        return ok

    def safe_call(self, method, *args):
        if not self.available():
            logger.warning("Elasticsearch at %s is not answering; %s skipped", self.safe_url, method)
            return None
        try:
            return getattr(self, method)(*args)
        except Exception:
            logger.warning("Elasticsearch %s failed", method, exc_info=True)
            return None

    def search(self, raw_query, lang):
        results = SearchResults(query=clean_query(raw_query), lang=lang, backend=self.name)
        if not results.query.strip():
            return results
        response = build_search(raw_query, lang).using(self.client).execute()
        for hit in response:
            fragments = getattr(hit.meta, "highlight", None)
            snippet = ""
            if fragments:
                for name in ("summary", "body"):
                    if name in fragments:
                        snippet = fragments[name][0]
                        break
            results.hits.append(Hit(page_id=hit.page_id, title=hit.title, url=hit.url, page_type=hit.page_type,
                                    score=round(hit.meta.score, 4), snippet=mark_safe(snippet),
                                    section=getattr(hit, "section", "")))
        corrections = {}
        for entry in getattr(response.suggest, "did_you_mean", []) if hasattr(response, "suggest") else []:
            if entry.options:
                corrections[entry.text] = entry.options[0].text
        if corrections:
            results.suggestion = " ".join(corrections.get(w.lower(), w) for w in results.query.split())
        return results

    def autocomplete(self, prefix, lang):
        response = build_autocomplete(prefix, lang).using(self.client).execute()
        return [{"title": o._source.title, "url": o._source.url, "type": o._source.page_type}
                for o in response.suggest.titles[0].options]

    def index_documents(self, docs):
        actions = [{"_index": alias_name(d.lang), "_id": d.page_id, "_source": document_body(d)} for d in docs]
        helpers.bulk(self.client, actions)

    def delete_page(self, page_id):
        for lang in LANG_SETTINGS:
            self.client.delete(index=alias_name(lang), id=page_id, ignore_status=404)

    def rebuild(self, docs):
        """Fill a fresh index per language, then move the alias to it atomically."""
        stamp = time.strftime("%Y%m%d%H%M%S")
        counts = {}
        for lang in LANG_SETTINGS:
            alias = alias_name(lang)
            new_name = f"{alias}-{stamp}"
            build_index(new_name, lang).create(using=self.client)
            lang_docs = [d for d in docs if d.lang == lang]
            helpers.bulk(self.client, [{"_index": new_name, "_id": d.page_id, "_source": document_body(d)}
                                       for d in lang_docs])
            self.client.indices.refresh(index=new_name)
            old = list(self.client.indices.get_alias(name=alias, ignore_unavailable=True).keys()) \
                if self.client.indices.exists_alias(name=alias) else []
            actions = [{"remove": {"index": name, "alias": alias}} for name in old]
            actions.append({"add": {"index": new_name, "alias": alias}})
            self.client.indices.update_aliases(actions=actions)
            for name in old:
                self.client.indices.delete(index=name, ignore_unavailable=True)
            counts[lang] = len(lang_docs)
        return counts


_engines = {}


def get_engine(url):
    if url not in _engines:
        _engines[url] = ElasticsearchEngine(url)
    return _engines[url]
