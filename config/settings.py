"""One settings module, driven by environment variables with safe local defaults.

Local defaults: SQLite file, a Celery broker on the file system (no server), a file-based cache,
DEBUG on with a generated secret key. Production: set DEBUG=0, SECRET_KEY, ALLOWED_HOSTS,
DATABASE_URL (PostgreSQL), CELERY_BROKER_URL (Redis or RabbitMQ) and CACHE_URL (Redis).
"""

import os
import secrets
from datetime import timedelta
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

from config.broker import DEFAULT_VISIBILITY_TIMEOUT, redis_transport_options

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = Path(os.environ.get("VAR_DIR", BASE_DIR / "var"))
VAR_DIR.mkdir(parents=True, exist_ok=True)


def env_bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str) -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


DEBUG = env_bool("DEBUG", True)


def _secret_key() -> str:
    key = os.environ.get("SECRET_KEY")
    if key:
        return key
    if not DEBUG:
        raise ImproperlyConfigured("SECRET_KEY must be set when DEBUG is off.")
    # Local use only: generate once and keep it beside the SQLite file.
    key_file = VAR_DIR / "secret_key"
    if not key_file.exists():
        key_file.write_text(secrets.token_urlsafe(50))
        key_file.chmod(0o600)
    return key_file.read_text().strip()


SECRET_KEY = _secret_key()
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "localhost,127.0.0.1,[::1]" if DEBUG else "")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", "")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "rest_framework",
    "rest_framework.authtoken",
    "django_filters",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "guardian",
    "django_celery_beat",
    "axes",  # sign-in throttling and lockout (casework/signin.py)
    "django_otp",
    "django_otp.plugins.otp_totp",
    "casework",
    "casework.inspection",
    "casework.clues",
    "casework.supervision",  # 督办 of a case of any type
    "casework.typical",  # 典型案例 published from closed cases
    "arrears",
    "arbitration",
    "casework.proactive",
    "casework.assisted",  # 代为提交: helpers file for workers
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "csp.middleware.CSPMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "casework.middleware.DefaultLanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "casework.middleware.RefuseNulCharactersMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "casework.signin.IdleTimeoutMiddleware",
    "casework.signin.SecondFactorMiddleware",
    # Helpers (代办员) see no staff page: only their own pages (casework.assisted.access).
    "casework.assisted.access.HelperConfinementMiddleware",
    "casework.middleware.NoStoreForStaffMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # One working-day calendar per request: many deadlines on a page load the holiday table once.
    "casework.calendar.workdays.WorkCalendarMiddleware",
    # Last: turns a locked-out sign-in into the lockout page / JSON 429 (casework.signin.lockout_response).
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"
ASGI_APPLICATION = "config.asgi.application"

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
                "django.template.context_processors.i18n",
                "casework.context_processors.navigation",
                "casework.context_processors.notifications",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{VAR_DIR / 'db.sqlite3'}",
        conn_max_age=int(os.environ.get("DB_CONN_MAX_AGE", "60")),
        conn_health_checks=True,
    )
}
# Behind PgBouncer in transaction mode a named (server-side) cursor may not outlive its transaction on the same
# server connection: ``QuerySet.iterator()`` then reads in chunks on the client instead (docs/scaling.md).
DATABASES["default"]["DISABLE_SERVER_SIDE_CURSORS"] = env_bool("DB_DISABLE_SERVER_SIDE_CURSORS", False)
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # Wait for a writer instead of failing at once; IMMEDIATE takes the write lock at BEGIN so
    # that two transactions on one case are serialised (SQLite has no row locks).
    DATABASES["default"]["OPTIONS"] = {"timeout": 20, "transaction_mode": "IMMEDIATE"}
    DATABASES["default"]["CONN_MAX_AGE"] = 0
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "casework.User"
AUTHENTICATION_BACKENDS = [
    # First: refuses every attempt on a locked-out account or address before the password is checked.
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
    "guardian.backends.ObjectPermissionBackend",
]
ANONYMOUS_USER_NAME = None  # guardian: no anonymous user row; public pages never use object permissions
GUARDIAN_RAISE_403 = False
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "my-work"
LOGOUT_REDIRECT_URL = "login"

LANGUAGE_CODE = "zh-hans"
LANGUAGES = [("zh-hans", "简体中文"), ("en", "English")]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Asia/Shanghai"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "staticfiles"
STATIC_ROOT.mkdir(exist_ok=True)
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    # Evidence and generated documents: outside the web root, never served by URL, only through
    # permission-checked views. Point MEDIA_ROOT at shared storage when running several web nodes.
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
        if not DEBUG
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", VAR_DIR / "media"))
MEDIA_URL = "/_private-media/"  # deliberately never routed: files go through permission-checked views

CACHE_URL = os.environ.get("CACHE_URL", "")
if CACHE_URL.startswith("redis"):
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": CACHE_URL}}
else:
    # Shared between the web server's processes without a server of its own.
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
            "LOCATION": str(VAR_DIR / "cache"),
        }
    }

# Celery: embedded file-system broker by default (no server); Redis/RabbitMQ via CELERY_BROKER_URL.
CELERY_BROKER_URL = os.environ.get("CELERY_BROKER_URL", "filesystem://")
if CELERY_BROKER_URL.startswith("filesystem"):
    for folder in ("broker", "broker-processed"):
        (VAR_DIR / folder).mkdir(exist_ok=True)
CELERY_BROKER_TRANSPORT_OPTIONS = (
    {
        "data_folder_in": str(VAR_DIR / "broker"),
        "data_folder_out": str(VAR_DIR / "broker"),
        "processed_folder": str(VAR_DIR / "broker-processed"),
        "store_processed": False,
    }
    if CELERY_BROKER_URL.startswith("filesystem")
    # how long an unacknowledged message waits before another worker gets it (a killed worker's task), and
    # how often live workers look for such messages (config/broker.py)
    else redis_transport_options(int(os.environ.get("CELERY_VISIBILITY_TIMEOUT", DEFAULT_VISIBILITY_TIMEOUT)))
)
if CELERY_BROKER_URL.startswith("filesystem"):
    (VAR_DIR / "broker").mkdir(exist_ok=True)  # the worker and beat fail at start without it
# A task's message is acknowledged only after the task returns, and a worker killed mid-task gives it back
# to the broker: every task must therefore be idempotent (casework/tasks.py says how each one is).
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_TASK_DEFAULT_QUEUE = os.environ.get("CELERY_TASK_DEFAULT_QUEUE", "celery")
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TASK_IGNORE_RESULT = True
CELERY_TIMEZONE = TIME_ZONE
CELERY_BEAT_SCHEDULER = "django_celery_beat.schedulers:DatabaseScheduler"
CELERY_TASK_ALWAYS_EAGER = env_bool("CELERY_TASK_ALWAYS_EAGER", False)

EMAIL_BACKEND = os.environ.get(
    "EMAIL_BACKEND",
    "django.core.mail.backends.console.EmailBackend"
    if DEBUG
    else "django.core.mail.backends.smtp.EmailBackend",
)
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "25"))
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
EMAIL_FILE_PATH = os.environ.get("EMAIL_FILE_PATH", str(VAR_DIR / "mail"))  # filebased backend only
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "noreply@rsj.xxz.example")
SMS_BACKEND = os.environ.get("SMS_BACKEND", "casework.sms.LoggingSMSBackend")
# Milestone SMS to workers (casework.services.milestone_messages): retries of a gateway error, the first
# back-off in seconds (doubled each time), and how long a message may stay "sending" before it is re-queued.
MILESTONE_SMS_MAX_RETRIES = int(os.environ.get("MILESTONE_SMS_MAX_RETRIES", "5"))
MILESTONE_SMS_RETRY_BACKOFF = int(os.environ.get("MILESTONE_SMS_RETRY_BACKOFF", "30"))
MILESTONE_SMS_SENDING_TIMEOUT = int(os.environ.get("MILESTONE_SMS_SENDING_TIMEOUT", "300"))
# Absolute links in alert e-mails.
SITE_URL = os.environ.get("SITE_URL", "http://127.0.0.1:8000").rstrip("/")

# Deadline alerts (casework.services.alerts). The sweep interval and digest time seed the beat schedule
# (`manage.py setup_schedules`); afterwards the schedule is edited in the admin under *Periodic tasks*.
ALERT_SWEEP_MINUTES = int(os.environ.get("ALERT_SWEEP_MINUTES", "5"))
ALERT_DUE_SOON_WORKING_DAYS = int(os.environ.get("ALERT_DUE_SOON_WORKING_DAYS", "3"))
ALERT_ESCALATE_WORKING_DAYS = int(os.environ.get("ALERT_ESCALATE_WORKING_DAYS", "5"))
ALERT_DIGEST_TIME = os.environ.get("ALERT_DIGEST_TIME", "08:30")  # Asia/Shanghai
# Alert levels that also go out by SMS (to staff who gave a mobile number and turned SMS on).
ALERT_SMS_LEVELS = env_list("ALERT_SMS_LEVELS", "overdue,escalated")
# More new alerts than this of one level on one case type for one person in one sweep: one summary instead.
ALERT_SUMMARY_OVER = int(os.environ.get("ALERT_SUMMARY_OVER", "30"))

REST_FRAMEWORK = {
    # Token first: an unauthenticated call is answered 401 with ``WWW-Authenticate: Token``.
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "rest_framework.authentication.TokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PARSER_CLASSES": [
        "casework.api.parsers.ObjectJSONParser",
        "rest_framework.parsers.FormParser",
        "rest_framework.parsers.MultiPartParser",
    ],
    # No API for helpers (代办员): casework.assisted.access.NoHelpers.
    "DEFAULT_PERMISSION_CLASSES": [
        "rest_framework.permissions.IsAuthenticated",
        "casework.assisted.access.NoHelpers",
    ],
    "DEFAULT_FILTER_BACKENDS": ["django_filters.rest_framework.DjangoFilterBackend"],
    "DEFAULT_PAGINATION_CLASS": "rest_framework.pagination.PageNumberPagination",
    "PAGE_SIZE": 25,
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "EXCEPTION_HANDLER": "casework.api.exceptions.exception_handler",
}
SPECTACULAR_SETTINGS = {
    "TITLE": "湘西州劳动保障案件管理系统 API",
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SERVE_PERMISSIONS": ["rest_framework.permissions.IsAuthenticated", "casework.assisted.access.NoHelpers"],
    # Served from our own static files: the bureau's network may not reach a CDN.
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    # Several case types have a "state" field with their own choices: name each enum after its model.
    "ENUM_NAME_OVERRIDES": {
        "ComplaintStateEnum": "casework.inspection.models.ComplaintState",
        "ArrearsStateEnum": "arrears.models.cases.ArrearsState",
        "ClueStateEnum": "casework.clues.models.ClueState",
        "ClueChannelEnum": "casework.clues.models.Channel",
        "IntakeChannelEnum": "casework.inspection.models.IntakeChannel",
    },
}

# Public green channel (/green/): rate limits as (requests, seconds), counted in the cache (CACHE_URL).
GREEN_RATE_LIMITS = {
    "lookup_ip": (int(os.environ.get("GREEN_LOOKUPS_PER_IP", "10")), 600),
    "lookup_case": (int(os.environ.get("GREEN_LOOKUPS_PER_CASE", "5")), 3600),
    "code_ip": (int(os.environ.get("GREEN_CODES_PER_IP", "5")), 3600),
    "code_phone": (1, 60),
    "code_phone_day": (int(os.environ.get("GREEN_CODES_PER_PHONE_DAY", "10")), 86400),
    "code_ip_day": (int(os.environ.get("GREEN_CODES_PER_IP_DAY", "20")), 86400),
    "submit_ip": (int(os.environ.get("GREEN_SUBMISSIONS_PER_IP", "10")), 3600),
}
# Number of reverse proxies in front of Django whose X-Forwarded-For is trusted (0: use REMOTE_ADDR).
GREEN_TRUSTED_PROXIES = int(os.environ.get("GREEN_TRUSTED_PROXIES", "0"))
GREEN_RECEIPT_MAX_AGE = 24 * 3600  # the receipt link works for a day
GREEN_PROGRESS_MAX_AGE = 30 * 60  # a verified lookup stays open for 30 minutes
GREEN_MAX_PHOTOS = 6
GREEN_PHOTO_MAX_BYTES = 10 * 1024 * 1024
CSRF_FAILURE_VIEW = "casework.public.views.csrf_failure"
# The lookup log (casework.public.lookup_log). With the Redis cache, a lookup's row travels with its rate-limit
# call and reaches the table within a minute (Celery beat); the buffer keeps at most …_BUFFER_MAX rows.
GREEN_LOOKUP_LOG_BUFFER = env_bool("GREEN_LOOKUP_LOG_BUFFER", True)
GREEN_LOOKUP_LOG_BUFFER_MAX = int(os.environ.get("GREEN_LOOKUP_LOG_BUFFER_MAX", "500000"))
# Rows written directly are committed without waiting for the WAL flush (PostgreSQL): a database crash can lose
# the last ~0.6 s of lookup-log rows, never case data. 0: wait for it.
GREEN_LOOKUP_LOG_ASYNC_COMMIT = env_bool("GREEN_LOOKUP_LOG_ASYNC_COMMIT", True)

# Tamper evidence of the transition log (casework.services.audit, audit_verify, audit_digest). The HMAC key lives
# in the environment only, never in the database; empty (demo/tests): a development key derived from SECRET_KEY.
AUDIT_HMAC_KEY = os.environ.get("AUDIT_HMAC_KEY", "")
# Append-only folder outside the database: daily signed digests of every case head, the verification checkpoints.
AUDIT_DIGEST_DIR = Path(os.environ.get("AUDIT_DIGEST_DIR", VAR_DIR / "audit-digests"))
AUDIT_DIGEST_TIME = os.environ.get("AUDIT_DIGEST_TIME", "01:30")  # Asia/Shanghai, Celery beat
AUDIT_DIGEST_MAIL_TO = env_list("AUDIT_DIGEST_MAIL_TO", "")  # auditors' addresses; empty: not mailed
# The incremental verification's checkpoint stays this far behind the newest entries (open transactions).
AUDIT_CHECKPOINT_LAG_SECONDS = int(os.environ.get("AUDIT_CHECKPOINT_LAG_SECONDS", "600"))

# Backups (casework.services.backups): `manage.py backup`, `manage.py restore --check <dir>` runs these on the copy.
BACKUP_DIR = Path(os.environ.get("BACKUP_DIR", VAR_DIR / "backups"))
BACKUP_CHECK_COMMANDS = [
    ["verify_audit_chain", "--full"],
    ["verify_arrears_totals"],
    ["verify_evidence", "--full"],
]

# The staff view audit (casework.services.view_audit): buffered in Redis like the lookup log, flushed every minute.
VIEW_AUDIT_BUFFER = env_bool("VIEW_AUDIT_BUFFER", True)
VIEW_AUDIT_BUFFER_MAX = int(os.environ.get("VIEW_AUDIT_BUFFER_MAX", "500000"))
VIEW_AUDIT_ASYNC_COMMIT = env_bool("VIEW_AUDIT_ASYNC_COMMIT", True)

# Documents (casework.documents): the 文号 format ({prefix}: the jurisdiction's 文号机关代字, {authority}: 人社 or
# 劳人仲, {letters}: the kind's code letters, {year}, {seq}) — per kind in DOCUMENT_NUMBER_FORMATS
# ({"complaint.acceptance": "..."}); how long an electronic-service SMS link works.
DOCUMENT_NUMBER_FORMAT = os.environ.get(
    "DOCUMENT_NUMBER_FORMAT", "{prefix}{authority}{letters}〔{year}〕{seq}号"
)
DOCUMENT_NUMBER_FORMATS: dict[str, str] = {}
DOCUMENT_ESERVICE_LINK_MAX_AGE = int(os.environ.get("DOCUMENT_ESERVICE_LINK_MAX_AGE", str(15 * 24 * 3600)))

# Nightly evidence fixity (casework.tasks.verify_evidence): when, and how many files per run (the signed cursor
# carries on the next night; 0: every file).
EVIDENCE_FIXITY_TIME = os.environ.get("EVIDENCE_FIXITY_TIME", "02:30")
# The public open data of closed cases (casework.public.open_data), rebuilt nightly by Celery beat.
OPEN_DATA_TIME = os.environ.get("OPEN_DATA_TIME", "02:30")
EVIDENCE_FIXITY_BATCH = int(os.environ.get("EVIDENCE_FIXITY_BATCH", "0")) or None

# Evidence upload limits.
EVIDENCE_MAX_BYTES = int(os.environ.get("EVIDENCE_MAX_BYTES", str(20 * 1024 * 1024)))
FILE_UPLOAD_PERMISSIONS = 0o640
DATA_UPLOAD_MAX_MEMORY_SIZE = 30 * 1024 * 1024

if not DEBUG:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", "31536000"))
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", False)
    SECURE_CONTENT_TYPE_NOSNIFF = True
# HSTS preload is a decision for the bureau's domain owner, not for this application.
SILENCED_SYSTEM_CHECKS = ["security.W021"]
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # The statistics' covering indexes (casework/statistics/indexes.py) are PostgreSQL's INCLUDE indexes; on
    # SQLite Django creates them without the included columns, which is all a local database needs.
    SILENCED_SYSTEM_CHECKS.append("models.W040")
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_AGE = 8 * 3600
X_FRAME_OPTIONS = "DENY"

# Staff sign-in (docs/security.md, item 1). Lockout: AXES_FAILURE_LIMIT failed attempts for one username (from
# anywhere) or from one address (for any username) lock that username / address for AXES_COOLOFF_MINUTES;
# an administrator unlocks earlier (admin: 工作人员 → 解除登录锁定, or `manage.py axes_reset_username`).
AXES_FAILURE_LIMIT = int(os.environ.get("AXES_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = timedelta(minutes=int(os.environ.get("AXES_COOLOFF_MINUTES", "15")))
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]
AXES_CLIENT_IP_CALLABLE = "casework.public.security.client_ip"  # honours GREEN_TRUSTED_PROXIES
AXES_LOCKOUT_CALLABLE = "casework.signin.lockout_response"
AXES_ENABLE_ACCESS_FAILURE_LOG = True  # each user's recent failed sign-ins on their account page
# TOTP second factor: required for administrators and the roles that reveal personal data or decide
# (casework.signin.PRIVILEGED_ROLES) unless SECOND_FACTOR_REQUIRED=0 (default: required when DEBUG is off);
# SECOND_FACTOR_FOR_ALL_STAFF=1 requires it for every staff member.
SECOND_FACTOR_REQUIRED = env_bool("SECOND_FACTOR_REQUIRED", not DEBUG)
SECOND_FACTOR_FOR_ALL_STAFF = env_bool("SECOND_FACTOR_FOR_ALL_STAFF", False)
OTP_TOTP_ISSUER = "湘西州劳动保障案件管理系统"
# Signed out after this many minutes without a request (casework.signin.IdleTimeoutMiddleware).
SESSION_IDLE_TIMEOUT_MINUTES = int(os.environ.get("SESSION_IDLE_TIMEOUT_MINUTES", "30"))
# Content-Security-Policy on every page (django-csp): no inline script anywhere; the public green channel
# sends its own stricter policy (casework.public.security).
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'", "'unsafe-inline'"],  # a few style="" attributes; never script
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'", "data:"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    }
}
# The audit chain's HMAC key (issue 16, item 6): from the environment only, never stored in the database.
AUDIT_HMAC_KEY = os.environ.get("AUDIT_HMAC_KEY", "")

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"personal_data": {"()": "casework.logging.PersonalDataFilter"}},
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {
        "console": {"class": "logging.StreamHandler", "filters": ["personal_data"], "formatter": "plain"}
    },
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
    "loggers": {"django.db.backends": {"level": "WARNING"}},
}
