from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.fields import StreamField

from cms_pages.blocks import TopTaskBlock
from cms_pages.models.base import BasePage
from cms_pages.models.snippets import AlertBanner
from ops.render_cache import memo_until


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
        context["alerts"] = active_alerts()
        return context


def active_alerts():
    """``AlertBanner.objects.active()`` with the linked pages, once per render-cache generation
    (ops.render_cache.memo_until; publishing or saving an alert starts a new one), and again when
    the clock reaches a live alert's start or end, the moments the answer changes by itself."""
    def load():
        return list(AlertBanner.objects.active().select_related("link_page"))

    def instants():
        rows = (AlertBanner.objects.filter(live=True).filter(Q(ends_at__isnull=True) | Q(ends_at__gt=timezone.now()))
                .values_list("starts_at", "ends_at"))
        return [instant for row in rows for instant in row]

    return memo_until(("alerts",), load, instants)
