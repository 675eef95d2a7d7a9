"""What a place lookup gives back, and how precise it is."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal

if TYPE_CHECKING:
    from .models import DataZone

#: How the point was found. "postcode" is the postcode's own centroid; "sector" and "district"
#: are the mean of their postcodes (an unknown or partial postcode); "neighbourhood" is the
#: population-weighted centre of an intermediate zone's data zones.
Precision = Literal["postcode", "sector", "district", "neighbourhood"]


class NeighbourhoodError(LookupError):
    """A neighbourhood name that cannot be placed. The message is fit to show a user."""


class NeighbourhoodNotFound(NeighbourhoodError):
    """No neighbourhood (intermediate zone) has that name."""


class AmbiguousNeighbourhood(NeighbourhoodError):
    """Several councils have a neighbourhood of that name, e.g. Woodside in Aberdeen and Glasgow.

    `councils` lists the (council code, council name) pairs to choose from.
    """

    def __init__(self, message: str, *, councils: list[tuple[str, str]]) -> None:
        super().__init__(message)
        self.councils = councils


@dataclass(frozen=True)
class Place:
    """A point to measure distances from, with enough context to say how far to trust it.

    `query` is what was asked for, as typed. `name` is the canonical name of what was matched
    ("G11 5AA", "G11 5", "G11" or "Possil Park"). `postcode` is the normalised full postcode when
    the query was one, even if it was not found and the point is only its sector's or district's.
    `datazone` (and so SIMD) is only known for a matched postcode. `in_use` is None when no
    postcode row was matched.
    """

    query: str
    name: str
    postcode: str | None
    latitude: float
    longitude: float
    precision: Precision
    datazone: DataZone | None = None
    in_use: bool | None = None

    @property
    def is_exact(self) -> bool:
        """True when the point is the postcode itself, not an area's centre."""
        return self.precision == "postcode"
