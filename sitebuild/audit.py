"""Check a built site: every internal link and anchor resolves, no link points to '#', nothing is loaded
from another origin, and every page carries the Content-Security-Policy.

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


@dataclass
class Page:
    path: Path
    ids: set[str] = field(default_factory=set)
    links: list[tuple[str, str, int]] = field(default_factory=list)  # (element, url, line)
    loads: list[tuple[str, str, int]] = field(default_factory=list)
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


def check(site: Path, base_path: str = "/") -> list[str]:
    """Every problem found, one line each: page, element, rule. `base_path`: the site URL's path."""
    site = site.resolve()
    read.cache_clear()
    problems = []
    for path in html_pages(site):
        page = read(path)
        name = path.relative_to(site).as_posix()
        if not page.csp or "default-src 'self'" not in page.csp:
            problems.append(f"{name}: no Content-Security-Policy meta tag allowing only the site itself")
        for element, url, line in page.loads:
            if urlsplit(url).scheme or url.startswith("//"):
                if not url.startswith("data:"):
                    problems.append(f"{name}:{line}: <{element}> loads {url} from another origin (privacy rule)")
                continue
            target, _ = _target(site, path, url, base_path)
            if not target.exists():
                problems.append(f"{name}:{line}: <{element}> loads {url}, which is not in the site")
        for element, url, line in page.links:
            if url == "#" or url == "":
                problems.append(f"{name}:{line}: <{element}> links to '{url}': a link must lead somewhere")
                continue
            if urlsplit(url).scheme or url.startswith("//"):
                continue  # outgoing links (legislation.gov.uk, mailto:) are followed only if clicked
            target, fragment = _target(site, path, url, base_path)
            if not target.exists():
                problems.append(f"{name}:{line}: <{element}> links to {url}, which is not in the site (broken link)")
            elif fragment.startswith(("scenario=", "prefill=")) and target.suffix == ".html":
                # A checker page's scenario (a worked example) or answers to fill in (a clause's "report a breach"):
                # it must open on a checker page, and read.
                if 'id="checker-description"' not in target.read_text(encoding="utf-8") or not _scenario(fragment):
                    problems.append(f"{name}:{line}: <{element}> links to a scenario that no checker on {url} can read")
            elif fragment and target.suffix == ".html" and fragment not in read(target).ids:
                problems.append(f"{name}:{line}: <{element}> links to {url}, but that page has no #{fragment} (broken anchor)")
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

