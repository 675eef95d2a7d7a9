"""Referral data: people, referrals and the waiting list (referrals.py), and messages back to the GP
(gp_messages.py). Everything is importable from `linkpad.referrals.models` as before."""

from .gp_messages import *  # noqa: F403
from .referrals import *  # noqa: F403
from .referrals import WAITING, practices_served_by, referral_scope  # noqa: F401
