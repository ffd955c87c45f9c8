"""Donations from a spreadsheet saved as CSV: columns donor, amount, received, kind, permissible.

A header names a column by its whole name or a known synonym ("Donor name", "Amount (£)", "Date received"),
never by a prefix: "Donor address" beside "Donor" must not replace the donor's name. Every error names the
spreadsheet row, counting the header as row 1 as a spreadsheet does, and every row is checked as the
donations checker checks it, so that what the page fills in is what the checker would accept.
"""

from __future__ import annotations

import csv
import io
import re
import unicodedata

from .donations import read_donations
from .money_and_dates import quoted, sentence
from .validation import Errors

COLUMNS = {
    "donor": ("donor", "donor name", "name", "name of donor", "from", "donor's name", "donors name"),
    "amount": ("amount", "value", "sum", "amount received", "donation", "donation amount"),
    "received": ("received", "date", "date received", "received on", "receipt date", "date of receipt",
                 "date of donation"),
    "kind": ("kind", "type", "cash or non cash", "cash non cash", "donation type", "kind of donation"),
    "permissible": ("permissible", "permissible donor", "is permissible", "donor permissible",
                    "is the donor permissible", "permissible donor yes no"),
}
REQUIRED = ("donor", "amount", "received")
KIND_WORDS = {"cash": "cash", "non cash": "non-cash", "noncash": "non-cash", "in kind": "non-cash", "kind": "non-cash"}
YES = ("yes", "y", "true", "1")
NO = ("no", "n", "false", "0")
NOT_SURE = ("", "unknown", "not sure", "?", "don't know", "dont know")
DELIMITERS = ("\t", ";", ",")


def _normal(header: str) -> str:
    """A header as matched: lower case, without '£', brackets, '?', ':' or '*', and '_', '-' and '/' as spaces."""
    text = unicodedata.normalize("NFKC", header).lstrip("\ufeff").lower()
    text = re.sub(r"[£()\[\]?:*.]", " ", text)
    return " ".join(re.sub(r"[_\-/]", " ", text).split())


# Each name means one field only (tests/test_csvinput.py checks that no two fields share one).
_BY_NAME = {_normal(alias): column for column, aliases in COLUMNS.items() for alias in aliases}


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


def read(data: bytes | str) -> dict:
    """A spreadsheet's donations: {"donations": [...], "errors": [{field, message}], "notes": [...]}.

    The donations are requests' rows, each with "_row", its row in the spreadsheet; there are none when
    there are errors."""
    notes: list[str] = []
    if isinstance(data, (bytes, bytearray)):
        text, notes = decode(bytes(data))
        if text is None:
            return _failed("the file is not text: save the spreadsheet as CSV (UTF-8)")
    else:
        text = data
    if "\x00" in text:
        return _failed("the file is not text (it holds NUL bytes): save the spreadsheet as CSV (UTF-8)")
    try:
        # newline="": rows may end in \r\n, \n or a lone \r (old Mac files), and quoted cells keep their line breaks.
        rows = [row for row in csv.reader(io.StringIO(text, newline=""), delimiter=_delimiter(text))
                if any(cell.strip() for cell in row)]
    except csv.Error as error:
        return _failed(f"the file could not be read as CSV: {error}")
    if not rows:
        return _failed("the file is empty: it needs a header row and one row per donation")
    mapping, errors, ignored = _columns(rows[0])
    notes += ignored
    if errors:
        return {"donations": [], "errors": errors, "notes": notes}
    if len(rows) == 1:
        return _failed("no donations found: the file has a header row but no rows of donations under it", notes)
    donations = []
    for number, row in enumerate(rows[1:], start=2):
        item: dict = {"_row": number}
        for index, cell in enumerate(row):
            column = mapping.get(index)
            if column and cell.strip():
                item[column] = cell.strip()
        _interpret(item, errors)
        donations.append(item)
    errors += _check_rows(donations)
    if errors:
        return {"donations": [], "errors": errors, "notes": notes}
    count = len(donations)
    return {"donations": donations, "errors": [], "notes": notes,
            "summary": f"{count} {'donation' if count == 1 else 'donations'} added from the spreadsheet."}


def _failed(message: str, notes: list[str] | None = None) -> dict:
    return {"donations": [], "errors": [{"field": "csv", "message": message}], "notes": notes or []}


def _delimiter(text: str) -> str:
    # From the header row alone: a tab or a semicolon there means the file uses it (as Excel does in
    # countries where the comma is a decimal mark); guessing from the data could pick a comma in "£1,500".
    header = text.lstrip("\ufeff").split("\n", 1)[0].split("\r", 1)[0]
    return next((d for d in DELIMITERS if d in header), ",")


def _columns(header: list[str]) -> tuple[dict[int, str], list[dict], list[str]]:
    """Which column gives which field, by whole names; two columns for one field is an error naming both."""
    mapping: dict[int, str] = {}
    errors, ignored = [], []
    for index, name in enumerate(header):
        column = _BY_NAME.get(_normal(name))
        where = f"column {_letter(index)} ({quoted(name.strip())})"
        if column is None:
            if name.strip():
                ignored.append(f"{sentence(where)} is not one the checker reads, so it was ignored.")
            continue
        other = next((i for i, c in mapping.items() if c == column), None)
        if other is not None:
            errors.append({"field": "csv", "message": f"row 1 (the header): column {_letter(other)} "
                           f"({quoted(header[other].strip())}) and {where} both give the {column}: keep one of them"})
            continue
        mapping[index] = column
    missing = [c for c in REQUIRED if c not in mapping.values()]
    if missing and not errors:
        errors.append({"field": "csv", "message": f"row 1 (the header) has no column for {', '.join(missing)}; "
                       "the columns are donor, amount, received, kind, permissible"})
    return mapping, errors, ignored


def _interpret(item: dict, errors: list[dict]) -> None:
    """A spreadsheet's words for kind and permissible, as the checker's values."""
    number = item["_row"]
    if "kind" in item:
        item["kind"] = KIND_WORDS.get(_normal(item["kind"]), item["kind"])
    if "permissible" in item:
        answer = item["permissible"].strip().lower()
        if answer in YES or answer in NO:
            item["permissible"] = answer in YES
        elif answer in NOT_SURE:
            item["permissible"] = None
        else:
            errors.append({"field": f"row {number}.permissible",
                           "message": f"{quoted(item['permissible'])} should be yes, no or unknown"})
            del item["permissible"]


def _check_rows(donations: list[dict]) -> list[dict]:
    # The checker's own reading of each row, so that the spreadsheet's errors are the checker's words.
    errors = Errors()
    read_donations({"donations": strip_rows(donations)}, errors)
    return rename_errors(errors.items, donations)


def rename_errors(errors: list[dict], donations: list[dict]) -> list[dict]:
    """Turn donations[i].field into 'row N.field' so that a candidate can find it in the spreadsheet."""
    renamed = []
    for error in errors:
        match = re.match(r"^donations\[(\d+)\](.*)$", error["field"])
        if match and int(match[1]) < len(donations):
            renamed.append({"field": f"row {donations[int(match[1])]['_row']}{match[2]}", "message": error["message"]})
        else:
            renamed.append(error)
    return renamed


def strip_rows(donations: list[dict]) -> list[dict]:
    return [{k: v for k, v in item.items() if k != "_row"} for item in donations]


def write(donations: list) -> str:
    """Donation rows as CSV text with this module's own headers: what a page offers to save and share."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(["donor", "amount", "received", "kind", "permissible"])
    for row in donations if isinstance(donations, list) else []:
        row = row if isinstance(row, dict) else {}
        permissible = {True: "yes", False: "no"}.get(row.get("permissible"), "unknown")
        writer.writerow([_cell(row.get("donor")), _cell(row.get("amount")), _cell(row.get("received")),
                         _cell(row.get("kind")), permissible])
    return out.getvalue()


def _cell(value) -> str:
    text = "" if value is None else str(value)
    # A cell that a spreadsheet program would run as a formula is written as text.
    return "'" + text if text[:1] in ("=", "+", "-", "@") else text
