from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "linkpad.accounts"
    label = "accounts"
    verbose_name = "Accounts and organisations"

    def ready(self) -> None:
        from auditlog.registry import auditlog

        from .models import ApiToken, Membership, Organisation, User

        auditlog.register(User, exclude_fields=["password", "last_login"])
        auditlog.register(Organisation)
        auditlog.register(Membership)
        auditlog.register(ApiToken, exclude_fields=["key_hash"])
