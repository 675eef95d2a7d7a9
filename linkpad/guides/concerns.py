"""What an "at a glance" guide can be about, and the plain-English sections each one has.

Each section is filled by the one directory search, with the section's `search` words, so a new
concern or section is a few lines here. Everything printed from this file is the guide's own wording:
tests check that it reads easily (Flesch reading ease of at least 60).
"""

from dataclasses import dataclass

DEFAULT_CONCERN = "low-mood"
UNKNOWN_CONCERN = "Choose what the guide is about: {choices}."


@dataclass(frozen=True)
class Section:
    heading: str  # "If money is worrying you"
    search: str  # the words given to search_services, as a person might say them


@dataclass(frozen=True)
class Concern:
    slug: str
    title: str  # "Low mood and depression"
    introduction: str
    sections: tuple[Section, ...]


FEEL_ALONE = Section(
    "If you feel alone", "lonely and isolated, want to meet people, social group and company"
)
MONEY = Section("If money is worrying you", "money worries, debt, benefits and bills advice")
TALK = Section("If you feel low", "feeling low or depressed, someone to talk to, mental health support group")
ACTIVE = Section(
    "If you want to get out and move more", "walking group, gentle exercise and activity outdoors"
)

CONCERNS: dict[str, Concern] = {
    concern.slug: concern
    for concern in (
        Concern(
            "low-mood",
            "Low mood and depression",
            "Feeling low can have many causes. Money, living alone or a loss can all play a part. "
            "These local groups can help with what lies behind it. You can go to most of them on your own.",
            (TALK, MONEY, FEEL_ALONE, ACTIVE),
        ),
        Concern(
            "money-worries",
            "Money worries",
            "Money worries are hard to carry on your own. Free and private advice can make a big difference. "
            "These local services can help you sort things out.",
            (
                Section("If you owe money", "debt advice, rent arrears, council tax and money owed"),
                Section("If you need help with benefits", "benefits advice and help to claim"),
                Section(
                    "If you cannot afford food or heating", "food bank, free food and help with energy bills"
                ),
            ),
        ),
        Concern(
            "loneliness",
            "Loneliness",
            "Lots of people feel alone at times. It is not your fault. "
            "These local groups are a good way to meet people and feel part of things.",
            (
                FEEL_ALONE,
                Section("If you want to try something new", "classes, hobbies, arts and volunteering"),
                Section("If you look after someone", "support for unpaid carers"),
            ),
        ),
        Concern(
            "bereavement",
            "Bereavement",
            "Grief can be very hard. There is no right way to feel. "
            "These local groups help people after someone close to them has died.",
            (
                Section("If someone close to you has died", "bereavement support after a death, grief"),
                Section(
                    "If you want to meet others who have lost someone",
                    "bereavement group or grief cafe to meet others",
                ),
                FEEL_ALONE,
            ),
        ),
        Concern(
            "stress-and-anxiety",
            "Stress and anxiety",
            "Everyone feels stressed or worried at times. When it does not go away, help is near. "
            "These local groups can help you cope and feel calmer.",
            (
                Section("If you feel worried or stressed", "anxiety and stress, worried all the time, panic"),
                Section("If you want to learn ways to cope", "course or class to manage stress and mood"),
                MONEY,
            ),
        ),
        Concern(
            "getting-active",
            "Getting active",
            "Moving more is good for your body and your mood. You do not need to be fit to start. "
            "These local groups welcome people of all ages and abilities.",
            (
                ACTIVE,
                Section(
                    "If you have a health problem", "exercise referral for people with a health condition"
                ),
                Section("If you like being outside", "gardening, green spaces and nature groups"),
            ),
        ),
    )
}

#: The sentences every guide prints around its sections (see guides/_guide_body.jinja).
CRISIS_HEADING = "If you need someone to talk to right now"
CRISIS_INTRODUCTION = "These lines are free and private. You do not need to give your name."
CHECK_BEFORE_YOU_GO = "Check before you go. Times and places can change. Phone or email first if you can."
NOTHING_NEAR = "We did not find a group near you for this. Ask your GP practice who can help."
LIVE_PAGE = "Scan the code or go to the web page to see this guide as it is today."
HOW_TO_USE = "Pick one or two things that feel right for you. You can take someone with you."

FIXED_WORDING = (
    CRISIS_HEADING,
    CRISIS_INTRODUCTION,
    CHECK_BEFORE_YOU_GO,
    NOTHING_NEAR,
    LIVE_PAGE,
    HOW_TO_USE,
)


class UnknownConcern(ValueError):
    pass


def concern_for(slug: str | None) -> Concern:
    """The concern with this slug (the default when none is given), or UnknownConcern.

    >>> concern_for(None).title
    'Low mood and depression'
    >>> concern_for("loneliness").sections[0].heading
    'If you feel alone'
    """
    slug = (slug or DEFAULT_CONCERN).strip().lower()
    if slug not in CONCERNS:
        raise UnknownConcern(UNKNOWN_CONCERN.format(choices=", ".join(CONCERNS)))
    return CONCERNS[slug]


def guide_wording(concern: Concern) -> str:
    """All the words a guide about this concern prints of its own (not the listings), for checking."""
    parts = [concern.title + ".", concern.introduction, *(s.heading + "." for s in concern.sections)]
    return " ".join([*parts, *FIXED_WORDING])
