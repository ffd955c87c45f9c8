"""The law beside the codes: the statutory figures as dated data, checked as strictly as the codes' rules; notes
on clauses that never touch the text; and what the pages and feed say of them."""

import datetime as dt
import json
from decimal import Decimal
from pathlib import Path

import pytest

import checkers
from checkers import content
from checkers import law as statute
from sitebuild import lock, model
from tests.content_copies import edit, refused

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs"


@pytest.fixture(scope="module")
def site():
    return model.load(DOCS)


@pytest.fixture
def docs(docs_copy):
    return docs_copy


# --- The figures, dated ----------------------------------------------------------------------------------

def test_the_reporting_threshold_is_1500_until_2022_either_until_the_revised_act_shows_2230_and_2230_after(site):
    threshold = site.law.figure("reporting-threshold")
    assert threshold.on(dt.date(2018, 3, 7)).amount == Decimal(1500)
    assert threshold.on(dt.date(2022, 12, 31)).amount == Decimal(1500)
    # SI 2023/1235 is of 2023, and its commencement article is not confirmed: either value may apply.
    assert threshold.on(dt.date(2023, 1, 1)) is None
    assert [v.amount for v in threshold.possible(dt.date(2023, 1, 1))] == [1500, 2230]
    assert [v.amount for v in threshold.possible(dt.date(2024, 11, 18))] == [1500, 2230]
    assert threshold.on(dt.date(2024, 11, 19)).amount == Decimal(2230)
    # Its first day stays "not confirmed" on the page, as the sources leave it.
    assert threshold.values[1].start is None and threshold.values[1].start_text() == "date not confirmed"


def test_the_acts_200_applied_from_16_february_2001_and_500_not_before_the_2009_act(site):
    floor = site.law.figure("not-a-donation")
    assert floor.values[0].start == dt.date(2001, 2, 16)
    assert floor.on(dt.date(2001, 2, 15)) is None and floor.possible(dt.date(2001, 2, 15)) == [None]
    assert floor.on(dt.date(2001, 2, 16)).amount == Decimal(200)
    assert floor.on(dt.date(2009, 7, 20)).amount == Decimal(200)
    assert [v.amount for v in floor.possible(dt.date(2009, 7, 21))] == [200, 500]
    assert floor.on(dt.date(2018, 3, 6)) is None
    assert floor.on(dt.date(2018, 3, 7)).amount == Decimal(500)


def test_no_checker_relies_on_the_reporting_period_whose_words_are_not_confirmed(site):
    period = site.law.figure("reporting-period")
    assert period.runs_from == "the day the donation is accepted"
    assert all(period.on(dt.date(year, 1, 1)) is None for year in (2001, 2010, 2024, 2026))


def test_a_value_is_relied_on_only_where_the_sources_leave_no_other_possible():
    source = (statute.Source("s", "https://example.org/"),)
    figure = statute.Figure("f", "t", "p", "https://example.org/", statute.MORE_THAN, "pounds", (
        statute.Value(Decimal(1), dt.date(2001, 1, 1), None, "b", source),
        statute.Value(Decimal(2), None, dt.date(2010, 1, 1), "b", source),
        statute.Value(Decimal(3), dt.date(2020, 1, 1), None, "b", source)))
    assert figure.on(dt.date(2000, 12, 31)) is None
    assert figure.on(dt.date(2001, 1, 1)) is None  # it may already have changed: the next first day is unknown
    assert [v.amount for v in figure.possible(dt.date(2001, 1, 1))] == [1, 2]
    assert figure.on(dt.date(2010, 1, 1)).amount == 2
    assert figure.on(dt.date(2019, 12, 31)).amount == 2
    assert figure.on(dt.date(2020, 1, 1)).amount == 3
    # With the first day it could have had (not_before), the one before is relied on until then.
    bounded = statute.Figure("f", "t", "p", "https://example.org/", statute.MORE_THAN, "pounds", (
        figure.values[0], statute.Value(Decimal(2), None, dt.date(2010, 1, 1), "b", source, dt.date(2005, 1, 1))))
    assert bounded.on(dt.date(2004, 12, 31)).amount == 1
    assert [v.amount for v in bounded.possible(dt.date(2005, 1, 1))] == [1, 2]


def test_the_checkers_data_carries_the_law_and_which_clause_of_each_version_applies_it(site):
    codes = content.from_data(content.to_data(site.codes, site.law))
    nec, local = codes["nec-candidates"].current, codes["local-government-selections"].current
    assert nec.applied_law.application.clause == "12" and local.applied_law.application.clause == "12"
    assert nec.applied_law.application.ask == "Contact the Governance and Legal Unit on 020 7783 1498 for more information."
    assert codes["momentum-ncg-elections"].current.applied_law is None
    assert nec.applied_law.law.figure("reporting-threshold").on(dt.date(2025, 1, 1)).amount == 2230
    late = nec.applied_law.law.provisions["late-report"]
    assert late.provision == "PPERA 2000, Schedule 7, paragraph 12(1)" and "30 days" in late.says


# --- The build refuses bad law data, naming the file and line ----------------------------------------------

def test_a_statutory_value_without_a_date_is_refused(docs):
    edit(docs / "law" / "figures.yml", "        from: 2001-02-16\n", "")
    error = refused(docs)
    assert error.path.endswith("figures.yml") and error.line
    assert "from is required" in error.message and "not confirmed" in error.message


def test_a_statutory_value_without_a_source_is_refused(docs):
    path = docs / "law" / "figures.yml"
    text = path.read_text(encoding="utf-8")
    start = text.index("      - value: 30\n")
    sources = text.index("        sources:", start)
    path.write_text(text[:sources] + "        sources: []\n", encoding="utf-8")
    error = refused(docs)
    assert "at least one source" in error.message and error.line


def test_statutory_values_out_of_date_order_are_refused(docs):
    edit(docs / "law" / "figures.yml", "not_before: 2023-01-01\n        in_force_on: 2024-11-19",
         "not_before: 2017-01-01\n        in_force_on: 2018-01-01")
    error = refused(docs)
    assert "in the order they applied" in error.message and "figure reporting-threshold, value 2" in error.message
    assert "(2018-01-01 is not after 2018-03-07)" in error.message
    assert error.line == _line(docs / "law" / "figures.yml", "in_force_on: 2018-01-01")


def test_a_figure_without_the_day_it_was_checked_or_is_to_be_checked_again_is_refused(docs):
    line = edit(docs / "law" / "figures.yml", "    check_by: 2027-03-01\n", "")
    error = refused(docs)
    assert "figure reporting-threshold needs check_by" in error.message and error.line == line - 7


def test_a_note_that_types_a_figure_instead_of_referring_to_it_is_refused(docs):
    line = edit(docs / "law" / "notes.yml", "to {reporting-threshold}; the", "to £2,230; the")
    error = refused(docs)
    assert error.path.endswith("notes.yml") and error.line == line
    assert "note 1: text types the amount £2,230: write the figure as {figure-id}" in error.message


def test_a_note_that_quotes_words_its_clause_does_not_say_is_refused(docs):
    edit(docs / "law" / "notes.yml", 'donations "of more than £1500"', 'donations "of more than £1,600"')
    assert 'note 1: text quotes "of more than £1,600", which the clause does not say' in refused(docs).message


def test_a_note_that_refers_to_a_figure_the_law_does_not_have_is_refused_naming_the_figures(docs):
    edit(docs / "law" / "notes.yml", "{not-a-donation} or less is\n", "{not-a-gift} or less is\n")
    message = refused(docs).message
    assert "note 1: text refers to {not-a-gift}, which is not a figure" in message and "reporting-threshold" in message
    edit(docs / "law" / "notes.yml", "{not-a-gift}", "{not-a-donation[3]}")
    assert "refers to value 3 of not-a-donation, which has 2 (counted from 1)" in refused(docs).message


def test_a_new_value_of_a_figure_changes_every_note_that_refers_to_it(docs):
    path = docs / "law" / "figures.yml"
    edit(path, "      - value: 2230\n", "      - value: 2231\n")
    notes = {(n.code, n.clause): n for n in model.load(docs).notes}
    assert "£2,231" in notes[("nec-candidates", "12")].text and "£2,230" not in notes[("nec-candidates", "12")].text


def test_a_proposal_touching_a_clause_the_site_does_not_have_is_refused(docs):
    edit(docs / "law" / "proposals.yml", "nec-candidates@original#12", "nec-candidates@original#99")
    error = refused(docs)
    assert error.path.endswith("proposals.yml") and "proposal 1: nec-candidates@original#99 is not a clause" in error.message


def test_a_figure_a_checker_cites_must_be_in_the_data(docs):
    edit(docs / "law" / "figures.yml", "  not-a-donation:\n", "  not-a-gift:\n")
    error = refused(docs)
    assert "the donations checker cites the statutory figure 'not-a-donation'" in error.message


def test_a_clause_said_to_apply_the_act_must_say_so_in_its_words(docs):
    edit(docs / "law" / "figures.yml", "wording: regulated by the Political", "wording: governed by the Political")
    error = refused(docs)
    assert "no version of local-government-selections has #12 with the words" in error.message and error.line


def test_a_note_on_a_clause_that_does_not_exist_is_refused(docs):
    edit(docs / "law" / "notes.yml", 'clause: "2"\n', 'clause: "99"\n')
    error = refused(docs)
    assert error.path.endswith("notes.yml")
    assert "nec-candidates@original has no clause #99" in error.message
    # The next step: where to find the anchor to write.
    assert "permanent link ends with, as on the code's page (codes/nec-candidates/original/)" in error.message
    assert error.line == _line(docs / "law" / "notes.yml", 'clause: "99"')


def test_a_note_on_a_version_that_does_not_exist_is_refused(docs):
    edit(docs / "law" / "notes.yml", "version: original", "version: 2031")
    assert "nec-candidates has no version 2031; its versions are original" in refused(docs).message


SECOND_NOTE = '- code: nec-candidates\n  version: original\n  clause: "2"\n'


@pytest.mark.parametrize("without, said", [
    ('  clause: "2"\n', 'note 2 has no clause: add the clause it is about, as its link ends, e.g. clause: "'),
    ("  version: original\n", "note 2 has no version: add 'version: ' and one of original"),
    ("- code: nec-candidates\n", "note 2 has no code: add 'code: ' and one of "),
])
def test_a_note_missing_where_it_goes_says_which_field_to_add(docs, without, said):
    notes = docs / "law" / "notes.yml"
    text = notes.read_text(encoding="utf-8")
    assert text.count(SECOND_NOTE) == 1
    cut = SECOND_NOTE.replace(without, "")
    notes.write_text(text.replace(SECOND_NOTE, cut if cut.startswith("- ") else "- " + cut.lstrip()), encoding="utf-8")
    error = refused(docs)
    assert error.path.endswith("notes.yml") and said in error.message and "None" not in error.message, str(error)
    assert error.line == text[:text.index(SECOND_NOTE)].count("\n") + 1


def test_a_note_dated_after_today_is_refused(docs):
    edit(docs / "law" / "notes.yml", "date: 2026-12-02\n  check_by: 2027-03-01", "date: 2099-01-01\n  check_by: 2099-03-01")
    assert "is after today" in refused(docs).message


@pytest.mark.parametrize("file, old, new", [
    ("figures.yml", "    checked: 2026-12-02\n    check_by: 2027-06-01", "    checked: 2099-01-01\n    check_by: 2099-06-01"),
    ("proposals.yml", "  date: 2026-12-05\n  check_by: 2027-01-15", "  date: 2099-01-01\n  check_by: 2099-06-01"),
])
def test_a_figure_or_proposal_checked_after_today_is_refused(docs, file, old, new):
    line = edit(docs / "law" / file, old, new)
    error = refused(docs)
    assert error.path.endswith(file) and "2099-01-01 is after today" in error.message and error.line == line, str(error)


def test_a_missing_title_is_named_by_the_entry_a_maintainer_sees_not_a_data_path(docs):
    line = edit(docs / "law" / "notes.yml", "  title: The Act's reporting threshold has been raised", "  title: ''")
    error = refused(docs)
    assert error.message == "note 1: title is required, as text" and error.line == line, str(error)


def test_a_note_without_sources_is_refused(docs):
    path = docs / "law" / "notes.yml"
    text = path.read_text(encoding="utf-8")
    end = text.index("- code:", text.index("sources:"))
    start = text.index("  sources:")
    path.write_text(text[:start] + text[end:], encoding="utf-8")
    assert "needs at least one source" in refused(docs).message


def _line(path: Path, needle: str) -> int:
    return next(n for n, line in enumerate(path.read_text(encoding="utf-8").split("\n"), 1) if needle in line)


# --- Notes never touch the text ------------------------------------------------------------------------------

def test_notes_change_no_versions_text_or_its_hash_in_the_lock(site, docs):
    hashes = {v.citation: lock.fingerprint(v) for c in site.codes.values() for v in c.versions}
    (docs / "law" / "notes.yml").write_text("[]\n", encoding="utf-8")
    bare = model.load(docs)
    assert {v.citation: lock.fingerprint(v) for c in bare.codes.values() for v in c.versions} == hashes
    assert not bare.notes and site.notes
    # And the lock, which holds every published version's text, accepts the site with its notes as it is.
    lock.check(site, DOCS / lock.LOCK_NAME)


def test_the_notes_say_what_changed_with_sources_for_nec_clauses_2_and_12_and_local_government_clause_12(site):
    noted = {(n.code, n.clause): n for n in site.notes}
    assert set(noted) >= {("nec-candidates", "12"), ("nec-candidates", "2"), ("local-government-selections", "12")}
    assert "£2,230" in noted[("nec-candidates", "12")].text and "not confirmed" in noted[("nec-candidates", "12")].text
    assert "Data Protection Act 2018" in noted[("nec-candidates", "2")].text
    assert "Data (Use and Access) Act 2025" in noted[("nec-candidates", "2")].text and "19 June 2025" in noted[("nec-candidates", "2")].text
    assert "£500 or less" in noted[("local-government-selections", "12")].text
    assert all(n.sources and all(s.url.startswith("https://") for s in n.sources) for n in site.notes)


# --- What the built pages say -------------------------------------------------------------------------------

def _pages(built_site: Path, pattern: str) -> list[Path]:
    return sorted(built_site.glob(pattern))


def test_every_code_page_and_checker_page_carries_a_currency_statement(built_site, site):
    from sitebuild import law

    pages = _pages(built_site, "codes/*/index.html") + _pages(built_site, "codes/*/*/index.html")
    pages = [p for p in pages if "/compare/" not in p.as_posix()]
    checker_pages = _pages(built_site, "checkers/*/index.html")
    assert len(pages) >= 10 and len(checker_pages) == len(checkers.CHECKERS)
    words = "The law's figures " + law.figures_currency(site.law, dt.date.today())
    for path in pages:
        html = path.read_text(encoding="utf-8")
        assert "Text as published on this site on" in html and words in html, path
    for path in checker_pages:
        html = path.read_text(encoding="utf-8")
        assert "Applies the codes' text as published on this site (" in html, path
        assert words in html, path


def test_past_its_day_to_be_checked_again_the_law_warns_and_the_pages_say_not_checked_since(docs, tmp_path):
    import build_site
    from sitebuild import law

    later = dt.date(2027, 3, 2)  # the day after the reporting threshold's check_by
    site = model.load(docs, later)
    assert any("figure reporting-threshold was due to be checked again by 2027-03-01" in w[2] for w in site.warnings)
    assert all(w[1] for w in site.warnings)  # each on its line
    words = law.figures_currency(site.law, later)
    assert words.startswith("have not been checked since 2 December 2026")
    notices = build_site.build(docs, tmp_path / "site", with_runtime=False, today=later)
    assert any(n.startswith("warning: ") and "figures.yml:" in n and "due to be checked again" in n for n in notices)
    page = (tmp_path / "site" / "codes" / "nec-candidates" / "index.html").read_text(encoding="utf-8")
    assert "have not been checked since 2 December 2026" in page and "not all checked since 2 December 2026" in page


def test_a_note_sits_under_its_clause_apart_from_the_text_and_is_announced_as_a_note(built_site):
    html = (built_site / "codes" / "nec-candidates" / "original" / "index.html").read_text(encoding="utf-8")
    clause = html[html.index('id="12"'):html.index('id="13"')]
    assert '<aside aria-labelledby="note-12-title" class="law-note" id="note-12" role="note">' in clause
    assert "<strong>Note on the law</strong>: The Act" in clause and "reporting threshold has been raised" in clause
    # The code's own words come first and stay as they are.
    assert clause.index("within 30 days of receipt") < clause.index("Note on the law")
    assert "This version has notes on the law" in html and 'href="#note-12"' in html
    assert "2 notes on the law, checked on" in html
    local = (built_site / "codes" / "local-government-selections" / "index.html").read_text(encoding="utf-8")
    assert 'id="note-12"' in local and "1 note on the law" in local
    momentum = (built_site / "codes" / "momentum-ncg-elections" / "index.html").read_text(encoding="utf-8")
    assert "No notes on the law." in momentum and "law-note" not in momentum


def test_a_bill_is_shown_as_a_proposal_on_the_clauses_and_figures_it_would_touch_and_changes_no_answer(built_site, docs):
    html = (built_site / "codes" / "nec-candidates" / "original" / "index.html").read_text(encoding="utf-8")
    clause = html[html.index('id="12"'):html.index('id="13"')]
    assert "Proposed change to the law, not in force</strong>: Representation of the People Bill" in clause
    assert "at its Report Stage in the House of Commons" in clause and "1 proposed change to the law, not in force." in html
    law_page = (built_site / "law" / "index.html").read_text(encoding="utf-8")
    assert 'id="proposal-representation-of-the-people-bill"' in law_page and "A Bill is not law" in law_page
    data = json.loads((built_site / "codes" / "nec-candidates" / "original.json").read_text(encoding="utf-8"))
    assert data["proposed"][0]["in_force"] is False and data["proposed"][0]["clauses"] == ["nec-candidates@original#12"]
    assert "Proposed change to the law, not in force: Representation of the People Bill" in (built_site / "feed.xml").read_text()
    # The same requests answer the same with or without the proposal.
    request = {"code": "nec-candidates", "today": "2026-12-02",
               "donations": [{"donor": "A", "amount": 2500, "received": "2025-06-01", "permissible": True}]}
    with_it = checkers.run("donations", request, content.from_data(content.to_data(model.load(docs).codes, model.load(docs).law)))
    (docs / "law" / "proposals.yml").write_text("[]\n", encoding="utf-8")
    without = model.load(docs)
    assert not without.proposals
    assert checkers.run("donations", request, content.from_data(content.to_data(without.codes, without.law))) == with_it


def test_the_laws_page_shows_each_value_with_its_date_or_date_not_confirmed_and_its_sources(built_site):
    html = (built_site / "law" / "index.html").read_text(encoding="utf-8")
    assert "more than £2,230</td><td>date not confirmed (not before 1 January 2023) (shown in force on 19 November 2024)</td>" in html
    assert "not more than £200</td><td>16 February 2001</td>" in html
    assert "not more than £500</td><td>date not confirmed (not before 21 July 2009) (shown in force on 7 March 2018)</td>" in html
    assert 'href="https://www.legislation.gov.uk/uksi/2001/222/schedule/1/made"' in html
    assert "PPERA 2000, Schedule 7, paragraph 12(1)" in html
    figures = json.loads((built_site / "law" / "figures.json").read_text(encoding="utf-8"))
    assert [v["from"] for v in figures["figures"][1]["values"]] == ["not confirmed", "not confirmed"]
    assert figures["figures"][1]["check_by"] and figures["provisions"][0]["id"] == "late-report"


def test_notes_appear_in_the_versions_json_the_topics_and_the_feed(built_site):
    data = json.loads((built_site / "codes" / "nec-candidates" / "original.json").read_text(encoding="utf-8"))
    note = next(n for n in data["notes"] if n["clause"] == "12")
    assert note["url"] == "codes/nec-candidates/original/#note-12" and note["date"] == "2026-12-02" and note["sources"]
    assert note["check_by"] == "2027-03-01"
    topics = (built_site / "topics" / "index.html").read_text(encoding="utf-8")
    assert "Note on the law:" in topics and "#note-12" in topics
    feed = (built_site / "feed.xml").read_text(encoding="utf-8")
    assert "<title>Note on the law: NEC candidates&#x27; code" in feed or "<title>Note on the law: NEC candidates' code" in feed


def test_problems_in_files_that_do_not_depend_on_each_other_are_reported_together(docs):
    """A round of CI takes a quarter of an hour: every problem it can find is named in one, each with its place."""
    notes = docs / "law" / "notes.yml"
    first = edit(notes, 'clause: "12"\n', 'clause: "98"\n')
    second = edit(notes, 'clause: "2"\n', 'clause: "99"\n')
    glossary = edit(docs / "glossary.yml", "  meaning:", "  meanin:")
    error = refused(docs)
    found = [(Path(e.path).name, e.line, e.message) for e in content.each_error(error)]
    assert [(name, line) for name, line, _ in found] == [("glossary.yml", glossary), ("notes.yml", first),
                                                        ("notes.yml", second)], found
    assert "has no clause #98" in found[1][2] and "has no clause #99" in found[2][2]
    assert str(error).count("\n") == 2  # one line each, as the build prints them


def test_every_problem_of_one_note_is_named_in_one_round(docs):
    """Its days, its words and its sources do not depend on one another: a maintainer fixes all three at once."""
    notes = docs / "law" / "notes.yml"
    start = len(notes.read_text(encoding="utf-8").splitlines())
    notes.write_text(notes.read_text(encoding="utf-8") + """- code: nec-candidates
  version: original
  clause: "3"
  date: 2026-12-02
  check_by: 2026-12-01
  title: A note for this test
  text: The threshold is £2,230 now.
  sources:
    - title: A source
      url: http://www.legislation.gov.uk/
""", encoding="utf-8")
    found = [(e.line - start, e.message.split(": ", 1)[1]) for e in content.each_error(refused(docs))]
    assert [line for line, _ in found] == [5, 7, 10], found
    assert found[0][1].startswith("check_by (2026-12-01) is before the day it was checked")
    assert found[1][1].startswith("text types the amount £2,230")
    assert found[2][1] == "its url must be an https:// address", found


def test_problems_in_two_proposals_are_named_together(docs):
    path = docs / "law" / "proposals.yml"
    text = path.read_text(encoding="utf-8")
    entry = text[text.index("- id:"):]
    second = entry.replace("- id: ", "- id: another-", 1).replace("nec-candidates@original#12", "nec-candidates@original#98")
    path.write_text(text.rstrip("\n") + "\n" + second, encoding="utf-8")
    edit(path, "nec-candidates@original#12", "nec-candidates@original#99")
    found = content.each_error(refused(docs))
    assert len(found) == 2 and found[0].line < found[1].line, found
    assert "proposal 1: nec-candidates@original#99 is not a clause" in found[0].message
    assert "proposal 2: nec-candidates@original#98 is not a clause" in found[1].message
