"""The fact a gold-set answer must contain, read from the content on the day (never typed in).

A gold item's ``fact`` names a record or field; ``expected_text`` turns it into the text the
answer card must show, as the site writes it in the query's language (money through
``cms_pages.rules.money``), or None when the content lacks it (counted as a miss).
"""
from urllib.parse import urlencode

from django.utils import timezone, translation
from wagtail.models import Page


def _page(slug):
    page = Page.objects.filter(slug_ru=slug).first() or Page.objects.filter(slug_en=slug).first()
    return page.specific if page else None


def expected_text(fact, lang, on_date=None):
    """The text, or None when the content lacks the fact (another page type under that slug, say)."""
    try:
        return _expected_text(fact, lang, on_date)
    except (AttributeError, KeyError, TypeError):
        return None


def _expected_text(fact, lang, on_date=None):
    from cms_pages.rules import tariff_periods
    from cms_pages.rules.money import format_amount, format_money
    on_date = on_date or timezone.localdate()
    kind = fact["kind"]
    with translation.override(lang):
        if kind == "tool":
            return urlencode(fact["params"])
        if kind == "fee_rate":
            for page in Page.objects.live().specific():
                rates = getattr(page, "preferential_rates", None)
                if rates is None:
                    continue
                chosen = [r for r in tariff_periods.in_force(list(rates.all()), on_date,
                                                             key=tariff_periods.preferential_rate_key)
                          if r.kind == fact["rate"]]
                if chosen:
                    return format_money(chosen[0].rub_per_kw, lang)
            return None
        page = _page(fact["page"])
        if page is None:
            return None
        if kind == "question":  # as the card shows it: a live figure is its value on the day
            from cms_pages.rules.live_figures import render_figures
            return str(render_figures(str(page.short_answer), on=on_date))[:40]
        if kind == "tariff":
            records = page.tariff_records()
            in_force = tariff_periods.in_force(records, on_date, key=tariff_periods.tariff_key)
            keys = ("consumer_group", "rate_type", "zone", "band")
            chosen = [r for r in in_force if all(getattr(r, k) == fact[k] for k in keys if k in fact)
                      and (not fact.get("town") or fact["town"].lower() in (r.town_ru or "").lower())]
            return format_money(chosen[0].price, lang) if chosen else None
        if kind == "tariff_hours":
            records = tariff_periods.in_force(page.tariff_records(), on_date, key=tariff_periods.tariff_key)
            hours = [r.hours for r in records if r.zone == fact["zone"] and r.hours]
            return hours[0] if hours else None
        if kind == "tariff_next":
            selection = tariff_periods.select(page.tariff_records(), on_date, key=tariff_periods.tariff_key)
            return selection.next_change.strftime("%d.%m.%Y") if selection.next_change else None
        if kind == "centre":
            field = fact["field"]
            if field == "phones":
                return page.phones
            if field == "address":
                return str(page.address)
            if field == "hours_today":
                rows = [r for r in page.opening_hours.all() if r.weekday == on_date.weekday()]
                from django.utils.translation import gettext as _
                return rows[0].opens.strftime("%H:%M") if rows else _("выходной")
            if field in ("ramp", "home"):
                from django.utils.translation import gettext as _
                value = page.has_ramp if field == "ramp" else page.offers_home_visits
                if field == "ramp":
                    return str(_("есть") if value else _("нет"))
                return str(_("да") if value else _("нет"))
        if kind == "procedure":
            return str(getattr(page, fact.get("field", "total_time")) or "") or None
        if kind == "subsidy":
            value = getattr(page, fact["field"])
            return None if value is None else format_amount(value, lang, places=0) + " %"
    return None


def answer_has_fact(answer, fact, lang, on_date=None):
    """(expected text or None, whether the answer card shows it)."""
    expected = expected_text(fact, lang, on_date)
    if not expected or answer is None:
        return expected, False
    return expected, expected.lower() in answer.plain_text().lower()
