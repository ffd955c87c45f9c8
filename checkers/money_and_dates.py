"""Reading and writing the values candidates type: amounts of money and dates."""

from __future__ import annotations

import datetime as dt
import functools
import re
from decimal import Decimal

_AMOUNT = re.compile(r"^£?\s*(\d{1,3}(?:,\d{3})+|\d+)(?:\.(\d{1,2}))?$")
_PLAIN_AMOUNT = re.compile(r"^[0-9]{1,12}(?:\.[0-9]{1,2})?\Z")
_TOO_PRECISE = re.compile(r"^£?\s*[\d,]+\.\d{3,}$")
# The currency named rather than signed: "1,500 GBP", "GBP 1500", "1500 pounds".
_CURRENCY_BEFORE, _CURRENCY_AFTER = ("gbp",), ("gbp", "pounds", "pound")
# Pence alone: "50p", "150 pence".
_PENCE = re.compile(r"^(\d{1,7})\s*(?:p|pence)$", re.I)
# What people write that is not an amount in pounds, and what to write instead.
_OTHER_CURRENCY = re.compile(r"[$€¥]|\b(?:usd|eur|euros?|dollars?|cents?)\b", re.I)
_SHORTHAND = re.compile(r"^£?\s*\d+(?:\.\d+)?\s*(?:k|m|bn)$", re.I)
_DECIMAL_COMMA = re.compile(r"^£?\s*(?:\d{1,3}(?:[.\s]\d{3})+|\d+),\d{1,2}$")
_NEGATIVE = re.compile(r"^(?:£?\s*[-−]|\(.*\)$)")
# The year first, as a date picker sends it (2024-03-27) and as some write it (2024/3/27): never ambiguous.
_YEAR_MONTH_DAY = re.compile(r"^(\d{4})\s*([/.\-])\s*(\d{1,2})\s*\2\s*(\d{1,2})$")
# As people in the UK write a date: day first, then month, then year: 3/3/2024, 03.03.2024, 3-3-2024, 3 March 2024,
# 3rd Mar 2024, the 3rd of March 2024.
_DAY_MONTH_YEAR = re.compile(r"^(\d{1,2})\s*[/.\-]\s*(\d{1,2})\s*[/.\-]\s*(\d{1,4})$")
# The named month between spaces, or between hyphens, slashes or dots as spreadsheets write it (27-Mar-2024).
_DAY_NAMED_MONTH_YEAR = re.compile(r"^(?:the\s+)?(\d{1,2})(?:st|nd|rd|th)?(?:\s+of)?(?:\s+|\s*[-/.]\s*)([a-z]+)\.?,?(?:\s+|\s*[-/.]\s*)(\d{1,4})$",
                                   re.I)
# A time after the date, as a spreadsheet saves a date cell (2024-03-27 00:00:00, 27/03/2024 14:30): the day is
# the date's. A time with a zone is not taken: in another zone it may be another day.
_TIME_AFTER = re.compile(r"^(.*\d)(?:\s+|T)(\d{1,2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?(\s*[ap]\.?m\.?)?$", re.I)
# A whole number in the range of a spreadsheet's day numbers from 1955 to 2119 (45379 is 27 March 2024 in Excel):
# a date cell saved as a number.
_DAY_NUMBER = re.compile(r"^[2-7]\d{4}$")
# The month named first (March 3, 2024): the name says which number is the month.
_NAMED_MONTH_DAY_YEAR = re.compile(r"^([a-z]+)\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{1,4})$", re.I)
# A date with a part left out, as people type one in a hurry: "3 March", "3/3", "March 3rd"; "March 2024".
_NO_YEAR = (re.compile(r"^(?:the\s+)?\d{1,2}(?:st|nd|rd|th)?(?:\s+of)?(?:\s+|\s*[-/.]\s*)([a-z]+)\.?$", re.I),
            re.compile(r"^([a-z]+)\.?\s+(?:the\s+)?\d{1,2}(?:st|nd|rd|th)?$", re.I))
_NO_YEAR_NUMERIC = re.compile(r"^\d{1,2}\s*[/.\-]\s*\d{1,2}$")
_NO_DAY = re.compile(r"^([a-z]+)\.?,?\s+\d{4}$", re.I)
# The largest amount a donation or spending row may have: far above any real one, and well inside what
# Decimal's default precision (28 digits) rounds exactly to pence.
MOST = Decimal("1e12")
PENNY = Decimal("0.01")
# No code or law this site has is older than 2000: a year before this is a slip of the keys (0024 for 2024), and
# would otherwise be answered as "1 January 24".
EARLIEST_YEAR = 1900
MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December")


def _without_currency_word(text: str) -> str:
    # By hand rather than by a regular expression, whose backtracking over a long run of spaces takes quadratic time.
    lowered = text.lower()
    for word in _CURRENCY_BEFORE:
        if lowered.startswith(word):
            text, lowered = text[len(word):].lstrip(), lowered[len(word):].lstrip()
    for word in _CURRENCY_AFTER:
        if lowered.endswith(word):
            return text[:-len(word)].rstrip()
    return text


# A spreadsheet repeats its amounts and dates: each short text is read once per run of the reader. Longer texts are
# read each time, so that hostile input cannot fill the cache with large strings.
_CACHED_LENGTH = 40


def read_once(parse):
    cached = functools.lru_cache(maxsize=8192)(parse)

    @functools.wraps(parse)
    def read(value):
        return cached(value) if type(value) is str and len(value) <= _CACHED_LENGTH else parse(value)
    return read


@read_once
def parse_amount(value) -> Decimal:
    """An amount in pounds from a number or text such as '£1,500.01', '1,500 GBP' or '50p'; ValueError says why not."""
    if isinstance(value, bool) or value is None:
        raise ValueError("must be an amount in pounds, such as 250 or \"£1,500.01\"")
    if isinstance(value, int):
        # Compared as an integer: str() of an integer of thousands of digits raises.
        if value >= MOST:
            raise ValueError("is too large to be a donation or spending amount")
        amount = Decimal(value)
    elif isinstance(value, float):
        if value != value or value in (float("inf"), float("-inf")):
            raise ValueError("must be a finite amount in pounds")
        amount = Decimal(repr(value))
    elif isinstance(value, str):
        if _PLAIN_AMOUNT.match(value):  # as a spreadsheet's cell or the page's number field sends it: 1500.5
            amount = Decimal(value)
            if amount > 0:
                return amount.quantize(PENNY)
        text = _without_currency_word(value.strip())
        if _NEGATIVE.match(text):
            if not re.search("[1-9]", text):  # "-0", "-£0.00": no amount at all, not one below zero
                raise ValueError("must be more than £0")
            raise ValueError(f"{quoted(value)} is below zero: give the amount received, such as 250")
        pence = _PENCE.match(text)
        if pence:
            text = f"{Decimal(pence[1]) / 100:.2f}"
        match = _AMOUNT.match(text)
        if not match and _TOO_PRECISE.match(text):
            raise ValueError("has more than two decimal places: give pounds and pence, such as 10.50")
        if not match:
            raise ValueError(f"{quoted(value)} {_not_pounds(text)}")
        if len(match[1].replace(",", "")) > 13:
            raise ValueError("is too large to be a donation or spending amount")
        amount = Decimal(match[1].replace(",", "") + "." + (match[2] or "0"))
    else:
        raise ValueError("must be an amount in pounds, such as 250 or \"£1,500.01\"")
    # The size first: rounding a very large amount to pence would exceed Decimal's precision.
    if amount >= MOST:
        raise ValueError("is too large to be a donation or spending amount")
    if amount <= 0:
        raise ValueError("must be more than £0")
    if amount != amount.quantize(PENNY):
        raise ValueError("has more than two decimal places: give pounds and pence, such as 10.50")
    return amount.quantize(PENNY)


def _not_pounds(text: str) -> str:
    """Why a text is not an amount in pounds, and what to write instead."""
    if _OTHER_CURRENCY.search(text):
        return "is not in pounds: give its value in pounds sterling, such as 250 or \"£1,500.50\""
    if _SHORTHAND.match(text):
        return "is written short: write the amount in full, such as 1500 for 1.5k"
    if _DECIMAL_COMMA.match(text):
        return "has a comma before the pence: write a point there, such as 1500.50 or \"£1,500.50\""
    return "is not an amount: write pounds and pence such as 250, 1500.50 or \"£1,500.50\""


def _named(name: str, names: tuple[str, ...]) -> int | None:
    """The place (from 1) of a month's or a weekday's name, written in full or shortened to three letters or more."""
    name = name.lower()
    for number, full in enumerate(names, start=1):
        if name == full.lower() or (len(name) >= 3 and full.lower().startswith(name)):
            return number
    return None


def _month(name: str) -> int | None:
    return _named(name, MONTHS)


# A weekday before the date, as bank statements and e-mails write it ("Sunday 3 March 2024", "Sun, 3/3/2024").
_WEEKDAY_FIRST = re.compile(r"^([a-z]+)\.?,?\s+(\S.*)$", re.I)
WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


# How a date may be written: what a form's hint shows and an error repeats.
DATE_EXAMPLES = "27/3/2024 or 27 March 2024"


@read_once
def parse_date(value) -> dt.date:
    """A date as typed in the UK: 2024-03-27, 27/3/2024, 27.03.2024 or 27 March 2024 (day before month, the year in
    full), and where nothing is ambiguous 2024/3/27 and March 27, 2024; with a weekday before it (which must be the
    date's) or a time after it (a spreadsheet's date cell: 2024-03-27 00:00:00, 27-Mar-2024). ValueError says why
    not, in words a reader can act on."""
    example = f"such as {DATE_EXAMPLES}"
    if not isinstance(value, str) or not value.strip():
        raise ValueError(f"must be a date: day, month and year, {example}")
    text = " ".join(value.split())
    with_time = _TIME_AFTER.match(text)
    if with_time:
        hour, minute, second = int(with_time[2]), int(with_time[3]), int(with_time[4] or 0)
        if hour > (12 if with_time[5] else 23) or minute > 59 or second > 59:
            raise ValueError(f"{quoted(value)} has a time after the date that is not a time of day: give the date "
                             f"alone, {example}")
        text = with_time[1]
    if _DAY_NUMBER.match(text):
        raise ValueError(f"{quoted(value)} is a spreadsheet's number for a date, not the date: format the column as "
                         f"dates and save it again, or type the date, {example}")
    weekday = _WEEKDAY_FIRST.match(text)
    named_day = _weekday(weekday[1]) if weekday else None
    if named_day is None:
        return _day(text, value, example)
    date = _day(weekday[2], value, example)
    if WEEKDAYS[date.weekday()] != named_day:
        raise ValueError(f"{quoted(value)} names the wrong day of the week: {written_date(date)} is a "
                         f"{WEEKDAYS[date.weekday()]}, not a {named_day}; check the date")
    return date


def _weekday(name: str) -> str | None:
    if name.lower() == "weds":  # the one usual short form that is not the name's start
        return "Wednesday"
    number = _named(name, WEEKDAYS)
    return WEEKDAYS[number - 1] if number and not _month(name) else None


def _day(text: str, value: str, example: str) -> dt.date:
    """The day the text names (the date alone: no weekday, no time), errors quoting the whole value."""
    iso, numeric = _YEAR_MONTH_DAY.match(text), _DAY_MONTH_YEAR.match(text)
    # A named month's parts as (day, month, year), whichever comes first.
    day_first, month_first = _DAY_NAMED_MONTH_YEAR.match(text), _NAMED_MONTH_DAY_YEAR.match(text)
    named = day_first.groups() if day_first else (month_first[2], month_first[1], month_first[3]) if month_first else None
    if iso:
        year, month, day = int(iso[1]), int(iso[3]), int(iso[4])
    elif numeric:
        day, month, year = (int(part) for part in numeric.groups())
        if len(numeric[3]) < 4:
            raise ValueError(f"{quoted(value)} is not a whole date: write the year in full, {example}")
    elif named and _month(named[1]):
        day, month, year = int(named[0]), _month(named[1]), int(named[2])
        if len(named[2]) < 4:
            raise ValueError(f"{quoted(value)} is not a whole date: write the year in full, {example}")
    else:
        raise ValueError(f"{quoted(value)} {_left_out(text)}: write the day, month and year, {example}")
    if year < EARLIEST_YEAR:
        raise ValueError(f"{quoted(value)} has a year before {EARLIEST_YEAR}: check the year, {example}")
    try:
        return dt.date(year, month, day)
    except ValueError:
        if numeric and month > 12 >= day:
            # 3/13/2024, as the United States writes it.
            raise ValueError(f"{quoted(value)} is not a real date: write the day first, then the month, such as "
                             f"{month}/{day}/{year}") from None
        raise ValueError(f"{quoted(value)} is not a real date: check the day and the month, {example}") from None


def _left_out(text: str) -> str:
    """What a text that is not a date lacks, where it is a date with its year or its day left out."""
    if _NO_YEAR_NUMERIC.match(text) or any((match := pattern.match(text)) and _month(match[1]) for pattern in _NO_YEAR):
        return "has no year"
    if (match := _NO_DAY.match(text)) and _month(match[1]):
        return "has no day"
    return "is not a date"


def add_days(day: dt.date, days: int) -> dt.date | None:
    """The date `days` after `day`, or None past the last date the calendar here can hold (31 December 9999)."""
    try:
        return day + dt.timedelta(days=days)
    except OverflowError:
        return None


def quoted(value, limit: int = 40) -> str:
    """A value as an error message quotes it: short, and safe for any value however large or deeply nested."""
    if isinstance(value, str):
        text = value if len(value) <= limit else value[:limit] + "…"
        return repr(text)
    if isinstance(value, bool) or value is None:
        return {True: "true", False: "false", None: "null"}[value]
    if isinstance(value, int):
        digits = len(str(value)) if abs(value).bit_length() < 10_000 else None
        return str(value) if digits and digits <= limit else "a number too long to quote"
    if isinstance(value, float):
        return repr(value)
    return "a list" if isinstance(value, list) else "an object" if isinstance(value, dict) else "a value"


def sentence(text: str) -> str:
    """Text starting with a capital, the rest untouched (unlike str.capitalize)."""
    return text[:1].upper() + text[1:]


@functools.lru_cache(maxsize=4096)
def pounds(amount: Decimal) -> str:
    """£1,500 or £1,500.01: pence only when there are any."""
    if amount == amount.to_integral_value():
        return f"£{int(amount):,}"
    return f"£{amount:,.2f}"


@functools.lru_cache(maxsize=4096)
def written_date(day: dt.date) -> str:
    """3 March 2024."""
    return f"{day.day} {MONTHS[day.month - 1]} {day.year}"


def json_amount(amount: Decimal) -> int | float:
    """An amount as a JSON number: whole pounds as an integer."""
    return int(amount) if amount == amount.to_integral_value() else float(amount)


def counted(number: int, thing: str) -> str:
    """'1 verified nomination', '19 verified nominations'."""
    return f"{number:,} {thing}{'' if number == 1 else 's'}"
