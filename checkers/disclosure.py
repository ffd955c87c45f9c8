"""Confidentiality: may I share this? The Confidentiality and Privacy Policy, paragraphs 5 to 10, as one table.

The questions and what each answer means are declared below (QUESTIONS, CONFIDENTIAL, COMMITTEE, DISCIPLINARY),
each beside the paragraph it reads, so that a reader can check them against the text line by line:

- 5: the Confidential Matters, (a) to (d);
- 6: paragraph 5(b) "shall not preclude members of such national committees from" (a) to (d), "in each case,
  where required by, or ancillary to, their duties under the Labour Party Rule Book";
- 7: "Members of the Labour Party must maintain confidentiality in all Confidential Matters";
- 8: "Members may not waive or breach confidentiality in respect of Confidential Matters save as required by law
  or with the express permission of the NEC or the General Secretary, or a national officer acting under the
  delegated power of the General Secretary and authorised to give such permission";
- 9: information, correspondence and Confidential Matters "pertaining to individual disciplinary cases" are
  kept private, "except" (a) to (f);
- 10: "Paragraph 8 of this Code of Conduct does not apply to disciplinary procedures taken pursuant to the
  Standing Orders of the Parliamentary Labour Party."

"Not sure" is an answer to every question: the checker tries each possible answer in its place, and says
whether the outcome turns on it, and how.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass

from . import rules as r
from .content import CodeVersion
from .contract import Answer, Checker, Field, Option, Result, clause_reference
from .validation import Errors

NAME = "disclosure"
NOT_SURE = "not-sure"
YES_NO = [["yes", "Yes"], ["no", "No"], [NOT_SURE, "Not sure"]]

# Paragraph 5: what the information is, and the letter of paragraph 5 that makes it a Confidential Matter.
CONFIDENTIAL = {
    "declared-confidential": ("5(a)", "a", "declared strictly confidential by the NEC, or by national officers acting "
                              "under its delegated powers"),
    "meeting-minutes": ("5(b)", "b", "minutes of Labour Party meetings"),
    "national-committee": ("5(b)", "b", "papers, minutes or discussions of the Labour Party's national committees"),
    "membership-records": ("5(b) and (c)", "b", "membership records"),
    "election-data": ("5(b)", "b", "data pertaining to elections"),
    "disciplinary-data": ("5(b) and (c)", "b", "data or information relating to individual disciplinary investigations, "
                          "proceedings or decisions"),
    "customary": ("5(d)", "d", "a matter which through custom and practice ought reasonably to be considered confidential "
                  "in the opinion of the NEC"),
    "none": None,
}
# Paragraph 6: what members of national committees may still do with 5(b) matters, by letter.
COMMITTEE = {
    "committee-preparation": ("a", "having such discussions, or sharing documents that are not strictly confidential, as "
                              "are appropriate and necessary to prepare for national committees"),
    "role-assistance": ("b", "obtaining appropriate assistance to undertake a role or duties on a national committee"),
    "report-back-members": ("c", "reporting back to other Labour Party members, including the Division represented"),
    "report-back-affiliate": ("d", "reporting back to an executive committee of the member's relevant affiliated "
                              "organisation"),
}
# Paragraph 9: the exceptions for individual disciplinary cases, by letter: who may disclose, for what purpose.
DISCIPLINARY = {
    "advice-or-support": ("b", "subject-member", "a member subject to disciplinary proceedings may disclose where it is "
                          "necessary to obtain legal advice, medical or social support, or support from close family "
                          "members, trade unions, the NEC or a national officer acting under delegated powers"),
    "fact-to-third-parties": ("c", "nec-or-officer", "the NEC or a national officer acting under delegated powers may "
                              "disclose the fact of a disciplinary investigation to third parties if it is necessary in "
                              "the Labour Party's interests, and only if the identity of the member is not disclosed"),
    "correct-media-reports": ("d", "nec-or-officer", "the NEC or a national officer acting under delegated powers may "
                              "disclose information to correct false reports in the media where that is necessary to "
                              "protect the Labour Party's reputation or interests"),
    "to-party-officer": ("e", "nec-or-officer", "the NEC or a national officer acting under delegated powers may "
                         "disclose a matter to another national officer, staff member or other person appointed by the "
                         "Labour Party to carry out a duty or power under the Rule Book"),
    "outcome-to-complainant": ("f", "nec-or-officer", "the NEC, the General Secretary or a national officer acting under "
                               "delegated powers may disclose the outcome of a disciplinary complaint to the person who "
                               "submitted it"),
}

_INPUT_SPECS = [
    {"name": "information", "label": "What is the information?", "type": "choice", "required": False,
     "default": NOT_SURE, "hint": "Paragraph 5 lists the Confidential Matters.",
     "options": [["declared-confidential", "Something the NEC (or a national officer under its delegated powers) has "
                  "expressly declared strictly confidential"],
                 ["meeting-minutes", "Minutes of a Labour Party meeting"],
                 ["national-committee", "Papers, minutes or discussions of a Labour Party national committee"],
                 ["membership-records", "Membership records"],
                 ["election-data", "Data about elections"],
                 ["disciplinary-data", "Data about an individual disciplinary investigation, proceeding or decision"],
                 ["customary", "Something the NEC would, by custom and practice, reasonably consider confidential"],
                 ["none", "None of these"], [NOT_SURE, "Not sure"]]},
    {"name": "disciplinary_case", "label": "Does it concern an individual disciplinary case?", "type": "choice",
     "required": False, "default": NOT_SURE, "options": YES_NO,
     "hint": "Information, correspondence or Confidential Matters about one member's disciplinary case (paragraph 9)."},
    {"name": "sharer", "label": "Who would share it?", "type": "choice", "required": False, "default": NOT_SURE,
     "options": [["member", "A member"],
                 ["committee-member", "A member of a Labour Party national committee"],
                 ["subject-member", "The member who is subject to the disciplinary proceedings"],
                 ["nec-or-officer", "The NEC, the General Secretary, or a national officer acting under delegated powers"],
                 [NOT_SURE, "Not sure"]]},
    {"name": "purpose", "label": "With whom, and why?", "type": "choice", "required": False, "default": NOT_SURE,
     "options": [["committee-preparation", "Preparing for a national committee, with documents that are not strictly "
                  "confidential"],
                 ["role-assistance", "Getting help to carry out a national committee role"],
                 ["report-back-members", "Reporting back to other members, or to the Division represented"],
                 ["report-back-affiliate", "Reporting back to an affiliated organisation's executive committee"],
                 ["advice-or-support", "Getting legal advice, medical or social support, or support from close family, "
                  "a trade union, the NEC or a national officer"],
                 ["fact-to-third-parties", "Telling third parties that an investigation exists, without naming the member"],
                 ["correct-media-reports", "Correcting false reports in the media"],
                 ["to-party-officer", "Telling a national officer, staff member or appointee who needs it for a Rule Book "
                  "duty"],
                 ["outcome-to-complainant", "Telling the person who complained the outcome of their complaint"],
                 ["other", "Anyone else, or for another reason (for example the press or social media)"],
                 [NOT_SURE, "Not sure"]]},
    {"name": "rule_book_duties", "label": "Is sharing it required by, or ancillary to, duties under the Labour Party "
     "Rule Book?", "type": "choice", "required": False, "default": NOT_SURE, "options": YES_NO},
    {"name": "required_by_law", "label": "Does the law require the disclosure?", "type": "choice", "required": False,
     "default": NOT_SURE, "options": YES_NO},
    {"name": "express_permission", "label": "Has the NEC, the General Secretary, or a national officer authorised to "
     "give it, given express permission?", "type": "choice", "required": False, "default": NOT_SURE, "options": YES_NO},
    {"name": "plp_proceedings", "label": "Are these disciplinary procedures under the Standing Orders of the "
     "Parliamentary Labour Party?", "type": "choice", "required": False, "default": NOT_SURE, "options": YES_NO},
]
# The paragraph each question reads, cited where an answer "not sure" leaves the outcome open.
READS = {"information": "confidential_matters", "disciplinary_case": "disciplinary", "sharer": "committee_exceptions",
         "purpose": "committee_exceptions", "rule_book_duties": "committee_exceptions", "required_by_law": "waiver",
         "express_permission": "waiver", "plp_proceedings": "parliamentary_party"}
STATUS_TEXT = {"allowed": "This code allows sharing it in the way you describe.",
               "not-allowed": "This code does not allow sharing it in the way you describe.",
               "not-restricted": "This code does not restrict sharing it.",
               "not-stated": "This code does not say.",
               "depends": "It depends on answers you are not sure of."}
LEVELS = {"allowed": ("info", "Allowed"), "not-allowed": ("breach", "Do not share"),
          "not-restricted": ("info", "Not restricted"), "not-stated": ("action", "Not stated"),
          "depends": ("action", "It depends")}
FIELDS = tuple(Field(spec["name"], spec["label"], "choice", default=NOT_SURE, hint=spec.get("hint", ""),
                     options=tuple(Option(value, label) for value, label in spec["options"]))
               for spec in _INPUT_SPECS)
OPTIONS = {f.name: [value for value in f.values if value != NOT_SURE] for f in FIELDS}
LABEL_OF = {f.name: {o.value: o.label for o in f.options} for f in FIELDS}


@dataclass(frozen=True)
class DisclosureRules(r.RuleGroup):
    confidential_matters: r.ClauseRule
    committee_exceptions: r.ClauseRule
    keep_confidential: r.ClauseRule
    waiver: r.ClauseRule
    disciplinary: r.ClauseRule
    parliamentary_party: r.ClauseRule


def disclosure_rules(version: CodeVersion) -> DisclosureRules | None:
    found = r.read_parts(version, NAME, tuple(DisclosureRules.__dataclass_fields__))
    if found is None:
        return None
    top = r.Reader(version, NAME, version.rules[NAME])
    rules = DisclosureRules(**found)
    # The lettered paragraphs the table names must be in the version, under the clauses given.
    for clause, letters in ((rules.confidential_matters.clause, {v[1] for v in CONFIDENTIAL.values() if v}),
                            (rules.committee_exceptions.clause, {v[0] for v in COMMITTEE.values()}),
                            (rules.disciplinary.clause, {v[0] for v in DISCIPLINARY.values()} | {"a"})):
        for letter in sorted(letters):
            if version.units and f"{clause}-{letter}" not in version.by_id:
                top.fail("", f"names clause {clause} for a table that reads its ({letter}), which this version does not have")
    return rules


@dataclass(frozen=True)
class Outcome:
    status: str
    clause: str  # the deciding clause's anchor
    message: str


def decide(answers: dict, rules: DisclosureRules) -> tuple[list[tuple[str, str]], Outcome]:
    """For answers with no "not sure": the steps (clause, sentence) and the outcome, by paragraphs 5 to 10."""
    steps = []
    info, sharer, purpose = answers["information"], answers["sharer"], answers["purpose"]
    confidential = CONFIDENTIAL[info]
    c5, c9 = rules.confidential_matters.clause, rules.disciplinary.clause
    if confidential:
        where, letter, words = confidential
        steps.append((f"{c5}-{letter}", f"It is a Confidential Matter under paragraph {where}: {words}."))
    else:
        steps.append((c5, "It is not one of the Confidential Matters that paragraph 5 lists in (a) to (d)."))
    disciplinary = answers["disciplinary_case"] == "yes" or info == "disciplinary-data"
    if disciplinary:
        steps.append((c9, "It concerns an individual disciplinary case, which paragraph 9 says members must keep private "
                     "and avoid disclosing to any party, except as it lists in (a) to (f)."))
        if answers["plp_proceedings"] == "yes":
            return steps, Outcome("not-stated", rules.parliamentary_party.clause, (
                "Paragraph 10 says paragraph 8 does not apply to disciplinary procedures taken under the Standing Orders "
                "of the Parliamentary Labour Party, and paragraph 9 speaks of disciplinary action under the Labour Party "
                "Rule Book. This code does not say when information about such procedures may be shared; paragraph 7 "
                "still asks members to maintain confidentiality in all Confidential Matters."))
        if answers["required_by_law"] == "yes":
            return steps, Outcome("allowed", f"{c9}-a", "Paragraph 9(a) allows disclosure where it is required by law or "
                                  "by a legal obligation.")
        exception = DISCIPLINARY.get(purpose)
        if exception and exception[1] == sharer:
            letter, _, words = exception
            condition = " Do not disclose the member's identity." if letter == "c" else ""
            return steps, Outcome("allowed", f"{c9}-{letter}", f"Paragraph 9({letter}) allows it: {words}.{condition}")
        return steps, Outcome("not-allowed", c9, (
            "None of paragraph 9's exceptions covers sharing it in this way, by this person, so it must be kept private. "
            "The exceptions are: disclosure required by law (a); the member subject to proceedings seeking advice or "
            "support (b); and disclosures by the NEC or national officers acting under delegated powers for the "
            "purposes in (c) to (f)."))
    if not confidential:
        return steps, Outcome("not-restricted", c5, (
            "It is neither a Confidential Matter nor about an individual disciplinary case, so paragraphs 7 to 9 do not "
            "restrict sharing it. Personal data must still be handled lawfully, fairly and proportionately (paragraph 1)."))
    c6 = rules.committee_exceptions.clause
    steps.append((rules.keep_confidential.clause, "Paragraph 7: members must maintain confidentiality in all "
                  "Confidential Matters."))
    committee = COMMITTEE.get(purpose)
    if committee and confidential[1] == "b" and sharer == "committee-member":
        letter, words = committee
        if answers["rule_book_duties"] == "yes":
            return steps, Outcome("allowed", f"{c6}-{letter}", (
                f"Paragraph 6({letter}) allows a member of a national committee {words}, where required by, or ancillary "
                "to, their duties under the Rule Book."))
        steps.append((c6, f"Paragraph 6({letter}) would allow it only where it is required by, or ancillary to, duties "
                      "under the Rule Book, and you answered that it is not."))
    if answers["required_by_law"] == "yes":
        return steps, Outcome("allowed", rules.waiver.clause, "Paragraph 8 allows it: the law requires it.")
    if answers["express_permission"] == "yes":
        return steps, Outcome("allowed", rules.waiver.clause, (
            "Paragraph 8 allows it: the NEC, the General Secretary, or a national officer authorised to give it, has "
            "given express permission."))
    return steps, Outcome("not-allowed", rules.waiver.clause, (
        "Paragraph 8: members may not waive or breach confidentiality in Confidential Matters save as required by law or "
        "with the express permission of the NEC, the General Secretary, or a national officer acting under the General "
        "Secretary's delegated power and authorised to give it. Neither applies on your answers."))


def check(values: dict, version: CodeVersion, errors: Errors) -> Result | None:
    """Whether the information is a Confidential Matter and whether sharing it as described is allowed.

    The request is a flat object of named answers (FIELDS), each one of its options or "not-sure" (the default).
    Returns `status` (`allowed`, `not-allowed`, `not-restricted`, `not-stated` or `depends`), `answers` (the
    steps, each citing its paragraph, then the outcome), and for "not sure" answers, what turns on them.
    """
    rules = disclosure_rules(version)
    answers = {f.name: values[f.name] for f in FIELDS}
    unsure = [name for name, value in answers.items() if value == NOT_SURE]
    if not unsure:
        steps, outcome = decide(answers, rules)
        return _answer(outcome.status, steps, outcome, version)
    outcomes = {}
    for values in itertools.product(*(OPTIONS[name] for name in unsure)):
        outcomes[values] = decide({**answers, **dict(zip(unsure, values, strict=True))}, rules)[1]
    statuses = {o.status for o in outcomes.values()}
    labels = "; ".join(_label(name) for name in unsure)
    if len(statuses) == 1:
        status = statuses.pop()
        clause = _most_common(o.clause for o in outcomes.values())
        outcome = Outcome(status, clause, f"Whatever the answers you are not sure of ({labels}), the outcome is the same: "
                          f"{_lower(STATUS_TEXT[status])}.")
        return _answer(status, [], outcome, version)
    found = []
    for index, name in enumerate(unsure):
        by_option: dict[str, set] = {}
        for values, outcome in outcomes.items():
            by_option.setdefault(values[index], set()).add((outcome.status, outcome.clause))
        if not _matters(outcomes, index):
            continue  # this answer changes nothing, whatever the others are
        settled = {option: (next(iter(found_))[0], tuple(sorted({c for _, c in found_}, key=_natural)))
                   for option, found_ in by_option.items() if len({s for s, _ in found_}) == 1}
        if not settled:
            found.append(Answer("turns-on", "action", f"Your answer to \"{_label(name)}\" matters, together with your "
                                "other answers.", clause_reference(version, getattr(rules, READS[name]).clause),
                                label=LEVELS["depends"][1]))
            continue
        groups: dict[tuple, list[str]] = {}
        for option, key in settled.items():
            groups.setdefault(key, []).append(f"\"{LABEL_OF[name][option]}\"")
        parts = [f"if {_either(options)}, {_lower(STATUS_TEXT[status])} "
                 f"({_either([version.unit_name(c) for c in clauses])})" for (status, clauses), options in groups.items()]
        if len(settled) < len(by_option):
            parts.append("if anything else, it turns on your other answers too")
        found.append(Answer("turns-on", "action", f"It turns on your answer to \"{_label(name)}\": {'; '.join(parts)}.",
                            clause_reference(version, next(iter(groups))[1][0]), label=LEVELS["depends"][1]))
    return Result("depends", found, [f"Answer the questions you are not sure of ({labels}) for a definite answer."])


def _matters(outcomes: dict, index: int) -> bool:
    """Whether the answer at `index` changes the outcome for some answers to the other questions."""
    seen: dict[tuple, str] = {}
    for values, outcome in outcomes.items():
        others = values[:index] + values[index + 1:]
        if seen.setdefault(others, outcome.status) != outcome.status:
            return True
    return False


def _answer(status: str, steps, outcome: Outcome, version: CodeVersion) -> Result:
    answers = [Answer("step", "info", message, clause_reference(version, clause), label="Step") for clause, message in steps]
    level, label = LEVELS[status]
    answers.append(Answer("outcome", level, outcome.message, clause_reference(version, outcome.clause), label=label))
    return Result(status, answers)


def _label(name: str) -> str:
    return next(f.label for f in FIELDS if f.name == name)


def _either(options: list[str]) -> str:
    return options[0] if len(options) == 1 else ", ".join(options[:-1]) + " or " + options[-1]


def _lower(text: str) -> str:
    return text[:1].lower() + text[1:].rstrip(".")


def _natural(anchor: str):
    return [int(part) if part.isdigit() else part for part in anchor.split("-")]


def _most_common(clauses) -> str:
    counted: dict[str, int] = {}
    for clause in clauses:
        counted[clause] = counted.get(clause, 0) + 1
    return max(counted, key=lambda c: (counted[c], c))


CHECKER = Checker(
    name=NAME, title="May I share this?",
    purpose=("Is the information a Confidential Matter under the Labour Party's Confidentiality and Privacy Policy, and "
             "may you share it in the way you have in mind? Each step cites its paragraph."),
    fields=FIELDS, read_rules=disclosure_rules, statuses=STATUS_TEXT, check=check)
