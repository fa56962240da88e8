"""Settings for Koran Digital, read from the environment.

Every variable is listed in docs/operations.md. ``KORAN_ENV`` picks the
defaults. ``production`` (the default) requires a secret key, allowed hosts
and a database URL, and stops with the variable's name when one is missing.
``development`` runs with SQLite, tasks executed in-process and local files
under ``var/``. ``make setup`` writes a ``.env`` file for development.
"""

from pathlib import Path

import environ
from celery.schedules import crontab
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent

env = environ.Env()
environ.Env.read_env(BASE_DIR / ".env", overwrite=False)

KORAN_ENV = env.str("KORAN_ENV", default="production")
if KORAN_ENV not in {"production", "development"}:
    raise ImproperlyConfigured(f"KORAN_ENV must be 'production' or 'development', not {KORAN_ENV!r}.")
DEVELOPMENT = KORAN_ENV == "development"


def required(name: str, development_default):
    """Return the variable's value; in production a missing value stops start-up."""
    if name in env.ENVIRON:
        return env.ENVIRON[name]
    if DEVELOPMENT:
        return development_default
    raise ImproperlyConfigured(f"Set the environment variable {name} (KORAN_ENV is production).")


DEBUG = env.bool("DJANGO_DEBUG", default=DEVELOPMENT)
SECRET_KEY = required("DJANGO_SECRET_KEY", "development-only-key-never-use-in-production")
ALLOWED_HOSTS = env.list(
    "DJANGO_ALLOWED_HOSTS",
    default=["127.0.0.1", "localhost", "testserver"] if DEVELOPMENT else [],
)
CSRF_TRUSTED_ORIGINS = env.list("DJANGO_CSRF_TRUSTED_ORIGINS", default=[])

# The public address of the reader site, used for absolute links in feeds,
# share tags and PDFs built by workers that have no request to read it from.
SITE_URL = env.str("SITE_URL", default="http://127.0.0.1:8000").rstrip("/")
SITE_NAME = env.str("SITE_NAME", default="Koran Digital Kabupaten Paser")
PUBLISHER_NAME = env.str(
    "PUBLISHER_NAME",
    default="Bagian Protokol dan Komunikasi Pimpinan, Setda Kabupaten Paser",
)
# Picture in the masthead's crest slot, a path under static/; empty leaves the slot out.
MASTHEAD_CREST = env.str("MASTHEAD_CREST", default="img/logo-koran-digital.png")
# File names of downloads, such as koran-digital-paser-2026-12-07.pdf.
DOWNLOAD_PREFIX = env.str("DOWNLOAD_PREFIX", default="koran-digital-paser")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.contrib.sitemaps",
    "django_ckeditor_5",
    "reversion",
    "articles",
    "editions",
    "reader",
    "newsroom",
    "demo",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "prokopim.middleware.AdminLanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "prokopim.middleware.AdminContentSecurityPolicyMiddleware",
    "newsroom.middleware.DeniedAttemptMiddleware",
]

ROOT_URLCONF = "prokopim.urls"
WSGI_APPLICATION = "prokopim.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.template.context_processors.csp",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "reader.context_processors.site",
            ],
        },
    },
]

VAR_DIR = Path(env.str("KORAN_VAR_DIR", default=str(BASE_DIR / "var")))
if DEVELOPMENT:
    # SQLite, media and collected static files live here on a development machine.
    VAR_DIR.mkdir(parents=True, exist_ok=True)
DATABASES = {
    "default": env.db_url_config(
        required("DATABASE_URL", f"sqlite:///{VAR_DIR / 'db.sqlite3'}"),
    ),
}
DATABASES["default"]["ATOMIC_REQUESTS"] = True
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets the reader site keep reading while an eager build writes.
    DATABASES["default"]["OPTIONS"] = {"init_command": "PRAGMA journal_mode=WAL;", "timeout": 20}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Redis is the Celery broker and the cache. Without REDIS_URL (development)
# tasks run in-process when they are queued and the cache lives in memory.
REDIS_URL = env.str("REDIS_URL", default="")
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "django_redis.cache.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": "koran",
        }
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

CELERY_BROKER_URL = REDIS_URL or "memory://"
CELERY_RESULT_BACKEND = None
CELERY_TASK_ALWAYS_EAGER = env.bool("CELERY_TASK_ALWAYS_EAGER", default=not REDIS_URL)
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TASK_SERIALIZER = "json"
CELERY_ACCEPT_CONTENT = ["json"]
CELERY_TIMEZONE = "Asia/Makassar"
# A build of 24 dense A3 pages takes about a minute on two cores (make bench).
# The hard limit stops a runaway build; the soft limit lets it record why first.
BUILD_SOFT_TIME_LIMIT = env.int("BUILD_SOFT_TIME_LIMIT", default=600)
BUILD_TIME_LIMIT = BUILD_SOFT_TIME_LIMIT + 60
# A worker process is replaced after this many tasks or once it uses this
# much memory (KiB), because WeasyPrint keeps large caches between renders.
CELERY_WORKER_MAX_TASKS_PER_CHILD = env.int("CELERY_WORKER_MAX_TASKS_PER_CHILD", default=20)
CELERY_WORKER_MAX_MEMORY_PER_CHILD = env.int("CELERY_WORKER_MAX_MEMORY_PER_CHILD", default=1_500_000)
# Redis hands an unacknowledged task to another worker after this many
# seconds; it must exceed the longest task or builds would run twice.
CELERY_BROKER_TRANSPORT_OPTIONS = {"visibility_timeout": BUILD_TIME_LIMIT * 2}
CELERY_BEAT_SCHEDULE = {
    "fail-stalled-builds": {
        "task": "editions.tasks.fail_stalled_builds",
        "schedule": 300.0,
    },
    # Crontab hours are in CELERY_TIMEZONE (WITA): the day's edition is
    # built at 04:00 so editors can check it before it goes out.
    "nightly-build": {
        "task": "editions.tasks.build_todays_edition",
        "schedule": crontab(hour=env.int("NIGHTLY_BUILD_HOUR", default=4), minute=0),
    },
    # Each edition keeps its publication time in Edition.scheduled_at; this
    # check publishes the due ones, each exactly once (editions/scheduling.py).
    "publish-scheduled-editions": {
        "task": "editions.tasks.publish_scheduled_editions",
        "schedule": crontab(minute="*"),
    },
}

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "id"
LANGUAGES = [("id", _("Indonesian")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Asia/Makassar"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "static"
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(env.str("MEDIA_ROOT", default=str(VAR_DIR / "media")))
# WhiteNoise serves files with hashed names (CompressedManifestStaticFilesStorage)
# as immutable, cached for ten years; other static files for this many seconds.
WHITENOISE_MAX_AGE = 3600 if not DEBUG else 0
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}
# Fonts shipped with the product; the only fonts the PDF renderer may read.
FONTS_DIR = BASE_DIR / "static" / "fonts"
# Uploads larger than this are refused before Django reads them into memory.
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
FILE_UPLOAD_PERMISSIONS = 0o644

SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_SECURE = env.bool("DJANGO_SECURE_COOKIES", default=not DEVELOPMENT)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https") if not DEVELOPMENT else None
# Second layer behind the sanitiser: public pages load nothing from other
# hosts and run no inline script. The admin, whose editor needs inline
# styles, is relaxed in prokopim/urls.py.
SECURE_CSP = {
    "default-src": ["'self'"],
    "img-src": ["'self'", "data:"],
    "style-src": ["'self'"],
    "script-src": ["'self'"],
    "font-src": ["'self'"],
    "object-src": ["'none'"],
    "base-uri": ["'self'"],
    "form-action": ["'self'"],
    "frame-ancestors": ["'none'"],
}

# Seconds a published reader page is kept in the cache. Changes to editions
# and articles clear it at once (reader/caching.py). So the limit only bounds
# how late an article scheduled for a later time appears on cached pages.
READER_CACHE_SECONDS = env.int("READER_CACHE_SECONDS", default=600)

CKEDITOR_5_FILE_UPLOAD_PERMISSION = "staff"
CK_EDITOR_5_UPLOAD_FILE_VIEW_NAME = "articles:editor-photo-upload"
CKEDITOR_5_UPLOAD_FILE_TYPES = ["jpeg", "png", "webp", "gif"]
CKEDITOR_5_CONFIGS = {
    "default": {
        "language": "id",
        "toolbar": {
            "items": [
                "heading", "|", "bold", "italic", "link", "|",
                "bulletedList", "numberedList", "blockQuote", "insertTable", "|",
                "imageUpload", "|", "undo", "redo",
            ],
        },
        "heading": {
            "options": [
                {"model": "paragraph", "title": "Paragraf", "class": "ck-heading_paragraph"},
                {"model": "heading2", "view": "h2", "title": "Subjudul", "class": "ck-heading_heading2"},
                {"model": "heading3", "view": "h3", "title": "Subjudul kecil", "class": "ck-heading_heading3"},
            ]
        },
        "image": {"toolbar": ["imageTextAlternative"]},
        "table": {"contentToolbar": ["tableColumn", "tableRow", "mergeTableCells"]},
    },
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {
        "plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"},
    },
    "handlers": {
        "console": {"class": "logging.StreamHandler", "formatter": "plain"},
    },
    "root": {"handlers": ["console"], "level": env.str("LOG_LEVEL", default="INFO")},
    "loggers": {
        # WeasyPrint reports every refused URL and unsupported CSS property at
        # warning level; the restricted fetcher logs refusals itself.
        "weasyprint": {"level": "ERROR"},
        "fontTools": {"level": "WARNING"},
        "pikepdf": {"level": "WARNING"},
    },
}

LOGIN_URL = "admin:login"
