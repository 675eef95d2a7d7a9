"""Lists in /api/v1/ come a page at a time: `limit` (at most 100) items from `offset`."""

from django.db.models import QuerySet
from ninja import Field, Path, Schema

MAX_LIMIT = 100
#: The largest id, offset or version a client may send: past this, databases cannot compare, so it
#: answers 422 rather than failing.
MAX_ID = 2**31 - 1


class PageParams(Schema):
    limit: int = Field(50, ge=1, le=MAX_LIMIT, description=f"How many items, from 1 to {MAX_LIMIT}.")
    offset: int = Field(0, ge=0, le=MAX_ID, description="How many items to skip.")


class Page(Schema):
    count: int = Field(description="How many items match, on every page.")
    limit: int
    offset: int


def page_of(items: QuerySet, *, limit: int, offset: int) -> tuple[int, list]:
    """How many items there are, and the ones on this page."""
    return items.count(), list(items[offset : offset + limit])


def id_in_path(name: str):
    """A path parameter that answers 422, not 500, for an id no database could hold."""
    return Path(..., ge=1, le=MAX_ID, description=f"The {name}'s id.")
