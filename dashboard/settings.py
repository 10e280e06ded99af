"""Settings for Tiến độ kết nạp.

Everything that differs between a laptop, CI and production is read from the environment, so the
same file serves all three: DEBUG, SECRET_KEY, ALLOWED_HOSTS, DATABASE_URL, DASHBOARD_PUBLIC,
IMPORT_ALLOW_PRIVATE_URLS, CORPUS_DIR; for production (docs/deploy.md) DJANGO_REQUIRE_SECRET_KEY,
DATABASE_REPLICA_URL, CELERY_BROKER_URL, CELERY_QUEUE, STATIC_ROOT, HTTPS, SECURE_COOKIES,
HSTS_SECONDS, SESSION_HOURS, CSRF_TRUSTED_ORIGINS.
"""

import datetime as dt
import os
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent


def env_bool(name: str, default: bool = False) -> bool:
    """Read a yes/no switch; an unknown spelling fails loudly rather than silently meaning 'no'."""
    raw = os.environ.get(name)
    if raw is None or raw == "":
        return default
    value = raw.strip().lower()
    if value in {"1", "true", "yes", "on"}:
        return True
    if value in {"0", "false", "no", "off"}:
        return False
    raise ImproperlyConfigured(f"{name} must be 1/0, true/false, yes/no or on/off; got {raw!r}.")


DEBUG = env_bool("DEBUG", default=False)
DEVELOPMENT_SECRET_KEY = "dev-only-insecure-key-set-SECRET_KEY-in-production"
SECRET_KEY = os.environ.get("SECRET_KEY", "")
if not SECRET_KEY:
    # `make serve` and dashboard/gunicorn.conf.py set DJANGO_REQUIRE_SECRET_KEY, so a production
    # server cannot start on the development key; tests and `make run` need no key.
    if not DEBUG and env_bool("DJANGO_REQUIRE_SECRET_KEY"):
        raise ImproperlyConfigured(
            "SECRET_KEY is not set. Set SECRET_KEY in the environment to a long random string, "
            "the same on every app server (docs/deploy.md)."
        )
    # A development key: good for `make run` and tests, never for a public server
    # (`manage.py check --deploy` says so: dashboard.checks).
    SECRET_KEY = DEVELOPMENT_SECRET_KEY

ALLOWED_HOSTS = [
    host.strip()
    for host in os.environ.get("ALLOWED_HOSTS", "127.0.0.1,localhost").split(",")
    if host.strip()
]

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django_tables2",
    "django_filters",
    "simple_history",
    "health_check",
    "axes",
    "csp",
    "recruitment",
    "dashboard",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "csp.middleware.CSPMiddleware",
    "dashboard.middleware.PermissionsPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "dashboard.middleware.ChosenLanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    # Last, as django-axes asks: it answers a locked-out login attempt.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "dashboard.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

WSGI_APPLICATION = "dashboard.wsgi.application"


def database(url: str) -> dict:
    """One connection's settings from a URL, with what each engine needs here."""
    # Persistent connections (CONN_MAX_AGE) are checked before a request reuses them, so a
    # database restart or failover costs one reconnect, not an error page.
    config = dj_database_url.parse(
        url, conn_max_age=int(os.environ.get("CONN_MAX_AGE", "60")), conn_health_checks=True
    )
    options = config.setdefault("OPTIONS", {})
    if config["ENGINE"] == "django.db.backends.sqlite3":
        # WAL lets the dashboard read while an import writes; with WAL, synchronous=NORMAL stays
        # corruption-safe and only risks the last commits on power loss, for far cheaper commits.
        options["init_command"] = "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;"
    if config["ENGINE"] == "django.db.backends.postgresql":
        # The progress queries' correlated subqueries have large estimated costs, which trigger
        # PostgreSQL's JIT: compiling costs more than it saves (0.3–1 s per overview at 50,000
        # organisations, measured by bench/dashboard_scale.py).
        options.setdefault("options", "-c jit=off")
    return config


DATABASES = {
    "default": database(
        os.environ.get("DATABASE_URL") or f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
    )
}
# A streaming replica of the primary, read by the dashboard pages only (dashboard/db_router.py);
# the admin, the importer and every write stay on the primary. Tests mirror it onto "default".
if os.environ.get("DATABASE_REPLICA_URL"):
    DATABASES["replica"] = {
        **database(os.environ["DATABASE_REPLICA_URL"]),
        "TEST": {"MIRROR": "default"},
    }
DATABASE_ROUTERS = ["dashboard.db_router.DashboardReplicaRouter"]

# Sessions live in the database, like everything else a request leaves behind (messages ride in
# the cookie or the session): an app process holds no state, so any number of app servers can
# share one PostgreSQL behind a load balancer. Expired rows go with `manage.py clearsessions`.
SESSION_ENGINE = "django.contrib.sessions.backends.db"

# Nothing is cached across requests, so each process keeps its own small cache; the health check
# exercises it. A shared cache would be django.core.cache.backends.redis.RedisCache.
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

# Celery's broker (Redis) for the background imports (dashboard/celery.py, recruitment/tasks.py);
# when the URL is set, /health/ checks that the broker answers, since the workers need it.
CELERY_BROKER_URL = os.environ.get("CELERY_BROKER_URL", "")
if CELERY_BROKER_URL and not CELERY_BROKER_URL.startswith(("redis://", "rediss://")):
    raise ImproperlyConfigured(
        "CELERY_BROKER_URL must be a Redis URL (redis:// or rediss://), "
        f"got {CELERY_BROKER_URL.split('://')[0]}://…; the deployment uses Redis (docs/deploy.md)."
    )
# Without a broker a task runs in the process that sends it, when it is sent: one machine
# (`make run`) needs no Redis and no worker, at the price of the upload waiting for its import.
CELERY_TASK_ALWAYS_EAGER = not CELERY_BROKER_URL
CELERY_TASK_EAGER_PROPAGATES = True
# A queue of our own: a Redis shared with other applications does not hand them our tasks.
CELERY_TASK_DEFAULT_QUEUE = os.environ.get("CELERY_QUEUE", "tien-do-ket-nap")
# A task is acknowledged when it ends, one at a time per worker process, so a killed worker's
# job goes back to the queue (after the visibility timeout) rather than being lost.
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_BROKER_TRANSPORT_OPTIONS = {"visibility_timeout": 3600}
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
# Jobs keep their state in the database; nothing reads Celery's results.
CELERY_TASK_IGNORE_RESULT = True
CELERY_WORKER_HIJACK_ROOT_LOGGER = False

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Repeated failed logins lock out that username from that address (django-axes), so a password
# cannot be guessed: AXES_FAILURE_LIMIT failures, then AXES_COOLOFF_MINUTES before trying again.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = int(os.environ.get("AXES_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = dt.timedelta(minutes=int(os.environ.get("AXES_COOLOFF_MINUTES", "15")))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "registration/locked_out.html"
AXES_IPWARE_PROXY_COUNT = int(os.environ.get("PROXY_COUNT", "0"))  # nginx in front: 1

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "vi"
LANGUAGES = [("vi", "Tiếng Việt"), ("en", "English")]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Asia/Ho_Chi_Minh"
USE_I18N = True
USE_TZ = True
USE_THOUSAND_SEPARATOR = True
FORMAT_MODULE_PATH = ["dashboard.formats"]

STATIC_URL = "static/"
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT") or BASE_DIR / "staticfiles")
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": os.environ.get(
            "STATICFILES_BACKEND", "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}
if DEBUG:
    STORAGES["staticfiles"]["BACKEND"] = "django.contrib.staticfiles.storage.StaticFilesStorage"

# Behind nginx with TLS: cookies only over HTTPS. gunicorn marks a request as HTTPS from the
# proxy's X-Forwarded-Proto when the proxy's address is in FORWARDED_ALLOW_IPS (default:
# loopback), which CSRF's origin check relies on; other origins (another port, a second name)
# go in CSRF_TRUSTED_ORIGINS.
#
# In production (`make serve` and dashboard/gunicorn.conf.py set DJANGO_REQUIRE_SECRET_KEY) the
# site is HTTPS only unless HTTPS=0 says it is served over plain HTTP (a closed intranet):
# plain-HTTP requests are redirected (the load balancer's /health/ aside), browsers are told to
# use HTTPS for a year (HSTS) and cookies never travel unencrypted.
PRODUCTION = not DEBUG and env_bool("DJANGO_REQUIRE_SECRET_KEY")
HTTPS = env_bool("HTTPS", default=PRODUCTION)
SESSION_COOKIE_SECURE = CSRF_COOKIE_SECURE = env_bool("SECURE_COOKIES", default=HTTPS)
SECURE_SSL_REDIRECT = HTTPS
SECURE_REDIRECT_EXEMPT = [r"^health/$"]
SECURE_HSTS_SECONDS = int(os.environ.get("HSTS_SECONDS", str(365 * 24 * 3600 if HTTPS else 0)))
SECURE_HSTS_INCLUDE_SUBDOMAINS = SECURE_HSTS_PRELOAD = HTTPS
# What a page may load and run (django-csp): only this site's own scripts, styles, images and
# fonts (every front-end package is vendored under static/), no inline script or style, no
# plugins, no framing, forms posting only here. Charts read their data from JSON blocks
# (json_script), which are data, not script.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    }
}
# With the headers SecurityMiddleware and XFrameOptionsMiddleware send on every response
# (nosniff, Referrer-Policy same-origin, Cross-Origin-Opener-Policy same-origin, X-Frame-Options
# DENY): the browser features no page uses are switched off.
PERMISSIONS_POLICY = "camera=(), microphone=(), geolocation=(), payment=(), usb=()"

# A session ends with the working day or the browser: a shared office computer left logged in
# does not stay so.
SESSION_COOKIE_AGE = int(os.environ.get("SESSION_HOURS", "8")) * 3600
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
CSRF_TRUSTED_ORIGINS = [
    origin.strip()
    for origin in os.environ.get("CSRF_TRUSTED_ORIGINS", "").split(",")
    if origin.strip()
]

LOGIN_URL = "admin:login"
LOGIN_REDIRECT_URL = "dashboard:overview"

WHITENOISE_USE_FINDERS = DEBUG

DJANGO_TABLES2_TEMPLATE = "django_tables2/bootstrap5-responsive.html"

# Dashboards need a login unless this is set: figures may be internal before publication.
DASHBOARD_PUBLIC = env_bool("DASHBOARD_PUBLIC", default=False)

# Article import by URL: the server fetches pages, so private and loopback addresses are refused
# unless explicitly allowed (tests serve pages from 127.0.0.1).
IMPORT_ALLOW_PRIVATE_URLS = env_bool("IMPORT_ALLOW_PRIVATE_URLS", default=False)
IMPORT_FETCH_TIMEOUT = float(os.environ.get("IMPORT_FETCH_TIMEOUT", "10"))
IMPORT_MAX_BYTES = int(os.environ.get("IMPORT_MAX_BYTES", str(5 * 1024 * 1024)))
# A background import (admin → "Nhập nhiều bài"): at most this many articles, and this many bytes
# uploaded or unpacked from zips, per job; each article is held to IMPORT_MAX_BYTES.
IMPORT_JOB_MAX_ITEMS = int(os.environ.get("IMPORT_JOB_MAX_ITEMS", "1000"))
IMPORT_JOB_MAX_BYTES = int(os.environ.get("IMPORT_JOB_MAX_BYTES", str(100 * 1024 * 1024)))
# A job with no article finished for this long has no worker on it, most likely: its page says so
# (an article takes at most the extraction deadline and the fetch timeout).
IMPORT_JOB_QUIET_MINUTES = int(os.environ.get("IMPORT_JOB_QUIET_MINUTES", "5"))
# Django refuses a request with more files than this (400); a zip carries more.
DATA_UPLOAD_MAX_NUMBER_FILES = IMPORT_JOB_MAX_ITEMS
DATA_UPLOAD_MAX_MEMORY_SIZE = IMPORT_MAX_BYTES + 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = IMPORT_MAX_BYTES + 1024 * 1024

CORPUS_DIR = Path(os.environ.get("CORPUS_DIR", BASE_DIR.parent / "shared" / "corpus"))

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    # stdout, like gunicorn's access and error logs (dashboard/gunicorn.conf.py): one stream.
    "handlers": {"console": {"class": "logging.StreamHandler", "stream": "ext://sys.stdout"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "WARNING")},
}
