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
