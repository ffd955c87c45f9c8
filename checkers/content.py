"""The codes and their versions: one model for the build, the checkers and the browser.

The build reads each version's file (sitebuild/source.py), checks it, splits its text into units
(sitebuild/clauses.py) and writes what the checkers need as one JSON file (`to_data`): every version's
facts, its rules and its units' names, without the text. The checkers read that file (`load`) with the
standard library alone, in pytest, on the command line and in the browser, where the file is in the wheel.
"""

from __future__ import annotations

import datetime as dt
import functools
import json
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path

from . import law
from .citation import Citation
from .money_and_dates import written_date

DATA_NAME = "codes.json"
PACKAGED_DATA = Path(__file__).parent / DATA_NAME
DATA_FORMAT = 2
STATUSES = ("in-force", "superseded", "withdrawn")
# A version's standing on the day the site was built, from the dates: STATUSES, not yet in force, or ended (its
# in_force_until has passed and no later version took its place).
UPCOMING = "not-yet-in-force"
ENDED = "no-longer-in-force"
NUMBERINGS = ("whole-code", "per-section")
# A Markdown link, [words](target "title"): its words hold no bracket, so that a line of brackets is read in one pass,
# not tried again from each of them.
MARKDOWN_LINK = re.compile(r"\[([^\[\]]*)\]\(([^)\s]*)(?:\s+\"[^\"]*\")?\)")


class ContentError(ValueError):
    """A problem in a content file, naming the file and (where known) the line."""

    def __init__(self, path: Path | str, line: int | None, message: str):
        where = f"{path}:{line}" if line else f"{path}"
        super().__init__(f"{where}: {message}")
        self.path = str(path)
        self.line = line
        self.message = message


class ContentErrors(ContentError):
    """Several problems found in one reading, reported together, so that one round of fixing mends them all."""

    def __init__(self, errors: list[ContentError]):
        first = errors[0]
        super().__init__(first.path, first.line, first.message)
        self.errors = errors
        self.args = ("\n".join(str(error) for error in errors),)


def nearest(given, names) -> str:
    """' (did you mean X?)' where one of the names is a slip of a letter or two from what was given, else ''."""
    given = str(given)
    # The same id in other capitals, or with "_" or a space for "-" ("NEC-candidates", "as-of"): the one meant, however
    # short.
    folded = _folded(given)
    same = min((name for name in map(str, names) if name != given and _folded(name) == folded), default=None)
    if same is not None:
        return f" (did you mean {same}?)"
    # A short id ("12", "4-c") is a number or a letter, not a word misspelt: its neighbour is another clause, not the
    # one meant.
    if len(given) < 5:
        return ""
    found = []
    words = _words(given)
    for name in (str(name) for name in names):
        # Ids that differ only in their numbers or letters ("complaints-procedure-9", "-2", "-p1", or the section
        # "complaints-procedure") are two parts of the code, not a slip.
        edits = _edits(given, name)
        if edits is not None and _words(name) != words:
            found.append((edits, name))
    return f" (did you mean {min(found)[1]}?)" if found else ""


def _folded(name: str) -> str:
    return "-".join(re.split(r"[\s_-]+", name.strip().casefold()))


def _words(anchor: str) -> list[str]:
    """An id's words, without its numbers and letters ("complaints-procedure-p1" -> complaints, procedure)."""
    return [part for part in anchor.split("-") if not re.fullmatch(r"[a-z]?\d*", part)]


def _edits(one: str, other: str, most: int = 2) -> int | None:
    """How many letters apart two texts are (each added, dropped or changed counts one), if no more than `most`.
    Not difflib: that module would be one more for every reader's browser to load, for a maintainer's message."""
    if abs(len(one) - len(other)) > most:
        return None
    previous = list(range(len(other) + 1))
    for i, letter in enumerate(one, start=1):
        current = [i]
        for j, theirs in enumerate(other, start=1):
            current.append(min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (letter != theirs)))
        if min(current) > most:
            return None
        previous = current
    return previous[-1] if previous[-1] <= most else None


def not_a_code(given, codes) -> str:
    """Why an id names no code here: the ids there are, and the nearest where one is close."""
    return f"{str(given)[:60]!r} is not a code on this site{nearest(given, codes)}; the codes are {', '.join(sorted(codes))}"


def not_a_version(code: Code, given) -> str:
    """Why an id names no version of a code: the versions it has."""
    return f"{code.code} has no version {str(given)[:60]}; its versions are {', '.join(v.id for v in code.versions)}"


def each_error(error: ContentError) -> list[ContentError]:
    return list(getattr(error, "errors", [error]))


def print_errors(error: ContentError) -> None:
    """Each problem on its own line of standard error, as every maintainer's command says them."""
    for each in each_error(error):
        print(f"error: {each}", file=sys.stderr)


def gatherer(problems: list[ContentError]):
    """A caller for reads that do not depend on one another: it returns what `read` returns, or None, having put the
    read's problems in `problems`, so that every problem is found in one round and raised together after."""
    def attempt(read, *args):
        try:
            return read(*args)
        except ContentError as error:
            problems.extend(each_error(error))
            return None
    return attempt


def raise_together(errors: list[ContentError]) -> None:
    """Raise the problems found, if any: one as itself, several together."""
    if len(errors) == 1:
        raise errors[0]
    if errors:
        raise ContentErrors(errors)


# Where a unit's Markdown breaks into pieces that read on their own: a blank line, or a line that starts a list entry.
_PASSAGE_BREAK = re.compile(r"\n[ \t]*\n|\n(?=[ \t]*(?:[-*+]|\d+[.)])[ \t])")


def _plain(markdown: str) -> str:
    plain = MARKDOWN_LINK.sub(lambda m: m[1], markdown)
    plain = re.sub(r"(\*\*|\*|__)", "", plain)
    plain = re.sub(r"^\s*(>|[-*+])\s?", "", plain, flags=re.M)
    return " ".join(plain.split())


@dataclass
class Unit:
    """A section (a heading), a numbered clause, a lettered sub-clause or a paragraph, with its permanent anchor."""

    id: str
    kind: str  # section, clause, subclause or paragraph
    label: str  # what the reader sees: "12.", "b.", a heading's text, or "" for paragraphs
    lines: list[str]  # its Markdown; empty in the checkers' data, which carries no text
    line: int  # the file line where the unit starts
    level: int = 0  # heading level, for sections
    numbered_as: str = ""  # the anchor its number gives ("5", "5-b"), before any renumbering in `anchors:`
    name: str = ""  # how a reader names it: "clause 5(b)", "Code of Conduct, clause 3", "section Nominations"
    section: str | None = None
    parent: str | None = None

    @property
    def markdown(self) -> str:
        return "\n".join(self.lines).strip("\n")

    @property
    def text(self) -> str:
        """Plain wording: link targets and emphasis marks dropped, white space folded."""
        return _plain(self.markdown)

    def passages(self) -> list[str]:
        """Its plain wording in the pieces that read on their own: each paragraph, and each entry of a list."""
        return [_plain(piece) for piece in _PASSAGE_BREAK.split(self.markdown) if piece.strip()]

    def title(self) -> str:
        """How a citation names the unit, by its visible number: 'clause 12', 'clause 5(b)', 'section Nominations'."""
        return self.name or self.id


@dataclass
class CodeVersion:
    """One version of a code: its facts as published, the rules its checkers apply, and its units."""

    code: str
    version: str
    title: str
    short_title: str
    issuer: str
    applies_to: str
    published: dt.date
    status: str
    source: str
    summary: str
    numbering: str
    in_force_from: dt.date | None
    in_force_until: dt.date | None  # as stated; `until` is the day it ended, stated or implied
    rules: dict
    anchors: dict = field(default_factory=dict)
    units: list[Unit] = field(default_factory=list)
    index: int = 0  # its place among the code's versions, set by Code
    until: dt.date | None = None  # set by Code
    # Where it was read from, for the build's messages (the checkers' data has none of these).
    path: Path | None = None
    body: str = ""
    body_line: int = 0
    field_lines: dict = field(default_factory=dict)  # the file line of each field, by dotted path
    # Found by the build: references in each unit, and corrections recorded in the lock.
    refs: dict = field(default_factory=dict)
    corrections: list[dict] = field(default_factory=list)
    # The Act as it bears on this version (law.Applied), where one of its clauses says it applies, else None.
    applied_law: object = None
    # Its standing on the day the site was built (set by Code): in-force, superseded, withdrawn, not-yet-in-force or
    # no-longer-in-force.
    standing: str = ""
    # The day the lock recorded it published (set by the build: the day of the build for a version not yet merged),
    # where the lock holds one: see published_here.
    recorded: dt.date | None = None

    @property
    def id(self) -> str:
        return self.version

    @property
    def no_longer_applies(self) -> str:
        """Why this version no longer applies, where it does not (withdrawn, or ended with nothing after it), as on the
        day the site was built, in words a sentence can go on from ("...: it no longer applies"); else ""."""
        if self.standing == "withdrawn":
            return f"This version of the code ({self.citation}) has been withdrawn: it no longer applies"
        if self.standing == ENDED:
            return (f"This version of the code ({self.citation}) was in force until {written_date(self.until)}, and no "
                    "later version is on this site: it no longer applies")
        return ""

    @property
    def marked(self) -> str:
        """Its standing in words where it no longer applies ("withdrawn", "no longer in force"), to mark it wherever it
        is offered or listed; else ""."""
        return self.standing.replace("-", " ") if self.no_longer_applies else ""

    @property
    def published_here(self) -> dt.date:
        """The day this site published it: as the lock recorded it when merged, else as its file says (`published` is
        written when the version is made, which may be days before the merge)."""
        return self.recorded or self.published

    @property
    def citation(self) -> Citation:
        return Citation(self.code, self.version)

    def line_of(self, path: str) -> int | None:
        """The file line of a field ("rules.donations.reporting.threshold"), else of the nearest field above it."""
        while path:
            if path in self.field_lines:
                return self.field_lines[path]
            path = path.rpartition(".")[0]
        return None

    def clause_url(self, clause: str) -> str:
        """Site-relative address of a clause on this version's permanent page."""
        return self.citation.at(clause).url

    @functools.cached_property
    def by_id(self) -> dict[str, Unit]:
        return {unit.id: unit for unit in self.units}

    def unit_name(self, anchor: str) -> str:
        """How a reader names a unit of this version: "clause 12", "Spending Limits and Donation Reporting, item 2"."""
        unit = self.by_id.get(anchor)
        return unit.title() if unit else f"#{anchor}"

    def scope(self, anchor: str) -> list[Unit]:
        """A unit with everything under it: a section's clauses, a clause's sub-clauses."""
        units = self.units
        start = next(i for i, u in enumerate(units) if u.id == anchor)
        head = units[start]
        found = [head]
        for unit in units[start + 1:]:
            if head.kind == "section" and unit.kind == "section" and unit.level <= head.level:
                break
            if head.kind != "section" and unit.parent != head.id:
                break
            found.append(unit)
        return found

    def scope_text(self, anchor: str) -> str:
        """A unit's wording with everything under it."""
        return " ".join(unit.text for unit in self.scope(anchor))


@dataclass
class Code:
    """A code and its versions, in the order they took effect, as they stand on `today` (the day the site was built):
    the current version is the one in force that day; a later one is not yet in force."""

    code: str
    versions: list[CodeVersion]
    today: dt.date | None = None
    _runs: dict = field(default_factory=dict, repr=False)

    def __post_init__(self):
        for index, version in enumerate(self.versions):
            version.index = index
            version.until = self._until(index)
        started = [v for v in self.versions if v.in_force_from is None or self.today is None or v.in_force_from <= self.today]
        self._current = started[-1] if started else self.versions[0]
        for version in self.versions:
            version.standing = ("withdrawn" if version.status == "withdrawn" else
                                "superseded" if version.index < self._current.index else
                                UPCOMING if version.in_force_from and self.today and version.in_force_from > self.today
                                else ENDED if version.until and self.today and version.until < self.today
                                else "in-force")

    @property
    def current(self) -> CodeVersion:
        """The version in force on the day the site was built (the newest, where no day is given)."""
        return self._current

    @property
    def upcoming(self) -> list[CodeVersion]:
        """Versions agreed but not yet in force on the day the site was built."""
        return [v for v in self.versions if v.standing == UPCOMING]

    def get(self, version: str) -> CodeVersion | None:
        return next((v for v in self.versions if v.version == version), None)

    def _until(self, index: int) -> dt.date | None:
        """The last day a version was in force: stated, or the day before its successor began."""
        version = self.versions[index]
        if version.in_force_until:
            return version.in_force_until
        if index + 1 < len(self.versions) and self.versions[index + 1].in_force_from:
            return self.versions[index + 1].in_force_from - dt.timedelta(days=1)
        return None

    def version_on(self, day: dt.date) -> CodeVersion | None:
        """The version in force on a day, or None when no version was."""
        for version in self.versions:
            if (version.in_force_from is None or version.in_force_from <= day) and (version.until is None or day <= version.until):
                return version
        return None

    def wording_runs(self, anchor: str) -> list[list]:
        """A clause through the versions: [wording or None, first version, last version] for each run of
        versions with the same wording. Computed once per clause, so every page's share stays small."""
        if anchor not in self._runs:
            runs: list[list] = []
            for version in self.versions:
                unit = version.by_id.get(anchor)
                key = unit.text if unit else None
                if runs and runs[-1][0] == key:
                    runs[-1][2] = version
                else:
                    runs.append([key, version, version])
            self._runs[anchor] = runs
        return self._runs[anchor]


# --- The checkers' data: what the build writes and the checkers read ------------------------------------

_FACTS = ("code", "version", "title", "short_title", "issuer", "applies_to", "status", "source", "summary", "numbering")
_DATES = ("published", "in_force_from", "in_force_until")
_UNIT_FACTS = ("id", "kind", "label", "name", "section", "parent")


def to_data(codes: dict[str, Code], statute=None) -> dict:
    """The checkers' data: every version's facts, rules and units' names, without the text; and the law's
    dated figures (checkers/law.py), with the clause of each version that applies them."""
    return {"format": DATA_FORMAT, "law": statute.to_data() if statute else None, "codes": [
        {"code": code.code, "today": code.today.isoformat() if code.today else None, "versions": [
            {**{name: getattr(v, name) for name in _FACTS},
             **{name: getattr(v, name).isoformat() if getattr(v, name) else None for name in _DATES},
             "rules": v.rules, "law_clause": v.applied_law.application.clause if v.applied_law else None,
             "units": [{name: getattr(u, name) for name in _UNIT_FACTS} for u in v.units]}
            for v in code.versions]}
        for code in codes.values()]}


def from_data(data: dict) -> dict[str, Code]:
    """The codes from the checkers' data (to_data), each version linked to the law where it applies it."""
    if not isinstance(data, dict) or data.get("format") != DATA_FORMAT:
        raise ValueError(f"not the checkers' data of format {DATA_FORMAT}")
    codes = {}
    clauses = {}
    for code in data["codes"]:
        versions = []
        for item in code["versions"]:
            dates = {name: dt.date.fromisoformat(item[name]) if item[name] else None for name in _DATES}
            units = [Unit(lines=[], line=0, **unit) for unit in item["units"]]
            versions.append(CodeVersion(**{name: item[name] for name in _FACTS}, **dates, rules=item["rules"], units=units))
            clauses[(code["code"], item["version"])] = item.get("law_clause")
        codes[code["code"]] = Code(code["code"], versions, dt.date.fromisoformat(code["today"]) if code.get("today") else None)
    if data.get("law"):
        law.attach(law.from_data(data["law"]), codes, lambda v: clauses[(v.code, v.version)])
    return codes


def load(path: Path | str | None = None) -> dict[str, Code]:
    """The codes from the checkers' data file: by default the one beside this module, which `make setup`
    writes in a checkout and the wheel carries."""
    path = Path(path) if path else PACKAGED_DATA
    if path.exists() and not path.is_file():
        raise ContentError(path, None, "this is not a file (a folder or a device): give the codes' data file that "
                           "'python build_site.py --checkers-data FILE' writes")
    if not path.is_file():
        raise ContentError(path, None, "the codes' data has not been built: run 'make setup' in the repository "
                           "(or 'python build_site.py --checkers-data checkers/codes.json')")
    try:
        return from_data(json.loads(path.read_text(encoding="utf-8")))
    except (ValueError, KeyError, TypeError) as error:
        raise ContentError(path, None, f"not the checkers' data ({error}): build it again with 'make setup'") from None
