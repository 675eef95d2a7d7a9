"""CHI numbers: every number built with a correct check digit passes, and one changed digit fails."""

import datetime as dt
import re

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from linkpad.referrals.chi import (
    CHI_BAD_CHECK_DIGIT,
    CHI_BAD_DATE,
    CHI_NOT_DIGITS,
    CHI_WRONG_LENGTH,
    ChiError,
    check_digit,
    chi_matches_birth_date,
    chi_sex,
    is_valid_chi,
    validate_chi,
)

births = st.dates(min_value=dt.date(1900, 1, 1), max_value=dt.date(2025, 12, 31))


@st.composite
def valid_chis(draw) -> tuple[str, dt.date]:
    born = draw(births)
    first_nine = f"{born:%d%m%y}" + draw(st.text("0123456789", min_size=3, max_size=3))
    check = check_digit(first_nine)
    assume(check is not None)
    return f"{first_nine}{check}", born


@given(valid_chis())
def test_a_number_with_a_correct_check_digit_is_valid(chi_and_birth):
    chi, born = chi_and_birth
    assert validate_chi(chi) == chi
    assert chi_matches_birth_date(chi, born)
    assert chi_sex(chi) == ("female" if int(chi[8]) % 2 == 0 else "male")


@given(valid_chis(), st.integers(min_value=0, max_value=9), st.integers(min_value=1, max_value=9))
def test_changing_any_single_digit_makes_it_invalid(chi_and_birth, position, change):
    chi, _ = chi_and_birth
    digit = (int(chi[position]) + change) % 10
    typo = chi[:position] + str(digit) + chi[position + 1 :]
    assert not is_valid_chi(typo)


@given(st.text(min_size=0, max_size=14))
def test_any_text_is_either_valid_or_refused_in_plain_words(text):
    try:
        validate_chi(text)
    except ChiError as error:
        assert str(error) in {CHI_WRONG_LENGTH, CHI_NOT_DIGITS, CHI_BAD_DATE, CHI_BAD_CHECK_DIGIT}


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", CHI_WRONG_LENGTH),
        ("123456789", CHI_WRONG_LENGTH),
        ("01010112370", CHI_WRONG_LENGTH),
        ("０１０１０１１２３７", CHI_NOT_DIGITS),  # full-width digits are not what a CHI number is made of
        ("3213991234", CHI_BAD_DATE),
        ("0101011230", CHI_BAD_CHECK_DIGIT),
    ],
)
def test_each_mistake_has_its_own_message(text, message):
    with pytest.raises(ChiError, match=re.escape(message)):
        validate_chi(text)


def test_spaces_and_hyphens_are_allowed():
    assert validate_chi("010 101-1237") == "0101011237"
