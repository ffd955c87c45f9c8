"""Eligibility to stand for members suspended from the Labour Party.

`momentum-ncg-elections` 2022, "Eligibility for Suspended Members": "Members who are suspended from the
Labour Party following the conclusion of their case, and who are not the subject of any other pending
investigation may stand for the NCG. Members who are suspended from the Labour Party pending investigation
or awaiting the outcome of their investigation will not be eligible to run for the NCG."
"""

from __future__ import annotations

from . import rules as r
from .content import CodeVersion
from .findings import finding
from .validation import COMMON_FIELDS, Errors, boolean, check_fields

NAME = "suspension"
TITLE = "Standing while suspended"
PURPOSE = "May you stand for election while suspended from the Labour Party?"
RULES = r.suspension_rules

INPUTS = [
    {"name": "suspended", "label": "Are you suspended from the Labour Party?", "type": "boolean", "required": True},
    {"name": "case_concluded", "label": "Has your case concluded?", "type": "boolean", "required": "when suspended",
     "hint": "Answer if you are suspended: has the investigation into you finished, with an outcome?"},
    {"name": "other_pending_investigation", "label": "Are you the subject of any other pending investigation?",
     "type": "boolean", "required": "when suspended", "hint": "Answer if you are suspended."},
]
STATUS_TEXT = {"eligible": "This rule allows you to stand.", "not-eligible": "This rule does not allow you to stand."}
RETURNING_OFFICER = "The Returning Officer interprets these guidelines and has the final word on how they apply to you."


def check(request: dict, version: CodeVersion, errors: Errors) -> dict | None:
    """`eligible` or `not-eligible` under the rule on suspended members; a member who is not suspended is not
    restricted by it (other rules may apply, and the Returning Officer interprets the guidelines)."""
    check_fields(request, COMMON_FIELDS + ("suspended", "case_concluded", "other_pending_investigation"), "", errors)
    rule = r.suspension_rules(version)
    suspended = boolean(request, "suspended", errors, required=True)
    concluded = pending = None
    if suspended:
        concluded = boolean(request, "case_concluded", errors, required=True)
        pending = boolean(request, "other_pending_investigation", errors, required=True)
    if errors:
        return None
    if not suspended:
        status, level = "eligible", "info"
        message = ("You are not suspended, so this rule does not restrict you. Other rules on who may stand may still "
                   f"apply. {RETURNING_OFFICER}")
    elif concluded and not pending:
        # "Members who are suspended ... following the conclusion of their case, and who are not the subject of
        # any other pending investigation may stand".
        status, level = "eligible", "info"
        message = ("You are suspended following the conclusion of your case and are not the subject of any other "
                   f"pending investigation, so this rule allows you to stand. {RETURNING_OFFICER}")
    else:
        # "Members who are suspended ... pending investigation or awaiting the outcome ... will not be eligible".
        status, level = "not-eligible", "breach"
        why = ("your case has not concluded (you are suspended pending investigation or awaiting its outcome)"
               if not concluded else "you are the subject of another pending investigation")
        message = f"You may not stand: you are suspended and {why}. {RETURNING_OFFICER}"
    return {"status": status, "findings": [finding("eligibility", level, message, version, rule.clause)]}
