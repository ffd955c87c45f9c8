"""The lock's shape (docs/codes.lock.yml), checked as it is read: a maintainer adds corrections to it by hand, and a
slip there (a list where a mapping belongs, a reason left out of its entry, a field name mistyped) is named at its
line, rather than failing later in code that trusts the shape."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from checkers.citation import Citation
from checkers.content import ContentError, raise_together

from .source import field_lines

DAY = (str, dt.date, type(None))
SCALAR = (str, int, float, bool, type(None))


def _is_text(item) -> bool:
    return isinstance(item, str)


def _rule_value(item) -> bool:
    return isinstance(item, SCALAR) or (isinstance(item, list) and all(isinstance(each, SCALAR) for each in item))


def _mapping_of(fits, what: str):
    """A mapping whose names are text and whose every value `fits`."""
    def check(value, where: str, bad) -> None:
        if not isinstance(value, dict):
            bad(where, f"must be a mapping of {what}")
            return
        for name, item in value.items():
            if not isinstance(name, str):
                bad(f"{where}.{name}", f"is a name YAML reads as a number or a date: write it in quotes, as '{name}'")
            elif not fits(item):
                bad(f"{where}.{name}", f"must be {what}")
    return check


def _text(value, where: str, bad) -> None:
    if not isinstance(value, str):
        bad(where, "must be text")


def _days(fields: dict, names: tuple[str, ...], where: str, bad, also: str = "") -> None:
    """Each field one of `names`, each a date or null (or `also`)."""
    for name, item in fields.items():
        if name not in names or not isinstance(item, DAY):
            bad(f"{where}.{name}", f"must be one of {', '.join(names[:-1])} and {names[-1]}, each a date{also} or null")


def _day(value, where: str, bad) -> None:
    if not isinstance(value, (str, dt.date)):
        bad(where, "must be a date written YYYY-MM-DD")


def _dates(value, where: str, bad) -> None:
    names = ("published", "in_force_from", "in_force_until")
    if not isinstance(value, dict):
        bad(where, f"must be a mapping of {', '.join(names[:-1])} and {names[-1]}")
        return
    _days(value, names, where, bad)


def _law_values(value, where: str, bad) -> None:
    if not isinstance(value, list):
        bad(where, "must be a list of the figure's values")
        return
    for index, item in enumerate(value):
        at = f"{where}[{index}]"
        if not isinstance(item, dict) or not isinstance(item.get("value"), (int, float)) or isinstance(item["value"], bool):
            bad(at, "must hold value (a number), from, in_force_on and not_before")
            continue
        _days({k: v for k, v in item.items() if k != "value"}, ("from", "in_force_on", "not_before"), at, bad,
              also=", 'not confirmed'")


# What each field of a version's entry, and of the law's, must hold.
VERSION_FIELDS = {"sha256": _text, "clauses": _mapping_of(_is_text, "anchors to their hashes"),
                  "links": _mapping_of(_is_text, "anchors to their hashes"),
                  "rules": _mapping_of(_rule_value, "rule paths to their values (a word, a number or a list)"), "dates": _dates,
                  "recorded": _day}
LAW_FIELDS = {"values": _law_values}


def _entry(entry, where: str, fields: dict, bad) -> None:
    if not isinstance(entry, dict):
        bad(where, f"must be a mapping of {', '.join(fields)} (and corrections)")
        return
    for name, value in entry.items():
        if name == "corrections":
            _corrections(value, f"{where}.corrections", fields, bad)
        elif name in fields:
            fields[name](value, f"{where}.{name}", bad)
        else:
            bad(f"{where}.{name}", f"is not a field of the lock: an entry holds {', '.join(fields)} and corrections")


def _corrections(value, where: str, fields: dict, bad) -> None:
    if not isinstance(value, list):
        bad(where, "must be a list, each correction starting '- date:'")
        return
    for index, correction in enumerate(value):
        at = f"{where}[{index}]"
        if not isinstance(correction, dict):
            bad(at, "must be a correction: date, reason, and what it corrects")
            continue
        for name, item in correction.items():
            if name == "date":
                if not isinstance(item, (str, dt.date)):
                    bad(f"{at}.date", "must be a date written YYYY-MM-DD")
            elif name == "reason":
                _text(item, f"{at}.reason", bad)
            elif name in fields:
                fields[name](item, f"{at}.{name}", bad)
            else:
                bad(f"{at}.{name}", f"is not a field of a correction: date, reason, and any of {', '.join(fields)}")


def _version_key(key) -> bool:
    """Whether a name of the lock is a version's citation, code@version, and nothing more."""
    try:
        cited = Citation.parse(key) if isinstance(key, str) else None
    except ValueError:
        return False
    return bool(cited and cited.version and not cited.clause)


def check_shape(lock: dict, path: Path, law_key: str) -> dict:
    """The lock as read, if every entry has the shape the build writes; else every slip, each at its line."""
    problems: list[ContentError] = []
    lines: dict[str, int] = {}

    def bad(where: str, message: str) -> None:
        if not lines:  # read once, at the first slip
            lines.update(field_lines(path))
        # The field's line, or its nearest enclosing field's that the file has.
        parts = [where[:i] for i in range(len(where), 0, -1) if i == len(where) or where[i] in ".["]
        line = next(filter(None, (lines.get(part) for part in parts)), None)
        problems.append(ContentError(path, line, f"{where} {message}"))

    for key, entry in lock.items():
        if key == law_key:
            if not isinstance(entry, dict):
                bad(key, "must be a mapping of the law's figures")
                continue
            for figure, held in entry.items():
                _entry(held, f"{key}.{figure}", LAW_FIELDS, bad)
        elif not _version_key(key):
            bad(str(key), "is not an entry of the lock: each is code@version, such as nec-candidates@original")
        else:
            _entry(entry, key, VERSION_FIELDS, bad)
    raise_together(problems)
    return lock
