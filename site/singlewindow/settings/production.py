"""Production: every secret from the environment, secure cookies, HSTS, compressed static files."""
import os

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F401,F403
from .base import env_bool

DEBUG = env_bool("DEBUG", False)
SECRET_KEY = os.environ.get("SECRET_KEY", "")
if not SECRET_KEY:
    raise ImproperlyConfigured("SECRET_KEY must be set in production")

SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", "31536000"))
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
SESSION_COOKIE_SECURE = True
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_SECURE = True
X_FRAME_OPTIONS = "DENY"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
LOGGING["handlers"]["console"]["formatter"] = os.environ.get("LOG_FORMAT", "json")  # noqa: F405

# The client behind the proxy (ops.client.client_address): the documented nginx runs on this host,
# so loopback is trusted unless TRUSTED_PROXIES says otherwise (set it empty to trust no proxy).
# Trusting loopback is harmless without a proxy: only this machine can connect from 127.0.0.1.
if "TRUSTED_PROXIES" not in os.environ:
    TRUSTED_PROXIES = ["127.0.0.1", "::1"]

# E-mail: SMTP unless EMAIL_BACKEND says otherwise. The console and in-memory backends would put
# every acknowledgement, reply, access code and subscription link (with the citizen's name and
# address) into the server log or a worker's memory, so production refuses them unless
# ALLOW_CONSOLE_EMAIL=1 says this is a deliberate trial run.
EMAIL_BACKEND = os.environ.get("EMAIL_BACKEND", "django.core.mail.backends.smtp.EmailBackend")
UNSAFE_EMAIL_BACKENDS = {
    "django.core.mail.backends.console.EmailBackend",
    "django.core.mail.backends.locmem.EmailBackend",
    "django.core.mail.backends.filebased.EmailBackend",
}
if EMAIL_BACKEND in UNSAFE_EMAIL_BACKENDS and not env_bool("ALLOW_CONSOLE_EMAIL", False):
    raise ImproperlyConfigured(
        f"EMAIL_BACKEND={EMAIL_BACKEND} would write citizens' e-mails (names, addresses, access codes, "
        "subscription links) to the log, memory or disk instead of sending them. Configure SMTP "
        "(EMAIL_HOST, EMAIL_PORT, EMAIL_HOST_USER, EMAIL_HOST_PASSWORD, EMAIL_USE_TLS), or set "
        "ALLOW_CONSOLE_EMAIL=1 for a trial run that sends no real mail."
    )
