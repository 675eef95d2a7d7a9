"""`GET /me`: who the token belongs to."""

from ninja import Router, Schema

from linkpad.accounts.selectors import memberships_of

router = Router(tags=["me"])


class MembershipOut(Schema):
    organisation: str
    organisation_kind: str
    role: str


class MeOut(Schema):
    email: str
    full_name: str
    memberships: list[MembershipOut]


@router.get("", response=MeOut, summary="Who the token belongs to")
def me(request):
    memberships = [
        MembershipOut(organisation=m.organisation.name, organisation_kind=m.organisation.kind, role=m.role)
        for m in memberships_of(user=request.auth)
    ]
    return MeOut(email=request.auth.email, full_name=request.auth.full_name, memberships=memberships)
