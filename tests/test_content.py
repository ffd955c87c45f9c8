"""The five codes as published: wording, anchors, references, topics and glossary."""

import re
from pathlib import Path

import pytest

from checkers import content
from sitebuild import model
from sitebuild.references import LINK
from tests.content_copies import edit, refused

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT.parent / "shared" / "seeds"


@pytest.fixture(scope="module")
def site():
    return model.load(ROOT / "docs")


def words(text: str) -> str:
    """Wording only: Markdown marks, list numbers and white space set aside."""
    text = re.sub(r"\[([^\]]+)\]\([^)]*\)", r"\1", text)
    text = re.sub(r"^\s*[-+]\s+|[*#>|]|^---$", " ", text, flags=re.M)
    return " ".join(text.split())


def test_the_five_codes_have_their_fixed_ids(site):
    assert set(site.codes) == {"nec-candidates", "local-government-selections", "momentum-ncg-elections",
                               "confidentiality-privacy", "leadership"}
    assert site.codes["momentum-ncg-elections"].current.id == "2022"


@pytest.mark.parametrize("code, seed", [
    ("nec-candidates", "nec-candidate-code-of-conduct.txt"),
    ("local-government-selections", "local-government-selections-code-of-conduct.txt"),
    ("confidentiality-privacy", "confidentiality-and-privacy-code-of-conduct.txt"),
    ("leadership", "leadership-code-of-conduct.txt"),
    ("momentum-ncg-elections", "momentum-ncg-elections-2022-guidelines.md"),
])
def test_every_word_of_the_source_is_published_in_order(site, code, seed):
    if not (SEEDS / seed).exists():
        pytest.skip("the seeds are not beside this checkout")
    version = site.codes[code].current
    published = words(version.title + " " + " ".join(
        (u.label + " " + u.text) if u.kind in ("clause", "subclause") else u.text for u in version.units))
    source = words((SEEDS / seed).read_text(encoding="utf-8"))
    # Headings and titles are published as they are; the only change allowed is joining a page break.
    assert published.replace(" ", "") == source.replace(" ", "")


def test_typos_of_the_official_texts_are_kept(site):
    nec = site.codes["nec-candidates"].current.by_id
    assert "on request to the Governance and Legal. See section 13" in nec["1"].text
    conf = site.codes["confidentiality-privacy"].current
    assert "to provide clarify to its members" in conf.by_id["code-of-conduct-p1"].text


def test_nec_clause_9_is_joined_across_the_page_break(site):
    text = site.codes["nec-candidates"].current.by_id["9"].text
    assert "undertaking press, radio or TV interviews; though under no circumstances" in text


def test_sub_clauses_and_sections_have_stable_readable_anchors(site):
    conf = site.codes["confidentiality-privacy"].current.by_id
    for anchor in ["5-a", "5-b", "5-c", "5-d", "6-a", "6-d", "9-a", "9-f"]:
        assert conf[anchor].kind == "subclause"
    momentum = site.codes["momentum-ncg-elections"].current.by_id
    assert momentum["nominations"].kind == "section"
    assert momentum["code-of-conduct-3"].text.startswith("No candidate or persons acting on behalf")
    assert momentum["essential-10"].kind == "clause"
    assert [u.id for u in site.codes["leadership"].current.units] == [f"p{n}" for n in range(1, 8)]


def test_references_in_the_texts_resolve_to_their_targets(site):
    def targets(code, anchor):
        return [(r.text, r.target.clause if r.target else r.term) for _, _, r in site.codes[code].current.refs[anchor]]

    assert targets("nec-candidates", "1") == [("section 13", "13")]
    assert targets("confidentiality-privacy", "6") == [("paragraph 5(b)", "5-b")]
    assert targets("confidentiality-privacy", "10") == [("Paragraph 8", "8")]
    assert ("Election Guidelines", "complaints-procedure") in targets("momentum-ncg-elections", "code-of-conduct-p4")
    assert ("Constitution", "momentum-constitution") in targets("momentum-ncg-elections", "code-of-conduct-1")
    # The Rule Book's "Clause 1.8" is another document's numbering, not a link to clause 1.
    assert "11" not in site.codes["confidentiality-privacy"].current.refs


def test_every_topic_entry_points_at_an_existing_clause_and_all_topics_are_there(site):
    assert [t.id for t in site.topics] == [
        "donations-and-spending", "membership-lists-and-personal-data", "canvassing-and-contact", "disparaging-others",
        "inducements", "interference-and-duress", "media-statements", "staff-neutrality", "breaches-and-sanctions",
        "confidentiality", "eligibility-and-nominations"]
    for topic in site.topics:
        for code, anchor in topic.clauses:
            assert anchor in site.codes[code].current.by_id
    related = site.related("nec-candidates", "8")
    assert related[0][0].id == "inducements"
    assert ("local-government-selections", "7") in related[0][1]


def test_the_glossary_has_the_terms_members_meet(site):
    terms = {t.term for t in site.glossary.values()}
    for term in ["NEC", "CLP", "BAME", "OMOV", "PPERA", "GDPR", "RO", "DPO", "NCG", "NCC", "MSPs", "LGBTQI",
                 "Membersnet", "permissible donor", "regulated donees"]:
        assert term in terms


def test_no_effective_date_is_invented(site):
    for code in site.codes.values():
        assert all(v.in_force_from is None for v in code.versions)


@pytest.mark.parametrize("given, names, said", [
    ("publshed", ["published", "title"], " (did you mean published?)"),
    ("spending-limit-and-donation-reporting-2",
     ["spending-limits-and-donation-reporting-1", "spending-limits-and-donation-reporting-2"],
     " (did you mean spending-limits-and-donation-reporting-2?)"),
    # Another number is another clause; a short id is a number or a letter; a word three letters off is not a slip.
    ("complaints-procedure-9", ["complaints-procedure-1", "complaints-procedure-p1", "complaints-procedure"], ""),
    ("4-c", ["4-b", "4-a"], ""),
    ("deadline", ["deadline_days"], ""),
    ("x" * 10_000, ["title"], ""),
    # The same id in other capitals, or with "_" or a space for "-", is the one meant, however short or far by letters.
    ("NEC-candidates", ["local-government-selections", "nec-candidates"], " (did you mean nec-candidates?)"),
    ("nec_candidates", ["nec-candidates"], " (did you mean nec-candidates?)"),
    ("Original", ["original"], " (did you mean original?)"),
    ("As-Of", ["as_of", "code"], " (did you mean as_of?)"),
    ("4-C", ["4-b", "4-c"], " (did you mean 4-c?)"),
    ("nec-candidates", ["nec-candidates"], ""),
])
def test_an_id_that_names_nothing_is_given_the_one_it_was_a_slip_from_and_only_that(given, names, said):
    assert content.nearest(given, names) == said


def test_a_code_id_mistyped_in_any_file_is_refused_with_the_code_it_was_near_and_the_codes_there_are(docs_copy):
    edit(docs_copy / "topics.yml", "clauses: [nec-candidates#12,", "clauses: [nec-candidate#12,")
    error = refused(docs_copy)
    assert error.path.endswith("topics.yml")
    assert ("'nec-candidate' is not a code on this site (did you mean nec-candidates?); the codes are "
            "confidentiality-privacy, leadership") in error.message


def test_a_clause_anchor_misspelt_is_refused_with_the_anchor_it_was_near(docs_copy):
    edit(docs_copy / "topics.yml", "momentum-ncg-elections#spending-limits-and-donation-reporting-1",
         "momentum-ncg-elections#spending-limit-and-donation-reporting-1")
    assert ("has no clause #spending-limit-and-donation-reporting-1 in its current version (2022) (did you mean "
            "spending-limits-and-donation-reporting-1?)") in refused(docs_copy).message


def test_a_field_name_misspelt_is_refused_with_the_field_it_was_near(docs_copy):
    edit(docs_copy / "law" / "notes.yml", "  check_by:", "  chek_by:")
    assert "unknown field 'chek_by' (did you mean check_by?)" in refused(docs_copy).message
    edit(docs_copy / "law" / "notes.yml", "  chek_by:", "  check_by:")
    edit(docs_copy / "codes" / "nec-candidates" / "original.md", "      deadline_days: 30", "      deadline_dayz: 30")
    assert "deadline_dayz is not a field of this rule (did you mean deadline_days?)" in str(refused(docs_copy))


def test_a_reference_to_a_version_a_code_does_not_have_names_the_versions_it_has(docs_copy):
    edit(docs_copy / "codes" / "local-government-selections" / "original.md", "regulated by the Political Parties",
         "regulated (see [the NEC's code](ref:nec-candidates@2031#12)) by the Political Parties")
    error = refused(docs_copy)
    assert "ref:nec-candidates@2031#12: nec-candidates has no version 2031; its versions are original" in str(error)


def test_the_glossary_states_the_laws_figures_from_the_laws_data(site):
    meaning = site.glossary["regulated-donee"].meaning
    assert "{" not in meaning and f"donations of £{site.law.figure('not-a-donation').values[-1].amount:,} or less" in meaning


def test_an_amount_typed_into_a_glossary_meaning_is_refused_at_its_line(docs_copy):
    path = docs_copy / "glossary.yml"
    line = edit(path, "donations of {not-a-donation} or less", "donations of £500 or less")
    error = refused(docs_copy)
    assert error.path.endswith("glossary.yml") and error.line == line
    assert "the glossary's meaning of 'regulated donees' types the amount £500: write the figure as {figure-id}" in error.message


def test_a_glossary_meaning_naming_no_figure_of_the_law_is_refused(docs_copy):
    edit(docs_copy / "glossary.yml", "{not-a-donation} or less", "{not-a-gift} or less")
    assert "refers to {not-a-gift}, which is not a figure in docs/law/figures.yml" in refused(docs_copy).message


def test_a_links_words_hold_no_bracket_so_a_bracket_left_open_before_it_is_text():
    """As CommonMark reads it: "[see [12](ref:12)" is the text "[see " and a link whose words are "12". Words that
    hold no bracket also let a line of brackets be read in one pass, not tried again from each bracket (a line of
    50,000 of them held up the build for a minute)."""
    assert [m.groups() for m in content.MARKDOWN_LINK.finditer("[see [12](ref:12)")] == [("12", "ref:12")]
    assert [m.groups() for m in LINK.finditer("[see [12](ref:12)")] == [("12", "ref:12")]
    assert content.MARKDOWN_LINK.search("[" * 50_000) is None and LINK.search("[" * 50_000) is None
