"""Errors on the pull request's diff: each kind a maintainer can cause is written as a GitHub Actions annotation on
the file and line that caused it, when the build runs in Actions."""

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from sitebuild import annotations, model

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).parent / "fixtures" / "docs"
VERSION = "codes/fixture-candidates/2024.md"


def test_a_command_escapes_its_message_and_properties_as_githubs_toolkit_does():
    line = annotations.command("50% done:\nnext, line", ROOT / "docs" / "a,b:c.md", 12, title="The build: stopped")
    assert line == "::error file=docs/a%2Cb%3Ac.md,line=12,title=The build%3A stopped::50%25 done:%0Anext, line"
    assert annotations.command("no file") == "::error::no file"


def test_outside_actions_nothing_is_written(capsys, monkeypatch):
    monkeypatch.delenv("GITHUB_ACTIONS", raising=False)
    annotations.emit("quiet", "docs/x.md", 3)
    assert capsys.readouterr().out == ""


@pytest.fixture
def docs(tmp_path):
    copy = tmp_path / "docs"
    shutil.copytree(FIXTURES, copy)
    return copy


def _build_in_actions(docs: Path, tmp_path: Path) -> list[str]:
    result = subprocess.run([sys.executable, "build_site.py", "--docs", str(docs), "--site-dir", str(tmp_path / "site"),
                             "--no-runtime"], cwd=ROOT, capture_output=True, text=True,
                            env={**os.environ, "GITHUB_ACTIONS": "true", "CI": "true"})
    assert result.returncode == 1 and "Traceback" not in result.stderr
    return [line for line in result.stdout.splitlines() if line.startswith("::error ")]


def _replace(path: Path, old: str, new: str) -> int:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return text[:text.index(old)].count("\n") + 1


def _names(found: list[str], docs: Path, relative: str, line: int) -> bool:
    where = annotations._property(annotations.relative(docs / relative))
    return any(f"file={where},line={line}," in item for item in found)


@pytest.mark.parametrize("kind, file, old, new, words", [
    ("front matter", VERSION, "status: in-force", "status: current", "status must be one of"),
    ("a rule number not in its clause", VERSION, "      threshold: 750", "      threshold: 760", "does not state it"),
    ("a changed published version", VERSION, "or harass another", "or bully another", "is published and its wording has changed"),
    ("a broken reference", VERSION, "See clause 3 for donations.", "See [clause 9](ref:9) for donations.", "9"),
    ("a topic pointing nowhere", "topics.yml", "fixture-candidates#3", "fixture-candidates#99", "has no clause #99"),
])
def test_each_kind_of_build_error_is_annotated_on_the_line_that_caused_it(docs, tmp_path, kind, file, old, new, words):
    line = _replace(docs / file, old, new)
    found = _build_in_actions(docs, tmp_path)
    assert _names(found, docs, file, line), (kind, found)
    assert any(words in item for item in found), (kind, found)


def test_a_glossary_entry_pointing_nowhere_is_annotated_on_its_line(docs, tmp_path):
    line = _replace(docs / "glossary.yml", "  meaning: National Executive Committee.",
                    "  meaning: National Executive Committee.\n  link: https://example.org/nec")
    found = _build_in_actions(docs, tmp_path)
    assert _names(found, docs, "glossary.yml", line + 1), found  # the link's own line
    assert any("legislation.gov.uk" in item for item in found)


def test_a_problem_on_a_built_page_is_traced_to_the_version_file_and_the_clauses_line():
    site = model.load(FIXTURES)
    version = site.codes["fixture-candidates"].get("2022")
    path, line = annotations.source_of("codes/fixture-candidates/2022/index.html", "3", FIXTURES, site)
    assert path == version.path and line == version.by_id["3"].line
    current = site.codes["fixture-candidates"].current
    assert annotations.source_of("/codes/fixture-candidates/index.html", "", FIXTURES, site) == (current.path, 1)
    assert annotations.source_of("topics/index.html", "", FIXTURES, site) == (FIXTURES / "topics.yml", None)
    assert annotations.source_of("checkers/donations/index.html", "", FIXTURES, site)[0] == ROOT / "checkers" / "donations.py"


def test_an_accessibility_or_html_problem_on_a_page_is_annotated_on_the_clause_it_names(capfd, monkeypatch):
    monkeypatch.setenv("GITHUB_ACTIONS", "true")
    site = model.load(ROOT / "docs")
    version = site.codes["nec-candidates"].get("original")
    annotations.emit_page_problems(["codes/nec-candidates/original/index.html: color-contrast (serious): Elements must "
                                    "meet minimum color contrast ratio thresholds at [['#note-12 > p']]",
                                    "topics/index.html:40: Duplicate ID “x”. (…)"], title="A page has an accessibility problem")
    lines = capfd.readouterr().out.splitlines()
    # The clause's line, found by the anchor the problem names; the message is data, so its ':' stay as they are.
    assert lines[0].startswith(f"::error file=docs/codes/nec-candidates/original.md,line={version.by_id['12'].line},"
                               "title=A page has an accessibility problem::codes/nec-candidates/original/index.html: ")
    assert lines[1].startswith("::error file=docs/topics.yml,title=A page has an accessibility problem::topics/index.html:40:")
