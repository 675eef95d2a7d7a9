from ninja.security import HttpBearer

from linkpad.accounts.selectors import api_token_user


class BearerToken(HttpBearer):
    """`Authorization: Bearer lp_…` with a token made by `linkpad token create EMAIL`."""

    def authenticate(self, request, token: str):
        user = api_token_user(raw=token)
        if user is not None:
            request.user = user
        return user
