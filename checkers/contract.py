"""The contract every checker meets, written down once: a checker is one declared `Checker`, asking typed `Field`s,
answering in one shape, a `Result` of `Answer`s.

The page, the command line, the record, the calendar and the report read only this: nothing generic looks a
checker's module over for optional parts, and nothing generic names a particular checker.
"""

from __future__ import annotations

import datetime as dt
import functools
import heapq
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal

from .content import CodeVersion
from .money_and_dates import DATE_EXAMPLES, json_amount, pounds, written_date

NAME = re.compile(r"^[a-z][a-z0-9_-]*$")
# The kinds of field a form can ask (overrides/assets/checker/fields.js reads and writes each by its kind).
KINDS = ("text", "longtext", "money", "date", "choice", "tristate", "count", "boolean", "rows")
LEVELS = ("breach", "action", "info")
LEVEL_LABELS = {"breach": "Breach", "action": "Action", "info": "Note"}
# An answer's date is either when something must be done by, or from when something is allowed.
DATE_KINDS = ("deadline", "from")
# Whether the thing an answer is about is allowed: now, from a day (the answer's date), or not.
ALLOWED = ("yes", "from", "no")
# The fields every checker reads (checkers/validation.py): which code, which version of it (by id, or in force on a
# date), and the day the check is made (the reader's own today, which decides what is overdue).
COMMON_FIELDS = ("code", "version", "as_of", "today")
DISCLAIMER = "A guide to the code's own words, not legal advice."
# Said of a day asked about that is after today, by an answer (checkers/__init__.py) and by a code page's "as at"
# banner (sitebuild/templates/version.md.j2): what this site has now is all it can answer with.
AFTER_TODAY = "a version published later could take its place before then"
# How a page introduces the `law` beside an answer (checkers/donations_law.py), and its list of sources.
LABELS = {"law": "What the law requires on that date:", "law_sources": "Where to read the law",
          "reasoning": "Why: the reasoning, the clauses and the law", "nothing_to_do": "Nothing you need to do.",
          "read_as": "Read as", "date_hint": f"For example, {DATE_EXAMPLES}.", "wording": "In the text's own words",
          "choose": "Choose one", "find_option": "Find it by its words (optional)",
          "options_found": "Found: {found} of {total}.", "no_option_found": "Nothing has all these words: try fewer.",
          "as_of_summary": "Check against the version in force on another day", "as_of": "The version in force on",
          "as_of_hint": "Leave empty to use the version chosen above.", "previous_rows": "Previous", "next_rows": "Next",
          "show_more": "Show more", "there_is_a_problem": "There is a problem",
          "csv_reading": "Reading the spreadsheet…", "csv_failed": "The spreadsheet could not be read:"}


class ContractError(TypeError):
    """A checker that does not meet the contract: names the checker and the part."""


@dataclass(frozen=True)
class Condition:
    """When a field is asked (or required): another field has one of some values (or, `excluded`, none of them); or
    any of, or all of, other conditions. `words` says it in the form's words ("Required if you are suspended.")."""

    field: str = ""
    values: tuple = ()
    words: str = ""
    excluded: bool = False
    any_of: tuple[Condition, ...] = ()
    all_of: tuple[Condition, ...] = ()

    def holds(self, values: dict) -> bool:
        if self.any_of:
            return any(c.holds(values) for c in self.any_of)
        if self.all_of:
            return all(c.holds(values) for c in self.all_of)
        return (values.get(self.field) in self.values) != self.excluded

    def fields(self) -> set[str]:
        return {self.field} if self.field else set().union(*(c.fields() for c in self.any_of + self.all_of))

    def to_data(self) -> dict:
        """The same test for the page's script (overrides/assets/checker/fields.js, `holds`)."""
        data = {"words": self.words} if self.words else {}
        if self.any_of:
            return {**data, "any_of": [c.to_data() for c in self.any_of]}
        if self.all_of:
            return {**data, "all_of": [c.to_data() for c in self.all_of]}
        return {**data, "field": self.field, "values": list(self.values), "excluded": self.excluded}


@dataclass(frozen=True)
class Option:
    value: object
    label: str
    # Other words for it in a spreadsheet's cells ("in kind" for non-cash).
    aliases: tuple[str, ...] = ()
    # The question's own words for this option, from the text, where the label puts it plainly.
    wording: str = ""

    def to_data(self) -> list:
        return [self.value, self.label]


@dataclass(frozen=True)
class Field:
    """One question of a checker's form (or one column of its rows), typed by its kind."""

    name: str
    label: str
    kind: str
    required: bool | Condition = False
    hint: str = ""
    unit: str = ""
    default: object = None
    options: tuple[Option, ...] = ()
    # Options made from a code version's clauses ("units"), rather than listed here.
    options_from: str = ""
    # Asked only when this holds (a form that branches shows the question then).
    asked_when: Condition | None = None
    # The words a candidate reads when a required answer is missing: "Enter the date you received the donation".
    missing: str = ""
    # The policy's own words for the question, one tap away from the plain ones.
    wording: str = ""
    # A spreadsheet's other names for this column.
    aliases: tuple[str, ...] = ()
    # Text: the most characters an answer may have (0: the reading's own limit).
    longest: int = 0
    # Rows only: the fields of each row, and the words of the row's controls.
    fields: tuple[Field, ...] = ()
    row_label: str = ""
    add_label: str = ""
    remove_label: str = ""
    start_with: int = 0
    spreadsheet: bool = False

    def __post_init__(self):
        if not NAME.match(self.name):
            raise ContractError(f"field {self.name!r}: a field's name is lower-case letters, digits and '_'")
        if self.kind not in KINDS:
            raise ContractError(f"field {self.name!r}: kind {self.kind!r} is not one of {', '.join(KINDS)}")
        if self.kind in ("choice", "tristate") and not (self.options or self.options_from):
            raise ContractError(f"field {self.name!r}: a {self.kind} field lists its options")
        if (self.kind == "rows") != bool(self.fields):
            raise ContractError(f"field {self.name!r}: rows, and only rows, have fields")

    @functools.cached_property
    def values(self) -> tuple:
        return tuple(option.value for option in self.options)

    def label_of(self, value) -> str:
        return next((o.label for o in self.options if o.value == value), str(value))

    def to_data(self) -> dict:
        """What a page's form is made from (sitebuild/templates/fields.html.j2) and reads by (fields.js)."""
        data = {"name": self.name, "label": self.label, "kind": self.kind,
                "required": self.required.to_data() if isinstance(self.required, Condition) else self.required}
        for name in ("hint", "unit", "missing", "wording", "options_from", "row_label", "add_label", "remove_label"):
            if getattr(self, name):
                data[name] = getattr(self, name)
        if self.default is not None:
            data["default"] = self.default
        if self.options:
            data["options"] = [option.to_data() for option in self.options]
            worded = {str(o.value): o.wording for o in self.options if o.wording}
            if worded:
                data["option_wording"] = worded
        if self.asked_when:
            data["asked_when"] = self.asked_when.to_data()
        if self.fields:
            data["fields"] = [inner.to_data() for inner in self.fields]
            data["start_with"] = self.start_with
            data["spreadsheet"] = self.spreadsheet
        return data


@dataclass(frozen=True)
class ClauseLink:
    """A link from every clause of a version this checker serves, that opens it with the clause chosen ("Report a
    breach of this clause")."""

    label: str
    field: str  # the field the clause fills


# --- The one shape of answer ----------------------------------------------------------------------------------


def clause_reference(version: CodeVersion, clause: str) -> dict:
    """A clause as an answer cites it: its address, its citation and how a reader names it. Made once per clause of
    a version: a year of donations cites the same clause thousands of times."""
    made = version.__dict__.setdefault("_clause_references", {})
    if clause not in made:
        cite = version.citation.at(clause)
        name = version.unit_name(clause)
        made[clause] = {"code": version.code, "version": version.version, "id": clause, "url": cite.url,
                        "citation": str(cite), "name": name, "label": f"{version.short_title}, {name}"}
    return made[clause]


_FACT_WORDS = (("donor", "Donor"), ("region", "Region"))


@dataclass
class Answer:
    """One thing a check found: what it is about, how much it matters, what to do, in a sentence, and the clause."""

    rule: str  # what the answer is about, as the checker names it ("report", "canvass", "outcome")
    level: str  # breach, action or info
    message: str
    clause: dict  # clause_reference
    label: str = ""  # the level's word where the answer needs its own ("Do not share", "Allowed")
    todo: str = ""  # what to do, in plain words, where the answer asks something of the reader
    facts: dict = field(default_factory=dict)  # donor, region, amount, received: what the answer is about
    date: dt.date | None = None
    date_kind: str = ""  # deadline or from
    # Where the date is not the code's own: what sets it ("the Act"), said with it wherever the answer's facts are.
    date_set_by: str = ""
    overdue: bool = False
    allowed: str = ""  # yes, from or no, where the answer says whether something is allowed
    law: dict | None = None  # what the law requires, where it differs (checkers/donations_law.py)
    # What a calendar's event on its date says: the thing to do that day ("Report the donation from A to ...").
    event: str = ""
    # A step of the reasoning that led to another answer, not a thing found about one of the reader's inputs: shown
    # with the reasoning only, never again among the answers that ask nothing of the reader.
    reasoning: bool = False

    def __post_init__(self):
        if self.level not in LEVELS:
            raise ContractError(f"answer {self.rule!r}: level {self.level!r} is not one of {', '.join(LEVELS)}")
        if self.date is not None and self.date_kind not in DATE_KINDS:
            raise ContractError(f"answer {self.rule!r}: a date is a deadline or a day from which")
        if self.allowed and self.allowed not in ALLOWED:
            raise ContractError(f"answer {self.rule!r}: allowed is one of {', '.join(ALLOWED)}")
        if self.allowed == "from" and (self.date is None or self.date_kind != "from"):
            raise ContractError(f"answer {self.rule!r}: allowed from a day needs that day")
        if self.date is not None and not self.event:
            raise ContractError(f"answer {self.rule!r}: a date needs the event a calendar shows on it")

    def facts_text(self) -> str:
        """"Donor: A. Amount: £1,600. Deadline: 31 January 2024.": what the answer is about, as written."""
        facts = self.facts
        parts = [f"{word}: {facts[name]}" for name, word in _FACT_WORDS if name in facts]
        if "amount" in facts:
            parts.append(f"Amount: {pounds(facts['amount'])}")
        if self.date:
            kind = "Deadline" if self.date_kind == "deadline" else "Allowed from"
            parts.append(f"{kind}{f' under {self.date_set_by}' if self.date_set_by else ''}: {written_date(self.date)}")
        return ". ".join(parts) + "." if parts else ""

    def to_data(self) -> dict:
        data = {"rule": self.rule, "level": self.level, "level_label": self.label or LEVEL_LABELS[self.level],
                "message": self.message, "clause": self.clause}
        if self.todo:
            data["todo"] = self.todo
        for name, value in self.facts.items():
            data[name] = (json_amount(value) if isinstance(value, Decimal) else value.isoformat()
                          if isinstance(value, dt.date) else value)
        if self.date:
            data["date"] = {"on": self.date.isoformat(), "kind": self.date_kind, "overdue": self.overdue}
        if self.allowed:
            data["allowed"] = self.allowed
        if self.event:
            data["event"] = self.event
        if self.reasoning:
            data["reasoning"] = True
        text = self.facts_text()
        if text:
            data["facts_text"] = text
        if self.law:
            data["law"] = self.law
        return data


@dataclass(frozen=True)
class Action:
    """What the reader may do with the answer, in the checker's words: follow a link, or copy a text."""

    kind: str  # link or copy
    label: str
    href: str = ""
    text: str = ""
    done: str = ""  # what the page says once copied

    def to_data(self) -> dict:
        return {k: v for k, v in {"kind": self.kind, "label": self.label, "href": self.href, "text": self.text,
                                  "done": self.done}.items() if v}


@dataclass
class Result:
    """What a check returns: its status (one of the checker's), its answers, and what else the reader should read."""

    status: str
    answers: list[Answer]
    notes: list[str] = field(default_factory=list)
    details: list[str] = field(default_factory=list)
    # A document the answer is (a drafted message), shown as written, and what the reader may do with it.
    draft: dict | None = None
    actions: list[Action] = field(default_factory=list)
    # Facts of the answer for programs that read the JSON (counts, the day asked about); no page reads them.
    data: dict = field(default_factory=dict)

    def to_data(self) -> dict:
        todo, more = todo_list(self.answers)
        data = {"status": self.status, **self.data, "todo": todo, "todo_more": more,
                **({"todo_more_text": f"{more:,} more {'thing' if more == 1 else 'things'} to do: each is in the full "
                    "answer, under “Why”."} if more else {}),
                "answers": [a.to_data() for a in self.answers]}
        if self.notes:
            data["notes"] = self.notes
        if self.details:
            data["details"] = self.details
        if self.draft:
            data["draft"] = self.draft
        if self.actions:
            data["actions"] = [a.to_data() for a in self.actions]
        return data


def checked_against(version: CodeVersion) -> str:
    marked = f" ({version.marked})" if version.marked else ""
    return f"Checked against: {version.short_title}, version {version.version}{marked}."


def headline(status_text: str, version: CodeVersion) -> str:
    """The first line of an answer: what it comes to, and the code and version applied, by their names."""
    return f"{status_text} {checked_against(version)}"


# The most actions a response lists first; the rest are counted, and every answer is in `answers`.
MOST_TODO = 50


def soonest_first(overdue: bool, level: str, date: dt.date | None) -> tuple:
    """The order of things to do: overdue first, then breaches, then actions by their day, then what one may do."""
    rank = 0 if overdue else 1 if level == "breach" else 2 if level == "action" else 3
    return (rank, date or dt.date.max)


def todo_list(answers: list[Answer]) -> tuple[list[dict], int]:
    """What the reader needs to do, soonest first: overdue things first, then breaches, then actions by their day,
    then what they may do; each with its date and the answer it comes from. And how many more there are."""
    # The first few of a year's 100,000 answers, found without sorting them all.
    ranked = [(soonest_first(a.overdue, a.level, a.date), i) for i, a in enumerate(answers) if a.todo]
    items = [{"text": a.todo, "level": a.level, "label": a.label or LEVEL_LABELS[a.level], "overdue": a.overdue, "answer": i,
              **({"date": a.date.isoformat(), "date_kind": a.date_kind} if a.date else {})}
             for a, i in ((answers[i], i) for _, i in heapq.nsmallest(MOST_TODO, ranked))]
    return items, max(0, len(ranked) - MOST_TODO)


def _nothing(version: CodeVersion) -> list:
    return []


@dataclass(frozen=True)
class Checker:
    """A checker, declared once in its module as CHECKER: what it is, what it asks, the reader of its rules in a
    code version's `rules:`, the statuses it answers with, and its check."""

    name: str
    title: str
    purpose: str
    fields: tuple[Field, ...]
    read_rules: Callable  # (version) -> the version's rules for this checker, or None where it has none
    statuses: dict  # status -> the sentence that says it
    check: Callable  # (request, version, errors) -> Result, or None where errors were added
    # The request field a page fills with its own address, for a checker whose answer links whole addresses.
    page_address: str = ""
    # The words this checker takes from the text: [(field path, clause, words)], each checked by the build.
    cited_words: Callable = _nothing
    # Clauses the rules imply without naming them in `rules:` (the build checks each is there).
    clauses_cited: Callable = _nothing
    # The statutory figures it reads (docs/law/figures.yml must have each).
    law_figures: tuple[str, ...] = ()
    # A link from each clause of the versions it serves.
    from_clause: ClauseLink | None = None
    # The heading of what the answer asks of the reader, first on the page.
    todo_heading: str = "What you need to do"
    # The heading of the answers that ask nothing of the reader, after it.
    others_heading: str = "The rest of the answer"
    # What the version's rules refuse of values already read (more nominations than the most allowed), checked
    # with the fields, so that every problem is said at once: (values, version, errors) -> None.
    check_values: Callable = lambda values, version, errors: None

    def __post_init__(self):
        where = f"checker {self.name!r}"
        if not isinstance(self.name, str) or not NAME.match(self.name):
            raise ContractError(f"{where}: name is lower-case letters, digits and '-'")
        for part in ("title", "purpose"):
            if not isinstance(getattr(self, part), str) or not getattr(self, part).strip():
                raise ContractError(f"{where}: {part} is required, as a sentence a reader sees")
        if not isinstance(self.fields, tuple) or not all(isinstance(f, Field) for f in self.fields):
            raise ContractError(f"{where}: fields is a tuple of Field")
        for part in ("read_rules", "check", "cited_words", "clauses_cited", "check_values"):
            if not callable(getattr(self, part)):
                raise ContractError(f"{where}: {part} must be a function")
        if not isinstance(self.statuses, dict) or not self.statuses or not all(
                isinstance(k, str) and isinstance(v, str) and v for k, v in self.statuses.items()):
            raise ContractError(f"{where}: statuses maps each status to the sentence that says it")
        names = [f.name for f in self.fields]
        if len(names) != len(set(names)):
            raise ContractError(f"{where}: two fields share a name")
        for f in self.fields:
            for condition in (f.asked_when, f.required if isinstance(f.required, Condition) else None):
                if condition and not condition.fields() <= set(names[:names.index(f.name)]):
                    raise ContractError(f"{where}: field {f.name!r} depends on a field asked after it, or on none of "
                                        "the checker's fields: a form asks in order")
        if set(names) & set(COMMON_FIELDS + (self.page_address,)):
            raise ContractError(f"{where}: a field may not be named like a field every checker reads ({', '.join(COMMON_FIELDS)})")
        if self.from_clause and self.from_clause.field not in names:
            raise ContractError(f"{where}: from_clause fills {self.from_clause.field!r}, which is not one of its fields")

    def field(self, name: str) -> Field | None:
        return next((f for f in self.fields if f.name == name), None)

    @property
    def rows(self) -> tuple[Field, ...]:
        return tuple(f for f in self.fields if f.kind == "rows")


def registry(modules) -> dict[str, Checker]:
    """The checkers of these modules, by name: each must declare CHECKER, a Checker."""
    found: dict[str, Checker] = {}
    for module in modules:
        declared = getattr(module, "CHECKER", None)
        if not isinstance(declared, Checker):
            raise ContractError(f"{module.__name__} does not declare CHECKER = Checker(...): every checker module declares "
                                "its name, title, purpose, fields, read_rules, statuses and check in one object")
        if declared.name in found:
            raise ContractError(f"two checkers are named {declared.name!r}")
        found[declared.name] = declared
    return found

