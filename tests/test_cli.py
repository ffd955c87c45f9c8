"""The command line: JSON in, JSON out, exit 0 or 2, never a traceback; the CSV path."""

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).parent / "fixtures" / "docs" / "codes"


def cli(*args, stdin=""):
    result = subprocess.run([sys.executable, "-m", "checkers", *args], input=stdin, capture_output=True, text=True,
                            cwd=ROOT)
    assert "Traceback" not in result.stderr
    return result


def test_a_request_on_standard_input_gives_a_cited_result():
    request = {"code": "nec-candidates", "donations": [{"donor": "A", "amount": "£1,600", "received": "2024-03-01",
                                                        "permissible": True}]}
    result = cli("donations", stdin=json.dumps(request))
    assert result.returncode == 0
    response = json.loads(result.stdout)
    assert response["findings"][0]["deadline"] == "2024-03-31"
    assert response["findings"][0]["clause"] == {"code": "nec-candidates", "version": "original", "id": "12",
                                                 "url": "codes/nec-candidates/original/#12"}


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


def test_codes_points_at_another_content_folder():
    request = {"code": "fixture-candidates", "version": "2020",
               "donations": [{"donor": "A", "amount": 600, "received": "2021-01-01"}]}
    result = cli("donations", "--codes", str(FIXTURES), stdin=json.dumps(request))
    assert result.returncode == 0
    assert json.loads(result.stdout)["version"] == "2020"


def test_a_spreadsheet_gives_a_readable_report_or_json(tmp_path):
    sheet = tmp_path / "donations.csv"
    sheet.write_text("Donor name,Amount (£),Date received,Type,Permissible?\n"
                     'Jane Smith,"£1,000",2024-01-05,cash,yes\njane smith ,600,2024-02-01,in kind,unknown\n',
                     encoding="utf-8")
    report = cli("donations", "--code", "nec-candidates", "--csv", str(sheet))
    assert report.returncode == 0
    assert "Donations under nec-candidates@original: ACTION" in report.stdout
    assert "by 2 March 2024" in report.stdout and "[nec-candidates@original#12]" in report.stdout
    response = json.loads(cli("donations", "--code", "nec-candidates", "--csv", str(sheet), "--json").stdout)
    assert response["status"] == "action"


def test_spreadsheet_errors_name_the_row(tmp_path):
    sheet = tmp_path / "donations.csv"
    sheet.write_text("donor,amount,received,permissible\nA,100,2024-01-01,yes\nB,12x,2024-13-01,maybe\n")
    result = cli("donations", "--code", "nec-candidates", "--csv", str(sheet), "--json")
    assert result.returncode == 2
    fields = [e["field"] for e in json.loads(result.stdout)["errors"]]
    assert fields == ["row 3.permissible", "row 3.amount", "row 3.received"]


def test_a_spreadsheet_without_the_needed_columns_says_which():
    result = subprocess.run([sys.executable, "-m", "checkers", "donations", "--code", "nec-candidates", "--csv",
                             "/dev/stdin"], input="name,value\nA,1\n", capture_output=True, text=True, cwd=ROOT)
    assert result.returncode == 2
    assert "has no column for received" in result.stdout
