"""python -m checkers <checker> [--codes DIR] [--code ID] [--version V | --as-of DATE] [--csv FILE [--json]]
[--record FILE] [--ics FILE] [--site-url URL]

Reads one JSON request on standard input and writes one JSON response on standard output:
exit 0 with a result, exit 2 with {"errors": [...]}. --code, --version, --as-of and --election-period-end
fill those fields of the request. With --csv, donations come from a spreadsheet and the answer is a
readable report (or the JSON with --json). --record writes the check's record as text, and --ics its
deadlines as an iCalendar file, the same files a checker page offers. python -m checkers <checker> --help lists what
its request holds, field by field.

python -m checkers case FILE [--json] [--ics FILE] reads a case file saved by the site's "My case" page: every kept
check answered again today, what to do soonest first (or the JSON overview with --json).
"""

from __future__ import annotations

import argparse
import codecs
import datetime as dt
import json
import sys
from pathlib import Path

from . import CHECKERS, case, content, csvinput, keepsakes, parse_request, readable_json, run
from .addresses import site_address, site_address_or_empty
from .money_and_dates import quoted
from .report import readable_lines
from .text import printable
from .validation import fields_read, refusal
from .whole_files import write_whole

OPTION_FIELDS = {"code": "--code", "version": "--version", "as_of": "--as-of", "election_period_end": "--election-period-end"}


class _Parser(argparse.ArgumentParser):
    def error(self, message):  # argparse exits 2 with text; keep the JSON contract instead
        _write(refusal([{"field": "arguments", "message": message}]))
        sys.exit(2)


def main(argv=None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    # Output redirected to a file or a pipe is written in the system's own encoding (Windows: cp1252), which has no
    # "Ł", "→" or emoji, say in a donor's name: a text report shows such a character as its code rather than stopping
    # with a traceback, and the JSON escapes it (_write).
    if hasattr(sys.stdout, "reconfigure"):
        sys.stdout.reconfigure(errors="backslashreplace")
    if argv[:1] == ["case"]:
        return _case(argv[1:])
    parser = _Parser(prog="python -m checkers", description=__doc__.split("\n")[2])
    parser.add_argument("checker", choices=sorted(CHECKERS))
    parser.add_argument("--codes", help="the codes' data file, as 'python build_site.py --checkers-data FILE' writes it "
                        "(default: the one 'make setup' writes, checkers/codes.json)")
    parser.add_argument("--code", help="the code id (the request's 'code')")
    parser.add_argument("--version", help="a version id (the request's 'version')")
    parser.add_argument("--as-of", dest="as_of", help="the version in force on this date, YYYY-MM-DD (the request's 'as_of')")
    parser.add_argument("--election-period-end", dest="election_period_end", help="YYYY-MM-DD (the request's 'election_period_end')")
    parser.add_argument("--csv", help="a CSV file of the checker's rows, for a checker that takes a spreadsheet, instead "
                        "of a request on standard input")
    parser.add_argument("--json", action="store_true", help="with --csv: print the JSON response")
    parser.add_argument("--record", metavar="FILE", help="also write a record of the check (what was entered, the answer, "
                        "the code and version, the day) as text to FILE")
    parser.add_argument("--ics", metavar="FILE", help="also write the answer's deadlines to FILE as an iCalendar file")
    parser.add_argument("--site-url", dest="site_url", default="", help="the site's address, for whole links in --record, "
                        "--ics and an answer that links to the site (e.g. https://org.github.io/codes/)")
    named = [arg for arg in argv if arg in CHECKERS]
    if named and any(arg in ("-h", "--help") for arg in argv):
        # The options are the same for every checker; what its request holds is its own.
        parser.print_help()
        print("\n" + request_help(named[0]))
        return 0
    args = parser.parse_args(argv)
    if args.site_url:
        try:
            args.site_url = site_address(args.site_url)
        except ValueError as error:
            return _refuse("--site-url", str(error))
    if not args.codes and _codes_changed_since_data():
        return _refuse("codes", "docs/codes has changed since the codes' data was built: run 'make setup' to build it "
                       "again (or give --codes a data file)")
    if args.json and not args.csv:
        return _refuse("--json", "'--json' goes with --csv: without it the answer is JSON already")
    if args.csv:
        return _from_csv(args)
    if sys.stdin.isatty():
        # Typed at a terminal, the command would otherwise wait in silence for what it reads.
        print(f"Type the request as JSON, for example {{\"code\": \"{_example_code(args)}\", ...}}, then press "
              "Ctrl-D (Ctrl-Z then Enter on Windows); or pipe a file in: python -m checkers "
              f"{args.checker} < request.json. Its fields: python -m checkers {args.checker} --help", file=sys.stderr)
    # A request is no larger than a case file may be (a case holds requests): standard input joined to an endless
    # stream (/dev/zero, a mistaken pipe) is refused rather than read until memory runs out.
    raw = sys.stdin.buffer.read(case.MOST_FILE_BYTES + 1)
    if len(raw) > case.MOST_FILE_BYTES:
        return _refuse("request", f"standard input holds more than {case.MOST_FILE_MEGABYTES} MB, more than any request: "
                       "send one JSON request", "Nothing was read.")
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        return _refuse("request", "standard input is not UTF-8 text: send the JSON request as UTF-8")
    request, refused = parse_request(text)
    if not refused:
        request, refused = _with_options(request, args)
    response = refused or run(args.checker, request, args.codes)
    refused = _keep(args, request if "errors" not in response else {}, response)
    if refused:
        return refused
    _write(response)
    return 2 if "errors" in response else 0


# How each kind of field is written in a request (JSON).
_KIND_WORDS = {"text": "text", "longtext": "text", "money": "an amount, as \"£1,500.50\" or 1500.5",
               "date": "a date, as \"2024-03-27\" or \"27/3/2024\"", "choice": "one of", "tristate": "one of",
               "count": "a whole number", "boolean": "true or false", "rows": "a list of objects"}


def request_help(name: str) -> str:
    """What a checker's request holds, field by field, in the form's words: for --help."""
    checker = CHECKERS[name]
    lines = [f"The {name} checker ({checker.title}) reads a JSON object with \"code\" (the code's id) and, optionally,",
             "\"version\" or \"as_of\" (the version in force on a day), and these fields:"]

    def describe(spec, indent: str) -> None:
        kind = _KIND_WORDS[spec.kind]
        if spec.options:
            kind += " " + ", ".join(json.dumps(o.value, ensure_ascii=False) for o in spec.options)
        elif spec.options_from:
            kind = "a clause's id of the code's version"
        needed = (" Required." if spec.required is True else f" {spec.required.words}" if spec.required else "")
        label = spec.label if spec.label.endswith(("?", ".")) else spec.label + "."
        lines.append(f"{indent}{spec.name}: {kind}. {label}{needed}")
        for inner in spec.fields:
            describe(inner, indent + "    ")

    for spec in checker.fields:
        describe(spec, "  ")
    return "\n".join(lines)


def _example_code(args) -> str:
    """A code this checker serves, to show in an example request."""
    try:
        codes = content.load(args.codes).values()
    except content.ContentError:  # the codes' data not built: the command says so once the request is read
        return "..."
    return next((c.code for c in codes if any(args.checker in v.rules for v in c.versions)), "...")


def _keep(args, request, response: dict) -> int:
    """Write --record and --ics, each whole or not at all; a file that cannot be written is an error."""
    if not (args.record or args.ics):
        return 0
    kept = keepsakes(args.checker, request, response, dt.date.today(), site_url=args.site_url, codes_data=args.codes)
    wanted = [("--record", args.record, kept["record"]), ("--ics", args.ics, kept["calendar"])]
    for option, path, document in wanted:
        if not path:
            continue
        if document is None:
            why = ("nothing was checked" if "errors" in response else
                   "this answer has no date to put in a calendar (a deadline, or a day from which something is allowed)")
            print(f"{option}: {why}, so no calendar file was written", file=sys.stderr)
            continue
        if _write_whole(path, document["text"], option):
            return 2
    return 0


def _write_whole(path: str, text: str, option: str) -> int:
    """Write the file whole or not at all: 2 (with the refusal written) where it cannot be written."""
    try:
        write_whole(path, text)
    except OSError as error:
        return _refuse(option, f"cannot write {path}: {error.strerror or error}")
    return 0


def _with_options(request, args) -> tuple[object, dict | None]:
    """The request with the fields given as options; an option that contradicts the request is an error."""
    errors = []
    for name, option in OPTION_FIELDS.items():
        value = getattr(args, name)
        if value is None:
            continue
        if not isinstance(request, dict):
            break  # run() names a request that is not an object
        if name not in fields_read(CHECKERS[args.checker]):
            errors.append({"field": option, "message": f"is not read by the {args.checker} checker: leave it out"})
            continue
        if name in request and request[name] != value:
            errors.append({"field": name, "message": f"is {quoted(request[name])} in the request but {option} says "
                           f"{quoted(value)}: give it once"})
        request[name] = value
    # A checker whose answer links to the site's pages (the complaint's draft) takes the site's address from
    # --site-url too, so that its links are whole, as in --record and --ics.
    field = CHECKERS[args.checker].page_address
    if args.site_url and field and isinstance(request, dict):
        given = request.setdefault(field, args.site_url)
        if site_address_or_empty(given) != args.site_url:
            errors.append({"field": field, "message": f"is {quoted(given)} in the request but --site-url says "
                           f"{quoted(args.site_url)}: give it once"})
    return request, refusal(errors) if errors else None


def _from_csv(args) -> int:
    checker = CHECKERS[args.checker]
    sheets = [f for f in checker.rows if f.spreadsheet]
    if not sheets:
        takes = ", ".join(name for name, c in CHECKERS.items() if any(f.spreadsheet for f in c.rows))
        return _refuse("csv", f"the {args.checker} checker takes no spreadsheet; --csv works with: {takes}")
    sheet = sheets[0]
    try:
        with open(args.csv, "rb") as handle:
            # One byte past the most read is enough to know a file is too large, without reading it all.
            data = handle.read(csvinput.MOST_FILE_BYTES + 1)
    except OSError as error:
        return _say(args, refusal([{"field": "csv", "message": f"cannot read {args.csv}: {error.strerror or error}"}]))
    if csvinput.too_large(data):
        return _say(args, refusal([{"field": "csv", "message": f"the file {args.csv} {csvinput.TOO_LARGE}"}],
                                  "Nothing was read."))
    read = csvinput.read(data, sheet, checked_by_run=True)
    request = {}
    if read["errors"]:
        response = refusal(read["errors"])
    else:
        request = {name: getattr(args, name) for name in OPTION_FIELDS if getattr(args, name) is not None}
        request[sheet.name] = csvinput.strip_rows(read["rows"])
        response = run(args.checker, request, args.codes)
        if "errors" in response:
            response = refusal(csvinput.rename_errors(response["errors"], read["rows"], sheet, response.get("more", 0),
                                                      checker.fields))
    if read["notes"]:
        response["notes"] = read["notes"] + response.get("notes", [])
    refused = _keep(args, request if not read["errors"] else {}, response)
    if refused:
        return refused
    return _say(args, response)


def _say(args, response: dict) -> int:
    """A spreadsheet's answer, or why there is none, as JSON with --json and as the readable report without."""
    if args.json:
        _write(response)
    else:
        sys.stdout.writelines(line + "\n" for line in readable_lines(response))
    return 2 if "errors" in response else 0


def _case(argv) -> int:
    parser = _Parser(prog="python -m checkers case", description="Every check a case file keeps, answered again today.")
    parser.add_argument("file", help="a case file, as the site's \"Save my case\" wrote it")
    parser.add_argument("--json", action="store_true", help="print the JSON overview instead of the summary")
    parser.add_argument("--ics", metavar="FILE", help="also write every date of the case to FILE as an iCalendar file")
    parser.add_argument("--site-url", dest="site_url", default="", help="the site's address, for whole links")
    args = parser.parse_args(argv)
    if _codes_changed_since_data():
        return _refuse("codes", "docs/codes has changed since the codes' data was built: run 'make setup' to build it "
                       "again")
    try:
        with open(args.file, "rb") as handle:
            raw = handle.read(case.MOST_FILE_BYTES + 1)
        if len(raw) > case.MOST_FILE_BYTES:
            return _refuse("file", f"the file {args.file} {case.TOO_LARGE}", "Nothing was read.")
        text = raw.decode("utf-8-sig")
    except OSError as error:
        return _refuse("file", f"cannot read {args.file}: {error.strerror or error}", "Nothing was read.")
    except UnicodeDecodeError:
        return _refuse("file", f"the file {args.file} is not UTF-8 text: choose the file \"Save my case\" wrote",
                       f"Nothing was read: {args.file} is not a case file this site can read.")
    data, refused = parse_request(text)
    kept, problems = (None, refused["errors"]) if refused else case.read_case(data)
    if kept is None:
        _write(refusal(case.said_where([{**p, "field": "file"} if refused else p for p in problems]),
                       f"Nothing was read: {args.file} is not a case file this site can read."))
        return 2
    try:
        site_url = site_address(args.site_url) if args.site_url else ""
    except ValueError as error:
        return _refuse("--site-url", str(error))
    found = case.overview(kept, dt.date.today(), site_url)
    if args.ics:
        if found["calendar"] is None:
            print("--ics: nothing in this case has a date, so no calendar file was written", file=sys.stderr)
        elif _write_whole(args.ics, found["calendar"]["text"], "--ics"):
            return 2
    if args.json:
        _write(found)
    else:
        sys.stdout.write(printable(found["summary"]["text"], keep_lines=True))
    return 0


def _codes_changed_since_data() -> bool:
    """In a checkout, whether a code's file is newer than the data `make setup` made from them (a maintainer's
    edit not yet built): answers from the old data would be wrong without a word."""
    folder = Path(__file__).resolve().parent.parent / "docs" / "codes"
    if not folder.is_dir() or not content.PACKAGED_DATA.is_file():
        return False
    return max((p.stat().st_mtime for p in folder.glob("*/*.md")), default=0) > content.PACKAGED_DATA.stat().st_mtime


def _refuse(field: str, message: str, summary: str | None = None) -> int:
    _write(refusal([{"field": field, "message": message}], summary))
    return 2


def _write(response: dict) -> None:
    sys.stdout.writelines(readable_json(response, ascii_only=not _writes_unicode(sys.stdout)))


def _writes_unicode(stream) -> bool:
    """Whether a stream's encoding can write every character (UTF-8, UTF-16, UTF-32), so JSON need escape none."""
    try:
        # A stream with no encoding of its own (a StringIO) holds text, not bytes: it takes every character.
        return codecs.lookup(getattr(stream, "encoding", None) or "utf-8").name.startswith("utf")
    except LookupError:
        return False


if __name__ == "__main__":
    try:
        sys.exit(main())
    except BrokenPipeError:
        # The reader of the output went away (`| head`): nothing more to say, and no traceback.
        sys.stderr.close()
        sys.exit(1)
