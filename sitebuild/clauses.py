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

_HEADING = re.compile(r"^(#{2,6})\s+(.+?)(?:\s+\{#([a-z0-9][a-z0-9-]*)\})?\s*$")
_CLAUSE = re.compile(r"^(\d+)\.\s+(.*)$")
_SUBCLAUSE = re.compile(r"^([a-z])\.\s+(.*)$")
_CONTINUES = re.compile(r"^(\s+\S|[-*+]\s|>)")


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
            label = numbered[1]
            default = f"{section.id}-{label}" if version.numbering == "per-section" and section else label
            ident = anchors.get(default, default)
            within = f"{section.name[len('section '):]}, " if version.numbering == "per-section" and section else ""
            clause = current = Unit(ident, "clause", f"{label}.", [numbered[2]], number,
                                    section=section.id if section else None, numbered_as=default,
                                    name=f"{within}clause {label}")
            units.append(current)
        elif lettered and clause is not None:
            current = Unit(f"{clause.id}-{lettered[1]}", "subclause", f"{lettered[1]}.", [lettered[2]], number,
                           section=clause.section, parent=clause.id, numbered_as=f"{clause.numbered_as}-{lettered[1]}",
                           name=f"{clause.name}({lettered[1]})")
            units.append(current)
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
        blank_before = False
    _check_unique(version, units)
    return units


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
