"""What a checker page's worker calls (browser_runtime/assets/checker-worker.js): JSON text in and out, the same
Python and the same words as the command line. The page itself formats nothing."""

from __future__ import annotations

import datetime as dt
import json

from . import CHECKERS, case, check_json, csvinput, dumps, parse_request, run_json, scenario

__all__ = ["check_json", "run_json", "read_spreadsheet", "write_spreadsheet", "share_link", "read_fragment", "case_json"]


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
    return csvinput.write(json.loads(rows_json), sheet) if sheet else ""


def share_link(page_url: str, request_json: str) -> str:
    """The link that opens the form's scenario on this page, or why it is too long for one (checkers/scenario.py)."""
    return dumps(scenario.share_link(page_url, json.loads(request_json)))


def read_fragment(fragment: str) -> str:
    """What a page's fragment holds: a scenario to check, answers to fill in, or why it could not be read."""
    return dumps(scenario.read_fragment(fragment))


def case_json(op: str, args_json: str) -> str:
    """The case file's operations (checkers/case.py), for the page that keeps it: JSON text in and out.
    {"errors": [{"field", "message"}]} where the case, the file or the reader's answer is wrong."""
    args = json.loads(args_json)
    try:
        current, problems = (case.read_case(args["case"]) if args.get("case") is not None else (case.empty(), []))
        if problems:
            return dumps({"errors": [{"field": "case", "message": "The case kept in this browser could not be read: "
                                      + "; ".join(f"{p['field']} {p['message']}" for p in problems[:3])}]})
        today = dt.date.fromisoformat(args["today"]) if args.get("today") else dt.date.today()
        if op == "new-election":
            return dumps(case.add_election(current, args.get("name")))
        if op == "keep":
            return dumps(case.keep(current, args.get("election"), args.get("checker"), args.get("request"), today))
        if op == "forget":
            return dumps(case.forget(current, args.get("election"), args.get("entry")))
        if op == "import":
            text = args.get("text") or ""
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
