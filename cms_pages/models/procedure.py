"""Procedures as step-by-step guides, each linking to the contact form with its request type."""
from urllib.parse import urlencode

from django.db import models
from django.utils import translation
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.admin.panels import FieldPanel
from wagtail.fields import StreamField
from wagtail.search import index

from cases.request_types import FORM_TYPE_CHOICES
from cms_pages.blocks import StepBlock, labelled
from cms_pages.models.base import BasePage, live_pages_from_stream
from cms_pages.tool_links import page_tool_link, tool_link_field


def request_form_url(request_type):
    """The contact form, opened with the request type chosen (the cases app reads ``type``)."""
    language = translation.get_language() or "ru"
    return f"/{language}/requests/new/?{urlencode({'type': request_type})}"


class ProcedurePage(BasePage):
    steps = StreamField([("step", StepBlock())], verbose_name=_("шаги"))
    total_time = models.CharField(_("общий срок"), max_length=200, blank=True)
    total_cost = models.CharField(_("общая стоимость"), max_length=200, blank=True)
    request_type = models.CharField(_("тип обращения для кнопки «Подать обращение»"), max_length=30,
                                    choices=FORM_TYPE_CHOICES, blank=True)
    related_pages = StreamField([("page", labelled(blocks.PageChooserBlock(), _("Страница")))], blank=True,
                                verbose_name=_("связанные процедуры"))
    tool_link = tool_link_field()  # e.g. the fee calculator for a 15 kW house (cms_pages.tool_links)

    content_panels = BasePage.content_panels + [
        FieldPanel("steps"), FieldPanel("total_time"), FieldPanel("total_cost"),
        FieldPanel("request_type"), FieldPanel("tool_link"), FieldPanel("related_pages"),
    ]
    search_fields = BasePage.search_fields + [index.SearchField("steps")]

    class Meta:
        verbose_name = _("процедура (пошаговая инструкция)")

    def start_url(self):
        return request_form_url(self.request_type) if self.request_type else ""

    def tool_link_data(self):
        return page_tool_link(self)

    def related_procedures(self):
        return live_pages_from_stream(self.related_pages)

    def get_search_body(self):
        parts = [self.summary]
        for step in self.steps:
            parts.append(step.value["title"])
            parts.append(step.value["what_to_do"].source)
            parts.extend(step.value["documents"])
        return " ".join(str(p) for p in parts if p)

    search_group = "procedures"

    def search_parts(self, language):
        from cms_pages.search_answers import procedures
        return super().search_parts(language) + procedures.extra_parts(self)

    def direct_answer(self, query, on_date, language):
        from cms_pages.search_answers import procedures
        return procedures.answer(self, query, on_date, language)
