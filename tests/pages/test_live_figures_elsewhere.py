"""Live figures outside the question page itself: a procedure's total cost and the search answers."""
import datetime
import re
from decimal import Decimal

import pytest
import time_machine

from tests import factories as f

D = datetime.date
CHANGE = D(2027, 1, 1)


@pytest.fixture
def rates(home):
    fees = f.ConnectionFeePageFactory(parent=home)
    f.PreferentialRateFactory(page=fees, rub_per_kw=Decimal("5000"), effective_from=D(2026, 1, 1), effective_to=None)
    f.PreferentialRateFactory(page=fees, rub_per_kw=Decimal("5500"), effective_from=CHANGE, effective_to=None)
    return fees


def _at(day):
    return time_machine.travel(datetime.datetime.combine(day, datetime.time(12)), tick=False)


@pytest.mark.parametrize("day, fee", [(CHANGE - datetime.timedelta(days=1), "75\u00a0000,00\u00a0₽"),
                                      (CHANGE, "82\u00a0500,00\u00a0₽")])
def test_a_procedure_shows_the_cost_in_force(client, rates, day, fee):
    page = f.ProcedurePageFactory(parent=rates.get_parent(), total_cost="Не больше [[figure:household_fee_15kw]].")
    with _at(day):
        html = client.get(page.url).content.decode()
    assert f"Не больше {fee}." in html and "[[figure:" not in html


@pytest.mark.parametrize("day, fee", [(CHANGE - datetime.timedelta(days=1), "75\u00a0000,00\u00a0₽"),
                                      (CHANGE, "82\u00a0500,00\u00a0₽")])
def test_a_questions_search_answer_shows_the_figure_in_force(client, rates, day, fee):
    from search import answers, engine
    f.QuestionPageFactory(parent=rates.get_parent(), title="Сколько стоит подключить дом мощностью 15 кВт?",
                          short_answer="Не больше [[figure:household_fee_15kw]] с НДС.")
    engine.rebuild()
    answers.clear()
    with _at(day):
        html = client.get("/ru/search/", {"q": "подключить дом мощностью 15 кВт"}).content.decode()
    answers.clear()
    assert "[[figure:" not in html
    assert re.search(rf"Не больше {fee} с НДС", html)
