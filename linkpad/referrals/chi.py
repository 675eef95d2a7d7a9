"""CHI numbers: Scotland's Community Health Index number, the patient identifier in NHS Scotland.

Pure Python, no Django. A CHI number is 10 digits: a date of birth (DDMMYY), two digits, a digit
whose parity gives sex (even female, odd male), and a modulus-11 check digit.

>>> validate_chi("010101 1237")
'0101011237'
>>> chi_sex("0101011237")
'male'
>>> validate_chi("0101011238")
Traceback (most recent call last):
...
linkpad.referrals.chi.ChiError: This is not a valid CHI number. Check it for typing mistakes
"""

import datetime as dt
import re

CHI_WRONG_LENGTH = "Enter the CHI number as 10 digits"
CHI_NOT_DIGITS = "A CHI number can only contain the digits 0 to 9"
CHI_BAD_DATE = "The first 6 digits of a CHI number are a date of birth (day, month, year). Check the number"
CHI_BAD_CHECK_DIGIT = "This is not a valid CHI number. Check it for typing mistakes"

WEIGHTS = range(10, 1, -1)  # 10, 9, ..., 2 over the first nine digits


class ChiError(ValueError):
    """Text that is not a valid CHI number. The message is plain English, fit to show a user."""


def check_digit(first_nine: str) -> int | None:
    """The check digit for the first nine digits, or None when no tenth digit can make them valid.

    >>> check_digit("010101123")
    7
    >>> check_digit("311299000")
    5
    >>> check_digit("000000040") is None  # 4 x 3 = 12, 12 mod 11 = 1, and 11 - 1 = 10 is not a digit
    True
    """
    remainder = sum(int(digit) * weight for digit, weight in zip(first_nine, WEIGHTS, strict=True)) % 11
    check = 11 - remainder
    if check == 11:
        return 0
    return None if check == 10 else check


def birth_dates(chi: str) -> list[dt.date]:
    """The dates of birth the first six digits could mean: the year may be 19YY or 20YY.

    >>> birth_dates("290200")
    [datetime.date(2000, 2, 29)]
    >>> birth_dates("150384")
    [datetime.date(1984, 3, 15), datetime.date(2084, 3, 15)]
    >>> birth_dates("310499")
    []
    """
    day, month, year = int(chi[0:2]), int(chi[2:4]), int(chi[4:6])
    dates = []
    for century in (1900, 2000):
        try:
            dates.append(dt.date(century + year, month, day))
        except ValueError:
            continue
    return dates


def normalise_chi(text: str) -> str:
    """The CHI number without the spaces or hyphens people type into it.

    >>> normalise_chi(" 010101-1237 ")
    '0101011237'
    """
    return re.sub(r"[\s-]", "", str(text))


def validate_chi(text: str) -> str:
    """Return the CHI number as 10 digits, or raise ChiError saying what is wrong.

    >>> validate_chi("12345")
    Traceback (most recent call last):
    ...
    linkpad.referrals.chi.ChiError: Enter the CHI number as 10 digits
    >>> validate_chi("01010112a7")
    Traceback (most recent call last):
    ...
    linkpad.referrals.chi.ChiError: A CHI number can only contain the digits 0 to 9
    >>> validate_chi("3102991234")
    Traceback (most recent call last):
    ...
    linkpad.referrals.chi.ChiError: The first 6 digits of a CHI number are a date of birth (day, month, year). Check the number
    """
    chi = normalise_chi(text)
    if not chi.isascii() or not chi.isdigit():
        raise ChiError(CHI_NOT_DIGITS if chi else CHI_WRONG_LENGTH)
    if len(chi) != 10:
        raise ChiError(CHI_WRONG_LENGTH)
    if not birth_dates(chi):
        raise ChiError(CHI_BAD_DATE)
    if check_digit(chi[:9]) != int(chi[9]):
        raise ChiError(CHI_BAD_CHECK_DIGIT)
    return chi


def is_valid_chi(text: str) -> bool:
    """
    >>> is_valid_chi("1203456786"), is_valid_chi("1203456787")
    (True, False)
    """
    try:
        validate_chi(text)
    except ChiError:
        return False
    return True


def chi_sex(chi: str) -> str:
    """ "female" when the ninth digit is even, "male" when it is odd.

    >>> chi_sex("1203456786")
    'female'
    """
    return "female" if int(chi[8]) % 2 == 0 else "male"


def chi_matches_birth_date(chi: str, date_of_birth: dt.date) -> bool:
    """Whether the CHI number starts with this date of birth.

    >>> chi_matches_birth_date("0101011237", dt.date(1901, 1, 1))
    True
    >>> chi_matches_birth_date("0101011237", dt.date(1990, 1, 1))
    False
    """
    return date_of_birth in birth_dates(chi)
