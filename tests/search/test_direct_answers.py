"""Each answer kind in both languages, on the day before and after a tariff change, and bad input.

Content: an electricity tariff page whose prices change on CHANGE (editors entered the next
period ahead), a connection fee page, a service centre in Kotlas and the housing subsidy.
"""
import datetime
from decimal import Decimal

import pytest
import time_machine

from cms_pages import models as m
from search import answers, engine
from tests.factories import LegalActFactory

CHANGE = datetime.date(2027, 1, 1)
BEFORE = CHANGE - datetime.timedelta(days=1)   # a Thursday
PRICES = {  # (group, rate type, zone, band) -> (price before, price after)
    ("urban_gas", "single", "all_day", 1): ("7.64", "8.50"),
    ("urban_gas", "single", "all_day", 2): ("7.65", "8.51"),
    ("urban_gas", "two_zone", "night", 1): ("4.58", "5.10"),
    ("urban_gas", "three_zone", "peak", 1): ("9.93", "11.05"),
    ("urban_electric_rural", "single", "all_day", 1): ("5.35", "5.95"),
    ("urban_electric_rural", "two_zone", "night", 1): ("3.21", "3.57"),
    ("equated", "single", "all_day", 0): ("7.64", "8.50"),
}


@pytest.fixture
def content(home):
    act = LegalActFactory(title="Об установлении тарифов", title_en="On electricity tariffs")
    tariffs = m.TariffPage(title="Тарифы на электроэнергию для населения", title_en="Electricity tariffs for households",
                           slug="tarify", slug_en="tariffs", summary="Цены за 1 кВт·ч.", summary_en="Prices per kWh.")
    home.add_child(instance=tariffs)
    for (group, rate, zone, band), (before, after) in PRICES.items():
        common = dict(page=tariffs, consumer_group=group, rate_type=rate, zone=zone, band=band, legal_act=act,
                      band_limit_kwh={1: 3900, 2: 6000}.get(band),
                      hours="23:00–07:00" if zone == "night" else ("07:00–10:00" if zone == "peak" else ""))
        m.TariffRecord.objects.create(price=Decimal(before), effective_from=datetime.date(2026, 7, 1),
                                      effective_to=BEFORE, **common)
        m.TariffRecord.objects.create(price=Decimal(after), effective_from=CHANGE, **common)
    fee = m.ConnectionFeePage(title="Плата за технологическое присоединение", title_en="Grid connection fee",
                              slug="plata", slug_en="fee", summary="Сколько стоит подключение.",
                              summary_en="What connection costs.")
    home.add_child(instance=fee)
    m.PreferentialRate.objects.create(page=fee, kind="preferential", rub_per_kw=Decimal("5000"),
                                      effective_from=datetime.date(2026, 1, 1), legal_act=act)
    centre_index = m.ServiceCentreIndexPage(title="Центры обслуживания", title_en="Service centres", slug="centry",
                                            slug_en="centres")
    home.add_child(instance=centre_index)
    centre = m.ServiceCentrePage(title="ЦОК в городе Котлас", title_en="Customer service centre, Kotlas",
                                 slug="kotlas", slug_en="kotlas", town="Котлас", town_en="Kotlas",
                                 address="г. Котлас, ул. Ленина, д. 30", address_en="30 Lenina St, Kotlas",
                                 phones="8 (81837) 0-30-30", has_ramp=True, offers_home_visits=True,
                                 summary="Центр обслуживания в Котласе.", summary_en="Service centre in Kotlas.")
    centre_index.add_child(instance=centre)
    for day in range(5):
        m.OpeningHours.objects.create(page=centre, weekday=day, opens=datetime.time(8), closes=datetime.time(17))
    subsidy = m.SubsidyPage(title="Субсидия на оплату жилья и коммунальных услуг",
                            title_en="Housing and utility subsidy", slug="subsidiya", slug_en="subsidy",
                            summary="Если платежи больше 22 % дохода.", summary_en="If payments exceed 22% of income.",
                            max_payment_share_percent=Decimal("22"), legal_act=act)
    home.add_child(instance=subsidy)
    m.IncomeCeiling.objects.create(page=subsidy, family_size=3, heating_season=Decimal("50000"),
                                   non_heating_season=Decimal("45000"), effective_from=datetime.date(2026, 1, 1))
    engine.rebuild()
    return {"tariffs": tariffs, "fee": fee, "centre": centre, "subsidy": subsidy}


def ask(query, lang="ru", on=None):
    return answers.answers_for(engine.search(query, lang), on_date=on)[0]


def shown(card):
    return [f.display for f in card.figures]


@pytest.mark.parametrize("on, index", [(BEFORE, 0), (CHANGE, 1)])
def test_tariff_by_group_zone_and_band_before_and_after_the_change(content, on, index):
    def price(*key):
        return PRICES[key][index].replace(".", ",") + "\u00a0₽"
    with time_machine.travel(datetime.datetime.combine(on, datetime.time(12)), tick=False):
        rural = ask("сколько стоит свет в деревне", on=on)
        assert rural.kind == "tariff" and shown(rural)[0] == price("urban_electric_rural", "single", "all_day", 1)
        assert rural.figures[0].valid_from == (datetime.date(2026, 7, 1) if index == 0 else CHANGE)
        assert rural.figures[0].unit == "за 1 кВт·ч" and "Об установлении тарифов" in rural.figures[0].basis
        night = ask("ночной тариф цена", on=on)
        assert shown(night)[0] == price("urban_gas", "two_zone", "night", 1)
        peak = ask("пиковый тариф трёхзонный цена", on=on)
        assert shown(peak) == [price("urban_gas", "three_zone", "peak", 1)]
        band = ask("тариф второй диапазон", on=on)
        assert shown(band)[0] == price("urban_gas", "single", "all_day", 2)
        equated = ask("тариф для снт приравненные к населению", on=on)
        assert shown(equated) == [price("equated", "single", "all_day", 0)]
        english = ask("rural electricity price", "en", on=on)
        assert english.figures[0].display == PRICES[("urban_electric_rural", "single", "all_day", 1)][index] + " RUB"
        assert english.figures[0].unit == "per kWh"


def test_generic_tariff_answer_orders_groups_as_the_tariff_page(content):
    card = ask("тарифы на электроэнергию", on=BEFORE)
    assert [f.display for f in card.figures] == ["7,64\u00a0₽", "5,35\u00a0₽", "7,64\u00a0₽"]
    assert card.figures[0].label.startswith("Городское население")
    assert card.figures[1].label.startswith("Население в домах с электроплитами")


def test_when_questions_give_the_next_period_from_the_data(content):
    before = ask("с какого числа новые тарифы", on=BEFORE)
    assert before.figures[0].display == "01.01.2027" and before.figures[0].valid_from == CHANGE
    assert "8,50\u00a0₽" in shown(before)
    english = ask("when do tariffs change", "en", on=BEFORE)
    assert english.figures[0].display == "01.01.2027"
    after = ask("с какого числа новые тарифы", on=CHANGE)
    assert after.figures and "01.01.2027" not in shown(after)  # nothing newer is published


def test_fee_answer_and_the_calculator_with_the_kilowatts(content):
    card = ask("калькулятор стоимости подключения 15 кВт", on=BEFORE)
    assert card.kind == "fee" and shown(card)[0] == "5\u00a0000,00\u00a0₽"
    assert card.tool is not None and "kw=15" in card.tool.url
    english = ask("calculate connection fee 15 kW", "en", on=BEFORE)
    assert english.figures[0].display == "5,000.00 RUB" and "kw=15" in english.tool.url


def test_subsidy_answer_fills_in_family_size_and_income(content):
    card = ask("субсидия семья 3 человека доход 40000", on=BEFORE)
    assert card.kind == "benefit" and "22 %" in shown(card) and "50\u00a0000,00\u00a0₽" in shown(card)
    assert "family_size=3" in card.tool.url and "income=40000" in card.tool.url
    english = ask("housing subsidy family of 3 people", "en", on=BEFORE)
    assert "family_size=3" in english.tool.url


@pytest.mark.parametrize("query, lang, expected", [
    ("часы работы цок котлас", "ru", "08:00–17:00"),
    ("цок котлас телефон", "ru", "8 (81837) 0-30-30"),
    ("адрес цок котлас", "ru", "г. Котлас, ул. Ленина, д. 30"),
    ("есть ли пандус в цок котлас", "ru", "есть"),
    ("выезд на дом котлас цок", "ru", "да"),
    ("Kotlas service centre opening hours", "en", "08:00–17:00"),
    ("Kotlas office address", "en", "30 Lenina St, Kotlas"),
    ("Kotlas office phone", "en", "8 (81837) 0-30-30"),
])
def test_centre_attributes_in_both_languages(content, query, lang, expected):
    card = ask(query, lang, on=BEFORE)
    assert card.kind == "centre" and card.figures[0].display == expected


def test_centre_hours_this_week_and_a_closed_day(content):
    saturday = datetime.date(2027, 1, 2)
    card = ask("часы работы цок котлас", on=saturday)
    assert card.figures[0].display == "выходной"
    assert len(card.items) == 7 and card.items[0] == "Понедельник: 08:00–17:00"


def test_outage_box_only_for_power_questions(client, content):
    html = client.get("/ru/search/", {"q": "часы работы ЦОК Котлас"}).content.decode()
    assert "outages-answer-heading" not in html and "answer-centre" in html
    html = client.get("/ru/search/", {"q": "нет света Котлас"}).content.decode()
    assert "outages-answer-heading" in html


def test_search_page_and_api_show_the_same_structured_answer(client, content):
    with time_machine.travel(datetime.datetime.combine(BEFORE, datetime.time(12)), tick=False):
        html = client.get("/ru/search/", {"q": "ночной тариф цена"}).content.decode()
        data = client.get("/api/search", {"q": "ночной тариф цена", "lang": "ru"}).json()
    assert "4,58\u00a0₽" in html and "действует с 01.07.2026 по 31.12.2026" in html
    figure = data["answer"]["figures"][0]
    assert figure["display"] == "4,58\u00a0₽" and figure["value"] == "4.58" and figure["unit"] == "за 1 кВт·ч"
    assert figure["valid_from"] == "2026-07-01" and figure["valid_to"] == "2026-12-31"
    assert data["answer"]["url"] == "/ru/tarify/" and data["answer"]["date"] == BEFORE.isoformat()
    assert html.index("4,58") < html.index("search-results") if "search-results" in html else True


BAD = ["", " ", "x" * 2000, "!!!??? ... ,,,", "тариф tariff ночной night ЦОКkotlas", "'; DROP TABLE search; --",
       "<script>alert(1)</script> тариф", "тариф\x00\x1f", "1" * 600, "%" * 50, "кВт·ч ₽ № §"]


@pytest.mark.parametrize("query", BAD)
def test_bad_input_gives_a_normal_page_or_json_never_a_500(client, content, query):
    page = client.get("/ru/search/", {"q": query})
    assert page.status_code == 200
    assert "<script>alert(1)</script>" not in page.content.decode()
    api = client.get("/api/search", {"q": query, "lang": "ru"})
    assert api.status_code in (200, 400)
    data = api.json()
    assert "error" in data or data["answer"] is None or data["answer"]["kind"] in ("tariff", "centre")
    assert client.get("/en/search/suggest/", {"q": query}).status_code in (200, 400)


@pytest.mark.parametrize("query", ["", "!!!", "x" * 2000, "'; DROP TABLE x; --", "<b>"])
def test_bad_input_has_no_answer(content, query):
    assert ask(query) is None
