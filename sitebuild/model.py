"""Everything the site is made of, loaded and checked: codes, versions, units, references, rules, glossary, topics."""

from __future__ import annotations

import dataclasses
import datetime as dt
import functools
import re
from dataclasses import dataclass, field
from pathlib import Path

import checkers
from checkers import law as statute
from checkers import rules
from checkers.content import Code, CodeVersion, ContentError, each_error, gatherer, nearest, not_a_code, not_a_version, raise_together
from checkers.money_and_dates import written_date

from . import law, references, source, wording


@dataclass
class Term:
    id: str
    term: str
    meaning: str
    also: list[str]
    hover: bool
    link: str | None
    line: int | None = None  # its meaning's line in glossary.yml


@dataclass
class Topic:
    id: str
    title: str
    clauses: list[tuple[str, str]]


@dataclass
class Site:
    codes: dict[str, Code]
    glossary: dict[str, Term]
    topics: list[Topic]
    notices: list[str] = field(default_factory=list)
    law: statute.Law | None = None
    notes: list[law.Note] = field(default_factory=list)
    proposals: list[law.Proposal] = field(default_factory=list)
    today: dt.date | None = None  # the day of the build: which version of each code is current
    law_path: Path | None = None
    # Corrections the lock records of the law's figures, by figure (sitebuild/lock.py), shown on the law's page.
    law_corrections: dict = field(default_factory=dict)
    # Problems that do not stop the build but must be seen (the law past its day to be checked again):
    # (file, line, message), written as warnings on the pull request.
    warnings: list[tuple] = field(default_factory=list)

    def proposals_on(self, code: str, version: str, clause: str) -> list[law.Proposal]:
        """Proposed changes to the law that would touch this clause of this version."""
        return [p for p in self.proposals if p.touches(code, version, clause)]

    def notes_of(self, code: str, version: str) -> dict[str, law.Note]:
        """The notes on the law on a version's clauses, by clause, in the order of its text."""
        return self._notes_by_version.get((code, version), {})

    @functools.cached_property
    def carried_notes(self) -> tuple[list[law.Note], list[tuple[law.Note, str]]]:
        """Notes carried to later versions, and notes a new version lost. A note on a clause holds for each later
        version whose clause reads the same, up to one that has a note of its own there; the first version whose
        clause reads otherwise (or lacks it) loses it: (the note, that version's id)."""
        written = {(n.code, n.version, n.clause) for n in self.notes}
        carried, lost = [], []
        for note in self.notes:
            code = self.codes[note.code]
            wording = code.get(note.version).by_id[note.clause].text
            for later in code.versions[code.get(note.version).index + 1:]:
                if (note.code, later.id, note.clause) in written:
                    break
                unit = later.by_id.get(note.clause)
                if unit is None or unit.text != wording:
                    lost.append((note, later.id))
                    break
                carried.append(dataclasses.replace(note, version=later.id, written_for=note.written_for or note.version))
        return carried, lost

    @functools.cached_property
    def _notes_by_version(self) -> dict[tuple[str, str], dict[str, law.Note]]:
        # Asked for each unit of every page: grouped once (the notes are loaded before any page is written).
        grouped: dict[tuple[str, str], dict[str, law.Note]] = {}
        for note in self.notes + self.carried_notes[0]:
            grouped.setdefault((note.code, note.version), {})[note.clause] = note
        for (code, version), found in grouped.items():
            order = {unit.id: index for index, unit in enumerate(self.codes[code].get(version).units)}
            grouped[(code, version)] = dict(sorted(found.items(), key=lambda item: order[item[0]]))
        return grouped

    def related(self, code: str, anchor: str) -> list[tuple[Topic, list[tuple[str, str]]]]:
        """For a clause of a code's current version: the topics it is in, with the other codes' clauses."""
        return [(topic, [c for c in topic.clauses if c[0] != code])
                for topic in self.topics if (code, anchor) in topic.clauses]


def load(docs: Path, today: dt.date | None = None) -> Site:
    """Load and check the content under `docs`. A ContentError names the file and line of each problem found: the
    files that do not depend on one another are all checked, so that one round of fixing mends them all."""
    if not docs.is_dir():
        raise ContentError(docs, None, "no such content folder: --docs names the folder that holds codes/, "
                           "glossary.yml and the site's pages (docs/ in this project)")
    problems: list[ContentError] = []
    checked = gatherer(problems)
    glossary = checked(load_glossary, docs / "glossary.yml")
    today = today or dt.date.today()
    codes = checked(source.load_codes, docs / "codes", today)
    if codes is None:
        raise_together(problems)
    site = Site(codes, glossary or {}, [])
    site.today = today
    # A content set may have no law beside it (the tests' small one has none): then nothing is compared.
    law_read = True
    if (docs / "law" / law.FIGURES_FILE).exists():
        site.law_path = docs / "law" / law.FIGURES_FILE
        site.law = checked(law.load_figures, site.law_path, site.codes, today)
        law_read = site.law is not None
    else:
        site.notices.append(f"{docs / 'law' / law.FIGURES_FILE} is missing: the checkers do not compare the codes with the law")
    # Notes and proposals name the law's figures: they are read only once the figures have been.
    if law_read and (docs / "law" / law.NOTES_FILE).exists():
        site.notes = checked(law.load_notes, docs / "law" / law.NOTES_FILE, site.codes, today, site.law) or []
    if law_read and (docs / "law" / law.PROPOSALS_FILE).exists():
        site.proposals = checked(law.load_proposals, docs / "law" / law.PROPOSALS_FILE, site.codes, today, site.law) or []
    if law_read and glossary:
        # A meaning states the law's figures by reference, as notes do: the glossary follows the law's data.
        site.glossary = checked(law.glossary_with_figures, glossary, site.law, docs / "glossary.yml") or glossary
    if law_read:
        for path, where, message in law.overdue(site.law, site.notes, site.proposals, today, docs):
            site.warnings.append((path, source.line_in(path, where), f"{message}: read its sources again, correct it if the "
                                  "law has moved, and set the day it was checked and a new check_by "
                                  "(docs/maintainers/reference.md, \"Checking the law again\")"))
    for code in site.codes.values():
        site.notices += source.status_notices(code) + source.order_notices(code)
        for version in code.versions:
            # References may name the glossary's terms: with the glossary unread, they are not checked this round.
            checked(_check_version, site, version, glossary is not None)
        site.notices += removed_anchors(code)
    site.topics = checked(load_topics, docs / "topics.yml", site) or []
    raise_together(problems)
    return site


def check_the_days_ahead(docs: Path, site: Site) -> None:
    """The content as it will stand on each day a version comes into force. A topic, or a reference without a
    version, points at a code's current version: checked only as of today, one that the new version no longer has
    would pass the pull request and stop the daily build of the day it takes effect, leaving the site as it was."""
    problems: list[ContentError] = []
    for day in sorted({version.in_force_from for code in site.codes.values() for version in code.upcoming}):
        coming = ", ".join(str(v.citation) for code in site.codes.values() for v in code.upcoming if v.in_force_from == day)
        try:
            load(docs, day)
        except ContentError as error:
            problems += [ContentError(each.path, each.line, f"on {written_date(day)}, when {coming} comes into force, "
                                      f"{each.message}") for each in each_error(error)]
    raise_together(problems)


def _check_version(site: Site, version: CodeVersion, references_too: bool) -> None:
    rules.check(version)  # the checks below read the rules: their shape comes first
    problems = _unresolved_references(site, version) if references_too else []
    problems += _missing_rule_clauses(version) + _unstated_rule_numbers(version) + _unsaid_rule_words(version)
    raise_together(problems)


def _unresolved_references(site: Site, version: CodeVersion) -> list[ContentError]:
    """Resolve each unit's references; the problems, one per unit, so that a round of fixing sees them all."""
    anchors = set(version.by_id)

    def anchors_of(code: str, version_id: str | None) -> set[str]:
        """The anchors of a code's version (its current one where none is named); LookupError says why there are none."""
        target = site.codes.get(code)
        if target is None:
            raise LookupError(not_a_code(code, site.codes))
        chosen = target.get(version_id) if version_id else target.current
        if chosen is None:
            raise LookupError(not_a_version(target, version_id))
        return set(chosen.by_id)

    numbers = {unit.numbered_as: unit.id for unit in version.units if unit.numbered_as}
    problems: list[ContentError] = []
    attempt = gatherer(problems)
    for unit in version.units:
        found = attempt(references.find, unit, version.code, version.id, anchors, anchors_of, site.glossary,
                        version.path, numbers)
        if found:
            version.refs[unit.id] = found
    return problems


def _missing_rule_clauses(version: CodeVersion) -> list[ContentError]:
    # Every clause a rule names is in the version: a checker never cites a clause that is not there.
    named = [(f"rules.{path}", clause) for path, clause in rules.cited_clauses(version.rules)]
    for name, checker in checkers.CHECKERS.items():
        if name in version.rules:
            held = _field_holding(version.rules[name])
            named += [(f"rules.{name}.{held[clause]}" if clause in held else f"rules.{name}", clause)
                      for clause in checker.clauses_cited(version)]
    named += [(cited.field.rpartition(".")[0] + ".clause", cited.clause) for cited in rules.cited_numbers(version)]
    return [ContentError(version.path, version.line_of(where), f"{where} names clause {clause!r}, which this version "
                         f"does not have{nearest(clause, version.by_id)}")
            for where, clause in dict.fromkeys(named) if clause not in version.by_id]


def _field_holding(rules_data) -> dict[str, str]:
    """The first field of a checker's rules holding each value (in a list or not), so that a clause a checker reads
    from a field not named `clause` ("reminder: complaints-procedure-9") is named at that field's line."""
    held: dict[str, str] = {}
    for path, value in rules.walk(rules_data):
        for each in value if isinstance(value, list) else [value]:
            held.setdefault(str(each), path)
    return held


def _unsaid_rule_words(version: CodeVersion) -> list[ContentError]:
    # Words a checker takes from the text (an address, a subject line, a list) must be the clause's own. A clause
    # that is not there is reported once, by _missing_rule_clauses.
    return [ContentError(version.path, version.line_of(where) or version.line_of(where.split("[")[0]),
                         f"{where} is {words!r}, but #{clause} does not say it in those words: copy them "
                         "from the clause, or cite the clause that says them")
            for checker in checkers.CHECKERS.values() for where, clause, words in checker.cited_words(version)
            if clause in version.by_id and not _says(version, clause, words)]


def _says(version: CodeVersion, clause: str, words: str) -> bool:
    """Whether the clause (or what is under it) says these words: whole words, within one paragraph or one entry of a
    list, so that a list's entries run together ("Written warning Campaigning bans") or part of a word do not pass."""
    wanted = re.compile(rf"(?<!\w){re.escape(' '.join(words.split()))}(?!\w)")
    return any(wanted.search(passage) for unit in version.scope(clause) for passage in unit.passages())


def _unstated_rule_numbers(version: CodeVersion) -> list[ContentError]:
    # Numbers live with the text: each must be stated in the clause it is cited from, in its unit and wording. A
    # clause that is not there is reported once, by _missing_rule_clauses.
    problems = []
    for cited in rules.cited_numbers(version):
        if cited.clause in version.by_id and not wording.stated(cited, version.scope_text(cited.clause)):
            problems.append(ContentError(version.path, version.line_of(cited.field),
                                         f"{cited.field} is {cited.value.normalize():f}, but the text of #{cited.clause} "
                                         f"does not state it as {wording.describe(cited)}: cite the clause that states "
                                         "this number, or correct the number"))
    return problems


def removed_anchors(code: Code) -> list[str]:
    """Anchors that a newer version no longer has: reported, never silently broken."""
    notices = []
    for older, newer in zip(code.versions, code.versions[1:], strict=False):
        for anchor in older.by_id:
            if anchor not in newer.by_id:
                notices.append(f"{newer.citation} removes #{anchor} (it was in {older.id}); "
                               "its comparison page lists it as removed")
    return notices


def _read_yaml_list(path: Path, what: str) -> tuple[list, dict[str, int]]:
    """The file's entries, and the line of each and of each of their fields ("[2]", "[2].id")."""
    try:
        text = source.read_text(path)
    except FileNotFoundError:
        raise ContentError(path, None, f"missing: the site needs its {what}") from None
    data, lines = source.read_yaml(text, path, 1)
    if not isinstance(data, list):
        raise ContentError(path, 1, f"the {what} must be a list of entries, each starting '- id: ...'")
    return data, lines


def _entry(entry, index: int, lines: dict, path: Path, what: str, needed: tuple[str, ...], allowed: tuple[str, ...],
           seen: dict[str, int]) -> int:
    """An entry of the glossary or the topics checked for its fields and its own id; the line it starts on."""
    line = lines.get(f"[{index}]")
    if not isinstance(entry, dict):
        raise ContentError(path, line, f"each {what} entry starts '- id: ...' and has {', '.join(needed)}")
    # An unknown field first: it is most often a needed one misspelt.
    unknown = sorted(set(entry) - set(allowed), key=str)
    if unknown:
        raise ContentError(path, lines.get(f"[{index}].{unknown[0]}", line),
                           f"unknown field {unknown[0]!r}{nearest(unknown[0], allowed)}: the fields are {', '.join(allowed)}")
    missing = [name for name in needed if not entry.get(name)]
    if missing:
        raise ContentError(path, line, f"this {what} entry has no {' or '.join(missing)}: each has {', '.join(needed)}")
    ident = entry["id"]
    if not isinstance(ident, str) or not re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", ident):
        raise ContentError(path, lines.get(f"[{index}].id", line), f"a {what} id uses lower-case letters, digits and '-' only")
    if ident in seen:
        raise ContentError(path, lines.get(f"[{index}].id", line), f"the {what} id {ident!r} is used twice (first at line "
                           f"{seen[ident]}): give each entry its own id")
    seen[ident] = lines.get(f"[{index}].id", line)
    return line


def load_glossary(path: Path) -> dict[str, Term]:
    terms: dict[str, Term] = {}
    entries, lines = _read_yaml_list(path, "glossary")
    seen: dict[str, int] = {}
    for index, entry in enumerate(entries):
        line = _entry(entry, index, lines, path, "glossary", ("id", "term", "meaning"),
                      ("id", "term", "meaning", "also", "hover", "link"), seen)
        for name in ("term", "meaning"):
            if not isinstance(entry[name], str):
                raise ContentError(path, lines.get(f"[{index}].{name}", line), f"{name} must be text")
        also, hover = entry.get("also") or [], entry.get("hover", True)
        if not isinstance(also, list) or not all(isinstance(word, str) and word.strip() for word in also):
            raise ContentError(path, lines.get(f"[{index}].also", line), "also must be a list of other spellings: [..., ...]")
        if not isinstance(hover, bool):
            raise ContentError(path, lines.get(f"[{index}].hover", line), "hover must be true or false")
        link = entry.get("link")
        if link and not str(link).startswith("https://www.legislation.gov.uk/"):
            raise ContentError(path, lines.get(f"[{index}].link", line),
                               "a glossary link may only point to legislation.gov.uk (official texts)")
        terms[entry["id"]] = Term(entry["id"], entry["term"], entry["meaning"], list(also), hover, link,
                                  lines.get(f"[{index}].meaning", line))
    return terms


def load_topics(path: Path, site: Site) -> list[Topic]:
    topics = []
    entries, lines = _read_yaml_list(path, "topics")
    seen: dict[str, int] = {}
    for index, entry in enumerate(entries):
        line = _entry(entry, index, lines, path, "topic", ("id", "title", "clauses"), ("id", "title", "clauses"), seen)
        if not isinstance(entry["clauses"], list):
            raise ContentError(path, lines.get(f"[{index}].clauses", line), "clauses must be a list: [code-id#anchor, ...]")
        pairs = []
        for number, item in enumerate(entry["clauses"]):
            at = lines.get(f"[{index}].clauses[{number}]", line)
            code, _, anchor = str(item).partition("#")
            if code not in site.codes:
                raise ContentError(path, at, f"topic {entry['id']}: {not_a_code(code, site.codes)}")
            current = site.codes[code].current
            if anchor not in current.by_id:
                raise ContentError(path, at, f"topic {entry['id']}: {code} has no clause #{anchor} in its current version "
                                   f"({current.version}){nearest(anchor, current.by_id)}: take it out of the topic, or "
                                   "name the clause of that version that says the same")
            if (code, anchor) in pairs:
                raise ContentError(path, at, f"topic {entry['id']}: {item} is listed twice: list each clause once")
            pairs.append((code, anchor))
        topics.append(Topic(entry["id"], entry["title"], pairs))
    return topics
