"""Grid connection fee (Decree No. 861 of 27.12.2004, as amended by Decree No. 1178 since 01.07.2022).

Fee at standardized rates = C1 + Σ(C2 or C3 × km of line) + C8 × metering points, without VAT.
A household connecting up to 15 kW at 0.4 kV within 300 m of the grid in a town (500 m in a
rural area) pays the lower of that cost (with VAT) and the preferential rate × kW, or the
social rate × kW for the groups the region names. Preferential and social rates include VAT.
The figures, limits and deadlines all come from the records editors publish; only the shape of
the rule lives here.
"""
from dataclasses import dataclass, field
from decimal import Decimal

from django.utils.translation import gettext_lazy as _

from calculators.rules.common import (
    CalculatorError, NoPublishedData, format_money, format_quantity, legal_bases, money,
    remove_vat, today, vat_rate_on,
)
from calculators.rules.deadlines import connection_deadline
from cms_pages.codes import (
    AREAS, C1, C2, C3, C8, CABLE, OVERHEAD, PREFERENTIAL, PREFERENTIAL_CATEGORY_CODES, SOCIAL, TOWN, VOLTAGE_04,
)
from cms_pages.rules import tariff_periods

# The preferential rate applies to connections at 0.4 kV and below (Decree 861, p. 17).
PREFERENTIAL_VOLTAGE = VOLTAGE_04

LINE_RATE_CODES = {OVERHEAD: C2, CABLE: C3}

RULE_STANDARD = "standard"
RULE_PREFERENTIAL = PREFERENTIAL
RULE_SOCIAL = SOCIAL


@dataclass(frozen=True)
class ConnectionRequest:
    category: str             # ApplicantCategory.code
    kw: Decimal               # maximum power requested
    voltage: str              # "0.4", "6-10", "35"
    distance_m: Decimal       # from the plot boundary to the nearest grid of the needed voltage
    area: str                 # "town" or "rural"
    line: str = OVERHEAD      # OVERHEAD (C2) or CABLE (C3)
    metering_points: int = 1
    social: bool = False      # belongs to a group the social rate is meant for


@dataclass
class Component:
    code: str
    label: str
    rate: Decimal             # rub, without VAT
    unit: str
    quantity: Decimal
    amount: Decimal           # rate × quantity, without VAT, rounded to kopecks
    record: object


@dataclass
class PreferentialCheck:
    """Whether the preferential (or social) rate may be used, and if not, every reason why."""

    kind: str | None = None            # "preferential" or "social"
    record: object = None
    applicable: bool = False
    reasons: list = field(default_factory=list)
    notes: list = field(default_factory=list)
    amount_with_vat: Decimal | None = None
    amount_without_vat: Decimal | None = None
    distance_limit_m: int | None = None


@dataclass
class ConnectionFeeResult:
    request: ConnectionRequest
    on: object
    category: object
    components: list
    standard_without_vat: Decimal
    standard_vat: Decimal
    standard_with_vat: Decimal
    preferential: PreferentialCheck
    rule: str
    rule_explanation: str
    total_without_vat: Decimal
    vat: Decimal
    total_with_vat: Decimal
    vat_rate: object
    deadline: object          # rules.deadlines.Deadline, or None when no tier is published
    legal_bases: list

    @property
    def is_preferential(self):
        return self.rule in (RULE_PREFERENTIAL, RULE_SOCIAL)

    @property
    def saving_with_vat(self):
        return self.standard_with_vat - self.total_with_vat


def find_category(categories, code):
    for category in categories:
        if category.code == code:
            return category
    return None


def _find_rate(rates, code, voltage, area, any_voltage=False):
    """The rate for this code, voltage and area; an "any" area record serves every area.

    C1 and C8 do not depend on the line, so with ``any_voltage`` a record for another voltage
    is used when none is published for the one asked about.
    """
    candidates = sorted((r for r in rates if r.code == code), key=lambda r: r.sort_order or 0)
    voltage_tests = [lambda r: r.voltage == voltage]
    if any_voltage:
        voltage_tests.append(lambda r: True)
    for voltage_ok in voltage_tests:
        for area_ok in (lambda r: r.area == area, lambda r: r.area == "any"):
            for rate in candidates:
                if voltage_ok(rate) and area_ok(rate):
                    return rate
    return None


def _missing(code, on, voltage):
    return NoPublishedData(
        _("На %(date)s не опубликована ставка %(code)s для напряжения %(voltage)s кВ. "
          "Выберите другую дату или другое напряжение.")
        % {"date": on.strftime("%d.%m.%Y"), "code": code.replace("C", "С"), "voltage": voltage.replace(".", ",")},
        field="voltage")


def standardized_components(request, rates, on):
    """C1, the line (C2 or C3 × km) and C8 × metering points, each rounded to kopecks."""
    components = []
    c1 = _find_rate(rates, C1, request.voltage, request.area, any_voltage=True)
    if c1 is None:
        raise _missing(C1, on, request.voltage)
    components.append(Component(C1, c1.get_code_display(), c1.amount, c1.get_unit_display(),
                                Decimal(1), money(c1.amount), c1))
    if request.distance_m > 0:
        code = LINE_RATE_CODES[request.line]
        line = _find_rate(rates, code, request.voltage, request.area)
        if line is None:
            raise _missing(code, on, request.voltage)
        km = Decimal(request.distance_m) / 1000
        components.append(Component(code, line.get_code_display(), line.amount, line.get_unit_display(),
                                    km, money(line.amount * km), line))
    if request.metering_points > 0:
        c8 = _find_rate(rates, C8, request.voltage, request.area, any_voltage=True)
        if c8 is None:
            raise _missing(C8, on, request.voltage)
        points = Decimal(request.metering_points)
        components.append(Component(C8, c8.get_code_display(), c8.amount, c8.get_unit_display(),
                                    points, money(c8.amount * points), c8))
    return components


def check_preferential(request, category, rates, vat):
    """Can this applicant be charged the preferential or social rate? All failed conditions are listed."""
    check = PreferentialCheck()
    by_kind = {r.kind: r for r in sorted(rates, key=lambda r: r.sort_order or 0)}
    kind = SOCIAL if request.social and SOCIAL in by_kind else PREFERENTIAL
    if request.social and SOCIAL not in by_kind:
        check.notes.append(_("Социальная ставка на эту дату не опубликована, поэтому сравниваем с льготной."))
    record = by_kind.get(kind)
    check.kind, check.record = kind, record
    if record is None:
        check.reasons.append(_("Льготная ставка на эту дату не опубликована."))
        return check
    if category is None or category.code not in PREFERENTIAL_CATEGORY_CODES:
        check.reasons.append(_("Льготная и социальная ставки — только для граждан, присоединяющих "
                               "дом для бытовых нужд."))
    if request.kw > record.max_kw:
        check.reasons.append(_("Запрошено %(kw)s кВт — больше %(max)s кВт.")
                             % {"kw": format_quantity(request.kw), "max": format_quantity(record.max_kw)})
    if request.voltage != PREFERENTIAL_VOLTAGE:
        check.reasons.append(_("Льготная ставка — только для присоединения на напряжении 0,4 кВ и ниже."))
    limit = record.max_distance_town_m if request.area == TOWN else record.max_distance_rural_m
    check.distance_limit_m = limit
    if request.distance_m > limit:
        if request.area == TOWN:
            text = _("До сетей %(m)s м — больше %(limit)s м, допустимых в городе.")
        else:
            text = _("До сетей %(m)s м — больше %(limit)s м, допустимых в сельской местности.")
        check.reasons.append(text % {"m": format_quantity(request.distance_m), "limit": limit})
    with_vat = money(record.rub_per_kw * request.kw)
    check.amount_with_vat = with_vat
    check.amount_without_vat = money(remove_vat(with_vat, vat))
    check.applicable = not check.reasons
    return check


def calculate_connection_fee(request, categories, standard_rates, preferential_rates, on=None, deadlines=()):
    """The fee for ``request`` on ``on`` (default today) from the published records.

    Decree 861, p. 17 (as amended by Decree 1178, from 01.07.2022): a household up to 15 kW at
    0.4 kV, 3rd reliability category, within 300 m (towns) / 500 m (rural areas) of the grid pays
    the lower of the standardized-rate cost and the preferential rate × kW; everyone else pays the
    standardized-rate cost (C1 + C2/C3 × km + C8 × points). The deadline is p. 16 «б».

    ``standard_rates``, ``preferential_rates`` and ``deadlines`` are all published records of
    every period; the ones in force on the date are chosen here, as the fee page chooses them.
    """
    on = on or today()
    category = find_category(categories, request.category)
    if category is None:
        raise CalculatorError(_("Выберите категорию заявителя из списка."), field="category")
    if category.max_kw is not None and request.kw > category.max_kw:
        raise CalculatorError(
            _("Для категории «%(name)s» мощность не больше %(max)s кВт. Уменьшите мощность или выберите "
              "другую категорию.") % {"name": category.name, "max": format_quantity(category.max_kw)},
            field="kw")
    if request.area not in AREAS:
        raise CalculatorError(_("Выберите, где находится участок: в городе или в сельской местности."), field="area")
    if request.line not in LINE_RATE_CODES:
        raise CalculatorError(_("Выберите вид линии: воздушная или кабельная."), field="line")

    standard_records = list(standard_rates)
    standard_ends = tariff_periods.effective_ends(standard_records, tariff_periods.standard_rate_key)
    standard_in_force = [r for r in standard_records
                         if tariff_periods.is_in_force(r, on, standard_ends[id(r)])]
    if not standard_in_force:
        raise NoPublishedData(_("На %(date)s стандартизированные ставки не опубликованы. Выберите другую дату.")
                              % {"date": on.strftime("%d.%m.%Y")}, field="date")
    preferential_records = list(preferential_rates)
    preferential_ends = tariff_periods.effective_ends(preferential_records, tariff_periods.preferential_rate_key)
    preferential_in_force = [r for r in preferential_records
                             if tariff_periods.is_in_force(r, on, preferential_ends[id(r)])]

    vat = vat_rate_on(on)
    components = standardized_components(request, standard_in_force, on)
    without_vat = sum((c.amount for c in components), Decimal(0))
    standard_vat = money(without_vat * vat.rate)
    with_vat = without_vat + standard_vat

    check = check_preferential(request, category, preferential_in_force, vat)
    fmt = {"standard": format_money(with_vat), "preferential": format_money(check.amount_with_vat or 0)}
    if check.applicable and check.amount_with_vat < with_vat:
        rule = RULE_SOCIAL if check.kind == SOCIAL else RULE_PREFERENTIAL
        total_with_vat, total_without_vat = check.amount_with_vat, check.amount_without_vat
        explanation = (_("Социальная ставка × мощность (%(preferential)s) ниже стоимости по "
                         "стандартизированным ставкам (%(standard)s с НДС), поэтому плата — по социальной ставке.")
                       if rule == RULE_SOCIAL else
                       _("Льготная ставка × мощность (%(preferential)s) ниже стоимости по "
                         "стандартизированным ставкам (%(standard)s с НДС), поэтому плата — по льготной ставке.")) % fmt
    else:
        rule = RULE_STANDARD
        total_with_vat, total_without_vat = with_vat, without_vat
        if check.applicable:
            explanation = _("Стоимость по стандартизированным ставкам (%(standard)s с НДС) не выше, чем "
                            "по льготной ставке (%(preferential)s), поэтому плата — по стандартизированным "
                            "ставкам.") % fmt
        else:
            explanation = _("Льготная ставка не применяется, поэтому плата — по стандартизированным ставкам.")

    used = [c.record for c in components]
    if check.applicable:  # the preferential rate was compared, so its order is part of the answer
        used.append(check.record)
    ends = {**standard_ends, **preferential_ends}
    return ConnectionFeeResult(
        request=request, on=on, category=category, components=components,
        standard_without_vat=without_vat, standard_vat=standard_vat, standard_with_vat=with_vat,
        preferential=check, rule=rule, rule_explanation=explanation,
        total_without_vat=total_without_vat, vat=total_with_vat - total_without_vat,
        total_with_vat=total_with_vat, vat_rate=vat,
        deadline=connection_deadline(request, category.code, tariff_periods.in_force(
            deadlines, on, key=lambda r: r.period_key())),
        legal_bases=legal_bases(used, ends),
    )


