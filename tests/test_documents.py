"""What a reader keeps of a check: the record and the calendar file, as Python writes them for page and CLI."""

import datetime as dt

import icalendar
from hypothesis import given
from hypothesis import strategies as st

import checkers
from checkers import documents


def test_a_calendar_escapes_text_folds_long_lines_and_has_one_event_per_deadline():
    request = {"code": "nec-candidates", "donations": [{"donor": "Smith; Jones, & Co\\", "amount": 1600,
                                                        "received": "2024-03-01"}]}
    text = checkers.check("donations", request, made_on=dt.date(2024, 3, 2))["calendar"]["text"]
    lines = text.split("\r\n")
    assert lines[0] == "BEGIN:VCALENDAR" and lines[-2] == "END:VCALENDAR" and lines[-1] == ""
    assert "SUMMARY:Deadline: report the donation of £1\\,600 from Smith\\; Jones\\, & Co" in lines  # folded there
    assert "DTSTAMP:20240302T000000Z" in lines and "DTSTART;VALUE=DATE:20240331" in lines
    # A real parser reads it back: the action in the title, reminders a week and a day before. The donor's
    # permissibility is not given: the Act's last day to send the donation back if the donor is not permissible (30
    # March, counting 1 March as the first of 30 days) is an event of its own, before the code's day to report it.
    events = icalendar.Calendar.from_ical(text).walk("VEVENT")
    assert [(event["DTSTART"].dt, str(event["SUMMARY"])) for event in events] == [
        (dt.date(2024, 3, 30), "Deadline: check that the donation of £1,600 from Smith; Jones, & Co\\ received on 1 March "
                               "2024 comes from a permissible donor (NEC candidates' code)"),
        (dt.date(2024, 3, 31), "Deadline: report the donation of £1,600 from Smith; Jones, & Co\\ received on 1 March "
                               "2024 to the Electoral Commission (NEC candidates' code)")]
    assert all([alarm["TRIGGER"].dt for alarm in event.walk("VALARM")] == [dt.timedelta(days=-7), dt.timedelta(days=-1)]
               for event in events)
    assert all(len(line.encode("utf-8")) <= 75 for line in lines)
    # Without the site's address, the clause is named by its citation and no URL is invented.
    assert not any(line.startswith("URL:") for line in lines)
    assert "nec-candidates@original#12" in "".join(line[1:] if line.startswith(" ") else line for line in lines)


def _calendar_events(request: dict, made_on: dt.date) -> list[tuple[dt.date, list]]:
    text = checkers.check("donations", request, made_on=made_on)["calendar"]["text"]
    return [(event["DTSTART"].dt, [alarm["TRIGGER"].dt for alarm in event.walk("VALARM")])
            for event in icalendar.Calendar.from_ical(text).walk("VEVENT")]


# A donation of £1,600 received on 1 March 2024: the NEC code's report is due by 31 March 2024.
_DUE_31_MARCH = {"code": "nec-candidates", "donations": [{"donor": "A", "amount": 1600, "received": "2024-03-01",
                                                          "permissible": True}]}
_BEFORE = [dt.timedelta(days=-7), dt.timedelta(days=-1)]
_THAT_MORNING = [dt.timedelta(hours=9)]


def test_a_calendar_reminds_from_the_day_it_is_made_whatever_day_the_check_was_asked_about():
    """A check asked as on another day (`today`) answers as on that day, but its calendar is read from the day it is
    made: a deadline still to come stays on its day, with its reminders before it, even if it was overdue on the day
    asked about; one already past goes on the day the file is made, with a reminder that morning."""
    march_31 = dt.date(2024, 3, 31)
    # Asked about a later day: overdue then, not yet due when the file is made.
    assert _calendar_events({**_DUE_31_MARCH, "today": "2024-06-01"}, dt.date(2024, 3, 2)) == [(march_31, _BEFORE)]
    # Asked about an earlier day: not yet due then, overdue when the file is made.
    assert _calendar_events({**_DUE_31_MARCH, "today": "2024-03-02"}, dt.date(2024, 6, 1)) == [
        (dt.date(2024, 6, 1), _THAT_MORNING)]
    # Either side of the deadline, and on it (due by the end of that day: not overdue).
    assert _calendar_events(_DUE_31_MARCH, march_31) == [(march_31, _BEFORE)]
    assert _calendar_events(_DUE_31_MARCH, dt.date(2024, 4, 1)) == [(dt.date(2024, 4, 1), _THAT_MORNING)]


def test_a_fold_never_splits_a_character():
    folded = documents._fold("DESCRIPTION:" + "£" * 80)
    assert all(len(part.encode("utf-8")) <= 75 for part in folded.split("\r\n"))
    assert folded.replace("\r\n ", "") == "DESCRIPTION:" + "£" * 80


def _fold_a_character_at_a_time(line: str) -> str:
    # RFC 5545, 3.1, as it reads: add characters to a line while its octets stay within 75 (74 after the space
    # that starts a continued line).
    out, current = [], b""
    for char in line:
        encoded = char.encode("utf-8")
        if len(current) + len(encoded) > (75 if not out else 74):
            out.append(current.decode("utf-8"))
            current = b""
        current += encoded
    out.append(current.decode("utf-8"))
    return "\r\n ".join(out)


# Any line a calendar may hold (every character but lone surrogates, which an answer never carries, and line breaks,
# which escaping has already written as a backslash and "n"), at lengths around and well past a line's 75 octets, in
# characters of one to four octets.
@given(st.text(st.characters(exclude_categories=("Cs",), exclude_characters="\r\n"), max_size=400)
       | st.text(st.sampled_from(["a", "£", "€", "😀", " "]), min_size=60, max_size=200))
def test_folding_cuts_lines_as_the_standard_reads_and_unfolds_to_the_line(line):
    folded = documents._fold(line)
    assert folded == _fold_a_character_at_a_time(line)
    assert folded.replace("\r\n ", "") == line
    assert all(len(part.encode("utf-8")) <= 75 for part in folded.split("\r\n"))


def test_a_record_says_what_was_entered_the_answer_the_version_with_links_and_the_day():
    request = {"code": "local-government-selections", "on": "2026-03-04", "area_timetable_published": "2026-03-05",
               "shortlisted": True}
    record = checkers.check("campaign", request, made_on=dt.date(2026, 11, 27), site_url="https://example.org/")["record"]
    assert record["filename"] == "campaign-2026-11-27.txt"
    text = record["text"]
    assert "Checked on 27 November 2026." in text
    assert "Code applied: Local government selections code, version original (local-government-selections@original): " \
           "https://example.org/codes/local-government-selections/original/" in text
    assert "The day you are asking about: 2026-03-04" in text and "A ward has short-listed you: Yes" in text
    assert "- Allowed from 5 March 2026: No material" in text
    assert "(Local government selections code, clause 1: https://example.org/codes/local-government-selections/original/#1)" in text
    # Each day from which something is allowed is an event, saying what may be done from then.
    calendar = checkers.check("campaign", request, made_on=dt.date(2026, 3, 1))["calendar"]["text"]
    events = list(icalendar.Calendar.from_ical(calendar).walk("VEVENT"))
    assert [(str(e["SUMMARY"]), e["DTSTART"].dt) for e in events] == [
        ("From today you may produce and distribute campaign material (Local government selections code)",
         dt.date(2026, 3, 5))]
    assert [alarm["TRIGGER"].dt for alarm in events[0].walk("VALARM")] == [dt.timedelta(days=-1)]


def test_a_record_of_a_check_asked_as_on_another_day_says_which_day_its_answer_is_for():
    # A report due by 31 March 2025 is not yet overdue on 2 March 2025, the day asked about; the record, made later,
    # must not read as though it were checked that later day.
    request = {"code": "nec-candidates", "today": "2025-03-02",
               "donations": [{"donor": "A", "amount": "2500", "received": "2025-03-01", "permissible": True}]}
    text = checkers.check("donations", request, made_on=dt.date(2026, 12, 5))["record"]["text"]
    assert ("Checked on 5 December 2026. The answer is as things stood on 2 March 2025, the day the check was asked "
            "about: what is due or overdue is counted from that day.\n") in text
    assert "- Report the donation of £2,500 from A received on 1 March 2025 to the Electoral Commission by 31 March 2025." in text
    on_the_day = checkers.check("donations", {**request, "today": "2026-12-05"}, made_on=dt.date(2026, 12, 5))
    assert "Checked on 5 December 2026.\n" in on_the_day["record"]["text"]
    assert "now: it was due by 31 March 2025" in on_the_day["record"]["text"]


def test_a_record_of_a_check_against_the_version_in_force_on_a_day_says_which_day_chose_it():
    request = {"code": "momentum-ncg-elections", "as_of": "1/7/2022", "suspended": False}
    text = checkers.check("suspension", request, made_on=dt.date(2026, 12, 5))["record"]["text"]
    entered = text.split("What was entered\n----------------\n", 1)[1].split("\n\n", 1)[0]
    assert entered == "Are you suspended from the Labour Party?: No\nThe version in force on: 1/7/2022"
    assert "Note: You asked for the version in force on 1 July 2022." in text
    current = checkers.check("suspension", {"code": "momentum-ncg-elections", "suspended": False},
                             made_on=dt.date(2026, 12, 5))["record"]["text"]
    assert "The version in force on" not in current


def test_no_calendar_is_offered_where_the_answer_has_no_date():
    request = {"code": "confidentiality-privacy", "information": "none"}
    assert checkers.check("disclosure", request, made_on=dt.date(2026, 11, 27))["calendar"] is None
    assert checkers.check("nominations", {"code": "momentum-ncg-elections", "verified": 3},
                          made_on=dt.date(2026, 11, 27))["calendar"] is None


def test_a_record_of_a_refused_request_lists_what_to_correct():
    text = checkers.check("campaign", {"code": "local-government-selections", "on": "soon"},
                         made_on=dt.date(2026, 11, 27))["record"]["text"]
    assert "Nothing was checked: 1 answer needs correcting." in text and "- The day you are asking about: 'soon' is not a date" in text
    assert "- on:" not in text


def test_check_json_reads_what_the_page_sends_and_never_raises():
    import json

    kept = json.loads(checkers.check_json("donations", "{not json", "2026-11-27", "https://example.org/"))
    assert "Nothing was checked" in kept["record"]["text"] and kept["calendar"] is None
    assert kept["response"]["errors"][0]["field"] == "request"
    for made_on in (None, "", "30 November", "2026-02-30"):
        assert json.loads(checkers.check_json("donations", "{}", made_on, ""))["response"]["errors"]


def test_the_record_and_calendar_come_from_the_response_of_the_same_run(monkeypatch):
    import checkers.donations as donations

    calls = []
    real = donations.CHECKER.check
    monkeypatch.setitem(checkers.CHECKERS, "donations", donations.CHECKER.__class__(
        **{**donations.CHECKER.__dict__, "check": lambda *a: calls.append(1) or real(*a)}))
    request = {"code": "nec-candidates", "donations": [{"donor": "A", "amount": 1600, "received": "2024-03-01"}]}
    kept = checkers.check("donations", request, made_on=dt.date(2026, 11, 27))
    assert calls == [1] and kept["calendar"] and kept["response"]["status"] == "action"


def test_a_calendar_carries_no_control_character_and_a_bad_site_address_adds_no_property():
    from icalendar import Calendar

    request = {"code": "momentum-ncg-elections", "donations": [{"donor": "A", "amount": 600, "received": "2022-06-01"}]}
    kept = checkers.check("donations", request, made_on=dt.date(2022, 6, 2), site_url="https://a/\r\nATTACH:evil")
    text = kept["calendar"]["text"]
    assert "ATTACH" not in text and "\r\nX-" not in text
    assert all(ord(char) >= 32 or char in "\r\n" for char in text)
    for line in text.split("\r\n")[:-1]:
        assert len(line.encode("utf-8")) <= 75
    Calendar.from_ical(text)  # a strict parser reads it


def test_a_record_writes_what_was_typed_so_that_it_cannot_change_how_the_record_reads():
    request = {"code": "momentum-ncg-elections", "clause": "code-of-conduct-3", "what": "Line one\nLine two",
               "name": "Sam\nMember"}
    kept = checkers.check("complaint", request, made_on=dt.date(2026, 11, 27))
    record = kept["record"]["text"]
    assert "Your name: Sam Member" in record  # a name is one line, whatever was typed
    refused = checkers.check("complaint", {**request, "name": "Sam\x1b[2J"}, made_on=dt.date(2026, 11, 27))
    assert refused["response"]["errors"][0]["field"] == "name" and "\x1b" not in refused["record"]["text"]


def test_a_complaint_too_long_for_a_mail_link_is_offered_to_copy_and_says_so():
    response = checkers.run("complaint", {"code": "momentum-ncg-elections", "clause": "code-of-conduct-3",
                                          "what": "é" * 1500})
    assert response["mailto"] is None and [a["kind"] for a in response["actions"]] == ["copy"]
    assert "too long to open in your e-mail program from a link" in response["notes"][0]
    short = checkers.run("complaint", {"code": "momentum-ncg-elections", "clause": "code-of-conduct-3", "what": "A post."})
    assert short["mailto"].startswith("mailto:") and len(short["mailto"]) <= 2000


def test_a_record_says_what_to_do_first_then_what_needs_nothing_then_why_as_the_page_does():
    request = {"code": "nec-candidates", "donations": [
        {"donor": "A. Donor", "amount": "1700", "received": "2024-03-03"},
        {"donor": "B", "amount": "900", "received": "2024-03-10", "permissible": True},
        {"donor": "C", "amount": "100", "received": "2024-03-10"}]}
    kept = checkers.check("donations", request, made_on=dt.date(2024, 3, 20))
    response, text = kept["response"], kept["record"]["text"]
    answer = text[text.index("The answer\n"):]
    lines = answer.split("\n")
    todo_at, why_at = lines.index(response["todo_heading"]), lines.index(checkers.LABELS["reasoning"])
    assert [line for line in lines[todo_at + 1:] if line.startswith("- ")][:len(response["todo"])] == [
        f"- {item['text']}" for item in response["todo"]]
    # The Act's last day to send back a donation from a donor who is not permissible (1 April) comes before the
    # code's day to report it (2 April): the check comes first.
    assert response["todo"][0]["text"].startswith("Check that A. Donor is a permissible donor before you keep the "
                                                  "donation of £1,700 from A. Donor received on 3 March 2024, and by 1 April 2024")
    assert response["todo"][1]["text"].startswith("Report the donation of £1,700 from A. Donor")
    others = [item for item in response["answers"] if not item.get("todo")]
    assert others, "the £900 from a permissible donor needs nothing"
    others_at = lines.index(response["others_heading"])
    assert todo_at < others_at < why_at
    assert [line for line in lines[others_at + 1:why_at] if line] == [
        f"- {item['level_label']}: {item['message']}" for item in others]
    # Every answer is in the reasoning, with its clause.
    assert len([line for line in lines[why_at + 1:] if line.startswith("- ")]) == len(response["answers"])


def test_the_steps_that_led_to_an_answer_are_in_the_reasoning_once_not_also_among_what_needs_nothing():
    kept = checkers.check("disclosure", {
        "code": "confidentiality-privacy", "information": "national-committee", "includes_records": "no",
        "disciplinary_case": "no", "sharer": "committee-member", "purpose": "report-back-members",
        "rule_book_duties": "no", "required_by_law": "no", "express_permission": "no", "plp_proceedings": "no"},
        made_on=dt.date(2026, 12, 6))
    response, text = kept["response"], kept["record"]["text"]
    steps = [item for item in response["answers"] if item["rule"] == "step"]
    assert steps and all(item["reasoning"] for item in steps)
    assert response["others_heading"] not in text.split("\n")
    for step in steps:
        assert text.count(step["message"]) == 1, step["message"]
    assert text.index(checkers.LABELS["reasoning"]) < text.index(steps[0]["message"])


def test_a_complaints_record_holds_the_message_drafted_and_an_overdue_deadline_says_so_first():
    kept = checkers.check("complaint", {"code": "momentum-ncg-elections", "clause": "code-of-conduct-3",
                                        "what": "A post."}, made_on=dt.date(2026, 11, 27))
    text = kept["record"]["text"]
    assert text.index(kept["response"]["todo_heading"]) < text.index("The message:\nTo: complaints@peoplesmomentum.com")
    assert text.index("The message:") < text.index(checkers.LABELS["reasoning"])
    late = checkers.check("donations", {"code": "nec-candidates", "donations": [
        {"donor": "A", "amount": "1700", "received": "2024-03-03", "permissible": True}]}, made_on=dt.date(2026, 11, 27))
    assert "\n- Overdue: Report the donation of £1,700 from A received on 3 March 2024" in late["record"]["text"]
