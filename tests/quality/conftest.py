"""A known set of cases for the report, with every figure worked out by hand (see test_report.py).

Today is 15.10.2026 (Moscow). The 3rd quarter of 2026 holds 18 cases, the 2nd quarter 8:

| cases | channel | type | answered after (days), how | due | rating |
|---|---|---|---|---|---|
| a1–a3 | web | tariff | 1, 2, 3 — a reply | 31.07 | satisfied |
| a4 | web | tariff | 4 — status "дан ответ" | 31.07 | satisfied |
| a5 | web | tariff | 5 — status "answered" (an officer in English) | 31.07 | not satisfied |
| a6 | web | supply quality | 6 — closed | 31.07 | not satisfied |
| a7–a10 | phone | supply quality | 7, 8, 30 (on the due date), 40 (late) — a reply | 31.07 | |
| (a6–a10 had their deadline extended once: the due date shown is the extended one) | | | | | |
| o1 | phone | tariff | open, past due | 31.07 | |
| o2, o3 | visit | tariff | open, past due, forwarded to a third party | 31.07 | |
| o4 | visit | tariff | open, registered 30.09 20:00 | 20.10 | |
| o8 | visit | tariff | open | 20.10 | |
| o5 | visit | meter | open | 20.10 | |
| o6, o7 | letter | meter | open | 20.10 | |

2nd quarter: p1–p7 web tariff registered 05.05, answered by a reply 2 days later (due 04.06);
p8 web tariff registered 30.06 at 23:30 Moscow time (20:30 UTC), open, due 30.07 (late).
Outside both: a web case registered 01.10 at 00:30 Moscow time (30.09 21:30 UTC) — the 4th quarter.
Page votes in the 3rd quarter: 8 useful, 2 not useful; none in the 2nd.
"""
import datetime
from zoneinfo import ZoneInfo

import pytest

MSK = ZoneInfo("Europe/Moscow")
TODAY = datetime.datetime(2026, 10, 15, 12, 0, tzinfo=MSK)


def at(y, m, d, hour=10, minute=0):
    return datetime.datetime(y, m, d, hour, minute, tzinfo=MSK)


def build_known_cases(page):
    from cases.models import Case, CaseEvent, Unit
    from feedback.models import PageFeedback

    unit = Unit.objects.first() or Unit.objects.create(code="service", name="Служба")
    jul1 = at(2026, 7, 1)
    jul31 = datetime.date(2026, 7, 31)
    oct20 = datetime.date(2026, 10, 20)

    def case(channel, request_type, created=jul1, due=jul31, **extra):
        return Case.objects.create(channel=channel, request_type=request_type, created_at=created, due_date=due,
                                   unit=unit, applicant_name="Тест", message="Текст", **extra)

    def event(item, kind, when, new_value=""):
        CaseEvent.objects.create(case=item, kind=kind, created_at=when, new_value=new_value)

    answered = [
        ("web", "tariff", 1, "reply", True), ("web", "tariff", 2, "reply", True), ("web", "tariff", 3, "reply", True),
        ("web", "tariff", 4, "status_ru", True), ("web", "tariff", 5, "status_en", False),
        ("web", "supply_quality", 6, "closed", False),
        ("phone", "supply_quality", 7, "reply", None), ("phone", "supply_quality", 8, "reply", None),
        ("phone", "supply_quality", 30, "reply", None), ("phone", "supply_quality", 40, "reply", None),
    ]
    for channel, request_type, days, how, rating in answered:
        when = jul1 + datetime.timedelta(days=days)
        item = case(channel, request_type, rating_satisfied=rating,
                    status=Case.CLOSED if how == "closed" else Case.ANSWERED,
                    closed_at=when if how == "closed" else None,
                    extended_at=jul1 + datetime.timedelta(days=2) if request_type == "supply_quality" else None)
        event(item, CaseEvent.CREATED, jul1)
        event(item, CaseEvent.NOTE, jul1 + datetime.timedelta(hours=1))  # not an answer
        if how == "reply":
            event(item, CaseEvent.REPLY, when)
            event(item, CaseEvent.REPLY, when + datetime.timedelta(days=3))  # a second reply: the first counts
        elif how == "status_ru":
            event(item, CaseEvent.STATUS, when, "дан ответ")
        elif how == "status_en":
            event(item, CaseEvent.STATUS, when, "answered")
    case("phone", "tariff")
    case("visit", "tariff", forwarded_at=jul1, status=Case.FORWARDED)
    case("visit", "tariff", forwarded_at=jul1, status=Case.FORWARDED)
    case("visit", "tariff", created=at(2026, 9, 30, 20), due=oct20)
    case("visit", "tariff", created=at(2026, 9, 1), due=oct20)
    case("visit", "meter", created=at(2026, 9, 25), due=oct20)
    case("letter", "meter", created=at(2026, 9, 25), due=oct20)
    case("letter", "meter", created=at(2026, 9, 25), due=oct20)
    for _i in range(7):
        item = case("web", "tariff", created=at(2026, 5, 5), due=datetime.date(2026, 6, 4), status=Case.ANSWERED)
        event(item, CaseEvent.REPLY, at(2026, 5, 7))
    case("web", "tariff", created=at(2026, 6, 30, 23, 30), due=datetime.date(2026, 7, 30))
    case("web", "tariff", created=at(2026, 10, 1, 0, 30), due=datetime.date(2026, 10, 31))
    for useful in [True] * 8 + [False] * 2:
        PageFeedback.objects.create(page=page, useful=useful, created_on=datetime.date(2026, 8, 10))
    PageFeedback.objects.create(page=page, useful=False, created_on=datetime.date(2026, 10, 1))  # 4th quarter


@pytest.fixture
def known_cases(home, time_machine):
    time_machine.move_to(TODAY, tick=False)
    build_known_cases(home)
    return home
