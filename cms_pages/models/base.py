"""The base every public page shares: a plain-language summary and search fields."""
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.models import Page
from wagtail.search import index

from cms_pages.forms import CheckedPageForm


class BasePage(Page):
    summary = models.TextField(
        _("краткое описание"), blank=True,
        help_text=_("Одно-два предложения простым языком: показывается в поиске и в списках."),
    )
    show_feedback = True  # "Is this page useful?" on content pages; forms turn it off

    base_form_class = CheckedPageForm
    content_panels = Page.content_panels + [FieldPanel("summary")]
    search_fields = Page.search_fields + [index.SearchField("summary")]

    class Meta:
        abstract = True

    def get_search_body(self):
        """Plain text of the page body for the search index; page types add their own parts."""
        return self.summary or ""
