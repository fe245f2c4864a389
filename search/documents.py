"""The one definition of what is indexed for a page, used by every engine.

A document exists for every live, public page (except the home page) in each site language;
English fields fall back to Russian as the site itself does (wagtail-modeltranslation).
"""
from dataclasses import asdict, dataclass, field

from django.conf import settings
from django.utils import translation
from django.utils.html import strip_tags
from wagtail.models import Page, PageViewRestriction

from search.text import stem_text

EXCLUDED_TYPES = {"homepage"}


@dataclass
class SearchDocument:
    page_id: int
    lang: str
    page_type: str
    url: str
    title: str
    summary: str = ""
    body: str = ""
    phrasings: list = field(default_factory=list)
    section: str = ""

    def as_dict(self):
        return asdict(self)

    def analysed(self):
        """The stemmed fields stored in the full-text index, title first (highest weight)."""
        return {
            "title_stems": stem_text(self.title),
            "phrasings_stems": stem_text("\n".join(self.phrasings)),
            "summary_stems": stem_text(self.summary),
            "body_stems": stem_text(self.body),
        }


def languages():
    return [code for code, _name in settings.LANGUAGES]


def _plain(value):
    text = strip_tags(str(value or ""))
    return " ".join(text.split())


def _extras(page):
    """Text from a page type's records that citizens search for but get_search_body leaves out."""
    kind = page._meta.model_name
    parts = []
    if kind == "tariffpage":
        for record in page.tariffs.all():
            parts += [record.get_consumer_group_display(), record.get_rate_type_display(),
                      record.get_zone_display(), record.hours, record.town]
    elif kind == "connectionfeepage":
        parts.append(page.explanation)
        for category in page.categories.all():
            parts += [category.name, category.conditions, category.deadline]
        for rate in page.preferential_rates.all():
            parts += [rate.get_kind_display(), rate.conditions]
    elif kind == "subsidypage":
        parts += [page.rule, page.processing_time]
    elif kind == "procedurepage":
        parts += [page.total_time, page.total_cost]
    elif kind in ("sectionpage", "newsindexpage", "servicecentreindexpage"):
        parts.append(page.intro)
    elif kind == "servicecentrepage":
        parts.append(page.transit_stop)
    return [str(p) for p in parts if p]


def _section_title(page):
    """The top-level section a page belongs to (the home page's child), as a topic label."""
    if page.depth <= 3:
        return ""
    ancestor = page.get_ancestors().filter(depth=3).first()
    return ancestor.title if ancestor else ""


def is_indexable(page):
    page = page.specific if type(page) is Page else page
    return (
        page.live and not page.expired
        and page._meta.model_name not in EXCLUDED_TYPES
        and hasattr(page, "get_search_body")
        and not PageViewRestriction.objects.filter(page__in=page.get_ancestors(inclusive=True)).exists()
    )


def build_document(page, lang):
    """The document for one page in one language (page must be specific)."""
    with translation.override(lang):
        url_parts = page.get_url_parts()
        url = url_parts[2] if url_parts else ""
        body_parts = [page.get_search_body() or ""] + _extras(page)
        summary = _plain(page.summary)
        body = _plain(" ".join(body_parts))
        if summary and body.startswith(summary):
            body = body[len(summary):].strip()
        phrasings = list(page.phrasings()) if hasattr(page, "phrasings") else []
        if getattr(page, "search_description", ""):
            phrasings.append(page.search_description)
        return SearchDocument(
            page_id=page.pk, lang=lang, page_type=page._meta.model_name, url=url,
            title=str(page.title), summary=summary, body=body, phrasings=phrasings,
            section=str(_section_title(page)),
        )


def build_documents(page):
    """One document per site language, or [] when the page must not be found."""
    page = page.specific if type(page) is Page else page
    if not is_indexable(page):
        return []
    return [build_document(page, lang) for lang in languages()]


def indexable_pages():
    """Every page that should be in the index, specific, in tree order."""
    restricted = PageViewRestriction.objects.values_list("page__path", flat=True)
    pages = Page.objects.live().filter(depth__gt=1).exclude(expired=True).order_by("path").specific()
    for page in pages:
        if any(page.path.startswith(path) for path in restricted):
            continue
        if page._meta.model_name in EXCLUDED_TYPES or not hasattr(page, "get_search_body"):
            continue
        yield page
