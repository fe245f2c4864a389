"""The tariff page's search knowledge: what it indexes and the figures it answers with.

The query is read for the consumer group (gas stove, electric stove, rural, equated), the rate
type and zone (single, day/night, peak/half-peak/night), the consumption band, the town (heat)
and "when" (the next period's start, from the records). The one to three matching tariffs in
force on the day come first, in the order of the tariff page's own tables.
"""

from django.utils.translation import gettext as _

from cms_pages import codes
from cms_pages.rules import tariff_periods
from cms_pages.rules.money import format_amount
from cms_pages.search_answers.common import cached, basis, day, first_number, money, page_url, plain_number
from cms_pages.search_answers.tools import tool
from search.knowledge import Answer, BODY, EXACT, Figure, GENERAL, MATCHED, SUMMARY, WEAK
from search.text import stem, words

GROUP_WORDS = [  # (consumer group, word prefixes, phrases)
    (codes.URBAN_ELECTRIC_RURAL, ("электроплит", "электропли", "электроотоп", "электрокотл", "сельск", "деревн",
                              "село", "селе", "поселк", "поселок", "дач", "rural", "village", "countryside"),
     ("электр плит", "эл плит", "electric stove", "electric cooker", "electric heating", "electric hob")),
    (codes.URBAN_GAS, ("газов", "газ", "gas"), ("gas stove",)),
    (codes.EQUATED, ("приравн", "снт", "садовод", "гараж", "equated", "garden", "огородн"), ()),
]
ZONE_WORDS = [  # (zone, rate type it implies, word prefixes)
    (codes.HALF_PEAK, codes.THREE_ZONE, ("полупик", "semipeak", "halfpeak", "shoulder")),
    (codes.PEAK, codes.THREE_ZONE, ("пик", "peak")),
    (codes.NIGHT, None, ("ночн", "ночь", "ночью", "night")),
    (codes.DAY, codes.TWO_ZONE, ("дневн", "днем", "день", "daytime")),
]
BAND_WORDS = {1: ("перв", "1й", "first"), 2: ("втор", "2й", "second"), 3: ("трет", "3й", "third")}
TARIFF_INTENT = ("тариф", "тарив", "цен", "стоим", "стоит", "почем", "руб", "сколько", "price", "cost", "rate",
                 "tarif", "tariff", "how", "kwh", "квт", "киловат", "ночн", "дневн", "зон", "пик", "night", "peak",
                 "plat", "плат", "гкал", "gcal", "свет", "электроэнерг", "электричеств", "electricity")
WHEN_WORDS = ("когда", "какого", "числа", "дата", "дату", "when", "date", "next", "следующ", "нов", "изменят",
              "изменит", "поменяют", "подорож", "повыс", "повыш", "change", "new", "from")
TOPIC_WORDS = ("тариф", "тарив", "цен", "стоим", "стоит", "почем", "сколько", "руб", "price", "cost", "much", "tarif",
               "tariff", "rate", "kwh", "квт", "киловат", "свет", "электроэнерг", "электричеств", "electricity", "power",
               "тепл", "отоплен", "гкал", "гигакал", "heat", "gcal", "per", "household", "населен", "2026", "2027")
PRICE_WORDS = ("сколько", "цен", "стоим", "стоит", "руб", "почем", "price", "cost", "much", "pay")
HEAT_WORDS = ("тепл", "отоплен", "гкал", "гигакал", "heat", "gcal")
FEE_WORDS = ("подключ", "присоедин", "техпри", "тп", "connect")
BILL_WORDS = ("счет", "сумм", "посчит", "рассчит", "расчет", "калькул", "квитанц", "заплат", "платить", "bill",
              "calculat", "estimate", "pay")


def extra_parts(page):
    """The records' labels (groups, zones, hours, towns): words citizens search with."""
    out = []
    groups = {r.consumer_group for r in page.tariffs.all()}
    if codes.URBAN_ELECTRIC_RURAL in groups:
        out.append((_("электроплита, электроотопление, сельская местность, деревня, село, посёлок, дача"), BODY))
    if codes.URBAN_GAS in groups:
        out.append((_("газовая плита, квартира в городе"), BODY))
    if codes.EQUATED in groups:
        out.append((_("садоводческие товарищества, гаражи, приравненные к населению"), BODY))
    if any(r.rate_type != codes.SINGLE for r in page.tariffs.all()):
        out.append((_("цена ночью и днём, пик и полупик, сколько стоит свет"), SUMMARY))
    if any(r.unit == codes.KWH for r in page.tariffs.all()):
        out.append((_("цена киловатт-часа, стоимость электроэнергии, цены на электричество"), SUMMARY))
    for record in page.tariffs.all():
        out += [(record.get_consumer_group_display(), BODY), (record.get_rate_type_display(), BODY),
                (record.get_zone_display(), BODY), (record.hours, BODY), (record.town, BODY)]
    return out


def _group(facts):
    for group, prefixes, phrases in GROUP_WORDS:
        if facts.has_phrase(*phrases) or facts.has(*prefixes):
            return group
    return None


def _zone(facts):
    for zone, rate, prefixes in ZONE_WORDS:
        if facts.has(*prefixes):
            return zone, rate
    return None, None


def _rate_type(facts):
    text = " ".join(facts.words)
    if facts.has("трехзон", "трехтариф", "трехставоч") or "three zone" in text or "3 zone" in text \
            or "three rate" in text:
        return codes.THREE_ZONE
    if facts.has("двухзон", "двухтариф", "двузон", "двухставоч") or "two zone" in text or "2 zone" in text \
            or "day night" in text or "день ночь" in text or "dual" in text:
        return codes.TWO_ZONE
    if facts.has("одноставоч", "однотариф", "однозон") or "single" in facts.words or "flat" in facts.words:
        return codes.SINGLE
    return None


def _band(facts):
    words = facts.words
    for i, word in enumerate(words):
        if word.startswith(("диапазон", "band", "ступен", "tier")):
            near = words[max(0, i - 1):i] + words[i + 1:i + 2]
            for w in near:
                if w.isdigit() and w in ("1", "2", "3"):
                    return int(w)
                for band, prefixes in BAND_WORDS.items():
                    if w.startswith(prefixes):
                        return band
    kwh = facts.number("kwh")
    return ("kwh", kwh) if kwh is not None else None


def _band_for_consumption(records, kwh):
    """The band a monthly consumption falls into (the bands' upper limits, kWh a month)."""
    limits = sorted({(r.band, r.band_limit_kwh) for r in records if r.band}, key=lambda b: b[0])
    for band, limit in limits:
        if limit is None or kwh <= limit:
            return band
    return limits[-1][0] if limits else 0


def _label(record, language):
    bits = [str(record.get_rate_type_display())]
    if record.zone != codes.ALL_DAY:
        zone = str(record.get_zone_display())
        bits.append(f"{zone} {record.hours}".strip() if record.hours else zone)
    if record.band:
        band = str(record.get_band_display())
        if record.band_limit_kwh:
            band += " " + _("(до %(limit)s кВт·ч в месяц)") % {"limit": format_amount(record.band_limit_kwh, language, places=0)}
        else:
            band += " " + _("(больше предыдущей границы)")
        bits.append(band)
    head = str(record.get_consumer_group_display())
    if record.town:
        head = f"{head}, {record.town}"
    return f"{head}: {', '.join(bits)}"


def _unit(record):
    return _("за 1 Гкал") if record.unit == codes.GCAL else _("за 1 кВт·ч")


def _figure(record, end, language):
    act_text, act_url = basis(record.legal_act)
    return Figure(label=_label(record, language), display=money(record.price, language), value=f"{record.price:.2f}",
                  unit=str(_unit(record)), valid_from=record.effective_from, valid_to=end,
                  basis=act_text, basis_url=act_url)


def _matching(records, facts, kind, order):
    """The records the query asks about, narrowed to the one to three that answer it."""
    records = sorted(records, key=order)  # the tariff page's own order (its tables' sort key)
    group = _group(facts) if kind == codes.ELECTRICITY else None
    zone, zone_rate = _zone(facts)
    rate = _rate_type(facts) or zone_rate
    band = _band(facts)
    specific = any([group, zone, rate, band])
    if kind == codes.HEAT:
        towns = [r for r in records if r.town and _town_matches(r.town, facts)]
        return (towns or records)[:3], bool(towns)
    if group:
        records = [r for r in records if r.consumer_group == group]
    if zone:
        records = [r for r in records if r.zone == zone]
        if zone == codes.NIGHT and not rate:
            rate = codes.TWO_ZONE
    if rate:
        records = [r for r in records if r.rate_type == rate]
    elif not zone:
        records = [r for r in records if r.rate_type == codes.SINGLE] or records
    if isinstance(band, tuple):
        wanted = _band_for_consumption(records, band[1])
        records = [r for r in records if r.band in (wanted, 0)]
    elif band:
        records = [r for r in records if r.band in (band, 0)]
    else:  # no band asked: the first band (most households) and the groups without bands
        records = [r for r in records if r.band in (0, 1)]
    return records[:3], specific


def _town_matches(town, facts):
    town_stems = {stem(w)[:5] for w in words(town) if len(w) >= 4}
    return any(s[:5] in town_stems for s in facts.stems if len(s) >= 4)


def answer(page, facts, on_date, language, order=None):
    heat_query = facts.has(*HEAT_WORDS)
    if (page.kind == codes.HEAT) != heat_query:
        return None
    fee_query = facts.has(*FEE_WORDS) and not facts.has("тариф", "tariff", "ночн", "night")
    intent = facts.has(*TARIFF_INTENT)
    if not intent:
        return None
    records = cached(page, "tariff_records", page.tariff_records)
    selection = tariff_periods.select(records, on_date, key=tariff_periods.tariff_key)
    ends = tariff_periods.effective_ends(records, key=tariff_periods.tariff_key)
    when = facts.has(*WHEN_WORDS) and not facts.has("сколько", "how")
    when = when or facts.has_phrase("с какого", "from when", "какого числа")
    order = order or (lambda r: (r.consumer_group, r.rate_type, r.zone, r.band))
    chosen, specific = _matching(selection.in_force, facts, page.kind, order)
    base = Answer(kind="tariff", title=str(page.title), url=page_url(page, language), on_date=on_date,
                  page_id=page.pk)
    if when and selection.upcoming:
        period = selection.upcoming[0]
        upcoming, _specific = _matching(period.records, facts, page.kind, order)
        base.text = _("Следующие тарифы действуют с %(date)s.") % {"date": day(period.start)}
        act_text, act_url = basis(period.records[0].legal_act) if period.records else ("", "")
        base.figures = [Figure(label=_("Новые тарифы действуют с"), display=day(period.start),
                               value=period.start.isoformat(), valid_from=period.start, valid_to=period.end,
                               basis=act_text, basis_url=act_url)]
        base.figures += [_figure(r, ends.get(id(r)), language) for r in upcoming[:2]]
        base.strength = EXACT
        return base
    if not chosen:
        return None
    base.figures = [_figure(r, ends.get(id(r)), language) for r in chosen]
    current_end = min((e for e in (ends.get(id(r)) for r in chosen) if e), default=None)
    base.text = _("Тарифы, действующие на %(date)s.") % {"date": day(on_date)}
    if when:
        base.text = (_("Новых тарифов пока не опубликовано; эти действуют по %(date)s.") % {"date": day(current_end)}
                     if current_end else _("Новых тарифов пока не опубликовано."))
    if selection.next_change:
        base.items.append(_("Следующие тарифы — с %(date)s.") % {"date": day(selection.next_change)})
    kwh = first_number(facts, "kwh")
    if page.kind == codes.ELECTRICITY and (kwh is not None or facts.has(*BILL_WORDS)):
        group = _group(facts)
        base.tool = tool("bill", {"consumer_group": group or "", "mode": "total", "total_kwh": plain_number(kwh)})
    if fee_query:
        base.strength = WEAK
    elif specific or facts.only(*TOPIC_WORDS):
        base.strength = EXACT  # «сколько стоит свет в деревне»: the figure, not a sentence about it
    elif intent and (specific or when):
        base.strength = MATCHED
    elif intent:
        base.strength = GENERAL
    else:
        base.strength = WEAK
    return base
