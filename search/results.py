"""The results every engine returns (so the engines need not import each other)."""
from dataclasses import dataclass, field

from search import knowledge


@dataclass
class Hit:
    page_id: int
    title: str
    url: str
    page_type: str
    score: float
    snippet: str = ""
    section: str = ""

    @property
    def group(self):
        return knowledge.group_of(self.page_type)

    @property
    def type_label(self):
        return knowledge.group_label(self.group)


@dataclass
class SearchResults:
    query: str
    lang: str
    backend: str
    hits: list = field(default_factory=list)      # every hit after the type filter, best first
    counts: dict = field(default_factory=dict)    # type group -> hits before the type filter
    suggestion: str = ""
    elapsed_ms: float = 0.0
    matched_stems: set = field(default_factory=set)  # the embedded engine's, for later pages' snippets
    generation: str = ""  # the index generation searched (``search.vocabulary``); its answer reads the same

    @property
    def total(self):
        return len(self.hits)
