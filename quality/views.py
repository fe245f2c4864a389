"""The public service-quality report: the page, and the same figures as CSV and JSON."""
import json

from django.http import HttpResponse, JsonResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from ops.csv_safety import safe_writer as csv_writer
from quality import charts, report
from quality.forms import PeriodForm
from quality.rules import periods

CHART_TABLES = ("forms", "categories")


def _period(request):
    """(form, period): the chosen period, or the last complete quarter when none is asked for;
    period None when the choice is invalid."""
    today = timezone.localdate()
    if "period" not in request.GET:
        period = periods.last_complete(today)
        return PeriodForm(initial={"period": period.slug}, today=today), period
    form = PeriodForm(request.GET, today=today)
    return form, (form.chosen() if form.is_valid() else None)


def report_page(request):
    form, period = _period(request)
    if period is None:
        return render(request, "quality/report.html", {"form": form}, status=400)
    tables = report.build(period)
    current, previous = report.period_label(period), report.period_label(period.previous())
    for table in tables:
        if table.key in CHART_TABLES:
            table.chart = charts.bar_chart(table, current, previous)
    query = f"?period={period.slug}"
    return render(request, "quality/report.html", {
        "form": form, "period": period, "period_label": current, "previous_label": previous, "tables": tables,
        "csv_url": reverse("quality:csv") + query, "json_url": reverse("quality:json") + query,
        "threshold": report.fig.THRESHOLD,
    })


def _problem(form):
    return [str(e) for errors in form.errors.values() for e in errors]


def report_csv(request):
    form, period = _period(request)
    if period is None:
        return HttpResponse("\n".join(_problem(form)), status=400, content_type="text/plain; charset=utf-8")
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="service-quality-{period.slug}.csv"'
    response.write("\ufeff")  # so spreadsheet programs read UTF-8
    writer = csv_writer(response)
    writer.writerows(report.csv_rows(period, report.build(period)))
    return response


def report_json(request):
    form, period = _period(request)
    if period is None:
        return JsonResponse({"errors": _problem(form)}, status=400)
    data = report.as_data(period, report.build(period))
    return HttpResponse(json.dumps(data, ensure_ascii=False, indent=1), content_type="application/json; charset=utf-8")


__all__ = ["report_page", "report_csv", "report_json", "_"]
