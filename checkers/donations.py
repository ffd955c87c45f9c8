"""Donations: permissible donors, reporting and its deadlines, donor caps and spending limits.

The thresholds come from the code version's rules (see rules.py); the clause each comes from is
cited in every finding. Catala-style, each block names the wording it implements:

- `nec-candidates`, clause 12: "Donations of more than £500 (cash or non-cash) must be from a permissible
  donor. Donations of more than £1500 (cash or non-cash) from the same donor in a calendar year must be
  reported to the Electoral Commission directly by the candidate within 30 days of receipt."
- `local-government-selections`, clause 12: candidates "are required to comply with the provisions on
  accepting and reporting of donations of £200 or more" (no deadline is given).
- `momentum-ncg-elections` 2022, "Spending Limits and Donation Reporting": "There is a spending limit of £250
  per candidate, per region"; "Any donation over £500 from any single donor ... must be reported"; "There is
  a £2000 limit on donations from any single donor"; "Donations should be reported within 7 days of
  receiving them, and before the end of the election period."
- PPERA 2000, Schedule 7, paragraph 4(3)(b): a gift to a regulated donee worth no more than the Act's figure
  (`not-a-donation` in docs/law/figures.yml) is not a donation for its purposes. A code's rules may leave
  donations up to its permissible-donor figure out of a year's total on that ground (`small_donations`); an answer
  says so only of days on which the Act's figure was the code's.

Where a code's clause says the Act applies, donations_law.py reads the same donations by the Act's own
rules, with its figures on each donation's date, and a finding says both where they differ (`law`).
"""

from __future__ import annotations

import datetime as dt
import itertools
from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal

from . import rules as r
from .content import CodeVersion
from .contract import Answer, Checker, Field, Option, Result, clause_reference
from .donations_law import FIGURES, GUIDANCE, LawReading
from .money_and_dates import add_days, pounds, sentence, written_date
from .text import listed, printable, same_name_key
from .validation import Errors

NAME = "donations"
KINDS = ("cash", "non-cash")
DONATION = Field(
    "donations", "Donations", "rows", hint="One row for each donation you received, of money or in kind.",
    row_label="Donation", add_label="Add a donation", remove_label="Remove donation",
    # A page starts with one empty row, and offers a spreadsheet (checkers/csvinput.py) for these rows.
    start_with=1, spreadsheet=True,
    fields=(
        Field("donor", "Donor's name", "text", required=True, missing="Enter the donor's name",
              hint="Donations from the same name (ignoring capitals and spaces at either end) are added up.",
              aliases=("donor name", "name", "name of donor", "from", "donor's name", "donors name")),
        Field("amount", "Amount", "money", required=True, unit="£", missing="Enter the amount of the donation",
              hint="In pounds, e.g. 750 or 1,500.50. For a donation in kind, its value.",
              aliases=("value", "sum", "amount received", "donation", "donation amount")),
        Field("received", "Date received", "date", required=True, missing="Enter the date you received the donation",
              aliases=("date", "date received", "received on", "receipt date", "date of receipt", "date of donation")),
        Field("kind", "Kind", "choice", default="cash",
              options=(Option("cash", "Cash"), Option("non-cash", "Non-cash (in kind)", aliases=("non cash", "noncash",
                                                                                                 "in kind", "kind"))),
              aliases=("type", "cash or non cash", "cash non cash", "donation type", "kind of donation")),
        Field("permissible", "Is the donor permissible?", "tristate",
              hint="A permissible donor is, for example, an individual on a UK electoral register.",
              options=(Option(None, "Not sure"), Option(True, "Yes"), Option(False, "No")),
              aliases=("permissible donor", "is permissible", "donor permissible", "is the donor permissible",
                       "permissible donor yes no")),
    ))
SPENDING = Field(
    "spending", "Spending", "rows", hint="What you have spent on your campaign, one row for each region and amount.",
    row_label="Spending", add_label="Add spending in a region", remove_label="Remove spending",
    fields=(Field("region", "Region", "text", required=True, missing="Enter the region the money was spent in"),
            Field("amount", "Amount spent", "money", required=True, unit="£", missing="Enter the amount spent")))
PERIOD_END = Field("election_period_end", "Last day of the election period", "date",
                   hint="Where the code says donations must be reported before the election period ends.")
STATUS_TEXT = {"ok": "Nothing to act on under this code.", "action": "Action needed.",
               "breach": "Breach: something here breaks the code."}


# A report names each donation it covers up to this many; more are given by their number (no answer grows with the rows).
MOST_NAMED_IN_A_REPORT = 4
# Why a code that puts its candidates under the Act leaves small donations out of a year's total (small_donations),
# where the site has no law's data to name the provision from (a content set without docs/law).
_THE_ACT = "PPERA 2000, Schedule 7"
# Which donations count towards a reporting threshold.
EACH_DONATION = "each-donation"
DONOR_CALENDAR_YEAR = "donor-calendar-year"


@dataclass(frozen=True)
class PermissibleDonor:
    clause: str
    threshold: r.Threshold


@dataclass(frozen=True)
class Reporting:
    clause: str
    threshold: r.Threshold
    totals: str
    deadline_days: int | None = r.stated_as("days")
    report_to: str | None
    before_election_period_end: bool
    # Donations up to the permissible-donor figure are left out of a year's total, as the Act's are (_why_left_out).
    small_donations_not_counted: bool
    # The clause's own sentence on how Members of Parliament report (NEC clause 12), quoted wherever a report is due.
    members_of_parliament: str | None = None
    # Whom the code says to ask, in its own words and where it says them (Momentum 2022: its opening lines), for a
    # reader the code leaves in doubt (to whom a report goes, a report already late).
    ask: r.Quoted | None = None


@dataclass(frozen=True)
class DonationRules(r.RuleGroup):
    permissible_donor: PermissibleDonor | None
    reporting: Reporting | None
    donor_cap: r.Limit | None
    spending_limit: r.Limit | None


def donation_rules(version: CodeVersion) -> DonationRules | None:
    """A version's `rules.donations`: each part optional, each citing its clause."""
    data = version.rules.get(NAME)
    if data is None:
        return None
    top = r.Reader(version, NAME, data)
    top.expect_only("permissible_donor", "reporting", "donor_cap", "spending_limit")
    permissible = reporting = cap = spending = None
    if "permissible_donor" in data:
        read = r.Reader(version, f"{NAME}.permissible_donor", data["permissible_donor"])
        read.expect_only("clause", "threshold", "counts")
        permissible = PermissibleDonor(read.clause(), r.read_threshold(read))
    if "reporting" in data:
        read = r.Reader(version, f"{NAME}.reporting", data["reporting"])
        read.expect_only("clause", "threshold", "counts", "totals", "deadline_days", "report_to",
                         "before_election_period_end", "small_donations", "members_of_parliament", "ask")
        small = read.choice("small_donations", ("counted", "not-counted"), "counted") == "not-counted"
        if small and permissible is None:
            read.fail("small_donations", "needs a permissible_donor rule: its threshold says which donations are small")
        reporting = Reporting(read.clause(), r.read_threshold(read),
                              read.choice("totals", (EACH_DONATION, DONOR_CALENDAR_YEAR)),
                              read.number("deadline_days", whole=True, required=False),
                              read.text("report_to"), read.flag("before_election_period_end"), small,
                              read.text("members_of_parliament"), r.read_quoted(version, f"{NAME}.reporting.ask",
                                                                                data["reporting"].get("ask")))
    if "donor_cap" in data:
        read = r.Reader(version, f"{NAME}.donor_cap", data["donor_cap"])
        read.expect_only("clause", "limit")
        cap = r.Limit(read.clause(), read.number("limit"))
    if "spending_limit" in data:
        read = r.Reader(version, f"{NAME}.spending_limit", data["spending_limit"])
        read.expect_only("clause", "limit", "per")
        read.choice("per", ("region",), "region")
        spending = r.Limit(read.clause(), read.number("limit"))
    return DonationRules(permissible, reporting, cap, spending)


def cited_words(version: CodeVersion) -> list[tuple[str, str, str]]:
    """The clause's words the reporting rule repeats (to whom, and how Members of Parliament report): the build
    checks the clause says them."""
    rules = donation_rules(version)
    rule = rules.reporting if rules else None
    if rule is None:
        return []
    said = [(f"rules.{NAME}.reporting.{name}", rule.clause, words)
            for name, words in (("report_to", rule.report_to), ("members_of_parliament", rule.members_of_parliament))
            if words]
    if rule.ask:
        said.append((f"rules.{NAME}.reporting.ask.words", rule.ask.clause, rule.ask.words))
    return said


# Each row is its own donation (two alike are two gifts): compared and hashed as itself, which also keeps the
# descriptions' cache from hashing every field of it. Not frozen, though nothing changes one: a frozen dataclass takes
# four times as long to make, and a year's spreadsheet makes 100,000.
@dataclass(eq=False)
class Donation:
    donor_key: str
    donor: str
    amount: Decimal
    received: dt.date
    kind: str
    permissible: bool | None
    where: str  # the request's path to it, for errors


def donations_of(rows: list[dict]) -> list[Donation]:
    """The donations of a request's rows, already read by their fields; donors are the same when their names are
    (checkers/text.py, same_name_key)."""
    return [Donation(same_name_key(row["donor"]), row["donor"], row["amount"], row["received"], row["kind"],
                     row["permissible"], f"{DONATION.name}[{row['_index']}]") for row in rows]


def spending_by_region(rows: list[dict]) -> dict[str, tuple[str, Decimal]]:
    """Spending totals by region, keyed like donors."""
    totals: dict[str, tuple[str, Decimal]] = {}
    for row in rows:
        key = same_name_key(row["region"])
        name, total = totals.get(key, (row["region"], Decimal(0)))
        totals[key] = (min(name, row["region"]), total + row["amount"])
    return totals


def check(values: dict, version: CodeVersion, errors: Errors) -> Result | None:
    """Check donations and spending against one code version's donation rules.

    Args:
        values: `donations` ({donor, amount, received, kind, permissible}), `spending` ({region, amount})
            and `election_period_end`, as read by the fields, and `today`.
        version: the code version whose `rules.donations` apply.
        errors: collects every bad field; nothing is checked while there are any.

    Returns:
        `status` (`ok`, `action` or `breach`: the worst level found), `answers` (rules `permissible-donor`,
        `report`, `donor-cap`, `spending-limit`) and `notes`; None when the request is invalid.
        Where the version's clause puts candidates under PPERA 2000 and the Act, on the donation's date, requires
        something other than what an answer asks, the answer also carries `law`: `{"requires": true|false,
        "message": "...", "sources": [{"title", "url"}]}` (donations_law.py). An answer where they agree has none.
    """
    donations = sorted(donations_of(values[DONATION.name]),
                       key=lambda d: (d.received, d.amount, d.donor_key, d.donor, d.kind, str(d.permissible)))
    spending = spending_by_region(values[SPENDING.name])
    period_end = values[PERIOD_END.name]
    rules = donation_rules(version)
    _check_deadlines_fit(rules, donations, errors)
    if errors:
        return None
    names, merged = _display_names(donations)
    answers, notes, details = [], list(merged) + _after_today(donations, names, values["today"]), []
    notes += _repeated(donations, names)
    # Every donation is accounted for: one an answer asks something of, or one that needs nothing, and why not.
    seen = Accounted()
    describe = Describer(names)
    law = LawReading(version.applied_law, donations, describe) if version.applied_law else None
    ask = _whom_to_ask(rules.reporting, version)
    if rules.permissible_donor:
        answers += _permissibility(rules.permissible_donor, donations, describe, version, law, seen, ask, values["today"])
    elif not law and any(d.permissible is not None for d in donations):
        notes.append(f"This version of the code ({version.citation}) says nothing about which donors are permissible, so "
                     "your answers on whether a donor is permissible were not used.")
    if rules.reporting:
        reports = _reporting(rules, donations, describe, period_end, version, notes, law, values["today"], seen)
        details += _how_to_report(rules.reporting, version) if reports else []
        answers += reports
    if rules.donor_cap:
        answers += _donor_cap(rules.donor_cap, donations, names, version, seen, ask)
    clause = next((rule.clause for rule in (rules.reporting, rules.permissible_donor, rules.donor_cap) if rule), None)
    if clause:
        # Labelled "Nothing to do", so the message does not say it again.
        for d in donations:
            if id(d) not in seen.asked:
                answer = _answer("no-action", "info", f"{sentence(describe(d))} needs nothing under "
                                 f"this code: {'; '.join(seen.why[id(d)]) or 'no rule of this code applies to it'}.",
                                 version, clause, donor=names[d.donor_key], amount=d.amount, received=d.received)
                answer.label = "Nothing to do"
                answers.append(answer)
    if rules.spending_limit:
        answers += _spending(rules.spending_limit, spending, version)
    elif spending:
        notes.append(f"This version of the code ({version.citation}) sets no spending limit, so the spending you entered "
                     "was not checked.")
    if law:
        notes += law.notes()
    answers.sort(key=_answer_order)
    levels = {a.level for a in answers}
    status = "breach" if "breach" in levels else "action" if "action" in levels else "ok"
    return Result(status, answers, notes, details)


def _after_today(donations: list[Donation], names: dict[str, str], today: dt.date) -> list[str]:
    """A donation received after the day of the check is most likely a mistyped date (2025 for 2024): said once,
    with the first of them, and checked as given."""
    later = [d for d in donations if d.received > today]
    if not later:
        return []
    first, name, on = later[0], names[later[0].donor_key], written_date(today)
    if len(later) == 1:
        return [f"The donation from {name} is dated {written_date(first.received)}, which is after today ({on}): check "
                "its date. It was checked as given."]
    return [f"{len(later):,} donations are dated after today ({on}), the first from {name} on "
            f"{written_date(first.received)}: check their dates. They were checked as given."]


def _repeated(donations: list[Donation], names: dict[str, str]) -> list[str]:
    """Donations the same in every detail (a row entered or pasted twice, or two gifts alike): each is counted, and
    one note names the first few, so that a reader can remove one entered twice. Sorted as check() sorts them, such
    donations are next to each other."""
    # The donor's name as typed: names that differ only as _display_names says are another note's matter.
    groups = itertools.groupby(donations, key=lambda d: (d.received, d.amount, d.donor, d.kind))
    repeated = [(same[0], len(same)) for same in (list(group) for _, group in groups) if len(same) > 1]
    if not repeated:
        return []
    said = [f"{'the non-cash donation' if d.kind == 'non-cash' else 'the donation'} of {pounds(d.amount)} from "
            f"{names[d.donor_key]} received on {written_date(d.received)} ({times} times)"
            for d, times in repeated[:MOST_NAMED_IN_A_REPORT]]
    more = len(repeated) - len(said)
    what = listed(said + ([f"{more:,} more"] if more else []))
    return [f"{'These donations appear' if len(repeated) > 1 else 'This donation appears'} more than once, the same in "
            f"every detail: {what}. Each was checked and counted as a donation of its own. If one was entered twice, "
            "remove it and check again."]


def _check_deadlines_fit(rules: DonationRules, donations: list[Donation], errors: Errors) -> None:
    # Dates end on 31 December 9999: a donation whose deadline would fall after it cannot be checked.
    days = rules.reporting.deadline_days if rules.reporting else None
    if days is None:
        return
    # Only a donation this near the calendar's end can have no deadline: the others are passed over at a glance.
    near_the_end = add_days(dt.date.max, -days) or dt.date.min
    for donation in donations:
        if donation.received > near_the_end and add_days(donation.received, days) is None:
            errors.add(f"{donation.where}.received", f"{donation.received.isoformat()} is too late in the calendar: "
                       f"its reporting deadline, {days} days later, would fall after 31 December 9999")


class Accounted:
    """Which donations an answer asks something of, and for the others, why each rule asks nothing."""

    def __init__(self):
        self.asked: set[int] = set()
        self.why: dict[int, list[str]] = defaultdict(list)

    def ask(self, donation) -> None:
        self.asked.add(id(donation))

    def nothing(self, donation, why: str) -> None:
        self.why[id(donation)].append(why)


def _display_names(donations: list[Donation]) -> tuple[dict[str, str], list[str]]:
    """One spelling per donor whatever the order of input (the first in sorted order), and a note for each donor
    whose spellings differ by more than capitals: they were counted as one, and the reader should know."""
    spellings: dict[str, set[str]] = defaultdict(set)
    for donation in donations:
        spellings[donation.donor_key].add(donation.donor)
    names = {key: min(found) for key, found in spellings.items()}
    notes = []
    for key, found in spellings.items():
        if len({name.casefold() for name in found}) > 1:
            listed = " and ".join(f"\"{printable(name)}\"" for name in sorted(found)[:4])
            notes.append(f"The donor names {listed} were counted as one donor, {names[key]}: they differ only by "
                         "spaces, capitals or characters that cannot be seen. If they are different donors, give "
                         "them names that tell them apart.")
    return names, notes


_RANKS = {"breach": 0, "action": 1, "info": 2}


# Where an answer with no amount (a spending limit's) sorts among one day's answers: before any amount.
_NO_AMOUNT = Decimal(-1)


def _answer_order(answer: Answer):
    # An answer without a date comes before those with one of the same level; one donor's in the order received, and
    # on one day by amount, as the donations are sorted (£200 before £1,000).
    facts = answer.facts
    return (_RANKS[answer.level], answer.date is not None, answer.date or dt.date.min, answer.rule, facts.get("donor", ""),
            facts.get("region", ""), facts.get("received") or dt.date.min, facts.get("amount", _NO_AMOUNT), answer.message)


class Describer:
    """"the donation of £600 from A received on 1 March 2024": how every answer names one donation, by the name its
    donor is shown by. Each is written once in a check (a donation is named by several answers) and let go with the
    check: they hold what the reader typed."""

    __slots__ = ("names", "said")

    def __init__(self, names: dict[str, str]):
        self.names = names
        self.said: dict[Donation, str] = {}

    def __call__(self, donation: Donation) -> str:
        said = self.said.get(donation)
        if said is None:
            kind = "non-cash donation" if donation.kind == "non-cash" else "donation"
            said = self.said[donation] = (f"the {kind} of {pounds(donation.amount)} from {self.names[donation.donor_key]} "
                                          f"received on {written_date(donation.received)}")
        return said


def _answer(rule: str, level: str, message: str, version: CodeVersion, clause: str, **facts) -> Answer:
    return Answer(rule, level, message, clause_reference(version, clause), facts=facts)


def _permissibility(rule: PermissibleDonor, donations, describe: Describer, version, law: LawReading | None,
                    seen: Accounted, ask: str, today: dt.date) -> list[Answer]:
    # e.g. NEC clause 12: "Donations of more than £500 (cash or non-cash) must be from a permissible donor." It says no
    # more: not what becomes of a donation from a donor who is not one, so the answer gives whom the code says to ask.
    found = []
    threshold = rule.threshold.words()
    too_small = f"it is not {threshold}, so it need not come from a permissible donor"
    for donation in donations:
        if not rule.threshold.reached_by(donation.amount):
            seen.nothing(donation, too_small)
            continue
        if donation.permissible is True:
            seen.nothing(donation, "you have said the donor is permissible")
            continue
        seen.ask(donation)
        name = describe.names[donation.donor_key]
        what = describe(donation)
        if donation.permissible is False:
            level, message = "breach", (f"{sentence(what)} is {threshold}, so it must come from a "
                                        f"permissible donor, and you have said {name} is not one, so this code does not "
                                        f"allow it. The code does not say what is to be done with it{_it_says(ask)}")
            todo = f"Do not keep {what}: {_ask_about('with it', ask, version)}"
        else:
            level, message = "action", (f"Check that {name} is a permissible donor: {what} is {threshold}, "
                                        "and donations of that size must come from a permissible donor.")
            todo = f"Check that {name} is a permissible donor before you keep {what}."
        found.append(_answer("permissible-donor", level, message, version, rule.clause, donor=name, amount=donation.amount,
                             received=donation.received))
        found[-1].todo = todo
        if law:
            last = law.on_permissibility(found[-1], donation, today)
            _by_the_acts_day(found[-1], name, what, last, donation.permissible is False, ask, version, today)
    return found


def _by_the_acts_day(found: Answer, name: str, what: str, last: dt.date | None, forbidden: bool, ask: str,
                     version: CodeVersion, today: dt.date) -> None:
    """The thing to do about a donor's permissibility, where the Act says by when (`last`) a donation from a donor who
    is not permissible is sent back (`found.law`), which the code does not: check by then, or, for a donation the
    code forbids, send it back by then; once that day has passed, ask now."""
    if not found.law or found.law["requires"] is not True:
        _both(found, version, "check")
        return
    asked = f" If in doubt, ask: \"{ask}\"" if ask else f" {GUIDANCE}"
    ask_now = f" Ask: \"{ask}\"" if ask else f" {GUIDANCE}"
    if last is None:  # the Act's period on that day is not confirmed: the law's answer says so
        if forbidden:
            found.todo = (f"Send back {what}, as the Act requires, within the period it sets: see what the law "
                          f"requires, below. This code does not say what to do with it.{asked}")
        return
    day = written_date(last)
    overdue = last < today
    if forbidden:
        event = f"send back {what}"
        if overdue:
            found.todo = (f"Ask now what to do with {what}: the Act required it to be sent back by {day}, and takes a "
                          f"donation kept longer to have been accepted.{ask_now}")
        elif last == today:
            found.todo = f"Send back {what} today, as the Act requires: its last day is today, {day}.{asked}"
        else:
            found.todo = f"Send back {what} by {day}, as the Act requires; this code does not say what to do with it.{asked}"
    else:
        event = f"check that {what} comes from a permissible donor"
        if overdue:
            found.todo = (f"Check now that {name} is a permissible donor: under the Act, {what} had to be sent back by "
                          f"{day} if {name} is not one, and a donation kept longer is taken to have been accepted. If "
                          f"{name} is not permissible, ask what to do.{ask_now}")
        elif last == today:
            found.todo = (f"Check today that {name} is a permissible donor: under the Act, if {name} is not one, {what} "
                          f"must be sent back by today, {day}.")
        else:
            found.todo = (f"Check that {name} is a permissible donor before you keep {what}, and by {day} at the "
                          f"latest: under the Act, if {name} is not one, it must be sent back by then.")
    found.date, found.date_kind, found.overdue, found.date_set_by = last, "deadline", overdue, "the Act"
    found.label = "Overdue" if overdue else found.label
    found.event = f"{'Overdue' if overdue else 'Deadline'}: {event}"


def _reporting(rules: DonationRules, donations, describe: Describer, period_end, version, notes, law: LawReading | None,
               today: dt.date, seen: Accounted) -> list[Answer]:
    rule = rules.reporting
    if period_end and not rule.before_election_period_end:
        notes.append(f"This version of the code ({version.citation}) does not tie reporting to the end of the election period, "
                     "so that date does not change any deadline here.")
    if rule.totals == EACH_DONATION:
        # e.g. Momentum 2022: "Any donation over £500 from any single donor ... must be reported."
        found = []
        threshold = rule.threshold.words()
        too_small = f"it is not {threshold}, so it need not be reported"
        smaller: dict[str, list[Donation]] = defaultdict(list)
        for d in donations:
            if not rule.threshold.reached_by(d.amount):
                seen.nothing(d, too_small)
                smaller[d.donor_key].append(d)
                continue
            seen.ask(d)
            what = describe(d)
            found.append(_report(rule, d, describe.names[d.donor_key], d.amount, f"{sentence(what)} is {threshold}, so it must be "
                                 "reported", period_end, version, law, today, what))
        notes += _unsaid_totals(rule, smaller, describe.names, version)
        return found
    # NEC clause 12: "Donations of more than £1500 ... from the same donor in a calendar year must be reported".
    counted = []
    small = rules.permissible_donor.threshold if rule.small_donations_not_counted else None
    left_out = _why_left_out(small, law, today) if small else None
    threshold = rule.threshold.words()
    # The small donations left out of each donor's year: what the year's total says about them.
    small_ones: dict[tuple[str, int], list[dt.date]] = defaultdict(list)
    not_counted: dict[dt.date, str] = {}  # one sentence a day, shared by that day's donations
    for d in donations:
        if small and not small.reached_by(d.amount):
            why = not_counted.get(d.received)
            if why is None:
                why = not_counted[d.received] = (f"it does not count towards the reporting threshold, as it is not "
                                                 f"{small.words()}: {left_out([d.received])}")
            seen.nothing(d, why)
            small_ones[(d.donor_key, d.received.year)].append(d.received)
        else:
            counted.append(d)
    by_donor_year: dict[tuple[str, int], list[Donation]] = defaultdict(list)
    for donation in counted:
        by_donor_year[(donation.donor_key, donation.received.year)].append(donation)
    found = []
    for (key, year), group in by_donor_year.items():
        total, crossed = Decimal(0), False
        name = describe.names[key]
        for index, donation in enumerate(group):
            total += donation.amount
            if not crossed and rule.threshold.reached_by(total):
                crossed = True
                # The report covers every donation counted so far this year, this one with them.
                for earlier in group[:index + 1]:
                    seen.ask(earlier)
                if index == 0:  # one donation is over the threshold alone: it is reported, and named as itself
                    what = describe(donation)
                    why = f"{sentence(what)} is {threshold} from one donor in a calendar year, so it must be reported"
                else:
                    what = f"the donations from {name} in {year} ({pounds(total)} in all)"
                    left = small_ones.get((key, year))
                    counting = f"; counting only donations {small.words()}: {left_out(left)}" if left else ""
                    why = (f"Donations from {name} in {year} total {pounds(total)} ({_amounts(group[:index + 1])}"
                           f"{counting}), which is "
                           f"{threshold} from one donor in a calendar year, so they must be reported")
                found.append(_report(rule, donation, name, total, why, period_end, version, law, today, what))
            elif crossed:
                seen.ask(donation)
                why = (f"{sentence(describe(donation))} comes after {name}'s "
                       f"donations in {year} passed the {pounds(rule.threshold.amount)} threshold, so it must also be reported")
                found.append(_report(rule, donation, name, donation.amount, why, period_end, version, law, today,
                                     describe(donation)))
        if not crossed:
            for donation in group:
                seen.nothing(donation, f"{name}'s donations in {year} come to {pounds(total)}, not "
                             f"{rule.threshold.words()}, so no report is due")
    return found


def _why_left_out(small: r.Threshold, law: LawReading | None, today: dt.date):
    """Why the code's rules leave donations `small.words()`-or-less out of a year's total, said of the days they were
    received: the Act does not count them as donations, where its figure on those days is the code's; else what is
    known of the Act's figure then, so that no answer says of the Act what was not so on the day."""
    if law is None:
        return lambda days: f"smaller ones are not donations under {_THE_ACT}"
    floor = law.floor
    now = law.on(floor, today)
    stands = " as it stands" if now is not None and now.amount == small.amount else ""
    # Each day's qualification, worked out once a day (a year's spreadsheet repeats its days): "" where the Act's
    # figure then was the code's.
    then: dict[dt.date, str] = {}

    def qualified(day: dt.date) -> str:
        if day not in then:
            value = law.on(floor, day)
            then[day] = ("" if value is not None and value.amount == small.amount else
                         f", though the Act's figure on {written_date(day)} was {pounds(value.amount)}" if value else
                         f"; whether they were on {written_date(day)} is not confirmed on this site")
        return then[day]

    def why(days: list[dt.date]) -> str:
        first = next(filter(None, map(qualified, sorted(set(days)))), "")
        if not first:
            return f"smaller ones are not donations under {floor.provision}"
        return f"this code's rules leave smaller ones out, which are not donations under {floor.provision}{stands}{first}"
    return why


def _unsaid_totals(rule: Reporting, smaller: dict[str, list[Donation]], names: dict[str, str],
                   version: CodeVersion) -> list[str]:
    """A code that reports each donation over a threshold does not say whether one donor's smaller donations are added
    together: where that would change the answer, one note says so, naming a few of the donors it concerns, and whom
    the code says to ask."""
    threshold = rule.threshold.words()
    over = []
    for key, group in smaller.items():
        total = sum((d.amount for d in group), Decimal(0))
        if len(group) > 1 and rule.threshold.reached_by(total):
            over.append((names[key], group, total))
    if not over:
        return []
    if len(over) == 1:
        name, group, total = over[0]
        which = (f"{name}'s donations that are not {threshold} on their own come to {pounds(total)} together "
                 f"({_amounts(group)})")
    else:
        shown = [f"{name} ({pounds(total)})" for name, _, total in over[:MOST_NAMED_IN_A_REPORT]]
        more = len(over) - len(shown)
        which = (f"For {len(over)} donors, donations that are not {threshold} on their own come to {threshold} together: "
                 f"{listed(shown + ([f'{more} more'] if more else []))}")
    ask = _whom_to_ask(rule, version)
    ask = f" If in doubt, ask: \"{ask}\"" if ask else ""
    return [f"{which}. This code asks for a report of each donation that is {threshold} ({version.unit_name(rule.clause)}); "
            "it does not say whether smaller donations from one donor are added together, so none of these is reported "
            f"here.{ask}"]


def _amounts(donations: list[Donation]) -> str:
    """The donations one report covers, each by its amount and day, so that the reader can tell which to report; past
    a few (only a code that counts small donations allows more), by their number and days."""
    if len(donations) > MOST_NAMED_IN_A_REPORT:
        return (f"{len(donations)} donations, received from {written_date(donations[0].received)} to "
                f"{written_date(donations[-1].received)}")
    return listed([f"{pounds(d.amount)}{' (non-cash)' if d.kind == 'non-cash' else ''} received on "
                   f"{written_date(d.received)}" for d in donations])


def _whom_to_ask(rule: Reporting | None, version: CodeVersion) -> str:
    """The code's own words on whom to ask, where it gives them: those the law's data holds for a code under the Act,
    else the reporting rule's."""
    applied = version.applied_law
    if applied and applied.application.ask:
        return applied.application.ask
    return rule.ask.words if rule and rule.ask else ""


def _unsaid(rule: Reporting, version: CodeVersion) -> str:
    """Where the code names no one to report to: that it does not, and whom it says to ask."""
    if rule.report_to:
        return ""
    return " This code does not say to whom reports are made" + _it_says(_whom_to_ask(rule, version))


def _it_says(words: str) -> str:
    """The end of a sentence saying what the code leaves unsaid: its own words on whom to ask, where it gives them."""
    return f"; it says: \"{words}\"" if words else ", or whom to ask."


def _ask_about(matter: str, ask: str, version: CodeVersion) -> str:
    """The thing to do where the code does not say what is done (`matter`: "with it"): ask, whom the code names;
    where it names no one, that it does not, and for a code under the Act, where the Act's rules are explained."""
    if ask:
        return f"ask what to do {matter}, as this code does not say."
    guidance = f" {GUIDANCE}" if version.applied_law else ""
    return f"this code does not say what to do {matter}, or whom to ask.{guidance}"


def _how_to_report(rule: Reporting, version: CodeVersion) -> list[str]:
    """Said once, under the things to do, where reports are due: to whom, where the code does not say, and the
    clause's own words for Members of Parliament."""
    said = [_unsaid(rule, version).strip()] if not rule.report_to else []
    if rule.members_of_parliament:
        said.append(f"If you are a Member of Parliament, {version.unit_name(rule.clause)} also says: "
                    f"\"{rule.members_of_parliament}\"")
    return said


def _report(rule: Reporting, donation: Donation, name: str, amount: Decimal, why: str, period_end, version,
            law: LawReading | None, today: dt.date, what: str) -> Answer:
    to = f" to {rule.report_to}" if rule.report_to else ""
    plural = what.startswith("the donations")  # a year's donations reported together, not one donation
    deadline = None
    todo = f"Report {what}{to} promptly: this code sets no deadline."
    # The code's deadline: its days from receipt, or the end of the election period, whichever comes first.
    limits = []
    if rule.deadline_days is not None:
        limits.append((add_days(donation.received, rule.deadline_days),
                       f"{rule.deadline_days} days after the donation received on {written_date(donation.received)}"))
    # A period that ended before the donation arrived is a condition no report can meet, and the code does not say
    # what applies instead: the answer says so, and holds the reader to the code's other limits.
    ended_before = rule.before_election_period_end and period_end and period_end < donation.received
    unmet = ""
    if ended_before:
        arrived = f"before the donation received on {written_date(donation.received)}"
        unmet = (f" The code also asks for reports before the end of the election period, but that ended on "
                 f"{written_date(period_end)}, {arrived}, and the code does not say what applies then: report without "
                 "waiting.")
    if rule.before_election_period_end and period_end and not ended_before:
        limits.append((period_end, "the last day of the election period" + (", which comes first" if limits else "")))
    # Where the reader has not given the period's last day, the answer cannot know whether it comes first: it says so.
    period_unknown = rule.before_election_period_end and not period_end
    if limits:
        deadline, after = min(limits, key=lambda limit: limit[0])
        message = f"{why}{to} by {written_date(deadline)} ({after})."
        todo = f"Report {what}{to} by {written_date(deadline)}."
        if ended_before:
            before = arrived if plural else "before it arrived"
            todo = (f"Report {what}{to} now, and by {written_date(deadline)} at the latest: the election period "
                    f"ended on {written_date(period_end)}, {before}.")
        if deadline == today:
            message += " That day is today."
            todo = f"Report {what}{to} today: the deadline is today, {written_date(deadline)}."
        if period_unknown and deadline >= today:  # a report already late is to be made now, whenever the period ends
            message += (" The code also requires reports before the end of the election period, whose last day you "
                        "did not give: if it comes sooner, report by then.")
            if deadline > today:
                todo += " If the election period ends sooner, report before it ends."
        message += unmet
    else:
        message = f"{why}{to}. This code sets no deadline for reporting: report it promptly.{unmet}"
        if period_unknown:
            message += " The code requires reports before the end of the election period, whose last day you did not give."
            todo = f"Report {what}{to} promptly, and before the election period ends."
        # A code that puts its candidates under the Act but sets no deadline leaves the Act's own period to say.
        period = law.late_report(donation) if law else ""
        if period:
            message += period
            todo = f"Report {what}{to} promptly: this code sets no deadline, but the Act makes a late report an offence."
    message += _unsaid(rule, version)
    overdue = deadline is not None and deadline < today
    if overdue:
        # A deadline already past is said to be so, with what to do now: the code's own contact, and the Act's own
        # position on a late report where the Act requires one.
        ask = _whom_to_ask(rule, version)
        contact = f" The code says: \"{ask}\"" if ask and ask not in message else ""
        them = "them" if plural else "it"
        message += (f" That deadline has passed: if you have not reported {them} yet, report {them} now and say why "
                    f"{'they are' if them == 'them' else 'it is'} late.{contact}{law.late_report(donation) if law else ''}")
        todo = f"Report {what}{to} now: {'they were' if them == 'them' else 'it was'} due by {written_date(deadline)}."
    found = Answer("report", "action", message, clause_reference(version, rule.clause),
                   facts={"donor": name, "amount": amount, "received": donation.received},
                   date=deadline, date_kind="deadline" if deadline else "", overdue=overdue,
                   label="Overdue" if overdue else "", todo=todo,
                   event=f"{'Overdue' if overdue else 'Deadline'}: report {what}{to}" if deadline else "")
    if law:
        law.on_report(found, donation, amount)
        _both(found, version, "report", sent_back=donation.permissible is False)
    return found


def _both(found: Answer, version: CodeVersion, what: str, sent_back: bool = False) -> None:
    """Where the code and the Act differ, the thing to do says both in one sentence, and the safe action: what the
    code asks (the Act asks no more), with whom to ask where the code says. `sent_back`: a report of a donation from
    a donor the reader says is not permissible, which the Act has reported on its own once sent back."""
    if not found.law:
        return
    ask = version.applied_law.application.ask
    asked = f" If in doubt, ask: \"{ask}\"" if ask else ""
    if sent_back and found.law["requires"] is True:
        found.todo += (f" Under the Act, a donation from a donor who is not permissible is sent back, and then reported "
                       f"on its own: see what the law requires, below.{asked}")
    elif found.law["requires"] is False:
        found.todo += f" The code requires this {what}; the Act does not, on that date. Do what the code asks.{asked}"
    elif found.law["requires"] is True:
        found.todo += (f" The Act also requires a {what}, covering more donations: see what the law requires, "
                       f"below.{asked}")
    else:
        found.todo += f" Whether the Act requires it too is not confirmed here. Do what the code asks.{asked}"


def _donor_cap(rule: r.Limit, donations, names, version, seen: Accounted, ask: str) -> list[Answer]:
    # Momentum 2022: "There is a £2000 limit on donations from any single donor or organisation". It says no more: not
    # what becomes of an amount over the limit, so the answer does not say either, and gives whom the code says to ask.
    given: dict[str, list[Donation]] = defaultdict(list)
    for donation in donations:
        given[donation.donor_key].append(donation)
    totals = {key: sum((d.amount for d in group), Decimal(0)) for key, group in given.items()}
    for donation in donations:
        if totals[donation.donor_key] > rule.limit:
            seen.ask(donation)
        else:
            seen.nothing(donation, f"{names[donation.donor_key]}'s donations come to {pounds(totals[donation.donor_key])}, "
                         f"within the {pounds(rule.limit)} limit")
    found = []
    for key, total in totals.items():
        if total > rule.limit:
            over = pounds(total - rule.limit)
            found.append(_answer("donor-cap", "breach",
                                 f"Donations from {names[key]} total {pounds(total)} ({_amounts(given[key])}), more than "
                                 f"the {pounds(rule.limit)} limit on donations from any single donor. This code does not "
                                 f"say what is to be done about the {over} over the limit{_it_says(ask)}",
                                 version, rule.clause, donor=names[key], amount=total))
            found[-1].todo = (f"Accept nothing more from {names[key]}: "
                              f"{_ask_about(f'about the {over} over the {pounds(rule.limit)} limit', ask, version)}")
    return found


def _spending(rule: r.Limit, spending, version) -> list[Answer]:
    # Momentum 2022: "There is a spending limit of £250 per candidate, per region."
    found = []
    for name, total in spending.values():
        within = total <= rule.limit
        found.append(_answer(
            "spending-limit", "info" if within else "breach",
            f"You have spent {pounds(total)} in {name}, {'within' if within else 'more than'} the limit of "
            f"{pounds(rule.limit)} per candidate per region.", version, rule.clause, region=name, amount=total))
        if not within:
            found[-1].todo = (f"Spend nothing more in {name}: you have spent {pounds(total - rule.limit)} more than the "
                              f"{pounds(rule.limit)} limit for a region.")
    return found


CHECKER = Checker(
    name=NAME, title="Donations and spending",
    purpose=("Must a donation come from a permissible donor? Must it be reported, and by when? Are you within a donor "
             "cap or spending limit?"),
    fields=(DONATION, SPENDING, PERIOD_END), read_rules=donation_rules, statuses=STATUS_TEXT, check=check,
    cited_words=cited_words,
    law_figures=FIGURES, others_heading="What needs nothing from you")
