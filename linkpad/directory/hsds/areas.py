"""Scottish areas a service can cover, by their current GSS codes, and the old codes mapped on.

Four councils changed boundary in 2018 and 2019 (Glasgow City, North Lanarkshire, Fife, Perth and
Kinross) and were given new codes, and so were the health boards and integration authorities
(HSCPs) that contain them. ALISS and older feeds still use the old codes; Linkpad stores the current
ones (those in `data/geography/datazones.csv.gz`) so a service area joins to the geography.

Pure Python, no database:

>>> current_area_code("S12000046")
'S12000049'
>>> current_area_code("Glasgow City"), current_area_code("NHS Greater Glasgow & Clyde")
('S12000049', 'S08000031')
>>> current_area_code("Glasgow City", kind=HSCP), current_area_code("XS")
('S37000034', 'S92000003')
>>> current_area_code("Atlantis") is None
True
"""

import re

COUNTRY = "country"
COUNCIL = "council"
HEALTH_BOARD = "health_board"
HSCP = "hscp"

#: (current GSS code, name, kind) for Scotland, its 32 councils, 14 health boards and 31 HSCPs.
AREAS: list[tuple[str, str, str]] = [
    ("S92000003", "Scotland", COUNTRY),
    ("K02000001", "United Kingdom", COUNTRY),
    ("S12000005", "Clackmannanshire", COUNCIL),
    ("S12000006", "Dumfries and Galloway", COUNCIL),
    ("S12000008", "East Ayrshire", COUNCIL),
    ("S12000010", "East Lothian", COUNCIL),
    ("S12000011", "East Renfrewshire", COUNCIL),
    ("S12000013", "Na h-Eileanan Siar", COUNCIL),
    ("S12000014", "Falkirk", COUNCIL),
    ("S12000017", "Highland", COUNCIL),
    ("S12000018", "Inverclyde", COUNCIL),
    ("S12000019", "Midlothian", COUNCIL),
    ("S12000020", "Moray", COUNCIL),
    ("S12000021", "North Ayrshire", COUNCIL),
    ("S12000023", "Orkney Islands", COUNCIL),
    ("S12000026", "Scottish Borders", COUNCIL),
    ("S12000027", "Shetland Islands", COUNCIL),
    ("S12000028", "South Ayrshire", COUNCIL),
    ("S12000029", "South Lanarkshire", COUNCIL),
    ("S12000030", "Stirling", COUNCIL),
    ("S12000033", "Aberdeen City", COUNCIL),
    ("S12000034", "Aberdeenshire", COUNCIL),
    ("S12000035", "Argyll and Bute", COUNCIL),
    ("S12000036", "City of Edinburgh", COUNCIL),
    ("S12000038", "Renfrewshire", COUNCIL),
    ("S12000039", "West Dunbartonshire", COUNCIL),
    ("S12000040", "West Lothian", COUNCIL),
    ("S12000041", "Angus", COUNCIL),
    ("S12000042", "Dundee City", COUNCIL),
    ("S12000045", "East Dunbartonshire", COUNCIL),
    ("S12000047", "Fife", COUNCIL),
    ("S12000048", "Perth and Kinross", COUNCIL),
    ("S12000049", "Glasgow City", COUNCIL),
    ("S12000050", "North Lanarkshire", COUNCIL),
    ("S08000015", "NHS Ayrshire and Arran", HEALTH_BOARD),
    ("S08000016", "NHS Borders", HEALTH_BOARD),
    ("S08000017", "NHS Dumfries and Galloway", HEALTH_BOARD),
    ("S08000019", "NHS Forth Valley", HEALTH_BOARD),
    ("S08000020", "NHS Grampian", HEALTH_BOARD),
    ("S08000022", "NHS Highland", HEALTH_BOARD),
    ("S08000024", "NHS Lothian", HEALTH_BOARD),
    ("S08000025", "NHS Orkney", HEALTH_BOARD),
    ("S08000026", "NHS Shetland", HEALTH_BOARD),
    ("S08000028", "NHS Western Isles", HEALTH_BOARD),
    ("S08000029", "NHS Fife", HEALTH_BOARD),
    ("S08000030", "NHS Tayside", HEALTH_BOARD),
    ("S08000031", "NHS Greater Glasgow and Clyde", HEALTH_BOARD),
    ("S08000032", "NHS Lanarkshire", HEALTH_BOARD),
    ("S37000001", "Aberdeen City", HSCP),
    ("S37000002", "Aberdeenshire", HSCP),
    ("S37000003", "Angus", HSCP),
    ("S37000004", "Argyll and Bute", HSCP),
    ("S37000005", "Clackmannanshire and Stirling", HSCP),
    ("S37000006", "Dumfries and Galloway", HSCP),
    ("S37000007", "Dundee City", HSCP),
    ("S37000008", "East Ayrshire", HSCP),
    ("S37000009", "East Dunbartonshire", HSCP),
    ("S37000010", "East Lothian", HSCP),
    ("S37000011", "East Renfrewshire", HSCP),
    ("S37000012", "Edinburgh", HSCP),
    ("S37000013", "Falkirk", HSCP),
    ("S37000016", "Highland", HSCP),
    ("S37000017", "Inverclyde", HSCP),
    ("S37000018", "Midlothian", HSCP),
    ("S37000019", "Moray", HSCP),
    ("S37000020", "North Ayrshire", HSCP),
    ("S37000022", "Orkney Islands", HSCP),
    ("S37000024", "Renfrewshire", HSCP),
    ("S37000025", "Scottish Borders", HSCP),
    ("S37000026", "Shetland Islands", HSCP),
    ("S37000027", "South Ayrshire", HSCP),
    ("S37000028", "South Lanarkshire", HSCP),
    ("S37000029", "West Dunbartonshire", HSCP),
    ("S37000030", "West Lothian", HSCP),
    ("S37000031", "Western Isles", HSCP),
    ("S37000032", "Fife", HSCP),
    ("S37000033", "Perth and Kinross", HSCP),
    ("S37000034", "Glasgow City", HSCP),
    ("S37000035", "North Lanarkshire", HSCP),
]

#: Old code -> current code. Checked against ALISS's service-area list (old series) and the current
#: codes in data/geography/datazones.csv.gz. ALISS's own country codes map to the GSS ones.
OLD_TO_CURRENT: dict[str, str] = {
    # councils (2018 Glasgow City and North Lanarkshire; 2019 Fife and Perth and Kinross)
    "S12000046": "S12000049",
    "S12000044": "S12000050",
    "S12000015": "S12000047",
    "S12000024": "S12000048",
    # health boards
    "S08000021": "S08000031",
    "S08000023": "S08000032",
    "S08000018": "S08000029",
    "S08000027": "S08000030",
    # health and social care partnerships (Fife's old code is S37000014; S37000012 is Edinburgh)
    "S37000015": "S37000034",
    "S37000021": "S37000035",
    "S37000014": "S37000032",
    "S37000023": "S37000033",
    # ALISS country codes
    "XS": "S92000003",
    "XB": "K02000001",
}

_BY_CODE = {code: (name, kind) for code, name, kind in AREAS}
_KIND_ORDER = (COUNCIL, HEALTH_BOARD, HSCP, COUNTRY)
_GSS_CODE = re.compile(r"^[A-Z]\d{8}$")


def name_key(name: str) -> str:
    """A name reduced to compare loosely: case, "&", "NHS", "City of" and punctuation do not count.

    >>> name_key("NHS Greater Glasgow & Clyde") == name_key("Greater Glasgow and Clyde")
    True
    >>> name_key("Edinburgh, City of") == name_key("City of Edinburgh")
    True
    """
    text = name.lower().replace("&", " and ")
    words = re.findall(r"[a-z0-9]+", text)
    dropped = {"nhs", "city", "of", "council", "hscp", "partnership", "health", "board", "the"}
    return " ".join(sorted(word for word in words if word not in dropped))


_BY_NAME: dict[tuple[str, str], str] = {}
for _code, _name, _kind in AREAS:
    _BY_NAME.setdefault((name_key(_name), _kind), _code)
for _alias, _code in {
    "Eilean Siar": "S12000013",
    "Western Isles": "S12000013",
    "Glasgow": "S12000049",
    "Edinburgh": "S12000036",
    "Dumfries & Galloway": "S12000006",
}.items():
    _BY_NAME.setdefault((name_key(_alias), COUNCIL), _code)


def is_gss_code(text: str) -> bool:
    """Whether text is shaped like a GSS code (a letter and eight digits).

    >>> is_gss_code("S12000049"), is_gss_code("Glasgow")
    (True, False)
    """
    return bool(_GSS_CODE.match(text.strip().upper()))


def current_area_code(code_or_name: str, *, kind: str | None = None) -> str | None:
    """The current GSS code for an area given by code (old or new) or by name; None if unknown.

    A name shared by several kinds of area ("Fife" is a council, a health board and an HSCP) means
    the council unless `kind` says otherwise. Codes not in the table but shaped like GSS codes
    (data zones, intermediate zones) are returned as they are, in upper case.

    >>> current_area_code("s37000015"), current_area_code("Fife", kind=HEALTH_BOARD)
    ('S37000034', 'S08000029')
    >>> current_area_code("S02001935")
    'S02001935'
    """
    text = str(code_or_name or "").strip()
    if not text:
        return None
    code = OLD_TO_CURRENT.get(text.upper(), text.upper())
    if code in _BY_CODE or is_gss_code(code):
        return code
    key = name_key(text)
    for candidate in (kind,) if kind else _KIND_ORDER:
        found = _BY_NAME.get((key, candidate))
        if found:
            return found
    return None


def area_name(code: str) -> str | None:
    """The name of an area by its current (or old) code.

    >>> area_name("S08000021")
    'NHS Greater Glasgow and Clyde'
    """
    entry = _BY_CODE.get(OLD_TO_CURRENT.get(code, code))
    return entry[0] if entry else None


def area_kind(code: str) -> str | None:
    """The kind of an area (council, health_board, hscp, country) by its code.

    >>> area_kind("S37000034")
    'hscp'
    """
    entry = _BY_CODE.get(OLD_TO_CURRENT.get(code, code))
    return entry[1] if entry else None


def code_in_uri(uri: str) -> str | None:
    """The GSS code at the end of a statistics.gov.scot (or similar) URI, if there is one.

    >>> code_in_uri("http://statistics.gov.scot/id/statistical-geography/S12000046")
    'S12000046'
    >>> code_in_uri("https://example.org/area") is None
    True
    """
    last = str(uri or "").rstrip("/").rsplit("/", 1)[-1]
    return last.upper() if is_gss_code(last) else None
