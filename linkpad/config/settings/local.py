"""Settings for a developer's machine and for `make run`: DEBUG on, a throwaway secret."""

from .base import *  # noqa: F403
from .base import env

DEBUG = env.bool("DEBUG", default=True)
SECRET_KEY = env.str("SECRET_KEY", default="insecure-local-development-key-not-for-production")  # noqa: S105
LINKPAD_DEMO = env.bool("LINKPAD_DEMO", default=True)
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = DEBUG
