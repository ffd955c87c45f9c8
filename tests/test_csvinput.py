"""The spreadsheet reader: whole names only, each name for one field; and rows read as the checker reads them."""

import csv
import io

from checkers import csvinput


def test_no_header_name_could_mean_two_fields():
    seen = {}
    for column, aliases in csvinput.COLUMNS.items():
        for alias in aliases:
            name = csvinput._normal(alias)
            assert seen.setdefault(name, column) == column, f"{alias!r} names both {seen[name]} and {column}"


def test_a_header_is_matched_by_its_whole_name_never_a_prefix():
    sheet = csvinput.read("Donor,Donor address,Amount (£),Date received,Donor permissible?,Kind of donation\n"
                          "Ann,1 High St,900,2024-05-01,Yes,in kind\n")
    assert sheet["errors"] == []
    assert sheet["donations"] == [{"_row": 2, "donor": "Ann", "amount": "900", "received": "2024-05-01",
                                   "permissible": True, "kind": "non-cash"}]
    assert sheet["notes"] == ["Column B ('Donor address') is not one the checker reads, so it was ignored."]


def test_a_semicolon_or_tab_separated_sheet_keeps_commas_in_amounts():
    for separator in (";", "\t"):
        sheet = csvinput.read(separator.join(["donor", "amount", "received"]) + "\n" +
                              separator.join(["Ann", "£1,500", "2024-05-01"]) + "\n")
        assert sheet["donations"][0]["amount"] == "£1,500", separator


def test_utf_16_with_its_mark_is_read():
    sheet = csvinput.read("donor\tamount\treceived\nZoë\t900\t2024-05-01\n".encode("utf-16"))
    assert sheet["donations"][0]["donor"] == "Zoë" and sheet["notes"] == []


def test_a_cell_a_spreadsheet_would_run_as_a_formula_is_written_as_text():
    text = csvinput.write([{"donor": "=HYPERLINK(\"x\")", "amount": "900", "received": "2024-05-01", "kind": "cash"}])
    assert list(csv.reader(io.StringIO(text)))[1][0] == "'=HYPERLINK(\"x\")"
