"""Calculator pages: read the form, call the rules with the published records, show the result.

GET forms: the inputs are in the query string, so a result has a stable URL to share or read
out on the phone. Form errors and "no data for this date" answer 400 with the form as typed.

The tools live as Wagtail pages (``cms_pages.models.tools``), whose ``serve`` calls these views
with ``page``. URLs of this app (all public, GET only):

- ``/<lang>/calculators/`` — the list of tools (links to the tool pages when they exist);
- ``/<lang>/calculators/connection-fee/``, ``/bill/``, ``/benefits/`` — redirect (302, query string
  kept) to the live tool page of that kind; without one, the calculator itself is served here.
"""
import time

from django.http import HttpResponseRedirect
from django.shortcuts import render
from django.utils.translation import gettext_lazy as _

from calculators import data
from calculators.forms import SUBMIT_MARKER, BillForm, ConnectionFeeForm, EligibilityForm
from calculators.rules import bill as bill_rules
from calculators.rules import connection_fee as fee_rules
from calculators.rules import eligibility as eligibility_rules
from calculators.rules.common import CalculatorError, today
from cases.request_types import CONNECTION, SUBSIDY, TARIFF
from cms_pages.codes import SOCIAL
from cms_pages.models.procedure import request_form_url
from cms_pages.models.tools import live_tool_page


def _bind(form_class, request, **kwargs):
    """A bound form when the citizen pressed "Calculate"; otherwise the query string only pre-fills it."""
    if SUBMIT_MARKER in request.GET:
        return form_class(request.GET, **kwargs)
    initial = {}
    for name, field in form_class(**kwargs).fields.items():
        if name in request.GET:
            initial[name] = request.GET.getlist(name) if getattr(field.widget, "allow_multiple_selected", False) else request.GET[name]
    return form_class(initial=initial, **kwargs)


def _respond(request, template, form, context, calculate):
    """Run ``calculate(cleaned_data)`` on a valid form; rules' complaints become field errors."""
    result, elapsed = None, None
    if form.is_bound and form.is_valid():
        started = time.perf_counter()
        try:
            result = calculate(form.cleaned_data)
        except CalculatorError as error:
            form.add_calculator_error(error)
        elapsed = time.perf_counter() - started
    context.update({"form": form, "result": result, "submitted": form.is_bound,
                    "on_date": getattr(form, "cleaned_data", {}).get("date") or today()})
    response = render(request, template, context, status=400 if form.is_bound and form.errors else 200)
    if elapsed is not None:
        response["Server-Timing"] = f"calc;dur={elapsed * 1000:.2f}"
    return response


tool_page = live_tool_page  # the tool page of a kind (cms_pages.models.tools)


def _redirect_to_page(request, kind):
    """A redirect to the tool page of ``kind`` with the query string kept, or None when there is none."""
    page = tool_page(kind)
    url = page.get_url(request) if page is not None else None
    if not url:
        return None
    query = request.META.get("QUERY_STRING", "")
    return HttpResponseRedirect(url + ("?" + query if query else ""))


def index(request):
    fee_page, *_rest = data.connection_source()
    tariff_pages, _records, _shares = data.tariff_source()
    tools = {kind: tool_page(kind) for kind in TOOL_VIEWS}
    return render(request, "calculators/index.html", {
        "fee_page": fee_page, "tariff_page": tariff_pages[0] if tariff_pages else None,
        "benefit_pages": [b.source for b in data.benefits()],
        "tool_urls": {kind: (page.get_url(request) if page else None) for kind, page in tools.items()},
    })


def connection_fee(request, page=None):
    if page is None and (redirect := _redirect_to_page(request, "connection_fee")):
        return redirect
    tool = page
    source_page, categories, standard, preferential, deadlines = data.connection_source()
    social = [r for r in preferential if r.kind == SOCIAL and r.conditions]
    form = _bind(ConnectionFeeForm, request, categories=categories,
                 social_conditions=social[-1].conditions if social else "")

    def calculate(cleaned):
        if source_page is None:
            raise CalculatorError(_("Ставки платы за присоединение ещё не опубликованы."))
        fee_request = fee_rules.ConnectionRequest(
            category=cleaned["category"], kw=cleaned["kw"], voltage=cleaned["voltage"],
            distance_m=cleaned["distance_m"], area=cleaned["area"], line=cleaned["line"],
            metering_points=cleaned["metering_points"], social=cleaned["social"])
        return fee_rules.calculate_connection_fee(fee_request, categories, standard, preferential,
                                                  on=cleaned["date"], deadlines=deadlines)

    return _respond(request, "calculators/connection_fee.html", form, {
        "source_page": source_page, "apply_url": request_form_url(CONNECTION), **_page_context(tool),
    }, calculate)


def bill(request, page=None):
    if page is None and (redirect := _redirect_to_page(request, "bill")):
        return redirect
    pages, records, shares = data.tariff_source()
    form = _bind(BillForm, request)

    def calculate(cleaned):
        return bill_rules.estimate_bill(cleaned["consumer_group"], form.consumption(shares), records,
                                        on=cleaned["date"])

    return _respond(request, "calculators/bill.html", form, {
        "source_page": pages[0] if pages else None, "ask_url": request_form_url(TARIFF), **_page_context(page),
    }, calculate)


def eligibility(request, page=None):
    if page is None and (redirect := _redirect_to_page(request, "eligibility")):
        return redirect
    benefits = data.benefits()
    form = _bind(EligibilityForm, request, kinds=eligibility_rules.kinds_in_use(benefits))

    def calculate(cleaned):
        confirmed, denied = form.answers()
        household = eligibility_rules.Household(
            family_size=cleaned["family_size"], income=cleaned["income"], payments=cleaned["payments"],
            heating_season=cleaned["heating_season"] == "yes", categories=frozenset(cleaned["categories"]),
            confirmed=confirmed, denied=denied)
        return eligibility_rules.check_eligibility(household, benefits, on=cleaned["date"])

    return _respond(request, "calculators/eligibility.html", form, {
        "benefits": benefits, "ask_url": request_form_url(SUBSIDY), **_page_context(page),
    }, calculate)


def _page_context(page):
    """What Wagtail gives a page's template (``page``, ``self``), when the tool is served as a page."""
    return {"page": page, "self": page} if page is not None else {}


# kind (``search_tool`` of the tool page types) -> view
TOOL_VIEWS = {"connection_fee": connection_fee, "bill": bill, "eligibility": eligibility}
