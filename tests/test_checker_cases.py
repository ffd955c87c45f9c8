"""Every case in tests/cases/, natively. The same cases run inside Pyodide in test_pyodide.py."""

import pytest

import checkers
from tests import checkercases

CASES = checkercases.load()


@pytest.mark.parametrize("case", CASES, ids=[c["name"] for c in CASES])
def test_case(case):
    response = checkers.run(case["checker"], case["request"])
    assert checkercases.problems(case, response) == []
