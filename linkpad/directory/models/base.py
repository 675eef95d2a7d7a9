import uuid

from django.db import models


def new_id() -> str:
    return str(uuid.uuid4())


class HsdsModel(models.Model):
    """An HSDS table: a string `id` (a UUID in HSDS 3.0, kept exactly as imported)."""

    id = models.CharField(primary_key=True, max_length=64, default=new_id, editable=False)

    class Meta:
        abstract = True


def text(**kwargs) -> models.TextField:
    return models.TextField(blank=True, default="", **kwargs)


def line(max_length: int = 255, **kwargs) -> models.CharField:
    return models.CharField(max_length=max_length, blank=True, default="", **kwargs)
