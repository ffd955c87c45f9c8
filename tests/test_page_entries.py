"""What the browser's worker calls (checkers/page.py): the same answers as the command line's, written in ASCII so
that Pyodide hands them to JavaScript at once (a string holding one "£" crosses a character at a time)."""

import base64
import json

from hypothesis import given, settings
from hypothesis import strategies as st

import checkers
from checkers import page, scenario

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
        # Whether a calendar will come is said with the answer, so that the page keeps the record's place for it.
        assert json.loads(shown)["calendar"] is (json.loads(kept).get("calendar") is not None)
        assert {**json.loads(shown), **json.loads(kept)} == json.loads(page.check_json("donations", text, day,
                                                                                      "https://example.org/"))
        assert json.loads(page.keepsakes_json())["errors"][0]["field"] == "check"


def test_what_the_page_says_of_a_spreadsheet_and_a_saved_file_is_pythons():
    """The page puts these words in place and formats none: the summary, the notes, what to do next."""
    read = json.loads(page.read_spreadsheet("donations", "donor,amount,received,colour\nA,5,2024-01-01,red\n"))
    assert read["status"] == ("1 donation added from the spreadsheet. Column D ('colour') is not one the checker reads, "
                              "so it was ignored. Check them, then press Check.")
    bad = json.loads(page.read_spreadsheet("donations", "donor,amount,received\nA,x,2024-01-01\nB,5,2024-02-30\n"))
    assert bad["rows"] == [] and bad["status"] == "Nothing was added: the spreadsheet has 2 problems to correct."
    assert [e["summary_line"][:30] for e in bad["errors"]] == ["Spreadsheet row 2, amount: 'x'", "Spreadsheet row 3, date receiv"]
    many = "donor,amount,received\n" + "A,x,2024-01-01\n" * 60
    assert json.loads(page.read_spreadsheet("donations", many))["status"].endswith("has 60 problems to correct.")
    none = json.loads(page.read_spreadsheet("suspension", "a"))
    assert none["rows"] == [] and none["errors"][0]["summary_line"] == "The suspension checker takes no spreadsheet."
    saved = json.loads(page.write_spreadsheet("donations", json.dumps([{"donor": "=A", "amount": "5"}])))
    assert saved["filename"] == "donations.csv" and saved["csv"].splitlines()[1] == "'=A,5,,,unknown"
    assert saved["status"].startswith("Saved as donations.csv in your downloads.")
    assert "errors" in json.loads(page.write_spreadsheet("suspension", "[]"))
    assert "errors" in json.loads(page.write_spreadsheet("donations", "{}"))


def test_what_a_link_or_a_case_held_that_the_form_could_not_take_is_worded_by_python_as_its_errors_are():
    refused = [{"field": "version", "value": "1999", "why": "no-version", "code": "nec-candidates"},
               {"field": "donations[0].kind", "value": "cheque", "why": "not-offered"},
               {"field": "colour", "value": "red", "why": "no-question"},
               {"field": "scenario", "value": None, "why": "not-answers"}]
    words = json.loads(page.refused_json("donations", "link", json.dumps(refused)))
    assert words["heading"] == ("Not checked: the link holds 4 answers this page could not take. Choose or correct them, "
                                "then press Check.")
    # In the order the form asks its questions; what it does not ask, last.
    assert words["lines"] == ["Code and version: '1999' was not taken: NEC candidates' code has no such version on this site.",
                              "Donation 1, kind: 'cheque' was not taken: it is not one of the choices offered.",
                              "'colour': 'red' was not taken: this checker has no such question.",
                              "What it holds (null) was not taken: it is not a set of answers."]
    reordered = json.loads(page.refused_json("donations", "link", json.dumps(refused[::-1])))
    assert reordered["lines"][:2] == words["lines"][:2]
    nothing = json.loads(page.refused_json("donations", "link", '[{"field": "code", "why": "no-code"}]'))
    assert nothing["lines"] == ["Code and version: nothing was not taken: this site has no such code for this checker."]
    # A version with no code names nothing: the reader is asked for both, not told the code is unknown.
    alone = json.loads(page.refused_json("donations", "link", '[{"field": "version", "value": "1", "why": "version-alone"}]'))
    assert alone["lines"] == ["Code and version: '1' was not taken: a version means nothing without its code: "
                              "choose the code and version in the form."]
    one = json.loads(page.refused_json("donations", "case", json.dumps(refused[1:2])))
    assert one["heading"].startswith("Not checked: your case holds an answer ") and "correct it, then" in one["heading"]
    # An unknown reason is the widget's general one; an unknown source or checker, or no list, is an error.
    assert json.loads(page.refused_json("donations", "spreadsheet", '[{"field": "as_of", "value": 1, "why": "?"}]')
                      )["lines"] == ["The version in force on: 1 was not taken: the field cannot hold it."]
    for args in (("donations", "post", "[]"), ("nowhere", "link", "[]"), ("donations", "link", "{}"),
                 ("donations", "link", "[")):
        assert json.loads(page.refused_json(*args))["errors"]
    # Bounded as every list of errors is.
    many = json.loads(page.refused_json("donations", "link", json.dumps(
        [{"field": f"q{n}", "value": n, "why": "no-question"} for n in range(80)])))
    assert len(many["lines"]) == 51 and many["lines"][-1] == "And 30 more."


def test_a_share_link_says_what_the_page_says_once_it_is_copied_or_why_there_is_none():
    link = json.loads(page.share_link("https://example.org/checkers/donations/", json.dumps(DONATIONS), "donations"))
    assert link["copied"].startswith("Link copied.") and "copy it from there" in link["not_copied"]
    long = {"code": "nec-candidates", "donations": [{"donor": "a" * 9000}]}
    too_long = json.loads(page.share_link("https://example.org/checkers/donations/", json.dumps(long), "donations"))
    assert too_long["spreadsheet"] and too_long["message"].endswith("Save the rows as a spreadsheet instead, below, "
                                                                    "and share the file.")
    complaint = json.loads(page.share_link("https://example.org/checkers/complaint/", json.dumps({"a": "b" * 9000}),
                                           "complaint"))
    assert "spreadsheet" not in complaint and complaint["message"].endswith(f"longer than {scenario.LONGEST_LINK:,}).")


_JSON = st.recursive(st.none() | st.booleans() | st.integers() | st.text(), lambda inner: st.lists(inner, max_size=3)
                     | st.dictionaries(st.text(max_size=5), inner, max_size=3), max_leaves=8)
_ITEM = st.fixed_dictionaries({}, optional={"field": _JSON | st.sampled_from(["code", "as_of", "donations[2].kind", "x"]),
                                            "value": _JSON, "why": _JSON | st.sampled_from(sorted(page.REFUSED_WHY)),
                                            "code": _JSON | st.just("nec-candidates")})


@settings(max_examples=300, deadline=None)
@given(st.lists(_ITEM | _JSON, max_size=6), st.sampled_from(sorted(page.SOURCES) + ["elsewhere"]))
def test_whatever_the_page_sends_as_refused_it_gets_words_or_errors_never_an_exception(refused, source):
    said = json.loads(page.refused_json("donations", source, json.dumps(refused)))
    assert said["errors"] if source not in page.SOURCES else said["heading"].startswith("Not checked: ")


def test_a_link_whose_answers_give_a_name_twice_is_refused_in_the_readers_words():
    """No link this site makes gives a name twice: one that does was edited, and which value it means cannot be told."""
    value = scenario.encode({"code": "nec-candidates"})
    text = '{"code": "nec-candidates", "code": "momentum-ncg-elections"}'
    repeated = base64.urlsafe_b64encode(text.encode()).decode().rstrip("=")
    assert scenario.read_fragment("#scenario=" + value) == {"kind": "scenario", "request": {"code": "nec-candidates"}}
    assert scenario.read_fragment("#prefill=" + repeated) == {
        "kind": "prefill", "error": "The link's answers could not be read: they give 'code' twice. Ask for the link "
                                    "again, or enter your answers below."}
