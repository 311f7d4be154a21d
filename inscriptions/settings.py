"""Settings, read from environment variables with safe defaults.

A newcomer needs nothing: SQLite, tasks run inline, emails printed to the console, files on the
local disk. Production sets ``DJANGO_ENV=production`` and must then give a secret key.
"""

import json
import os
import secrets
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = Path(os.environ.get("VAR_DIR", BASE_DIR / "var"))


def env_bool(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


ENVIRONMENT = os.environ.get("DJANGO_ENV", "development")
PRODUCTION = ENVIRONMENT == "production"
DEBUG = env_bool("DJANGO_DEBUG", default=False)


def _secret_key() -> str:
    key = os.environ.get("DJANGO_SECRET_KEY")
    if key:
        return key
    if PRODUCTION:
        raise ImproperlyConfigured("DJANGO_SECRET_KEY est obligatoire en production.")
    # Development: a key generated once and kept out of the repository, so sessions survive a
    # restart without any secret ever being committed.
    key_file = VAR_DIR / "secret_key"
    if not key_file.exists():
        key_file.parent.mkdir(parents=True, exist_ok=True)
        key_file.write_text(secrets.token_urlsafe(50))
        key_file.chmod(0o600)
    return key_file.read_text().strip()


SECRET_KEY = _secret_key()
ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS", "localhost,127.0.0.1,[::1],testserver")
CSRF_TRUSTED_ORIGINS = env_list("DJANGO_CSRF_TRUSTED_ORIGINS")
SITE_URL = os.environ.get("SITE_URL", "http://127.0.0.1:8000").rstrip("/")

INSTALLED_APPS = [
    # First, so that its templates override the admin's (the login page's heading).
    "inscriptions.core",
    # Django's admin, on a site that asks office members for the second factor too.
    "inscriptions.accounts.apps.AdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "dsfr",
    "widget_tweaks",  # the DSFR form templates use it
    "rest_framework",
    "rest_framework.authtoken",
    "drf_spectacular",
    "django_tasks",
    "django_guid",
    "django_prometheus",
    "django_tasks_db",
    "axes",
    # The exam office's second factor: an authenticator app, and recovery codes.
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "inscriptions.accounts",
    "inscriptions.catalog",
    "inscriptions.notifications",
    "inscriptions.registration",
    "inscriptions.documents",
    "inscriptions.review",
    "inscriptions.candidates",
    "inscriptions.privacy",
    "inscriptions.api",
    # Demo data and synthetic dossiers: on top, imported by no other app.
    "inscriptions.demo",
]

MIDDLEWARE = [
    # Observability: every request counted and timed (Prometheus), and given an id that every
    # log line of it carries and its response returns (X-Request-ID).
    "django_prometheus.middleware.PrometheusBeforeMiddleware",
    "django_guid.middleware.guid_middleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    # Extends a logged-in session without writing it on every request.
    "inscriptions.accounts.session_refresh.SessionRefreshMiddleware",
    "inscriptions.core.middleware.ChosenLanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # After the user: tells whether this session gave the second factor (user.is_verified()).
    "django_otp.middleware.OTPMiddleware",
    # Then an office member's session that gave only the password reaches only that code page.
    "inscriptions.accounts.middleware.SecondFactorMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # After the user: a session ends at its absolute lifetime, however active (ASVS 3.3.2).
    "inscriptions.accounts.session_refresh.AbsoluteLifetimeMiddleware",
    # After the user: CSP and Permissions-Policy on every page, no-store once signed in.
    "inscriptions.core.middleware.SecurityHeadersMiddleware",
    # Last, as django-axes requires: it turns a locked-out login into its lockout response.
    "axes.middleware.AxesMiddleware",
    "django_prometheus.middleware.PrometheusAfterMiddleware",
]

ROOT_URLCONF = "inscriptions.urls"
WSGI_APPLICATION = "inscriptions.wsgi.application"
ASGI_APPLICATION = "inscriptions.asgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "inscriptions.core.context_processors.site",
            ],
        },
    },
]

# Django's form templates, the inputs and lists drawn in Python (core/form_rendering.py).
FORM_RENDERER = "inscriptions.core.form_rendering.PlainFormRenderer"

# --- Database: SQLite file by default, PostgreSQL (or any) through DATABASE_URL.
# Checks that do not apply here, each with its reason where it is added.
SILENCED_SYSTEM_CHECKS: list[str] = []
DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{VAR_DIR / 'db.sqlite3'}",
        conn_max_age=int(os.environ.get("DATABASE_CONN_MAX_AGE", "60")),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # SQLite: wait for the writer lock instead of failing at once, and keep readers concurrent.
    DATABASES["default"]["OPTIONS"] = {
        "timeout": 20,
        "transaction_mode": "IMMEDIATE",
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
    }
    DATABASES["default"]["CONN_MAX_AGE"] = 0
    # The queue's deadline index carries the dossier number as an included column on
    # PostgreSQL; SQLite builds the same index without it, which is all it needs.
    SILENCED_SYSTEM_CHECKS.append("models.W040")
# A PostgreSQL read replica for the office's queue, exports and statistics (core/replica.py);
# everything else, and every write, on the primary.
if os.environ.get("DATABASE_REPLICA_URL"):
    DATABASES["replica"] = dj_database_url.parse(
        os.environ["DATABASE_REPLICA_URL"],
        conn_max_age=int(os.environ.get("DATABASE_CONN_MAX_AGE", "60")),
        conn_health_checks=True,
    )
    DATABASES["replica"]["TEST"] = {"MIRROR": "default"}
DATABASE_ROUTERS = ["inscriptions.core.replica.ReplicaRouter"]
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Accounts
AUTH_USER_MODEL = "accounts.User"
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    # CNIL délibération 2022-100: at least 12 characters with a strength requirement.
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
    # Same délibération: three kinds of characters out of four, or a passphrase of 16 or more.
    {"NAME": "inscriptions.accounts.validators.CharacterClassesValidator"},
    # Not guessable: zxcvbn's estimate, with French words and the AZERTY rows (CNIL 2022-100).
    {"NAME": "inscriptions.accounts.validators.GuessabilityValidator"},
    # The exam office's accounts open every dossier: 16 characters at least for them.
    {"NAME": "inscriptions.accounts.validators.OfficeMemberLengthValidator"},
]
AUTHENTICATION_BACKENDS = [
    # django-axes first: it refuses a login attempt while its account is locked out.
    "axes.backends.AxesStandaloneBackend",
    # Django's ModelBackend, with the address in any case, telling an account awaiting
    # activation apart only once its password is right.
    "inscriptions.accounts.backends.EmailBackend",
]
# Login throttling: 5 failures for one account, from any address, lock it for 15 minutes.
AXES_FAILURE_LIMIT = int(os.environ.get("AXES_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = 0.25  # hours
# Per account, whatever the address (ASVS 2.2.1: 40 failures on one account from 10 addresses
# are stopped at the fifth); per address, whatever the account, ``LOGIN_FAILURES_PER_ADDRESS_
# PER_HOUR`` (``accounts.throttling``), higher since a school shares one address.
AXES_LOCKOUT_PARAMETERS = ["username"]
# django-axes warns when the address is not among its parameters: it is counted, with its own
# higher limit, by ``accounts.throttling`` (django-axes has one limit for all its parameters).
SILENCED_SYSTEM_CHECKS.append("axes.W006")
AXES_USERNAME_FORM_FIELD = "username"
AXES_RESET_ON_SUCCESS = True
AXES_VERBOSE = False
# How many proxies of our own stand before the service: the client address is the one the
# outermost of them saw (X-Forwarded-For read from the right); 0, the connection's own address.
AXES_IPWARE_PROXY_COUNT = int(os.environ.get("AXES_PROXY_COUNT", "0"))
LOGIN_FAILURES_PER_ADDRESS_PER_HOUR = int(os.environ.get("LOGIN_FAILURES_PER_ADDRESS", "30"))
# Sign-ups, password resets and activation links asked from one address in an hour, and the
# emails of one kind one account receives in an hour.
ACCOUNT_REQUESTS_PER_ADDRESS_PER_HOUR = int(os.environ.get("ACCOUNT_REQUESTS_PER_ADDRESS", "10"))
ACCOUNT_EMAILS_PER_RECIPIENT_PER_HOUR = int(os.environ.get("ACCOUNT_EMAILS_PER_RECIPIENT", "3"))
AXES_USERNAME_CALLABLE = "inscriptions.accounts.throttling.login_key"
AXES_LOCKOUT_CALLABLE = "inscriptions.accounts.throttling.lockout_response"
LOGIN_URL = "accounts:login"
# Second factor of the exam office (django-otp): the issuer shown in the authenticator app;
# each wrong code doubles the wait before the next one (1 s, 2 s, 4 s…) for that device.
OTP_TOTP_ISSUER = "Inscriptions BTS"
OTP_TOTP_THROTTLE_FACTOR = 1
OTP_STATIC_THROTTLE_FACTOR = 1
# The admin may delete a lost authenticator (its owner then sets up a new one at the next
# login), but never sees its key nor its QR code, nor the recovery codes.
OTP_ADMIN_HIDE_SENSITIVE_DATA = True
LOGIN_REDIRECT_URL = "/"
LOGOUT_REDIRECT_URL = "/"
# The activation link sent at sign-up stays valid this long (seconds).
ACCOUNT_ACTIVATION_MAX_AGE = int(os.environ.get("ACCOUNT_ACTIVATION_MAX_AGE", str(3 * 24 * 3600)))
PASSWORD_RESET_TIMEOUT = 3600
# Logged-in pages warn this long before the session expires (SESSION_COOKIE_AGE, RGAA 13.1).
SESSION_WARNING_SECONDS = int(os.environ.get("SESSION_WARNING_SECONDS", "120"))

# --- Internationalisation: French first, English available.
LANGUAGE_CODE = "fr"
LANGUAGES = [("fr", _("Français")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "inscriptions" / "locale"]
TIME_ZONE = "Europe/Paris"
USE_I18N = True
USE_TZ = True

# --- Static and uploaded files
STATIC_URL = "/static/"
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", VAR_DIR / "static"))
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", VAR_DIR / "media"))
# Uploaded files are never served by URL: downloads go through views that check permissions.
MEDIA_URL = "/media-not-served/"
# Outside production, whitenoise serves the apps' static files directly (no collectstatic needed).
WHITENOISE_USE_FINDERS = not PRODUCTION
WHITENOISE_AUTOREFRESH = not PRODUCTION
if not PRODUCTION:
    STATIC_ROOT.mkdir(parents=True, exist_ok=True)
# The DSFR templates carry integrity checksums of the original files; the manifest storage
# rewrites those files, so the checksums are switched off and whitenoise compresses only.
DSFR_USE_INTEGRITY_CHECKSUMS = False

S3_BUCKET = os.environ.get("S3_BUCKET")
if S3_BUCKET:
    _default_storage = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": S3_BUCKET,
            "endpoint_url": os.environ.get("S3_ENDPOINT_URL"),
            "region_name": os.environ.get("S3_REGION"),
            "access_key": os.environ.get("S3_ACCESS_KEY_ID"),
            "secret_key": os.environ.get("S3_SECRET_ACCESS_KEY"),
            "default_acl": "private",
            "querystring_auth": True,
            "file_overwrite": False,
        },
    }
else:
    _default_storage = {
        "BACKEND": "django.core.files.storage.FileSystemStorage",
        "OPTIONS": {"location": MEDIA_ROOT},
    }
STORAGES = {
    "default": _default_storage,
    "staticfiles": {
        "BACKEND": (
            "whitenoise.storage.CompressedStaticFilesStorage"
            if PRODUCTION
            else "django.contrib.staticfiles.storage.StaticFilesStorage"
        )
    },
}

# --- Email: printed to the console unless an SMTP server is given.
EMAIL_HOST = os.environ.get("EMAIL_HOST", "")
if EMAIL_HOST:
    EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "25"))
    EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
    EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
    EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS")
    EMAIL_USE_SSL = env_bool("EMAIL_USE_SSL")
    EMAIL_TIMEOUT = 30
else:
    EMAIL_BACKEND = os.environ.get(
        "EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend"
    )
DEFAULT_FROM_EMAIL = os.environ.get(
    "DEFAULT_FROM_EMAIL", "Inscriptions BTS <ne-pas-repondre@localhost>"
)
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# --- Background tasks (Django's tasks API through the django-tasks backport).
# immediate: inline, nothing to run (default); database: a worker on one machine
# (`manage.py task_worker`, which outlives a database restart); redis: RQ workers on several
# machines (`manage.py rqworker default --job-class django_tasks_rq.Job`: the job class runs the
# tasks of Django's API).
TASK_BACKEND = os.environ.get("TASK_BACKEND", "immediate")
_TASK_BACKENDS = {
    "immediate": "django_tasks.backends.immediate.ImmediateBackend",
    "database": "django_tasks_db.DatabaseBackend",
    "redis": "django_tasks_rq.RQBackend",
}
if TASK_BACKEND not in _TASK_BACKENDS:
    raise ImproperlyConfigured(
        f"TASK_BACKEND doit valoir l'une de ces valeurs : {', '.join(_TASK_BACKENDS)}."
    )
TASKS = {"default": {"BACKEND": _TASK_BACKENDS[TASK_BACKEND], "QUEUES": ["default"]}}
# A task of the database queue still running after this long was left by a worker that died:
# the job operations.stalled_tasks queues it again.
TASK_TIMEOUT_MINUTES = int(os.environ.get("TASK_TIMEOUT_MINUTES", "30"))
# A confirmation or notification email still unsent this long after its change committed: the
# sweeps queue its task again (the one queued with the change is due first).
TASK_SWEEP_AFTER_SECONDS = int(os.environ.get("TASK_SWEEP_AFTER_SECONDS", "120"))
if TASK_BACKEND == "redis":
    INSTALLED_APPS.append("django_rq")
    RQ_QUEUES = {"default": {"URL": os.environ.get("REDIS_URL", "redis://127.0.0.1:6379/0")}}

# --- Periodic jobs (core/scheduler.py): one scheduler, `manage.py run_scheduler`, started by
# `make run` beside the server and in production as a process of its own. Started several times,
# one runs the jobs: the holder of a lease of SCHEDULER_LEASE_SECONDS, renewed every third of it
# (a stopped scheduler's jobs are taken over within that time). SCHEDULER_SCHEDULES replaces
# jobs' times, as JSON of CronTrigger fields by job name: {"audit.seal": {"minute": "*"}}.
SCHEDULER_LEASE_SECONDS = int(os.environ.get("SCHEDULER_LEASE_SECONDS", "30"))
SCHEDULER_SCHEDULES: dict[str, dict[str, str]] = json.loads(
    os.environ.get("SCHEDULER_SCHEDULES", "{}")
)
# A run still marked running after this long was interrupted (the service page says so).
SCHEDULER_RUN_TIMEOUT_MINUTES = int(os.environ.get("SCHEDULER_RUN_TIMEOUT_MINUTES", "30"))

# --- Retention of personal data (inscriptions/privacy): applied by the daily purge job, stated
# by the personal-data page from these same settings.
RETENTION_UNUSED_ACCOUNT_MONTHS = int(os.environ.get("RETENTION_UNUSED_ACCOUNT_MONTHS", "6"))
RETENTION_DOSSIER_YEARS = int(os.environ.get("RETENTION_DOSSIER_YEARS", "6"))
RETENTION_CONNECTION_LOG_MONTHS = int(os.environ.get("RETENTION_CONNECTION_LOG_MONTHS", "12"))

# --- Backups (core/backup.py): the nightly job writes one into BACKUP_DIR (a volume of its own
# in production, copied off the machine) and keeps the BACKUP_KEEP latest.
BACKUP_DIR = Path(os.environ.get("BACKUP_DIR", VAR_DIR / "backups"))
BACKUP_KEEP = int(os.environ.get("BACKUP_KEEP", "7"))

# --- The office's exports (review/background_exports.py): up to EXPORT_INLINE_MAX_ROWS rows, the
# file is sent at once (under a second); past that, a task writes it, the office follows its
# progress, and the file is kept EXPORT_KEEP_HOURS. A build stopped longer than
# EXPORT_STALE_MINUTES (its worker died) is started again by the next try.
EXPORT_INLINE_MAX_ROWS = int(os.environ.get("EXPORT_INLINE_MAX_ROWS", "5000"))
EXPORT_KEEP_HOURS = int(os.environ.get("EXPORT_KEEP_HOURS", "24"))
EXPORT_STALE_MINUTES = int(os.environ.get("EXPORT_STALE_MINUTES", "30"))
# The statistics page's figures, counted by a task, are shown as counted for this long.
STATISTICS_MAX_AGE_SECONDS = int(os.environ.get("STATISTICS_MAX_AGE_SECONDS", "300"))

# --- Cache: in each process by default; shared by every worker with CACHE_URL (Redis). The
# API's throttles count there, and the catalogue's copies in memory learn there that an
# administrator changed it (catalog/cache.py): without a shared cache, a worker sees another's
# edit once its copy is CATALOGUE_CACHE_MAX_AGE seconds old.
CACHE_URL = os.environ.get("CACHE_URL", "")
if CACHE_URL:
    CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": CACHE_URL}
    }
    # Sessions are read from that cache, and written to it and to the database: a request no
    # longer reads its session from PostgreSQL. Never with a cache of one process, which
    # another worker's logout would not reach.
    SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
CATALOGUE_CACHE_MAX_AGE = int(os.environ.get("CATALOGUE_CACHE_MAX_AGE", "300"))

# --- Documents: the candidates' supporting documents (inscriptions.documents).
# Size of one file, and of all the files of one dossier (history included), in bytes.
DOCUMENT_MAX_BYTES = int(os.environ.get("DOCUMENT_MAX_BYTES", str(10 * 1024 * 1024)))
DOCUMENT_QUOTA_BYTES = int(os.environ.get("DOCUMENT_QUOTA_BYTES", str(100 * 1024 * 1024)))
# ClamAV's daemon, by Unix socket or by TCP. Neither set: files are not scanned, and the
# candidate space says so instead of pretending they were.
CLAMD_SOCKET = os.environ.get("CLAMD_SOCKET", "")
CLAMD_HOST = os.environ.get("CLAMD_HOST", "")
CLAMD_PORT = int(os.environ.get("CLAMD_PORT", "3310"))
CLAMD_TIMEOUT = float(os.environ.get("CLAMD_TIMEOUT", "60"))

# --- API
REST_FRAMEWORK = {
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    # Token first: an API client without credentials gets a 401 asking for a token, not a 403.
    "DEFAULT_AUTHENTICATION_CLASSES": [
        # DRF's tokens; an office member's counts only when issued with the second factor.
        "inscriptions.api.authentication.SecondFactorTokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_PAGINATION_CLASS": "rest_framework.pagination.PageNumberPagination",
    "PAGE_SIZE": 50,
    # Every authenticated client, per account; anonymous clients per address (the address as
    # the configured proxies give it: NUM_PROXIES, never a forwarded-for header alone).
    "DEFAULT_THROTTLE_CLASSES": [
        "rest_framework.throttling.UserRateThrottle",
        "rest_framework.throttling.AnonRateThrottle",
    ],
    "DEFAULT_THROTTLE_RATES": {
        "auth_token": os.environ.get("API_TOKEN_THROTTLE_RATE", "10/min"),
        "user": os.environ.get("API_USER_THROTTLE_RATE", "600/min"),
        "anon": os.environ.get("API_ANON_THROTTLE_RATE", "60/min"),
    },
    "NUM_PROXIES": AXES_IPWARE_PROXY_COUNT,
}
SPECTACULAR_SETTINGS = {
    "TITLE": "API Inscriptions BTS",
    "DESCRIPTION": "Inscriptions à l'examen du BTS : référentiel, sessions, dossiers.",
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
}

# --- Security
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
SESSION_COOKIE_AGE = int(os.environ.get("SESSION_COOKIE_AGE", str(30 * 60)))
# A session is written when it changes, or once its last write is a minute old (see
# accounts/session_refresh.py), not on every request.
# However active, a session ends this long after the sign-in: 12 h for a candidate, 8 h for the
# exam office and the administrators.
SESSION_CANDIDATE_LIFETIME = int(os.environ.get("SESSION_CANDIDATE_LIFETIME", str(12 * 3600)))
SESSION_STAFF_LIFETIME = int(os.environ.get("SESSION_STAFF_LIFETIME", str(8 * 3600)))
SESSION_REFRESH_SECONDS = int(os.environ.get("SESSION_REFRESH_SECONDS", "60"))
CSRF_COOKIE_SAMESITE = "Lax"
X_FRAME_OPTIONS = "DENY"
# Every page: the site's own scripts, styles, fonts and images (the DSFR's icons are SVG files
# and data: URIs), no inline code, no plugin, no framing but the document preview's own frame.
CONTENT_SECURITY_POLICY = "; ".join(
    [
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self'",
        "img-src 'self' data:",
        "font-src 'self'",
        "connect-src 'self'",
        "frame-src 'self'",
        "object-src 'none'",
        "base-uri 'self'",
        "form-action 'self'",
        "frame-ancestors 'none'",
    ]
)
PERMISSIONS_POLICY = ", ".join(
    f"{feature}=()"
    for feature in (
        "accelerometer",
        "camera",
        "display-capture",
        "geolocation",
        "gyroscope",
        "magnetometer",
        "microphone",
        "payment",
        "usb",
    )
)
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
if PRODUCTION:
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_SSL_REDIRECT = env_bool("DJANGO_SECURE_SSL_REDIRECT", default=True)
    # The probes of the platform and of Prometheus reach the servers inside it, in plain HTTP.
    SECURE_REDIRECT_EXEMPT = [r"^healthz$", r"^metrics$"]
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_HSTS_SECONDS = int(os.environ.get("DJANGO_HSTS_SECONDS", "31536000"))
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
    # Cookies bound to this exact host, over HTTPS, for the whole site (RFC 6265bis « __Host- »).
    SESSION_COOKIE_NAME = "__Host-sessionid"
    CSRF_COOKIE_NAME = "__Host-csrftoken"

# --- Audit log: each day's last digest of its chain is signed with this key (HMAC-SHA256);
# keep it apart from the database (a secret store). Unset: derived from DJANGO_SECRET_KEY.
AUDIT_SIGNING_KEY = os.environ.get("AUDIT_SIGNING_KEY", "")

# --- Logging: to the console; never the request body, so no secret reaches the logs. Each line
# carries its request's id (django-guid: the proxy's X-Request-ID when it is a valid UUID, else a
# new one, returned in the response). LOG_FORMAT=json (production's default) writes one JSON
# object per line (python-json-logger) for the log collector.
LOG_FORMAT = os.environ.get("LOG_FORMAT", "json" if PRODUCTION else "plain")
DJANGO_GUID = {
    "GUID_HEADER_NAME": "X-Request-ID",
    "RETURN_HEADER": True,
    "EXPOSE_HEADER": False,
    "VALIDATE_GUID": True,
}
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"request_id": {"()": "django_guid.log_filters.CorrelationId"}},
    "formatters": {
        "plain": {"format": "%(asctime)s %(levelname)s %(name)s [%(correlation_id)s] %(message)s"},
        "json": {
            "()": "pythonjsonlogger.json.JsonFormatter",
            "format": "%(asctime)s %(levelname)s %(name)s %(correlation_id)s %(message)s",
            "rename_fields": {
                "asctime": "time",
                "levelname": "level",
                "correlation_id": "request_id",
            },
        },
    },
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "formatter": "json" if LOG_FORMAT == "json" else "plain",
            "filters": ["request_id"],
        }
    },
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
    "loggers": {
        "django.db.backends": {"level": "WARNING"},
        "axes": {"level": "WARNING"},
        # APScheduler logs each run of each job; the runs are recorded (JobRun) and audited.
        "apscheduler": {"level": "WARNING"},
    },
}

# --- Metrics for the operator's Prometheus at /metrics (django-prometheus: requests, latencies,
# responses, database and cache calls; and the service's own: queue depth, failed tasks, the
# scheduler and each job). Served only to a request bearing METRICS_TOKEN (Authorization:
# Bearer …); without a token set, /metrics does not exist (404). Several gunicorn workers: set
# PROMETHEUS_MULTIPROC_DIR to an empty folder shared by them.
METRICS_TOKEN = os.environ.get("METRICS_TOKEN", "")

# --- The service's own settings
SERVICE_NAME = _("Inscriptions au BTS")
SERVICE_TAGLINE = _("Examen du brevet de technicien supérieur")
