"""What the browser's worker calls (checkers/page.py): the same answers as the command line's, written in ASCII so
that Pyodide hands them to JavaScript at once (a string holding one "£" crosses a character at a time)."""

import json

import checkers
from checkers import page

DONATIONS = {"code": "nec-candidates", "donations": [
    {"donor": "Zoë Ndiaye £€😀", "amount": "£1,700", "received": "2024-03-03", "kind": "cash", "permissible": True},
    {"donor": "A. Donor", "amount": 900, "received": "2024-03-10"}]}


def test_the_worker_gets_the_answer_record_and_calendar_in_ascii_reading_back_to_the_command_lines():
    text = page.check_json("donations", json.dumps(DONATIONS), "2024-03-20", "https://example.org/")
    assert text.isascii()
    assert json.loads(text) == json.loads(checkers.check_json("donations", json.dumps(DONATIONS), "2024-03-20",
                                                              "https://example.org/"))
    kept = json.loads(text)
    assert "Zoë Ndiaye £€😀" in kept["record"]["text"] and "Zoë Ndiaye £€😀" in kept["calendar"]["text"]
    assert page.run_json("donations", json.dumps(DONATIONS)).isascii()
    assert json.loads(page.run_json("donations", json.dumps(DONATIONS))) == checkers.run("donations", DONATIONS)


def test_every_other_entry_answers_in_ascii_too():
    refused = page.check_json("donations", "{not json", "2024-03-20")
    assert refused.isascii() and json.loads(refused)["response"]["errors"]
    sheet = "donor,amount,received\nZoë £,£600,3 March 2024\n".encode()
    read = page.read_spreadsheet("donations", sheet)
    assert read.isascii() and json.loads(read)["rows"][0]["donor"] == "Zoë £"
    link = page.share_link("https://example.org/checkers/donations/", json.dumps(DONATIONS))
    assert link.isascii() and json.loads(link)["url"].startswith("https://example.org/checkers/donations/#scenario=")
    case = page.case_json("new-election", json.dumps({"name": "Élection £", "today": "2024-03-20"}))
    assert case.isascii() and json.loads(case)["message"] == "Started a case for Élection £."
    fragment = "#" + json.loads(link)["url"].partition("#")[2]
    restored = page.read_fragment(fragment)
    assert restored.isascii() and "Zoë Ndiaye £€😀" in json.dumps(json.loads(restored), ensure_ascii=False)


def test_the_answer_and_then_its_record_and_calendar_are_what_one_trip_gives():
    """The page's own check shows the answer before its record and calendar are written: the two calls give, in ASCII,
    exactly what check_json gives at once, the second only once, for the check answered last."""
    for text, day in ((json.dumps(DONATIONS), "2024-03-20"), (json.dumps({**DONATIONS, "today": "2024-05-01"}), "2024-03-20"),
                      ("{not json", "2024-03-20"), (json.dumps(DONATIONS), "not a day")):
        shown = page.answer_json("donations", "{}", day)  # answered, then overtaken by the next: never kept
        shown = page.answer_json("donations", text, day, "https://example.org/")
        kept = page.keepsakes_json()
        assert shown.isascii() and kept.isascii()
        assert {**json.loads(shown), **json.loads(kept)} == json.loads(page.check_json("donations", text, day,
                                                                                      "https://example.org/"))
        assert json.loads(page.keepsakes_json())["errors"][0]["field"] == "check"
