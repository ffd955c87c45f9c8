"""Where a clause states a rule's number: in its unit and wording, on both sides of each pattern's edge."""

from decimal import Decimal

import pytest

from checkers.rules import CitedNumber
from sitebuild import wording


def number(value, kind):
    return CitedNumber("rules.x", Decimal(value), "1", kind)


@pytest.mark.parametrize("value, kind, text, stated", [
    ("1500", "more-than", "Donations of more than £1500 must be reported.", True),
    ("1500", "more-than", "Donations of more than £1,500.00 must be reported.", True),
    ("1500", "more-than", "Any donation over £1,500 must be reported.", True),
    ("1500", "more-than", "Donations of more than £15000 must be reported.", False),
    ("1500", "more-than", "Donations of more than £1500.50 must be reported.", False),
    ("1500", "more-than", "Donations of £1500 or more must be reported.", False),
    ("1500", "more-than", "Call 020 7783 1500 about donations of more than £500.", False),
    ("200", "at-least", "donations of £200 or more", True),
    ("200", "at-least", "donations of at least £200", True),
    ("200", "at-least", "donations of more than £200", False),
    ("2000", "limit", "There is a £2000 limit on donations.", True),
    ("250", "limit", "There is a spending limit of £250 per candidate.", True),
    ("2000", "limit", "The Political Parties, Elections and Referendums Act 2000 sets a limit.", False),
    ("30", "days", "reported within 30 days of receipt", True),
    ("30", "days", "reported within 30 calendar days of receipt", True),
    ("3", "days", "reported within 30 days of receipt", False),
    ("30", "days", "reported within 30 working days of receipt", False),
    ("30", "days", "£30 days", False),
    ("20", "count:nominations", "a minimum 20 valid nominations", True),
    ("30", "count:nominations", "If a candidate's verified nominations drop below 30 they", True),
    ("10", "count:nominations", "a further 10 nominations", True),
    ("2000", "count:nominations", "the Act 2000 and nominations", False),
])
def test_a_number_is_stated_only_in_its_unit_and_wording(value, kind, text, stated):
    assert wording.stated(number(value, kind), text) is stated
