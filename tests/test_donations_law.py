"""The Act's reading of a donor's year where a figure's change day is not confirmed: following the ways the change
may fall together (LawReading._settle_by_change) gives exactly what reading the year once for each way does
(LawReading._settle_by_every_reading), on the law's own figures and on made-up ones that fall or change the floor;
and it stays linear where one donor gives on hundreds of uncertain days."""

import dataclasses
import datetime as dt
import gc
from decimal import Decimal

from hypothesis import given, settings
from hypothesis import strategies as st

import checkers
from checkers.contract import Answer
from checkers.donations import Describer, Donation
from checkers.donations_law import LawReading
from checkers.law import Value

APPLIED = checkers.codes()["nec-candidates"].current.applied_law
FLOOR = APPLIED.law.figure("not-a-donation")
THRESHOLD = APPLIED.law.figure("reporting-threshold")


def _changed(figure, amount: str, not_before: dt.date, in_force_on: dt.date):
    """The figure with one more value, whose first day is not confirmed: between not_before and in_force_on."""
    later = Value(Decimal(amount), None, in_force_on, "made up for this test", (), not_before)
    return dataclasses.replace(figure, values=(*figure.values, later))


WINDOW = (dt.date(2030, 1, 1), dt.date(2031, 6, 1))
# (floor, threshold, days the donations fall on): the law's own window (2023 to 18 November 2024); a threshold that
# falls; a floor that rises.
FIGURES = {
    "the Act's threshold": (FLOOR, THRESHOLD, [dt.date(2023, 1, 1), dt.date(2023, 3, 1), dt.date(2023, 12, 31)]
                            + [dt.date(2024, 1, 5), dt.date(2024, 6, 30), dt.date(2024, 11, 18), dt.date(2024, 11, 19),
                               dt.date(2024, 12, 31)]),
    "a threshold that falls": (FLOOR, _changed(THRESHOLD, "1000", *WINDOW),
                               [dt.date(2031, 1, 1), dt.date(2031, 2, 2), dt.date(2031, 5, 31), dt.date(2031, 6, 1),
                                dt.date(2031, 12, 31)]),
    "a floor that rises": (_changed(FLOOR, "900", *WINDOW), THRESHOLD,
                           [dt.date(2031, 1, 1), dt.date(2031, 2, 2), dt.date(2031, 5, 31), dt.date(2031, 6, 1),
                            dt.date(2031, 12, 31)]),
}
AMOUNTS = ["100", "499.99", "500", "500.01", "600", "750", "900", "900.01", "1000", "1000.01", "1499.99", "1500",
           "1500.01", "1730", "2230", "2230.01", "3000"]


def _reading(floor, threshold) -> LawReading:
    reading = LawReading(APPLIED, [], Describer({}))
    reading.floor, reading.threshold = floor, threshold
    return reading


def _group(days, picks) -> list[Donation]:
    return sorted((Donation("a", "A", Decimal(amount), days[day % len(days)], "cash", True, f"donations[{index}]")
                   for index, (amount, day) in enumerate(picks)), key=lambda donation: donation.received)


def _both(floor, threshold, group) -> tuple[LawReading, LawReading]:
    fast, full = _reading(floor, threshold), _reading(floor, threshold)
    fast._settle(group)
    floor_days, threshold_days = full._days(floor, group), full._days(threshold, group)
    full._settle_by_every_reading(group, full._choices(floor_days), full._choices(threshold_days))
    return fast, full


@settings(max_examples=400, deadline=None)
@given(st.sampled_from(sorted(FIGURES)), st.data())
def test_following_the_ways_together_answers_as_reading_each_way_in_full(name, data):
    floor, threshold, pool = FIGURES[name]
    year = data.draw(st.sampled_from(sorted({day.year for day in pool})))
    days = [day for day in pool if day.year == year]
    group = _group(days, data.draw(st.lists(st.tuples(st.sampled_from(AMOUNTS), st.integers(0, len(days) - 1)),
                                            min_size=1, max_size=12)))
    fast, full = _both(floor, threshold, group)
    for donation in group:
        mine, theirs = fast.settled[id(donation)], full.settled[id(donation)]
        assert (mine.reading, mine.floors, mine.thresholds, mine.turns_on, mine.unknown) == (
            theirs.reading, theirs.floors, theirs.thresholds, theirs.turns_on, theirs.unknown), donation
        assert set(mine.outcomes) == set(theirs.outcomes), donation
    assert (fast.undecided, fast.unconfirmed) == (full.undecided, full.unconfirmed)


def test_a_donor_giving_on_hundreds_of_uncertain_days_is_read_as_every_way_reads_it_within_a_linear_bound():
    # 700 donations on 250 uncertain days of 2024: 251 ways the change may fall. Following them together is allowed
    # at most MOST_STEPS_EACH states a donation (past that, "not confirmed"); reading each in full takes 251 x 700.
    days = [dt.date(2024, 1, 1) + dt.timedelta(days=n) for n in range(250)]
    group = _group(days, [(AMOUNTS[n % len(AMOUNTS)], n * 7) for n in range(700)])
    fast, full = _both(FLOOR, THRESHOLD, group)
    assert not fast.unconfirmed and fast.undecided
    for donation in group:
        mine, theirs = fast.settled[id(donation)], full.settled[id(donation)]
        assert (mine.reading, mine.floors, mine.thresholds, set(mine.outcomes)) == (
            theirs.reading, theirs.floors, theirs.thresholds, set(theirs.outcomes))


def _answer():
    return Answer("report", "action", "What the code asks.", {"name": "clause 12"})


def _year(*amounts, permissible=None) -> list[Donation]:
    return [Donation("a", "A", Decimal(amount), dt.date(2025, 3, day), "cash", permissible, f"donations[{day}]")
            for day, amount in enumerate(amounts, start=1)]


def _notes(group, checked=(), reported=()) -> list[str]:
    reading = LawReading(APPLIED, group, Describer({"a": "A"}))
    for donation in checked:
        reading.on_permissibility(_answer(), donation, dt.date(2025, 3, 10))
    for donation in reported:
        reading.on_report(_answer(), donation, donation.amount)
    return [note for note in reading.notes() if note.startswith("Under the Act")]


def test_what_the_act_requires_and_no_answer_asks_is_a_note_once_and_only_then():
    # In 2025 (floor £500, threshold £2,230, both confirmed): £600 and £1,000 come to £1,600; £900 takes them to £2,500.
    group = _year("600", "1000", "900", "400")
    floor, threshold = FLOOR.provision, THRESHOLD.provision
    checks = [f"Under the Act, the donation of £{amount} from A received on {day} March 2025 must come from a permissible donor, as it is "
              f"more than £500 ({floor}), though the code does not ask for the check." for day, amount in
              ((1, "600"), (2, "1,000"), (3, "900"))]
    report = (f"Under the Act, the donation of £900 from A received on 3 March 2025 takes A's donations in 2025 to £2,500, so they must "
              f"be reported to the Electoral Commission ({threshold}), though the code does not ask for a report.")
    assert _notes(group) == [checks[0], checks[1], checks[2], report]
    # A check asked of a donation, or a donor said to be permissible, needs no note; £400 is no donation at all.
    assert _notes(group, checked=group[:2]) == [checks[2], report]
    assert _notes(_year("600", "1000", "900", "400", permissible=True)) == [report]
    # A report the code asks of any donation the Act's report covers is that report: no note.
    for asked in group[:3]:
        assert report not in _notes(group, reported=[asked])
    assert report in _notes(group, reported=[group[3]])


def test_a_check_keeps_nothing_of_the_donations_once_it_has_answered():
    # What the reader typed is personal data: in the browser the same Python answers check after check, so nothing
    # of one check (a donation, a donor's name) may stay in memory after its answer.
    request = {"code": "nec-candidates", "donations": [
        {"donor": "A Donor", "amount": "1700", "received": "2024-03-01", "permissible": True},
        {"donor": "B Donor", "amount": "600", "received": "2024-03-02"}]}
    assert checkers.run("donations", request)["status"] == "action"
    gc.collect()
    assert [thing for thing in gc.get_objects() if isinstance(thing, Donation)] == []


def test_a_report_names_each_donation_it_covers_up_to_a_few_then_gives_their_number_and_days():
    from checkers.donations import MOST_NAMED_IN_A_REPORT, _amounts

    def given(count):
        return [Donation("a", "A", Decimal(100 + day), dt.date(2025, 3, day), "cash", True, f"donations[{day}]")
                for day in range(1, count + 1)]

    named = _amounts(given(MOST_NAMED_IN_A_REPORT))
    assert named.count("received on") == MOST_NAMED_IN_A_REPORT and named.endswith("and £104 received on 4 March 2025")
    assert _amounts(given(1)) == "£101 received on 1 March 2025"
    assert _amounts(given(MOST_NAMED_IN_A_REPORT + 1)) == "5 donations, received from 1 March 2025 to 5 March 2025"


def test_a_code_that_ties_reports_only_to_the_election_period_makes_its_last_day_the_deadline():
    # No version has such a rule yet; the reading is general, so a version that sets no days is answered too.
    from checkers.donations import _report, donation_rules

    version = checkers.codes()["momentum-ncg-elections"].current
    rule = dataclasses.replace(donation_rules(version).reporting, deadline_days=None)
    gift = Donation("a", "A", Decimal(600), dt.date(2022, 7, 1), "cash", None, "donations[0]")

    def answer(period_end):
        return _report(rule, gift, "A", gift.amount, "It must be reported", period_end, version, None,
                       dt.date(2022, 7, 2), "the donation")

    known = answer(dt.date(2022, 7, 20))
    assert known.date == dt.date(2022, 7, 20) and "(the last day of the election period)." in known.message
    unknown = answer(None)
    assert unknown.date is None and unknown.todo == "Report the donation promptly, and before the election period ends."
