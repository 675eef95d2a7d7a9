"""Reading postcodes that people type: normalising them and splitting them into their parts.

Pure functions, no database. Postcodes are typed in every way imaginable ("g115aa",
"G11  5AA", " g11 5aa\t"), so everything is compared in one normal form: upper case, one
space before the last three characters ("G11 5AA"). The shipped postcode file uses the same form.

The shape check is deliberately loose: outward code one or two letters, a digit, then an
optional letter or digit; inward code a digit and two letters. The official rules also restrict
which letters go where, but the NHS uses pseudo-postcodes such as ZZ99 3VZ ("no fixed abode")
that break them, and a lookup can say "not found" far more helpfully than a regex can.
"""

import re
from dataclasses import dataclass
from typing import Literal

OUTCODE_PATTERN = r"[A-Z]{1,2}[0-9][A-Z0-9]?"
INCODE_PATTERN = r"[0-9][A-Z]{2}"
_FULL = re.compile(rf"(?P<outcode>{OUTCODE_PATTERN})(?P<incode>{INCODE_PATTERN})")
_OUTCODE = re.compile(OUTCODE_PATTERN)
_SECTOR = re.compile(rf"(?P<outcode>{OUTCODE_PATTERN})\s+(?P<digit>[0-9])")

ENTER_A_POSTCODE = "Enter a postcode, like G11 5AA"
ENTER_A_FULL_POSTCODE = "Enter a full postcode, like G11 5AA"

Precision = Literal["postcode", "sector", "district"]


class PostcodeError(ValueError):
    """Text that cannot be used as a postcode. The message is plain English, fit to show a user."""


class PostcodeNotFound(PostcodeError):
    """A postcode-shaped text that is not in the reference data, not even its district."""


@dataclass(frozen=True)
class PostcodeParts:
    """What a typed postcode (full, sector like "G11 5", or district like "G11") breaks into.

    `sector` and `postcode` are None when the text stopped short of them.
    """

    outcode: str
    sector: str | None
    postcode: str | None

    @property
    def precision(self) -> Precision:
        if self.postcode:
            return "postcode"
        return "sector" if self.sector else "district"


def _compact(text: str) -> str:
    return "".join(str(text).split()).upper()


def parse_postcode(text: str) -> PostcodeParts:
    """Split a full postcode, a sector or a district into its parts, normalised.

    Spaces are ignored except that a sector must keep the space before its digit: "AB10" is a
    district, and so is "G15", but "AB1 0" and "G1 5" are sectors (of old AB1 and of G1).

    >>> parse_postcode("g115aa")
    PostcodeParts(outcode='G11', sector='G11 5', postcode='G11 5AA')
    >>> parse_postcode(" g11 5 ")
    PostcodeParts(outcode='G11', sector='G11 5', postcode=None)
    >>> parse_postcode("eh1").precision
    'district'
    >>> parse_postcode("AB1 0"), parse_postcode("AB10").precision
    (PostcodeParts(outcode='AB1', sector='AB1 0', postcode=None), 'district')
    >>> parse_postcode("G11 5A")
    Traceback (most recent call last):
      ...
    linkpad.geography.postcodes.PostcodeError: Enter a full postcode, like G11 5AA
    """
    compact = _compact(text)
    if not compact:
        raise PostcodeError(ENTER_A_POSTCODE)
    if match := _FULL.fullmatch(compact):
        outcode, incode = match["outcode"], match["incode"]
        return PostcodeParts(outcode=outcode, sector=f"{outcode} {incode[0]}", postcode=f"{outcode} {incode}")
    if match := _SECTOR.fullmatch(" ".join(str(text).split()).upper()):
        return PostcodeParts(
            outcode=match["outcode"], sector=f"{match['outcode']} {match['digit']}", postcode=None
        )
    if _OUTCODE.fullmatch(compact):
        return PostcodeParts(outcode=compact, sector=None, postcode=None)
    raise PostcodeError(ENTER_A_FULL_POSTCODE)


def normalise_postcode(text: str) -> str:
    """Return a full postcode in normal form, or raise PostcodeError saying what to enter.

    >>> normalise_postcode("g115aa")
    'G11 5AA'
    >>> normalise_postcode("  eh1   1yz\\t")
    'EH1 1YZ'
    >>> normalise_postcode("G 1 1 5 A A")
    'G11 5AA'
    >>> normalise_postcode("G11")
    Traceback (most recent call last):
      ...
    linkpad.geography.postcodes.PostcodeError: Enter a full postcode, like G11 5AA
    >>> normalise_postcode("")
    Traceback (most recent call last):
      ...
    linkpad.geography.postcodes.PostcodeError: Enter a postcode, like G11 5AA
    """
    parts = parse_postcode(text)
    if parts.postcode is None:
        raise PostcodeError(ENTER_A_FULL_POSTCODE)
    return parts.postcode


def outcode_of(text: str) -> str:
    """The outward code (postcode district) of a full postcode, a sector or a district.

    >>> outcode_of("g11 5aa")
    'G11'
    >>> outcode_of("EH11")
    'EH11'
    """
    return parse_postcode(text).outcode


def sector_of(text: str) -> str:
    """The sector ("G11 5") of a full postcode or a sector; a bare district has none.

    >>> sector_of("g115aa")
    'G11 5'
    >>> sector_of("G11")
    Traceback (most recent call last):
      ...
    linkpad.geography.postcodes.PostcodeError: Enter a full postcode, like G11 5AA
    """
    sector = parse_postcode(text).sector
    if sector is None:
        raise PostcodeError(ENTER_A_FULL_POSTCODE)
    return sector
