"""Dates as candidates type them: every way that names one day unambiguously is read as that day; a day-first or
month-first guess is never made from numbers alone, and a short year is never guessed at."""

import datetime as dt

import pytest

from checkers.money_and_dates import parse_date

DAY = dt.date(2024, 3, 27)


@pytest.mark.parametrize("typed", ["2024-03-27", "2024-3-27", "2024/03/27", "2024.3.27", "27/3/2024", "27/03/2024",
                                   "27.03.2024", "27-3-2024", " 27 / 3 / 2024 ", "27 March 2024", "27 march 2024",
                                   "27th March 2024", "27 Mar 2024", "27 Mar. 2024", "March 27, 2024", "Mar 27 2024",
                                   "march 27th, 2024"])
def test_a_day_written_any_unambiguous_way_is_read_as_that_day(typed):
    assert parse_date(typed) == DAY


@pytest.mark.parametrize("typed, says", [
    ("27/3/24", "write the year in full"), ("March 27, 24", "write the year in full"), ("27 March 24", "write the year in full"),
    ("3/27/2024", "is not a real date"), ("2024-02-30", "is not a real date"), ("2024/03-27", "is not a date"),
    ("Smarch 27, 2024", "is not a date"), ("27 2024", "is not a date"), ("tomorrow", "is not a date"),
    ("", "must be a date"), (20240327, "must be a date")])
def test_a_date_that_is_not_one_day_for_certain_is_refused_saying_why(typed, says):
    with pytest.raises(ValueError, match=says):
        parse_date(typed)
