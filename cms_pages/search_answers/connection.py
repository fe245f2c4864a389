"""The connection fee page's search answer: the preferential rates in force (Decree 861, p. 17),
and the fee calculator with the query's kW (and area, distance) filled in."""
from django.utils.translation import gettext as _

from cms_pages.codes import PREFERENTIAL, RURAL, SOCIAL, TOWN
from cms_pages.rules import tariff_periods
from cms_pages.search_answers.common import cached, basis, day, first_number, money, page_url, plain_number
from cms_pages.search_answers.tools import tool
from search.knowledge import Answer, BODY, EXACT, Figure, GENERAL, MATCHED, PHRASING

FEE_WORDS = ("подключ", "присоед", "присоеден", "техпри", "техприс", "connect", "ставк", "льготн", "социальн")
COST_WORDS = ("сколько", "стоим", "стоит", "цен", "плат", "руб", "fee", "cost", "price", "how much", "much", "charge",
              "калькул", "calculat", "рассчит", "посчит", "расчет")
TOOL_WORDS = ("калькул", "calculat", "рассчит", "посчит", "расчет", "estimate")
RURAL_WORDS = ("деревн", "сельск", "село", "селе", "поселк", "дач", "rural", "village", "countryside")
TOPIC_WORDS = ("тп", "дом", "дач", "частн", "участ", "электричеств", "электросет", "сет", "квт", "kw", "house", "home",
               "grid", "electricity", "сколко", "стоимост", "за", "ставк", "rate", "кв")
TOWN_WORDS = ("город", "town", "city")


def extra_parts(page):
    out = [(getattr(c, "deadline", ""), BODY) for c in page.categories.all()]  # the deadline's wording, where kept
    out += [(_("%(kind)s за кВт") % {"kind": r.get_kind_display()}, PHRASING) for r in page.preferential_rates.all()]
    out += [(r.conditions, BODY) for r in page.preferential_rates.all()]
    return out


def answer(page, facts, on_date, language):
    fee = facts.has(*FEE_WORDS) or facts.has_word("тп")
    if not fee:
        return None
    if facts.has("тариф", "tariff") and not facts.has("подключ", "присоед", "connect"):
        return None
    records = cached(page, "preferential_rates",
                     lambda: list(page.preferential_rates.all().select_related("legal_act")))
    rates = tariff_periods.in_force(records, on_date, key=tariff_periods.preferential_rate_key)
    ends = tariff_periods.effective_ends(records, key=tariff_periods.preferential_rate_key)
    rates.sort(key=lambda r: (0 if r.kind == PREFERENTIAL else 1, r.sort_order or 0))
    if facts.has("социальн", "social", "многодет", "малоимущ", "low") and len(rates) > 1:
        rates.sort(key=lambda r: 0 if r.kind == SOCIAL else 1)
    card = Answer(kind="fee", title=str(page.title), url=page_url(page, language), on_date=on_date, page_id=page.pk,
                  text=str(page.summary))
    for rate in rates[:2]:
        act_text, act_url = basis(rate.legal_act)
        card.figures.append(Figure(
            label=_("%(kind)s: до %(kw)s кВт, не дальше %(town)s м от сетей в городе и %(rural)s м в сельской "
                    "местности") % {"kind": rate.get_kind_display(), "kw": plain_number(rate.max_kw),
                                    "town": rate.max_distance_town_m, "rural": rate.max_distance_rural_m},
            display=money(rate.rub_per_kw, language), value=f"{rate.rub_per_kw:.2f}", unit=_("за 1 кВт, с НДС"),
            valid_from=rate.effective_from, valid_to=ends.get(id(rate)), basis=act_text, basis_url=act_url))
    kw = first_number(facts, "kw")
    if kw is not None and rates and kw <= rates[0].max_kw:
        card.items.append(_("За %(kw)s кВт по ставке «%(kind)s»: %(total)s (если выполнены условия ставки)") % {
            "kw": plain_number(kw), "kind": rates[0].get_kind_display(),
            "total": money(kw * rates[0].rub_per_kw, language)})
    upcoming = tariff_periods.select(records, on_date, key=tariff_periods.preferential_rate_key).next_change
    if upcoming:
        card.items.append(_("Новые ставки — с %(date)s.") % {"date": day(upcoming)})
    area = RURAL if facts.has(*RURAL_WORDS) else (TOWN if facts.has(*TOWN_WORDS) else "")
    wants_tool = facts.has(*TOOL_WORDS) or kw is not None
    if wants_tool or facts.has(*COST_WORDS):
        card.tool = tool("connection_fee", {"kw": plain_number(kw), "area": area,
                                            "distance_m": plain_number(first_number(facts, "m"))})
    if not card.figures and not card.tool:
        return None
    if facts.has(*TOOL_WORDS) or (kw is not None and facts.has(*COST_WORDS)) or \
            (facts.has(*COST_WORDS) and facts.only(*FEE_WORDS, *COST_WORDS, *TOPIC_WORDS)):
        card.strength = EXACT
    elif facts.has(*COST_WORDS) or kw is not None:
        card.strength = MATCHED
    else:
        card.strength = GENERAL
    return card
