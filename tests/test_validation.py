"""Every validation error: the intended message naming the file (and line), a non-zero exit, site/ untouched."""

from pathlib import Path

import pytest

import build_site
from checkers.library import ContentError

NEC = "codes/nec-candidates/original.md"


def edit(docs: Path, name: str, old: str, new: str) -> None:
    path = docs / name
    text = path.read_text(encoding="utf-8")
    assert old in text, f"test set-up: {old!r} not in {name}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


CASES = [
    pytest.param(NEC, "summary: The text as first published on this site.\n", "",
                 f"{NEC}:1: the front matter has no 'summary'", id="missing-field"),
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
                 "rules.donations.reporting.threshold is 1600, but the text of #12 does not contain 1600",
                 id="rule-number-not-in-clause"),
    pytest.param(NEC, 'clause: "12"\n      threshold: 500', 'clause: "11"\n      threshold: 500',
                 "rules.donations.permissible_donor.threshold is 500, but the text of #11 does not contain 500",
                 id="rule-cites-wrong-clause"),
    pytest.param(NEC, "counts: more-than", "counts: over", "rules.donations.permissible_donor.counts must be one of",
                 id="rule-property-unknown"),
    pytest.param("topics.yml", "nec-candidates#8,", "nec-candidates#99,",
                 "topics.yml:", id="topic-points-nowhere"),
    pytest.param("index.md", "{{ codes_list }}", "{{ code_list }}", "docs/index.md:11: unknown shortcode {{ code_list }}",
                 id="unknown-shortcode"),
    pytest.param(NEC, "Canvassing is specifically allowed", "Canvassing is expressly allowed",
                 "nec-candidates@original is published and its wording has changed (#4)", id="published-text-changed"),
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


def test_a_topic_that_points_nowhere_names_the_topic_and_the_line(docs_copy, tmp_path, capsys):
    edit(docs_copy, "topics.yml", "nec-candidates#8,", "nec-candidates#99,")
    assert build_site.main(["--docs", str(docs_copy), "--site-dir", str(tmp_path / "s"), "--no-runtime"]) == 1
    error = capsys.readouterr().err
    assert "topic inducements: nec-candidates has no clause #99 in its current version" in error
    assert "topics.yml:" in error.split(" topic ")[0]


def test_a_corrected_published_version_passes_when_the_lock_records_the_correction(docs_copy, tmp_path, capsys):
    edit(docs_copy, NEC, "Canvassing is specifically allowed", "Canvassing is expressly allowed")
    assert build_site.main(["--docs", str(docs_copy), "--site-dir", str(tmp_path / "s"), "--no-runtime"]) == 1
    message = capsys.readouterr().err
    correction = message[message.index("  corrections:"):message.index("The reason is shown")]
    correction = correction.replace("<what was wrong and what was corrected>", "Clause 4 was mistyped.")
    lock = docs_copy / "codes.lock.yml"
    lock.write_text(lock.read_text().replace("nec-candidates@original:\n", "nec-candidates@original:\n" + correction))
    assert build_site.main(["--docs", str(docs_copy), "--site-dir", str(tmp_path / "s"), "--no-runtime"]) == 0
    page = (tmp_path / "s" / "codes" / "nec-candidates" / "original" / "index.html").read_text()
    assert "Corrected on" in page and "Clause 4 was mistyped." in page


def test_a_failed_build_does_not_touch_the_lock(docs_copy, tmp_path):
    new = docs_copy / "codes" / "leadership" / "later.md"
    source = (docs_copy / "codes" / "leadership" / "original.md").read_text()
    new.write_text(source.replace("version: original", "version: later").replace("status: in-force", "status: in-force\nin_force_from: 2030-01-01"))
    edit(docs_copy, "codes/leadership/original.md", "status: in-force", "status: superseded")
    edit(docs_copy, "index.md", "{{ codes_list }}", "{{ nope }}")  # fails after the lock was checked
    before = (docs_copy / "codes.lock.yml").read_text()
    with pytest.raises(ContentError, match="unknown shortcode"):
        build_site.build(docs_copy, tmp_path / "s", with_runtime=False, ci=False)
    assert (docs_copy / "codes.lock.yml").read_text() == before


def test_a_successful_build_replaces_the_old_site_whole(docs_copy, tmp_path):
    site = tmp_path / "site"
    site.mkdir()
    (site / "stale.html").write_text("old")
    assert build_site.main(["--docs", str(docs_copy), "--site-dir", str(site), "--no-runtime"]) == 0
    assert not (site / "stale.html").exists()
    assert (site / "codes" / "nec-candidates" / "index.html").exists()
