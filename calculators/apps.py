from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CalculatorsConfig(AppConfig):
    name = "calculators"
    verbose_name = _("Калькуляторы")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from calculators.views import TOOL_VIEWS
        from cms_pages.models.tools import register_tool_view

        for kind, view in TOOL_VIEWS.items():
            register_tool_view(kind, view)
