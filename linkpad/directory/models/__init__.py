"""The directory's data model: Open Referral HSDS 3.0, plus what Scotland and CLPs need.

Table and field names follow HSDS 3.0 (including its US spelling, `Organization`) so import, export and
the Open Referral UK API map one to one. Every row keeps the HSDS `id` it was imported with as its
primary key, so re-importing the same data updates rather than duplicates. Linkpad's additions are
marked in each model's docstring.
"""

from .details import Contact, Language, Phone, Schedule
from .listings import (
    ListingChange,
    ListingClaim,
    ListingProblem,
    ProblemKind,
    ReviewState,
    Shortlist,
    ShortlistItem,
)
from .locations import Accessibility, Address, Location, ServiceAtLocation
from .organizations import Organization
from .phrases import CategoryPhrase
from .search import SearchIndexState, ServiceSearchIndex
from .services import Capacity, CostOption, ReferralRoute, Service, ServiceArea, ServiceStatus
from .taxonomy import Attribute, Taxonomy, TaxonomyTerm

__all__ = [
    "Accessibility",
    "Address",
    "Attribute",
    "Capacity",
    "CategoryPhrase",
    "Contact",
    "CostOption",
    "Language",
    "ListingChange",
    "ListingClaim",
    "ListingProblem",
    "Location",
    "Organization",
    "Phone",
    "ProblemKind",
    "ReferralRoute",
    "ReviewState",
    "Schedule",
    "SearchIndexState",
    "Service",
    "ServiceArea",
    "ServiceAtLocation",
    "ServiceSearchIndex",
    "ServiceStatus",
    "Shortlist",
    "ShortlistItem",
    "Taxonomy",
    "TaxonomyTerm",
]
