"""10,000 donations from 1,000 donors through checkers.run, natively, for each code with donation rules.

    python bench/checkers_native.py [--donations 10000] [--donors 1000] [--repeat 7] [--command-line [--spreadsheet text|json]]

With --command-line: the whole command instead (`python -m checkers donations`, the request on its standard input,
its JSON written to /dev/null), as a reader of the command line waits for it, and its peak memory; with
--spreadsheet, the donations come as a CSV file (`--csv`) and the answer is the text report or JSON.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import checkers  # noqa: E402
from checkers import csvinput  # noqa: E402


def donations(count: int, donors: int, seed: int = 1, start: dt.date = dt.date(2023, 1, 1), days: int = 730) -> list[dict]:
    """Donations over `days` days (two years unless told) from `start`: from 2023, the years in which when the Act's reporting threshold became
    £2,230 is not confirmed, so that each donor's year is read under each value it may have had (the worst case)."""
    rng = random.Random(seed)
    return [{"donor": f"Donor {rng.randrange(donors)}", "amount": f"{rng.randrange(1, 300000) / 100:.2f}",
             "received": (start + dt.timedelta(days=rng.randrange(days))).isoformat(),
             "kind": rng.choice(["cash", "non-cash"]), "permissible": rng.choice([True, False, None])}
            for _ in range(count)]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--donations", type=int, default=10_000)
    parser.add_argument("--donors", type=int, default=1_000)
    parser.add_argument("--repeat", type=int, default=7)
    parser.add_argument("--start", type=dt.date.fromisoformat, default=dt.date(2023, 1, 1),
                        help="the first day of the donations (2025-01-01: every figure of the Act confirmed)")
    parser.add_argument("--days", type=int, default=730, help="the donations fall on this many days from --start (with "
                        "--donors 1 --days 250 --start 2024-01-01: one donor giving on every uncertain day it can)")
    parser.add_argument("--command-line", action="store_true", help="time the whole command, in a process of its own")
    parser.add_argument("--spreadsheet", choices=("text", "json"), help="with --command-line: the donations as a CSV "
                        "file (--csv), the answer as the text report or as JSON (--json)")
    args = parser.parse_args()
    items = donations(args.donations, args.donors, start=args.start, days=args.days)
    if args.command_line:
        command_line(items, args)
        return
    checkers.codes()  # read the content once, as the browser does at start-up
    print(f"{_heading(args)}; median of {args.repeat}")
    print("| code | findings | seconds (median) | donations per second |\n|---|---|---|---|")
    for code, request in _requests(items, args):
        times, response = [], None
        for _ in range(args.repeat):
            begin = time.perf_counter()
            response = checkers.run("donations", request)
            times.append(time.perf_counter() - begin)
        seconds = statistics.median(times)
        print(f"| {code} | {len(response['answers']):,} | {seconds:.3f} | {args.donations / seconds:,.0f} |")


def _heading(args) -> str:
    return (f"Python {sys.version.split()[0]}; {args.donations:,} donations from {args.donors:,} donors over "
            f"{args.days:,} days from {args.start}")


def _requests(items: list[dict], args):
    """Each code with donation rules, and the request of these donations under it."""
    for code in ("nec-candidates", "local-government-selections", "momentum-ncg-elections"):
        yield code, {"code": code, "donations": items,
                     "election_period_end": args.start.replace(year=args.start.year + 2).isoformat()}


def command_line(items: list[dict], args) -> None:
    sheet = next(f for f in checkers.CHECKERS["donations"].rows if f.spreadsheet)
    how = f"--csv FILE{' --json' if args.spreadsheet == 'json' else ''}" if args.spreadsheet else "< request.json"
    print(f"{_heading(args)}; `python -m checkers donations {how}`, median of {args.repeat}")
    print("| code | seconds (median, wall) | peak memory (MB) |\n|---|---|---|")
    for code, request in _requests(items, args):
        with tempfile.TemporaryFile("w+") as stdin, tempfile.NamedTemporaryFile("w", suffix=".csv") as sheet_file:
            command = [sys.executable, "-m", "checkers", "donations"]
            if args.spreadsheet:
                sheet_file.write(csvinput.write(request.pop(sheet.name), sheet))
                sheet_file.flush()
                command += ["--csv", sheet_file.name, *(["--json"] if args.spreadsheet == "json" else []),
                            *(arg for name, value in request.items() for arg in (f"--{name.replace('_', '-')}", value))]
            json.dump(request, stdin)
            times, peaks = [], []
            for _ in range(args.repeat):
                stdin.seek(0)
                begin = time.perf_counter()
                child = subprocess.Popen(command, stdin=stdin,
                                         stdout=subprocess.DEVNULL, cwd=Path(__file__).resolve().parent.parent)
                _, status, usage = os.wait4(child.pid, 0)
                times.append(time.perf_counter() - begin)
                if os.waitstatus_to_exitcode(status) != 0:
                    raise SystemExit(f"python -m checkers donations failed for {code}")
                peaks.append(usage.ru_maxrss / 1024)
        print(f"| {code} | {statistics.median(times):.2f} | {max(peaks):,.0f} |")


if __name__ == "__main__":
    main()
