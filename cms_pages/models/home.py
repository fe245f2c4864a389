from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.fields import StreamField

from cms_pages.blocks import TopTaskBlock
from cms_pages.models.base import BasePage
from cms_pages.models.snippets import AlertBanner


class HomePage(BasePage):
    search_indexed = False  # the home page is the site itself, not a search result
    search_listing = True

    intro = models.TextField(_("вступление"), blank=True)
    top_tasks = StreamField([("task", TopTaskBlock())], blank=True, verbose_name=_("главные задачи"))

    content_panels = BasePage.content_panels + [FieldPanel("intro"), FieldPanel("top_tasks")]
    max_count = 1
    parent_page_types = ["wagtailcore.Page"]
    show_feedback = False

    class Meta:
        verbose_name = _("главная страница")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["alerts"] = AlertBanner.objects.active().select_related("link_page")
        return context
