"""The outages' answer in the site search: only for questions about power, light or outages.

«нет света Котлас» shows the matching current outages first, then how to report one; a question
that merely names a town («часы работы ЦОК Котлас») gets no outage box.
"""
import logging

logger = logging.getLogger(__name__)

OUTAGE_PREFIXES = ("отключ", "авари", "обесточ", "блэкаут", "outage", "blackout", "cut")
POWER_WORDS = ("свет", "электричеств", "электроэнерг", "напряжен", "power", "electricity", "light")
MISSING_WORDS = ("нет", "пропа", "без", "не", "дадут", "дали", "вырубил", "погас", "моргает", "no", "lost", "off",
                 "out", "down", "without", "when", "когда", "since", "со")


def is_outage_question(facts):
    """A question about power being off: an outage word, or power together with «нет/пропал/когда дадут»."""
    if facts.has(*OUTAGE_PREFIXES):
        # «отключение» also starts questions about disconnection for debt; still an outage question.
        return True
    if facts.has_phrase("power cut", "no power", "no electricity", "нет свет", "без свет", "пропал свет",
                        "пропало электр", "нет электр"):
        return True
    return facts.has(*POWER_WORDS) and facts.has_word(*MISSING_WORDS) and not facts.has(
        "тариф", "цен", "стоим", "стоит", "price", "tariff", "cost", "подключ", "connect")


def outage_answer(facts, lang):
    """{"items", "report_url", "check_url"} for an outage question, else None."""
    if not is_outage_question(facts):
        return None
    try:
        from outages.lookup import current_outages_matching
        matches = current_outages_matching(facts.text, lang)
    except Exception:  # noqa: BLE001 - the registry must never break a citizen's search
        logger.exception("outage lookup failed for a search")
        matches = []
    return {"items": matches, "report_url": f"/{lang}/requests/new/?type=outage",
            "check_url": f"/{lang}/outages/check/"}
