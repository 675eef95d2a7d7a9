"""Casework data: episodes and what is recorded in them (episodes.py), links to supports (links.py), and
safeguarding: risk flags and escalations (safeguarding.py)."""

from .episodes import *  # noqa: F403
from .episodes import episode_scope  # noqa: F401
from .links import *  # noqa: F403
from .safeguarding import *  # noqa: F403
