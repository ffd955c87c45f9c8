"""Where a warm visit to a checker page spends its time: a Chromium trace of the second visit.

    python bench/warm_visit_trace.py [--rounds 5] [--site site]

The second visit of pyodide_startup.py (persistent profile; browser restarted, or a new tab of the browser
still open), traced with V8's WebAssembly categories. Reports medians of: the first result; V8 taking the
compiled WebAssembly from its code cache; functions compiled on their first call because the cache did not
hold them (V8 caches only the code it had optimised); background validation and optimisation; and the busy
time of the page's threads, from navigation to the first result. Nothing is asserted: the numbers go into
bench/README.md.
"""

from __future__ import annotations

import argparse
import collections
import json
import statistics
import sys
from pathlib import Path

from playwright.sync_api import sync_playwright

sys.path.insert(0, str(Path(__file__).resolve().parent))
from pyodide_startup import ROOT, SCENARIO, launch_options, measure, second_visit, served  # noqa: E402

CATEGORIES = ["v8.wasm", "disabled-by-default-v8.wasm.detailed", "disabled-by-default-devtools.timeline",
              "devtools.timeline", "toplevel", "blink.user_timing"]
TASKS = ("ThreadControllerImpl::RunTask", "RunTask", "ThreadPool_RunTask")
# Trace event name -> what the report calls it.
WASM_EVENTS = {
    "v8.wasm.compileConsume": "wasm from code cache",
    "wasm.CompileLazy": "compiled on first call",
    "wasm.ValidateFunctionsStreaming": "validation (background)",
    "wasm.TopTierCompilation": "optimisation (background)",
}
WORKERS = {"snapshot-fetcher": "snapshot worker", "search": "search worker", "checker-worker": "Python worker",
           "pyodide": "Python worker"}
THREADS = {"CrRendererMain": "page main thread", "DedicatedWorker thread": "workers",
           "ThreadPoolForegroundWorker": "renderer thread pool"}


def traced(page, url: str, throttle: float | None) -> dict:
    """measure(), with a trace of the visit summarised."""
    session = page.context.new_cdp_session(page)
    session.send("Tracing.start", {"traceConfig": {"includedCategories": CATEGORIES}, "transferMode": "ReturnAsStream"})
    outcome = measure(page, url, throttle)
    return {"first result (ms)": outcome["ms"], **summarise(end_trace(page, session))}


def end_trace(page, session) -> list[dict]:
    """Stop a trace started with transferMode ReturnAsStream; its events."""
    complete: dict = {}
    session.on("Tracing.tracingComplete", lambda event: complete.update(event))
    session.send("Tracing.end")
    while not complete:
        page.wait_for_timeout(50)
    data = bytearray()
    while True:
        chunk = session.send("IO.read", {"handle": complete["stream"]})
        data += chunk["data"].encode()
        if chunk.get("eof"):
            break
    events = json.loads(data)
    return events["traceEvents"] if isinstance(events, dict) else events


def summarise(events: list[dict]) -> dict:
    """The WebAssembly events and the threads' busy time in the page's renderer process, from navigation to the
    first result."""
    mark = next(e for e in events if e.get("name") == "coc:first-result")
    renderer, end = mark["pid"], mark["ts"]
    begin = end - mark["args"]["data"]["startTime"] * 1000
    ours = [e for e in events if e.get("pid") == renderer and begin <= e.get("ts", 0) < end]
    names = {e["tid"]: e["args"]["name"] for e in events if e.get("name") == "thread_name" and e["pid"] == renderer}
    return wasm_work(ours) + busy_threads(ours, names, end)


def wasm_work(events: list[dict]) -> collections.Counter:
    """Milliseconds and counts of V8's WebAssembly events."""
    work: collections.Counter = collections.Counter()
    for event in events:
        label = WASM_EVENTS.get(event.get("name"))
        if label:
            work[f"{label} (ms)"] += event.get("dur", 0) / 1000
            work[f"{label} (count)"] += 1
    return work


def busy_threads(events: list[dict], names: dict, end: float) -> collections.Counter:
    """Milliseconds each kind of thread spends in top-level tasks (their union) before `end`."""
    tasks: dict = collections.defaultdict(list)
    scripts: dict = collections.defaultdict(str)  # which worker is which: the scripts each one ran
    for event in events:
        if event.get("ph") == "X" and event.get("name") in TASKS:
            tasks[event["tid"]].append((event["ts"], min(end, event["ts"] + event.get("dur", 0))))
        data = event.get("args", {}).get("data")
        if isinstance(data, dict) and str(data.get("url", "")).endswith("js"):
            scripts[event["tid"]] += " " + data["url"]
    busy: collections.Counter = collections.Counter()
    for thread, spans in tasks.items():
        label = THREADS.get(names.get(thread, ""))
        if label == "workers":
            label = next((worker for script, worker in WORKERS.items() if script in scripts[thread]), "other worker")
        covered = 0
        for start, finish in sorted(spans):
            if label and finish > covered:
                busy[f"{label} busy (ms)"] += (finish - max(start, covered)) / 1000
                covered = finish
    return busy


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--site", default=str(ROOT / "site"))
    args = parser.parse_args()
    site = Path(args.site)
    if not (site / "assets" / "checkers-runtime.json").exists():
        sys.exit("Build the site first (make site): the benchmark needs its checkers' runtime.")
    kinds = {"browser restarted": True, "browser open": False}
    results: dict[str, list[dict]] = {kind: [] for kind in kinds}
    with served(site) as (base, scenario), sync_playwright() as playwright:
        for round_number in range(args.rounds):
            for kind, restart in kinds.items():
                results[kind].append(second_visit(playwright, launch_options(), base + SCENARIO + scenario, None,
                                                  restart, observe=traced))
            print(f"round {round_number + 1}/{args.rounds} done", file=sys.stderr, flush=True)
    rows = sorted({key for runs in results.values() for run in runs for key in run},
                  key=lambda key: (key != "first result (ms)", "busy" not in key, key.lower()))
    print(f"Second visit to /checkers/nominations/, medians of {args.rounds} rounds.\n")
    print("| | " + " | ".join(kinds) + " |")
    print("|---|" + "---|" * len(kinds))
    for row in rows:
        cells = [statistics.median(run.get(row, 0) for run in results[kind]) for kind in kinds]
        print(f"| {row} | " + " | ".join(f"{cell:,.0f}" for cell in cells) + " |")


if __name__ == "__main__":
    main()
