"""Query analysis and ranking shared by the engines: concepts, typo fixes, field weights, snippets."""
import math
import re
from dataclasses import dataclass, field

from django.utils.html import escape
from django.utils.safestring import mark_safe

from search.synonyms import expand
from search.text import MAX_QUERY_WORDS, WORD_RE, clean_query, fold, levenshtein, stem, words

FIELD_WEIGHTS = (("title", 10.0), ("phrasings", 8.0), ("summary", 4.0), ("body", 1.0))
PREFIX_MIN = 5
PREFIX_QUALITY = 0.6
TYPO_QUALITY = 0.8
LISTING_TYPES = {"sectionpage", "newsindexpage", "servicecentreindexpage", "homepage"}
LISTING_PRIOR = 0.7


@dataclass
class AnalysedQuery:
    text: str                      # the cleaned query as typed
    stems: list = field(default_factory=list)
    concepts: list = field(default_factory=list)
    corrections: dict = field(default_factory=dict)  # typed word -> suggested word
    corrected_stems: set = field(default_factory=set)

    @property
    def suggestion(self):
        """The query with misspelt words replaced, or '' when nothing was corrected."""
        if not self.corrections:
            return ""
        def swap(match):
            return self.corrections.get(fold(match.group(0)), match.group(0))
        return WORD_RE.sub(swap, self.text)


def max_typo_distance(word):
    if len(word) < 4 or word.isdigit():
        return 0
    return 1 if len(word) <= 6 else 2


def typo_distance(word, word_stem, term, limit):
    """How far ``term`` (an indexed stem) is from the typed word, allowing any ending after it.

    Comparing stems alone fails when a typo changes the stem completely ("тарив" stems to "тар"),
    so the term is matched against every prefix of the word from its stem to its full length.
    """
    lengths = range(max(1, min(len(word_stem), len(term) - limit)), len(word) + 1)
    return min((levenshtein(word[:k], term, limit) for k in lengths), default=limit + 1)


def analyse(raw, lang, engine):
    """Clean, stem, expand synonyms and correct typos against the index vocabulary."""
    text = clean_query(raw)
    typed = [w for w in words(text)][:MAX_QUERY_WORDS]
    pairs = [(w, stem(w)) for w in typed]
    pairs = [(w, s) for w, s in pairs if s]
    query = AnalysedQuery(text=text, stems=[s for _w, s in pairs])
    if not query.stems:
        return query
    query.concepts = expand(query.stems, lang)
    known = engine.known_terms(lang, set(query.stems))
    for concept in query.concepts:
        if len(concept["alternatives"]) > 1:
            continue  # a synonym matched: the word is meaningful as typed
        (alt,) = concept["alternatives"]
        if len(alt) != 1 or alt[0] in known:
            continue
        term = alt[0]
        word = next(w for w, s in pairs if s == term)
        limit = max_typo_distance(word)
        if not limit:
            continue
        best = None
        for candidate, example, doc_count in engine.term_candidates(
                lang, word[0], max(4, len(term) - limit), len(word) + limit):
            distance = typo_distance(word, term, candidate, limit)
            if distance <= limit:
                key = (distance, -doc_count, -len(candidate))
                if best is None or key < best[0]:
                    best = (key, candidate, example)
        if best:
            candidate, example = best[1], best[2]
            concept["alternatives"].add((candidate,))
            query.corrected_stems.add(candidate)
            query.corrections[word] = suggest_word(word, term, candidate, example)
    return query


def suggest_word(word, word_stem, candidate, example):
    """The typed word with its stem replaced ("комунальные" -> "коммунальные")."""
    if word.startswith(word_stem) and len(word_stem) >= 3 and len(candidate) >= len(word_stem):
        return candidate + word[len(word_stem):]
    return example


def _match_quality(alt, tokens, token_set, corrected):
    if len(alt) == 1:
        s = alt[0]
        if s in token_set:
            return TYPO_QUALITY if s in corrected else 1.0
        if len(s) >= PREFIX_MIN and any(t.startswith(s) for t in token_set):
            return PREFIX_QUALITY
        return 0.0
    n = len(alt)
    for i in range(len(tokens) - n + 1):
        if tuple(tokens[i:i + n]) == alt:
            return 1.0
    return 0.0


def score_entry(entry, query, idf):
    """Sum over concepts of idf × the weight of the best field it occurs in, times coverage."""
    fields = {}
    for name, _w in FIELD_WEIGHTS:
        tokens = getattr(entry, f"{name}_stems").split()
        fields[name] = (tokens, set(tokens))
    total, matched = 0.0, 0
    for concept in query.concepts:
        best, extra = 0.0, 0.0
        for name, weight in FIELD_WEIGHTS:
            tokens, token_set = fields[name]
            quality = max(_match_quality(a, tokens, token_set, query.corrected_stems)
                          for a in concept["alternatives"])
            value = weight * quality
            if value > best:
                extra += best
                best = value
            else:
                extra += value
        if best:
            matched += 1
            total += idf(concept) * (best + 0.1 * extra)
    if not matched:
        return 0.0, 0
    coverage = matched / len(query.concepts)
    # A title that is mostly the query is very likely the page sought.
    title_tokens = fields["title"][1]
    if title_tokens:
        in_title = sum(1 for t in title_tokens if any(
            _match_quality(a, [t], {t}, ()) for c in query.concepts for a in c["alternatives"] if len(a) == 1))
        total *= 1 + 0.5 * in_title / len(title_tokens)
    # Listing pages repeat their children's summaries; the child is the better answer.
    total *= LISTING_PRIOR if entry.page_type in LISTING_TYPES else 1.0
    return total * (0.25 + 0.75 * coverage ** 2), matched


def make_idf(query, engine, lang):
    stems_needed = {a[0] for c in query.concepts for a in c["alternatives"] if len(a) == 1}
    stems_needed |= {s for c in query.concepts for a in c["alternatives"] for s in a}
    doc_counts = engine.known_terms(lang, stems_needed)
    n_docs = max(engine.document_count(lang), 1)

    def idf(concept):
        counts = [min(doc_counts.get(s, 0) for s in alt) for alt in concept["alternatives"]]
        df = max(counts) if counts else 0
        return math.log(1 + (n_docs + 1) / (df + 1))
    return idf


def highlight(text, matched_stems, max_words=32):
    """An HTML snippet of ``text`` around the densest run of matched words, hits in <mark>."""
    if not text:
        return ""
    tokens = list(re.finditer(r"\S+", text))
    if not tokens:
        return ""
    hits = []
    for i, token in enumerate(tokens):
        for w in WORD_RE.findall(fold(token.group(0))):
            s = stem(w)
            if s and (s in matched_stems or any(len(m) >= PREFIX_MIN and s.startswith(m) for m in matched_stems)):
                hits.append(i)
                break
    hit_set = set(hits)
    start = 0
    if hits:
        best = max(hits, key=lambda i: (sum(1 for h in hits if i <= h < i + max_words - 3), -i))
        start = max(0, best - 3)
    window = tokens[start:start + max_words]
    out = []
    for offset, token in enumerate(window):
        piece = escape(token.group(0))
        out.append(f"<mark>{piece}</mark>" if start + offset in hit_set else piece)
    prefix = "… " if start > 0 else ""
    suffix = " …" if start + max_words < len(tokens) else ""
    return mark_safe(prefix + " ".join(out) + suffix)


def matched_stems(query):
    return {s for c in query.concepts for a in c["alternatives"] for s in a}
