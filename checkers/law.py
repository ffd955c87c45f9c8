"""Figures of public law as dated data, and the code clauses that say the law applies.

The codes repeat figures from the Political Parties, Elections and Referendums Act 2000 as it stood when they
were written. The law has moved since. Each figure here is a list of values, each with the day from which
it applies and the sources that show it (compare OpenFisca's dated parameters, a `reference` on each value),
read by the build from `docs/law/figures.yml` (sitebuild/law.py) and carried in the checkers' data.

A value whose first day no source confirms has `start` None. A checker relies on a value only from a day a
source confirms it in force (`start`, or else `in_force_on`, a day a source shows it already applied) until the
confirmed first day of the next value. Any other day has no value: the law's answer is then "not confirmed".
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal

from .comparisons import MORE_THAN, NOT_MORE_THAN, words
from .money_and_dates import json_amount, written_date

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
class Value:
    amount: Decimal
    start: dt.date | None  # the first day it applied, where a source confirms it; None: "date not confirmed"
    in_force_on: dt.date | None  # a day a source shows it applied, when its first day is not confirmed
    basis: str  # how the sources show the value and its date, in a sentence or two
    sources: tuple[Source, ...]

    @property
    def relied_from(self) -> dt.date | None:
        return self.start or self.in_force_on

    def start_text(self) -> str:
        return written_date(self.start) if self.start else "date not confirmed"


@dataclass(frozen=True)
class Figure:
    id: str
    title: str
    provision: str
    url: str
    counts: str
    unit: str
    values: tuple[Value, ...]
    runs_from: str = ""  # for a period: the event it runs from

    def on(self, day: dt.date) -> Value | None:
        """The value that applied on `day`, where the sources confirm it; None where they do not."""
        for index, value in enumerate(self.values):
            following = self.values[index + 1] if index + 1 < len(self.values) else None
            if value.relied_from is None or day < value.relied_from:
                continue
            # Where the next value's first day is not confirmed, nobody can say this one still applied.
            if following is None or (following.start is not None and day < following.start):
                return value
        return None

    def words(self, value: Value) -> str:
        if self.unit == "days":
            return f"{value.amount:f} days"
        return words(value.amount, self.counts)


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
    checked: dt.date
    figures: dict[str, Figure]
    applies: list[Application] = field(default_factory=list)
    guidance: tuple[Source, ...] = ()  # where a candidate reads the rules in full

    def figure(self, figure_id: str) -> Figure:
        return self.figures[figure_id]

    def application(self, code: str, clause_ids) -> Application | None:
        return next((a for a in self.applies if a.code == code and a.clause in clause_ids), None)

    def to_data(self) -> dict:
        return {"title": self.title, "checked": self.checked.isoformat(),
                "guidance": [s.to_data() for s in self.guidance],
                "figures": [{"id": f.id, "title": f.title, "provision": f.provision, "url": f.url, "counts": f.counts,
                             "unit": f.unit, "runs_from": f.runs_from,
                             "values": [{"value": json_amount(v.amount), "from": v.start.isoformat() if v.start else NOT_CONFIRMED,
                                         "in_force_on": v.in_force_on.isoformat() if v.in_force_on else None,
                                         "basis": v.basis, "sources": [s.to_data() for s in v.sources]}
                                        for v in f.values]}
                            for f in self.figures.values()],
                "applies_to": [{"code": a.code, "clause": a.clause, "wording": a.wording, "ask": a.ask} for a in self.applies]}


def _date(text):
    return None if text in (None, NOT_CONFIRMED) else dt.date.fromisoformat(text)


def from_data(data: dict) -> Law:
    """The law from the checkers' data (Law.to_data)."""
    figures = {}
    for item in data["figures"]:
        values = tuple(Value(Decimal(str(v["value"])), _date(v["from"]), _date(v.get("in_force_on")), v["basis"],
                             tuple(Source(**s) for s in v["sources"])) for v in item["values"])
        figures[item["id"]] = Figure(item["id"], item["title"], item["provision"], item["url"], item["counts"],
                                     item["unit"], values, item.get("runs_from", ""))
    return Law(data["title"], dt.date.fromisoformat(data["checked"]), figures,
               [Application(**a) for a in data["applies_to"]], tuple(Source(**s) for s in data.get("guidance", [])))


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
