"""Where a clause states a rule's number: in its unit and with its wording, not merely as digits somewhere.

`more than £1500` states a more-than threshold of 1500; the same clause's phone number, "Act 2000" or another
rule's "£500" does not. Each wording is a list of phrasings, any of which states the number; `describe` says
them to a maintainer whose number the text does not state.
"""

from __future__ import annotations

import re
from decimal import Decimal

from checkers import rules
from checkers.money_and_dates import pounds

# The phrasings that state each kind of number.
MORE_THAN_WORDS = ("more than", "over", "exceeding", "in excess of", "above", "greater than")
AT_LEAST_BEFORE = ("at least", "not less than", "a minimum of")
AT_LEAST_AFTER = ("or more", "or over", "or above")
LIMIT_BEFORE = ("limit of", "up to", "no more than", "not more than", "maximum of")
LIMIT_AFTER = ("limit",)
CHARGE_BEFORE = ("charge of", "fee of", "pay")
CHARGE_AFTER = ("charge", "fee", "administration charge", "administration fee")


def _money(value: Decimal) -> str:
    """£1500, £1,500 or £1,500.00 for 1500; £10.50 for 10.5; never the start of a larger number."""
    whole, _, pence = f"{value:,.2f}".partition(".")
    digits = re.escape(whole).replace(",", ",?")
    cents = r"(?:\.00)?" if pence == "00" else re.escape("." + pence)
    return rf"£\s?{digits}{cents}(?![\d]|[.,]\d)"


def _number(value: Decimal) -> str:
    return rf"(?<![\d£.,]){int(value)}(?![\d]|[.,]\d)"


def _either(words: tuple[str, ...]) -> str:
    return "(?:" + "|".join(r"\s+".join(map(re.escape, w.split())) for w in words) + ")"


def patterns(number: rules.CitedNumber) -> list[str]:
    """The phrasings any of which states the number."""
    kind, _, counted = number.wording.partition(":")
    if kind == rules.MORE_THAN:
        return [rf"{_either(MORE_THAN_WORDS)}\s+{_money(number.value)}"]
    if kind == rules.AT_LEAST:
        return [rf"{_money(number.value)}\s+{_either(AT_LEAST_AFTER)}", rf"{_either(AT_LEAST_BEFORE)}\s+{_money(number.value)}"]
    if kind == "limit":
        return [rf"{_either(LIMIT_BEFORE)}\s+{_money(number.value)}", rf"{_money(number.value)}\s+{_either(LIMIT_AFTER)}"]
    if kind == "days":
        return [rf"{_number(number.value)}\s+(?:calendar\s+)?days\b"]
    if kind == "charge":
        return [rf"{_either(CHARGE_BEFORE)}\s+{_money(number.value)}", rf"{_money(number.value)}\s+{_either(CHARGE_AFTER)}"]
    if kind == "count":
        noun = re.escape(counted)
        # At most one word between, and not one that joins two phrases ("the Act 2000 and nominations").
        between = r"(?:(?!(?:and|or|of|in|to|for|the|by)\b)\w+\s+)?"
        return [rf"{_number(number.value)}\s+{between}{noun}", rf"\b{noun}\s+(?:\w+\s+){{0,3}}{_number(number.value)}"]
    raise ValueError(f"no wording {number.wording!r}")  # pragma: no cover - rules.py declares every wording


def stated(number: rules.CitedNumber, text: str) -> bool:
    return any(re.search(pattern, text, re.IGNORECASE) for pattern in patterns(number))


def describe(number: rules.CitedNumber) -> str:
    """What the text must say, in a maintainer's words: '"more than £1,500" (or "over £1,500")'."""
    kind, _, counted = number.wording.partition(":")
    amount = pounds(number.value)
    examples = {
        rules.MORE_THAN: [f"more than {amount}", f"over {amount}"],
        rules.AT_LEAST: [f"{amount} or more", f"at least {amount}"],
        "limit": [f"limit of {amount}", f"{amount} limit"],
        "days": [f"{int(number.value)} days"],
        "charge": [f"charge of {amount}", f"{amount} fee"],
        "count": [f"{int(number.value)} {counted}", f"{counted} ... {int(number.value)}"],
    }[kind]
    return " or ".join(f'"{e}"' for e in examples)
