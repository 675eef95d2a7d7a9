"""A listing's phone numbers, as edits and changes.

The numbers belong to an owner: the service itself (HSDS `phone` rows with `service` set) or one
of the places it runs (rows with `service_at_location` set, like a venue's reception). A proposed
or applied change is kept in `ListingChange.changes` as:

    {"phones": {"rows": [{"id": ..., "number": ..., "extension": ..., "type": ..., "description": ...}],
                "before": [...], "after": [...]},
     "phones_at:<service_at_location id>": {"place": ..., "place_name": ..., "rows": [...],
                                            "before": [...], "after": [...]}}

where `rows` are every number the owner should have afterwards (a row whose `id` is empty is new;
a number not in `rows` is removed) and `before`/`after` are the words people read in the
moderation queue and the history.

Numbers are checked simply: a UK number of 11 digits starting 0 (or +44 and 10 digits), a
Freephone 0800/0808 number, a 116 helpline (116 123) or a 3-digit number (111, 999). Spaces,
dashes and brackets are allowed; the number is kept in the usual UK spacing. A number already
in the listing that does not fit (imported from elsewhere) is kept as it is unless it is changed.
"""

import re
from dataclasses import asdict, dataclass

from django.core.exceptions import ValidationError

from .models import Phone, Service, ServiceAtLocation

NOT_A_PHONE = "Enter a UK phone number, like 0141 496 0000, or a short number like 111 or 116 123"
NO_PHONES = "No phone numbers"
SERVICE_PHONES = "phones"
PLACE_PHONES = "phones_at:"
PHONE_TYPES = [
    ("voice", "Phone call"),
    ("text", "Text message"),
    ("cell", "Mobile"),
    ("textphone", "Textphone"),
    ("fax", "Fax"),
]
_TYPE_WORDS = dict(PHONE_TYPES)


@dataclass
class PhoneRow:
    number: str
    extension: int | None = None
    type: str = "voice"
    description: str = ""
    id: str = ""

    def same_as(self, other: "PhoneRow") -> bool:
        return phone_digits(self.number) == phone_digits(other.number) and (
            self.extension,
            self.type,
            self.description,
        ) == (other.extension, other.type, other.description)


def phone_digits(value: str) -> str:
    """The digits of a number as dialled in the UK.

    >>> phone_digits("+44 (0)141 496-0000"), phone_digits("0141 496 0000")
    ('01414960000', '01414960000')
    """
    digits = re.sub(r"[\s().-]", "", value or "")
    if digits.startswith("+44"):
        digits = "0" + digits[3:].removeprefix("0")
    return digits


def phone_number(value: str) -> str:
    """A UK phone number in the usual spacing, or ValidationError in plain words.

    >>> [phone_number(n) for n in ("01414960000", "+44 20 7946 0000", "07700900123", "0800 123 4567")]
    ['0141 496 0000', '020 7946 0000', '07700 900123', '0800 123 4567']
    >>> [phone_number(n) for n in ("116123", "111", "0800 1111", "01234 567890")]
    ['116 123', '111', '0800 1111', '01234 567890']
    >>> phone_number("12345")
    Traceback (most recent call last):
    ...
    django.core.exceptions.ValidationError: ['Enter a UK phone number, like 0141 496 0000, or a short number like 111 or 116 123']
    """
    digits = phone_digits(value)
    if re.fullmatch(r"1\d\d|999", digits):
        return digits
    if re.fullmatch(r"116\d{3}", digits):
        return f"{digits[:3]} {digits[3:]}"
    if re.fullmatch(r"080[08]\d{4}(\d{2,3})?", digits) and len(digits) != 11:
        return f"{digits[:4]} {digits[4:]}"
    if not re.fullmatch(r"0\d{10}", digits):
        raise ValidationError(NOT_A_PHONE)
    if digits.startswith("02"):
        return f"{digits[:3]} {digits[3:7]} {digits[7:]}"
    if re.match(r"0(1\d1|11\d|[389])", digits):
        return f"{digits[:4]} {digits[4:7]} {digits[7:]}"
    return f"{digits[:5]} {digits[5:]}"


def phone_text(row: PhoneRow) -> str:
    """A number in words.

    >>> phone_text(PhoneRow("0141 496 0000", 204, "text", "Reception"))
    '0141 496 0000 extension 204 (text message): Reception'
    """
    words = row.number
    if row.extension is not None:
        words += f" extension {row.extension}"
    if row.type and row.type != "voice":
        words += f" ({_TYPE_WORDS.get(row.type, row.type).lower()})"
    if row.description:
        words += f": {row.description}"
    return words


def phones_key(owner: Service | ServiceAtLocation) -> str:
    """The name a change to the owner's numbers is kept under in `ListingChange.changes`."""
    return SERVICE_PHONES if isinstance(owner, Service) else f"{PLACE_PHONES}{owner.pk}"


def is_phones_key(name: str) -> bool:
    """
    >>> [is_phones_key(name) for name in ("phones", "phones_at:e206c619", "capacity")]
    [True, True, False]
    """
    return name == SERVICE_PHONES or name.startswith(PLACE_PHONES)


def _owned_by(owner: Service | ServiceAtLocation) -> dict:
    return {"service": owner} if isinstance(owner, Service) else {"service_at_location": owner}


def place_name(at: ServiceAtLocation) -> str:
    return at.location.name or "A place with no name"


def phones_of(owner: Service | ServiceAtLocation) -> list[PhoneRow]:
    """The owner's phone numbers, in number order (rows have no date to order them by)."""
    return [
        PhoneRow(
            number=phone.number,
            extension=phone.extension,
            type=phone.type,
            description=phone.description,
            id=phone.pk,
        )
        for phone in Phone.objects.filter(**_owned_by(owner)).order_by("number", "pk")
    ]


def phone_changes(*, owner: Service | ServiceAtLocation, rows: list[PhoneRow]) -> dict:
    """What would change, in the form a ListingChange keeps; empty when nothing would.

    A number whose digits are unchanged keeps its spelling, so showing and saving the page again
    changes nothing.
    """
    current = phones_of(owner)
    by_id = {row.id: row for row in current}
    after = []
    for row in rows:
        old = by_id.get(row.id)
        after.append(PhoneRow(**(asdict(row) | {"number": old.number})) if old and row.same_as(old) else row)
    if len(after) == len(current) and all(
        new.id == old.id and new.same_as(old) for new, old in zip(after, current, strict=True)
    ):
        return {}
    place = {} if isinstance(owner, Service) else {"place": owner.pk, "place_name": place_name(owner)}
    return {
        phones_key(owner): {
            **place,
            "rows": [asdict(row) for row in after],
            "before": [phone_text(row) for row in current],
            "after": [phone_text(row) for row in after],
        }
    }


def phones_apply(*, owner: Service | ServiceAtLocation, entry: dict) -> None:
    """Apply one owner's phones part of a change. Call inside the caller's transaction."""
    existing = {phone.pk: phone for phone in Phone.objects.filter(**_owned_by(owner))}
    kept = set()
    for data in entry["rows"]:
        row = PhoneRow(**data)
        phone = existing.get(row.id) or Phone(**_owned_by(owner))
        phone.number, phone.extension, phone.type, phone.description = (
            row.number,
            row.extension,
            row.type,
            row.description,
        )
        phone.full_clean()
        phone.save()
        kept.add(phone.pk)
    for pk, phone in existing.items():
        if pk not in kept:
            phone.delete()


def phones_line(entry: dict) -> tuple[str, str]:
    """The phones part of a change as label and words.

    >>> phones_line({"before": ["0141 496 0000"], "after": ["0141 496 0001"]})
    ('Phone', '0141 496 0000 → 0141 496 0001')
    >>> phones_line({"place_name": "Broomview Community Centre", "before": [], "after": ["0141 496 0380"]})
    ('Phone at Broomview Community Centre', 'No phone numbers → 0141 496 0380')
    """
    before = "; ".join(entry["before"]) or NO_PHONES
    after = "; ".join(entry["after"]) or NO_PHONES
    label = f"Phone at {entry['place_name']}" if entry.get("place_name") else "Phone"
    return (label, f"{before} → {after}")
