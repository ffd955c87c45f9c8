"""A clause or sub-clause written almost as the parser reads one ("8) ...", " 8. ...", "8 No ...", an invisible
character beside the number), or joined to the line above ("... five years. 3. For elections"), would be read as
part of the clause above, and the version would publish without it. In a new version, which no lock protects yet, the
build refuses such a line, naming it and what to type instead; a line that only starts with a number, a number that is
not the clause due next, or a mark escaped, is text."""

from pathlib import Path

import pytest

from sitebuild import model
from tests.content_copies import refused

NEC = "codes/nec-candidates/original.md"
PRIVACY = "codes/confidentiality-privacy/original.md"


def new_version(docs: Path, source: str, old: str, new: str) -> tuple[Path, int]:
    """A copy of a published version as a new, later version, with `old` replaced: its path and the line changed."""
    text = (docs / source).read_text(encoding="utf-8")
    text = text.replace("published: 2026-11-22", "published: 2026-12-06\nin_force_from: 2027-01-01", 1)
    text = text.replace("version: original", "version: '2027'", 1)
    assert old in text, old
    path = docs / source.replace("original.md", "2027.md")
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return path, text[:text.index(old)].count("\n") + 1


@pytest.mark.parametrize("new, why", [
    ("8) No financial", "it has a bracket after the number: write a full stop"),
    (" 8. No financial", "it does not start at the very start of the line: delete the spaces before it"),
    ("    8. No financial", "it does not start at the very start of the line"),
    ("8.No financial", "it has no space after the full stop: add one"),
    ("8 No financial", "it has no full stop after the number: add one"),
    ("\u200b8. No financial", "it holds a character that does not show (U+200B) around the clause's number"),
    ("8\u2060. No financial", "(U+2060)"),
])
def test_a_clause_number_written_almost_right_is_refused_at_its_line(docs_copy, new, why):
    path, line = new_version(docs_copy, NEC, "8. No financial", new)
    error = refused(docs_copy)
    assert (error.path, error.line) == (str(path), line), str(error)
    assert error.message.startswith("this line looks like clause 8 ("), error.message
    assert why in error.message and "as in '8. No financial or othe…'" in error.message, error.message


def test_a_sub_clause_letter_written_almost_right_is_refused_at_its_line(docs_copy):
    path, line = new_version(docs_copy, PRIVACY, "b. minutes of Labour Party meetings", "b) minutes of Labour Party meetings")
    error = refused(docs_copy)
    assert (error.path, error.line) == (str(path), line), str(error)
    assert error.message.startswith("this line looks like sub-clause b ('b) minutes of Labour Pa…')"), error.message
    assert "If it is not a sub-clause, put a backslash before its bracket ('b\\)')" in error.message


@pytest.mark.parametrize("new", [
    "8\\) No financial",  # escaped, as the message says: text, shown as "8)"
    "2022) No financial",  # not the number due next
    "8 members are reminded",  # a number starting a sentence, not a clause
    "   8 Members are reminded",  # an indented line of the clause above
    "a Party member is reminded",  # a wrapped line, whose first word is the letter a sub-clause would have
])
def test_a_line_that_only_starts_with_a_number_joins_the_clause_above(docs_copy, new):
    new_version(docs_copy, NEC, "8. No financial", new)
    loaded = model.load(docs_copy)
    version = loaded.codes["nec-candidates"].get("2027")
    assert "8" not in version.by_id
    assert new in "\n".join(version.by_id["7"].lines)


@pytest.mark.parametrize("source, old, new, due", [
    (NEC, "\n3. For elections", " 3. For elections", 3),  # clause 3 joined to the end of clause 2
    (PRIVACY, "hereafter).\n6. Without", "hereafter). 6. Without", 6),  # clause 6 joined to sub-clause 5(d)
])
def test_a_clause_joined_to_the_line_above_is_refused_at_that_line(docs_copy, source, old, new, due):
    path, line = new_version(docs_copy, source, old, new)
    error = refused(docs_copy)
    assert (error.path, error.line) == (str(path), line), str(error)  # the line the clause was joined to
    assert error.message.startswith(f"clause {due} seems to start inside this line, after '…"), error.message
    assert f"start it on a line of its own ('{due}. " in error.message


@pytest.mark.parametrize("new", [
    "five years. See paragraph 3. For elections",  # a number after a word, not after a sentence's end
    "five years. 3\\. For elections",  # escaped, as the message says
    "five years. 4. For elections",  # not the clause due next
])
def test_a_number_inside_a_clause_that_is_not_the_next_clause_is_text(docs_copy, new):
    new_version(docs_copy, NEC, "five years.\n3. For elections", new)
    version = model.load(docs_copy).codes["nec-candidates"].get("2027")
    assert "3" not in version.by_id and new in " ".join(version.by_id["2"].lines)
