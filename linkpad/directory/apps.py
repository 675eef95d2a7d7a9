from django.apps import AppConfig


class DirectoryConfig(AppConfig):
    name = "linkpad.directory"
    label = "directory"
    verbose_name = "Directory of community supports"

    def ready(self) -> None:
        from auditlog.registry import auditlog

        from . import models

        # Change history of listings: who changed what, shown to editors on each service.
        for model in (models.Organization, models.Service, models.Location, models.Schedule, models.Phone):
            auditlog.register(model)
        auditlog.register(models.ListingClaim)
        auditlog.register(models.ListingChange)
        # Who added or removed which "what people say" phrase (the vector is not history).
        auditlog.register(models.CategoryPhrase, exclude_fields=["embedding", "model_name"])
