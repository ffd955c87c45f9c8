"""The hand-written pages of the content folder, each one the site publishes. A page of the same name as one the site
makes itself (the glossary, the topics) would be replaced by it without a word, and a page in none of the menus
stopped MkDocs with words of its own: each is named here, with what to do."""

from __future__ import annotations

from pathlib import Path

from checkers.content import ContentError, raise_together

from .annotations import DATA_PAGES
from .render import url_of

LAW_FILES = "figures.yml, notes.yml and proposals.yml"


def as_copied(generated: Path) -> dict[str, bytes]:
    """Every hand-written page as it stands in the generated folder, before the site's own pages are written."""
    return {path.relative_to(generated).as_posix(): path.read_bytes() for path in generated.rglob("*.md")}


def refuse_pages_not_published(docs: Path, generated: Path, copied: dict[str, bytes], nav: list, not_in_nav) -> None:
    """Each hand-written page that the site's own replaced, or that no menu lists (nor mkdocs.yml's not_in_nav)."""
    problems = []
    listed = set(_pages(nav))
    for page, text in sorted(copied.items()):
        if (generated / page).read_bytes() != text:
            data = DATA_PAGES.get(url_of(page))
            source = f"docs/{data}" if data else None
            problems.append(ContentError(docs / page, None, (
                f"the site makes the page {page} itself{f' from {source}' if source else ''}, so this file would never "
                f"be shown: {f'put what it says in {source}, and ' if source else ''}remove it")))
        elif page not in listed and not (not_in_nav and not_in_nav.match_file(page)):
            problems.append(ContentError(docs / page, None, (
                "this page is in none of the site's menus, so it cannot be published (the menus are set in "
                "build_site.py): text about a code goes in its version's file, and a note on the law in "
                "docs/law/notes.yml; remove this file, or ask a developer to add the page to a menu")))
    law = docs / "law"
    for path in sorted(law.rglob("*.md")) if law.is_dir() else []:
        problems.append(ContentError(path, None, (
            f"only the law's data ({LAW_FILES}) is read in docs/law/, so this page would never be shown: a note on "
            "the law goes in docs/law/notes.yml; remove this file")))
    raise_together(problems)


def _pages(nav) -> list[str]:
    """The pages a navigation lists, at any depth."""
    if isinstance(nav, str):
        return [nav]
    items = nav.values() if isinstance(nav, dict) else nav if isinstance(nav, list) else ()
    return [page for item in items for page in _pages(item)]
