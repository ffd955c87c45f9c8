"""The site in Firefox and in WebKit (Safari's engine), as the Chromium tests have it: every checker's worked
examples, a form typed and sent with one tap, the spreadsheet, the record and the calendar, an offline reload, every
page at a phone's width with no sideways scrolling, a page of each kind with nothing for axe to find, and no error or
CSP violation on the way. tests/engines drives them."""

from __future__ import annotations

import base64
import contextlib
import functools
import json
import os
import re
import signal
import time
import warnings
from pathlib import Path

import pytest

import checkers
from sitebuild import audit
from tests import checkercases, engines
from tests.conftest import _Quiet, cut_once, serve
from tests.forms import DRAWER_LINK_TO_TAP, share_link
from tests.test_gates import AXE, AXE_RUN, AXE_TAGS, RENDER_DEFERRED

ENGINES = [pytest.param(name, marks=getattr(pytest.mark, name)) for name in ("firefox", "webkit")]
READY = 90


@pytest.fixture(scope="module", params=ENGINES)
def engine(request, tmp_path_factory):
    started = engines.start(request.param, tmp_path_factory.mktemp(f"{request.param}-downloads"))
    yield started
    started.close()


@pytest.fixture
def quiet(engine):
    """No error and no CSP violation in the page (or, in Firefox, its workers) from the test's start to its end."""
    engine.problems()
    yield engine
    assert engine.problems() == []


def wait_ready(engine):
    engine.wait("document.querySelector('.checker-progress-text')?.textContent.trim() === 'Ready.'", READY,
                "the checker to say Ready.")


def wait_answer(engine, expected: dict, after: bool = False):
    """The answer on the page: its status in words, and each thing to do, as Python words them. With `after`, a new
    answer, not the one marked by `mark_answer` before."""
    fresh = ":not([data-before])" if after else ""
    status = engine.wait(f"document.querySelector('.checker-result:not([hidden]) .status[class*=status--]{fresh}')"
                         "?.textContent.trim()", READY, "an answer")
    assert status == expected["status_text"], engine.name
    shown = engine.evaluate("[...document.querySelectorAll('ol.todo > li')].map((li) => li.textContent.trim())")
    assert len(shown) == len(expected["todo"])
    for item, text in zip(expected["todo"], shown, strict=True):
        assert item["text"] in text


def mark_answer(engine) -> None:
    """The answer shown now, marked as seen: `wait_answer(after=True)` waits for another (the page draws each anew)."""
    engine.evaluate("document.querySelector('.checker-result .status')?.setAttribute('data-before', '')")


def link(base: str, checker: str, request: dict) -> str:
    return share_link(base, checker, request).replace("/#scenario=", "/?shared#scenario=")


def test_every_checkers_worked_examples_open_and_answer_as_the_command_line_does(quiet, site_url):
    """Each checker's page, and its worked examples tapped one after another as a reader reads down the page: each
    answers as the command line does, nothing left over from the one before (the page's own links are followed,
    which is what the examples' answers test)."""
    engine = quiet
    examples = [c for c in checkercases.load() if c.get("example")]
    assert {c["checker"] for c in examples} == set(checkers.CHECKERS)
    for name in checkers.CHECKERS:
        engine.goto(site_url + f"checkers/{name}/")
        wait_ready(engine)
        links = {json.dumps(json.loads(base64.urlsafe_b64decode(href.split("#scenario=")[1] + "==")), sort_keys=True): href
                 for href in engine.evaluate("[...document.querySelectorAll('.worked-examples a[href*=\"#scenario=\"]')]"
                                             ".map((a) => a.getAttribute('href'))")}
        for case in (c for c in examples if c["checker"] == name):
            href = links[json.dumps(case["request"], sort_keys=True)]
            mark_answer(engine)
            engine.click(f'.worked-examples a[href="{href}"]')
            # The tap reached its link (or the error says so now, not after the wait for an answer).
            engine.wait(f"location.hash === {json.dumps('#' + href.split('#', 1)[1])}", 5, "the tapped example's link")
            wait_answer(engine, checkers.run(name, case["request"]), after=True)


def test_a_donation_typed_in_and_checked_with_one_tap(quiet, site_url):
    engine = quiet
    engine.goto(site_url + "checkers/donations/")
    wait_ready(engine)
    engine.select("#code", "nec-candidates")
    engine.type("#donations-0-donor", "Jane Smith")
    engine.type("#donations-0-amount", "£1,800")
    engine.type("#donations-0-received", "15/3/2025")
    engine.select("#donations-0-permissible", "true")
    # One tap, straight from the last field typed in: the button must not move away under the finger.
    engine.click("button[type=submit]")
    wait_answer(engine, checkers.run("donations", {"code": "nec-candidates", "donations": [
        {"donor": "Jane Smith", "amount": "1800", "received": "2025-03-15", "permissible": True}]}))


def test_search_is_offered_on_a_checker_page_before_the_themes_script_runs_and_finds_a_clause(quiet, site_url):
    engine = quiet
    engine.goto(site_url + "checkers/donations/")
    wait_ready(engine)
    assert engine.evaluate("document.querySelectorAll('script[src*=\"/javascripts/bundle.\"]').length") == 0, engine.name
    shown = "(selector) => document.querySelector(selector).getClientRects().length > 0"
    button, query = "label.md-header__button[for=__search]", "input[data-md-component=search-query]"
    # Before the theme's script: at a phone's width a button that opens search; wider, the search box itself.
    offered = engine.evaluate(f"[({shown})('{button}'), ({shown})('{query}')]")
    assert any(offered), engine.name
    if offered[0]:
        engine.click(button)
    engine.wait(f"({shown})('{query}') && document.querySelector('.md-search-result__meta')?.textContent === "
                "'Type to start searching'", 30, "search, ready to type in")
    engine.type(query, "social media")
    # Typed key by key, each key searches: wait for the results of the whole query, not of its first letters.
    href = engine.wait("[...document.querySelectorAll('.md-search-result__item > a')].map((a) => a.getAttribute('href'))"
                       ".find((href) => /[?&]h=social\\b/.test(href))", 30, "a result for the whole query")
    assert re.search(r"[?&]h=social\b", href), (engine.name, href)


def test_a_spreadsheet_goes_in_and_the_record_and_calendar_come_out(quiet, site_url, tmp_path):
    engine = quiet
    sheet = tmp_path / "donations.csv"
    sheet.write_text("donor,amount,received,kind,permissible\nA. Donor,1800,15/03/2025,cash,yes\n"
                     "B. Donor,600,01/04/2025,non-cash,yes\n", encoding="utf-8")
    engine.goto(site_url + "checkers/donations/")
    wait_ready(engine)
    engine.select("#code", "nec-candidates")
    engine.click("details.csv > summary")
    engine.upload("#csv-file", sheet)
    engine.wait("document.querySelector('#csv-text').value.length > 0", 20, "the file read into the box")
    engine.click(".csv-load")
    engine.wait("/added from the spreadsheet/.test(document.querySelector('.csv-status').textContent)", 30, "the rows")
    assert engine.evaluate("document.querySelector('#donations-1-donor').value") == "B. Donor"
    engine.click("button[type=submit]")
    request = {"code": "nec-candidates", "donations": [
        {"donor": "A. Donor", "amount": "1800", "received": "2025-03-15", "kind": "cash", "permissible": True},
        {"donor": "B. Donor", "amount": "600", "received": "2025-04-01", "kind": "non-cash", "permissible": True}]}
    expected = checkers.run("donations", request)
    wait_answer(engine, expected)
    # What the two buttons hand to the browser to save: the files, as made in this browser.
    engine.evaluate("""(() => {
        window.__saved = [];
        const made = URL.createObjectURL;
        URL.createObjectURL = (blob) => { window.__saved.push(blob); return made(blob); };
        HTMLAnchorElement.prototype.click = function () { window.__savedAs = (window.__savedAs || []).concat(this.download); };
    })()""")
    engine.click(".checker-keep-save")
    engine.click(".checker-keep-calendar")
    record, calendar = engine.evaluate("Promise.all(window.__saved.map((blob) => blob.text()))")
    assert engine.evaluate("window.__savedAs")[0].endswith(".txt")
    assert expected["status_text"] in record and "A. Donor" in record
    assert record.strip() == engine.evaluate("document.querySelector('.checker-record').textContent").strip()
    assert calendar.startswith("BEGIN:VCALENDAR") and calendar.count("BEGIN:VEVENT") == sum(
        1 for item in expected["todo"] if item.get("date"))


# A page of each kind, for axe in Firefox and WebKit: what differs between engines is how a kind of page is laid out
# and driven. Every page's own content is read by axe in Chromium (tests/test_reach.py, at 320 px). Of the checkers'
# forms: rows of donations and a spreadsheet, questions that appear as others are answered, a drafted message (the
# other checkers' forms are made of the same widgets).
PAGES = ["", "codes/", "codes/nec-candidates/", "codes/nec-candidates/original/", "topics/", "glossary/", "law/",
         "checkers/", "maintainers/reference/", "developers/", "reference/", "404.html", "case/",
         "checkers/donations/", "checkers/disclosure/", "checkers/complaint/"]


@functools.cache
def _axe_run() -> str:
    """axe and its run, as one expression (read once: it is half a megabyte, sent for every page)."""
    return (f"(async () => {{ await ({RENDER_DEFERRED})(); {AXE.read_text(encoding='utf-8')};\n"
            f"const found = await ({AXE_RUN})({json.dumps({'type': 'tag', 'values': AXE_TAGS})});\n"
            "return found.map((v) => `${v.id} (${v.impact}): ${v.help} at ${JSON.stringify("
            "v.nodes.map((n) => n.target))}`); })()")


def axe_violations(engine) -> list[str]:
    """What axe finds on the page as it stands, parts laid out only when scrolled to brought into view first (as
    tests/test_gates.py does in Chromium). Evaluated from the driver, which the page's CSP does not govern."""
    return engine.evaluate(_axe_run())


def test_every_page_fits_a_phones_width_and_axe_finds_nothing(quiet, built_site, site_url):
    """Every page of the site at a phone's width (390 px in Firefox; 447 px in WebKit, the narrowest its window goes):
    nothing wider than the screen, and, on a page of each kind, no accessibility violation. A block of code that
    scrolled sideways on a phone was out of a keyboard's reach."""
    engine = quiet
    every = [path.relative_to(built_site).as_posix().removesuffix("index.html") for path in audit.html_pages(built_site)]
    problems = []
    for page in PAGES + [page for page in every if page not in PAGES]:
        engine.goto(site_url + page)
        if page.startswith(("checkers/", "case/")) and page != "checkers/":
            wait_ready(engine)
        if page == "case/":
            # My case keeps every checker for use offline: leaving before that is done makes Firefox report each
            # interrupted copy as an error.
            engine.wait("!document.querySelector('.checker-kept').hidden", READY, "the checkers kept for use offline")
        wide = engine.evaluate("document.documentElement.scrollWidth - innerWidth")
        if wide > 0:
            problems.append(f"/{page} is {wide} px wider than the screen")
        if page in PAGES:
            problems += [f"/{page}: {violation}" for violation in axe_violations(engine)]
    assert not set(PAGES) - set(every), "a page of a kind read by axe is no longer built"
    assert problems == [], engine.name


def test_a_complaint_draft_wraps_on_a_phone(quiet, site_url):
    engine = quiet
    case = next(c for c in checkercases.load() if c["checker"] == "complaint" and c.get("example"))
    engine.goto(link(site_url, "complaint", case["request"]))
    wait_answer(engine, checkers.run("complaint", case["request"]))
    assert engine.evaluate("document.documentElement.scrollWidth - innerWidth") <= 0
    assert engine.evaluate("[...document.querySelectorAll('.checker-result pre, .checker-result textarea')]"
                           ".every((el) => el.scrollWidth <= el.clientWidth + 1)")


def test_a_first_visit_is_never_told_a_newer_version_is_ready(quiet, built_site):
    """A first visit's service worker is the site as it is: nothing newer. Firefox once reported it "installed" after
    it already served the page, in about half of first visits, and the page offered a reload."""
    engine = quiet
    for _ in range(4):
        server, base = serve(built_site)  # a new address: a first visit, with no service worker yet
        try:
            engine.goto(base + "codes/nec-candidates/")
            engine.wait("navigator.serviceWorker.controller !== null", 20, "the service worker to serve the page")
            time.sleep(1)
            assert not engine.evaluate("!!document.querySelector('.site-update')"), \
                f"{engine.name}: a first visit was offered a newer version"
        finally:
            server.shutdown()
            server.server_close()


def test_a_checker_used_once_answers_after_an_offline_reload(quiet, built_site):
    engine = quiet
    server, base = serve(built_site)  # its own server, to be switched off
    try:
        engine.goto(base + "checkers/nominations/")
        wait_ready(engine)
        engine.wait("document.querySelector('.checker-kept') && !document.querySelector('.checker-kept').hidden", READY,
                    "the checker kept for use offline")
        # Pyodide's script is loaded once more a second after Python is ready (script-cache-warmer.js). Once, under a
        # full run's load, Firefox reported that load as failed through the service worker after the server went:
        # the page is left alone until it is over (well within 3 s) before the network goes.
        time.sleep(3)
    finally:
        server.shutdown()
        server.server_close()
    # The server is gone while the machine is still "online": the page came from the kept copy and says so.
    engine.reload()
    wait_ready(engine)
    assert engine.evaluate("navigator.onLine")
    engine.wait("!document.querySelector('.checker-offline').hidden", 10, "the note that the page is the kept copy")
    engine.type("#verified", "25")
    engine.click("button[type=submit]")
    engine.wait("/Enough verified nominations to stand/.test(document.querySelector('.checker-result').textContent)",
                READY, "the answer offline")
    # The theme's own script, kept from the build's list, not from what happened to load.
    theme = engine.evaluate("document.querySelector('script[data-theme-script]')?.dataset.themeScript")
    assert theme and engine.evaluate(f"fetch({json.dumps(theme)}).then((r) => r.ok)")
    assert re.search(r"\.js$", theme)


DATABASES = "indexedDB.databases().then((found) => found.map((database) => database.name))"
# The case's turns held and waiting (casefile.js): where a change or forgetting is stuck.
LOCKS = "navigator.locks ? navigator.locks.query().then((found) => JSON.stringify(found)) : 'no locks'"
RAW_CASE = """new Promise((resolve) => {
  const opened = indexedDB.open("codes-of-conduct-case");
  opened.onsuccess = () => {
    const read = opened.result.transaction("kept").objectStore("kept").getAll();
    read.onsuccess = () => {
      opened.result.close();
      resolve(JSON.stringify(read.result, (key, value) => value instanceof ArrayBuffer || ArrayBuffer.isView(value)
        ? Array.from(new Uint8Array(value.buffer || value, value.byteOffset || 0, value.byteLength)) : value));
    };
  };
})"""


def kept_with_one_tap(engine, said: str) -> None:
    engine.wait("!document.querySelector('.case-choose').hidden", READY, "the case's elections")
    engine.click(".case-keep")
    try:
        engine.wait(f"document.querySelector('.case-panel .case-status').textContent === {json.dumps(said)}", READY, said)
    except engines.EngineError as error:
        raise engines.EngineError(f"{error}\nThe panel's status: {engine.text('.case-panel .case-status')!r}") from None


SLOW_DELETION = "This browser has not finished deleting your case yet"


def forget_everything(engine) -> None:
    def ask() -> None:  # "Forget everything", and yes to the question it asks
        engine.click(".case-forget-all")
        engine.click(".case-confirm-yes")

    ask()
    try:
        engine.wait(f"!document.querySelector('.case-none').hidden || "
                    f"document.querySelector('.case-status').textContent.startsWith({json.dumps(SLOW_DELETION)})",
                    READY, "nothing kept, or the deletion said to be slow")
        if engine.evaluate("document.querySelector('.case-none').hidden"):
            # WebKit under a full run's load has held a deletion up for minutes (a connection of its own that it had
            # closed, as far as the page can tell), and a reload abandons it: the case is still there. The page then
            # says to reload it and forget everything again: the reader's next steps, taken, and said in the run's
            # summary, so that how often it happens stays in sight.
            warnings.warn(f"{engine.name}: forgetting everything was held up; the page was reloaded and asked again, "
                          "as it says", stacklevel=2)
            engine.reload()
            engine.wait("!document.querySelector('.case-none').hidden || !document.querySelector('.case-open').hidden",
                        READY, "the case, or nothing kept, after a reload")
            if engine.evaluate("document.querySelector('.case-none').hidden"):
                ask()
                engine.wait("!document.querySelector('.case-none').hidden", READY, "nothing kept, asked again")
    except engines.EngineError as error:
        raise engines.EngineError(f"{error}\nThe page's status: {engine.text('.case-status')!r}; "
                                  f"databases: {engine.evaluate(DATABASES)}; locks: {engine.evaluate(LOCKS)}") from None


def check_a_donation(engine, site_url, donor: str, amount: str, received: str) -> None:
    engine.goto(site_url + "checkers/donations/")
    wait_ready(engine)
    engine.select("#code", "nec-candidates")
    engine.type("#donations-0-donor", donor)
    engine.type("#donations-0-amount", amount)
    engine.type("#donations-0-received", received)
    engine.select("#donations-0-permissible", "true")
    engine.click("button[type=submit]")
    engine.wait("Boolean(document.querySelector('.checker-result:not([hidden]) .status[class*=status--]'))", READY, "an answer")


def test_a_case_is_kept_over_two_visits_saved_forgotten_brought_back_and_locked(quiet, site_url, tmp_path):
    engine = quiet
    check_a_donation(engine, site_url, "Jane Smith", "1700", "3/3/2024")
    assert engine.evaluate(DATABASES) == [], f"{engine.name}: a check made without opting in keeps nothing"
    engine.wait("!document.querySelector('.case-offer').hidden", READY, "the offer to keep a case")
    engine.click(".case-start")
    engine.wait("!document.querySelector('.case-choose').hidden", READY, "the case's elections")
    engine.type(".case-panel .case-new-name", "NEC 2026")
    kept_with_one_tap(engine, "Kept in your case for NEC 2026.")
    check_a_donation(engine, site_url, "Bob Jones", "2500", "11/3/2024")
    kept_with_one_tap(engine, "Added 1 donation to your kept list for NEC 2026.")

    engine.goto(site_url + "case/")
    engine.wait("document.querySelectorAll('.case-todo li').length === 2", READY, "two things to do")
    assert "now: it was due by 2 April 2024." in engine.text(".case-todo li")
    engine.evaluate("""(() => {
        window.__saved = [];
        const made = URL.createObjectURL;
        URL.createObjectURL = (blob) => { window.__saved.push(blob); return made(blob); };
        HTMLAnchorElement.prototype.click = function () {};
    })()""")
    engine.click(".case-export")
    # Saving waits its turn among the case's changes (casefile.js), so the file comes a moment after the tap.
    engine.wait("window.__saved.length > 0", READY, "the case saved to a file")
    # The page then marks the case saved and draws it again, and says so: a tap before then can land on a button
    # still moving (WebKit under a full run's load once missed "Forget everything" so).
    engine.wait("document.querySelector('.case-status').textContent.startsWith('Saved.')", READY, "saved, said")
    saved = tmp_path / "my-case.json"
    saved.write_text(engine.evaluate("window.__saved[0].text()"), encoding="utf-8")
    assert len(json.loads(saved.read_text(encoding="utf-8"))["elections"][0]["entries"][0]["request"]["donations"]) == 2

    forget_everything(engine)
    assert engine.evaluate(DATABASES) == [], f"{engine.name}: forgetting everything leaves nothing"
    assert not engine.evaluate("document.body.innerHTML.includes('Jane Smith')"), \
        f"{engine.name}: a forgotten case leaves nothing of itself on the page"
    engine.upload("#case-import", saved)
    engine.wait("document.querySelectorAll('.case-todo li').length === 2", READY, "the case brought back")
    engine.wait("document.querySelector('.case-status').textContent === 'Imported 1 kept check.'", READY,
                "the case brought back said")

    engine.wait("document.querySelector('#case-new-passphrase').checkVisibility()", READY, "the passphrase's field")
    engine.type("#case-new-passphrase", "correct horse")
    engine.type("#case-new-passphrase-again", "correct horse")
    engine.click(".case-lock-form button[type=submit]")
    engine.wait("/now encrypted/.test(document.querySelector('.case-status').textContent)", READY, "the case locked")
    stored = engine.evaluate(RAW_CASE)
    assert "Jane Smith" not in stored and "Bob Jones" not in stored and "NEC 2026" not in stored
    engine.reload()
    engine.wait("!document.querySelector('.case-unlock').hidden", READY, "the passphrase asked for")
    engine.type("#case-passphrase", "correct horse")
    engine.click(".case-unlock-open")
    engine.wait("document.querySelectorAll('.case-todo li').length === 2", READY, "the case opened")
    forget_everything(engine)


def test_the_navigation_drawer_on_a_phone_opens_with_a_tap_and_its_links_work(quiet, site_url):
    engine = quiet
    for page in ("codes/nec-candidates/original/", "checkers/donations/"):
        engine.goto(site_url + page)
        if page.startswith("checkers/"):
            wait_ready(engine)  # leaving while Python's files download would report each interrupted one
        # Closed, it is not shown (so not in the tab order); the menu is a button that says so.
        assert engine.evaluate("getComputedStyle(document.querySelector('.md-sidebar--primary')).display") == "none"
        assert engine.evaluate("document.querySelector('button.site-menu').getAttribute('aria-expanded')") == "false"
        engine.click("button.site-menu")
        engine.wait("document.querySelector('.md-sidebar--primary').getBoundingClientRect().left >= 0", 5,
                    f"{engine.name}: the drawer to slide in on /{page}")
        assert engine.evaluate("document.querySelector('button.site-menu').getAttribute('aria-expanded')") == "true"
        # A link of the level it shows, followed by a click where it is on the screen.
        target = engine.evaluate(f"((a) => {{ if (a) a.dataset.drawerTarget = ''; return a?.href; }})({DRAWER_LINK_TO_TAP})")
        assert target, f"{engine.name}: no link of the open drawer on /{page} can be clicked"
        engine.click("[data-drawer-target]")
        engine.wait(f"location.href === {json.dumps(target)} && document.readyState === 'complete'", 10,
                    f"{engine.name}: the drawer's link to be followed")


class _Pausing(_Quiet):
    """The site, with any address under pausing/ answered by the site's icon, whose first bytes come at once and the
    rest two seconds later."""

    def do_GET(self):
        if not self.path.startswith("/pausing/"):
            return super().do_GET()
        icon = (Path(self.directory) / "assets" / "images" / "favicon.png").read_bytes()
        self.send_response(200)
        self.send_header("Content-Type", "image/png")
        self.send_header("Content-Length", str(len(icon)))
        self.end_headers()
        self.wfile.write(icon[:100])
        self.wfile.flush()
        time.sleep(2)
        with contextlib.suppress(OSError):  # the reader's browser has gone
            self.wfile.write(icon[100:])


def test_a_webassembly_download_that_breaks_off_part_way_is_tried_again_and_the_checker_starts(engine, built_site):
    """A connection dropped half-way through Python's WebAssembly. Before: Pyodide only logged the failed compile and
    its start waited for ever; and Firefox kept the half that had arrived in its cache, and gave it again to every
    later start, a reload of the page included. (The failed download is an error in the console, as it should be.)"""
    cut = []
    server, base = serve(built_site, cut_once(".wasm", cut))
    try:
        engine.goto(base + "checkers/nominations/")
        engine.wait("document.querySelector('.checker-progress-text').textContent.includes('Trying again…')", READY,
                    "the page to say it tries again")
        wait_ready(engine)
        assert cut
        assert engine.evaluate("document.querySelector('.checker-retry') === null")
    finally:
        engine.problems()
        server.shutdown()
        server.server_close()


def test_leaving_a_page_while_a_file_still_arrives_is_no_error(quiet, built_site):
    """Readers leave pages before every file has arrived. Firefox logs a file so abandoned, when the site's service
    worker was answering it, as the worker's error, though nothing failed: tests/engines does not count it, but
    counts the same words for a file the page did not abandon."""
    engine = quiet
    server, base = serve(built_site, _Pausing)
    try:
        engine.goto(base + "codes/nec-candidates/")
        engine.wait("navigator.serviceWorker.controller !== null", 20, "the service worker to serve the page")
        icon = json.dumps(base + "pausing/icon.png")
        engine.evaluate(f"(() => {{ const image = new Image(); image.src = {icon}; document.body.append(image); }})()")
        time.sleep(0.5)
        engine.goto(base + "glossary/")
        time.sleep(2.5)  # the rest of the file, and Firefox's report of it
        assert engine.problems() == []
        said = (f"Failed to load ‘{base}pausing/other.png’. A ServiceWorker intercepted the request and encountered "
                f"an unexpected error.")
        engine.evaluate(f"console.error({json.dumps(said)})")
        assert engine.problems() == [said]
    finally:
        server.shutdown()
        server.server_close()


def _descendants(pid: int) -> dict[int, str]:
    """Every process started, directly or not, by `pid`: each one's name."""
    parents, names = {}, {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        with contextlib.suppress(OSError, ValueError, IndexError):
            name, rest = stat.read_text().rsplit(")", 1)
            child = int(stat.parent.name)
            parents[child], names[child] = int(rest.split()[1]), name.split("(", 1)[1]
    found, todo = {}, [pid]
    while todo:
        parent = todo.pop()
        for child, its_parent in parents.items():
            if its_parent == parent and child not in found:
                found[child] = names[child]
                todo.append(child)
    return found


def test_a_browser_that_ends_is_told_from_a_page_that_fails_and_is_replaced(engine, site_url):
    """What lets a test whose browser crashed run again in a new one (conftest's pytest_pyfunc_call): a page's error
    leaves the browser alive; the end of its page's process (WebKit) or of the browser (Firefox) does not, and a new
    one then takes the old one's place and loads pages."""
    engine.goto(site_url + "glossary/")
    with pytest.raises(Exception, match="nothing"):  # each engine's own error: Firefox's, or selenium's
        engine.evaluate("nothing.here")
    assert engine.alive()
    driver = engine.driver.service.process.pid if engine.name == "webkit" else engine.process.pid
    ends = "WebKitWebProces" if engine.name == "webkit" else "firefox"
    ended = [pid for pid, name in _descendants(driver).items() if name.startswith(ends)]
    assert ended, _descendants(driver)
    for pid in ended:
        os.kill(pid, signal.SIGKILL)
    time.sleep(0.5)
    assert not engine.alive()
    engine.restart()
    engine.goto(site_url + "glossary/")
    assert engine.alive() and engine.evaluate("document.querySelector('h1').textContent")
