"""A candidate's case file: the checks they chose to keep, by election, each with the version of the code it was
checked against. Read, added to, merged, forgotten and answered here, in the checkers' words; the pages
(overrides/assets/checker/casefile.js) only store what this returns, in the reader's own browser, and only once the
reader has asked for it. Nothing here stores anything.

A case is JSON: {"format": FORMAT, "format_version": 1, "elections": [{"id", "name", "entries": [{"id", "checker",
"kept_on", "request", "checked": {"code", "version", "status", "todo": [what it asked], "todo_more"}}]}]}.
"""

from __future__ import annotations

import datetime as dt
import os
import re

from . import CHECKERS, csvinput, run
from .citation import checker_url
from .contract import soonest_first
from .documents import calendar_of, shown
from .money_and_dates import quoted, sentence, written_date
from .text import one_line, printable, refused, same_name_key
from .validation import Errors, read_fields

FORMAT = "codes-of-conduct-case"
FORMAT_VERSION = 1
# Enough for anyone standing in several elections at once, and a bound on what an imported file may hold.
MOST_ELECTIONS = 20
MOST_ENTRIES = 200
# The largest case file read: a year of a large campaign's donations (100,000 rows) saves as about 20 MB. Larger is
# refused before it is read, so that a wrong file cannot hold up the page or the command.
MOST_FILE_MEGABYTES = 64
MOST_FILE_BYTES = MOST_FILE_MEGABYTES * 1024 * 1024
# Said of the file: "The file is larger than …" on the page, "my-case.json is larger than …" on the command line.
TOO_LARGE = (f"is larger than {MOST_FILE_MEGABYTES} MB, more than any case this site saves: choose the file \"Save my "
             "case\" wrote")
LONGEST_NAME = 100
# The most things to do the overview lists first; each entry's own list has the rest.
MOST_TODO = 200
# How many rows a "kept already" list names before it counts the rest.
MOST_NAMED = 10
_ID = re.compile(r"^[ek]-[0-9a-f]{12}$")
# A request's fields that belong to the day or the page it was made on, not to the case.
_OF_THE_MOMENT = ("today",)


def empty() -> dict:
    return {"format": FORMAT, "format_version": FORMAT_VERSION, "elections": []}


def _new_id(kind: str) -> str:
    # os.urandom: the browser's own random source in Pyodide; no module the snapshot lacks.
    return f"{kind}-{os.urandom(6).hex()}"


class CaseError(ValueError):
    """What is wrong with a case, an election or an entry, in a reader's words (with where, for a file)."""


# --- Reading a case (stored, or a file brought from another device) -----------------------------------------------


def said_where(problems: list[dict]) -> list[dict]:
    """Problems with a case ({"field", "message"}, `field` where in the file it is: "file", "Election 2, kept check 3",
    or "" for the case as a whole) with the words a reader is shown, saying where: "The file has no list of
    elections.", "Election 2: enter a name for the election"."""
    worded = []
    for problem in problems:
        where, message = problem["field"], problem["message"].rstrip(".")
        subject = "The file" if where == "file" else where if where.startswith("Election ") else ""
        said = (message if not subject else f"{subject} {message}" if message[:1].islower()
                else f"{subject}: {message[:1].lower()}{message[1:]}")
        said = sentence(said) + "."
        worded.append({**problem, "sentence": said, "summary_line": said})
    return worded


def read_case(data) -> tuple[dict | None, list[dict]]:
    """The case, checked: (case, []) or (None, problems), each problem {"field", "message"} saying where in the file,
    in words ("Election 2, kept check 3"). Every part is checked: a file may come from anywhere."""
    errors = Errors()
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        errors.add("file", "is not a case file from this site: it does not say \"format\": \"codes-of-conduct-case\". "
                   "Choose the file that \"Save my case\" wrote")
        return None, said_where(errors.items)
    version = data.get("format_version")
    if not isinstance(version, int) or isinstance(version, bool) or version < 1:
        errors.add("file", "does not say which format_version of the case file it is")
    elif version > FORMAT_VERSION:
        errors.add("file", f"was written by a newer version of this site (format {version}; this one reads up to "
                   f"{FORMAT_VERSION}): open it on the newer site, or update this copy")
    unknown = set(data) - {"format", "format_version", "elections", "exported_on"}
    if unknown:
        errors.add("file", f"has parts this site does not know: {', '.join(sorted(map(quoted, unknown)))}")
    elections = data.get("elections")
    if not isinstance(elections, list):
        errors.add("file", "has no list of elections")
        return None, said_where(errors.items)
    if len(elections) > MOST_ELECTIONS:
        errors.add("file", f"holds {len(elections):,} elections; a case holds at most {MOST_ELECTIONS}")
        return None, said_where(errors.items)
    seen: set[str] = set()
    for number, election in enumerate(elections, start=1):
        _check_election(election, f"Election {number}", seen, errors)
    if errors:
        return None, said_where(errors.items)
    return {"format": FORMAT, "format_version": FORMAT_VERSION, "elections": elections}, []


def _check_id(value, where: str, seen: set[str], errors: Errors) -> None:
    if not isinstance(value, str) or not _ID.match(value):
        errors.add(where, "has no identifier this site wrote")
    elif value in seen:
        errors.add(where, "has the same identifier as another part of the file")
    else:
        seen.add(value)


def _check_election(election, where: str, seen: set[str], errors: Errors) -> None:
    if not isinstance(election, dict) or set(election) != {"id", "name", "entries"}:
        errors.add(where, "must have an id, a name and a list of kept checks, and nothing else")
        return
    _check_id(election["id"], where, seen, errors)
    try:
        election_name(election["name"])
    except CaseError as error:
        errors.add(where, str(error))
    entries = election["entries"]
    if not isinstance(entries, list) or len(entries) > MOST_ENTRIES:
        errors.add(where, f"must have a list of at most {MOST_ENTRIES} kept checks")
        return
    for number, entry in enumerate(entries, start=1):
        _check_entry(entry, f"{where}, kept check {number}", seen, errors)


def _check_entry(entry, where: str, seen: set[str], errors: Errors) -> None:
    if not isinstance(entry, dict) or set(entry) != {"id", "checker", "kept_on", "request", "checked"}:
        errors.add(where, "must have an id, a checker, the day it was kept, the request and what it answered, and "
                   "nothing else")
        return
    _check_id(entry["id"], where, seen, errors)
    if not isinstance(entry["checker"], str) or entry["checker"] not in CHECKERS:
        errors.add(where, f"names {quoted(entry['checker'])}, which is not one of this site's checkers")
    try:
        dt.date.fromisoformat(entry["kept_on"])
    except (TypeError, ValueError):
        errors.add(where, "has no day it was kept, written YYYY-MM-DD")
    if not isinstance(entry["request"], dict):
        errors.add(where, "has no request: the answers the check was made from")
    checked = entry["checked"]
    if (not isinstance(checked, dict) or not all(isinstance(checked.get(k), str) for k in ("code", "version", "status"))
            or not isinstance(checked.get("todo"), list) or not all(isinstance(t, str) for t in checked["todo"])):
        errors.add(where, "does not say what the check answered, and against which code and version")


def election_name(name) -> str:
    """An election's name as the reader typed it, on one line; CaseError says what is wrong with it."""
    if not isinstance(name, str) or not one_line(name):
        raise CaseError("Enter a name for the election, such as \"NEC 2026\" or \"Ward selection, May 2027\"")
    why = refused(name)
    if why:
        raise CaseError(f"The election's name {why}")
    name = one_line(name)
    if len(name) > LONGEST_NAME:
        raise CaseError(f"The election's name must be at most {LONGEST_NAME} characters")
    return name


# --- Changing a case -----------------------------------------------------------------------------------------------


def _election(case: dict, election_id: str) -> dict:
    found = next((e for e in case["elections"] if e["id"] == election_id), None)
    if found is None:
        raise CaseError("That election is no longer in your case: it may have been forgotten in another tab. Reload "
                        "the page")
    return found


def add_election(case: dict, name) -> dict:
    """{"case", "election", "message"}: the case with a new election of this name."""
    name = election_name(name)
    if len(case["elections"]) >= MOST_ELECTIONS:
        raise CaseError(f"Your case already has {MOST_ELECTIONS} elections: forget one you no longer need first")
    if any(same_name_key(e["name"]) == same_name_key(name) for e in case["elections"]):
        raise CaseError(f"Your case already has an election called {quoted(name)}: choose it, or give this one "
                        "another name")
    election = {"id": _new_id("e"), "name": name, "entries": []}
    return {"case": {**case, "elections": [*case["elections"], election]}, "election": election["id"],
            "message": f"Started a case for {name}."}


def _without_moment(request: dict) -> dict:
    return {k: v for k, v in request.items() if k not in _OF_THE_MOMENT}


def _what_it_asked(response: dict) -> dict:
    return {"code": response["code"], "version": response["version"], "status": response["status"],
            "todo": [item["text"] for item in response["todo"]], "todo_more": response.get("todo_more", 0)}


def keep(case: dict, election_id: str, checker: str, request: dict, today: dt.date, codes_data=None) -> dict:
    """{"case", "entry", "message", "already_kept"}: the case with this check kept in the election. A checker with
    rows (donations) keeps one list per code and election: the request's rows are added to it, each row already
    kept left out and named, and the whole list checked again. Any other check is kept as it is, once."""
    election = _election(case, election_id)
    spec = CHECKERS.get(checker)
    if spec is None or not isinstance(request, dict):
        raise CaseError("Only a check made on this site can be kept")
    request = {k: v for k, v in _without_moment(request).items() if k != spec.page_address}
    entries = list(election["entries"])
    already: list[str] = []
    same = next((e for e in entries if e["checker"] == checker and e["checked"]["code"] == request.get("code")), None)
    if spec.rows and same is not None:
        # One check of the whole list; the new answers alone only when it has problems, to say whose they are.
        merged, added, already = merge(spec, same["request"], request)
        response = run(checker, {**merged, "today": today.isoformat()}, codes_data)
        if "errors" in response:
            _refuse_if_wrong(checker, request, today, codes_data)
            raise CaseError("Your kept list and these answers could not be checked together: " +
                            "; ".join(e["summary_line"] for e in response["errors"][:3]))
        entry = {**same, "kept_on": today.isoformat(), "request": merged, "checked": _what_it_asked(response)}
        entries[entries.index(same)] = entry
        message = (f"Added {_count(spec, added)} to your kept list for {election['name']}." if added
                   else f"Nothing added to your kept list for {election['name']}.")
    else:
        response = _refuse_if_wrong(checker, request, today, codes_data)
        twin = next((e for e in entries if e["checker"] == checker and e["request"] == request), None)
        if twin is not None:
            entry = {**twin, "kept_on": today.isoformat(), "checked": _what_it_asked(response)}
            entries[entries.index(twin)] = entry
            message = f"This check was already in your case for {election['name']}: it is kept as checked today."
        else:
            if len(entries) >= MOST_ENTRIES:
                raise CaseError(f"This election already has {MOST_ENTRIES} kept checks: forget some you no longer need")
            entry = {"id": _new_id("k"), "checker": checker, "kept_on": today.isoformat(), "request": request,
                     "checked": _what_it_asked(response)}
            entries.append(entry)
            message = f"Kept in your case for {election['name']}."
    elections = [{**e, "entries": entries} if e is election else e for e in case["elections"]]
    named = already[:MOST_NAMED] + ([f"and {len(already) - MOST_NAMED:,} more"] if len(already) > MOST_NAMED else [])
    if named:
        message += f" {_count(spec, len(already)).capitalize()} {'was' if len(already) == 1 else 'were'} kept already, " \
                   f"so not added again: {'; '.join(named)}."
    return {"case": {**case, "elections": elections}, "entry": entry["id"], "message": message, "already_kept": named}


def _refuse_if_wrong(checker: str, request: dict, today: dt.date, codes_data) -> dict:
    response = run(checker, {**request, "today": today.isoformat()}, codes_data)
    if "errors" in response:
        raise CaseError("This check has answers that need correcting: correct them and check again before keeping it")
    return response


def _count(spec, count: int) -> str:
    label = spec.rows[0].row_label.lower() or "row"
    return f"{count:,} {label}{'' if count == 1 else 's'}"


def merge(spec, kept: dict, new: dict) -> tuple[dict, int, list[str]]:
    """The kept request with the new one's rows added (its other answers are the new one's): (merged, how many rows
    were added, each new row left out as kept already, described). Rows are the same when each field reads the same:
    an amount or a date however written, a name whatever its case, spacing or invisible characters. A row matches
    one kept row at most, so a second gift of the same amount on the same day is added."""
    merged = dict(new)
    added = 0
    already: list[str] = []
    for rows in spec.rows:
        kept_rows = kept.get(rows.name) if isinstance(kept.get(rows.name), list) else []
        new_rows = new.get(rows.name) if isinstance(new.get(rows.name), list) else []
        unmatched: dict[tuple, int] = {}
        for row in kept_rows:
            key = _row_key(rows, row)
            unmatched[key] = unmatched.get(key, 0) + 1
        result = list(kept_rows)
        for row in new_rows:
            key = _row_key(rows, row)
            if unmatched.get(key):
                unmatched[key] -= 1
                already.append(_described(rows, row))
            else:
                result.append(row)
                added += 1
        merged[rows.name] = result
    return merged, added, already


def _row_key(rows, row) -> tuple:
    if not isinstance(row, dict):
        return ("not a row", repr(row))
    values = read_fields(rows.fields, row, rows.name, Errors())
    key = []
    for inner in rows.fields:
        value, typed = values.get(inner.name), row.get(inner.name)
        if isinstance(value, str):
            key.append(same_name_key(value))
        elif value is None and typed not in (None, ""):
            key.append(("as typed", str(typed)))  # unreadable: the same only if typed the same
        else:
            key.append(value)
    return tuple(key)


def _described(rows, row) -> str:
    data = {inner.name: inner.to_data() for inner in rows.fields}
    return ", ".join(shown(data[name], row.get(name)) for name in data
                     if isinstance(row, dict) and row.get(name) not in (None, ""))


def forget(case: dict, election_id: str | None = None, entry_id: str | None = None) -> dict:
    """{"case", "message"}: without the entry (given both), or the whole election (given the election)."""
    election = _election(case, election_id)
    if entry_id is None:
        return {"case": {**case, "elections": [e for e in case["elections"] if e is not election]},
                "message": f"Forgot {election['name']} and every check kept for it."}
    if not any(e["id"] == entry_id for e in election["entries"]):
        raise CaseError("That kept check is no longer in your case. Reload the page")
    entries = [e for e in election["entries"] if e["id"] != entry_id]
    return {"case": {**case, "elections": [{**e, "entries": entries} if e is election else e for e in case["elections"]]},
            "message": f"Forgot the check from {election['name']}."}


def bring_in(case: dict, data) -> dict:
    """{"case", "message"} with a case file's elections added to this one: an election already here (the same one,
    exported from here or from another device that imported it) takes the file's entries it lacks, and its entries
    kept later than this copy's; or {"errors"} naming what in the file is wrong. Nothing changes unless all is well."""
    imported, problems = read_case(data)
    if imported is None:
        return {"errors": problems}
    elections = [dict(e) for e in case["elections"]]
    by_id = {e["id"]: e for e in elections}
    added = updated = 0
    for election in imported["elections"]:
        here = by_id.get(election["id"])
        if here is None:
            elections.append(election)
            added += len(election["entries"])
            continue
        entries = list(here["entries"])
        index = {e["id"]: i for i, e in enumerate(entries)}
        for entry in election["entries"]:
            if entry["id"] not in index:
                entries.append(entry)
                added += 1
            elif entry["kept_on"] > entries[index[entry["id"]]]["kept_on"]:
                entries[index[entry["id"]]] = entry
                updated += 1
        if len(entries) > MOST_ENTRIES:
            return {"errors": [{"field": "file", "message": f"would give {here['name']} more than {MOST_ENTRIES} kept "
                                "checks: forget some first"}]}
        here["entries"] = entries
    if len(elections) > MOST_ELECTIONS:
        return {"errors": [{"field": "file", "message": f"would make your case hold more than {MOST_ELECTIONS} elections: "
                            "forget some first"}]}
    said = f"Imported {added} kept {'check' if added == 1 else 'checks'}"
    said += f" and brought {updated} up to date." if updated else "."
    return {"case": {**case, "elections": elections}, "message": said}


def spreadsheet(case: dict, election_id: str, entry_id: str) -> dict:
    """{"text", "filename"}: a kept check's rows as the spreadsheet its checker's page reads."""
    election = _election(case, election_id)
    entry = next((e for e in election["entries"] if e["id"] == entry_id), None)
    checker = CHECKERS.get(entry["checker"]) if entry else None
    sheet = next((f for f in checker.rows if f.spreadsheet), None) if checker else None
    if sheet is None:
        raise CaseError("That kept check has no spreadsheet")
    rows = entry["request"].get(sheet.name) or []
    return {"text": csvinput.write(rows, sheet), "filename": f"{entry['checker']}-{_file_stem(election['name'])}.csv"}


def _file_stem(name: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", same_name_key(name)).strip("-") or "election"


# --- The overview: every kept check answered today --------------------------------------------------------------


def overview(case: dict, today: dt.date, site_url: str = "", codes_data=None) -> dict:
    """Every kept check answered again today, against the version now current (or the one the reader pinned):
    what changed since it was kept and whether the answer did; every thing to do from all of them, soonest first,
    overdue marked; one calendar file of every date; and the summary as text, to save or print."""
    elections, todo, responses = [], [], []
    for election in case["elections"]:
        entries = []
        for entry in election["entries"]:
            answered, response = _answer_entry(entry, today, site_url, codes_data)
            entries.append(answered)
            if response is None:
                continue
            responses.append(response)
            for item in response["todo"]:
                todo.append({**item, "election": election["name"], "entry": entry["id"], "link": answered["link"],
                             "checker_title": answered["checker_title"], "when": _when(item),
                             "where": f"{election['name']}: {answered['checker_title']}"})
        elections.append({"id": election["id"], "name": election["name"], "entries": entries})
    todo.sort(key=lambda item: soonest_first(item["overdue"], item["level"],
                                             dt.date.fromisoformat(item["date"]) if "date" in item else None))
    ics = calendar_of(responses, today, site_url)
    result = {"today": today.isoformat(), "today_text": written_date(today), "elections": elections,
              "todo": todo[:MOST_TODO], "todo_more": max(0, len(todo) - MOST_TODO),
              "calendar": {"text": ics, "filename": f"my-case-{today.isoformat()}.ics"} if ics else None,
              "export_filename": f"my-case-{today.isoformat()}.json"}
    result["summary"] = {"text": _summary(result), "filename": f"my-case-{today.isoformat()}.txt"}
    return result


def _when(item: dict) -> str:
    """"By 2 April 2024", "Overdue: it was due by 2 April 2024", "From 3 May 2027"; or "" for an undated item, and for
    one whose own words give its day already (said once is enough)."""
    if "date" not in item:
        return ""
    day = written_date(dt.date.fromisoformat(item["date"]))
    if day in item["text"]:
        return ""
    if item.get("date_kind") != "deadline":
        return f"From {day}"
    return f"Overdue: it was due by {day}" if item["overdue"] else f"By {day}"


def reminder(facts: dict, today: dt.date) -> str:
    """What the page says of the case's safety: when it was last saved to a file, whether it changed since, and
    whether the browser may delete it."""
    exported = facts.get("exported_on")
    try:
        exported = dt.date.fromisoformat(exported) if exported else None
    except (TypeError, ValueError):
        exported = None
    said = (f"You last saved your case to a file on {written_date(exported)}." if exported else
            "You have not saved your case to a file yet.")
    if exported and not facts.get("exported_after_change"):
        said += " It has changed since: save it again."
    elif not exported and facts.get("changed_on"):
        said += " Save it now and then: it is the only copy."
    said += (" This browser has agreed not to delete it to make room." if facts.get("persisted") else
             " This browser may delete it to make room, and Safari deletes it after seven days without a visit: keep "
             "the file safe.")
    return said


def _answer_entry(entry: dict, today: dt.date, site_url: str, codes_data) -> tuple[dict, dict | None]:
    checker = CHECKERS[entry["checker"]]
    then = entry["checked"]
    request = {**entry["request"], "today": today.isoformat()}
    if checker.page_address and site_url:
        request[checker.page_address] = site_url
    now = run(entry["checker"], request, codes_data)
    kept_on = dt.date.fromisoformat(entry["kept_on"])
    answered = {"id": entry["id"], "checker": entry["checker"], "checker_title": checker.title,
                "kept_on": entry["kept_on"], "kept_on_text": written_date(kept_on), "version_then": then["version"],
                "link": checker_url(entry["checker"]) + f"#case={entry['id']}", "size": _size(checker, entry["request"]),
                "kept_text": f"Kept on {written_date(kept_on)}, checked against version {then['version']}.",
                "spreadsheet": any(f.spreadsheet for f in checker.rows)}
    if "errors" in now:
        answered["problem"] = ("This kept check can no longer be answered as it is: "
                               + "; ".join(e["summary_line"] for e in now["errors"][:3])
                               + ". Open it, correct it and keep it again.")
        return answered, None
    answered |= {"headline": now["headline"], "version_now": now["version"], "title": now["title"],
                 "todo": now["todo"], "todo_more": now.get("todo_more", 0),
                 "changes": _changes(entry, now, kept_on, codes_data)}
    return answered, now


def _size(checker, request: dict) -> str:
    counts = [len(request[f.name]) for f in checker.rows if isinstance(request.get(f.name), list)]
    return _count(checker, sum(counts)) if counts else ""


def _changes(entry: dict, now: dict, kept_on: dt.date, codes_data) -> list[str]:
    """What changed since the check was kept, in sentences: the version applied, and whether the answer did."""
    then = entry["checked"]
    said = []
    # The same version, answered on the day it was kept: any difference is the site's reading corrected since.
    pinned_request = {**{k: v for k, v in entry["request"].items() if k != "as_of"}, "version": then["version"]}
    unchanged = now["version"] == then["version"] and now["checked_on"] == entry["kept_on"] and "as_of" not in entry["request"]
    # Kept today against the version still applied: today's answer is that day's answer, not worked out again.
    same_day = now if unchanged else run(entry["checker"], {**pinned_request, "today": entry["kept_on"]}, codes_data)
    if "errors" in same_day:
        said.append(f"Version {then['version']}, which it was checked against on {written_date(kept_on)}, is no longer "
                    "on this site.")
    elif _asked(same_day) != (then["status"], tuple(then["todo"])):
        said.append(f"This site's reading of version {then['version']} has been corrected since you kept this check: "
                    f"on {written_date(kept_on)} it now answers {_difference(then, same_day)}")
    if now["version"] != then["version"]:
        pinned = same_day if "errors" in same_day else run(
            entry["checker"], {**pinned_request, "today": now["checked_on"]}, codes_data)
        said.append(f"The code has changed since you kept this check: it was checked against version {then['version']}, "
                    f"and is now checked against version {now['version']}. " +
                    ("Under the new version the answer is the same." if "errors" not in pinned and _asked(pinned) == _asked(now)
                     else f"Under the new version it answers {_difference(_what_it_asked(pinned), now)}"
                     if "errors" not in pinned else "Read the new answer below."))
    return said


def _asked(response: dict) -> tuple:
    return (response["status"], tuple(item["text"] for item in response["todo"]))


def _difference(before: dict, after: dict) -> str:
    """How an answer differs from what it was, in words: what it asks now and no longer asks."""
    was = set(before["todo"])
    now = [item["text"] if isinstance(item, dict) else item for item in after["todo"]]
    new = [text for text in now if text not in was]
    gone = [text for text in before["todo"] if text not in set(now)]
    parts = []
    if before["status"] != after["status"]:
        parts.append(f"differently ({after.get('status_text') or after['status']})")
    if new:
        parts.append("and now asks: " + " ".join(new))
    if gone:
        parts.append("and no longer asks: " + " ".join(gone))
    return (" ".join(parts).removeprefix("and ") or "the same, in other words") + ("" if parts and parts[-1].endswith(".") else ".")


def _summary(result: dict) -> str:
    """The overview as plain text: what to do, soonest first, then each election's kept checks."""
    title = f"My case, as at {result['today_text']}"
    lines = [title, "=" * len(title), "", "What you need to do", "-------------------"]
    for item in result["todo"]:
        when = f" ({item['when']})" if item["when"] else ""
        lines.append(f"- {item['label']}: {printable(item['text'])}{when} [{printable(item['where'])}]")
    if not result["todo"]:
        lines.append("Nothing, on what you have kept.")
    if result["todo_more"]:
        lines.append(f"- and {result['todo_more']:,} more: each is in its check.")
    for election in result["elections"]:
        heading = printable(election["name"])
        lines += ["", heading, "-" * len(heading)]
        for entry in election["entries"]:
            lines.append(f"- {entry['checker_title']}{', ' + entry['size'] if entry['size'] else ''}: {entry['kept_text']}")
            lines += [f"  {entry.get('headline', '')}".rstrip(), *(f"  {line}" for line in entry.get("changes", []))]
            if "problem" in entry:
                lines.append(f"  {entry['problem']}")
        if not election["entries"]:
            lines.append("Nothing kept yet.")
    lines += ["", "A guide to the codes' own words, not legal advice. Kept in your browser; this file is a copy."]
    return "\n".join(line for line in lines) + "\n"
