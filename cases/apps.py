from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CasesConfig(AppConfig):
    name = "cases"
    verbose_name = _("Обращения")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from cases.health import pending_emails
        from ops import health

        health.register("pending_emails", pending_emails)
