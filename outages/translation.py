from modeltranslation.decorators import register
from modeltranslation.translator import TranslationOptions

from outages.models import (NetworkDistrict, Outage, OutageEvent, Settlement, Street,
                            SubscriptionConsentText)


@register(NetworkDistrict)
class NetworkDistrictTR(TranslationOptions):
    fields = ("name", "address")


@register(Settlement)
class SettlementTR(TranslationOptions):
    fields = ("name", "municipal_district")


@register(Street)
class StreetTR(TranslationOptions):
    fields = ("name",)


@register(Outage)
class OutageTR(TranslationOptions):
    fields = ("reason", "advice", "message")


@register(OutageEvent)
class OutageEventTR(TranslationOptions):
    fields = ("text",)


@register(SubscriptionConsentText)
class SubscriptionConsentTextTR(TranslationOptions):
    fields = ("text",)
