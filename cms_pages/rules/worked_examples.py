"""A page's worked example is computed by the tool's own rule function; publishing is refused when they differ.

The subsidy page's example goes through ``calculators.rules.eligibility.check_eligibility`` (the
benefit checker), the connection fee page's through ``calculators.rules.connection_fee.
calculate_connection_fee`` (the connection fee calculator), with the records of the page being
published (``children``: the records in the edit form, by relation name) on the day of publication.
An empty example (no stated result) is not checked. Each function returns messages in the editor's
language; an empty list means the example agrees with the tool.
"""
from decimal import Decimal
from urllib.parse import urlencode

from django.utils import timezone
from django.utils.translation import gettext as _

from cms_pages.rules.money import format_money

KOPECK = Decimal("0.01")


def _records(page, children, name):
    if name in children:
        return list(children[name])
    return list(getattr(page, name).all())


def _differs(stated, computed):
    return Decimal(stated).quantize(KOPECK) != Decimal(computed).quantize(KOPECK)


def _mismatch(tool, stated, computed, on):
    return _(
        "Пример расчёта не сходится с инструментом «%(tool)s»: на странице указано %(stated)s, а расчёт по тем же "
        "данным и опубликованным записям на %(date)s даёт %(computed)s. Исправьте результат примера или записи "
        "страницы; черновик можно сохранить."
    ) % {"tool": tool, "stated": format_money(stated), "computed": format_money(computed),
         "date": on.strftime("%d.%m.%Y")}


# ----------------------------------------------------------------- housing subsidy, compensations

SUBSIDY_INPUTS = ("example_family_size", "example_income", "example_payments")


def subsidy_result(page, children=None, on=None):
    """(amount a month the checker gives the example household, the assessment) on ``on``.

    The household belongs to the page's categories (a compensation's example is someone it is for);
    a measure that is not likely due gives 0.
    """
    from calculators.data import benefit_from_page
    from calculators.rules.eligibility import LIKELY, Household, check_eligibility
    from cms_pages.codes import parse_codes

    on = on or timezone.localdate()
    benefit = benefit_from_page(page, income_ceilings=_records(page, children or {}, "income_ceilings"))
    household = Household(family_size=page.example_family_size, income=Decimal(page.example_income),
                          payments=Decimal(page.example_payments), heating_season=page.example_heating_season,
                          categories=frozenset(parse_codes(page.eligible_categories)))
    assessment = check_eligibility(household, [benefit], on=on).assessments[0]
    amount = assessment.estimate if assessment.status == LIKELY and assessment.estimate is not None else Decimal(0)
    return amount, assessment


def subsidy_problems(page, children=None, on=None):
    if page.example_result is None:
        return []
    missing = [name for name in SUBSIDY_INPUTS if getattr(page, name) in (None, "")]
    if missing:
        return [_("У примера расчёта указан результат, но не заполнены число членов семьи, доход и платежи: "
                  "заполните их или очистите результат.")]
    on = on or timezone.localdate()
    computed, _assessment = subsidy_result(page, children, on)
    if _differs(page.example_result, computed):
        return [_mismatch(_("Проверка права на субсидию и льготы"), page.example_result, computed, on)]
    return []


def _tool_url(page, kind, stated, inputs, params):
    """The tool ``kind`` with the example's values filled in and calculated, or "" without a full example."""
    from cms_pages.search_answers.tools import tool_base_url

    if getattr(page, stated) is None or any(getattr(page, name) in (None, "") for name in inputs):
        return ""
    base = tool_base_url(kind)
    return base + "?" + urlencode({**params(), "calculate": "1"}) if base else ""


def subsidy_tool_url(page):
    """The benefit checker with the example's values filled in, or ""."""
    return _tool_url(page, "eligibility", "example_result", SUBSIDY_INPUTS, lambda: {
        "family_size": page.example_family_size, "income": page.example_income,
        "payments": page.example_payments, "heating_season": "yes" if page.example_heating_season else "no"})


# ----------------------------------------------------------------- grid connection fee

CONNECTION_INPUTS = ("example_category", "example_kw", "example_distance_m")


def connection_request(page):
    from calculators.rules.connection_fee import ConnectionRequest

    return ConnectionRequest(
        category=page.example_category, kw=Decimal(page.example_kw), voltage=page.example_voltage,
        distance_m=Decimal(page.example_distance_m), area=page.example_area, line=page.example_line,
        metering_points=page.example_metering_points or 0, social=page.example_social)


def connection_result(page, children=None, on=None):
    """The calculator's ``ConnectionFeeResult`` for the page's example on ``on`` (raises CalculatorError)."""
    from calculators.rules.connection_fee import calculate_connection_fee

    children = children or {}
    return calculate_connection_fee(
        connection_request(page), _records(page, children, "categories"), _records(page, children, "standard_rates"),
        _records(page, children, "preferential_rates"), on=on or timezone.localdate(),
        deadlines=_records(page, children, "deadlines"))


def connection_problems(page, children=None, on=None):
    from calculators.rules.common import CalculatorError

    if page.example_fee is None:
        return []
    if any(getattr(page, name) in (None, "") for name in CONNECTION_INPUTS):
        return [_("У примера расчёта указана плата, но не заполнены категория, мощность и расстояние до сетей: "
                  "заполните их или очистите плату.")]
    on = on or timezone.localdate()
    try:
        result = connection_result(page, children, on)
    except CalculatorError as error:
        return [_("Пример расчёта нельзя проверить калькулятором: %(reason)s") % {"reason": error.message}]
    if _differs(page.example_fee, result.total_with_vat):
        return [_mismatch(_("Калькулятор платы за подключение"), page.example_fee, result.total_with_vat, on)]
    return []


def connection_tool_url(page):
    """The connection fee calculator with the example's values filled in, or ""."""
    return _tool_url(page, "connection_fee", "example_fee", CONNECTION_INPUTS, lambda: {
        "category": page.example_category, "kw": page.example_kw, "voltage": page.example_voltage,
        "area": page.example_area, "distance_m": page.example_distance_m, "line": page.example_line,
        "metering_points": page.example_metering_points, **({"social": "on"} if page.example_social else {})})
