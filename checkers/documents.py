"""What a reader may keep of a check: a plain record (the answers given, the answer, the code and version with
links, the day it was made) and, where an answer has deadlines, an iCalendar file with one event for each.

Both are written here, in Python, so that the page, the command line (`--record FILE`, `--ics FILE`) and the
tests get the same bytes; the browser only offers them as files. Nothing is sent or kept.
"""

from __future__ import annotations

import datetime as dt
import zlib

from .addresses import whole
from .citation import Citation
from .money_and_dates import written_date
from .text import printable

PRODUCT = "-//Codes of Conduct//Checkers//EN"


def shown(spec: dict, value) -> str:
    """A request's value as its form shows it: an option's label, Yes or No, or the text as typed."""
    if value is None and "default" in spec:
        value = spec["default"]
    if value is None or value == "":
        return "not given"
    for option_value, label in spec.get("options") or []:
        if option_value == value:
            return label
    if isinstance(value, bool):
        return "Yes" if value else "No"
    # As typed, but never able to act on the record: a control character or a line break shows as its code.
    return printable(str(value), keep_lines=spec.get("kind") == "longtext")


def _entered(inputs: list[dict], request: dict) -> list[str]:
    lines = []
    for spec in inputs:
        value = request.get(spec["name"])
        if spec["kind"] == "rows":
            rows = value if isinstance(value, list) else []
            lines.append(f"{spec['label']}: {len(rows) or 'none'}")
            for number, row in enumerate(rows, start=1):
                fields = "; ".join(f"{field['label']}: {shown(field, row.get(field['name']))}"
                                   for field in spec["fields"] if isinstance(row, dict))
                lines.append(f"  {spec.get('row_label', 'Row')} {number}: {fields}")
        elif value is not None:
            lines.append(f"{spec['label']}: {shown(spec, value)}")
    return lines


def answer_first(response: dict, labels: dict, cite, source) -> list[str]:
    """An answer's lines in the page's order (overrides/assets/checker/result.js): what to do, soonest first, then
    what needs nothing, then why, each answer with its facts, its clause (`cite(answer)`) and the law beside it
    (each of its sources written by `source`); then the notes. The record and the command line's report both
    read it, so that neither puts the reasoning before what the reader must do."""
    todo = response.get("todo") or []
    lines = [response["todo_heading"]]
    lines += [f"- {item['label'] + ': ' if item.get('overdue') else ''}{item['text']}" for item in todo]
    if not todo:
        lines.append(labels["nothing_to_do"])
    if response.get("todo_more_text"):
        lines.append(response["todo_more_text"])
    lines += response.get("details", [])
    if response.get("draft"):
        lines += ["", f"{response['draft']['label']}:", *response["draft"]["text"].rstrip("\n").split("\n")]
    answers = response.get("answers") or []
    others = [item for item in answers if not item.get("todo") and not item.get("reasoning")]
    if others:
        lines += ["", response["others_heading"]]
        lines += [f"- {item['level_label']}: {item['message']}" for item in others]
    if answers:
        lines += ["", labels["reasoning"]]
    for item in answers:
        facts = f" {item['facts_text']}" if item.get("facts_text") else ""
        lines.append(f"- {item['level_label']}: {item['message']}{facts} {cite(item)}")
        if "law" in item:
            sources = "; ".join(source(each) for each in item["law"]["sources"])
            lines.append(f"  {labels['law']} {item['law']['message']} {labels['law_sources']}: {sources}.")
    if response.get("notes"):
        lines.append("")
    lines += [f"Note: {note}" for note in response.get("notes", [])]
    return lines


def _as_on(response: dict, made_on: dt.date) -> str:
    """A check asked as on another day (a request's `today`) says so: its deadlines and what is overdue are as on that
    day, not on the day the record was made."""
    try:
        asked = dt.date.fromisoformat(response.get("checked_on") or "")
    except (TypeError, ValueError):
        return ""
    return "" if asked == made_on else (f" The answer is as things stood on {written_date(asked)}, the day the check "
                                        "was asked about: what is due or overdue is counted from that day.")


def record(description: dict, request: dict, response: dict, made_on: dt.date, site_url: str = "") -> str:
    """The record of one check, as plain text: what was entered, the answer in the page's words, and the code
    and version applied, each clause with its address."""
    title = f"Codes of Conduct: {description['title']}"
    lines = [title, "=" * len(title), "", f"Checked on {written_date(made_on)}.{_as_on(response, made_on)}"]
    if "errors" in response:
        lines += ["", response.get("summary", "Nothing was checked."), ""]
        lines += [f"- {e['summary_line']}" for e in response["errors"]]
        return "\n".join(lines) + "\n"
    version_url = whole(site_url, Citation(response["code"], response["version"]).url)
    lines += [f"Code applied: {response['title']}, version {response['version']} ({response['code']}@{response['version']}): "
              f"{version_url}", "", "What was entered", "----------------"]
    entered = _entered(description["inputs"], request)
    if request.get("as_of") is not None:
        # The day that chose the version is part of what was entered, as the form's own field.
        entered.append(f"{description['labels']['as_of']}: {shown({}, request['as_of'])}")
    lines += entered or ["nothing beyond the code and version"]
    lines += ["", "The answer", "----------", response["headline"], ""]
    lines += answer_first(response, description["labels"],
                          lambda item: f"({item['clause']['label']}: {whole(site_url, item['clause']['url'])})",
                          lambda source: f"{source['title']}: {source['url']}")
    lines += ["", response.get("disclaimer", "")]
    return "\n".join(lines).rstrip() + "\n"


def _escape(text: str) -> str:
    # RFC 5545, 3.3.11: backslash, semicolon, comma and line breaks in TEXT; and no control character at all
    # (3.1: they are not allowed in a value), which `printable` writes as its code.
    text = printable(text.replace("\r\n", "\n").replace("\r", "\n"), keep_lines=True).replace("\t", " ")
    return text.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,").replace("\n", "\\n")


def _fold(line: str) -> str:
    """RFC 5545, 3.1: lines of at most 75 octets, continued on lines that start with a space."""
    # Cut the line's UTF-8 bytes, never inside a character: a cut that would fall before a continuation byte
    # (10xxxxxx) moves back to the start of its character. A year's calendar has a hundred thousand lines, so
    # this works on the bytes at once rather than a character at a time.
    data = line.encode("utf-8")
    parts, start, most = [], 0, 75
    while len(data) - start > most:
        end = start + most
        while data[end] & 0xC0 == 0x80:
            end -= 1
        parts.append(data[start:end].decode("utf-8"))
        start, most = end, 74
    if not parts:
        return line
    parts.append(data[start:].decode("utf-8"))
    return "\r\n ".join(parts)


# Reminders before a deadline: a week and a day before it (RFC 5545 VALARM); a day from which something is allowed
# is announced the day before; one already past when the file is made, on that day, in the morning.
DEADLINE_REMINDERS = ("-P7D", "-P1D")
FROM_REMINDERS = ("-P1D",)
OVERDUE_REMINDERS = ("PT9H",)


def calendar(response: dict, made_on: dt.date, site_url: str = "") -> str | None:
    """An iCalendar file with one all-day event for each dated thing the answer gives (a deadline, or a day from
    which something is allowed), each titled with the thing to do and with reminders before it; a deadline already
    past on the day the file is made goes in on that day. None when the answer gives no date."""
    return calendar_of([response], made_on, site_url)


def _in_calendar(item: dict) -> bool:
    return bool(item.get("date") and item.get("event"))


def has_calendar(response: dict) -> bool:
    """Whether `calendar` would write a file for this answer: known before it is written."""
    return "errors" not in response and any(_in_calendar(item) for item in response.get("answers") or [])


def calendar_of(responses: list[dict], made_on: dt.date, site_url: str = "") -> str | None:
    """One iCalendar file with the dated things of several answers (a kept case's checks): None when none has one."""
    dated = [(response, item) for response in responses if "errors" not in response
             for item in response.get("answers") or [] if _in_calendar(item)]
    if not dated:
        return None
    stamp = made_on.strftime("%Y%m%dT000000Z")
    lines = ["BEGIN:VCALENDAR", "VERSION:2.0", f"PRODID:{PRODUCT}", "CALSCALE:GREGORIAN", "METHOD:PUBLISH"]
    for response, item in dated:
        date = item["date"]
        on = dt.date.fromisoformat(date["on"])
        # Overdue by the day the file is made, not by the day the check was asked about (a request's `today`): a
        # calendar reminds from now on, so a deadline already past goes on today, and one still to come on its day.
        overdue = date["kind"] == "deadline" and on < made_on
        day = made_on if overdue else on
        reminders = OVERDUE_REMINDERS if overdue else DEADLINE_REMINDERS if date["kind"] == "deadline" else FROM_REMINDERS
        clause = item["clause"]
        # A calendar needs whole addresses: without the site's, the clause is named by its citation.
        link = whole(site_url, clause["url"]) if site_url else clause["citation"]
        # A stable identifier for the event, so that importing the file again updates it rather than adding a copy;
        # two checksums rather than hashlib, which the snapshot would otherwise have to hold.
        key = "|".join([response["checker"], clause["citation"], item["rule"], item.get("donor", ""), date["on"], item["event"]])
        uid = f"{zlib.crc32(key.encode('utf-8')):08x}{zlib.adler32(key.encode('utf-8')):08x}"
        summary = f"{item['event']} ({response['title']})"
        description = " ".join(filter(None, [item.get("todo"), item["message"], f"{clause['label']}: {link}"]))
        lines += ["BEGIN:VEVENT", f"UID:{uid}@codes-of-conduct", f"DTSTAMP:{stamp}",
                  # An all-day event: without DTEND it lasts the one day (RFC 5545, 3.6.1).
                  f"DTSTART;VALUE=DATE:{day.strftime('%Y%m%d')}",
                  f"SUMMARY:{_escape(summary)}",
                  f"DESCRIPTION:{_escape(description)}",
                  *([f"URL:{link}"] if site_url else []), "TRANSP:TRANSPARENT"]
        for trigger in reminders:
            lines += ["BEGIN:VALARM", "ACTION:DISPLAY", f"DESCRIPTION:{_escape(item['event'])}", f"TRIGGER:{trigger}",
                      "END:VALARM"]
        lines.append("END:VEVENT")
    lines.append("END:VCALENDAR")
    return "\r\n".join(_fold(line) for line in lines) + "\r\n"
