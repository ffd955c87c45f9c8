"""The case file (checkers/case.py): kept checks merged, re-answered against the version now current, and every file
brought in checked before anything changes."""

import datetime as dt
import json
import os
import subprocess
import sys

import pytest
from icalendar import Calendar

import build_site
from checkers import case, content
from checkers.page import case_json
from tests.conftest import ROOT

NEC = "nec-candidates"
DAY = dt.date(2024, 3, 12)


def donation(donor, amount, received, **more):
    return {"donor": donor, "amount": amount, "received": received, "kind": "cash", "permissible": True, **more}


def started(name="NEC 2026"):
    made = case.add_election(case.empty(), name)
    return made["case"], made["election"]


def kept_donations(rows, today=DAY, code=NEC, codes_data=None, **request):
    current, election = started()
    made = case.keep(current, election, "donations", {"code": code, "donations": rows, **request}, today, codes_data)
    return made, election


def test_a_donation_added_later_joins_the_kept_list_and_one_already_kept_is_named_not_counted_twice():
    made, election = kept_donations([donation("Jane Smith", "1700", "2024-03-03")])
    # The same donation written another way (name's case and spacing, the amount's comma, a UK date), and a new one.
    again = case.keep(made["case"], election, "donations", {"code": NEC, "donations": [
        donation("jane  SMITH", "£1,700.00", "3/3/2024"), donation("Bob Jones", "900", "2024-03-10")]}, DAY)
    entry = again["case"]["elections"][0]["entries"]
    assert len(entry) == 1, "a checker's rows for one code are one kept list"
    assert [row["donor"] for row in entry[0]["request"]["donations"]] == ["Jane Smith", "Bob Jones"]
    assert again["message"] == ("Added 1 donation to your kept list for NEC 2026. 1 donation was kept already, so not "
                                "added again: jane  SMITH, £1,700.00, 3/3/2024, Cash, Yes.")
    assert again["already_kept"] == ["jane  SMITH, £1,700.00, 3/3/2024, Cash, Yes"]
    # The same answers kept a second time (a second tap): nothing added, and the reader told so.
    twice = case.keep(again["case"], election, "donations", {"code": NEC, "donations": [
        donation("Bob Jones", "900", "2024-03-10")]}, DAY)
    assert twice["case"]["elections"][0]["entries"][0]["request"]["donations"] == entry[0]["request"]["donations"]
    assert twice["message"] == ("Nothing added to your kept list for NEC 2026. 1 donation was kept already, so not added "
                                "again: Bob Jones, 900, 2024-03-10, Cash, Yes.")


def test_a_second_gift_of_the_same_amount_on_the_same_day_is_a_second_donation():
    made, election = kept_donations([donation("Jane Smith", "500", "2024-03-03")])
    again = case.keep(made["case"], election, "donations", {"code": NEC, "donations": [
        donation("Jane Smith", "500", "2024-03-03"), donation("Jane Smith", "500", "2024-03-03")]}, DAY)
    assert len(again["case"]["elections"][0]["entries"][0]["request"]["donations"]) == 2
    assert again["message"].startswith("Added 1 donation")


def test_a_donation_differing_by_an_invisible_character_is_the_same_donation():
    made, election = kept_donations([donation("Jane Smith", "500", "2024-03-03")])
    again = case.keep(made["case"], election, "donations", {"code": NEC, "donations": [
        donation("Jane\u200b Smith", "500", "2024-03-03")]}, DAY)
    assert again["message"].startswith("Nothing added")


def test_a_check_without_rows_is_kept_once_and_a_different_one_beside_it():
    current, election = started()
    member = {"code": "momentum-ncg-elections", "suspended": False}
    made = json.loads(case_json("keep", json.dumps({"case": current, "election": election, "checker": "suspension",
                                                    "request": member, "today": "2024-03-12"})))
    assert "errors" not in made, made
    twice = case.keep(made["case"], election, "suspension", member, DAY)
    assert len(twice["case"]["elections"][0]["entries"]) == 1
    assert "already in your case" in twice["message"]
    suspended = {**member, "suspended": True, "case_concluded": False, "other_pending_investigation": False}
    other = case.keep(twice["case"], election, "suspension", suspended, DAY)
    assert len(other["case"]["elections"][0]["entries"]) == 2


def test_a_check_with_answers_to_correct_is_not_kept():
    current, election = started()
    with pytest.raises(case.CaseError, match="need correcting"):
        case.keep(current, election, "donations", {"code": NEC, "donations": [donation("A", "lots", "2024-03-03")]}, DAY)
    # Nor added to a kept list: the problem is said to be in the new answers, and the list stays as it was.
    made, election = kept_donations([donation("Jane Smith", "1700", "2024-03-03")])
    with pytest.raises(case.CaseError, match="need correcting"):
        case.keep(made["case"], election, "donations", {"code": NEC, "donations": [donation("A", "lots", "2024-03-03")]},
                  DAY)


@pytest.mark.parametrize("name, says", [
    ("", "Enter a name for the election"), ("   ", "Enter a name for the election"), (7, "Enter a name"),
    ("a\u202eb", "cannot be shown"), ("x\ud800", "not text"), ("n" * 101, "at most 100")])
def test_an_elections_name_is_refused_in_a_readers_words(name, says):
    with pytest.raises(case.CaseError, match=says):
        case.add_election(case.empty(), name)


def test_two_elections_may_not_share_a_name_however_spaced():
    current, _ = started("NEC 2026")
    with pytest.raises(case.CaseError, match="already has an election called"):
        case.add_election(current, "nec  2026")


def test_the_overview_lists_every_action_soonest_first_with_overdue_marked_and_one_calendar():
    made, election = kept_donations([donation("Jane Smith", "1700", "2024-03-03"), donation("Bob Jones", "2500", "2024-03-11")])
    later = case.keep(made["case"], election, "donations", {"code": NEC, "donations": [
        donation("Carol", "3000", "2024-04-15")]}, dt.date(2024, 4, 16))
    found = case.overview(later["case"], dt.date(2024, 4, 20), "https://example.org/codes/")
    said = [(item["label"], item["text"].split(".")[0], item["when"]) for item in found["todo"]]
    # Each day said once: in the item's own words, so no second line repeats it.
    assert said == [("Overdue", "Report the donation of £1,700 from Jane Smith received on 3 March 2024 to the Electoral "
                     "Commission now: it was due by 2 April 2024", ""),
                    ("Overdue", "Report the donation of £2,500 from Bob Jones received on 11 March 2024 to the Electoral "
                     "Commission now: it was due by 10 April 2024", ""),
                    ("Action", "Report the donation of £3,000 from Carol received on 15 April 2024 to the Electoral "
                     "Commission by 15 May 2024", "")], said
    assert all(item["where"] == "NEC 2026: Donations and spending" for item in found["todo"])
    assert found["todo"][0]["link"] == f"checkers/donations/#case={found['elections'][0]['entries'][0]['id']}"
    events = Calendar.from_ical(found["calendar"]["text"]).walk("VEVENT")
    assert len(events) == 3
    assert "My case, as at 20 April 2024" in found["summary"]["text"]
    assert "Donations and spending, 3 donations: Kept on 16 April 2024" in found["summary"]["text"]


@pytest.fixture(scope="module")
def fixture_codes(tmp_path_factory):
    """The fixture code's three versions (tests/fixtures/docs): 2022 gives 30 days to report, 2024 gives 14."""
    data = tmp_path_factory.mktemp("fixture-data") / "codes.json"
    assert build_site.main(["--docs", str(ROOT / "tests" / "fixtures" / "docs"), "--checkers-data", str(data)]) == 0
    return content.load(data)


def test_a_check_kept_under_an_older_version_says_the_code_changed_and_what_the_answer_now_asks(fixture_codes):
    rows = [donation("Jane Smith", "2500", "2024-03-03")]
    made, _ = kept_donations(rows, code="fixture-candidates", codes_data=fixture_codes, version="2022")
    entry = made["case"]["elections"][0]["entries"][0]
    # As if kept when 2022 was current: the reader did not pin it.
    del entry["request"]["version"]
    found = case.overview(made["case"], dt.date(2024, 3, 5), codes_data=fixture_codes)
    changes = found["elections"][0]["entries"][0]["changes"]
    assert len(changes) == 1, changes
    assert changes[0].startswith("The code has changed since you kept this check: it was checked against version 2022, "
                                 "and is now checked against version 2024. Under the new version it answers")
    assert "17 March 2024" in changes[0] and "2 April 2024" in changes[0]
    assert "by 17 March 2024" in found["todo"][0]["text"]


def test_a_check_kept_under_the_current_version_says_nothing_changed(fixture_codes):
    made, _ = kept_donations([donation("Jane Smith", "2500", "2024-03-03")], code="fixture-candidates",
                             codes_data=fixture_codes)
    found = case.overview(made["case"], dt.date(2024, 3, 5), codes_data=fixture_codes)
    assert found["elections"][0]["entries"][0]["changes"] == []


def test_a_corrected_reading_of_the_same_version_is_said():
    made, _ = kept_donations([donation("Jane Smith", "1700", "2024-03-03")])
    made["case"]["elections"][0]["entries"][0]["checked"]["todo"] = ["Something the site once asked."]
    changes = case.overview(made["case"], DAY)["elections"][0]["entries"][0]["changes"]
    assert changes and changes[0].startswith("This site's reading of version original has been corrected since you kept")
    assert "no longer asks: Something the site once asked." in changes[0]


def test_a_case_file_brought_in_adds_what_is_new_and_keeps_what_is_here():
    made, election = kept_donations([donation("Jane Smith", "1700", "2024-03-03")])
    exported = json.loads(json.dumps({**made["case"], "exported_on": "2024-03-12"}))
    here = case.add_election(made["case"], "Ward selection")["case"]
    brought = case.bring_in(here, exported)
    assert [e["name"] for e in brought["case"]["elections"]] == ["NEC 2026", "Ward selection"]
    assert brought["message"] == "Imported 0 kept checks."
    fresh = case.bring_in(case.empty(), exported)
    assert fresh["case"]["elections"] == made["case"]["elections"]
    assert fresh["message"] == "Imported 1 kept check."


@pytest.mark.parametrize("data, says", [
    ([], "is not a case file from this site"),
    ({"format": "something-else"}, "is not a case file from this site"),
    ({"format": case.FORMAT, "format_version": 99, "elections": []}, "newer version of this site"),
    ({"format": case.FORMAT, "format_version": 1}, "no list of elections"),
    ({"format": case.FORMAT, "format_version": 1, "elections": [], "extra": 1}, "parts this site does not know"),
    ({"format": case.FORMAT, "format_version": 1, "elections": [{"id": "e-1", "name": "x", "entries": []}]},
     "no identifier this site wrote"),
    ({"format": case.FORMAT, "format_version": 1, "elections": [{"id": "e-0123456789ab", "name": "x\ud800", "entries": []}]},
     "not text"),
    ({"format": case.FORMAT, "format_version": 1, "elections": [{"id": "e-0123456789ab", "name": "x", "entries": [
        {"id": "k-0123456789ab", "checker": "rm -rf", "kept_on": "2024-01-01", "request": {},
         "checked": {"code": NEC, "version": "original", "status": "ok", "todo": []}}]}]}, "not one of this site's checkers"),
    ({"format": case.FORMAT, "format_version": 1, "elections": [{"id": "e-0123456789ab", "name": "x", "entries": [
        {"id": "k-0123456789ab", "checker": ["donations"], "kept_on": "2024-01-01", "request": {},
         "checked": {"code": NEC, "version": "original", "status": "ok", "todo": []}}]}]},
     "names a list, which is not one of this site's checkers"),
    ({"format": case.FORMAT, "format_version": 1, "elections": [{"id": "e-0123456789ab", "name": "x", "entries": [
        {"id": "e-0123456789ab", "checker": "donations", "kept_on": "2024-01-01", "request": {},
         "checked": {"code": NEC, "version": "original", "status": "ok", "todo": []}}]}]}, "same identifier"),
    ({"format": case.FORMAT, "format_version": 1, "elections": [{"id": f"e-{i:012x}", "name": f"E{i}", "entries": []}
                                                                 for i in range(21)]}, "at most 20"),
])
def test_a_file_that_is_not_a_case_is_refused_whole_saying_where(data, says):
    made, _ = kept_donations([donation("Jane Smith", "1700", "2024-03-03")])
    brought = case.bring_in(made["case"], data)
    assert "case" not in brought
    assert any(says in error["message"] for error in brought["errors"]), brought["errors"]
    # Each said where it is, in a sentence: the file, or the election and kept check.
    for error in brought["errors"]:
        assert error["summary_line"].startswith(("The file ", "Election ")), error
        assert error["summary_line"].endswith(".") and error["sentence"] == error["summary_line"]


def test_a_case_files_problems_say_where_they_are_on_the_page_and_on_the_command_line_alike(tmp_path):
    bad = {"format": case.FORMAT, "format_version": 1, "elections": [{"id": "e-1", "name": "", "entries": []}]}
    lines = ["Election 1 has no identifier this site wrote.",
             'Election 1: enter a name for the election, such as "NEC 2026" or "Ward selection, May 2027".']
    said = json.loads(case_json("import", json.dumps({"case": None, "text": json.dumps(bad), "today": "2024-01-01"})))
    assert [e["summary_line"] for e in said["errors"]] == lines
    path = tmp_path / "bad.json"
    path.write_text(json.dumps(bad), encoding="utf-8")
    refused = subprocess.run([sys.executable, "-m", "checkers", "case", str(path)], cwd=ROOT, capture_output=True, text=True)
    assert [e["summary_line"] for e in json.loads(refused.stdout)["errors"]] == lines
    path.write_text("{not json", encoding="utf-8")
    refused = subprocess.run([sys.executable, "-m", "checkers", "case", str(path)], cwd=ROOT, capture_output=True, text=True)
    assert json.loads(refused.stdout)["errors"][0]["summary_line"].startswith("The file is not JSON")


def test_the_page_entry_answers_every_operation_with_json_and_refuses_an_unknown_one():
    said = json.loads(case_json("import", json.dumps({"case": None, "text": "{not json"})))
    assert said["errors"][0]["message"].startswith("is not JSON")
    assert said["errors"][0]["summary_line"].startswith("The file is not JSON")
    # Larger than any case the site saves: refused before it is read, on the page and on the command line alike.
    huge = json.loads(case_json("import", json.dumps({"case": None, "text": " " * (case.MOST_FILE_BYTES + 1)})))
    assert [(e["field"], e["message"], e["summary_line"]) for e in huge["errors"]] == [
        ("file", case.TOO_LARGE, f"The file {case.TOO_LARGE}.")]
    assert json.loads(case_json("import", json.dumps({"case": None, "text": "x" * case.MOST_FILE_BYTES})))["errors"][0][
        "message"].startswith("is not JSON"), "a file of exactly the largest size is read"
    assert json.loads(case_json("fly", json.dumps({"case": None})))["errors"][0]["field"] == "op"
    stored_badly = json.loads(case_json("overview", json.dumps({"case": {"format": "x"}})))
    assert stored_badly["errors"][0]["message"].startswith("The case kept in this browser could not be read")


@pytest.mark.parametrize("op, args, field", [
    ("overview", "", "request"), ("overview", "{", "request"), ("overview", "[]", "request"), ("keep", "null", "request"),
    ("overview", '{"today": "junk"}', "today"), ("keep", '{"today": 5}', "today"), ("import", '{"text": 5}', "file")])
def test_the_page_entry_answers_arguments_it_never_sends_with_errors_not_exceptions(op, args, field):
    assert json.loads(case_json(op, args))["errors"][0]["field"] == field


def test_forgetting_an_entry_or_an_election_leaves_nothing_of_it():
    made, election = kept_donations([donation("Jane Smith", "1700", "2024-03-03")])
    entry = made["entry"]
    without_entry = case.forget(made["case"], election, entry)["case"]
    assert without_entry["elections"][0]["entries"] == []
    assert "Jane" not in json.dumps(without_entry)
    assert case.forget(made["case"], election)["case"]["elections"] == []
    with pytest.raises(case.CaseError, match="no longer in your case"):
        case.forget(without_entry, election, entry)


def test_a_kept_lists_spreadsheet_reads_back_as_the_same_rows():
    made, election = kept_donations([donation("=Jane Smith", "1700", "2024-03-03")])
    sheet = case.spreadsheet(made["case"], election, made["entry"])
    assert sheet["filename"] == "donations-nec-2026.csv"
    from checkers import CHECKERS, csvinput
    read = csvinput.read(sheet["text"], CHECKERS["donations"].rows[0])
    assert read["rows"][0]["donor"] == "=Jane Smith"


def test_the_command_line_refuses_a_file_larger_than_any_case_before_reading_it(tmp_path):
    path = tmp_path / "huge.json"
    with open(path, "wb") as handle:
        handle.truncate(case.MOST_FILE_BYTES + 1)
    done = subprocess.run([sys.executable, "-m", "checkers", "case", str(path)], cwd=ROOT, capture_output=True, text=True)
    assert done.returncode == 2 and done.stderr == ""
    said = json.loads(done.stdout)
    assert said["errors"][0]["message"] == f"the file {path} {case.TOO_LARGE}" and said["summary"] == "Nothing was read."


def test_the_command_line_names_a_case_file_as_it_is_spelled(tmp_path):
    (tmp_path / "my-case.json").write_bytes(b"\xff\xfe\x00")
    done = subprocess.run([sys.executable, "-m", "checkers", "case", "my-case.json"], cwd=tmp_path, capture_output=True,
                          text=True, env={**os.environ, "PYTHONPATH": str(ROOT)})
    said = json.loads(done.stdout)["errors"][0]
    assert done.returncode == 2 and said["sentence"].startswith("The file my-case.json is not UTF-8 text")


def test_the_command_line_reads_a_saved_case(tmp_path):
    made, _ = kept_donations([donation("Jane Smith", "1700", "2024-03-03")])
    path = tmp_path / "my-case.json"
    path.write_text(json.dumps({**made["case"], "exported_on": "2024-03-12"}), encoding="utf-8")
    ics = tmp_path / "case.ics"
    done = subprocess.run([sys.executable, "-m", "checkers", "case", str(path), "--ics", str(ics)], cwd=ROOT,
                          capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert "now: it was due by 2 April 2024" in done.stdout
    assert Calendar.from_ical(ics.read_text(encoding="utf-8")).walk("VEVENT")
    path.write_text("[1, 2]", encoding="utf-8")
    refused = subprocess.run([sys.executable, "-m", "checkers", "case", str(path)], cwd=ROOT, capture_output=True, text=True)
    assert refused.returncode == 2
    assert "is not a case file from this site" in json.loads(refused.stdout)["errors"][0]["message"]


def test_a_file_that_would_overfill_an_election_is_refused_and_nothing_is_lost():
    made, election = kept_donations([donation("Jane Smith", "1700", "2024-03-03")])
    entry = made["case"]["elections"][0]["entries"][0]
    crowded = {**made["case"], "elections": [{**made["case"]["elections"][0], "entries": [
        {**entry, "id": f"k-{i:012x}"} for i in range(case.MOST_ENTRIES)]}]}
    brought = case.bring_in(made["case"], crowded)
    assert "case" not in brought
    assert brought["errors"][0]["message"] == f"would give NEC 2026 more than {case.MOST_ENTRIES} kept checks: forget some first"
