"""Query analysis and ranking shared by the engines: concepts, typo fixes, field weights, snippets."""
import html
import math
from bisect import bisect_left
from dataclasses import dataclass, field
from functools import lru_cache

from django.utils.safestring import mark_safe

from search.knowledge import listing_types
from search.synonyms import expand
from search.text import MAX_QUERY_WORDS, WORD_RE, clean_query, fold, is_stop_word, stem, words

FIELD_WEIGHTS = (("title", 10.0), ("phrasings", 8.0), ("summary", 4.0), ("body", 1.0))
PREFIX_MIN = 5
PREFIX_QUALITY = 0.6
TYPO_QUALITY = 0.8
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
    so the term is matched against every prefix of the word from its stem to its full length:
    the smallest edit distance between ``term`` and ``word[:k]``, for k from about the stem's length
    to the word's, or ``limit + 1`` when all are over ``limit``. One table gives every k (row k is
    ``word[:k]`` against ``term``); rows never get better, so it stops at the first row over ``limit``.
    """
    first = max(1, min(len(word_stem), len(term) - limit))
    previous = list(range(len(term) + 1))
    best = limit + 1
    for k, ca in enumerate(word, 1):
        current = [k]
        for j, cb in enumerate(term, 1):
            current.append(min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (ca != cb)))
        if k >= first and current[-1] < best:
            best = current[-1]
        if min(current) > limit:
            break
        previous = current
    return best


def analyse(raw, lang, engine, vocabulary=None):
    """Clean, stem, expand synonyms and correct typos against the index vocabulary.

    Only a word whose stem is not in the index is corrected; candidates come from the vocabulary
    in memory (``search.vocabulary``), pre-filtered by length and letters before edit distances.
    """
    text = clean_query(raw)
    typed = [w for w in words(text)][:MAX_QUERY_WORDS]
    pairs = [(w, stem(w)) for w in typed]
    pairs = [(w, s) for w, s in pairs if s]
    query = AnalysedQuery(text=text, stems=[s for _w, s in pairs])
    if not query.stems:
        return query
    query.concepts = expand(query.stems, lang)
    vocabulary = vocabulary or engine.vocabulary(lang)
    known = vocabulary.doc_counts
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
        for candidate, doc_count in vocabulary.candidates(word, max(4, len(term) - limit), len(word) + limit, limit):
            distance = typo_distance(word, term, candidate, limit)
            if distance <= limit:
                key = (distance, -doc_count, -len(candidate), candidate)
                if best is None or key < best:
                    best = key
        if best:
            candidate = best[3]
            concept["alternatives"].add((candidate,))
            query.corrected_stems.add(candidate)
            query.corrections[word] = suggest_word(word, term, candidate, lambda c=candidate: vocabulary.example(c))
    return query


def suggest_word(word, word_stem, candidate, example):
    """The typed word with its stem replaced ("комунальные" -> "коммунальные"), else ``example``
    (a word the candidate stem came from; a callable is called only when needed)."""
    if word.startswith(word_stem) and len(word_stem) >= 3 and len(candidate) >= len(word_stem):
        return candidate + word[len(word_stem):]
    return example() if callable(example) else example


def _alternative_patterns(alternatives, corrected):
    """Each alternative as substring tests on " stem stem … " (a field's stems, space-padded):
    (whole-token pattern, its quality, prefix pattern or None). A stem is a whole token of the field
    (1, or 0.8 for a typo's correction), starts a longer one (0.6, stems of 5+ letters), or a phrase
    is a run of tokens (1): ``in`` on a string, instead of a Python loop over every token of the body."""
    patterns = []
    for alt in alternatives:
        if len(alt) == 1:
            s = alt[0]
            patterns.append((f" {s} ", TYPO_QUALITY if s in corrected else 1.0,
                             f" {s}" if len(s) >= PREFIX_MIN else None))
        else:
            patterns.append((" " + " ".join(alt) + " ", 1.0, None))
    return patterns


def _quality(patterns, padded):
    best = 0.0
    for whole, quality, prefix in patterns:
        if whole in padded:
            if quality > best:
                best = quality
        elif prefix is not None and PREFIX_QUALITY > best and prefix in padded:
            best = PREFIX_QUALITY
        if best == 1.0:
            break
    return best


def make_scorer(query, idf):
    """score(entry) -> (score, concepts matched): ``score_entry`` with the per-query work done once."""
    concepts = [(idf(c), _alternative_patterns(c["alternatives"], query.corrected_stems)) for c in query.concepts]
    singles = {a[0] for c in query.concepts for a in c["alternatives"] if len(a) == 1}
    prefixes = tuple(s for s in singles if len(s) >= PREFIX_MIN)
    n_concepts = len(query.concepts)
    listings = listing_types()  # page types that say they are listings (search.knowledge)
    fields = [(f"{name}_stems", weight) for name, weight in FIELD_WEIGHTS]

    def score(entry):
        padded = [(f" {getattr(entry, attr)} ", weight) for attr, weight in fields]
        total, matched = 0.0, 0
        for concept_idf, patterns in concepts:
            best, extra = 0.0, 0.0
            for text, weight in padded:
                value = weight * _quality(patterns, text)
                if value > best:
                    extra += best
                    best = value
                else:
                    extra += value
            if best:
                matched += 1
                total += concept_idf * (best + 0.1 * extra)
        if not matched:
            return 0.0, 0
        coverage = matched / n_concepts
        # A title that is mostly the query is very likely the page sought.
        title_tokens = set(entry.title_stems.split())
        if title_tokens:
            in_title = sum(1 for t in title_tokens if t in singles or t.startswith(prefixes))
            total *= 1 + 0.5 * in_title / len(title_tokens)
        # Listing pages repeat their children's summaries; the child is the better answer.
        total *= LISTING_PRIOR if entry.page_type in listings else 1.0
        return total * (0.25 + 0.75 * coverage ** 2), matched
    return score


def score_entry(entry, query, idf):
    """Sum over concepts of idf × the weight of the best field it occurs in, times coverage."""
    return make_scorer(query, idf)(entry)


def make_idf(query, engine, lang, vocabulary=None):
    vocabulary = vocabulary or engine.vocabulary(lang)
    doc_counts = vocabulary.doc_counts
    n_docs = max(vocabulary.documents, 1)

    def idf(concept):
        counts = [min(doc_counts.get(s, 0) for s in alt) for alt in concept["alternatives"]]
        df = max(counts) if counts else 0
        return math.log(1 + (n_docs + 1) / (df + 1))
    return idf


@lru_cache(maxsize=100_000)
def _token_stems(token):
    """The stems of the words in one whitespace-separated token of a text ("(счётчика)," -> ("счетчик",))."""
    return tuple(s for s in (stem(w) for w in WORD_RE.findall(fold(token))) if s)


@lru_cache(maxsize=100_000)
def _content_words(token):
    """How many words of a token keep a stem (stop words have none)."""
    return sum(1 for word in WORD_RE.findall(fold(token)) if not is_stop_word(word))


def _aligned_stems(tokens, text_stems):
    """The stems of each token taken from the stored stems of the whole text (``stem_text(text)``),
    so no word is stemmed again; None when they do not line up (then each token is stemmed)."""
    stems = text_stems.split()
    position, out = 0, []
    for token in tokens:
        n = _content_words(token)
        out.append(stems[position:position + n])
        position += n
    return out if position == len(stems) else None


def highlight(text, matched_stems, max_words=32, text_stems=None):
    """An HTML snippet of ``text`` around the densest run of matched words, hits in <mark>.

    ``text_stems`` (the stored stems of ``text``, optional) saves stemming every word again.
    """
    if not text:
        return ""
    tokens = text.split()
    if not tokens:
        return ""
    prefixes = tuple(m for m in matched_stems if len(m) >= PREFIX_MIN)
    token_stems = _aligned_stems(tokens, text_stems) if text_stems is not None else None
    if token_stems is None:
        token_stems = [_token_stems(token) for token in tokens]
    hits = [i for i, found in enumerate(token_stems)
            if found and any(s in matched_stems or s.startswith(prefixes) for s in found)]
    start = 0
    if hits:
        # The hit starting the window (of max_words - 3 words) with the most hits; the first on a tie.
        span = max_words - 3
        best = max(range(len(hits)), key=lambda n: (bisect_left(hits, hits[n] + span) - n, -hits[n]))
        start = max(0, hits[best] - 3)
    hit_set = set(hits)
    window = tokens[start:start + max_words]
    out = []
    for offset, token in enumerate(window):
        piece = html.escape(token)  # what django.utils.html.escape does, without its lazy-string wrapper per word
        out.append(f"<mark>{piece}</mark>" if start + offset in hit_set else piece)
    prefix = "… " if start > 0 else ""
    suffix = " …" if start + max_words < len(tokens) else ""
    return mark_safe(prefix + " ".join(out) + suffix)


def matched_stems(query):
    return {s for c in query.concepts for a in c["alternatives"] for s in a}
