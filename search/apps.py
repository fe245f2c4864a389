from django.apps import AppConfig


class SearchConfig(AppConfig):
    name = "search"
    label = "portal_search"
    verbose_name = "Search"

    def ready(self):
        from ops import health
        from search import signals
        from search.health import search_status

        signals.connect()
        health.register("search", search_status, needs_database=False)
