"""The standard-library reader of front matter: the subset of YAML the codes use, and clear errors."""

import pytest
import yaml

from checkers import frontmatter
from checkers.frontmatter import FrontMatterError

SAMPLE = """\
title: "NEC – Candidate Code"
version: original
published: 2026-11-22   # a comment
numbering: per-section
rules:
  donations:
    reporting:
      clause: "12"
      threshold: 1500
      deadline_days: 30
      before_election_period_end: true
  empty:
list:
  - one
  - key: a
    other: 2
quoted: 'it''s'
"""


def test_front_matter_reads_like_standard_yaml_for_the_subset_the_codes_use():
    ours = frontmatter.parse(SAMPLE)
    standard = yaml.safe_load(SAMPLE)
    standard["published"] = standard["published"].isoformat()
    assert ours == standard


@pytest.mark.parametrize("text, line, words", [
    ("title: a\n  indented: b\n", 3, "indented more"),
    ("title: a\ntitle: b\n", 3, "appears twice"),
    ("title: {a: 1}\n", 2, "does not read here"),
    ('title: "unclosed\n', 2, "not closed"),
    ("title: a: b\n", 2, "put the value in double quotes"),
    ("just text\n", 2, "expected 'field: value'"),
    ("title:\n\tx: 1\n", 3, "spaces, not tabs"),
])
def test_unsupported_or_broken_front_matter_names_the_line(text, line, words):
    with pytest.raises(FrontMatterError) as error:
        frontmatter.parse(text, first_line=2)
    assert error.value.line == line
    assert words in str(error.value)


def test_a_file_without_closing_dashes_is_refused():
    with pytest.raises(FrontMatterError, match="not closed"):
        frontmatter.split_front_matter("---\ntitle: a\n")
    with pytest.raises(FrontMatterError, match="must start with front matter"):
        frontmatter.split_front_matter("title: a\n")
