"""Candidates' checkers for the codes of conduct: rules as code, the same in pytest, CLI and browser.

`run(checker, request)` takes a JSON-like request and returns the JSON-like response of the
command line, `python -m checkers <checker>`. Thresholds come from the code versions' data.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

from . import campaign, complaint, content, disclosure, documents, donations, nominations, suspension
from .citation import Citation
from .findings import DISCLAIMER, LABELS, clause_reference, headline
from .money_and_dates import quoted
from .validation import Errors, choose_version

# Each checker is one module: NAME, TITLE, PURPOSE, INPUTS (its form), RULES (the reader of its numbers in a
# code version's `rules:`), STATUS_TEXT and check(). Pages, forms and the command line come from these.
CHECKERS = {module.NAME: module for module in (donations, nominations, suspension, campaign, disclosure, complaint)}
_loaded: dict[tuple, dict] = {}


def codes(data: Path | str | None = None) -> dict[str, content.Code]:
    """The codes from the checkers' data file (content.load), read once and again only when the file changes.

    The file inside the installed package is read once: it never changes, and in the browser Python may
    start from a memory snapshot taken after it was read.
    """
    path = Path(data) if data else content.PACKAGED_DATA
    # The package's own file is read once: in the browser, Python restored from a snapshot may not have it.
    key = (str(path), None if path == content.PACKAGED_DATA or not path.is_file() else path.stat().st_mtime_ns)
    if key not in _loaded:
        loaded = content.load(path)
        _loaded.clear()
        _loaded[key] = loaded
    return _loaded[key]


def run(checker, request, codes_data: Path | str | dict | None = None) -> dict:
    """Check a request; a result, or {"errors": [{"field", "message"}, ...]} naming every bad field."""
    errors = Errors()
    if checker not in CHECKERS:
        errors.add("checker", f"{quoted(checker)} is not a checker; the checkers are {', '.join(CHECKERS)}")
        return errors.response()
    if not isinstance(request, dict):
        errors.add("request", "must be a JSON object such as {\"code\": \"nec-candidates\", ...}")
        return errors.response()
    try:
        # The codes themselves (the build's, for its worked examples), or the data file they are in.
        available = codes_data if isinstance(codes_data, dict) else codes(codes_data)
    except content.ContentError as error:
        errors.add("codes", str(error))
        return errors.response()
    version = choose_version(request, available, checker, errors)
    if version is None:
        return errors.response()
    result = CHECKERS[checker].check(request, version, errors)
    if errors:
        return errors.response()
    status_text = CHECKERS[checker].STATUS_TEXT[result["status"]]
    return {"checker": checker, "code": version.code, "version": version.version, **result,
            "title": version.short_title, "status_text": status_text, "headline": headline(status_text, version),
            "disclaimer": DISCLAIMER}


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


def keep(checker, request, response: dict | None = None, made_on: dt.date | None = None, site_url: str = "",
         codes_data=None) -> dict:
    """What a reader may keep of a check: `record` (plain text) and `calendar` (iCalendar text, or None where the
    answer has no deadline), each with the file name to save it under."""
    response = run(checker, request, codes_data) if response is None else response
    made_on = made_on or dt.date.today()
    name = checker if checker in CHECKERS else "check"
    try:
        available = codes_data if isinstance(codes_data, dict) else codes(codes_data)
        description = describe(name, available) if checker in CHECKERS else None
    except content.ContentError:
        description = None  # the response already says what is wrong with the data
    description = description or {"title": "a check", "inputs": [], "labels": LABELS}
    stem = f"{name}-{made_on.isoformat()}"
    ics = documents.calendar(response, made_on, site_url)
    return {"record": {"text": documents.record(description, request if isinstance(request, dict) else {}, response,
                                                made_on, site_url), "filename": f"{stem}.txt"},
            "calendar": {"text": ics, "filename": f"{stem}.ics"} if ics else None}


def keep_json(checker, text: str, made_on: str | None = None, site_url: str = "") -> str:
    """`keep` for JSON text in and out, as the browser's worker calls it (with the page's own address)."""
    request, errors = parse_request(text)
    day = dt.date.fromisoformat(made_on) if made_on else None
    response = {"errors": errors} if errors else None
    return json.dumps(keep(checker, request if not errors else {}, response, day, site_url), ensure_ascii=False)


def describe(checker: str, served_codes: dict[str, content.Code] | None = None) -> dict:
    """What a checker asks for (labels, hints, units, required fields) and the code versions it serves (of
    the given codes, else of the checkers' data)."""
    served = []
    for code in (codes() if served_codes is None else served_codes).values():
        versions = [v for v in code.versions if checker in v.rules]
        if versions:
            served.append({"code": code.code, "citation": str(Citation(code.code)), "title": code.current.short_title,
                           "current": code.current.version,
                           "versions": [{"version": v.version, "citation": str(v.citation), "status": v.standing,
                                         "in_force_from": v.in_force_from.isoformat() if v.in_force_from else None,
                                         "clauses": _clauses(v, checker)} for v in versions]})
    module = CHECKERS[checker]
    inputs = [_with_options(spec, served, codes() if served_codes is None else served_codes) for spec in module.INPUTS]
    described = {"checker": checker, "title": module.TITLE, "purpose": module.PURPOSE, "inputs": inputs, "codes": served,
                 "labels": LABELS, "answers": getattr(module, "ANSWERS", "findings")}
    if hasattr(module, "PAGE_ADDRESS"):
        described["page_address"] = module.PAGE_ADDRESS
    return described


def _with_options(spec: dict, served: list[dict], available: dict[str, content.Code]) -> dict:
    """A field whose options are a code's clauses (`options_from: units`): those of the current version of each code
    the checker serves, by their names."""
    if spec.get("options_from") != "units":
        return spec
    options = [[unit.id, f"{code['title']}, {unit.name}"] for code in served
               for unit in available[code["code"]].current.units if unit.kind != "section"]
    return {**spec, "options": options}


def _clauses(version: content.CodeVersion, checker: str) -> list[dict]:
    """Every clause a checker's rules for a version cite, in the order its rules give them, each once."""
    seen: list[str] = []

    def walk(value) -> None:
        if isinstance(value, dict):
            for key, inner in value.items():
                if key == "clause" and str(inner) not in seen:
                    seen.append(str(inner))
                else:
                    walk(inner)

    walk(version.rules.get(checker))
    return [clause_reference(version, clause) for clause in seen]
