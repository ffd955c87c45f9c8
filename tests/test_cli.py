"""The command line: JSON in, JSON out, exit 0 or 2, never a traceback; the CSV path."""

import json
import os
import select
import shutil
import subprocess
import sys
from pathlib import Path

from checkers import content, csvinput

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).parent / "fixtures" / "docs" / "codes"


def cli(*args, stdin="", cwd=ROOT):
    result = subprocess.run([sys.executable, "-m", "checkers", *args], input=stdin, capture_output=True, text=True,
                            cwd=cwd, env={**os.environ, "PYTHONPATH": str(ROOT)})
    assert "Traceback" not in result.stderr
    return result


def test_a_request_on_standard_input_gives_a_cited_result():
    request = {"code": "nec-candidates", "donations": [{"donor": "A", "amount": "£1,600", "received": "2024-03-01",
                                                        "permissible": True}]}
    result = cli("donations", stdin=json.dumps(request))
    assert result.returncode == 0
    response = json.loads(result.stdout)
    assert response["answers"][0]["date"]["on"] == "2024-03-31"
    assert response["answers"][0]["clause"] == {"code": "nec-candidates", "version": "original", "id": "12",
                                                 "url": "codes/nec-candidates/original/#12",
                                                 "citation": "nec-candidates@original#12", "name": "clause 12",
                                                 "label": "NEC candidates' code, clause 12"}


def test_an_invalid_request_exits_2_naming_every_field():
    result = cli("nominations", stdin='{"code": "momentum-ncg-elections", "verified": 31, "deadline_passed": 1}')
    assert result.returncode == 2
    assert [e["field"] for e in json.loads(result.stdout)["errors"]] == ["verified", "deadline_passed"]


def test_input_that_is_not_json_exits_2_with_a_message():
    result = cli("suspension", stdin="{not json")
    assert result.returncode == 2
    assert json.loads(result.stdout)["errors"][0]["field"] == "request"


def test_an_unknown_checker_exits_2_with_json():
    result = cli("eligibility", stdin="{}")
    assert result.returncode == 2
    assert json.loads(result.stdout)["errors"][0]["field"] == "arguments"


def test_codes_points_at_another_codes_data_file(tmp_path):
    data = tmp_path / "codes.json"
    made = subprocess.run([sys.executable, "build_site.py", "--docs", str(FIXTURES.parent), "--checkers-data", str(data)],
                          cwd=ROOT, capture_output=True, text=True)
    assert made.returncode == 0, made.stderr
    request = {"code": "fixture-candidates", "version": "2020",
               "donations": [{"donor": "A", "amount": 600, "received": "2021-01-01"}]}
    result = cli("donations", "--codes", str(data), stdin=json.dumps(request))
    assert result.returncode == 0
    assert json.loads(result.stdout)["version"] == "2020"


def test_a_spreadsheet_gives_a_readable_report_or_json(tmp_path):
    sheet = tmp_path / "donations.csv"
    sheet.write_text("Donor name,Amount (£),Date received,Type,Permissible?\n"
                     'Jane Smith,"£1,000",2024-01-05,cash,yes\njane smith ,600,2024-02-01,in kind,unknown\n',
                     encoding="utf-8")
    report = cli("donations", "--code", "nec-candidates", "--csv", str(sheet))
    assert report.returncode == 0
    response = json.loads(cli("donations", "--code", "nec-candidates", "--csv", str(sheet), "--json").stdout)
    assert response["status"] == "action"
    # The report says what the page says: the same headline, labels, sentences and facts, from the same response.
    assert report.stdout.startswith("Donations and spending: Action needed. Checked against: NEC candidates' code, version original.\n")
    for finding in response["answers"]:
        assert (f"- {finding['level_label']}: {finding['message']} {finding['facts_text']} "
                f"[nec-candidates@original#12, clause 12]") in report.stdout
    assert "by 2 March 2024" in report.stdout and "Deadline: 2 March 2024." in report.stdout
    # What to do comes first, as on the page; the reasoning after it.
    first_todo = report.stdout.index(f"\n{response['todo_heading']}\n- Overdue: {response['todo'][0]['text']}")
    assert first_todo < report.stdout.index("\nWhy: the reasoning, the clauses and the law\n- ")


def test_spreadsheet_errors_name_the_row(tmp_path):
    sheet = tmp_path / "donations.csv"
    sheet.write_text("donor,amount,received,permissible\nA,100,2024-01-01,yes\nB,12x,2024-13-01,maybe\n")
    result = cli("donations", "--code", "nec-candidates", "--csv", str(sheet), "--json")
    assert result.returncode == 2
    errors = json.loads(result.stdout)["errors"]
    # In the spreadsheet's column order; for a reader, by the row's line and the column's label, with no path.
    assert [e["field"] for e in errors] == ["row 3.amount", "row 3.received", "row 3.permissible"]
    assert [e["summary_line"].split(":")[0].split("?")[0] for e in errors] == [
        "Spreadsheet row 3, amount", "Spreadsheet row 3, date received", "Spreadsheet row 3, is the donor permissible"]
    text = cli("donations", "--code", "nec-candidates", "--csv", str(sheet)).stdout
    assert "- Spreadsheet row 3, amount: '12x' is not an amount" in text and "row 3." not in text


def test_a_refused_spreadsheets_notes_are_said_under_its_problems(tmp_path):
    # The row read as the header, and a column not read, help the reader mend the file.
    sheet = tmp_path / "donations.csv"
    sheet.write_text("Ann's donations,,\ndonor,note,amount\nBob,x,600\n")
    text = cli("donations", "--code", "nec-candidates", "--csv", str(sheet)).stdout
    assert text.splitlines() == [
        "Nothing was checked: 1 answer needs correcting.",
        "- Row 2 (the header) has no column for received; the columns are donor, amount, received, kind, permissible.",
        "Note: Row 2 was read as the header: row 1 names no column the checker reads, so it was not read.",
        "Note: Column B ('note') is not one the checker reads, so it was ignored."]


def test_a_spreadsheets_bad_rows_and_a_bad_option_are_named_together_each_by_its_words(tmp_path):
    # The rows are read once, by the check itself: its errors name the spreadsheet's rows and the options' labels.
    sheet = tmp_path / "donations.csv"
    sheet.write_text("donor,amount,received\nA,100,2024-01-01\n,12x,2024-03-01\n")
    result = cli("donations", "--code", "nec-candidates", "--election-period-end", "2024-99-01", "--csv", str(sheet),
                 "--json")
    assert result.returncode == 2
    errors = json.loads(result.stdout)["errors"]
    assert [e["field"] for e in errors] == ["row 3.donor", "row 3.amount", "election_period_end"]
    assert errors[0]["summary_line"] == "Spreadsheet row 3: enter the donor's name."
    assert errors[2]["summary_line"].startswith("Last day of the election period: '2024-99-01' is not a real date")


def test_a_spreadsheet_without_the_needed_columns_says_which():
    result = subprocess.run([sys.executable, "-m", "checkers", "donations", "--code", "nec-candidates", "--csv",
                             "/dev/stdin"], input="name,value\nA,1\n", capture_output=True, text=True, cwd=ROOT)
    assert result.returncode == 2
    assert "has no column for received" in result.stdout


def _sheet(tmp_path, content: bytes | str):
    sheet = tmp_path / "donations.csv"
    sheet.write_bytes(content if isinstance(content, bytes) else content.encode("utf-8"))
    return str(sheet)


def test_a_column_whose_name_starts_like_another_does_not_replace_it(tmp_path):
    # "Donor address" used to be matched as the donor by its prefix, adding different donors up together.
    sheet = _sheet(tmp_path, "Donor,Donor address,Amount,Date received,Donor permissible?\n"
                             "Ann,1 High St,1000,2024-01-05,yes\nBob,1 High St,1000,2024-01-06,yes\n")
    response = json.loads(cli("donations", "--code", "nec-candidates", "--csv", sheet, "--json").stdout)
    assert response["status"] == "ok", response  # two donors of £1,000 each: neither passes £1,500
    assert response["notes"] == ["Column B ('Donor address') is not one the checker reads, so it was ignored."]


def test_two_columns_for_one_field_are_refused_naming_both(tmp_path):
    sheet = _sheet(tmp_path, "Donor,Name,Amount,Date\nAnn,Ann Smith,1000,2024-01-05\n")
    result = cli("donations", "--code", "nec-candidates", "--csv", sheet, "--json")
    assert result.returncode == 2
    message = json.loads(result.stdout)["errors"][0]["message"]
    assert "column A ('Donor')" in message and "column B ('Name')" in message


def test_a_spreadsheet_with_a_header_and_no_rows_says_no_donations_were_found(tmp_path):
    result = cli("donations", "--code", "nec-candidates", "--csv", _sheet(tmp_path, "donor,amount,received\n"))
    assert result.returncode == 2
    assert "No donations found: the file has a header row but no rows under it." in result.stdout


def test_a_spreadsheet_larger_than_any_is_refused_unread_in_the_answers_own_form(tmp_path):
    sheet = tmp_path / "year.csv"
    with open(sheet, "wb") as handle:
        handle.truncate(csvinput.MOST_FILE_BYTES + 1)
    for form in ((), ("--json",)):
        result = cli("donations", "--code", "nec-candidates", "--csv", "year.csv", *form, cwd=tmp_path)
        assert result.returncode == 2
        said = f"The file year.csv {csvinput.TOO_LARGE}."  # the file named as spelled, not "Year.csv"
        if form:
            assert json.loads(result.stdout)["errors"][0]["sentence"] == said
        else:
            assert result.stdout == f"Nothing was read.\n- {said}\n"
    with open(sheet, "r+b") as handle:
        handle.truncate(csvinput.MOST_FILE_BYTES)
    assert "is larger than" not in cli("donations", "--code", "nec-candidates", "--csv", str(sheet)).stdout


def test_standard_input_larger_than_any_request_is_refused_unread():
    with open("/dev/zero", "rb") as endless:
        result = subprocess.run([sys.executable, "-m", "checkers", "donations"], stdin=endless, capture_output=True,
                                cwd=ROOT, timeout=60)
    assert result.returncode == 2 and result.stderr == b""
    said = json.loads(result.stdout)
    assert said["errors"][0]["field"] == "request" and "more than 64 MB, more than any request" in said["errors"][0]["message"]


def test_a_spreadsheet_that_cannot_be_read_is_said_in_the_report_not_as_json(tmp_path):
    result = cli("donations", "--code", "nec-candidates", "--csv", str(tmp_path))
    assert result.returncode == 2
    assert result.stdout == f"Nothing was checked: 1 answer needs correcting.\n- Cannot read {tmp_path}: Is a directory.\n"


def test_old_mac_line_endings_and_windows_1252_are_read(tmp_path):
    sheet = _sheet(tmp_path, b"donor,amount,received,permissible\rZo\xeb,\xa31600,2024-01-05,yes\r")
    response = json.loads(cli("donations", "--code", "nec-candidates", "--csv", sheet, "--json").stdout)
    assert response["answers"][0]["donor"] == "Zoë" and response["answers"][0]["date"]["on"] == "2024-02-04"
    assert "Windows-1252" in response["notes"][0]


def test_control_characters_in_cells_are_refused_naming_the_row_and_never_reach_the_terminal(tmp_path):
    sheet = _sheet(tmp_path, 'donor,amount,received,permissible\n"Ann\x1b[2J\u202e",1600,2024-01-05,yes\n')
    report = cli("donations", "--code", "nec-candidates", "--csv", sheet)
    assert report.returncode == 2
    assert "\x1b" not in report.stdout and "\u202e" not in report.stdout
    assert "Spreadsheet row 2, donor's name holds a character that cannot be shown (U+001B)" in report.stdout


def test_json_too_long_or_too_deep_to_read_exits_2_naming_the_request():
    for text in ('{"code": "nec-candidates", "verified": ' + "9" * 5000 + "}", "[" * 100_000 + "]" * 100_000):
        result = cli("nominations", stdin=text)
        assert result.returncode == 2, text[:20]
        assert json.loads(result.stdout)["errors"][0]["field"] == "request"


def test_a_name_given_twice_in_one_object_is_refused_naming_it_wherever_it_is(tmp_path):
    """JSON keeps the last of two values silently: a reader who gave "donations" twice, or a row's "amount" twice,
    would not know which was checked. Refused, in a request and in a case file, naming the name."""
    once = '{"donor": "A", "amount": "1600", "received": "2024-03-01"}'
    twice = once.replace("}", ', "amount": "16"}')
    for text, name in (('{"code": "nec-candidates", "donations": [], "donations": [' + once + "]}", "donations"),
                       ('{"code": "nec-candidates", "donations": [' + twice + "]}", "amount")):
        result = cli("donations", stdin=text)
        assert result.returncode == 2, name
        error = json.loads(result.stdout)["errors"][0]
        assert error["field"] == "request"
        assert error["sentence"] == (f"What was sent holds the name '{name}' twice in one object: give it once, so "
                                     "that it is clear which value is meant.")
    # The same names in different objects are no repetition.
    assert cli("donations", stdin='{"code": "nec-candidates", "donations": [' + once + ", " + once + "]}").returncode == 0
    kept = tmp_path / "case.json"
    kept.write_text('{"format": 1, "format": 2}', encoding="utf-8")
    result = cli("case", str(kept))
    assert result.returncode == 2
    assert json.loads(result.stdout)["errors"][0]["message"].startswith("holds the name 'format' twice in one object")


def test_code_and_version_options_fill_a_request_read_from_standard_input():
    result = cli("nominations", "--code", "momentum-ncg-elections", "--version", "2022", stdin='{"verified": 22}')
    assert result.returncode == 0 and json.loads(result.stdout)["status"] == "sufficient"
    clash = cli("nominations", "--code", "momentum-ncg-elections", stdin='{"code": "nec-candidates", "verified": 22}')
    assert clash.returncode == 2 and json.loads(clash.stdout)["errors"][0]["field"] == "code"
    refused = cli("nominations", "--json", stdin='{"verified": 22}')
    assert refused.returncode == 2 and json.loads(refused.stdout)["errors"][0]["field"] == "--json"
    # The option named in the sentence, as every option's refusal names it, not "Goes with --csv".
    assert json.loads(refused.stdout)["errors"][0]["sentence"] == ("'--json' goes with --csv: without it the answer is "
                                                                   "JSON already.")
    unread = cli("nominations", "--election-period-end", "2024-06-30", stdin='{"code": "momentum-ncg-elections", "verified": 22}')
    assert unread.returncode == 2 and json.loads(unread.stdout)["errors"] == [{
        "sentence": "'--election-period-end' is not read by the nominations checker: leave it out.",
        "summary_line": "'--election-period-end' is not read by the nominations checker: leave it out.",
        "field": "--election-period-end", "message": "is not read by the nominations checker: leave it out"}]


def test_site_url_makes_a_complaints_link_to_its_clause_whole_and_a_different_address_in_the_request_is_named():
    request = {"code": "momentum-ncg-elections", "clause": "social-media-policy-2", "what": "A post."}
    draft = next(a["text"] for a in json.loads(cli("complaint", "--site-url", "https://example.org/coc",
                                                    stdin=json.dumps(request)).stdout)["actions"] if a["kind"] == "copy")
    assert "https://example.org/coc/codes/momentum-ncg-elections/2022/#social-media-policy-2" in draft
    same = cli("complaint", "--site-url", "https://example.org/coc/",
               stdin=json.dumps({**request, "site_url": "https://example.org/coc"}))
    assert same.returncode == 0
    other = cli("complaint", "--site-url", "https://example.org/", stdin=json.dumps({**request, "site_url": "https://x.org/"}))
    assert other.returncode == 2
    assert [(e["field"], "--site-url" in e["message"]) for e in json.loads(other.stdout)["errors"]] == [("site_url", True)]
    # A checker that links to no page takes --site-url for its files alone.
    assert cli("suspension", "--site-url", "https://example.org/",
               stdin='{"code": "momentum-ncg-elections", "suspended": false}').returncode == 0


def test_without_the_codes_data_or_with_stale_data_the_command_says_what_to_run(tmp_path):
    # A copy of the checkout's layout (the package beside docs/codes), so that the tests running beside this one keep
    # the real data file.
    shutil.copytree(ROOT / "checkers", tmp_path / "checkers", ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copytree(ROOT / "docs" / "codes", tmp_path / "docs" / "codes")
    data = tmp_path / "checkers" / content.DATA_NAME
    request = '{"code": "momentum-ncg-elections", "verified": 22}'
    assert json.loads(cli("nominations", stdin=request, cwd=tmp_path).stdout)["status"] == "sufficient"
    os.utime(data, (1, 1))  # older than every code's file
    stale = cli("nominations", stdin=request, cwd=tmp_path)
    assert stale.returncode == 2 and "docs/codes has changed" in json.loads(stale.stdout)["errors"][0]["message"]
    data.unlink()
    missing = cli("nominations", stdin=request, cwd=tmp_path)
    assert missing.returncode == 2 and "run 'make setup'" in json.loads(missing.stdout)["errors"][0]["message"]


def test_ics_and_record_write_the_same_files_a_checker_page_offers(tmp_path):
    import datetime as dt

    import checkers

    request = {"code": "nec-candidates", "donations": [{"donor": "A", "amount": "1600", "received": "2024-03-01"},
                                                       {"donor": "B", "amount": "1600", "received": "2024-05-01"}]}
    ics, record = tmp_path / "deadlines.ics", tmp_path / "record.txt"
    result = cli("donations", "--ics", str(ics), "--record", str(record), "--site-url", "https://example.org/coc/",
                 stdin=json.dumps(request))
    assert result.returncode == 0 and json.loads(result.stdout)["status"] == "action"
    expected = checkers.check("donations", request, made_on=dt.date.today(), site_url="https://example.org/coc/")
    assert ics.read_bytes().decode("utf-8") == expected["calendar"]["text"]
    assert record.read_text(encoding="utf-8") == expected["record"]["text"]
    text = ics.read_bytes().decode("utf-8")
    # Every deadline has passed (each report's, and the Act's last day to send each donation back had its donor not
    # been permissible): each goes in today, as overdue.
    import icalendar

    events = list(icalendar.Calendar.from_ical(text).walk("VEVENT"))
    assert [e["DTSTART"].dt for e in events] == [dt.date.today()] * 4
    assert sorted(str(e["SUMMARY"])[:50] for e in events) == ["Overdue: check that the donation of £1,600 from A ",
                                                              "Overdue: check that the donation of £1,600 from B ",
                                                              "Overdue: report the donation of £1,600 from A rece",
                                                              "Overdue: report the donation of £1,600 from B rece"]
    assert all(len(line.encode("utf-8")) <= 75 for line in text.split("\r\n"))
    assert "URL:https://example.org/coc/codes/nec-candidates/original/#12" in text


def test_an_answer_without_deadlines_writes_no_calendar_and_says_so(tmp_path):
    ics = tmp_path / "none.ics"
    result = cli("campaign", "--ics", str(ics), stdin=json.dumps({"code": "local-government-selections"}))
    assert result.returncode == 0 and not ics.exists()
    assert result.stderr.strip() == ("--ics: this answer has no date to put in a calendar (a deadline, or a day from "
                                     "which something is allowed), so no calendar file was written")


def test_a_request_with_errors_writes_no_calendar_and_says_nothing_was_checked(tmp_path):
    # Not "this answer has no deadline": there is no answer, only the errors to correct.
    ics = tmp_path / "none.ics"
    result = cli("donations", "--ics", str(ics), stdin=json.dumps({"donations": []}))
    assert result.returncode == 2 and not ics.exists()
    assert json.loads(result.stdout)["errors"][0]["field"] == "code"
    assert result.stderr.strip() == "--ics: nothing was checked, so no calendar file was written"


def test_a_calendar_file_that_cannot_be_written_is_an_error_naming_the_option(tmp_path):
    request = {"code": "nec-candidates", "donations": [{"donor": "A", "amount": "1600", "received": "2024-03-01"}]}
    result = cli("donations", "--ics", str(tmp_path / "no" / "such" / "folder.ics"), stdin=json.dumps(request))
    assert result.returncode == 2
    assert json.loads(result.stdout)["errors"][0]["field"] == "--ics"
    assert not list(tmp_path.rglob("*.partial"))


def test_a_record_written_to_a_pipe_or_through_a_link_leaves_the_pipe_and_the_link_in_place(tmp_path):
    """A path that is not a regular file (a pipe here; /dev/stdout or a terminal alike) is written to, never replaced
    by a file (as root, replacing /dev/stdout would take it from every program); a link keeps pointing where it did."""
    import stat
    import threading

    request = json.dumps({"code": "nec-candidates", "donations": [{"donor": "A", "amount": "1600", "received": "2024-03-01"}]})
    pipe = tmp_path / "pipe"
    os.mkfifo(pipe)
    heard = []
    listener = threading.Thread(target=lambda: heard.append(pipe.read_text(encoding="utf-8")), daemon=True)
    listener.start()
    result = cli("donations", "--record", str(pipe), stdin=request)
    listener.join(10)
    assert result.returncode == 0 and stat.S_ISFIFO(pipe.stat().st_mode)
    assert heard and heard[0].startswith("Codes of Conduct: Donations and spending")
    record, link = tmp_path / "records" / "record.txt", tmp_path / "latest.txt"
    record.parent.mkdir()
    link.symlink_to(record)
    assert cli("donations", "--record", str(link), stdin=request).returncode == 0
    assert link.is_symlink() and record.read_text(encoding="utf-8").startswith("Codes of Conduct")
    assert sorted(p.name for p in tmp_path.rglob("*")) == ["latest.txt", "pipe", "record.txt", "records"]


def test_lone_surrogates_anywhere_are_refused_as_field_errors_in_valid_json():
    for checker, request in [("donations", '{"code": "nec-candidates", "donations": [{"donor": "A\\ud800", "amount": 600, '
                                           '"received": "2024-01-01"}]}'),
                             ("complaint", '{"code": "momentum-ncg-elections", "clause": "code-of-conduct-3", '
                                           '"what": "x\\udfff", "name": "\\ud83d"}'),
                             ("nominations", '{"code": "momentum-ncg-elections", "verified": 22, "\\ud800": 1}')]:
        result = cli(checker, stdin=request)
        assert result.returncode == 2, checker
        response = json.loads(result.stdout)  # whole JSON, written out
        assert response["errors"] and all(e["field"] for e in response["errors"])
    fields = [e["field"] for e in json.loads(cli("complaint", stdin='{"code": "momentum-ncg-elections", "clause": '
                                                  '"code-of-conduct-3", "what": "x\\udfff", "name": "\\ud83d"}').stdout)["errors"]]
    assert fields == ["what", "name"]


def test_a_request_of_a_million_unknown_fields_gets_a_short_bounded_answer():
    request = json.dumps({"code": "momentum-ncg-elections", "verified": 22, **{f"f{n}": n for n in range(200_000)}})
    result = cli("nominations", stdin=request)
    response = json.loads(result.stdout)
    assert result.returncode == 2 and len(result.stdout) < 20_000
    assert len(response["errors"]) == 50 and response["more"] == 200_000 - 50
    assert "The first 50 are listed; 199950 more are not." in response["summary"]
    assert sum("the fields are" in e["message"] for e in response["errors"]) == 1


def test_a_code_or_version_typed_in_other_capitals_is_refused_with_the_one_meant():
    said = {}
    for field, request in (("code", {"code": "NEC-candidates"}), ("version", {"code": "nec-candidates", "version": "Original"}),
                           ("other", {"code": "Leadership"})):
        result = cli("donations", stdin=json.dumps({**request, "donations": []}))
        assert result.returncode == 2
        said[field] = json.loads(result.stdout)["errors"][0]["message"]
    assert said["code"].startswith("'NEC-candidates' is not a code on this site (did you mean nec-candidates?); codes with")
    assert said["version"] == "'Original' is not a version of nec-candidates (did you mean original?); its versions are original"
    # A code without the checker's rules is still the one meant: the next answer says it has none.
    assert said["other"].startswith("'Leadership' is not a code on this site (did you mean leadership?)")


def test_a_mistyped_field_is_named_as_it_was_sent_at_the_top_level_and_in_a_row():
    response = json.loads(cli("nominations", stdin='{"code": "momentum-ncg-elections", "verified": 3, "verifed": 4}').stdout)
    assert [e["summary_line"] for e in response["errors"]] == [
        "'verifed' is not a field this checker reads (did you mean verified?); the fields are code, version, as_of, today, "
        "verified, deadline_passed."]
    response = json.loads(cli("donations", stdin=json.dumps({"code": "nec-candidates", "donations": [
        {"donor": "A", "amount": 5, "received": "2024-01-01", "colour": "red"}]})).stdout)
    assert response["errors"][0]["summary_line"].startswith("Donation 1: 'colour' is not a field this checker reads;")
    assert response["errors"][0]["sentence"].startswith("'colour' is not a field")


def test_a_site_address_that_is_not_one_is_refused_and_never_reaches_a_calendar(tmp_path):
    request = json.dumps({"code": "nec-candidates", "donations": [{"donor": "A", "amount": 1600, "received": "2024-03-01"}]})
    for bad in ("https://a/\r\nX-EVIL:1", "javascript:alert(1)", "ftp://example.org/", "https://"):
        result = cli("donations", "--ics", str(tmp_path / "d.ics"), "--site-url", bad, stdin=request)
        assert result.returncode == 2 and json.loads(result.stdout)["errors"][0]["field"] == "--site-url", bad
        assert not (tmp_path / "d.ics").exists()


def test_output_to_a_file_in_an_encoding_without_every_character_is_escaped_never_a_traceback(tmp_path):
    """Redirected output is written in the system's encoding (cp1252 on Windows, which has no "Ł"): the JSON escapes
    what it cannot hold and stays the same JSON; a text report shows such a character as its code."""
    request = json.dumps({"code": "nec-candidates", "donations": [
        {"donor": "Zoë “Z” Łukasiewicz…", "amount": "£1,700", "received": "2024-03-03"}]})
    expected = json.loads(cli("donations", stdin=request).stdout)
    for encoding in ("cp1252", "ascii", "latin-1", "utf-16"):
        result = subprocess.run([sys.executable, "-m", "checkers", "donations"], input=request.encode("utf-8"),
                                capture_output=True, cwd=ROOT, env={**os.environ, "PYTHONIOENCODING": encoding})
        assert result.returncode == 0 and b"Traceback" not in result.stderr, (encoding, result.stderr)
        assert json.loads(result.stdout.decode(encoding)) == expected, encoding
    sheet = tmp_path / "donations.csv"
    sheet.write_text("donor,amount,received\nZoë “Z”…,1700,2024-03-03\n", encoding="utf-8")
    result = subprocess.run([sys.executable, "-m", "checkers", "donations", "--code", "nec-candidates", "--csv",
                             str(sheet)], capture_output=True, cwd=ROOT, env={**os.environ, "PYTHONIOENCODING": "ascii"})
    assert result.returncode == 0 and b"Traceback" not in result.stderr
    assert "Zo\\xeb \\u201cZ\\u201d\\u2026" in result.stdout.decode("ascii")


def test_at_a_terminal_the_command_says_what_it_waits_for_and_reads_what_is_typed():
    pty = __import__("pytest").importorskip("pty")
    pid, terminal = pty.fork()
    if pid == 0:  # the command, with a terminal for its standard input and output
        os.chdir(ROOT)
        os.execv(sys.executable, [sys.executable, "-m", "checkers", "nominations"])
    said = b""
    while b"Ctrl-D" not in said:
        assert select.select([terminal], [], [], 30)[0], f"the command said nothing at the terminal: {said!r}"
        said += os.read(terminal, 4096)
    assert b'Type the request as JSON, for example {"code": "momentum-ncg-elections", ...}' in said
    os.write(terminal, b'{"code": "momentum-ncg-elections", "verified": 25}\n\x04')
    while select.select([terminal], [], [], 30)[0]:
        try:
            chunk = os.read(terminal, 4096)
        except OSError:  # the command has ended and closed the terminal
            break
        if not chunk:
            break
        said += chunk
    _, status = os.waitpid(pid, 0)
    assert os.waitstatus_to_exitcode(status) == 0
    assert b'"status": "sufficient"' in said and b"Traceback" not in said


def test_codes_data_that_is_a_folder_or_a_device_is_named_as_not_a_file(tmp_path):
    for where in (str(tmp_path), "/dev/null"):
        result = cli("nominations", "--codes", where, stdin='{"code": "momentum-ncg-elections", "verified": 3}')
        assert result.returncode == 2
        assert "this is not a file (a folder or a device)" in json.loads(result.stdout)["errors"][0]["message"]


def test_nothing_on_standard_input_is_said_to_be_nothing_not_bad_json():
    done = subprocess.run([sys.executable, "-m", "checkers", "campaign"], cwd=ROOT, input="  \n", capture_output=True,
                          text=True)
    said = json.loads(done.stdout)
    assert done.returncode == 2 and said["summary"] == "Nothing was checked: nothing was sent."
    assert [e["summary_line"] for e in said["errors"]] == ["What was sent is empty."]


def test_a_checkers_help_says_what_its_request_holds_field_by_field():
    from checkers import CHECKERS
    for name, checker in CHECKERS.items():
        done = subprocess.run([sys.executable, "-m", "checkers", name, "--help"], cwd=ROOT, capture_output=True, text=True)
        assert done.returncode == 0 and "usage: python -m checkers" in done.stdout
        for spec in checker.fields:
            assert f"  {spec.name}: " in done.stdout, (name, spec.name)
    said = subprocess.run([sys.executable, "-m", "checkers", "suspension", "-h"], cwd=ROOT, capture_output=True,
                          text=True).stdout
    assert "suspended: true or false. Are you suspended from the Labour Party? Required." in said
    assert "case_concluded: true or false. Has your case concluded? Required if you are suspended." in said
