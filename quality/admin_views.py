"""The editors' feedback loop: what people complain about, which pages they find least useful and
what they search for without finding, side by side, each with a link to what to change."""
from urllib.parse import urlencode

from django.core.exceptions import PermissionDenied
from django.db.models import Count, F, FloatField, Q, Sum
from django.db.models.functions import Cast
from django.shortcuts import render
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.models import Page
from wagtail.permissions import policy_registry

from cases.models import Case, RoutingRule
from feedback.models import PageFeedback
from quality.report import COMPLAINT_TYPES, TYPE_LABELS, cases_in, period_label
from quality.rules import periods
from search.models import QueryLogEntry

LIMIT = 10


def _url(name, *args, query=None):
    try:
        url = reverse(name, args=args)
    except NoReverseMatch:
        return ""
    return url + ("?" + urlencode(query) if query else "")


def complaint_topics(period):
    """Request types by complaints this period: cases of a complaint type, plus answers the
    applicant was not satisfied with."""
    rules = dict(RoutingRule.objects.values_list("request_type", "pk"))
    rows = (cases_in(period).values("request_type")
            .annotate(complaints=Count("pk", filter=Q(request_type__in=COMPLAINT_TYPES) | Q(rating_satisfied=False)),
                      unsatisfied=Count("pk", filter=Q(rating_satisfied=False)), total=Count("pk"))
            .filter(complaints__gt=0).order_by("-complaints", "request_type")[:LIMIT])
    return [{
        "label": TYPE_LABELS.get(r["request_type"], r["request_type"]), "complaints": r["complaints"],
        "unsatisfied": r["unsatisfied"], "total": r["total"],
        "queue_url": _url("case_queue:index", query={"request_type": r["request_type"]}),
        "rule_url": _url("case_routing_rules:edit", rules[r["request_type"]]) if r["request_type"] in rules else "",
    } for r in rows]


def least_useful_pages(period):
    rows = (PageFeedback.objects.filter(created_on__gte=period.start, created_on__lt=period.end)
            .values("page_id").annotate(no=Count("pk", filter=Q(useful=False)), votes=Count("pk"))
            .filter(no__gt=0)
            .annotate(share_no=Cast(F("no"), FloatField()) / Cast(F("votes"), FloatField()))
            .order_by("-share_no", "-no", "page_id")[:LIMIT])
    titles = dict(Page.objects.filter(pk__in=[r["page_id"] for r in rows]).values_list("pk", "title"))
    return [{
        "title": titles.get(r["page_id"], "—"), "no": r["no"], "votes": r["votes"],
        "useful_percent": round(100 * (r["votes"] - r["no"]) / r["votes"]),
        "edit_url": _url("wagtailadmin_pages:edit", r["page_id"]),
        "comments_url": _url("feedback_report:page", r["page_id"]),
    } for r in rows]


def searches_without_result(period):
    rows = (QueryLogEntry.objects.filter(week_start__gte=period.start, week_start__lt=period.end)
            .values("lang", "query").annotate(no_results=Sum("no_results"), searches=Sum("searches"))
            .filter(no_results__gt=0).order_by("-no_results", "query")[:LIMIT])
    return [{
        "query": r["query"], "lang": r["lang"], "no_results": r["no_results"], "searches": r["searches"],
        "promote_url": _url("wagtailsearchpromotions:add", query={"query_string": r["query"]}),
    } for r in rows]


def feedback_loop(request):
    if not policy_registry.get_by_type(Page).user_has_any_permission(request.user, ["add", "change", "publish"]):
        raise PermissionDenied
    today = timezone.localdate()
    period = periods.parse(request.GET.get("period", "")) or periods.containing(today)
    return render(request, "quality/admin/feedback_loop.html", {
        "page_title": _("Обратная связь: что изменить"), "period_label": period_label(period),
        "topics": complaint_topics(period), "pages": least_useful_pages(period),
        "searches": searches_without_result(period),
        "choices": [(p.slug, period_label(p)) for p in periods.recent(today, quarters=4, years=2)],
        "period": period,
    })
