"""Which fields editors fill in both languages (wagtail-modeltranslation adds the _ru/_en twins)."""
from modeltranslation.decorators import register
from modeltranslation.translator import TranslationOptions

from cms_pages import models as m


@register(m.BasePage)
class BasePageTR(TranslationOptions):
    fields = ("summary",)


def _register(model, *fields):
    register(model)(type(f"{model.__name__}TR", (TranslationOptions,), {"fields": fields}))


_register(m.HomePage, "intro", "top_tasks")
_register(m.SectionPage, "intro")
_register(m.ContentPage, "body")
_register(m.TariffPage, "explanation", "example_text")
_register(m.ConnectionFeePage, "explanation")
_register(m.SubsidyPage, "criteria_note", "rule", "documents", "processing_time")
_register(m.ProcedurePage, "steps", "total_time", "total_cost")
_register(m.ServiceCentreIndexPage, "intro")
_register(m.ServiceCentrePage, "town", "address", "services", "transit_stop")
_register(m.QuestionPage, "short_answer", "full_answer", "alternative_phrasings")
_register(m.NewsIndexPage, "intro")
_register(m.NewsPage, "body")
_register(m.ConnectionFeeToolPage, "intro")
_register(m.BillToolPage, "intro")
_register(m.EligibilityToolPage, "intro")

_register(m.TariffRecord, "town", "hours")
_register(m.ApplicantCategory, "name", "conditions")
_register(m.PreferentialRate, "conditions")
_register(m.ConnectionDeadline, "description", "clause")
_register(m.TypicalZoneShare, "source")
_register(m.SubsidyCriterion, "note")
_register(m.AlertBanner, "title", "message")
_register(m.LegalAct, "title", "issuer")
_register(m.ResponsibleBody, "name", "short_name", "address", "hours")
_register(m.ContactSettings, "hotline_name")
