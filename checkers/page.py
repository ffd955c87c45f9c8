"""What a checker page's worker calls (browser_runtime/assets/checker-worker.js): JSON text in and out, the same
Python and the same words as the command line. The page itself formats nothing.

Every answer is ASCII JSON (non-ASCII characters escaped), which JSON.parse reads to the same text: Pyodide hands a
Python string holding one "£" to JavaScript character by character, and an ASCII one at once. A year's answer
(60 MB) took 5 s to cross that way and 0.4 s as ASCII (bench/README.md)."""

from __future__ import annotations

import datetime as dt
import functools

from . import CHECKERS, answer, case, csvinput, keepsakes, parse_request, scenario
from . import check_json as _check_json
from . import dumps as _dumps
from . import run_json as _run_json
from .money_and_dates import quoted

dumps = functools.partial(_dumps, ascii_only=True)
check_json = functools.partial(_check_json, ascii_only=True)
run_json = functools.partial(_run_json, ascii_only=True)

__all__ = ["check_json", "answer_json", "keepsakes_json", "run_json", "read_spreadsheet", "write_spreadsheet", "share_link",
           "read_fragment", "case_json"]

# The check the page answered last, kept in the worker's memory (never stored) until the page asks for its record and
# calendar: a year's spreadsheet is answered a second sooner when they are written after the answer has gone.
_answered: list[tuple] = []


def answer_json(name: str, text: str, made_on: str, site_url: str = "") -> str:
    """`check_json`'s {"response"} alone, as the page shows it at once; `keepsakes_json` then writes its record and
    calendar, the same as `check_json` would have."""
    request, response, day = answer(name, text, made_on)
    _answered[:] = [(name, request, response, day, site_url)]
    return dumps({"response": response})


def keepsakes_json() -> str:
    """{"record", "calendar"} of the check `answer_json` answered last (once), as `check_json` writes them."""
    if not _answered:
        return dumps({"errors": [{"field": "check", "message": "no check has been answered to keep"}]})
    name, request, response, day, site_url = _answered.pop()
    return dumps(keepsakes(name, request, response, day, site_url))


def _arguments(text: str, what: type) -> tuple[object, str | None]:
    """The page's arguments, read from JSON; or the refusal to send back, should the page ever send something else."""
    data, refused = parse_request(text)
    if refused is None and not isinstance(data, what):
        refused = {"errors": [{"field": "request", "message": f"must be {'a list' if what is list else 'an object'}"}]}
    return data, dumps(refused) if refused else None


def _sheet(name: str):
    checker = CHECKERS.get(name)
    return next((f for f in checker.rows if f.spreadsheet), None) if checker else None


def read_spreadsheet(name: str, data) -> str:
    """A spreadsheet's rows for the checker's rows field (csvinput.read), from a file's bytes or pasted text."""
    # A JavaScript Uint8Array in the browser (a file's bytes), text where it was pasted.
    data = data.to_bytes() if hasattr(data, "to_bytes") else data
    sheet = _sheet(name)
    if sheet is None:
        return dumps({"rows": [], "errors": [{"field": "csv", "message": f"the {name} checker takes no spreadsheet"}],
                      "notes": []})
    return dumps(csvinput.read(data, sheet))


def write_spreadsheet(name: str, rows_json: str) -> str:
    """The form's rows as the spreadsheet `read_spreadsheet` reads back."""
    sheet = _sheet(name)
    rows, refused = _arguments(rows_json, list)
    return csvinput.write(rows, sheet) if sheet and not refused else ""


def share_link(page_url: str, request_json: str) -> str:
    """The link that opens the form's scenario on this page, or why it is too long for one (checkers/scenario.py)."""
    request, refused = _arguments(request_json, dict)
    return refused or dumps(scenario.share_link(page_url, request))


def read_fragment(fragment: str) -> str:
    """What a page's fragment holds: a scenario to check, answers to fill in, or why it could not be read."""
    return dumps(scenario.read_fragment(fragment))


def case_json(op: str, args_json: str) -> str:
    """The case file's operations (checkers/case.py), for the page that keeps it: JSON text in and out.
    {"errors": [{"field", "message"}]} where the case, the file or the reader's answer is wrong."""
    args, refused = _arguments(args_json, dict)
    if refused:
        return refused
    today = _today(args.get("today"))
    if today is None:
        return dumps({"errors": [{"field": "today", "message": f"must be a date written YYYY-MM-DD, not {quoted(args['today'])}"}]})
    try:
        current, problems = (case.read_case(args["case"]) if args.get("case") is not None else (case.empty(), []))
        if problems:
            return dumps({"errors": [{"field": "case", "message": "The case kept in this browser could not be read: "
                                      + "; ".join(f"{p['field']} {p['message']}" for p in problems[:3])}]})
        if op == "new-election":
            return dumps(case.add_election(current, args.get("name")))
        if op == "keep":
            return dumps(case.keep(current, args.get("election"), args.get("checker"), args.get("request"), today))
        if op == "forget":
            return dumps(case.forget(current, args.get("election"), args.get("entry")))
        if op == "import":
            text = args.get("text") or ""
            if not isinstance(text, str):
                return dumps({"errors": [{"field": "file", "message": "must be the text of a case file"}]})
            if len(text) > case.MOST_FILE_BYTES:
                return dumps({"errors": [{"field": "file", "message": case.TOO_LARGE}]})
            data, refused = parse_request(text)
            return dumps(refused if refused else case.bring_in(current, data))
        if op == "spreadsheet":
            return dumps(case.spreadsheet(current, args.get("election"), args.get("entry")))
        if op == "overview":
            facts = args.get("facts") if isinstance(args.get("facts"), dict) else {}
            return dumps({**case.overview(current, today, args.get("site_url") or ""),
                          "reminder": case.reminder(facts, today)})
    except case.CaseError as error:
        return dumps({"errors": [{"field": "", "message": str(error)}]})

    return dumps({"errors": [{"field": "op", "message": f"{op!r} is not something a case can do"}]})



def _today(value) -> dt.date | None:
    """The page's own today (tests fix it), or this device's where it sends none; None where it is no date."""
    if value in (None, ""):
        return dt.date.today()
    try:
        return dt.date.fromisoformat(value) if isinstance(value, str) else None
    except ValueError:
        return None
