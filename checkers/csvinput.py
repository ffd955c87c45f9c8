"""Donations from a spreadsheet saved as CSV: columns donor, amount, received, kind, permissible.

Header names are matched loosely ("Donor name", "Amount (£)", "Date received" all work), and every
error names the spreadsheet row, counting the header as row 1 as a spreadsheet does.
"""

from __future__ import annotations

import csv
import io
import re

COLUMNS = {
    "donor": ("donor", "name", "donor name", "from"),
    "amount": ("amount", "value", "sum", "amount £", "amount (£)", "£"),
    "received": ("received", "date", "date received", "received on", "receipt date"),
    "kind": ("kind", "type", "cash or non-cash", "cash/non-cash"),
    "permissible": ("permissible", "permissible donor", "is permissible", "permissible?"),
}
YES = ("yes", "y", "true", "1")
NO = ("no", "n", "false", "0")


def _normal(header: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"[_\-]", " ", header.strip().lower().lstrip("\ufeff"))).strip()


def _column_for(header: str) -> str | None:
    name = _normal(header)
    for column, aliases in COLUMNS.items():
        if name in aliases or name.startswith(column):
            return column
    return None


def parse(text: str) -> tuple[list[dict], list[dict]]:
    """Donation requests and errors ({field, message}) from CSV text."""
    errors: list[dict] = []
    sample = text[:2048]
    try:
        dialect = csv.Sniffer().sniff(sample, delimiters=",;\t") if sample.strip() else csv.excel
    except csv.Error:
        dialect = csv.excel
    rows = list(csv.reader(io.StringIO(text), dialect))
    rows = [row for row in rows if any(cell.strip() for cell in row)]
    if not rows:
        return [], [{"field": "csv", "message": "the file is empty: it needs a header row and one row per donation"}]
    mapping = {index: _column_for(header) for index, header in enumerate(rows[0])}
    missing = [c for c in ("donor", "amount", "received") if c not in mapping.values()]
    if missing:
        errors.append({"field": "csv", "message": f"row 1 (the header) has no column for {', '.join(missing)}; "
                       "the columns are donor, amount, received, kind, permissible"})
        return [], errors
    donations = []
    for number, row in enumerate(rows[1:], start=2):
        item: dict = {}
        for index, cell in enumerate(row):
            column = mapping.get(index)
            if column and cell.strip():
                item[column] = cell.strip()
        if "kind" in item:
            kind = item["kind"].lower().replace(" ", "-")
            item["kind"] = "non-cash" if kind in ("non-cash", "noncash", "in-kind", "kind") else kind
        if "permissible" in item:
            answer = item["permissible"].lower()
            if answer in YES or answer in NO:
                item["permissible"] = answer in YES
            elif answer in ("", "unknown", "not sure", "?"):
                item["permissible"] = None
            else:
                errors.append({"field": f"row {number}.permissible",
                               "message": f"{item['permissible']!r} should be yes, no or unknown"})
                del item["permissible"]
        item["_row"] = number
        donations.append(item)
    return donations, errors


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
