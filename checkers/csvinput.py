"""Rows from a spreadsheet saved as CSV, for a checker's rows field that offers one (Field.spreadsheet): its columns
are the rows' fields, named by their names, labels or aliases.

A header names a column by its whole name or a known synonym ("Donor name", "Amount (£)", "Date received"),
never by a prefix: "Donor address" beside "Donor" must not replace the donor's name. Every error names the
spreadsheet row, counting the header as row 1 as a spreadsheet does, and every row is read by the rows' own fields,
as the checker reads them, so that what the page fills in is what the checker would accept. What `write` saves,
`read` reads back the same.
"""

from __future__ import annotations

import csv
import functools
import io
import itertools
import re
import unicodedata

from .content import nearest
from .contract import Field
from .money_and_dates import counted, quoted, read_once, sentence
from .validation import Errors, read_rows, refusal

YES = ("yes", "y", "true", "1")
NO = ("no", "n", "false", "0")
NOT_SURE = ("", "unknown", "not sure", "?", "don't know", "dont know")
DELIMITERS = (",", ";", "\t")
# A cell a spreadsheet program would run as a formula is saved with an apostrophe before it (and so is one that
# starts with an apostrophe, so that reading takes exactly one off).
FORMULA = ("=", "+", "-", "@", "'")


def _normal(header: str) -> str:
    """A header as matched: lower case, without '£', brackets, '?', ':' or '*', and '_', '-' and '/' as spaces."""
    text = unicodedata.normalize("NFKC", header).lstrip("\ufeff").lower()
    text = re.sub(r"[£()\[\]?:*.]", " ", text)
    return " ".join(re.sub(r"[_\-/]", " ", text).split())


@functools.lru_cache(maxsize=64)
def _choice_words(column: Field) -> dict[str, object]:
    """Every word a cell may use for each of a choice column's options (its value, its label, its aliases)."""
    words = {_normal(str(o.value)): o.value for o in column.options}
    words.update({_normal(o.label): o.value for o in column.options})
    words.update({_normal(alias): o.value for o in column.options for alias in o.aliases})
    return words


# A year's spreadsheet repeats a few words ("cash", "non-cash") in every row: each is normalised once.
_normal_cell = read_once(_normal)


def names_of(sheet: Field) -> dict[str, str]:
    """Every name a column may have, normalised, and the field it gives: each name means one field only."""
    found: dict[str, str] = {}
    for column in sheet.fields:
        for name in (column.name, column.label, *column.aliases):
            if found.setdefault(_normal(name), column.name) != column.name:
                raise ValueError(f"{name!r} names both {found[_normal(name)]} and {column.name}")
    return found


# The largest spreadsheet read: a year of a large campaign (100,000 donations) saves as under 8 MB. Larger is refused
# before it is read, so that a wrong file (a video, a disk image, /dev/zero) cannot exhaust the memory of the page or
# the command.
MOST_FILE_MEGABYTES = 32
MOST_FILE_BYTES = MOST_FILE_MEGABYTES * 1024 * 1024
# The longest file whose text a page shows in its paste box once chosen (about 900 rows): laying out a year's
# spreadsheet there stopped the page for 300 ms at a time (bench/README.md). A longer one is read from its bytes.
MOST_SHOWN_BYTES = 32 * 1024
NOT_SHOWN = ("The file is too long to show in the box: press “Use these rows” to read it, or choose another file. "
             "Anything you paste instead is read in its place.")
# Said of the file: "The file is larger than …" on the page, "The file donations.csv is larger than …" on the command line.
TOO_LARGE = (f"is larger than {MOST_FILE_MEGABYTES} MB, the most read from a spreadsheet here (100,000 rows make about "
             "8 MB): check that it is the right file, saved as CSV")


def too_large(data: bytes | str) -> bool:
    """Whether a spreadsheet's bytes, or its text as UTF-8, are more than MOST_FILE_BYTES."""
    if isinstance(data, str) and len(data) * 4 > MOST_FILE_BYTES:
        return len(data.encode("utf-8", "surrogatepass")) > MOST_FILE_BYTES
    return isinstance(data, (bytes, bytearray)) and len(data) > MOST_FILE_BYTES


def _letter(index: int) -> str:
    """A spreadsheet's column letter: 0 is A, 26 is AA."""
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def decode(data: bytes) -> tuple[str | None, list[str]]:
    """Text from a spreadsheet file's bytes: UTF-8 (with or without its mark), UTF-16 with its mark, or
    Windows-1252, which Excel uses for "CSV" on Windows; with a note when it was not UTF-8."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16"), []
        except UnicodeDecodeError:
            return None, []
    try:
        return data.decode("utf-8-sig"), []
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("cp1252"), ["The file is not UTF-8, so it was read as Windows-1252 (Excel's \"CSV\" on "
                                       "Windows): check that names with accents read correctly."]
    except UnicodeDecodeError:
        return None, []


def read(data: bytes | str, sheet: Field, *, checked_by_run: bool = False) -> dict:
    """A spreadsheet's rows: {"rows": [...], "errors": [{field, message}], "notes": [...], "summary": ...}, the
    summary saying in a sentence what was added or why nothing was.

    The rows are a request's rows, each with "_row", its row in the spreadsheet; there are none when there are
    errors. `checked_by_run`: the caller passes the rows straight to `checkers.run`, which reads every row's fields
    itself (its errors renamed by `rename_errors`), so they are read here only when a row's yes-or-no answer already
    failed, to list every problem of the file at once."""
    notes: list[str] = []
    if too_large(data):
        return _failed(f"the file {TOO_LARGE}")
    if isinstance(data, (bytes, bytearray)):
        text, notes = decode(bytes(data))
        if text is None:
            return _failed("the file is not text: save the spreadsheet as CSV (UTF-8)")
    else:
        text = data
    if "\x00" in text:
        return _failed("the file is not text (it holds NUL bytes): save the spreadsheet as CSV (UTF-8)")
    if re.search(r"[\ud800-\udfff]", text):
        return _failed("the file holds characters that are not text: save the spreadsheet as CSV (UTF-8)")
    names = names_of(sheet)
    try:
        # Each row with its number as a spreadsheet program shows it (blank rows counted), so that an error's row is
        # the one the reader finds there.
        rows, delimiter = _rows(text, names)
    except csv.Error as error:
        return _failed(f"the file could not be read as CSV: {error}")
    unclosed = _unclosed_quote(text, delimiter)
    if unclosed:
        # Read as CSV is, the rest of the file would be one cell, and the rows under it would go unchecked, unsaid.
        return _failed(f"a cell that starts with a quote mark (\") on line {unclosed} of the file has no closing quote "
                       "mark, so everything after it would be read as that one cell: add the closing quote, or save the "
                       "spreadsheet again as CSV")
    if not rows:
        return _failed(f"the file is empty: it needs a header row and one row per {sheet.row_label.lower()}")
    at = _header_at(rows, names)
    if at:
        # A title or a note above the header (as a spreadsheet's first rows often hold): said, and not read.
        number = rows[at][0]
        above = "row 1 names" if number == 2 else f"rows 1 to {number - 1} name"
        notes.append(f"Row {number} was read as the header: {above} no column the checker reads, so "
                     f"{'it was' if number == 2 else 'they were'} not read.")
    header_row, header = rows[at]
    mapping, errors, ignored = _columns(header, header_row, sheet, names)
    notes += ignored
    if errors:
        return _refused(refusal(errors)["errors"], notes, len(errors))
    if len(rows) == at + 1:
        return _failed(f"no {sheet.label.lower()} found: the file has a header row but no rows under it", notes)
    items, problems = [], Errors()
    # The rows (by their place in `items`) with more cells than the header names: their cells cannot be matched to
    # the columns.
    overflowing: set[int] = set()
    width = len(header)
    for number, row in rows[at + 1:]:
        item: dict = {"_row": number}
        where = f"{sheet.name}[{len(items)}]"
        if any(cell.strip() for cell in row[width:]):
            problems.add(where, _overflow(len(row), width, header_row, delimiter))
            overflowing.add(len(items))
            items.append(item)
            continue
        for index, cell in enumerate(row):
            column = mapping.get(index)
            cell = _unguarded(cell.strip())
            if column and cell:
                item[column] = cell
        _interpret(item, where, sheet, problems)
        items.append(item)
    # The rows' own fields read each row, so that the spreadsheet's errors are the checker's words.
    if problems or not checked_by_run:
        _read_rows_except(sheet, items, overflowing, problems)
    if problems:
        problems.in_order((sheet,))
        return _refused(rename_errors(problems.items, items, sheet, problems.more), notes,
                        len(problems.items) + problems.more)
    count = len(items)
    word = sheet.row_label.lower()
    return {"rows": items, "errors": [], "notes": notes,
            "summary": f"{count:,} {word if count == 1 else sheet.label.lower()} added from the spreadsheet."}


# How a reader names each delimiter, in the advice on a cell that holds one.
_DELIMITER_WORDS = {",": "a comma", ";": "a semicolon", "\t": "a tab"}


def _overflow(cells: int, width: int, header_row: int, delimiter: str) -> str:
    """A row with more cells than the header names: most often a cell with the delimiter in it, not in quotes (£1,600
    read as £1 and 600), so that its cells cannot be matched to the columns; none of them is read."""
    said = _DELIMITER_WORDS.get(delimiter, f"the character {delimiter!r}")
    example = ' (an amount such as "£1,600", or a name such as "Smith, Ann")' if delimiter == "," else ""
    return (f"has {cells} cells but the header (row {header_row}) has {width}, so its cells cannot be matched to the columns and "
            f"none of them was read. A cell with {said} in it{example} must be in double quotes (a spreadsheet program "
            "adds them when it saves as CSV); a column with no name in the header needs one")


def _read_rows_except(sheet: Field, items: list[dict], left_out: set[int], problems: Errors) -> None:
    """The rows' own fields read every row but those `left_out` (already refused), each error named by the row's place
    among all the spreadsheet's rows."""
    kept = [index for index in range(len(items)) if index not in left_out]
    found = Errors()
    read_rows(sheet, strip_rows([items[index] for index in kept]), sheet.name, found)
    for error in found.items:
        match = re.match(rf"^{re.escape(sheet.name)}\[(\d+)\]", error["field"])
        field = f"{sheet.name}[{kept[int(match[1])]}]{error['field'][match.end():]}" if match else error["field"]
        problems.add(field, error["message"])
    problems.more += found.more


def no_spreadsheet(name: str) -> dict:
    """The answer to a spreadsheet for a checker that takes none."""
    return _failed(f"the {name} checker takes no spreadsheet")


def _failed(message: str, notes: list[str] | None = None) -> dict:
    return _refused(refusal([{"field": "csv", "message": message}])["errors"], notes or [], 1)


def _refused(errors: list[dict], notes: list[str], count: int) -> dict:
    """No rows, and why: `count` problems, of which `errors` lists the first."""
    return {"rows": [], "errors": errors, "notes": notes,
            "summary": f"Nothing was added: the spreadsheet has {counted(count, 'problem')} to correct."}


# Excel's first line naming the file's delimiter.
_SEPARATOR_LINE = re.compile(r'\ufeff?sep=([^"\r\n\w ])[ \t]*(?:\r\n|\r|\n)', re.I)


# How many rows may come before the header (a title, a note) and still be passed over to find it.
HEADER_SEARCH = 10


def _rows(text: str, names: dict[str, str]) -> tuple[list[tuple[int, list[str]]], str]:
    """The file's rows that hold anything, each with its number as a spreadsheet program numbers it (blank rows
    counted; a cell's line breaks are not rows), split by the delimiter whose reading of the header names the most
    columns (a quoted ';' in a header then decides nothing; a comma where none does), or by the one a first line
    "sep=;" names, as Excel writes and reads it (the header is then the next line, its row 1); and that delimiter."""
    def parse(delimiter: str, text: str = text) -> list[tuple[int, list[str]]]:
        # newline="": rows may end in \r\n, \n or a lone \r (old Mac files), and quoted cells keep their line breaks.
        return [(number, row) for number, row in enumerate(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter),
                                                           start=1) if any(c.strip() for c in row)]

    named = _SEPARATOR_LINE.match(text)
    if named:
        return parse(named[1], text[named.end():]), named[1]
    best, score = None, -1
    for delimiter in DELIMITERS:
        try:
            head = list(itertools.islice(csv.reader(io.StringIO(text.lstrip("\ufeff"), newline=""), delimiter=delimiter),
                                         HEADER_SEARCH))
        except csv.Error:
            continue
        # The header is the first row, or the first to name a column under a title (_header_at).
        known = next((found for found in (_known(row, names) for row in head) if found), 0)
        if known > score:
            best, score = delimiter, known
    return parse(best or ","), best or ","


def _known(row: list[str], names: dict[str, str]) -> int:
    """How many of a row's cells name a column the checker reads."""
    return sum(1 for cell in row if _normal(cell) in names)


def _header_at(rows: list[tuple[int, list[str]]], names: dict[str, str]) -> int:
    """Where the header is among the rows: the first, unless it names no column the checker reads and a row soon after
    does (a title above the header); then that one."""
    if _known(rows[0][1], names):
        return 0
    return next((at for at, (_, row) in enumerate(rows[1:HEADER_SEARCH], start=1) if _known(row, names)), 0)


def _unclosed_quote(text: str, delimiter: str) -> int | None:
    """The line of the file where a quoted cell opens that the file never closes, as CSV reads quotes: a cell is
    quoted when it starts with '"', within it '""' is a quote mark, and the next lone '"' ends it (a quote mark
    elsewhere is text). Only the quote marks are visited, so a year's spreadsheet costs next to nothing."""
    at = text.find('"')
    while at != -1:
        if at == 0 or text[at - 1] in (delimiter, "\n", "\r"):
            end = text.find('"', at + 1)
            while end != -1 and text.startswith('"', end + 1):  # '""' inside the cell: a quote mark
                end = text.find('"', end + 2)
            if end == -1:
                before = text[:at]
                return before.count("\n") + before.count("\r") - before.count("\r\n") + 1
            at = end
        at = text.find('"', at + 1)
    return None


def _columns(header: list[str], number: int, sheet: Field, names: dict[str, str]) -> tuple[dict[int, str], list[dict], list[str]]:
    """Which column gives which field, by whole names; two columns for one field is an error naming both."""
    mapping: dict[int, str] = {}
    errors, ignored, unread = [], [], []
    for index, name in enumerate(header):
        column = names.get(_normal(name))
        where = f"column {_letter(index)} ({quoted(name.strip())})"
        if column is None:
            if name.strip():
                unread.append((where, name))
            continue
        other = next((i for i, c in mapping.items() if c == column), None)
        if other is not None:
            errors.append({"field": "csv", "message": f"row {number} (the header): column {_letter(other)} "
                           f"({quoted(header[other].strip())}) and {where} both give the {column}: keep one of them"})
            continue
        mapping[index] = column
    # A column not read whose name is a slip from one no column gives ("amout"): said with the name it may be.
    wanted = [alias for alias, field in names.items() if field not in mapping.values()]
    ignored += [f"{sentence(where)} is not one the checker reads, so it was ignored{nearest(_normal(name), wanted)}."
                for where, name in unread]
    required = [f.name for f in sheet.fields if f.required is True]
    missing = [c for c in required if c not in mapping.values()]
    if missing and not errors:
        errors.append({"field": "csv", "message": f"row {number} (the header) has no column for {', '.join(missing)}; "
                       f"the columns are {', '.join(f.name for f in sheet.fields)}"})
    return mapping, errors, ignored


def _interpret(item: dict, where: str, sheet: Field, errors: Errors) -> None:
    """A spreadsheet's words for choices and yes-or-no answers, as the checker's values."""
    for column in sheet.fields:
        if column.name not in item:
            continue
        cell = item[column.name]
        if column.kind == "choice":
            item[column.name] = _choice_words(column).get(_normal_cell(cell), cell)
        elif column.kind in ("tristate", "boolean"):
            answer = cell.strip().lower()
            if answer in YES or answer in NO:
                item[column.name] = answer in YES
            elif answer in NOT_SURE and column.kind == "tristate":
                item[column.name] = None
            else:
                errors.add(f"{where}.{column.name}",
                           f"{quoted(cell)} should be yes, no" + (" or unknown" if column.kind == "tristate" else ""))
                del item[column.name]


def rename_errors(found: list[dict], items: list[dict], sheet: Field, more: int = 0,
                  fields: tuple[Field, ...] = ()) -> list[dict]:
    """Errors in the rows read from a spreadsheet, each row named by its line there: `field` "row 3.amount" for
    programs, and for a reader "Spreadsheet row 3, amount: ...". Beyond the bound, one error says how many more.
    `fields`: the checker's, where the errors are a whole request's (an option's error is named by its label)."""
    errors = Errors()
    for error in found:
        errors.add(error["field"], error["message"])
    def line(index: int) -> str:
        return f"row {items[index]['_row']}" if index < len(items) else f"row {index + 2}"

    renamed = []
    for error in errors.response(fields or (sheet,), row_name=lambda i: "Spreadsheet " + line(i))["errors"]:
        match = re.match(rf"^{re.escape(sheet.name)}\[(\d+)\](.*)$", error["field"])
        renamed.append({**error, "field": line(int(match[1])) + match[2]} if match else error)
    if errors.more or more:
        renamed += refusal([{"field": "csv", "message": f"{errors.more + more} more problems are not listed"}])["errors"]
    return renamed


def strip_rows(items: list[dict]) -> list[dict]:
    return [{k: v for k, v in item.items() if k != "_row"} for item in items]


def write(rows: list, sheet: Field) -> str:
    """Rows as CSV text with the fields' names as headers: what a page offers to save and share, and reads back."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow([f.name for f in sheet.fields])
    for row in rows if isinstance(rows, list) else []:
        row = row if isinstance(row, dict) else {}
        writer.writerow([_cell(column, row.get(column.name)) for column in sheet.fields])
    return out.getvalue()


def _cell(column: Field, value) -> str:
    if column.kind in ("tristate", "boolean"):
        return {True: "yes", False: "no"}.get(value, "unknown" if column.kind == "tristate" else "")
    text = "" if value is None else str(value)
    return "'" + text if text[:1] in FORMULA else text


def _unguarded(cell: str) -> str:
    """A cell as written before `_cell` guarded it: one apostrophe off where one was put on."""
    return cell[1:] if cell[:1] == "'" and cell[1:2] in FORMULA else cell
