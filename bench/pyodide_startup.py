"""Pyodide start-up on a checker page against a bare loadPyodide() page and a self-hosted PyScript page.

    python bench/pyodide_startup.py [--rounds 9] [--site site] [--variants ours,bare,pyscript]
                                    [--no-warm] [--precompressed] [--throttle MBITS] [--at-once]
    python bench/pyodide_startup.py --phone [--rounds 3] [--timeline]

Serves the built site and the comparison pages on 127.0.0.1, and drives headless Chromium. Each round
runs every variant once, in a rotating order (interleaved), each cold in a fresh browser context; warm
variants are a second visit with a persistent profile, after restarting the browser ("warm") or in a new tab
of the browser still open ("warm, browser open"); the first visit stays 3 s after its answer, as a reader
would, and a restarted browser is left 2 s to finish starting, as the cold visits' browser has (--at-once:
not). Reports medians of: navigation to the first result (the "coc:first-result" performance mark),
main-thread total blocking time (long tasks over 50 ms, up to the first result), and bytes transferred.
Nothing is asserted: the numbers go into bench/README.md.

--precompressed serves a file's .br or .gz copy where one exists and the browser accepts it, as a host with
precompressed files does (`make serve` does too); --throttle limits download speed (and adds 40 ms of latency)
through DevTools.

--phone: a phone on mobile data. The CPU slowed about four times: the whole browser held to a quarter of one core
by a CPU cgroup (needs root), since DevTools' CPU throttling reaches pages but not workers in Chromium 156; checked
each run with a busy loop on the page and in a worker,
with the network profiles Lighthouse uses for mobile (1.6 Mbit/s down, 150 ms) and a faster 4G (9 Mbit/s, 40 ms),
applied by the server to every response (a page's DevTools network throttling does not reach its workers' downloads):
one link shared by all connections, and the round trip before each response. Cold visits of ours, ours without the
snapshot, and the bare page, interleaved, with precompressed files; bytes are counted by the server.
"""

from __future__ import annotations

import argparse
import base64
import contextlib
import http.server
import json
import re
import shutil
import statistics
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from pathlib import Path

from playwright.sync_api import sync_playwright

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from sitebuild import compress  # noqa: E402
from sitebuild.serve import Handler as ServeHandler  # noqa: E402
from tests.conftest import CHROMIUM, CHROMIUM_FLAGS, serve  # noqa: E402

# Lighthouse's mobile network (its "slow 4G": 1.6 Mbit/s, 150 ms) and a faster 4G.
PHONE_NETWORKS = {"Lighthouse mobile (1.6 Mbit/s, 150 ms)": (1.6, 150), "faster 4G (9 Mbit/s, 40 ms)": (9.0, 40)}
PHONE_CPU_LIMIT = 25  # % of one core for the whole browser: one thread about 4 times slower (checked each run)

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

# With --timeline: the page's own events, to set beside its long tasks (the start-up line's changes, the document's
# DOMContentLoaded and load).
OBSERVE_PAGE_EVENTS = """
window.__pageEvents = [];
const note = (what) => window.__pageEvents.push([performance.now(), what]);
document.addEventListener("DOMContentLoaded", () => note("DOMContentLoaded"));
window.addEventListener("load", () => note("load"));
new MutationObserver(() => {
  const text = document.querySelector(".checker-progress-text")?.textContent;
  if (text && text !== window.__lastProgress) note("progress: " + (window.__lastProgress = text));
}).observe(document, {subtree: true, childList: true, characterData: true});
"""


class Handler(ServeHandler):
    """`make serve`'s handler (the precompressed copies by Accept-Encoding, when asked for), with a long-cache
    host's headers and no policy header: the comparison pages are not the site's."""

    precompressed = False
    sent = 0  # body bytes sent, by every handler: what a visit moved, workers' downloads included
    # The phone's network, applied by the server to every request (DevTools' network throttling of a page does not
    # reach its workers' downloads): bytes per second shared by all connections, as one link, and the round trip.
    link_bytes_per_second: float | None = None
    latency_s = 0.0
    _link = threading.Lock()
    _link_free_at = 0.0

    def send_head(self):
        if self.link_bytes_per_second:
            time.sleep(self.latency_s)
        if self.precompressed:
            return ServeHandler.send_head(self)
        return http.server.SimpleHTTPRequestHandler.send_head(self)

    def copyfile(self, source, outputfile):
        if not self.link_bytes_per_second:
            before = source.tell()
            super().copyfile(source, outputfile)
            type(self).sent += source.tell() - before
            return
        while chunk := source.read(16_384):
            with Handler._link:  # one link: a chunk waits for the ones before it, whichever connection sent them
                start = max(time.monotonic(), Handler._link_free_at)
                Handler._link_free_at = start + len(chunk) / self.link_bytes_per_second
                wait = Handler._link_free_at - time.monotonic()
            if wait > 0:
                time.sleep(wait)
            outputfile.write(chunk)
            type(self).sent += len(chunk)

    def end_headers(self):
        self.send_header("Cache-Control", "max-age=31536000")  # a long-cache host: warm visits reuse files
        self.send_header("Vary", "Accept-Encoding")
        http.server.SimpleHTTPRequestHandler.end_headers(self)

    def log_message(self, *args):
        pass

    def handle(self):
        # A page closed while a throttled download was still going: nothing to report.
        with contextlib.suppress(ConnectionResetError, BrokenPipeError):
            super().handle()


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
    # The comparison pages' files compressed as the site's are, so that a host serving precompressed copies serves
    # both alike (--precompressed, --phone).
    compress.precompress(bench, ROOT / ".cache" / "compressed")
    # The same site whose checker pages do not know of the snapshot: Python starts the way it did before.
    unsnapped = root / "no-snapshot"
    unsnapped.mkdir()
    for child in site.iterdir():
        if child.name != "checkers":
            (unsnapped / child.name).symlink_to(root / child.name)
    shutil.copytree(site / "checkers", unsnapped / "checkers")
    for page in (unsnapped / "checkers").rglob("index.html"):
        page.write_text(re.sub(r"data-runtime='([^']*)'", without_snapshot, page.read_text()))
        for copy in (page.with_name(page.name + ".br"), page.with_name(page.name + ".gz")):
            copy.unlink(missing_ok=True)  # the compressed copies would still start from the snapshot
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
        server, base = serve(root, Handler)
        try:
            yield base, scenario
        finally:
            server.shutdown()


def without_snapshot(attribute: re.Match) -> str:
    manifest = json.loads(attribute[1])
    for key in ("snapshot", "snapshot_bytes", "snapshot_size", "snapshot_stdlib"):
        manifest.pop(key, None)
    return f"data-runtime='{json.dumps(manifest)}'"


CPU_CGROUP = Path("/sys/fs/cgroup/cpu/codes-of-conduct-phone")  # cgroup v1; needs root, as CI and this machine have
CPU_PERIOD_US = 100_000


def slowed_browser(playwright, limit: int):
    """Chromium with its whole process tree held to `limit`% of one core, by a CPU cgroup's quota: DevTools' CPU
    throttling reaches pages but not workers ("Operation is only supported for pages, not workers", Chromium 156),
    and the checkers run in workers. A quarter of a core makes any one thread about four times slower, workers
    included (`calibrate` checks it); threads that run at once share that quarter, which is harsher than a phone's
    several slow cores."""
    try:
        CPU_CGROUP.mkdir(exist_ok=True)
        # The quota is spent by all the browser's threads together: while the Python worker compiles, the page's main
        # thread waits its turn (bench/README.md, "On a phone": phone_blocking.py measures the page's own work).
        (CPU_CGROUP / "cpu.cfs_quota_us").write_text("-1")
        (CPU_CGROUP / "cpu.cfs_period_us").write_text(str(CPU_PERIOD_US))
        (CPU_CGROUP / "cpu.cfs_quota_us").write_text(str(CPU_PERIOD_US * limit // 100))
    except OSError as error:
        sys.exit(f"The phone profile needs a CPU cgroup it can write ({CPU_CGROUP}: {error.strerror}): run it as root "
                 "on a host with cgroup v1's cpu controller.")
    chromium = launch_options().get("executable_path") or playwright.chromium.executable_path
    wrapper = Path(tempfile.mkdtemp()) / "chromium-slowed"
    wrapper.write_text(f'#!/bin/sh\necho $$ > {CPU_CGROUP}/cgroup.procs\nexec "{chromium}" "$@"\n')
    wrapper.chmod(0o755)
    return playwright.chromium.launch(**{**launch_options(), "executable_path": str(wrapper)})


# After the first answer, how long the phone profile keeps counting blocking time: what a reader reading the answer
# (or typing again) meets, Material's start among it.
AFTER_MS = 5_000


def measure(page, url: str, throttle: float | None = None, timeout: float = 180_000, latency: int = 40,
            after_ms: int = 0) -> dict:
    if throttle:
        session = page.context.new_cdp_session(page)
        session.send("Network.enable")
        session.send("Network.emulateNetworkConditions", {"offline": False, "latency": latency,
                     "downloadThroughput": throttle * 1e6 / 8, "uploadThroughput": throttle * 1e6 / 8})
    # Counted by the server: a page's own listeners do not see its workers' downloads.
    start = Handler.sent
    page.goto(url)
    # Poll from Python: wait_for_function evaluates a string in the page, which the site's CSP forbids.
    # The time read is the mark's own timestamp, so the polling interval does not affect it.
    waited = 0
    while not page.evaluate("() => performance.getEntriesByName('coc:first-result').length > 0"):
        page.wait_for_timeout(25)
        waited += 25
        if waited > timeout:
            raise TimeoutError(f"no result from {url}")
    sent = Handler.sent - start  # up to the first result: what the page loads later is not counted
    if after_ms:
        page.wait_for_timeout(after_ms)
    result = page.evaluate("""(after) => {
      const done = performance.getEntriesByName('coc:first-result')[0].startTime;
      const blocking = (tasks) => tasks.reduce((t, [, d]) => t + Math.max(0, d - 50), 0);
      const tasks = window.__longTasks || [];
      return {ms: done, tbt: blocking(tasks.filter(([s]) => s < done)),
              tbt_after: blocking(tasks.filter(([s]) => s >= done && s < done + after)),
              longest: Math.max(0, ...tasks.filter(([s]) => s < done + after).map(([, d]) => d))};
    }""", after_ms)
    result["bytes"] = sent
    return result


LOOP = "let x = 0; const t = performance.now(); for (let i = 0; i < 3e7; i++) x += i % 7; "
CALIBRATION = """async (loop) => {
  const page = new Function(loop + "return performance.now() - t;")();
  const worker = new Worker(URL.createObjectURL(new Blob([loop + "postMessage(performance.now() - t);"])));
  const inWorker = await new Promise((resolve) => { worker.onmessage = (event) => resolve(event.data); });
  return [page, inWorker];
}"""


def calibrate(browser, base: str) -> list[float]:
    """The same busy loop on the page's main thread and in a worker: medians of 5, in ms."""
    context = browser.new_context()
    page = context.new_page()
    page.goto(base + "bench/pages/bare.html")
    runs = [page.evaluate(CALIBRATION, LOOP) for _ in range(5)]
    context.close()
    return [statistics.median(run[index] for run in runs) for index in (0, 1)]


def phone(rounds: int, site: Path, only: list[str] | None = None, timeline: bool = False) -> None:
    """Cold first visits on a phone profile, each network in turn; ours, ours without the snapshot, and bare (or
    `only` some of them). Blocking time is counted up to the first result and in the AFTER_MS after it. With
    `timeline`, each visit's long tasks are listed beside the page's own events, to see what they fall beside."""
    Handler.precompressed = True
    with served(site) as (base, scenario), sync_playwright() as playwright:
        normal = playwright.chromium.launch(**launch_options())
        plain = calibrate(normal, base)
        normal.close()
        browser = slowed_browser(playwright, PHONE_CPU_LIMIT)
        slowed = calibrate(browser, base)
        print(f"CPU slowed, checked with a busy loop: on the page {plain[0]:,.0f} ms, slowed {slowed[0]:,.0f} ms "
              f"({slowed[0] / plain[0]:.1f}x); in a worker {plain[1]:,.0f} ms, slowed {slowed[1]:,.0f} ms "
              f"({slowed[1] / plain[1]:.1f}x).\n")
        variants = {"ours": base + SCENARIO + scenario, "ours-no-snapshot": base + "no-snapshot/" + SCENARIO + scenario,
                    "bare": base + "bench/pages/bare.html"}
        variants = {name: url for name, url in variants.items() if not only or name in only}
        for network, (mbits, latency) in PHONE_NETWORKS.items():
            results: dict[str, list[dict]] = {name: [] for name in variants}
            Handler.link_bytes_per_second, Handler.latency_s = mbits * 1e6 / 8, latency / 1000
            for round_number in range(rounds):
                order = list(variants)[round_number % len(variants):] + list(variants)[:round_number % len(variants)]
                for name in order:
                    context = browser.new_context()
                    context.add_init_script(OBSERVE_LONG_TASKS)
                    if timeline:
                        context.add_init_script(OBSERVE_PAGE_EVENTS)
                    page = context.new_page()
                    results[name].append(measure(page, variants[name], timeout=600_000, after_ms=AFTER_MS))
                    if timeline:
                        print_timeline(page, f"{network}, {name}, round {round_number + 1}")
                    context.close()
                print(f"{network}: round {round_number + 1}/{rounds} done", file=sys.stderr, flush=True)
            Handler.link_bytes_per_second = None
            bare = statistics.median(r["ms"] for r in results["bare"]) if "bare" in results else None
            print(f"{network}, the browser held to {PHONE_CPU_LIMIT}% of a core, precompressed files: medians of {rounds} "
                  "rounds.\n")
            print("| variant | first result (ms) | ratio to bare | total blocking time to the answer (ms) | in the 5 s "
                  "after (ms) | longest task (ms) | bytes on the wire |")
            print("|---|---|---|---|---|---|---|")
            for name, runs in results.items():
                ms = statistics.median(r["ms"] for r in runs)
                ratio = f"{ms / bare:.2f}" if bare else "—"
                print(f"| {name} | {ms:,.0f} | {ratio} | {statistics.median(r['tbt'] for r in runs):,.0f} | "
                      f"{statistics.median(r['tbt_after'] for r in runs):,.0f} | "
                      f"{statistics.median(r['longest'] for r in runs):,.0f} | "
                      f"{statistics.median(r['bytes'] for r in runs) / 1e6:.2f} MB |")
            print()
        browser.close()


def print_timeline(page, title: str) -> None:
    """A visit's long tasks (ms from navigation, and how long) in order with the page's own events."""
    tasks = [(start, f"long task, {duration:,.0f} ms") for start, duration in page.evaluate("window.__longTasks")]
    events = [(at, what) for at, what in page.evaluate("window.__pageEvents || []")]
    done = page.evaluate("performance.getEntriesByName('coc:first-result')[0].startTime")
    print(f"{title}:", file=sys.stderr)
    for at, what in sorted(tasks + events + [(done, "the first answer")]):
        print(f"  {at:8,.0f} ms  {what}", file=sys.stderr)


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
    parser.add_argument("--variants", help="a subset, for quick experiments (default ours,bare,pyscript; with --phone "
                        "ours,ours-no-snapshot,bare)")
    parser.add_argument("--no-warm", action="store_true", help="cold visits only")
    parser.add_argument("--precompressed", action="store_true", help="serve .gz copies where they exist, as hosts can")
    parser.add_argument("--throttle", type=float, help="download speed in Mbit/s, with 40 ms latency")
    parser.add_argument("--at-once", action="store_true", help="visit again the moment the browser restarts")
    parser.add_argument("--phone", action="store_true", help="a phone on mobile data: CPU 4x slower, two networks")
    parser.add_argument("--timeline", action="store_true", help="with --phone: list each visit's long tasks beside "
                        "the page's own events (on standard error)")
    args = parser.parse_args()
    if args.phone:
        phone(args.rounds, Path(args.site), args.variants.split(",") if args.variants else None, args.timeline)
        return
    Handler.precompressed = args.precompressed
    site = Path(args.site)
    if not (site / "assets" / "checkers-runtime.json").exists():
        sys.exit("Build the site first (make site): the benchmark needs its checkers' runtime.")
    launch = launch_options()
    with served(site) as (base, scenario):
        every = {"ours": base + SCENARIO + scenario, "ours-no-snapshot": base + "no-snapshot/" + SCENARIO + scenario,
                 "bare": base + "bench/pages/bare.html",
                 "pyscript": base + "bench/pages/pyscript.html", "worker-only": base + "bench/pages/worker.html"}
        variants = {name: every[name] for name in (args.variants or "ours,bare,pyscript").split(",")}
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
