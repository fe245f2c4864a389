"""The one definition of what is indexed for a page, used by every engine.

A document exists for every live, public page (except the home page) in each site language;
English fields fall back to Russian as the site itself does (wagtail-modeltranslation).
"""
from dataclasses import asdict, dataclass, field

from django.conf import settings
from django.utils import translation
from django.utils.html import strip_tags
from wagtail.models import Page, PageViewRestriction

from search import knowledge
from search.text import stem_text



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


def _field_for(weight):
    """The index field a part of this weight goes to (the highest field weight it reaches)."""
    if weight >= knowledge.PHRASING:
        return "phrasings"
    if weight >= knowledge.SUMMARY:
        return "summary"
    return "body"


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
        and knowledge.is_indexed_type(page)
        and not PageViewRestriction.objects.filter(page__in=page.get_ancestors(inclusive=True)).exists()
    )


def build_document(page, lang):
    """The document for one page in one language (page must be specific): its title and the
    parts the page type says it has (``search_parts``), each once, in the field of its weight."""
    with translation.override(lang):
        url_parts = page.get_url_parts()
        url = url_parts[2] if url_parts else ""
        fields = {"phrasings": [], "summary": [], "body": []}
        seen = set()
        for text, weight in page.search_parts(lang):
            text = _plain(text)
            if text and text not in seen:
                seen.add(text)
                fields[_field_for(weight)].append(text)
        summary = " ".join(fields["summary"])
        body = " ".join(fields["body"])
        if summary and body.startswith(summary):
            body = body[len(summary):].strip()
        return SearchDocument(
            page_id=page.pk, lang=lang, page_type=page._meta.model_name, url=url,
            title=str(page.title), summary=summary, body=body, phrasings=fields["phrasings"],
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
        if not knowledge.is_indexed_type(page):
            continue
        yield page
