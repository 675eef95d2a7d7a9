"""The authenticated API at /api/v1/. Every endpoint needs a bearer token."""

from ninja import NinjaAPI, Schema

from linkpad.accounts.selectors import memberships_of

from .auth import BearerToken

api = NinjaAPI(
    title="Linkpad API",
    version="1",
    urls_namespace="api-v1",
    auth=BearerToken(),
    description="Authenticated API. Send `Authorization: Bearer <token>`; make a token with `linkpad token create EMAIL`.",
)


class MembershipOut(Schema):
    organisation: str
    organisation_kind: str
    role: str


class MeOut(Schema):
    email: str
    full_name: str
    memberships: list[MembershipOut]


@api.get("/me", response=MeOut, summary="Who the token belongs to")
def me(request):
    memberships = [
        MembershipOut(organisation=m.organisation.name, organisation_kind=m.organisation.kind, role=m.role)
        for m in memberships_of(user=request.auth)
    ]
    return MeOut(email=request.auth.email, full_name=request.auth.full_name, memberships=memberships)
