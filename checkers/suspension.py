"""Eligibility to stand for members suspended from the Labour Party.

`momentum-ncg-elections` 2022, "Eligibility for Suspended Members": "Members who are suspended from the
Labour Party following the conclusion of their case, and who are not the subject of any other pending
investigation may stand for the NCG. Members who are suspended from the Labour Party pending investigation
or awaiting the outcome of their investigation will not be eligible to run for the NCG."
"""

from __future__ import annotations

from . import rules as r
from .content import CodeVersion
from .contract import Answer, Checker, Condition, Field, Result, clause_reference
from .validation import Errors

NAME = "suspension"


def suspension_rules(version: CodeVersion) -> r.ClauseRule | None:
    """The clause on suspended members: the rule is its words, which `check` implements."""
    data = version.rules.get(NAME)
    if data is None:
        return None
    read = r.Reader(version, NAME, data)
    read.expect_only("clause")
    return r.ClauseRule(read.clause())


WHEN_SUSPENDED = Condition("suspended", (True,), "Required if you are suspended.")
# A case not concluded decides the answer alone ("suspended ... pending investigation ... will not be eligible"), so
# other investigations are asked about only once the case has concluded.
WHEN_CONCLUDED = Condition(all_of=(WHEN_SUSPENDED, Condition("case_concluded", (True,))),
                           words="Required if you are suspended and your case has concluded.")
FIELDS = (
    Field("suspended", "Are you suspended from the Labour Party?", "boolean", required=True,
          missing="Say whether you are suspended from the Labour Party"),
    Field("case_concluded", "Has your case concluded?", "boolean", required=WHEN_SUSPENDED, asked_when=WHEN_SUSPENDED,
          missing="Say whether your case has concluded",
          hint="Answer if you are suspended: has the investigation into you finished, with an outcome?"),
    Field("other_pending_investigation", "Are you the subject of any other pending investigation?", "boolean",
          required=WHEN_CONCLUDED, asked_when=WHEN_CONCLUDED,
          missing="Say whether you are the subject of any other pending investigation"),
)
STATUS_TEXT = {"eligible": "This rule allows you to stand.", "not-eligible": "This rule does not allow you to stand."}
RETURNING_OFFICER = "The Returning Officer interprets these guidelines and has the final word on how they apply to you."


def check(values: dict, version: CodeVersion, errors: Errors) -> Result | None:
    """`eligible` or `not-eligible` under the rule on suspended members; a member who is not suspended is not
    restricted by it (other rules may apply, and the Returning Officer interprets the guidelines)."""
    rule = suspension_rules(version)
    suspended, concluded, pending = (values[f.name] for f in FIELDS)
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
        # A concluded case with another investigation pending is in neither sentence as such: the first lets a
        # member suspended after their case stand only with no other investigation pending, so it is said that way.
        why = ("you are suspended and your case has not concluded (you are suspended pending investigation or "
               "awaiting its outcome)" if not concluded else
               "the guidelines let a member suspended following the conclusion of their case stand only if they are not "
               "the subject of any other pending investigation, and you are")
        message = f"You may not stand: {why}. {RETURNING_OFFICER}"
    todo = ("This rule allows you to stand." if status == "eligible" else
            "You may not stand while this rule applies to you. Ask the Returning Officer if you think it does not.")
    # Being unable to stand breaks no rule (standing would): the label says what it means for the reader.
    label = "May not stand" if status == "not-eligible" else ""
    return Result(status, [Answer("eligibility", level, message, clause_reference(version, rule.clause), todo=todo,
                                  label=label)])


CHECKER = Checker(
    name=NAME, title="Standing while suspended", purpose="May you stand for election while suspended from the Labour Party?",
    fields=FIELDS, read_rules=suspension_rules, statuses=STATUS_TEXT, check=check)
