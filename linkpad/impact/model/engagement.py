"""Engagement: who joins the list, who gives up waiting, who is seen and who engages (>= 3 contacts)."""

import numpy as np


def flow(referrals, uptake, gave_up_share, engaged_share, frequency):
    """Yearly counts along the path from referral to engagement.

    `uptake` is the share taking up the offer (joining the list); of those, `gave_up_share` leave before
    a first appointment; of those seen, `engaged_share x frequency` see the CLP three or more times
    (Mercer 2019's engaged group; spreading a post lowers it). "Linked" means engaged.

    >>> f = flow(1000.0, 0.8, 0.25, 0.45, 1.0)
    >>> {k: round(float(v), 1) for k, v in f.items()}
    {'referrals': 1000.0, 'joined': 800.0, 'gave_up_waiting': 200.0, 'seen': 600.0, 'linked': 270.0}
    """
    joined = np.asarray(referrals) * uptake
    gave_up = joined * gave_up_share
    seen = joined - gave_up
    return {
        "referrals": np.asarray(referrals, dtype=float),
        "joined": joined,
        "gave_up_waiting": gave_up,
        "seen": seen,
        "linked": seen * np.asarray(engaged_share) * frequency,
    }
