"""The stage rules (connection_applications/rules/stages.py) on the sources' worked examples."""
import datetime

import pytest

from cases.rules.deadlines import CALENDAR, WORKING, ProductionCalendar
from connection_applications.rules import stages as rules

D = datetime.date
MARCH_2026 = ProductionCalendar(frozenset({D(2026, 3, 9)}))  # 8 March fell on a Sunday: Monday 9 off


def test_thirty_working_days_from_the_contract_worked_example():
    """Decree 861 item 16 «б»: 30 working days; 2 March 2026 (Monday) with 9 March off → 14 April."""
    assert rules.stage_due_date(D(2026, 3, 2), 30, WORKING, MARCH_2026) == D(2026, 4, 14)
    # without the day off it would be one working day earlier
    assert rules.stage_due_date(D(2026, 3, 2), 30, WORKING, ProductionCalendar()) == D(2026, 4, 13)


@pytest.mark.django_db
def test_the_preloaded_production_calendar_gives_the_same_date():
    from cases.models import CalendarDay

    assert rules.stage_due_date(D(2026, 3, 2), 30, WORKING, CalendarDay.calendar()) == D(2026, 4, 14)


def test_a_term_counted_from_an_earlier_stage_and_a_contract_term():
    # the works stage entered on 20 March counts from the contract of 2 March
    assert rules.stage_due_date(D(2026, 3, 20), 30, WORKING, MARCH_2026, anchor_on=D(2026, 3, 2)) == D(2026, 4, 14)
    # a contract with a 4-month term (item 16 «б», a longer tier) sets its own date
    assert rules.stage_due_date(D(2026, 3, 2), 30, WORKING, MARCH_2026, contract_due=D(2026, 7, 2)) == D(2026, 7, 2)


def test_a_calendar_day_term_ending_on_a_day_off_moves_to_the_next_working_day():
    # 10 calendar days from Wednesday 25 Feb 2026 end on Saturday 7 March; Sunday 8, Monday 9 off → Tuesday 10
    assert rules.stage_due_date(D(2026, 2, 25), 10, CALENDAR, MARCH_2026) == D(2026, 3, 10)


def test_a_stage_without_a_term_has_no_due_date_and_is_never_overdue():
    assert rules.stage_due_date(D(2026, 3, 2), None, WORKING, MARCH_2026) is None
    assert rules.is_stage_overdue(None, D(2030, 1, 1), False) is False


def test_overdue_from_the_day_after_the_due_date_and_never_on_the_final_stage():
    due = D(2026, 4, 14)
    assert rules.is_stage_overdue(due, D(2026, 4, 14), False) is False
    assert rules.is_stage_overdue(due, D(2026, 4, 15), False) is True
    assert rules.is_stage_overdue(due, D(2026, 4, 15), True) is False


def test_escalation_only_when_the_grid_company_must_act():
    assert rules.needs_escalation(rules.GRID) and rules.needs_escalation(rules.BOTH)
    assert not rules.needs_escalation(rules.APPLICANT)


@pytest.mark.parametrize("current,target,code", [
    (2, 2, rules.SAME), (3, 1, rules.BACKWARD), (2, 4, rules.SKIP), (6, 6, rules.FINISHED), (6, 1, rules.FINISHED)])
def test_refused_moves(current, target, code):
    with pytest.raises(rules.MoveRefused) as refused:
        rules.check_move(current, target, [1, 2, 3, 4, 5, 6])
    assert refused.value.code == code


def test_the_next_stage_is_allowed_even_with_gaps_in_the_order():
    rules.check_move(1, 2, [1, 2, 3])
    rules.check_move(10, 20, [10, 20, 30])


class S:
    def __init__(self, order):
        self.order = order


def test_timeline_states():
    stages = [S(3), S(1), S(2)]
    steps = rules.timeline(stages, {1: D(2026, 3, 2), 2: D(2026, 3, 5)}, 2, D(2026, 3, 19), D(2026, 3, 20),
                           notes={1: "", 2: "Подпишите договор"})
    assert [(s.stage.order, s.state) for s in steps] == [(1, rules.DONE), (2, rules.CURRENT), (3, rules.UPCOMING)]
    assert steps[1].due == D(2026, 3, 19) and steps[1].overdue and steps[1].note == "Подпишите договор"
    assert steps[0].due is None and not steps[0].overdue and steps[2].entered_on is None
    final = rules.timeline(stages, {1: D(2026, 3, 2), 2: D(2026, 3, 5), 3: D(2026, 4, 1)}, 3, None, D(2026, 5, 1))
    assert [s.state for s in final] == [rules.DONE] * 3 and not final[2].overdue
