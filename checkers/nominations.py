"""Nominations: enough verified nominations to stand, and the further ones allowed before the deadline.

`momentum-ncg-elections` 2022, "Nominations": "Candidates shall be required to gain a minimum 20 valid
nominations"; "Candidates will be allowed to secure a further 10 nominations before the deadline, but it
will be no longer possible to nominate them once the deadline has passed"; "If a candidate's verified
nominations drop below 30 they will be informed of this by email that they may wish for an individual to nominate
them through the website. If a candidate's verified nominations drop below 20,
they will be informed by email that they no longer have sufficient nominations to stand in the election."
"""

from __future__ import annotations

from dataclasses import dataclass

from . import rules as r
from .content import CodeVersion
from .contract import Answer, Checker, Field, Result, clause_reference
from .money_and_dates import counted
from .validation import Errors

NAME = "nominations"


@dataclass(frozen=True)
class Nominations:
    clause: str
    minimum: int = r.stated_as(f"count:{NAME}")
    further: int = r.stated_as(f"count:{NAME}")
    maximum: int = r.stated_as(f"count:{NAME}")


def nomination_rules(version: CodeVersion) -> Nominations | None:
    data = version.rules.get(NAME)
    if data is None:
        return None
    read = r.Reader(version, NAME, data)
    read.expect_only("clause", "minimum", "further", "maximum")
    rule = Nominations(read.clause(), read.number("minimum", whole=True), read.number("further", whole=True),
                       read.number("maximum", whole=True))
    if rule.maximum != rule.minimum + rule.further:
        read.fail("maximum", f"is {rule.maximum}, but minimum {rule.minimum} plus further {rule.further} is "
                  f"{rule.minimum + rule.further}")
    return rule


VERIFIED = Field("verified", "Verified nominations", "count", required=True,
                 missing="Enter how many verified nominations you have",
                 hint="How many of your nominations have been verified so far.")
DEADLINE_PASSED = Field("deadline_passed", "The nominations deadline has passed", "boolean", default=False)
STATUS_TEXT = {"insufficient": "Not enough verified nominations to stand.",
               "sufficient": "Enough verified nominations to stand.", "full": "The most nominations you may secure."}


def check(values: dict, version: CodeVersion, errors: Errors) -> Result | None:
    """Whether `verified` nominations are enough to stand under a version's nomination rules.

    Returns `status` (`insufficient`, `sufficient` or `full`), `verified`, `minimum`, `maximum`, `shortfall`,
    `can_still_add` (0 once `deadline_passed`) and one answer (`minimum`, `buffer` or `maximum`).
    """
    rule = nomination_rules(version)
    verified, deadline_passed = values[VERIFIED.name], values[DEADLINE_PASSED.name]
    can_still_add = 0 if deadline_passed else rule.maximum - verified
    shortfall = max(0, rule.minimum - verified)
    if verified < rule.minimum:
        # "If a candidate's verified nominations drop below 20 ... they no longer have sufficient nominations".
        status = "insufficient"
        if deadline_passed:
            message = (f"You have {counted(verified, 'verified nomination')}, {shortfall} short of the {rule.minimum} needed to stand, "
                       "and the deadline has passed, so no more can be secured: you do not have enough to stand.")
            about, level = "minimum", "breach"
        else:
            message = (f"You have {counted(verified, 'verified nomination')}: you need {shortfall} more to reach the "
                       f"{rule.minimum} needed to stand. Secure them before the deadline.")
            about, level = "minimum", "action"
    elif verified < rule.maximum:
        # "Candidates will be allowed to secure a further 10 nominations before the deadline".
        status, about, level = "sufficient", "buffer", "info"
        if deadline_passed:
            message = (f"You have {counted(verified, 'verified nomination')}, enough to stand (at least {rule.minimum}). The deadline "
                       "has passed, so no more can be secured; if some are found invalid and you drop below "
                       f"{rule.minimum}, you will no longer have enough.")
        else:
            message = (f"You have {counted(verified, 'verified nomination')}, enough to stand (at least {rule.minimum}). You may "
                       f"secure up to {can_still_add} more before the deadline, as a buffer in case some are found invalid. "
                       f"The guidelines say that a candidate whose verified nominations drop below {rule.maximum} is told by "
                       "email that they may wish for an individual to nominate them through the website.")
    else:
        status, about, level = "full", "maximum", "info"
        message = (f"You have {verified} verified nominations: the most you may secure ({rule.minimum} plus "
                   f"{rule.further} further). No more can be added.")
        if not deadline_passed:
            # "If a candidate's verified nominations drop below 30 they will be informed of this by email that they may
            # wish for an individual to nominate them through the website": before the deadline, when that can be done.
            message += (f" If some are found invalid and your verified nominations drop below {rule.maximum}, the "
                        "guidelines say you will be told by email that you may wish for an individual to nominate you "
                        "through the website.")
    details = [f"Verified: {verified} of at least {rule.minimum} needed and at most {rule.maximum}. Still needed: "
               f"{shortfall}. You may still add: {can_still_add}."]
    todo = {"insufficient": (f"You do not have enough verified nominations to stand: {rule.minimum} are needed." if deadline_passed
                             else f"Secure {shortfall} more verified {'nomination' if shortfall == 1 else 'nominations'} before "
                             f"the deadline: you have {verified}, and {rule.minimum} are needed."),
            "sufficient": (f"You have enough verified nominations to stand. You may secure up to {can_still_add} more "
                           "before the deadline, in case some are found invalid." if not deadline_passed else
                           "You have enough verified nominations to stand."),
            "full": "You have the most nominations you may secure: no more can be added."}[status]
    # Too few nominations after the deadline breaks no rule: the candidate cannot stand, and the label says that.
    label = "Cannot stand" if level == "breach" else ""
    return Result(status, [Answer(about, level, message, clause_reference(version, rule.clause), todo=todo, label=label)],
                  details=details,
                  data={"verified": verified, "minimum": rule.minimum, "maximum": rule.maximum, "shortfall": shortfall,
                        "can_still_add": can_still_add})


def most_verified(values: dict, version: CodeVersion, errors: Errors) -> None:
    """No more verified nominations than the most the version allows."""
    rule = nomination_rules(version)
    if values[VERIFIED.name] is not None and values[VERIFIED.name] > rule.maximum:
        errors.add(VERIFIED.name, f"cannot be more than {rule.maximum}: that is the most a candidate may secure under "
                   "this code")
        values[VERIFIED.name] = None


CHECKER = Checker(
    name=NAME, title="Nominations",
    purpose="Do you have enough verified nominations to stand, and how many more may you secure?",
    fields=(VERIFIED, DEADLINE_PASSED), read_rules=nomination_rules, statuses=STATUS_TEXT, check=check,
    check_values=most_verified)
