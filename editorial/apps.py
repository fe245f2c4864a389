from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class EditorialConfig(AppConfig):
    name = "editorial"
    verbose_name = _("Редакционная работа")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from editorial.roles import grant_all_to_administrators

        # No sender filter: each app's permissions exist only after its own post_migrate.
        post_migrate.connect(grant_all_to_administrators, dispatch_uid="editorial_administrators")
