"""The new checkers' data is checked against the text it comes from: every clause a rule names exists, every number
is stated in its clause in its wording, and words taken from the text (an address, a subject line, the sanctions)
are the clause's own. Each error names the file and line."""

import pytest

from checkers import content
from tests.content_copies import edit, refused


@pytest.fixture
def docs(docs_copy):
    return docs_copy


def test_an_administration_charge_the_clause_does_not_state_isrefused(docs):
    path = docs / "codes" / "local-government-selections" / "original.md"
    line = edit(path, "      charge: 5\n", "      charge: 6\n")
    error = refused(docs)
    assert error.line == line and "rules.campaign.members_list.charge is 6" in error.message
    assert '"charge of £6"' in error.message


def test_a_subject_line_not_in_the_procedures_words_isrefused(docs):
    path = docs / "codes" / "momentum-ncg-elections" / "2022.md"
    line = edit(path, "    subject: NCG elections\n", "    subject: NCG election complaint\n")
    error = refused(docs)
    assert error.line == line
    assert error.message.startswith("rules.complaint.subject is 'NCG election complaint', but #complaints-procedure-1 does not say it")


def test_a_sanction_the_text_does_not_list_isrefused(docs):
    path = docs / "codes" / "momentum-ncg-elections" / "2022.md"
    edit(path, "Final written warning]", "Fine]")
    assert "rules.complaint.sanctions.listed[2] is 'Fine'" in refused(docs).message


@pytest.mark.parametrize("old, new, field", [
    # Part of the clause's address is another address (another domain): whole words only.
    ("    address: complaints@peoplesmomentum.com\n", "    address: complaints@peoplesmomentum.co\n", "rules.complaint.address"),
    ("    subject: NCG elections\n", "    subject: NCG election\n", "rules.complaint.subject"),
    # Two of the list's entries run together are no entry of it.
    ("listed: [Written warning, Campaigning", "listed: [Written warning Campaigning", "rules.complaint.sanctions.listed[0]"),
    ("listed: [Written warning,", "listed: [Written warn,", "rules.complaint.sanctions.listed[0]"),
])
def test_words_taken_from_the_text_are_whole_words_within_one_paragraph_or_entry(docs, old, new, field):
    path = docs / "codes" / "momentum-ncg-elections" / "2022.md"
    line = edit(path, old, new)
    error = refused(docs)
    assert error.line == line and error.message.startswith(f"{field} is "), str(error)
    assert "does not say it in those words" in error.message


@pytest.mark.parametrize("old, new, field", [
    ("      report_to: the Electoral Commission\n", "      report_to: the Parliamentary Commissioner\n",
     "rules.donations.reporting.report_to"),
    ("via the Register of Members Financial Interests.", "via the Register of Members' Interests.",
     "rules.donations.reporting.members_of_parliament"),
])
def test_whom_a_donation_is_reported_to_is_the_clauses_own_words(docs, old, new, field):
    path = docs / "codes" / "nec-candidates" / "original.md"
    line = edit(path, old, new)
    error = refused(docs)
    assert error.line == line and error.message.startswith(f"{field} is "), str(error)
    assert "#12 does not say it in those words" in error.message


def test_the_clause_on_personal_data_must_say_what_the_answer_repeats_of_it(docs):
    # "May I share this?" repeats clause 1's words where the code does not restrict sharing: another clause that
    # exists but does not say them is refused.
    path = docs / "codes" / "confidentiality-privacy" / "original.md"
    line = edit(path, '    personal_data:\n      clause: "1"\n', '    personal_data:\n      clause: "2"\n')
    error = refused(docs)
    assert error.line == line, str(error)
    assert error.message.startswith("rules.disclosure.personal_data is 'personal data must be handled in a lawful, "
                                    "transparent, fair and proportionate manner', but #2 does not say it"), str(error)


def test_a_clause_a_rule_names_must_be_in_the_version(docs):
    path = docs / "codes" / "confidentiality-privacy" / "original.md"
    line = edit(path, '    parliamentary_party:\n      clause: "10"\n', '    parliamentary_party:\n      clause: "12"\n')
    error = refused(docs)
    assert error.line == line + 1 and "rules.disclosure.parliamentary_party.clause names clause '12'" in error.message


@pytest.mark.parametrize("old, new, field, ending", [
    # Another number is another clause: no guess.
    ("    reminder: complaints-procedure-2\n", "    reminder: complaints-procedure-9\n", "rules.complaint.reminder",
     "', which this version does not have"),
    ("      sections: [momentum-staff,", "      sections: [momentum-staf,", "rules.complaint.staff.sections",
     "', which this version does not have (did you mean momentum-staff?)"),
])
def test_a_complaint_step_naming_no_clause_of_the_version_is_refused_at_its_field(docs, old, new, field, ending):
    path = docs / "codes" / "momentum-ncg-elections" / "2022.md"
    line = edit(path, old, new)
    error = refused(docs)
    assert error.line == line and error.message.startswith(f"{field} names clause '"), str(error)
    assert error.message.endswith(ending)


@pytest.mark.parametrize("value", ["12", "''", "[a, b]"])
def test_words_for_members_of_parliament_that_are_not_words_are_refused_at_their_line(docs, value):
    path = docs / "codes" / "nec-candidates" / "original.md"
    line = edit(path, '      members_of_parliament: "Members of Parliament make these declarations via the Register of '
                'Members Financial Interests."\n', f"      members_of_parliament: {value}\n")
    error = refused(docs)
    assert error.line == line, str(error)
    assert error.message == "rules.donations.reporting.members_of_parliament must be the clause's own words, in quotes"


@pytest.mark.parametrize("old, new, field, message, above", [
    ('        words: "If you have any questions, please contact ncgelections@peoplesmomentum.com."\n',
     '        words: "If you have any questions, please contact complaints@peoplesmomentum.com."\n',
     "rules.donations.reporting.ask.words", "#p2 does not say it in those words", 0),
    ("        clause: p2\n", "        clause: p99\n", "rules.donations.reporting.ask.clause", "names clause 'p99'", 0),
    # A field taken away is named at the line of the rule that should hold it ("ask:", two lines above).
    ('        words: "If you have any questions, please contact ncgelections@peoplesmomentum.com."\n', "",
     "rules.donations.reporting.ask.words", "is missing: the clause's own words, in quotes", 2),
])
def test_whom_the_code_says_to_ask_is_its_own_words_where_it_says_them(docs, old, new, field, message, above):
    path = docs / "codes" / "momentum-ncg-elections" / "2022.md"
    line = edit(path, old, new)
    error = refused(docs)
    assert error.message.startswith(f"{field} ") and message in error.message, str(error)
    assert error.line == line - above, str(error)


def test_every_problem_in_one_versions_rules_and_references_is_named_in_one_round(docs):
    """A maintainer who changes a threshold and a deadline in the text but not in the rules hears of both at once,
    with a broken reference, a missing clause and a sentence not in the text beside them, each at its own line."""
    path = docs / "codes" / "momentum-ncg-elections" / "2022.md"
    threshold = edit(path, "      threshold: 500\n", "      threshold: 750\n")
    deadline = edit(path, "      deadline_days: 7\n", "      deadline_days: 14\n")
    clause = edit(path, "    reminder: complaints-procedure-2\n", "    reminder: complaints-procedure-9\n")
    subject = edit(path, "    subject: NCG elections\n", "    subject: NCG election complaint\n")
    reference = edit(path, "[Code of Conduct](ref:code-of-conduct) (click link)", "[Code of Conduct](ref:code-of-condcut) (click link)")
    found = [(e.line, e.message) for e in content.each_error(refused(docs))]
    assert sorted(line for line, _ in found) == sorted([threshold, deadline, clause, subject, reference]), found
    messages = " | ".join(message for _, message in found)
    for said in ("rules.donations.reporting.threshold is 750", "rules.donations.reporting.deadline_days is 14",
                 "names clause 'complaints-procedure-9'", "rules.complaint.subject is 'NCG election complaint'",
                 "ref:code-of-condcut does not match any anchor"):
        assert said in messages, messages


def test_a_clause_named_by_a_rule_and_its_number_is_named_missing_once(docs):
    path = docs / "codes" / "nec-candidates" / "original.md"
    line = edit(path, '    permissible_donor:\n      clause: "12"\n', '    permissible_donor:\n      clause: "99"\n')
    found = content.each_error(refused(docs))
    assert [(e.line, e.message) for e in found] == [
        (line + 1, "rules.donations.permissible_donor.clause names clause '99', which this version does not have")]


def test_bad_rules_of_two_checkers_in_one_version_are_named_together(docs):
    path = docs / "codes" / "momentum-ncg-elections" / "2022.md"
    minimum = edit(path, "    minimum: 20\n", "    minimum: twenty\n")
    limit = edit(path, "      limit: 250\n", "      limit: -250\n")
    found = content.each_error(refused(docs))
    assert [e.line for e in found] == [limit, minimum], found
    assert found[1].message.startswith("rules.nominations.minimum ") and found[0].message.startswith("rules.donations.")
