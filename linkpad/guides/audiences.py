"""Who an "at a glance" guide is for, and so which ages its supports must take.

A guide is for adults unless asked otherwise: a youth group (12 to 25) is no use to most people a GP
hands a low mood guide to. A support counts when it takes someone somewhere in the audience's ages,
so an over-50s group is in the adults' guide and a group for 16 to 30 in the young people's.

>>> audience_for(None).label, audience_for("young-people").ages
('Adults', (12, 25))
>>> audience_for("everyone").ages is None
True
"""

from dataclasses import dataclass

DEFAULT_AUDIENCE = "adults"
UNKNOWN_AUDIENCE = "Choose who the guide is for: {choices}."


@dataclass(frozen=True)
class Audience:
    slug: str
    label: str  # "Adults", shown in the form and on the guide
    ages: tuple[int, int] | None  # youngest and oldest; None: any age


AUDIENCES: dict[str, Audience] = {
    audience.slug: audience
    for audience in (
        Audience("adults", "Adults", (26, 64)),
        Audience("young-people", "Young people (12 to 25)", (12, 25)),
        Audience("older-people", "Older people (65 and over)", (65, 120)),
        Audience("everyone", "Everyone", None),
    )
}


class UnknownAudience(ValueError):
    pass


def audience_for(slug: str | None) -> Audience:
    audience = AUDIENCES.get((slug or DEFAULT_AUDIENCE).strip())
    if audience is None:
        choices = ", ".join(a.slug for a in AUDIENCES.values())
        raise UnknownAudience(UNKNOWN_AUDIENCE.format(choices=choices))
    return audience
