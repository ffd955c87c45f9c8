"""What a page needs to work with no network, listed by the build from the pages it wrote: the list the site's service
worker keeps from (browser_runtime/assets/service-worker.js), rather than whatever a browser happened to have loaded.

A page needs its stylesheets, its scripts (the theme's too, held back on checker pages), its icon, the search index
and the search worker the theme names, and, for a checker page, the checkers' runtime and the code pages it cites,
with what they need in turn. Every path is relative to the site's root; each file's size bounds what is kept.
"""

from __future__ import annotations

import json
import posixpath
import re
from pathlib import Path

_REFERENCE = re.compile(r"""<(?:link|script)\b[^>]*?\b(?:href|src|data-theme-script)=["']([^"'#?]+)["']""")
_CONFIG = re.compile(r'<script id="__config" type="application/json">(.*?)</script>', re.S)
_CHECKER = "assets/checker-boot.js"


def page_address(output: Path, html: Path) -> str:
    """The address a page is served at, relative to the site's root: 'checkers/donations/'."""
    relative = html.relative_to(output).as_posix()
    return relative.removesuffix("index.html")


def _resolve(page: str, target: str) -> str | None:
    """A page's reference as a site path, or None where it leaves the site."""
    if re.match(r"^[a-z][a-z0-9+.-]*:", target) or target.startswith("//"):
        return None
    path = posixpath.normpath(posixpath.join(posixpath.dirname(page + "x"), target))
    return None if path.startswith("..") else path.lstrip("./") if path != "." else ""


def _needs(output: Path, html: Path) -> list[str]:
    """The files a page loads to show and work: its own references, and what the theme's configuration names."""
    page = page_address(output, html)
    text = html.read_text(encoding="utf-8")
    found = [_resolve(page, target) for target in _REFERENCE.findall(text)]
    config = _CONFIG.search(text)
    if config:
        settings = json.loads(config[1])
        base = _resolve(page, settings.get("base", "."))
        worker = (settings.get("search") or "")
        found += [_resolve(page, worker) if worker else None,
                  posixpath.join(base or "", "search/search_index.json").lstrip("/")]
    return [path for path in dict.fromkeys(found) if path is not None and (output / path).is_file()]


def manifest(output: Path, runtime: dict | None, cited: dict[str, list[str]]) -> dict:
    """The offline list: for each checker page (and the checkers' index, and My case), every file it needs, the
    pages it cites and theirs; and each file's size. `cited` gives each checker page's cited pages (site paths)."""
    needs: dict[str, list[str]] = {}
    for html in sorted(output.rglob("index.html")):
        needs[page_address(output, html)] = [page_address(output, html)] + _needs(output, html)
    runtime_files = [f"assets/{name}" for name in (runtime or {}).get("files", [])]
    pages = {}
    for page, files in needs.items():
        if _CHECKER not in files:
            continue
        kept = list(files) + runtime_files
        for other in cited.get(page, []):
            kept += needs.get(other, [])
        pages[page] = list(dict.fromkeys(path for path in kept if (output / path).is_file() or path.endswith("/")))
    # The checkers' index keeps every checker; so does My case, whose kept checks open on their checkers' pages.
    every = [f for p in pages.values() for f in p]
    for page in ("checkers/", "case/"):
        if page in needs:
            pages[page] = list(dict.fromkeys(needs[page] + every))
    sizes = {}
    for files in pages.values():
        for path in files:
            target = output / (path + "index.html" if path.endswith("/") or path == "" else path)
            sizes[path] = target.stat().st_size if target.is_file() else 0
    return {"pages": pages, "sizes": sizes}
