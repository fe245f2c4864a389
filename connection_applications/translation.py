"""Fields administrators fill in both languages (modeltranslation adds _ru/_en twins)."""
from modeltranslation.decorators import register
from modeltranslation.translator import TranslationOptions

from connection_applications.models import ConnectionStage


@register(ConnectionStage)
class ConnectionStageTR(TranslationOptions):
    fields = ("name", "description", "basis")
