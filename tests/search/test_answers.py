"""Direct answers: rule functions and the cards they produce."""
import datetime
from types import SimpleNamespace

from search import answers, engine
from tests.search.factories import TODAY, question, tariff, tariff_page


def hit(page_type, page_id=1):
    return SimpleNamespace(page_type=page_type, page_id=page_id, url="/x/")


def test_tariff_query_detection():
    assert answers.is_tariff_query("ночной тариф")
    assert not answers.is_tariff_query("куда звонить")


def test_choose_answer_hit():
    assert answers.choose_answer_hit([], "x") is None
    assert answers.choose_answer_hit([hit("questionpage")], "x").page_type == "questionpage"
    assert answers.choose_answer_hit([hit("newspage"), hit("tariffpage")], "тарифы").page_type == "tariffpage"
    assert answers.choose_answer_hit([hit("newspage"), hit("tariffpage")], "новости") is None


def test_tariff_answer_is_the_one_in_force_today(home):
    page = tariff_page(home)
    tariff(page, "5.10", TODAY - datetime.timedelta(days=400), TODAY - datetime.timedelta(days=1))
    tariff(page, "6.59", TODAY)
    tariff(page, "7.77", TODAY + datetime.timedelta(days=1))
    engine.rebuild()
    card = answers.answer_for(engine.search("тарифы", "ru"))
    assert card["kind"] == "tariff" and card["url"] == "/ru/tarify/"
    assert len(card["items"]) == 1 and "6,59" in card["items"][0]
    tomorrow = answers.answer_for(engine.search("тарифы", "ru"), on_date=TODAY + datetime.timedelta(days=1))
    assert "7,77" in tomorrow["items"][0]


def test_question_answer(home):
    question(home, "q", "Куда звонить, если нет света?", "Звоните на горячую линию.")
    engine.rebuild()
    card = answers.answer_for(engine.search("нет света куда звонить", "ru"))
    assert card == {"kind": "question", "title": "Куда звонить, если нет света?",
                    "text": "Звоните на горячую линию.", "url": "/ru/q/", "items": []}
