"""The calculators as page types editors place in the tree (issue 13).

A tool page has a title, a summary and an intro editors write in both languages, translated slugs,
breadcrumbs, a place in its section's list, the sitemap and search; its form and result are the
calculator's own (``calculators.views``), with the rule functions unchanged underneath. Each type
declares ``search_tool``: search links the tool with the query's numbers filled in.
The old calculator URLs (/calculators/…) redirect to the live tool page.
"""
from django.utils.html import strip_tags
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField
from wagtail.models import get_page_models

from cms_pages.models.base import BasePage

TOOL_KINDS = ("connection_fee", "bill", "eligibility")

#: kind → view(request, page=...), filled by the calculators app in its ready() (register_tool_view):
#: pages do not import the tools' views, the tools plug into the pages.
_TOOL_VIEWS = {}


def register_tool_view(kind, view):
    if kind not in TOOL_KINDS:
        raise ValueError(f"unknown tool kind {kind!r}; known: {', '.join(TOOL_KINDS)}")
    _TOOL_VIEWS[kind] = view


class ToolPage(BasePage):
    intro = RichTextField(_("вступление"), blank=True, features=["bold", "italic", "link", "ul", "ol"],
                          help_text=_("Что считает инструмент и что нужно знать заранее. Форму и "
                                      "результат сайт показывает сам."))

    search_tool = None   # the calculator's kind (one of TOOL_KINDS)
    show_feedback = True
    parent_page_types = ["cms_pages.SectionPage", "cms_pages.HomePage"]
    subpage_types = []

    content_panels = BasePage.content_panels + [FieldPanel("intro")]

    class Meta:
        abstract = True

    def get_search_body(self):
        return " ".join(p for p in (self.summary, strip_tags(self.intro or "")) if p)

    def serve(self, request, *args, **kwargs):
        """The calculator's form (a GET form) and result, on this page."""
        return _TOOL_VIEWS[self.search_tool](request, page=self)

    def serve_preview(self, request, mode_name):
        """The editor's preview and a revision's view: the tool as the page shows it (Wagtail's default
        renders the page type's template, which a tool page does not have: a 500)."""
        return self.serve(request)


def live_tool_page(kind):
    """The first live, public tool page of ``kind`` (a page type with ``search_tool = kind``), or None."""
    for model in get_page_models():
        if issubclass(model, ToolPage) and not model._meta.abstract and model.search_tool == kind:
            page = model.objects.live().public().order_by("path").first()
            if page is not None:
                return page
    return None


class ConnectionFeeToolPage(ToolPage):
    search_tool = "connection_fee"
    search_group = "procedures"

    class Meta:
        verbose_name = _("калькулятор платы за подключение")


class BillToolPage(ToolPage):
    search_tool = "bill"
    search_group = "tariffs"

    class Meta:
        verbose_name = _("калькулятор счёта за электроэнергию")


class EligibilityToolPage(ToolPage):
    search_tool = "eligibility"
    search_group = "benefits"

    class Meta:
        verbose_name = _("проверка права на субсидию и льготы")
