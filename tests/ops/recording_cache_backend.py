"""A frontend-cache backend for tests: records what would be purged, and whether the publish
transaction had committed by then (a refresh inside it would cache the old page again)."""
from django.db import connection
from wagtail.contrib.frontend_cache.backends import BaseBackend

PURGED = []


class RecordingBackend(BaseBackend):
    def purge(self, url):
        PURGED.append((url, connection.in_atomic_block))
