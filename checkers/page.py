"""What a checker page's worker calls (browser_runtime/assets/checker-worker.js): JSON text in and out, the same
Python and the same words as the command line. The page itself formats nothing.

Every answer is ASCII JSON (non-ASCII characters escaped), which JSON.parse reads to the same text: Pyodide hands a
Python string holding one "£" to JavaScript character by character, and an ASCII one at once. A year's answer
(60 MB) took 5 s to cross that way and 0.4 s as ASCII (bench/README.md)."""

from __future__ import annotations

import datetime as dt
import functools
import re

from . import CHECKERS, answer, case, codes, csvinput, documents, keepsakes, parse_request, scenario
from . import check_json as _check_json
from . import dumps as _dumps
from . import run_json as _run_json
from .money_and_dates import quoted
from .validation import COMMON_LABELS, Errors, refusal

dumps = functools.partial(_dumps, ascii_only=True)
check_json = functools.partial(_check_json, ascii_only=True)
run_json = functools.partial(_run_json, ascii_only=True)

__all__ = ["check_json", "answer_json", "keepsakes_json", "run_json", "read_spreadsheet", "write_spreadsheet",
           "refused_json", "share_link",
           "read_fragment", "case_json"]

# What the page says after the rows of a spreadsheet are put in the form, and of a file that holds answers.
CHECK_THEM = "Check them, then press Check."
SHARE_WITH_CARE = "It holds your answers: share it only with people who may see them."
# Where answers the form could not take came from, and why it could not take one (the page's keys, these words).
SOURCES = {"link": "the link", "case": "your case", "spreadsheet": "the spreadsheet"}
REFUSED_WHY = {"not-single": "it is not a single value", "not-offered": "it is not one of the choices offered",
               "cannot-hold": "the field cannot hold it", "not-boolean": "it must be true or false",
               "no-field": "this form has no such field", "no-question": "this checker has no such question",
               "not-rows": "it is not a list of rows", "not-answers": "it is not a set of answers",
               "no-code": "this site has no such code for this checker",
               "no-version": "this site has no such version of the code",
               "version-alone": "a version means nothing without its code: choose the code and version in the form"}

# The check the page answered last, kept in the worker's memory (never stored) until the page asks for its record and
# calendar: a year's spreadsheet is answered a second sooner when they are written after the answer has gone.
_answered: list[tuple] = []


def answer_json(name: str, text: str, made_on: str, site_url: str = "") -> str:
    """`check_json`'s {"response"} alone, as the page shows it at once, and whether a calendar will come with it
    (`calendar`), so that the page can keep the record's place; `keepsakes_json` then writes its record and
    calendar, the same as `check_json` would have."""
    request, response, day = answer(name, text, made_on)
    _answered[:] = [(name, request, response, day, site_url)]
    return dumps({"response": response, "calendar": documents.has_calendar(response)})


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
        refused = refusal([{"field": "request", "message": f"must be {'a list' if what is list else 'an object'}"}])
    return data, dumps(refused) if refused else None


def _sheet(name: str):
    checker = CHECKERS.get(name)
    return next((f for f in checker.rows if f.spreadsheet), None) if checker else None


def read_spreadsheet(name: str, data) -> str:
    """A spreadsheet's rows for the checker's rows field (csvinput.read), from a file's bytes or pasted text, with
    `status`: what the page says of them."""
    # A JavaScript Uint8Array in the browser (a file's bytes), text where it was pasted.
    data = data.to_bytes() if hasattr(data, "to_bytes") else data
    sheet = _sheet(name)
    read = csvinput.read(data, sheet) if sheet else csvinput.no_spreadsheet(name)
    after = [CHECK_THEM] if read["rows"] else []
    return dumps({**read, "status": " ".join([read["summary"], *read["notes"], *after])})


def write_spreadsheet(name: str, rows_json: str) -> str:
    """{"csv", "filename", "status"}: the form's rows as the spreadsheet `read_spreadsheet` reads back, the name to
    save it by and what the page says once it is saved."""
    sheet = _sheet(name)
    rows, refused = _arguments(rows_json, list)
    if refused:
        return refused
    if sheet is None:
        return dumps(csvinput.no_spreadsheet(name))
    filename = f"{sheet.name}.csv"
    return dumps({"csv": csvinput.write(rows, sheet), "filename": filename,
                  "status": f"Saved as {filename} in your downloads. {SHARE_WITH_CARE}"})


def refused_json(name: str, source: str, refused_json: str) -> str:
    """{"heading", "lines"}: what a link, a kept case or a spreadsheet held that the form could not take
    ([{field, value, why}], `why` a key of REFUSED_WHY), each named as the form names its question."""
    refused, bad = _arguments(refused_json, list)
    checker = CHECKERS.get(name)
    if bad or checker is None or source not in SOURCES:
        return bad or dumps(refusal([{"field": "checker" if checker is None else "source",
                                      "message": f"must be a checker and one of {', '.join(SOURCES)}"}]))
    served, errors = codes(), Errors()
    asked = {spec.name for spec in checker.fields} | set(COMMON_LABELS)
    for item in refused:
        item = item if isinstance(item, dict) else {}
        key, code = (value if isinstance(value, str) else "" for value in (item.get("why"), item.get("code")))
        why = REFUSED_WHY.get(key, REFUSED_WHY["cannot-hold"])
        if key == "no-version" and code in served:
            why = f"{served[code].current.short_title} has no such version on this site"
        # A value the page had none of (a link with no code) is sent without one.
        field, value = str(item.get("field", "")), quoted(item["value"]) if "value" in item else "nothing"
        named = re.match(r"^[^.\[]*", field)[0] in asked
        # A question the form does not ask is named as the link or case named it; the whole is "what it holds".
        said = (f"{value} was not taken" if named else f"what it holds ({value}) was not taken" if field == "scenario"
                else f"{quoted(field)}: {value} was not taken")
        errors.add(field, f"{said}: {why}")
    count = len(refused)
    heading = (f"Not checked: {SOURCES[source]} holds {'an answer' if count == 1 else f'{count:,} answers'} this "
               f"page could not take. Choose or correct {'it' if count == 1 else 'them'}, then press Check.")
    errors.in_order(checker.fields)  # as the form asks its questions, a question it does not ask last
    lines = [error["summary_line"] for error in errors.response(checker.fields)["errors"]]
    if errors.more:
        lines.append(f"And {errors.more:,} more.")
    return dumps({"heading": heading, "lines": lines})


def share_link(page_url: str, request_json: str, name: str = "") -> str:
    """The link that opens the form's scenario on this page (checkers/scenario.py), with what the page says once it
    is copied (`copied`) or could not be (`not_copied`); or why it is too long for one, with the spreadsheet offered
    instead (`spreadsheet`) where the checker `name` takes one."""
    request, refused = _arguments(request_json, dict)
    if refused:
        return refused
    link = scenario.share_link(page_url, request)
    if "too_long" not in link:
        return dumps({**link, "copied": f"Link copied. {SHARE_WITH_CARE}",
                      "not_copied": "The address bar now holds a link to this scenario: copy it from there."})
    if _sheet(name):
        link.update(message=f"{link['message']} Save the rows as a spreadsheet instead, below, and share the file.",
                    spreadsheet=True)
    return dumps(link)


def read_fragment(fragment: str) -> str:
    """What a page's fragment holds: a scenario to check, answers to fill in, or why it could not be read."""
    return dumps(scenario.read_fragment(fragment))


def case_json(op: str, args_json: str) -> str:
    """The case file's operations (checkers/case.py), for the page that keeps it: JSON text in and out.
    {"errors": [{"field", "message", "sentence", "summary_line"}]} where the case, the file or the reader's answer is
    wrong, each saying where in the reader's words (case.said_where)."""
    args, refused = _arguments(args_json, dict)
    if refused:
        return refused
    result = _case_op(op, args)
    if "errors" in result:
        result = {**result, "errors": case.said_where(result["errors"])}
    return dumps(result)


def _case_op(op: str, args: dict) -> dict:
    today = _today(args.get("today"))
    if today is None:
        return {"errors": [{"field": "today", "message": f"must be a date written YYYY-MM-DD, not {quoted(args['today'])}"}]}
    try:
        current, problems = (case.read_case(args["case"]) if args.get("case") is not None else (case.empty(), []))
        if problems:
            return {"errors": [{"field": "case", "message": "The case kept in this browser could not be read: "
                                + "; ".join(p["summary_line"][:1].lower() + p["summary_line"][1:].rstrip(".")
                                            for p in problems[:3])}]}
        if op == "new-election":
            return case.add_election(current, args.get("name"))
        if op == "keep":
            return case.keep(current, args.get("election"), args.get("checker"), args.get("request"), today)
        if op == "forget":
            return case.forget(current, args.get("election"), args.get("entry"))
        if op == "import":
            text = args.get("text") or ""
            if not isinstance(text, str):
                return {"errors": [{"field": "file", "message": "must be the text of a case file"}]}
            if len(text) > case.MOST_FILE_BYTES:
                return {"errors": [{"field": "file", "message": case.TOO_LARGE}]}
            data, refused = parse_request(text)
            # The text is the file the reader chose: what is wrong with it is said of the file.
            return {"errors": [{**e, "field": "file"} for e in refused["errors"]]} if refused else case.bring_in(current, data)
        if op == "spreadsheet":
            return case.spreadsheet(current, args.get("election"), args.get("entry"))
        if op == "overview":
            facts = args.get("facts") if isinstance(args.get("facts"), dict) else {}
            return {**case.overview(current, today, args.get("site_url") or ""), "reminder": case.reminder(facts, today)}
    except case.CaseError as error:
        return {"errors": [{"field": "", "message": str(error)}]}
    return {"errors": [{"field": "op", "message": f"{op!r} is not something a case can do"}]}


def _today(value) -> dt.date | None:
    """The page's own today (tests fix it), or this device's where it sends none; None where it is no date."""
    if value in (None, ""):
        return dt.date.today()
    try:
        return dt.date.fromisoformat(value) if isinstance(value, str) else None
    except ValueError:
        return None
