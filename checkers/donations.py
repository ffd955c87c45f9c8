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
- PPERA 2000, Schedule 7: a donation of £500 or less to a regulated donee is not a donation for its
  purposes, so it needs no permissibility check and is not added up towards the reporting threshold.

Where a code's clause says the Act applies, donations_law.py reads the same donations by the Act's own
rules, with its figures on each donation's date, and a finding says both where they differ (`law`).
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal

from . import rules as r
from .content import CodeVersion
from .donations_law import LawReading
from .findings import finding
from .money_and_dates import add_days, json_amount, parse_amount, parse_date, pounds, quoted, sentence, written_date
from .validation import COMMON_FIELDS, Errors, boolean, check_fields

PPERA_SCHEDULE_7 = "https://www.legislation.gov.uk/ukpga/2000/41/schedule/7"

NAME = "donations"
TITLE = "Donations and spending"
PURPOSE = ("Must a donation come from a permissible donor? Must it be reported, and by when? Are you within a donor cap "
           "or spending limit?")
RULES = r.donation_rules

INPUTS = [
    {"name": "donations", "label": "Donations", "type": "rows", "required": False,
     "hint": "One row for each donation you received, of money or in kind.",
     "row_label": "Donation", "add_label": "Add a donation", "remove_label": "Remove donation",
     # A page starts with one empty row, and offers a spreadsheet (checkers/csvinput.py) for these rows.
     "start_with": 1, "spreadsheet": True,
     "fields": [
         {"name": "donor", "label": "Donor's name", "type": "text", "required": True,
          "hint": "Donations from the same name (ignoring capitals and spaces at either end) are added up."},
         {"name": "amount", "label": "Amount", "type": "money", "unit": "£", "required": True,
          "hint": "In pounds, e.g. 750 or 1,500.50. For a donation in kind, its value."},
         {"name": "received", "label": "Date received", "type": "date", "required": True},
         {"name": "kind", "label": "Kind", "type": "choice", "required": False, "default": "cash",
          "options": [["cash", "Cash"], ["non-cash", "Non-cash (in kind)"]]},
         {"name": "permissible", "label": "Is the donor permissible?", "type": "tristate", "required": False,
          "hint": "A permissible donor is, for example, an individual on a UK electoral register.",
          "options": [[None, "Not sure"], [True, "Yes"], [False, "No"]]},
     ]},
    {"name": "spending", "label": "Spending", "type": "rows", "required": False,
     "hint": "What you have spent on your campaign, one row for each region and amount.",
     "row_label": "Spending", "add_label": "Add spending in a region", "remove_label": "Remove spending",
     "fields": [
         {"name": "region", "label": "Region", "type": "text", "required": True},
         {"name": "amount", "label": "Amount spent", "type": "money", "unit": "£", "required": True},
     ]},
    {"name": "election_period_end", "label": "Last day of the election period", "type": "date", "required": False,
     "hint": "Where the code says donations must be reported before the election period ends."},
]
STATUS_TEXT = {"ok": "Nothing to act on under this code.", "action": "Action needed.",
               "breach": "Breach: something here breaks the code."}
DONATION_FIELDS = ("donor", "amount", "received", "kind", "permissible")
KINDS = ("cash", "non-cash")


@dataclass(frozen=True)
class Donation:
    donor_key: str
    donor: str
    amount: Decimal
    received: dt.date
    kind: str
    permissible: bool | None
    where: str  # the request's path to it, for errors


def read_donations(request: dict, errors: Errors) -> list[Donation]:
    """The donations of a request, each field checked; donors are the same when their trimmed, case-folded names match."""
    items = request.get("donations", [])
    if items is None:
        return []
    if not isinstance(items, list):
        errors.add("donations", "must be a list of donations (it may be empty)")
        return []
    donations = []
    for index, item in enumerate(items):
        where = f"donations[{index}]"
        if not isinstance(item, dict):
            errors.add(where, "must be a donation: {donor, amount, received, kind, permissible}")
            continue
        check_fields(item, DONATION_FIELDS, where, errors)
        donor = item.get("donor")
        if not isinstance(donor, str) or not donor.strip():
            errors.add(f"{where}.donor", "is required: the donor's name")
        amount = received = None
        try:
            amount = parse_amount(item.get("amount"))
        except ValueError as error:
            errors.add(f"{where}.amount", str(error))
        try:
            received = parse_date(item.get("received"))
        except ValueError as error:
            errors.add(f"{where}.received", str(error))
        # Absent or null is cash, the form's default; anything else must be one of the kinds, so that a
        # typo or a false never passes for cash.
        kind = item.get("kind")
        kind = "cash" if kind is None else kind
        if kind not in KINDS:
            errors.add(f"{where}.kind", f"must be \"cash\" or \"non-cash\", not {quoted(kind)}")
        permissible = boolean(item, "permissible", errors, required=False, prefix=f"{where}.")
        if isinstance(donor, str) and donor.strip() and amount and received and kind in KINDS:
            donations.append(Donation(donor.strip().casefold(), donor.strip(), amount, received, kind, permissible, where))
    return donations


def read_spending(request: dict, errors: Errors) -> dict[str, tuple[str, Decimal]]:
    """Spending totals by region, keyed like donors (trimmed, case-folded)."""
    items = request.get("spending", [])
    if items is None:
        return {}
    if not isinstance(items, list):
        errors.add("spending", "must be a list of {region, amount}")
        return {}
    totals: dict[str, tuple[str, Decimal]] = {}
    for index, item in enumerate(items):
        where = f"spending[{index}]"
        if not isinstance(item, dict):
            errors.add(where, "must be {region, amount}")
            continue
        check_fields(item, ("region", "amount"), where, errors)
        region = item.get("region")
        if not isinstance(region, str) or not region.strip():
            errors.add(f"{where}.region", "is required: the region the money was spent in")
            region = None
        try:
            amount = parse_amount(item.get("amount"))
        except ValueError as error:
            errors.add(f"{where}.amount", str(error))
            continue
        if region:
            key = region.strip().casefold()
            name, total = totals.get(key, (region.strip(), Decimal(0)))
            totals[key] = (min(name, region.strip()), total + amount)
    return totals


def check(request: dict, version: CodeVersion, errors: Errors) -> dict | None:
    """Check donations and spending against one code version's donation rules.

    Args:
        request: `donations` ({donor, amount, received, kind, permissible}), `spending` ({region, amount})
            and `election_period_end`, as in the command line's contract.
        version: the code version whose `rules.donations` apply.
        errors: collects every bad field; nothing is checked while there are any.

    Returns:
        `status` (`ok`, `action` or `breach`: the worst level found), `findings` (rule ids
        `permissible-donor`, `report`, `donor-cap`, `spending-limit`) and `notes`; None when the request is invalid.
        Where the version's clause puts candidates under PPERA 2000 and the Act, on the donation's date, requires
        something other than what the finding asks, the finding also carries `law`: `{"requires": true|false,
        "message": "...", "sources": [{"title", "url"}]}` (donations_law.py). A finding where they agree has none.
    """
    check_fields(request, COMMON_FIELDS + ("donations", "spending", "election_period_end"), "", errors)
    donations = sorted(read_donations(request, errors),
                       key=lambda d: (d.received, d.amount, d.donor_key, d.donor, d.kind, str(d.permissible)))
    spending = read_spending(request, errors)
    period_end = None
    if request.get("election_period_end") is not None:
        try:
            period_end = parse_date(request["election_period_end"])
        except ValueError as error:
            errors.add("election_period_end", str(error))
    rules = r.donation_rules(version)
    _check_deadlines_fit(rules, donations, errors)
    if errors:
        return None
    names = _display_names(donations)
    findings, notes = [], []
    law = LawReading(version.law, donations, _describe, names) if version.law else None
    if rules.permissible_donor:
        findings += _permissibility(rules.permissible_donor, donations, names, version, law)
    if rules.reporting:
        findings += _reporting(rules, donations, names, period_end, version, notes, law)
    if rules.donor_cap:
        findings += _donor_cap(rules.donor_cap, donations, names, version)
    if rules.spending_limit:
        findings += _spending(rules.spending_limit, spending, version)
    elif spending:
        notes.append(f"This version of the code ({version.citation}) sets no spending limit, so the spending you entered "
                     "was not checked.")
    if law:
        notes += law.notes()
    findings.sort(key=_finding_order)
    levels = {f["level"] for f in findings}
    status = "breach" if "breach" in levels else "action" if "action" in levels else "ok"
    return {"status": status, "findings": findings, "notes": notes}


def _check_deadlines_fit(rules: r.DonationRules, donations: list[Donation], errors: Errors) -> None:
    # Dates end on 31 December 9999: a donation whose deadline would fall after it cannot be checked.
    days = rules.reporting.deadline_days if rules.reporting else None
    for donation in donations:
        if days is not None and add_days(donation.received, days) is None:
            errors.add(f"{donation.where}.received", f"{donation.received.isoformat()} is too late in the calendar: "
                       f"its reporting deadline, {days} days later, would fall after 31 December 9999")


def _display_names(donations: list[Donation]) -> dict[str, str]:
    # One spelling per donor whatever the order of input: the first in sorted order.
    names: dict[str, str] = {}
    for donation in donations:
        names[donation.donor_key] = min(names.get(donation.donor_key, donation.donor), donation.donor)
    return names


def _finding_order(item: dict):
    rank = {"breach": 0, "action": 1, "info": 2}[item["level"]]
    return (rank, item.get("deadline", ""), item["rule"], item.get("donor", ""), item.get("region", ""),
            str(item.get("amount", "")), item["message"])


def _describe(donation: Donation, name: str) -> str:
    kind = "non-cash donation" if donation.kind == "non-cash" else "donation"
    return f"the {kind} of {pounds(donation.amount)} from {name} received on {written_date(donation.received)}"


def _permissibility(rule: r.PermissibleDonor, donations, names, version, law: LawReading | None) -> list[dict]:
    # e.g. NEC clause 12: "Donations of more than £500 (cash or non-cash) must be from a permissible donor."
    found = []
    for donation in donations:
        if not rule.threshold.reached_by(donation.amount) or donation.permissible is True:
            continue
        name = names[donation.donor_key]
        what = _describe(donation, name)
        if donation.permissible is False:
            level, message = "breach", (f"{sentence(what)} is {rule.threshold.words()}, so it must come from a "
                                        f"permissible donor, and you have said {name} is not one. Do not keep it: "
                                        "return it and seek advice.")
        else:
            level, message = "action", (f"Check that {name} is a permissible donor: {what} is {rule.threshold.words()}, "
                                        "and donations of that size must come from a permissible donor.")
        found.append(finding("permissible-donor", level, message, version, rule.clause,
                             donor=name, amount=json_amount(donation.amount)))
        if law:
            law.on_permissibility(found[-1], donation)
    return found


def _reporting(rules: r.DonationRules, donations, names, period_end, version, notes, law: LawReading | None) -> list[dict]:
    rule = rules.reporting
    if period_end and not rule.before_election_period_end:
        notes.append(f"This version of the code ({version.citation}) does not tie reporting to the end of the election period, "
                     "so that date does not change any deadline here.")
    if rule.totals == r.EACH_DONATION:
        # e.g. Momentum 2022: "Any donation over £500 from any single donor ... must be reported."
        return [_report(rule, d, names[d.donor_key], d.amount, f"{sentence(_describe(d, names[d.donor_key]))} is "
                        f"{rule.threshold.words()}, so it must be reported", period_end, version, law)
                for d in donations if rule.threshold.reached_by(d.amount)]
    # NEC clause 12: "Donations of more than £1500 ... from the same donor in a calendar year must be reported".
    counted = [d for d in donations
               if not rule.small_donations_not_counted or rules.permissible_donor.threshold.reached_by(d.amount)]
    by_donor_year: dict[tuple[str, int], list[Donation]] = defaultdict(list)
    for donation in counted:
        by_donor_year[(donation.donor_key, donation.received.year)].append(donation)
    found = []
    for (key, year), group in by_donor_year.items():
        total, crossed = Decimal(0), False
        for donation in group:
            total += donation.amount
            name = names[key]
            if not crossed and rule.threshold.reached_by(total):
                crossed = True
                counting = (f" (counting only donations {rules.permissible_donor.threshold.words()}: smaller ones are "
                            "not donations under PPERA 2000, Schedule 7)") if rule.small_donations_not_counted else ""
                why = (f"Donations from {name} in {year} total {pounds(total)}{counting}, which is "
                       f"{rule.threshold.words()} from one donor in a calendar year, so they must be reported")
                found.append(_report(rule, donation, name, total, why, period_end, version, law))
            elif crossed:
                why = (f"{sentence(_describe(donation, name))} comes after {name}'s "
                       f"donations in {year} passed the {pounds(rule.threshold.amount)} threshold, so it must also be reported")
                found.append(_report(rule, donation, name, donation.amount, why, period_end, version, law))
    return found


def _report(rule: r.Reporting, donation: Donation, name: str, amount: Decimal, why: str, period_end, version,
            law: LawReading | None) -> dict:
    to = f" to {rule.report_to}" if rule.report_to else ""
    deadline = None
    if rule.deadline_days is not None:
        deadline = add_days(donation.received, rule.deadline_days)
        after = f"{rule.deadline_days} days after the donation received on {written_date(donation.received)}"
        if rule.before_election_period_end and period_end and period_end < deadline:
            deadline = period_end
            after = "the last day of the election period, which comes first"
        when = f" by {written_date(deadline)} ({after})."
        if deadline < donation.received:
            when = (f": the election period ended on {written_date(deadline)}, before this donation arrived, "
                    "so report it at once.")
        message = f"{why}{to}{when}"
    else:
        message = f"{why}{to}. This code sets no deadline for reporting: report it promptly."
    found = finding("report", "action", message, version, rule.clause, donor=name, amount=json_amount(amount),
                    deadline=deadline.isoformat() if deadline else None)
    if law:
        law.on_report(found, donation, amount)
    return found


def _donor_cap(rule: r.Limit, donations, names, version) -> list[dict]:
    # Momentum 2022: "There is a £2000 limit on donations from any single donor or organisation".
    totals: dict[str, Decimal] = defaultdict(Decimal)
    for donation in donations:
        totals[donation.donor_key] += donation.amount
    return [finding("donor-cap", "breach",
                    f"Donations from {names[key]} total {pounds(total)}, more than the {pounds(rule.limit)} limit on "
                    "donations from any single donor. Return or refuse the amount over the limit.",
                    version, rule.clause, donor=names[key], amount=json_amount(total))
            for key, total in totals.items() if total > rule.limit]


def _spending(rule: r.Limit, spending, version) -> list[dict]:
    # Momentum 2022: "There is a spending limit of £250 per candidate, per region."
    found = []
    for name, total in spending.values():
        if total > rule.limit:
            found.append(finding("spending-limit", "breach",
                                 f"You have spent {pounds(total)} in {name}, more than the limit of {pounds(rule.limit)} "
                                 "per candidate per region.", version, rule.clause, region=name, amount=json_amount(total)))
        else:
            found.append(finding("spending-limit", "info",
                                 f"You have spent {pounds(total)} in {name}, within the limit of {pounds(rule.limit)} "
                                 "per candidate per region.", version, rule.clause, region=name, amount=json_amount(total)))
    return found
