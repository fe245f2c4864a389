"""Calculator pages: read the form, call the rules with the published records, show the result.

GET forms: the inputs are in the query string, so a result has a stable URL to share or read
out on the phone. Form errors and "no data for this date" answer 400 with the form as typed.
"""
import time

from django.shortcuts import render
from django.utils.translation import gettext_lazy as _

from calculators import data
from calculators.forms import SUBMIT_MARKER, BillForm, ConnectionFeeForm, EligibilityForm
from calculators.rules import bill as bill_rules
from calculators.rules import connection_fee as fee_rules
from calculators.rules import eligibility as eligibility_rules
from calculators.rules.common import CalculatorError, today
from cases.request_types import CONNECTION, SUBSIDY, TARIFF
from cms_pages.models.procedure import request_form_url


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


def index(request):
    fee_page, *_rest = data.connection_source()
    tariff_pages, _records, _shares = data.tariff_source()
    return render(request, "calculators/index.html", {
        "fee_page": fee_page, "tariff_page": tariff_pages[0] if tariff_pages else None,
        "benefit_pages": [b.source for b in data.benefits()],
    })


def connection_fee(request):
    page, categories, standard, preferential, deadlines = data.connection_source()
    social = [r for r in preferential if r.kind == "social" and r.conditions]
    form = _bind(ConnectionFeeForm, request, categories=categories,
                 social_conditions=social[-1].conditions if social else "")

    def calculate(cleaned):
        if page is None:
            raise CalculatorError(_("Ставки платы за присоединение ещё не опубликованы."))
        fee_request = fee_rules.ConnectionRequest(
            category=cleaned["category"], kw=cleaned["kw"], voltage=cleaned["voltage"],
            distance_m=cleaned["distance_m"], area=cleaned["area"], line=cleaned["line"],
            metering_points=cleaned["metering_points"], social=cleaned["social"])
        return fee_rules.calculate_connection_fee(fee_request, categories, standard, preferential,
                                                  on=cleaned["date"], deadlines=deadlines)

    return _respond(request, "calculators/connection_fee.html", form, {
        "source_page": page, "apply_url": request_form_url(CONNECTION),
    }, calculate)


def bill(request):
    pages, records, shares = data.tariff_source()
    form = _bind(BillForm, request)

    def calculate(cleaned):
        return bill_rules.estimate_bill(cleaned["consumer_group"], form.consumption(shares), records,
                                        on=cleaned["date"])

    return _respond(request, "calculators/bill.html", form, {
        "source_page": pages[0] if pages else None, "ask_url": request_form_url(TARIFF),
    }, calculate)


def eligibility(request):
    benefits = data.benefits()
    form = _bind(EligibilityForm, request)

    def calculate(cleaned):
        household = eligibility_rules.Household(
            family_size=cleaned["family_size"], income=cleaned["income"], payments=cleaned["payments"],
            heating_season=cleaned["heating_season"] == "yes", categories=frozenset(cleaned["categories"]))
        return eligibility_rules.check_eligibility(household, benefits, on=cleaned["date"])

    return _respond(request, "calculators/eligibility.html", form, {
        "benefits": benefits, "ask_url": request_form_url(SUBSIDY),
    }, calculate)
