"""Admin views of content governance.

URLs this app adds (each tested for permissions in tests/governance/test_admin_permissions.py):
- ``governance:page`` ``/admin/governance/pages/<page_id>/``: owner and review date of a page;
  only for users who may edit that page (others: 403; an unknown page: 404).
- ``governance_report:index`` ``/admin/reports/content-review/`` and ``…/results/`` (the same
  report's listing fragment, and its CSV/XLSX export through ``?export=``): pages past review,
  without an owner, with English older than Russian, due soon; only the pages the user may edit.
"""
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.admin.ui.tables import Column, DateColumn, StatusTagColumn, TitleColumn
from wagtail.admin.views.reports import ReportView
from wagtail.models import Page
from wagtail.permission_policies.pages import PagePermissionPolicy

from governance.forms import PageGovernanceForm
from governance.models import PageGovernance
from governance.rules import review
from governance.signals import default_owner
from ops.csv_safety import SafeSpreadsheetExportMixin

STATE_LABELS = {
    review.PAST_REVIEW: gettext_lazy("срок проверки прошёл"),
    review.NO_OWNER: gettext_lazy("нет ответственного"),
    review.ENGLISH_OLDER: gettext_lazy("английская версия старше русской"),
    review.REVIEW_SOON: gettext_lazy("скоро проверка"),
    review.OK: gettext_lazy("в порядке"),
}
STATE_ORDER = [review.PAST_REVIEW, review.NO_OWNER, review.ENGLISH_OLDER, review.REVIEW_SOON, review.OK]


def governance_for(page):
    """The page's row; a page published before this app existed gets its creator and a year."""
    governance, _created = PageGovernance.objects.get_or_create(page_id=page.pk, defaults={
        **default_owner(page),
        "review_by": review.default_review_by((page.last_published_at or timezone.now()).date()),
        "ru_changed_at": page.last_published_at, "en_changed_at": page.last_published_at,
    })
    return governance


def page_governance_view(request, page_id):
    page = get_object_or_404(Page, pk=page_id, depth__gt=1)
    if not page.permissions_for_user(request.user).can_edit():
        raise PermissionDenied
    governance = governance_for(page)
    form = PageGovernanceForm(request.POST or None, instance=governance)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("Ответственный и срок проверки страницы «%(title)s» сохранены.")
                         % {"title": page.get_admin_display_title()})
        return redirect("wagtailadmin_explore", page.get_parent().pk)
    return TemplateResponse(request, "governance/page_governance.html", {
        "page": page, "form": form, "governance": governance,
        "english_older": review.english_is_older(governance.ru_changed_at, governance.en_changed_at),
    })


def report_rows(user, today=None):
    """The pages the user may edit with what is to be done about each, most urgent first."""
    today = today or timezone.localdate()
    editable = PagePermissionPolicy().instances_user_has_any_permission_for(user, ["change", "publish"]).filter(depth__gt=1)
    rows = []
    known = {g.page_id: g for g in PageGovernance.objects.filter(page__in=editable)
             .select_related("owner_user", "owner_group")}
    for page in editable.order_by("path"):
        governance = known.get(page.pk) or PageGovernance(page=page)
        page.review_by = governance.review_by
        page.owner_text = governance.owner_text() if governance.pk else ""
        page.state = review.state(governance.review_by, governance.has_owner, governance.ru_changed_at,
                                  governance.en_changed_at, today)
        page.state_label = str(STATE_LABELS[page.state])
        page.en_changed_on = governance.en_changed_at.date() if governance.en_changed_at else None
        page.ru_changed_on = governance.ru_changed_at.date() if governance.ru_changed_at else None
        if page.state != review.OK:
            rows.append(page)
    rows.sort(key=lambda p: (STATE_ORDER.index(p.state), p.review_by or today, p.path))
    return rows


class ContentReviewReportView(SafeSpreadsheetExportMixin, ReportView):
    page_title = gettext_lazy("Актуальность страниц")
    header_icon = "time"
    index_url_name = "governance_report:index"
    index_results_url_name = "governance_report:index_results"
    paginate_by = 50
    list_export = ["title", "state_label", "review_by", "owner_text", "ru_changed_on", "en_changed_on"]
    export_headings = {
        "title": gettext_lazy("Страница"), "state_label": gettext_lazy("Что сделать"),
        "review_by": gettext_lazy("Проверить не позднее"), "owner_text": gettext_lazy("Ответственный"),
        "ru_changed_on": gettext_lazy("Русская версия изменена"),
        "en_changed_on": gettext_lazy("Английская версия изменена"),
    }
    columns = [
        TitleColumn("title", label=gettext_lazy("Страница"),
                    get_url=lambda page: reverse("governance:page", args=[page.pk])),
        StatusTagColumn("state_label", label=gettext_lazy("Что сделать"),
                        primary=lambda page: page.state == review.PAST_REVIEW),
        DateColumn("review_by", label=gettext_lazy("Проверить не позднее")),
        Column("owner_text", label=gettext_lazy("Ответственный")),
        DateColumn("ru_changed_on", label=gettext_lazy("Русская версия изменена")),
        DateColumn("en_changed_on", label=gettext_lazy("Английская версия изменена")),
    ]

    def dispatch(self, request, *args, **kwargs):
        if not PagePermissionPolicy().user_has_any_permission(request.user, ["change", "publish"]):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_queryset(self):
        return report_rows(self.request.user)
