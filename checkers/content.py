"""The codes and their versions, read from a content folder: `<folder>/<code-id>/<version>.md`.

Only the front matter is read here (metadata and the rules' numbers); the site build parses the
clauses. The same loader serves pytest, the command line and the browser, where the folder is
packaged inside the wheel.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

from . import frontmatter
from .citation import CODE_ID, VERSION_ID, Citation

PACKAGED_CODES = Path(__file__).parent / "codes"
REPOSITORY_CODES = Path(__file__).parent.parent / "docs" / "codes"

STATUSES = ("in-force", "superseded", "withdrawn")
REQUIRED = ("title", "issuer", "applies_to", "version", "published", "status", "source", "summary")
OPTIONAL = ("short_title", "in_force_from", "in_force_until", "numbering", "rules", "anchors")
NUMBERINGS = ("whole-code", "per-section")


class ContentError(ValueError):
    """A problem in a content file, naming the file and (where known) the line."""

    def __init__(self, path: Path | str, line: int | None, message: str):
        where = f"{path}:{line}" if line else f"{path}"
        super().__init__(f"{where}: {message}")
        self.path = str(path)
        self.line = line
        self.message = message


@dataclass
class CodeVersion:
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
    in_force_until: dt.date | None
    rules: dict
    path: Path
    body: str
    body_line: int
    field_lines: dict = field(default_factory=dict)  # the file line of each field, by dotted path
    anchors: dict = field(default_factory=dict)

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


@dataclass
class Code:
    code: str
    versions: list[CodeVersion]

    @property
    def current(self) -> CodeVersion:
        return self.versions[-1]

    def get(self, version: str) -> CodeVersion | None:
        return next((v for v in self.versions if v.version == version), None)

    def in_force_until(self, index: int) -> dt.date | None:
        """The last day a version was in force: stated, or the day before its successor began."""
        version = self.versions[index]
        if version.in_force_until:
            return version.in_force_until
        if index + 1 < len(self.versions) and self.versions[index + 1].in_force_from:
            return self.versions[index + 1].in_force_from - dt.timedelta(days=1)
        return None

    def version_on(self, day: dt.date) -> CodeVersion | None:
        """The version in force on a day, or None when no version was."""
        for index, version in enumerate(self.versions):
            start, end = version.in_force_from, self.in_force_until(index)
            if (start is None or start <= day) and (end is None or day <= end):
                return version
        return None


def parse_date(value, path: Path, line: int | None, name: str) -> dt.date | None:
    if value is None:
        return None
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value))
    except ValueError:
        raise ContentError(path, line, f"{name} must be a date written YYYY-MM-DD, not {value!r}") from None


def read_version(path: Path, code: str) -> CodeVersion:
    """Read one version file's front matter and body, checking every field."""
    try:
        source = path.read_text(encoding="utf-8")
    except UnicodeDecodeError:
        raise ContentError(path, None, "the file is not UTF-8 text: save it as UTF-8") from None
    try:
        front, body, body_line = frontmatter.split_front_matter(source)
        lines: dict[str, int] = {}
        data = frontmatter.parse(front, 2, lines)
    except frontmatter.FrontMatterError as error:
        raise ContentError(path, error.line, error.message) from None
    for name in REQUIRED:
        if data.get(name) in (None, ""):
            raise ContentError(path, 1, f"the front matter has no {name!r}: add '{name}: ...' (see docs/maintainers/)")
    for name in data:
        if name not in REQUIRED + OPTIONAL:
            known = ", ".join(REQUIRED + OPTIONAL)
            raise ContentError(path, lines.get(name), f"unknown field {name!r}: the fields are {known}")
    version = str(data["version"])
    if version != path.stem:
        raise ContentError(path, lines.get("version"), f"version is {version!r} but the file is named {path.name!r}: they must match")
    if not VERSION_ID.match(version):
        raise ContentError(path, lines.get("version"), "a version id uses letters, digits, '.' and '-' only")
    if data["status"] not in STATUSES:
        raise ContentError(path, lines.get("status"), f"status must be one of {', '.join(STATUSES)}, not {data['status']!r}")
    numbering = data.get("numbering") or "whole-code"
    if numbering not in NUMBERINGS:
        raise ContentError(path, lines.get("numbering"), f"numbering must be one of {', '.join(NUMBERINGS)}")
    rules = data.get("rules") or {}
    if not isinstance(rules, dict):
        raise ContentError(path, lines.get("rules"), "rules must be a set of 'checker:' entries")
    return CodeVersion(
        code=code,
        version=version,
        title=str(data["title"]),
        short_title=str(data.get("short_title") or data["title"]),
        issuer=str(data["issuer"]),
        applies_to=str(data["applies_to"]),
        published=parse_date(data["published"], path, lines.get("published"), "published"),
        status=data["status"],
        source=str(data["source"]),
        summary=str(data["summary"]),
        numbering=numbering,
        in_force_from=parse_date(data.get("in_force_from"), path, lines.get("in_force_from"), "in_force_from"),
        in_force_until=parse_date(data.get("in_force_until"), path, lines.get("in_force_until"), "in_force_until"),
        rules=rules,
        path=path,
        body=body,
        body_line=body_line,
        field_lines=lines,
        anchors=data.get("anchors") or {},
    )


def _order(versions: list[CodeVersion]) -> list[CodeVersion]:
    # Versions follow each other by the date they took effect, else by publication date.
    return sorted(versions, key=lambda v: (v.in_force_from or v.published, v.published, v.version))


def check_periods(code: Code) -> None:
    """In-force periods follow each other in order and never overlap; statuses agree."""
    for index, version in enumerate(code.versions):
        line = version.field_lines.get("in_force_until")
        if version.in_force_from and version.in_force_until and version.in_force_until < version.in_force_from:
            raise ContentError(version.path, line, "in_force_until is before in_force_from")
        if index and version.in_force_from is None:
            raise ContentError(version.path, 1, "a version after the first must say when it took effect: add in_force_from")
        if index + 1 < len(code.versions):
            following = code.versions[index + 1]
            if version.in_force_until and following.in_force_from and following.in_force_from <= version.in_force_until:
                raise ContentError(following.path, following.field_lines.get("in_force_from"),
                                   f"in force from {following.in_force_from} overlaps {version.citation}, in force until {version.in_force_until}")
            if version.status == "in-force":
                raise ContentError(version.path, version.field_lines.get("status"),
                                   f"{following.citation} replaces this version: set 'status: superseded' here")
    if code.current.status == "superseded":
        raise ContentError(code.current.path, code.current.field_lines.get("status"),
                           "the newest version cannot be superseded: set 'status: in-force' (or 'withdrawn')")


def load(folder: Path | str | None = None) -> dict[str, Code]:
    """Every code in a content folder, its versions in order, checked."""
    root = Path(folder) if folder else default_folder()
    if not root.is_dir():
        raise ContentError(root, None, "no such content folder")
    codes: dict[str, Code] = {}
    for directory in sorted(p for p in root.iterdir() if p.is_dir()):
        if not CODE_ID.match(directory.name):
            raise ContentError(directory, None, "a code id uses lower-case letters, digits and '-' only")
        versions = [read_version(p, directory.name) for p in sorted(directory.glob("*.md"))]
        if not versions:
            continue
        code = Code(directory.name, _order(versions))
        check_periods(code)
        codes[code.code] = code
    return codes


def default_folder() -> Path:
    """The repository's docs/codes when run from a checkout, else the copy inside the wheel."""
    return REPOSITORY_CODES if REPOSITORY_CODES.is_dir() else PACKAGED_CODES
