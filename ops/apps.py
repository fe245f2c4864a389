from django.apps import AppConfig


class OpsConfig(AppConfig):
    name = "ops"
    verbose_name = "Operations"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from wagtail.signals import page_published, page_unpublished

        from ops import checks  # noqa: F401 - registers the deployment checks
        from ops.csv_safety import protect_wagtail_exports
        from ops.frontend_cache import ensure_generation_link, on_page_changed

        protect_wagtail_exports()  # formula-like text in every admin CSV/XLSX export is inert

        from ops import render_cache

        render_cache.connect()  # first: the render cache is invalidated before nginx fetches the page again
        page_published.connect(on_page_changed, dispatch_uid="ops_purge_published")
        page_unpublished.connect(on_page_changed, dispatch_uid="ops_purge_unpublished")
        ensure_generation_link()  # nginx keys its cache on this link (ops/frontend_cache.py)
