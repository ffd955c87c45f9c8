"""On a phone with a weak signal, and with none: the service worker keeps a checker used once, a new build replaces
what it keeps at once, a code page downloads no Pyodide bytes, and Save-Data downloads nothing until asked."""

import json
import re
import shutil
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

import build_site
from tests.conftest import ROOT, failing_once, serve
from tests.forms import open_reasoning, search_for, wait_ready, wait_until

pytestmark = pytest.mark.browser
READY = 60_000
RUNTIME_BYTES = ("/assets/pyodide/", ".snapshot", ".whl")


def wait_kept(page: Page, path: str):
    """Until the service worker has kept this page, its runtime and the pages it cites (offline.js asks once Python
    is ready, and the page says when it is done)."""
    try:
        expect(page.locator(".checker-kept")).to_be_visible(timeout=READY)
    except AssertionError as error:  # say what the service worker had kept by then, and whether it controls the page
        state = page.evaluate("""async () => ({
            keep: document.querySelector(".checker-kept").dataset.keep ?? "never asked",
            controlled: navigator.serviceWorker.controller !== null,
            active: (await navigator.serviceWorker.getRegistration())?.active?.state ?? null,
            kept: (await Promise.all((await caches.keys()).map(async (name) => (await (await caches.open(name)).keys())
                .map((r) => r.url)))).flat(),
        })""")
        raise AssertionError(f"{error}\nservice worker: {state}") from None
    assert page.evaluate("""async (path) => {
        for (const name of await caches.keys()) {
            const urls = (await (await caches.open(name)).keys()).map((r) => r.url);
            if (urls.some((u) => u.endsWith(path)) && urls.some((u) => u.endsWith(".snapshot"))) return true;
        }
        return false;
    }""", path)


def open_until_kept(page: Page, site: str, kept: str = "/checkers/nominations/"):
    """The nominations checker, opened and left until its page says it is kept (with `kept` among what is)."""
    page.goto(site + "checkers/nominations/")
    wait_ready(page)
    wait_kept(page, kept)


def nominations(page: Page, verified: str = "25"):
    page.fill("#verified", verified)
    page.click("button[type=submit]")


def test_a_checker_used_once_answers_with_no_network_and_says_it_is_offline(browser, site_url):
    context = browser.new_context()
    page = context.new_page()
    open_until_kept(page, site_url)
    expect(page.locator(".checker-offline")).to_be_hidden()
    nominations(page)
    expect(page.locator(".checker-result")).to_contain_text("Enough verified nominations to stand.", timeout=READY)
    expect(page.locator(".checker-answered-offline")).to_be_hidden()
    context.set_offline(True)
    page.reload()
    wait_ready(page)
    expect(page.locator(".checker-offline")).to_be_visible()
    nominations(page)
    expect(page.locator(".checker-result")).to_contain_text("Enough verified nominations to stand.", timeout=READY)
    # The answer says where it comes from, and that the codes are as they were when the copy was kept.
    expect(page.locator(".checker-answered-offline")).to_be_visible()
    expect(page.locator(".checker-answered-offline")).to_contain_text("as they were then")
    # The code page the answer cites was kept too.
    open_reasoning(page)
    page.locator(".finding-clause").first.click()
    expect(page.locator("#nominations")).to_be_visible()
    context.close()


def test_a_file_that_fails_once_while_a_checker_is_kept_is_asked_for_again_and_kept(browser, built_site):
    """On a weak signal one of the files a checker page keeps (here the code page it cites, which only keeping asks
    for) fails once: it is asked for again, and the page is kept whole and says so."""
    failed = []
    server, url = serve(built_site, failing_once("/codes/momentum-ncg-elections/2022/", failed))
    context = browser.new_context()
    try:
        open_until_kept(context.new_page(), url, "/codes/momentum-ncg-elections/2022/")
        assert failed == ["/codes/momentum-ncg-elections/2022/"]
    finally:
        context.close()
        server.shutdown()
        server.server_close()


def test_a_kept_page_served_because_the_site_did_not_answer_says_so_while_the_browser_thinks_it_is_online(
        browser, built_site):
    """A connection that answers nothing (the site's server gone) while the browser still reports itself online: the
    kept copy answers, and the page says it is that copy, not the browser's online flag."""
    server, url = serve(built_site)
    context = browser.new_context()
    try:
        page = context.new_page()
        open_until_kept(page, url)
        server.shutdown()
        server.server_close()
        page.reload()
        wait_ready(page)
        assert page.evaluate("() => navigator.onLine")
        expect(page.locator(".checker-offline")).to_be_visible()
        nominations(page)
        expect(page.locator(".checker-result")).to_contain_text("Enough verified nominations to stand.", timeout=READY)
    finally:
        context.close()
        server.server_close()


def test_a_code_page_downloads_no_pyodide_bytes_with_the_service_worker_installed(browser, site_url):
    context = browser.new_context()
    page = context.new_page()
    page.goto(site_url + "checkers/suspension/")
    wait_ready(page)
    wait_kept(page, "/checkers/suspension/")
    # The checker page's own later requests (its worker keeps Pyodide's compiled script a second after it is ready)
    # are not the code page's: it is closed before the code page opens.
    page.close()
    seen = []
    context.on("request", lambda request: seen.append(request.url))
    page = context.new_page()
    page.goto(site_url + "codes/nec-candidates/")
    page.wait_for_load_state("networkidle")
    assert page.evaluate("navigator.serviceWorker.controller !== null")
    assert not [url for url in seen if any(part in url for part in RUNTIME_BYTES)]
    context.close()


def test_with_save_data_nothing_of_the_runtime_is_fetched_until_the_reader_asks(browser, site_url, built_site):
    context = browser.new_context()
    context.add_init_script("Object.defineProperty(navigator, 'connection', {value: {saveData: true}})")
    seen = []
    context.on("request", lambda request: seen.append(request.url))
    page = context.new_page()
    page.goto(site_url + "checkers/nominations/")
    page.wait_for_load_state("networkidle")
    page.wait_for_timeout(1500)
    assert not [url for url in seen if any(part in url for part in RUNTIME_BYTES)]
    megabytes = json.loads((built_site / "assets" / "checkers-runtime.json").read_text())["download_bytes"] / 1e6
    start_words = f"Download the checker (about {megabytes:.1f} MB) and start it"
    start = page.get_by_role("button", name=start_words)
    expect(page.locator(".checker-progress-text")).to_contain_text(f"To save data, the checker has not been downloaded "
                                                                   f"yet. It needs about {megabytes:.1f} MB")
    # The form can be filled meanwhile, and a check asked for now says that it waits for the checker (before:
    # "Checking…", for ever, the button out of sight above), with the button beside it; it runs once started.
    nominations(page)
    result = page.locator(".checker-result")
    expect(result).to_contain_text("The checker has not been downloaded yet, to save data: your answers are checked "
                                   "once it has.")
    assert not [url for url in seen if any(part in url for part in RUNTIME_BYTES)]
    result.get_by_role("button", name=start_words).click()
    expect(start).to_have_count(0)  # the status's own button goes too
    expect(page.locator(".checker-progress")).to_be_focused()  # which says what happens now
    expect(result).to_contain_text("Checking…")
    expect(result).to_contain_text("Enough verified nominations to stand.", timeout=READY)
    assert [url for url in seen if ".snapshot" in url]
    context.close()


def test_with_save_data_a_spreadsheet_or_a_link_asked_for_says_it_waits_for_the_checker(browser, site_url):
    context = browser.new_context()
    context.grant_permissions(["clipboard-read", "clipboard-write"])
    context.add_init_script("Object.defineProperty(navigator, 'connection', {value: {saveData: true}})")
    seen = []
    context.on("request", lambda request: seen.append(request.url))
    page = context.new_page()
    page.goto(site_url + "checkers/donations/")
    page.select_option("#code", "nec-candidates")
    # Before: "Reading the spreadsheet…" and nothing else, for ever; the link, not a word.
    page.click("text=Copy a link to this scenario")
    share = page.locator(".checker-share-status")
    expect(share).to_contain_text("The checker has not been downloaded yet, to save data: the link is made once it has.")
    page.click("text=Use a spreadsheet (CSV)")
    page.fill("#csv-text", "donor,amount,received\nPasted,900,2024-05-01\n")
    page.click("text=Use these rows")
    sheet = page.locator(".csv-status")
    expect(sheet).to_contain_text("The checker has not been downloaded yet, to save data: the spreadsheet is read once "
                                  "it has.")
    assert not [url for url in seen if any(part in url for part in RUNTIME_BYTES)]
    sheet.get_by_role("button", name=re.compile("^Download the checker")).click()
    expect(page.locator(".checker-start")).to_have_count(0)  # every such button goes
    expect(sheet).to_have_text(re.compile("^1 donation added"), timeout=READY)
    expect(page.locator("#donations-0-donor")).to_have_value("Pasted")
    expect(share).to_contain_text("Link copied", timeout=READY)
    context.close()


def test_the_readers_choice_to_download_only_when_asked_is_kept_only_when_they_make_it(browser, site_url):
    context = browser.new_context()
    page = context.new_page()
    page.goto(site_url + "checkers/nominations/")
    wait_ready(page)
    assert page.evaluate("localStorage.length") == 0
    page.click(".checker-about > summary")  # the choice is with what the page says about the checker
    page.check("#download-when-asked")
    assert page.evaluate("localStorage.getItem('codes-of-conduct:download')") == "when-asked"
    page.reload()
    expect(page.locator(".checker-start")).to_be_visible()
    page.click(".checker-about > summary")
    page.uncheck("#download-when-asked")
    assert page.evaluate("localStorage.length") == 0
    context.close()


def _second_build(docs: Path, site: Path) -> None:
    """The same site with a new version of the Momentum guidelines, in force now, asking 25 nominations."""
    copy = docs.parent / "docs-b"
    shutil.copytree(docs, copy)
    old = copy / "codes" / "momentum-ncg-elections" / "2022.md"
    text = old.read_text(encoding="utf-8")
    new = (text.replace('version: "2022"', 'version: "2026"').replace("published: 2026-11-22", "published: 2026-11-23")
           .replace("status: in-force", "status: in-force\nin_force_from: 2026-11-24")
           .replace("summary: The 2022 guidelines as first published on this site.", "summary: A test version.")
           .replace("minimum: 20", "minimum: 25").replace("maximum: 30", "maximum: 35")
           .replace("a minimum 20 valid nominations", "a minimum 25 valid nominations")
           .replace("drop below 30", "drop below 35").replace("drop below 20", "drop below 25"))
    (old.parent / "2026.md").write_text(new, encoding="utf-8")
    build_site.build(copy, site)


def test_a_new_build_replaces_everything_kept_at_once_and_reloads_only_when_the_reader_asks(
        browser, built_site, tmp_path):
    site = tmp_path / "site"
    shutil.copytree(built_site, site)
    server, url = serve(site)
    try:
        context = browser.new_context()
        page = context.new_page()
        open_until_kept(page, url)
        old_cache = page.evaluate("caches.keys()")
        docs = tmp_path / "docs"
        shutil.copytree(ROOT / "docs", docs)
        _second_build(docs, site)
        # The new page comes from the network; the old worker still runs it until the reader asks.
        page.reload()
        update = page.locator(".site-update")
        expect(update).to_contain_text("A newer version of this site is ready.", timeout=READY)
        assert page.evaluate("caches.keys()") == old_cache
        # The reload follows the new worker taking control, a moment after the click: wait for the new document,
        # or the old one (still "Ready.") takes the answers and the reload loses them.
        with page.expect_navigation(wait_until="load", timeout=READY):
            update.get_by_role("button", name="Reload to use it").click()
        wait_ready(page)
        nominations(page, "22")
        open_reasoning(page)
        expect(page.locator(".checker-result .checked-against")).to_contain_text("version 2026", timeout=READY)
        expect(page.locator(".checker-result")).to_contain_text("3 more to reach the 25 needed to stand")
        wait_kept(page, "/checkers/nominations/")
        # One build's files only: nothing of the old runtime is kept beside the new.
        names = page.evaluate("caches.keys()")
        assert len(names) == 1 and names != old_cache
        kept = page.evaluate("async (name) => (await (await caches.open(name)).keys()).map((r) => r.url)", names[0])
        manifest = json.loads((site / "assets" / "checkers-runtime.json").read_text())
        runtime = [u for u in kept if any(part in u for part in ("/assets/pyodide/", "/assets/wheels/"))]
        assert any(u.endswith(manifest["snapshot"]) for u in runtime)
        assert all((site / u.removeprefix(url)).exists() for u in runtime)
        context.close()
    finally:
        server.shutdown()


def test_every_checker_can_be_kept_from_the_index_with_its_size_said_first(browser, site_url, built_site):
    context = browser.new_context()
    page = context.new_page()
    page.goto(site_url + "checkers/")
    megabytes = json.loads((built_site / "assets" / "checkers-runtime.json").read_text())["download_bytes"] / 1e6
    panel = page.locator(".offline-all")
    expect(panel).to_contain_text(f"your browser downloads about {megabytes:.1f} MB once", timeout=15_000)
    wait_until(page, "navigator.serviceWorker.controller !== null", 15_000)
    panel.get_by_role("button", name="Keep every checker for use offline").click()
    expect(panel.locator(".offline-status")).to_have_text(
        "Every checker is kept in this browser: they work with no network.", timeout=READY)
    context.set_offline(True)
    # A checker never opened before answers from what was kept.
    page.goto(site_url + "checkers/campaign/")
    wait_ready(page)
    page.fill("#on", "2026-03-04")
    page.click("button[type=submit]")
    open_reasoning(page)
    expect(page.locator(".checker-result .finding")).to_have_count(6, timeout=READY)
    context.close()


def _kept(page: Page) -> list[str]:
    return page.evaluate("""async () => {
        const urls = [];
        for (const name of await caches.keys()) urls.push(...(await (await caches.open(name)).keys()).map((r) => r.url));
        return urls;
    }""")


def test_offline_a_kept_checker_has_the_themes_script_and_the_search_index_from_the_builds_list(browser, site_url):
    context = browser.new_context()
    page = context.new_page()
    open_until_kept(page, site_url)
    kept = _kept(page)
    # Kept from the build's list, whether or not the browser had loaded them yet.
    assert any("/assets/javascripts/bundle." in u for u in kept)
    assert any(u.endswith("/search/search_index.json") for u in kept)
    assert any("/assets/javascripts/workers/search." in u for u in kept)
    context.set_offline(True)
    page.reload()
    wait_ready(page)
    # The theme's script runs offline: its search opens and finds a clause.
    expect(page.locator(".md-search-result__meta")).to_have_text("Type to start searching", timeout=15_000)
    search_for(page, "nominations")
    expect(page.locator(".md-search-result__item").first).to_be_visible(timeout=15_000)
    context.close()


@pytest.mark.parametrize("path, script", [("checkers/nominations/", "checker.js"), ("case/", "case.js")])
def test_a_checker_ready_before_the_pages_script_came_is_still_kept_for_use_offline(browser, site_url, path, script):
    """Python may be ready before the page's script listens (a start from the browser's cache on a slow phone): its
    word, heard early, was handed over before the page listened for it, so nothing was kept. The page's script is held
    here until Python has said it is ready."""
    context = browser.new_context()
    held = []
    # The page's request only: the service worker's, as it keeps the page's files, goes through.
    context.route(f"**/assets/{script}", lambda route: route.continue_() if held else held.append(route))
    page = context.new_page()
    page.goto(site_url + path, wait_until="commit")
    wait_until(page, "window.__codesOfConductBoot?.early?.some((event) => event.data?.type === 'ready')", READY)
    assert len(held) == 1
    held[0].continue_()
    wait_kept(page, "/" + path)
    context.close()


def test_the_service_worker_keeps_only_what_the_build_lists_and_no_copy_per_query_string(browser, site_url):
    context = browser.new_context()
    page = context.new_page()
    page.goto(site_url + "checkers/")
    wait_until(page, "navigator.serviceWorker.controller !== null", 15_000)
    answer = page.evaluate("""async () => {
        const registration = await navigator.serviceWorker.ready;
        const ask = (message) => new Promise((resolve) => {
            const channel = new MessageChannel();
            channel.port1.onmessage = ({ data }) => resolve(data);
            registration.active.postMessage(message, [channel.port2]);
        });
        // A list of its own, as an old page (or anyone) might send: not the build's, so nothing is kept.
        const own = await ask({ type: "keep", urls: ["/anything", "/assets/site.css?x=1"], pages: ["glossary/", "x/"] });
        for (let n = 0; n < 5; n++) await fetch(`assets/site.css?v=${n}`);
        return own;
    }""")
    assert answer["kept"] == 0
    assert _kept(page) == []
    context.close()


def test_a_damaged_snapshot_kept_in_the_cache_is_replaced_rather_than_refused_on_every_visit(browser, site_url, built_site):
    context = browser.new_context()
    page = context.new_page()
    messages = []
    page.on("console", lambda message: messages.append(message.text))
    open_until_kept(page, site_url)
    manifest = json.loads((built_site / "assets" / "checkers-runtime.json").read_text())
    # Damage the kept copy, as a storage fault would.
    page.evaluate("""async (name) => {
        for (const cacheName of await caches.keys()) {
            const cache = await caches.open(cacheName);
            for (const request of await cache.keys()) {
                if (!request.url.endsWith(name)) continue;
                const bytes = new Uint8Array(await (await cache.match(request)).arrayBuffer());
                for (let at = bytes.length - 4096; at < bytes.length; at += 97) bytes[at] ^= 0x5a;
                await cache.put(request, new Response(bytes));
            }
        }
    }""", manifest["snapshot"].split("/")[-1])
    downloads = []
    page.on("request", lambda request: downloads.append(request.url))
    page.reload()
    wait_ready(page)
    # Refused once, fetched anew, and the kept copy replaced: Python started from the snapshot, not the wheel.
    assert not [u for u in downloads if u.endswith(".whl")]
    assert not [m for m in messages if "snapshot could not be used" in m]
    messages.clear()
    page.reload()
    wait_ready(page)
    assert not [m for m in messages if "checksum" in m]
    context.close()


def test_my_case_used_once_opens_and_answers_again_with_no_network(browser, site_url, tmp_path):
    import datetime as dt

    from checkers import case
    made = case.add_election(case.empty(), "NEC 2026")
    kept = case.keep(made["case"], made["election"], "donations", {"code": "nec-candidates", "donations": [
        {"donor": "A", "amount": "1700", "received": "2024-03-01", "permissible": True}]}, dt.date(2024, 3, 2))
    file = tmp_path / "case.json"
    file.write_text(json.dumps(kept["case"]), encoding="utf-8")
    context = browser.new_context()
    page = context.new_page()
    page.goto(site_url + "case/")
    wait_ready(page)
    wait_kept(page, "/case/")
    page.set_input_files(".case-import", str(file))
    expect(page.locator(".case-todo li")).to_have_count(1, timeout=READY)
    context.set_offline(True)
    page.reload()
    wait_ready(page)
    expect(page.locator(".checker-offline")).to_be_visible()
    expect(page.locator(".case-todo li")).to_contain_text("now: it was due by 31 March 2024.", timeout=READY)
    # Its link back opens the kept check, which answers offline too.
    page.locator(".case-todo li a").click()
    expect(page.locator(".checker-result .status")).to_be_visible(timeout=READY)
    context.close()
