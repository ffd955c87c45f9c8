"""The law beside the codes: `docs/law/figures.yml` (dated statutory figures and provisions), `docs/law/notes.yml`
(notes on clauses) and `docs/law/proposals.yml` (proposed changes: Bills, not law), read and checked as strictly as
the codes' own rules; every error names the file and line.

Notes never touch a version's text: they live in their own file, are shown apart from the code's words, and
are not in the lock's hash of the text. A figure of the law is never typed into prose: a note, a proposal or a
provision's words write `{figure-id}` (its newest value) or `{figure-id[N]}` (its Nth), so that a new value cannot
leave them saying the old one. Each figure, provision, note and proposal says when it was last checked, and by when
it must be checked again: past that day the build warns and the pages say so.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from pathlib import Path

import checkers
from checkers import law as statute
from checkers.citation import Citation
from checkers.content import Code, ContentError, gatherer, nearest, not_a_code, not_a_version, raise_together
from checkers.money_and_dates import pounds, written_date

from .source import first_line_holding, parse_date, read_text, read_yaml

FIGURES_FILE = "figures.yml"
NOTES_FILE = "notes.yml"
PROPOSALS_FILE = "proposals.yml"
FIGURE_ID = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
# {figure-id} or {figure-id[2]}, in prose.
REFERENCE = re.compile(r"\{([a-z0-9]+(?:-[a-z0-9]+)*)(?:\[(\d+)\])?\}")
# An amount of money as typed; allowed in prose only inside double quotes that the clause itself says.
AMOUNT = re.compile(r"£\s?\d[\d,]*(?:\.\d+)?")
QUOTED = re.compile(r"\"([^\"]*)\"|“([^”]*)”")


@dataclass(frozen=True)
class Note:
    code: str
    version: str
    clause: str
    date: dt.date  # last checked against its sources
    title: str
    text: str
    sources: tuple[statute.Source, ...]
    check_by: dt.date | None = None
    written_for: str = ""  # carried to a later version whose clause reads the same: the version it was written for

    @property
    def anchor(self) -> str:
        """The note's own anchor on its version's page."""
        return f"note-{self.clause}"

    @property
    def checked(self) -> statute.Checked:
        return statute.Checked(self.date, self.check_by or self.date)

    @property
    def urn(self) -> str:
        return f"urn:codes-of-conduct:note:{self.code}@{self.version}#{self.clause}:{self.date.isoformat()}"


@dataclass(frozen=True)
class Proposal:
    """A proposed change to the law (a Bill), shown apart from the law in force; it changes no answer."""

    id: str
    title: str
    stage: str
    stage_date: dt.date
    published: dt.date
    date: dt.date  # last checked
    check_by: dt.date
    text: str
    figures: tuple[str, ...]
    clauses: tuple[Citation, ...]
    sources: tuple[statute.Source, ...]

    @property
    def anchor(self) -> str:
        return f"proposal-{self.id}"

    @property
    def checked(self) -> statute.Checked:
        return statute.Checked(self.date, self.check_by)

    @property
    def urn(self) -> str:
        return f"urn:codes-of-conduct:proposal:{self.id}:{self.date.isoformat()}"

    def touches(self, code: str, version: str, clause: str) -> bool:
        return Citation(code, version, clause) in self.clauses


def _read(path: Path):
    try:
        text = read_text(path)
    except FileNotFoundError:
        raise ContentError(path, None, "missing: the site needs this file (see docs/maintainers/reference.md, \"Notes on the law\")") from None
    return read_yaml(text, path, 1)


def _text(data: dict, name: str, path: Path, lines: dict, where: str, shown: str) -> str:
    value = data.get(name)
    if not isinstance(value, str) or not value.strip():
        raise ContentError(path, lines.get(f"{where}.{name}") or lines.get(where), f"{shown}: {name} is required, as text")
    return " ".join(value.split())


def _sources(items, path: Path, lines: dict, where: str, owner: str = "") -> tuple[statute.Source, ...]:
    """`owner`: how the messages name what the sources belong to ("note 4"), else from `where`."""
    owner = owner or _owner(where.removesuffix(".sources"))
    if not isinstance(items, list) or not items:
        raise ContentError(path, lines.get(where) or lines.get(where.rpartition(".")[0]),
                           f"{owner} needs at least one source: '- title: ...' and 'url: https://...'")
    found = []
    for index, item in enumerate(items):
        at = f"{where}[{index}]"
        shown = f"{owner}, source {index + 1}"
        if not isinstance(item, dict) or set(item) != {"title", "url"}:
            raise ContentError(path, lines.get(at), f"{shown} must have exactly a title and a url")
        if not isinstance(item["url"], str) or not item["url"].startswith("https://"):
            raise ContentError(path, lines.get(f"{at}.url"), f"{shown}: its url must be an https:// address")
        found.append(statute.Source(" ".join(str(item["title"]).split()), item["url"]))
    return tuple(found)


def _owner(where: str) -> str:
    """A place in a law file as a person counts it, from 1: "entry 2", "figure x, value 1", never "[1]" or "[0]"."""
    match = re.fullmatch(r"\[(\d+)\]", where)
    if match:
        return f"entry {int(match[1]) + 1}"
    match = re.fullmatch(r"figures\.([\w-]+)\.values\[(\d+)\]", where)
    if match:
        return f"figure {match[1]}, value {int(match[2]) + 1}"
    match = re.fullmatch(r"(figure|provision)s\.([\w-]+)", where)
    return f"{match[1]} {match[2]}" if match else where


def _checked(item: dict, path: Path, lines: dict, at: str, shown: str, today: dt.date) -> statute.Checked:
    """When it was last checked against its sources, and when it must be checked again: both required, in order, and
    the first not after today."""
    on_name = "date" if "date" in item else "checked"
    on = parse_date(item.get(on_name), path, lines.get(f"{at}.{on_name}"), f"{shown}: {on_name}")
    by = parse_date(item.get("check_by"), path, lines.get(f"{at}.check_by"), f"{shown}: check_by")
    if on is None:
        raise ContentError(path, lines.get(at), f"{shown} needs {on_name}: the day it was last checked against its "
                           "sources (YYYY-MM-DD)")
    if by is None:
        raise ContentError(path, lines.get(at), f"{shown} needs check_by: the day by which it must be checked again "
                           "(YYYY-MM-DD)")
    if by < on:
        raise ContentError(path, lines.get(f"{at}.check_by"), f"{shown}: check_by ({by.isoformat()}) is before the day "
                           f"it was checked ({on.isoformat()})")
    if on > today:
        raise ContentError(path, lines.get(f"{at}.{on_name}"), f"{shown}: its {on_name} day {on.isoformat()} is after "
                           "today: give the day it was written or last checked against its sources")
    return statute.Checked(on, by)


def _start(value, path: Path, line: int | None, where: str) -> dt.date | None:
    if value == statute.NOT_CONFIRMED:
        return None
    if value is None:
        raise ContentError(path, line, f"{where}.from is required: the first day the value applied (YYYY-MM-DD), "
                           f"or \"{statute.NOT_CONFIRMED}\" where no source confirms it")
    return parse_date(value, path, line, f"{where}.from")


def _values(items, path: Path, lines: dict, where: str, unit: str, shown: str) -> tuple[statute.Value, ...]:
    if not isinstance(items, list) or not items:
        raise ContentError(path, lines.get(where), f"{shown} needs at least one value")
    values = []
    fields = ("value", "from", "in_force_on", "not_before", "basis", "sources")
    for index, item in enumerate(items):
        at = f"{where}[{index}]"
        named = f"{shown}, value {index + 1}"
        _entry(item, fields, path, lines, at, named, "must be 'value', 'from', 'basis' and 'sources'",
               f"; the fields are {', '.join(fields)}")
        try:
            amount = Decimal(str(item.get("value")))
        except InvalidOperation:
            amount = None
        if isinstance(item.get("value"), bool) or amount is None or not amount.is_finite() or amount <= 0 or \
                (unit == "days" and amount != amount.to_integral_value()):
            raise ContentError(path, lines.get(f"{at}.value") or lines.get(at),
                               f"{named}: value must be a positive number{' of whole days' if unit == 'days' else ''}")
        start = _start(item.get("from"), path, lines.get(f"{at}.from") or lines.get(at), named)
        in_force_on = parse_date(item.get("in_force_on"), path, lines.get(f"{at}.in_force_on"), f"{named}: in_force_on")
        not_before = parse_date(item.get("not_before"), path, lines.get(f"{at}.not_before"), f"{named}: not_before")
        if start and (in_force_on or not_before):
            raise ContentError(path, lines.get(f"{at}.in_force_on") or lines.get(f"{at}.not_before"),
                               f"{named}: in_force_on and not_before are only for a value whose first day is not "
                               "confirmed; this one has a date in 'from'")
        if not_before and in_force_on and not_before > in_force_on:
            raise ContentError(path, lines.get(f"{at}.not_before"), f"{named}: not_before ({not_before.isoformat()}) is "
                               f"after in_force_on ({in_force_on.isoformat()}), a day it already applied")
        values.append(statute.Value(amount, start, in_force_on, _text(item, "basis", path, lines, at, named),
                                    _sources(item.get("sources"), path, lines, f"{at}.sources"), not_before))
    # Dates ascend: each confirmed day (first day or day shown in force) is after the one before.
    last = None
    for index, value in enumerate(values):
        day = value.relied_from
        if day and last and day <= last:
            at = f"{where}[{index}]"
            raise ContentError(path, lines.get(f"{at}.{'from' if value.start else 'in_force_on'}") or lines.get(at),
                               f"{shown}, value {index + 1}: the values must be in the order they applied, each dated "
                               f"after the one before ({day.isoformat()} is not after {last.isoformat()})")
        last = day or last
    return tuple(values)


def render(text: str, law: statute.Law | None, path: Path, line: int | None, where: str) -> str:
    """Prose with each {figure-id} or {figure-id[N]} replaced by that value of the figure, as its unit writes it."""
    def value(match: re.Match) -> str:
        figure = law.figures.get(match[1]) if law else None
        if figure is None:
            raise ContentError(path, line, f"{where} refers to {{{match[1]}}}, which is not a figure in "
                               f"docs/law/{FIGURES_FILE}" + (f"; the figures are {', '.join(law.figures)}" if law else ""))
        number = int(match[2]) if match[2] else len(figure.values)
        if not 1 <= number <= len(figure.values):
            raise ContentError(path, line, f"{where} refers to value {number} of {match[1]}, which has "
                               f"{len(figure.values)} (counted from 1)")
        amount = figure.values[number - 1].amount
        return f"{amount:f} days" if figure.unit == "days" else pounds(amount)

    return REFERENCE.sub(value, text)


def _line_with(path: Path, start: int | None, needle: str) -> int | None:
    """The first line from `start` on (a field's line, its text folded below it) that holds `needle`."""
    return None if start is None else first_line_holding(path, needle, start) or start


def check_amounts(raw: str, clause_text: str, path: Path, line: int | None, where: str) -> None:
    """No amount of money typed into prose, but inside a quotation of the clause's own words (where there is a clause:
    prose about no clause, a provision's or a glossary term's, quotes none)."""
    quoted_spans = [m.span() for m in QUOTED.finditer(raw)]
    for match in AMOUNT.finditer(raw):
        inside = next((s for s in quoted_spans if s[0] < match.start() < s[1]), None)
        if inside is None:
            quote = ", or quote the clause's own words in double quotes" if clause_text else ""
            raise ContentError(path, _line_with(path, line, match[0]), f"{where} types the amount {match[0]}: write the figure as {{figure-id}} "
                               f"(a figure of docs/law/{FIGURES_FILE}), so that it follows the law's data{quote}")
        quotation = " ".join(raw[inside[0] + 1:inside[1] - 1].split())
        if quotation not in " ".join(clause_text.split()):
            raise ContentError(path, _line_with(path, line, match[0]), f"{where} quotes \"{quotation}\", which the clause does not say in those "
                               "words: quote them exactly, or write the figure as {figure-id}")


def glossary_with_figures(terms: dict, law: statute.Law | None, path: Path) -> dict:
    """The glossary with each meaning's {figure-id} written as the figure's newest value. An amount typed into a
    meaning is refused: it would stay behind when the law's data moves."""
    problems: list[ContentError] = []
    attempt = gatherer(problems)

    def rendered(term):
        where = f"the glossary's meaning of {term.term!r}"
        check_amounts(term.meaning, "", path, term.line, where)
        return dataclasses.replace(term, meaning=render(term.meaning, law, path, term.line, where))

    found = {ident: attempt(rendered, term) for ident, term in terms.items()}
    raise_together(problems)
    return found


def load_figures(path: Path, codes: dict[str, Code], today: dt.date) -> statute.Law:
    """The law's figures and provisions, checked; each version whose clause applies the Act is linked to it."""
    data, lines = _read(path)
    if not isinstance(data, dict):
        raise ContentError(path, 1, "the file must be fields: title, guidance, figures, provisions, applies_to")
    known = {"title", "guidance", "figures", "provisions", "applies_to"}
    name = _unknown_field(data, known)
    if name is not None:
        moved = " (each figure now says when it was checked: checked and check_by under it)" if name == "checked" else ""
        raise ContentError(path, lines.get(name), f"unknown field {name!r}{moved}{nearest(name, known)}: the fields are {', '.join(sorted(known))}")
    figures = {}
    if not isinstance(data.get("figures"), dict) or not data["figures"]:
        raise ContentError(path, lines.get("figures"), "figures must be a set of figures, each under its id")
    for figure_id, item in data["figures"].items():
        at, shown = f"figures.{figure_id}", f"figure {figure_id}"
        if not FIGURE_ID.match(str(figure_id)):
            raise ContentError(path, lines.get(at), f"the figure id {figure_id!r} uses lower-case letters, digits and '-' only")
        fields = {"title", "provision", "url", "counts", "unit", "runs_from", "values", "checked", "check_by"}
        _entry(item, fields, path, lines, at, shown, "must be followed by its fields, one 'name: value' a line, "
               f"indented under it as the other figures' are ({', '.join(sorted(fields))})")
        if item.get("counts") not in statute.COUNTS:
            raise ContentError(path, lines.get(f"{at}.counts") or lines.get(at),
                               f"{shown}: counts must be one of {', '.join(statute.COUNTS)}")
        if item.get("unit") not in statute.UNITS:
            raise ContentError(path, lines.get(f"{at}.unit") or lines.get(at), f"{shown}: unit must be one of {', '.join(statute.UNITS)}")
        url = item.get("url")
        if not isinstance(url, str) or not url.startswith("https://"):
            raise ContentError(path, lines.get(f"{at}.url") or lines.get(at), f"{shown}: url must be the provision's https:// address")
        figures[figure_id] = statute.Figure(
            figure_id, _text(item, "title", path, lines, at, shown), _text(item, "provision", path, lines, at, shown), url,
            item["counts"], item["unit"], _values(item.get("values"), path, lines, f"{at}.values", item["unit"], shown),
            " ".join(str(item.get("runs_from") or "").split()), _checked(item, path, lines, at, shown, today))
    for checker, declared in checkers.CHECKERS.items():
        for figure_id in declared.law_figures:
            if figure_id not in figures:
                raise ContentError(path, lines.get("figures"), f"the {checker} checker cites the statutory figure "
                                   f"{figure_id!r}, which this file does not have")
    law = statute.Law(" ".join(str(data.get("title") or "").split()) or "the Act", figures,
                      _applications(data.get("applies_to"), path, lines, codes),
                      _sources(data.get("guidance"), path, lines, "guidance"))
    law.provisions.update(_provisions(data.get("provisions"), path, lines, law, today))
    statute.attach(law, codes, lambda version: _applying_clause(law, version))
    return law


def _provisions(items, path: Path, lines: dict, law: statute.Law, today: dt.date) -> dict[str, statute.Provision]:
    if items is None:
        return {}
    if not isinstance(items, dict):
        raise ContentError(path, lines.get("provisions"), "provisions must be a set of provisions, each under its id")
    found = {}
    for provision_id, item in items.items():
        at, shown = f"provisions.{provision_id}", f"provision {provision_id}"
        fields = {"title", "provision", "url", "says", "sources", "checked", "check_by"}
        if not isinstance(item, dict) or set(item) - fields:
            raise ContentError(path, lines.get(at), f"{shown} has the fields {', '.join(sorted(fields))}")
        url = item.get("url")
        if not isinstance(url, str) or not url.startswith("https://"):
            raise ContentError(path, lines.get(f"{at}.url") or lines.get(at), f"{shown}: url must be an https:// address")
        says = render(_text(item, "says", path, lines, at, shown), law, path, lines.get(f"{at}.says"), f"{shown}: says")
        check_amounts(_text(item, "says", path, lines, at, shown), "", path, lines.get(f"{at}.says"), f"{shown}: says")
        found[provision_id] = statute.Provision(provision_id, _text(item, "title", path, lines, at, shown),
                                                _text(item, "provision", path, lines, at, shown), url, says,
                                                _sources(item.get("sources"), path, lines, f"{at}.sources"),
                                                _checked(item, path, lines, at, shown, today))
    return found


def _applications(items, path: Path, lines: dict, codes: dict[str, Code]) -> list[statute.Application]:
    if not isinstance(items, list):
        raise ContentError(path, lines.get("applies_to"), "applies_to must list the clauses that apply the Act")
    found = []
    for index, item in enumerate(items):
        at, shown = f"applies_to[{index}]", f"applies_to, entry {index + 1}"
        if not isinstance(item, dict) or not {"code", "clause", "wording"} <= set(item) or set(item) - {"code", "clause", "wording", "ask"}:
            raise ContentError(path, lines.get(at), f"{shown} must have code, clause and wording (and may have ask)")
        code, clause = str(item["code"]), str(item["clause"])
        if code not in codes:
            raise ContentError(path, lines.get(f"{at}.code"), f"{shown}: {not_a_code(code, codes)}")
        application = statute.Application(code, clause, " ".join(str(item["wording"]).split()),
                                          " ".join(str(item.get("ask") or "").split()))
        stating = [v for v in codes[code].versions if _states(v, application)]
        if not stating:
            raise ContentError(path, lines.get(f"{at}.wording"), f"{shown}: no version of {code} has #{clause} with the "
                               f"words \"{application.wording}\"{' and ' + repr(application.ask) if application.ask else ''}")
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


def _entry(item, fields, path: Path, lines: dict, at: str, shown: str, needs: str, listed: str = "") -> None:
    """An entry of one of the law's files is a mapping of known fields: else a ContentError at its line, saying what it
    `needs`, or at the unknown field's, followed by how the fields are `listed`."""
    if not isinstance(item, dict):
        raise ContentError(path, lines.get(at), f"{shown} {needs}")
    unknown = _unknown_field(item, fields)
    if unknown is not None:
        raise ContentError(path, lines.get(f"{at}.{unknown}"), f"{shown}: unknown field {unknown!r}"
                           f"{nearest(unknown, fields)}{listed}")


def _unknown_field(item: dict, fields):
    """The first field an entry has beyond `fields`, or None. Sorted as text: YAML may name a field by a number."""
    return min(set(item) - set(fields), key=str, default=None)


def _version_of(codes: dict[str, Code], item: dict, path: Path, lines: dict, at: str, shown: str):
    if item.get("code") in (None, ""):
        raise ContentError(path, lines.get(at), f"{shown} has no code: add 'code: ' and one of {', '.join(codes)}")
    code = codes.get(str(item.get("code")))
    if code is None:
        raise ContentError(path, lines.get(f"{at}.code") or lines.get(at), f"{shown}: {not_a_code(item.get('code'), codes)}")
    if item.get("version") in (None, ""):
        raise ContentError(path, lines.get(at), f"{shown} has no version: add 'version: ' and one of "
                           f"{', '.join(v.id for v in code.versions)}")
    version = code.get(str(item.get("version")))
    if version is None:
        raise ContentError(path, lines.get(f"{at}.version") or lines.get(at), f"{shown}: {not_a_version(code, item.get('version'))}")
    return code, version


NOTE_FIELDS = ("code", "version", "clause", "date", "check_by", "title", "text", "sources")


def load_notes(path: Path, codes: dict[str, Code], today: dt.date, law: statute.Law | None = None) -> list[Note]:
    """Notes on clauses, each on a clause that exists in the version it names, its figures by reference. Every note
    is checked, whatever the others hold, and their problems are reported together."""
    data, lines = _read(path)
    if data is None:
        return []
    if not isinstance(data, list):
        raise ContentError(path, 1, "the notes must be a list, each starting '- code: ...'")
    notes: list[Note] = []
    problems: list[ContentError] = []
    attempt = gatherer(problems)
    for index, item in enumerate(data):
        note = attempt(_note, item, index, path, lines, codes, today, law)
        if note is None:
            continue
        if any(n.code == note.code and n.version == note.version and n.clause == note.clause for n in notes):
            problems.append(ContentError(path, lines.get(f"[{index}]"), f"note {index + 1}: "
                                         f"{Citation(note.code, note.version, note.clause)} already has a note: put both in one"))
        else:
            notes.append(note)
    raise_together(problems)
    return notes


def _note(item, index: int, path: Path, lines: dict, codes: dict[str, Code], today: dt.date, law) -> Note:
    at, shown = f"[{index}]", f"note {index + 1}"
    line = lines.get(at)
    _entry(item, NOTE_FIELDS, path, lines, at, shown, f"needs {', '.join(NOTE_FIELDS)}",
           f"; a note has {', '.join(NOTE_FIELDS)}")
    code, version = _version_of(codes, item, path, lines, at, shown)
    if item.get("clause") in (None, ""):
        raise ContentError(path, line, f"{shown} has no clause: add the clause it is about, as its link ends, e.g. "
                           f"clause: \"{next(u.id for u in version.units if u.kind != 'section')}\"")
    clause = str(item.get("clause"))
    if clause not in version.by_id:
        raise ContentError(path, lines.get(f"{at}.clause") or line, f"{shown}: {version.citation} has no clause #{clause}"
                           f"{nearest(clause, version.by_id)}: write the anchor its clause's permanent link ends with, "
                           f"as on the code's page ({version.citation.url})")
    # The days, the words and the sources do not depend on one another: each one's problems are named in one round.
    problems: list[ContentError] = []
    attempt = gatherer(problems)

    def words(name: str) -> str:
        raw = _text(item, name, path, lines, at, shown)
        check_amounts(raw, version.scope_text(clause), path, lines.get(f"{at}.{name}"), f"{shown}: {name}")
        return render(raw, law, path, lines.get(f"{at}.{name}"), f"{shown}: {name}")

    checked = attempt(_checked, item, path, lines, at, shown, today)
    title, text = attempt(words, "title"), attempt(words, "text")
    sources = attempt(_sources, item.get("sources"), path, lines, f"{at}.sources", shown)
    raise_together(problems)
    return Note(code.code, version.id, clause, checked.on, title, text, sources, checked.by)


def load_proposals(path: Path, codes: dict[str, Code], today: dt.date, law: statute.Law | None) -> list[Proposal]:
    """Proposed changes to the law, each touching figures and clauses that exist; none changes an answer."""
    data, lines = _read(path)
    if data is None:
        return []
    if not isinstance(data, list):
        raise ContentError(path, 1, "the proposals must be a list, each starting '- id: ...'")
    found: list[Proposal] = []
    problems: list[ContentError] = []
    attempt = gatherer(problems)
    # Each proposal is checked, whatever the others hold, and their problems are reported together.
    for index, item in enumerate(data):
        proposal = attempt(_proposal, item, index, found, path, lines, codes, today, law)
        if proposal:
            found.append(proposal)
    raise_together(problems)
    return found


_PROPOSAL_FIELDS = ("id", "title", "stage", "stage_date", "published", "date", "check_by", "text", "touches", "sources")


def _proposal(item, index: int, found: list, path: Path, lines: dict, codes: dict[str, Code], today: dt.date,
              law) -> Proposal:
    """One proposal, checked; `found`: those before it, whose ids it must not repeat."""
    fields = _PROPOSAL_FIELDS
    at, shown = f"[{index}]", f"proposal {index + 1}"
    _entry(item, fields, path, lines, at, shown, f"needs {', '.join(fields)}", f"; a proposal has {', '.join(fields)}")
    proposal_id = str(item.get("id") or "")
    if not FIGURE_ID.match(proposal_id) or any(p.id == proposal_id for p in found):
        raise ContentError(path, lines.get(f"{at}.id") or lines.get(at), f"{shown}: id must be its own, in lower-case "
                           "letters, digits and '-'")
    checked = _checked(item, path, lines, at, shown, today)
    days = {name: parse_date(item.get(name), path, lines.get(f"{at}.{name}"), f"{shown}: {name}")
            for name in ("stage_date", "published")}
    for name, day in days.items():
        if day is None:
            raise ContentError(path, lines.get(at), f"{shown} needs {name} (YYYY-MM-DD)")
        if day > today:
            raise ContentError(path, lines.get(f"{at}.{name}"), f"{shown}: {name} {day.isoformat()} is after today")
    touches = item.get("touches")
    if not isinstance(touches, dict) or set(touches) - {"figures", "clauses"} or not touches:
        raise ContentError(path, lines.get(f"{at}.touches") or lines.get(at), f"{shown}: touches lists the figures "
                           "(by id) and the clauses (code@version#clause) it would change")
    figures = tuple(str(f) for f in touches.get("figures") or [])
    for figure_id in figures:
        if law is None or figure_id not in law.figures:
            raise ContentError(path, lines.get(f"{at}.touches.figures"), f"{shown}: {figure_id!r} is not a figure in "
                               f"docs/law/{FIGURES_FILE}")
    clauses = []
    for text in touches.get("clauses") or []:
        try:
            cite = Citation.parse(str(text))
        except ValueError as error:
            raise ContentError(path, lines.get(f"{at}.touches.clauses"), f"{shown}: {error}") from None
        _, version = _version_of(codes, {"code": cite.code, "version": cite.version}, path, lines, at, shown)
        if not cite.version or not cite.clause or cite.clause not in version.by_id:
            raise ContentError(path, lines.get(f"{at}.touches.clauses"), f"{shown}: {text} is not a clause of a "
                               "version on this site (write code@version#clause)")
        clauses.append(cite)
    words = {}
    for name in ("title", "stage", "text"):
        raw = _text(item, name, path, lines, at, shown)
        check_amounts(raw, "", path, lines.get(f"{at}.{name}"), f"{shown}: {name}")
        words[name] = render(raw, law, path, lines.get(f"{at}.{name}"), f"{shown}: {name}")
    return Proposal(proposal_id, words["title"], words["stage"], days["stage_date"], days["published"], checked.on,
                    checked.by, words["text"], figures, tuple(clauses),
                    _sources(item.get("sources"), path, lines, f"{at}.sources", shown))


def overdue(law: statute.Law | None, notes: list[Note], proposals: list[Proposal], today: dt.date,
            docs: Path) -> list[tuple[Path, str, str]]:
    """Everything of the law past the day by which it was to be checked again: (file, what, message)."""
    found = []
    if law:
        for figure in law.figures.values():
            if figure.checked and figure.checked.overdue(today):
                found.append((docs / "law" / FIGURES_FILE, f"figures.{figure.id}",
                              f"the figure {figure.id} was due to be checked again by {figure.checked.by.isoformat()}"))
        for provision in law.provisions.values():
            if provision.checked and provision.checked.overdue(today):
                found.append((docs / "law" / FIGURES_FILE, f"provisions.{provision.id}",
                              f"the provision {provision.id} was due to be checked again by {provision.checked.by.isoformat()}"))
    for index, note in enumerate(notes):
        if note.checked.overdue(today):
            found.append((docs / "law" / NOTES_FILE, f"[{index}]", f"note {index + 1} ({note.title}) was due to be "
                          f"checked again by {note.checked.by.isoformat()}"))
    for index, proposal in enumerate(proposals):
        if proposal.checked.overdue(today):
            found.append((docs / "law" / PROPOSALS_FILE, f"[{index}]", f"proposal {index + 1} ({proposal.title}) was "
                          f"due to be checked again by {proposal.checked.by.isoformat()}"))
    return found


def figures_currency(law: statute.Law, today: dt.date) -> str:
    """How current the law's figures are, to follow "The law's figures": "were last checked on 2 December 2026", or
    "have not been checked since ..." once any is past its day to be checked again."""
    checks = [f.checked for f in law.figures.values() if f.checked] + [p.checked for p in law.provisions.values() if p.checked]
    if not checks:
        return "have not been checked"
    late = [c for c in checks if c.overdue(today)]
    if late:
        return (f"have not been checked since {written_date(min(c.on for c in late))} (they were due to be checked "
                f"again by {written_date(min(c.by for c in late))})")
    return f"were last checked on {written_date(min(c.on for c in checks))}"


def notes_currency(notes: list, today: dt.date) -> str:
    """How current some notes (or proposals) are: "checked on ...", or "not all checked since ..."."""
    if not notes:
        return ""
    late = [n.checked for n in notes if n.checked.overdue(today)]
    if late:
        return (f"not all checked since {written_date(min(c.on for c in late))} (due to be checked again by "
                f"{written_date(min(c.by for c in late))})")
    return f"checked on {written_date(max(n.checked.on for n in notes))}"
