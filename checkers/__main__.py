"""python -m checkers <checker> [--codes DIR] [--code ID] [--version V | --as-of DATE] [--csv FILE [--json]]

Reads one JSON request on standard input and writes one JSON response on standard output:
exit 0 with a result, exit 2 with {"errors": [...]}. With --csv, donations come from a
spreadsheet and the answer is a readable report (or the JSON with --json).
"""

from __future__ import annotations

import argparse
import json
import sys

from . import CHECKERS, csvinput, run
from .report import readable


class _Parser(argparse.ArgumentParser):
    def error(self, message):  # argparse exits 2 with text; keep the JSON contract instead
        _write({"errors": [{"field": "arguments", "message": message}]})
        sys.exit(2)


def main(argv=None) -> int:
    parser = _Parser(prog="python -m checkers", description=__doc__.split("\n")[2])
    parser.add_argument("checker", choices=sorted(CHECKERS))
    parser.add_argument("--codes", help="content folder holding <code-id>/<version>.md (default: the project's own)")
    parser.add_argument("--code", help="with --csv: the code id")
    parser.add_argument("--version", help="with --csv: a version id")
    parser.add_argument("--as-of", dest="as_of", help="with --csv: the version in force on this date (YYYY-MM-DD)")
    parser.add_argument("--election-period-end", dest="election_period_end", help="with --csv: YYYY-MM-DD")
    parser.add_argument("--csv", help="with donations: a CSV file of donations")
    parser.add_argument("--json", action="store_true", help="with --csv: print the JSON response")
    args = parser.parse_args(argv)
    if args.csv:
        return _from_csv(args)
    try:
        request = json.loads(sys.stdin.read())
    except (json.JSONDecodeError, UnicodeDecodeError) as error:
        _write({"errors": [{"field": "request", "message": f"standard input is not JSON: {error}"}]})
        return 2
    response = run(args.checker, request, args.codes)
    _write(response)
    return 2 if "errors" in response else 0


def _from_csv(args) -> int:
    if args.checker != "donations":
        _write({"errors": [{"field": "csv", "message": "--csv works with the donations checker only"}]})
        return 2
    try:
        with open(args.csv, encoding="utf-8-sig", newline="") as handle:
            text = handle.read()
    except (OSError, UnicodeDecodeError) as error:
        _write({"errors": [{"field": "csv", "message": f"cannot read {args.csv}: {error}"}]})
        return 2
    donations, errors = csvinput.parse(text)
    request = {key: value for key, value in vars(args).items()
               if key in ("code", "version", "as_of", "election_period_end") and value is not None}
    request["donations"] = csvinput.strip_rows(donations)
    response = run("donations", request, args.codes)
    if "errors" in response or errors:
        response = {"errors": errors + csvinput.rename_errors(response.get("errors", []), donations)}
    if args.json:
        _write(response)
    else:
        print(readable(response))
    return 2 if "errors" in response else 0


def _write(response: dict) -> None:
    json.dump(response, sys.stdout, indent=2, ensure_ascii=False)
    sys.stdout.write("\n")


if __name__ == "__main__":
    sys.exit(main())
