"""Split a code version's Markdown body into units with stable anchors.

A unit is a section (a Markdown heading), a numbered clause (`12. ...`), a lettered sub-clause
(`a. ...`, anchored `5-a`) or a paragraph outside any clause (`p1`, or `<section>-p1`). Lists,
quotations and indented lines continue the unit above them. With `numbering: per-section`
(Momentum's guidelines restart their numbers in each section) clause anchors carry the
section's anchor: `code-of-conduct-3`. The front matter's `anchors:` keeps a clause's anchor
when a later version renumbers it.
"""

from __future__ import annotations

import re

from checkers.content import CodeVersion, ContentError, Unit
from checkers.text import LOOKS_LIKE_SPACE

_HEADING = re.compile(r"^(#{2,6})\s+(.+?)(?:\s+\{#([a-z0-9][a-z0-9-]*)\})?\s*$")
_CLAUSE = re.compile(r"^(\d+)\.\s+(.*)$")
_SUBCLAUSE = re.compile(r"^([a-z])\.\s+(.*)$")
_CONTINUES = re.compile(r"^(\s+\S|[-*+]\s|>)")
# A line that starts as a clause or sub-clause does, but not as the parser reads one: "8) ...", " 8. ...", "8.No",
# a number with an unseen character beside it, or "8 No" (a capital after the number and a space).
_NEAR_MARKER = re.compile(rf"^(?P<before>[ \t{LOOKS_LIKE_SPACE}]*)(?P<mark>\d+|[a-z])(?P<touching>[{LOOKS_LIKE_SPACE}]*)"
                          rf"(?P<stop>[.)])?(?P<gap>[ \t{LOOKS_LIKE_SPACE}]*)(?P<rest>\S.*)$")
# A clause's number with its full stop after the end of a sentence and before a capital, inside a line: the next
# clause joined to the line above (its line end deleted).
_JOINED = re.compile(r"(?<=[.;:!?])[ \t]+(\d+)\.[ \t]+(?=[A-Z])")


def slug(text: str) -> str:
    text = re.sub(r"[*_`]", "", text).lower()
    return re.sub(r"[^a-z0-9]+", "-", text).strip("-")


def parse(version: CodeVersion) -> list[Unit]:
    """The units of a version in reading order; errors name the file and line."""
    units: list[Unit] = []
    section: Unit | None = None
    clause: Unit | None = None
    current: Unit | None = None
    paragraphs: dict[str | None, int] = {}
    # (level in the source, level on the page): headings keep the source's hierarchy without skipping a level.
    outline: list[tuple[int, int]] = []
    anchors = _anchor_overrides(version)
    last_number: dict[str | None, int] = {}  # by numbering scope: the section's anchor, or None for the whole code
    last_letter = ""
    blank_before = True
    for offset, raw in enumerate(version.body.split("\n")):
        number = version.body_line + offset
        line = raw.rstrip()
        if not line.strip():
            if current is not None:
                current.lines.append("")
            blank_before = True
            continue
        heading, numbered, lettered = _HEADING.match(line), _CLAUSE.match(line), _SUBCLAUSE.match(line)
        if line.startswith("#") and not heading:
            raise ContentError(version.path, number, "a heading needs '## ' (two to six #, then a space) and text")
        if heading:
            ident = heading[3] or slug(heading[2])
            if not ident:
                raise ContentError(version.path, number, "this heading has no letters or digits to make an anchor from")
            heading_text = re.sub(r"[*_`]", "", heading[2]).strip()
            level = _page_level(outline, len(heading[1]))
            section = current = Unit(ident, "section", heading[2].strip(), [heading[2].strip()], number, level,
                                     name=f"section {heading_text}")
            clause = None
            units.append(current)
        elif numbered:
            label, scope = numbered[1], _scope(version, section)
            last_number[scope] = int(label)
            last_letter = ""
            default = f"{scope}-{label}" if scope else label
            ident = anchors.get(default, default)
            within = f"{section.name[len('section '):]}, " if scope else ""
            clause = current = Unit(ident, "clause", f"{label}.", [numbered[2]], number,
                                    section=section.id if section else None, numbered_as=default,
                                    name=f"{within}clause {label}")
            units.append(current)
        elif lettered and clause is not None:
            last_letter = lettered[1]
            current = Unit(f"{clause.id}-{lettered[1]}", "subclause", f"{lettered[1]}.", [lettered[2]], number,
                           section=clause.section, parent=clause.id, numbered_as=f"{clause.numbered_as}-{lettered[1]}",
                           name=f"{clause.name}({lettered[1]})")
            units.append(current)
        elif lost := _lost_marker(raw, last_number.get(_scope(version, section), 0) + 1,
                                  chr(ord(last_letter or "`") + 1) if clause is not None else None):
            raise ContentError(version.path, number, lost)
        elif current is not None and (not blank_before or _CONTINUES.match(raw)) and current.kind != "section":
            current.lines.append(raw if _CONTINUES.match(raw) else line)
        else:
            # A paragraph outside any clause ends the clause above it.
            key = section.id if section else None
            paragraphs[key] = paragraphs.get(key, 0) + 1
            ident = f"{key}-p{paragraphs[key]}" if key else f"p{paragraphs[key]}"
            clause = None
            where = f"{section.name[len('section '):]}, " if section else ""
            current = Unit(ident, "paragraph", "", [line], number, section=key,
                           name=f"{where}paragraph {paragraphs[key]}")
            units.append(current)
        if current is not None and current.kind in ("clause", "subclause") and current.lines and current.lines[-1]:
            _check_not_joined(version, number, current.lines[-1], last_number.get(_scope(version, section), 0) + 1)
        blank_before = False
    _check_unique(version, units)
    return units


def _scope(version: CodeVersion, section: Unit | None) -> str | None:
    return section.id if version.numbering == "per-section" and section else None


def _check_not_joined(version: CodeVersion, number: int, line: str, due: int) -> None:
    """Refuse a line of a clause inside which the clause due next starts: it would be read as more of this one."""
    for found in _JOINED.finditer(line):
        if int(found[1]) == due:
            before = line[:found.start()].strip()[-30:]
            after = line[found.end():][:20]
            raise ContentError(version.path, number, (
                f"clause {due} seems to start inside this line, after '…{before}', so it would be read as part of the "
                f"clause above: start it on a line of its own ('{due}. {after}…'). If it is text, not a clause, put a "
                f"backslash before its full stop ('{due}\\.')."))


def _lost_marker(raw: str, number: int, letter: str | None) -> str | None:
    """Why a line that is not read as a clause or sub-clause looks like the one due next (`number`, or under a
    clause `letter`), which would otherwise join the clause above it unseen; None when it does not."""
    found = _NEAR_MARKER.match(raw)
    if not found or found["mark"] not in (str(number), letter):
        return None
    mark, stop = found["mark"], found["stop"]
    sign = "number" if mark.isdigit() else "letter"
    what = f"clause {mark}" if mark.isdigit() else f"sub-clause {mark}"
    unseen = re.search(f"[{LOOKS_LIKE_SPACE}]", found["before"] + found["touching"] + found["gap"])
    if stop is None:
        # Without its mark only a number is taken for a clause, and only before a capital: a wrapped line may start
        # "a Party member" or "8 members".
        if not mark.isdigit() or found["before"] or not found["gap"] or not found["rest"][0].isupper():
            return None
        why = f"it has no full stop after the {sign}: add one"
    elif unseen:
        why = (f"it holds a character that does not show (U+{ord(unseen[0]):04X}) around the {what[:-2]}'s {sign}: "
               "delete the characters around it and type them again")
    elif found["before"]:
        why = "it does not start at the very start of the line: delete the spaces before it"
    elif stop == ")":
        why = f"it has a bracket after the {sign}: write a full stop"
    elif not found["gap"]:
        why = "it has no space after the full stop: add one"
    else:
        return None
    start = found["rest"][:20]
    keep = (f"put a backslash before its {'full stop' if stop == '.' else 'bracket'} ('{mark}\\{stop}')" if stop
            else "join it to the line above")
    return (f"this line looks like {what} ('{mark}{stop or ''} {start}…'), but it is not read as one, so it would join "
            f"the text above it: {why}, as in '{mark}. {start}…'. If it is not a {what[:-2]}, {keep}.")


def _page_level(outline: list[tuple[int, int]], source_level: int) -> int:
    """The page's heading level: one below the nearest shallower heading, h2 at the top (the title is h1)."""
    while outline and outline[-1][0] >= source_level:
        outline.pop()
    level = outline[-1][1] + 1 if outline else 2
    outline.append((source_level, level))
    return level


def _anchor_overrides(version: CodeVersion) -> dict[str, str]:
    """`anchors:` in front matter: the computed anchor of a renumbered clause -> its permanent anchor."""
    raw = version.anchors or {}
    if not isinstance(raw, dict):
        raise ContentError(version.path, version.field_lines.get("anchors"),
                           "anchors must be lines of '\"new number\": \"permanent anchor\"'")
    return {str(k): str(v) for k, v in raw.items()}


def _check_unique(version: CodeVersion, units: list[Unit]) -> None:
    seen: dict[str, Unit] = {}
    for unit in units:
        if unit.id in seen:
            first = seen[unit.id]
            raise ContentError(version.path, unit.line,
                               f"the anchor #{unit.id} is used twice (first at line {first.line}): number each clause "
                               "once, or give a heading its own anchor with {#an-anchor}")
        seen[unit.id] = unit
