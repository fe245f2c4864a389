"""What search asks of a page type: the interface page models implement.

``search/`` never names a page model. A page type says what it indexes (``search_parts``), which
result group it belongs to (``search_group``), whether it is a listing (``search_listing``), whether
it is indexed at all (``search_indexed``), and what it answers for a query on a date
(``direct_answer``). ``SearchKnowledge`` gives the defaults; ``cms_pages.models.base.BasePage``
mixes it in, and page types override what they know.

The answer a page gives is an ``Answer``: plain data (figures with unit, dates in force, legal
basis, a link, optionally a tool with the query's numbers filled in), the same for the search page
and the JSON API, whichever engine found the page.
"""
import datetime
from dataclasses import asdict, dataclass, field
from functools import lru_cache

from django.utils.translation import gettext_lazy as _

# Weights of the indexed parts; a part goes to the field of the highest weight it reaches.
TITLE = 10.0
PHRASING = 8.0
SUMMARY = 4.0
BODY = 1.0

GROUPS = [
    ("questions", _("Вопросы и ответы")),
    ("tariffs", _("Тарифы")),
    ("procedures", _("Услуги и процедуры")),
    ("benefits", _("Льготы и субсидии")),
    ("centres", _("Центры обслуживания")),
    ("news", _("Новости")),
    ("other", _("Другие страницы")),
]
GROUP_KEYS = [key for key, _label in GROUPS]
GROUP_LABELS = dict(GROUPS)

# How sure an answer is of having read the question (the strongest among the top hits is shown).
WEAK, GENERAL, MATCHED, EXACT = 1.0, 2.0, 3.0, 4.0


@dataclass
class Figure:
    """One figure of an answer: «7,64 ₽ за 1 кВт·ч, с 01.07.2026, приказ №…»."""

    label: str
    display: str                      # the figure as shown, with its unit («7,64 ₽»)
    value: str = ""                   # machine value («7.64»), "" for text facts
    unit: str = ""                    # «за 1 кВт·ч», "per kWh", "" when the display says it all
    valid_from: datetime.date | None = None
    valid_to: datetime.date | None = None
    basis: str = ""                   # the legal act (title, number, date)
    basis_url: str = ""
    href: str = ""                    # a link for the figure itself (tel:, a map, a form)

    def as_dict(self):
        data = asdict(self)
        for key in ("valid_from", "valid_to"):
            data[key] = data[key].isoformat() if data[key] else None
        return data


@dataclass
class Tool:
    """A tool that answers the question, linked with the numbers found in the query."""

    title: str
    url: str
    params: dict = field(default_factory=dict)

    def as_dict(self):
        return {"title": str(self.title), "url": self.url, "params": dict(self.params)}


@dataclass
class Answer:
    kind: str
    title: str
    url: str
    text: str = ""
    figures: list = field(default_factory=list)   # of Figure, the one to three that answer first
    items: list = field(default_factory=list)     # further lines (a week's hours, other rates)
    tool: Tool | None = None
    on_date: datetime.date | None = None
    strength: float = WEAK
    page_id: int | None = None

    def as_dict(self):
        return {
            "kind": self.kind, "title": str(self.title), "url": self.url, "text": str(self.text),
            "date": self.on_date.isoformat() if self.on_date else None,
            "figures": [f.as_dict() for f in self.figures],
            "items": [str(i) for i in self.items],
            "tool": self.tool.as_dict() if self.tool else None,
        }

    def plain_text(self):
        """Every word the citizen sees in the card (for the gold set's figure check)."""
        parts = [self.title, self.text, *self.items]
        for f in self.figures:
            parts += [f.label, f.display, f.unit, f.basis,
                      f.valid_from.strftime("%d.%m.%Y") if f.valid_from else ""]
        if self.tool:
            parts += [self.tool.title, self.tool.url]
        return " ".join(str(p) for p in parts if p)


class SearchKnowledge:
    """Defaults for a page type's search knowledge (mixed into every public page type)."""

    search_group = "other"
    search_listing = False   # a listing repeats its children's summaries: ranked a little lower
    search_indexed = True
    search_answers_topic = False  # asked for an answer even when not among the top hits

    def search_parts(self, language):
        """[(text, weight)] to index besides the title, in the active language."""
        parts = [(getattr(self, "summary", ""), SUMMARY)]
        body = self.get_search_body() if hasattr(self, "get_search_body") else ""
        parts.append((body, BODY))
        if getattr(self, "search_description", ""):
            parts.append((self.search_description, PHRASING))
        return parts

    def direct_answer(self, query, on_date, language):
        """An ``Answer`` for ``query`` (a ``search.query.QueryFacts``) on ``on_date``, or None."""
        return None


@lru_cache(maxsize=1)
def _page_classes():
    from wagtail.models import get_page_models
    return {model._meta.model_name: model for model in get_page_models()}


def page_class(page_type):
    return _page_classes().get(page_type)


def group_of(page_type):
    return getattr(page_class(page_type), "search_group", "other") or "other"


def group_label(key):
    return GROUP_LABELS.get(key, GROUP_LABELS["other"])


@lru_cache(maxsize=1)
def listing_types():
    return frozenset(name for name, model in _page_classes().items() if getattr(model, "search_listing", False))


@lru_cache(maxsize=1)
def topic_classes():
    """Concrete page types that answer for their topic (``search_answers_topic``)."""
    return tuple(model for model in _page_classes().values()
                 if getattr(model, "search_answers_topic", False) and not model._meta.abstract)


def is_indexed_type(page):
    return bool(getattr(page, "search_indexed", False)) and hasattr(page, "search_parts")
