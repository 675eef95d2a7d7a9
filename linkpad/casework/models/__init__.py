"""Casework data: episodes and what is recorded in them (episodes.py), and links to supports (links.py)."""

from .episodes import *  # noqa: F403
from .episodes import episode_scope  # noqa: F401
from .links import *  # noqa: F403
