"""Every case in tests/cases/, natively. The same cases run inside Pyodide in test_pyodide.py."""

import pytest

import checkers
from tests import checkercases

CASES = checkercases.load()


@pytest.mark.parametrize("case", CASES, ids=[c["name"] for c in CASES])
def test_case(case):
    response = checkers.run(case["checker"], case["request"])
    assert checkercases.problems(case, response) == []


def test_one_donors_answers_of_a_kind_come_in_the_order_the_donations_were_received():
    typed = ["10/2/2024", "1/2/2024", "2/2/2024", "1/1/2024"]
    response = checkers.run("donations", {"code": "nec-candidates", "today": "2024-01-02", "donations": [
        {"donor": "A", "amount": "800", "received": day} for day in typed]})
    checks = [a for a in response["answers"] if a["rule"] == "permissible-donor"]
    assert [a["received"] for a in checks] == ["2024-01-01", "2024-02-01", "2024-02-02", "2024-02-10"]


@pytest.mark.parametrize("received, said", [
    ("2024-12-01", None),  # today itself: as likely as any other day
    ("2024-12-02", "The donation from A is dated 2 December 2024, which is after today (1 December 2024): check its "
                   "date. It was checked as given."),
])
def test_a_donation_dated_after_today_is_said_to_be_so_and_checked_as_given(received, said):
    response = checkers.run("donations", {"code": "nec-candidates", "today": "2024-12-01", "donations": [
        {"donor": "A", "amount": "1600", "received": received}]})
    assert [n for n in response.get("notes", []) if "after today" in n] == ([said] if said else [])
    assert [a["rule"] for a in response["answers"]] == ["permissible-donor", "report"]


def test_many_donations_dated_after_today_are_said_once_with_the_first():
    response = checkers.run("donations", {"code": "nec-candidates", "today": "2024-12-01", "donations": [
        {"donor": name, "amount": "100", "received": day} for name, day in (("B", "2025-01-05"), ("A", "2025-01-02"),
                                                                             ("C", "2024-11-30"))]})
    assert [n for n in response["notes"] if "after today" in n] == [
        "2 donations are dated after today (1 December 2024), the first from A on 2 January 2025: check their dates. "
        "They were checked as given."]


@pytest.mark.parametrize("when, refused", [("2026-12-05", False), ("2026-12-06", True), ("6/12/2026", True)])
def test_a_complaint_about_something_that_happened_after_today_is_refused_at_its_field(when, refused):
    response = checkers.run("complaint", {"code": "momentum-ncg-elections", "clause": "p1", "what": "They did it",
                                          "when": when, "today": "2026-12-05"})
    if refused:
        assert [e["summary_line"] for e in response["errors"]] == [
            "When it happened cannot be after today (5 December 2026): check the date."]
    else:
        assert response["status"] == "drafted"


@pytest.mark.parametrize("typed, said", [
    ("Code of Conduct 3", "did you mean code-of-conduct-3?"),  # a slip of capitals and spaces: the clause it hides
    ("code-of-conduct-8", "a clause's anchor is, for example, p1"),  # no such clause: never another clause offered
])
def test_a_clause_not_offered_is_refused_suggesting_only_the_clause_a_slip_hides(typed, said):
    response = checkers.run("complaint", {"code": "momentum-ncg-elections", "clause": typed, "what": "They did it"})
    assert [e["message"] for e in response["errors"]] == [f"'{typed}' is not one of the clauses offered; {said}"]


@pytest.mark.parametrize("code, said", [
    (None, "is required: the id of a code of conduct (momentum-ncg-elections)"),
    ("  ", "is required: the id of a code of conduct (momentum-ncg-elections)"),
    (["momentum-ncg-elections"], "a list is not a code's id: give one as text (momentum-ncg-elections)"),
    (5, "5 is not a code's id: give one as text (momentum-ncg-elections)"),
])
def test_a_code_missing_is_told_apart_from_a_code_given_as_something_other_than_text(code, said):
    request = {"suspended": False} | ({} if code is None else {"code": code})
    response = checkers.run("suspension", request)
    assert [(e["field"], e["message"]) for e in response["errors"]] == [("code", said)]


def test_a_count_of_more_digits_than_python_reads_is_refused_at_its_field_and_leading_zeros_are_not_digits():
    # Python refuses to read a number of over 4,300 digits: before, a count of 5,000 ones was a traceback.
    response = checkers.run("nominations", {"code": "momentum-ncg-elections", "verified": "1" * 5000})
    assert [(e["field"], e["message"]) for e in response["errors"]] == [
        ("verified", "is a number 5,000 digits long, more than any count: check it")]
    padded = checkers.run("nominations", {"code": "momentum-ncg-elections", "verified": "0" * 5000 + "22"})
    assert "errors" not in padded and padded["status"] == checkers.run(
        "nominations", {"code": "momentum-ncg-elections", "verified": 22})["status"]
