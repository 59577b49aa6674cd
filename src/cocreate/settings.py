"""Cocreate settings: every value comes from the environment, with safe defaults for the embedded mode.

Embedded mode (no variables set) runs on SQLite with an in-process database task queue and local-memory cache.
Scaled-out mode sets DATABASE_URL (PostgreSQL) and REDIS_URL; no code changes.
"""

from pathlib import Path

import environ
from csp.constants import NONCE
from django.utils.translation import gettext_lazy as _

from cocreate.core.secret_key import HOW_TO_MAKE_ONE, INSECURE_DEV_SECRET_KEY, secret_key_problem

BASE_DIR = Path(__file__).resolve().parent
PROJECT_DIR = BASE_DIR.parent.parent

env = environ.Env()
environ.Env.read_env(PROJECT_DIR / ".env", overwrite=False)

DEBUG = env.bool("DEBUG", default=False)
# Everything signed (sessions, email-confirmation and password-reset links, unsubscribe tokens, IP hashes) falls with
# a known key, so with DEBUG off there is no default: a weak or missing key stops the start. `make run` (bin/run)
# creates a random key once in DATA_DIR/secret_key and passes its path in SECRET_KEY_FILE (SECRET_KEY, from the
# environment or .env, wins); tests use tests/settings.py.
SECRET_KEY = env.str("SECRET_KEY", default="")
if not SECRET_KEY and env.str("SECRET_KEY_FILE", default=""):
    SECRET_KEY = Path(env.str("SECRET_KEY_FILE")).read_text().strip()
SECRET_KEY = SECRET_KEY or (INSECURE_DEV_SECRET_KEY if DEBUG else "")
if not DEBUG and (_problem := secret_key_problem(SECRET_KEY)):
    from django.core.exceptions import ImproperlyConfigured

    raise ImproperlyConfigured(
        f"{_problem}. Cocreate will not start with DEBUG off without a strong, secret key. {HOW_TO_MAKE_ONE}"
    )
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["127.0.0.1", "localhost", "[::1]", "testserver"])
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])
SITE_URL = env.str("SITE_URL", default="http://127.0.0.1:8000")
SITE_NAME = env.str("SITE_NAME", default="Cocreate")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.contrib.sites",
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "rules.apps.AutodiscoverRulesConfig",
    "django_htmx",
    # Only for its static Swagger UI: without it the API docs page loads its scripts from a CDN.
    "ninja",
    "template_partials",
    "django_tasks",
    "django_tasks_db",
    "cocreate.core",
    "cocreate.activity",
    "cocreate.accounts",
    "cocreate.legal",
    "cocreate.campaigns",
    "cocreate.ideas",
    "cocreate.engagement",
    "cocreate.review",
    "cocreate.roadmap",
    "cocreate.notifications",
    "cocreate.similarity",
    "cocreate.search",
    "cocreate.moderation",
    "cocreate.opinionmap",
    "cocreate.pairwise",
    "cocreate.demo",
    "cocreate.api",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "cocreate.core.middleware.PermissionsPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "cocreate.api.middleware.ApiJsonErrorsMiddleware",
    "cocreate.core.visitor_cache.VisitorCacheMiddleware",
    # Inside the visitor cache, so a cached page is stored and served with the policy whose nonce its tags carry.
    "csp.middleware.CSPMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "cocreate.accounts.middleware.SessionTimeoutMiddleware",
    "cocreate.accounts.middleware.RequireStaffMFAMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "cocreate.core.middleware.TimezoneMiddleware",
    # After messages, auth and htmx: turns a service refusal no view caught into the right 4xx answer.
    "cocreate.core.middleware.ApplicationErrorMiddleware",
    "cocreate.core.context.RequestOriginMiddleware",
]

ROOT_URLCONF = "cocreate.urls"
WSGI_APPLICATION = "cocreate.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "cocreate.core.context_processors.site",
                "cocreate.core.context_processors.csp_nonce",
                "cocreate.legal.context_processors.terms",
                "cocreate.notifications.context_processors.unread",
            ],
            "builtins": ["template_partials.templatetags.partials"],
        },
    }
]

DATA_DIR = Path(env.str("DATA_DIR", default=str(PROJECT_DIR / "var")))
if "DATABASE_URL" not in env:
    DATA_DIR.mkdir(parents=True, exist_ok=True)  # a fresh clone has no var/ yet; SQLite will not create it
DATABASES = {"default": env.db("DATABASE_URL", default=f"sqlite:///{DATA_DIR / 'cocreate.sqlite3'}")}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets readers work beside a writer; IMMEDIATE transactions and a busy timeout make concurrent
    # writers wait for the lock instead of failing with "database is locked".
    DATABASES["default"]["OPTIONS"] = {
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON;",
    }
else:
    DATABASES["default"].setdefault("CONN_MAX_AGE", env.int("CONN_MAX_AGE", default=60))
    DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Scaled-out mode: with REDIS_URL set, the cache, sessions and the task queue live in Redis, so any number of
# stateless app processes and workers share them. Without it everything stays in-process or in the database.
REDIS_URL = env.str("REDIS_URL", default="")
CACHE_KEY_PREFIX = env.str("CACHE_KEY_PREFIX", default="cocreate")
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": CACHE_KEY_PREFIX,
        }
    }
    SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
else:
    CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
        # Pages cached for visitors must be shared by every app process, and one bump must reach them all.
        "visitor": {
            "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
            "LOCATION": str(DATA_DIR / "visitor-cache"),
            "OPTIONS": {"MAX_ENTRIES": 5000},
        },
    }

# Public pages for anonymous visitors are served from a shared cache for a few seconds (0 turns it off); new
# content shows at once, support counts may lag by up to this long. See cocreate/core/visitor_cache.py.
VISITOR_CACHE_SECONDS = env.int("VISITOR_CACHE_SECONDS", default=10)
VISITOR_CACHE_ALIAS = "visitor" if "visitor" in CACHES else "default"
# Cookies the cache may ignore besides time zone, language and CSRF (e.g. a load balancer's); any other turns it off.
VISITOR_CACHE_SAFE_COOKIES = env.list("VISITOR_CACHE_SAFE_COOKIES", default=[])
VISITOR_CACHE_VIEWS = [
    "campaigns:list",
    "campaigns:detail",
    "ideas:all",
    "ideas:tag",
    "ideas:detail",
    "roadmap:index",
    "roadmap:item",
    "roadmap:releases",
    "roadmap:release",
    "opinionmap:report",
    "pairwise:results",
    "api-v1:list_campaigns",
    "api-v1:get_campaign",
    "api-v1:list_campaign_ideas",
    "api-v1:list_ideas",
    "api-v1:get_idea",
    "api-v1:list_comments",
    "api-v1:list_roadmap",
    "api-v1:get_roadmap_item",
    "api-v1:list_releases",
    "api-v1:get_release",
]

TASKS_BACKEND = env.str(
    "TASKS_BACKEND", default="django_tasks_rq.RQBackend" if REDIS_URL else "django_tasks_db.DatabaseBackend"
)
TASKS = {"default": {"BACKEND": TASKS_BACKEND}}
if TASKS_BACKEND.startswith("django_tasks_rq"):
    INSTALLED_APPS += ["django_rq", "django_tasks_rq"]
    RQ_QUEUES = {"default": {"URL": REDIS_URL or "redis://127.0.0.1:6379/0", "DEFAULT_TIMEOUT": 600}}

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "cocreate.accounts.lockout.SignInLockoutBackend",  # first: refuses while an account or address is locked out
    "rules.permissions.ObjectPermissionBackend",
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 12}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
PASSWORD_HASHERS = env.list(
    "PASSWORD_HASHERS",
    default=[
        "django.contrib.auth.hashers.PBKDF2PasswordHasher",
        "django.contrib.auth.hashers.MD5PasswordHasher",
    ],
)
SITE_ID = 1
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "/"
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_EMAIL_VERIFICATION = env.str("ACCOUNT_EMAIL_VERIFICATION", default="mandatory")
ACCOUNT_CONFIRM_EMAIL_ON_GET = False
ACCOUNT_LOGIN_ON_EMAIL_CONFIRMATION = True
ACCOUNT_EMAIL_SUBJECT_PREFIX = f"[{SITE_NAME}] "
ACCOUNT_SIGNUP_FORM_CLASS = "cocreate.accounts.forms.SignupForm"
ACCOUNT_ADAPTER = "cocreate.accounts.adapter.AccountAdapter"
# No answer (sign-up, password reset, email change) may tell whether an address has an account; the adapter also
# evens out sign-up timing.
ACCOUNT_PREVENT_ENUMERATION = True
# Two-factor authentication (allauth.mfa): an authenticator app (TOTP) and recovery codes. MFA_REQUIRED_ROLES lists the
# staff roles that must use it ("admin,facilitator,moderator,reviewer"; superusers count as admins): without it they
# are sent to set it up before any other page.
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes"]
MFA_TOTP_ISSUER = SITE_NAME
MFA_REQUIRED_ROLES = env.list("MFA_REQUIRED_ROLES", default=[])
# Empty: allauth's default limits (None would crash allauth; False disables them).
# Failed sign-ins per account and per address before every way in (member sign-in, /admin/login/) is refused for the
# window; counted in the database (embedded) or Redis (scaled out), so shared by all processes. See accounts/lockout.py.
SIGNIN_LIMITS = env.dict("SIGNIN_LIMITS", default={"account": "5/15m", "ip": "30/15m"})
ACCOUNT_RATE_LIMITS = env.dict("ACCOUNT_RATE_LIMITS", default={"signup": "10/h/ip", "login_failed": "10/m/ip,5/5m/key"})

EMAIL_BACKEND = env.str("EMAIL_BACKEND", default="django.core.mail.backends.console.EmailBackend")
EMAIL_FILE_PATH = env.str("EMAIL_FILE_PATH", default=str(DATA_DIR / "mail"))
EMAIL_HOST = env.str("EMAIL_HOST", default="localhost")
EMAIL_PORT = env.int("EMAIL_PORT", default=25)
EMAIL_HOST_USER = env.str("EMAIL_HOST_USER", default="")
EMAIL_HOST_PASSWORD = env.str("EMAIL_HOST_PASSWORD", default="")
EMAIL_USE_TLS = env.bool("EMAIL_USE_TLS", default=False)
DEFAULT_FROM_EMAIL = env.str("DEFAULT_FROM_EMAIL", default="Cocreate <noreply@cocreate.local>")

LANGUAGE_CODE = "en"
LANGUAGES = [("en", _("English")), ("fr", _("French"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = Path(env.str("STATIC_ROOT", default=str(DATA_DIR / "static")))
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "media/"
MEDIA_ROOT = Path(env.str("MEDIA_ROOT", default=str(DATA_DIR / "media")))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": env.str("STATICFILES_STORAGE", default="whitenoise.storage.CompressedManifestStaticFilesStorage")
    },
}
# Media is served by Django itself in embedded mode; a reverse proxy takes over in production.
SERVE_MEDIA = env.bool("SERVE_MEDIA", default=True)
# Idea images (MEDIA_URL/ideas/) always go through a permission check (F9). Behind nginx, set this to an internal
# location aliasing MEDIA_ROOT (e.g. "/protected-media/") and the app answers with X-Accel-Redirect after the check.
MEDIA_ACCEL_REDIRECT = env.str("MEDIA_ACCEL_REDIRECT", default="")

SESSION_COOKIE_HTTPONLY = True
# Sign-out after inactivity and at the latest after a fixed time (accounts/middleware.py); 0 turns either off.
SESSION_IDLE_TIMEOUT = env.int("SESSION_IDLE_TIMEOUT", default=12 * 3600)
SESSION_ABSOLUTE_TIMEOUT = env.int("SESSION_ABSOLUTE_TIMEOUT", default=14 * 24 * 3600)
SESSION_COOKIE_AGE = SESSION_ABSOLUTE_TIMEOUT or 14 * 24 * 3600
SESSION_COOKIE_SECURE = env.bool("SECURE_COOKIES", default=False)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
# Behind a TLS-terminating proxy (docs/deployment.md): redirect plain HTTP, ask browsers to stay on HTTPS, and trust
# the proxy's X-Forwarded-Proto. Off by default so `make run` works over plain HTTP on 127.0.0.1.
SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=False)
SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=0)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env.bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", default=False)
SECURE_HSTS_PRELOAD = env.bool("SECURE_HSTS_PRELOAD", default=False)
if env.bool("SECURE_PROXY_SSL_HEADER", default=False):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
# Features no page uses, refused for every page (and anything injected into one).
PERMISSIONS_POLICY = env.str(
    "PERMISSIONS_POLICY",
    default="accelerometer=(), camera=(), geolocation=(), gyroscope=(), microphone=(), payment=(), usb=()",
)

# Content-Security-Policy (django-csp): only this site's scripts, and each page's <script> tags carry the nonce of its
# header; no inline script, handler or style attribute, no eval, nothing from another host.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'", NONCE],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    },
}

# Uploads: refuse oversized files before Pillow touches them.
IDEA_IMAGE_MAX_BYTES = env.int("IDEA_IMAGE_MAX_BYTES", default=5 * 1024 * 1024)
# Checked from the file header before decoding (F8): 25 megapixels is 6000 × 4000 plus margin, enough for any photo
# worth showing; decoding one costs at most ~100 MB, and IMAGE_DECODE_CONCURRENCY decodes run at once per process.
IDEA_IMAGE_MAX_PIXELS = env.int("IDEA_IMAGE_MAX_PIXELS", default=25_000_000)
IMAGE_DECODE_CONCURRENCY = env.int("IMAGE_DECODE_CONCURRENCY", default=1)
IDEA_IMAGE_MAX_SIDE = env.int("IDEA_IMAGE_MAX_SIDE", default=2400)
DATA_UPLOAD_MAX_MEMORY_SIZE = 10 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 10 * 1024 * 1024
COMMENT_EDIT_WINDOW_MINUTES = env.int("COMMENT_EDIT_WINDOW_MINUTES", default=30)
MODERATION_AUTO_HIDE_FLAGS = env.int("MODERATION_AUTO_HIDE_FLAGS", default=3)
MODERATION_RATE_LIMITS = env.json("MODERATION_RATE_LIMITS", default={})  # {} = defaults in accounts/ratelimit.py

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": env.str("LOG_LEVEL", default="INFO")},
    "loggers": {"django.db.backends": {"level": "WARNING"}},
}
