from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.fields import StreamField
from wagtail.search import index

from cms_pages.blocks import BodyBlock
from cms_pages.models.base import BasePage


class ContentPage(BasePage):
    """A standard page: statements, policies, explanations."""

    body = StreamField(BodyBlock(), blank=True, verbose_name=_("содержание"))

    content_panels = BasePage.content_panels + [FieldPanel("body")]
    search_fields = BasePage.search_fields + [index.SearchField("body")]

    class Meta:
        verbose_name = _("страница с текстом")

    def get_search_body(self):
        parts = [self.summary, *self.body.stream_block.get_searchable_content(self.body)]
        return " ".join(str(p) for p in parts if p)
