"""Settings for the test suite.

Only what tests need differently lives here; the database still comes from DATABASE_URL so the
same suite runs on SQLite and PostgreSQL.
"""

from .base import *  # noqa: F403
from .base import env

DEBUG = False
SECRET_KEY = "test-secret-key-used-only-by-the-test-suite"  # noqa: S105
LINKPAD_DEMO = False
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]  # fast; tests never keep passwords
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
DATABASES = {"default": env.db("DATABASE_URL", default="sqlite:///:memory:")}
DATABASES["default"]["ATOMIC_REQUESTS"] = True
WHITENOISE_USE_FINDERS = True  # serve static files straight from the apps; no collectstatic in tests
WHITENOISE_AUTOREFRESH = True
# The ORUK contract tests make hundreds of requests from one address; the rate limit has its own test.
LINKPAD_OPEN_API_RATE = ""
LINKPAD_PUBLIC_FORM_RATE = ""  # the limit has its own test
