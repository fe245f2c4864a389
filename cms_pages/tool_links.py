"""Links to the tools (calculators) with the values a page knows filled in (issue 13).

The tools are GET forms (``calculators.forms``), so a link is a plain ``<a href>`` with a query
string: it works without JavaScript. ``tool_url`` builds it on the live tool page of the kind in
the active language (translated slugs); when the tool's own form accepts every value the link
carries ``calculate`` and opens on the result, otherwise it only fills the form in.

``ToolLinkBlock`` is the optional, structured "tool link" of question and procedure pages: the
tool is the block type, its parameters are the tool form's own fields (same names, same
checks: the block is validated by the tool's form, so an editor cannot save a link the tool
would refuse). Worked examples (``cms_pages.rules.worked_examples``) link through ``tool_url`` too.
"""
from decimal import Decimal
from urllib.parse import urlencode

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.blocks.struct_block import StructBlockValidationError

from cms_pages.codes import (
    AREA_CHOICES, CONSUMER_GROUP_CHOICES, HOUSEHOLD_GROUPS, LINE_CHOICES, VOLTAGE_CHOICES,
)

CALCULATE = "calculate"  # calculators.forms.SUBMIT_MARKER


def _form_class(kind):
    from calculators.forms import BillForm, ConnectionFeeForm, EligibilityForm
    return {"bill": BillForm, "connection_fee": ConnectionFeeForm, "eligibility": EligibilityForm}[kind]


def tool_form(kind, params):
    """The tool's own form, bound with ``params`` as a visitor pressing "Calculate" would send them."""
    kwargs = {}
    if kind == "connection_fee":
        from calculators import data
        kwargs["categories"] = data.connection_source()[1]
    return _form_class(kind)({**{k: str(v) for k, v in params.items()}, CALCULATE: "1"}, **kwargs)


def clean_params(params):
    return {k: v for k, v in params.items() if v not in (None, "")}


def tool_url(kind, params, calculate=None):
    """The live tool page of ``kind`` (active language) with ``params`` filled in, or "" without one.

    ``calculate``: True adds the marker (the link opens on the result), None adds it when the
    tool's form accepts the values, False only fills the form in.
    """
    from cms_pages.search_answers.tools import tool_base_url

    base = tool_base_url(kind)
    if not base:
        return ""
    params = clean_params(params)
    if calculate is None:
        calculate = tool_form(kind, params).is_valid()
    if calculate:
        params[CALCULATE] = "1"
    return base + ("?" + urlencode(params) if params else "")


def tool_title(kind):
    """The tool page's title in the active language (the calculators' own name without a page)."""
    from calculators.views import tool_page
    from cms_pages.search_answers.tools import _titles

    page = tool_page(kind)
    return page.title if page is not None else _titles()[kind]


# ----------------------------------------------------------------- the structured link of a page

def _quantity(value):
    from calculators.rules.common import format_quantity
    return format_quantity(value)


class _ToolBlock(blocks.StructBlock):
    """One tool's parameters: child block names are the tool form's field names."""

    tool = None

    def params(self, value):
        """{form field: value} for the query string."""
        return {name: value.get(name) for name in self.child_blocks}

    def summary(self, value):
        """[(label, value as shown)] of the values filled in, for the link's text."""
        parts = []
        for name, block in self.child_blocks.items():
            raw = value.get(name)
            if raw in (None, "", False):
                continue
            if isinstance(block, blocks.ChoiceBlock):
                shown = dict(block.field.choices).get(raw, raw)
            elif isinstance(block, blocks.BooleanBlock):
                shown = str(_("да"))
            elif isinstance(raw, Decimal | int):
                shown = _quantity(raw)
            else:
                shown = raw
            parts.append((block.label, shown))
        return parts

    def clean(self, value):
        value = super().clean(value)
        form = tool_form(self.tool, clean_params(self.params(value)))
        if form.is_valid():
            return value
        errors, other = {}, []
        for name, field_errors in form.errors.as_data().items():
            kept = [e for e in field_errors
                    if not (e.code == "required" and name in self.child_blocks and value.get(name) in (None, ""))]
            if not kept:
                continue  # a value left empty: the link only fills in what it has
            messages = [m for e in kept for m in e.messages]
            if name in self.child_blocks:
                errors[name] = ValidationError(messages)
            else:
                other += messages
        if errors or other:
            raise StructBlockValidationError(block_errors=errors, non_block_errors=other or None)
        return value

    def link(self, value):
        """{"url", "tool", "values", "calculated"} for the template, or None without a live tool."""
        params = clean_params(self.params(value))
        calculated = tool_form(self.tool, params).is_valid()
        url = tool_url(self.tool, params, calculate=calculated)
        if not url:
            return None
        return {"url": url, "tool": tool_title(self.tool), "values": self.summary(value), "calculated": calculated}


def _number(label, places, min_value=None, max_value=None, help_text=""):
    return blocks.DecimalBlock(label=label, required=False, decimal_places=places, min_value=min_value,
                               max_value=max_value, help_text=help_text)


class BillLinkBlock(_ToolBlock):
    tool = "bill"
    consumer_group = blocks.ChoiceBlock(
        label=_("Группа потребителей"),
        choices=[(code, label) for code, label in CONSUMER_GROUP_CHOICES if code in HOUSEHOLD_GROUPS])
    total_kwh = _number(_("Расход за месяц, кВт·ч"), 2, help_text=_("Пусто — посетитель введёт свой."))
    night_share = _number(_("Доля ночного расхода, %"), 1,
                          help_text=_("Пусто — типичная доля группы со страницы тарифов."))

    def params(self, value):
        return {**super().params(value), "mode": "total"}

    class Meta:
        label = _("Калькулятор счёта за электроэнергию")
        icon = "table"


class ConnectionFeeLinkBlock(_ToolBlock):
    tool = "connection_fee"
    category = blocks.CharBlock(label=_("Код категории заявителя"), max_length=40,
                                help_text=_("Код категории со страницы платы за присоединение, например household."))
    kw = _number(_("Мощность, кВт"), 1)
    voltage = blocks.ChoiceBlock(label=_("Напряжение"), choices=VOLTAGE_CHOICES, default=VOLTAGE_CHOICES[0][0])
    area = blocks.ChoiceBlock(label=_("Местность"), choices=AREA_CHOICES[1:], required=False)
    distance_m = _number(_("Расстояние до сетей, м"), 1)
    line = blocks.ChoiceBlock(label=_("Линия"), choices=LINE_CHOICES, default=LINE_CHOICES[0][0])
    metering_points = blocks.IntegerBlock(label=_("Точек учёта"), default=1, min_value=0)
    social = blocks.BooleanBlock(label=_("Льготная категория (социальная ставка)"), required=False)

    def params(self, value):
        params = super().params(value)
        params["social"] = "on" if value.get("social") else None
        return params

    def summary(self, value):
        """The category by its name on the live fee page, as the calculator asks it, not its code."""
        from calculators import data
        names = {c.code: c.name for c in data.connection_source()[1]}
        code_label = self.child_blocks["category"].label
        return [(_("Кто подключается"), names.get(shown, shown)) if name == code_label else (name, shown)
                for name, shown in super().summary(value)]

    class Meta:
        label = _("Калькулятор платы за подключение")
        icon = "cog"


class EligibilityLinkBlock(_ToolBlock):
    tool = "eligibility"
    family_size = blocks.IntegerBlock(label=_("Человек в семье"), required=False, min_value=1)
    income = _number(_("Доход семьи, руб. в месяц"), 2)
    payments = _number(_("Платежи за ЖКУ, руб. в месяц"), 2)
    heating_season = blocks.ChoiceBlock(
        label=_("Период"), required=False,
        choices=[("yes", _("Отопительный период")), ("no", _("Вне отопительного периода"))])

    class Meta:
        label = _("Проверка права на субсидию и льготы")
        icon = "help"


class ToolLinkBlock(blocks.StreamBlock):
    """At most one link to a tool, with the values the page knows."""

    bill = BillLinkBlock()
    connection_fee = ConnectionFeeLinkBlock()
    eligibility = EligibilityLinkBlock()

    class Meta:
        max_num = 1


def tool_link_field():
    from wagtail.fields import StreamField
    return StreamField(ToolLinkBlock(), blank=True, verbose_name=_("ссылка на калькулятор"),
                       help_text=_("Необязательно: калькулятор, который откроется с этими значениями. "
                                   "Значения проверяются формой калькулятора; пустые посетитель введёт сам."))


def page_tool_link(page):
    """The page's tool link for the template (``_ToolBlock.link``), or None."""
    for child in getattr(page, "tool_link", None) or []:
        return child.block.link(child.value)
    return None
