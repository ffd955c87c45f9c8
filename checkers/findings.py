"""A finding of a checker: what it found, how serious it is, in a sentence, and the clause it applies."""

from __future__ import annotations

from .content import CodeVersion


def clause_reference(version: CodeVersion, clause: str) -> dict:
    cite = version.citation.at(clause)
    return {"code": version.code, "version": version.version, "id": clause, "url": cite.url, "citation": str(cite),
            "name": version.unit_name(clause)}


def finding(rule: str, level: str, message: str, version: CodeVersion, clause: str, **extra) -> dict:
    result = {"rule": rule, "level": level, "message": message, "clause": clause_reference(version, clause)}
    result.update({key: value for key, value in extra.items() if value is not None})
    return result
