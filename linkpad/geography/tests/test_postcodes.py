import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from linkpad.geography.postcodes import (
    PostcodeError,
    PostcodeNotFound,
    normalise_postcode,
    outcode_of,
    parse_postcode,
    sector_of,
)

NORMAL_FORM = re.compile(r"[A-Z]{1,2}[0-9][A-Z0-9]? [0-9][A-Z]{2}")
# Every outward-code shape (A9, A99, AA9, AA99, A9A, AA9A) followed by an inward code.
compact_postcodes = st.from_regex(r"[A-Z]{1,2}[0-9][A-Z0-9]?[0-9][A-Z]{2}", fullmatch=True)
whitespace = st.text(alphabet=" \t\n\u00a0\u2003", max_size=3)
# database=None: no .hypothesis/ example folder is written into the working tree.
no_example_database = settings(database=None, max_examples=300)


@st.composite
def typed_versions(draw, compact: str) -> str:
    """The compact postcode as someone might type it: any case, whitespace anywhere."""
    pieces = [draw(whitespace)]
    for character in compact:
        pieces.append(character.lower() if draw(st.booleans()) else character)
        pieces.append(draw(whitespace))
    return "".join(pieces)


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("G11 5AA", "G11 5AA"),
        ("g115aa", "G11 5AA"),
        ("  g11   5aa ", "G11 5AA"),
        ("G\t11\n5AA", "G11 5AA"),
        ("eh11yz", "EH1 1YZ"),
        ("ab101aa", "AB10 1AA"),
        ("W1A 1AA", "W1A 1AA"),
        ("ec1a1bb", "EC1A 1BB"),
        ("ZZ99 3VZ", "ZZ99 3VZ"),  # the NHS "no fixed abode" pseudo-postcode is shaped like one
    ],
)
def test_normalise_postcode(typed, expected):
    assert normalise_postcode(typed) == expected


@pytest.mark.parametrize(
    "typed", ["G11", "G11 5", "G11 5A", "G11 5AAA", "115AA", "GGG1 5AA", "G11 5A4", "hello", "1"]
)
def test_normalise_rejects_things_that_are_not_full_postcodes(typed):
    with pytest.raises(PostcodeError, match=r"^Enter a full postcode, like G11 5AA$"):
        normalise_postcode(typed)


@pytest.mark.parametrize("typed", ["", "   ", "\t"])
def test_normalise_asks_for_a_postcode_when_given_nothing(typed):
    with pytest.raises(PostcodeError, match=r"^Enter a postcode, like G11 5AA$"):
        normalise_postcode(typed)


def test_postcode_not_found_is_a_postcode_error_and_a_value_error():
    assert issubclass(PostcodeNotFound, PostcodeError)
    assert issubclass(PostcodeError, ValueError)


@no_example_database
@given(compact_postcodes.flatmap(lambda compact: st.tuples(st.just(compact), typed_versions(compact))))
def test_normalise_ignores_spaces_and_case_and_is_idempotent(example):
    compact, typed = example
    normal = normalise_postcode(typed)
    assert normal == f"{compact[:-3]} {compact[-3:]}"
    assert NORMAL_FORM.fullmatch(normal)
    assert normalise_postcode(normal) == normal
    assert normalise_postcode(normal.lower()) == normal


@no_example_database
@given(st.text(max_size=12))
def test_normalise_either_gives_the_normal_form_or_a_postcode_error(text):
    try:
        normal = normalise_postcode(text)
    except PostcodeError as error:
        assert str(error).startswith("Enter a")
    else:
        assert NORMAL_FORM.fullmatch(normal)
        assert normalise_postcode(normal) == normal


@pytest.mark.parametrize(
    ("typed", "outcode", "sector", "postcode", "precision"),
    [
        ("g11 5aa", "G11", "G11 5", "G11 5AA", "postcode"),
        ("G11 5", "G11", "G11 5", None, "sector"),
        ("g11", "G11", None, None, "district"),
        ("AB10", "AB10", None, None, "district"),
        ("AB1 0", "AB1", "AB1 0", None, "sector"),  # with the space, an old Aberdeen sector
        ("eh1", "EH1", None, None, "district"),
    ],
)
def test_parse_postcode(typed, outcode, sector, postcode, precision):
    parts = parse_postcode(typed)
    assert (parts.outcode, parts.sector, parts.postcode, parts.precision) == (
        outcode,
        sector,
        postcode,
        precision,
    )


def test_outcode_and_sector_of():
    assert outcode_of("g11 5aa") == "G11"
    assert outcode_of("G11") == "G11"
    assert sector_of("g115aa") == "G11 5"
    assert sector_of("G11 5") == "G11 5"
    with pytest.raises(PostcodeError):
        sector_of("G11")
