"""Errors on the line of a pull request's diff: GitHub Actions workflow commands (`::error file=…,line=…::…`).

When the build or a gate runs in GitHub Actions (GITHUB_ACTIONS=true), each error a maintainer can cause is also
written as an annotation on the file and line that caused it, so that it shows on the pull request. A problem on a
built page is traced back to the file it was generated from (`source_of`).
"""

from __future__ import annotations

import os
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def in_actions() -> bool:
    return os.environ.get("GITHUB_ACTIONS") == "true"


def _data(text: str) -> str:
    # The workflow command's message: %, CR and LF are escaped (GitHub's toolkit, `escapeData`).
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _property(text: str) -> str:
    # A property's value (file, title) also escapes ':' and ',' (`escapeProperty`).
    return _data(text).replace(":", "%3A").replace(",", "%2C")


def relative(path: Path | str) -> str:
    """A path as GitHub names it: from the repository's root, with '/'."""
    path = Path(path)
    try:
        return path.resolve().relative_to(ROOT).as_posix()
    except ValueError:
        return path.as_posix()


def command(message: str, file: Path | str | None = None, line: int | None = None, *, title: str | None = None,
            level: str = "error") -> str:
    """One workflow command, e.g. `::error file=docs/codes/x/y.md,line=12,title=Build::message`."""
    properties = []
    if file:
        properties.append(f"file={_property(relative(file))}")
    if line:
        properties.append(f"line={int(line)}")
    if title:
        properties.append(f"title={_property(title)}")
    return f"::{level} {','.join(properties)}::{_data(message)}" if properties else f"::{level}::{_data(message)}"


def emit(message: str, file=None, line=None, *, title: str | None = None, level: str = "error") -> None:
    """Write an annotation when running in GitHub Actions; nothing otherwise. Past any capture of output."""
    if in_actions():
        print(command(message, file, line, title=title, level=level), file=sys.__stdout__, flush=True)


_PAGE = re.compile(r"^codes/(?P<code>[^/]+)/(?:(?P<version>[^/]+)/)?index\.html$")


# The pages the site makes from a data file a maintainer edits, by their address, with that file (in docs/).
DATA_PAGES = {"topics/": "topics.yml", "glossary/": "glossary.yml", "law/": "law/figures.yml"}


def source_of(page: str, fragment: str = "", docs: Path = ROOT / "docs", site=None) -> tuple[Path, int | None]:
    """The content file (and line) a built page, or an anchor on it, was generated from.

    `page` is the page's path in the built site ("codes/nec-candidates/original/index.html"); `site` the loaded
    model (sitebuild.model.Site), to find a version's file and a clause's line.
    """
    page = page.lstrip("/")
    match = _PAGE.match(page)
    if match and site is not None and match["code"] in site.codes:
        code = site.codes[match["code"]]
        version = code.get(match["version"]) if match["version"] and match["version"] != "compare" else code.current
        if version is not None:
            unit = version.by_id.get(fragment.removeprefix("note-")) if fragment else None
            return version.path, unit.line if unit else 1
    made_from = DATA_PAGES.get(page.removesuffix("index.html"))
    if made_from:
        return docs / made_from, None
    if page.startswith("checkers/") and page.count("/") == 2:
        name = page.split("/")[1]
        if (ROOT / "checkers" / f"{name}.py").exists():
            return ROOT / "checkers" / f"{name}.py", None
    hand_written = docs / page.replace("/index.html", ".md").replace("index.html", "index.md")
    if hand_written.exists():
        return hand_written, None
    folder = docs / page.replace("index.html", "index.md")
    if folder.exists():
        return folder, None
    return ROOT / "sitebuild" / "templates", None


_PROBLEM = re.compile(r"^(?P<page>[^\s:]+\.html)(?::(?P<line>\d+))?: (?P<message>.*)$", re.S)
_ANCHOR = re.compile(r"#([A-Za-z0-9][\w-]*)")


def emit_page_problems(problems: list[str], docs: Path = ROOT / "docs", title: str = "A gate failed") -> None:
    """A gate's problems ("page.html:line: message"), each annotated on the content file its page came from (and the
    line of a clause it names by anchor)."""
    if not in_actions() or not problems:
        return
    from . import model  # only when annotating: loading the content costs a second

    site = model.load(docs)
    for problem in problems:
        found = _PROBLEM.match(problem)
        page = found["page"] if found else ""
        anchor = _ANCHOR.search(found["message"]) if found else None
        path, line = source_of(page, anchor[1] if anchor else "", docs, site)
        emit(problem, path, line, title=title)
