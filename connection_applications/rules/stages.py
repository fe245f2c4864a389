"""Stages of a grid-connection application: the due date of a stage, when it is overdue, which
moves are allowed, and the step-by-step timeline the applicant sees.

Sources (see /work/shared/domain.md, "Grid connection" and "Service channels, stages and
deadlines"):

- The stages to disclose for every application (Government decree No. 24 of 21.01.2004,
  standards of information disclosure, item 19 «л») [V]: received (date and number), contract
  and technical conditions sent, contract concluded, technical conditions being fulfilled,
  actual connection and voltage supplied, acts signed. They follow the order of the procedure
  of Government decree No. 861 of 27.12.2004 (Rules of technological connection, item 7).
- The term of the connection works counts from the day the contract is concluded (Decree 861,
  Rules, item 16 «б»): 30 working days for a household up to 15 kW (or a business up to
  150 kW) at 0.4 kV or below within 15 m of the grid [V]; otherwise 4 months, 6 months, 1 year,
  2 years [U], as the contract says.
- A calendar-day term that ends on a day off moves to the next working day (Civil Code
  art. 193); a working-day term skips weekends and the holidays of the production calendar
  (``cases.rules.deadlines``, which these functions use).

The figures themselves are data (``ConnectionStage``, preloaded by migration and kept by
administrators); nothing here holds a number of days.
"""
from dataclasses import dataclass

from cases.rules import deadlines

# Who must act for the application to leave the stage.
GRID = "grid"            # the grid company (the case's unit)
APPLICANT = "applicant"  # the applicant (sign the contract, fulfil their part of the conditions)
BOTH = "both"            # both sides
RESPONSIBLE = (GRID, APPLICANT, BOTH)


def stage_due_date(entered_on, days, kind, calendar, anchor_on=None, contract_due=None):
    """The date by which the application must leave a stage, or None if the stage has no term.

    ``entered_on``: the day the application entered the stage; ``anchor_on``: for a stage whose
    term counts from an earlier stage (the works, from the contract, Decree 861 item 16 «б»), the
    day it entered that stage. ``days``/``kind`` are the stage's term (``kind`` "working" or
    "calendar"). ``contract_due``: a due date the contract sets (the longer tiers of item 16
    «б»): it replaces the computed one.

    Worked example (item 16 «б», 30 working days): a contract concluded on Monday 2 March 2026,
    with 9 March (Women's Day, a Monday) off, is due on Tuesday 14 April 2026.
    """
    if contract_due is not None:
        return contract_due
    if days is None:
        return None
    start = anchor_on or entered_on
    return deadlines.due_date(start, days, kind, calendar)


def is_stage_overdue(due, today, final):
    """A stage is overdue the day after its due date, unless it is the final stage (nothing is
    left to do) or has no term."""
    return deadlines.is_overdue(due, today, final)


def needs_escalation(responsible):
    """An overdue stage goes to the unit's head when the grid company has to act in it (alone or
    together with the applicant): the deadlines of Decree 861 bind the grid company. A stage
    waiting only for the applicant (signing the contract) is shown as late but not escalated."""
    return responsible in (GRID, BOTH)


class MoveRefused(ValueError):
    """A move the rules do not allow; ``code`` says why (for the message shown)."""

    def __init__(self, code):
        super().__init__(code)
        self.code = code


SAME, BACKWARD, SKIP, FINISHED = "same", "backward", "skip", "finished"


def check_move(current_order, target_order, orders):
    """Allow a move from the stage at ``current_order`` to the one at ``target_order``.

    ``orders`` are the orders of every stage. An application moves forward one stage at a time:
    each stage of Decree 24 item 19 «л» is disclosed with its date, so none is skipped, and a
    stage reached is never undone (the dated history is what the applicant was told). Raises
    MoveRefused("same" | "backward" | "skip" | "finished").
    """
    ordered = sorted(orders)
    if current_order == ordered[-1]:
        raise MoveRefused(FINISHED)
    if target_order == current_order:
        raise MoveRefused(SAME)
    if target_order < current_order:
        raise MoveRefused(BACKWARD)
    following = [order for order in ordered if order > current_order]
    if target_order != following[0]:
        raise MoveRefused(SKIP)


DONE, CURRENT, UPCOMING = "done", "current", "upcoming"


@dataclass(frozen=True)
class Step:
    stage: object            # whatever the caller passed (a ConnectionStage)
    state: str               # DONE, CURRENT or UPCOMING
    entered_on: object       # date or None
    due: object              # date or None (the current stage only)
    overdue: bool
    note: str = ""           # the officer's message to the applicant with the move into the stage


def timeline(stages, entered, current, due, today, notes=None):
    """Every stage in order with its state, for the step-by-step list on the status page.

    ``stages``: objects with ``order``; ``entered``: {stage order: date entered}; ``current``:
    the current stage's order; ``due``: its due date; ``notes``: {stage order: the officer's
    message sent with the move into it}. Stages before the current one are done,
    the current one carries its due date and whether it is overdue, the rest are upcoming.
    """
    notes = notes or {}
    ordered = sorted(stages, key=lambda stage: stage.order)
    last = ordered[-1].order if ordered else None
    steps = []
    for stage in ordered:
        if stage.order < current:
            state = DONE
        elif stage.order == current:
            state = DONE if stage.order == last else CURRENT
        else:
            state = UPCOMING
        is_current = stage.order == current
        steps.append(Step(stage=stage, state=state, entered_on=entered.get(stage.order),
                          due=due if is_current and state == CURRENT else None,
                          overdue=is_current and is_stage_overdue(due, today, stage.order == last),
                          note=notes.get(stage.order, "") if state != UPCOMING else ""))
    return steps
