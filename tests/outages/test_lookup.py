"""The lookup functions other apps call: address matching, search answer, in-progress count."""
import datetime

import pytest
from django.utils import timezone

from outages import lookup
from outages import status as st
from tests.outages import factories as f

pytestmark = pytest.mark.django_db


@pytest.fixture
def town():
    kotlas = f.settlement("Котлас", slug="kotlas", name_en="Kotlas")
    lenina = f.street(kotlas, "ул. Ленина", "Lenina St")
    yolkina = f.street(kotlas, "ул. Ёлкина")
    mira = f.street(kotlas, "пр-т Мира")
    return kotlas, lenina, yolkina, mira


@pytest.mark.parametrize("settlement,street", [
    ("Котлас", "ул. Ленина"), ("г. Котлас", "улица Ленина"), ("котлас", "ЛЕНИНА"), ("город Котлас", "Ленина ул"),
    ("Kotlas", "Lenina St"),
])
def test_address_matches_across_spellings(town, settlement, street):
    kotlas, lenina, *_ = town
    outage = f.outage([(kotlas, lenina, "")])
    assert lookup.outages_for_address(settlement, street, "5") == [outage]


def test_yo_and_ye(town):
    kotlas, _, yolkina, _ = town
    outage = f.outage([(kotlas, yolkina, "")])
    assert lookup.outages_for_address("Котлас", "улица Елкина", "1") == [outage]


def test_house_ranges_and_sides(town):
    kotlas, lenina, *_ = town
    odd = f.outage([(kotlas, lenina, "1-15 нечётные")])
    even = f.outage([(kotlas, lenina, "2-20 чётные")], starts_in=datetime.timedelta(days=2))
    assert lookup.outages_for_address(kotlas, lenina, "7") == [odd]
    assert lookup.outages_for_address(kotlas, lenina, "8а") == [even]
    assert lookup.outages_for_address(kotlas, lenina, "17") == []
    # no house given: the citizen may live in either part, so both are shown
    assert lookup.outages_for_address(kotlas, lenina, "") == [odd, even]


def test_whole_settlement_outage_covers_every_street(town):
    kotlas, _, _, mira = town
    whole = f.outage([(kotlas, None, "")])
    assert lookup.outages_for_address("Котлас", "пр-т Мира", "100") == [whole]
    assert lookup.outages_for_address("Котлас", "проспект Мира", "1") == [whole]


def test_other_streets_and_places_are_not_matched(town):
    kotlas, lenina, _, mira = town
    f.outage([(kotlas, mira, "")])
    other = f.settlement("Коряжма", slug="koryazhma")
    f.outage([(other, f.street(other, "ул. Ленина"), "")])
    assert lookup.outages_for_address("Котлас", "ул. Ленина", "1") == []
    assert lookup.outages_for_address("Нет такого", "ул. Ленина", "1") == []


def test_closed_and_past_outages_are_not_returned(town):
    kotlas, lenina, *_ = town
    f.outage([(kotlas, lenina, "")], status=st.CANCELLED)
    f.outage([(kotlas, lenina, "")], starts_in=-datetime.timedelta(days=2))  # ended on schedule
    restored = f.outage([(kotlas, lenina, "")], starts_in=-datetime.timedelta(hours=1))
    restored.set_status(st.RESTORED)
    assert lookup.outages_for_address(kotlas, lenina, "1") == []


def test_in_progress_first_and_pre_check_without_coming(town):
    kotlas, lenina, *_ = town
    coming = f.outage([(kotlas, lenina, "")], starts_in=datetime.timedelta(hours=3))
    now_on = f.outage([(kotlas, None, "")], kind=st.EMERGENCY, starts_in=-datetime.timedelta(hours=1))
    assert lookup.outages_for_address("Котлас", "Ленина", "3") == [now_on, coming]
    assert lookup.outages_for_address("Котлас", "Ленина", "3", include_coming=False) == [now_on]
    later = timezone.now() + datetime.timedelta(hours=4)
    assert coming in lookup.outages_for_address("Котлас", "Ленина", "3", at=later, include_coming=False)


def test_in_progress_count(town):
    kotlas, lenina, *_ = town
    assert lookup.in_progress_count() == 0
    f.outage([(kotlas, lenina, "")], starts_in=-datetime.timedelta(hours=1))  # started by the clock
    dispatch = f.outage([(kotlas, None, "")], kind=st.EMERGENCY, starts_in=datetime.timedelta(hours=1))
    dispatch.set_status(st.IN_PROGRESS)
    f.outage([(kotlas, lenina, "")], starts_in=datetime.timedelta(days=1))  # coming, not counted
    assert lookup.in_progress_count() == 2


def test_check_address_answers(town):
    kotlas, lenina, *_ = town
    f.outage([(kotlas, lenina, "1-9")])
    assert lookup.check_address("Котлас", "Ленина", "3").affected
    no = lookup.check_address("Котлас", "Ленина", "30")
    assert not no.affected and no.problem == ""
    unknown = lookup.check_address("Котлос", "", "")
    assert unknown.problem == "settlement" and kotlas in unknown.suggestions
    bad_street = lookup.check_address("Котлас", "Ленена", "")
    assert bad_street.problem == "street" and lenina in bad_street.suggestions


def test_same_name_settlements_ask_which(town):
    f.settlement("Березник", slug="b1", municipal_district="Виноградовский округ")
    b2 = f.settlement("Березник", slug="b2", municipal_district="Плесецкий округ")
    answer = lookup.check_address("Березник", "", "")
    assert answer.problem == "ambiguous" and len(answer.settlement_choices) == 2
    assert lookup.check_address("Березник", "", "", settlement_id=b2.pk).settlement == b2
    assert lookup.find_settlements("Березник (Плесецкий округ)") == [b2]


def test_search_answer_by_settlement_in_any_case_ending(town):
    kotlas, lenina, *_ = town
    outage = f.outage([(kotlas, lenina, "")])
    results = lookup.current_outages_matching("нет света Котлас", "ru")
    assert [r["url"] for r in results] == [outage.get_absolute_url()]
    assert lookup.current_outages_matching("когда дадут свет в Котласе", "ru")[0]["url"] == outage.get_absolute_url()
    assert "Котлас" in results[0]["title"]


def test_search_answer_by_street_in_english(town):
    kotlas, lenina, _, mira = town
    outage = f.outage([(kotlas, lenina, "")])
    f.outage([(kotlas, mira, "")])
    results = lookup.current_outages_matching("отключение электроэнергии улица Ленина", "en")
    assert [r["url"] for r in results] == [outage.get_absolute_url().replace("/ru/", "/en/")]
    assert "Kotlas" in results[0]["title"]


def test_search_answer_puts_outages_in_progress_first(town):
    kotlas, lenina, *_ = town
    f.outage([(kotlas, lenina, "")], starts_in=datetime.timedelta(days=1))
    now_on = f.outage([(kotlas, None, "")], kind=st.EMERGENCY, starts_in=-datetime.timedelta(hours=1))
    results = lookup.current_outages_matching("Котлас нет света", "ru")
    assert results[0]["url"] == now_on.get_absolute_url() and results[0]["in_progress"]
    assert len(results) == 2


def test_search_answer_empty_without_a_known_place(town):
    kotlas, lenina, *_ = town
    f.outage([(kotlas, lenina, "")])
    assert lookup.current_outages_matching("нет света", "ru") == []
    assert lookup.current_outages_matching("тарифы на электроэнергию", "ru") == []
    assert lookup.current_outages_matching("", "ru") == []
