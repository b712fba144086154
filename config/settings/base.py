"""Settings shared by every environment.

Everything that differs between machines comes from environment variables, so
one code base runs as the embedded SQLite demo, on PostgreSQL in CI and in
production with Elasticsearch.
"""

import os
from email.utils import parseaddr
from pathlib import Path

import dj_database_url
from csp.constants import NONE, SELF, UNSAFE_INLINE

from config.csp import inline_style_hashes
from config.logging import logging_config

PROJECT_DIR = Path(__file__).resolve().parent.parent
BASE_DIR = PROJECT_DIR.parent


def env_list(name, default=""):
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


INSTALLED_APPS = [
    "accounts",
    "core",
    "home",
    "organisations",
    "heritage",
    "events",
    "jubilees",
    "listings",
    "cooperation",
    "forms",
    "registrations",
    "search",
    "interchange",
    "demo",
    "localisation",
    "wagtail_localize",
    "wagtail_localize.locales",
    "django_tasks",
    "django_tasks_db",  # the task queue's table and its worker, manage.py db_worker
    "wagtail.contrib.forms",
    "home.redirects.RedirectsConfig",  # wagtail.contrib.redirects, see the module
    "wagtail.contrib.search_promotions",
    "wagtail.contrib.settings",
    "wagtail.contrib.sitemaps",
    "wagtail.contrib.frontend_cache",
    "wagtail.contrib.routable_page",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail.api.v2",
    "wagtail",
    "modelcluster",
    "taggit",
    "django_countries",
    "csp",
    "rest_framework",
    "django_filters",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    # Sign-in protection (config/settings/accounts.py, docs/security.md).
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "config.csp.SiteCSPMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Answers visitors' page requests from the page cache (core/page_cache.py)
    # before sessions, users and the database are touched.
    "core.page_cache.PageCacheMiddleware",
    # The request's Wagtail site from the sites kept per content version (core/routing.py).
    "core.routing.KeptSiteMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "localisation.middleware.LocaleMiddleware",
    # Gives untranslated (source) text in a translation the source's lang attribute.
    "localisation.fallback_text.FallbackTextLanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "accounts.middleware.AuditAddressMiddleware",
    "accounts.middleware.SessionIdleTimeoutMiddleware",
    "accounts.middleware.TwoFactorMiddleware",
    "core.ratelimit.AnonymousPostRateLimitMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    # An admin save refused by the model after its form passed (a race with autosave): 409, not 500.
    "core.save_conflicts.SaveConflictMiddleware",
    # Last, as django-axes asks: turns a refused sign-in into its lock-out page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "config.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
            ],
        },
    },
]

WSGI_APPLICATION = "config.wsgi.application"

# SQLite is the embedded default: a fresh checkout runs with no server at all.
DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL", f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
        conn_max_age=int(os.environ.get("DATABASE_CONN_MAX_AGE", "0")),
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # Write-ahead logging: readers never wait for a writer, and a commit (an
    # editor's save, a logged search query) costs no disk flush of its own
    # (synchronous=NORMAL keeps the database consistent after a crash). The
    # timeout lets a write wait for another instead of failing at once.
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        init_command="PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        timeout=20,
    )

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 12}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Languages: this list is the one place to add a language. Content locales,
# URL prefixes, the language switcher and search analysis all follow it.
LANGUAGE_CODE = "en"
LANGUAGES = WAGTAIL_CONTENT_LANGUAGES = [
    ("en", "English"),
    ("nl", "Nederlands"),
    ("fr", "Français"),
    ("ru", "Русский"),
]
WAGTAIL_I18N_ENABLED = True
# The language a visitor picks in the switcher, followed by "/" (localisation.views):
# kept for a year, not only until the browser closes.
LANGUAGE_COOKIE_AGE = 365 * 24 * 60 * 60
LANGUAGE_COOKIE_SAMESITE = "Lax"

# Forms visitors fill in (forms app): how long submissions (personal data) are
# kept before purge_form_submissions deletes them, and how many one address
# may send in an hour.
FORM_SUBMISSION_RETENTION_DAYS = int(os.environ.get("FORM_SUBMISSION_RETENTION_DAYS", "365"))
FORM_SUBMISSIONS_PER_HOUR = int(os.environ.get("FORM_SUBMISSIONS_PER_HOUR", "10"))
LOCALE_PATHS = [BASE_DIR / "locale"]
USE_I18N = True
USE_TZ = True
TIME_ZONE = os.environ.get("TIME_ZONE", "Europe/Brussels")

STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", BASE_DIR / "static_collected"))
STATIC_URL = "/static/"
# Files browsers and crawlers ask for at the site's root (/favicon.ico), served by WhiteNoise.
WHITENOISE_ROOT = BASE_DIR / "public"


def long_cache_for_site_root_files(headers, path, url):
    """A root file's address carries no hash, so a month: long enough for every later visit, short
    enough that a new icon reaches returning visitors."""
    if url == "/favicon.ico":
        headers["Cache-Control"] = "max-age=2592000, public"


WHITENOISE_ADD_HEADERS_FUNCTION = long_cache_for_site_root_files
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", BASE_DIR / "media"))
MEDIA_URL = "/media/"

STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000

# Redis is optional: without REDIS_URL the site caches in process memory.
if os.environ.get("REDIS_URL"):
    CACHES = {
        "default": {
            "BACKEND": "django_redis.cache.RedisCache",
            "LOCATION": os.environ["REDIS_URL"],
            "OPTIONS": {"IGNORE_EXCEPTIONS": True},
        }
    }
    DJANGO_REDIS_IGNORE_EXCEPTIONS = True
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

# The page cache for visitors (core/page_cache.py, docs/performance.md): on in
# production unless PAGE_CACHE=off. Its pages live where every worker sees
# them and their purge: in Redis with REDIS_URL, else in files.
PAGE_CACHE = False
PAGE_CACHE_SECONDS = int(os.environ.get("PAGE_CACHE_SECONDS", "300"))
if os.environ.get("REDIS_URL"):
    CACHES["pages"] = {**CACHES["default"], "KEY_PREFIX": "pages"}
else:
    CACHES["pages"] = {
        "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
        "LOCATION": os.environ.get("PAGE_CACHE_DIR", str(BASE_DIR / "var" / "page-cache")),
        "OPTIONS": {"MAX_ENTRIES": 20_000},
    }
# A frontend cache in front (Varnish, deploy/varnish/default.vcl), purged by
# wagtail.contrib.frontend_cache with the page cache (core/cache_purge.py).
if os.environ.get("FRONTEND_CACHE_URL"):
    WAGTAILFRONTENDCACHE = {
        "varnish": {
            "BACKEND": "wagtail.contrib.frontend_cache.backends.HTTPBackend",
            "LOCATION": os.environ["FRONTEND_CACHE_URL"],
        }
    }

# Background jobs (docs/jobs.md): search-index updates of page saves, content
# imports. Queued in the database and run by `manage.py db_worker`, which
# scripts/demo and scripts/serve start beside the web server; a save made
# while no worker runs waits in the queue. Inside a bulk write (import, demo)
# search.batching.batched_tasks does each update once at the end instead.
# Imports have a queue (and a worker) of their own: a long import never holds
# an editor's index update back.
TASK_QUEUES = ["default", "imports"]
TASKS = {"default": {"BACKEND": "search.task_backend.BatchingDatabaseBackend", "QUEUES": TASK_QUEUES}}

# Wagtail
WAGTAIL_SITE_NAME = "Compatriots"
WAGTAILADMIN_BASE_URL = os.environ.get("WAGTAILADMIN_BASE_URL", "http://127.0.0.1:8000")
WAGTAIL_ENABLE_UPDATE_CHECK = False
WAGTAIL_MODERATION_ENABLED = True
WAGTAIL_WORKFLOW_ENABLED = True
WAGTAILDOCS_EXTENSIONS = ["csv", "docx", "odt", "pdf", "pptx", "rtf", "txt", "xlsx", "zip"]
WAGTAILDOCS_MAX_UPLOAD_SIZE = 10 * 1024 * 1024
# Uploads that are not images, or too big, are refused by Wagtail's image form
# with a message naming the limit.
WAGTAILIMAGES_MAX_UPLOAD_SIZE = int(os.environ.get("IMAGES_MAX_UPLOAD_SIZE", 10 * 1024 * 1024))
WAGTAILIMAGES_MAX_IMAGE_PIXELS = 64_000_000
WAGTAILIMAGES_EXTENSIONS = ["gif", "jpg", "jpeg", "png", "webp"]
WAGTAILIMAGES_FORMAT_CONVERSIONS = {"gif": "webp", "png": "webp", "jpeg": "webp", "bmp": "webp"}
WAGTAILEMBEDS_RESPONSIVE_HTML = True
WAGTAILAPI_BASE_URL = WAGTAILADMIN_BASE_URL
WAGTAILAPI_LIMIT_MAX = 50

# Search: the database backend is the embedded default (SQLite FTS5 or
# PostgreSQL full text); SEARCH_BACKEND=elasticsearch with ELASTICSEARCH_URL
# switches to Elasticsearch, whose major version picks the Wagtail backend.
SEARCH_BACKEND = os.environ.get("SEARCH_BACKEND", "database")
if SEARCH_BACKEND == "elasticsearch":
    ELASTICSEARCH_MAJOR_VERSION = int(os.environ.get("ELASTICSEARCH_MAJOR_VERSION", "9"))
    WAGTAILSEARCH_BACKENDS = {
        "default": {
            "BACKEND": f"search.backends.elasticsearch{ELASTICSEARCH_MAJOR_VERSION}",
            "URLS": env_list("ELASTICSEARCH_URL", "http://127.0.0.1:9200"),
            "INDEX_PREFIX": os.environ.get("ELASTICSEARCH_INDEX_PREFIX", "compatriots_"),
            "TIMEOUT": 5,
            "AUTO_UPDATE": True,
            # If Elasticsearch cannot answer, searches go to this backend (with a warning).
            "FALLBACK_BACKEND": "fallback",
        },
        # Kept up to date beside Elasticsearch, so that the fallback is current.
        "fallback": {"BACKEND": "search.backends.database", "AUTO_UPDATE": True},
    }
else:
    # Wagtail's database backend (SQLite FTS5 or PostgreSQL) with the language
    # analysis of search/analysis.py: see search/backends/database.py.
    WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "search.backends.database"}}

# Content-Security-Policy (django-csp 4, config/csp.py): scripts, styles,
# fonts and frames from the site itself only, no inline script or style, no
# plugin; images from the site and data: URIs (Wagtail's admin draws some).
# Embedded videos are framed from CSP_FRAME_SRC's hosts (the padding that
# Wagtail's responsive embed wrapper sets in a style attribute is dropped: the
# video keeps its own size).
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF, *inline_style_hashes(BASE_DIR / "templates" / "500.html")],
        "img-src": [SELF, "data:", "blob:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "frame-src": [
            SELF,
            *env_list(
                "CSP_FRAME_SRC",
                "https://www.youtube.com,https://www.youtube-nocookie.com,https://player.vimeo.com",
            ),
        ],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [SELF],
    },
}
# Wagtail's admin still writes inline scripts (the date and time pickers, the
# inline panels' templates, scripts inserted by jQuery) that differ per field,
# and wagtail-localize's translation editor (on a translation's edit page)
# writes its styles into <style> elements it creates at run time: no hash can
# name them. The admin's pages, and only those, allow inline script and
# <style> elements; style attributes stay refused everywhere.
CSP_ADMIN_PREFIX = "/admin/"
CSP_ADMIN_UPDATE = {"script-src": [UNSAFE_INLINE], "style-src-elem": [SELF, UNSAFE_INLINE]}
# Avatars are Wagtail's own: Gravatar would send a hash of each user's e-mail
# address to a third party from every admin page.
WAGTAIL_GRAVATAR_PROVIDER_URL = None

# wagtail-localize: machine translation is off unless DEEPL_AUTH_KEY is set,
# which adds a "Translate with DeepL" button to the translation editor (see
# docs/translation.md). Nothing is sent anywhere until a translator presses it.
WAGTAILLOCALIZE_JQUERY_LIBRARY = None
WAGTAILLOCALIZE_MACHINE_TRANSLATOR = None
if os.environ.get("DEEPL_AUTH_KEY"):
    WAGTAILLOCALIZE_MACHINE_TRANSLATOR = {
        "CLASS": "wagtail_localize.machine_translators.deepl.DeepLTranslator",
        "OPTIONS": {"AUTH_KEY": os.environ["DEEPL_AUTH_KEY"], "TIMEOUT": 30},
    }

# Errors and the project's records go to stderr, one JSON object a line with
# the traceback inside (config/logging.py); LOG_FORMAT=text writes plain lines.
# ADMINS="Name <address>,..." also mails each unhandled error to them.
LOG_LEVEL = os.environ.get("LOG_LEVEL", "INFO").upper()
LOGGING = logging_config(LOG_LEVEL, os.environ.get("LOG_FORMAT", "json"))
ADMINS = [parseaddr(admin) for admin in env_list("ADMINS")]

# Sign-in throttling, two-factor sign-in, sessions, abuse limits, audit.
from config.settings.accounts import *  # noqa: E402, F403
