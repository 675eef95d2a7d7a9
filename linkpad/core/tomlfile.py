"""Write the small TOML subset scenario and calibration files use (the standard library only reads TOML).

Tables, arrays of tables, strings, numbers, booleans and lists of those: enough for every file Linkpad
writes, and `tomllib.loads(dumps(data)) == data` for such data (tested).
"""

from __future__ import annotations

import json
import math
import re

_BARE_KEY = re.compile(r"^[A-Za-z0-9_-]+$")


def key(name: str) -> str:
    """A key, quoted when it needs to be.

    >>> key("fte"), key("1 (most deprived)")
    ('fte', '"1 (most deprived)"')
    """
    return name if _BARE_KEY.match(name) else json.dumps(name, ensure_ascii=False)


def value(v) -> str:
    """One value in TOML.

    >>> value("Keep 70"), value(True), value(0.1), value(42), value([1, "a"])
    ('"Keep 70"', 'true', '0.1', '42', '[1, "a"]')
    """
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, int):
        return str(v)
    if isinstance(v, float):
        if not math.isfinite(v):
            raise ValueError("TOML files here hold finite numbers only")
        return repr(v)
    if isinstance(v, str):
        return json.dumps(v, ensure_ascii=False)
    if isinstance(v, list | tuple):
        return "[" + ", ".join(value(item) for item in v) + "]"
    raise TypeError(f"cannot write {type(v).__name__} to TOML")


def dumps(data: dict, prefix: str = "") -> str:
    """A whole document: plain keys first, then tables, then arrays of tables, in the dict's order.

    >>> print(dumps({"study": {"title": "Toy"}, "option": [{"name": "A"}, {"name": "B"}]}))
    [study]
    title = "Toy"
    <BLANKLINE>
    [[option]]
    name = "A"
    <BLANKLINE>
    [[option]]
    name = "B"
    <BLANKLINE>
    """
    lines = [f"{key(k)} = {value(v)}" for k, v in data.items() if not _is_table(v) and not _is_tables(v)]
    out = "\n".join(lines) + ("\n" if lines else "")
    for k, v in data.items():
        name = f"{prefix}{key(k)}"
        if _is_table(v):
            out += ("\n" if out else "") + f"[{name}]\n" + dumps(v, f"{name}.").lstrip("\n")
        elif _is_tables(v):
            for item in v:
                out += ("\n" if out else "") + f"[[{name}]]\n" + dumps(item, f"{name}.").lstrip("\n")
    return out


def _is_table(v) -> bool:
    return isinstance(v, dict)


def _is_tables(v) -> bool:
    return isinstance(v, list) and bool(v) and all(isinstance(item, dict) for item in v)
