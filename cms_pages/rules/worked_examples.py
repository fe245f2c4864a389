"""A page's worked example is computed by the tool's own rule function; publishing is refused when they differ.

The subsidy page's example goes through ``calculators.rules.eligibility.check_eligibility`` (the
benefit checker), the connection fee page's through ``calculators.rules.connection_fee.
calculate_connection_fee`` (the connection fee calculator), the tariff page's through
``calculators.rules.bill.estimate_bill`` (the bill estimator, its consumption read by the
estimator's own form, so a night share is assumed exactly as the tool assumes it), with the records of the page being
published (``children``: the records in the edit form, by relation name) on the day of publication.
An empty example (no stated result) is not checked. Each function returns messages in the editor's
language; an empty list means the example agrees with the tool.
"""
from decimal import Decimal

from django.utils import timezone
from django.utils.translation import gettext as _

from cms_pages.codes import ELECTRICITY
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

    The page's criteria and ceilings as published (``children``: as in the edit form). The household
    belongs to the criteria's categories (a compensation's example is someone it is for) and confirms
    the conditions only a citizen can (registration, the dwelling, no debt); a measure that is not
    likely due gives 0.
    """
    from calculators.data import benefit_from_page
    from calculators.rules.eligibility import LIKELY, Household, check_eligibility
    from cms_pages.codes import DECLARED_CRITERION_KINDS

    on = on or timezone.localdate()
    children = children or {}
    benefit = benefit_from_page(page, income_ceilings=_records(page, children, "income_ceilings"),
                                criteria=_records(page, children, "criteria"))
    household = Household(family_size=page.example_family_size, income=Decimal(page.example_income),
                          payments=Decimal(page.example_payments), heating_season=page.example_heating_season,
                          categories=benefit.categories, confirmed=frozenset(DECLARED_CRITERION_KINDS))
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
    from cms_pages.tool_links import tool_url

    if getattr(page, stated) is None or any(getattr(page, name) in (None, "") for name in inputs):
        return ""
    return tool_url(kind, params(), calculate=True)


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


def _checked(page, stated_field, inputs, missing, tool, compute):
    """[] without a stated result (``stated_field``) or when ``compute()`` -> (the tool's amount, the
    date it was computed for) equals it; otherwise ``missing`` (an input of ``inputs`` is empty), the
    mismatch, or the tool's own complaint (``CalculatorError``)."""
    from calculators.rules.common import CalculatorError

    stated = getattr(page, stated_field)
    if stated is None:
        return []
    if any(getattr(page, name) in (None, "") for name in inputs):
        return [missing]
    try:
        computed, on = compute()
    except CalculatorError as error:
        return [_("Пример расчёта нельзя проверить калькулятором: %(reason)s") % {"reason": error.message}]
    return [_mismatch(tool, stated, computed, on)] if _differs(stated, computed) else []


def connection_problems(page, children=None, on=None):
    on = on or timezone.localdate()
    return _checked(page, "example_fee", CONNECTION_INPUTS, _(
        "У примера расчёта указана плата, но не заполнены категория, мощность и расстояние до сетей: "
        "заполните их или очистите плату."), _("Калькулятор платы за подключение"),
        lambda: (connection_result(page, children, on).total_with_vat, on))


def connection_tool_url(page):
    """The connection fee calculator with the example's values filled in, or ""."""
    return _tool_url(page, "connection_fee", "example_fee", CONNECTION_INPUTS, lambda: {
        "category": page.example_category, "kw": page.example_kw, "voltage": page.example_voltage,
        "area": page.example_area, "distance_m": page.example_distance_m, "line": page.example_line,
        "metering_points": page.example_metering_points, **({"social": "on"} if page.example_social else {})})


# ----------------------------------------------------------------- household electricity bill

TARIFF_INPUTS = ("example_consumer_group", "example_kwh", "example_date")


def bill_params(page):
    """The bill estimator's query for the example (its form's field names)."""
    from cms_pages.tool_links import clean_params

    return clean_params({"consumer_group": page.example_consumer_group, "mode": "total",
                         "total_kwh": page.example_kwh, "night_share": page.example_night_percent,
                         "date": page.example_date.strftime("%d.%m.%Y") if page.example_date else None})


def tariff_result(page, children=None, on=None):
    """(the estimator's ``TariffOption`` for the example's rate type, the ``BillEstimate``) on the example's date.

    The page's own tariff records and typical night shares (``children``: as in the edit form).
    Raises ``CalculatorError`` when the estimator cannot price the example.
    """
    from calculators.rules.bill import estimate_bill
    from calculators.rules.common import CalculatorError
    from cms_pages.tool_links import tool_form

    if page.kind != ELECTRICITY:
        raise CalculatorError(_("Пример расчёта счёта возможен только на странице тарифов на электроэнергию."))
    children = children or {}
    form = tool_form("bill", bill_params(page))
    if not form.is_valid():
        raise CalculatorError("; ".join(m for errors in form.errors.values() for m in errors))
    consumption = form.consumption(_records(page, children, "night_shares"))
    estimate = estimate_bill(page.example_consumer_group, consumption, _records(page, children, "tariffs"),
                             on=page.example_date or on or timezone.localdate())
    option = next(o for o in estimate.options if o.rate_type == page.example_rate_type)
    if not option.available:
        raise CalculatorError(str(option.reason))
    return option, estimate


def tariff_problems(page, children=None, on=None):
    def compute():
        option, estimate = tariff_result(page, children, on)
        return option.with_vat, estimate.on

    return _checked(page, "example_amount", TARIFF_INPUTS, _(
        "У примера расчёта указана сумма, но не заполнены группа потребителей, расход и дата: "
        "заполните их или очистите сумму."), _("Калькулятор счёта за электроэнергию"), compute)


def tariff_example_shares(page):
    """The night share the example assumes: (percent, typed by the editor) or None (single-rate)."""
    from calculators.rules.bill import typical_shares
    from cms_pages.codes import SINGLE

    if page.example_rate_type == SINGLE:
        return None
    if page.example_night_percent is not None:
        return page.example_night_percent, True
    typical = typical_shares(list(page.night_shares.all()), page.example_consumer_group)
    return (typical.night_percent, False) if typical else None


def tariff_tool_url(page):
    """The bill estimator with the example's values filled in, or ""."""
    return _tool_url(page, "bill", "example_amount", TARIFF_INPUTS, lambda: bill_params(page))


def tariff_group_links(page):
    """[(group label, url)]: the bill estimator for each household group the page has tariffs for, with
    the example's kWh when the page has one (then it opens on the result), in the code list's order."""
    from cms_pages.codes import CONSUMER_GROUP_CHOICES, HOUSEHOLD_GROUPS, KWH
    from cms_pages.tool_links import tool_url

    if page.kind != ELECTRICITY:
        return []
    present = {r.consumer_group for r in page.tariffs.all() if r.unit == KWH}
    links = []
    for code, label in CONSUMER_GROUP_CHOICES:
        if code not in HOUSEHOLD_GROUPS or code not in present:
            continue
        params = {"consumer_group": code, "mode": "total", "total_kwh": page.example_kwh}
        url = tool_url("bill", params, calculate=page.example_kwh is not None)
        if url:
            links.append((label, url))
    return links


# ----------------------------------------------------------------- the page types' side

PROBLEMS = {"subsidy": subsidy_problems, "connection_fee": connection_problems, "tariff": tariff_problems}
TOOL_URLS = {"subsidy": subsidy_tool_url, "connection_fee": connection_tool_url, "tariff": tariff_tool_url}


class WorkedExample:
    """A page type with a worked example: ``worked_example_kind`` (a key of ``PROBLEMS``) and
    ``worked_example_field``, the stated result the edit form marks when the tool disagrees."""

    worked_example_kind = None
    worked_example_field = None

    def worked_example_problems(self, children=None, on=None):
        """Messages when the worked example disagrees with its tool (empty: it agrees or there is none)."""
        return PROBLEMS[self.worked_example_kind](self, children or {}, on)

    def worked_example_url(self):
        """The tool with the example's values filled in and calculated, or ""."""
        return TOOL_URLS[self.worked_example_kind](self)
