"""The base every public page shares: a plain-language summary and search fields."""
from django.db import models
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.models import Page
from wagtail.search import index

from cms_pages.forms import CheckedPageForm
from cms_pages.models.revisions import BulkRevisionMixin
from cms_pages.rules.dates import DateInputError, parse_date
from search.knowledge import SearchKnowledge


class BasePage(BulkRevisionMixin, SearchKnowledge, Page):
    """Every public page; ``SearchKnowledge`` holds the search defaults page types override."""

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

    def search_parts(self, language):
        """The summary and the body as people read them: a live figure (``[[figure:hotline]]``) is
        indexed as its value, so a search for the hotline's number finds the pages that show it."""
        from cms_pages.rules.live_figures import render_figures

        return [(str(render_figures(str(text))) if text else text, weight)
                for text, weight in super().search_parts(language)]


class DateChoiceMixin:
    """Pages whose figures are chosen by date: today, or the date in ``?date=``."""

    date_param = "date"

    def chosen_date(self, request):
        """(date, error message, raw value); on error the date is today and the page says why."""
        raw = request.GET.get(self.date_param, "") if request else ""
        today = timezone.localdate()
        if not raw.strip():
            return today, None, ""
        try:
            return parse_date(raw), None, raw
        except DateInputError as error:
            return today, error.message, raw

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        on, error, raw = self.chosen_date(request)
        context.update({"on_date": on, "date_error": error, "date_raw": raw,
                        "is_today": on == timezone.localdate()})
        if getattr(request, "is_preview", False) or on != timezone.localdate():
            # a preview shows the draft's records; another ?date= is not kept (any date can be asked)
            context.update(self.dated_context(on))
        else:  # today's tables change only on publish (or a watched snippet): once per generation
            from ops.render_cache import memo

            key = ("dated", self.pk, on, translation.get_language())
            context.update(memo(key, lambda: self.dated_context(on)))
        return context

    def serve(self, request, *args, **kwargs):
        """A bad ``?date=`` shows the same page with the error explained, as a 400."""
        response = super().serve(request, *args, **kwargs)
        context = getattr(response, "context_data", None) or {}
        if context.get("date_error"):
            response.status_code = 400
        return response

    def dated_context(self, on):
        return {}


def live_pages_from_stream(stream):
    """The live, public, specific pages chosen in a StreamField of page choosers, in order."""
    ids = [block.value.pk for block in stream if getattr(block.value, "pk", None)]
    if not ids:
        return []
    pages = Page.objects.live().public().filter(pk__in=ids).specific()
    by_id = {p.pk: p for p in pages}
    return [by_id[i] for i in ids if i in by_id]
