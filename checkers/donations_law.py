"""What the Act requires of the same donations, set beside what the code asks.

The donations checker applies the code's own figures and cites its clause. Where a code's clause puts its
candidates under the Political Parties, Elections and Referendums Act 2000 (law.Application), this module
reads the same donations by the Act's own rules, with the figures that applied on each donation's date
(law.Figure), and adds to an answer a `law` object where the two differ:

- PPERA 2000, Schedule 7, paragraph 4(3)(b): a gift worth no more than the `not-a-donation` figure is not a
  donation at all, so the Act asks no permissibility check and counts it towards no report;
- paragraph 10(1A): a donation is reported when it, or it with the donor's other donations in the calendar
  year not yet reported, comes to more than the `reporting-threshold` figure; the report covers them all;
- section 56(2), as paragraph 8 applies it: a donation from a donor who is not permissible is sent back within the
  `return-period` of its receipt, and then reported within the `returned-report-period` (paragraph 11). Sent back,
  it is not accepted, so it counts towards no report under paragraph 10: the reading leaves out each donation the
  reader says is from a donor who is not permissible, as the answers tell them to send it back.

Where the sources leave a figure's value on a day open (the day it changed is not confirmed), the donations are
read under every value possible, the change falling before or after each donation in turn: an answer that is the
same under every one is given; one that differs says that it turns on that day. It never changes what the code
asks: an answer keeps its level, message and clause.
"""

from __future__ import annotations

import bisect
import datetime as dt
import itertools
from dataclasses import dataclass
from decimal import Decimal

from .law import Applied, Figure, Value
from .money_and_dates import pounds, sentence, written_date
from .text import listed

# The statutory figures this module reads; the build checks that the law's data has each of them.
FIGURES = ("not-a-donation", "reporting-threshold", "return-period", "returned-report-period")
# The Act's provision on a report not delivered in time (docs/law/figures.yml, provisions).
LATE_REPORT = "late-report"
# Where both figures may change within one donor's year, each way they may fall is read in full: past this many ways,
# or this many donations read in all, the answer says the figures are not confirmed rather than try them all.
MOST_SCENARIOS = 256
MOST_STEPS = 200_000
# Where one figure may change, the ways are followed together: past this many states a donation, not confirmed.
MOST_STEPS_EACH = 64

# The most days a note names one by one.
MOST_DAYS_NAMED = 3

# Where the code names no one to ask: the Act's own explainer, which the law's data cites.
GUIDANCE = "The Electoral Commission's guidance explains the Act's rules."


@dataclass(frozen=True)
class Reading:
    """The Act's view of one donation under one reading of the figures."""

    is_donation: bool
    counted: Decimal = Decimal(0)  # the donor's unreported donations in the year, this one included
    reported_with: object = None  # the donation whose arrival makes the Act require the report that includes this one
    report_total: Decimal = Decimal(0)  # that report's total


# A gift the Act does not count as a donation: one reading, shared.
NOT_A_DONATION = Reading(False)


@dataclass
class Settled:
    """The Act's view of one donation, all readings considered: `reading` where every one agrees, with the values
    of the figures under which it holds; else `turns_on` (the figures whose unconfirmed day decides it), or unknown."""

    reading: Reading | None
    floors: tuple[Value, ...] = ()
    thresholds: tuple[Value, ...] = ()
    turns_on: tuple[Figure, ...] = ()
    unknown: bool = False
    # Where it turns on a day: each possible value of the figures on the donation's day, and the reading it gives.
    outcomes: tuple = ()


class LawReading:
    """Every donation read by the Act's rules, as the code's answers are made."""

    def __init__(self, applied: Applied, donations, describe):
        self.applied = applied
        self.floor: Figure = applied.law.figure("not-a-donation")
        self.threshold: Figure = applied.law.figure("reporting-threshold")
        self.send_back: Figure = applied.law.figure("return-period")
        self.returned_report: Figure = applied.law.figure("returned-report-period")
        self.late = applied.law.provisions.get(LATE_REPORT)
        # How answers name a donation and its donor (donations.Describer).
        self.describe, self.names = describe, describe.names
        self.settled: dict[int, Settled] = {}
        self.unconfirmed: set[dt.date] = set()
        self.undecided: set[dt.date] = set()
        self.order = list(donations)
        self.asked_permissibility: set[int] = set()
        self.asked_report: set[int] = set()
        self._possible: dict[tuple, list] = {}
        self._sources: dict[tuple, list] = {}
        self._changes: dict[tuple, str] = {}
        self._certain_days: dict[dt.date, tuple | None] = {}
        self._late_words: str | None = None
        self._send_back_words: dict[dt.date, tuple] = {}
        # Donations the reader says are from a donor who is not permissible: to be sent back, not counted (above).
        self.sent_back: set[int] = set()
        groups: dict[tuple, list] = {}
        for donation in donations:  # in the order received
            if donation.permissible is False:
                self.sent_back.add(id(donation))
                continue
            groups.setdefault((donation.donor_key, donation.received.year), []).append(donation)
        for group in groups.values():
            self._settle(group)

    # --- Reading a donor's year under each possible value of the figures ----------------------------------

    def possible(self, figure: Figure, day: dt.date) -> list:
        """figure.possible(day), worked out once a day: a year's donations share their days."""
        key = (figure.id, day)
        if key not in self._possible:
            self._possible[key] = figure.possible(day)
        return self._possible[key]

    def on(self, figure: Figure, day: dt.date) -> Value | None:
        """figure.on(day), from the values worked out once a day."""
        values = self.possible(figure, day)
        return values[0] if len(values) == 1 else None

    def _days(self, figure: Figure, group) -> dict[dt.date, list] | None:
        """The figure's possible values on each of the group's days; None where a day has a value this site does not
        have, or more than one change could fall within the year."""
        possible = {d.received: self.possible(figure, d.received) for d in group}
        if any(None in values for values in possible.values()):
            return None
        uncertain = [values for values in possible.values() if len(values) > 1]
        if any(len(values) > 2 for values in uncertain) or len({tuple(map(id, values)) for values in uncertain}) > 1:
            return None
        return possible

    @staticmethod
    def _ways(possible: dict[dt.date, list]) -> int:
        """How many ways the figure's values may fall on the days: one for each uncertain day the change may fall on or
        before, and one for after the last (_choices lists them)."""
        uncertain = sum(len(values) > 1 for values in possible.values())
        return uncertain + 1 if uncertain else 1

    @staticmethod
    def _choices(possible: dict[dt.date, list]) -> list[dict]:
        """Each way the figure's values may fall on the days: [{day: value}], the change falling on or before each
        uncertain day in turn, then after the last (the earliest change first)."""
        days = sorted(possible)
        uncertain = [day for day in days if len(possible[day]) > 1]
        if not uncertain:
            return [{day: values[0] for day, values in possible.items()}]
        old, new = possible[uncertain[0]]
        return [{day: (values[0] if len(values) == 1 else old if day < cut else new) for day, values in possible.items()}
                for cut in [*uncertain, dt.date.max]]

    def _certain(self, day: dt.date) -> tuple | None:
        """((floor,), (threshold,)): the figures' values on the day where the sources leave one of each (the usual
        case), worked out once a day; None where they leave more than one, or none this site has."""
        if day not in self._certain_days:
            floors, thresholds = self.possible(self.floor, day), self.possible(self.threshold, day)
            certain = len(floors) == len(thresholds) == 1 and None not in (floors[0], thresholds[0])
            self._certain_days[day] = (tuple(floors), tuple(thresholds)) if certain else None
        return self._certain_days[day]

    def _settle(self, group) -> None:
        values = [self._certain(donation.received) for donation in group]
        if None not in values:
            # Every value certain on every day of the year (the usual case): one reading, nothing to compare.
            self._settle_certain(group, values)
            return
        floor_days, threshold_days = self._days(self.floor, group), self._days(self.threshold, group)
        if floor_days is None or threshold_days is None:
            self._unknown(group)
            return
        floor_ways, threshold_ways = self._ways(floor_days), self._ways(threshold_days)
        in_order = all(a.received <= b.received for a, b in itertools.pairwise(group))
        if in_order and (floor_ways == 1 or threshold_ways == 1):
            varying = self.floor if floor_ways > 1 else self.threshold
            if self._settle_by_change(group, floor_days, threshold_days, varying):
                return
        elif floor_ways * threshold_ways <= MOST_SCENARIOS and len(group) * floor_ways * threshold_ways <= MOST_STEPS:
            self._settle_by_every_reading(group, self._choices(floor_days), self._choices(threshold_days))
            return
        self._unknown(group)

    def _unknown(self, group) -> None:
        for donation in group:
            self.unconfirmed.add(donation.received)
            self.settled[id(donation)] = Settled(None, unknown=True)

    def _settle_certain(self, group, values: list[tuple]) -> None:
        """The year read once, where each day's figures are certain (each donation's (floors, thresholds) in
        `values`)."""
        found, _ = self._read_in_order([donation.amount for donation in group],
                                       [floors[0].amount for floors, _ in values],
                                       [thresholds[0].amount for _, thresholds in values])
        for donation, (floors, thresholds), (is_donation, counted, at, total) in zip(group, values, found, strict=True):
            reading = (NOT_A_DONATION if not is_donation else
                       Reading(True, counted, None if at is None else group[at], total))
            self.settled[id(donation)] = Settled(reading, floors, thresholds)

    def _settle_by_every_reading(self, group, floors: list[dict], thresholds: list[dict]) -> None:
        """Each way both figures may fall, read in full and compared: for a year in which both may have changed."""
        by_id = {id(donation): donation for donation in group}
        readings = [(floor, threshold, self._read_year(group, floor, threshold))
                    for floor, threshold in itertools.product(floors, thresholds)]
        for donation in group:
            found = {result[id(donation)] for _, _, result in readings}
            if len(found) == 1:
                self.settled[id(donation)] = Settled(
                    self._reading(readings[0][2][id(donation)], by_id),
                    tuple(dict.fromkeys(floor[donation.received] for floor, _, _ in readings)),
                    tuple(dict.fromkeys(threshold[donation.received] for _, threshold, _ in readings)))
            else:
                self.undecided.add(donation.received)
                figures = [f for f, choices in ((self.floor, floors), (self.threshold, thresholds)) if len(choices) > 1]
                outcomes = tuple((floor[donation.received], threshold[donation.received],
                                  self._reading(result[id(donation)], by_id)) for floor, threshold, result in readings)
                self.settled[id(donation)] = Settled(None, turns_on=tuple(figures), outcomes=outcomes)

    def _settle_by_change(self, group, floor_days: dict, threshold_days: dict, varying: Figure) -> bool:
        """One figure's change may fall on any of the year's uncertain days: the same answers as reading the year once
        for each of those days (_settle_by_every_reading), without doing so, which would take the donations times the
        days. Before the change every way reads the year as the figure's old value does; after it, ways in the same
        state (the same donations awaiting a report, the same total) go on alike, so each is followed only until it
        meets one already followed. False where that would take more than MOST_STEPS_EACH steps a donation."""
        n = len(group)
        amounts = [donation.amount for donation in group]
        old = [(floor_days[d.received][0], threshold_days[d.received][0]) for d in group]
        new = [(floor_days[d.received][-1], threshold_days[d.received][-1]) for d in group]
        uncertain = {d.received for d in group if len(floor_days[d.received]) > 1 or len(threshold_days[d.received]) > 1}
        # Where each way's change takes effect: the first donation of each uncertain day (the days are in order).
        changes = [i for i in range(n) if group[i].received in uncertain and (i == 0 or group[i - 1].received != group[i].received)]
        zero = Decimal(0)
        # The old value throughout (the change after the year's last donation), and its state before each donation.
        first_way, before = self._read_in_order(amounts, [floor.amount for floor, _ in old],
                                                [threshold.amount for _, threshold in old])
        # The ways after their change: each state at each donation, its own reading of that donation, what follows.
        states: dict[tuple, tuple] = {}
        at: list[list[tuple]] = [[] for _ in range(n)]
        for change in changes:
            key = (change, *before[change])
            while key[0] < n and key not in states:
                if len(states) > MOST_STEPS_EACH * n:
                    return False
                i, pending, total = key
                if amounts[i] <= new[i][0].amount:
                    states[key] = ((False, zero), None, (i + 1, pending, total))
                else:
                    pending, total = pending + (i,), total + amounts[i]
                    report = (i, total) if total > new[i][1].amount else None
                    states[key] = ((True, total), report, (i + 1, (), zero) if report else (i + 1, pending, total))
                at[i].append(key)
                key = states[key][2]
        # The report that includes each state's donation: the first made from it on.
        reported: dict[tuple, tuple | None] = {}
        for i in reversed(range(n)):
            for key in at[i]:
                _, report, following = states[key]
                reported[key] = report or reported.get(following)
        by_position = dict(enumerate(group))
        for i, donation in enumerate(group):
            found: dict[tuple, set] = {old[i]: set(), new[i]: set()}
            for key in at[i]:  # the ways whose change came on or before this donation's day
                (is_donation, counted), _, _ = states[key]
                report = reported[key] if is_donation else None
                found[new[i]].add((is_donation, counted, *report) if report else (is_donation, counted, None, zero))
            # The ways whose change comes later: as the old value reads it, unless the change comes before the report
            # that includes this donation, which is then the first made after the change.
            found[old[i]].add(first_way[i])
            is_donation, counted, reported_with, _ = first_way[i]
            if is_donation:
                last = n if reported_with is None else reported_with + 1
                for change in changes[bisect.bisect_right(changes, i):bisect.bisect_left(changes, last)]:
                    report = reported[(change, *before[change])]
                    found[old[i]].add((True, counted, *report) if report else (True, counted, None, zero))
            outcomes = {outcome for outcomes in found.values() for outcome in outcomes}
            values = [new[i]] * bool(at[i]) + [old[i]]
            if len(outcomes) == 1:
                self.settled[id(donation)] = Settled(
                    self._reading(next(iter(outcomes)), by_position),
                    tuple(dict.fromkeys(floor for floor, _ in values)), tuple(dict.fromkeys(threshold for _, threshold in values)))
            else:
                self.undecided.add(donation.received)
                # Each value on the day with each reading it gives; the answer sorts them by value (_undecided).
                self.settled[id(donation)] = Settled(None, turns_on=(varying,), outcomes=tuple(
                    (floor, threshold, self._reading(outcome, by_position))
                    for (floor, threshold), outcomes in found.items() for outcome in outcomes))
        return True

    @staticmethod
    def _reading(found: tuple, by_id: dict) -> Reading:
        return Reading(found[0], found[1], by_id.get(found[2]), found[3])

    @staticmethod
    def _read_year(group, floors: dict, thresholds: dict) -> dict[int, tuple]:
        """Each donation's Reading, as a tuple, under one way the figures fall (a value of each on each day)."""
        found, _ = LawReading._read_in_order([d.amount for d in group], [floors[d.received].amount for d in group],
                                             [thresholds[d.received].amount for d in group])
        return {id(donation): (is_donation, counted, None if at is None else id(group[at]), total)
                for donation, (is_donation, counted, at, total) in zip(group, found, strict=True)}

    @staticmethod
    def _read_in_order(amounts: list, floors: list, thresholds: list) -> tuple[list[tuple], list[tuple]]:
        """Schedule 7, paragraph 10(1A)(b): added to the donor's other benefits in the same calendar year "in respect
        of which no report has been previously made", more than the threshold is reported. Each donation's reading,
        as a tuple (the report's donation by its place), given each donation's floor and threshold; and the state
        before each (the places awaiting a report, their total)."""
        found: list[tuple] = []
        before: list[tuple] = []
        zero = Decimal(0)
        pending, total = (), zero
        for i, amount in enumerate(amounts):
            before.append((pending, total))
            if amount <= floors[i]:
                found.append((False, zero, None, zero))
                continue
            pending, total = (*pending, i), total + amount
            found.append((True, total, None, zero))
            if total > thresholds[i]:
                for j in pending:
                    found[j] = (True, found[j][1], i, total)
                pending, total = (), zero
        return found, before

    # --- Words for a set of possible values -----------------------------------------------------------------

    @staticmethod
    def _amounts(values: tuple[Value, ...]) -> str:
        return " or ".join(pounds(v.amount) for v in values)

    def _either(self, figure: Figure, values: tuple[Value, ...]) -> str:
        if len(values) == 1:
            return figure.words(values[0])
        return (f"{figure.words(values[0])} or {figure.words(values[1])} (which of them applied on that day is not "
                "confirmed here; the answer is the same under either)")

    # --- Beside the code's answers --------------------------------------------------------------------------

    def requires_report(self, donation) -> bool | None:
        """Whether the Act requires a report that includes this donation: None where that is not confirmed. (One to be
        sent back is reported on its own, under paragraph 11, once it is: no report under paragraph 10 includes it.)"""
        if id(donation) in self.sent_back:
            return False
        settled = self.settled[id(donation)]
        return None if settled.reading is None else settled.reading.reported_with is not None

    def on_permissibility(self, found, donation, today: dt.date) -> dt.date | None:
        """Beside the code's answer that a donation must come from a permissible donor (or, where the reader says its
        donor is not one, that the code forbids it): whether the Act asks the same of it, and, where it does, what the
        Act says is done with a donation from a donor who is not permissible (section 56(2), as Schedule 7, paragraph 8
        applies it), which the code does not say. Returns the last day to send it back; None where the Act does not
        count the gift as a donation, or that or the period on the day is not confirmed."""
        # Whether a gift is a donation at all turns on the floor alone: read from its values on the day, whatever is
        # known of the reporting threshold.
        self.asked_permissibility.add(id(donation))
        floors = self.possible(self.floor, donation.received)
        if None in floors:
            return None
        donation_under = {floor: donation.amount > floor.amount for floor in floors}
        if not any(donation_under.values()):
            self._attach(found, False, f"The Act does not require this check. On {written_date(donation.received)}, "
                         f"a gift of {self._amounts(tuple(floors))} or less to a regulated donee is not a donation under "
                         f"the Act ({self.floor.provision}), so it need not come from a permissible donor. The code asks "
                         "for the check all the same.", [self.floor], tuple(floors))
            return None
        if not all(donation_under.values()):
            outcomes = tuple((floor, None, Reading(is_donation)) for floor, is_donation in donation_under.items())
            self._undecided(found, donation, Settled(None, turns_on=(self.floor,), outcomes=outcomes),
                            lambda reading: reading.is_donation, "the Act also requires the check",
                            "the Act does not require it")
            return None
        said = self._send_back_words.get(donation.received)
        if said is None:  # the same words for each donation of a day (a year's spreadsheet repeats its days)
            said = self._send_back_words[donation.received] = self._send_back_said(donation.received, today)
        message, period, last = said
        self._attach(found, True, message, [self.send_back, self.returned_report], (period,) if period else ())
        return last

    def _send_back_said(self, day: dt.date, today: dt.date) -> tuple[str, Value | None, dt.date | None]:
        """What the Act requires of a donation received on `day` from a donor who is not permissible, in words; the
        period that applied then, and the last day to send it back (None where not confirmed)."""
        period = self.on(self.send_back, day)
        last = self.send_back.last_day(period, day) if period else None
        received = written_date(day)
        rule = ("Under the Act, a donation from a donor who is not permissible must be sent back to them, or a payment of "
                "an equal amount sent to them,")
        if period is None:
            message = (f"{rule} within a set period from its receipt ({self.send_back.provision}); the period that "
                       f"applied on {received} is not confirmed on this site.")
        else:
            by = f": by {written_date(last)}" if last else ""
            message = (f"{rule} within {self.send_back.words(period)} of its receipt, counting {received} as the first "
                       f"day{by} ({self.send_back.provision}). A donation not sent back within that period is taken to "
                       "have been accepted.")
            if last and last < today:
                message += " That day has passed."
            elif last == today:
                message += " That day is today."
        _, within = self._returned_report_within(last or day)
        if within:
            message += (f" Once it is sent back, the Act requires a report of it to the Electoral Commission{within} "
                        f"({self.returned_report.provision}).")
        return message, period, last

    def _returned_report_within(self, day: dt.date) -> tuple[Value | None, str]:
        """The period for reporting a donation sent back (paragraph 11(1)(b)) as it stood on `day`, and " within 30
        days, counting the day it was sent back as the first"; (None, "") where it is not confirmed."""
        period = self.on(self.returned_report, day)
        if period is None:
            return None, ""
        return period, f" within {self.returned_report.words(period)}, counting the day it was sent back as the first"

    def on_report(self, found, donation, code_total: Decimal) -> None:
        if id(donation) in self.sent_back:
            self._on_sent_back_report(found, donation)
            return
        self.asked_report.add(id(donation))
        settled = self.settled[id(donation)]
        if settled.turns_on:
            self._undecided(found, donation, settled, lambda reading: reading.reported_with is not None,
                            "the Act also requires a report of it", "the Act does not require this report")
            return
        reading = settled.reading
        if reading is None:
            return
        date = written_date(donation.received)
        if reading.is_donation is False:
            self._no_report_of_a_gift(found, donation, settled.floors)
            return
        if reading.reported_with is donation and reading.report_total == code_total:
            return  # the Act asks for the report the code asks for, of the same donations
        name = self.names[donation.donor_key]
        rule = (f"Under the Act on {date}, a report is due when a donor's donations in a calendar year, not yet "
                f"reported, come to {self._either(self.threshold, settled.thresholds)} ({self.threshold.provision}), "
                f"counting only gifts of more than {self._amounts(settled.floors)}. {sentence(name)}'s come to")
        if reading.reported_with is donation:  # the same report, of more donations than the code counts
            self._attach(found, True, f"{rule} {pounds(reading.report_total)} with this donation, so the Act also "
                         "requires a report, and it covers all of them.", [self.threshold], settled.thresholds)
            return
        message = f"{rule} {pounds(reading.counted)} with this donation, so the Act does not require this report."
        if reading.reported_with is not None:
            later = reading.reported_with
            message += (f" Under the Act they are reported later, with {self.describe(later)}, which takes them to "
                        f"{pounds(reading.report_total)}.")
        self._attach(found, False, message, [self.threshold], settled.thresholds)

    # Where one value gives both answers: which of the donor's earlier donations that year it applied to.
    _DEPENDS_ON_THE_DAY = "it depends also on whether the figure changed before or after the donor's earlier donations that year"

    def _undecided(self, found, donation, settled: Settled, outcome, yes: str, no: str) -> None:
        """The Act's answer turns on the day one of its figures changed, which the sources do not confirm: say what
        each possible value gives, and that the code's answer stands."""
        changes = [self._change(figure, donation.received) for figure in settled.turns_on]
        by_value: dict[tuple, set[bool]] = {}
        for floor, threshold, reading in settled.outcomes:
            values = tuple(value.amount for figure, value in ((self.floor, floor), (self.threshold, threshold))
                           if figure in settled.turns_on)
            by_value.setdefault(values, set()).add(outcome(reading))
        by_value = {" and ".join(pounds(a) for a in values): found for values, found in sorted(by_value.items())}
        outcomes = set().union(*by_value.values())
        if outcomes == {True}:
            return  # the Act asks it too, whichever value applied: the code's answer stands alone
        if outcomes == {False}:
            self._attach(found, False, f"Under the Act, whichever of its figures applied on "
                         f"{written_date(donation.received)} ({'; '.join(changes)}), {no}. The code asks for it all the "
                         "same.", list(settled.turns_on), ())
            return
        said = "; ".join(f"if {values} applied on {written_date(donation.received)}, "
                         f"{yes if results == {True} else no if results == {False} else self._DEPENDS_ON_THE_DAY}"
                         for values, results in by_value.items())
        self._attach(found, None, f"What the Act requires here turns on a day this site has not confirmed: "
                     f"{'; '.join(changes)}. {sentence(said)}. Do what the code asks; to know what the Act required, "
                     "read it and the Electoral Commission's guidance for that date, or ask.", list(settled.turns_on), ())

    def _change(self, figure: Figure, day: dt.date) -> str:
        """"the figure in … was £1,500 and became £2,230 (not before …, and in force by …)": said once a day and figure,
        as a donor's year of undecided donations says it on each."""
        key = (figure.id, day)
        if key not in self._changes:
            old, new = self._window(figure, day)
            self._changes[key] = (f"the figure in {figure.provision} was {pounds(old.amount)} and became {pounds(new.amount)}"
                               + (f" (not before {written_date(new.not_before)}" if new.not_before else " (")
                               + (f", and in force by {written_date(new.in_force_on)})" if new.in_force_on else ")"))
        return self._changes[key]

    def _window(self, figure: Figure, day: dt.date) -> tuple[Value, Value]:
        """The two values the sources leave possible on the day (the last two, where the day is outside any window)."""
        possible = [value for value in self.possible(figure, day) if value is not None]
        return tuple(possible[:2]) if len(possible) > 1 else tuple(figure.values[-2:])

    def _no_report_of_a_gift(self, found, donation, floors: tuple[Value, ...]) -> None:
        """A gift the Act does not count as a donation on its day (no more than each of `floors`): no report."""
        self._attach(found, False, f"The Act does not require this report. On {written_date(donation.received)}, a gift "
                     f"of {self._amounts(floors)} or less to a regulated donee is not a donation under the Act "
                     f"({self.floor.provision}), so it is not reported or counted towards a report.", [self.floor], floors)

    def _on_sent_back_report(self, found, donation) -> None:
        """The code asks a report of a donation the reader says is from a donor who is not permissible: under the Act
        it is sent back, not accepted, so it counts towards no report of the donor's donations (paragraph 10(1A)); once
        sent back, it is reported on its own (paragraph 11(1)(b))."""
        floors = self.possible(self.floor, donation.received)
        if None in floors:
            return
        if all(donation.amount <= floor.amount for floor in floors):
            self._no_report_of_a_gift(found, donation, tuple(floors))
            return
        period, within = self._returned_report_within(donation.received)
        sent_back = (f"is sent back, not accepted, so it counts towards no report of the donor's donations "
                     f"({self.threshold.provision}); once sent back, it is reported to the Electoral Commission on its "
                     f"own{within} ({self.returned_report.provision}).")
        if any(donation.amount <= floor.amount for floor in floors):
            self._attach(found, None, f"Under the Act, whether this gift is a donation at all turns on a day this site "
                         f"has not confirmed: {self._change(self.floor, donation.received)}. If it is, as its donor is "
                         f"not permissible, it {sent_back} If it is not, it is not reported. Either way it counts "
                         "towards no report of the donor's other donations. Do what the code asks.", [self.floor], ())
            return
        self._attach(found, True, f"Under the Act, a donation from a donor who is not permissible {sent_back}",
                     [self.threshold, self.returned_report], (period,) if period else ())

    def late_report(self, donation) -> str:
        """The Act's own position on a report not made in time, where the Act requires a report of this donation;
        "" where it does not, or that is not confirmed."""
        if self.late is None or not self.requires_report(donation):
            return ""
        if self._late_words is None:  # the same words for each of a year's overdue reports
            self._late_words = (f" The Act counts its own period from the day a donation is accepted, and "
                                f"{self.late.says[:1].lower()}{self.late.says[1:].rstrip('.')} ({self.late.provision}).")
        return self._late_words

    def notes(self) -> list[str]:
        """What the Act requires that the code's answers do not ask, and the dates whose figures are unknown."""
        notes = []
        settled = self.settled
        # The reports the Act requires that an answer asks for too (by the donation that makes each due): those that
        # include a donation the code asks a report of.
        asked = {id(reading.reported_with) for reading in (settled[key].reading for key in self.asked_report)
                 if reading is not None and reading.reported_with is not None}
        for donation in self.order:
            if id(donation) in self.sent_back:
                continue  # its own answers say what the Act requires of it
            reading = settled[id(donation)].reading
            if reading is None or not reading.is_donation:
                continue
            check = id(donation) not in self.asked_permissibility and donation.permissible is not True
            report = reading.reported_with is donation and id(donation) not in asked
            if not (check or report):
                continue
            floors = settled[id(donation)].floors
            name = self.names[donation.donor_key]
            what = self.describe(donation)
            if check:
                notes.append(f"Under the Act, {what} must come from a permissible donor, as it is more than "
                             f"{self._amounts(floors)} ({self.floor.provision}), though the code does not ask for "
                             "the check.")
            if report:
                notes.append(f"Under the Act, {what} takes {name}'s donations in {donation.received.year} to "
                             f"{pounds(reading.report_total)}, so they must be reported to the Electoral Commission "
                             f"({self.threshold.provision}), though the code does not ask for a report.")
        if self.unconfirmed:
            days = sorted(self.unconfirmed)
            # A year's spreadsheet may hold hundreds of such days: past a few, the note gives their span.
            when = (listed([written_date(day) for day in days]) if len(days) <= MOST_DAYS_NAMED else
                    f"the {len(days)} days from {written_date(days[0])} to {written_date(days[-1])} on which donations "
                    "were received")
            notes.append(f"The Act's figures for {when} are not confirmed on this site, so the answers do not say what "
                         "the Act required for donations received then.")
        return notes

    def _attach(self, found, requires: bool | None, message: str, figures: list[Figure], values) -> None:
        """The law's answer beside the code's (found, an Answer): whether the Act requires what the answer asks (None:
        not confirmed), in words, with where to read it."""
        application = self.applied.application
        ask = (f" The code's {found.clause['name']} says: \"{application.ask}\"" if application.ask else
               f" {GUIDANCE}")
        key = (tuple(id(f) for f in figures), id(values[0]) if values else None)
        if key not in self._sources:
            sources = [{"title": figure.provision, "url": figure.url} for figure in figures]
            sources += [{"title": source.title, "url": source.url} for value in values[:1] for source in value.sources[:1]]
            sources += [{"title": source.title, "url": source.url} for source in self.applied.law.guidance]
            self._sources[key] = list({source["url"]: source for source in sources}.values())
        found.law = {"requires": requires, "message": message + ask, "sources": self._sources[key]}
