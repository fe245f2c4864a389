"""Direct answers through the engine-independent answer layer (search.answers)."""
import datetime

from search import answers, engine
from tests.search.factories import TODAY, question, tariff, tariff_page


def test_tariff_answer_is_the_one_in_force_today(home):
    page = tariff_page(home)
    tariff(page, "5.10", TODAY - datetime.timedelta(days=400), TODAY - datetime.timedelta(days=1))
    tariff(page, "6.59", TODAY)
    tariff(page, "7.77", TODAY + datetime.timedelta(days=1))
    engine.rebuild()
    card = answers.answer_for(engine.search("тарифы", "ru"))
    assert card.kind == "tariff" and card.url == "/ru/tarify/"
    assert [f.display for f in card.figures] == ["6,59\u00a0₽"]
    assert card.figures[0].valid_from == TODAY
    tomorrow = answers.answer_for(engine.search("тарифы", "ru"), on_date=TODAY + datetime.timedelta(days=1))
    assert [f.display for f in tomorrow.figures] == ["7,77\u00a0₽"]


def test_question_answer(home):
    question(home, "q", "Куда звонить, если нет света?", "Звоните на горячую линию.")
    engine.rebuild()
    card = answers.answer_for(engine.search("нет света куда звонить", "ru"))
    assert card.as_dict() == {"kind": "question", "title": "Куда звонить, если нет света?",
                              "text": "Звоните на горячую линию.", "url": "/ru/q/", "items": [], "figures": [],
                              "tool": None, "date": TODAY.isoformat()}


def test_no_answer_for_nothing(home):
    question(home, "q", "Куда звонить, если нет света?", "Звоните на горячую линию.")
    engine.rebuild()
    assert answers.answer_for(engine.search("", "ru")) is None
    assert answers.answer_for(engine.search("ыварапролдж", "ru")) is None
