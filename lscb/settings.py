"""Settings for the safeguarding board governance app, read from the environment.

With no environment at all the app runs as a self-contained demo: SQLite in the project
folder, Celery tasks run in-process, files under media/. Production and CI set
DATABASE_URL and REDIS_URL (see .env.example).
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from urllib.parse import urlsplit

import environ
from csp.constants import NONE, SELF
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent

_TRUE = {"1", "true", "yes", "on"}
_FALSE = {"0", "false", "no", "off", ""}
# What, beside S3_BUCKET, names an object store for evidence and reports (.env.example).
_S3_PARTS = ("S3_ENDPOINT_URL", "S3_ACCESS_KEY_ID", "S3_SECRET_ACCESS_KEY", "S3_REGION")


class _Env(environ.Env):
    """django-environ, made strict: a bad value stops the process at start-up with an
    ImproperlyConfigured naming the variable, instead of surfacing later as odd behaviour.

    Unmodified, django-environ reads any unknown word as False ("DEBUG=maybe" would turn
    DEBUG off), lets a bare ValueError out of int(), keeps the spaces in "a, b" lists and
    takes a value starting with "$" as the name of another variable.
    """

    def get_value(self, var, cast=None, default=environ.Env.NOTSET, parse_default=False):
        raw = self.ENVIRON.get(var)
        if isinstance(raw, str) and raw.startswith("$"):
            # Django's generated secret keys and many passwords can begin with "$": a value
            # is always itself here, never a reference to another variable.
            return self.parse_value(raw, cast)
        return super().get_value(var, cast=cast, default=default, parse_default=parse_default)

    def bool(self, var, default=environ.Env.NOTSET):
        if var not in self and default is not self.NOTSET:
            return default
        raw = self.str(var)
        if raw.strip().lower() not in _TRUE | _FALSE:
            raise ImproperlyConfigured(f"{var} must be true or false, not {raw!r}.")
        return raw.strip().lower() in _TRUE

    def int(self, var, default=environ.Env.NOTSET):
        raw = self.str(var, default="" if default is not self.NOTSET else self.NOTSET)
        if not raw.strip() and default is not self.NOTSET:
            return default  # VAR= (set but blank) means the default, as if it were absent
        try:
            return super().int(var, default=default)
        except ValueError:
            raise ImproperlyConfigured(f"{var} must be a whole number, not {raw!r}.") from None

    def list(self, var, cast=None, default=environ.Env.NOTSET):
        values = super().list(var, cast=cast, default=default)
        return [item.strip() for item in values if item.strip()]

    def database(self, var: str, *, base_dir: Path) -> dict | None:
        """The DATABASES entry for postgres://user:pass@host:port/name or sqlite:///path,
        or None when the variable is absent or blank."""
        url = self.str(var, default="")
        if not url:
            return None
        parts = urlsplit(url)
        if parts.scheme not in {"postgres", "postgresql", "sqlite"}:
            raise ImproperlyConfigured(
                f"{var} must start with postgres:// or sqlite://, not {parts.scheme or url!r}."
            )
        if parts.scheme == "sqlite":
            if parts.path in {"", "/"}:
                raise ImproperlyConfigured(f"{var} for SQLite needs a file: sqlite:///db.sqlite3")
            config = self.db_url_config(url)
            # sqlite:///db.sqlite3 is relative to the project; sqlite:////tmp/db.sqlite3 is
            # absolute (django-environ would leave the first relative to the working folder).
            name = Path(config["NAME"])
            return {"ENGINE": config["ENGINE"], "NAME": str(base_dir / name)}
        try:
            parts.port  # noqa: B018 (django-environ's message would not name the variable)
        except ValueError:
            raise ImproperlyConfigured(f"{var} has a port that is not a number.") from None
        config = self.db_url_config(url)
        if not config.get("NAME"):
            raise ImproperlyConfigured(f"{var} must name a database: postgres://host/dbname")
        config["PORT"] = str(config.get("PORT") or "")
        config.setdefault("OPTIONS", {})
        # A ?conn_max_age=... in the URL wins; django-environ lifts it out of OPTIONS.
        config.setdefault("CONN_MAX_AGE", 60)
        config.setdefault("CONN_HEALTH_CHECKS", True)
        # Form choices iterate querysets with .iterator(), which on PostgreSQL opens a
        # server-side cursor: three round trips (DECLARE, FETCH, CLOSE) for a dozen rows.
        # Nothing here streams a result too big to hold, and it keeps PgBouncer's
        # transaction pooling safe.
        config.setdefault("DISABLE_SERVER_SIDE_CURSORS", True)
        return config

    def object_store(self) -> dict | None:
        """The STORAGES entry for the S3-compatible bucket S3_BUCKET names, or None when no
        bucket is named and files stay under MEDIA_ROOT.

        Half a configuration stops the process: keys without a bucket, a bucket on another
        store (MinIO, Ceph, a cloud other than Amazon) without its keys, or a bucket on
        Amazon S3 without its region. On Amazon both keys may be left out, and then the
        machine's own role is used.
        """
        bucket = self.str("S3_BUCKET", default="").strip()
        given = {name: self.str(name, default="").strip() for name in _S3_PARTS}
        if not bucket:
            stray = [name for name, value in given.items() if value]
            if stray:
                raise ImproperlyConfigured(
                    f"{', '.join(stray)} set without S3_BUCKET: name the bucket, or unset "
                    "them to keep files under MEDIA_ROOT."
                )
            return None
        endpoint, key, secret, region = given.values()
        if endpoint:
            parts = urlsplit(endpoint)
            if parts.scheme not in {"http", "https"} or not parts.hostname:
                raise ImproperlyConfigured(
                    f"S3_ENDPOINT_URL must be an http:// or https:// address, not {endpoint!r}."
                )
            if not (key and secret):
                raise ImproperlyConfigured(
                    "S3_BUCKET on S3_ENDPOINT_URL needs S3_ACCESS_KEY_ID and S3_SECRET_ACCESS_KEY."
                )
        else:
            if not region:
                raise ImproperlyConfigured(
                    "S3_BUCKET without S3_ENDPOINT_URL means Amazon S3, which needs S3_REGION "
                    "(for MinIO or another store, set S3_ENDPOINT_URL and its keys)."
                )
            if bool(key) != bool(secret):
                raise ImproperlyConfigured(
                    "Set both S3_ACCESS_KEY_ID and S3_SECRET_ACCESS_KEY, or neither to use the "
                    "machine's own role."
                )
        from botocore.config import Config

        return {
            "BACKEND": "storages.backends.s3.S3Storage",
            "OPTIONS": {
                "bucket_name": bucket,
                "endpoint_url": endpoint or None,
                "access_key": key or None,
                "secret_key": secret or None,
                "region_name": region or None,
                # Objects get no ACL of their own, so they stay as private as the bucket;
                # every download goes through a permission-checked view.
                "default_acl": None,
                # Anything that asks for a URL gets a signed one that soon expires.
                "querystring_auth": True,
                "querystring_expire": 300,
                # Two documents with the same name in one month both keep their bytes.
                "file_overwrite": False,
                # A download is read from the store before it is streamed: a large one waits
                # in a temporary file rather than in the web process's memory.
                "max_memory_size": 2 * 1024 * 1024,
                "client_config": Config(
                    signature_version="s3v4",
                    # Stores other than Amazon are reached by path: no DNS name per bucket.
                    s3={"addressing_style": "path" if endpoint else "auto"},
                    # A store that stops answering costs a request seconds, not a worker.
                    connect_timeout=self.int("S3_TIMEOUT_SECONDS", 5),
                    read_timeout=self.int("S3_TIMEOUT_SECONDS", 5),
                    retries={"total_max_attempts": 3, "mode": "standard"},
                    # Checksums only where S3 requires them: several S3-compatible stores
                    # refuse the ones newer clients add to every upload.
                    request_checksum_calculation="when_required",
                    response_checksum_validation="when_required",
                ),
            },
        }


env = _Env()

# With no DATABASE_URL the app is the zero-setup local demo, so DEBUG defaults on; any
# deployment sets DATABASE_URL, where DEBUG defaults off and SECRET_KEY becomes required.
DEBUG = env.bool("DEBUG", not env.str("DATABASE_URL", default=""))
_DEV_KEY = "insecure-development-key-do-not-use-in-production"  # noqa: S105
SECRET_KEY = env.str("SECRET_KEY", default=_DEV_KEY) if DEBUG else env.str("SECRET_KEY")
if not DEBUG and SECRET_KEY == _DEV_KEY:
    raise ImproperlyConfigured("Set a real SECRET_KEY when DEBUG is off.")
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["127.0.0.1", "localhost"] if DEBUG else [])
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "crispy_forms",
    "crispy_forms_gds",
    "django_filters",
    "axes",
    "lscb",
    "boards",
    "workplans",
    "reviews",
    "training",
    "voice",
    "reporting",
    "reminders",
    "public",
]
# The benchmark and scale generator (`manage.py bench`, `generate_scale`): development
# tooling, installed with the dev extra and never in production.
DEV_TOOLS = env.bool("DEV_TOOLS", DEBUG)
if DEV_TOOLS:
    INSTALLED_APPS.append("tooling")

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "lscb.middleware.DatabaseUnavailableMiddleware",
    "lscb.middleware.FileStoreUnavailableMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    # Last, as django-axes asks: it turns a lockout into a response.
    "axes.middleware.AxesMiddleware",
]

AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
# Sign-in throttling (lscb.login_throttle). Each limit counts failures within the cool-off
# and locks for the cool-off; a successful sign-in clears that person's own failures.
# - 5 wrong passwords for one username from one address lock that pair: one person's typos
#   lock only them, never their colleagues behind the same council NAT address;
# - 30 failures from one address across all usernames lock the address: spraying a few
#   passwords over many usernames stops after 30 guesses, while an office sharing one NAT
#   address would need six colleagues locking themselves out within the same 15 minutes;
# - 10 failures for one username across all addresses lock the username: guessing spread
#   over many machines gets 10 tries, twice what one person mistyping in one place gets.
AXES_FAILURE_LIMIT = env.int("AXES_FAILURE_LIMIT", 5)
LOGIN_FAILURES_PER_ADDRESS = env.int("LOGIN_FAILURES_PER_ADDRESS", 30)
LOGIN_FAILURES_PER_USERNAME = env.int("LOGIN_FAILURES_PER_USERNAME", 10)
AXES_COOLOFF_TIME = dt.timedelta(minutes=env.int("AXES_COOLOFF_MINUTES", 15))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_HANDLER = "lscb.login_throttle.SprayingAwareHandler"
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "registration/locked_out.html"
AXES_IPWARE_PROXY_COUNT = env.int("AXES_PROXY_COUNT", 0) or None
AXES_IPWARE_META_PRECEDENCE_ORDER = ["HTTP_X_FORWARDED_FOR", "REMOTE_ADDR"]

# No inline scripts or styles anywhere; everything comes from our own static files.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    }
}

ROOT_URLCONF = "lscb.urls"
WSGI_APPLICATION = "lscb.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "lscb.context_processors.service",
            ],
        },
    },
]

DATABASES = {
    "default": env.database("DATABASE_URL", base_dir=BASE_DIR)
    or {"ENGINE": "django.db.backends.sqlite3", "NAME": str(BASE_DIR / "db.sqlite3")}
}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"

# British English formats (dates, numbers) come from LANGUAGE_CODE either way. The product
# speaks English only, so the translation machinery stays off: with it on, every reverse()
# and every number a template prints asks it for the active language (a quarter of a
# table-heavy page's render, measured by `manage.py bench`).
LANGUAGE_CODE = "en-gb"
TIME_ZONE = "Europe/London"
USE_I18N = False
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_ROOT = Path(env.str("MEDIA_ROOT", str(BASE_DIR / "media")))
MEDIA_URL = "/media/"  # never served publicly: files go through permission-checked views
# Evidence and rendered reports: under MEDIA_ROOT, or in an S3-compatible bucket when
# S3_BUCKET names one, so web processes and workers on different machines share them.
STORAGES = {
    "default": env.object_store() or {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
        if not DEBUG and env.bool("STATIC_MANIFEST", True)
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}
# Evidence and imports are small documents; anything bigger is refused before it is read.
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
MAX_UPLOAD_BYTES = env.int("MAX_UPLOAD_BYTES", 10 * 1024 * 1024)

CRISPY_ALLOWED_TEMPLATE_PACKS = ["gds"]
CRISPY_TEMPLATE_PACK = "gds"
# lscb.widgets.GovukSelect is a <select>: its class is the GOV.UK one, not its own name.
CRISPY_CLASS_CONVERTERS = {"govukselect": "govuk-select"}

# Email: the console in development, SMTP when EMAIL_HOST is set.
EMAIL_HOST = env.str("EMAIL_HOST", "")
EMAIL_PORT = env.int("EMAIL_PORT", 587)
EMAIL_HOST_USER = env.str("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = env.str("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env.bool("EMAIL_USE_TLS", True)
EMAIL_BACKEND = env.str(
    "EMAIL_BACKEND",
    "django.core.mail.backends.smtp.EmailBackend"
    if EMAIL_HOST
    else "django.core.mail.backends.console.EmailBackend",
)
DEFAULT_FROM_EMAIL = env.str("DEFAULT_FROM_EMAIL", "safeguarding-board@localhost")
SITE_URL = env.str("SITE_URL", "http://127.0.0.1:8000")

# Celery: a real Redis broker when REDIS_URL is set, otherwise tasks run in-process.
REDIS_URL = env.str("REDIS_URL", "")
# The in-memory transport needs no host; naming one spares a warning on every eager call.
CELERY_BROKER_URL = REDIS_URL or "memory://localhost/"
CELERY_RESULT_BACKEND = None
CELERY_TASK_ALWAYS_EAGER = not REDIS_URL
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TASK_SOFT_TIME_LIMIT = env.int("CELERY_TASK_SOFT_TIME_LIMIT", 240)
CELERY_TASK_TIME_LIMIT = env.int("CELERY_TASK_TIME_LIMIT", 300)
CELERY_WORKER_MAX_TASKS_PER_CHILD = env.int("CELERY_WORKER_MAX_TASKS_PER_CHILD", 50)
CELERY_WORKER_MAX_MEMORY_PER_CHILD = env.int("CELERY_WORKER_MAX_MEMORY_PER_CHILD", 400_000)
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
# A render holds its report for this long and renews the hold every third of it while it
# runs; a hold left to lapse belongs to a dead worker, and the next worker to start (or the
# sweep) takes the report over. Short enough to recover in a minute, long enough that a
# busy database or a paused process does not lose a live render its claim.
REPORT_RENDER_LEASE_SECONDS = env.int("REPORT_RENDER_LEASE_SECONDS", 45)
if REPORT_RENDER_LEASE_SECONDS < 3:
    raise ImproperlyConfigured("REPORT_RENDER_LEASE_SECONDS must be at least 3.")
# A task message lost to a crashed worker comes back after this long (acks_late). The
# socket timeouts stop a web request that queues a task from hanging on a broker that
# accepts connections but does not answer.
CELERY_BROKER_TRANSPORT_OPTIONS = {
    "visibility_timeout": 3600,
    "socket_timeout": env.int("BROKER_SOCKET_TIMEOUT", 3),
    "socket_connect_timeout": env.int("BROKER_SOCKET_TIMEOUT", 3),
}
# Sending a task tries twice, then gives up: the caller keeps the row and the sweep resends.
CELERY_TASK_PUBLISH_RETRY_POLICY = {
    "max_retries": 1,
    "interval_start": 0.2,
    "interval_step": 0.5,
    "interval_max": 0.5,
}
CELERY_TIMEZONE = TIME_ZONE

CACHES = {
    "default": {
        # Django's RedisCache, skipping a Redis that stops answering for 30 s (lscb.cache):
        # one call waits out the timeout, then pages render as if there were no cache.
        "BACKEND": "lscb.cache.CircuitBreakerRedisCache",
        "LOCATION": REDIS_URL,
        "OPTIONS": {"socket_timeout": 0.5, "socket_connect_timeout": 0.5, "break_seconds": 30},
    }
    if REDIS_URL and env.bool("CACHE_IN_REDIS", False)
    # Per process, which is still correct for page fragments: their keys carry the
    # board's data version from the database (lscb.fragments), so no process can serve
    # a fragment another process's write has made stale.
    else {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
        "OPTIONS": {"MAX_ENTRIES": env.int("LOCMEM_CACHE_ENTRIES", 2000)},
    }
}
# Cached parts of board pages (lscb.fragments): which cache, and for how long at most.
FRAGMENT_CACHE = "default"
FRAGMENT_CACHE_SECONDS = env.int("FRAGMENT_CACHE_SECONDS", 6 * 60 * 60)

# Security. Production values are on unless DEBUG is set; check --deploy stays clean.
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_AGE = env.int("SESSION_COOKIE_AGE", 8 * 60 * 60)
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_COOKIE_SECURE = env.bool("SECURE_COOKIES", not DEBUG)
CSRF_COOKIE_SECURE = env.bool("SECURE_COOKIES", not DEBUG)
SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", not DEBUG)
SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", 0 if DEBUG else 31_536_000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = not DEBUG
SECURE_HSTS_PRELOAD = not DEBUG
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
# /health/ is polled by load balancers over plain HTTP inside the network.
SECURE_REDIRECT_EXEMPT = [r"^health/$"]

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    # Secure-link tokens never reach a log (lscb.secure_links_log): hidden on the loggers
    # that name request paths, before any handler, and on the console for the rest.
    "filters": {"link_tokens": {"()": "lscb.secure_links_log.HideLinkTokens"}},
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "formatter": "plain",
            "filters": ["link_tokens"],
        }
    },
    "root": {"handlers": ["console"], "level": env.str("LOG_LEVEL", "INFO")},
    "loggers": {
        "django.request": {"filters": ["link_tokens"]},
        "django.server": {"filters": ["link_tokens"], "propagate": True},
        "django.db.backends": {"level": "INFO"},
        # WeasyPrint reports every rendering step at INFO.
        "weasyprint": {"level": "WARNING"},
        "fontTools": {"level": "WARNING"},
    },
}

SERVICE_NAME = env.str("SERVICE_NAME", "Safeguarding Board")

# Secure links for people without an account (lscb.secure_links): how many days a link
# works, and how many bad tokens one network address may try in 15 minutes.
SECURE_LINK_DAYS = env.int("SECURE_LINK_DAYS", 14)
SECURE_LINK_FAILURES_PER_ADDRESS = env.int("SECURE_LINK_FAILURES_PER_ADDRESS", 20)
