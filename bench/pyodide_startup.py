"""Pyodide start-up on a checker page against a bare loadPyodide() page and a self-hosted PyScript page.

    python bench/pyodide_startup.py [--rounds 9] [--site site] [--variants ours,bare,pyscript]
                                    [--no-warm] [--precompressed] [--throttle MBITS] [--at-once]

Serves the built site and the comparison pages on 127.0.0.1, and drives headless Chromium. Each round
runs every variant once, in a rotating order (interleaved), each cold in a fresh browser context; warm
variants are a second visit with a persistent profile, after restarting the browser ("warm") or in a new tab
of the browser still open ("warm, browser open"); the first visit stays 3 s after its answer, as a reader
would, and a restarted browser is left 2 s to finish starting, as the cold visits' browser has (--at-once:
not). Reports medians of: navigation to the first result (the "coc:first-result" performance mark),
main-thread total blocking time (long tasks over 50 ms, up to the first result), and bytes transferred.
Nothing is asserted: the numbers go into bench/README.md.

--precompressed serves a file's .gz copy with Content-Encoding: gzip where one exists, as a host with
precompressed files does; --throttle limits download speed (and adds 40 ms of latency) through DevTools.
"""

from __future__ import annotations

import argparse
import base64
import contextlib
import functools
import http.server
import json
import re
import shutil
import statistics
import sys
import tempfile
import threading
from collections.abc import Iterator
from pathlib import Path

from playwright.sync_api import sync_playwright

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from tests.conftest import CHROMIUM, CHROMIUM_FLAGS  # noqa: E402

SCENARIO = "checkers/nominations/#scenario="
# How long the first visit stays after its first answer, as a reader reading it: whatever a page does after its
# answer (ours: a second load of Pyodide's script, for the browser to keep its compiled code) has that time.
READING_MS = 3_000
# How long a restarted browser is left to finish starting before the second visit. Cold visits run in a browser
# started before the run; a visit at the very moment Chromium starts shares the two cores with its start-up
# (--at-once measures that).
SETTLE_MS = 2_000
# Long tasks are observed from the start of every page (Playwright's init script runs before the page's own).
OBSERVE_LONG_TASKS = """
window.__longTasks = [];
new PerformanceObserver((list) => { for (const e of list.getEntries()) window.__longTasks.push([e.startTime, e.duration]); })
  .observe({type: "longtask", buffered: true});
"""


class Handler(http.server.SimpleHTTPRequestHandler):
    extensions_map = {**http.server.SimpleHTTPRequestHandler.extensions_map, ".wasm": "application/wasm",
                      ".mjs": "text/javascript", ".js": "text/javascript", ".json": "application/json"}
    precompressed = False

    def end_headers(self):
        self.send_header("Cache-Control", "max-age=31536000")  # a long-cache host: warm visits reuse files
        super().end_headers()

    def send_head(self):
        path = Path(self.translate_path(self.path))
        packed = path.with_name(path.name + ".gz")
        if not (self.precompressed and "gzip" in self.headers.get("Accept-Encoding", "") and packed.is_file()):
            return super().send_head()
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(packed.stat().st_size))
        self.end_headers()
        return packed.open("rb")

    def log_message(self, *args):
        pass


def prepare(site: Path, root: Path) -> str:
    """The site, plus /bench/ with the unmodified npm Pyodide, PyScript and the comparison pages."""
    shutil.copytree(site, root, dirs_exist_ok=True)
    bench = root / "bench"
    shutil.copytree(ROOT / "node_modules" / "pyodide", bench / "pyodide-npm")
    shutil.copytree(ROOT / "node_modules" / "@pyscript" / "core", bench / "pyscript")
    shutil.copytree(ROOT / "bench" / "pages", bench / "pages")
    runtime = json.loads((site / "assets" / "checkers-runtime.json").read_text())
    config = {"interpreter": "/bench/pyodide-npm/pyodide.mjs", "files": {"/assets/" + runtime["wheel"]: "./checkers.whl"}}
    (bench / "pages" / "pyscript-config.json").write_text(json.dumps(config))
    page = bench / "pages" / "worker.html"
    page.write_text(page.read_text().replace("RUNTIME", json.dumps(runtime)))
    # The same site whose checker pages do not know of the snapshot: Python starts the way it did before.
    unsnapped = root / "no-snapshot"
    unsnapped.mkdir()
    for child in site.iterdir():
        if child.name != "checkers":
            (unsnapped / child.name).symlink_to(root / child.name)
    shutil.copytree(site / "checkers", unsnapped / "checkers")
    for page in (unsnapped / "checkers").rglob("index.html"):
        page.write_text(re.sub(r"data-runtime='([^']*)'", without_snapshot, page.read_text()))
    # The checker page runs the same request as the comparison pages, from its share-link fragment.
    request = {"code": "momentum-ncg-elections", "verified": 25}
    return base64.urlsafe_b64encode(json.dumps(request, separators=(",", ":")).encode()).decode().rstrip("=")


def launch_options() -> dict:
    return {"args": CHROMIUM_FLAGS, **({"executable_path": CHROMIUM} if Path(CHROMIUM).exists() else {})}


@contextlib.contextmanager
def served(site: Path) -> Iterator[tuple[str, str]]:
    """The site and the comparison pages on 127.0.0.1: yields the base URL and the checker page's scenario."""
    with tempfile.TemporaryDirectory() as temp:
        root = Path(temp) / "root"
        scenario = prepare(site, root)
        server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Handler, directory=str(root)))
        threading.Thread(target=server.serve_forever, daemon=True).start()
        try:
            yield f"http://127.0.0.1:{server.server_address[1]}/", scenario
        finally:
            server.shutdown()


def without_snapshot(attribute: re.Match) -> str:
    manifest = json.loads(attribute[1])
    for key in ("snapshot", "snapshot_bytes", "snapshot_size", "snapshot_stdlib"):
        manifest.pop(key, None)
    return f"data-runtime='{json.dumps(manifest)}'"


def measure(page, url: str, throttle: float | None = None, timeout: float = 180_000) -> dict:
    if throttle:
        session = page.context.new_cdp_session(page)
        session.send("Network.enable")
        session.send("Network.emulateNetworkConditions", {"offline": False, "latency": 40,
                     "downloadThroughput": throttle * 1e6 / 8, "uploadThroughput": throttle * 1e6 / 8})
    sizes = []

    def count(request):
        sizes.append(max(0, request.sizes()["responseBodySize"]))

    page.on("requestfinished", count)
    page.goto(url)
    # Poll from Python: wait_for_function evaluates a string in the page, which the site's CSP forbids.
    # The time read is the mark's own timestamp, so the polling interval does not affect it.
    waited = 0
    while not page.evaluate("() => performance.getEntriesByName('coc:first-result').length > 0"):
        page.wait_for_timeout(25)
        waited += 25
        if waited > timeout:
            raise TimeoutError(f"no result from {url}")
    result = page.evaluate("""() => {
      const done = performance.getEntriesByName('coc:first-result')[0].startTime;
      const tbt = (window.__longTasks || []).filter(([s]) => s < done).reduce((t, [, d]) => t + Math.max(0, d - 50), 0);
      return {ms: done, tbt};
    }""")
    page.wait_for_timeout(200)
    page.remove_listener("requestfinished", count)  # what the page loads later (it may close meanwhile) is not counted
    result["bytes"] = sum(sizes)
    return result


def second_visit(playwright, launch: dict, url: str, throttle: float | None, restart: bool, observe=measure,
                 settle_ms: int = SETTLE_MS) -> dict:
    """The second visit with a persistent profile: after restarting the browser (only the disk caches are
    left) and leaving it `settle_ms` to finish starting, or in a new tab of the browser still open (its
    processes may keep compiled code in memory). `observe(page, url, throttle)` makes the second visit
    (warm_visit_trace.py traces it)."""
    with tempfile.TemporaryDirectory() as profile:
        browser = playwright.chromium.launch_persistent_context(profile, **launch)
        browser.add_init_script(OBSERVE_LONG_TASKS)
        first = browser.new_page()
        measure(first, url, throttle)
        first.wait_for_timeout(READING_MS)
        if restart:
            browser.close()
            browser = playwright.chromium.launch_persistent_context(profile, **launch)
            browser.add_init_script(OBSERVE_LONG_TASKS)
            (browser.pages[0] if browser.pages else browser.new_page()).wait_for_timeout(settle_ms)
        else:
            first.close()
        outcome = observe(browser.new_page(), url, throttle)
        browser.close()
        return outcome


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--rounds", type=int, default=9)
    parser.add_argument("--site", default=str(ROOT / "site"))
    parser.add_argument("--variants", default="ours,bare,pyscript", help="a subset, for quick experiments")
    parser.add_argument("--no-warm", action="store_true", help="cold visits only")
    parser.add_argument("--precompressed", action="store_true", help="serve .gz copies where they exist, as hosts can")
    parser.add_argument("--throttle", type=float, help="download speed in Mbit/s, with 40 ms latency")
    parser.add_argument("--at-once", action="store_true", help="visit again the moment the browser restarts")
    args = parser.parse_args()
    Handler.precompressed = args.precompressed
    site = Path(args.site)
    if not (site / "assets" / "checkers-runtime.json").exists():
        sys.exit("Build the site first (make site): the benchmark needs its checkers' runtime.")
    launch = launch_options()
    with served(site) as (base, scenario):
        every = {"ours": base + SCENARIO + scenario, "ours-no-snapshot": base + "no-snapshot/" + SCENARIO + scenario,
                 "bare": base + "bench/pages/bare.html",
                 "pyscript": base + "bench/pages/pyscript.html", "worker-only": base + "bench/pages/worker.html"}
        variants = {name: every[name] for name in args.variants.split(",")}
        warm = not args.no_warm
        kinds = ("cold", "warm", "warm, browser open")
        results: dict[str, list[dict]] = {f"{name} {kind}": [] for name in variants for kind in kinds
                                          if kind == "cold" or (warm and name != "pyscript")}
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(**launch)
            for round_number in range(args.rounds):
                order = list(variants)[round_number % len(variants):] + list(variants)[:round_number % len(variants)]
                for name in order:
                    context = browser.new_context()
                    context.add_init_script(OBSERVE_LONG_TASKS)
                    results[f"{name} cold"].append(measure(context.new_page(), variants[name], args.throttle))
                    context.close()
                    if name == "pyscript" or not warm:
                        continue
                    results[f"{name} warm"].append(second_visit(playwright, launch, variants[name], args.throttle, True,
                                                                settle_ms=0 if args.at_once else SETTLE_MS))
                    results[f"{name} warm, browser open"].append(
                        second_visit(playwright, launch, variants[name], args.throttle, False))
                print(f"round {round_number + 1}/{args.rounds} done", file=sys.stderr, flush=True)
            browser.close()
    baseline = "bare cold" if "bare cold" in results else next(iter(results))
    bare_cold = statistics.median(r["ms"] for r in results[baseline])
    conditions = (f"{args.throttle:g} Mbit/s, 40 ms latency" if args.throttle else "loopback") + (
        ", precompressed files" if args.precompressed else "") + (", warm at once after restart" if args.at_once else "")
    print(f"Medians of {args.rounds} rounds ({conditions}); ratio is against {baseline}, in the same run.\n")
    print(f"| variant | first result (ms) | ratio to {baseline} | total blocking time (ms) | bytes transferred |")
    print("|---|---|---|---|---|")
    for name, runs in results.items():
        ms = statistics.median(r["ms"] for r in runs)
        tbt = statistics.median(r["tbt"] for r in runs)
        size = statistics.median(r["bytes"] for r in runs)
        print(f"| {name} | {ms:,.0f} | {ms / bare_cold:.2f} | {tbt:,.0f} | {size / 1e6:.2f} MB |")


if __name__ == "__main__":
    main()
