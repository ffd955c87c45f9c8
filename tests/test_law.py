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

def test_the_reporting_threshold_is_1500_until_31_december_2023_and_2230_from_1_january_2024(site):
    threshold = site.law.figure("reporting-threshold")
    assert threshold.on(dt.date(2023, 12, 31)).amount == Decimal(1500)
    assert threshold.on(dt.date(2024, 1, 1)).amount == Decimal(2230)
    assert threshold.on(dt.date(2026, 11, 27)).amount == Decimal(2230)


def test_a_value_whose_first_day_is_not_confirmed_is_relied_on_only_from_the_day_a_source_shows_it(site):
    floor = site.law.figure("not-a-donation")
    assert floor.on(dt.date(2018, 3, 6)) is None
    assert floor.on(dt.date(2018, 3, 7)).amount == Decimal(500)
    # The £200 of the Act as enacted has no confirmed day at all.
    assert floor.values[0].amount == Decimal(200) and floor.values[0].start_text() == "date not confirmed"
    assert all(floor.on(dt.date(year, 6, 1)) is None for year in range(2000, 2018))


def test_no_checker_relies_on_the_reporting_period_whose_words_are_not_confirmed(site):
    period = site.law.figure("reporting-period")
    assert period.runs_from == "the day the donation is accepted"
    assert all(period.on(dt.date(year, 1, 1)) is None for year in (2001, 2010, 2024, 2026))


def test_a_value_is_never_relied_on_where_the_next_ones_first_day_is_unknown():
    source = (statute.Source("s", "https://example.org/"),)
    figure = statute.Figure("f", "t", "p", "https://example.org/", statute.MORE_THAN, "pounds", (
        statute.Value(Decimal(1), dt.date(2001, 1, 1), None, "b", source),
        statute.Value(Decimal(2), None, dt.date(2010, 1, 1), "b", source),
        statute.Value(Decimal(3), dt.date(2020, 1, 1), None, "b", source)))
    assert figure.on(dt.date(2000, 12, 31)) is None
    assert figure.on(dt.date(2001, 1, 1)) is None  # it may already have changed: the next day is unknown
    assert figure.on(dt.date(2010, 1, 1)).amount == 2
    assert figure.on(dt.date(2019, 12, 31)).amount == 2
    assert figure.on(dt.date(2020, 1, 1)).amount == 3


def test_the_checkers_data_carries_the_law_and_which_clause_of_each_version_applies_it(site):
    codes = content.from_data(content.to_data(site.codes, site.law))
    nec, local = codes["nec-candidates"].current, codes["local-government-selections"].current
    assert nec.applied_law.application.clause == "12" and local.applied_law.application.clause == "12"
    assert nec.applied_law.application.ask == "Contact the Governance and Legal Unit on 020 7783 1498 for more information."
    assert codes["momentum-ncg-elections"].current.applied_law is None
    assert nec.applied_law.law.figure("reporting-threshold").on(dt.date(2024, 1, 1)).amount == 2230


# --- The build refuses bad law data, naming the file and line ----------------------------------------------

def test_a_statutory_value_without_a_date_is_refused(docs):
    edit(docs / "law" / "figures.yml", "        from: 2024-01-01\n", "")
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
    edit(docs / "law" / "figures.yml", "from: 2024-01-01", "from: 2017-01-01")
    error = refused(docs)
    assert "in the order they applied" in error.message and error.line == _line(docs / "law" / "figures.yml", "from: 2017-01-01")


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
    assert error.line == _line(docs / "law" / "notes.yml", 'clause: "99"')


def test_a_note_on_a_version_that_does_not_exist_is_refused(docs):
    edit(docs / "law" / "notes.yml", "version: original", "version: 2031")
    assert "nec-candidates has no version 2031; its versions are original" in refused(docs).message


def test_a_note_dated_after_today_is_refused(docs):
    edit(docs / "law" / "notes.yml", "date: 2026-11-27", "date: 2099-01-01")
    assert "is after today" in refused(docs).message


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
    lock.check(site, DOCS / lock.LOCK_NAME, ci=True)


def test_the_notes_say_what_changed_with_sources_for_nec_clauses_2_and_12_and_local_government_clause_12(site):
    noted = {(n.code, n.clause): n for n in site.notes}
    assert set(noted) >= {("nec-candidates", "12"), ("nec-candidates", "2"), ("local-government-selections", "12")}
    assert "£2,230" in noted[("nec-candidates", "12")].text
    assert "Data Protection Act 2018" in noted[("nec-candidates", "2")].text
    assert "£500 or less" in noted[("local-government-selections", "12")].text
    assert all(n.sources and all(s.url.startswith("https://") for s in n.sources) for n in site.notes)


# --- What the built pages say -------------------------------------------------------------------------------

def _pages(built_site: Path, pattern: str) -> list[Path]:
    return sorted(built_site.glob(pattern))


def test_every_code_page_and_checker_page_carries_a_currency_statement(built_site):
    pages = _pages(built_site, "codes/*/index.html") + _pages(built_site, "codes/*/*/index.html")
    pages = [p for p in pages if "/compare/" not in p.as_posix()]
    checker_pages = _pages(built_site, "checkers/*/index.html")
    assert len(pages) >= 10 and len(checker_pages) == len(checkers.CHECKERS)
    for path in pages:
        html = path.read_text(encoding="utf-8")
        assert "Text as published on this site on" in html and "The law's figures were last checked on 27 November 2026" in html, path
    for path in checker_pages:
        html = path.read_text(encoding="utf-8")
        assert "Applies the codes' text as published on this site (" in html, path
        assert "The law's figures were last checked on 27 November 2026" in html, path


def test_a_note_sits_under_its_clause_apart_from_the_text_and_is_announced_as_a_note(built_site):
    html = (built_site / "codes" / "nec-candidates" / "original" / "index.html").read_text(encoding="utf-8")
    clause = html[html.index('id="12"'):html.index('id="13"')]
    assert '<aside aria-labelledby="note-12-title" class="law-note" id="note-12" role="note">' in clause
    assert "<strong>Note on the law</strong>: The reporting threshold is now £2,230" in clause
    # The code's own words come first and stay as they are.
    assert clause.index("within 30 days of receipt") < clause.index("Note on the law")
    assert "This version has notes on the law" in html and 'href="#note-12"' in html
    assert "2 notes on the law, checked on 27 November 2026" in html
    local = (built_site / "codes" / "local-government-selections" / "index.html").read_text(encoding="utf-8")
    assert 'id="note-12"' in local and "1 note on the law" in local
    momentum = (built_site / "codes" / "momentum-ncg-elections" / "index.html").read_text(encoding="utf-8")
    assert "No notes on the law." in momentum and "law-note" not in momentum


def test_the_laws_page_shows_each_value_with_its_date_or_date_not_confirmed_and_its_sources(built_site):
    html = (built_site / "law" / "index.html").read_text(encoding="utf-8")
    assert "more than £2,230</td><td>1 January 2024</td>" in html
    assert "not more than £500</td><td>date not confirmed (shown in force on 7 March 2018)</td>" in html
    assert 'href="https://www.legislation.gov.uk/ukpga/2009/12/section/20"' in html
    figures = json.loads((built_site / "law" / "figures.json").read_text(encoding="utf-8"))
    assert [v["from"] for v in figures["figures"][1]["values"]] == ["not confirmed", "2024-01-01"]


def test_notes_appear_in_the_versions_json_the_topics_and_the_feed(built_site):
    data = json.loads((built_site / "codes" / "nec-candidates" / "original.json").read_text(encoding="utf-8"))
    note = next(n for n in data["notes"] if n["clause"] == "12")
    assert note["url"] == "codes/nec-candidates/original/#note-12" and note["date"] == "2026-11-27" and note["sources"]
    topics = (built_site / "topics" / "index.html").read_text(encoding="utf-8")
    assert "Note on the law:" in topics and "#note-12" in topics
    feed = (built_site / "feed.xml").read_text(encoding="utf-8")
    assert "<title>Note on the law: NEC candidates&#x27; code" in feed or "<title>Note on the law: NEC candidates' code" in feed
