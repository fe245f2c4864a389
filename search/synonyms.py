"""Synonyms editors maintain as a snippet, applied at query time by every engine."""
from django.core.cache import cache

from search.text import stems

CACHE_KEY = "portal_search:synonyms:v1"


def synonym_groups(lang=None):
    """Each group as a list of (term, stem tuple); cached until a group is saved or deleted."""
    groups = cache.get(CACHE_KEY)
    if groups is None:
        from search.models import SynonymGroup
        groups = []
        for group in SynonymGroup.objects.all():
            terms = [(t, tuple(stems(t))) for t in group.term_list()]
            groups.append((group.lang, [(t, s) for t, s in terms if s]))
        cache.set(CACHE_KEY, groups, 300)
    return [terms for group_lang, terms in groups if lang is None or group_lang == lang]


def clear_cache(**kwargs):
    cache.delete(CACHE_KEY)


def _find(sequence, needle):
    n = len(needle)
    return [i for i in range(len(sequence) - n + 1) if tuple(sequence[i:i + n]) == needle]


def expand(query_stems, lang=None):
    """Group query stems into concepts: each a set of alternatives (stem tuples, phrases allowed).

    A concept is matched when a document contains any one alternative. Synonym phrases that
    occur in the query replace the stems they cover, so "технологическое присоединение" is one
    concept (matching "ТП" too), not two.
    """
    covered = {}
    for terms in synonym_groups(lang):
        alternatives = {s for _t, s in terms}
        for _term, needle in terms:
            for start in _find(query_stems, needle):
                span = (start, start + len(needle))
                covered.setdefault(span, set()).update(alternatives)
    # Longer spans win; merge overlapping alternatives into the longest span that covers them.
    concepts, used = [], set()
    for span in sorted(covered, key=lambda s: (s[0] - s[1], s[0])):
        positions = set(range(*span))
        if positions & used:
            # Overlaps a longer synonym phrase already taken: add its alternatives there.
            for concept in concepts:
                if concept["positions"] & positions:
                    concept["alternatives"].update(covered[span])
                    break
            continue
        used |= positions
        concepts.append({"positions": positions, "alternatives": set(covered[span]) | {tuple(query_stems[span[0]:span[1]])}})
    for i, s in enumerate(query_stems):
        if i not in used:
            concepts.append({"positions": {i}, "alternatives": {(s,)}})
    concepts.sort(key=lambda c: min(c["positions"]))
    # The same stem twice in a query is one concept.
    unique, seen = [], set()
    for concept in concepts:
        key = frozenset(concept["alternatives"])
        if key not in seen:
            seen.add(key)
            unique.append(concept)
    return unique
