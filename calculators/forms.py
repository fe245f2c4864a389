"""The calculators' forms: GET forms, so a result has a stable URL that can be shared."""
from decimal import Decimal

from django import forms
from django.utils.translation import gettext_lazy as _

from calculators.fields import NumberField
from calculators.rules import bill
from cms_pages.codes import (
    BENEFIT_CATEGORY_CHOICES, DECLARED_CRITERION_KINDS, DWELLING, NO_DEBTS, RESIDENCE, CABLE, CONSUMER_GROUP_CHOICES, HOUSEHOLD_GROUPS, OVERHEAD, RURAL, TOWN, VOLTAGE_04,
    VOLTAGE_CHOICES,
)
from cms_pages.rules.dates import DateInputError, parse_date

KW_UNITS = ("квт", "kw", "квт.")
KWH_UNITS = ("квт·ч", "квт*ч", "квт-ч", "квтч", "квт ч", "квт.ч", "kwh", "kw·h", "kw*h", "kw h")
METRE_UNITS = ("метров", "метра", "метр", "м", "m", "м.")
RUB_UNITS = ("рублей", "рубля", "рубль", "руб", "руб.", "р.", "р", "₽", "rub", "rubles", "roubles")
PEOPLE_UNITS = ("человек", "человека", "чел", "чел.", "people", "persons", "person")
POINT_UNITS = ("шт", "шт.", "точки", "точка", "точек")
PERCENT_UNITS = ("%", "процентов", "процента", "процент", "proc", "percent", "per cent")

MAX_KW = Decimal(100000)
MAX_DISTANCE_M = Decimal(100000)
MAX_METERING_POINTS = 100
MAX_MONTHLY_KWH = Decimal(100000)
MAX_INCOME = Decimal(100000000)
MAX_PAYMENTS = Decimal(10000000)
MAX_FAMILY = 20
EARLIEST_YEAR, LATEST_YEAR = 2000, 2100

SUBMIT_MARKER = "calculate"


class CalculatorForm(forms.Form):
    """A form whose GET data counts as submitted only with the ``calculate`` marker.

    Without it the query string only pre-fills the form (a search result can link to the
    calculator with the numbers found in the query), and no errors are shown.
    """

    date = forms.CharField(
        label=_("На какую дату считать"), required=False, max_length=20,
        help_text=_("Например, 01.07.2026. Если не указать, расчёт — на сегодня."),
        widget=forms.TextInput(attrs={"class": "input--width-10", "inputmode": "numeric",
                                      "autocomplete": "off", "spellcheck": "false"}))

    def clean_date(self):
        raw = self.cleaned_data.get("date", "").strip()
        if not raw:
            return None
        try:
            value = parse_date(raw)
        except DateInputError as error:
            raise forms.ValidationError(error.message, code="invalid") from None
        if not EARLIEST_YEAR <= value.year <= LATEST_YEAR:
            raise forms.ValidationError(_("Введите дату между %(first)s и %(last)s годом."),
                                        code="range", params={"first": EARLIEST_YEAR, "last": LATEST_YEAR})
        return value

    def add_calculator_error(self, error):
        """Put a rule's complaint (no data for the date, kW over the category's limit) by its field."""
        field = error.field if error.field in self.fields else None
        self.add_error(field, error.message)


def radio(**kwargs):
    return forms.ChoiceField(widget=forms.RadioSelect, **kwargs)


class ConnectionFeeForm(CalculatorForm):
    category = radio(label=_("Кто подключается"), choices=(),
                     error_messages={"required": _("Выберите, кто подключается"),
                                     "invalid_choice": _("Выберите, кто подключается, из списка")})
    kw = NumberField(
        label=_("Максимальная мощность, кВт"), min_value=Decimal(0), min_exclusive=True, max_value=MAX_KW,
        places=1, units=KW_UNITS, example="15", width=5,
        help_text=_("Например, 15 или 7,5. Для частного дома обычно не больше 15 кВт."),
        messages={"required": _("Введите мощность в киловаттах"),
                  "invalid": _("Введите мощность числом, например 15 или 7,5"),
                  "min": _("Мощность должна быть больше 0 кВт"),
                  "max": _("Мощность должна быть не больше %(limit)s кВт"),
                  "places": _("Введите мощность не более чем с одним знаком после запятой, например 7,5"),
                  "units": _("Введите мощность только числом, без «%(unit)s»: например 15 — это 15 кВт")})
    voltage = radio(label=_("Напряжение в точке подключения"), choices=VOLTAGE_CHOICES, initial=VOLTAGE_04,
                    help_text=_("Для частного дома — 0,4 кВ."),
                    error_messages={"required": _("Выберите напряжение"),
                                    "invalid_choice": _("Выберите напряжение из списка")})
    area = radio(label=_("Где находится участок"),
                 choices=[(TOWN, _("В городе")), (RURAL, _("В сельской местности"))],
                 error_messages={"required": _("Выберите, где находится участок: в городе или в сельской местности"),
                                 "invalid_choice": _("Выберите, где находится участок, из списка")})
    distance_m = NumberField(
        label=_("Расстояние до ближайших сетей, м"), min_value=Decimal(0), max_value=MAX_DISTANCE_M,
        places=1, units=METRE_UNITS, example="120", width=5,
        help_text=_("По прямой от границы участка до ближайшей линии или подстанции нужного напряжения. "
                    "Если линия проходит вдоль участка, введите 0."),
        messages={"required": _("Введите расстояние до сетей в метрах"),
                  "invalid": _("Введите расстояние числом в метрах, например 120"),
                  "min": _("Расстояние не может быть меньше 0 м"),
                  "max": _("Расстояние должно быть не больше %(limit)s м"),
                  "places": _("Введите расстояние не более чем с одним знаком после запятой"),
                  "units": _("Введите расстояние только числом в метрах, без «%(unit)s»: например 120")})
    line = radio(label=_("Какой будет линия до участка"),
                 choices=[(OVERHEAD, _("Воздушная (на опорах)")), (CABLE, _("Кабельная (в земле)"))],
                 initial=OVERHEAD,
                 error_messages={"required": _("Выберите, какой будет линия"),
                                 "invalid_choice": _("Выберите вид линии из списка")})
    metering_points = NumberField(
        label=_("Сколько нужно приборов учёта (счётчиков)"), min_value=Decimal(0),
        max_value=Decimal(MAX_METERING_POINTS), integer=True, units=POINT_UNITS, example="1", width=5,
        initial="1", help_text=_("Обычно 1. Введите 0, если счётчик уже установлен и его не нужно менять."),
        messages={"required": _("Введите число приборов учёта, например 1"),
                  "invalid": _("Введите число приборов учёта цифрами, например 1"),
                  "integer": _("Число приборов учёта должно быть целым, например 1"),
                  "min": _("Число приборов учёта не может быть меньше 0"),
                  "max": _("Число приборов учёта должно быть не больше %(limit)s"),
                  "units": _("Введите число приборов учёта только цифрами, без «%(unit)s»")})
    social = forms.BooleanField(
        label=_("Я отношусь к группе, для которой установлена социальная ставка"), required=False,
        help_text=_("Например, малоимущие семьи, люди с инвалидностью, ветераны. Точный список — на странице "
                    "платы за присоединение."))

    def __init__(self, *args, categories=(), social_conditions="", **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["category"].choices = [(c.code, _category_label(c)) for c in categories]
        if social_conditions:
            self.fields["social"].help_text = social_conditions
        self.order_fields(["category", "kw", "voltage", "area", "distance_m", "line", "metering_points",
                           "social", "date"])


def _category_label(category):
    return category.name


class BillForm(CalculatorForm):
    MODE_CHOICES = [
        ("total", _("Знаю общий расход за месяц")),
        ("two", _("Знаю расход днём и ночью (двухзонный счётчик)")),
        ("three", _("Знаю расход в пик, полупик и ночью (трёхзонный счётчик)")),
    ]
    consumer_group = radio(
        label=_("Где вы живёте"),
        choices=[(code, label) for code, label in CONSUMER_GROUP_CHOICES if code in HOUSEHOLD_GROUPS],
        error_messages={"required": _("Выберите, где вы живёте"),
                        "invalid_choice": _("Выберите группу потребителей из списка")})
    mode = radio(label=_("Какой расход вы знаете"), choices=MODE_CHOICES, initial="total",
                 help_text=_("Расход — разница показаний счётчика за месяц. Зоны суток: день 07:00–23:00, "
                             "ночь 23:00–07:00; пик 07:00–10:00 и 17:00–21:00, полупик 10:00–17:00 и 21:00–23:00."),
                 error_messages={"required": _("Выберите, какой расход вы знаете"),
                                 "invalid_choice": _("Выберите, какой расход вы знаете, из списка")})

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.order_fields(["consumer_group", "mode", *self.MODE_FIELDS_ORDER, "date"])

    MODE_FIELDS = {
        "total": ("total_kwh",),
        "two": ("day_kwh", "night_kwh"),
        "three": ("peak_kwh", "half_peak_kwh", "night3_kwh"),
    }
    MODE_FIELDS_ORDER = ["total_kwh", "night_share", "peak_share", "day_kwh", "night_kwh", "peak_kwh",
                         "half_peak_kwh", "night3_kwh"]

    def clean(self):
        cleaned = super().clean()
        mode = cleaned.get("mode")
        if mode not in self.MODE_FIELDS:
            return cleaned
        names = self.MODE_FIELDS[mode]
        for name in names:
            if name in self.errors:
                continue
            if cleaned.get(name) is None:
                self.add_error(name, forms.ValidationError(self.fields[name].messages["required"], code="required"))
        night, peak = cleaned.get("night_share"), cleaned.get("peak_share")
        if mode == "total" and night is not None and peak is not None and night + peak >= 100:
            self.add_error("peak_share", forms.ValidationError(
                _("Ночь и пик вместе должны быть меньше 100 %: остальное — полупик."), code="shares"))
        values = [cleaned.get(n) for n in names]
        if not self.errors and sum(values) <= 0:
            self.add_error(names[0], forms.ValidationError(_("Расход за месяц должен быть больше 0 кВт·ч"),
                                                           code="zero"))
        return cleaned

    def consumption(self, share_records=()):
        """The month's kWh; a total is split by the visitor's shares or the group's typical ones."""
        data, mode = self.cleaned_data, self.cleaned_data["mode"]
        if mode == "two":
            return bill.Consumption.from_day_night(data["day_kwh"], data["night_kwh"])
        if mode == "three":
            return bill.Consumption.from_three_zones(data["peak_kwh"], data["half_peak_kwh"], data["night3_kwh"])
        typical = bill.typical_shares(share_records, data["consumer_group"])
        night, peak = data.get("night_share"), data.get("peak_share")
        night = night if night is not None else (typical.night_percent if typical else None)
        peak = peak if peak is not None else (typical.peak_percent if typical else None)
        shares = None
        if night is not None:
            typed = data.get("night_share") is not None or data.get("peak_share") is not None
            shares = bill.ZoneShares(night, peak, assumed=not typed, source=typical.source if typical and not typed else "")
        return bill.Consumption.from_total(data["total_kwh"], shares)


def _kwh_field(label, required_message, hint=None):
    return NumberField(
        label=label, required=False, min_value=Decimal(0), max_value=MAX_MONTHLY_KWH, places=2,
        units=KWH_UNITS, example="250", width=10, help_text=hint or "",
        messages={"required": required_message,
                  "invalid": _("Введите расход числом в кВт·ч, например 250 или 250,5"),
                  "min": _("Расход не может быть меньше 0 кВт·ч"),
                  "max": _("Расход должен быть не больше %(limit)s кВт·ч в месяц"),
                  "places": _("Введите расход не более чем с двумя знаками после запятой"),
                  "units": _("Введите расход только числом, без «%(unit)s»: например 250 — это 250 кВт·ч")})


BillForm.base_fields.update({
    "total_kwh": _kwh_field(_("Расход за месяц, кВт·ч"), _("Введите расход за месяц в кВт·ч"),
                            _("Например, 250. Зоны суток оценим по типичной доле ночного расхода.")),
    "night_share": NumberField(
        label=_("Доля ночного расхода (23:00–07:00), %"), required=False, min_value=Decimal(0),
        max_value=Decimal(100), min_exclusive=True, places=1, units=PERCENT_UNITS, example="30", width=5,
        help_text=_("Если не знаете, оставьте пустым: возьмём типичную долю для вашей группы потребителей."),
        messages={"invalid": _("Введите долю ночного расхода числом в процентах, например 30"),
                  "min": _("Доля ночного расхода должна быть больше 0 %%"),
                  "max": _("Доля ночного расхода должна быть меньше 100 %%"),
                  "places": _("Введите долю не более чем с одним знаком после запятой"),
                  "units": _("Введите долю только числом, без «%(unit)s»: например 30")}),
    "peak_share": NumberField(
        label=_("Доля расхода в пик (07:00–10:00 и 17:00–21:00), %"), required=False, min_value=Decimal(0),
        max_value=Decimal(99), places=1, units=PERCENT_UNITS, example="25", width=5,
        help_text=_("Для сравнения с трёхзонным тарифом. Если не знаете, оставьте пустым."),
        messages={"invalid": _("Введите долю расхода в пик числом в процентах, например 25"),
                  "min": _("Доля расхода в пик не может быть меньше 0 %%"),
                  "max": _("Доля расхода в пик должна быть меньше 100 %%"),
                  "places": _("Введите долю не более чем с одним знаком после запятой"),
                  "units": _("Введите долю только числом, без «%(unit)s»: например 25")}),
    "day_kwh": _kwh_field(_("Расход днём (07:00–23:00), кВт·ч"), _("Введите расход днём в кВт·ч")),
    "night_kwh": _kwh_field(_("Расход ночью (23:00–07:00), кВт·ч"), _("Введите расход ночью в кВт·ч")),
    "peak_kwh": _kwh_field(_("Расход в пик (07:00–10:00 и 17:00–21:00), кВт·ч"), _("Введите расход в пик в кВт·ч")),
    "half_peak_kwh": _kwh_field(_("Расход в полупик (10:00–17:00 и 21:00–23:00), кВт·ч"),
                                _("Введите расход в полупик в кВт·ч")),
    "night3_kwh": _kwh_field(_("Расход ночью (23:00–07:00) по трёхзонному счётчику, кВт·ч"),
                             _("Введите расход ночью в кВт·ч")),
})


class EligibilityForm(CalculatorForm):
    family_size = NumberField(
        label=_("Сколько человек в семье"), min_value=Decimal(1), max_value=Decimal(MAX_FAMILY), integer=True,
        units=PEOPLE_UNITS, example="3", width=5,
        help_text=_("Все, кто зарегистрирован с вами и ведёт общее хозяйство, включая вас."),
        messages={"required": _("Введите, сколько человек в семье"),
                  "invalid": _("Введите число членов семьи цифрами, например 3"),
                  "integer": _("Число членов семьи должно быть целым, например 3"),
                  "min": _("В семье не может быть меньше 1 человека"),
                  "max": _("Введите не больше %(limit)s человек"),
                  "units": _("Введите число членов семьи только цифрами, без «%(unit)s»")})
    income = NumberField(
        label=_("Доход всей семьи за месяц, руб."), min_value=Decimal(0), max_value=MAX_INCOME, places=2,
        units=RUB_UNITS, example="45000",
        help_text=_("В среднем за последние 6 месяцев, до вычета налогов: зарплаты, пенсии, пособия."),
        messages={"required": _("Введите доход семьи за месяц в рублях"),
                  "invalid": _("Введите доход числом в рублях, например 45000"),
                  "min": _("Доход не может быть меньше 0 руб."),
                  "max": _("Доход должен быть не больше %(limit)s руб. в месяц"),
                  "places": _("Введите доход не более чем с двумя знаками после запятой (копейки)"),
                  "units": _("Введите доход только числом, без «%(unit)s»: например 45000")})
    payments = NumberField(
        label=_("Платежи за жильё и коммунальные услуги за месяц, руб."), min_value=Decimal(0),
        max_value=MAX_PAYMENTS, places=2, units=RUB_UNITS, example="9500",
        help_text=_("Сумма из квитанций за месяц: квартплата, отопление, вода, электроэнергия, газ, вывоз мусора."),
        messages={"required": _("Введите платежи за ЖКУ за месяц в рублях"),
                  "invalid": _("Введите платежи числом в рублях, например 9500"),
                  "min": _("Платежи не могут быть меньше 0 руб."),
                  "max": _("Платежи должны быть не больше %(limit)s руб. в месяц"),
                  "places": _("Введите платежи не более чем с двумя знаками после запятой (копейки)"),
                  "units": _("Введите платежи только числом, без «%(unit)s»: например 9500")})
    heating_season = radio(
        label=_("Для какого периода считать"),
        choices=[("yes", _("Отопительный период")), ("no", _("Вне отопительного периода"))],
        help_text=_("Предельный доход для субсидии в отопительный период выше."),
        error_messages={"required": _("Выберите, для какого периода считать"),
                        "invalid_choice": _("Выберите период из списка")})
    categories = forms.MultipleChoiceField(
        label=_("Относится ли кто-то в семье к этим категориям"), required=False, choices=BENEFIT_CATEGORY_CHOICES,
        widget=forms.CheckboxSelectMultiple, help_text=_("Отметьте все подходящие или ни одной."),
        error_messages={"invalid_choice": _("Выберите категории из списка")})

    YES, NO = "yes", "no"
    QUESTIONS = {
        RESIDENCE: _("Вы зарегистрированы по месту жительства в регионе?"),
        DWELLING: _("Вы собственник жилья, его наниматель или член жилищного кооператива?"),
        NO_DEBTS: _("У вас нет долга за жильё и коммунальные услуги (или вы выполняете соглашение о его погашении)?"),
    }

    def __init__(self, *args, kinds=(), **kwargs):
        """``kinds``: the criterion kinds of the published benefits; a question is asked only for a
        condition a published benefit has (``DECLARED_CRITERION_KINDS``)."""
        super().__init__(*args, **kwargs)
        self.questions = [kind for kind in DECLARED_CRITERION_KINDS if kind in kinds]
        for kind in self.questions:
            self.fields[kind] = radio(
                label=self.QUESTIONS[kind], required=False, initial="",
                choices=[(self.YES, _("Да")), (self.NO, _("Нет")), ("", _("Не знаю"))],
                help_text=_("Если не знаете, мы покажем это условие в списке того, что нужно проверить."),
                error_messages={"invalid_choice": _("Выберите ответ из списка: да, нет или не знаю")})
        self.order_fields(["family_size", "income", "payments", "heating_season", "categories", *self.questions,
                           "date"])

    def question_fields(self):
        return [self[kind] for kind in self.questions]

    def answers(self):
        """(confirmed kinds, denied kinds) from a valid form."""
        data = self.cleaned_data
        return (frozenset(k for k in self.questions if data.get(k) == self.YES),
                frozenset(k for k in self.questions if data.get(k) == self.NO))
