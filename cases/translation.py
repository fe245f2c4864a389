"""Fields administrators fill in both languages (modeltranslation adds _ru/_en twins)."""
from modeltranslation.decorators import register
from modeltranslation.translator import TranslationOptions

from cases import models as m


@register(m.Unit)
class UnitTR(TranslationOptions):
    fields = ("name",)


@register(m.RoutingRule)
class RoutingRuleTR(TranslationOptions):
    fields = ("reason", "basis")


@register(m.CalendarDay)
class CalendarDayTR(TranslationOptions):
    fields = ("name",)


@register(m.ConsentText)
class ConsentTextTR(TranslationOptions):
    fields = ("text", "policy_url")
