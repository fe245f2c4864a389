from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel

from cms_pages.models.base import BasePage
from search.knowledge import BODY


class SectionPage(BasePage):
    """An index of a site section: lists its live child pages with their summaries."""

    intro = models.TextField(_("вступление"), blank=True)
    search_listing = True

    def search_parts(self, language):
        return super().search_parts(language) + [(self.intro, BODY)]

    content_panels = BasePage.content_panels + [FieldPanel("intro")]

    class Meta:
        verbose_name = _("раздел")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["children"] = self.get_children().live().public().specific()
        return context
