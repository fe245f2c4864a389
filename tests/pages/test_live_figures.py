"""Question pages show live figures: the value in force on the day, read from the dated records.

Every question page is walked on the day before, on and after a tariff and rate change: each
figure it shows must equal the record in force that day, and no placeholder may be left.
"""
import datetime
import re
from decimal import Decimal

import pytest
import time_machine

from cms_pages.models import QuestionPage
from tests import factories as f

D = datetime.date
CHANGE = D(2027, 1, 1)


@pytest.fixture
def records(home, act):
    tariffs = f.TariffPageFactory(parent=home, kind="electricity")
    f.TariffRecordFactory(page=tariffs, legal_act=act, price=Decimal("7.31"), effective_from=D(2026, 7, 1),
                          effective_to=D(2026, 12, 31))
    f.TariffRecordFactory(page=tariffs, legal_act=act, price=Decimal("7.31"), effective_from=CHANGE,
                          effective_to=D(2027, 6, 30))
    f.TariffRecordFactory(page=tariffs, legal_act=act, price=Decimal("8.02"), effective_from=D(2027, 7, 1),
                          effective_to=None)
    fees = f.ConnectionFeePageFactory(parent=home)
    f.PreferentialRateFactory(page=fees, rub_per_kw=Decimal("5000"), effective_from=D(2026, 1, 1), effective_to=None)
    f.PreferentialRateFactory(page=fees, rub_per_kw=Decimal("5500"), effective_from=CHANGE, effective_to=None)
    f.QuestionPageFactory(parent=home, short_answer="Следующие тарифы действуют с [[figure:next_tariff_change]].",
                          short_answer_en="The next tariffs apply from [[figure:next_tariff_change]].")
    f.QuestionPageFactory(parent=home, short_answer="Не больше [[figure:household_fee_15kw]] с НДС.",
                          short_answer_en="At most [[figure:household_fee_15kw]] incl. VAT.",
                          full_answer="<p>Льготная ставка — [[figure:preferential_rate]] за кВт.</p>")


EXPECTED = {  # what the records say on each day (next start after the day; the rate in force × 15 kW)
    D(2026, 12, 31): ("01.01.2027", "75\u00a0000,00\u00a0₽", "5\u00a0000,00\u00a0₽"),
    CHANGE: ("01.07.2027", "82\u00a0500,00\u00a0₽", "5\u00a0500,00\u00a0₽"),
    D(2027, 1, 2): ("01.07.2027", "82\u00a0500,00\u00a0₽", "5\u00a0500,00\u00a0₽"),
}


@pytest.mark.parametrize("day", list(EXPECTED))
def test_every_question_page_shows_the_figures_in_force_on_the_day(client, records, day):
    next_change, fee, rate = EXPECTED[day]
    pages = QuestionPage.objects.live()
    assert pages.count() == 2
    with time_machine.travel(datetime.datetime.combine(day, datetime.time(12)), tick=False):
        for page in pages:
            html = client.get(page.url).content.decode()
            assert "[[figure:" not in html
            if "next_tariff_change" in page.short_answer:
                assert f"Следующие тарифы действуют с {next_change}." in html
            else:
                assert f"Не больше {fee} с НДС." in html
                assert f"Льготная ставка — {rate} за кВт." in html


def test_an_unknown_figure_renders_empty_rather_than_a_guess(client, home):
    page = f.QuestionPageFactory(parent=home, short_answer="Цена: [[figure:nonsense]].")
    html = client.get(page.url).content.decode()
    assert "Цена: ." in html and "[[figure:" not in html


def test_the_demo_questions_carry_no_typed_tariff_dates_or_fees():
    from demo.content.questions import QUESTIONS

    shorts = " ".join(text for _key, _title, _slug, short, *_rest in QUESTIONS for text in short)
    assert not re.search(r"75 000|75,000|Обычно 1 июля|Usually on 1 July", shorts)
