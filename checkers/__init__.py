"""Candidates' checkers for the codes of conduct: rules as code, the same in pytest, CLI and browser.

`run(checker, request)` takes a JSON-like request and returns the JSON-like response of the
command line, `python -m checkers <checker>`. Thresholds come from the code versions' data.
"""

from __future__ import annotations

import json
from pathlib import Path

from . import content, donations, nominations, suspension
from .money_and_dates import quoted
from .rules import cited_numbers
from .validation import Errors, choose_version

CHECKERS = {"donations": donations, "nominations": nominations, "suspension": suspension}
TITLES = {
    "donations": "Donations and spending",
    "nominations": "Nominations",
    "suspension": "Standing while suspended",
}
_loaded: dict[tuple, dict] = {}


def codes(folder: Path | str | None = None) -> dict[str, content.Code]:
    """The codes in a content folder, read once and again only when a file there changes.

    The copy inside the installed package is read once: it never changes, and in the browser Python
    may start from a memory snapshot taken after it was read, without the package's files.
    """
    root = Path(folder) if folder else content.default_folder()
    if root == content.PACKAGED_CODES:
        key: tuple = (str(root),)
    else:
        files = sorted(root.glob("*/*.md")) if root.is_dir() else []
        key = (str(root), tuple((str(p), p.stat().st_mtime_ns) for p in files))
    if key not in _loaded:
        _loaded.clear()
        _loaded[key] = content.load(root)
    return _loaded[key]


def run(checker, request, codes_folder: Path | str | None = None) -> dict:
    """Check a request; a result, or {"errors": [{"field", "message"}, ...]} naming every bad field."""
    errors = Errors()
    if checker not in CHECKERS:
        errors.add("checker", f"{quoted(checker)} is not a checker; the checkers are {', '.join(CHECKERS)}")
        return errors.response()
    if not isinstance(request, dict):
        errors.add("request", "must be a JSON object such as {\"code\": \"nec-candidates\", ...}")
        return errors.response()
    try:
        available = codes(codes_folder)
    except content.ContentError as error:
        errors.add("codes", str(error))
        return errors.response()
    version = choose_version(request, available, checker, errors)
    if version is None:
        return errors.response()
    result = CHECKERS[checker].check(request, version, errors)
    if errors:
        return errors.response()
    return {"checker": checker, "code": version.code, "version": version.version, **result}


def parse_request(text: str) -> tuple[object, list[dict]]:
    """A request from JSON text, or the error that says why it is not one, whatever the text."""
    try:
        return json.loads(text), []
    except json.JSONDecodeError as error:
        message = f"is not JSON: {error.msg} (line {error.lineno}, column {error.colno})"
    except RecursionError:
        message = "is nested too deeply to read: a request is an object of fields, lists and rows"
    except ValueError:
        # Python refuses to read an integer of more than 4,300 digits.
        message = "holds a number too long to read"
    return None, [{"field": "request", "message": message}]


def run_json(checker, text: str) -> str:
    """`run` for JSON text in and out: what the browser's worker calls, with the command line's words."""
    request, errors = parse_request(text)
    return json.dumps({"errors": errors} if errors else run(checker, request), ensure_ascii=False)


def describe(checker: str, codes_folder: Path | str | None = None) -> dict:
    """What a checker asks for (labels, hints, units, required fields) and the code versions it serves."""
    served = []
    for code in codes(codes_folder).values():
        versions = [v for v in code.versions if checker in v.rules]
        if versions:
            served.append({"code": code.code, "title": code.current.short_title, "current": code.current.version,
                           "versions": [{"version": v.version, "status": v.status,
                                         "in_force_from": v.in_force_from.isoformat() if v.in_force_from else None,
                                         "clauses": _clauses(v, checker)} for v in versions]})
    return {"checker": checker, "title": TITLES[checker], "inputs": CHECKERS[checker].INPUTS, "codes": served}


def _clauses(version: content.CodeVersion, checker: str) -> list[dict]:
    seen = []
    for number in cited_numbers(version):
        if number.field.startswith(f"rules.{checker}") and number.clause not in [c["id"] for c in seen]:
            seen.append({"id": number.clause, "url": version.clause_url(number.clause)})
    rule = version.rules.get(checker) or {}
    if not seen and isinstance(rule, dict) and rule.get("clause"):
        seen.append({"id": str(rule["clause"]), "url": version.clause_url(str(rule["clause"]))})
    return seen
