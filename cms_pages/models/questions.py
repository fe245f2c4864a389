from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.search import index

from cms_pages.blocks import labelled
from cms_pages.models.base import BasePage, live_pages_from_stream
from cms_pages.tool_links import page_tool_link, tool_link_field
from search.knowledge import PHRASING


class QuestionPage(BasePage):
    """One question a citizen asks, answered in a sentence first and in full below."""

    short_answer = models.TextField(_("краткий ответ"))
    full_answer = RichTextField(_("полный ответ"), blank=True, features=["bold", "italic", "link", "ul", "ol"])
    alternative_phrasings = models.TextField(
        _("другие формулировки вопроса"), blank=True,
        help_text=_("Как ещё спрашивают об этом, по одной формулировке на строке. Используется поиском."))
    related_pages = StreamField([("page", labelled(blocks.PageChooserBlock(), _("Страница")))], blank=True,
                                verbose_name=_("связанные страницы"))
    tool_link = tool_link_field()  # the tool that answers the question with its values (cms_pages.tool_links)

    content_panels = BasePage.content_panels + [
        FieldPanel("short_answer"), FieldPanel("full_answer"), FieldPanel("tool_link"),
        FieldPanel("alternative_phrasings"), FieldPanel("related_pages"),
    ]
    search_fields = BasePage.search_fields + [
        index.SearchField("short_answer"), index.SearchField("full_answer"),
        index.SearchField("alternative_phrasings"),
    ]

    class Meta:
        verbose_name = _("вопрос и ответ")

    def phrasings(self):
        return [line.strip() for line in self.alternative_phrasings.splitlines() if line.strip()]

    def tool_link_data(self):
        return page_tool_link(self)

    def related(self):
        return live_pages_from_stream(self.related_pages)

    def get_search_body(self):
        return " ".join(filter(None, [self.summary, self.short_answer, self.full_answer]))

    search_group = "questions"

    def search_parts(self, language):
        return super().search_parts(language) + [(p, PHRASING) for p in self.phrasings()]

    def direct_answer(self, query, on_date, language):
        from cms_pages.search_answers import questions
        return questions.answer(self, query, on_date, language)
