"""Direct answers: the short answer, the tariffs in force today, the fee rule or a centre's address.

Rules here are plain functions so they can be tested without a request.
"""
import logging

from django.utils import formats, timezone
from django.utils.translation import gettext as _
from wagtail.models import Page

from search.text import stems

logger = logging.getLogger(__name__)

TARIFF_WORDS = {"тариф", "цен", "стоим", "ночн", "дневн", "зон", "tariff", "price", "rate", "night"}
ANSWER_TYPES = {"questionpage", "tariffpage", "connectionfeepage", "servicecentrepage"}


def in_force(records, on_date, key=None):
    """Records in force on ``on_date``: the site's own rule (cms_pages.rules.tariff_periods), so the
    answer card and the tariff page never disagree."""
    from cms_pages.rules import tariff_periods
    return tariff_periods.in_force(records, on_date, key=key)


def _tariff_key():
    from cms_pages.rules.tariff_periods import tariff_key
    return tariff_key


def _rate_key():
    from cms_pages.rules.tariff_periods import preferential_rate_key
    return preferential_rate_key


def is_tariff_query(text):
    return bool(set(stems(text)) & TARIFF_WORDS)


def choose_answer_hit(hits, query_text):
    """The hit to answer from: the top hit if it is answerable, or a tariff page near the top
    of a query about tariffs."""
    if not hits:
        return None
    if hits[0].page_type in ANSWER_TYPES:
        return hits[0]
    if is_tariff_query(query_text):
        for hit in hits[:3]:
            if hit.page_type == "tariffpage":
                return hit
    return None


def _money(value):
    return formats.number_format(value, decimal_pos=2, use_l10n=True)


def tariff_lines(page, on_date):
    lines = []
    records = sorted(in_force(list(page.tariffs.all()), on_date, key=_tariff_key()),
                     key=lambda r: (r.consumer_group, r.rate_type, r.band, r.zone))
    for r in records:
        label = r.get_consumer_group_display()
        details = [str(r.get_rate_type_display())]
        if r.zone != "all_day":
            details.append(str(r.get_zone_display()) + (f" ({r.hours})" if r.hours else ""))
        if r.band:
            details.append(str(r.get_band_display()))
        if r.town:
            details.append(r.town)
        lines.append(f"{label}; {', '.join(details)}: {_money(r.price)} {r.get_unit_display()}")
    return lines


def build_answer(hit, on_date=None):
    """{"kind", "title", "text", "url", "items"} for a hit, or None if the page gives no answer today."""
    on_date = on_date or timezone.localdate()
    try:
        page = Page.objects.get(pk=hit.page_id).specific
    except Page.DoesNotExist:
        return None
    base = {"title": str(page.title), "url": hit.url, "items": []}
    kind = page._meta.model_name
    if kind == "questionpage" and page.short_answer:
        return {**base, "kind": "question", "text": str(page.short_answer)}
    if kind == "tariffpage":
        lines = tariff_lines(page, on_date)
        if not lines:
            return None
        text = _("Тарифы, действующие на %(date)s.") % {"date": formats.date_format(on_date, "SHORT_DATE_FORMAT")}
        return {**base, "kind": "tariff", "text": text, "items": lines}
    if kind == "connectionfeepage":
        rates = in_force(list(page.preferential_rates.all()), on_date, key=_rate_key())
        if not rates:
            return None
        items = [
            _("%(kind)s: %(amount)s руб. за кВт с НДС, до %(kw)s кВт, не дальше %(town)s м от сетей в городе "
              "и %(rural)s м в сельской местности") % {
                "kind": r.get_kind_display(), "amount": _money(r.rub_per_kw), "kw": formats.number_format(r.max_kw),
                "town": r.max_distance_town_m, "rural": r.max_distance_rural_m}
            for r in rates
        ]
        return {**base, "kind": "fee", "items": items,
                "text": str(page.summary) or _("Плата за присоединение до 15 кВт по льготной ставке:")}
    if kind == "servicecentrepage":
        items = [_("Адрес: %(address)s") % {"address": page.address}]
        if page.phones:
            items.append(_("Телефон: %(phones)s") % {"phones": page.phones})
        for hours in page.opening_hours.all():
            items.append(f"{hours.get_weekday_display()}: {hours.opens:%H:%M}–{hours.closes:%H:%M}")
        return {**base, "kind": "centre", "text": str(page.summary or page.town), "items": items}
    return None


def answer_for(results, on_date=None):
    hit = choose_answer_hit(results.hits, results.query)
    return build_answer(hit, on_date) if hit else None


def promoted_pages(query_text):
    """Editors' best bets (Wagtail search promotions) for this exact query, live pages only."""
    from wagtail.contrib.search_promotions.models import SearchPromotion
    from wagtail.search.utils import normalise_query_string
    normalised = normalise_query_string(query_text)
    if not normalised:
        return []
    promos = SearchPromotion.objects.filter(query__query_string=normalised).select_related("page").order_by("sort_order")
    return [p for p in promos if p.page_id and p.page.live]



OUTAGE_WORDS = {"свет", "отключен", "отключ", "авар", "электричеств", "outag", "power", "blackout"}


def outage_answer(query_text, lang):
    """Outages first for «нет света Котлас»: the matching current outages, then how to report one.

    Returns None unless the query names a place with a known outage or talks about power cuts.
    """
    try:
        from outages.lookup import current_outages_matching
    except ImportError:
        return None
    try:
        matches = current_outages_matching(query_text, lang)
    except Exception:  # noqa: BLE001 - the registry must never break a citizen's search
        logger.exception("outage lookup failed for a search")
        matches = []
    words = set(stems(query_text))
    if not matches and not any(w.startswith(tuple(OUTAGE_WORDS)) for w in words):
        return None
    return {"items": matches, "report_url": f"/{lang}/requests/new/?type=outage", "check_url": f"/{lang}/outages/check/"}
