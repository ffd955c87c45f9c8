"""End to end in headless Chromium on the built site: Python's start as a candidate on a phone meets it. A download cut
short, refused or stalled, a damaged or missing snapshot, a slow connection: the page says what is happening, tries
again by itself where that can help, keeps what was typed, and answers as the command line does once Python starts.
(The rest of the checkers' use in Chromium is in tests/test_browser.py.)"""

import json
import re
import time
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

import checkers
from tests.conftest import cut_once, paced, serve
from tests.forms import share_link, wait_ready

pytestmark = pytest.mark.browser
READY = 60_000  # Pyodide's first start on a slow CI machine

# The waits before each try the page makes by itself of a start whose download was cut short, before it asks the
# reader (python.js).
PYTHON_JS = (Path(__file__).parent.parent / "overrides/assets/checker/python.js").read_text()
RETRY_AFTER_MS = [int(wait.replace("_", "")) for wait in re.search(
    r"const RETRY_AFTER_MS = \[([^\]]+)\]", PYTHON_JS)[1].split(",")]
TRIES_BEFORE_ASKING = 1 + len(RETRY_AFTER_MS)
# How often the site is asked whether it answers while the browser says it is offline.
OFFLINE_RECHECK_MS = int(re.search(r"const OFFLINE_RECHECK_MS = ([\d_]+);", PYTHON_JS)[1].replace("_", ""))


def fail_downloads_of_python(page: Page, times: int = TRIES_BEFORE_ASKING, files: str = "**/*.wasm") -> list:
    """The worker's look at the files (HEAD) succeeds; its first `times` downloads of `files` (Python's WebAssembly)
    fail. Returns the failed downloads' addresses as they happen."""
    failed = []

    def cut(route):
        if route.request.method == "GET" and len(failed) < times:
            failed.append(route.request.url)
            route.abort()
        else:
            route.continue_()

    page.route(files, cut)
    return failed


def test_when_pyodide_cannot_load_the_page_says_so(page: Page, site_url):
    page.route("**/*.wasm", lambda route: route.abort())
    page.goto(site_url + "checkers/suspension/")
    expect(page.locator(".checker-progress-text")).to_contain_text("could not be downloaded", timeout=READY)
    # Tried again by itself first, then the reader is asked.
    expect(page.locator(".checker-progress-text")).to_contain_text("Check your connection, then try again",
                                                                   timeout=READY)


# Python's WebAssembly, which the worker fetches, and Pyodide's script, which it imports (outside fetch: before, a
# failed import was told as "could not start in this browser", with "Try an up-to-date browser").
@pytest.mark.parametrize("files, said", [("**/*.wasm", "(pyodide.asm.wasm) could not be downloaded: the connection failed."),
                                         ("**/pyodide.mjs", "(pyodide.mjs) could not be downloaded.")])
def test_a_start_whose_download_was_cut_short_once_is_tried_again_by_itself_and_a_check_asked_meanwhile_is_answered(
        page: Page, site_url, files, said):
    failed = fail_downloads_of_python(page, times=1, files=files)
    # The page's script is held until the start has failed and then the snapshot (fetched by a worker of its own, held
    # until the failure) has come: the page hears of the failure first, then of the snapshot's download, which moves
    # the bar on while the start waits to begin again.
    held = {"snapshot": [], "script": []}

    def release(kind):
        for route in held[kind] or []:
            route.continue_()
        held[kind] = None

    def hold(kind):
        return lambda route: route.continue_() if held[kind] is None else held[kind].append(route)

    page.route("**/*.snapshot", hold("snapshot"))
    page.route("**/assets/checker.js", hold("script"))
    page.on("requestfailed", lambda request: release("snapshot") if request.url in failed else None)
    page.on("requestfinished", lambda request: release("script") if request.url.endswith(".snapshot") else None)
    warned = []
    page.on("console", lambda message: warned.append(message.text) if message.type == "warning" else None)
    page.goto(site_url + "checkers/nominations/")
    # Every value the bar takes from now on (a <progress>'s value is its attribute).
    page.evaluate("""() => {
        const bar = document.querySelector('.checker-progress-bar');
        window.barValues = [bar.value];
        new MutationObserver(() => window.barValues.push(bar.value)).observe(bar, { attributes: true });
    }""")
    page.fill("#verified", "25")
    page.select_option("#code", "momentum-ncg-elections")
    progress = page.locator(".checker-progress-text")
    expect(progress).to_have_text("The download was interrupted. Trying again…", timeout=READY)
    assert [text for text in warned if f"a file it needs {said}" in text], warned
    page.click("button[type=submit]")  # asked while the checker starts again
    expect(page.locator(".checker-result")).to_contain_text("Enough verified nominations to stand.", timeout=READY)
    expect(progress).to_have_text("Ready.")
    # Before: the reader was told the checker could not start, and had to press "Try again".
    expect(page.locator(".checker-retry")).to_have_count(0)
    expect(page.locator(".checker-progress")).not_to_have_class(re.compile("checker-progress--failed"))
    expect(page.locator("#verified")).to_have_value("25")
    assert len(failed) == 1
    # The bar never went back: the new start carried on from where the first had come (before, it began again at 0),
    # or where the snapshot's download had brought it since (before, the start went back to where it had failed).
    values = page.evaluate("window.barValues")
    assert values == sorted(values) and values[-1] == 100, values


def hold_the_webassembly(page: Page) -> list:
    """Python's WebAssembly asked for and held (its HEAD answered): the routes, once it has been asked for."""
    held = []
    page.route("**/*.wasm", lambda route: held.append(route) if route.request.method == "GET" else route.continue_())
    return held


def until_held(page: Page, held: list):
    deadline = time.monotonic() + READY / 1000
    while not held and time.monotonic() < deadline:
        page.wait_for_timeout(100)
    assert held, "the WebAssembly was never asked for"


def test_a_check_asked_of_a_start_that_then_breaks_off_is_asked_again_of_the_next_and_answered(page: Page, site_url):
    held = hold_the_webassembly(page)
    page.goto(site_url + "checkers/nominations/")
    page.select_option("#code", "momentum-ncg-elections")
    page.fill("#verified", "19")
    until_held(page, held)
    page.click("button[type=submit]")  # sent to the worker whose download then breaks off
    expect(page.locator(".checker-result-body")).to_have_text("Checking…")
    held.pop().abort()
    page.unroute_all()
    result = page.locator(".checker-result")
    expect(result.locator(".status")).to_contain_text("Not enough verified nominations", timeout=READY)
    expect(result).not_to_contain_text("could not")


def test_a_start_cut_short_while_the_browser_is_offline_carries_on_when_it_is_back_online(page: Page, site_url):
    held = hold_the_webassembly(page)
    page.goto(site_url + "checkers/suspension/")
    until_held(page, held)
    page.context.set_offline(True)
    held.pop().abort()
    progress = page.locator(".checker-progress-text")
    offline = "You are offline. The download will carry on when you are back online."
    expect(progress).to_have_text(offline, timeout=READY)
    # Said once, in the status's two lines: not "using this browser's copy" of a checker this browser has not got yet.
    assert page.locator(".checker-progress-words").inner_text().strip() == offline
    page.wait_for_timeout(8_000)  # past every wait of the automatic tries: none is used up while offline
    expect(progress).to_have_text(offline)
    page.unroute_all()
    page.context.set_offline(False)
    expect(progress).to_have_text("Ready.", timeout=READY)


def test_a_browser_that_says_it_is_offline_on_a_network_that_works_still_starts_once_the_site_answers(
        page: Page, site_url):
    # The browser's word is the page's only: it says offline, and never says it is back, while the network works.
    page.add_init_script("Object.defineProperty(Navigator.prototype, 'onLine', "
                         "{ configurable: true, get: () => !window.saysOffline })")
    page.clock.install()
    held = hold_the_webassembly(page)
    page.goto(site_url + "checkers/suspension/")
    until_held(page, held)
    page.evaluate("window.saysOffline = true")
    held.pop().abort()
    progress = page.locator(".checker-progress-text")
    expect(progress).to_have_text("You are offline. The download will carry on when you are back online.",
                                  timeout=READY)
    page.unroute_all()
    page.clock.run_for(OFFLINE_RECHECK_MS + 1_000)
    # Before, it waited for the browser's "online", which never came.
    expect(progress).to_have_text("Ready.", timeout=READY)


def test_a_start_whose_download_failed_is_tried_again_at_a_tap_and_what_was_typed_stays(page: Page, site_url):
    fail_downloads_of_python(page)
    page.goto(site_url + "checkers/nominations/")
    page.fill("#verified", "25")
    progress = page.locator(".checker-progress-text")
    expect(progress).to_contain_text("The checker could not start: a file it needs", timeout=READY)
    page.click(".checker-retry")
    expect(page.locator(".checker-retry")).to_have_count(0)
    expect(page.locator(".checker-progress")).to_be_focused()
    expect(progress).to_have_text("Ready.", timeout=READY)
    expect(page.locator("#verified")).to_have_value("25")
    page.select_option("#code", "momentum-ncg-elections")
    page.click("button[type=submit]")
    expect(page.locator(".checker-result")).to_contain_text("Enough verified nominations to stand.", timeout=READY)


def test_when_the_workers_own_script_never_arrives_the_page_says_so_within_a_minute(page: Page, site_url):
    page.clock.install()
    page.route("**/checker-worker.js", lambda route: None)  # held, never answered
    page.goto(site_url + "checkers/suspension/", wait_until="domcontentloaded")
    progress = page.locator(".checker-progress-text")
    page.clock.run_for(59_000)
    expect(progress).to_have_text("Getting the checker ready…")
    page.clock.run_for(2_000)
    expect(progress).to_have_text("The download was interrupted. Trying again…")
    # Each try by itself waits its minute too; then the reader is asked.
    for wait in RETRY_AFTER_MS:
        page.clock.run_for(wait + 61_000)
    expect(progress).to_contain_text("checker-worker.js) did not load within a minute. Check your connection")
    expect(page.locator(".checker-retry")).to_be_visible()


def test_a_start_that_stalls_is_told_after_a_minute_and_carries_on_when_the_connection_comes_back(page: Page, site_url):
    page.clock.install()
    held = []
    # The snapshot and Python's WebAssembly asked for and not answered: a connection that hangs without failing.
    for pattern in ("**/*.snapshot", "**/*.wasm"):
        page.route(pattern, lambda route: held.append(route))
    page.goto(site_url + "checkers/suspension/", wait_until="domcontentloaded")
    progress = page.locator(".checker-progress-text")
    expect(progress).to_have_text("Downloading the checker…")
    page.wait_for_timeout(1_000)  # the worker's last words before the wait (its files' answers) have come
    page.clock.run_for(55_000)  # the page's clock also runs as real time passes: a few seconds already have
    expect(progress).to_have_text("Downloading the checker…")
    page.clock.run_for(6_000)
    expect(progress).to_have_text("Waiting for the connection…")
    expect(page.locator(".checker-progress")).not_to_have_class(re.compile("checker-progress--failed"))
    for route in held:
        route.continue_()
    page.unroute_all()
    expect(progress).to_have_text("Ready.", timeout=READY)


def test_a_slow_start_still_arriving_is_never_cut_short_or_called_stalled(page: Page, built_site):
    # Python's files at 2 Mbit/s take about 25 s here, while the page's clock is run on by 10 s for each real second:
    # over four minutes of the page's time, with a word of progress at least every few seconds.
    server, base = serve(built_site, paced(2, (".snapshot", ".wasm", ".whl", ".zip")))
    try:
        page.clock.install()
        page.goto(base + "checkers/suspension/", wait_until="domcontentloaded")
        progress = page.locator(".checker-progress-text")
        said = set()
        for _ in range(READY // 1000):
            said.add(progress.text_content())
            if said & {"Ready."}:
                break
            page.clock.run_for(10_000)
            page.wait_for_timeout(1_000)
        assert "Ready." in said, said
        assert not [words for words in said if "Waiting" in words or "could not start" in words], said
    finally:
        server.shutdown()
        server.server_close()


def test_python_starts_from_the_snapshot_without_downloading_the_wheel(page: Page, site_url):
    downloads = []
    page.on("request", lambda request: downloads.append(request.url) if request.method == "GET" else None)
    page.goto(site_url + "checkers/nominations/")
    wait_ready(page)
    assert [url for url in downloads if url.endswith(".snapshot")]
    assert not [url for url in downloads if url.endswith(".whl")]


# A file of Python's start whose body breaks off part-way (its headers came). Before: Pyodide only logged the failed
# compile of its WebAssembly ("wasm instantiation failed!") and its start waited for ever, the page saying "Waiting for
# the connection…" after a minute; without the snapshot, it only logged the failed reading of the standard library
# (then "Program terminated with exit(1)") or of the checkers' wheel (then a traceback: "No module named 'checkers'"),
# and the page said the browser could not run it.
@pytest.mark.parametrize("file, snapshot", [("pyodide.asm.wasm", True), ("stdlib", False), ("wheel", False)])
def test_a_file_of_the_start_cut_part_way_is_tried_again_rather_than_waited_on_or_done_without(page: Page, built_site,
                                                                                             file, snapshot):
    cut = []
    manifest = json.loads((built_site / "assets" / "checkers-runtime.json").read_text())
    name = Path(manifest.get(file, file)).name

    class Cut(cut_once(name, cut)):
        def send_head(self):
            if self.path.endswith(".snapshot") and not snapshot:
                self.send_error(404)
                return None
            return super().send_head()

    server, base = serve(built_site, Cut)
    try:
        page.goto(base + "checkers/nominations/")
        progress = page.locator(".checker-progress-text")
        expect(progress).to_have_text("The download was interrupted. Trying again…", timeout=READY)
        expect(progress).to_have_text("Ready.", timeout=READY)
        assert cut
    finally:
        server.shutdown()
        server.server_close()


def test_a_snapshot_download_cut_off_midway_is_asked_for_again_and_python_starts_from_it(page: Page, built_site):
    cut = []
    server, base = serve(built_site, cut_once(".snapshot", cut))
    try:
        downloads = []
        page.on("request", lambda request: downloads.append(request.url) if request.method == "GET" else None)
        page.goto(base + "checkers/nominations/")
        wait_ready(page)
        assert cut
        # Asked for again, rather than Python started the usual way, which would download its wheel and more.
        assert len([url for url in downloads if url.endswith(".snapshot")]) == 2
        assert not [url for url in downloads if url.endswith(".whl")]
    finally:
        server.shutdown()
        server.server_close()


# Python's large files at about 2 MB/s, as on a good mobile connection: about 10 s for the snapshot and the
# WebAssembly, long enough that a machine loaded by other tests has shown the page's bar before they are in (at 4 MB/s,
# twice in five loaded runs, the bar was first seen full).
_Slow = paced(16, (".snapshot", ".wasm", ".whl", ".zip"))


def test_on_a_slow_connection_the_progress_bar_follows_the_download(page: Page, built_site):
    server, base = serve(built_site, _Slow)
    try:
        # From the response on: the bar is read while Python's files arrive, whenever the page's own load event comes.
        page.goto(base + "checkers/nominations/", wait_until="commit")
        bar = page.locator(".checker-progress-bar")
        values = []
        deadline = time.monotonic() + READY / 1000
        while page.locator(".checker-progress-text").text_content() != "Ready." and time.monotonic() < deadline:
            if bar.is_visible():
                values.append(bar.evaluate("bar => bar.value"))
            page.wait_for_timeout(50)
        wait_ready(page)
        assert any(10 < value < 90 for value in values), values
        assert values == sorted(values)  # it never goes back
        expect(bar).to_be_hidden()
    finally:
        server.shutdown()
        server.server_close()


@pytest.mark.parametrize("snapshot", ["missing", "not a snapshot", "made for another Pyodide", "its worker missing"])
def test_without_a_usable_snapshot_python_starts_from_the_wheel_and_answers_the_same(
        page: Page, site_url, built_site, snapshot):
    if snapshot == "missing":
        page.route("**/*.snapshot", lambda route: route.abort())
    elif snapshot == "its worker missing":
        page.route("**/snapshot-fetcher.js", lambda route: route.fulfill(status=404, body=""))
    elif snapshot == "not a snapshot":
        page.route("**/*.snapshot", lambda route: route.fulfill(body=b"\0" * 4096))
    else:
        # The real snapshot, with the checksum of the module memory it was made against changed (bytes 20 to 23
        # of its header: browser_runtime/assets/snapshot-format.mjs).
        manifest = json.loads((built_site / "assets" / "checkers-runtime.json").read_text())
        packed = bytearray((built_site / "assets" / manifest["snapshot"]).read_bytes())
        packed[20] ^= 0xFF
        page.route("**/*.snapshot", lambda route: route.fulfill(body=bytes(packed)))
    downloads = []
    page.on("request", lambda request: downloads.append(request.url) if request.method == "GET" else None)
    page.goto(site_url + "checkers/nominations/")
    wait_ready(page)
    assert [url for url in downloads if url.endswith(".whl")]
    request = {"code": "nec-candidates", "verified": 3}
    assert page.evaluate("r => window.codesOfConduct.run('nominations', r)", request) == checkers.run("nominations", request)


def test_a_first_visit_loads_pyodides_script_again_after_its_answer_so_the_next_visit_finds_it_compiled(
        context, site_url):
    # browser_runtime/assets/script-cache-warmer.js: Chromium keeps a script's compiled code from its second load on.
    link = share_link(site_url, "nominations", {"code": "momentum-ncg-elections", "verified": 25})
    warmers = []

    def visit():
        page = context.new_page()
        page.on("worker", lambda worker: warmers.append(worker) if worker.url.endswith("/script-cache-warmer.js")
                else None)
        page.goto(link)
        expect(page.locator(".checker-result")).to_be_visible(timeout=READY)
        return page

    first = visit()
    assert warmers == []  # not before the answer
    deadline = time.monotonic() + 15
    while not warmers and time.monotonic() < deadline:
        first.wait_for_timeout(100)
    assert len(warmers) == 1
    # It runs Pyodide's module factory as far as the WebAssembly module, which it never asks for.
    compiled = False
    while not compiled and time.monotonic() < deadline:
        compiled = warmers[0].evaluate("() => self.factoryCompiled === true")
        first.wait_for_timeout(100)
    assert compiled
    first.close()
    # A later visit takes the script from the browser's cache (revalidated: the test server sends no-cache), and
    # loads it once only.
    later = visit()
    later.wait_for_timeout(3_000)
    assert len(warmers) == 1


def test_a_file_the_site_has_not_got_is_not_tried_again_by_itself_nor_blamed_on_the_connection(page: Page, site_url):
    page.route("**/*.wasm", lambda route: route.fulfill(status=404, body="") if route.request.method == "GET"
               else route.continue_())
    page.goto(site_url + "checkers/suspension/")
    progress = page.locator(".checker-progress-text")
    expect(progress).to_contain_text("(pyodide.asm.wasm) could not be downloaded: the site answered 404. The fault is "
                                     "the site's, not your connection: try again later", timeout=10_000)
    # Before: "Check your connection, then try again".
    expect(progress).not_to_contain_text("connection, then")


def test_a_webassembly_download_that_fails_after_the_start_is_reported_within_seconds(page: Page, site_url):
    # The worker's first look at the files (HEAD) succeeds; the download itself then fails.
    page.route("**/*.wasm", lambda route: route.abort() if route.request.method == "GET" else route.continue_())
    page.goto(site_url + "checkers/suspension/")
    progress = page.locator(".checker-progress-text")
    expect(progress).to_have_text("The download was interrupted. Trying again…", timeout=10_000)
    # Once the tries it makes by itself have failed too, which file, and why.
    expect(progress).to_contain_text("pyodide.asm.wasm) could not be downloaded: the connection failed.", timeout=READY)
    expect(progress).not_to_contain_text("two minutes")


def test_a_damaged_snapshot_of_the_right_length_is_refused_and_python_starts_from_the_wheel(page: Page, site_url,
                                                                                          built_site):
    manifest = json.loads((built_site / "assets" / "checkers-runtime.json").read_text())
    packed = bytearray((built_site / "assets" / manifest["snapshot"]).read_bytes())
    for at in range(len(packed) - 4096, len(packed), 97):
        packed[at] ^= 0x5A  # inside Python's memory, past every header and checksum the format has
    page.route("**/*.snapshot", lambda route: route.fulfill(body=bytes(packed)))
    messages = []
    page.on("console", lambda message: messages.append(message.text))
    downloads = []
    page.on("request", lambda request: downloads.append(request.url) if request.method == "GET" else None)
    page.goto(site_url + "checkers/nominations/")
    wait_ready(page)
    assert [url for url in downloads if url.endswith(".whl")]
    assert any("checksum does not match" in text for text in messages), messages
    request = {"code": "momentum-ncg-elections", "verified": 21}
    assert page.evaluate("r => window.codesOfConduct.run('nominations', r)", request) == checkers.run("nominations", request)
