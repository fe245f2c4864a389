"""Editors' report: what must be disclosed now, by when, and what is overdue."""
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from wagtail.admin.ui.tables import Column, DateColumn, StatusTagColumn, TitleColumn
from wagtail.admin.views.reports import ReportView

from disclosure.labels import period_label
from disclosure.models import DisclosureItem
from disclosure.rules import due as rules
from ops.csv_safety import SafeSpreadsheetExportMixin

STATUS_LABELS = {
    rules.OVERDUE: _("просрочено"), rules.DUE: _("ожидает публикации"),
    rules.PUBLISHED: _("опубликовано"), rules.NOT_DUE: _("нет срока"),
}
STATUS_ORDER = {rules.OVERDUE: 0, rules.DUE: 1, rules.NOT_DUE: 2, rules.PUBLISHED: 3}


def register_rows(today=None):
    """Every item with what is to be published now: overdue first, then due soonest."""
    today = today or timezone.localdate()
    rows = []
    for item in DisclosureItem.objects.prefetch_related("publications").select_related("owner"):
        start, due, published, _period = item.obligation(today)
        item.due_date = due
        item.period_text = period_label(item.frequency, start) if start else "—"
        item.state = rules.status(published, due, today)
        item.state_label = STATUS_LABELS[item.state]
        item.frequency_label = item.get_frequency_display()
        item.owner_text = item.reminder_address() or "—"
        rows.append(item)
    rows.sort(key=lambda i: (STATUS_ORDER[i.state], i.due_date or today.replace(year=9999), i.sort_order))
    return rows


class DisclosureDueReportView(SafeSpreadsheetExportMixin, ReportView):
    page_title = _("Раскрытие информации: сроки")
    header_icon = "date"
    index_url_name = "disclosure_report:index"
    index_results_url_name = "disclosure_report:index_results"
    paginate_by = 100
    list_export = ["title", "frequency_label", "period_text", "due_date", "state_label", "owner_text"]
    export_headings = {
        "title": _("Что раскрывается"), "frequency_label": _("Периодичность"), "period_text": _("Период"),
        "due_date": _("Срок публикации"), "state_label": _("Состояние"), "owner_text": _("Ответственный"),
    }
    columns = [
        TitleColumn("title", label=_("Что раскрывается"),
                    get_url=lambda item: reverse("disclosure_items:edit", args=[item.pk])),
        Column("frequency_label", label=_("Периодичность")),
        Column("period_text", label=_("Период")),
        DateColumn("due_date", label=_("Срок публикации")),
        StatusTagColumn("state_label", label=_("Состояние"), primary=lambda item: item.state == rules.OVERDUE),
        Column("owner_text", label=_("Ответственный")),
    ]

    @cached_property
    def permission_policy(self):
        from wagtail.permissions import ModelPermissionPolicy
        return ModelPermissionPolicy(DisclosureItem)

    any_permission_required = ["add", "change", "delete", "view"]

    def get_queryset(self):
        return register_rows()
