"""Subsidies and benefits: who qualifies, the rule, ceilings, documents and where to apply.

Who qualifies is a list of structured criteria (``SubsidyCriterion``): each a kind from the fixed list
the benefit checker understands (``cms_pages.codes.CRITERION_KIND_CHOICES``) with its validated
parameters and an editor's note in both languages. The page words each criterion from its kind and
parameters (``calculators.rules.eligibility.describe``) and the checker applies exactly the criteria
of the published pages (``calculators.data.benefits``): the list and the tool cannot disagree.
"""
from decimal import Decimal

from django import forms
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail import blocks
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Orderable

from cms_pages.codes import (
    BENEFIT_CATEGORY_CHOICES, BENEFIT_CATEGORY_CODES, CATEGORY, CRITERION_KIND_CHOICES, INCOME_CEILING,
    PAYMENT_SHARE, choice_index, parse_codes,
)
from cms_pages.forms import CheckedPageForm, is_publishing_request
from cms_pages.models.base import BasePage, DateChoiceMixin
from cms_pages.models.dated import DatedRecord, period_panel
from cms_pages.rules import tariff_periods
from cms_pages.rules.worked_examples import WorkedExample

KIND_LABELS = dict(CRITERION_KIND_CHOICES)
KINDS_WITH_PERCENT = (PAYMENT_SHARE,)
KINDS_WITH_CATEGORIES = (CATEGORY,)
ONCE_PER_PAGE = tuple(code for code, _label in CRITERION_KIND_CHOICES if code != CATEGORY)


class PercentFormField(forms.DecimalField):
    """A share of income in per cent: more than 0 and at most 100, said before any digit count."""

    def validate(self, value):
        super().validate(value)
        if value is not None and not Decimal(0) < value <= Decimal(100):
            raise ValidationError(_("Процент должен быть больше 0 и не больше 100, например 22."), code="range")


class PercentField(models.DecimalField):
    def formfield(self, **kwargs):
        return super().formfield(**{"form_class": PercentFormField, **kwargs})


class CodeListFormField(forms.MultipleChoiceField):
    """Ticked codes <-> the comma-separated codes the model stores (in the code list's order)."""

    widget = forms.CheckboxSelectMultiple

    def __init__(self, *, max_length=None, empty_value="", **kwargs):
        kwargs.pop("choices", None)
        super().__init__(choices=BENEFIT_CATEGORY_CHOICES, **kwargs)

    def prepare_value(self, value):
        return sorted(parse_codes(value)) if isinstance(value, str) else value

    def clean(self, value):
        codes = super().clean(value)
        return ",".join(sorted(codes, key=lambda code: choice_index(BENEFIT_CATEGORY_CHOICES, code)))

    def has_changed(self, initial, data):
        return parse_codes(initial) != frozenset(data or ()) if isinstance(initial, str) else super().has_changed(initial, data)


class CodeListField(models.CharField):
    """Benefit category codes, stored "disabled,disabled_child", edited as ticked boxes."""

    def formfield(self, **kwargs):
        kwargs.pop("widget", None)
        return super().formfield(**{**kwargs, "form_class": CodeListFormField, "choices_form_class": None})


def criterion_problems(kind, percent, categories, skip=()):
    """{field: message} for a criterion whose parameters do not fit its kind (fields in ``skip`` have
    their own error already)."""
    problems, label = {}, KIND_LABELS.get(kind, kind)
    codes = parse_codes(categories)
    if "percent" not in skip:
        if kind in KINDS_WITH_PERCENT and percent is None:
            problems["percent"] = gettext("Для условия «%(kind)s» укажите процент дохода, например 22.") % {"kind": label}
        elif kind not in KINDS_WITH_PERCENT and percent is not None:
            problems["percent"] = gettext("У условия «%(kind)s» нет процента: очистите поле.") % {"kind": label}
    if "categories" not in skip:
        unknown = sorted(codes - set(BENEFIT_CATEGORY_CODES))
        if unknown:
            problems["categories"] = gettext("Неизвестные коды категорий: %(codes)s.") % {"codes": ", ".join(unknown)}
        elif kind in KINDS_WITH_CATEGORIES and not codes:
            problems["categories"] = gettext("Для условия «%(kind)s» отметьте хотя бы одну категорию.") % {"kind": label}
        elif kind not in KINDS_WITH_CATEGORIES and codes:
            problems["categories"] = gettext("У условия «%(kind)s» нет категорий: снимите отметки.") % {"kind": label}
    return problems


class SubsidyCriterionForm(WagtailAdminModelForm):
    """One criterion row in the page editor: the parameters its kind needs, and only those."""

    def clean(self):
        cleaned = super().clean()
        kind = cleaned.get("kind")
        if kind and not cleaned.get("DELETE"):
            for name, message in criterion_problems(kind, cleaned.get("percent"), cleaned.get("categories"),
                                                    skip=set(self.errors)).items():
                self.add_error(name, message)
        return cleaned


class CriteriaPanel(InlinePanel):
    """The criteria's InlinePanel, with the row form that checks each kind's parameters."""

    def get_form_options(self):
        options = super().get_form_options()
        options["formsets"][self.relation_name]["form"] = SubsidyCriterionForm
        return options


class SubsidyPageForm(CheckedPageForm):
    """A kind other than a category appears once; a ceiling criterion needs ceilings to publish."""

    def is_valid(self):
        criteria_valid = self._check_criteria()
        return super().is_valid() and criteria_valid

    def _live_forms(self, name):
        formset = self.formsets.get(name)
        if formset is None:
            return []
        formset.is_valid()  # validates the rows, so that errors can be added to them
        return [form for form in formset.forms
                if not (formset.can_delete and formset._should_delete_form(form))
                and (form.instance.pk or form.has_changed()) and getattr(form, "cleaned_data", None) is not None]

    def _check_criteria(self):
        valid, seen = True, set()
        rows = self._live_forms("criteria")
        for form in rows:
            kind = form.cleaned_data.get("kind")
            if kind in ONCE_PER_PAGE and kind in seen:
                form.add_error("kind", gettext("Условие «%(kind)s» уже есть в списке: оставьте одно.")
                               % {"kind": KIND_LABELS[kind]})
                valid = False
            seen.add(kind)
        if INCOME_CEILING in seen and is_publishing_request(self.data) and not self._live_forms("income_ceilings"):
            for form in rows:
                if form.cleaned_data.get("kind") == INCOME_CEILING:
                    form.add_error("kind", gettext("Условие «%(kind)s» проверяется по таблице «Предельный доход семьи», "
                                                "а она пуста: добавьте строки или уберите условие. Черновик можно "
                                                "сохранить.") % {"kind": KIND_LABELS[INCOME_CEILING]})
            valid = False
        return valid


class SubsidyPage(WorkedExample, DateChoiceMixin, BasePage):
    rule = RichTextField(_("правило расчёта"), blank=True, features=["bold", "italic", "link", "ul", "ol"])
    criteria_note = RichTextField(
        _("пояснение к условиям"), blank=True, features=["bold", "italic", "link", "ul", "ol"],
        help_text=_("Необязательно: что ещё важно знать об условиях. Сами условия задайте списком выше — "
                    "по ним страница пишет текст, а проверка права на льготу считает."))
    compensation_percent = models.DecimalField(
        _("размер компенсации, %"), max_digits=5, decimal_places=2, null=True, blank=True)
    documents = StreamField([("document", blocks.CharBlock(label=_("Документ")))], blank=True,
                            verbose_name=_("документы"))
    responsible_body = models.ForeignKey("cms_pages.ResponsibleBody", verbose_name=_("куда обращаться"),
                                         null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    processing_time = models.CharField(_("срок рассмотрения"), max_length=200, blank=True)
    legal_act = models.ForeignKey("cms_pages.LegalAct", verbose_name=_("основание"), null=True,
                                  blank=True, on_delete=models.PROTECT, related_name="+")
    # The worked example: the page shows it, and publishing is refused when the checker disagrees.
    example_family_size = models.PositiveSmallIntegerField(_("пример: человек в семье"), null=True, blank=True)
    example_income = models.DecimalField(_("пример: доход семьи, руб. в месяц"), max_digits=12, decimal_places=2,
                                         null=True, blank=True)
    example_payments = models.DecimalField(_("пример: платежи за ЖКУ, руб. в месяц"), max_digits=12,
                                           decimal_places=2, null=True, blank=True)
    example_heating_season = models.BooleanField(_("пример: в отопительный период"), default=True)
    example_result = models.DecimalField(
        _("пример: результат, руб. в месяц"), max_digits=12, decimal_places=2, null=True, blank=True,
        help_text=_("Сколько получит семья из примера; 0 — если мера не положена. При публикации пример "
                    "проверяется тем же расчётом, что и проверка права на субсидию."))

    base_form_class = SubsidyPageForm
    content_panels = BasePage.content_panels + [
        CriteriaPanel("criteria", heading=_("Кто может получить: условия"), label=_("Условие")),
        FieldPanel("criteria_note"), FieldPanel("rule"), FieldPanel("compensation_percent"),
        InlinePanel("income_ceilings", heading=_("Предельный доход семьи"), label=_("Строка")),
        FieldPanel("documents"), FieldPanel("responsible_body"), FieldPanel("processing_time"),
        FieldPanel("legal_act"),
        MultiFieldPanel([
            FieldRowPanel([FieldPanel("example_family_size"), FieldPanel("example_income"),
                           FieldPanel("example_payments")]),
            FieldRowPanel([FieldPanel("example_heating_season"), FieldPanel("example_result")]),
        ], heading=_("Пример расчёта")),
    ]

    class Meta:
        verbose_name = _("страница субсидии или льготы")

    def dated_context(self, on):
        ceilings = tariff_periods.select(
            self.income_ceilings.all().select_related("legal_act"), on, key=tariff_periods.income_ceiling_key)
        acts = {}
        for record in ceilings.in_force:
            if record.legal_act_id:
                acts.setdefault(record.legal_act_id, record.legal_act)
        criteria = list(self.criteria.all())
        return {
            "criteria": criteria,
            "payment_share_percent": next((c.percent for c in criteria if c.kind == PAYMENT_SHARE), None),
            "ceilings": ceilings,
            "ceilings_in_force": sorted(ceilings.in_force, key=lambda c: c.family_size),
            "ceiling_acts": list(acts.values()),
            "upcoming_ceilings": [(p, sorted(p.records, key=lambda c: c.family_size)) for p in ceilings.upcoming],
        }

    @property
    def max_payment_share_percent(self):
        """The maximum share of income of the page's payment-share criterion, or None (read by search)."""
        return next((c.percent for c in self.criteria.all() if c.kind == PAYMENT_SHARE), None)

    @max_payment_share_percent.setter
    def max_payment_share_percent(self, value):
        """Sets the payment-share criterion's percent (its place and note kept; added first when the page
        has none), or with None removes it: the criterion stays the one home of the figure."""
        rows = list(self.criteria.all())
        share = next((c for c in rows if c.kind == PAYMENT_SHARE), None)
        if value is None:
            rows = [c for c in rows if c is not share]
        elif share is not None:
            share.percent = Decimal(value)
        else:
            rows.insert(0, SubsidyCriterion(kind=PAYMENT_SHARE, percent=Decimal(value)))
        self.criteria = rows

    worked_example_kind, worked_example_field = "subsidy", "example_result"  # checked by the benefit checker

    def body_phones(self):
        from cms_pages.rules.directory import phone_links
        return phone_links(self.responsible_body.phone) if self.responsible_body else []

    def request_url(self):
        from cms_pages.models.procedure import request_form_url
        return request_form_url("subsidy")

    def get_search_body(self):
        from django.utils.html import strip_tags
        parts = [self.summary, *(c.text() for c in self.criteria.all()), strip_tags(self.criteria_note or ""),
                 *(str(d.value) for d in self.documents)]
        return " ".join(p for p in parts if p)

    search_group = "benefits"
    search_answers_topic = True

    def search_parts(self, language):
        from cms_pages.search_answers import subsidies
        return super().search_parts(language) + subsidies.extra_parts(self)

    def direct_answer(self, query, on_date, language):
        from cms_pages.search_answers import subsidies
        return subsidies.answer(self, query, on_date, language)


class IncomeCeiling(DatedRecord, Orderable):
    page = ParentalKey(SubsidyPage, related_name="income_ceilings", on_delete=models.CASCADE)
    family_size = models.PositiveSmallIntegerField(_("человек в семье"))
    heating_season = models.DecimalField(_("отопительный период, руб./мес."), max_digits=10, decimal_places=2)
    non_heating_season = models.DecimalField(_("вне отопительного периода, руб./мес."), max_digits=10, decimal_places=2)

    panels = [
        FieldRowPanel([FieldPanel("family_size"), FieldPanel("heating_season"), FieldPanel("non_heating_season")]),
        period_panel(),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("предельный доход")
        verbose_name_plural = _("предельные доходы")

    def period_key(self):
        return tariff_periods.income_ceiling_key(self)


class SubsidyCriterion(Orderable):
    """One condition of the benefit: a kind the checker applies, its parameters and the editor's note."""

    page = ParentalKey(SubsidyPage, related_name="criteria", on_delete=models.CASCADE)
    kind = models.CharField(_("условие"), max_length=20, choices=CRITERION_KIND_CHOICES)
    percent = PercentField(
        _("доля дохода, %"), max_digits=5, decimal_places=2, null=True, blank=True,
        help_text=_("Только для условия о доле платежей в доходе: например, 22 — федеральный стандарт."))
    categories = CodeListField(
        _("категории"), max_length=200, blank=True,
        help_text=_("Только для условия о категориях: достаточно одной из отмеченных. Для субсидии на ЖКУ "
                    "категория не условие (постановление № 761)."))
    note = models.TextField(
        _("пояснение"), blank=True,
        help_text=_("Необязательно: показывается на странице под условием, например «Архангельская область» "
                    "или какие документы это подтверждают. Само условие сайт пишет сам."))

    panels = [
        FieldRowPanel([FieldPanel("kind"), FieldPanel("percent")]),
        FieldPanel("categories"),
        FieldPanel("note"),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("условие")
        verbose_name_plural = _("условия")
        # Rows saved outside the editor's formset (the demo, an import, the data migration) have no
        # sort_order: the order they were saved in, on every database (PostgreSQL returns ties in
        # any order, and the page and the checker follow this order).
        ordering = ["sort_order", "pk"]

    def rule(self):
        """The checker's plain-data criterion (``calculators.rules.eligibility.Criterion``)."""
        from calculators.rules.eligibility import Criterion
        return Criterion(kind=self.kind, percent=self.percent, categories=parse_codes(self.categories))

    def text(self):
        """The condition in the active language, worded from the kind and parameters."""
        from calculators.rules.eligibility import describe
        return str(describe(self.rule()))

    def __str__(self):
        return self.text()
