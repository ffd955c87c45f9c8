"""Reading a version's file: YAML front matter checked against one schema, every error naming its line."""

import pytest

from checkers.content import ContentError
from sitebuild import source

GOOD = """---
title: "A code"
issuer: Labour Party
applies_to: Candidates
version: v1
published: 2024-01-01
status: in-force
source: A test.
summary: The first version.
rules:
  suspension:
    clause: "1"
---

1. A clause.
"""


def write(tmp_path, text):
    path = tmp_path / "code" / "v1.md"
    path.parent.mkdir(exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def test_a_good_file_gives_its_facts_the_line_of_every_field_and_its_units(tmp_path):
    version = source.read_version(write(tmp_path, GOOD), "code")
    assert (version.title, version.short_title, str(version.published), version.numbering) == (
        "A code", "A code", "2024-01-01", "whole-code")
    assert version.line_of("rules.suspension.clause") == 12 and version.line_of("rules.suspension.nope") == 11
    assert [unit.id for unit in version.units] == ["1"]


@pytest.mark.parametrize("old, new, line, message", [
    ("issuer: Labour Party", 'issuer: "Labour Party', 3, "this quoted text is not closed"),
    ("status: in-force", "status: in-force\nstatus: withdrawn", 8, "the field 'status' appears twice"),
    ("status: in-force", "statu: in-force", 7, "unknown field 'statu' (did you mean status?)"),
    ("published: 2024-01-01", "published: 1 January 2024", 6,
     "published must be a date written YYYY-MM-DD, not '1 January 2024': write 2024-01-01"),
    ("published: 2024-01-01", "published: 3/2/2024", 6, "published must be a date written YYYY-MM-DD, not '3/2/2024': write 2024-02-03"),
    ("published: 2024-01-01", "published: soon", 6, "published must be a date written YYYY-MM-DD, not 'soon'"),
    # Written as a date, so YAML itself reads it as one, and finds no such day.
    ("published: 2024-01-01", "published: 2024-02-30", 6, "'2024-02-30' is not a real date: check the day and the month"),
    ("published: 2024-01-01", "published: 2865-70-70", 6, "'2865-70-70' is not a real date"),
    ("published: 2024-01-01", "published: 2024-01-01 25:00:00", 6, "'2024-01-01 25:00:00' is not a real date"),
    ("rules:\n  suspension:", "rules: suspension\n  x:", 11, "not valid YAML"),
    ("rules:\n", "rules:\n\t", 11, "this line holds a tab, where YAML needs spaces"),
    ('    clause: "1"\n', '    clause: "1"\n   wording: x\n', 13, "this line does not line up with the lines around it"),
    ("status: in-force\n", "status: in-force\n summary: x\n", 8, "a ':' where none is expected"),
    ("title: \"A code\"", "title: [A, code]", 2, "title must be text"),
    ("summary: The first version.\n", "", 1, "the settings at the top (between the --- lines) have no 'summary'"),
])
def test_a_bad_field_is_named_at_its_line(tmp_path, old, new, line, message):
    with pytest.raises(ContentError) as error:
        source.read_version(write(tmp_path, GOOD.replace(old, new, 1)), "code")
    assert error.value.line == line and message in error.value.message, str(error.value)


def test_a_file_that_is_not_utf_8_is_named(tmp_path):
    path = write(tmp_path, GOOD)
    path.write_bytes(GOOD.replace("A code", "A c\xf6de").encode("latin-1"))
    with pytest.raises(ContentError, match="not UTF-8"):
        source.read_version(path, "code")
