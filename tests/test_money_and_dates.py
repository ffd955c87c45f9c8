"""Dates and amounts as candidates type them: every way that names one day unambiguously is read as that day; a
day-first or month-first guess is never made from numbers alone, and a short year is never guessed at. Likewise every
way that names one sum of pounds, and none that could be read two ways (1.500,00)."""

import datetime as dt
import re
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from checkers.money_and_dates import parse_amount, parse_date

DAY = dt.date(2024, 3, 27)


@pytest.mark.parametrize("typed", ["2024-03-27", "2024-3-27", "2024/03/27", "2024.3.27", "27/3/2024", "27/03/2024",
                                   "27.03.2024", "27-3-2024", " 27 / 3 / 2024 ", "27 March 2024", "27 march 2024",
                                   "27th March 2024", "27 Mar 2024", "27 Mar. 2024", "March 27, 2024", "Mar 27 2024",
                                   "march 27th, 2024", "27th of March 2024", "the 27th of March, 2024",
                                   # As spreadsheets save a date cell, and as statements and e-mails write a day.
                                   "27-Mar-2024", "27/March/2024", "2024-03-27 00:00:00", "27/03/2024 14:30",
                                   "2024-03-27T23:59:59.5", "27/3/2024 2:30 pm", "Wednesday 27 March 2024",
                                   "Wed, 27/03/2024", "wed. 27th March 2024", "Weds March 27, 2024"])
def test_a_day_written_any_unambiguous_way_is_read_as_that_day(typed):
    assert parse_date(typed) == DAY


@pytest.mark.parametrize("typed, says", [
    ("27/3/24", "write the year in full"), ("March 27, 24", "write the year in full"), ("27 March 24", "write the year in full"),
    ("3/27/2024", "is not a real date"), ("2024-02-30", "is not a real date"), ("2024/03-27", "is not a date"),
    ("Smarch 27, 2024", "is not a date"), ("27 2024", "is not a date"),
    ("27 of 2024", "is not a date"), ("the 27/3/2024", "is not a date"), ("tomorrow", "is not a date"),
    ("", "must be a date"), (20240327, "must be a date"),
    ("27-Mar-24", "write the year in full"), ("3/13/2024", "write the day first, then the month, such as 13/3/2024"),
    ("13/13/2024", "check the day and the month"), ("Tuesday 27 March 2024", "is a Wednesday, not a Tuesday"),
    ("Wed 27 Smarch 2024", "'Wed 27 Smarch 2024' is not a date"), ("Wednesday", "is not a date"),
    ("2024-03-27 24:00", "not a time of day"), ("27/3/2024 13:00 pm", "not a time of day"),
    ("2024-03-27T00:00:00Z", "is not a date"), ("2024-03-27T23:00:00+01:00", "is not a date"),
    ("45378", "a spreadsheet's number for a date"),
    # A year typed short with noughts, or before any code: a slip, not a day to answer for.
    ("1/1/0024", "has a year before 1900: check the year"), ("0001-01-01", "has a year before 1900"),
    ("31 December 1899", "has a year before 1900"),
    # A part left out is named, as a reader in a hurry leaves it out; a month's name must be one.
    ("27 March", "'27 March' has no year"), ("27th of March", "has no year"), ("Mar 27th", "has no year"),
    ("27/3", "has no year"), ("Wed 27 March", "has no year"), ("March 2024", "'March 2024' has no day"),
    ("27 Smarch", "is not a date"), ("Smarch 2024", "is not a date"), ("2024", "is not a date")])
def test_a_date_that_is_not_one_day_for_certain_is_refused_saying_why(typed, says):
    with pytest.raises(ValueError, match=says):
        parse_date(typed)


def test_the_first_day_of_the_earliest_year_taken_is_read():
    assert parse_date("1/1/1900") == dt.date(1900, 1, 1)


@pytest.mark.parametrize("typed, pounds", [
    ("1500", "1500.00"), ("£1,500.50", "1500.50"), (" £600 ", "600.00"), ("1,500 GBP", "1500.00"), ("GBP 1500", "1500.00"),
    ("gbp1500", "1500.00"), ("1500 pounds", "1500.00"), ("£1 pound", "1.00"), ("50p", "0.50"), ("150 pence", "1.50"),
    (1500, "1500.00"), (12.5, "12.50")])
def test_an_amount_written_any_unambiguous_way_is_read_as_those_pounds(typed, pounds):
    assert parse_amount(typed) == Decimal(pounds)


@pytest.mark.parametrize("typed, says", [
    ("-£50", "is below zero"), ("£-50", "is below zero"), ("(£50)", "is below zero"), ("−50", "is below zero"),
    ("0", "must be more than £0"), ("-0", "must be more than £0"), ("-£0.00", "must be more than £0"),
    ("1.500,00", "has a comma before the pence: write a point there"),
    ("12,50", "has a comma before the pence"), ("£1.5k", "is written short: write the amount in full"), ("2m", "written short"),
    ("$500", "is not in pounds: give its value in pounds sterling"), ("€50", "is not in pounds"), ("50 euros", "is not in pounds"),
    ("USD 20", "is not in pounds"), ("one hundred", "is not an amount"),
    ("£1,5000", "is not an amount"), ("10.505", "more than two decimal places"), ("pounds", "is not an amount"),
    ("p", "is not an amount"), ("GBP", "is not an amount"), ("50.5p", "is not an amount"), (True, "must be an amount")])
def test_an_amount_that_is_not_one_sum_of_pounds_for_certain_is_refused_saying_why(typed, says):
    with pytest.raises(ValueError, match=re.escape(says)):
        parse_amount(typed)


@pytest.mark.parametrize("parse, typed", [
    # A weekday is taken once: more are no date (this once recursed without end).
    (parse_date, "Mon " * 5000 + "27/3/2024"),
    # A long run of spaces inside an amount (a regular expression here once backtracked over it in quadratic time).
    (parse_amount, "1" + " " * 20000 + "x"), (parse_amount, "1" + " " * 20000 + "x pounds")])
def test_hostile_text_in_a_date_or_amount_is_refused_as_a_field_error(parse, typed):
    with pytest.raises(ValueError, match="is not a date|is not an amount"):
        parse(typed)


@settings(max_examples=300, deadline=None)
@given(st.from_regex(r"\A[0-9]{0,14}(\.[0-9]{0,3})?\Z", fullmatch=True) | st.text(alphabet="0123456789.,£ ", max_size=16))
def test_an_amount_as_a_number_field_sends_it_reads_as_the_general_reading_does(typed):
    # A plain number is read by a shorter path; a space before it takes the general one, which must agree.
    def reading(text):
        try:
            return parse_amount(text)
        except ValueError as error:
            return str(error).replace(repr(text), "…")
    assert reading(typed) == reading(" " + typed)


@pytest.mark.parametrize("parse, typed", [(parse_date, "27/3/2024"), (parse_amount, "1500.5"), (parse_date, "31/2/2024"),
                                          (parse_amount, "0.00"), (parse_date, " " * 50 + "27/3/2024"),
                                          (parse_amount, "£" + "1" * 12 + " " * 40)])
def test_a_value_read_again_gives_the_same_reading_or_the_same_refusal_each_time(parse, typed):
    # Short texts are read once and remembered (a spreadsheet repeats its dates); a refusal is never remembered.
    def reading():
        try:
            return parse(typed)
        except ValueError as error:
            return error.__class__, str(error)
    first = reading()
    assert all(reading() == first for _ in range(3))
