"""Check a built site: every internal link and anchor resolves, no link points to '#', nothing is loaded
from another origin, no script or style is written into a page, and every page carries the Content-Security-Policy.
The build runs it before it replaces the site (build_site.py); so do the tests, on every site they build.

    python -m sitebuild.audit [site] [base path, e.g. /repo/]

Each problem names the page, the element and the rule, so that a maintainer can fix it.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass, field
from functools import cache
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

from checkers import scenario

# Attributes that make the browser fetch something, by element.
LOADS = {"script": "src", "img": "src", "iframe": "src", "source": "src", "audio": "src", "video": "src",
         "embed": "src", "object": "data", "track": "src"}
LOADING_RELS = {"stylesheet", "icon", "preload", "modulepreload", "prefetch", "manifest", "preconnect", "dns-prefetch"}
# Script types a browser runs: a <script> of one of these without src is inline code, which the CSP blocks.
RUNNABLE_SCRIPT_TYPES = {"", "text/javascript", "application/javascript", "module"}


@dataclass
class Page:
    path: Path
    ids: set[str] = field(default_factory=set)
    links: list[tuple[str, str, int]] = field(default_factory=list)  # (element, url, line)
    loads: list[tuple[str, str, int]] = field(default_factory=list)
    inline: list[tuple[str, str, int, str]] = field(default_factory=list)  # (element, what, line, attribute): in the HTML
    csp: str | None = None


class _Parser(HTMLParser):
    def __init__(self, page: Page):
        super().__init__(convert_charrefs=True)
        self.page = page

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        line = self.getpos()[0]
        for name in ("id", "name"):
            if attrs.get(name) and (name == "id" or tag == "a"):
                self.page.ids.add(attrs[name])
        if tag == "a" and "href" in attrs:
            self.page.links.append((tag, attrs["href"] or "", line))
        if tag == "link" and attrs.get("href"):
            rels = set((attrs.get("rel") or "").split())
            (self.page.loads if rels & LOADING_RELS else self.page.links).append((f"link rel={attrs.get('rel')}",
                                                                                 attrs["href"], line))
        if tag in LOADS and attrs.get(LOADS[tag]):
            self.page.loads.append((tag, attrs[LOADS[tag]], line))
        if tag == "form" and attrs.get("action"):
            self.page.loads.append(("form action", attrs["action"], line))
        if tag == "script" and not attrs.get("src") and (attrs.get("type") or "").lower() in RUNNABLE_SCRIPT_TYPES:
            self.page.inline.append((tag, "an inline script", line, "<script"))
        for name in attrs:
            if name.startswith("on"):
                self.page.inline.append((tag, f"an inline script (its {name} attribute)", line, f"{name}="))
            elif name == "style":
                self.page.inline.append((tag, "an inline style (its style attribute)", line, "style="))
        if tag == "meta" and (attrs.get("http-equiv") or "").lower() == "content-security-policy":
            self.page.csp = attrs.get("content")


@cache
def read(path: Path) -> Page:
    page = Page(path)
    _Parser(page).feed(path.read_text(encoding="utf-8"))
    return page


def html_pages(site: Path) -> list[Path]:
    return sorted(p for p in site.rglob("*.html") if not p.name.startswith("google"))


def _target(site: Path, page: Path, url: str, base_path: str = "/") -> tuple[Path | None, str]:
    if url.startswith("/"):
        # Root-relative (the 404 page's links): the site is published under base_path.
        if not url.startswith(base_path):
            return site / "__outside_the_site__", ""
        url = str(site) + "/" + url[len(base_path):]
    base = "file://" + str(page)
    resolved = urlsplit(urljoin(base, url))
    path = Path(unquote(resolved.path))
    if url.startswith("#") or resolved.path == str(page):
        path = page
    elif url.endswith("/") or path.is_dir():
        path = path / "index.html"
    return path, unquote(resolved.fragment)


@dataclass(frozen=True)
class Problem:
    page: str  # the page's path in the site: "codes/nec-candidates/original/index.html"
    line: int | None  # its line in the page
    message: str
    clue: str = ""  # what its source file likely holds at the same place: the address, or the attribute
    fragment: str = ""  # the anchor on the page it concerns, where it concerns one

    def __str__(self) -> str:
        return f"{self.page}{f':{self.line}' if self.line else ''}: {self.message}"


def check(site: Path, base_path: str = "/") -> list[str]:
    """Every problem found, one line each: page, element, rule. `base_path`: the site URL's path."""
    return [str(problem) for problem in problems_of(site, base_path)]


def problems_of(site: Path, base_path: str = "/") -> list[Problem]:
    site = site.resolve()
    read.cache_clear()
    problems = []
    for path in html_pages(site):
        page = read(path)
        name = path.relative_to(site).as_posix()
        if not page.csp or "default-src 'self'" not in page.csp:
            problems.append(Problem(name, None, "no Content-Security-Policy meta tag allowing only the site itself"))
        for element, url, line in page.loads:
            if urlsplit(url).scheme or url.startswith("//"):
                if not url.startswith("data:"):
                    problems.append(Problem(name, line, f"<{element}> loads {url} from another origin, which the site "
                                            "never does (its readers' privacy; its Content-Security-Policy blocks it): "
                                            "put the file in the docs folder (as docs/images/…) and point to it there", url))
                continue
            target, _ = _target(site, path, url, base_path)
            if not target.exists():
                problems.append(Problem(name, line, f"<{element}> loads {url}, which is not in the site", url))
        for element, what, line, clue in page.inline:
            problems.append(Problem(name, line, f"<{element}> holds {what}, which the site's Content-Security-Policy "
                                    "blocks (nothing runs or is styled but from the site's own files): take it out",
                                    clue))
        for element, url, line in page.links:
            if url == "#" or url == "":
                problems.append(Problem(name, line, f"<{element}> links to '{url}': a link must lead somewhere"))
                continue
            if urlsplit(url).scheme or url.startswith("//"):
                continue  # outgoing links (legislation.gov.uk, mailto:) are followed only if clicked
            target, fragment = _target(site, path, url, base_path)
            if not target.exists():
                problems.append(Problem(name, line, f"<{element}> links to {url}, which is not in the site (broken link)",
                                        url))
            elif fragment.startswith(("scenario=", "prefill=")) and target.suffix == ".html":
                # A checker page's scenario (a worked example) or answers to fill in (a clause's "report a breach"):
                # it must open on a checker page, and read.
                if 'id="checker-description"' not in target.read_text(encoding="utf-8") or not _scenario(fragment):
                    problems.append(Problem(name, line, f"<{element}> links to a scenario that no checker on {url} can "
                                            "read", url))
            elif fragment and target.suffix == ".html" and fragment not in read(target).ids:
                problems.append(Problem(name, line, f"<{element}> links to {url}, but that page has no #{fragment} "
                                        "(broken anchor)", url, fragment))
    return problems


def _scenario(fragment: str) -> bool:
    """Whether a #scenario= or #prefill= fragment holds a request, as a checker page reads it (checkers/scenario.py)."""
    return isinstance(scenario.read_fragment("#" + fragment).get("request"), dict)


def main(argv=None) -> int:
    args = argv if argv is not None else sys.argv[1:]
    site = Path(args[0] if args else "site")
    problems = check(site, args[1] if len(args) > 1 else "/")
    for problem in problems:
        print(problem)
    print(f"{len(html_pages(site))} pages checked, {len(problems)} problems")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())

