"""Candidates' checkers for the codes of conduct: rules as code, the same in pytest, CLI and browser.

Each checker is one declared object (checkers/contract.py, `Checker`) in its own module. `run(checker, request)`
takes a JSON-like request and returns the JSON-like response of the command line, `python -m checkers <checker>`;
`check(checker, request)` also writes the record and the calendar file from that same response, in one run.
Thresholds come from the code versions' data.
"""

from __future__ import annotations

import datetime as dt
import gc
import json
from pathlib import Path

from . import campaign, complaint, content, csvinput, disclosure, documents, donations, nominations, suspension
from .addresses import site_address, site_address_or_empty
from .citation import Citation
from .contract import AFTER_TODAY, DISCLAIMER, LABELS, ContractError, checked_against, clause_reference, headline, registry
from .money_and_dates import parse_date, quoted, written_date
from .rules import cited_clauses
from .text import RepeatedName, read_json
from .validation import Errors, checked_today, choose_version, read_request, refusal

# The checkers, each declared once in its module (CHECKER); pages, forms and the command line come from these.
CHECKERS = registry([donations, nominations, suspension, campaign, disclosure, complaint])
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


def _available(codes_data) -> dict[str, content.Code]:
    # The codes themselves (the build's, for its worked examples), or the data file they are in.
    return codes_data if isinstance(codes_data, dict) else codes(codes_data)


def run(name, request, codes_data: Path | str | dict | None = None) -> dict:
    """Check a request; a result, or {"errors": [{"field", "message"}, ...]} naming every bad field."""
    # A year of a campaign's donations makes hundreds of thousands of objects, none in a cycle: Python's collector
    # would walk them all again and again (a third of the time at 100,000 rows: bench/README.md).
    collecting = gc.isenabled()
    gc.disable()
    try:
        return _run(name, request, codes_data)
    finally:
        if collecting:
            gc.enable()


def _run(name, request, codes_data) -> dict:
    errors = Errors()
    if name not in CHECKERS:
        errors.add("checker", f"{quoted(name)} is not a checker; the checkers are {', '.join(CHECKERS)}")
        return errors.response()
    if not isinstance(request, dict):
        errors.add("request", "must be a JSON object such as {\"code\": \"nec-candidates\", ...}")
        return errors.response()
    checker = CHECKERS[name]
    try:
        available = _available(codes_data)
    except content.ContentError as error:
        errors.add("codes", str(error))
        return errors.response()
    version = choose_version(request, available, name, errors)
    today = checked_today(request, errors)
    values = read_request(checker, request, errors, version)
    values["today"] = today
    if version is not None:
        checker.check_values(values, version, errors)
    if checker.page_address and request.get(checker.page_address) is not None:
        try:
            values[checker.page_address] = site_address(request[checker.page_address])
        except ValueError as error:
            errors.add(checker.page_address, str(error))
    if version is None or errors:
        errors.in_order(checker.fields)
        return errors.response(checker.fields)
    result = checker.check(values, version, errors)
    if errors:
        return errors.response(checker.fields)
    if result.status not in checker.statuses:
        raise ContractError(f"checker {name!r} answered with status {result.status!r}, which is not one of its statuses")
    status_text = checker.statuses[result.status]
    answer = result.to_data()
    if version.no_longer_applies and request.get("as_of") is None:
        # Said before anything else the answer details: the code it applies no longer applies (a day asked about
        # within its time in force is answered as it applied then).
        answer["details"] = [f"{version.no_longer_applies}, and this answer says only what it said.",
                             *answer.get("details", [])]
    if request.get("as_of") is not None:
        day = parse_date(request["as_of"])
        if version.in_force_from is None:
            only = len(available[version.code].versions) == 1
            answer["notes"] = [*answer.get("notes", []), unstated_start(version, day, only)]
        if day > today:
            # What this site has now is all it can answer with: a version published later may take effect sooner.
            answer["notes"] = [*answer.get("notes", []), f"The day you asked about, {written_date(day)}, is after "
                               f"today ({written_date(today)}): this answer applies the version this site has for that "
                               f"day now, and {AFTER_TODAY}."]
    return {"checker": name, "code": version.code, "version": version.version, **answer,
            "todo_heading": checker.todo_heading, "others_heading": checker.others_heading, "title": version.short_title,
            "status_text": status_text, "checked_against": checked_against(version),
            "headline": headline(status_text, version), "read_as": read_as(checker.fields, values),
            "checked_on": today.isoformat(), "disclaimer": DISCLAIMER}


def unstated_start(version, day: dt.date, only: bool = False) -> str:
    """Said when the version in force on a day asked for is one whose start is not stated (only a code's first
    version may leave it out: sitebuild/source.py): it is applied, but the code does not say that it applied then.
    `only`: it is the code's one version on this site, so neither earlier nor later ones can be said to apply."""
    which = "the only version this site has" if only else "the earliest version this site has"
    return (f"You asked for the version in force on {written_date(day)}. This version of the code ({version.citation}) "
            f"does not state when it came into force, so whether it applied on that day is not stated; it is applied here "
            f"as {which}.")


def read_as(fields, values: dict) -> list[dict]:
    """Every date as it was read, in words, by the field it came from: a page shows it beside the field, so that a
    date typed 3/4/2024 is seen to be 3 April."""
    found = []
    for spec in fields:
        if spec.kind == "date" and values.get(spec.name):
            found.append({"field": spec.name, "text": written_date(values[spec.name])})
        elif spec.kind == "rows":
            for row in values.get(spec.name) or []:
                found += [{"field": f"{spec.name}[{row['_index']}].{inner.name}", "text": written_date(row[inner.name])}
                          for inner in spec.fields if inner.kind == "date" and row.get(inner.name)]
    return found


def parse_request(text: str) -> tuple[object, dict | None]:
    """A request from JSON text, or the refusal that says why it is not one, whatever the text."""
    if isinstance(text, str) and not text.strip():
        return None, refusal([{"field": "request", "message": "is empty"}], "Nothing was checked: nothing was sent.")
    try:
        return read_json(text), None
    except json.JSONDecodeError as error:
        message = f"is not JSON: {error.msg} (line {error.lineno}, column {error.colno})"
    except RepeatedName as error:
        message = (f"holds the name {quoted(error.args[0])} twice in one object: give it once, so that it is clear which "
                   "value is meant")
    except RecursionError:
        message = "is nested too deeply to read: a request is an object of fields, lists and rows"
    except ValueError:
        # Python refuses to read an integer of more than 4,300 digits.
        message = "holds a number too long to read"
    return None, refusal([{"field": "request", "message": message}], "Nothing was checked: the request could not be read.")


_READABLE = json.JSONEncoder(ensure_ascii=False)
_ESCAPED = json.JSONEncoder(ensure_ascii=True)


def dumps(value, *, ascii_only: bool = False) -> str:
    """JSON text for a response, as readable as it can be: non-ASCII as itself, and escaped only where the text
    could not be written out (a lone surrogate that a request smuggled into an error). With `ascii_only`, every
    non-ASCII character is escaped: what the browser's worker takes (checkers/page.py)."""
    if ascii_only:
        return _ESCAPED.encode(value)
    text = _READABLE.encode(value)
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        text = _ESCAPED.encode(value)
    return text


# A list longer than this is written an item a line: a year's donations stays one answer a line.
LONG_LIST = 100


def readable_json(value, *, ascii_only: bool = False):
    """`value` as JSON text, in pieces to write one after another: indented as json's `indent=2` writes it, except
    that each item of a list longer than LONG_LIST is written whole on its own line. Each such line is made by json's
    C encoder: its own indenting runs in Python, a value at a time (6.5 s for the 100,000 donations' answer, against
    about 2 s this way). A piece that could not be written out (a lone surrogate that a request smuggled into an
    error) is escaped, as `dumps` does; with `ascii_only`, every non-ASCII character is."""

    def whole(item) -> str:
        return dumps(item, ascii_only=ascii_only)

    def pieces(item, depth: int):
        if not (isinstance(item, (dict, list)) and item):
            yield whole(item)
            return
        inner = "\n" + "  " * (depth + 1)
        if isinstance(item, dict):
            yield "{"
            for index, (key, each) in enumerate(item.items()):
                # A key that is not a string is spelt as json spells it ("1", "true").
                named = whole(key) if isinstance(key, str) else whole({key: 0})[1:-4]
                yield ("," if index else "") + inner + named + ": "
                yield from pieces(each, depth + 1)
            yield "\n" + "  " * depth + "}"
            return
        yield "["
        for index, each in enumerate(item):
            yield "," + inner if index else inner
            if len(item) > LONG_LIST:
                yield whole(each)
            else:
                yield from pieces(each, depth + 1)
        yield "\n" + "  " * depth + "]"

    yield from pieces(value, 0)
    yield "\n"


def run_json(name, text: str, *, ascii_only: bool = False) -> str:
    """`run` for JSON text in and out, with the command line's words."""
    request, refused = parse_request(text)
    return dumps(refused or run(name, request), ascii_only=ascii_only)


def keepsakes(name, request, response: dict, made_on: dt.date, site_url: str = "", codes_data=None) -> dict:
    """What a reader may keep of a check already made: `record` (plain text) and `calendar` (iCalendar text, or
    None where the answer has nothing to put in a calendar), each with the file name to save it under. Written
    from `response`: nothing is checked again."""
    checker = CHECKERS.get(name)
    site_url = site_address_or_empty(site_url)
    try:
        description = describe(name, _available(codes_data)) if checker else None
    except content.ContentError:
        description = None  # the response already says what is wrong with the data
    description = description or {"title": "a check", "inputs": [], "labels": LABELS}
    stem = f"{name if checker else 'check'}-{made_on.isoformat()}"
    ics = documents.calendar(response, made_on, site_url)
    return {"record": {"text": documents.record(description, request if isinstance(request, dict) else {}, response,
                                                made_on, site_url), "filename": f"{stem}.txt"},
            "calendar": {"text": ics, "filename": f"{stem}.ics"} if ics else None}


def check(name, request, made_on: dt.date | None = None, site_url: str = "", codes_data=None) -> dict:
    """One check and what a reader may keep of it: {"response", "record", "calendar"}, the check run once."""
    made_on = made_on or dt.date.today()
    request = _on_the_day(request, made_on)
    response = run(name, request, codes_data)
    return {"response": response, **keepsakes(name, request, response, made_on, site_url, codes_data)}


def _on_the_day(request, made_on: dt.date):
    # A request that does not say which day it is checked on is checked on the day the record is made.
    return {**request, "today": made_on.isoformat()} if isinstance(request, dict) and "today" not in request else request


def answer(name, text: str, made_on: str) -> tuple[object, dict, dt.date]:
    """A check asked for as JSON text, on the page's own day (this machine's where that is no date): the request
    as checked ({} where it could not be read), its response, and the day."""
    request, refused = parse_request(text)
    try:
        day = dt.date.fromisoformat(made_on)
    except (TypeError, ValueError):
        day = dt.date.today()
    if refused:
        return {}, refused, day
    request = _on_the_day(request, day)
    return request, run(name, request), day


def check_json(name, text: str, made_on: str, site_url: str = "", *, ascii_only: bool = False) -> str:
    """`check` for JSON text in and out: what the browser's worker calls, with the page's own day and address."""
    request, response, day = answer(name, text, made_on)
    return dumps({"response": response, **keepsakes(name, request, response, day, site_url)}, ascii_only=ascii_only)


def describe(name: str, served_codes: dict[str, content.Code] | None = None) -> dict:
    """What a checker asks for (its fields) and the code versions it serves (of the given codes, else of the
    checkers' data): what its page, its record and the command line's report are made from."""
    checker = CHECKERS[name]
    available = codes() if served_codes is None else served_codes
    served = []
    for code in available.values():
        versions = [v for v in code.versions if name in v.rules]
        if versions:
            served.append({"code": code.code, "citation": str(Citation(code.code)), "url": Citation(code.code).url,
                           "title": code.current.short_title, "current": code.current.version,
                           "versions": [{"version": v.version, "citation": str(v.citation), "status": v.standing,
                                         "marked": v.marked,
                                         "in_force_from": v.in_force_from.isoformat() if v.in_force_from else None,
                                         "clauses": _clauses(v, name)} for v in versions]})
    inputs = [_with_file_limit(_with_options(spec.to_data(), served, available)) for spec in checker.fields]
    # A form whose questions depend on earlier answers asks them one at a time: nothing is chosen for the reader.
    described = {"checker": name, "title": checker.title, "purpose": checker.purpose, "inputs": inputs, "codes": served,
                 "branching": any(spec.asked_when for spec in checker.fields),
                 "labels": LABELS}
    if checker.page_address:
        described["page_address"] = checker.page_address
    return described


def _with_file_limit(spec: dict) -> dict:
    """A spreadsheet's rows with the largest file read, so that a page refuses a larger one before reading it."""
    if spec.get("spreadsheet"):
        spec.update(most_file_bytes=csvinput.MOST_FILE_BYTES, too_large=f"The file {csvinput.TOO_LARGE}.",
                    most_shown_bytes=csvinput.MOST_SHOWN_BYTES, not_shown=csvinput.NOT_SHOWN)
    return spec


def _with_options(spec: dict, served: list[dict], available: dict[str, content.Code]) -> dict:
    """A field whose options are a code's clauses (`options_from: units`): those of the current version of each code
    the checker serves, by their names; and, for a page to offer them by their words, `option_groups`: by code and
    section, each clause's name within its section, the start of its text (where the codes carry text), and the whole
    text, for a filter to find it by words further on than the start."""
    if spec.get("options_from") != "units":
        return spec
    options, groups = [], []
    for code in served:
        for unit in available[code["code"]].current.units:
            if unit.kind == "section":
                continue
            options.append([unit.id, f"{code['title']}, {unit.name}"])
            # A unit's name begins with the heading it is under ("Social Media Policy, clause 1"): its group.
            heading, _, name = unit.name.rpartition(", ")
            group = ": ".join(filter(None, [code["title"] if len(served) > 1 or not heading else "", heading]))
            if not groups or groups[-1]["label"] != group:
                groups.append({"label": group, "options": []})
            groups[-1]["options"].append([unit.id, name, _opening(unit.text), unit.text])
    return {**spec, "options": options, "option_groups": groups}


# How much of a clause's text an option shows, in characters: enough to know it by, short enough for a phone's picker.
OPENING_LENGTH = 80


def _opening(text: str) -> str:
    if len(text) <= OPENING_LENGTH:
        return text
    cut = text[:OPENING_LENGTH].rsplit(" ", 1)[0].rstrip(",;:.")
    return cut + "…"


def _clauses(version: content.CodeVersion, name: str) -> list[dict]:
    """Every clause a checker's rules for a version cite, in the order its rules give them, each once."""
    seen = list(dict.fromkeys(clause for _, clause in cited_clauses(version.rules.get(name))))
    return [clause_reference(version, clause) for clause in seen]
