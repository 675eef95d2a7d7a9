"""What each kind of user sees first when they open Linkpad.

Each role's section lists the things that person does first. Apps add their own entries by
appending to HOME_ACTIONS as they gain pages, so the home page grows with the product.
"""

from dataclasses import dataclass, field

from django.urls import reverse

from linkpad.accounts.models import Role


@dataclass(frozen=True)
class HomeAction:
    title: str
    description: str
    url_name: str

    @property
    def href(self) -> str:
        return reverse(self.url_name)


@dataclass(frozen=True)
class RoleHome:
    role: str
    heading: str
    introduction: str
    actions: list[HomeAction] = field(default_factory=list)


POSTCODE_LOOKUP = HomeAction(
    "Look up a postcode",
    "Find the neighbourhood, council, health board and deprivation decile (SIMD) for a postcode.",
    "geography:postcode",
)
FIND_SUPPORT = HomeAction(
    "Find local support",
    "Describe what is going on in everyday words and find community supports nearby.",
    "directory:search",
)
REFERRALS_TO_YOU = HomeAction(
    "Referrals to you",
    "People a community links practitioner has referred to you: accept, decline or confirm they came.",
    "casework:inbox",
)
LOOK_AFTER_LISTINGS = HomeAction(
    "Look after listings",
    "Claims, changes and problem reports waiting, and listings due to be checked.",
    "directory:manage",
)
ACCOUNT = HomeAction(
    "Your account", "Your organisations, two-factor sign-in and API tokens.", "accounts:account"
)
TEAM = HomeAction("Your team", "Who works in the organisations you look after.", "accounts:team")
WAITING_LIST = HomeAction(
    "Waiting list",
    "The people referred to you at each practice you serve, most urgent and longest waiting first.",
    "referrals:waiting",
)
CASELOAD = HomeAction(
    "Your caseload",
    "The people you are working with, by stage, with the reminders due.",
    "casework:caseload",
)
REFER_SOMEONE = HomeAction(
    "Refer someone",
    "Refer a patient to your practice's community links practitioner. It takes about a minute.",
    "referrals:refer",
)
GP_INBOX = HomeAction(
    "Messages from your CLPs",
    "What happened to the people your practice referred, unread first. Print, download or export each one.",
    "referrals:gp-inbox",
)
YOUR_REFERRALS = HomeAction(
    "Your referrals",
    "The people your practice referred, where each referral is up to, and how long they have waited.",
    "referrals:yours",
)
PRINT_GUIDE = HomeAction(
    "Print the at a glance guide",
    "Local support for low mood and what lies behind it, near your practice, to hand to a patient.",
    "guides:practice",
)
MAKE_GUIDE = HomeAction(
    "At a glance guides",
    "Print a one or two page guide to local support for a worry, near any postcode.",
    "guides:guide",
)
ABOUT_DATA = HomeAction("About the data", "Where Linkpad's reference data comes from.", "core:about-data")
PROGRAMME_REPORT = HomeAction(
    "Programme report",
    "Referrals, who is referred, waits, links, outcomes and closures across your practices, with downloads.",
    "reporting:dashboard",
)
GAPS_IN_PROVISION = HomeAction(
    "Gaps in provision",
    "Needs people raised with no assured local support nearby, by neighbourhood; stale and full listings.",
    "reporting:gaps",
)
IMPACT = HomeAction(
    "Impact of changing posts",
    "Model keeping, cutting or expanding CLP posts: waits, people linked, wellbeing and costs, with a report.",
    "impact:scenarios",
)

ROLE_HOMES: dict[str, RoleHome] = {
    Role.LINK_PRACTITIONER: RoleHome(
        Role.LINK_PRACTITIONER,
        "Your caseload",
        "Start with the people waiting for you, then the follow-ups due today.",
        [WAITING_LIST, CASELOAD, FIND_SUPPORT, POSTCODE_LOOKUP],
    ),
    Role.PRACTICE_STAFF: RoleHome(
        Role.PRACTICE_STAFF,
        "Refer someone to your community links practitioner",
        "Refer a patient whose health is affected by what life has thrown at them, and read the messages back.",
        [REFER_SOMEONE, PRINT_GUIDE, GP_INBOX, YOUR_REFERRALS, FIND_SUPPORT, POSTCODE_LOOKUP],
    ),
    Role.PROGRAMME_MANAGER: RoleHome(
        Role.PROGRAMME_MANAGER,
        "How the programme is doing",
        "See referrals, waits, links and outcomes across your practices, and test what changing posts would do.",
        [PROGRAMME_REPORT, GAPS_IN_PROVISION, IMPACT, POSTCODE_LOOKUP, ABOUT_DATA],
    ),
    Role.COMMUNITY_STAFF: RoleHome(
        Role.COMMUNITY_STAFF,
        "Referrals to your organisation",
        "Accept the people referred to you, and keep your listings in the directory up to date.",
        [REFERRALS_TO_YOU, LOOK_AFTER_LISTINGS],
    ),
    Role.DIRECTORY_EDITOR: RoleHome(
        Role.DIRECTORY_EDITOR,
        "Keep the directory fresh",
        "Check listings that are due for review and import new ones.",
        [LOOK_AFTER_LISTINGS, FIND_SUPPORT],
    ),
    Role.ADMIN: RoleHome(
        Role.ADMIN,
        "Administration",
        "Look after the people and organisations using Linkpad.",
        [TEAM],
    ),
}

PUBLIC_ACTIONS = [FIND_SUPPORT, MAKE_GUIDE, POSTCODE_LOOKUP, ABOUT_DATA]


def homes_for(roles: set[str]) -> list[RoleHome]:
    """The home sections for a user's roles, in a fixed order."""
    return [home for role, home in ROLE_HOMES.items() if role in roles]
