"""Settings for the Charter Register.

Every setting that differs between machines comes from the environment, never from a file in
the repository. Production is the default: without ``DJANGO_DEBUG=true`` the service refuses to
start without a secret key and serves over HTTPS only.
"""

import os
from datetime import timedelta
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent


def env_bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None or value.strip() == "":
        return default
    value = value.strip().lower()
    if value in {"1", "true", "yes", "on"}:
        return True
    if value in {"0", "false", "no", "off"}:
        return False
    raise ImproperlyConfigured(f"{name} must be true or false, not {value!r}")


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


DEBUG = env_bool("DJANGO_DEBUG", False)

# Without DJANGO_SECRET_KEY in production the key stays empty: the system check in
# charter_register/checks.py and the WSGI entry point then refuse to run (offline commands such
# as makemigrations still work).
SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY", "")
if not SECRET_KEY and DEBUG:
    SECRET_KEY = "django-insecure-development-only-key-never-used-in-production"  # noqa: S105 # nosec B105: # DEBUG only
SECRET_KEY_MISSING = not SECRET_KEY

ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS", "localhost,127.0.0.1,[::1]" if DEBUG else "")
CSRF_TRUSTED_ORIGINS = env_list("DJANGO_CSRF_TRUSTED_ORIGINS")

# The public address of the service, used in emails and in the open data export.
SITE_URL = os.environ.get("DJANGO_SITE_URL", "http://127.0.0.1:8000").rstrip("/")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.postgres",
    "csp",
    "crispy_forms",
    "crispy_forms_gds",
    "django_filters",
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "axes",
    # The wiring: its system checks (charter_register.checks).
    "charter_register",
    # The domain, lowest first (docs/decisions/0006-bounded-apps.md).
    "principles",
    "organisations",
    "projects",
    "concerns",
    # The web apps on top of it.
    "register",
    "submissions",
    "moderation",
    "opendata",
    "pages",
    "oversight",
    "teams",
    "rest_framework",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "api",
    "alerts",
    "atrs",
    # Management commands only (export_personal_data); no models.
    "accounts",
]

MIDDLEWARE = [
    # First: every answer, static files and cached pages included, only for an allowed Host.
    "charter_register.middleware.AllowedHostsMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Cached register pages for visitors without a session, before sessions and the rest.
    "register.caching.RegisterPageMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "accounts.middleware.StaffSecondFactorMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    # Near the end, as django-axes asks: turns a locked-out sign-in into the lockout page.
    "axes.middleware.AxesMiddleware",
    # Last, so that it sees a view's database failure first: a 503 page, not a stack trace.
    "charter_register.middleware.DatabaseUnavailableMiddleware",
]

ROOT_URLCONF = "charter_register.urls"

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
            ],
        },
    },
]

WSGI_APPLICATION = "charter_register.wsgi.application"

# Database: SQLite for a quick start, PostgreSQL (psycopg 3) in production. Connections persist
# across requests, with a health check before reuse: opening a PostgreSQL connection for every
# request costs more than most of our pages.
DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL", f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
        conn_max_age=int(os.environ.get("DJANGO_CONN_MAX_AGE", "600")),
        conn_health_checks=True,
    )
}

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Cache shared by every app server: Redis when REDIS_URL is set, the database otherwise.
if os.environ.get("REDIS_URL"):
    CACHES = {
        "default": {
            # Django's Redis backend, keeping one client object per process (cache.py).
            "BACKEND": "charter_register.cache.RedisCache",
            "LOCATION": os.environ["REDIS_URL"],
            "KEY_PREFIX": "charter",
        }
    }
else:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.db.DatabaseCache",
            "LOCATION": "django_cache",
            "KEY_PREFIX": "charter",
            # Django deletes a third of the table, the register's stamp among them, whenever a
            # write finds more than MAX_ENTRIES rows (default 300): rate-limit counts and the
            # values kept per stamp stay far below this, so the stamp is not lost to culling.
            "OPTIONS": {"MAX_ENTRIES": 10_000},
        }
    }

# Rate limits count in the shared cache. Redis increments atomically; the database cache does
# not, so under heavy concurrency a few extra requests may pass a limit: acceptable for abuse
# protection, and production should set REDIS_URL.
RATELIMIT_USE_CACHE = "default"
if not os.environ.get("REDIS_URL"):
    SILENCED_SYSTEM_CHECKS = ["django_ratelimit.E003", "django_ratelimit.W001"]
else:
    SILENCED_SYSTEM_CHECKS = ["django_ratelimit.W001"]
if env_bool("DJANGO_BEHIND_PROXY", False):
    # The load balancer appends the client's address; count limits per client, not per proxy.
    RATELIMIT_IP_META_KEY = "accounts.client_address.client_address"

# Sessions live in the database so that any app server can answer any request.
SESSION_ENGINE = "django.contrib.sessions.backends.db"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]


# Accounts (django-allauth): sign in with an email address and a password, no username; the
# address must be confirmed by a link sent by email before the first sign-in.
AUTHENTICATION_BACKENDS = [
    # First: refuses any sign-in while its account and address are locked out (django-axes).
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_LOGIN_ON_EMAIL_CONFIRMATION = True
# Confirming who you are again (before changing the email address, password or second factor)
# is by password, or by the authenticator app for staff who have one; never by a code sent by
# email (allauth 65.22 adds that: its pages answer 403 here).
ACCOUNT_REAUTHENTICATION_METHODS = ("password", "mfa")
ACCOUNT_LOGOUT_ON_GET = False  # signing out is a POST (the header's "Sign out" button)
ACCOUNT_LOGOUT_REDIRECT_URL = "/"
ACCOUNT_EMAIL_SUBJECT_PREFIX = "Charter Register: "
ACCOUNT_FORMS = {
    "login": "accounts.forms.LoginForm",
    "signup": "accounts.forms.SignupForm",
    "reset_password": "accounts.forms.ResetPasswordForm",  # nosec B105: # a form, no password
    "reset_password_from_key": "accounts.forms.ResetPasswordKeyForm",  # nosec B105: # a form
    "reauthenticate": "accounts.forms.ReauthenticateForm",
}
LOGIN_URL = "account_login"  # where anyone who must sign in is sent
LOGIN_REDIRECT_URL = "/projects/"

# --- Account security (README "Security") ------------------------------------------------------
# Never reveal whether an address has an account: password reset and sign-up give the same
# page for known and unknown addresses (the email itself tells the owner what happened).
ACCOUNT_PREVENT_ENUMERATION = True

# Rate limits per client address (and per email address where it says "key"), counted in the
# shared cache (CACHES above) so every app server sees the same counts. Over a limit, the
# visitor gets templates/429.html (HTTP 429). "login_failed" also limits guesses of a second
# factor code; wrong passwords lock out sooner through django-axes below.
ACCOUNT_RATE_LIMITS = {
    "login": "30/5m/ip",
    "login_failed": "10/m/ip,20/15m/key",
    "signup": "20/h/ip",
    "reset_password": "10/h/ip,5/h/key",  # nosec B105: # a rate, not a password
    "reset_password_from_key": "20/h/ip",  # nosec B105: # a rate, not a password
}
if env_bool("DJANGO_BEHIND_PROXY", False):
    # The load balancer appends the client's address to X-Forwarded-For
    # (accounts/client_address.py).
    ALLAUTH_TRUSTED_PROXY_COUNT = 1

# Lockout (django-axes): five wrong passwords for one account from one address lock that
# account out from that address for 15 minutes; each further try restarts the wait. Attempts
# are kept in the database, shared by every app server.
AXES_FAILURE_LIMIT = 5
AXES_COOLOFF_TIME = timedelta(minutes=15)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_USERNAME_FORM_FIELD = "login"  # allauth's sign-in form calls the email address "login"
AXES_USERNAME_CALLABLE = "accounts.lockout.account_identifier"
AXES_LOCKOUT_CALLABLE = "accounts.lockout.lockout_response"
AXES_RESET_ON_SUCCESS = True
# Keep only failed attempts (for the lockout, removed after the cool-off), not a log of every
# sign-in with its address: the register keeps no personal data it does not need.
AXES_DISABLE_ACCESS_LOG = True
AXES_HANDLER = "axes.handlers.database.AxesDatabaseHandler"
AXES_SENSITIVE_PARAMETERS = ["username", "ip_address", "login", "password"]
AXES_CLIENT_IP_CALLABLE = (
    "accounts.lockout.forwarded_address"
    if env_bool("DJANGO_BEHIND_PROXY", False)
    else "accounts.lockout.connection_address"  # X-Forwarded-For is the client's to forge
)

# Second factor (allauth.mfa): an authenticator app (TOTP) with recovery codes. Moderators
# (and staff) must set one up before they can use any page under these paths
# (accounts/middleware.py); signing in then asks for the app's code.
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes"]
MFA_TOTP_ISSUER = "LCR Charter Register"
MFA_TOTP_TOLERANCE = 1  # also the code just before or after: a phone's clock may be a little off
MFA_ADAPTER = "accounts.adapter.MFAAdapter"
ACCOUNT_ADAPTER = "accounts.adapter.AccountAdapter"
MFA_FORMS = {
    "authenticate": "accounts.forms.AuthenticateForm",
    "reauthenticate": "accounts.forms.MFAReauthenticateForm",
    "activate_totp": "accounts.forms.ActivateTOTPForm",
    "deactivate_totp": "accounts.forms.DeactivateTOTPForm",
    "generate_recovery_codes": "accounts.forms.GenerateRecoveryCodesForm",
}
CHARTER_REQUIRE_MODERATOR_MFA = env_bool("CHARTER_REQUIRE_MODERATOR_MFA", True)
CHARTER_MFA_REQUIRED_PATHS = ["/moderation/", "/oversight/", "/admin/"]

LANGUAGE_CODE = "en-gb"
TIME_ZONE = "Europe/London"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = Path(os.environ.get("DJANGO_STATIC_ROOT", BASE_DIR / "staticfiles"))
STATICFILES_DIRS = [BASE_DIR / "static"]
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

# The read API (/api/): anonymous, read only, JSON only, throttled per client through the shared
# cache. Behind a proxy (DJANGO_BEHIND_PROXY) the client is the one address the proxy adds to
# X-Forwarded-For; otherwise the connection's address, so the header cannot be used to dodge it.
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [],
    "DEFAULT_PERMISSION_CLASSES": ["api.permissions.ReadOnly"],
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_PARSER_CLASSES": ["rest_framework.parsers.JSONParser"],
    "DEFAULT_PAGINATION_CLASS": "api.pagination.RegisterPagination",
    "DEFAULT_THROTTLE_CLASSES": ["rest_framework.throttling.AnonRateThrottle"],
    "DEFAULT_THROTTLE_RATES": {"anon": os.environ.get("DJANGO_API_RATE", "120/minute")},
    "NUM_PROXIES": 1 if env_bool("DJANGO_BEHIND_PROXY", False) else 0,
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "UNAUTHENTICATED_USER": None,
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Liverpool City Region Charter Register API",
    "DESCRIPTION": (
        "Read the public register of data and AI projects under the Liverpool City Region "
        "Community Charter on Data and AI. Each project is a register record, the same shape as "
        "the open data export (/register.json, schema at /register.schema.json). Anonymous and "
        "read only. Register content: Open Government Licence v3.0."
    ),
    "VERSION": "1",
    # OpenAPI 3.1 schemas are JSON Schema 2020-12, the language of the register's own schema.
    "OAS_VERSION": "3.1.0",
    "SERVE_INCLUDE_SCHEMA": False,
    # The record's schema is used as it is: its enums are not pulled out into components. The
    # organisation filter's values are the organisations on the register when it is asked for.
    "POSTPROCESSING_HOOKS": ["api.schema.organisation_choices"],
    "SERVE_PERMISSIONS": ["rest_framework.permissions.AllowAny"],
    "SERVE_AUTHENTICATION": [],
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "LICENSE": {
        "name": "Open Government Licence v3.0",
        "url": "https://www.nationalarchives.gov.uk/doc/open-government-licence/version/3/",
    },
}

CRISPY_ALLOWED_TEMPLATE_PACKS = ["gds"]
CRISPY_TEMPLATE_PACK = "gds"
CRISPY_GDS_FRONTEND_VERSION = "5.8.0"  # the vendored govuk-frontend (docs/decisions/0001)

# HTTPS: on by default in production; DJANGO_HTTPS=false for plain http on loopback.
HTTPS = env_bool("DJANGO_HTTPS", not DEBUG)
ACCOUNT_DEFAULT_HTTP_PROTOCOL = "https" if HTTPS else "http"  # links in account emails
SECURE_SSL_REDIRECT = HTTPS
SESSION_COOKIE_SECURE = HTTPS
CSRF_COOKIE_SECURE = HTTPS
SECURE_HSTS_SECONDS = 31536000 if HTTPS else 0
SECURE_HSTS_INCLUDE_SUBDOMAINS = HTTPS
SECURE_HSTS_PRELOAD = HTTPS
if env_bool("DJANGO_BEHIND_PROXY", False):
    # Only when a load balancer sets (and strips from clients) X-Forwarded-Proto.
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"

# Content-Security-Policy: our own files only; no inline script or style, no eval, no framing.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'none'"],
        "frame-ancestors": ["'none'"],
        "form-action": ["'self'"],
    }
}

# Refuse large request bodies: no form on the register needs more than this.
DATA_UPLOAD_MAX_MEMORY_SIZE = 1024 * 1024
DATA_UPLOAD_MAX_NUMBER_FIELDS = 2000

# Email: files when DJANGO_EMAIL_FILE_PATH is set, SMTP otherwise (console in development).
DEFAULT_FROM_EMAIL = os.environ.get(
    "DJANGO_DEFAULT_FROM_EMAIL", "Charter Register <register@charter.invalid>"
)
SERVER_EMAIL = DEFAULT_FROM_EMAIL
if os.environ.get("DJANGO_EMAIL_FILE_PATH"):
    EMAIL_BACKEND = "django.core.mail.backends.filebased.EmailBackend"
    EMAIL_FILE_PATH = os.environ["DJANGO_EMAIL_FILE_PATH"]
elif os.environ.get("DJANGO_EMAIL_HOST") or not DEBUG:
    EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    EMAIL_HOST = os.environ.get("DJANGO_EMAIL_HOST", "localhost")
    EMAIL_PORT = int(os.environ.get("DJANGO_EMAIL_PORT", "587"))
    EMAIL_HOST_USER = os.environ.get("DJANGO_EMAIL_HOST_USER", "")
    EMAIL_HOST_PASSWORD = os.environ.get("DJANGO_EMAIL_HOST_PASSWORD", "")
    EMAIL_USE_TLS = env_bool("DJANGO_EMAIL_USE_TLS", True)
    EMAIL_TIMEOUT = 10
else:
    EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": os.environ.get("DJANGO_LOG_LEVEL", "INFO")},
    "loggers": {"django.db.backends": {"level": "WARNING"}},
}
