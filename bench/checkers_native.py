"""10,000 donations from 1,000 donors through checkers.run, natively, for each code with donation rules.

    python bench/checkers_native.py [--donations 10000] [--donors 1000] [--repeat 7]
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import checkers  # noqa: E402


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
    args = parser.parse_args()
    items = donations(args.donations, args.donors, start=args.start, days=args.days)
    checkers.codes()  # read the content once, as the browser does at start-up
    print(f"Python {sys.version.split()[0]}; {args.donations:,} donations from {args.donors:,} donors over {args.days:,} days from "
          f"{args.start}; median of {args.repeat}")
    print("| code | findings | seconds (median) | donations per second |\n|---|---|---|---|")
    for code in ("nec-candidates", "local-government-selections", "momentum-ncg-elections"):
        request = {"code": code, "donations": items,
                   "election_period_end": args.start.replace(year=args.start.year + 2).isoformat()}
        times, response = [], None
        for _ in range(args.repeat):
            begin = time.perf_counter()
            response = checkers.run("donations", request)
            times.append(time.perf_counter() - begin)
        seconds = statistics.median(times)
        print(f"| {code} | {len(response['answers']):,} | {seconds:.3f} | {args.donations / seconds:,.0f} |")


if __name__ == "__main__":
    main()
