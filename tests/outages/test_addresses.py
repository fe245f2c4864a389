"""Unit tests of the address rules (no database)."""
import pytest

from outages.addresses import (HouseRangeError, house_in_ranges, house_number, parse_house_ranges, settlement_key,
                               street_key, word_forms_match)


@pytest.mark.parametrize("spelling", ["ул. Ленина", "улица Ленина", "Ленина ул.", "УЛИЦА ЛЕНИНА", "ул Ленина",
                                      "  ул.   Ленина ", "Ленина улица"])
def test_street_spellings_share_one_key(spelling):
    assert street_key(spelling) == ("ул", "ленина")


@pytest.mark.parametrize("spelling", ["пр-т Троицкий", "проспект Троицкий", "Троицкий просп.", "пр. Троицкий",
                                      "Троицкий пр-кт"])
def test_avenue_spellings(spelling):
    assert street_key(spelling) == ("пр-т", "троицкий")


def test_yo_and_ye_are_the_same():
    assert street_key("ул. Ёлкина") == street_key("улица Елкина")
    assert settlement_key("Посёлок Луковецкий") == settlement_key("поселок луковецкий") == "луковецкий"


def test_ordinal_numbers_fold():
    assert street_key("ул. 23-й Гвардейской дивизии")[1] == street_key("23 Гвардейской дивизии ул")[1]


def test_a_street_named_like_a_designator_keeps_its_name():
    assert street_key("Набережная") == ("", "набережная")


def test_types_differ_for_different_streets():
    assert street_key("пер. Ленина") != street_key("ул. Ленина")


@pytest.mark.parametrize("spelling", ["г. Котлас", "город Котлас", "Котлас", "КОТЛАС", "гор. Котлас"])
def test_settlement_designators_dropped(spelling):
    assert settlement_key(spelling) == "котлас"


def test_case_endings_of_places_in_free_text():
    assert word_forms_match("котласе", "котлас")
    assert word_forms_match("онеге", "онега")
    assert word_forms_match("архангельске", "архангельск")
    assert not word_forms_match("на", "нарьян")
    assert not word_forms_match("котельнич", "котлас")


@pytest.mark.parametrize("text,number", [("12", 12), ("12а", 12), ("д. 12/3", 12), ("дом 7 корп. 2", 7),
                                         ("abc", None), ("", None)])
def test_house_number(text, number):
    assert house_number(text) == number


def test_house_ranges_with_sides():
    ranges = parse_house_ranges("1-15 нечётные; 2-20 чётные, 31, 33а")
    assert house_in_ranges("3", ranges)
    assert not house_in_ranges("17", ranges)
    assert house_in_ranges("4", ranges)
    assert not house_in_ranges("22", ranges)
    assert not house_in_ranges("5", parse_house_ranges("2-20 чет"))
    assert house_in_ranges("31", ranges) and house_in_ranges("33б", ranges)
    assert not house_in_ranges("32", ranges)


def test_empty_ranges_mean_the_whole_street():
    assert parse_house_ranges("") == []
    assert parse_house_ranges("все") == []
    assert house_in_ranges("999", [])


def test_range_words_and_dashes():
    ranges = parse_house_ranges("с 1 по 9 (нечетные)".replace("с ", ""))
    assert house_in_ranges(9, ranges) and not house_in_ranges(8, ranges)
    assert house_in_ranges(5, parse_house_ranges("1–10"))


@pytest.mark.parametrize("bad", ["1-", "десять", "20-10", "1-5 через один"])
def test_unreadable_ranges_raise(bad):
    with pytest.raises(HouseRangeError):
        parse_house_ranges(bad)
