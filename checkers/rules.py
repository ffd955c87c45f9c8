"""The rules' numbers, read from a code version's front matter (`rules:`), each with its clause.

Checker code reads every threshold, limit and deadline from here and holds no number of its
own. The site build checks that each number appears in the text of the clause cited for it.
"""

from __future__ import annotations

from dataclasses import dataclass, field, fields
from decimal import Decimal

from .comparisons import AT_LEAST, MORE_THAN, reached, words
from .content import CodeVersion, ContentError, gatherer, nearest, raise_together


@dataclass(frozen=True)
class Threshold:
    amount: Decimal
    counts: str

    def reached_by(self, amount: Decimal) -> bool:
        return reached(amount, self.amount, self.counts)

    def words(self) -> str:
        return words(self.amount, self.counts)


def stated_as(wording: str):
    """A rule's number and how its clause states it (sitebuild/wording.py): limit, days, charge or count:<things>."""
    return field(metadata={"wording": wording})


@dataclass(frozen=True)
class Limit:
    clause: str
    limit: Decimal = stated_as("limit")


@dataclass(frozen=True)
class ClauseRule:
    """A rule that is its clause alone: what the clause says is in the checker's code, citing it."""

    clause: str


@dataclass(frozen=True)
class Quoted:
    """Words a rule quotes from the text, and the unit that says them (which need not be the rule's own clause)."""

    clause: str
    words: str


def read_quoted(version: CodeVersion, path: str, data) -> Quoted | None:
    """An optional `{clause, words}`: the build checks that the unit says the words (a checker's cited_words)."""
    if data is None:
        return None
    read = Reader(version, path, data)
    read.expect_only("clause", "words")
    words = read.text("words")
    if words is None:
        read.fail("words", "is missing: the clause's own words, in quotes")
    return Quoted(read.clause(), words)


class RuleGroup:
    """A checker's rules made of several rules, each a dataclass with its own clause (cited_numbers walks them)."""


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
                self.fail(name, f"is not a field of this rule{nearest(name, names)}: the fields are {', '.join(names)}")

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
            given = "" if value is None else f", not {str(value)[:60]!r}"
            self.fail(name, f"must be one of {', '.join(options)}{given}")
        return value

    def text(self, name: str) -> str | None:
        """Optional words taken from the clause (the build checks the clause says them: a checker's cited_words)."""
        value = self.data.get(name)
        if value is None:
            return None
        if not isinstance(value, str) or not value.strip():
            self.fail(name, "must be the clause's own words, in quotes")
        return " ".join(value.split())

    def flag(self, name: str) -> bool:
        value = self.data.get(name, False)
        if not isinstance(value, bool):
            self.fail(name, "must be true or false")
        return value


def read_threshold(reader: Reader) -> Threshold:
    """A threshold: its amount and how the text bounds it."""
    return Threshold(reader.number("threshold"), reader.choice("counts", (MORE_THAN, AT_LEAST)))


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


def _readers() -> dict:
    # Each checker names the reader of its rules (Checker.read_rules); the registry imports this module, so it is
    # looked up when needed.
    from . import CHECKERS

    return {name: checker.read_rules for name, checker in CHECKERS.items()}


def walk(value, path: str = ""):
    """Every leaf of a version's `rules:` with its dotted path: ("donations.reporting.clause", "12"). The one walk
    over rules that the checkers, the build's checks and the lock share."""
    if isinstance(value, dict) and value:
        for key, inner in value.items():
            yield from walk(inner, f"{path}.{key}" if path else str(key))
    elif path:
        yield path, value


def cited_clauses(rules_data) -> list[tuple[str, str]]:
    """Every clause the rules name, with its path ("donations.reporting.clause"), in the order given."""
    return [(path, str(value)) for path, value in walk(rules_data) if path.rpartition(".")[2] == "clause"]


def check(version: CodeVersion) -> None:
    """Read every rule of a version, so that bad rule data fails the build."""
    readers = _readers()
    problems: list[ContentError] = []
    attempt = gatherer(problems)
    for name in version.rules:
        if name in readers:
            attempt(readers[name], version)
        else:
            problems.append(ContentError(version.path, version.line_of(f"rules.{name}"),
                                         f"rules.{name} is not a checker: the checkers are {', '.join(readers)}"))
    raise_together(problems)


def cited_numbers(version: CodeVersion) -> list[CitedNumber]:
    """Every number the checkers take from this version, with the clause it must appear in and how it states it
    (each rule's field says its wording: `stated_as`)."""
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
                elif "wording" in f.metadata and value is not None:
                    found.append(CitedNumber(f"rules.{path}.{f.name}", Decimal(value), rule.clause, f.metadata["wording"]))
    return found
