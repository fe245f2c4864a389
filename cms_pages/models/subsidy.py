"""Subsidies and benefits: who qualifies, the rule, ceilings, documents and where to apply."""
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail import blocks
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Orderable

from cms_pages.codes import BENEFIT_CATEGORY_CODES, parse_codes
from cms_pages.models.base import BasePage, DateChoiceMixin
from cms_pages.models.dated import DatedRecord, period_panel
from cms_pages.rules import tariff_periods


class SubsidyPage(DateChoiceMixin, BasePage):
    criteria = StreamField([("criterion", blocks.CharBlock(label=_("Условие")))], blank=True,
                           verbose_name=_("кто может получить"))
    rule = RichTextField(_("правило расчёта"), blank=True, features=["bold", "italic", "link", "ul", "ol"])
    max_payment_share_percent = models.DecimalField(
        _("максимальная доля расходов на ЖКУ, % дохода"), max_digits=5, decimal_places=2,
        null=True, blank=True, help_text=_("Например, 22 — федеральный стандарт."))
    compensation_percent = models.DecimalField(
        _("размер компенсации, %"), max_digits=5, decimal_places=2, null=True, blank=True)
    eligible_categories = models.CharField(
        _("категории (коды через запятую)"), max_length=200, blank=True,
        help_text=_("Только если мера — для отдельных категорий: disabled, disabled_child, veteran, "
                    "large_family, low_income. Для субсидии на ЖКУ оставьте пустым: категория не условие."))
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

    content_panels = BasePage.content_panels + [
        FieldPanel("criteria"), FieldPanel("rule"),
        FieldRowPanel([FieldPanel("max_payment_share_percent"), FieldPanel("compensation_percent")]),
        FieldPanel("eligible_categories"),
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
        return {
            "ceilings": ceilings,
            "ceilings_in_force": sorted(ceilings.in_force, key=lambda c: c.family_size),
            "ceiling_acts": list(acts.values()),
            "upcoming_ceilings": [(p, sorted(p.records, key=lambda c: c.family_size)) for p in ceilings.upcoming],
        }

    def clean(self):
        super().clean()
        unknown = sorted(parse_codes(self.eligible_categories) - set(BENEFIT_CATEGORY_CODES))
        if unknown:
            raise ValidationError({"eligible_categories": _(
                "Неизвестные коды категорий: %(codes)s. Допустимые: %(allowed)s.") % {
                "codes": ", ".join(unknown), "allowed": ", ".join(BENEFIT_CATEGORY_CODES)}})

    worked_example_field = "example_result"

    def worked_example_problems(self, children=None, on=None):
        """Messages when the worked example disagrees with the checker (``cms_pages.rules.worked_examples``)."""
        from cms_pages.rules import worked_examples
        return worked_examples.subsidy_problems(self, children or {}, on)

    def worked_example_url(self):
        from cms_pages.rules import worked_examples
        return worked_examples.subsidy_tool_url(self)

    def body_phones(self):
        from cms_pages.rules.directory import phone_links
        return phone_links(self.responsible_body.phone) if self.responsible_body else []

    def request_url(self):
        from cms_pages.models.procedure import request_form_url
        return request_form_url("subsidy")

    def get_search_body(self):
        parts = [self.summary, *(str(c.value) for c in self.criteria), *(str(d.value) for d in self.documents)]
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
