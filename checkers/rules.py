"""The rules' numbers, read from a code version's front matter (`rules:`), each with its clause.

Checker code reads every threshold, limit and deadline from here and holds no number of its
own. The site build checks that each number appears in the text of the clause cited for it.
"""

from __future__ import annotations

from dataclasses import dataclass, fields
from decimal import Decimal

from .content import CodeVersion, ContentError
from .money_and_dates import pounds

# How a code words a threshold: "more than £500" or "£200 or more".
MORE_THAN = "more-than"
AT_LEAST = "at-least"
# Which donations count towards a reporting threshold.
EACH_DONATION = "each-donation"
DONOR_CALENDAR_YEAR = "donor-calendar-year"


@dataclass(frozen=True)
class Threshold:
    amount: Decimal
    counts: str

    def reached_by(self, amount: Decimal) -> bool:
        return amount > self.amount if self.counts == MORE_THAN else amount >= self.amount

    def words(self) -> str:
        return f"more than {pounds(self.amount)}" if self.counts == MORE_THAN else f"{pounds(self.amount)} or more"


@dataclass(frozen=True)
class PermissibleDonor:
    clause: str
    threshold: Threshold


@dataclass(frozen=True)
class Reporting:
    clause: str
    threshold: Threshold
    totals: str
    deadline_days: int | None
    report_to: str | None
    before_election_period_end: bool
    # PPERA 2000 Schedule 7: a donation of £500 or less is not a donation, so it is not counted.
    small_donations_not_counted: bool


@dataclass(frozen=True)
class Limit:
    clause: str
    limit: Decimal


@dataclass(frozen=True)
class Nominations:
    clause: str
    minimum: int
    further: int
    maximum: int


@dataclass(frozen=True)
class Suspension:
    clause: str


@dataclass(frozen=True)
class ClauseRule:
    """A rule that is its clause alone: what the clause says is in the checker's code, citing it."""

    clause: str


class RuleGroup:
    """A checker's rules made of several rules, each a dataclass with its own clause (cited_numbers walks them)."""


@dataclass(frozen=True)
class DonationRules(RuleGroup):
    permissible_donor: PermissibleDonor | None
    reporting: Reporting | None
    donor_cap: Limit | None
    spending_limit: Limit | None


# How the text states each kind of number (sitebuild/wording.py turns these into patterns): a threshold with
# its comparison, a limit, a number of days, or a count of things ("count:nominations").
WORDING = {"threshold": None, "limit": "limit", "deadline_days": "days", "minimum": "count:nominations",
           "further": "count:nominations", "maximum": "count:nominations", "charge": "charge"}


@dataclass(frozen=True)
class CitedNumber:
    """A number the checkers use, where it sits in the front matter, the clause it comes from, and how that
    clause states it (its wording: more-than, at-least, limit, days or count:<what is counted>)."""

    field: str
    value: Decimal
    clause: str
    wording: str


class Reader:
    """Reads one rule's fields, naming `rules.<path>.<field>` in every error."""

    def __init__(self, version: CodeVersion, path: str, data):
        self.version, self.path = version, path
        if not isinstance(data, dict):
            self.fail("", "must be a set of 'field: value' lines")
        self.data = data

    def fail(self, name: str, message: str):
        where = f"rules.{self.path}" + (f".{name}" if name else "")
        raise ContentError(self.version.path, self.version.line_of(where), f"{where} {message}")

    def expect_only(self, *names: str) -> None:
        for name in self.data:
            if name not in names:
                self.fail(name, f"is not a field of this rule: the fields are {', '.join(names)}")

    def clause(self) -> str:
        value = self.data.get("clause")
        if value in (None, ""):
            self.fail("clause", "is missing: say which clause this rule comes from, e.g. clause: \"12\"")
        return str(value)

    def number(self, name: str, *, whole: bool = False, required: bool = True):
        value = self.data.get(name)
        if value is None and not required:
            return None
        if isinstance(value, bool) or not isinstance(value, (int, float)) or value <= 0:
            self.fail(name, "must be a number greater than 0")
        if whole and not isinstance(value, int):
            self.fail(name, "must be a whole number")
        return value if whole else Decimal(str(value))

    def choice(self, name: str, options: tuple[str, ...], default: str | None = None) -> str:
        value = self.data.get(name, default)
        if value not in options:
            self.fail(name, f"must be one of {', '.join(options)}")
        return value

    def flag(self, name: str) -> bool:
        value = self.data.get(name, False)
        if not isinstance(value, bool):
            self.fail(name, "must be true or false")
        return value


def read_parts(version: CodeVersion, checker: str, names: tuple[str, ...], read_one=None) -> dict | None:
    """A checker's rules made of named parts, each required and each citing its clause: read by `read_one(reader,
    name)`, by default a clause alone (ClauseRule). None when the version has no rules for the checker."""
    data = version.rules.get(checker)
    if data is None:
        return None
    top = Reader(version, checker, data)
    top.expect_only(*names)
    found = {}
    for name in names:
        if name not in data:
            top.fail(name, "is missing: give the clause it comes from, e.g. clause: \"1\"")
        reader = Reader(version, f"{checker}.{name}", data[name])
        if read_one is None:
            reader.expect_only("clause")
            found[name] = ClauseRule(reader.clause())
        else:
            found[name] = read_one(reader, name)
    return found


def _threshold(reader: Reader) -> Threshold:
    return Threshold(reader.number("threshold"), reader.choice("counts", (MORE_THAN, AT_LEAST)))


def donation_rules(version: CodeVersion) -> DonationRules | None:
    data = version.rules.get("donations")
    if data is None:
        return None
    top = Reader(version, "donations", data)
    top.expect_only("permissible_donor", "reporting", "donor_cap", "spending_limit")
    permissible = reporting = cap = spending = None
    if "permissible_donor" in data:
        r = Reader(version, "donations.permissible_donor", data["permissible_donor"])
        r.expect_only("clause", "threshold", "counts")
        permissible = PermissibleDonor(r.clause(), _threshold(r))
    if "reporting" in data:
        r = Reader(version, "donations.reporting", data["reporting"])
        r.expect_only("clause", "threshold", "counts", "totals", "deadline_days", "report_to",
                      "before_election_period_end", "small_donations")
        small = r.choice("small_donations", ("counted", "not-counted"), "counted") == "not-counted"
        if small and permissible is None:
            r.fail("small_donations", "needs a permissible_donor rule: its threshold says which donations are small")
        report_to = r.data.get("report_to")
        reporting = Reporting(r.clause(), _threshold(r), r.choice("totals", (EACH_DONATION, DONOR_CALENDAR_YEAR)),
                              r.number("deadline_days", whole=True, required=False),
                              str(report_to) if report_to else None, r.flag("before_election_period_end"), small)
    if "donor_cap" in data:
        r = Reader(version, "donations.donor_cap", data["donor_cap"])
        r.expect_only("clause", "limit")
        cap = Limit(r.clause(), r.number("limit"))
    if "spending_limit" in data:
        r = Reader(version, "donations.spending_limit", data["spending_limit"])
        r.expect_only("clause", "limit", "per")
        r.choice("per", ("region",), "region")
        spending = Limit(r.clause(), r.number("limit"))
    return DonationRules(permissible, reporting, cap, spending)


def nomination_rules(version: CodeVersion) -> Nominations | None:
    data = version.rules.get("nominations")
    if data is None:
        return None
    r = Reader(version, "nominations", data)
    r.expect_only("clause", "minimum", "further", "maximum")
    rule = Nominations(r.clause(), r.number("minimum", whole=True), r.number("further", whole=True),
                       r.number("maximum", whole=True))
    if rule.maximum != rule.minimum + rule.further:
        r.fail("maximum", f"is {rule.maximum}, but minimum {rule.minimum} plus further {rule.further} is {rule.minimum + rule.further}")
    return rule


def suspension_rules(version: CodeVersion) -> Suspension | None:
    data = version.rules.get("suspension")
    if data is None:
        return None
    r = Reader(version, "suspension", data)
    r.expect_only("clause")
    return Suspension(r.clause())


def _readers() -> dict:
    # Each checker module names the reader of its rules (RULES); the registry imports this module, so it is
    # looked up when needed.
    from . import CHECKERS

    return {name: module.RULES for name, module in CHECKERS.items()}


def check(version: CodeVersion) -> None:
    """Read every rule of a version, so that bad rule data fails the build."""
    readers = _readers()
    for name in version.rules:
        if name not in readers:
            raise ContentError(version.path, version.line_of(f"rules.{name}"),
                               f"rules.{name} is not a checker: the checkers are {', '.join(readers)}")
        readers[name](version)


def cited_numbers(version: CodeVersion) -> list[CitedNumber]:
    """Every number the checkers take from this version, with the clause it must appear in."""
    found = []
    for checker, reader in _readers().items():
        rules = reader(version)
        parts = [(checker, rules)] if not isinstance(rules, RuleGroup) else [
            (f"{checker}.{f.name}", getattr(rules, f.name)) for f in fields(rules)]
        for path, rule in parts:
            if rule is None:
                continue
            for f in fields(rule):
                value = getattr(rule, f.name)
                if isinstance(value, Threshold):
                    found.append(CitedNumber(f"rules.{path}.threshold", value.amount, rule.clause, value.counts))
                elif isinstance(value, (int, Decimal)) and not isinstance(value, bool):
                    found.append(CitedNumber(f"rules.{path}.{f.name}", Decimal(value), rule.clause, WORDING[f.name]))
    return found
