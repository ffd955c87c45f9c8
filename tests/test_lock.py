"""Published means fixed: what a reader can follow (links), the days that decide which version applied, and the
law's past values are in the lock as the wording and rules are; a change needs a correction the page shows; and a
pull request that edits a version and its lock entry together is caught against the base branch."""

import datetime as dt
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

import build_site
from checkers.content import ContentError, each_error
from sitebuild import lock, model
from tests.content_copies import edit

ROOT = Path(__file__).resolve().parent.parent
MOMENTUM = Path("codes") / "momentum-ncg-elections" / "2022.md"
NEC = Path("codes") / "nec-candidates" / "original.md"


@pytest.fixture
def docs(docs_copy):
    return docs_copy


def check(docs: Path, record: bool = False):
    return lock.check(model.load(docs), docs / lock.LOCK_NAME, record=record)


def test_the_lock_as_committed_accepts_the_content_as_it_is(docs):
    assert check(docs) == ([], None)


def test_a_mail_address_that_links_elsewhere_than_it_reads_is_refused(docs):
    # The words still read "complaints@peoplesmomentum.com"; only where the link goes changes.
    line = edit(docs / MOMENTUM, "(mailto:complaints@peoplesmomentum.com)", "(mailto:someone-else@example.org)")
    with pytest.raises(ContentError) as error:
        check(docs)
    assert error.value.line == line
    assert "momentum-ncg-elections@2022 is published and what its links point to has changed (#complaints-procedure-1)" \
        in error.value.message
    assert "corrections:" in error.value.message and "links:" in error.value.message


def test_a_cross_reference_that_points_at_another_clause_is_refused(docs):
    edit(docs / MOMENTUM, "[Election Guidelines](ref:complaints-procedure)", "[Election Guidelines](ref:data-policy)")
    with pytest.raises(ContentError, match="what its links point to has changed"):
        check(docs)


def test_a_date_added_to_a_published_version_is_refused_naming_the_line(docs):
    line = edit(docs / NEC, "status: in-force\n", "status: in-force\nin_force_from: 2020-01-01\n")
    with pytest.raises(ContentError) as error:
        check(docs)
    assert error.value.line == line + 1
    assert "its dates have changed (in_force_from was absent, is now '2020-01-01'), which changes the version in force" \
        in error.value.message


def test_every_published_version_changed_is_named_in_one_run_with_its_line(docs):
    wording = edit(docs / NEC, "must be from a permissible donor", "must come from a permissible donor")
    link = edit(docs / MOMENTUM, "(mailto:complaints@peoplesmomentum.com)", "(mailto:someone-else@example.org)")
    with pytest.raises(ContentError) as error:
        check(docs)
    found = [(Path(e.path).name, e.line, e.message.split(" (")[0]) for e in each_error(error.value)]
    assert found == [("2022.md", link, "momentum-ncg-elections@2022 is published and what its links point to has changed"),
                     ("original.md", wording, "nec-candidates@original is published and its wording has changed")], found


def test_a_date_in_the_lock_that_is_not_one_is_named_at_its_line(docs):
    text = (docs / lock.LOCK_NAME).read_text(encoding="utf-8")
    (docs / lock.LOCK_NAME).write_text(text + "x:\n  published: 2026-13-01\n", encoding="utf-8")
    with pytest.raises(ContentError) as error:
        check(docs)
    assert error.value.line == text.count("\n") + 2
    assert "'2026-13-01' is not a real date" in error.value.message


@pytest.mark.parametrize("slip, name", [
    ("-{key}:", "-{key}"),  # a dash typed in front, as if it were a list's item
    ("{key}#12:", "{key}#12"),  # a clause's citation, where the lock names versions
    ("Nec-Candidates@original:", "Nec-Candidates@original"),
])
def test_an_entry_of_the_lock_that_is_not_a_versions_citation_is_named_at_its_line(docs, slip, name):
    """Found by tests/test_maintainer_slips.py: such a name ended in a traceback where the lock said its version's
    file was gone."""
    path = docs / lock.LOCK_NAME
    text = path.read_text(encoding="utf-8")
    key = "confidentiality-privacy@original"
    line = text[:text.index(f"\n{key}:")].count("\n") + 2
    path.write_text(text.replace(f"\n{key}:", "\n" + slip.format(key=key), 1), encoding="utf-8")
    for read in (lambda: lock.refuse_published_files_gone(docs), lambda: check(docs)):
        with pytest.raises(ContentError) as error:
            read()
        assert error.value.line == line
        assert error.value.message == (f"{name.format(key=key)} is not an entry of the lock: each is code@version, "
                                       "such as nec-candidates@original")


def test_a_date_taken_out_of_the_lock_by_hand_is_named_as_an_edit_of_the_lock(docs):
    lock_file = docs / lock.LOCK_NAME
    text = lock_file.read_text(encoding="utf-8")
    # A version with no correction, whose own dates are the ones that apply.
    entry = text.index(f"{TYPED}:")
    at = text.index("\n    in_force_from: null\n", text.index("\n  dates:\n", entry)) + 1
    lock_file.write_text(text[:at] + text[at + len("    in_force_from: null\n"):], encoding="utf-8")
    with pytest.raises(ContentError) as error:
        check(docs)
    assert error.value.path == str(lock_file)
    dates_line = text[:text.index("\n  dates:\n", entry) + 1].count("\n") + 1
    assert error.value.line == dates_line
    assert f"{TYPED}: its dates in docs/codes.lock.yml have been edited by hand (in_force_from " \
        "added or taken away)" in error.value.message and "git checkout main -- docs/codes.lock.yml" in error.value.message


def test_a_published_date_changed_is_refused(docs):
    edit(docs / NEC, "published: 2026-11-22", "published: 2026-11-23")
    with pytest.raises(ContentError, match="published was '2026-11-22', is now '2026-11-23'"):
        check(docs)


# A version whose entry has no corrections yet, so that lines typed under it are its first.
TYPED = "local-government-selections@original"


def _with_correction_typed_as(docs, lines: str) -> Path:
    """The lock with lines added under a version with no correction yet, as a maintainer types a correction in the web editor."""
    path = docs / lock.LOCK_NAME
    text = path.read_text(encoding="utf-8")
    entry = text.index(f"{TYPED}:\n") + len(f"{TYPED}:\n")
    path.write_text(text[:entry] + lines + text[entry:], encoding="utf-8")
    return path


@pytest.mark.parametrize("lines, row, where, message", [
    ("  corrections:\n    date: 2026-12-02\n    reason: A slip.\n", 1, f"{TYPED}.corrections",
     "must be a list, each correction starting '- date:'"),
    ("  corrections:\n  - date: 2026-12-02\n    reasons: A slip.\n", 3, f"{TYPED}.corrections[0].reasons",
     "is not a field of a correction: date, reason, and any of sha256, clauses, links, rules, dates"),
    ("  corrections:\n  - date: 2026-12-02\n    reason: A slip.\n    clauses:\n      12: 0123456789ab\n", 5,
     f"{TYPED}.corrections[0].clauses.12", "is a name YAML reads as a number or a date: write it in "
     "quotes, as '12'"),
    ("  correction:\n  - date: 2026-12-02\n", 1, f"{TYPED}.correction", "is not a field of the lock"),
    ("  corrections:\n  - date: 2026-12-02\n    reason: A slip.\n    dates:\n      published: [2026]\n", 5,
     f"{TYPED}.corrections[0].dates.published", "each a date or null"),
])
def test_a_slip_in_a_correction_typed_into_the_lock_is_named_at_its_line(docs, lines, row, where, message):
    path = _with_correction_typed_as(docs, lines)
    with pytest.raises(ContentError) as error:
        check(docs)
    assert error.value.message.startswith(f"{where} ") and message in error.value.message, error.value.message
    entry = path.read_text(encoding="utf-8").split("\n").index(f"{TYPED}:") + 1
    assert error.value.line == entry + row


def test_changed_anchors_are_listed_numbers_first_then_words():
    before = {"8": "a", "code-of-conduct-4": "b", "10": "c", "2": "d"}
    now = {"8": "x", "code-of-conduct-4": "y", "10": "z", "2": "d"}
    assert lock._changed_units(before, now) == ["8", "10", "code-of-conduct-4"]


def test_a_correction_entry_for_the_dates_is_accepted_and_shown(docs, tmp_path):
    edit(docs / NEC, "published: 2026-11-22", "published: 2026-11-23")
    entries = lock.read(docs / lock.LOCK_NAME)
    version = model.load(docs).codes["nec-candidates"].get("original")
    entries["nec-candidates@original"].setdefault("corrections", []).append(
        {"date": dt.date(2026, 12, 2), "reason": "The day of publication was one day out.", "dates": lock.dates(version)})
    lock.save(docs / lock.LOCK_NAME, entries)
    assert check(docs) == ([], None)
    build_site.build(docs, tmp_path / "site", with_runtime=False)
    page = (tmp_path / "site" / "codes" / "nec-candidates" / "original" / "index.html").read_text(encoding="utf-8")
    assert "Corrected on 2 December 2026" in page and "The day of publication was one day out." in page


def test_a_past_value_of_the_law_changed_is_refused_and_a_correction_lets_it_through(docs, tmp_path):
    path = docs / "law" / "figures.yml"
    edit(path, "      - value: 1500\n", "      - value: 1600\n")
    with pytest.raises(ContentError) as error:
        check(docs)
    assert error.value.path.endswith("figures.yml") and error.value.line
    assert "the figure reporting-threshold has changed a value that applied on a past day" in error.value.message
    entries = lock.read(docs / lock.LOCK_NAME)
    site = model.load(docs)
    entries["law"]["reporting-threshold"]["corrections"] = [{"date": dt.date(2026, 12, 2), "reason": "The first value "
                                                             "was mistyped.", "values": lock.figure_values(
                                                                 site.law.figure("reporting-threshold"))}]
    lock.save(docs / lock.LOCK_NAME, entries)
    assert check(docs) == ([], None)
    build_site.build(docs, tmp_path / "site", with_runtime=False)
    page = (tmp_path / "site" / "law" / "index.html").read_text(encoding="utf-8")
    assert "Corrected on 2 December 2026" in page and "The first value was mistyped." in page
    # The feed says so too, linking to the figure: a reader of the feed may have read the value it corrects.
    feed = (tmp_path / "site" / "feed.xml").read_text(encoding="utf-8")
    entry = feed[feed.index("<id>urn:codes-of-conduct:law:reporting-threshold:correction:1</id>"):].split("</entry>")[0]
    assert "<updated>2026-12-02T00:00:00Z</updated>" in entry and "The first value was mistyped." in entry
    assert 'law/#reporting-threshold"' in entry


def test_confirming_a_past_date_of_the_law_needs_a_correction_too(docs):
    edit(docs / "law" / "figures.yml", "        from: not confirmed\n        not_before: 2023-01-01\n        in_force_on: 2024-11-19\n",
         "        from: 2024-01-01\n")
    with pytest.raises(ContentError, match="changed a value that applied on a past day"):
        check(docs)


def test_a_new_value_from_a_day_after_today_is_recorded_not_corrected(docs):
    path = docs / "law" / "figures.yml"
    text = path.read_text(encoding="utf-8")
    start = text.index("  reporting-period:")
    new = ("      - value: 3000\n        from: 2099-01-01\n        basis: A value for this test, in the future.\n"
           "        sources:\n          - title: A source\n            url: https://www.legislation.gov.uk/\n")
    path.write_text(text[:start] + new + text[start:], encoding="utf-8")
    assert check(docs) == (["docs/law/figures.yml, figure reporting-threshold: a new value, from a day after today, "
                            "will be recorded in docs/codes.lock.yml when this is merged"], None)
    notices, updated = check(docs, record=True)
    assert notices == ["docs/law/figures.yml, figure reporting-threshold: a new value, from a day after today, recorded "
                       "in docs/codes.lock.yml"]
    lock.save(docs / lock.LOCK_NAME, updated)
    assert check(docs) == ([], None)


def test_a_first_version_not_yet_in_force_is_refused_in_the_build_naming_the_file(tmp_path):
    docs = tmp_path / "docs"
    import shutil

    shutil.copytree(ROOT / "tests" / "fixtures" / "docs", docs)
    for name, day in (("2020", "2027-01-01"), ("2022", "2027-06-01"), ("2024", "2028-01-01")):
        path = docs / "codes" / "fixture-candidates" / f"{name}.md"
        text = path.read_text(encoding="utf-8")
        path.write_text(text.replace(next(line for line in text.splitlines() if line.startswith("in_force_from:")),
                                     f"in_force_from: {day}"), encoding="utf-8")
    with pytest.raises(ContentError) as error:
        model.load(docs, dt.date(2026, 12, 2))
    assert error.value.path.endswith("2020.md") and error.value.line
    assert "this is the first version of fixture-candidates: no version would be in force" in error.value.message


# --- Against the base branch ------------------------------------------------------------------------------------

def test_a_pull_request_that_edits_a_version_and_its_lock_entry_together_is_refused():
    base = lock.read(ROOT / "docs" / lock.LOCK_NAME)
    edited = yaml.safe_load(yaml.safe_dump(base))
    edited["nec-candidates@original"]["sha256"] = "0" * 64
    problems, corrections = lock.against_base(base, edited)
    assert problems == ["nec-candidates@original: its recorded sha256 was changed in the lock itself. What was published "
                        "is recorded once; a change goes in a new correction entry (date, reason) below it"]
    removed = {k: v for k, v in base.items() if k != "leadership@original"}
    assert "leadership@original is in the base branch's lock and has been removed" in lock.against_base(base, removed)[0][0]
    law = yaml.safe_load(yaml.safe_dump(base))
    law["law"]["reporting-threshold"]["values"][0]["value"] = 1600
    assert "the law's figure reporting-threshold: its recorded values was changed" in lock.against_base(base, law)[0][0]


def test_a_correction_added_with_a_date_and_reason_passes_and_is_listed_and_one_without_a_reason_is_refused():
    base = lock.read(ROOT / "docs" / lock.LOCK_NAME)
    corrected = yaml.safe_load(yaml.safe_dump(base))
    corrected["leadership@original"]["corrections"] = [{"date": "2026-12-02", "reason": "A typo in paragraph 3.",
                                                       "sha256": "1" * 64}]
    assert lock.against_base(base, corrected) == ([], ["leadership@original is corrected (2026-12-02): A typo in paragraph 3."])
    corrected["leadership@original"]["corrections"][0]["reason"] = " "
    assert "a new correction needs a date (YYYY-MM-DD) and a reason" in lock.against_base(base, corrected)[0][0]


def test_the_command_compares_the_working_lock_with_the_base_commit_and_fails_on_a_silent_change(docs):
    path = docs / lock.LOCK_NAME
    edit(path, "sha256: 2cbc423744a1a7bcb3cfd8116362aaf6aa76deb8a5061a996ecef4821e652e1e",
         "sha256: 2cbc423744a1a7bcb3cfd8116362aaf6aa76deb8a5061a996ecef4821e652e1f")
    result = subprocess.run([sys.executable, "-m", "sitebuild.lock", "--base", "HEAD", "--docs", str(docs)], cwd=ROOT,
                            capture_output=True, text=True)
    assert result.returncode == 1 and "leadership@original: its recorded sha256 was changed in the lock itself" in result.stderr
    assert "Traceback" not in result.stderr


def test_a_base_that_git_would_read_as_an_option_is_refused(tmp_path, capsys):
    from sitebuild import summary

    for command in (lock.main, summary.main):
        with pytest.raises(SystemExit) as stopped:
            command([f"--base=--output={tmp_path}/written"])
        assert stopped.value.code == 2
        assert f"must name a commit or a branch, not '--output={tmp_path}/written'" in capsys.readouterr().err
    assert list(tmp_path.iterdir()) == []


def test_a_second_corrections_line_pasted_under_an_entry_is_refused_at_its_line(docs):
    # YAML alone keeps the last of two fields of one name: the correction already recorded (or the one pasted)
    # would be lost without a word.
    path = docs / lock.LOCK_NAME
    text = path.read_text(encoding="utf-8")
    entry = text.index("nec-candidates@original:\n") + len("nec-candidates@original:\n")
    assert "  corrections:\n" in text[entry:]
    pasted = "  corrections:\n  - date: 2026-12-06\n    reason: Another slip.\n"
    path.write_text(text[:entry] + pasted + text[entry:], encoding="utf-8")
    with pytest.raises(ContentError) as error:
        check(docs)
    first = text[:entry].count("\n") + 1
    lines = path.read_text(encoding="utf-8").split("\n")
    both = [i + 1 for i, line in enumerate(lines) if line == "  corrections:" and i >= first - 1][:2]
    assert error.value.line == both[1], error.value
    assert error.value.message.startswith(f"the field 'corrections' appears twice (first at line {both[0]})")
    assert "Keep one, and put under it everything both hold" in error.value.message


# --- The day a version is published ----------------------------------------------------------------------------

def test_the_merge_records_the_day_it_publishes_a_version_and_the_pages_show_that_day(tmp_path):
    """A version's file says when it was made (`published:`, written by make new-version); the day the site published
    it is the merge's, which the lock records: the page, the feed and the JSON say that one."""
    import shutil

    docs = tmp_path / "docs"
    shutil.copytree(ROOT / "tests" / "fixtures" / "docs", docs)
    old = docs / "codes" / "fixture-candidates" / "2024.md"
    old.with_name("2026.md").write_text(old.read_text().replace('version: "2024"', 'version: "2026"')
                                        .replace("in_force_from: 2024-01-01", "in_force_from: 2027-01-01")
                                        .replace("c. exclusion.", "c. exclusion from the party."))
    merged = dt.date(2026, 12, 4)
    notices, updated = lock.check(model.load(docs, merged), docs / lock.LOCK_NAME, record=True)
    assert updated["fixture-candidates@2026"]["recorded"] == "2026-12-04"
    assert all("recorded" not in entry for key, entry in updated.items() if key != "fixture-candidates@2026")
    lock.save(docs / lock.LOCK_NAME, updated)
    site = tmp_path / "site"
    build_site.build(docs, site, with_runtime=False, today=dt.date(2026, 12, 10))
    page = (site / "codes" / "fixture-candidates" / "2026" / "index.html").read_text(encoding="utf-8")
    assert "<dt>Published on this site</dt><dd>4 December 2026</dd>" in page
    assert "<dt>Published on this site</dt><dd>1 January 2024</dd>" in (
        site / "codes" / "fixture-candidates" / "2024" / "index.html").read_text(encoding="utf-8")
    versions = yaml.safe_load((site / "codes" / "index.json").read_text(encoding="utf-8"))["codes"][0]["versions"]
    assert [v["published"] for v in versions] == ["2020-01-01", "2022-06-01", "2024-01-01", "2026-12-04"]


def test_a_lock_entry_written_in_a_pull_request_for_a_new_version_is_refused():
    base = lock.read(ROOT / "docs" / lock.LOCK_NAME)
    added = yaml.safe_load(yaml.safe_dump(base))
    added["leadership@2027"] = {**added["leadership@original"], "recorded": "2020-01-01"}
    assert lock.against_base(base, added)[0] == [
        "leadership@2027 is in the lock but not in the base branch's: the merge records a new version, so take its "
        "entry out of docs/codes.lock.yml"]


def test_a_recorded_day_that_is_not_a_day_is_named_at_its_line(docs):
    path = docs / lock.LOCK_NAME
    line = edit(path, "leadership@original:\n", "leadership@original:\n  recorded: [soon]\n") + 1
    with pytest.raises(ContentError) as error:
        check(docs)
    assert error.value.line == line and error.value.message == "leadership@original.recorded must be a date written YYYY-MM-DD"
