"""The authenticated API at /api/v1/. Every endpoint needs a bearer token and sees what the token's user
would see in the pages: the same scoped, audited selectors, the same forms and the same services.

One module per resource; `errors` says how the API refuses, in one shape.
"""

from ninja import NinjaAPI

from ..auth import BearerToken
from . import episodes, errors, links, me, people, referrals

api = NinjaAPI(
    title="Linkpad API",
    version="1",
    urls_namespace="api-v1",
    auth=BearerToken(),
    description=(
        "Authenticated API. Send `Authorization: Bearer <token>`; make a token with `linkpad token create "
        "EMAIL`. You see what you would see in Linkpad's pages; anything else answers 404. Bad input answers "
        "422 with the fields at fault; a stale episode `version` answers 409."
    ),
)
errors.register(api)
api.add_router("/me", me.router)
api.add_router("/people", people.router)
api.add_router("/referrals", referrals.router)
api.add_router("/episodes", episodes.router)
api.add_router("/links", links.router)
