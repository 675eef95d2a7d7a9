from django.core.management import BaseCommand, CommandError

from linkpad.accounts.models import ApiToken
from linkpad.accounts.services import AccountError, api_token_create, api_token_revoke, user_by_email


class Command(BaseCommand):
    help = "Create, list or revoke API bearer tokens for /api/v1/ (linkpad token create EMAIL)."

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        create = sub.add_parser("create", help="Print a new bearer token for a user.")
        create.add_argument("email")
        create.add_argument("--name", default="", help="What the token is for.")
        create.add_argument("--days", type=int, default=None, help="Expire after this many days.")
        listing = sub.add_parser("list", help="List a user's tokens (never the secrets).")
        listing.add_argument("email")
        revoke = sub.add_parser("revoke", help="Stop a token working, by its prefix.")
        revoke.add_argument("prefix")

    def handle(self, *args, action, **options):
        try:
            getattr(self, f"handle_{action}")(**options)
        except AccountError as error:
            raise CommandError(str(error)) from error

    def handle_create(self, *, email, name, days, **options):
        token, raw = api_token_create(user=user_by_email(email=email), name=name, expires_in_days=days)
        self.stderr.write(f"Token for {token.user.email}. Keep it secret: it is shown only once.")
        self.stdout.write(raw)

    def handle_list(self, *, email, **options):
        for token in ApiToken.objects.filter(user=user_by_email(email=email)):
            state = "revoked" if token.revoked_at else "active"
            self.stdout.write(f"lp_{token.prefix}  {state:<8} made {token.created_at:%Y-%m-%d}  {token.name}")

    def handle_revoke(self, *, prefix, **options):
        prefix = prefix.removeprefix("lp_").split("_")[0]
        token = ApiToken.objects.filter(prefix=prefix, revoked_at__isnull=True).first()
        if token is None:
            raise CommandError(f"There is no active token starting lp_{prefix}.")
        api_token_revoke(token=token)
        self.stdout.write(f"Revoked lp_{prefix}.")
