from django.apps import AppConfig
from django.db.models.signals import post_save
from django.utils.translation import gettext_lazy as _


class ConnectionApplicationsConfig(AppConfig):
    name = "connection_applications"
    verbose_name = _("Заявки на присоединение")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from cases import status_sections
        from connection_applications import sections

        status_sections.register(sections.status_section)
        post_save.connect(sections.open_on_new_case, sender="cases.Case",
                          dispatch_uid="connection_applications_open_on_new_case")
