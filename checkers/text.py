"""Reading and writing the values candidates type: amounts of money and dates."""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal, InvalidOperation

_AMOUNT = re.compile(r"^£?\s*(\d{1,3}(?:,\d{3})+|\d+)(?:\.(\d{1,2}))?$")
_TOO_PRECISE = re.compile(r"^£?\s*[\d,]+\.\d{3,}$")
_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December")


def parse_amount(value) -> Decimal:
    """An amount in pounds from a number or text such as '£1,500.01'; ValueError says why not."""
    if isinstance(value, bool) or value is None:
        raise ValueError("must be an amount in pounds, such as 250 or \"£1,500.01\"")
    if isinstance(value, (int, float)):
        if isinstance(value, float) and (value != value or value in (float("inf"), float("-inf"))):
            raise ValueError("must be a finite amount in pounds")
        amount = Decimal(str(value))
    elif isinstance(value, str):
        match = _AMOUNT.match(value.strip())
        if not match and _TOO_PRECISE.match(value.strip()):
            raise ValueError("has more than two decimal places: give pounds and pence, such as 10.50")
        if not match:
            raise ValueError(f"{value!r} is not an amount: write pounds and pence such as 250, 1500.50 or \"£1,500.50\"")
        try:
            amount = Decimal(match[1].replace(",", "") + "." + (match[2] or "0"))
        except InvalidOperation:  # pragma: no cover - the pattern admits only digits
            raise ValueError(f"{value!r} is not an amount") from None
    else:
        raise ValueError("must be an amount in pounds, such as 250 or \"£1,500.01\"")
    if amount <= 0:
        raise ValueError("must be more than £0")
    if amount != amount.quantize(Decimal("0.01")):
        raise ValueError("has more than two decimal places: give pounds and pence, such as 10.50")
    if amount >= Decimal("1e12"):
        raise ValueError("is too large to be a donation or spending amount")
    return amount.quantize(Decimal("0.01"))


def parse_date(value) -> dt.date:
    """An ISO date (YYYY-MM-DD); ValueError says why not."""
    if not isinstance(value, str) or not _ISO_DATE.match(value.strip()):
        raise ValueError("must be a date written YYYY-MM-DD, such as 2024-03-31")
    try:
        return dt.date.fromisoformat(value.strip())
    except ValueError:
        raise ValueError(f"{value!r} is not a real date") from None


def sentence(text: str) -> str:
    """Text starting with a capital, the rest untouched (unlike str.capitalize)."""
    return text[:1].upper() + text[1:]


def pounds(amount: Decimal) -> str:
    """£1,500 or £1,500.01: pence only when there are any."""
    if amount == amount.to_integral_value():
        return f"£{int(amount):,}"
    return f"£{amount:,.2f}"


def written_date(day: dt.date) -> str:
    """3 March 2024."""
    return f"{day.day} {MONTHS[day.month - 1]} {day.year}"


def json_amount(amount: Decimal) -> int | float:
    """An amount as a JSON number: whole pounds as an integer."""
    return int(amount) if amount == amount.to_integral_value() else float(amount)
