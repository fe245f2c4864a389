"""Settings shared by every environment; everything site-specific comes from the environment."""
import os
from pathlib import Path

import dj_database_url
from django.utils.translation import gettext_lazy as _

PROJECT_DIR = Path(__file__).resolve().parent.parent
BASE_DIR = PROJECT_DIR.parent.parent  # repository root
VAR_DIR = Path(os.environ.get("VAR_DIR", BASE_DIR / "var"))
VAR_DIR.mkdir(parents=True, exist_ok=True)


def env_bool(name, default=False):
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name, default=""):
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


DEBUG = env_bool("DEBUG", False)
SECRET_KEY = os.environ.get("SECRET_KEY", "")
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    # wagtail_modeltranslation must come before the apps whose models it translates.
    "wagtail_modeltranslation",
    "wagtail_modeltranslation.makemigrations",
    "wagtail_modeltranslation.migrate",
    "themes",
    "cms_pages",
    "search",
    "editorial",
    "cases",
    "connection_applications",
    "feedback",
    "calculators",
    "outages",
    "quality",
    "disclosure",
    "governance",
    "decisions",
    "visits",
    "demo",
    "ops",
    "csp",
    "axes",
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.contrib.sitemaps",
    "wagtail.contrib.typed_table_block",
    "wagtail.contrib.search_promotions",
    # wagtail.contrib.frontend_cache is used as a library (its backends and PurgeBatch) but not
    # installed: its signal handlers purge inside the publish transaction, in one language only,
    # so nginx would store the old page again. ops.frontend_cache purges after the commit instead.
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django_filters",
    "django.contrib.sitemaps",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
]

MIDDLEWARE = [
    "ops.middleware.RequestIdMiddleware",
    "ops.middleware.RequestBodyLimitMiddleware",  # a body over REQUEST_BODY_MAX_SIZE: a clear 413
    "django.middleware.security.SecurityMiddleware",
    "ops.middleware.SecurityHeadersMiddleware",
    "csp.middleware.CSPMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "ops.middleware.PublicCacheMiddleware",
    "ops.render_cache.RenderCacheMiddleware",  # stored public pages, before sessions/CSRF/auth run
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    # Last, so it sees failed logins after authentication: throttles admin login guessing.
    "axes.middleware.AxesMiddleware",
    # Innermost, so its process_exception sees database errors from views first.
    "ops.middleware.DatabaseUnavailableMiddleware",
]

AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
CSRF_FAILURE_VIEW = "cases.views.csrf_failure"  # a friendly 403 that keeps the visitor's way back
AXES_FAILURE_LIMIT = int(os.environ.get("AXES_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = 0.25  # hours: a locked-out login may try again after 15 minutes
# A username is locked only together with the address it is attacked from: a stranger guessing an
# editor's password cannot lock the editor out of their own desk.
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_CLIENT_IP_CALLABLE = "ops.client.axes_client_ip"
# The reverse proxies whose X-Forwarded-For we believe (addresses or networks, comma-separated).
# Empty: no proxy, REMOTE_ADDR is the client. The documented nginx on the same host: 127.0.0.1,::1.
TRUSTED_PROXIES = env_list("TRUSTED_PROXIES")
AXES_RESET_ON_SUCCESS = True

# Content-Security-Policy (django-csp): no inline scripts or styles, nothing from elsewhere.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:", "blob:"],
        "font-src": ["'self'", "data:"],
        "connect-src": ["'self'"],
        "frame-ancestors": ["'self'"],
        "form-action": ["'self'"],
        "base-uri": ["'self'"],
        "object-src": ["'none'"],
    },
}
PERMISSIONS_POLICY = "camera=(), microphone=(), geolocation=(), payment=(), usb=(), interest-cohort=()"
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
SECURE_CONTENT_TYPE_NOSNIFF = True

# Public pages may sit in the proxy cache briefly; publishing purges them (frontend cache).
PUBLIC_PAGE_MAX_AGE = int(os.environ.get("PUBLIC_PAGE_MAX_AGE", "300"))
# Search results and suggestions are not purged on publish (any page may change them), so the
# proxy keeps them only briefly: a burst is still served from the cache, a publish shows within this.
SEARCH_MAX_AGE = int(os.environ.get("SEARCH_MAX_AGE", "30"))
# Low-vision variants of a page (one per combination of settings) are cached as long as the normal
# one: a change starts a new generation of nginx's cache for every variant (ops/frontend_cache.py).
LOW_VISION_MAX_AGE = int(os.environ.get("LOW_VISION_MAX_AGE", str(PUBLIC_PAGE_MAX_AGE)))
# The app's render cache of public pages (ops/render_cache.py): Redis when REDIS_URL is set (shared by
# every server), else files under VAR_DIR (shared by the workers of one server). "default" stays local.
REDIS_URL = os.environ.get("REDIS_URL", "")
RENDER_CACHE_ENABLED = env_bool("RENDER_CACHE", True)
RENDER_CACHE_MAX_AGE = int(os.environ.get("RENDER_CACHE_MAX_AGE", str(PUBLIC_PAGE_MAX_AGE)))
RENDER_CACHE_RETRY_SECONDS = 30  # after a cache failure: uncached this long, one warning
CACHES = {
    "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
    "pages": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": REDIS_URL,
              "KEY_PREFIX": "portal",
              # a dead or unreachable Redis must cost milliseconds, not a worker timeout
              "OPTIONS": {"socket_connect_timeout": 0.5, "socket_timeout": 0.5}}
    if REDIS_URL else
    {"BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
     "LOCATION": str(VAR_DIR / "render-cache"), "OPTIONS": {"MAX_ENTRIES": 5000}},
}
NEVER_CACHE_PREFIXES = ("/admin", "/django-admin", "/healthz", "/readyz", "/documents")
NEVER_CACHE_LANGUAGE_PATHS = ("/requests/", "/feedback/", "/accessibility-settings/")

ROOT_URLCONF = "singlewindow.urls"
WSGI_APPLICATION = "singlewindow.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "themes" / "default" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
                "themes.context_processors.theme",
            ],
        },
    },
]

# Databases: DATABASE_URL (PostgreSQL in production and CI) or a SQLite file under var/.
SQLITE_PATH = VAR_DIR / "db.sqlite3"
DATABASES = {
    "default": dj_database_url.config(
        env="DATABASE_URL", default=f"sqlite:///{SQLITE_PATH}", conn_max_age=60,
        # A kept connection is checked before a request uses it: after a database restart each
        # thread's first request would otherwise fail on its dead connection (a 503 after recovery).
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"]["CONN_MAX_AGE"] = 0
    DATABASES["default"]["OPTIONS"] = {
        # WAL lets readers and one writer work at once; the timeout waits for the lock
        # instead of failing a citizen's form submission with "database is locked".
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Languages: Russian first, English second, each under its own URL prefix.
LANGUAGE_CODE = "ru"
LANGUAGES = [("ru", _("Русский")), ("en", _("English"))]
MODELTRANSLATION_DEFAULT_LANGUAGE = "ru"
MODELTRANSLATION_FALLBACK_LANGUAGES = ("ru",)
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = os.environ.get("TIME_ZONE", "Europe/Moscow")  # Arkhangelsk keeps Moscow time
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", VAR_DIR / "static"))
STATICFILES_DIRS = [BASE_DIR / "themes" / "default" / "static"]
STATIC_ROOT.mkdir(parents=True, exist_ok=True)
WHITENOISE_USE_FINDERS = DEBUG  # dev/test serve from the theme folders; production from STATIC_ROOT
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", VAR_DIR / "media"))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

# E-mail: console by default so nothing leaves the machine unless configured.
EMAIL_BACKEND = os.environ.get("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "25"))
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "no-reply@example.invalid")

# Search: the embedded engine by default; Elasticsearch when ELASTICSEARCH_URL is set.
ELASTICSEARCH_URL = os.environ.get("ELASTICSEARCH_URL", "")
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}

WAGTAIL_SITE_NAME = "Единое окно"
# The admin stays on this site: no editor's e-mail hash to Gravatar, no call to Wagtail's release
# server from the dashboard (both would also break the admin's Content-Security-Policy).
WAGTAIL_GRAVATAR_PROVIDER_URL = None
WAGTAIL_ENABLE_UPDATE_CHECK = False
WAGTAILADMIN_BASE_URL = os.environ.get("WAGTAILADMIN_BASE_URL", "http://127.0.0.1:8000")
WAGTAIL_I18N_ENABLED = False  # languages come from wagtail-modeltranslation, not locale trees
WAGTAIL_MODERATION_ENABLED = True
WAGTAIL_WORKFLOW_ENABLED = True
WAGTAILIMAGES_EXTENSIONS = ["gif", "jpg", "jpeg", "png", "webp"]
WAGTAILDOCS_EXTENSIONS = ["csv", "docx", "odt", "pdf", "rtf", "txt", "xlsx", "ods"]
WAGTAILDOCS_MAX_UPLOAD_SIZE = 20 * 1024 * 1024
DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000
# The largest request the site accepts: the public form with 5 files of 10 MB and its text
# (cases/rules/attachments.py). nginx's client_max_body_size in deploy/nginx.conf.template is the same.
REQUEST_BODY_MAX_SIZE = 53 * 1024 * 1024
WAGTAILADMIN_PERMITTED_LANGUAGES = [("ru", "Русский"), ("en", "English")]
WAGTAILADMIN_USER_LOGIN_FORM = "editorial.forms.LoginForm"  # the password field labelled in Russian
# The editor's time zone choice (account settings): Russia's zones, not all 600 of the IANA list
# (whose single-word names, "Cuba", "Zulu", are English in a Russian admin).
WAGTAIL_USER_TIME_ZONES = ["Europe/Kaliningrad", "Europe/Moscow", "Europe/Samara", "Asia/Yekaterinburg",
                           "Asia/Omsk", "Asia/Krasnoyarsk", "Asia/Irkutsk", "Asia/Yakutsk",
                           "Asia/Vladivostok", "Asia/Magadan", "Asia/Kamchatka"]

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    # personal_data (ops.logging.PersonalDataFilter) masks e-mails, phones, access codes and tokens:
    # every handler here must list it (tests/ops/test_personal_data_in_logs.py checks).
    "filters": {"request_id": {"()": "ops.middleware.RequestIdFilter"},
                "personal_data": {"()": "ops.logging.PersonalDataFilter"}},
    "formatters": {
        "json": {"()": "ops.logging.JsonFormatter"},
        "plain": {"format": "%(asctime)s %(levelname)s [%(request_id)s] %(name)s %(message)s"},
    },
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "formatter": os.environ.get("LOG_FORMAT", "plain"),
            "filters": ["request_id", "personal_data"],
        }
    },
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
    "loggers": {"django.db.backends": {"level": "WARNING"}},
}

# Frontend cache: nginx (deploy/nginx.conf.template) purged on publish when FRONTEND_CACHE_URL is set.
if os.environ.get("FRONTEND_CACHE_URL"):
    WAGTAILFRONTENDCACHE = {
        "nginx": {
            "BACKEND": "ops.frontend_cache.NginxRefreshBackend",
            "LOCATION": os.environ["FRONTEND_CACHE_URL"],
        }
    }
# The symbolic link nginx's cache key resolves ($realpath_root of deploy/nginx.conf.template): the app
# points it to a new folder after every change (ops/frontend_cache.py). Only with nginx in front.
FRONTEND_CACHE_GENERATION_LINK = os.environ.get(
    "FRONTEND_CACHE_GENERATION_LINK",
    str(VAR_DIR / "nginx-generation" / "current") if os.environ.get("FRONTEND_CACHE_URL") else "")
