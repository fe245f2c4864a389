"""Editors' report: how useful each page is, and the comments left on one page."""
from django.db.models import Count, Max, Q
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from wagtail.admin.ui.tables import Column, DateColumn, TitleColumn
from wagtail.admin.views.reports import ReportView
from wagtail.models import Page
from wagtail.permissions import policy_registry

from feedback import rules
from ops.csv_safety import SafeSpreadsheetExportMixin
from feedback.models import PageFeedback


class _PagePermissionMixin:
    """Anyone who may edit pages may read their feedback."""

    any_permission_required = ["add", "change", "publish"]

    @cached_property
    def permission_policy(self):
        return policy_registry.get_by_type(Page)


class UsefulnessReportView(SafeSpreadsheetExportMixin, _PagePermissionMixin, ReportView):
    page_title = _("Полезность страниц")
    header_icon = "help"
    index_url_name = "feedback_report:index"
    index_results_url_name = "feedback_report:index_results"
    paginate_by = 50
    list_export = ["title", "url_path", "yes_count", "no_count", "useful_percent", "comment_count", "last_on"]
    export_headings = {
        "title": _("Страница"), "url_path": _("Путь"), "yes_count": _("Да"), "no_count": _("Нет"),
        "useful_percent": _("Полезна, %"), "comment_count": _("Комментарии"), "last_on": _("Последний отзыв"),
    }
    columns = [
        TitleColumn("title", label=_("Страница"),
                    get_url=lambda page: reverse("feedback_report:page", args=[page.pk])),
        Column("yes_count", label=_("Да")),
        Column("no_count", label=_("Нет")),
        Column("useful_percent", label=_("Полезна, %")),
        Column("comment_count", label=_("Комментарии")),
        DateColumn("last_on", label=_("Последний отзыв")),
    ]

    def get_queryset(self):
        return (
            Page.objects.filter(feedback__isnull=False)
            .annotate(
                yes_count=Count("feedback", filter=Q(feedback__useful=True)),
                no_count=Count("feedback", filter=Q(feedback__useful=False)),
                comment_count=Count("feedback", filter=~Q(feedback__comment="")),
                last_on=Max("feedback__created_on"),
            )
            .order_by("-no_count", "title")
        )

    def decorate_paginated_queryset(self, object_list):
        for page in object_list:
            page.useful_percent = rules.usefulness_percent(page.yes_count, page.no_count)
        return object_list

    def to_row_dict(self, item):
        item.useful_percent = rules.usefulness_percent(item.yes_count, item.no_count)
        return super().to_row_dict(item)


class PageFeedbackView(SafeSpreadsheetExportMixin, _PagePermissionMixin, ReportView):
    """Every answer and comment for one page."""

    header_icon = "help"
    index_url_name = "feedback_report:page"
    index_results_url_name = "feedback_report:page_results"
    paginate_by = 100
    list_export = ["created_on", "useful", "language", "comment"]
    columns = [
        DateColumn("created_on", label=_("Дата")),
        Column("answer", label=_("Полезна?"), accessor=lambda item: _("Да") if item.useful else _("Нет")),
        Column("language", label=_("Язык")),
        Column("comment", label=_("Комментарий")),
    ]

    @cached_property
    def feedback_page(self):
        return get_object_or_404(Page, pk=self.kwargs["page_id"])

    def get_page_title(self):
        return _("Отзывы: %(title)s") % {"title": self.feedback_page.title}

    def get_index_url(self):
        return reverse(self.index_url_name, args=[self.feedback_page.pk])

    def get_index_results_url(self):
        return reverse(self.index_results_url_name, args=[self.feedback_page.pk])

    def get_breadcrumbs_items(self):
        return self.breadcrumbs_items + [
            {"url": reverse("feedback_report:index"), "label": UsefulnessReportView.page_title},
            {"url": "", "label": self.get_page_title()},
        ]

    def get_queryset(self):
        return PageFeedback.objects.filter(page=self.feedback_page).order_by("-created_on", "-pk")
