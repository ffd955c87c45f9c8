"""A checker's response as plain text for the terminal."""

from __future__ import annotations

from . import CHECKERS
from .contract import LABELS
from .text import printable


def readable(response: dict) -> str:
    """The same words as the checker's page: the headline, each answer with its label and facts (and what the
    law requires, where it differs), the notes."""
    if "errors" in response:
        lines = [response.get("summary", "Nothing was checked: fix these first.")]
        lines += [f"- {e['summary_line']}" for e in response["errors"]]
    else:
        answers = response.get("answers") or []
        lines = [f"{CHECKERS[response['checker']].title}: {response['headline']}"]
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
