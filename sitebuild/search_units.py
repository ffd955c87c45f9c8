"""Search that finds a clause, not the section around it.

The theme's search indexes a page by its headings, so a clause was found only inside the whole section that holds
it (a result that opened at the section's top, with the clause somewhere below), and a note on the law inside its
clause. On a code's pages each clause, sub-clause and paragraph is now a result of its own, titled by its name
("Clause 12", "Code of Conduct, clause 3") and opening at its anchor; each note on the law is one too, apart from
the code's words, as the page shows it. The units are marked `data-search-exclude` in the page (unit.md.j2), which
keeps them out of their section's entry, and are added here from the built page itself, as a reader sees them.

Only the theme's index under MkDocs is rewritten; a generator that writes no such index is left as it is
(docs/maintainers/zensical.md).
"""

from __future__ import annotations

import json
from html import escape
from html.parser import HTMLParser
from pathlib import Path

from checkers.citation import Citation
from checkers.money_and_dates import sentence

from .model import Site

INDEX = Path("search") / "search_index.json"
# What is part of a unit's block on the page but not its words: the copyable number (its name is the result's
# title), words for screen readers, a checker's link from the clause; and by tag, the folded lists (related clauses
# in other codes, the clause in other versions) and the asides (a proposed change to the law; a note on the law is
# a result of its own).
_NOT_WORDS = {"anchor-link", "visually-hidden", "clause-link"}
# The page's title (h1) is the page's own entry: the headings below it start entries of their own.
_HEADINGS = {f"h{level}" for level in range(2, 7)}
# A code's own words rank above pages that quote or explain them (the topics, the glossary, a checker's introduction):
# what a member searching for words of a code looks for first. A multiplier of the theme's score (lunr's).
CODE_WORDS_BOOST = 4
# Each of these starts a paragraph of a result's text.
_BLOCKS = {"p", "li"}
_VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}


class _Units(HTMLParser):
    """In page order: each unit's words and each note's, with the heading they come under (None: the page's top)."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.found: list[dict] = []  # {"id", "kind": "unit" | "note", "under", "paragraphs"}
        self._open: list[tuple[str, dict | None, bool]] = []  # (tag, the entry it opened, whether it is skipped)
        self._heading: str | None = None

    def _current(self) -> dict | None:
        return next((entry for _, entry, _ in reversed(self._open) if entry), None)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        classes = (attrs.get("class") or "").split()
        entry = None
        if tag in _HEADINGS and attrs.get("id"):
            self._heading = attrs["id"]
        elif tag == "div" and "unit" in classes and attrs.get("id"):
            entry = {"id": attrs["id"], "kind": "unit", "under": self._heading, "paragraphs": []}
        elif tag == "aside" and "law-note" in classes and attrs.get("id"):
            entry = {"id": attrs["id"], "kind": "note", "under": self._heading, "paragraphs": []}
        if entry:
            self.found.append(entry)
        skipped = bool(_NOT_WORDS.intersection(classes)) or tag == "details" or (tag == "aside" and not entry)
        if tag in _BLOCKS and not self._skipping():
            current = self._current()
            if current is not None:
                current["paragraphs"].append([])
        if tag not in _VOID:
            self._open.append((tag, entry, skipped))

    def handle_endtag(self, tag):
        while self._open:
            opened, _, _ = self._open.pop()
            if opened == tag:
                break

    def _skipping(self) -> bool:
        return any(skipped for _, _, skipped in self._open)

    def handle_data(self, data):
        current = self._current()
        if current is None or self._skipping():
            return
        if not current["paragraphs"]:
            current["paragraphs"].append([])
        current["paragraphs"][-1].append(data)


def _words(parts: list[str]) -> str:
    return " ".join("".join(parts).split())


def _entries(page: str, html: str, site: Site, code: str, version_id: str) -> list[tuple[str | None, dict]]:
    """The page's units and notes as index entries, each with the heading it comes under."""
    parser = _Units()
    # The page's content, as the theme indexes it: its header, navigation and footer hold no unit.
    start, end = html.find("<article"), html.rfind("</article>")
    parser.feed(html[start:end] if 0 <= start < end else html)
    parser.close()
    version = site.codes[code].get(version_id)
    found = []
    for item in parser.found:
        paragraphs = [_words(p) for p in item["paragraphs"]]
        paragraphs = [p for p in paragraphs if p]
        if item["kind"] == "note":
            if not paragraphs:
                continue
            # The note's first paragraph is its title ("Note on the law: ..."), as the page shows it.
            title, paragraphs = paragraphs[0], paragraphs[1:]
        else:
            if item["id"] not in version.by_id:
                continue
            title = sentence(version.unit_name(item["id"]))
        entry = {"location": f"{page}#{item['id']}", "title": escape(title, quote=False),
                 "text": " ".join(f"<p>{escape(p, quote=False)}</p>" for p in paragraphs)}
        if item["kind"] == "unit":
            entry["boost"] = CODE_WORDS_BOOST
        found.append((item["under"], entry))
    return found


def _version_pages(site: Site) -> dict[str, tuple[str, str]]:
    """Each code page's address, with the code and the version it shows."""
    pages = {}
    for code in site.codes.values():
        pages[Citation(code.code).url] = (code.code, code.current.id)
        for version in code.versions:
            pages[Citation(code.code, version.id).url] = (code.code, version.id)
    return pages


def index_units(output: Path, site: Site) -> None:
    """Rewrite the theme's search index so that every unit and note on a code's page is a result of its own."""
    path = output / INDEX
    if not path.is_file():
        return
    index = json.loads(path.read_text(encoding="utf-8"))
    pages = _version_pages(site)
    docs, done = [], set()
    by_page: dict[str, list[dict]] = {}
    for doc in index["docs"]:
        by_page.setdefault(doc["location"].partition("#")[0], []).append(doc)
    for doc in index["docs"]:
        page = doc["location"].partition("#")[0]
        if page not in pages:
            docs.append(doc)
            continue
        if page in done:
            continue
        done.add(page)
        code, version_id = pages[page]
        html = (output / page / "index.html").read_text(encoding="utf-8")
        added = _entries(page, html, site, code, version_id)
        for existing in by_page[page]:
            docs.append(existing)
            heading = existing["location"].partition("#")[2] or None
            docs += [entry for under, entry in added if under == heading]
        # A unit under a heading with no entry of its own (the page's title, say) follows the page's entries.
        headings = {d["location"].partition("#")[2] or None for d in by_page[page]}
        docs += [entry for under, entry in added if under not in headings]
    index["docs"] = docs
    path.write_text(json.dumps(index, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
