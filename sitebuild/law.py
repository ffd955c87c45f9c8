"""The law beside the codes: `docs/law/figures.yml` (dated statutory figures) and `docs/law/notes.yml` (notes
on clauses), read and checked as strictly as the codes' own rules; every error names the file and line.

Notes never touch a version's text: they live in their own file, are shown apart from the code's words, and
are not in the lock's hash of the text.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from pathlib import Path

import checkers
from checkers import law as statute
from checkers.content import Code, ContentError

from .source import parse_date, read_yaml

FIGURES_FILE = "figures.yml"
NOTES_FILE = "notes.yml"
FIGURE_ID = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")


@dataclass(frozen=True)
class Note:
    code: str
    version: str
    clause: str
    date: dt.date
    title: str
    text: str
    sources: tuple[statute.Source, ...]

    @property
    def anchor(self) -> str:
        """The note's own anchor on its version's page."""
        return f"note-{self.clause}"

    @property
    def urn(self) -> str:
        return f"urn:codes-of-conduct:note:{self.code}@{self.version}#{self.clause}:{self.date.isoformat()}"


def _read(path: Path):
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise ContentError(path, None, "missing: the site needs this file (see docs/maintainers/, \"Notes on the law\")") from None
    except UnicodeDecodeError:
        raise ContentError(path, None, "the file is not UTF-8 text: save it as UTF-8") from None
    return read_yaml(text, path, 1)


def _text(data: dict, name: str, path: Path, lines: dict, where: str) -> str:
    value = data.get(name)
    if not isinstance(value, str) or not value.strip():
        raise ContentError(path, lines.get(f"{where}.{name}") or lines.get(where), f"{where}.{name} is required, as text")
    return " ".join(value.split())


def _sources(items, path: Path, lines: dict, where: str) -> tuple[statute.Source, ...]:
    if not isinstance(items, list) or not items:
        raise ContentError(path, lines.get(where) or lines.get(where.rpartition(".")[0]),
                           f"{where} needs at least one source: '- title: ...' and 'url: https://...'")
    found = []
    for index, item in enumerate(items):
        at = f"{where}[{index}]"
        if not isinstance(item, dict) or set(item) != {"title", "url"}:
            raise ContentError(path, lines.get(at), f"{at} must have exactly a title and a url")
        if not isinstance(item["url"], str) or not item["url"].startswith("https://"):
            raise ContentError(path, lines.get(f"{at}.url"), f"{at}.url must be an https:// address")
        found.append(statute.Source(" ".join(str(item["title"]).split()), item["url"]))
    return tuple(found)


def _start(value, path: Path, line: int | None, where: str) -> dt.date | None:
    if value == statute.NOT_CONFIRMED:
        return None
    if value is None:
        raise ContentError(path, line, f"{where}.from is required: the first day the value applied (YYYY-MM-DD), "
                           f"or \"{statute.NOT_CONFIRMED}\" where no source confirms it")
    return parse_date(value, path, line, f"{where}.from")


def _values(items, path: Path, lines: dict, where: str, unit: str) -> tuple[statute.Value, ...]:
    if not isinstance(items, list) or not items:
        raise ContentError(path, lines.get(where), f"{where} needs at least one value")
    values = []
    for index, item in enumerate(items):
        at = f"{where}[{index}]"
        if not isinstance(item, dict):
            raise ContentError(path, lines.get(at), f"{at} must be 'value', 'from', 'basis' and 'sources'")
        unknown = set(item) - {"value", "from", "in_force_on", "basis", "sources"}
        if unknown:
            raise ContentError(path, lines.get(f"{at}.{sorted(unknown)[0]}"), f"{at}: unknown field {sorted(unknown)[0]!r}; "
                               "the fields are value, from, in_force_on, basis, sources")
        try:
            amount = Decimal(str(item.get("value")))
        except InvalidOperation:
            amount = None
        if isinstance(item.get("value"), bool) or amount is None or not amount.is_finite() or amount <= 0 or \
                (unit == "days" and amount != amount.to_integral_value()):
            raise ContentError(path, lines.get(f"{at}.value") or lines.get(at),
                               f"{at}.value must be a positive number{' of whole days' if unit == 'days' else ''}")
        start = _start(item.get("from"), path, lines.get(f"{at}.from") or lines.get(at), at)
        in_force_on = parse_date(item.get("in_force_on"), path, lines.get(f"{at}.in_force_on"), f"{at}.in_force_on")
        if start and in_force_on:
            raise ContentError(path, lines.get(f"{at}.in_force_on"), f"{at}: in_force_on is only for a value whose "
                               "first day is not confirmed; this one has a date in 'from'")
        values.append(statute.Value(amount, start, in_force_on, _text(item, "basis", path, lines, at),
                                    _sources(item.get("sources"), path, lines, f"{at}.sources")))
    # Dates ascend: each confirmed day (first day or day shown in force) is after the one before.
    last = None
    for index, value in enumerate(values):
        day = value.relied_from
        if day and last and day <= last:
            at = f"{where}[{index}]"
            raise ContentError(path, lines.get(f"{at}.from") or lines.get(at),
                               f"{at}: the values must be in the order they applied, each dated after the one before "
                               f"({day.isoformat()} is not after {last.isoformat()})")
        last = day or last
    return tuple(values)


def load_figures(path: Path, codes: dict[str, Code]) -> statute.Law:
    """The law's figures, checked; each version whose clause applies the Act is linked to it."""
    data, lines = _read(path)
    if not isinstance(data, dict):
        raise ContentError(path, 1, "the file must be fields: title, checked, guidance, figures, applies_to")
    unknown = set(data) - {"title", "checked", "guidance", "figures", "applies_to"}
    if unknown:
        name = sorted(unknown)[0]
        raise ContentError(path, lines.get(name), f"unknown field {name!r}: the fields are title, checked, guidance, "
                           "figures, applies_to")
    checked = parse_date(data.get("checked"), path, lines.get("checked"), "checked")
    if checked is None:
        raise ContentError(path, 1, "checked is required: the day the figures were last checked against their sources")
    figures = {}
    if not isinstance(data.get("figures"), dict) or not data["figures"]:
        raise ContentError(path, lines.get("figures"), "figures must be a set of figures, each under its id")
    for figure_id, item in data["figures"].items():
        at = f"figures.{figure_id}"
        if not FIGURE_ID.match(str(figure_id)):
            raise ContentError(path, lines.get(at), f"the figure id {figure_id!r} uses lower-case letters, digits and '-' only")
        if not isinstance(item, dict):
            raise ContentError(path, lines.get(at), f"{at} must be the figure's fields")
        unknown = set(item) - {"title", "provision", "url", "counts", "unit", "runs_from", "values"}
        if unknown:
            raise ContentError(path, lines.get(f"{at}.{sorted(unknown)[0]}"), f"{at}: unknown field {sorted(unknown)[0]!r}")
        if item.get("counts") not in statute.COUNTS:
            raise ContentError(path, lines.get(f"{at}.counts") or lines.get(at),
                               f"{at}.counts must be one of {', '.join(statute.COUNTS)}")
        if item.get("unit") not in statute.UNITS:
            raise ContentError(path, lines.get(f"{at}.unit") or lines.get(at), f"{at}.unit must be one of {', '.join(statute.UNITS)}")
        url = item.get("url")
        if not isinstance(url, str) or not url.startswith("https://"):
            raise ContentError(path, lines.get(f"{at}.url") or lines.get(at), f"{at}.url must be the provision's https:// address")
        figures[figure_id] = statute.Figure(
            figure_id, _text(item, "title", path, lines, at), _text(item, "provision", path, lines, at), url,
            item["counts"], item["unit"], _values(item.get("values"), path, lines, f"{at}.values", item["unit"]),
            " ".join(str(item.get("runs_from") or "").split()))
    for checker, declared in checkers.CHECKERS.items():
        for figure_id in declared.law_figures:
            if figure_id not in figures:
                raise ContentError(path, lines.get("figures"), f"the {checker} checker cites the statutory figure "
                                   f"{figure_id!r}, which this file does not have")
    law = statute.Law(" ".join(str(data.get("title") or "").split()) or "the Act", checked, figures,
                      _applications(data.get("applies_to"), path, lines, codes),
                      _sources(data.get("guidance"), path, lines, "guidance"))
    statute.attach(law, codes, lambda version: _applying_clause(law, version))
    return law


def _applications(items, path: Path, lines: dict, codes: dict[str, Code]) -> list[statute.Application]:
    if not isinstance(items, list):
        raise ContentError(path, lines.get("applies_to"), "applies_to must list the clauses that apply the Act")
    found = []
    for index, item in enumerate(items):
        at = f"applies_to[{index}]"
        if not isinstance(item, dict) or not {"code", "clause", "wording"} <= set(item) or set(item) - {"code", "clause", "wording", "ask"}:
            raise ContentError(path, lines.get(at), f"{at} must have code, clause and wording (and may have ask)")
        code, clause = str(item["code"]), str(item["clause"])
        if code not in codes:
            raise ContentError(path, lines.get(f"{at}.code"), f"{at}: {code!r} is not a code on this site")
        application = statute.Application(code, clause, " ".join(str(item["wording"]).split()),
                                          " ".join(str(item.get("ask") or "").split()))
        stating = [v for v in codes[code].versions if _states(v, application)]
        if not stating:
            raise ContentError(path, lines.get(f"{at}.wording"), f"{at}: no version of {code} has #{clause} with the words "
                               f"\"{application.wording}\"{' and ' + repr(application.ask) if application.ask else ''}")
        found.append(application)
    return found


def _states(version, application: statute.Application) -> bool:
    unit = version.by_id.get(application.clause)
    if unit is None:
        return False
    text = " ".join(unit.text.split())
    return application.wording in text and application.ask in text


def _applying_clause(law: statute.Law, version) -> str | None:
    for application in law.applies:
        if application.code == version.code and _states(version, application):
            return application.clause
    return None


def load_notes(path: Path, codes: dict[str, Code], today: dt.date) -> list[Note]:
    """Notes on clauses, each on a clause that exists in the version it names."""
    data, lines = _read(path)
    if data is None:
        return []
    if not isinstance(data, list):
        raise ContentError(path, 1, "the notes must be a list, each starting '- code: ...'")
    notes = []
    for index, item in enumerate(data):
        at = f"[{index}]"
        line = lines.get(at)
        if not isinstance(item, dict):
            raise ContentError(path, line, "each note needs code, version, clause, date, title, text and sources")
        unknown = set(item) - {"code", "version", "clause", "date", "title", "text", "sources"}
        if unknown:
            raise ContentError(path, lines.get(f"{at}.{sorted(unknown)[0]}"), f"unknown field {sorted(unknown)[0]!r}: a "
                               "note has code, version, clause, date, title, text and sources")
        code = codes.get(str(item.get("code")))
        if code is None:
            raise ContentError(path, lines.get(f"{at}.code") or line, f"note {index + 1}: {item.get('code')!r} is not a code on this site")
        version = code.get(str(item.get("version")))
        if version is None:
            raise ContentError(path, lines.get(f"{at}.version") or line, f"note {index + 1}: {code.code} has no version "
                               f"{item.get('version')!r}; its versions are {', '.join(v.id for v in code.versions)}")
        clause = str(item.get("clause"))
        if clause not in version.by_id:
            raise ContentError(path, lines.get(f"{at}.clause") or line, f"note {index + 1}: {version.citation} has no "
                               f"clause #{clause}")
        date = parse_date(item.get("date"), path, lines.get(f"{at}.date"), "date")
        if date is None:
            raise ContentError(path, line, f"note {index + 1} needs a date: the day it was written or last checked (YYYY-MM-DD)")
        if date > today:
            raise ContentError(path, lines.get(f"{at}.date"), f"note {index + 1}: its date {date.isoformat()} is after "
                               "today: a note is dated the day it was written or checked")
        note = Note(code.code, version.id, clause, date, _text(item, "title", path, lines, at),
                    _text(item, "text", path, lines, at), _sources(item.get("sources"), path, lines, f"{at}.sources"))
        if any(n.code == note.code and n.version == note.version and n.clause == note.clause for n in notes):
            raise ContentError(path, line, f"note {index + 1}: {version.citation.at(clause)} already has a note: put "
                               "both in one")
        notes.append(note)
    return notes
