"""The pull request's summary in plain words: what a maintainer's change adds, against the branch's base."""

import datetime as dt

from sitebuild import new_version, summary
from tests.content_copies import edit


def test_a_new_version_and_a_new_note_are_listed_with_their_addresses_and_unchanged_answers_say_so(docs_copy):
    docs = docs_copy
    path, _ = new_version.new_version(docs, "leadership", "2027", dt.date(2026, 11, 27))
    edit(path, '"Write one line here: what this version changes."', "Adds a clause on online conduct.")
    edit(path, "status: in-force", "status: in-force\nin_force_from: 2027-01-01")
    (docs / "law" / "notes.yml").write_text((docs / "law" / "notes.yml").read_text(encoding="utf-8") + """
- code: leadership
  version: original
  clause: p1
  date: 2026-11-27
  check_by: 2027-06-01
  title: A test note
  text: A note written for this test.
  sources:
    - title: A source
      url: https://www.legislation.gov.uk/
""", encoding="utf-8")
    text = summary.summary("HEAD", docs, "https://example.org/site/")
    assert "- New version **leadership@2027** (Leadership code): Adds a clause on online conduct. " \
           "[Read it](https://example.org/site/codes/leadership/2027/)." in text
    assert "[Word-level comparison](https://example.org/site/codes/leadership/compare/original-to-2027/)" in text
    assert "Note on the law, Leadership code original, paragraph 1: A test note" in text
    assert text.split("### Checker answers for the test cases")[1].strip() == "No change."
    assert text.split("### The law's figures")[1].split("###")[0].strip() == "No change."


def test_a_base_that_cannot_be_found_is_said_plainly():
    text = summary.summary("0000000000000000000000000000000000000000", summary.ROOT / "docs", "")
    assert "could not be checked out, so answers were not compared" in text


def test_answers_here_come_from_the_content_given_not_from_checkers_data_built_earlier(docs_copy):
    """A maintainer who raises Momentum's reporting threshold in a new version sees the test cases' answers change,
    with how many clauses changed in words, whatever checkers/codes.json was last built from."""
    docs = docs_copy
    path, _ = new_version.new_version(docs, "momentum-ncg-elections", "2026", dt.date(2026, 11, 27))
    edit(path, '"Write one line here: what this version changes."', "Raises the reporting threshold.")
    edit(path, "status: in-force", "status: in-force\nin_force_from: 2026-01-01")
    edit(path, "Any donation over £500 from", "Any donation over £5000 from")
    edit(path, "      threshold: 500\n", "      threshold: 5000\n")
    text = summary.summary("HEAD", docs, "")
    assert "  - Against 2022: 1 changed, 0 added, 0 removed, " in text, text
    assert ("  - Took effect on 1 January 2026, a day already past: once merged, the site shows it, not version 2022, "
            "as in force from that day, and both versions' pages say that until the merge the site showed version "
            "2022.") in text, text
    answers = text.split("### Checker answers for the test cases")[1]
    assert answers.strip() != "No change." and "Momentum" in answers, answers


def test_a_version_marked_withdrawn_is_said_in_the_summary(docs_copy):
    edit(docs_copy / "codes" / "leadership" / "original.md", "status: in-force", "status: withdrawn")
    text = summary.summary("HEAD", docs_copy, "https://example.org/site/")
    assert ("- **leadership@original** is now marked withdrawn (it was in-force): "
            "[its page](https://example.org/site/codes/leadership/original/) says so.") in text, text
