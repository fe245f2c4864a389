"""Reading numbers as people type them."""
from decimal import Decimal as D

import pytest
from django.core.exceptions import ValidationError

from calculators.fields import NumberField
from calculators.forms import KW_UNITS, KWH_UNITS, RUB_UNITS


def kw_field():
    return NumberField(min_value=D(0), min_exclusive=True, max_value=D(100000), places=1, units=KW_UNITS)


@pytest.mark.parametrize("typed, value", [
    ("15", D("15")), ("3,5", D("3.5")), ("3.5", D("3.5")), (" 7,5 ", D("7.5")), ("15 кВт", D("15")),
    ("15кВт", D("15")), ("15 kW", D("15")), ("15 КВТ", D("15")), ("1 500", D("1500")), ("1\u00a0500,5", D("1500.5")),
])
def test_power_is_read(typed, value):
    assert kw_field().clean(typed) == value


@pytest.mark.parametrize("typed, code", [
    ("0", "min"), ("-1", "min"), ("100000.1", "max"), ("1000000000000", "max"), ("abc", "invalid"),
    ("1e5", "invalid"), ("NaN", "invalid"), ("Infinity", "invalid"), ("3,5,5", "invalid"),
    ("1,000.5", "invalid"), ("7,55", "places"), ("5 МВт", "units"), ("15 кВт·ч", "units"), ("", "required"),
])
def test_bad_power_is_refused_with_a_reason(typed, code):
    with pytest.raises(ValidationError) as error:
        kw_field().clean(typed)
    assert error.value.code == code


def test_units_message_names_what_was_typed():
    with pytest.raises(ValidationError) as error:
        kw_field().clean("5 МВт")
    assert "«МВт»" in str(error.value.messages[0])


def test_integer_field_refuses_fractions():
    field = NumberField(min_value=D(1), max_value=D(20), integer=True)
    assert field.clean("3") == 3
    with pytest.raises(ValidationError) as error:
        field.clean("2,5")
    assert error.value.code == "integer"


@pytest.mark.parametrize("typed, value", [("250 кВт·ч", D("250")), ("250 квтч", D("250")), ("250 kWh", D("250"))])
def test_kwh_units(typed, value):
    assert NumberField(min_value=D(0), units=KWH_UNITS).clean(typed) == value


@pytest.mark.parametrize("typed, value", [("45 000 руб.", D("45000")), ("45000₽", D("45000")), ("9 500 р", D("9500"))])
def test_rouble_units(typed, value):
    assert NumberField(min_value=D(0), units=RUB_UNITS).clean(typed) == value
