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
        sortable_translated_titles()


def sortable_translated_titles():
    """The admin's page search sorts by title; modeltranslation turns ``title`` into ``title_ru``, which
    the search backend refuses to sort by (a 500) unless it is a FilterField of the model searched:
    Page and every page type (each copied Page.search_fields when its class was made)."""
    from django.conf import settings
    from wagtail.models import Page, get_page_models
    from wagtail.search import index

    names = [f"title_{code}" for code, _name in settings.LANGUAGES]
    for model in [Page, *get_page_models()]:
        present = {field.field_name for field in model.search_fields if isinstance(field, index.FilterField)}
        missing = [index.FilterField(name) for name in names if name not in present]
        if missing:
            model.search_fields = [*model.search_fields, *missing]
