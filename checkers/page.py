"""What a checker page's worker calls (browser_runtime/assets/checker-worker.js): JSON text in and out, the same
Python and the same words as the command line. The page itself formats nothing."""

from __future__ import annotations

import json

from . import CHECKERS, check_json, csvinput, dumps, run_json, scenario

__all__ = ["check_json", "run_json", "read_spreadsheet", "write_spreadsheet", "share_link", "read_fragment"]


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
