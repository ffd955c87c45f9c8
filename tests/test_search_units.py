"""Search finds a clause itself: each clause, sub-clause and paragraph of a code's page is a result of its own,
opening at its anchor, and each note on the law is one apart from the code's words (sitebuild/search_units.py)."""

import html
import json
import re
from pathlib import Path

from playwright.sync_api import Page, expect

from checkers.citation import Citation
from checkers.money_and_dates import sentence
from sitebuild import model
from tests.conftest import ROOT
from tests.forms import search_for


def _docs(site: Path) -> list[dict]:
    return json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))["docs"]


def _plain(text: str) -> str:
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", text)).split())


def _ids(page: Path) -> set[str]:
    return set(re.findall(r'\bid="([^"]+)"', page.read_text(encoding="utf-8")))


def _units(version):
    return [unit for unit in version.units if unit.kind != "section"]


def test_every_clause_of_every_code_is_a_result_of_its_own_and_no_other_result_on_its_page_repeats_it(built_site):
    docs = _docs(built_site)
    by_location = {doc["location"]: doc for doc in docs}
    site = model.load(ROOT / "docs")
    for code in site.codes.values():
        page = Citation(code.code).url
        on_page = [doc for doc in docs if doc["location"].partition("#")[0] == page]
        for unit in _units(code.current):
            entry = by_location[f"{page}#{unit.id}"]
            assert html.unescape(entry["title"]) == sentence(code.current.unit_name(unit.id))
            # Its words, as the page shows them (the glossary's marks and the links add no words).
            words = " ".join(unit.text.split())
            assert _plain(entry["text"]) == words, (entry["location"], words, entry["text"][:200])
            repeated = [doc["location"] for doc in on_page if doc is not entry and words in _plain(doc["text"])]
            assert repeated == [], (unit.id, repeated)
            assert entry["boost"] > 1  # a code's own words rank above pages that quote them
        # Nothing but the code's words: no "permanent link", no checker's link, no related clauses.
        for unit in _units(code.current):
            text = _plain(by_location[f"{page}#{unit.id}"]["text"])
            assert not re.search(r"permanent link|Report a breach|Related clauses|Proposed change", text), (unit.id, text)


def test_each_note_on_the_law_is_a_result_of_its_own_apart_from_its_clause(built_site):
    docs = _docs(built_site)
    by_location = {doc["location"]: doc for doc in docs}
    site = model.load(ROOT / "docs")
    notes = [(code, note) for code in site.codes.values()
             for note in site.notes_of(code.code, code.current.id).values()]
    assert notes, "the content has notes on the law"
    for code, note in notes:
        page = Citation(code.code).url
        entry = by_location[f"{page}#{note.anchor}"]
        assert _plain(entry["title"]) == f"Note on the law: {note.title}"
        assert "not part of the code" in _plain(entry["text"])
        clause = _plain(by_location[f"{page}#{note.clause}"]["text"])
        assert "Note on the law" not in clause and note.title not in clause


def test_every_result_opens_a_page_of_the_site_at_an_anchor_it_has(built_site):
    for doc in _docs(built_site):
        path, _, anchor = doc["location"].partition("#")
        page = built_site / path / "index.html" if not path or path.endswith("/") else built_site / path
        assert page.is_file(), doc["location"]
        if anchor:
            assert anchor in _ids(page), doc["location"]


def test_a_checker_is_found_by_its_introduction_not_its_form_or_its_worked_examples(built_site):
    docs = _docs(built_site)
    page = next(doc for doc in docs if doc["location"] == "checkers/donations/")
    assert "Must a donation come from a permissible donor?" in _plain(page["text"])
    results = [doc for doc in docs if doc["location"].startswith("checkers/")]
    # The form's questions and options ("Non-cash (in kind)") are the page's controls, not its text; the worked
    # examples' answers are other people's cases (their titles, which say the rule each shows, stay).
    assert not [doc["location"] for doc in results if "Non-cash (in kind)" in _plain(doc["text"])]
    examples = [doc for doc in results if "#example-" in doc["location"]]
    assert examples and not [doc["location"] for doc in examples if doc["text"]]
    assert not [doc["location"] for doc in results if "The request, as the command line" in _plain(doc["text"])]


def test_pages_for_maintainers_and_developers_rank_below_the_codes(built_site):
    docs = [doc for doc in _docs(built_site) if doc["location"].startswith(("maintainers/", "developers/"))]
    assert docs and all(doc.get("boost", 1) < 1 for doc in docs)


def test_older_versions_are_searched_clause_by_clause_and_the_current_versions_own_page_is_not(fixture_site):
    docs = _docs(fixture_site)
    site = model.load(ROOT / "tests" / "fixtures" / "docs")
    (code,) = site.codes.values()
    pages = {doc["location"].partition("#")[0] for doc in docs}
    assert Citation(code.code, code.current.id).url not in pages
    older = [v for v in code.versions if v is not code.current and Citation(code.code, v.id).url in pages]
    assert older, "the fixture's earlier versions are searched"
    for version in code.versions:
        page = Citation(code.code, version.id).url
        if version is code.current:
            page = Citation(code.code).url
        elif page not in pages:
            continue
        locations = {doc["location"] for doc in docs if doc["location"].startswith(page)}
        assert {f"{page}#{unit.id}" for unit in _units(version)} <= locations, page


def test_searching_a_clauses_words_lists_that_clause_and_opens_the_page_at_it(page: Page, site_url):
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(site_url)
    page.locator("label.md-header__button[for=__search]").first.click()
    expect(page.locator(".md-search-result__meta")).to_have_text("Type to start searching", timeout=15_000)
    search_for(page, "Register of Members Financial Interests")
    result = page.locator(".md-search-result__item a[href*='codes/nec-candidates/'][href$='#12']").first
    expect(result).to_contain_text("Clause 12", timeout=15_000)
    result.click()
    expect(page).to_have_url(re.compile(r"/codes/nec-candidates/\?h=[^#]*#12$"))
    clause = page.locator("[id='12']")
    expect(clause).to_be_in_viewport()
