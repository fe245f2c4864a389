from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CalculatorsConfig(AppConfig):
    name = "calculators"
    verbose_name = _("Калькуляторы")
    default_auto_field = "django.db.models.BigAutoField"
