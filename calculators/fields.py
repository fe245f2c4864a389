"""Number fields that read what people actually type: "3,5", "3 900", "15 кВт"."""
import re
from decimal import Decimal, InvalidOperation

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from calculators.rules.common import format_quantity

SPACES = re.compile(r"[\s\u00a0\u202f\u2009']+")
NUMBER = re.compile(r"^[+-]?\d+(?:[.,]\d+)?$")
GROUPED = re.compile(r"^\d{1,3}(?:[ \u00a0\u202f\u2009]\d{3})+(?:[.,]\d+)?$")


class NumberField(forms.Field):
    """A decimal typed in Russian or English style; its own unit may be typed after it.

    Messages are passed per field so each one names the thing asked for (GOV.UK style):
    ``required``, ``invalid``, ``min``, ``max``, ``integer``, ``places``.
    """

    default_messages = {
        "required": _("Введите число"),
        "invalid": _("Введите число, например %(example)s"),
        "min": _("Введите число не меньше %(limit)s"),
        "max": _("Введите число не больше %(limit)s"),
        "integer": _("Введите целое число, например %(example)s"),
        "places": _("Введите число не более чем с %(places)s знаками после запятой"),
        "units": _("Уберите из поля единицы измерения «%(unit)s»: введите только число, например %(example)s"),
    }

    def __init__(self, *, min_value=None, max_value=None, min_exclusive=False, integer=False, places=2,
                 units=(), example="15", messages=None, width=10, **kwargs):
        attrs = {"inputmode": "numeric" if integer else "decimal", "spellcheck": "false", "autocomplete": "off",
                 "class": f"input--width-{width}"}
        kwargs.setdefault("widget", forms.TextInput(attrs=attrs))
        super().__init__(**kwargs)
        self.min_value, self.max_value, self.min_exclusive = min_value, max_value, min_exclusive
        self.integer, self.places, self.example = integer, places, example
        self.units = sorted((u.lower() for u in units), key=len, reverse=True)
        self.messages = {**self.default_messages, **(messages or {})}

    def _error(self, code, **params):
        params.setdefault("example", self.example)
        return ValidationError(self.messages[code], code=code, params=params)

    def to_python(self, value):
        text = (value or "").strip()
        if not text:
            return None
        lowered = text.lower().rstrip(".")
        for unit in self.units:
            if lowered.endswith(unit) and re.search(r"\d", lowered[: -len(unit)]):
                text = text[: len(lowered) - len(unit)].strip()
                break
        if GROUPED.match(text):
            text = SPACES.sub("", text)
        if not NUMBER.match(text):
            unit = re.sub(r"^[+-]?\d[\d\s.,]*", "", text).strip()
            if unit and unit != text and not re.search(r"\d", unit):
                raise self._error("units", unit=unit)
            raise self._error("invalid")
        try:
            number = Decimal(text.replace(",", "."))
        except InvalidOperation:
            raise self._error("invalid") from None
        if self.integer and number != number.to_integral_value():
            raise self._error("integer")
        if not self.integer and -number.as_tuple().exponent > self.places:
            raise self._error("places", places=self.places)
        if self.min_value is not None:
            too_small = number <= self.min_value if self.min_exclusive else number < self.min_value
            if too_small:
                raise self._error("min", limit=format_quantity(self.min_value))
        if self.max_value is not None and number > self.max_value:
            raise self._error("max", limit=format_quantity(self.max_value))
        return int(number) if self.integer else number

    def validate(self, value):
        if value is None and self.required:
            raise ValidationError(self.messages["required"], code="required")
