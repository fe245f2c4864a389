"""A subsidy or benefit page's search answer: the share of income or the compensation (Housing Code
art. 159; 181-FZ art. 17), the income ceiling for the family size asked, and the eligibility
checker with the query's family size and income filled in."""
from django.utils.translation import gettext as _

from cms_pages.rules import tariff_periods
from cms_pages.rules.money import format_amount
from cms_pages.search_answers.common import cached, basis, first_number, money, page_url, plain_number
from cms_pages.search_answers.tools import tool
from search.knowledge import Answer, BODY, Figure, GENERAL, MATCHED, WEAK

SUBSIDY_WORDS = ("субсид", "льгот", "компенс", "subsid", "benefit", "compens", "жку", "коммунал", "utilit",
                 "инвалид", "disab", "ветеран", "veteran", "процент", "percent", "за", "свет", "электроэнерг",
                 "housing", "жиль", "услуг", "боев", "действ", "людям", "people", "combat", "plat", "плат")
TOOL_WORDS = ("калькул", "провер", "положен", "имею ли", "могу ли", "право", "eligib", "qualif", "entitled", "check",
              "доход", "income", "зарплат", "пенси", "семь", "family", "человек", "people")


def extra_parts(page):
    return [(page.rule, BODY), (page.processing_time, BODY)]


def _percent(value, language):
    return format_amount(value, language, places=0 if value == value.to_integral() else 2) + " %"


def answer(page, facts, on_date, language):
    act_text, act_url = cached(page, "basis", lambda: basis(page.legal_act))
    card = Answer(kind="benefit", title=str(page.title), url=page_url(page, language), text=str(page.summary),
                  on_date=on_date, page_id=page.pk)
    if page.max_payment_share_percent is not None:
        card.figures.append(Figure(label=_("Субсидия, если расходы на ЖКУ больше этой доли дохода семьи"),
                                   display=_percent(page.max_payment_share_percent, language),
                                   value=str(page.max_payment_share_percent), basis=act_text, basis_url=act_url))
    if page.compensation_percent is not None:
        card.figures.append(Figure(label=_("Размер компенсации платы"),
                                   display=_percent(page.compensation_percent, language),
                                   value=str(page.compensation_percent), basis=act_text, basis_url=act_url))
    size = first_number(facts, "people")
    records = cached(page, "income_ceilings", lambda: list(page.income_ceilings.all().select_related("legal_act")))
    if records:
        ceilings = sorted(tariff_periods.in_force(records, on_date, key=tariff_periods.income_ceiling_key),
                          key=lambda c: c.family_size)
        ends = tariff_periods.effective_ends(records, key=tariff_periods.income_ceiling_key)
        chosen = [c for c in ceilings if size is not None and c.family_size == int(min(size, ceilings[-1].family_size))] \
            if ceilings else []
        for ceiling in chosen[:1]:
            c_text, c_url = basis(ceiling.legal_act)
            card.figures.append(Figure(
                label=_("Предельный доход семьи из %(n)s чел. в отопительный период") % {"n": ceiling.family_size},
                display=money(ceiling.heating_season, language), value=f"{ceiling.heating_season:.2f}",
                unit=_("в месяц"), valid_from=ceiling.effective_from, valid_to=ends.get(id(ceiling)),
                basis=c_text, basis_url=c_url))
    if page.processing_time:
        card.items.append(_("Срок рассмотрения: %(time)s") % {"time": page.processing_time})
    income = first_number(facts, "rub")
    if income is None:  # «доход 40000»: a bare number of a thousand or more is the income
        income = next((n.value for n in facts.numbers if n.unit == "" and n.value >= 1000), None)
    if size is not None or income is not None or facts.has(*TOOL_WORDS):
        card.tool = tool("eligibility", {"family_size": plain_number(size), "income": plain_number(income)})
    if not card.figures and not card.tool:
        return None
    if size is not None or income is not None:
        card.strength = MATCHED
    elif facts.only(*SUBSIDY_WORDS):
        card.strength = MATCHED + 0.6  # «субсидия на ЖКУ», "utility subsidy": the rule's figure first
    elif facts.has(*SUBSIDY_WORDS[:9]):
        card.strength = GENERAL
    else:
        card.strength = WEAK
    return card
