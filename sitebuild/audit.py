"""Check a built site: every internal link and anchor resolves, no link points to '#', nothing is loaded
from another origin, no script or style is written into a page, no link is one that does nothing when pressed
(javascript:, data:), and every page carries the Content-Security-Policy.
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

# Attributes that make the browser fetch something, by element (HTML's parser gives names in lower case: SVG's
# feImage is "feimage"). A srcset holds a list of addresses; a ping is requested when its link is followed.
LOADS = {"script": ("src",), "img": ("src", "srcset"), "iframe": ("src",), "source": ("src", "srcset"),
         "audio": ("src",), "video": ("src", "poster"), "embed": ("src",), "object": ("data",), "track": ("src",),
         "input": ("src",), "image": ("href", "xlink:href"), "feimage": ("href", "xlink:href"),
         "use": ("href", "xlink:href"), "body": ("background",), "table": ("background",), "td": ("background",),
         "th": ("background",), "a": ("ping",), "area": ("ping",)}
LOADING_RELS = {"stylesheet", "icon", "preload", "modulepreload", "prefetch", "manifest", "preconnect", "dns-prefetch"}
# What a link may lead to: a page (of the site or another), a mail or a call. A javascript: link runs nothing under
# the site's Content-Security-Policy, and browsers refuse to open data: and file: addresses from a page: each is a
# link that does nothing when pressed.
FOLLOWED_SCHEMES = {"http", "https", "mailto", "tel"}
# Script types a browser runs: a <script> of one of these without src is inline code, which the CSP blocks.
RUNNABLE_SCRIPT_TYPES = {"", "text/javascript", "application/javascript", "module"}


@dataclass
class Page:
    path: Path
    ids: set[str] = field(default_factory=set)
    links: list[tuple[str, str, int]] = field(default_factory=list)  # (element, url, line)
    loads: list[tuple[str, str, int]] = field(default_factory=list)
    # What the page holds that no page may: (element, what is wrong, line, the text its source likely holds).
    refused: list[tuple[str, str, int, str]] = field(default_factory=list)
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
        if tag in ("a", "area") and "href" in attrs:
            self.page.links.append((tag, attrs["href"] or "", line))
        if tag == "link" and attrs.get("href"):
            rels = set((attrs.get("rel") or "").split())
            (self.page.loads if rels & LOADING_RELS else self.page.links).append((f"link rel={attrs.get('rel')}",
                                                                                 attrs["href"], line))
        fetched = set()
        for name in LOADS.get(tag, ()):
            for url in _addresses(name, attrs.get(name) or ""):
                if url not in fetched:  # an image's src that its srcset names again is one problem, not two
                    fetched.add(url)
                    self.page.loads.append((f"{tag} {name}" if name not in ("src", "href") else tag, url, line))
        if tag == "form" and attrs.get("action"):
            self.page.loads.append(("form action", attrs["action"], line))
        if tag == "script" and not attrs.get("src") and (attrs.get("type") or "").lower() in RUNNABLE_SCRIPT_TYPES:
            self._inline(tag, "an inline script", line, "<script")
        if tag == "style":
            self._inline(tag, "an inline stylesheet", line, "<style")
        if tag == "iframe" and "srcdoc" in attrs:
            self._inline(tag, "an inline document (its srcdoc attribute)", line, "srcdoc=")
        if tag == "base":
            self._elsewhere(tag, "changes where every link on the page leads", line, "<base")
        if tag == "meta" and (attrs.get("http-equiv") or "").lower() == "refresh":
            self._elsewhere(tag, "sends the reader to another page", line, "refresh")
        for name in attrs:
            if name.startswith("on"):
                self._inline(tag, f"an inline script (its {name} attribute)", line, f"{name}=")
            elif name == "style":
                self._inline(tag, "an inline style (its style attribute)", line, "style=")
        if tag == "meta" and (attrs.get("http-equiv") or "").lower() == "content-security-policy":
            self.page.csp = attrs.get("content")

    def _inline(self, tag: str, what: str, line: int, clue: str) -> None:
        self.page.refused.append((tag, f"holds {what}, which the site's Content-Security-Policy blocks (nothing runs or "
                                  "is styled but from the site's own files): take it out", line, clue))

    def _elsewhere(self, tag: str, what: str, line: int, clue: str) -> None:
        self.page.refused.append((tag, f"{what}, which no page of the site does: take it out", line, clue))


def _addresses(attribute: str, value: str) -> list[str]:
    """The addresses an attribute makes the browser fetch: a srcset's candidates ("a.png 1x, b.png 2x"), or one."""
    if attribute == "srcset":
        return [candidate.split()[0] for candidate in value.split(",") if candidate.strip()]
    return [value] if value else []


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
            scheme = _scheme(url)
            if scheme is None:
                problems.append(_unreadable(name, element, "loads", url, line))
                continue
            if scheme or url.startswith("//"):
                if not url.startswith("data:"):
                    fix = ("take the ping attribute out (it tells that address each time the link is followed)"
                           if element.endswith(" ping") else
                           "put the file in the docs folder (as docs/images/…) and point to it there")
                    problems.append(Problem(name, line, f"<{element}> loads {url} from another origin, which the site "
                                            f"never does (its readers' privacy; its Content-Security-Policy blocks it): {fix}",
                                            url))
                continue
            target, _ = _target(site, path, url, base_path)
            if not target.exists():
                problems.append(Problem(name, line, f"<{element}> loads {url}, which is not in the site", url))
        problems += [Problem(name, line, f"<{element}> {said}", clue) for element, said, line, clue in page.refused]
        for element, url, line in page.links:
            if url == "#" or url == "":
                problems.append(Problem(name, line, f"<{element}> links to '{url}': a link must lead somewhere"))
                continue
            scheme = _scheme(url)
            if scheme is None:
                problems.append(_unreadable(name, element, "links to", url, line))
                continue
            if scheme and scheme not in FOLLOWED_SCHEMES:
                problems.append(Problem(name, line, f"<{element}> links to a {scheme}: address, which does nothing when "
                                        "pressed (the site's Content-Security-Policy runs no script from a link, and "
                                        "browsers open no data: or file: address from a page): link to a page instead",
                                        url[:40]))
                continue
            if scheme or url.startswith("//"):
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


def _unreadable(page: str, element: str, verb: str, url: str, line: int) -> Problem:
    return Problem(page, line, f"<{element}> {verb} {url[:80]!r}, which is not an address a browser can read: correct it",
                   url[:40])


def _scheme(url: str) -> str | None:
    """An address's scheme as a browser reads it: with the spaces and control characters it ignores taken out
    ("java\tscript:" is javascript:), in lower case; "" for an address within the site; None for one that cannot be
    read (a "[" that opens no IPv6 host, written in the page as &#91;)."""
    squeezed = "".join(c for c in url if c > " " and c != "\x7f")
    try:
        return urlsplit(squeezed).scheme
    except ValueError:
        return None


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

