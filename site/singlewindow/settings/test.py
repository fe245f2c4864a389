"""Test runs: fast hashing, no debug, local memory e-mail."""
import os

from .base import *  # noqa: F401,F403

DEBUG = False
SECRET_KEY = "test-only-key"
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
ALLOWED_HOSTS = ["*"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
AXES_ENABLED = False  # switched on in the throttling test itself
# Template fragments are keyed by publish time; factory pages are never "published", so a shared
# cache could leak fragments between tests. The caching itself is tested with a local-memory cache.
_REDIS_PAGES = CACHES["pages"]  # noqa: F405 - base's Redis settings when REDIS_URL is set
CACHES = {"default": {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}}
# The render cache is off in tests (rolled-back pages would be served to the next test); its own
# tests (tests/ops/test_render_cache.py) switch it on, against Redis when REDIS_URL is set.
RENDER_CACHE_ENABLED = False
CACHES["pages"] = (
    {**_REDIS_PAGES, "KEY_PREFIX": "test-" + os.environ.get("PYTEST_XDIST_WORKER", "main")}
    if REDIS_URL else  # noqa: F405
    {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "render-cache"})
