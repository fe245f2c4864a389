"""Fields editors fill in both languages (modeltranslation adds _ru/_en twins)."""
from modeltranslation.decorators import register
from modeltranslation.translator import TranslationOptions

from disclosure import models as m


@register(m.DisclosureItem)
class DisclosureItemTR(TranslationOptions):
    fields = ("title", "description", "legal_basis")
