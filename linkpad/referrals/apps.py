from django.apps import AppConfig


class ReferralsConfig(AppConfig):
    name = "linkpad.referrals"
    label = "referrals"
    verbose_name = "Referrals and the waiting list"

    def ready(self) -> None:
        from auditlog.registry import auditlog

        from . import models

        # Who changed what about the people referred and their referrals.
        for model in (
            models.Person,
            models.Referral,
            models.ReferralReason,
            models.ReferralStatus,
            models.ContactAttempt,
            models.GpMessage,
        ):
            auditlog.register(model)
