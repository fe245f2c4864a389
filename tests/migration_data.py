"""Live-server (transactional) tests flush the database, and with it what the data migrations
loaded. ``restore()`` runs those loaders again; each is a get-or-create, so on a database that
still has the data it changes nothing."""
import importlib

LOADERS = [
    ("cases.migrations.0002_preload_routing", "preload"),  # units, routing rules, calendar, consent texts
    ("cases.migrations.0011_callback_routing_rule", "add_rule"),  # the callback route
    ("connection_applications.migrations.0002_preload_stages", "preload"),  # connection stages
]


def restore():
    from django.apps import apps

    for module, function in LOADERS:
        getattr(importlib.import_module(module), function)(apps, None)
