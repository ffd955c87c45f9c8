"""Every validation error: the intended message naming the file (and line), a non-zero exit, site/ untouched."""

import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

import build_site
from checkers.content import ContentError

NEC = "codes/nec-candidates/original.md"
ROOT = Path(__file__).resolve().parent.parent


def edit(docs: Path, name: str, old: str, new: str) -> None:
    path = docs / name
    text = path.read_text(encoding="utf-8")
    assert old in text, f"test set-up: {old!r} not in {name}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


CASES = [
    pytest.param(NEC, "summary: The text as first published on this site.\n", "",
                 f"{NEC}:1: the settings at the top (between the --- lines) have no 'summary'", id="missing-field"),
    pytest.param(NEC, 'issuer: Labour Party', 'issuer: "Labour Party', f"{NEC}:4: this quoted text is not closed",
                 id="broken-front-matter"),
    pytest.param(NEC, "status: in-force", "status: current", f"{NEC}:8: status must be one of", id="bad-status"),
    pytest.param(NEC, "version: original", "version: first", "version is 'first' but the file is named 'original.md'",
                 id="version-not-file-name"),
    pytest.param(NEC, "8. No financial", "12. No financial", "the anchor #12 is used twice (first at line",
                 id="duplicate-anchor"),
    pytest.param(NEC, "See section 13", "See section 14", "'section 14' refers to #14, which this version does not have",
                 id="unresolved-reference"),
    pytest.param(NEC, "Canvassing is specifically allowed", "[Canvassing](#) is specifically allowed",
                 "the link [Canvassing] points nowhere", id="link-to-hash"),
    pytest.param(NEC, "Canvassing is specifically allowed", "[Canvassing](ref:99) is specifically allowed",
                 "ref:99 does not match any anchor", id="ref-to-missing-anchor"),
    pytest.param(NEC, "Canvassing is specifically allowed", "[Canvassing](glossary:canvass) is specifically allowed",
                 "glossary:canvass is not in docs/glossary.yml", id="unknown-glossary-term"),
    pytest.param(NEC, "threshold: 1500", "threshold: 1600",
                 f"{NEC}:20: rules.donations.reporting.threshold is 1600, but the text of #12 does not state it as "
                 '"more than £1,600" or "over £1,600"', id="rule-number-not-in-clause"),
    pytest.param(NEC, 'clause: "12"\n      threshold: 500', 'clause: "11"\n      threshold: 500',
                 f"{NEC}:16: rules.donations.permissible_donor.threshold is 500, but the text of #11 does not state it",
                 id="rule-cites-wrong-clause"),
    # The number appears in the clause, but not where the clause states this rule: in a phone number
    # (020 7783 1498), in the Act's year (2000), as another kind of number.
    pytest.param(NEC, "deadline_days: 30", "deadline_days: 20",
                 f'{NEC}:24: rules.donations.reporting.deadline_days is 20, but the text of #12 does not state it as "20 days"',
                 id="rule-days-only-in-a-phone-number"),
    pytest.param(NEC, "threshold: 1500", "threshold: 2000",
                 f"{NEC}:20: rules.donations.reporting.threshold is 2000, but the text of #12 does not state it",
                 id="rule-amount-only-in-the-act-s-year"),
    pytest.param(NEC, "deadline_days: 30", "deadline_days: 1500",
                 f"{NEC}:24: rules.donations.reporting.deadline_days is 1500, but the text of #12 does not state it",
                 id="rule-days-only-as-an-amount"),
    pytest.param("codes/momentum-ncg-elections/2022.md", "limit: 2000", "limit: 500",
                 "codes/momentum-ncg-elections/2022.md:26: rules.donations.donor_cap.limit is 500, but the text of "
                 "#spending-limits-and-donation-reporting-2 does not state it as", id="rule-limit-only-as-a-threshold"),
    pytest.param("codes/momentum-ncg-elections/2022.md", "maximum: 30", "maximum: 31",
                 "codes/momentum-ncg-elections/2022.md:35: rules.nominations.maximum is 31", id="rule-count-line"),
    pytest.param(NEC, "counts: more-than", "counts: over", "rules.donations.permissible_donor.counts must be one of",
                 id="rule-property-unknown"),
    pytest.param("topics.yml", "nec-candidates#8,", "nec-candidates#99,",
                 "topics.yml:", id="topic-points-nowhere"),
    pytest.param("topics.yml", "- id: inducements", "- id: canvassing-and-contact",
                 "topics.yml:15: the topic id 'canvassing-and-contact' is used twice (first at line 9)", id="topic-id-twice"),
    pytest.param("topics.yml", "clauses: [nec-candidates#8,", "clauses: [nec-candidates#8, nec-candidates#8,",
                 "topics.yml:17: topic inducements: nec-candidates#8 is listed twice", id="topic-clause-twice"),
    pytest.param("glossary.yml", "- id: clp", "- id: bame",
                 "glossary.yml:7: the glossary id 'bame' is used twice (first at line 4)", id="glossary-id-twice"),
    pytest.param("glossary.yml", "  term: CLP", "  trem: CLP", "glossary.yml:8: unknown field 'trem'", id="glossary-typo"),
    pytest.param("glossary.yml", "  hover: false", "  hover: no thanks", "hover must be true or false", id="glossary-hover"),
    pytest.param("glossary.yml", "  term: CLP", "\tterm: CLP", "glossary.yml:8: this is not valid YAML: this line holds a tab",
                 id="glossary-tab"),
    # YAML lets a field be named by a list, a set of fields or a number; the site's files name fields by words.
    pytest.param("glossary.yml", "  term: CLP", "  [term, CLP]: CLP", "glossary.yml:8: this is not valid YAML: a field's "
                 "name must be a word, not a list or a set of fields", id="field-named-by-a-list"),
    pytest.param(NEC, "issuer: Labour Party", "? issuer: Labour Party", f"{NEC}:4: this is not valid front matter: a field's "
                 "name must be a word", id="field-named-by-a-set-of-fields"),
    pytest.param("law/notes.yml", '  clause: "12"\n', '  clause: "12"\n  1: one\n  other: two\n',
                 "law/notes.yml:14: note 1: unknown field 1; a note has code, version", id="fields-named-by-a-number-and-a-word"),
    # Spaces copied in from a document or a web page, which look like spaces but are not ones to YAML.
    pytest.param(NEC, "summary: The text", "summary:\u00a0The text", f"{NEC}:11: this line holds a space that is not an "
                 "ordinary space (character 9", id="non-breaking-space-after-a-colon"),
    pytest.param("glossary.yml", "  term: CLP", "  term\u200b: CLP", "glossary.yml:8: this is not valid YAML: this "
                 "field's name holds a space that is not an ordinary space", id="invisible-space-in-a-field-name"),
    # Quotes a word processor curls: YAML keeps them as part of the value, which then names no clause.
    pytest.param(NEC, 'clause: "12"', 'clause: \u201c12\u201d', f"{NEC}:15: this is not valid front matter: this value is in "
                 "curly quotes (\u201c\u2026\u201d), which YAML keeps as part of the text: type straight quotes", id="curly-quotes"),
    pytest.param("glossary.yml", "  term: CLP", "  term: \u2018CLP\u2019", "glossary.yml:8: this is not valid YAML: this value "
                 "is in curly quotes (\u2018\u2026\u2019)", id="curly-single-quotes"),
    pytest.param("index.md", "{{ codes_list }}", "{{ code_list }}", "docs/index.md:13: unknown shortcode {{ code_list }}",
                 id="unknown-shortcode"),
    pytest.param(NEC, "Canvassing is specifically allowed", "Canvassing is expressly allowed",
                 f"{NEC}:34: nec-candidates@original is published and its wording has changed (#4)", id="published-text-changed"),
    # Changes that the rule-number check cannot see, since no number changes: the lock must refuse them. A field
    # removed is named at the line of the rule that held it.
    pytest.param("codes/momentum-ncg-elections/2022.md", "      before_election_period_end: true\n", "",
                 "codes/momentum-ncg-elections/2022.md:14: momentum-ncg-elections@2022 is published and the rules its "
                 "checkers apply have changed (rules.donations.reporting.before_election_period_end was True, is now absent)",
                 id="published-rules-changed"),
    pytest.param(NEC, "      totals: donor-calendar-year\n", "      totals: each-donation\n",
                 f"{NEC}:22: nec-candidates@original is published and the rules its checkers apply have changed "
                 "(rules.donations.reporting.totals was 'donor-calendar-year', is now 'each-donation')",
                 id="published-counting-changed"),
]


@pytest.mark.parametrize("name, old, new, message", CASES)
def test_bad_source_stops_the_build_with_a_helpful_message_and_keeps_the_old_site(docs_copy, tmp_path, capsys,
                                                                                  name, old, new, message):
    site = tmp_path / "site"
    site.mkdir()
    (site / "index.html").write_text("the previous build")
    edit(docs_copy, name, old, new)
    status = build_site.main(["--docs", str(docs_copy), "--site-dir", str(site), "--no-runtime"])
    error = capsys.readouterr().err
    assert status == 1
    assert message in error
    assert "previous site/ is unchanged" in error
    assert [p.name for p in site.iterdir()] == ["index.html"]
    assert (site / "index.html").read_text() == "the previous build"


@pytest.mark.parametrize("name, line", [("glossary.yml", 9), (NEC, 33), ("maintainers/index.md", 6)])
def test_a_file_saved_in_another_encoding_is_named_at_the_line_of_its_first_odd_character(docs_copy, tmp_path, capsys,
                                                                                        name, line):
    """A maintainer's editor that saves as Windows-1252 (an 'é' as the one byte E9): the build names the line, never
    ends in a traceback."""
    path = docs_copy / name
    lines = path.read_bytes().split(b"\n")
    lines[line - 1] += " caf\u00e9".encode("cp1252")
    path.write_bytes(b"\n".join(lines))
    status = build_site.main(["--docs", str(docs_copy), "--site-dir", str(tmp_path / "site"), "--no-runtime"])
    error = capsys.readouterr().err
    assert status == 1
    assert f"{name}:{line}: this line holds a character that is not UTF-8 text" in error
    assert "Traceback" not in error


@pytest.mark.parametrize("name, text, message", [
    (NEC, "Canvassing is\x00 specifically", f"{NEC}:34: this line holds an invisible control character (U+0000, at "
     "character 17), which no text of the site needs and which can break the page"),
    ("glossary.yml", "Black, \u202eAsian", "glossary.yml:6: this line holds an invisible control character (U+202E, at "
     "character 19), which no text of the site needs and which can make text show in another order than it is "
     "written"),
], ids=["nul", "right-to-left-override"])
def test_an_invisible_control_character_is_named_where_it_is(docs_copy, tmp_path, capsys, name, text, message):
    """Nothing a reader cannot see, and nothing that shows the words in another order than the file holds them (so
    that what the lock fixes is what a reader reads)."""
    edit(docs_copy, name, text.replace("\x00", "").replace("\u202e", ""), text)
    assert build_site.main(["--docs", str(docs_copy), "--checkers-data", str(tmp_path / "codes.json")]) == 1
    assert message in capsys.readouterr().err


UNCLOSED_ADDRESSES = "too many links whose address is not closed for Markdown to read in good time"


@pytest.mark.parametrize("name, before, added, said, advice", [
    (NEC, "4. Canvassing is specifically allowed", "[a]( " * 3000, UNCLOSED_ADDRESSES,
     "close each link's address with ')', as in [the rule book](https://labour.org.uk/rules), or write a '(' that "
     "stands alone after a ']' as '\\('"),
    ("index.md", "{{ codes_list }}", "[a]( " * 3000, UNCLOSED_ADDRESSES, "'\\('"),
    ("glossary.yml", "Black, Asian", "[a]( " * 3000, UNCLOSED_ADDRESSES, "'\\('"),
    ("index.md", "{{ codes_list }}", "<a \n\n" * 5000, "too many '<' that start a tag with no '>' to close it "
     "(5,000) for Markdown to read in good time", "close each tag with its '>', or write a '<' that stands alone as "
     "'&lt;'"),
    ("index.md", "{{ codes_list }}", "[a](b) " * 1000, "too many links in one paragraph for Markdown to read in good "
     "time", "split the paragraph, or put the links in a list, one to a line"),
], ids=["addresses-in-a-version", "addresses-in-a-hand-written-page", "addresses-in-the-glossary", "tags-in-a-page",
        "links-in-a-paragraph"])
def test_what_markdown_would_read_for_minutes_is_named_where_it_starts(docs_copy, tmp_path, capsys, name, before,
                                                                      added, said, advice):
    """Python-Markdown (3.11.4) reads a paragraph again after each link, reads on from a link's '](' to the ')' that
    closes its address or to the end of the paragraph, and from each unclosed '<a' to the end of the file: 1,000 links
    in 7 KB took it 2.8 s, 3,000 unclosed addresses in 6 KB 3.9 s, and 1,000 '<a' followed by 100 KB 4.2 s
    (bench/markdown_inputs.py). The build says so at once, at the line where the worst starts."""
    text = (docs_copy / name).read_text(encoding="utf-8")
    line = text[:text.index(before)].count("\n") + 1
    edit(docs_copy, name, before, added + before)
    started = time.monotonic()
    assert build_site.main(["--docs", str(docs_copy), "--site-dir", str(tmp_path / "site"), "--no-runtime"]) == 1
    error = capsys.readouterr().err
    assert f"{name}:{line}: {said}" in error and advice in error
    assert "Traceback" not in error and time.monotonic() - started < 60


def test_notes_nested_past_what_markdown_can_read_are_named_with_what_to_look_for(docs_copy, tmp_path, capsys):
    """Python-Markdown goes one level deeper for each note or HTML block inside another, and stops at Python's
    recursion limit (it stops lists and quotes short of it): the page is named, with what to look for, not a bare
    "maximum recursion depth exceeded"."""
    notes = "".join("    " * depth + "!!! note\n" for depth in range(1000)) + "    " * 1000 + "Deep."
    edit(docs_copy, "index.md", "{{ codes_list }}", "{{ codes_list }}\n\n" + notes)
    assert build_site.main(["--docs", str(docs_copy), "--site-dir", str(tmp_path / "site"), "--no-runtime"]) == 1
    error = capsys.readouterr().err
    assert "index.md" in error and "this page nests them hundreds deep" in error
    assert "notes ('!!! note') or HTML blocks ('<div markdown>')" in error and "Traceback" not in error


def test_links_addresses_and_tags_are_measured_as_markdown_reads_them():
    """Each link costs its paragraph's length (Markdown reads the paragraph again after it), an unclosed address the
    rest of its paragraph, an unclosed '<a' the whole file; list items, table rows and headings are read apart, an
    escaped '(' is not read, and a closed tag costs nothing."""
    from sitebuild.source import LONGEST_ADDRESS_READ, LONGEST_LINKS_READ, LONGEST_TAG_READ, _slow_for_markdown
    said = {"links": "too many links in one paragraph", "address": "too many links whose address is not closed",
            "tags": "too many '<' that start a tag"}

    def refused(text, **options):
        found = _slow_for_markdown(text, **options)
        return found and (found[0], next(k for k, v in said.items() if found[1].startswith(v)))

    paragraph = "word " * 2000
    # Links: their number times their paragraph's length, on both sides of the bound.
    assert not refused("[a](b) " * 250 + "y" * 8250)  # 250 × 10,000 characters: the bound
    assert refused("x\n\n\n\n" + "[a](b) " * 250 + "y" * 8251) == (5, "links")  # one more: its first line named
    assert LONGEST_LINKS_READ == 250 * 10_000
    assert not refused("".join(f"- [link {n}](https://example.org/{n})\n" for n in range(20_000)))  # a list, 1 each
    assert not refused("| [a](b) | [c](d) |\n" * 20_000)  # table rows
    assert not refused("[a](https://example.org/a_(b)) " * 20 + paragraph)  # parentheses inside an address nest
    # Unclosed addresses: the rest of their paragraph, on both sides of the bound.
    assert not refused("[a](" + "y" * 4_999_999)  # read to the end: 5,000,000 characters, the bound
    assert refused("[a](" + "y" * 5_000_000) == (3, "address")
    assert LONGEST_ADDRESS_READ == 5_000_000
    assert refused("x\n" + "[a]( " * 500 + paragraph) == (5, "address")  # the one read furthest from is named
    assert not refused(("[a]( " + paragraph + "\n\n") * 490)  # each ends at its paragraph's end
    assert not refused("[a]\\( " * 20_000 + paragraph)  # escaped: not an address
    assert not refused("[ " * 20_000 + paragraph)  # an unclosed '[' alone is read once
    # Tags: their number times the file's length.
    assert not refused("<b>bold</b> " * 100_000)
    assert not refused("x <a\n" + "y" * 4_999_994)  # one unclosed in 5 MB: 5 million
    assert not refused("<a\n" * 2886)  # 2,886 × 8,658 characters: just under 25 million
    assert refused("<a\n" * 2887) == (0, "tags")  # 2,887 × 8,661: just over
    assert LONGEST_TAG_READ == 25_000_000
    # A YAML file's values are read one at a time: an unclosed address in each of 2,000 meanings is read to its line's
    # end only.
    meanings = "".join(f"- id: t{n}\n  meaning: A term [as written]( in the code\n" for n in range(2000))
    assert not refused(meanings, each_line=True)
    one_paragraph = meanings.replace("\n- ", "\n  ")  # as one paragraph of Markdown, it would be slow
    assert refused(one_paragraph) == (one_paragraph.index("](") + 1, "address")


@pytest.mark.parametrize("name, after, advice", [
    ("glossary.yml", "  meaning: Black, Asian and Minority Ethnic.\n", "keep the lines that should stay"),
    (NEC, "status: in-force\n", "keep the lines that should stay"),
    ("codes.lock.yml", "confidentiality-privacy@original:\n", "put back main's copy (git checkout main -- "
     "docs/codes.lock.yml), then add again any correction you had recorded in it"),
], ids=["glossary", "version", "lock"])
def test_lines_a_merge_could_not_join_are_named_with_what_to_do(docs_copy, tmp_path, capsys, name, after, advice):
    """Two pull requests that changed the same lines, merged in GitHub's editor: git's markers left in the file."""
    path = docs_copy / name
    text = path.read_text(encoding="utf-8")
    assert after in text, f"test set-up: {after!r} not in {name}"
    conflict = "<<<<<<< HEAD\nours: 1\n=======\ntheirs: 2\n>>>>>>> other-branch\n"
    path.write_text(text.replace(after, after + conflict, 1), encoding="utf-8")
    line = text[:text.index(after)].count("\n") + 2
    assert build_site.main(["--docs", str(docs_copy), "--site-dir", str(tmp_path / "site"), "--no-runtime"]) == 1
    error = capsys.readouterr().err
    assert f"{name}:{line}: this file holds two versions of the same lines, left by a merge that could not join them" in error
    assert advice in error


@pytest.mark.parametrize("where, message", [
    ("codes/nec-candidates/2027.MD", "codes/nec-candidates/2027.MD: a version's file name ends in '.md', in small "
     "letters, so this file is not read: rename it 2027.md"),
    ("codes/nec-candidates/2027.md.txt", "codes/nec-candidates/2027.md.txt: this file is not read: each version of a "
     "code is a file named <version>.md (as nec-candidates/2027.md)"),
    ("codes/nec-candidates/2027.md/", "codes/nec-candidates/2027.md: a folder inside a code's folder is not read"),
    ("codes/2027.md", "codes/2027.md: only codes' folders belong here, so this file is not read"),
])
def test_a_version_saved_where_or_as_the_build_does_not_read_is_named(docs_copy, tmp_path, capsys, where, message):
    """A new version uploaded with the wrong name or to the wrong folder would be left out of the site with the
    build passing: the maintainer would believe it published."""
    target = docs_copy / where.rstrip("/")
    if where.endswith("/"):
        target.mkdir()
    else:
        target.write_bytes((docs_copy / NEC).read_bytes())
    (docs_copy / "codes" / "nec-candidates" / ".DS_Store").write_bytes(b"\x00")  # what macOS leaves: not a version
    assert build_site.main(["--docs", str(docs_copy), "--checkers-data", str(tmp_path / "codes.json")]) == 1
    error = capsys.readouterr().err
    assert message in error
    assert ".DS_Store" not in error


# What a maintainer's page must not do, each added to a page: (page, what is added, what the build says).
MUST_NOT = [
    ("index.md", "![Our logo](https://example.com/logo.png)", "on the page index.html: <img> loads "
     "https://example.com/logo.png from another origin, which the site never does"),
    ("maintainers/index.md", "<script>alert('hello')</script>", "on the page maintainers/index.html: <script> holds an "
     "inline script, which the site's Content-Security-Policy blocks"),
    ("index.md", '<p onclick="go()">Go</p>', "on the page index.html: <p> holds an inline script (its onclick "
     "attribute)"),
    ("index.md", '<p style="color: red">Red</p>', "on the page index.html: <p> holds an inline style"),
    ("index.md", "<style>p { background: url(https://example.com/bg.png) }</style>", "on the page index.html: <style> "
     "holds an inline stylesheet, which the site's Content-Security-Policy blocks"),
    ("index.md", "[Report it](javascript:report())", "on the page index.html: <a> links to a javascript: address, which "
     "does nothing when pressed"),
    ("index.md", '<a href="data:text/html,Hello">Hello</a>', "on the page index.html: <a> links to a data: address"),
    ("index.md", '<video poster="https://example.com/still.png"></video>', "on the page index.html: <video poster> loads "
     "https://example.com/still.png from another origin"),
    ("index.md", '<img alt="Logo" src="assets/images/favicon.png" srcset="https://example.com/logo@2x.png 2x">',
     "on the page index.html: <img srcset> loads https://example.com/logo@2x.png from another origin"),
    ("index.md", '<svg role="img" aria-label="Logo"><image href="https://example.com/logo.svg"/></svg>',
     "on the page index.html: <image> loads https://example.com/logo.svg from another origin"),
    ("index.md", '<a href="https://example.org/" ping="https://example.com/count">Example</a>', "on the page "
     "index.html: <a ping> loads https://example.com/count from another origin, which the site never does (its readers' "
     "privacy; its Content-Security-Policy blocks it): take the ping attribute out"),
    ("index.md", '<base href="https://example.com/">', "on the page index.html: <base> changes where every link on the "
     "page leads, which no page of the site does: take it out"),
    ("index.md", '<meta http-equiv="refresh" content="0; url=https://example.com/">', "on the page index.html: <meta> "
     "sends the reader to another page"),
    # An address short enough to be found inside a word above it ("x" in "example"): named where it is written.
    ("index.md", "<img src=x alt=Logo>", "on the page index.html: <img> loads x, which is not in the site"),
    ("index.md", "<img alt=Logo src=e>", "on the page index.html: <img> loads e, which is not in the site"),
]
MUST_NOT_IDS = ["image-from-elsewhere", "inline-script", "event-attribute", "style-attribute", "style-element",
                "javascript-link", "data-link", "video-poster", "srcset", "svg-image", "ping", "base", "refresh",
                "short-address-attribute", "short-address-at-the-end"]


@pytest.fixture(scope="module")
def refused_together(tmp_path_factory) -> tuple[dict[str, int], str, Path]:
    """Every addition of MUST_NOT in one copy of the content, each on its own line, and what one build says of them:
    the build names every problem it finds, so one build answers for all of them."""
    folder = tmp_path_factory.mktemp("refused")
    docs = folder / "docs"
    shutil.copytree(ROOT / "docs", docs)
    lines = {}
    for name, added, _ in MUST_NOT:
        path = docs / name
        path.write_text(path.read_text(encoding="utf-8").rstrip("\n") + f"\n\n{added}\n", encoding="utf-8")
        lines[added] = path.read_text(encoding="utf-8").split("\n").index(added) + 1
    site = folder / "site"
    process = subprocess.run([sys.executable, str(ROOT / "build_site.py"), "--docs", str(docs), "--site-dir", str(site),
                              "--no-runtime"], capture_output=True, text=True, cwd=ROOT)
    return lines, f"{process.returncode}\n{process.stderr}", site


@pytest.mark.parametrize("name, added, message", MUST_NOT, ids=MUST_NOT_IDS)
def test_what_a_page_must_not_do_stops_the_build_at_the_line_that_does_it(refused_together, name, added, message):
    """A maintainer's page that would load a file from another origin, or hold code or style the site's CSP blocks
    (an image that never shows, a button that does nothing): the build refuses it, naming the file and line, before
    the site is replaced; it was found only by the tests, on the built page's line."""
    lines, said, site = refused_together
    assert said.startswith("1\n")
    assert f"{name}:{lines[added]}: {message}" in said
    assert not site.exists()


@pytest.mark.parametrize("name", ["index.md", "codes/nec-candidates/original.md"])
@pytest.mark.parametrize("address, said", [
    ("http://[::1/statement.pdf", "Invalid IPv6 URL"),
    ("https://labour.org.uk]/rules", "Invalid IPv6 URL"),
    ("https://labour\u2100org.uk/", "invalid characters under NFKC normalization"),
])
def test_an_address_python_cannot_read_is_named_at_its_line_before_the_build(docs_copy, tmp_path, capsys, name,
                                                                              address, said):
    """MkDocs reads every link's address and stopped on one like these with "Error reading page 'index.md': Invalid
    IPv6 URL", naming no line (and, for a code's text, the generated page rather than the maintainer's file)."""
    path = docs_copy / name
    text = path.read_text(encoding="utf-8").rstrip("\n") + f"\n\nThe [statement]({address}).\n"
    path.write_text(text, encoding="utf-8")
    line = text.split("\n").index(f"The [statement]({address}).") + 1
    assert build_site.main(["--docs", str(docs_copy), "--site-dir", str(tmp_path / "site"), "--no-runtime"]) == 1
    error = capsys.readouterr().err
    assert f"{name}:{line}: this line holds an address that is not a web address, {address!r}" in error
    assert said in error and "Traceback" not in error


def test_an_address_written_with_character_references_that_no_browser_can_read_is_named(fixture_docs_copy, tmp_path,
                                                                                         capsys):
    docs_copy = fixture_docs_copy
    edit(docs_copy, "index.md", "{{ codes_list }}", '{{ codes_list }}\n\n<img alt="Logo" src="http://&#91;::1/logo.png">'
         '\n\n<a href="https://labour.org.uk&#93;/rules">The rules</a>')
    assert build_site.main(["--docs", str(docs_copy), "--site-dir", str(tmp_path / "site"), "--no-runtime"]) == 1
    error = capsys.readouterr().err
    assert "on the page index.html: <img> loads 'http://[::1/logo.png', which is not an address a browser can read" in error
    assert "on the page index.html: <a> links to 'https://labour.org.uk]/rules', which is not an address" in error
    assert "Traceback" not in error


# The fixture's code: a new version's handling does not depend on the real codes, and the fixture builds in a fifth of
# the time.
NEW = "codes/fixture-candidates/2027.md"


def _new_fixture_version(docs: Path, summary: str) -> None:
    """Version 2027 of the fixture's code, as make new-version starts it, with a word changed, in force in 2099."""
    subprocess.run([sys.executable, "-m", "sitebuild.new_version", "--docs", str(docs), "--code", "fixture-candidates",
                    "--version", "2027"], check=True, capture_output=True, cwd=Path(build_site.__file__).parent)
    edit(docs, NEW, 'summary: "Write one line here: what this version changes."',
         f'summary: "{summary}"\nin_force_from: 2099-01-01')
    edit(docs, NEW, "shall disparage or harass another", "shall disparage or harass any other")


def test_a_link_mkdocs_refuses_is_named_on_the_file_and_line_that_holds_it(fixture_docs_copy, tmp_path, capsys):
    """MkDocs names the generated page ("Doc file 'codes/fixture-candidates/index.md' contains ... link 'x'"); a new
    version's summary is shown on its code's page, so the line is in that version's own file."""
    docs_copy = fixture_docs_copy
    _new_fixture_version(docs_copy, "Adds [the pledge](pledge.md).")
    edit(docs_copy, "maintainers/index.md", "# Maintainers", "# Maintainers\n\nSee [the steps](#no-such-steps).")
    assert build_site.main(["--docs", str(docs_copy), "--site-dir", str(tmp_path / "site"), "--no-runtime"]) == 1
    error = capsys.readouterr().err
    summary_line = (docs_copy / NEW).read_text().split("\n").index('summary: "Adds [the pledge](pledge.md)."') + 1
    assert f"{NEW}:{summary_line}: Doc file 'codes/fixture-candidates/" in error
    link_line = (docs_copy / "maintainers/index.md").read_text().split("\n").index("See [the steps](#no-such-steps).") + 1
    assert f"maintainers/index.md:{link_line}: Doc file 'maintainers/index.md' contains a link '#no-such-steps'" in error


def test_a_codes_title_is_shown_as_its_words_not_as_markup(fixture_docs_copy, tmp_path, capsys):
    docs_copy = fixture_docs_copy
    _new_fixture_version(docs_copy, "A new title.")
    edit(docs_copy, NEW, "title: Fixture Candidates' Code (a test fixture, not an official text)",
         'title: "Labour’s <b>Leadership</b> Code & Pledge"')
    site = tmp_path / "site"
    assert build_site.main(["--docs", str(docs_copy), "--site-dir", str(site), "--no-runtime"]) == 0, capsys.readouterr().err
    page = (site / "codes" / "fixture-candidates" / "2027" / "index.html").read_text(encoding="utf-8")
    assert '<h1 id="title">Labour’s &lt;b&gt;Leadership&lt;/b&gt; Code &amp; Pledge<a' in page


def test_an_image_kept_in_the_docs_folder_is_shown(fixture_docs_copy, tmp_path, capsys):
    docs_copy = fixture_docs_copy
    (docs_copy / "images").mkdir()
    (docs_copy / "images" / "logo.png").write_bytes(b"\x89PNG\r\n\x1a\n")
    edit(docs_copy, "index.md", "{{ codes_list }}", "![Our logo](images/logo.png)\n\n{{ codes_list }}")
    site = tmp_path / "site"
    assert build_site.main(["--docs", str(docs_copy), "--site-dir", str(site), "--no-runtime"]) == 0, capsys.readouterr().err
    assert (site / "images" / "logo.png").is_file()
    assert 'src="images/logo.png"' in (site / "index.html").read_text(encoding="utf-8")


@pytest.mark.parametrize("old, new, message", [
    ("site_url: http://127.0.0.1:8000/", "site_url: example.org/codes", "error: mkdocs.yml: Config value 'site_url': "
     "The URL isn't valid, it should include the http:// (scheme)"),
    ("site_name: Codes of Conduct", 'site_name: "Codes of Conduct', "mkdocs.yml:3: this quoted text is not closed"),
    ("site_url: http://127.0.0.1:8000/", "site_url: ftp://example.org/", "mkdocs.yml:5: site_url 'ftp://example.org/' "
     "must be the site's address, starting https://"),
    ("site_url: http://127.0.0.1:8000/", 'site_url: "https://example.org/a b"', "mkdocs.yml:5: site_url "
     "'https://example.org/a b/' must be a web address, with no spaces, line breaks or quotes in it"),
    ("  custom_dir: overrides\n", "", "mkdocs.yml:10: theme must be name: material with custom_dir: overrides"),
    ("  name: material\n", "  name: readthedocs\n", "mkdocs.yml:10: theme must be name: material with custom_dir"),
], ids=["address-without-scheme", "quote-left-open", "address-not-on-the-web", "address-with-a-space",
        "theme-without-the-sites-own-folder", "another-theme"])
def test_the_generators_settings_refused_are_named_with_their_line(tmp_path, monkeypatch, capsys, old, new, message):
    """mkdocs.yml, which a maintainer may edit for the site's name or address: MkDocs refusing a setting ended the
    build with no message from it (exit 1 and MkDocs's log line only); a quote left open was named 18 lines on."""
    settings = tmp_path / "mkdocs.yml"
    text = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    assert old in text, f"test set-up: {old!r} not in mkdocs.yml"
    settings.write_text(text.replace(old, new, 1), encoding="utf-8")
    (tmp_path / "overrides").symlink_to(ROOT / "overrides")  # the theme's folder, which the settings name
    monkeypatch.setattr(build_site, "SETTINGS", settings)
    assert build_site.main(["--site-dir", str(tmp_path / "site"), "--no-runtime"]) == 1
    error = capsys.readouterr().err
    assert message in error
    assert "The build stopped; the previous site/ is unchanged." in error


def test_a_home_page_deleted_is_named_with_how_to_put_it_back(docs_copy, tmp_path, capsys):
    (docs_copy / "index.md").unlink()
    assert build_site.main(["--docs", str(docs_copy), "--site-dir", str(tmp_path / "site"), "--no-runtime"]) == 1
    assert "index.md: missing: it is the site's home page" in capsys.readouterr().err


def test_the_invisible_mark_some_editors_put_at_a_files_start_is_set_aside(docs_copy, tmp_path, capsys):
    """A byte-order mark before a version's '---', a YAML file's first line or a hand-written page's title: the
    version reads as before (so the lock sees no change), and no page shows the mark."""
    for name in (NEC, "law/notes.yml", "glossary.yml", "maintainers/index.md"):
        path = docs_copy / name
        path.write_bytes(b"\xef\xbb\xbf" + path.read_bytes())
    site = tmp_path / "site"
    status = build_site.main(["--docs", str(docs_copy), "--site-dir", str(site), "--no-runtime"])
    assert status == 0, capsys.readouterr().err
    for page in ("codes/nec-candidates/original/index.html", "maintainers/index.html", "glossary/index.html"):
        assert "\ufeff" not in (site / page).read_text(encoding="utf-8"), page


def test_a_topic_that_points_nowhere_names_the_topic_and_the_line(docs_copy, tmp_path, capsys):
    edit(docs_copy, "topics.yml", "nec-candidates#8,", "nec-candidates#99,")
    assert build_site.main(["--docs", str(docs_copy), "--site-dir", str(tmp_path / "s"), "--no-runtime"]) == 1
    error = capsys.readouterr().err
    assert "topic inducements: nec-candidates has no clause #99 in its current version" in error
    assert "topics.yml:" in error.split(" topic ")[0]


def _paste_as_told(lock: Path, message: str, item: str, version: str = "nec-candidates@original") -> None:
    """What a maintainer does with the build's message: the first correction goes under the version's name with a
    'corrections:' line; a later one at the end of the list already there, after its last line."""
    lines = lock.read_text(encoding="utf-8").split("\n")
    entry = lines.index(f"{version}:")
    if "  corrections:\n  - date:" in message:
        lines[entry + 1:entry + 1] = ["  corrections:"] + item.rstrip("\n").split("\n")
    else:
        assert "whose corrections: list already holds 1 correction: add these lines at the end of that list" in message
        start = lines.index("  corrections:", entry)
        end = next(i for i in range(start + 1, len(lines)) if not lines[i].startswith(("   ", "  - ")))
        lines[end:end] = item.rstrip("\n").split("\n")
    lock.write_text("\n".join(lines), encoding="utf-8")


def test_a_corrected_published_version_passes_when_the_lock_records_the_correction(docs_copy, tmp_path, capsys):
    edit(docs_copy, NEC, "Canvassing is specifically allowed", "Canvassing is expressly allowed")
    assert build_site.main(["--docs", str(docs_copy), "--site-dir", str(tmp_path / "s"), "--no-runtime"]) == 1
    message = capsys.readouterr().err
    correction = message[message.index("  - date:"):message.index("The reason is shown")]
    assert correction.index("'2': ") < correction.index("'10': ")  # the clauses in the code's order
    _paste_as_told(docs_copy / "codes.lock.yml", message, correction.replace("<what was wrong and what was corrected>",
                                                                             "Clause 4 was mistyped."))
    assert build_site.main(["--docs", str(docs_copy), "--site-dir", str(tmp_path / "s"), "--no-runtime"]) == 0
    page = (tmp_path / "s" / "codes" / "nec-candidates" / "original" / "index.html").read_text()
    assert "Corrected on" in page and "Clause 4 was mistyped." in page


def test_a_corrected_rule_of_a_published_version_passes_when_the_lock_records_it(fixture_docs_copy, tmp_path, capsys):
    docs_copy, first = fixture_docs_copy, "codes/fixture-candidates/2020.md"
    edit(docs_copy, first, "      small_donations: not-counted\n", "")
    assert build_site.main(["--docs", str(docs_copy), "--site-dir", str(tmp_path / "s"), "--no-runtime"]) == 1
    message = capsys.readouterr().err
    assert "rules.donations.reporting.small_donations was 'not-counted', is now absent" in message
    correction = message[message.index("  - date:"):message.index("The reason is shown")]
    assert "      donations.reporting.threshold: 1500\n" in correction
    _paste_as_told(docs_copy / "codes.lock.yml", message, correction.replace("<what was wrong and what was corrected>",
                                                                             "Small donations were wrongly left out."),
                   "fixture-candidates@2020")
    assert build_site.main(["--docs", str(docs_copy), "--site-dir", str(tmp_path / "s"), "--no-runtime"]) == 0
    page = (tmp_path / "s" / "codes" / "fixture-candidates" / "2020" / "index.html").read_text()
    assert "Corrected on" in page and "Small donations were wrongly left out." in page


def test_a_failed_build_does_not_touch_the_lock(docs_copy, tmp_path):
    new = docs_copy / "codes" / "leadership" / "later.md"
    source = (docs_copy / "codes" / "leadership" / "original.md").read_text()
    new.write_text(source.replace("version: original", "version: later").replace("status: in-force", "status: in-force\nin_force_from: 2030-01-01")
                   + "\nA paragraph this later version adds.\n")
    edit(docs_copy, "codes/leadership/original.md", "status: in-force", "status: superseded")
    edit(docs_copy, "index.md", "{{ codes_list }}", "{{ nope }}")  # fails after the lock was checked
    before = (docs_copy / "codes.lock.yml").read_text()
    with pytest.raises(ContentError, match="unknown shortcode"):
        build_site.build(docs_copy, tmp_path / "s", with_runtime=False)
    assert (docs_copy / "codes.lock.yml").read_text() == before


def test_a_successful_build_replaces_the_old_site_whole(fixture_docs_copy, tmp_path):
    site = tmp_path / "site"
    site.mkdir()
    (site / "stale.html").write_text("old")
    assert build_site.main(["--docs", str(fixture_docs_copy), "--site-dir", str(site), "--no-runtime"]) == 0
    assert not (site / "stale.html").exists()
    assert (site / "codes" / "fixture-candidates" / "index.html").exists()


def test_a_build_interrupted_between_its_two_renames_gets_its_site_back(docs_copy, tmp_path):
    site, old = tmp_path / "site", build_site.previous_build(tmp_path / "site")
    old.mkdir()
    (old / "index.html").write_text("the previous build")  # as a crash after the first rename leaves it
    edit(docs_copy, "index.md", "{{ codes_list }}", "{{ nope }}")
    assert build_site.main(["--docs", str(docs_copy), "--site-dir", str(site), "--no-runtime"]) == 1
    assert (site / "index.html").read_text() == "the previous build" and not old.exists()


def test_a_folder_of_the_readers_named_like_an_old_site_is_kept(tmp_path):
    (tmp_path / "site").mkdir()
    for name in ("site.old", "site.previous-build"):
        (tmp_path / name).mkdir()
        (tmp_path / name / "mine.txt").write_text("a reader's own file")
    # The fixture's small content: what becomes of the folders beside the site does not depend on the codes.
    docs = ROOT / "tests" / "fixtures" / "docs"
    assert build_site.main(["--docs", str(docs), "--site-dir", str(tmp_path / "site"), "--no-runtime"]) == 0
    for name in ("site.old", "site.previous-build"):
        assert (tmp_path / name / "mine.txt").read_text() == "a reader's own file"
    assert not build_site.previous_build(tmp_path / "site").exists()


def test_a_build_stopped_by_a_signal_or_killed_leaves_no_temporary_folder(tmp_path):
    site = tmp_path / "site"
    command = [sys.executable, str(ROOT / "build_site.py"), "--site-dir", str(site), "--no-runtime",
               "--docs", str(ROOT / "tests" / "fixtures" / "docs")]
    for stop in (signal.SIGTERM, signal.SIGKILL):
        build = subprocess.Popen(command, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        deadline = time.monotonic() + 60
        while not list(tmp_path.glob(".build-*")) and build.poll() is None and time.monotonic() < deadline:
            time.sleep(0.01)
        assert build.poll() is None, "the build ended before it could be stopped"
        build.send_signal(stop)
        build.wait(30)
        assert b"Traceback" not in build.stderr.read()
        if stop == signal.SIGTERM:
            assert not list(tmp_path.glob(".build-*")) and not site.exists()
    # What the killed build left, the next one removes.
    assert subprocess.run(command, cwd=ROOT, capture_output=True).returncode == 0
    assert not list(tmp_path.glob(".build-*")) and (site / "index.html").exists()


@pytest.mark.parametrize("where", ["content", "content's parent", "project", "current", "home", "inside content"])
def test_a_site_dir_that_would_replace_the_content_or_the_project_is_refused_and_nothing_is_touched(
        docs_copy, tmp_path, monkeypatch, capsys, where):
    """The build replaces its output folder whole: `--site-dir .`, `--site-dir docs` or `--site-dir ~` would have
    deleted the content, the project or the home folder."""
    (tmp_path / "here").mkdir()
    (tmp_path / "home").mkdir()
    monkeypatch.chdir(tmp_path / "here" if where == "current" else ROOT)
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    site = {"content": docs_copy, "content's parent": docs_copy.parent, "project": ROOT, "current": Path("."),
            "home": Path("~").expanduser(), "inside content": docs_copy / "site"}[where]
    before = sorted(p.relative_to(tmp_path) for p in tmp_path.rglob("*"))
    assert build_site.main(["--docs", str(docs_copy), "--site-dir", str(site), "--no-runtime"]) == 1
    said = capsys.readouterr().err
    assert f"--site-dir {site.absolute()}: " in said and "choose a folder" in said and "Traceback" not in said
    assert sorted(p.relative_to(tmp_path) for p in tmp_path.rglob("*")) == before
    assert (ROOT / "docs" / "index.md").is_file()


def test_checkers_data_that_cannot_be_written_is_named_with_its_cause(tmp_path, capsys):
    for path, cause in [(tmp_path, "Is a directory"), (tmp_path / "no" / "x.json", "No such file or directory")]:
        assert build_site.main(["--docs", str(ROOT / "docs"), "--checkers-data", str(path)]) == 1
        assert f"error: --checkers-data: cannot write {path}: {cause}" in capsys.readouterr().err
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("address, message", [
    ("javascript:alert(1)", "must be the site's address, starting https://"),
    ("ftp://example.org/", "must be the site's address, starting https://"),
    ('https://example.org/"><script>x</script>/', "must be a web address, with no spaces, line breaks or quotes in it"),
    ("https://example.org/\r\nX-Injected: 1", "must be a web address, with no spaces, line breaks or quotes in it"),
    ("https://user@example.org/", "must name the site's host"),
])
def test_a_site_address_that_is_not_one_is_refused_naming_the_option(docs_copy, tmp_path, capsys, address, message):
    """The address goes into every page's links, the feed, the sitemap and the calendar files: one that could break
    out of an attribute or a line built a site before."""
    site = tmp_path / "site"
    assert build_site.main(["--docs", str(docs_copy), "--site-dir", str(site), "--no-runtime", "--site-url", address]) == 1
    assert f"error: --site-url (or SITE_URL) {address!r} {message}" in capsys.readouterr().err
    assert not site.exists()


def test_a_content_folder_that_is_not_one_is_named_in_both_kinds_of_build(tmp_path, capsys):
    for docs in (tmp_path / "missing", ROOT / "README.md"):
        for mode in (["--site-dir", str(tmp_path / "site"), "--no-runtime"], ["--checkers-data", str(tmp_path / "c.json")]):
            assert build_site.main(["--docs", str(docs), *mode]) == 1
            said = capsys.readouterr().err
            assert f"error: {docs}: no such content folder: --docs names the folder that holds codes/" in said, said
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("name", ["glossary.yml", "topics.yml", "law/figures.yml", "codes.lock.yml", NEC])
def test_a_folder_where_a_file_belongs_is_named(docs_copy, tmp_path, capsys, name):
    """A folder made by mistake in place of a file (an upload into a new folder of the file's name, say)."""
    (docs_copy / name).unlink()
    (docs_copy / name).mkdir()
    assert build_site.main(["--docs", str(docs_copy), "--site-dir", str(tmp_path / "site"), "--no-runtime"]) == 1
    said = capsys.readouterr().err
    assert f"{docs_copy / name}: " in said and "Traceback" not in said
    assert "this is a folder where a file of this name is expected" in said or "a folder inside a code's folder" in said


def test_a_link_to_nothing_in_a_codes_folder_is_named_as_one(docs_copy, tmp_path, capsys):
    link = docs_copy / "codes" / "leadership" / "2030.md"
    link.symlink_to(tmp_path / "not-there.md")
    assert build_site.main(["--docs", str(docs_copy), "--checkers-data", str(tmp_path / "c.json")]) == 1
    assert f"{link}: this is a link to {tmp_path / 'not-there.md'}, which is not there" in capsys.readouterr().err


LABELS = "text that starts with '&' or '*' must be in double quotes (YAML reads it as a label, or a reference to one"
# Nine labels, each a list of nine references to the one before: a few lines that YAML reads as 387 million values,
# which the build took minutes to walk (it never finished) before labels were refused.
_LABEL_BOMB = "bomb0: &b0 [x, x, x, x, x, x, x, x, x]\n" + "".join(
    f"bomb{i}: &b{i} [{', '.join([f'*b{i - 1}'] * 9)}]\n" for i in range(1, 9))


@pytest.mark.parametrize("name, old, new, line", [
    (NEC, "issuer: Labour Party", "issuer: &Labour Party", 4),
    (NEC, "issuer: Labour Party", "issuer: *Labour Party", 4),
    (NEC, "issuer: Labour Party", "issuer: Labour Party\n" + _LABEL_BOMB, 5),
    ("glossary.yml", "  meaning: Black, Asian and Minority Ethnic.", "  meaning: &meaning Black, Asian", 6),
], ids=["label", "reference", "references-within-references", "glossary"])
def test_yamls_labels_and_references_are_refused_at_their_line(docs_copy, tmp_path, capsys, name, old, new, line):
    """'&' or '*' at a value's start is text a maintainer meant (YAML drops '&Labour' as a label, silently); a file
    of labels referring to labels is refused at once rather than read as millions of values."""
    edit(docs_copy, name, old, new)
    assert build_site.main(["--docs", str(docs_copy), "--checkers-data", str(tmp_path / "codes.json")]) == 1
    error = capsys.readouterr().err
    assert f"{name}:{line}: this is not valid YAML: {LABELS}" in error, error


@pytest.mark.parametrize("page, message", [
    ("glossary.md", "the site makes the page glossary.md itself from docs/glossary.yml, so this file would never be "
                    "shown: put what it says in docs/glossary.yml, and remove it"),
    ("notes/one.md", "this page is in none of the site's menus, so it cannot be published (the menus are set in "
                     "build_site.py): text about a code goes in its version's file, and a note on the law in "
                     "docs/law/notes.yml; remove this file, or ask a developer to add the page to a menu"),
    ("maintainers/extra.md", "this page is in none of the site's menus"),
    ("law/intro.md", "only the law's data (figures.yml, notes.yml and proposals.yml) is read in docs/law/, so this page "
                     "would never be shown"),
], ids=["made-by-the-site", "in-no-menu", "beside-the-maintainers-pages", "beside-the-laws-data"])
def test_a_page_added_where_the_site_would_not_publish_it_is_named_with_what_to_do(docs_copy, tmp_path, capsys, page,
                                                                                  message):
    """A maintainer adding a page in GitHub's editor: before, a glossary.md was replaced by the site's own glossary
    without a word, a page in docs/law/ was left out unseen, and one in no menu met MkDocs's own words."""
    (docs_copy / page).parent.mkdir(parents=True, exist_ok=True)
    (docs_copy / page).write_text("# A page\n\nIts words.\n", encoding="utf-8")
    site = tmp_path / "site"
    assert build_site.main(["--docs", str(docs_copy), "--site-dir", str(site), "--no-runtime"]) == 1
    assert f"{docs_copy / page}: {message}" in capsys.readouterr().err
    assert not site.exists()
