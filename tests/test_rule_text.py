"""The new checkers' data is checked against the text it comes from: every clause a rule names exists, every number
is stated in its clause in its wording, and words taken from the text (an address, a subject line, the sanctions)
are the clause's own. Each error names the file and line."""

import shutil
from pathlib import Path

import pytest

from checkers.content import ContentError
from sitebuild import model

DOCS = Path(__file__).resolve().parent.parent / "docs"


@pytest.fixture
def docs(tmp_path):
    copy = tmp_path / "docs"
    shutil.copytree(DOCS, copy)
    return copy


def _edit(path: Path, old: str, new: str) -> int:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return text[:text.index(old)].count("\n") + 1


def _refused(docs: Path) -> ContentError:
    with pytest.raises(ContentError) as caught:
        model.load(docs)
    return caught.value


def test_an_administration_charge_the_clause_does_not_state_is_refused(docs):
    path = docs / "codes" / "local-government-selections" / "original.md"
    line = _edit(path, "      charge: 5\n", "      charge: 6\n")
    error = _refused(docs)
    assert error.line == line and "rules.campaign.members_list.charge is 6" in error.message
    assert '"charge of £6"' in error.message


def test_a_subject_line_not_in_the_procedures_words_is_refused(docs):
    path = docs / "codes" / "momentum-ncg-elections" / "2022.md"
    line = _edit(path, "    subject: NCG elections\n", "    subject: NCG election complaint\n")
    error = _refused(docs)
    assert error.line == line
    assert error.message.startswith("rules.complaint.subject is 'NCG election complaint', but #complaints-procedure-1 does not say it")


def test_a_sanction_the_text_does_not_list_is_refused(docs):
    path = docs / "codes" / "momentum-ncg-elections" / "2022.md"
    _edit(path, "Final written warning]", "Fine]")
    assert "rules.complaint.sanctions.listed[2] is 'Fine'" in _refused(docs).message


def test_a_clause_a_rule_names_must_be_in_the_version(docs):
    path = docs / "codes" / "confidentiality-privacy" / "original.md"
    line = _edit(path, '    parliamentary_party:\n      clause: "10"\n', '    parliamentary_party:\n      clause: "12"\n')
    error = _refused(docs)
    assert error.line == line + 1 and "rules.disclosure.parliamentary_party.clause names clause '12'" in error.message


def test_a_complaint_step_naming_no_clause_of_the_version_is_refused(docs):
    path = docs / "codes" / "momentum-ncg-elections" / "2022.md"
    _edit(path, "    reminder: complaints-procedure-2\n", "    reminder: complaints-procedure-9\n")
    assert "names clause 'complaints-procedure-9', which this version does not have" in _refused(docs).message
