"""The spreadsheet reader: whole names only, each name for one field; and rows read as the checker reads them."""

import csv
import io

from hypothesis import given, settings
from hypothesis import strategies as st

import checkers
from checkers import csvinput
from checkers.donations import DONATION


def test_no_header_name_could_mean_two_fields_in_any_checkers_spreadsheet():
    for checker in checkers.CHECKERS.values():
        for sheet in checker.rows:
            csvinput.names_of(sheet)  # raises, naming both, where a name could mean two fields


def test_a_header_is_matched_by_its_whole_name_never_a_prefix():
    sheet = csvinput.read("Donor,Donor address,Amount (£),Date received,Donor permissible?,Kind of donation\n"
                          "Ann,1 High St,900,2024-05-01,Yes,in kind\n", DONATION)
    assert sheet["errors"] == []
    assert sheet["rows"] == [{"_row": 2, "donor": "Ann", "amount": "900", "received": "2024-05-01",
                                   "permissible": True, "kind": "non-cash"}]
    assert sheet["notes"] == ["Column B ('Donor address') is not one the checker reads, so it was ignored."]


def test_a_semicolon_or_tab_separated_sheet_keeps_commas_in_amounts():
    for separator in (";", "\t"):
        sheet = csvinput.read(separator.join(["donor", "amount", "received"]) + "\n" +
                              separator.join(["Ann", "£1,500", "2024-05-01"]) + "\n", DONATION)
        assert sheet["rows"][0]["amount"] == "£1,500", separator


def test_utf_16_with_its_mark_is_read():
    sheet = csvinput.read("donor\tamount\treceived\nZoë\t900\t2024-05-01\n".encode("utf-16"), DONATION)
    assert sheet["rows"][0]["donor"] == "Zoë" and sheet["notes"] == []


def test_a_cell_a_spreadsheet_would_run_as_a_formula_is_written_as_text():
    text = csvinput.write([{"donor": "=HYPERLINK(\"x\")", "amount": "900", "received": "2024-05-01", "kind": "cash"}], DONATION)
    assert list(csv.reader(io.StringIO(text)))[1][0] == "'=HYPERLINK(\"x\")"
    # Read back, the guard is taken off again: saving and loading are inverse.
    assert csvinput.read(text, DONATION)["rows"][0]["donor"] == "=HYPERLINK(\"x\")"


def test_a_quoted_semicolon_in_a_header_does_not_choose_the_delimiter():
    sheet = csvinput.read('donor,amount,received,"Notes; internal"\nAnn,"£1,600",2024-05-01,x;y\n', DONATION)
    assert sheet["errors"] == [] and sheet["rows"][0]["amount"] == "£1,600"
    assert sheet["notes"] == ["Column D ('Notes; internal') is not one the checker reads, so it was ignored."]


def test_a_name_starting_with_an_apostrophe_survives_a_save_and_a_load():
    for name in ("'Arry", "''x", "'-", "-5 Ltd", "@home"):
        text = csvinput.write([{"donor": name, "amount": "900", "received": "2024-05-01"}], DONATION)
        assert csvinput.read(text, DONATION)["rows"][0]["donor"] == name


def test_a_quote_mark_never_closed_is_named_by_its_line_not_read_as_the_rest_of_the_file():
    sheet = csvinput.read('donor,amount,received\nAnn,900,2024-05-01\n"Bob,1700,2024-03-03\nCy,5,2024-01-01\n', DONATION)
    assert sheet["rows"] == [] and [e["field"] for e in sheet["errors"]] == ["csv"]
    assert "on line 3 of the file has no closing quote mark" in sheet["errors"][0]["message"]
    # Lines end as the file's do: \r\n, or a lone \r.
    for end in ("\r\n", "\r"):
        text = end.join(["donor;amount;received", "Ann;900;2024-05-01", 'Bob;"1,5;2024-03-03', ""])
        assert "on line 3 of the file" in csvinput.read(text, DONATION)["errors"][0]["message"], repr(end)


def test_quote_marks_that_csv_reads_as_text_or_as_closed_cells_are_no_problem():
    for row in ('"Bob ""the Builder""",900,2024-05-01', 'Bob "the Builder",900,2024-05-01',
                '"Bob, Ltd" x,900,2024-05-01', '"Bob\nLtd","£1,500",2024-05-01'):
        sheet = csvinput.read(f"donor,amount,received\n{row}\n", DONATION)
        assert sheet["errors"] == [] and len(sheet["rows"]) == 1, row
    # A quote mark opening the last cell of the file is a cell never closed, even with nothing after it.
    assert "line 2" in csvinput.read('donor,amount,received\nBob,900,2024-05-01,"', DONATION)["errors"][0]["message"]


@given(st.text(alphabet='",;\r\na ', max_size=40), st.sampled_from(csvinput.DELIMITERS))
@settings(max_examples=2000, deadline=None)
def test_a_quote_is_judged_unclosed_exactly_when_python_csv_reaches_the_end_inside_one(text, delimiter):
    try:
        list(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True))
    except csv.Error as error:
        if str(error) != "unexpected end of data":
            return  # strict reading stopped earlier, at a quote mark followed by text: not this question
        assert csvinput._unclosed_quote(text, delimiter) is not None
    else:
        assert csvinput._unclosed_quote(text, delimiter) is None


def test_a_spreadsheet_larger_than_any_is_refused_before_it_is_decoded(monkeypatch):
    monkeypatch.setattr(csvinput, "MOST_FILE_BYTES", 40)
    header = "donor,amount,received\n"
    fits = header + "Ann,900,2024-05-01\n"  # 41 characters, the first row of two
    assert len(header) + 1 < 40 < len(fits)
    for data in (fits, fits.encode("utf-8"), header + "Zoë\u00a0" * 4):
        assert csvinput.read(data, DONATION)["errors"][0]["message"] == f"the file {csvinput.TOO_LARGE}"
    # Counted as UTF-8: 20 characters of two bytes each are 40 bytes, not too large.
    assert csvinput.too_large("é" * 21) and not csvinput.too_large("é" * 20) and not csvinput.too_large(b"x" * 40)


def test_excels_first_line_naming_the_delimiter_chooses_it_and_is_not_the_header():
    for text in ("sep=;\ndonor;amount;received\nAnn;£1,500;2024-05-01\n", "\ufeffsep=;\r\ndonor;amount;received\r\nAnn;£1,500;2024-05-01\r\n",
                 "SEP=\t\ndonor\tamount\treceived\nAnn\t£1,500\t2024-05-01\n"):
        read = csvinput.read(text, DONATION)
        assert read["errors"] == [], text
        assert [(r["_row"], r["donor"], r["amount"]) for r in read["rows"]] == [(2, "Ann", "£1,500")]
    # A line that only looks like one is read as it always was.
    assert csvinput.read("sep=;x\ndonor,amount,received\n", DONATION)["errors"]


def test_a_row_with_more_cells_than_the_header_is_refused_not_read_shifted():
    # "£1,600" without quotes is two cells: read by position, the amount would be £1 and the 600 lost without a word.
    read = csvinput.read("donor,received,amount\nAnn,2024-03-01,1,600\nBob,2024-03-02,5\nCy,x,5\n", DONATION)
    assert read["rows"] == []
    (first, second) = read["errors"]
    assert first["field"] == "row 2"
    assert first["summary_line"].startswith("Spreadsheet row 2 has 4 cells but the header (row 1) "
                                            "has 3, so its cells cannot be matched to the columns")
    assert '"£1,600"' in first["message"] and "double quotes" in first["message"]
    # The rows after it are still named by their own lines.
    assert (second["field"], second["summary_line"][:32]) == ("row 4.received", "Spreadsheet row 4, date received")
    # The advice names the file's own delimiter.
    semicolons = csvinput.read("donor;received;amount\nAnn;2024-03-01;1;600\n", DONATION)["errors"][0]["message"]
    assert "a semicolon in it must be in double quotes" in semicolons and "£1,600" not in semicolons


def test_empty_cells_past_the_header_and_short_rows_are_no_problem():
    read = csvinput.read("donor,received,amount,,\nAnn,2024-03-01,1600,, \nBob,2024-03-02\n", DONATION)
    assert [e["field"] for e in read["errors"]] == ["row 3.amount"]
    read = csvinput.read("donor,received,amount\r\nAnn,2024-03-01,1600,,\r\n", DONATION)
    assert read["errors"] == [] and read["rows"] == [{"_row": 2, "donor": "Ann", "received": "2024-03-01",
                                                       "amount": "1600"}]


def test_rows_too_wide_past_the_bound_are_counted_with_the_others():
    lines = ["donor,received,amount"] + ["Ann,2024-03-01,1,600"] * 60 + ["Bob,x,5"]
    read = csvinput.read("\n".join(lines) + "\n", DONATION)
    fields = [e["field"] for e in read["errors"]]
    assert fields[:50] == [f"row {n}" for n in range(2, 52)]
    # 60 rows too wide and one bad date: 50 listed, and the 11 others counted.
    assert read["errors"][-1]["message"] == "11 more problems are not listed"
    assert read["summary"] == "Nothing was added: the spreadsheet has 61 problems to correct."


def test_rows_are_numbered_as_a_spreadsheet_program_numbers_them_blank_rows_included():
    # Row 3 is empty cells and row 4 an empty line; a cell's line break is no new row.
    read = csvinput.read('donor,amount,received\nBob,600,2024-03-01\n,,\n\n"Cy\nSmith",x,2024-03-01\nDi,y,2024-03-01\n',
                         DONATION)
    assert [(e["field"], e["summary_line"][:30]) for e in read["errors"]] == [
        ("row 5.amount", "Spreadsheet row 5, amount: 'x'"), ("row 6.amount", "Spreadsheet row 6, amount: 'y'")]
    rows = csvinput.read("donor,amount,received\n\nBob,600,2024-03-01\n", DONATION)["rows"]
    assert [r["_row"] for r in rows] == [3]


def test_a_title_above_the_header_is_passed_over_and_said_to_be():
    for text, delimiter in (("Donations for Ann's campaign,,\n,,\ndonor,amount,received\nBob,600,2024-03-01\n", ","),
                            ("Ann's campaign;;\ndonor;amount;received\nBob;£1,600;2024-03-01\n", ";")):
        read = csvinput.read(text, DONATION)
        assert read["errors"] == [], delimiter
        header = 3 if delimiter == "," else 2
        assert [(r["_row"], r["donor"]) for r in read["rows"]] == [(header + 1, "Bob")]
        assert read["notes"] == [f"Row {header} was read as the header: "
                                 f"{'rows 1 to 2 name' if header == 3 else 'row 1 names'} no column the checker reads, "
                                 f"so {'they were' if header == 3 else 'it was'} not read."]
    # A first row that names a column the checker reads is the header, whatever comes under it.
    read = csvinput.read("donor,note\ndonor,amount,received\n", DONATION)
    assert read["errors"][0]["message"].startswith("row 1 (the header) has no column for amount, received")
    # No header within the first rows: the first row is named as the header that lacks the columns.
    read = csvinput.read("\n".join(["title"] * 12 + ["donor,amount,received", "Bob,600,2024-03-01"]) + "\n", DONATION)
    assert read["errors"][0]["message"].startswith("row 1 (the header) has no column for donor, amount, received")


def test_a_column_whose_name_is_a_slip_from_a_missing_one_says_which_it_may_be():
    read = csvinput.read("donor,amout,recieved,notes\nBob,600,2024-03-01,x\n", DONATION)
    assert read["errors"][0]["message"].startswith("row 1 (the header) has no column for amount, received")
    assert read["notes"] == ["Column B ('amout') is not one the checker reads, so it was ignored (did you mean amount?).",
                             "Column C ('recieved') is not one the checker reads, so it was ignored (did you mean "
                             "received?).",
                             "Column D ('notes') is not one the checker reads, so it was ignored."]
    # A field another column gives already is not offered again.
    read = csvinput.read("donor,amount,amout,received\nBob,600,5,2024-03-01\n", DONATION)
    assert read["errors"] == [] and read["notes"] == ["Column C ('amout') is not one the checker reads, so it was ignored."]
