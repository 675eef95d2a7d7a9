from django.apps import AppConfig


class OutcomesConfig(AppConfig):
    name = "linkpad.outcomes"
    label = "outcomes"
    verbose_name = "Outcomes: measures recorded in casework and change over time"

    def ready(self) -> None:
        from auditlog.registry import auditlog

        from . import models

        # Who recorded or changed someone's answers.
        auditlog.register(models.Administration)
