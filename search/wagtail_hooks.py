"""Admin: the synonym list as a snippet, and the weekly query log for editors (read-only)."""
from django.utils.translation import gettext_lazy as _
from wagtail.admin.views import generic
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from ops.csv_safety import SafeSpreadsheetExportMixin
from search.models import QueryLogEntry, SynonymGroup


class SynonymGroupViewSet(SnippetViewSet):
    model = SynonymGroup
    icon = "search"
    menu_label = _("Синонимы для поиска")
    list_display = ["terms", "lang"]
    list_filter = ["lang"]
    search_fields = None


class QueryLogIndexView(SafeSpreadsheetExportMixin, generic.IndexView):
    """The log as a table, and as CSV/XLSX: visitors typed these queries, so formulas are defused."""


class QueryLogViewSet(ModelViewSet):
    """Top queries and queries that found nothing, per week: where content needs fixing."""

    model = QueryLogEntry
    index_view_class = QueryLogIndexView
    icon = "doc-full"
    menu_label = _("Журнал поиска")
    menu_hook = "register_reports_menu_item"
    list_display = ["query", "week_start", "lang", "searches", "no_results"]
    list_export = ["week_start", "lang", "query", "searches", "no_results"]
    export_filename = "search-query-log"
    list_filter = ["week_start", "lang"]
    ordering = ["-week_start", "-searches"]
    inspect_view_enabled = False
    exclude_form_fields = []
    copy_view_enabled = False


register_snippet(SynonymGroupViewSet)
query_log_viewset = QueryLogViewSet("search_query_log")


def _register():
    from wagtail import hooks

    @hooks.register("register_admin_viewset")
    def register_query_log():
        return query_log_viewset


_register()
