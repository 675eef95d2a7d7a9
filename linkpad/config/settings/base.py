"""Settings shared by every environment.

Everything that differs between machines comes from the environment (see docs/settings.md).
Nothing here is safe to run in production on its own: `production.py` adds the hardening,
`local.py` and `test.py` add the conveniences.
"""

from pathlib import Path

import environ
from csp.constants import NONCE, NONE, SELF
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parents[3]
PACKAGE_DIR = BASE_DIR / "linkpad"

env = environ.Env()

DEBUG = env.bool("DEBUG", default=False)
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["127.0.0.1", "localhost"])
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])

#: Demo mode: shows a banner on every page and lets the demo users sign in without two-factor.
LINKPAD_DEMO = env.bool("LINKPAD_DEMO", default=False)
#: Where reference data (postcodes, SIMD, ALISS taxonomy) is read from.
LINKPAD_DATA_DIR = Path(env.str("LINKPAD_DATA_DIR", default=str(BASE_DIR / "data")))
#: A directory listing not assured (checked) for this many months is marked stale and ranked lower.
LINKPAD_DIRECTORY_STALE_MONTHS = env.int("LINKPAD_DIRECTORY_STALE_MONTHS", default=12)
#: A search index of up to this many services is reloaded before the next search after a change; a
#: larger one is reloaded in the background while searches use the copy they have.
LINKPAD_SEARCH_INLINE_RELOAD_MAX = env.int("LINKPAD_SEARCH_INLINE_RELOAD_MAX", default=20000)
#: Requests each client address may make to the open directory API (/api/oruk/), e.g. "120/min";
#: empty for no limit. Counted in the cache (per process unless CACHES names a shared one).
LINKPAD_OPEN_API_RATE = env.str("LINKPAD_OPEN_API_RATE", default="120/min")
#: Public forms (self-referral, professional referral) each address may send, e.g. "20/hour"; empty: no limit.
LINKPAD_PUBLIC_FORM_RATE = env.str("LINKPAD_PUBLIC_FORM_RATE", default="20/hour")
#: How many proxies stand in front of Linkpad, so the API's rate limit counts the real client's address.
NINJA_NUM_PROXIES = env.int("LINKPAD_NUM_PROXIES", default=0)
#: Failed contact attempts after which a referral is marked "no response" (then a letter and a note to the GP).
LINKPAD_NO_RESPONSE_ATTEMPTS = env.int("LINKPAD_NO_RESPONSE_ATTEMPTS", default=3)
#: Days an emailed closed-loop link (accept, decline or confirm attendance of a referral) keeps working.
LINKPAD_CLOSED_LOOP_DAYS = env.int("LINKPAD_CLOSED_LOOP_DAYS", default=14)
#: Years a person's records are kept, once all their support has ended, before they are anonymised
#: (`linkpad retention`). Coded data for reports stays; names, contact details and free text go.
LINKPAD_RETENTION_YEARS = env.int("LINKPAD_RETENTION_YEARS", default=7)
#: Map tiles for the directory's results map, e.g. https://tile.openstreetmap.org/{z}/{x}/{y}.png.
#: Empty (the default) means no map: the list of results always works on its own.
LINKPAD_MAP_TILES_URL = env.str("LINKPAD_MAP_TILES_URL", default="")
LINKPAD_MAP_ATTRIBUTION = env.str("LINKPAD_MAP_ATTRIBUTION", default="© OpenStreetMap contributors")
#: How text messages are sent: a dotted path to a class in linkpad.core.sms (or your own with the same
#: `send_messages`). The default prints them, like the console email backend.
LINKPAD_SMS_BACKEND = env.str("LINKPAD_SMS_BACKEND", default="linkpad.core.sms.ConsoleSmsBackend")
#: GOV.UK Notify, for linkpad.core.sms.NotifySmsBackend: the service's API key, and the id of a text
#: message template whose whole content is ((body)).
LINKPAD_NOTIFY_API_KEY = env.str("LINKPAD_NOTIFY_API_KEY", default="")
LINKPAD_NOTIFY_SMS_TEMPLATE_ID = env.str("LINKPAD_NOTIFY_SMS_TEMPLATE_ID", default="")
LINKPAD_NOTIFY_BASE_URL = env.str(
    "LINKPAD_NOTIFY_BASE_URL", default="https://api.notifications.service.gov.uk"
)
#: The address people reach Linkpad at, for links printed on paper (a guide's QR code) outside a request.
# The record-level (pseudonymised) core dataset download for programme managers; off where a programme's
# data sharing agreement allows aggregates only (docs/reporting.md).
LINKPAD_CORE_DATASET = env.bool("LINKPAD_CORE_DATASET", default=True)

# Impact runs started from the pages: "thread" (in the web process) or "worker" (`linkpad impact worker`).
LINKPAD_IMPACT_RUNNER = env.str("LINKPAD_IMPACT_RUNNER", default="thread")
if LINKPAD_IMPACT_RUNNER not in ("thread", "worker"):
    raise ImproperlyConfigured('LINKPAD_IMPACT_RUNNER must be "thread" or "worker".')

LINKPAD_SITE_URL = env.str("LINKPAD_SITE_URL", default="http://127.0.0.1:8000").rstrip("/")
VAR_DIR = Path(env.str("LINKPAD_VAR_DIR", default=str(BASE_DIR / "var")))

INSTALLED_APPS = [
    "linkpad.core.admin_config.LinkpadAdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "axes",
    "auditlog",
    "csp",
    "django_htmx",
    "ninja",
    "linkpad.core",
    "linkpad.accounts",
    "linkpad.geography",
    "linkpad.directory",
    "linkpad.referrals",
    "linkpad.casework",
    "linkpad.outcomes",
    "linkpad.impact",
    "linkpad.guides",
    "linkpad.reporting",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "csp.middleware.CSPMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "linkpad.accounts.middleware.TwoFactorRequiredMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "auditlog.middleware.AuditlogMiddleware",
    # AxesMiddleware must be last: it turns a locked-out sign-in into the lockout page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "linkpad.config.urls"
WSGI_APPLICATION = "linkpad.config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.jinja2.Jinja2",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {"environment": "linkpad.config.jinja2.environment"},
    },
    {
        # Only Django's own admin uses the Django template language.
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ]
        },
    },
]

DATABASES = {
    "default": env.db("DATABASE_URL", default=f"sqlite:///{VAR_DIR / 'linkpad.sqlite3'}"),
}
DATABASES["default"]["ATOMIC_REQUESTS"] = True
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {
            "transaction_mode": "IMMEDIATE",
            "timeout": 20,
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON;",
        }
    )
else:
    DATABASES["default"]["CONN_MAX_AGE"] = env.int("CONN_MAX_AGE", default=60)
    DATABASES["default"]["CONN_HEALTH_CHECKS"] = True

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 12}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
CSRF_FAILURE_VIEW = "linkpad.core.errors.csrf_failure"
vars().update(env.email_url("EMAIL_URL", default="consolemail://"))
DEFAULT_FROM_EMAIL = env.str("DEFAULT_FROM_EMAIL", default="Linkpad <no-reply@linkpad.invalid>")
LOGIN_URL = "accounts:sign-in"
LOGIN_REDIRECT_URL = "core:home"
LOGOUT_REDIRECT_URL = "core:home"

# Sign-in throttling: five failures for one email from one address locks that pair for 15 minutes.
AXES_FAILURE_LIMIT = env.int("AXES_FAILURE_LIMIT", default=5)
AXES_COOLOFF_TIME = env.float("AXES_COOLOFF_HOURS", default=0.25)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_USERNAME_FORM_FIELD = "email"
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "linkpad.accounts.views.sign_in.locked_out"
AXES_IPWARE_META_PRECEDENCE_ORDER = ["REMOTE_ADDR"]

OTP_TOTP_ISSUER = "Linkpad"

SESSION_COOKIE_AGE = env.int("SESSION_COOKIE_AGE", default=8 * 60 * 60)
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_HTTPONLY = True

LANGUAGE_CODE = "en-gb"
TIME_ZONE = "Europe/London"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = Path(env.str("STATIC_ROOT", default=str(VAR_DIR / "static")))
# The NHS.UK frontend stylesheet refers to its icons at /assets/…, so they are served from the site root.
WHITENOISE_ROOT = PACKAGE_DIR / "core" / "public"

SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"

# Strict, nonce-based Content Security Policy: no inline script or style without this request's nonce.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF, NONCE],
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

if LINKPAD_MAP_TILES_URL:  # the browser fetches tiles from the tile server, so CSP must allow it
    from urllib.parse import urlsplit

    _tiles = urlsplit(LINKPAD_MAP_TILES_URL.replace("{s}", "a"))
    CONTENT_SECURITY_POLICY["DIRECTIVES"]["img-src"].append(f"{_tiles.scheme}://{_tiles.netloc}")

AUDITLOG_INCLUDE_ALL_MODELS = False
AUDITLOG_DISABLE_REMOTE_ADDR = False

NINJA_PAGINATION_PER_PAGE = 50

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s: %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": env.str("LOG_LEVEL", default="INFO")},
    # WeasyPrint reports every step of every PDF at INFO; its warnings (a missing font, a bad CSS rule) still show.
    "loggers": {
        "axes": {"level": "WARNING"},
        "weasyprint": {"level": "WARNING"},
        "fontTools": {"level": "WARNING"},
    },
}
