from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CmsPagesConfig(AppConfig):
    name = "cms_pages"
    verbose_name = _("Страницы портала")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from cms_pages import contacts_index

        contacts_index.connect()  # a changed contact: the pages indexed with the old value, again
