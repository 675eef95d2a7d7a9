from django.apps import AppConfig


class CaseworkConfig(AppConfig):
    name = "linkpad.casework"
    label = "casework"
    verbose_name = "Casework: episodes with the people referred"

    def ready(self) -> None:
        from auditlog.registry import auditlog

        from . import models

        # Who changed what in someone's casework.
        for model in (
            models.Episode,
            models.EpisodeStatus,
            models.WhatMatters,
            models.Need,
            models.Goal,
            models.GoalNote,
            models.Contact,
            models.Task,
            models.Closure,
            models.RiskFlag,
            models.Escalation,
        ):
            auditlog.register(model)
        auditlog.register(models.Link, exclude_fields=["answer_key"])  # part of a secret link
        auditlog.register(models.LinkStatus)
