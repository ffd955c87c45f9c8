"""A checker's response as plain text for the terminal."""

from __future__ import annotations

from collections.abc import Iterator

from . import CHECKERS
from .contract import LABELS
from .documents import answer_first
from .text import printable


def readable_lines(response: dict) -> Iterator[str]:
    """The same words as the checker's page, in its order: the headline, what to do, what needs nothing, then why
    (each answer with its label, facts and clause, and what the law requires where it differs), the notes. A line
    at a time, so that a year's report is written out without being held whole as well."""
    if "errors" in response:
        lines = [response.get("summary", "Nothing was checked: fix these first.")]
        lines += [f"- {e['summary_line']}" for e in response["errors"]]
        # What reading a spreadsheet noted (a column not read, the row read as its header) helps to mend it.
        lines += [f"Note: {note}" for note in response.get("notes", [])]
    else:
        lines = [f"{CHECKERS[response['checker']].title}: {response['headline']}", ""]
        lines += answer_first(response, LABELS, lambda item: f"[{item['clause']['citation']}, {item['clause']['name']}]",
                              lambda source: f"{source['title']} <{source['url']}>")
        lines += ["", response["disclaimer"]]
    return (printable(line) for line in lines)
