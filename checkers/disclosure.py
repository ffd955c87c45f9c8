"""Confidentiality: may I share this? The Confidentiality and Privacy Policy, paragraphs 5 to 10, as one table.

The questions and what each answer means are declared below (KINDS, COMMITTEE, DISCIPLINARY), each beside the
paragraph it reads, so that a reader can check them against the text line by line:

- 5: the Confidential Matters, (a) to (d). Each kind of information is read against every one of them: membership
  records, for one, are in (b) ("membership records") and in (c) ("membership records and/or information relating to
  any individual disciplinary proceedings");
- 6: "Without prejudice to the remainder of this Code of Conduct, it shall be understood that paragraph 5(b) above
  shall not preclude members of such national committees from" (a) to (d), "in each case, where required by, or
  ancillary to, their duties under the Labour Party Rule Book". It lifts 5(b) only: information that (a), (c) or (d)
  also makes confidential stays confidential, and paragraphs 7 and 8 decide;
- 7: "Members of the Labour Party must maintain confidentiality in all Confidential Matters";
- 8: "Members may not waive or breach confidentiality in respect of Confidential Matters save as required by law
  or with the express permission of the NEC or the General Secretary, or a national officer acting under the
  delegated power of the General Secretary and authorised to give such permission";
- 9: information, correspondence and Confidential Matters "pertaining to individual disciplinary cases" are
  kept private, "except" (a) to (f);
- 10: "Paragraph 8 of this Code of Conduct does not apply to disciplinary procedures taken pursuant to the
  Standing Orders of the Parliamentary Labour Party."

"Not sure" is an answer to every question: the checker tries each possible answer in its place, and says
whether the outcome turns on it, and how. A question is asked only where the answers before it let it matter
(each field's `asked_when`; tests/test_properties.py checks that a question not asked never changes the outcome).
Every paragraph a message names is named from the version's own data.
"""

from __future__ import annotations

import itertools
import math
from dataclasses import dataclass, replace

from . import rules as r
from .content import CodeVersion
from .contract import Answer, Checker, Condition, Field, Option, Result, clause_reference
from .money_and_dates import sentence
from .text import listed
from .validation import Errors

NAME = "disclosure"
NOT_SURE = "not-sure"
YES, NO = "yes", "no"

# Paragraph 5: the letters of paragraph 5 each kind of information falls under, and the words that put it there.
KINDS = {
    "declared-confidential": ({"a"}, "matters, documents and information which the NEC, or national officers acting "
                              "under its delegated powers, expressly declare to be strictly confidential"),
    "meeting-minutes": ({"b"}, "minutes of Labour Party meetings"),
    "national-committee": ({"b"}, "papers for the Labour Party's national committees, and their minutes and discussions"),
    "membership-records": ({"b", "c"}, "membership records"),
    "election-data": ({"b"}, "all data pertaining to elections"),
    "disciplinary-data": ({"b", "c"}, "data relating to individual disciplinary investigations or decisions, and "
                          "information relating to any individual disciplinary proceedings"),
    "customary": ({"d"}, "matters which through custom and practice ought reasonably to be considered confidential in "
                  "the opinion of the NEC"),
    "none": (set(), ""),
}
# What membership records, or a disciplinary case, add to any kind of information: (b) and (c) both name them.
RECORDS_OR_CASE = {"b", "c"}
# The kinds that may hold membership records without being them: asked whether they do.
MAY_HOLD_RECORDS = ("meeting-minutes", "national-committee", "election-data")
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


def _yes_no(name: str, label: str, *, hint: str = "", wording: str = "", asked_when: Condition | None = None) -> Field:
    return Field(name, label, "choice", default=NOT_SURE, hint=hint, wording=wording, asked_when=asked_when,
                 options=(Option(YES, "Yes"), Option(NO, "No"), Option(NOT_SURE, "Not sure")))


def _in(field: str, *values: str, excluded: bool = False) -> Condition:
    return Condition(field, values, excluded=excluded)


# When each question can matter, from the answers before it (not sure included: it can be either).
CONFIDENTIAL_OR_CASE = Condition(any_of=(_in("information", "none", excluded=True),
                                         _in("disciplinary_case", YES, NOT_SURE)))
ONLY_5B_POSSIBLE = Condition(all_of=(_in("information", "meeting-minutes", "national-committee", "election-data", NOT_SURE),
                                     _in("includes_records", NO, NOT_SURE), _in("disciplinary_case", NO, NOT_SURE)))
DISCIPLINARY_POSSIBLE = Condition(any_of=(_in("information", "disciplinary-data", NOT_SURE),
                                          _in("disciplinary_case", YES, NOT_SURE)))

FIELDS = (
    Field("information", "What is the information?", "choice", default=NOT_SURE,
          hint="Choose the closest. The policy calls these Confidential Matters.",
          wording="Paragraph 5 lists the Confidential Matters in (a) to (d).",
          options=(Option("declared-confidential", "Something the NEC, or a national officer acting for it, has declared "
                          "strictly confidential", wording=KINDS["declared-confidential"][1]),
                   Option("meeting-minutes", "Minutes of a Labour Party meeting", wording=KINDS["meeting-minutes"][1]),
                   Option("national-committee", "Papers, minutes or discussions of one of the Labour Party's national "
                          "committees", wording=KINDS["national-committee"][1]),
                   Option("membership-records", "Membership records", wording=KINDS["membership-records"][1]),
                   Option("election-data", "Data about elections", wording=KINDS["election-data"][1]),
                   Option("disciplinary-data", "Information about one member's disciplinary case (an investigation, "
                          "proceedings or a decision)", wording=KINDS["disciplinary-data"][1]),
                   Option("customary", "Something else the NEC would, by custom and practice, see as confidential",
                          wording=KINDS["customary"][1]),
                   Option("none", "None of these"), Option(NOT_SURE, "Not sure"))),
    _yes_no("includes_records", "Does it include membership records?",
            hint="For example names, contact details or membership status of members.",
            wording="Membership records are in paragraph 5(b) and 5(c).",
            asked_when=_in("information", *MAY_HOLD_RECORDS, NOT_SURE)),
    _yes_no("disciplinary_case", "Is it about one member's disciplinary case?",
            hint="Anything about the case: letters, evidence, the investigation or its outcome.",
            wording="Paragraph 9: information, correspondence and Confidential Matters pertaining to individual "
                    "disciplinary cases.",
            asked_when=_in("information", "disciplinary-data", excluded=True)),
    Field("sharer", "Who would share it?", "choice", default=NOT_SURE, asked_when=CONFIDENTIAL_OR_CASE,
          options=(Option("member", "A member"),
                   Option("committee-member", "A member of one of the Labour Party's national committees"),
                   Option("subject-member", "The member whose disciplinary case it is"),
                   Option("nec-or-officer", "The NEC, the General Secretary, or a national officer acting under their "
                          "delegated powers"),
                   Option(NOT_SURE, "Not sure"))),
    Field("purpose", "Who would it go to, and why?", "choice", default=NOT_SURE, asked_when=CONFIDENTIAL_OR_CASE,
          options=(Option("committee-preparation", "Preparing for a national committee meeting (documents that are not "
                          "strictly confidential)", wording=COMMITTEE["committee-preparation"][1]),
                   Option("role-assistance", "Getting help to do a national committee role",
                          wording=COMMITTEE["role-assistance"][1]),
                   Option("report-back-members", "Reporting back to other members, or to the Division represented",
                          wording=COMMITTEE["report-back-members"][1]),
                   Option("report-back-affiliate", "Reporting back to an affiliated organisation's executive committee",
                          wording=COMMITTEE["report-back-affiliate"][1]),
                   Option("advice-or-support", "Getting legal advice, medical or social support, or support from close "
                          "family, a trade union, the NEC or a national officer", wording=DISCIPLINARY["advice-or-support"][2]),
                   Option("fact-to-third-parties", "Telling others that an investigation exists, without naming the member",
                          wording=DISCIPLINARY["fact-to-third-parties"][2]),
                   Option("correct-media-reports", "Correcting false reports in the media",
                          wording=DISCIPLINARY["correct-media-reports"][2]),
                   Option("to-party-officer", "Telling a national officer, staff member or appointee who needs it for a "
                          "Rule Book duty", wording=DISCIPLINARY["to-party-officer"][2]),
                   Option("outcome-to-complainant", "Telling the person who complained the outcome of their complaint",
                          wording=DISCIPLINARY["outcome-to-complainant"][2]),
                   Option("other", "Anyone else, or for another reason (the press or social media, say)"),
                   Option(NOT_SURE, "Not sure"))),
    _yes_no("rule_book_duties", "Do your duties under the Labour Party Rule Book need you to share it?",
            hint="Yes if the Rule Book requires it, or it is part of carrying out those duties.",
            wording="Paragraph 6: \"where required by, or ancillary to, their duties under the Labour Party Rule Book\".",
            asked_when=Condition(all_of=(ONLY_5B_POSSIBLE, _in("sharer", "committee-member", NOT_SURE),
                                         _in("purpose", *COMMITTEE, NOT_SURE)))),
    _yes_no("required_by_law", "Does the law require you to share it?", asked_when=CONFIDENTIAL_OR_CASE,
            wording="Paragraph 8: \"save as required by law\"; paragraph 9(a): \"required by law or by a legal obligation\"."),
    _yes_no("express_permission", "Has the NEC, the General Secretary, or a national officer allowed to give it, given "
            "you express permission?",
            wording="Paragraph 8: \"with the express permission of the NEC or the General Secretary, or a national "
                    "officer acting under the delegated power of the General Secretary and authorised to give such "
                    "permission\".",
            asked_when=CONFIDENTIAL_OR_CASE),
    _yes_no("plp_proceedings", "Is the case under the Standing Orders of the Parliamentary Labour Party?",
            hint="Disciplinary procedures of the PLP, rather than of the Labour Party's Rule Book.",
            wording="Paragraph 10: \"disciplinary procedures taken pursuant to the Standing Orders of the Parliamentary "
                    "Labour Party\".", asked_when=DISCIPLINARY_POSSIBLE),
)
# The paragraph each question reads, cited where an answer "not sure" leaves the outcome open.
READS = {"information": "confidential_matters", "includes_records": "confidential_matters",
         "disciplinary_case": "disciplinary", "sharer": "committee_exceptions", "purpose": "committee_exceptions",
         "rule_book_duties": "committee_exceptions", "required_by_law": "waiver", "express_permission": "waiver",
         "plp_proceedings": "parliamentary_party"}
STATUS_TEXT = {"allowed": "This code allows sharing it in the way you describe.",
               "not-allowed": "This code does not allow sharing it in the way you describe.",
               "not-restricted": "This code does not restrict sharing it.",
               "not-stated": "This code does not say.",
               "depends": "It depends on answers you are not sure of."}
LEVELS = {"allowed": ("info", "Allowed"), "not-allowed": ("breach", "Do not share"),
          "not-restricted": ("info", "Not restricted"), "not-stated": ("action", "Not stated"),
          "depends": ("action", "It depends")}
OPTIONS = {f.name: [value for value in f.values if value != NOT_SURE] for f in FIELDS}
LABEL_OF = {f.name: {o.value: o.label for o in f.options} for f in FIELDS}


# Clause 1's words, which an answer repeats where it allows sharing personal data or does not restrict sharing: the
# build checks that the clause the rules name says them.
PERSONAL_DATA_WORDS = "personal data must be handled in a lawful, transparent, fair and proportionate manner"


@dataclass(frozen=True)
class DisclosureRules(r.RuleGroup):
    personal_data: r.ClauseRule
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
    for clause, letters in ((rules.confidential_matters.clause, set().union(*(k[0] for k in KINDS.values()))),
                            (rules.committee_exceptions.clause, {v[0] for v in COMMITTEE.values()}),
                            (rules.disciplinary.clause, {v[0] for v in DISCIPLINARY.values()} | {"a"})):
        for letter in sorted(letters):
            if version.units and f"{clause}-{letter}" not in version.by_id:
                top.fail("", f"names clause {clause} for a table that reads its ({letter}), which this version does not have")
    return rules


def cited_words(version: CodeVersion) -> list[tuple[str, str, str]]:
    """The words this checker repeats from the text, with their field and clause: the build checks each is there."""
    rules = disclosure_rules(version)
    return [(f"rules.{NAME}.personal_data", rules.personal_data.clause, PERSONAL_DATA_WORDS)] if rules else []


@dataclass(frozen=True)
class Outcome:
    status: str
    clause: str  # the deciding clause's anchor
    message: str
    still: str = ""  # what still binds the reader where sharing is allowed or not restricted: clause 1's sentence
    todo: str = ""  # what to do, where the outcome asks something more particular than its status says


def letters_of(answers: dict) -> set[str]:
    """The letters of paragraph 5 that make the information a Confidential Matter, read against each of them."""
    letters = set(KINDS[answers["information"]][0])
    holds_records = answers["information"] in MAY_HOLD_RECORDS and answers.get("includes_records") == YES
    if holds_records or answers["disciplinary_case"] == YES:
        letters |= RECORDS_OR_CASE
    return letters


def decide(answers: dict, rules: DisclosureRules, version: CodeVersion) -> tuple[list[tuple[str, str]], Outcome]:
    """For answers with no "not sure": the steps (clause, sentence) and the outcome, by paragraphs 5 to 10; where
    sharing personal data is allowed or not restricted, paragraph 1 on handling it still applies, and is said."""
    steps, outcome = _decide(answers, rules, version)
    # 5(c) names membership records and individual disciplinary proceedings: the information is personal data.
    if outcome.status == "not-restricted" or (outcome.status == "allowed" and "c" in letters_of(answers)):
        clause = rules.personal_data.clause
        still = f"{sentence(version.unit_name(clause))} still applies: {PERSONAL_DATA_WORDS}."
        steps = steps + [(clause, f"{sentence(version.unit_name(clause))} applies to all personal data, whether or not "
                          "it is confidential.")]
        outcome = replace(outcome, message=f"{outcome.message} {still}", still=still)
    return steps, outcome


def _decide(answers: dict, rules: DisclosureRules, version: CodeVersion) -> tuple[list[tuple[str, str]], Outcome]:
    def name(anchor: str) -> str:
        return version.unit_name(anchor)

    steps = []
    info, sharer, purpose = answers["information"], answers["sharer"], answers["purpose"]
    c5, c6, c9 = rules.confidential_matters.clause, rules.committee_exceptions.clause, rules.disciplinary.clause
    letters = letters_of(answers)
    if letters:
        under = listed([name(f"{c5}-{letter}") for letter in sorted(letters)])
        why = KINDS[info][1]
        # What brought in (b) and (c) besides the kind itself, so that every letter named has its words.
        if why and info in MAY_HOLD_RECORDS and answers.get("includes_records") == YES:
            why += ", with membership records among them"
        if why and answers["disciplinary_case"] == YES and info != "disciplinary-data":
            why += ", about an individual disciplinary case"
        # No kind of its own ("none of these"): only a disciplinary case brings it in.
        why = why or "information relating to an individual disciplinary case"
        steps.append((f"{c5}-{min(letters)}", f"It is a Confidential Matter under {under}: {why}."))
    else:
        steps.append((c5, f"It is not one of the Confidential Matters that {name(c5)} lists in (a) to (d)."))
    disciplinary = answers["disciplinary_case"] == YES or info == "disciplinary-data"
    if disciplinary:
        steps.append((c9, f"It concerns an individual disciplinary case, which {name(c9)} says members must keep private "
                     "and avoid disclosing to any party, except as it lists in (a) to (f)."))
        if answers["plp_proceedings"] == YES:
            return steps, Outcome("not-stated", rules.parliamentary_party.clause, (
                f"{sentence(name(rules.parliamentary_party.clause))} says {name(rules.waiver.clause)} does not apply to "
                "disciplinary procedures taken under the Standing Orders of the Parliamentary Labour Party, and "
                f"{name(c9)} speaks of disciplinary action under the Labour Party Rule Book. This code does not say when "
                f"information about such procedures may be shared; {name(rules.keep_confidential.clause)} still asks "
                "members to maintain confidentiality in all Confidential Matters."))
        if answers["required_by_law"] == YES:
            return steps, Outcome("allowed", f"{c9}-a", f"{sentence(name(c9 + '-a'))} allows disclosure where it is "
                                  "required by law or by a legal obligation.")
        exception = DISCIPLINARY.get(purpose)
        if exception and exception[1] == sharer:
            letter, _, words = exception
            condition = " Do not disclose the member's identity." if letter == "c" else ""
            return steps, Outcome("allowed", f"{c9}-{letter}", f"{sentence(name(f'{c9}-{letter}'))} allows it: "
                                  f"{words}.{condition}")
        if answers["express_permission"] == YES:
            # Paragraph 8's permission reaches every Confidential Matter, and paragraph 10 takes only the PLP's
            # procedures out of it; paragraph 9 lists its exceptions without it. The code does not say which prevails.
            waiver, plp = name(rules.waiver.clause), name(rules.parliamentary_party.clause)
            return steps, Outcome("not-stated", c9, (
                f"{sentence(waiver)} allows a Confidential Matter to be shared with the express permission of the NEC, "
                f"the General Secretary, or a national officer authorised to give it, and you have it; but {name(c9)}, "
                "on individual disciplinary cases, lists its exceptions in (a) to (f), and permission is not one of "
                f"them. {sentence(plp)} takes only disciplinary procedures under the Standing Orders of the "
                f"Parliamentary Labour Party out of {waiver}. This code does not say whether permission covers an "
                "individual disciplinary case: ask whoever gave it before you share it."),
                todo="Before you share it, ask whoever gave you permission whether it covers this disciplinary case: "
                     "this code does not say.")
        return steps, Outcome("not-allowed", c9, (
            f"None of the exceptions in {name(c9)} covers sharing it in this way, by this person, so it must be kept "
            "private. The exceptions are: disclosure required by law (a); the member subject to proceedings seeking "
            "advice or support (b); and disclosures by the NEC or national officers acting under delegated powers for "
            "the purposes in (c) to (f)."))
    if not letters:
        return steps, Outcome("not-restricted", c5, (
            f"It is neither a Confidential Matter nor about an individual disciplinary case, so "
            f"{name(rules.keep_confidential.clause)}, {name(rules.waiver.clause)} and {name(c9)} do not restrict sharing "
            "it."))
    steps.append((rules.keep_confidential.clause, f"{sentence(name(rules.keep_confidential.clause))}: members must "
                  "maintain confidentiality in all Confidential Matters."))
    committee = COMMITTEE.get(purpose)
    if committee and sharer == "committee-member":
        letter, words = committee
        if letters != {"b"}:
            # Paragraph 6 lifts 5(b) alone: what another letter makes confidential stays so.
            others = listed([name(f"{c5}-{other}") for other in sorted(letters - {"b"})])
            steps.append((c6, f"{sentence(name(f'{c6}-{letter}'))} lifts only what {name(c5 + '-b')} makes "
                          f"confidential, and this is also confidential under {others}, which it does not lift."))
        elif answers["rule_book_duties"] == YES:
            # Paragraph 6 is "without prejudice to the remainder" of the code: a paper the NEC has declared strictly
            # confidential (5(a)) stays so, though its kind is one 5(b) names. 6(a)'s own words already except it.
            still = "" if letter == "a" else (
                f"{sentence(name(c6))} lifts only what {name(c5 + '-b')} makes confidential: if the NEC, or a national "
                f"officer acting under its delegated powers, has expressly declared it strictly confidential "
                f"({name(c5 + '-a')}), it stays confidential.")
            return steps, Outcome("allowed", f"{c6}-{letter}", (
                f"{sentence(name(f'{c6}-{letter}'))} allows a member of a national committee {words}, where required by, "
                "or ancillary to, their duties under the Rule Book." + (f" {still}" if still else "")), still)
        else:
            steps.append((c6, f"{sentence(name(f'{c6}-{letter}'))} would allow it only where it is required by, or "
                          "ancillary to, duties under the Rule Book, and you answered that it is not."))
    waiver = name(rules.waiver.clause)
    if answers["required_by_law"] == YES:
        return steps, Outcome("allowed", rules.waiver.clause, f"{sentence(waiver)} allows it: the law requires it.")
    if answers["express_permission"] == YES:
        return steps, Outcome("allowed", rules.waiver.clause, (
            f"{sentence(waiver)} allows it: the NEC, the General Secretary, or a national officer authorised to give it, "
            "has given express permission."))
    return steps, Outcome("not-allowed", rules.waiver.clause, (
        f"{sentence(waiver)}: members may not waive or breach confidentiality in Confidential Matters save as required by "
        "law or with the express permission of the NEC, the General Secretary, or a national officer acting under the "
        "General Secretary's delegated power and authorised to give it. Neither applies on your answers."))


def check(values: dict, version: CodeVersion, errors: Errors) -> Result | None:
    """Whether the information is a Confidential Matter and whether sharing it as described is allowed.

    The request is a flat object of named answers (FIELDS), each one of its options or "not-sure" (the default).
    Returns `status` (`allowed`, `not-allowed`, `not-restricted`, `not-stated` or `depends`), `answers` (the
    steps, each citing its paragraph, then the outcome), and for "not sure" answers, what turns on them.
    """
    rules = disclosure_rules(version)
    answers = {f.name: values[f.name] for f in FIELDS}
    # A question the earlier answers make irrelevant is not asked, so its "not sure" is no doubt at all.
    unsure = [f.name for f in FIELDS if answers[f.name] == NOT_SURE and (f.asked_when is None or f.asked_when.holds(answers))]
    if not unsure:
        steps, outcome = decide(answers, rules, version)
        return _answer(outcome.status, steps, outcome, version, _deciding(answers, rules, version, outcome.status, []))
    decided = {values_tried: decide({**answers, **dict(zip(unsure, values_tried, strict=True))}, rules, version)
               for values_tried in itertools.product(*(OPTIONS[name] for name in unsure))}
    outcomes = {values_tried: outcome for values_tried, (_, outcome) in decided.items()}
    # The reasoning that holds whatever the answers not sure of: shown with the answer, as for a definite one.
    common = _common_steps([steps for steps, _ in decided.values()])
    statuses = {o.status for o in outcomes.values()}
    labels = "; ".join(_label(name) for name in unsure)
    if len(statuses) == 1:
        status = statuses.pop()
        whatever = f"Whatever the answers you are not sure of ({labels}), the outcome is the same"
        # Each reason the outcome may rest on, with the answers that give it (one reason: said as it is).
        reasons: dict[str, list[tuple]] = {}
        for values_tried, outcome in outcomes.items():
            reasons.setdefault(outcome.message, []).append(values_tried)
        if len(reasons) == 1:
            only = next(iter(outcomes.values()))
            outcome = replace(only, message=f"{whatever}. {only.message}")
            return _answer(status, common, outcome, version, _deciding(answers, rules, version, status, unsure))
        clause = _most_common(o.clause for o in outcomes.values())
        # What still binds the reader, where it does whatever the answers not sure of.
        stills = {o.still for o in outcomes.values()}
        still = stills.pop() if len(stills) == 1 else ""
        names = listed([version.unit_name(c) for c in dict.fromkeys(o.clause for o in outcomes.values())], "or")
        outcome = Outcome(status, clause, f"{whatever}: {_lower(STATUS_TEXT[status])} ({names}, depending on them)."
                          f"{' ' + still if still else ''}", still)
        # Each reason without what still binds the reader, which the outcome says once.
        steps = common + [(outcomes[combos[0]].clause,
                           f"{_when(unsure, combos)}: {message.removesuffix(' ' + outcomes[combos[0]].still)}")
                          for message, combos in reasons.items()]
        return _answer(status, steps, outcome, version, _deciding(answers, rules, version, status, unsure))
    found = []
    for index, name in enumerate(unsure):
        by_option: dict[str, set] = {}
        for values_tried, outcome in outcomes.items():
            by_option.setdefault(values_tried[index], set()).add((outcome.status, outcome.clause))
        if not _matters(outcomes, index):
            continue  # this answer changes nothing, whatever the others are
        settled = {option: (next(iter(found_))[0], tuple(sorted({c for _, c in found_}, key=_natural)))
                   for option, found_ in by_option.items() if len({s for s, _ in found_}) == 1}
        if not settled:
            found.append(Answer("turns-on", "action", f"Your answer to \"{_label(name)}\" matters, together with your "
                                "other answers.", clause_reference(version, getattr(rules, READS[name]).clause),
                                label=LEVELS["depends"][1], todo=f"Answer \"{_label(name)}\" if you can find out."))
            continue
        groups: dict[tuple, list[str]] = {}
        for option, key in settled.items():
            groups.setdefault(key, []).append(f"\"{LABEL_OF[name][option]}\"")
        parts = [f"if {listed(options, 'or')}, {_lower(STATUS_TEXT[status])} "
                 f"({listed([version.unit_name(c) for c in clauses], 'or')})" for (status, clauses), options in groups.items()]
        if len(settled) < len(by_option):
            parts.append("if anything else, it turns on your other answers too")
        found.append(Answer("turns-on", "action", f"It turns on your answer to \"{_label(name)}\": {'; '.join(parts)}.",
                            clause_reference(version, next(iter(groups))[1][0]), label=LEVELS["depends"][1],
                            todo=f"Find out the answer to \"{_label(name)}\", then check again."))
    found += _steps(common, version)
    return Result("depends", found, [f"Answer the questions you are not sure of ({labels}) for a definite answer. Until "
                                     "then, treat it as confidential."])


def _common_steps(every: list[list[tuple[str, str]]]) -> list[tuple[str, str]]:
    """The steps of the reasoning that every way of answering the questions not sure of takes, in their order."""
    first, *rest = every
    return [step for step in first if all(step in other for other in rest)]


def _when(names: list[str], combinations: list[tuple]) -> str:
    """"If your answer to "…" is "Yes"": the answers to the questions not sure of that give one reason, where they
    can be said question by question; else that it holds in some of the cases."""
    chosen = [[value for value in OPTIONS[name] if any(c[i] == value for c in combinations)] for i, name in enumerate(names)]
    if len(set(combinations)) != math.prod(map(len, chosen)):
        return "In some of the ways you might answer them"
    said = [f"your answer to \"{_label(name)}\" is {listed([_in_quotes(LABEL_OF[name][v]) for v in values], 'or')}"
            for name, values in zip(names, chosen, strict=True) if len(values) < len(OPTIONS[name])]
    return f"If {listed(said)}" if said else "In every case"


def _in_quotes(text: str) -> str:
    return f"\"{text}\""


def _steps(steps: list[tuple[str, str]], version: CodeVersion) -> list[Answer]:
    return [Answer("step", "info", message, clause_reference(version, clause), label="Step", reasoning=True)
            for clause, message in steps]


def _deciding(answers: dict, rules: DisclosureRules, version: CodeVersion, status: str, unsure: list[str]) -> list[str]:
    """The answers that decided it: those whose change alone would change the outcome (for some answers to the
    questions the reader is not sure of, where the outcome is the same whatever those are)."""
    deciding = []
    for spec in FIELDS:
        if spec.name in unsure or (spec.asked_when and not spec.asked_when.holds(answers)):
            continue
        for other in OPTIONS[spec.name]:
            if other == answers[spec.name]:
                continue
            tried = {**answers, spec.name: other}
            # The questions not sure of (or not asked) that this change makes relevant: every answer to them is tried.
            open_ = [f.name for f in FIELDS if tried[f.name] == NOT_SURE and (f.asked_when is None or f.asked_when.holds(tried))]
            if any(decide({**tried, **dict(zip(open_, values, strict=True))}, rules, version)[1].status != status
                   for values in itertools.product(*(OPTIONS[name] for name in open_))):
                deciding.append(f"\"{spec.label}\" ({LABEL_OF[spec.name][answers[spec.name]]})")
                break
    return deciding


def _matters(outcomes: dict, index: int) -> bool:
    """Whether the answer at `index` changes the outcome for some answers to the other questions."""
    seen: dict[tuple, str] = {}
    for values, outcome in outcomes.items():
        others = values[:index] + values[index + 1:]
        if seen.setdefault(others, outcome.status) != outcome.status:
            return True
    return False


def _answer(status: str, steps, outcome: Outcome, version: CodeVersion, deciding: list[str]) -> Result:
    answers = _steps(steps, version)
    level, label = LEVELS[status]
    todo = outcome.todo or {"allowed": "You may share it in the way you describe.", "not-allowed": "Do not share it.",
                            "not-restricted": "This code does not stop you sharing it.",
                            "not-stated": "This code does not say: ask before you share it."}[status]
    if outcome.still:
        # What still binds the reader comes with the answer, not only in the reasoning.
        todo = f"{todo[:-1]}, but {_lower(outcome.still)}."
    answers.insert(0, Answer("outcome", level, outcome.message, clause_reference(version, outcome.clause), label=label,
                             todo=todo))
    details = [f"What decided it: your {'answer' if len(deciding) == 1 else 'answers'} to {listed(deciding)}."] if deciding else []
    return Result(status, answers, details=details)


def _label(name: str) -> str:
    return next(f.label for f in FIELDS if f.name == name)


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
    purpose=("Is the information confidential under the Labour Party's Confidentiality and Privacy Policy, and may you "
             "share it in the way you have in mind? One question at a time; each step cites its paragraph."),
    fields=FIELDS, read_rules=disclosure_rules, statuses=STATUS_TEXT, check=check, cited_words=cited_words,
    todo_heading="The answer")
