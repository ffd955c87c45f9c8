"""Figures of public law as dated data, and the code clauses that say the law applies.

The codes repeat figures from the Political Parties, Elections and Referendums Act 2000 as it stood when they
were written. The law has moved since. Each figure here is a list of values, each with the day from which
it applies and the sources that show it (compare OpenFisca's dated parameters, a `reference` on each value),
read by the build from `docs/law/figures.yml` (sitebuild/law.py) and carried in the checkers' data.

A value whose first day no source confirms has `start` None. It may have `in_force_on`, a day a source shows it
already applied, and `not_before`, the first day it could have applied (the day the instrument that made it was
made, say). On any day the sources leave more than one value possible, a checker says what turns on it, or that the
law's figure is not confirmed; it relies on a value only where it is the one value possible (`Figure.on`).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal

from .comparisons import MORE_THAN, NOT_MORE_THAN, words
from .money_and_dates import add_days, json_amount, written_date

# How a figure bounds: a gift "not more than £500" is disregarded; a donation "of more than £2,230" is reported.
COUNTS = (NOT_MORE_THAN, MORE_THAN)
UNITS = ("pounds", "days")
NOT_CONFIRMED = "not confirmed"


@dataclass(frozen=True)
class Source:
    title: str
    url: str

    def to_data(self) -> dict:
        return {"title": self.title, "url": self.url}


@dataclass(frozen=True)
class Checked:
    """When something of the law was last checked against its sources, and when it must be checked again."""

    on: dt.date
    by: dt.date

    def overdue(self, today: dt.date) -> bool:
        return today > self.by

    def words(self, today: dt.date) -> str:
        if self.overdue(today):
            return (f"not checked since {written_date(self.on)} (it was due to be checked again by "
                    f"{written_date(self.by)})")
        return f"checked on {written_date(self.on)}"

    def to_data(self) -> dict:
        return {"checked": self.on.isoformat(), "check_by": self.by.isoformat()}


# A value, a figure: each one of its kind in the law's data, so compared (and hashed) as itself, cheaply, in the
# many sets a year of donations makes of them.
@dataclass(frozen=True, eq=False)
class Value:
    amount: Decimal
    start: dt.date | None  # the first day it applied, where a source confirms it; None: "date not confirmed"
    in_force_on: dt.date | None  # a day a source shows it applied, when its first day is not confirmed
    basis: str  # how the sources show the value and its date, in a sentence or two
    sources: tuple[Source, ...]
    not_before: dt.date | None = None  # the first day it could have applied, when its first day is not confirmed

    @property
    def relied_from(self) -> dt.date | None:
        return self.start or self.in_force_on

    @property
    def earliest(self) -> dt.date | None:
        """The first day it could have applied: its first day, else the day before which it cannot have."""
        return self.start or self.not_before

    def start_text(self) -> str:
        return written_date(self.start) if self.start else "date not confirmed"


@dataclass(frozen=True, eq=False)
class Figure:
    id: str
    title: str
    provision: str
    url: str
    counts: str
    unit: str
    values: tuple[Value, ...]
    runs_from: str = ""  # for a period: the event it runs from
    checked: Checked | None = None

    def possible(self, day: dt.date) -> list[Value | None]:
        """Every value the sources leave possible on `day`, in the order they applied; None stands for an earlier
        value this site does not have (a day before any value is shown in force)."""
        found: list[Value | None] = []
        first = self.values[0].relied_from
        if first is None or day < first:
            found.append(None)
        for index, value in enumerate(self.values):
            following = self.values[index + 1] if index + 1 < len(self.values) else None
            if value.earliest is not None and day < value.earliest:
                continue
            # Once a source shows the next value in force (or its first day is confirmed), this one had ended.
            ended = following.relied_from if following else None
            if ended is not None and day >= ended:
                continue
            if value.relied_from is None and value.earliest is None:
                continue  # nothing shows when it applied
            found.append(value)
        return found

    def on(self, day: dt.date) -> Value | None:
        """The value that applied on `day`, where the sources leave only one possible; None where they do not."""
        found = self.possible(day)
        return found[0] if len(found) == 1 else None

    def last_day(self, value: Value, first: dt.date) -> dt.date | None:
        """The last day of a period of `value` days that `first` begins, as the first of them (the Act's "the period of
        30 days beginning with the date when ..."); None past 31 December 9999."""
        return add_days(first, int(value.amount) - 1)

    def words(self, value: Value) -> str:
        if self.unit == "days":
            return f"{value.amount:f} days"
        return words(value.amount, self.counts)


@dataclass(frozen=True)
class Provision:
    """A provision of the Act that the checkers cite in words (not a figure): what it says, and where."""

    id: str
    title: str
    provision: str
    url: str
    says: str  # what it says, in a sentence the answers use
    sources: tuple[Source, ...]
    checked: Checked | None = None


@dataclass(frozen=True)
class Application:
    """A code's clause that puts its candidates under the Act: which clause, and whom it says to ask."""

    code: str
    clause: str
    wording: str  # the clause's words that say the Act applies, checked by the build
    ask: str = ""  # the clause's own words on whom to ask, if it gives any


@dataclass
class Law:
    title: str
    figures: dict[str, Figure]
    applies: list[Application] = field(default_factory=list)
    guidance: tuple[Source, ...] = ()  # where a candidate reads the rules in full
    provisions: dict[str, Provision] = field(default_factory=dict)

    @property
    def checked(self) -> dt.date | None:
        """The day the least recently checked figure was checked: how current the figures are, all told."""
        days = [f.checked.on for f in self.figures.values() if f.checked]
        return min(days) if days else None

    def figure(self, figure_id: str) -> Figure:
        return self.figures[figure_id]

    def application(self, code: str, clause_ids) -> Application | None:
        return next((a for a in self.applies if a.code == code and a.clause in clause_ids), None)

    def to_data(self) -> dict:
        return {"title": self.title, "guidance": [s.to_data() for s in self.guidance],
                "figures": [{"id": f.id, "title": f.title, "provision": f.provision, "url": f.url, "counts": f.counts,
                             "unit": f.unit, "runs_from": f.runs_from, **(f.checked.to_data() if f.checked else {}),
                             "values": [{"value": json_amount(v.amount),
                                         "from": v.start.isoformat() if v.start else NOT_CONFIRMED,
                                         "in_force_on": v.in_force_on.isoformat() if v.in_force_on else None,
                                         "not_before": v.not_before.isoformat() if v.not_before else None,
                                         "basis": v.basis, "sources": [s.to_data() for s in v.sources]}
                                        for v in f.values]}
                            for f in self.figures.values()],
                "provisions": [{"id": p.id, "title": p.title, "provision": p.provision, "url": p.url, "says": p.says,
                                "sources": [s.to_data() for s in p.sources], **(p.checked.to_data() if p.checked else {})}
                               for p in self.provisions.values()],
                "applies_to": [{"code": a.code, "clause": a.clause, "wording": a.wording, "ask": a.ask} for a in self.applies]}


def _date(text):
    return None if text in (None, NOT_CONFIRMED) else dt.date.fromisoformat(text)


def _checked(item: dict) -> Checked | None:
    return Checked(_date(item["checked"]), _date(item["check_by"])) if item.get("checked") else None


def from_data(data: dict) -> Law:
    """The law from the checkers' data (Law.to_data)."""
    figures = {}
    for item in data["figures"]:
        values = tuple(Value(Decimal(str(v["value"])), _date(v["from"]), _date(v.get("in_force_on")), v["basis"],
                             tuple(Source(**s) for s in v["sources"]), _date(v.get("not_before")))
                       for v in item["values"])
        figures[item["id"]] = Figure(item["id"], item["title"], item["provision"], item["url"], item["counts"],
                                     item["unit"], values, item.get("runs_from", ""), _checked(item))
    provisions = {p["id"]: Provision(p["id"], p["title"], p["provision"], p["url"], p["says"],
                                     tuple(Source(**s) for s in p["sources"]), _checked(p))
                  for p in data.get("provisions", [])}
    return Law(data["title"], figures, [Application(**a) for a in data["applies_to"]],
               tuple(Source(**s) for s in data.get("guidance", [])), provisions)


@dataclass(frozen=True)
class Applied:
    """The law as it bears on one code version: the Act, and the version's clause that applies it."""

    law: Law
    application: Application


def attach(law: Law, codes, clause_of) -> None:
    """Link each version to the law where `clause_of(version)` names its clause that applies the Act."""
    for code in codes.values():
        for version in code.versions:
            clause = clause_of(version)
            application = law.application(code.code, [clause]) if clause else None
            version.applied_law = Applied(law, application) if application else None
