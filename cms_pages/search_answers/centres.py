"""A service centre's search answer: the attribute asked about (hours today and this week, phone,
address, step-free access, home visits), for the centre of the town the query names."""
from django.utils import timezone
from django.utils.translation import gettext as _

from cms_pages.rules import opening_hours
from cms_pages.search_answers.common import cached, page_url
from search.text import stem, words
from search.knowledge import Answer, EXACT, Figure, GENERAL, MATCHED, WEAK

HOURS_WORDS = ("час", "режим", "работа", "работ", "открыт", "закрыт", "график", "расписан", "hour", "open", "close",
               "schedule", "time", "когда", "сегодня", "today", "выходн", "суббот", "weekend", "saturday")
PHONE_WORDS = ("телефон", "позвон", "звонит", "номер", "phone", "call", "contact", "контакт", "тел")
ADDRESS_WORDS = ("адрес", "где", "находит", "добрат", "доехат", "address", "where", "locat", "find", "map", "карт",
                 "ехать", "проезд", "остановк")
STEP_FREE_WORDS = ("пандус", "коляск", "инвалид", "ступен", "доступн", "маломобил", "ramp", "wheelchair", "step",
                   "accessib", "disab", "лифт")
CENTRE_WORDS = ("цок", "центр", "офис", "отделен", "приемн", "centre", "center", "office")


def _hhmm(value):
    return value.strftime("%H:%M")


def _day_text(rows):
    if not rows:
        return _("выходной")
    spans = []
    for row in rows:
        text = f"{_hhmm(row.opens)}–{_hhmm(row.closes)}"
        if row.break_start and row.break_end:
            text += " " + _("(перерыв %(start)s–%(end)s)") % {"start": _hhmm(row.break_start), "end": _hhmm(row.break_end)}
        spans.append(text)
    return ", ".join(spans)


def town_matches(page, facts):
    names = {stem(w)[:5] for w in words(" ".join(filter(None, [page.town_ru or "", page.town_en or "",
                                                               page.town or ""]))) if len(w) >= 4}
    return any(s[:5] in names for s in facts.stems if len(s) >= 4)


def answer(page, facts, on_date, language):
    from django.utils.dates import WEEKDAYS
    WEEKDAY_LABELS = {day: str(name).capitalize() for day, name in WEEKDAYS.items()}
    own_town = town_matches(page, facts)
    asks = {
        "hours": facts.has(*HOURS_WORDS),
        "phone": facts.has(*PHONE_WORDS),
        "address": facts.has(*ADDRESS_WORDS) or facts.has_phrase("как добраться"),
        "step_free": facts.has(*STEP_FREE_WORDS) or facts.has_phrase("без ступен", "step free"),
        "home": facts.has("выезд", "visit") or facts.has_phrase("на дом", "at home", "home visit", "вызвать специал"),
    }
    if asks["home"]:
        asks["step_free"] = asks["step_free"] and facts.has("пандус", "ramp", "коляск", "wheelchair", "ступен", "step")
    asked = [k for k, v in asks.items() if v]
    card = Answer(kind="centre", title=str(page.title), url=page_url(page, language), on_date=on_date,
                  page_id=page.pk, text=str(page.summary or page.town))
    rows = cached(page, "opening_hours", lambda: list(page.opening_hours.all()))
    figures = []
    if "hours" in asked:
        today_rows = [r for r in rows if r.weekday == on_date.weekday()]
        label = _("Сегодня, %(day)s") % {"day": str(WEEKDAY_LABELS[on_date.weekday()]).lower()}
        if on_date == timezone.localdate():
            state = opening_hours.status_at(rows)
            status = (_("сейчас открыто до %(time)s") % {"time": _hhmm(state.closes_at)} if state.is_open
                      else (_("сейчас закрыто, откроется %(when)s") % {
                          "when": state.next_open.strftime("%d.%m %H:%M")} if state.next_open else _("сейчас закрыто")))
            label = f"{label} ({status})"
        figures.append(Figure(label=label, display=_day_text(today_rows), valid_from=on_date, valid_to=on_date))
        for weekday, day_rows in opening_hours.weekly_table(rows):
            card.items.append(f"{WEEKDAY_LABELS[weekday]}: {_day_text(day_rows)}")
    if "phone" in asked and page.phones:
        links = page.phone_links()
        href = f"tel:{links[0][1]}" if links else ""
        figures.append(Figure(label=_("Телефон"), display=page.phones, href=href))
    if "address" in asked:
        figures.append(Figure(label=_("Адрес"), display=str(page.address)))
        if page.transit_stop:
            card.items.append(_("Остановка: %(stop)s") % {"stop": page.transit_stop})
    if "step_free" in asked:
        figures.append(Figure(label=_("Вход без ступенек (пандус)"), display=_("есть") if page.has_ramp else _("нет")))
    if "home" in asked:
        figures.append(Figure(label=_("Выезд специалиста на дом"),
                              display=_("да") if page.offers_home_visits else _("нет"),
                              href=page.home_visit_url() if page.offers_home_visits else ""))
    if not figures:
        # Named the town or the centre without an attribute: the address, phone and today's hours.
        if not facts.has(*CENTRE_WORDS):
            return None
        today_rows = [r for r in rows if r.weekday == on_date.weekday()]
        figures = [Figure(label=_("Адрес"), display=str(page.address))]
        if page.phones:
            figures.append(Figure(label=_("Телефон"), display=page.phones))
        figures.append(Figure(label=_("Сегодня"), display=_day_text(today_rows), valid_from=on_date, valid_to=on_date))
        card.figures = figures
        card.strength = MATCHED if own_town else WEAK
        return card
    card.figures = figures[:3]
    if own_town:
        card.strength = EXACT
    elif facts.has(*CENTRE_WORDS):
        card.strength = GENERAL
    else:
        card.strength = WEAK
    return card

