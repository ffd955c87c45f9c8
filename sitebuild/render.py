"""Markdown for the pieces of a code page: a unit with its links, the facts of a version, the glossary's hover notes."""

from __future__ import annotations

import datetime as dt
import html
import posixpath
import re

from checkers.citation import Citation
from checkers.content import CodeVersion, Unit
from checkers.money_and_dates import written_date

from .model import Site
from .references import Reference

NOT_STATED = "not stated"


def page_of(code: str, version: str | None = None) -> str:
    """The generated Markdown file of a code's current page, or of one version's permanent page."""
    return Citation(code, version).page_source


def rel(source_page: str, target: str) -> str:
    """A link from one generated page to another file of the site, relative so that sub-paths work."""
    path, _, anchor = target.partition("#")
    link = posixpath.relpath(path, posixpath.dirname(source_page)) if path else ""
    return link + (f"#{anchor}" if anchor else "")


def url_of(page: str) -> str:
    """The address MkDocs gives a file: 'codes/x/index.md' -> 'codes/x/', 'topics.md' -> 'topics/'."""
    if page == "index.md" or page.endswith("/index.md"):
        return page[: -len("index.md")]
    return page[:-3] + "/" if page.endswith(".md") else page


def href(source_page: str, target: str) -> str:
    """A final relative address for raw HTML, where MkDocs does not rewrite '.md' links."""
    path, _, anchor = target.partition("#")
    source, goal = url_of(source_page), url_of(path)
    link = posixpath.relpath(goal or ".", source or ".")
    if goal == "" or goal.endswith("/"):
        link = "./" if link == "." else link + "/"
    return link + (f"#{anchor}" if anchor else "")


def day(value: dt.date | None) -> str:
    return written_date(value) if value else NOT_STATED


def esc(text: str) -> str:
    return html.escape(text, quote=True)


def reference_link(ref: Reference, site: Site, page: str, version: CodeVersion) -> str:
    if ref.kind == "glossary":
        term = site.glossary[ref.term]
        return f'[{ref.text}]({rel(page, "glossary.md#" + term.id)} "{esc(term.term)}: {esc(term.meaning)}")'
    target = ref.target
    if target.work == version.citation:
        return f"[{ref.text}](#{target.clause})"
    return f"[{ref.text}]({rel(page, target.work.page_source + '#' + target.clause)})"


def unit_markdown(unit: Unit, version: CodeVersion, site: Site, page: str) -> str:
    """The unit's own Markdown with every reference turned into a checked link."""
    source = unit.markdown
    pieces, last = [], 0
    for start, end, ref in version.refs.get(unit.id, []):
        pieces += [source[last:start], reference_link(ref, site, page, version)]
        last = end
    pieces.append(source[last:])
    return lists_as_written("".join(pieces))


# A list item that may start a list straight after a line of text, as in CommonMark: a bullet, or an ordered list
# starting at 1.
_ITEM = re.compile(r"^( {0,3})(?:[-*+]|1[.)])\s")


def lists_as_written(markdown: str) -> str:
    """A list that follows a line of text directly, or is indented by up to three spaces (as in CommonMark, which
    the codes' sources are written in: Momentum's "terms:" then "  - ..."), shown as a list: Python-Markdown would
    otherwise run its items into the text before them, hyphens and all. A blank line goes before the list and its
    lines lose that indentation, up to the next blank line; the words are unchanged."""
    out: list[str] = []
    indent = None  # the first item's indentation, while in a list
    for line in markdown.split("\n"):
        item = _ITEM.match(line)
        if not line.strip():
            indent = None
        elif item and indent is None:
            indent = len(item[1])
            if out and out[-1].strip():
                out.append("")
        if indent and line.startswith(" " * indent):
            line = line[indent:]
        out.append(line)
    return "\n".join(out)


def abbreviations(site: Site) -> str:
    """Python-Markdown abbreviations: each glossary term explained on hover wherever it appears."""
    lines = []
    for term in site.glossary.values():
        if term.hover:
            for spelling in [term.term, *term.also]:
                lines.append(f"*[{spelling}]: {term.meaning}")
    return "\n" + "\n".join(lines) + "\n"
