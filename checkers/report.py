"""A checker's response as plain text for the terminal."""

from __future__ import annotations

import re

from .citation import Citation

LEVELS = {"breach": "BREACH", "action": "ACTION", "info": "Info"}
# Control characters (and the bidirectional overrides that reorder a line) from a spreadsheet's cells would
# act on the terminal rather than show: they are written as escapes.
_UNSAFE = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def printable(text: str) -> str:
    return _UNSAFE.sub(lambda m: f"\\x{ord(m[0]):02x}" if ord(m[0]) < 0x100 else f"\\u{ord(m[0]):04x}",
                       text.replace("\n", " ").replace("\t", " "))


def readable(response: dict) -> str:
    if "errors" in response:
        lines = ["Nothing was checked: fix these first."] + [f"- {e['field']}: {e['message']}" for e in response["errors"]]
    else:
        lines = [f"{response['checker'].capitalize()} under {Citation(response['code'], response['version'])}: "
                 f"{response['status'].upper()}"]
        if not response["findings"]:
            lines.append("No findings: nothing to report or act on under this code.")
        for item in response["findings"]:
            lines.append(f"- {LEVELS[item['level']]}: {item['message']} [{item['clause']['citation']}]")
    lines += [f"Note: {note}" for note in response.get("notes", [])]
    return "\n".join(printable(line) for line in lines)
