"""`make new-version`, as a maintainer runs it: whatever is typed for CODE and VERSION is data, never a command, and
only an id safe as a file's name on every system and as a git branch's name is accepted."""

import shutil
import subprocess
from pathlib import Path

import pytest

from checkers.content import ContentError
from sitebuild import lock, new_version

ROOT = Path(__file__).resolve().parent.parent


def make(tmp_path: Path, code: str, version: str) -> subprocess.CompletedProcess:
    """`make new-version` in a copy of the repository's make set-up, against a copy of the content."""
    work = tmp_path / "work"
    if not work.exists():
        work.mkdir()
        shutil.copy(ROOT / "Makefile", work / "Makefile")
        (work / ".venv").symlink_to(ROOT / ".venv")
        (work / "pyproject.toml").symlink_to(ROOT / "pyproject.toml")
        (work / "sitebuild").symlink_to(ROOT / "sitebuild")
        (work / "checkers").symlink_to(ROOT / "checkers")
        shutil.copytree(ROOT / "docs", work / "docs")
    return subprocess.run(["make", "-s", "new-version", f"CODE={code}", f"VERSION={version}"], cwd=work,
                          capture_output=True, text=True, timeout=120)


@pytest.mark.parametrize("version", ['x"; touch PWNED; echo "', "$(touch PWNED)", "`touch PWNED`", "x' ; touch PWNED #",
                                     "$(shell touch PWNED)"])
def test_shell_put_in_the_values_is_never_run(tmp_path, version):
    result = make(tmp_path, "nec-candidates", version)
    assert not (tmp_path / "work" / "PWNED").exists()
    assert result.returncode != 0 and "cannot be a version id" in result.stderr + result.stdout
    assert "Traceback" not in result.stderr
    code = make(tmp_path, "$(touch PWNED)", "2027")
    assert not (tmp_path / "work" / "PWNED").exists() and code.returncode != 0


def test_a_good_id_through_make_writes_the_copy_and_says_what_to_edit(tmp_path):
    result = make(tmp_path, "nec-candidates", "2027")
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "work" / "docs" / "codes" / "nec-candidates" / "2027.md").exists()
    assert "Edit it next" in result.stdout


@pytest.mark.parametrize("version,why", [
    ("x" * 300, "at most 40 characters"), ("Original", "lower-case"), ("ORIGINAL2", "lower-case"),
    ("a..b", "joined by '.' or '-'"), ("2027.", "joined by '.' or '-'"), ("2027.lock", "cannot be a version id"),
    ("-2027", "cannot be a version id"), ("20 27", "cannot be a version id"), ("2027/1", "cannot be a version id"),
    ("", "cannot be a version id")])
def test_an_id_unsafe_as_a_file_or_a_branch_name_is_refused_with_what_to_write(docs_copy, version, why):
    with pytest.raises(ContentError) as error:
        new_version.new_version(docs_copy, "nec-candidates", version, __import__("datetime").date(2026, 12, 2))
    assert why in error.value.message
    assert not list((docs_copy / "codes" / "nec-candidates").glob("*.partial"))


def test_an_id_that_differs_from_an_existing_one_only_in_capitals_is_refused_in_the_build(docs_copy):
    from sitebuild import model

    original = docs_copy / "codes" / "nec-candidates" / "original.md"
    text = original.read_text(encoding="utf-8")
    (docs_copy / "codes" / "nec-candidates" / "ORIGINAL.md").write_text(text.replace("version: original",
                                                                                     "version: ORIGINAL"), encoding="utf-8")
    with pytest.raises(ContentError, match="cannot be a version id|is not one this site can use|differ only in capitals"):
        model.load(docs_copy)


def test_a_new_versions_notes_are_carried_where_the_clause_reads_the_same_and_listed_where_lost(docs_copy, tmp_path):
    """A new version keeps the notes on clauses it has not changed, and the build and the pull request's summary say
    which it has lost."""
    import datetime as dt

    import build_site
    from sitebuild import model, summary

    path, _ = new_version.new_version(docs_copy, "nec-candidates", "2027", dt.date(2026, 12, 1))
    text = path.read_text(encoding="utf-8")
    text = text.replace("status: in-force", "status: in-force\nin_force_from: 2026-12-01", 1)
    text = text.replace(new_version.SUMMARY_TO_WRITE, "Raises the reporting threshold.")
    text = text.replace("      threshold: 1500\n", "      threshold: 2230\n")
    path.write_text(text.replace("more than £1500 (cash or non-cash) from the same donor",
                                 "more than £2230 (cash or non-cash) from the same donor"), encoding="utf-8")
    site = model.load(docs_copy)
    carried = {n.clause for n in site.notes_of("nec-candidates", "2027").values()}
    assert "2" in carried and "12" not in carried
    assert [(n.clause, later) for n, later in site.carried_notes[1] if n.code == "nec-candidates"] == [("12", "2027")]
    lines = summary.versions_and_clauses(site, "HEAD", {k: v for k, v in lock.read(docs_copy / lock.LOCK_NAME).items()}, "")
    assert any("Has the note on the law on clause 2" in line and "written for version original" in line for line in lines)
    assert any("**Has lost** the note on the law on clause 12" in line and "docs/law/notes.yml" in line for line in lines)
    # Built on the day the content was last checked (a later day would add notices of what is due to be checked).
    law = site.law
    checked = max([n.date for n in site.notes] + [p.date for p in site.proposals]
                  + [item.checked.on for item in (*law.figures.values(), *law.provisions.values()) if item.checked])
    notices = build_site.build(docs_copy, tmp_path / "site", with_runtime=False, today=checked)
    assert any("the note on the law on clause 12" in n and "not carried to version 2027" in n for n in notices)
    page = (tmp_path / "site" / "codes" / "nec-candidates" / "2027" / "index.html").read_text(encoding="utf-8")
    assert "for version original, where this clause reads the same" in page


def test_every_step_left_undone_is_named_in_one_build_with_problems_in_other_files(tmp_path):
    """A round of CI takes a quarter of an hour: the build names every problem it can find, not only the first."""
    assert make(tmp_path, "leadership", "2027").returncode == 0
    docs = tmp_path / "work" / "docs"
    other = docs / "codes" / "nec-candidates" / "original.md"
    other.write_text(other.read_text(encoding="utf-8").replace("status: in-force", "status: in-forse", 1), encoding="utf-8")
    result = subprocess.run([str(ROOT / ".venv" / "bin" / "python"), str(ROOT / "build_site.py"), "--docs", str(docs),
                             "--checkers-data", str(tmp_path / "codes.json")], capture_output=True, text=True, timeout=120)
    errors = [line for line in result.stderr.splitlines() if line.startswith("error: ")]
    assert result.returncode == 1 and "Traceback" not in result.stderr
    new = docs / "codes" / "leadership" / "2027.md"

    def at(path: Path, field: str) -> str:
        lines = path.read_text(encoding="utf-8").split("\n")
        return f"{path}:{next(n for n, line in enumerate(lines, 1) if line.startswith(field + ':'))}"

    assert [e.split(": ", 2)[1] for e in errors] == [at(new, "summary"), at(new, "published"), at(other, "status")], \
        result.stderr
    assert "summary still holds the words make new-version put there" in errors[0]
    assert "add a line 'in_force_from: YYYY-MM-DD'" in errors[1] and "version original stays in force" in errors[1]
    assert "status must be one of in-force, superseded, withdrawn, not 'in-forse'" in errors[2]
    assert not (tmp_path / "codes.json").exists()
