"""Shared fixtures: the real site built once per session, served on 127.0.0.1, and Chromium's launch."""

from __future__ import annotations

import functools
import os
import shutil
import sys
import threading
import time
from pathlib import Path

import pytest
from hypothesis import settings

ROOT = Path(__file__).resolve().parent.parent
# No property test is timed: a deadline is a timing asserted in a test, and a loaded machine (the three test processes
# with their browsers on two cores) failed one at 259 ms. Speed is measured under bench/.
settings.register_profile("untimed", deadline=None)
settings.load_profile("untimed")
sys.path.insert(0, str(ROOT))
# The sites tests build for themselves compress their files at Brotli's quality 4 rather than its best, 11: copies as
# valid, a little larger, made in a fraction of the time. The site `make test` builds before the tests (TEST_SITE)
# is built as it is published, at 11.
os.environ.setdefault("BROTLI_QUALITY", "4")

import build_site  # noqa: E402
from checkers import content  # noqa: E402
from sitebuild.serve import Handler, Server  # noqa: E402
from tests import engines  # noqa: E402

# The checkers read the data the build makes from docs/codes (as `make setup` does); a run of pytest alone
# makes it again when it is missing or older than the codes' files.
_newest_code = max(p.stat().st_mtime for p in (ROOT / "docs" / "codes").glob("*/*.md"))
if not content.PACKAGED_DATA.is_file() or content.PACKAGED_DATA.stat().st_mtime < _newest_code:
    assert build_site.main(["--checkers-data", str(content.PACKAGED_DATA)]) == 0, "the content does not build"

CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
CHROMIUM_FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                  "--disable-background-networking", "--disable-component-update", "--disable-sync"]


def _has_chromium() -> bool:
    if Path(CHROMIUM).exists():
        return True
    try:  # Playwright's own browser, where `playwright install` could fetch it
        from playwright.sync_api import sync_playwright

        with sync_playwright() as playwright:
            return Path(playwright.chromium.executable_path).exists()
    except Exception:
        return False


# What the machine lacks, by the marker of the tests that need it: said once, at the start; those tests are
# skipped, every other test runs, and the run still fails, since it did not test everything.
NEEDS = {
    "browser": (_has_chromium, "Chromium is missing, so the browser tests cannot run: apt-get install chromium "
                               "(or set CHROMIUM to a Chromium or Chrome binary)"),
    "java": (lambda: shutil.which("java") is not None,
             "Java is missing, so the HTML validator cannot run: apt-get install default-jre-headless"),
    "firefox": (lambda: engines.missing("firefox") is None, engines.missing("firefox")),
    "webkit": (lambda: engines.missing("webkit") is None, engines.missing("webkit")),
}
_missing: dict[str, str] = {}


def pytest_configure(config):
    config.addinivalue_line("markers", "java: needs Java (the Nu Html Checker)")
    config.addinivalue_line("markers", "firefox: end-to-end tests in Firefox (tests/engines)")
    config.addinivalue_line("markers", "webkit: end-to-end tests in WebKit, Safari's engine (tests/engines)")
    _missing.update({marker: why for marker, (present, why) in NEEDS.items() if not present()})


def pytest_report_header(config):
    return [f"NOT INSTALLED: {why}" for why in _missing.values()]


# The longest test files, longest first: `make test` runs files in three processes (pytest-xdist, --dist loadfile),
# and starting these first keeps one process from running a long file alone at the end.
# (Their order as measured from a full run's JUnit report, 7 December 2026.)
LONGEST_FIRST = ["test_every_engine.py", "test_startup.py", "test_phone.py", "test_browser.py", "test_reach.py",
                 "test_offline.py", "test_gates.py", "test_validation.py", "test_engines.py", "test_maintainer_slips.py",
                 "test_properties.py", "test_pyodide.py", "test_case_browser.py", "test_lock.py"]


def pytest_collection_modifyitems(config, items):
    rank = {name: index for index, name in enumerate(LONGEST_FIRST)}
    items.sort(key=lambda item: rank.get(item.path.name, len(rank)))  # stable: each file's own order is kept
    for item in items:
        for marker, why in _missing.items():
            if item.get_closest_marker(marker):
                item.add_marker(pytest.mark.skip(reason=why))


def pytest_pyfunc_call(pyfuncitem):
    """A test in Firefox or WebKit whose browser itself ends (its page's process crashed: WebKit's did so once in CI,
    and took the other eleven WebKit tests with it) runs again, once, in a new browser, with a warning that says what
    the browser's log said last. A failure the page causes fails as it did; so does a second crash."""
    engine = next((value for value in pyfuncitem.funcargs.values() if isinstance(value, engines.Engine)), None)
    if engine is None:
        return None  # pytest calls the test as usual
    arguments = {name: pyfuncitem.funcargs[name] for name in pyfuncitem._fixtureinfo.argnames}
    for attempt in ("first", "second"):
        try:
            pyfuncitem.obj(**arguments)
            return True
        except Exception as error:
            if engine.alive():
                raise
            said = engine.restart()
            if attempt == "second":
                raise engines.EngineGone(f"{engine.name} ended during this test twice; its log said last:\n{said}") from error
            pyfuncitem.warn(pytest.PytestWarning(
                f"{engine.name} ended during the test ({type(error).__name__}: {str(error)[:200]}); it ran again in a "
                f"new {engine.name}. The browser's log said last:\n{said or '(nothing)'}"))
    return True


def pytest_sessionfinish(session, exitstatus):
    if _missing and exitstatus == 0:
        session.exitstatus = 1


def pytest_terminal_summary(terminalreporter):
    if _missing:
        terminalreporter.write_line("The run fails: some tests could not run, for what is NOT INSTALLED (see the start).",
                                    red=True)


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    """pytest-playwright: Debian's Chromium where it is installed, else Playwright's own browser."""
    args = {**browser_type_launch_args, "args": CHROMIUM_FLAGS}
    if Path(CHROMIUM).exists():
        args["executable_path"] = CHROMIUM
    return args


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args):
    """pytest-playwright's `page`: without the site's service worker, which would fetch for the page what a test's
    `page.route` fails on purpose (requests a service worker makes are not routed). tests/test_offline.py, which
    tests the service worker, opens its own contexts."""
    return {**browser_context_args, "service_workers": "block"}


@pytest.fixture(scope="session")
def built_site(tmp_path_factory) -> Path:
    """The real site with the checkers' runtime, built once: by `make test` before its two runs of pytest
    (TEST_SITE), else here."""
    given = os.environ.get("TEST_SITE")
    if given and (Path(given) / "index.html").is_file():
        return Path(given)
    site = tmp_path_factory.mktemp("built") / "site"
    build_site.build(ROOT / "docs", site)
    return site


class _Quiet(Handler):
    def log_message(self, *args):
        pass


def paced(megabits: float, only: tuple[str, ...] = ()) -> type[Handler]:
    """The site's handler sending at `megabits` a second in all, every response sharing it as one connection's
    bandwidth (no latency added); with `only`, just the files whose paths end so. A network paced by the server
    itself, so that a test or a benchmark depends on no browser's emulation of one."""
    rate = megabits * 1e6 / 8
    lock = threading.Lock()
    free_at = [0.0]

    class Paced(_Quiet):
        CHUNK = 16 * 1024

        def copyfile(self, source, outputfile):
            if only and not self.path.endswith(only):
                return super().copyfile(source, outputfile)
            while chunk := source.read(self.CHUNK):
                with lock:
                    free_at[0] = max(free_at[0], time.monotonic()) + len(chunk) / rate
                    due = free_at[0]
                time.sleep(max(0.0, due - time.monotonic()))
                try:
                    outputfile.write(chunk)
                except OSError:
                    return  # the page has gone

    return Paced


def failing_once(prefix: str, failed: list[str]) -> type[Handler]:
    """The site's handler answering the first request for a path that starts with `prefix` with 503 (a weak signal
    dropping it), noted in `failed`; every later request as usual."""

    class FailingOnce(_Quiet):
        def do_GET(self):
            if self.path.startswith(prefix) and not failed:
                failed.append(self.path)
                self.send_error(503)
                return
            super().do_GET()

    return FailingOnce


def cut_once(suffix: str, cut: list[str]) -> type[Handler]:
    """The site's handler sending half of the first response for a path that ends with `suffix`, then closing the
    connection (a weak signal dropped mid-way), noted in `cut`; every later request as usual."""

    class CutOnce(_Quiet):
        def copyfile(self, source, outputfile):
            if self.path.endswith(suffix) and not cut:
                cut.append(self.path)
                data = source.read()
                outputfile.write(data[:len(data) // 2])
                self.close_connection = True
                return
            super().copyfile(source, outputfile)

    return CutOnce


def serve(folder: Path, handler_class: type[Handler] = _Quiet, server_class: type[Server] = Server):
    handler = functools.partial(handler_class, directory=str(folder))
    server = server_class(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}/"


@pytest.fixture(scope="session")
def site_url(built_site):
    server, url = serve(built_site)
    yield url
    server.shutdown()


@pytest.fixture
def docs_copy(tmp_path) -> Path:
    """A copy of the real content to break in a test."""
    target = tmp_path / "docs"
    shutil.copytree(ROOT / "docs", target)
    return target


@pytest.fixture
def fixture_docs_copy(tmp_path) -> Path:
    """A copy of the fixture's small content, for a test whose point does not depend on the real codes (a build of
    it takes a fifth of the time)."""
    target = tmp_path / "docs"
    shutil.copytree(ROOT / "tests" / "fixtures" / "docs", target)
    return target


@pytest.fixture(scope="session")
def fixture_site(tmp_path_factory) -> Path:
    """The fixture code's three versions, built without the checkers' runtime."""
    site = tmp_path_factory.mktemp("fixture-site") / "site"
    build_site.build(ROOT / "tests" / "fixtures" / "docs", site, with_runtime=False)
    return site


@pytest.fixture(scope="session")
def fixture_site_url(fixture_site):
    server, url = serve(fixture_site)
    yield url
    server.shutdown()
