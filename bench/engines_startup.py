"""A checker page's first answer in Chromium, Firefox and WebKit side by side: a cold visit and a second visit.

    python bench/engines_startup.py [--rounds 3] [--site site] [--engines chromium,firefox,webkit] [--mbps 20]

The page is the donations checker opened from its first worked example's link, so the check is asked for at once;
"first answer" is its `coc:first-result` mark (navigation to the answer on screen). Cold: a fresh browser and
profile. Second visit: the same page in a new tab of the same browser, once the first has settled (as a reader
coming back). Rounds rotate the engines; medians are printed. Firefox and WebKit are driven as the tests drive
them (tests/engines); Chromium by Playwright. With --mbps, the server sends everything at that many megabits a
second in all (shared by every request at once, as one connection's bandwidth is; no latency added), so that a cold
visit pays for its downloads as a reader's does; without it, loopback. Nothing is asserted: the figures go into
bench/README.md.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from tests import engines  # noqa: E402
from tests.conftest import _Quiet, paced, serve  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
FIRST = "performance.getEntriesByName('coc:first-result')[0]?.startTime"
SETTLE_S = 3


def example_link(base: str) -> str:
    import base64
    import json

    from tests import checkercases

    case = next(c for c in checkercases.load() if c.get("example") and c["checker"] == "donations")
    scenario = base64.urlsafe_b64encode(json.dumps(case["request"]).encode()).decode().rstrip("=")
    return f"{base}checkers/donations/#scenario={scenario}"


def chromium_visits(url: str) -> tuple[float, float]:
    from playwright.sync_api import sync_playwright
    from pyodide_startup import launch_options

    with sync_playwright() as playwright, tempfile.TemporaryDirectory() as profile:
        context = playwright.chromium.launch_persistent_context(profile, **launch_options(), viewport={"width": 390, "height": 844})
        times = []
        for _ in range(2):
            page = context.new_page()
            page.goto(url)
            page.wait_for_selector("#result-heading", timeout=120_000)  # a page-side poll would need eval (CSP)
            times.append(page.evaluate(FIRST))
            time.sleep(SETTLE_S)
        context.close()
        return times[0], times[1]


def other_visits(name: str, url: str) -> tuple[float, float]:
    with tempfile.TemporaryDirectory() as downloads:
        engine = engines.start(name, Path(downloads))
        try:
            times = []
            for visit in range(2):
                if visit:
                    engine.fresh()
                    engine.goto("about:blank")  # a new load, not a move within the same page
                engine.goto(url)
                times.append(engine.wait(FIRST, 120, "the first answer"))
                time.sleep(SETTLE_S)
            return times[0], times[1]
        finally:
            engine.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--site", default=str(ROOT / "site"))
    parser.add_argument("--engines", default="chromium,firefox,webkit")
    parser.add_argument("--mbps", type=float, help="the connection's bandwidth in megabits a second (default: loopback)")
    args = parser.parse_args()
    names = args.engines.split(",")
    for name in names:
        if name != "chromium" and engines.missing(name):
            sys.exit(engines.missing(name))
    server, base = serve(Path(args.site), paced(args.mbps) if args.mbps else _Quiet)
    url = example_link(base)
    results = {name: [] for name in names}
    try:
        for round_ in range(args.rounds):
            for name in names[round_ % len(names):] + names[:round_ % len(names)]:
                results[name].append(chromium_visits(url) if name == "chromium" else other_visits(name, url))
    finally:
        server.shutdown()
    network = f"at {args.mbps:g} Mbit/s" if args.mbps else "on loopback"
    print(f"First answer on /checkers/donations/ from a worked example, {network}, medians of {args.rounds} rounds.\n")
    print("| engine | cold (ms) | second visit (ms) | second / cold |\n|---|---|---|---|")
    for name, pairs in results.items():
        cold = statistics.median(p[0] for p in pairs)
        warm = statistics.median(p[1] for p in pairs)
        print(f"| {name} | {cold:,.0f} | {warm:,.0f} | {warm / cold:.2f} |")


if __name__ == "__main__":
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    main()
