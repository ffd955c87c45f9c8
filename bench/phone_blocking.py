"""What blocks a checker page's main thread on a phone: each long task of a first visit, and what it ran.

    python bench/phone_blocking.py [--network 4g|slow] [--url checkers/nominations/#scenario=...] [--site site]

The phone profile of pyodide_startup.py --phone (the browser held to a quarter of a core; the network applied by
the server), with a Chromium trace of the visit up to AFTER_MS after the first answer. For every main-thread task
over 50 ms: when it ran (from navigation), how long, its blocking time, and the longest events inside it (script
by URL and function, parsing, style, layout). Nothing is asserted: the findings go into bench/README.md.
"""

from __future__ import annotations

import argparse
import collections
import statistics
import sys
from pathlib import Path

from playwright.sync_api import sync_playwright

sys.path.insert(0, str(Path(__file__).resolve().parent))
from pyodide_startup import (  # noqa: E402
    AFTER_MS,
    OBSERVE_LONG_TASKS,
    PHONE_CPU_LIMIT,
    PHONE_NETWORKS,
    ROOT,
    SCENARIO,
    Handler,
    launch_options,
    measure,
    served,
    slowed_browser,
)
from warm_visit_trace import end_trace  # noqa: E402

CATEGORIES = ["devtools.timeline", "disabled-by-default-devtools.timeline", "toplevel", "blink.user_timing", "v8"]
TASKS = ("RunTask",)
# What inside a task is worth naming: the event, and the detail that says which script or page part.
NAMED = {"EvaluateScript": "url", "v8.compileModule": "fileName", "FunctionCall": "functionName", "ParseHTML": None,
         "Layout": None, "UpdateLayoutTree": None, "Paint": None, "v8.compile": "fileName", "EventDispatch": "type",
         "TimerFire": None, "FireAnimationFrame": None, "v8.run": "fileName", "ParseAuthorStyleSheet": None,
         "HandlePostMessage": None, "MajorGC": None, "MinorGC": None, "V8.GC_SCAVENGER": None}


def trace(page, url: str, page_cpu: float | None = None) -> tuple[dict, list[dict]]:
    session = page.context.new_cdp_session(page)
    if page_cpu:
        session.send("Emulation.setCPUThrottlingRate", {"rate": page_cpu})
    session.send("Tracing.start", {"traceConfig": {"includedCategories": CATEGORIES}, "transferMode": "ReturnAsStream"})
    outcome = measure(page, url, timeout=600_000, after_ms=AFTER_MS)
    return outcome, end_trace(page, session)


def long_tasks(events: list[dict]) -> tuple[list[dict], float]:
    """The page's main-thread tasks over 50 ms from its first parsing on (the previous document's unloading is not
    the page's), each with its longest inner events; and when the first answer came, from navigation (ms)."""
    mark = next(e for e in events if e.get("name") == "coc:first-result")
    renderer = mark["pid"]
    navigation = mark["ts"] - mark["args"]["data"]["startTime"] * 1000
    main = next(e["tid"] for e in events if e.get("name") == "thread_name" and e["pid"] == renderer
                and e["args"]["name"] == "CrRendererMain")
    ours = sorted((e for e in events if e.get("pid") == renderer and e.get("tid") == main and e.get("ph") == "X"),
                  key=lambda e: e["ts"])
    parsed = next(e["ts"] for e in ours if e["name"] == "ParseHTML")
    found = []
    unloading = {e["ts"] for e in ours if e["name"] == "EventDispatch" and e.get("args", {}).get("data", {}).get("type") == "pagehide"}
    for task in (e for e in ours if e["name"] in TASKS and e.get("dur", 0) > 50_000 and e["ts"] + e["dur"] > parsed
                 and not any(e["ts"] <= t < e["ts"] + e["dur"] for t in unloading)):
        inside = collections.Counter()
        for event in ours:
            if task["ts"] <= event["ts"] < task["ts"] + task["dur"] and event["name"] in NAMED:
                detail = NAMED[event["name"]]
                data = event.get("args", {}).get("data", {}) or event.get("args", {})
                what = f"{event['name']} {str(data.get(detail, ''))[-60:]}".strip() if detail else event["name"]
                inside[what] += event.get("dur", 0) / 1000
        found.append({"at": (task["ts"] - navigation) / 1000, "ms": task["dur"] / 1000,
                      "inside": inside.most_common(5)})
    return found, (mark["ts"] - navigation) / 1000


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--network", choices=["4g", "slow"], default="4g")
    parser.add_argument("--url", help="a page of the site, from its root (default: the nominations checker, with a "
                        "scenario checked at once)")
    parser.add_argument("--site", default=str(ROOT / "site"))
    parser.add_argument("--page-cpu", type=float, help="slow the page's main thread alone this many times (DevTools), "
                        "its workers at full speed, instead of the whole browser held to a quarter of a core")
    parser.add_argument("--rounds", type=int, default=1)
    args = parser.parse_args()
    mbits, latency = list(PHONE_NETWORKS.values())[0 if args.network == "slow" else 1]
    Handler.precompressed = True
    rounds = []
    with served(Path(args.site)) as (base, scenario), sync_playwright() as playwright:
        Handler.link_bytes_per_second, Handler.latency_s = mbits * 1e6 / 8, latency / 1000
        browser = (playwright.chromium.launch(**launch_options()) if args.page_cpu else
                   slowed_browser(playwright, PHONE_CPU_LIMIT))
        for _ in range(args.rounds):
            context = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True)
            context.add_init_script(OBSERVE_LONG_TASKS)
            outcome, events = trace(context.new_page(), base + (args.url or SCENARIO + scenario), args.page_cpu)
            context.close()
            tasks, answered = long_tasks(events)
            rounds.append({"answer": outcome["ms"], "tasks": tasks,
                           "before": sum(t["ms"] - 50 for t in tasks if t["at"] < answered),
                           "after": sum(t["ms"] - 50 for t in tasks if answered <= t["at"] < answered + AFTER_MS),
                           "longest": max((t["ms"] for t in tasks), default=0)})
        browser.close()
    median = {key: statistics.median(r[key] for r in rounds) for key in ("answer", "before", "after", "longest")}
    print(f"Medians of {args.rounds}: first answer at {median['answer']:,.0f} ms; total blocking time (every main-thread "
          f"task from the page's first parsing, rendering included) {median['before']:,.0f} ms up to it, "
          f"{median['after']:,.0f} ms in the {AFTER_MS / 1000:.0f} s after; longest task {median['longest']:,.0f} ms.")
    each = ", ".join(f"{r['before']:,.0f} / {r['after']:,.0f}" for r in rounds)
    print(f"Each round, up to and after: {each}.\n")
    print("The last round's long tasks:\n\n| at (ms) | task (ms) | blocking (ms) | longest inside (ms) |\n|---|---|---|---|")
    for task in rounds[-1]["tasks"]:
        inside = "; ".join(f"{what}: {ms:,.0f}" for what, ms in task["inside"])
        print(f"| {task['at']:,.0f} | {task['ms']:,.0f} | {task['ms'] - 50:,.0f} | {inside} |")


if __name__ == "__main__":
    main()
