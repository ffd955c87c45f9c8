"""A finding of a checker: what it found, how serious it is, in a sentence, and the clause it applies; with
every word a page or the command line shows about it (the browser formats nothing itself)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from .content import CodeVersion
from .money_and_dates import pounds, written_date

LEVEL_LABELS = {"breach": "Breach", "action": "Action", "info": "Note"}
DISCLAIMER = "A guide to the code's own words, not legal advice."
# How a page introduces the `law` beside a finding (checkers/donations_law.py), and its list of sources.
LABELS = {"law": "What the law requires on that date:", "law_sources": "Where to read the law"}


def clause_reference(version: CodeVersion, clause: str) -> dict:
    cite = version.citation.at(clause)
    name = version.unit_name(clause)
    return {"code": version.code, "version": version.version, "id": clause, "url": cite.url, "citation": str(cite),
            "name": name, "label": f"{version.short_title}, {name}"}


def finding(rule: str, level: str, message: str, version: CodeVersion, clause: str, *, label: str | None = None,
            **extra) -> dict:
    """A finding; `label` replaces the level's usual word ("Breach", "Action", "Note") where the checker's answer
    needs its own ("Do not share")."""
    result = {"rule": rule, "level": level, "message": message, "clause": clause_reference(version, clause)}
    result.update({key: value for key, value in extra.items() if value is not None})
    result["level_label"] = label or LEVEL_LABELS[level]
    facts = _facts(result)
    if facts:
        result["facts_text"] = facts
    return result


def _facts(found: dict) -> str:
    """"Donor: A. Amount: £1,600. Deadline: 31 January 2024.": what a finding is about, as written."""
    facts = []
    if "donor" in found:
        facts.append(f"Donor: {found['donor']}")
    if "region" in found:
        facts.append(f"Region: {found['region']}")
    if "amount" in found:
        facts.append(f"Amount: {pounds(Decimal(str(found['amount'])))}")
    if "deadline" in found:
        facts.append(f"Deadline: {written_date(dt.date.fromisoformat(found['deadline']))}")
    return ". ".join(facts) + "." if facts else ""


def headline(status_text: str, version: CodeVersion) -> str:
    """The first line of an answer: what it comes to, and the code and version applied, by their names."""
    return f"{status_text} Checked against: {version.short_title}, version {version.version}."
