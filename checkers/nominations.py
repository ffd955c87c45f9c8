"""Nominations: enough verified nominations to stand, and the further ones allowed before the deadline.

`momentum-ncg-elections` 2022, "Nominations": "Candidates shall be required to gain a minimum 20 valid
nominations"; "Candidates will be allowed to secure a further 10 nominations before the deadline, but it
will be no longer possible to nominate them once the deadline has passed"; "If a candidate's verified
nominations drop below 30 they will be informed ... If a candidate's verified nominations drop below 20,
they will be informed by email that they no longer have sufficient nominations to stand in the election."
"""

from __future__ import annotations

from . import rules as r
from .content import CodeVersion
from .findings import finding
from .validation import COMMON_FIELDS, Errors, boolean, check_fields

NAME = "nominations"
TITLE = "Nominations"
PURPOSE = "Do you have enough verified nominations to stand, and how many more may you secure?"
RULES = r.nomination_rules

INPUTS = [
    {"name": "verified", "label": "Verified nominations", "type": "count", "required": True,
     "hint": "How many of your nominations have been verified so far."},
    {"name": "deadline_passed", "label": "The nominations deadline has passed", "type": "boolean", "required": False,
     "default": False},
]


STATUS_TEXT = {"insufficient": "Not enough verified nominations to stand.",
               "sufficient": "Enough verified nominations to stand.", "full": "The most nominations you may secure."}


def read_count(value, maximum: int, errors: Errors) -> int | None:
    # Digits 0-9 only: str.isdigit() also admits superscript and circled digits, which int() refuses.
    if isinstance(value, str) and value.strip().isascii() and value.strip().isdecimal():
        value = int(value.strip())
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if value is None:
        errors.add("verified", "is required: how many verified nominations you have")
    elif isinstance(value, bool) or not isinstance(value, int):
        errors.add("verified", "must be a whole number, such as 22")
    elif value < 0:
        errors.add("verified", "cannot be negative")
    elif value > maximum:
        errors.add("verified", f"cannot be more than {maximum}: that is the most a candidate may secure under this code")
    else:
        return value
    return None


def check(request: dict, version: CodeVersion, errors: Errors) -> dict | None:
    """Whether `verified` nominations are enough to stand under a version's nomination rules.

    Returns `status` (`insufficient`, `sufficient` or `full`), `verified`, `minimum`, `maximum`, `shortfall`,
    `can_still_add` (0 once `deadline_passed`) and one finding (`minimum`, `buffer` or `maximum`).
    """
    check_fields(request, COMMON_FIELDS + ("verified", "deadline_passed"), "", errors)
    rule = r.nomination_rules(version)
    verified = read_count(request.get("verified"), rule.maximum, errors)
    deadline_passed = boolean(request, "deadline_passed", errors, required=False, default=False)
    if errors:
        return None
    can_still_add = 0 if deadline_passed else rule.maximum - verified
    shortfall = max(0, rule.minimum - verified)
    findings = []
    if verified < rule.minimum:
        # "If a candidate's verified nominations drop below 20 ... they no longer have sufficient nominations".
        status = "insufficient"
        if deadline_passed:
            message = (f"You have {verified} verified nominations, {shortfall} short of the {rule.minimum} needed to stand, "
                       "and the deadline has passed, so no more can be secured: you do not have enough to stand.")
            level = "breach"
        else:
            message = (f"You have {verified} verified nominations: you need {shortfall} more to reach the "
                       f"{rule.minimum} needed to stand. Secure them before the deadline.")
            level = "action"
        findings.append(finding("minimum", level, message, version, rule.clause))
    elif verified < rule.maximum:
        # "Candidates will be allowed to secure a further 10 nominations before the deadline".
        status = "sufficient"
        if deadline_passed:
            message = (f"You have {verified} verified nominations, enough to stand (at least {rule.minimum}). The deadline "
                       "has passed, so no more can be secured; if some are found invalid and you drop below "
                       f"{rule.minimum}, you will no longer have enough.")
        else:
            message = (f"You have {verified} verified nominations, enough to stand (at least {rule.minimum}). You may "
                       f"secure up to {can_still_add} more before the deadline, as a buffer in case some are found invalid; "
                       f"below {rule.maximum}, Momentum will tell you by email that you may wish to seek more.")
        findings.append(finding("buffer", "info", message, version, rule.clause))
    else:
        status = "full"
        message = (f"You have {verified} verified nominations: the most you may secure ({rule.minimum} plus "
                   f"{rule.further} further). No more can be added.")
        findings.append(finding("maximum", "info", message, version, rule.clause))
    details = [f"Verified: {verified} of at least {rule.minimum} needed and at most {rule.maximum}. Still needed: "
               f"{shortfall}. You may still add: {can_still_add}."]
    return {"status": status, "findings": findings, "verified": verified, "minimum": rule.minimum,
            "maximum": rule.maximum, "shortfall": shortfall, "can_still_add": can_still_add, "details": details}
