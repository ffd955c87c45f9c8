"""What the Act requires of the same donations, set beside what the code asks.

The donations checker applies the code's own figures and cites its clause. Where a code's clause puts its
candidates under the Political Parties, Elections and Referendums Act 2000 (law.Application), this module
reads the same donations by the Act's own rules, with the figures that applied on each donation's date
(law.Figure.on), and adds to a finding a `law` object where the two differ:

- PPERA 2000, Schedule 7, paragraph 4(3)(b): a gift worth no more than the `not-a-donation` figure is not a
  donation at all, so the Act asks no permissibility check and counts it towards no report;
- paragraph 10(1A): a donation is reported when it, or it with the donor's other donations in the calendar
  year not yet reported, comes to more than the `reporting-threshold` figure; the report covers them all.

It never changes what the code asks: a finding keeps its level, message and clause.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from .law import Applied, Figure
from .money_and_dates import pounds, sentence, written_date

# The statutory figures this module reads; the build checks that the law's data has each of them.
FIGURES = ("not-a-donation", "reporting-threshold")


@dataclass
class Reading:
    """The Act's view of one donation."""

    is_donation: bool | None  # None: the figures for its date are not confirmed
    counted: Decimal = Decimal(0)  # the donor's unreported donations in the year, this one included
    reported_with: object = None  # the donation whose arrival makes the Act require the report that includes this one
    report_total: Decimal = Decimal(0)  # that report's total


class LawReading:
    """Every donation read by the Act's rules, as the code's findings are made."""

    def __init__(self, applied: Applied, donations, describe, names):
        self.applied = applied
        self.floor: Figure = applied.law.figure("not-a-donation")
        self.threshold: Figure = applied.law.figure("reporting-threshold")
        self.describe, self.names = describe, names
        self.readings: dict[int, Reading] = {}
        self.unconfirmed: set[dt.date] = set()
        self.order = list(donations)
        self.asked_permissibility: set[int] = set()
        self.asked_report: set[int] = set()
        groups: dict[tuple, list] = {}
        for donation in donations:  # in the order received
            groups.setdefault((donation.donor_key, donation.received.year), []).append(donation)
        for group in groups.values():
            self._read_year(group)

    def _read_year(self, group) -> None:
        # Schedule 7, paragraph 10(1A)(b): added to the donor's other benefits in the same calendar year "in
        # respect of which no report has been previously made", more than the threshold is reported.
        pending: list = []
        lost = False
        for donation in group:
            floor, threshold = self.floor.on(donation.received), self.threshold.on(donation.received)
            if lost or floor is None or threshold is None:
                lost = True  # once one date's figures are unknown, so is every later total this year
                self.unconfirmed.add(donation.received)
                self.readings[id(donation)] = Reading(None)
                continue
            if donation.amount <= floor.amount:
                self.readings[id(donation)] = Reading(False)
                continue
            pending.append(donation)
            total = sum((d.amount for d in pending), Decimal(0))
            self.readings[id(donation)] = Reading(True, total)
            if total > threshold.amount:
                for earlier in pending:
                    self.readings[id(earlier)].reported_with = donation
                    self.readings[id(earlier)].report_total = total
                pending = []

    # --- Beside the code's findings --------------------------------------------------------------------

    def on_permissibility(self, found, donation) -> None:
        self.asked_permissibility.add(id(donation))
        reading = self.readings[id(donation)]
        if reading.is_donation is False:
            floor = self.floor.on(donation.received)
            self._attach(found, False, f"The Act does not require this check. On {written_date(donation.received)}, "
                         f"a gift of {pounds(floor.amount)} or less to a regulated donee is not a donation under the Act "
                         f"({self.floor.provision}), so it need not come from a permissible donor. The code asks for the "
                         "check all the same.", [self.floor], floor)

    def on_report(self, found, donation, code_total: Decimal) -> None:
        self.asked_report.add(id(donation))
        reading = self.readings[id(donation)]
        if reading.is_donation is None:
            return
        date = written_date(donation.received)
        if reading.is_donation is False:
            floor = self.floor.on(donation.received)
            self._attach(found, False, f"The Act does not require this report. On {date}, a gift of "
                         f"{pounds(floor.amount)} or less to a regulated donee is not a donation under the Act "
                         f"({self.floor.provision}), so it is not reported or counted towards a report.", [self.floor], floor)
            return
        threshold = self.threshold.on(donation.received)
        name = self.names[donation.donor_key]
        rule = (f"Under the Act on {date}, a report is due when a donor's donations in a calendar year, not yet "
                f"reported, come to {self.threshold.words(threshold)} ({self.threshold.provision}), counting only gifts of "
                f"more than {pounds(self.floor.on(donation.received).amount)}. {sentence(name)}'s come to")
        if reading.reported_with is donation:
            if reading.report_total != code_total:
                self._attach(found, True, f"{rule} {pounds(reading.report_total)} with this donation, so the Act also "
                             "requires a report, and it covers all of them.", [self.threshold], threshold)
            return
        message = f"{rule} {pounds(reading.counted)} with this donation, so the Act does not require this report."
        if reading.reported_with is not None:
            later = reading.reported_with
            message += (f" Under the Act they are reported later, with {self.describe(later, name)}, which takes them to "
                        f"{pounds(reading.report_total)}.")
        self._attach(found, False, message, [self.threshold], threshold)

    def notes(self) -> list[str]:
        """What the Act requires that the code's findings do not ask, and the dates whose figures are unknown."""
        notes = []
        for donation in self.order:
            reading = self.readings[id(donation)]
            name = self.names[donation.donor_key]
            what = self.describe(donation, name)
            if reading.is_donation and id(donation) not in self.asked_permissibility and donation.permissible is not True:
                notes.append(f"Under the Act, {what} must come from a permissible donor, as it is more than "
                             f"{pounds(self.floor.on(donation.received).amount)} ({self.floor.provision}), though the code "
                             "does not ask for the check.")
            if reading.reported_with is donation and not (self.asked_report & {id(d) for d in self._report_of(donation)}):
                notes.append(f"Under the Act, {what} takes {name}'s donations in {donation.received.year} to "
                             f"{pounds(reading.report_total)}, so they must be reported to the Electoral Commission "
                             f"({self.threshold.provision}), though the code does not ask for a report.")
        if self.unconfirmed:
            days = ", ".join(written_date(day) for day in sorted(self.unconfirmed))
            notes.append(f"The Act's figures for {days} are not confirmed on this site, so the findings do not say what "
                         "the Act required for donations received then.")
        return notes

    def _report_of(self, crossing) -> list:
        return [d for d in self.order if self.readings[id(d)].reported_with is crossing]

    def _attach(self, found, requires: bool, message: str, figures: list[Figure], value) -> None:
        """The law's answer beside the code's (found, an Answer)."""
        application = self.applied.application
        ask = (f" The code's {found.clause['name']} says: \"{application.ask}\"" if application.ask else
               " The Electoral Commission's guidance explains the Act's rules.")
        sources = [{"title": figure.provision, "url": figure.url} for figure in figures]
        sources += [{"title": source.title, "url": source.url} for source in value.sources[:1]]
        sources += [{"title": source.title, "url": source.url} for source in self.applied.law.guidance]
        unique = list({source["url"]: source for source in sources}.values())
        found.law = {"requires": requires, "message": message + ask, "sources": unique}

