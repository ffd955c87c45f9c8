"""The donations checker against a second reading of the same clauses, written here by hand from their words and
sharing no code with the checker: on any donations, both must find the same reports, due the same days, the same
donors to check and the same breaches.

NEC candidates' code, clause 12: "Donations of more than £500 (cash or non-cash) must be from a permissible donor.
Donations of more than £1500 (cash or non-cash) from the same donor in a calendar year must be reported to the
Electoral Commission directly by the candidate within 30 days of receipt." Candidates are regulated donees under
PPERA 2000, whose Schedule 7 does not count a gift of £500 or less as a donation.

Momentum NCG election guidelines 2022, Spending Limits and Donation Reporting: "There is a spending limit of £250
per candidate, per region." "Any donation over £500 from any single donor made to a candidate/slate/organisation
must be reported. There is a £2000 limit on donations from any single donor or organisation made to a
candidate/slate/organisation." "Donations should be reported within 7 days of receiving them, and before the end of
the election period."
"""

import datetime as dt
from collections import Counter, defaultdict
from decimal import Decimal

from hypothesis import given, settings
from hypothesis import strategies as st

import checkers

DAY = dt.timedelta(days=1)
TODAY = "2026-12-06"

# Amounts on and around every figure the clauses state, and others between them.
amounts = st.one_of(st.sampled_from(["0.01", "499.99", "500", "500.01", "999.99", "1000", "1499.99", "1500", "1500.01",
                                     "1999.99", "2000", "2000.01", "250", "250.01"]),
                    st.decimals("0.01", "3000", places=2).map(str))
# Across a new year, so that calendar years part donations, and on the same days, so that ties are met.
days = st.one_of(st.dates(dt.date(2023, 11, 1), dt.date(2024, 2, 29)),
                 st.sampled_from([dt.date(2023, 12, 31), dt.date(2024, 1, 1), dt.date(2024, 1, 31)]))
# One donor written as people write a name twice: with other capitals, or a space more.
donation = st.fixed_dictionaries({"donor": st.sampled_from(["Ann", "ann ", " ANN", "Bob", "Cat"]), "amount": amounts,
                                  "received": days},
                                 optional={"permissible": st.sampled_from([True, False, None])})


def _donor(name: str) -> str:
    return " ".join(name.split()).casefold()


def _request(code: str, gifts: list[dict], **more) -> dict:
    return {"code": code, "today": TODAY,
            "donations": [{**gift, "received": gift["received"].isoformat()} for gift in gifts], **more}


def _answers(response: dict, rule: str) -> list[dict]:
    assert "errors" not in response, response["errors"]
    return [answer for answer in response["answers"] if answer["rule"] == rule]


def _permissibility(gifts: list[dict], more_than: Decimal) -> Counter:
    """(donor, amount, level) of each gift that must come from a permissible donor and is not known to."""
    found = Counter()
    for gift in gifts:
        if Decimal(gift["amount"]) > more_than and gift.get("permissible") is not True:
            found[(_donor(gift["donor"]), Decimal(gift["amount"]),
                   "breach" if gift.get("permissible") is False else "action")] += 1
    return found


@settings(max_examples=300, deadline=None)
@given(st.lists(donation, min_size=1, max_size=9))
def test_the_nec_codes_reports_and_permissible_donors_are_those_clause_12_reads_as(gifts):
    response = checkers.run("donations", _request("nec-candidates", gifts))

    # Reports: one donor's donations of more than £500 in a calendar year, added up in the order they arrived.
    # The report falls due 30 days after the donation that takes them over £1,500 and covers every one so far;
    # each later one is reported 30 days after its own receipt. (Donations on one day have no order between them:
    # whether the answer reports them together or one by one, the days and the sums are the same.)
    by_donor_year = defaultdict(list)
    for gift in gifts:
        if Decimal(gift["amount"]) > 500:
            by_donor_year[(_donor(gift["donor"]), gift["received"].year)].append(gift)
    due, reported = set(), defaultdict(Decimal)
    for (donor, year), group in by_donor_year.items():
        total = Decimal(0)
        for gift in sorted(group, key=lambda g: g["received"]):
            total += Decimal(gift["amount"])
            if total > 1500:
                due.add((donor, gift["received"] + 30 * DAY))
        if total > 1500:
            reported[(donor, year)] = total
    reports = _answers(response, "report")
    assert {(_donor(a["donor"]), dt.date.fromisoformat(a["date"]["on"])) for a in reports} == due
    found = defaultdict(Decimal)
    for a in reports:
        found[(_donor(a["donor"]), int(a["received"][:4]))] += Decimal(str(a["amount"]))
    assert found == reported

    found = Counter((_donor(a["donor"]), Decimal(str(a["amount"])), a["level"])
                    for a in _answers(response, "permissible-donor"))
    assert found == _permissibility(gifts, Decimal(500))

    # Every donation is accounted for: the status is a breach exactly when a donor is known not to be permissible.
    breach = any(level == "breach" for (_, _, level) in _permissibility(gifts, Decimal(500)))
    assert (response["status"] == "breach") == breach


@settings(max_examples=300, deadline=None)
@given(st.lists(donation, min_size=1, max_size=9), st.one_of(st.none(), days),
       st.lists(st.fixed_dictionaries({"region": st.sampled_from(["London", "North West"]), "amount": amounts}),
                max_size=4))
def test_momentums_reports_donor_cap_and_spending_limit_are_those_its_guidelines_read_as(gifts, period_end, spending):
    more = {"spending": spending}
    if period_end:
        more["election_period_end"] = period_end.isoformat()
    response = checkers.run("donations", _request("momentum-ncg-elections", gifts, **more))

    # Each donation over £500 is reported within 7 days of its receipt, and before the end of the election period
    # where that comes first (a period that ended before it arrived cannot be met, and leaves the 7 days).
    due = Counter()
    for gift in gifts:
        if Decimal(gift["amount"]) > 500:
            deadline = gift["received"] + 7 * DAY
            if period_end and gift["received"] <= period_end < deadline:
                deadline = period_end
            due[(_donor(gift["donor"]), Decimal(gift["amount"]), deadline)] += 1
    found = Counter((_donor(a["donor"]), Decimal(str(a["amount"])), dt.date.fromisoformat(a["date"]["on"]))
                    for a in _answers(response, "report"))
    assert found == due

    # The guidelines say nothing of permissible donors.
    assert not _answers(response, "permissible-donor")

    # £2,000 from any single donor, whatever the sizes of the donations or the years they came in.
    totals = defaultdict(Decimal)
    for gift in gifts:
        totals[_donor(gift["donor"])] += Decimal(gift["amount"])
    over = {donor for donor, total in totals.items() if total > 2000}
    assert {_donor(a["donor"]) for a in _answers(response, "donor-cap") if a["level"] == "breach"} == over

    # £250 per region.
    spent = defaultdict(Decimal)
    for item in spending:
        spent[item["region"]] += Decimal(item["amount"])
    over_spent = {region for region, total in spent.items() if total > 250}
    # Each region spent in is answered, within the limit or over it.
    assert len(_answers(response, "spending-limit")) == len(spent)
    assert sum(a["level"] == "breach" for a in _answers(response, "spending-limit")) == len(over_spent)

    assert (response["status"] == "breach") == bool(over or over_spent)


@settings(max_examples=200, deadline=None)
@given(st.lists(donation, min_size=1, max_size=9))
def test_the_local_government_codes_donations_of_200_or_more_are_reported_and_from_permissible_donors(gifts):
    # Clause 12: "... are required to comply with the provisions on accepting and reporting of donations of £200 or
    # more." It gives no period for a report.
    response = checkers.run("donations", _request("local-government-selections", gifts))
    reports = _answers(response, "report")
    assert Counter((_donor(a["donor"]), Decimal(str(a["amount"]))) for a in reports) == Counter(
        (_donor(gift["donor"]), Decimal(gift["amount"])) for gift in gifts if Decimal(gift["amount"]) >= 200)
    assert not any(a.get("date") for a in reports)
    found = Counter((_donor(a["donor"]), Decimal(str(a["amount"])), a["level"])
                    for a in _answers(response, "permissible-donor"))
    assert found == _permissibility(gifts, Decimal("199.99"))
