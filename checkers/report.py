"""A checker's response as plain text for the terminal."""

from __future__ import annotations

import re

from . import CHECKERS
from .findings import LABELS

# Control characters (and the bidirectional overrides that reorder a line) from a spreadsheet's cells would
# act on the terminal rather than show: they are written as escapes.
_UNSAFE = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def printable(text: str) -> str:
    return _UNSAFE.sub(lambda m: f"\\x{ord(m[0]):02x}" if ord(m[0]) < 0x100 else f"\\u{ord(m[0]):04x}",
                       text.replace("\n", " ").replace("\t", " "))


def readable(response: dict) -> str:
    """The same words as the checker's page: the headline, each finding with its label and facts (and what the
    law requires, where it differs), the notes."""
    if "errors" in response:
        lines = [response.get("summary", "Nothing was checked: fix these first.")]
        lines += [f"- {e['field']}: {e['message']}" for e in response["errors"]]
    else:
        module = CHECKERS[response["checker"]]
        answers = response.get(getattr(module, "ANSWERS", "findings")) or []
        lines = [f"{module.TITLE}: {response['headline']}"]
        lines += response.get("details", [])
        if not answers:
            lines.append("No findings: nothing to report or act on under this code.")
        for item in answers:
            facts = f" {item['facts_text']}" if item.get("facts_text") else ""
            lines.append(f"- {item['level_label']}: {item['message']}{facts} [{item['clause']['citation']}, {item['clause']['name']}]")
            if "law" in item:
                # The code's answer first, then the law's beside it, with where to read the law.
                sources = "; ".join(f"{source['title']} <{source['url']}>" for source in item["law"]["sources"])
                lines.append(f"  {LABELS['law']} {item['law']['message']} {LABELS['law_sources']}: {sources}.")
    lines += [f"Note: {note}" for note in response.get("notes", [])]
    if "disclaimer" in response:
        lines.append(response["disclaimer"])
    return "\n".join(printable(line) for line in lines)
