"""Build the site: validate every source, generate the pages, build the checkers wheel, copy the
Pyodide runtime, and run MkDocs strictly. A failed build leaves the previous site/ untouched.

    python build_site.py [--docs docs] [--site-dir site] [--site-url URL] [--no-runtime]
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import logging
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
from pathlib import Path
from urllib.parse import urlsplit

import yaml

import browser_runtime.build as runtime
import checkers
from checkers import content
from checkers.addresses import site_address
from checkers.citation import Citation
from checkers.content import ContentError, each_error, print_errors
from checkers.whole_files import write_whole
from sitebuild import (
    CSP,
    SERVED_AT,
    BuildError,
    annotations,
    audit,
    checkerpages,
    compress,
    data,
    handwritten,
    lock,
    model,
    offline,
    pages,
    scripts,
    search_units,
    source,
)

ROOT = Path(__file__).resolve().parent
SETTINGS = ROOT / "mkdocs.yml"  # the generator's settings, the theme's among them
ENGINES = ("mkdocs", "zensical")
SHORTCODE = re.compile(r"\{\{\s*([a-z_]+)\s*\}\}")
SOURCES_NOT_COPIED = {"codes", "law", "glossary.yml", "topics.yml", lock.LOCK_NAME}


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--docs", default=str(ROOT / "docs"), help="content folder (default: docs)")
    parser.add_argument("--site-dir", default=str(ROOT / "site"), help="output folder (default: site)")
    parser.add_argument("--site-url", default=os.environ.get("SITE_URL"),
                        help="where the site is published, e.g. https://org.github.io/repo/ (default: mkdocs.yml)")
    parser.add_argument("--no-runtime", action="store_true",
                        help="skip the checkers wheel and the Pyodide runtime (faster; checker pages cannot run)")
    parser.add_argument("--engine", choices=ENGINES, default=os.environ.get("ENGINE") or "mkdocs",
                        help="the generator that turns the generated Markdown into HTML (default: mkdocs; see "
                        "docs/maintainers/zensical.md)")
    parser.add_argument("--checkers-data", metavar="FILE",
                        help="only check the content and write the checkers' data to FILE (make setup writes checkers/codes.json)")
    args = parser.parse_args(argv)
    if args.checkers_data:
        return _checkers_data_only(Path(args.docs), Path(args.checkers_data))
    # A build stopped by `kill` (as by a CI time-out) still removes its temporary folder, as on Ctrl-C.
    previous = signal.signal(signal.SIGTERM, _stop) if threading.current_thread() is threading.main_thread() else None
    try:
        notices = build(Path(args.docs), Path(args.site_dir), site_url=args.site_url, with_runtime=not args.no_runtime,
                        engine=args.engine)
    except (ContentError, BuildError) as error:
        if isinstance(error, ContentError):
            for each in each_error(error):
                print(f"error: {each}", file=sys.stderr)
                annotations.emit(each.message, each.path, each.line, title="The build stopped")
        else:
            print(f"error: {error}", file=sys.stderr)
            annotations.emit(str(error), getattr(error, "path", None), getattr(error, "line", None),
                             title="The build stopped")
        print("The build stopped; the previous site/ is unchanged.", file=sys.stderr)
        return 1
    finally:
        if previous is not None:
            signal.signal(signal.SIGTERM, previous)
    for notice in notices:
        print(f"note: {notice}")
    if os.environ.get(SERVED_AT):  # a rebuild by make serve, which is serving it
        print(f"Built the site in {args.site_dir}: reload {os.environ[SERVED_AT]} in the browser to see the change.")
    else:
        print(f"Built the site in {args.site_dir}. To look at it: make serve, then open http://127.0.0.1:"
              f"{os.environ.get('SERVE_PORT') or 8000}/ in a browser (make serve rebuilds it as you edit; its checkers do not "
              "run from files opened directly).")
    return 0


def build_day() -> dt.date:
    """The day the build stands on: today, or BUILD_DATE (YYYY-MM-DD) to see the site as on another day."""
    given = os.environ.get("BUILD_DATE")
    if not given:
        return dt.date.today()
    try:
        return dt.date.fromisoformat(given)
    except ValueError:
        raise ContentError("BUILD_DATE", None, f"must be a date written YYYY-MM-DD, not {given!r}") from None


def _checkers_data_only(docs: Path, path: Path) -> int:
    try:
        site = model.load(docs, build_day())
    except ContentError as error:
        print_errors(error)
        return 1
    try:
        write_checkers_data(site, path)
    except OSError as error:
        print(f"error: --checkers-data: cannot write {path}: {error.strerror or error}", file=sys.stderr)
        return 1
    print(f"Wrote {path}")
    return 0


def build(docs: Path, site_dir: Path, *, site_url: str | None = None, with_runtime: bool = True,
          today: dt.date | None = None, engine: str = "mkdocs") -> list[str]:
    """Build into a fresh folder beside site_dir, then swap it in; raise on any problem. The current version of each
    code is the one in force on `today` (the day of the build, or BUILD_DATE). `engine` turns the generated
    Markdown into HTML: MkDocs (the default) or Zensical, from the same Markdown and mkdocs.yml."""
    if engine not in ENGINES:
        raise BuildError(f"the engine must be one of {', '.join(ENGINES)}, not {engine!r}")
    compress.quality()  # a setting no build could use is said before any work
    # Zensical runs in the build's own folder: a relative --site-dir would be read from there.
    site_dir = Path(site_dir).absolute()
    refuse_a_site_dir_holding_what_it_would_replace(site_dir, Path(docs))
    recover(site_dir)
    # Validate all content before writing anything.
    lock.refuse_published_files_gone(Path(docs))
    site = model.load(docs, today or build_day())
    model.check_the_days_ahead(docs, site)
    if not (docs / "index.md").is_file():
        raise ContentError(docs / "index.md", None, "missing: it is the site's home page, which every page links to; "
                           "put it back (git checkout main -- docs/index.md)")
    notices = list(site.notices)
    for path, line, message in site.warnings:
        notices.append(f"warning: {annotations.relative(path)}{f':{line}' if line else ''}: {message}")
        annotations.emit(message, path, line, title="The law needs checking again", level="warning")
    # A preview never writes the lock: what is new is published when merged (sitebuild/lock.py).
    notices += lock.check(site, docs / lock.LOCK_NAME, root=docs.resolve().parent)[0]
    published = lock.read(docs / lock.LOCK_NAME)
    for note, later in site.carried_notes[1]:
        version = site.codes[note.code].get(later)
        if str(version.citation) not in published:
            notices.append(f"{annotations.relative(version.path)}: the note on the law on {version.unit_name(note.clause)} "
                           f"({note.title}) is not carried to version {later}, whose clause reads otherwise (or is gone). "
                           f"If it still holds, add it for version {later} in docs/law/notes.yml.")
    site_dir.parent.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix=f".build-{os.getpid()}-", dir=site_dir.parent))
    try:
        generated, output = work / "docs", work / "site"
        copy_static(docs, generated)
        expand_shortcodes(generated, site)
        copied = handwritten.as_copied(generated)
        pages.write_code_pages(site, generated)
        pages.write_codes_index(site, generated)
        pages.write_topics(site, generated)
        pages.write_glossary(site, generated)
        pages.write_law(site, generated)
        codes_data = write_checkers_data(site, work / content.DATA_NAME)
        manifest = runtime.prepare(work / "runtime", codes_data, ROOT) if with_runtime else None
        cited = checkerpages.write(generated, site)
        config = mkdocs_config(site, generated, output, site_url, manifest)
        handwritten.refuse_pages_not_published(docs, generated, copied, config["nav"], config["not_in_nav"])
        data.write_json(site, generated)
        data.write_feed(site, generated, config["site_url"])
        try:
            if engine == "zensical":
                run_zensical(config, work)
            else:
                run_mkdocs(config)
        except BuildError as error:
            _annotate_mkdocs(error, site, docs)
            raise
        search_units.index_units(output, site)
        fix_theme_html(output)
        defer_theme_on_checker_pages(output)
        install_checker_script(output)
        runtime.install_page_scripts(output)
        if with_runtime:
            runtime.install(work / "runtime", output)
        # Last, once every file is in place: what each checker page needs with no network.
        runtime.install_service_worker(output, manifest, offline.manifest(output, manifest, cited))
        refuse_what_the_site_must_not_do(output, urlsplit(config["site_url"] or "/").path or "/", site, docs)
        compress.precompress(output, ROOT / ".cache" / "compressed")
        swap_in(output, site_dir)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return notices


def write_checkers_data(site: model.Site, path: Path) -> Path:
    """What the checkers read (checkers/content.py): written whole, then put in place, so never half-written."""
    write_whole(path, json.dumps(content.to_data(site.codes, site.law), ensure_ascii=False, separators=(",", ":")))
    return path


def copy_static(docs: Path, generated: Path) -> None:
    # Hand-written pages and assets go in as they are; sources of generated pages do not.
    shutil.copytree(docs, generated, ignore=lambda folder, names: [
        n for n in names if Path(folder) == docs and n in SOURCES_NOT_COPIED])


def expand_shortcodes(generated: Path, site: model.Site) -> None:
    """{{ codes_list }} and {{ checkers_list }} in a hand-written page; an unknown shortcode is an error, never a blank."""
    known = {"codes_list": lambda page: pages.codes_list(site, page), "checkers_list": pages.checkers_list}
    for path in generated.rglob("*.md"):
        page = path.relative_to(generated).as_posix()
        try:
            text = source.read_text(path)
        except ContentError as error:
            raise ContentError(f"docs/{page}", error.line, error.message) from None
        for match in SHORTCODE.finditer(text):
            if match[1] not in known:
                line = text.count("\n", 0, match.start()) + 1
                raise ContentError(f"docs/{page}", line, f"unknown shortcode {match[0]}; the shortcodes are "
                                   + ", ".join(f"{{{{ {k} }}}}" for k in known))
        path.write_text(SHORTCODE.sub(lambda m, page=page: known[m[1]](page), text), encoding="utf-8")


def nav(site: model.Site, generated: Path) -> list:
    """The navigation: generated pages, then the hand-written ones that this content folder has."""
    # The API reference is reached from "For developers", outside the members' navigation and their search.
    optional = [{"Maintainers": ["maintainers/index.md", "maintainers/reference.md", "maintainers/hosting.md",
                                 "maintainers/zensical.md"]}, {"For developers": "developers/index.md"}]
    law = [{"The law": "law/index.md"}] if site.law else []
    return [
        {"Home": "index.md"},
        {"Codes": ["codes/index.md"] + [{c.current.short_title: Citation(c.code).page_source} for c in site.codes.values()]},
        {"Topics": "topics.md"},
        {"Glossary": "glossary.md"},
        {"Checkers": ["checkers/index.md"] + [f"checkers/{name}/index.md" for name in checkers.CHECKERS]
         + [{"My case": "case/index.md"}]},
    ] + law + [_existing(item, generated) for item in optional if _existing(item, generated)]


def _existing(item: dict, generated: Path) -> dict | None:
    """A navigation entry with only the pages this content folder has; None when it has none of them."""
    name, pages_ = next(iter(item.items()))
    kept = [p for p in (pages_ if isinstance(pages_, list) else [pages_]) if (generated / p).exists()]
    return {name: kept if isinstance(pages_, list) and len(kept) > 1 else kept[0]} if kept else None


def build_info() -> dict:
    commit = os.environ.get("GITHUB_SHA", "")[:12]
    if not commit:
        try:
            commit = subprocess.run(["git", "rev-parse", "--short=12", "HEAD"], cwd=ROOT, capture_output=True,
                                    text=True, check=True).stdout.strip()
        except (OSError, subprocess.CalledProcessError):
            commit = "unknown"
    return {"commit": commit or "unknown", "date": dt.date.today().isoformat()}


class _Collect(logging.Handler):
    def __init__(self):
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record):
        self.messages.append(record.getMessage())


def mkdocs_config(site: model.Site, generated: Path, output: Path, site_url: str | None, runtime: dict | None):
    from mkdocs.config import load_config
    from mkdocs.exceptions import Abort, ConfigurationError

    overrides = {"docs_dir": str(generated), "site_dir": str(output), "strict": True, "nav": nav(site, generated)}
    if site_url:
        overrides["site_url"] = _site_address(site_url, "--site-url (or SITE_URL)")
    collector = _Collect()
    logging.getLogger("mkdocs").addHandler(collector)
    try:
        config = load_config(str(SETTINGS), **overrides)
    except ConfigurationError as error:
        # A file MkDocs cannot read is named as the site's other YAML files are: a quote left open or a tab at its
        # own line, rather than where the parser gave up. Only its syntax: tags such as !ENV are MkDocs's to read.
        text = source.read_text(SETTINGS)
        source.check_quotes(text, SETTINGS, 1)
        try:
            yaml.compose(text)
        except yaml.YAMLError as syntax:
            raise source.yaml_error(syntax, SETTINGS) from None
        raise BuildError(f"mkdocs.yml: {error}") from None
    except Abort:
        # MkDocs has logged each setting it refused ("Config value 'site_url': ...") before giving up.
        raise BuildError("mkdocs.yml: " + "; ".join(collector.messages or ["MkDocs refused its settings"])) from None
    finally:
        logging.getLogger("mkdocs").removeHandler(collector)
    if config["site_url"] and not site_url:
        _site_address(config["site_url"], "site_url", settings=SETTINGS)
    theme = config["theme"]
    if theme.name != "material" or Path(theme.custom_dir or "").resolve() != (SETTINGS.parent / "overrides").resolve():
        # The site's templates, its page script and the checkers' runtime live in overrides/, over Material.
        raise ContentError(SETTINGS, source.first_line_holding(SETTINGS, "theme:"), "theme must be name: material with "
                           "custom_dir: overrides (the site's own pages and scripts are there): put those two lines back "
                           f"under theme (found name: {theme.name}, custom_dir: {theme.custom_dir or 'none'})")
    config.extra["build"] = build_info()
    config.extra["csp"] = CSP
    config.extra["runtime"] = runtime  # where checker pages find the wheel and Pyodide
    return config


def _site_address(value: str, given_as: str, settings: Path | None = None) -> str:
    """The site's address, as the pages, the feed, the sitemap and the calendar files write it: absolute http(s), with
    nothing in it that could break out of an attribute or a line. Refused naming where it was given: an option, or
    the settings file at its line."""
    try:
        return site_address(value)
    except ValueError as error:
        message = f"{given_as} {value!r} {error} (for example https://org.github.io/repo/)"
        if settings:
            raise ContentError(settings, source.first_line_holding(settings, "site_url:"), message) from None
        raise BuildError(message) from None


def run_zensical(config, work: Path) -> None:
    """Zensical, strictly, from the same generated Markdown and the same settings as MkDocs. It reads mkdocs.yml's
    format and runs no MkDocs plugins: the settings MkDocs resolved are written out for it, without the plugins
    other than search (see docs/maintainers/zensical.md for what differs)."""
    binary = Path(sys.executable).with_name("zensical")
    if not binary.exists() and not shutil.which("zensical"):
        raise BuildError("Zensical is not installed: it is in the dev dependencies (make setup installs it), or "
                         "pip install zensical")
    settings = yaml.safe_load(SETTINGS.read_text(encoding="utf-8"))
    settings.update(docs_dir=os.path.relpath(config["docs_dir"], work), site_dir=os.path.relpath(config["site_dir"], work),
                    site_url=config["site_url"], nav=config["nav"], strict=True,
                    plugins=[p for p in settings.get("plugins", []) if p == "search" or (isinstance(p, dict) and "search" in p)])
    settings["theme"]["custom_dir"] = str(ROOT / settings["theme"].get("custom_dir", "overrides"))
    settings["extra"] = {**(settings.get("extra") or {}), **dict(config.extra)}
    path = work / "zensical.yml"
    path.write_text(yaml.safe_dump(settings, allow_unicode=True, sort_keys=False), encoding="utf-8")
    result = subprocess.run([str(binary) if binary.exists() else "zensical", "build", "--strict", "--config-file", str(path)],
                            cwd=work, capture_output=True, text=True, env={**os.environ, "NO_COLOR": "1"})
    if result.returncode != 0:
        details = re.sub(r"\x1b\[[0-9;]*m", "", result.stdout + result.stderr).strip().splitlines()
        refused = BuildError("Zensical refused the generated site:\n  " + "\n  ".join(
            line for line in details if line.strip() and "Traceback" not in line)[-4000:])
        refused.messages = [line for line in details if ".md" in line or "Warning" in line]
        raise refused


def refuse_what_the_site_must_not_do(output: Path, base_path: str, site: model.Site, docs: Path) -> None:
    """The built pages, checked before they replace the site (sitebuild/audit.py): a broken link or anchor, a file
    from another origin (an image a maintainer linked from elsewhere, say), a script or style written into a page.
    Each problem is named on the content file its page came from, at the line that holds it where that can be found."""
    messages = []
    for problem in audit.problems_of(output, base_path):
        path, line = annotations.source_of(problem.page, problem.fragment, docs, site)
        path, line = _holding(_as_written(problem.clue), problem.page, path, line, site, docs)
        said = f"on the page {problem.page}: {problem.message}"
        messages.append(f"{annotations.relative(path)}{f':{line}' if line else ''}: {said}")
        annotations.emit(said, path, line, title="A page breaks the site's rules")
    if messages:
        refused = BuildError("the built pages break the site's rules:\n  " + "\n  ".join(messages))
        refused.messages = messages
        raise refused


def _as_written(clue: str) -> list[str]:
    """Where a source file likely holds a clue (an address, an attribute): as an attribute's value, a Markdown link's
    or image's target, an autolink; the bare clue last, since a short one ("x") is found inside other words."""
    if not clue:
        return []
    return [f'="{clue}"', f"='{clue}'", f"={clue} ", f"={clue}>", f"]({clue})", f"]({clue} ", f"<{clue}>", clue]


def _annotate_mkdocs(error: BuildError, site: model.Site, docs: Path) -> None:
    """MkDocs names the generated page it refused: the annotation goes on the file that page came from."""
    located = []
    for message in getattr(error, "messages", []):
        found = re.search(r"'([^']+\.md)'(?:.*?#([\w-]+))?", message)
        page = found[1].removesuffix("index.md") + "index.html" if found else ""
        path, line = annotations.source_of(page, found[2] or "" if found else "", docs, site)
        link = re.search(r"link '([^']+)'", message)
        if link:
            path, line = _holding(_as_written(link[1]), page, path, line, site, docs)
        annotations.emit(message, path, line, title="MkDocs refused a generated page")
        if found:
            located.append(f"{annotations.relative(path)}{f':{line}' if line else ''}: {message}")
    if located:
        # Said on the maintainer's file and line, not only on the generated page MkDocs names.
        error.args = (str(error).split("\n", 1)[0] + "\n  " + "\n  ".join(located),)


def _holding(clues: list[str], page: str, path: Path, line: int | None, site: model.Site, docs: Path):
    """The content file and line that hold what a built page shows wrongly: the most precise of `clues` found first,
    in the file the page came from; else, on a code's page, in any of its versions' files (a version's summary shows
    on its code's page); else in the content's data files (a glossary entry or a note on the law shows on other
    pages). A hand-written page shows only its own text, so no other is searched."""
    match = re.match(r"^codes/([^/]+)/", page)
    candidates = [path] + ([v.path for v in site.codes[match[1]].versions] if match and match[1] in site.codes else [])
    candidates += sorted(p for p in docs.rglob("*.yml") if p not in candidates)
    readable = [c for c in candidates if c.is_file() and c.suffix in (".md", ".yml")]
    for clue in filter(None, clues):
        for candidate in readable:
            held = source.first_line_holding(candidate, clue)
            if held:
                return candidate, held
    return path, line


def run_mkdocs(config) -> None:
    """MkDocs in strict mode: every warning fails the build, and is shown."""
    from mkdocs.commands.build import build as mkdocs_build
    from mkdocs.exceptions import Abort

    collector = _Collect()
    logging.getLogger("mkdocs").addHandler(collector)
    try:
        mkdocs_build(config)
    except Abort as error:
        details = "\n  ".join(collector.messages) or str(error)
        refused = BuildError(f"MkDocs refused the generated site:\n  {details}")
        refused.messages = list(collector.messages)
        raise refused from None
    except Exception as error:
        # A plugin or Markdown extension failing on a page (mkdocstrings on a malformed options block, say): MkDocs
        # has logged which page; the maintainer gets that and the failure, not a traceback.
        stopped = f"{type(error).__name__}: {error}"
        messages = list(collector.messages)
        if isinstance(error, RecursionError):
            # MkDocs has named the page; what to look for in it goes on the same line, which is kept when the
            # message is moved to the maintainer's file.
            hint = ("Markdown reads each note or HTML block inside another by going one level deeper, and this "
                    "page nests them hundreds deep. Look in the page's file for notes ('!!! note') or HTML blocks "
                    "('<div markdown>') inside each other, each indented further than the last, and nest them no "
                    "more than a few deep")
            stopped = f"{stopped}: {hint}"
            messages = [f"{m}: {hint}" if "recursion" in m else m for m in messages]
        details = "\n  ".join(messages + [stopped])
        refused = BuildError(f"MkDocs stopped while generating the site:\n  {details}")
        refused.messages = messages or [stopped]
        raise refused from None
    finally:
        logging.getLogger("mkdocs").removeHandler(collector)


def fix_theme_html(output: Path) -> None:
    """What Material writes that HTML or accessibility rules do not allow: autocomplete="off" on its hidden
    checkboxes; on pages outside the navigation (versions, comparisons) a label for a toggle it omits; and a
    search dialog without a name. Under Zensical: its links from a page to itself, href="", become "./", and the
    drawer's overlay label loses the aria-hidden that HTML forbids on a label for a control.

    Rewritten here rather than overridden: the checkboxes stand outside any block of Material's base.html, so
    only a copy of the whole of it could change them, and a copy of search.html or toc.html would drift from
    Material as silently. tests/test_theme_drift.py pins the files these rewrites concern."""
    autocomplete = re.compile(r'(<input class="md-toggle"[^>]*type="checkbox"[^>]*?) autocomplete="off"')
    orphan_label = re.compile(r'<label class="md-nav__title" for="__toc">(.*?)</label>', re.S)
    for path in output.rglob("*.html"):
        text = path.read_text(encoding="utf-8")
        fixed = autocomplete.sub(r"\1", text)
        fixed = fixed.replace('<div class="md-search" data-md-component="search" role="dialog">',
                              '<div class="md-search" data-md-component="search" role="dialog" aria-label="Search">')
        if 'id="__toc"' not in fixed:
            fixed = orphan_label.sub(r'<div class="md-nav__title">\1</div>', fixed)
        # Zensical links a page to itself as href="": to a browser the same page, to a link check a link to nowhere;
        # and hides the drawer's overlay label, which HTML does not allow on a label for a control.
        fixed = fixed.replace('<a href=""', '<a href="./"')
        fixed = fixed.replace('<label class="md-overlay" for="__drawer" aria-hidden="true">', '<label class="md-overlay" for="__drawer">')
        if fixed != text:
            path.write_text(fixed, encoding="utf-8")


THEME_SCRIPT = re.compile(r'<script src="([^"]*assets/javascripts/bundle\.[0-9a-f]+\.min\.js)"></script>')


def defer_theme_on_checker_pages(output: Path) -> None:
    """On a checker page, Material's script waits for the first answer (assets/checker/theme.js loads it then): on two cores
    it would otherwise compete with Pyodide's start, and the page reads and works without it meanwhile."""
    for path in output.rglob("*.html"):
        text = path.read_text(encoding="utf-8")
        if "assets/checker-boot.js" not in text:
            continue
        deferred, count = THEME_SCRIPT.subn(r'<script type="text/plain" data-theme-script="\1"></script>', text)
        if count != 1:
            raise BuildError(f"{path}: Material's script tag was not found once (found {count}); "
                             "a new Material version? See defer_theme_on_checker_pages in build_site.py.")
        path.write_text(deferred, encoding="utf-8")


def _stop(signum, frame):
    raise SystemExit(128 + signum)


def install_checker_script(output: Path) -> None:
    """The checker page's modules (overrides/assets/checker/, which MkDocs copied) as the one script pages load."""
    folder = output / "assets" / "checker"
    (output / "assets" / "checker.js").write_text(scripts.bundle(folder), encoding="utf-8")
    (output / "assets" / "case.js").write_text(scripts.bundle(folder, "casepage"), encoding="utf-8")
    shutil.rmtree(folder)


def refuse_a_site_dir_holding_what_it_would_replace(site_dir: Path, docs: Path) -> None:
    """The build replaces its output folder whole: one that is, or holds, the content, this project, the current
    folder or the home folder (`--site-dir .`, `--site-dir docs`, `--site-dir ~`) would lose them; and output inside
    the content would be read back into the next build as content."""
    where = site_dir.resolve()
    content = docs.resolve()
    kept = [("the content folder", content), ("this project", ROOT), ("the folder you are in", Path.cwd().resolve()),
            ("your home folder", Path.home().resolve())]
    for what, folder in kept:
        if where == folder or where in folder.parents:
            raise BuildError(f"--site-dir {site_dir}: the build replaces this folder whole, and it is or holds {what} "
                             f"({folder}), which would be lost: choose a folder of its own, such as {ROOT / 'site'}")
    if content in where.parents:
        raise BuildError(f"--site-dir {site_dir}: this folder is inside the content folder ({content}), so the next "
                         f"build would read the site as content: choose a folder outside it, such as {ROOT / 'site'}")


def previous_build(site_dir: Path) -> Path:
    """Where the site being replaced waits during the swap: a hidden name of the build's own, so that a reader's
    folder beside the site (site.old/, say) is never taken for it and deleted."""
    return site_dir.with_name(f".{site_dir.name}.previous-build")


def swap_in(output: Path, site_dir: Path) -> None:
    """Replace site_dir by the new build in two renames, so that it is never half-written. A crash between
    them leaves the previous site whole, which the next build puts back (recover) before anything else."""
    old = previous_build(site_dir)
    shutil.rmtree(old, ignore_errors=True)
    if site_dir.exists():
        site_dir.rename(old)
    try:
        output.rename(site_dir)
    except OSError:
        if old.exists():
            old.rename(site_dir)
        raise
    shutil.rmtree(old, ignore_errors=True)


def recover(site_dir: Path) -> None:
    """Undo what an interrupted build left: the previous site without site/ goes back, and temporary folders of
    builds that are no longer running (killed outright, so that they could not clean up) are removed."""
    old = previous_build(site_dir)
    if old.is_dir() and not site_dir.exists():
        old.rename(site_dir)
    if not site_dir.parent.is_dir():
        return
    for folder in site_dir.parent.glob(".build-*-*"):
        pid = folder.name.split("-")[1]
        if pid.isdigit() and not _running(int(pid)):
            shutil.rmtree(folder, ignore_errors=True)


def _running(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:
        return True  # someone else's process
    return True


if __name__ == "__main__":
    sys.exit(main())
