"""Monthly electricity bill under single-rate, two-zone and three-zone tariffs, side by side.

Household prices come from the regulator's order for each half-year and consumer group. Since
01.01.2025 a region may set prices by consumption band (band 1 up to 3,900 kWh a month, band 2 up
to 6,000, band 3 above; the limits are read from the published records). Bands work like steps:
only the kWh above a limit are paid at the next band's price. With a zone meter the kWh of each
band are shared between the zones in proportion to each zone's consumption.
"""
from dataclasses import dataclass, field
from decimal import Decimal

from django.utils.translation import gettext_lazy as _

from calculators.rules.common import NoPublishedData, add_vat, legal_bases, money, remove_vat, today, vat_rate_on
from cms_pages.codes import (  # noqa: F401
    ALL_DAY, DAY, HALF_PEAK, HOUSEHOLD_GROUPS, KWH, NIGHT, NO_BANDS, PEAK, SINGLE, THREE_ZONE, TWO_ZONE, ZONES,
)
from cms_pages.rules import tariff_periods

RATE_TYPES = (SINGLE, TWO_ZONE, THREE_ZONE)


@dataclass(frozen=True)
class ZoneShares:
    """Parts of a month's kWh used at night (23–07) and at peak (07–10, 17–21), in per cent.

    ``assumed`` is True when they are the typical shares editors publish for the consumer group
    (the visitor gave only a total), False when the visitor typed them.
    """

    night_percent: Decimal
    peak_percent: Decimal | None  # None: no peak share known, so no three-zone estimate
    assumed: bool = True
    source: str = ""

    @property
    def half_peak_percent(self):
        return None if self.peak_percent is None else 100 - self.night_percent - self.peak_percent


def typical_shares(records, consumer_group):
    """The typical zone shares editors publish for ``consumer_group`` (``TypicalZoneShare``), or None."""
    for record in sorted(records, key=lambda r: r.sort_order or 0):
        if record.consumer_group == consumer_group:
            return ZoneShares(Decimal(record.night_percent), Decimal(record.peak_percent), True, record.source or "")
    return None


@dataclass(frozen=True)
class Consumption:
    """kWh in a month: a total (split by typical or typed shares), a day/night or a three-zone split."""

    total: Decimal
    two_zone: dict | None = None    # {"day": kWh, "night": kWh}
    three_zone: dict | None = None  # {"peak": kWh, "half_peak": kWh, "night": kWh}
    shares: ZoneShares | None = None  # set when the zones were estimated from the total

    @classmethod
    def from_total(cls, total, shares=None):
        """A total; with ``shares`` the zones are estimated from it, so zone tariffs can be compared."""
        total = Decimal(total)
        if shares is None:
            return cls(total=total)
        night = total * shares.night_percent / 100
        three_zone = None
        if shares.peak_percent is not None:
            peak = total * shares.peak_percent / 100
            three_zone = {PEAK: peak, HALF_PEAK: total - night - peak, NIGHT: night}
        return cls(total=total, two_zone={DAY: total - night, NIGHT: night}, three_zone=three_zone,
                   shares=shares)

    @classmethod
    def from_day_night(cls, day, night):
        day, night = Decimal(day), Decimal(night)
        return cls(total=day + night, two_zone={DAY: day, NIGHT: night})

    @classmethod
    def from_three_zones(cls, peak, half_peak, night):
        peak, half_peak, night = Decimal(peak), Decimal(half_peak), Decimal(night)
        # Day (07–23) is peak plus half-peak; night is the same 23–07 in both zone tariffs.
        return cls(total=peak + half_peak + night,
                   two_zone={DAY: peak + half_peak, NIGHT: night},
                   three_zone={PEAK: peak, HALF_PEAK: half_peak, NIGHT: night})

    def volumes(self, rate_type):
        if rate_type == SINGLE:
            return {ALL_DAY: self.total}
        return self.two_zone if rate_type == TWO_ZONE else self.three_zone


@dataclass
class BandLine:
    band: int
    kwh: Decimal
    price: Decimal
    vat_included: bool
    record: object
    lower_kwh: int | None = None  # band covers kWh above this (of the month's total)
    upper_kwh: int | None = None

    @property
    def amount(self):
        return self.price * self.kwh


@dataclass
class ZoneCost:
    zone: str
    label: str
    hours: str
    kwh: Decimal
    lines: list
    with_vat: Decimal
    without_vat: Decimal


@dataclass
class TariffOption:
    rate_type: str
    label: str
    available: bool = False
    reason: str = ""
    zones: list = field(default_factory=list)
    with_vat: Decimal | None = None
    without_vat: Decimal | None = None
    cheapest: bool = False
    over_cheapest: Decimal | None = None
    records: list = field(default_factory=list)


@dataclass
class BillEstimate:
    consumer_group: str
    on: object
    consumption: Consumption
    options: list
    band_volumes: list       # [(band, lower, upper, kWh)] of the month's total, empty without bands
    vat_rate: object
    legal_bases: list

    @property
    def available(self):
        return [o for o in self.options if o.available]

    @property
    def cheapest(self):
        return [o for o in self.options if o.cheapest]


def band_limits(records):
    """{band: upper limit in kWh} from the records; the last band has no upper limit."""
    limits = {}
    for record in records:
        if record.band and record.band_limit_kwh is not None:
            limits.setdefault(record.band, record.band_limit_kwh)
    return limits


def split_into_bands(total, limits, bands):
    """[(band, lower, upper, kWh)]: the kWh of ``total`` that fall in each band, lowest first.

    ``bands`` are the band numbers with a published price; 3,900 kWh with a 3,900 limit is all
    band 1, 3,901 kWh puts 1 kWh in band 2.
    """
    result, lower, left = [], Decimal(0), Decimal(total)
    for band in sorted(bands):
        upper = limits.get(band)
        size = left if upper is None else max(Decimal(0), min(left, Decimal(upper) - lower))
        result.append((band, int(lower), upper, size))
        left -= size
        if upper is None:
            break
        lower = Decimal(upper)
    if left > 0:
        result.append((None, int(lower), None, left))  # kWh with no band to price them
    return result


def price_option(rate_type, label, records, consumption, vat, zone_labels=None):
    """The cost of ``consumption`` under one rate type, from the records in force for it."""
    option = TariffOption(rate_type=rate_type, label=label)
    volumes = consumption.volumes(rate_type)
    by_zone = {}
    for record in records:
        by_zone.setdefault(record.zone, []).append(record)
    missing = [z for z in ZONES[rate_type] if z not in by_zone]
    if missing:
        option.reason = _("Тариф этого вида на выбранную дату не опубликован.")
        return option
    if volumes is None:
        option.reason = (_("Чтобы рассчитать двухзонный тариф, укажите расход днём и ночью.")
                         if rate_type == TWO_ZONE else
                         _("Чтобы рассчитать трёхзонный тариф, укажите расход в пик, полупик и ночью."))
        return option
    limits = band_limits(records)
    total = consumption.total
    for zone in ZONES[rate_type]:
        zone_records = by_zone[zone]
        kwh = volumes[zone]
        flat = [r for r in zone_records if r.band == NO_BANDS]
        lines = []
        if flat:
            r = flat[0]
            lines.append(BandLine(NO_BANDS, kwh, r.price, r.vat_included, r))
        else:
            priced = {r.band: r for r in zone_records}
            for band, lower, upper, band_kwh in split_into_bands(total, limits, priced):
                if band_kwh == 0:
                    continue
                if band is None:
                    option.reason = _("Для расхода выше %(limit)s кВт·ч в месяц тариф не опубликован.") % {
                        "limit": lower}
                    return option
                share = band_kwh * kwh / total if total else Decimal(0)
                r = priced[band]
                lines.append(BandLine(band, share, r.price, r.vat_included, r, lower, upper))
        with_vat = sum((line.amount if line.vat_included else add_vat(line.amount, vat) for line in lines),
                       Decimal(0))
        without_vat = sum((remove_vat(line.amount, vat) if line.vat_included else line.amount for line in lines),
                          Decimal(0))
        first = zone_records[0]
        option.zones.append(ZoneCost(
            zone=zone, label=(zone_labels or {}).get(zone) or first.get_zone_display(), hours=first.hours or "",
            kwh=kwh, lines=lines, with_vat=money(with_vat), without_vat=money(without_vat)))
        option.records.extend(line.record for line in lines)
    option.available = True
    option.with_vat = sum((z.with_vat for z in option.zones), Decimal(0))
    option.without_vat = sum((z.without_vat for z in option.zones), Decimal(0))
    return option


RATE_TYPE_LABELS = {
    SINGLE: _("Одноставочный тариф"),
    TWO_ZONE: _("Двухзонный тариф (день/ночь)"),
    THREE_ZONE: _("Трёхзонный тариф (пик/полупик/ночь)"),
}


def estimate_bill(consumer_group, consumption, records, on=None):
    """Monthly cost under each rate type for ``consumer_group`` on ``on`` (default today).

    Prices: the regional regulator's order for the half-year and the consumer group (single-rate,
    two-zone and three-zone tariffs; since 01.01.2025 the bands of monthly consumption, band 1 up
    to 3,900 kWh, band 2 up to 6,000, band 3 above, as published). Each band's kWh are paid at its price;
    with a zone meter each band's kWh are shared between the zones in proportion to the zones'
    consumption. A total with typical shares gives an estimate; a typed split gives the exact sum.

    ``records`` are all published tariff records (any group, any period); the ones for the
    group, in kWh, in force on the date are chosen here as the tariff page chooses them.
    """
    on = on or today()
    records = [r for r in records if r.unit == KWH]
    ends = tariff_periods.effective_ends(records, tariff_periods.tariff_key)
    in_force = [r for r in records if r.consumer_group == consumer_group
                and tariff_periods.is_in_force(r, on, ends[id(r)])]
    if not in_force:
        raise NoPublishedData(
            _("На %(date)s тарифы для этой группы потребителей не опубликованы. Выберите другую дату или группу.")
            % {"date": on.strftime("%d.%m.%Y")}, field="date")
    vat = vat_rate_on(on)
    options = []
    for rate_type in RATE_TYPES:
        own = [r for r in in_force if r.rate_type == rate_type]
        options.append(price_option(rate_type, RATE_TYPE_LABELS[rate_type], own, consumption, vat))
    available = [o for o in options if o.available]
    if available:
        lowest = min(o.with_vat for o in available)
        for option in available:
            option.over_cheapest = option.with_vat - lowest
            option.cheapest = len(available) > 1 and option.with_vat == lowest
    banded = [r for r in in_force if r.band]
    bands = []
    if banded:
        single = [r for r in banded if r.rate_type == SINGLE] or banded
        bands = [b for b in split_into_bands(consumption.total, band_limits(single), {r.band for r in single})]
    used = [r for o in available for r in o.records]
    return BillEstimate(consumer_group=consumer_group, on=on, consumption=consumption, options=options,
                        band_volumes=bands, vat_rate=vat, legal_bases=legal_bases(used, ends))
