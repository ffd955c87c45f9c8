"""Versions over the fixture code (tests/fixtures/docs): diffs, dates, the lock, pages, JSON and feed."""

import dataclasses
import datetime as dt
import json
import shutil
import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

import build_site
import checkers
from checkers import content
from sitebuild import audit, diff, lock, model, source

FIXTURES = Path(__file__).parent / "fixtures" / "docs"
ATOM = "{http://www.w3.org/2005/Atom}"


@pytest.fixture(scope="module")
def fixture():
    return model.load(FIXTURES).codes["fixture-candidates"]


@pytest.fixture(scope="module")
def fixture_data(tmp_path_factory) -> Path:
    """The checkers' data for the fixture code, as the build writes it."""
    return build_site.write_checkers_data(model.load(FIXTURES), tmp_path_factory.mktemp("data") / "codes.json")


@pytest.fixture(scope="module")
def fixture_site(tmp_path_factory):
    site = tmp_path_factory.mktemp("fixture") / "site"
    build_site.build(FIXTURES, site, with_runtime=False)
    return site


def page(site: Path, path: str) -> str:
    return (site / path / "index.html").read_text(encoding="utf-8")


# --- The diff ---------------------------------------------------------------------------------


def test_word_level_diff_marks_removed_and_added_words_in_words_not_colour():
    html = diff.words("Donations of more than £500 must", "Donations of more than £750 must")
    assert html == ('Donations of more than <del><span class="visually-hidden">[removed: </span>£500'
                    '<span class="visually-hidden">]</span></del><ins><span class="visually-hidden">[added: </span>£750'
                    '<span class="visually-hidden">]</span></ins> must')
    assert diff.words("same words", "same words") == "same words"
    assert "&lt;b&gt;" in diff.words("a", "<b>")


def test_clauses_are_matched_by_permanent_anchor_through_a_renumbering(fixture):
    v2020, v2022, v2024 = fixture.versions
    changes = {c.anchor: c for c in diff.compare(v2020.units, v2022.units)}
    assert changes["data-protection"].status == "added"
    assert changes["1"].status == "unchanged"
    assert changes["2"].status == "changed" and changes["2"].renumbered
    assert changes["2"].new.title() == "clause 3" and changes["2"].old.title() == "clause 2"
    assert changes["4-a"].status == "unchanged"
    later = {c.anchor: c for c in diff.compare(v2022.units, v2024.units)}
    assert later["data-protection"].status == "removed"
    assert later["4-c"].status == "added"
    assert ", 1 removed, " in diff.summary(diff.compare(v2022.units, v2024.units))


def test_a_removed_anchor_is_reported_not_silently_broken(fixture):
    notices = model.removed_anchors(fixture)
    assert notices == ["fixture-candidates@2024 removes #data-protection (it was in 2022); "
                       "its comparison page lists it as removed"]


def test_plain_references_follow_the_renumbering(fixture):
    v2022 = fixture.versions[1]
    (_, _, ref), = v2022.refs["4"]
    assert ref.text == "clause 4" and ref.target.clause == "3"


# --- Versions by date ------------------------------------------------------------------------------


@pytest.mark.parametrize("day, version", [
    ("2019-12-31", None), ("2020-01-01", "2020"), ("2022-05-31", "2020"), ("2022-06-01", "2022"),
    ("2023-12-31", "2022"), ("2024-01-01", "2024"), ("2030-01-01", "2024"),
])
def test_the_version_in_force_on_a_day(day, version):
    code = source.load_codes(FIXTURES / "codes")["fixture-candidates"]
    found = code.version_on(dt.date.fromisoformat(day))
    assert (found.version if found else None) == version


def test_a_version_with_no_stated_start_covers_every_day_before_its_successor():
    code = checkers.codes()["nec-candidates"]
    assert code.version_on(dt.date(1999, 1, 1)).version == "original"


def docs_with_one_change(tmp_path, version: str, old: str, new: str) -> Path:
    """A copy of the fixture content, with one edit to one version's file."""
    docs = tmp_path / "docs"
    shutil.copytree(FIXTURES, docs)
    path = docs / "codes" / "fixture-candidates" / f"{version}.md"
    assert old in path.read_text(), f"{old!r} is not in {path.name}"
    path.write_text(path.read_text().replace(old, new))
    return docs


def load_with_one_change(tmp_path, version: str, old: str, new: str):
    """The fixture codes, with one edit to one version's file, loaded."""
    shutil.copytree(FIXTURES / "codes", tmp_path / "codes")
    path = tmp_path / "codes" / "fixture-candidates" / f"{version}.md"
    path.write_text(path.read_text().replace(old, new))
    return source.load_codes(tmp_path / "codes")


def test_a_first_version_with_no_stated_start_comes_before_one_that_took_effect_before_this_site_published_it(tmp_path):
    """A code this site first published in 2026, with no day of its own, and a later version that took effect in
    2023: the later version follows it, from its own day, and the first covers every day before."""
    shutil.copytree(FIXTURES / "codes", tmp_path / "codes")
    folder = tmp_path / "codes" / "fixture-candidates"
    for version, old, new in [("2020", "in_force_from: 2020-01-01\npublished: 2020-01-01", "published: 2026-11-22"),
                              ("2022", "published: 2022-06-01", "published: 2026-12-01"),
                              ("2024", "published: 2024-01-01", "published: 2026-12-01")]:
        path = folder / f"{version}.md"
        path.write_text(path.read_text().replace(old, new))
    code = source.load_codes(tmp_path / "codes")["fixture-candidates"]
    assert [v.id for v in code.versions] == ["2020", "2022", "2024"]
    assert code.version_on(dt.date(2022, 5, 31)).id == "2020" and code.version_on(dt.date(2022, 6, 1)).id == "2022"
    assert source.order_notices(code) == [
        "fixture-candidates@2022 took effect on 2022-06-01, before this site published fixture-candidates@2020 "
        "(2026-11-22), whose source states no day it took effect: the site takes 2020 as the earlier version, in force "
        "until 2022-05-31"]


def test_a_second_version_with_no_stated_start_is_named(tmp_path):
    with pytest.raises(content.ContentError, match="2024.md:7: a version after the first must say when it took effect"):
        load_with_one_change(tmp_path, "2024", "in_force_from: 2024-01-01\n", "")
    # Two undated versions: the one this site published later is named, whatever their dated neighbours.
    shutil.copytree(FIXTURES / "codes", tmp_path / "again")
    for version in ("2020", "2022"):
        path = tmp_path / "again" / "fixture-candidates" / f"{version}.md"
        path.write_text(path.read_text().replace(f"in_force_from: {version}-", "x: "))
        path.write_text("\n".join(line for line in path.read_text().split("\n") if not line.startswith("x: ")))
    with pytest.raises(content.ContentError, match="2022.md:7: a version after the first must say when it took effect"):
        source.load_codes(tmp_path / "again")
    # Two undated versions published on one day (a file copied by hand keeps its published:): nothing says which is
    # the new one, so both files are named, and what to do in the one being added.
    (tmp_path / "again" / "fixture-candidates" / "2024.md").unlink()
    for version in ("2020", "2022"):
        path = tmp_path / "again" / "fixture-candidates" / f"{version}.md"
        path.write_text(path.read_text().replace(f"published: {version}-01-01", "published: 2026-11-22")
                        .replace(f"published: {version}-06-01", "published: 2026-11-22"))
    with pytest.raises(content.ContentError) as error:
        source.load_codes(tmp_path / "again")
    assert error.value.message.startswith(
        "2020.md and 2022.md both say published: 2026-11-22 and neither says when it took effect, so which came first is "
        "not known. In the file you are adding, make published: the day you made it"), error.value.message
    # An undated first version, and a new version whose published: is the day it took effect, before the first's.
    with pytest.raises(content.ContentError) as error:
        load_with_one_change(tmp_path / "third", "2020", "in_force_from: 2020-01-01\npublished: 2020-01-01",
                             "published: 2026-11-22")
    assert error.value.message.endswith(
        "(until then version 2024 stays in force). If this version came first, look at 2024.md: its published: "
        "2024-01-01 is before this one's, and published is the day a version's file was made for this site, not the "
        "day it took effect"), error.value.message


def test_a_period_that_ends_before_it_begins_is_refused_with_both_days(tmp_path):
    with pytest.raises(content.ContentError) as error:
        load_with_one_change(tmp_path, "2022", "in_force_from: 2022-06-01", "in_force_from: 2022-06-01\nin_force_until: 2022-05-31")
    assert error.value.line == 8 and error.value.message == (
        "in_force_until (2022-05-31) is before in_force_from (2022-06-01): check both days as the source states them")


def test_two_versions_taking_effect_on_one_day_are_refused_at_the_later_ones_line(tmp_path):
    shutil.copytree(FIXTURES / "codes", tmp_path / "codes")
    folder = tmp_path / "codes" / "fixture-candidates"
    (folder / "2026.md").write_text((folder / "2024.md").read_text().replace('version: "2024"', 'version: "2026"')
                                    .replace("published: 2024-01-01", "published: 2026-12-01"))
    with pytest.raises(content.ContentError) as error:
        source.load_codes(tmp_path / "codes")
    assert error.value.path.endswith("2026.md") and error.value.line == 7
    assert error.value.message.startswith("in_force_from is 2024-01-01, the day fixture-candidates@2024 took effect too: "
                                          "two versions cannot take effect on one day, or 2024 would never be in force.")


def test_a_day_between_two_versions_in_force_is_refused_with_each_versions_days(tmp_path):
    docs = docs_with_one_change(tmp_path, "2020", "in_force_from: 2020-01-01", "in_force_from: 2020-01-01\nin_force_until: 2021-12-31")
    data = build_site.write_checkers_data(model.load(docs), tmp_path / "codes.json")
    response = checkers.run("suspension", {"code": "fixture-candidates", "as_of": "2022-03-01", "suspended": False}, data)
    assert [e["message"] for e in response["errors"]] == [
        "no version of fixture-candidates was in force on 1 March 2022: choose a day one was in force (2020 from "
        "1 January 2020 until 31 December 2021; 2022 from 1 June 2022 until 31 December 2023; 2024 from 1 January 2024), "
        "or a version"]


def test_a_withdrawn_version_says_so_on_its_page_and_at_the_top_of_every_answer_against_it(tmp_path):
    docs = docs_with_one_change(tmp_path, "2024", "status: in-force", "status: withdrawn")
    data = build_site.write_checkers_data(model.load(docs), tmp_path / "codes.json")
    response = checkers.run("donations", {"code": "fixture-candidates", "donations": [
        {"donor": "A", "amount": "100", "received": "2024-03-01"}]}, data)
    assert response["headline"].endswith("Checked against: Fixture code, version 2024 (withdrawn).")
    assert response["details"][0] == ("This version of the code (fixture-candidates@2024) has been withdrawn: it no "
                                      "longer applies, and this answer says only what it said.")
    earlier = checkers.run("donations", {"code": "fixture-candidates", "version": "2022", "donations": [
        {"donor": "A", "amount": "100", "received": "2023-03-01"}]}, data)
    assert "withdrawn" not in earlier["headline"] and not any("withdrawn" in d for d in earlier.get("details", []))
    site = tmp_path / "site"
    build_site.build(docs, site, with_runtime=False, today=dt.date(2026, 12, 6))
    assert "This version has been withdrawn</p>" in page(site, "codes/fixture-candidates/2024")
    assert "This version has been withdrawn" not in page(site, "codes/fixture-candidates/2022")
    assert "Fixture code: current version (2024, withdrawn)</option>" in page(site, "checkers/donations")
    assert "2024 (withdrawn: it no longer applies)<br>" in page(site, "codes")


def test_a_version_whose_time_in_force_has_ended_with_nothing_after_it_says_so_and_is_no_longer_in_force(tmp_path):
    docs = docs_with_one_change(tmp_path, "2024", "in_force_from: 2024-01-01", "in_force_from: 2024-01-01\nin_force_until: 2025-12-31")
    site = model.load(docs, dt.date(2026, 12, 6))
    code = site.codes["fixture-candidates"]
    assert code.current.id == "2024" and code.current.standing == "no-longer-in-force"
    data = build_site.write_checkers_data(site, tmp_path / "codes.json")
    request = {"code": "fixture-candidates", "donations": [{"donor": "A", "amount": "100", "received": "2025-03-01"}]}
    response = checkers.run("donations", request, data)
    assert response["headline"].endswith("Checked against: Fixture code, version 2024 (no longer in force).")
    assert response["details"][0] == ("This version of the code (fixture-candidates@2024) was in force until 31 December "
                                      "2025, and no later version is on this site: it no longer applies, and this answer "
                                      "says only what it said.")
    # Asked as on a day it was in force, it is answered as it applied then.
    on_a_day = checkers.run("donations", {**request, "as_of": "2025-06-01"}, data)
    assert not any("no longer applies" in d for d in on_a_day.get("details", []))
    # Its end day given as a new version's would be (a published one's dates are fixed without a correction).
    kept = lock.read(docs / lock.LOCK_NAME)
    del kept["fixture-candidates@2024"]
    lock.save(docs / lock.LOCK_NAME, kept)
    built = tmp_path / "site"
    build_site.build(docs, built, with_runtime=False, today=dt.date(2026, 12, 6))
    text = page(built, "codes/fixture-candidates")
    assert "This version is no longer in force</p>" in text and "<dt>Status</dt><dd>no longer in force</dd>" in text
    assert "2024 (no longer in force: it no longer applies)<br>" in page(built, "codes")
    assert "Fixture code: current version (2024, no longer in force)</option>" in page(built, "checkers/donations")


def test_overlapping_periods_are_refused(tmp_path):
    with pytest.raises(content.ContentError, match="in force from 2022-06-01 overlaps fixture-candidates@2020"):
        load_with_one_change(tmp_path, "2020", "in_force_from: 2020-01-01", "in_force_from: 2020-01-01\nin_force_until: 2022-07-01")


def test_a_replaced_version_still_marked_in_force_is_shown_as_superseded_and_the_build_says_so(tmp_path):
    code = load_with_one_change(tmp_path, "2022", "status: superseded", "status: in-force")["fixture-candidates"]
    assert code.get("2022").standing == "superseded" and code.current.id == "2024"
    assert source.status_notices(code) == [
        "fixture-candidates@2022 says status: in-force, but fixture-candidates@2024 replaced it on 2024-01-01: the site "
        "shows it as superseded (set status: superseded in 2022.md when convenient)"]


def test_the_newest_version_cannot_be_superseded(tmp_path):
    with pytest.raises(content.ContentError, match="the newest version cannot be superseded"):
        load_with_one_change(tmp_path, "2024", "status: in-force", "status: superseded")


# --- Versions that take effect later ----------------------------------------------------------------


def _with_a_2027_version(tmp_path) -> Path:
    """The fixture content with a version agreed now and in force from 1 January 2027."""
    docs = tmp_path / "docs"
    shutil.copytree(FIXTURES, docs)
    old = docs / "codes" / "fixture-candidates" / "2024.md"
    old.with_name("2027.md").write_text(
        old.read_text().replace('version: "2024"', 'version: "2027"').replace("in_force_from: 2024-01-01", "in_force_from: 2027-01-01")
        .replace("published: 2024-01-01", "published: 2026-11-20").replace("c. exclusion.", "c. exclusion from the party."))
    return docs


def test_a_version_in_force_later_is_not_current_before_its_day_and_is_on_its_day(tmp_path):
    docs = _with_a_2027_version(tmp_path)
    before = model.load(docs, dt.date(2026, 11, 27)).codes["fixture-candidates"]
    assert before.current.id == "2024" and before.current.standing == "in-force"
    assert [v.id for v in before.upcoming] == ["2027"] and before.get("2027").standing == "not-yet-in-force"
    assert before.current.until == dt.date(2026, 12, 31)
    on_the_day = model.load(docs, dt.date(2027, 1, 1)).codes["fixture-candidates"]
    assert on_the_day.current.id == "2027" and on_the_day.get("2024").standing == "superseded"
    assert not on_the_day.upcoming


def test_a_topic_that_a_version_coming_into_force_would_leave_pointing_nowhere_is_named_now(tmp_path):
    """Topics point at a code's current version: one whose clause the new version drops would stop the daily build on
    the day it comes into force, so the build says so before the merge, with the day."""
    docs = _with_a_2027_version(tmp_path)
    new = docs / "codes" / "fixture-candidates" / "2027.md"
    new.write_text(new.read_text().replace("c. exclusion from the party.\n", ""))
    topics = docs / "topics.yml"
    topics.write_text(topics.read_text().replace("clauses: [fixture-candidates#3]", "clauses: [fixture-candidates#3, fixture-candidates#4-c]"))
    model.load(docs, dt.date(2026, 11, 27))  # as of today, every topic points somewhere
    with pytest.raises(content.ContentError) as error:
        build_site.build(docs, tmp_path / "site", with_runtime=False, today=dt.date(2026, 11, 27))
    assert error.value.path.endswith("topics.yml") and error.value.line == 3
    assert error.value.message == (
        "on 1 January 2027, when fixture-candidates@2027 comes into force, topic donations: fixture-candidates has no "
        "clause #4-c in its current version (2027): take it out of the topic, or name the clause of that version that "
        "says the same")
    assert not (tmp_path / "site").exists()


def test_the_site_built_before_the_day_shows_it_as_coming_into_force_and_on_the_day_switches(tmp_path):
    docs = _with_a_2027_version(tmp_path)
    site = tmp_path / "site"
    build_site.build(docs, site, with_runtime=False, today=dt.date(2026, 11, 27))
    current = page(site, "codes/fixture-candidates")
    assert "A new version comes into force on 1 January 2027" in current and "version original" not in current
    assert 'href="../../codes/fixture-candidates/compare/2024-to-2027/"' in current or "compare/2024-to-2027/" in current
    assert "Cite as</dt><dd><code>fixture-candidates@2024</code>" in current
    later = page(site, "codes/fixture-candidates/2027")
    assert "This version comes into force on 1 January 2027" in later and "not yet in force" in later
    assert "was superseded" not in page(site, "codes/fixture-candidates/2024")
    feed = (site / "feed.xml").read_text()
    assert "Comes into force on 2027-01-01." in feed
    data = json.loads((site / "codes" / "index.json").read_text())
    versions = {v["version"]: v["status"] for v in data["codes"][0]["versions"]}
    assert versions["2024"] == "in-force" and versions["2027"] == "not-yet-in-force" and data["codes"][0]["current"] == "2024"
    # The daily build on the day: nobody merges anything.
    build_site.build(docs, site, with_runtime=False, today=dt.date(2027, 1, 1))
    assert "This version was superseded on 1 January 2027" in page(site, "codes/fixture-candidates/2024")
    assert "Cite as</dt><dd><code>fixture-candidates@2027</code>" in page(site, "codes/fixture-candidates")
    assert "comes into force" not in page(site, "codes/fixture-candidates")


def test_the_checkers_default_to_the_version_in_force_on_the_day_of_the_build(tmp_path):
    docs = _with_a_2027_version(tmp_path)
    data = build_site.write_checkers_data(model.load(docs, dt.date(2026, 11, 27)), tmp_path / "codes.json")
    request = {"code": "fixture-candidates", "donations": []}
    assert checkers.run("donations", request, data)["version"] == "2024"
    assert checkers.run("donations", {**request, "version": "2027"}, data)["version"] == "2027"
    later = build_site.write_checkers_data(model.load(docs, dt.date(2027, 1, 1)), tmp_path / "later.json")
    assert checkers.run("donations", request, later)["version"] == "2027"


# --- Rules follow the version ----------------------------------------------------------------------


@pytest.mark.parametrize("choice, expected_deadline, reported", [
    ({"version": "2020"}, "2021-03-31", True),   # more than £1,500 in 2020: reported within 30 days
    ({"version": "2022"}, None, False),          # the 2022 threshold is £2,230
    ({"as_of": "2021-06-01"}, "2021-03-31", True),
])
def test_a_number_changed_in_a_version_changes_the_answer_for_that_version_only(choice, expected_deadline, reported,
                                                                                   fixture_data):
    request = {"code": "fixture-candidates", **choice,
               "donations": [{"donor": "A", "amount": 2000, "received": "2021-03-01", "permissible": True}]}
    response = checkers.run("donations", request, fixture_data)
    reports = [f for f in response["answers"] if f["rule"] == "report"]
    assert bool(reports) is reported
    if reported:
        assert reports[0]["date"]["on"] == expected_deadline
        assert reports[0]["clause"]["url"] == "codes/fixture-candidates/2020/#3"


@pytest.mark.parametrize("choice, fields", [
    ({"as_of": "2024-02-30"}, ["code", "as_of"]),                         # no code: the day is read all the same
    ({"code": "no-such-code", "as_of": "someday"}, ["code", "as_of"]),
    ({"code": "fixture-candidates", "as_of": "2024-02-30"}, ["as_of"]),
    ({"code": "fixture-candidates", "as_of": "2024-02-30", "version": "2020"}, ["as_of", "as_of"]),  # and not both
])
def test_a_day_to_choose_the_version_by_is_read_whatever_else_is_wrong(choice, fields, fixture_data):
    response = checkers.run("donations", {**choice, "donations": []}, fixture_data)
    assert sorted(e["field"] for e in response["errors"]) == sorted(fields)


def test_a_version_and_a_day_together_are_refused_in_words():
    request = {"code": "nec-candidates", "version": "original", "as_of": "2024-01-01", "donations": []}
    (error,) = checkers.run("donations", request)["errors"]
    assert error["summary_line"] == ("The version in force on cannot be given with a version (as_of or version, not both): "
                                     "give one or the other.")


def test_the_newest_version_reports_within_14_days(fixture_data):
    request = {"code": "fixture-candidates", "donations": [{"donor": "A", "amount": 2500, "received": "2024-03-01",
                                                            "permissible": True}]}
    response = checkers.run("donations", request, fixture_data)
    assert response["version"] == "2024"
    assert [f["date"]["on"] for f in response["answers"] if f["rule"] == "report"] == ["2024-03-15"]


# --- The lock ---------------------------------------------------------------------------------------


def test_editing_a_published_version_fails_with_the_intended_message(tmp_path):
    docs = tmp_path / "docs"
    shutil.copytree(FIXTURES, docs)
    path = docs / "codes" / "fixture-candidates" / "2022.md"
    path.write_text(path.read_text().replace("Candidates must respect data protection law.",
                                             "Candidates must respect the law."))
    site = model.load(docs)
    with pytest.raises(content.ContentError) as error:
        lock.check(site, docs / lock.LOCK_NAME)
    message = str(error.value)
    assert "fixture-candidates@2022 is published and its wording has changed (#data-protection)" in message
    assert "publish a new version instead" in message
    assert "corrections:" in message and "sha256:" in message


def new_draft(docs: Path) -> Path:
    """A new version of the fixture code, as make new-version and an edit make it."""
    old = docs / "codes" / "fixture-candidates" / "2024.md"
    new = old.with_name("2026.md")
    new.write_text(old.read_text().replace('version: "2024"', 'version: "2026"')
                   .replace("in_force_from: 2024-01-01", "in_force_from: 2026-01-01")
                   .replace("c. exclusion.", "c. exclusion from the party."))
    old.write_text(old.read_text().replace("status: in-force", "status: superseded"))
    return new


def test_a_new_version_dated_as_published_before_the_version_it_follows_is_refused_at_its_line(tmp_path):
    docs = tmp_path / "docs"
    shutil.copytree(FIXTURES, docs)
    new = new_draft(docs)
    new.write_text(new.read_text().replace("published: 2024-01-01", "published: 2023-12-31"))
    with pytest.raises(content.ContentError) as error:
        lock.check(model.load(docs), docs / lock.LOCK_NAME)
    assert error.value.path == str(new) and error.value.line == 8, str(error.value)
    assert error.value.message.startswith("published is 2023-12-31, before 2024-01-01, the day fixture-candidates@2024 "
                                          "(published here already) says, and fixture-candidates@2026 is new: published "
                                          "is the day its file was made for this site")
    assert error.value.message.endswith("The day the code itself took effect goes in in_force_from")


def test_a_version_that_took_effect_before_this_site_published_it_says_so_on_both_pages(tmp_path):
    """Between the day a version took effect and the day it was published here (the day the merge records, here the
    day of the build), the site showed the one before as in force: both pages say so, as a correction would."""
    docs = tmp_path / "docs"
    shutil.copytree(FIXTURES, docs)
    new_draft(docs)  # its file says it was published on 1 January 2024: the merge's day is the one that counts
    site = tmp_path / "site"
    build_site.build(docs, site, with_runtime=False, today=dt.date(2026, 11, 20))
    said = ("took effect on 1 January 2026, before this site published it on 20 November 2026. Until then, this site "
            "showed {} as in force from 1 January 2026 on.")
    assert "This version " + said.format("version 2024") in page(site, "codes/fixture-candidates/2026")
    assert "Version 2026 " + said.format("this version") in page(site, "codes/fixture-candidates/2024")
    assert "published here after it took effect" not in page(site, "codes/fixture-candidates/2022")


def test_a_draft_built_twice_with_an_edit_between_is_accepted_and_the_lock_is_untouched(tmp_path):
    docs = tmp_path / "docs"
    shutil.copytree(FIXTURES, docs)
    new = new_draft(docs)
    before = (docs / lock.LOCK_NAME).read_bytes()
    notices = build_site.build(docs, tmp_path / "site", with_runtime=False)
    assert ("fixture-candidates@2026 is new: not published until it is merged; the merge records it in "
            "docs/codes.lock.yml, and from then on its wording, links, rules and dates are fixed") in notices
    new.write_text(new.read_text().replace("exclusion from the party.", "exclusion from the Party."))
    build_site.build(docs, tmp_path / "site", with_runtime=False)
    assert (docs / lock.LOCK_NAME).read_bytes() == before


def test_the_merge_records_a_new_version_and_from_then_on_it_is_fixed(tmp_path):
    docs = tmp_path / "docs"
    shutil.copytree(FIXTURES, docs)
    new = new_draft(docs)
    # What the Publish workflow runs on main after the merge.
    assert lock.main(["--record", "--docs", str(docs)]) == 0
    assert "fixture-candidates@2026:" in (docs / lock.LOCK_NAME).read_text()
    assert lock.check(model.load(docs), docs / lock.LOCK_NAME) == ([], None)
    assert lock.main(["--record", "--docs", str(docs)]) == 0  # nothing new: the file stays as it is
    new.write_text(new.read_text().replace("exclusion from the party.", "exclusion from the Party."))
    with pytest.raises(content.ContentError, match="fixture-candidates@2026 is published and its wording has changed"):
        lock.check(model.load(docs), docs / lock.LOCK_NAME)


def test_a_draft_locked_by_an_older_build_says_how_to_free_it(tmp_path):
    """A lock that records a version main's lock does not (an older build wrote it, or lines were pasted): the message
    says to delete the entry, and how."""
    root = tmp_path / "repo"
    docs = root / "docs"
    shutil.copytree(FIXTURES, docs)
    git = lambda *args: subprocess.run(["git", *args], cwd=root, check=True, capture_output=True)  # noqa: E731
    git("init", "-q", "-b", "main")
    git("-c", "user.name=t", "-c", "user.email=t@example.org", "commit", "-q", "--allow-empty", "-m", "start")
    git("add", "docs")
    git("-c", "user.name=t", "-c", "user.email=t@example.org", "commit", "-q", "-m", "main")
    git("switch", "-q", "-c", "new-version")
    new = new_draft(docs)
    lock.main(["--record", "--docs", str(docs)])  # as a build before this change did, on the branch
    new.write_text(new.read_text().replace("exclusion from the party.", "exclusion from the Party."))
    with pytest.raises(content.ContentError) as error:
        lock.check(model.load(docs), docs / lock.LOCK_NAME, root=root)
    message = str(error.value)
    assert "fixture-candidates@2026 is in docs/codes.lock.yml but not in main's lock: it is not published yet" in message
    assert "git checkout main -- docs/codes.lock.yml" in message
    git("checkout", "main", "--", "docs/codes.lock.yml")
    assert lock.check(model.load(docs), docs / lock.LOCK_NAME, root=root)[0]


def copy_of_2024(docs: Path, change=lambda text: text) -> Path:
    old = docs / "codes" / "fixture-candidates" / "2024.md"
    new = old.with_name("2026.md")
    new.write_text(change(old.read_text().replace('version: "2024"', 'version: "2026"')
                          .replace("in_force_from: 2024-01-01", "in_force_from: 2026-01-01")))
    return new


def test_a_new_version_that_changes_nothing_is_refused_naming_the_file(tmp_path):
    docs = tmp_path / "docs"
    shutil.copytree(FIXTURES, docs)
    new = copy_of_2024(docs)
    with pytest.raises(content.ContentError) as error:
        lock.check(model.load(docs), docs / lock.LOCK_NAME)
    assert Path(error.value.path) == new and error.value.line is not None
    assert "version 2026 of fixture-candidates has the same wording as version 2024: no clause has changed" in str(error.value)
    assert "delete 2026.md" in str(error.value)


def test_a_new_version_whose_only_change_is_invisible_says_which_characters_and_where(tmp_path):
    docs = tmp_path / "docs"
    shutil.copytree(FIXTURES, docs)
    new = copy_of_2024(docs, lambda text: text.replace("c. exclusion.", "c. exclusion.\u200b")
                       .replace("by post and", "by post\u00a0and"))
    with pytest.raises(content.ContentError) as error:
        lock.check(model.load(docs), docs / lock.LOCK_NAME)
    message = str(error.value)
    assert "differs from version 2024 only in characters a reader cannot see (a non-breaking space, a zero-width space" in message
    assert Path(error.value.path) == new and new.read_text().splitlines()[error.value.line - 1].strip()
    # A change a reader can see, or a new number in its rules, is a new version.
    new.write_text(new.read_text().replace("c. exclusion.\u200b", "c. exclusion from the party."))
    assert lock.check(model.load(docs), docs / lock.LOCK_NAME)[0]


def test_a_published_version_cannot_be_deleted(tmp_path):
    docs = tmp_path / "docs"
    shutil.copytree(FIXTURES, docs)
    (docs / "codes" / "fixture-candidates" / "2020.md").unlink()
    with pytest.raises(content.ContentError, match="fixture-candidates@2020 was published but its file is gone"):
        lock.check(model.load(docs), docs / lock.LOCK_NAME)


def test_a_deleted_code_is_named_by_the_lock_before_a_topic_that_names_it(docs_copy, tmp_path, capsys):
    # The topics, the notes on the law and the glossary name the code too: the first message says what happened.
    shutil.rmtree(docs_copy / "codes" / "leadership")
    assert build_site.main(["--docs", str(docs_copy), "--site-dir", str(tmp_path / "site"), "--no-runtime"]) == 1
    error = capsys.readouterr().err
    assert error.startswith(f"error: {docs_copy / 'codes.lock.yml'}: leadership@original was published but its file is "
                            "gone: published versions stay on the site; put it back (git checkout main -- "
                            "docs/codes/leadership/original.md)"), error
    assert "topics.yml" not in error


# --- The built pages, JSON and feed ---------------------------------------------------------------


def test_every_version_has_a_permanent_page_and_the_code_page_shows_the_current_one(fixture_site):
    current = page(fixture_site, "codes/fixture-candidates")
    assert "exclusion." in current and "data protection" not in current.split('id="versions"')[0]
    for version in ("2020", "2022", "2024"):
        assert (fixture_site / "codes" / "fixture-candidates" / version / "index.html").exists()


def test_an_old_version_says_it_was_superseded_and_links_to_the_current_clause(fixture_site):
    old = page(fixture_site, "codes/fixture-candidates/2022")
    assert "This version was superseded on 1 January 2024" in old
    assert 'data-current="../"' in old and 'data-removed="data-protection"' in old
    assert 'class="current-clause-link" href="../"' in old
    assert "superseded" not in page(fixture_site, "codes/fixture-candidates/2024").split("Versions")[0].lower().replace(
        "status", "")


def test_each_clause_links_to_itself_in_other_versions(fixture_site):
    old = page(fixture_site, "codes/fixture-candidates/2020")
    assert '<a href="../2024/#3">version 2024</a> (current): different wording' in old
    # Runs of identical wording are grouped, linking to the newest of them.
    assert '<a href="../2024/#1">versions 2022 to 2024</a> (current): same wording' in old
    later = page(fixture_site, "codes/fixture-candidates/2024").split('id="4-c"')[1].split("</details>")[0]
    assert "<li>versions 2020 to 2022: not in these versions</li>" in later
    assert "<li>version 2020: not in this version</li>" in page(fixture_site, "codes/fixture-candidates/2022").split(
        'id="data-protection"')[1].split("</details>")[0]


def test_a_version_page_links_its_neighbours_and_the_full_history(fixture_site):
    middle = page(fixture_site, "codes/fixture-candidates/2022").split('id="versions"')[1]
    for link in ('href="../2020/"', 'href="../compare/2020-to-2022/"', 'href="../2024/"', 'href="../"', 'href="../#versions"'):
        assert link in middle


def test_a_clause_history_stays_short_however_many_versions_there_are():
    from sitebuild import pages

    code = model.load(FIXTURES).codes["fixture-candidates"]
    many = content.Code(code.code, [dataclasses.replace(code.versions[i % 2], in_force_until=None) for i in range(40)])
    html = pages.clause_history(many, many.versions[20], "2", "codes/fixture-candidates/x/index.md")
    assert html.count("<li>") == 2 * pages.HISTORY_SPAN + 2  # the runs around this one, and "all versions"


def test_version_history_lists_dates_summaries_and_comparisons(fixture_site):
    history = page(fixture_site, "codes/fixture-candidates").split('id="versions"')[1]
    assert "31 May 2022" in history and "1 June 2022" in history and "still in force" in history
    assert "Removes the data protection clause" in history
    for pair in ("2020-to-2022", "2022-to-2024", "2020-to-2024"):
        assert f"compare/{pair}/" in history
        assert (fixture_site / "codes" / "fixture-candidates" / "compare" / pair / "index.html").exists()


def test_comparison_pages_list_added_removed_changed_and_renumbered(fixture_site):
    first = page(fixture_site, "codes/fixture-candidates/compare/2020-to-2022")
    assert "Clause 2: added" in first  # the new clause 2, anchored #data-protection
    assert "Clause 3: changed (was clause 2)" in first
    assert "[added: </span>or harass" in first
    second = page(fixture_site, "codes/fixture-candidates/compare/2022-to-2024")
    assert "Clause 2: removed" in second
    assert "Clause 4(c): added" in second


def test_the_as_at_picker_has_the_periods_it_needs(fixture_site):
    current = page(fixture_site, "codes/fixture-candidates")
    data = current.split('data-versions="')[1].split('"')[0].replace("&quot;", '"')
    periods = json.loads(data)
    assert periods[0] == {"version": "2020", "from": "2020-01-01", "until": "2022-05-31", "url": "2020/"}
    assert periods[-1]["until"] is None


def test_json_and_feed_validate_and_carry_stable_ids(fixture_site):
    version = json.loads((fixture_site / "codes" / "fixture-candidates" / "2022.json").read_text())
    assert version["in_force_from"] == "2022-06-01" and version["in_force_until"] == "2023-12-31"
    ids = [c["id"] for c in version["clauses"]]
    assert ids[:3] == ["conduct", "1", "data-protection"]
    assert next(c for c in version["clauses"] if c["id"] == "4")["links"][0]["target"] == "fixture-candidates@2022#3"
    index = json.loads((fixture_site / "codes" / "index.json").read_text())
    assert [v["version"] for v in index["codes"][0]["versions"]] == ["2020", "2022", "2024"]
    feed = ET.parse(fixture_site / "feed.xml").getroot()
    entries = feed.findall(f"{ATOM}entry")
    assert [e.find(f"{ATOM}id").text for e in entries] == [
        "urn:codes-of-conduct:fixture-candidates@2024", "urn:codes-of-conduct:fixture-candidates@2022",
        "urn:codes-of-conduct:fixture-candidates@2020"]
    assert entries[0].find(f"{ATOM}updated").text == "2024-01-01T00:00:00Z"


def test_the_fixture_site_has_no_broken_link_or_anchor(fixture_site):
    assert audit.check(fixture_site) == []


def test_rules_for_a_new_checker_on_a_published_version_are_recorded_but_changed_rules_are_refused(tmp_path):
    docs = tmp_path / "docs"
    shutil.copytree(FIXTURES, docs)
    path = docs / "codes" / "fixture-candidates" / "2020.md"
    path.write_text(path.read_text().replace("rules:\n", "rules:\n  suspension:\n    clause: \"1\"\n", 1))
    assert lock.check(model.load(docs), docs / lock.LOCK_NAME) == (
        ["fixture-candidates@2020: rules for the suspension checker will be recorded in docs/codes.lock.yml when this "
         "is merged"], None)
    notices, updated = lock.check(model.load(docs), docs / lock.LOCK_NAME, record=True)
    assert notices == ["fixture-candidates@2020: rules for the suspension checker recorded in docs/codes.lock.yml"]
    assert updated["fixture-candidates@2020"]["rules"]["suspension.clause"] == "1"
    lock.save(docs / lock.LOCK_NAME, updated)
    assert lock.check(model.load(docs), docs / lock.LOCK_NAME) == ([], None)
    # Once recorded, the new checker's rules are as fixed as the rest.
    path.write_text(path.read_text().replace("  suspension:\n    clause: \"1\"\n", "  suspension:\n    clause: \"2\"\n"))
    with pytest.raises(content.ContentError, match=r"rules.suspension.clause was '1', is now '2'"):
        lock.check(model.load(docs), docs / lock.LOCK_NAME)


def test_a_day_before_every_stated_start_is_answered_by_the_earliest_version_and_says_which_it_is(tmp_path):
    docs = docs_with_one_change(tmp_path, "2020", "in_force_from: 2020-01-01\n", "")
    data = build_site.write_checkers_data(model.load(docs), tmp_path / "codes.json")
    response = checkers.run("donations", {"code": "fixture-candidates", "as_of": "2019-03-01", "donations": []}, data)
    assert response["version"] == "2020"
    assert response["notes"][-1] == (
        "You asked for the version in force on 1 March 2019. This version of the code (fixture-candidates@2020) does not "
        "state when it came into force, so whether it applied on that day is not stated; it is applied here as the "
        "earliest version this site has.")  # a code's one version is "the only version" (tests/cases/errors.yaml)


def test_a_code_added_as_the_maintainers_guide_says_is_published(docs_copy, tmp_path, capsys):
    # docs/maintainers/index.md, "Add a code that is not on the site yet": the settings copied from another code's
    # file and changed, without rules: or numbering:, no in_force_from:, the text below them.
    nec = (docs_copy / "codes" / "nec-candidates" / "original.md").read_text(encoding="utf-8")
    settings = nec.split("---\n")[1]
    kept = [line for line in settings.split("\n")[:settings.split("\n").index("rules:")]
            if not line.startswith(("numbering:", "title:", "short_title:", "applies_to:", "published:", "summary:"))]
    folder = docs_copy / "codes" / "members-pledge"
    folder.mkdir()
    (folder / "original.md").write_text(
        "---\n" + "\n".join(kept) + "\ntitle: \"Code of Conduct: Member's Pledge\"\nshort_title: Member's Pledge\n"
        "applies_to: All members\npublished: 2026-12-07\nsummary: The text as first published on this site.\n---\n\n"
        "1. Members treat those they encounter with respect and courtesy.\n2. Members do not engage in abuse.\n",
        encoding="utf-8")
    site = tmp_path / "site"
    assert build_site.main(["--docs", str(docs_copy), "--site-dir", str(site), "--no-runtime"]) == 0, capsys.readouterr().err
    page = (site / "codes" / "members-pledge" / "index.html").read_text(encoding="utf-8")
    assert 'id="2"' in page and "Members do not engage in abuse." in page
    assert 'href="codes/members-pledge/"' in (site / "index.html").read_text(encoding="utf-8")
    assert "members-pledge@original is new" in capsys.readouterr().out
