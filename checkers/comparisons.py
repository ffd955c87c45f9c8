"""How a text bounds an amount, named once for the codes' rules and the law's figures alike: "more than £500",
"£200 or more", "not more than £500"."""

from __future__ import annotations

from decimal import Decimal

from .money_and_dates import pounds

MORE_THAN = "more-than"
AT_LEAST = "at-least"
NOT_MORE_THAN = "not-more-than"
COMPARISONS = (MORE_THAN, AT_LEAST, NOT_MORE_THAN)


def reached(amount: Decimal, bound: Decimal, counts: str) -> bool:
    """Whether `amount` is within what the bound words: more than it, at least it, or not more than it."""
    if counts == MORE_THAN:
        return amount > bound
    if counts == AT_LEAST:
        return amount >= bound
    return amount <= bound


def words(bound: Decimal, counts: str) -> str:
    return {MORE_THAN: f"more than {pounds(bound)}", AT_LEAST: f"{pounds(bound)} or more",
            NOT_MORE_THAN: f"not more than {pounds(bound)}"}[counts]
