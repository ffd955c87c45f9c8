"""Properties: no input whatever makes `run`, the JSON entry or the spreadsheet reader raise; every error names
its field; every sentence starts with a capital; the output is always writable UTF-8 JSON; and donations' order
never changes the answer. Text is drawn from all of Unicode, lone surrogates and control characters included."""

import datetime as dt
import json
import re

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import checkers
from checkers import case, csvinput, disclosure, donations, page

# Any text at all: every code point, surrogates and control characters too (JSON carries them as \ud800 escapes).
any_text = st.text(st.characters(codec=None, categories=None), max_size=20)
json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=True) | any_text | st.text(max_size=20),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=12), inner, max_size=4),
    max_leaves=20)
CODES = ["nec-candidates", "local-government-selections", "momentum-ncg-elections", "leadership", "confidentiality-privacy",
         "nope"]
# Drawn from the whole range, not only plausible values: amounts of any size and precision, dates to the
# calendar's ends, numerals in every script.
amounts = st.one_of(st.integers(-10, 5000), st.decimals("0.01", "5000", places=2).map(str),
                    st.integers(), st.floats(), st.decimals(allow_nan=False).map(str),
                    st.text("0123456789,.£ ", max_size=40),
                    st.sampled_from(["£1,500.01", "1,500", "500", "x", "", "1.001", "1e26", "9" * 30, "1" + "0" * 26]))
dates = st.one_of(st.dates(dt.date(2019, 1, 1), dt.date(2026, 12, 31)).map(dt.date.isoformat),
                  st.dates().map(dt.date.isoformat), st.text("0123456789-/", max_size=12),
                  st.sampled_from(["2023-02-29", "2024-02-29", "31/12/2024", "", "9999-12-31", "0001-01-01"]))
numerals = st.one_of(st.integers(), st.floats(), st.text(st.characters(categories=["Nd", "No", "Nl"]), max_size=4),
                     st.sampled_from(["²", "①", "٣", "20", " 22 ", "1e3", "9" * 5000, "0" * 5000 + "7"]))
names = st.one_of(st.sampled_from(["Ann", " ann ", "ANN", "Bob", "", "Zoë", "A\u200bnn", "An  n", "\ud800", "A\x1bB",
                                   "A\u202eB", "a\nb"]), any_text)
donation = st.fixed_dictionaries({"donor": names, "amount": amounts,
                                  "received": dates},
                                 optional={"kind": st.sampled_from(["cash", "non-cash", "other"]),
                                           "permissible": st.sampled_from([True, False, None, "yes"])})
plausible = st.fixed_dictionaries(
    {"code": st.sampled_from(CODES)},
    optional={"donations": st.lists(donation, max_size=8), "election_period_end": dates,
              "spending": st.lists(st.fixed_dictionaries({"region": st.one_of(st.sampled_from(["London", "london", ""]), names),
                                                          "amount": amounts}), max_size=3),
              "verified": st.one_of(st.integers(-2, 40), st.text(max_size=3), numerals), "deadline_passed": json_values,
              "suspended": json_values, "case_concluded": st.booleans(), "other_pending_investigation": st.booleans(),
              "as_of": dates, "version": st.sampled_from(["original", "2022", "1"]),
              # campaign
              "on": dates, "area_timetable_published": dates,
              "ward_timetable_published": dates, "approved_panel": json_values,
              "shortlisted": st.booleans(), "admin_charge_paid": st.booleans(), "declared_interest": json_values,
              # disclosure: any option of any question, or anything else
              **{f.name: st.one_of(st.sampled_from(list(f.values)), json_values) for f in disclosure.FIELDS},
              # complaint
              "clause": st.sampled_from(["code-of-conduct-3", "complaints-procedure-1", "99", "", "nominations"]),
              "what": st.one_of(st.text(max_size=60), any_text, json_values, st.just("x" * 6000)), "when": dates,
              "evidence": st.one_of(st.text(max_size=40), any_text), "name": st.one_of(names, any_text),
              "site_url": st.sampled_from(["https://example.org/", "ftp://x", "", "http://127.0.0.1:8000/",
                                           "https://a/\r\nX-Bad: 1", "https://\ud800/"]),
              "today": dates})
CHECKER_NAMES = st.sampled_from([*checkers.CHECKERS, "other", None, 3])


def _valid(response):
    # Always JSON that can be written out as UTF-8, whatever the request smuggled in.
    checkers.dumps(response).encode("utf-8")
    if "errors" in response:
        assert response["errors"] and all(e["field"] and e["message"] for e in response["errors"])
        assert len(response["errors"]) <= 50
    else:
        answers = response["answers"]
        assert response["status"] in checkers.CHECKERS[response["checker"]].statuses
        assert all(f["message"] and f["clause"]["url"] for f in answers)
        for sentence in [f["message"] for f in answers] + response.get("notes", []):
            assert sentence[0].isupper(), sentence


def _nested(depth: int) -> str:
    return "[" * depth + "]" * depth


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(CHECKER_NAMES, json_values)
def test_no_input_whatever_makes_run_raise(checker, request):
    _valid(checkers.run(checker, request))


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(CHECKER_NAMES, plausible)
def test_no_plausible_but_wrong_request_makes_run_raise(checker, request):
    _valid(checkers.run(checker, request))


@settings(max_examples=200, deadline=None)
@given(st.sampled_from(CODES[:3]), st.lists(donation, min_size=1, max_size=10), st.randoms(use_true_random=False),
       st.one_of(st.none(), dates))
def test_the_order_of_donations_never_changes_the_answer(code, donations, random, period_end):
    request = {"code": code, "donations": donations}
    if period_end:
        request["election_period_end"] = period_end
    shuffled = list(donations)
    random.shuffle(shuffled)
    first = checkers.run("donations", request)
    second = checkers.run("donations", {**request, "donations": shuffled})
    if "errors" in first:
        # The same problems, named by each request's own positions.
        assert len(first["errors"]) == len(second["errors"])
    else:
        # Each date is echoed as read beside its own row: the same echoes, whatever the order.
        def echoes(response):
            return sorted((re.sub(r"\[\d+\]", "[]", echo["field"]), echo["text"]) for echo in response.pop("read_as"))

        assert echoes(first) == echoes(second)
        assert first == second


@settings(max_examples=300, deadline=None)
@given(CHECKER_NAMES, st.one_of(st.text(), st.sampled_from([_nested(100_000), "1" * 5000, '{"code": ' + "9" * 5000 + "}",
                                                             '{"code": "nec-candidates", "donations": ' + _nested(5000) + "}"])))
def test_no_text_whatever_makes_the_json_entry_raise(checker, text):
    _valid(json.loads(checkers.run_json(checker, text)))


@settings(max_examples=300, deadline=None)
@given(st.one_of(st.binary(max_size=400), st.text(max_size=400),
                 st.lists(st.lists(st.text(max_size=12), max_size=6), max_size=6).map(
                     lambda rows: "\r".join(",".join(row) for row in [["donor", "amount", "received", "kind"]] + rows))))
def test_no_spreadsheet_whatever_makes_the_reader_raise(data):
    sheet = csvinput.read(data, donations.DONATION)
    checkers.dumps(sheet).encode("utf-8")
    assert all(e["field"] and e["message"] for e in sheet["errors"])
    assert not (sheet["errors"] and sheet["rows"])
    if not sheet["errors"]:
        _valid(checkers.run("donations", {"code": "nec-candidates", "donations": csvinput.strip_rows(sheet["rows"])}))


@settings(max_examples=200, deadline=None)
@given(st.lists(st.fixed_dictionaries({"donor": st.text(min_size=1, max_size=15).filter(str.strip),
                                       "amount": st.decimals("0.01", "99999", places=2).map(str),
                                       "received": st.dates(dt.date(2000, 1, 1), dt.date(2030, 12, 31)).map(dt.date.isoformat),
                                       "kind": st.sampled_from(["cash", "non-cash"]),
                                       "permissible": st.sampled_from([True, False, None])}), min_size=1, max_size=6))
def test_a_spreadsheet_saved_by_the_page_reads_back_as_the_same_rows(rows):
    read = csvinput.read(csvinput.write(rows, donations.DONATION), donations.DONATION)
    if read["errors"]:  # a name the checker refuses (a control character) is refused from the file as from the form
        assert all(e["field"].startswith("row ") or e["field"] == "csv" for e in read["errors"])
        return
    back = csvinput.strip_rows(read["rows"])
    for before, after in zip(rows, back, strict=True):
        assert after["donor"] == before["donor"].strip() or " ".join(before["donor"].split()) == after["donor"].strip()
        assert after["amount"] == before["amount"] and after["received"] == before["received"]
        assert after["kind"] == before["kind"] and after.get("permissible") == before["permissible"]


maybe_day = st.one_of(st.none(), st.dates(dt.date(2000, 1, 1), dt.date(2040, 12, 31)))


@settings(max_examples=300, deadline=None)
@given(st.dates(dt.date(2000, 1, 1), dt.date(2040, 12, 31)), maybe_day, maybe_day)
def test_what_waits_for_a_timetable_is_allowed_exactly_from_its_publication(on, area, ward):
    request = {"code": "local-government-selections", "on": on.isoformat()}
    if area:
        request["area_timetable_published"] = area.isoformat()
    if ward:
        request["ward_timetable_published"] = ward.isoformat()
    answers = {a["rule"]: a for a in checkers.run("campaign", request)["answers"]}
    both = max(area, ward) if area and ward else None
    # Mailing waits for the ward's timetable (clause 4) and, as what is mailed calls for support, the area's (clause 1).
    for name, published in (("campaign-material", area), ("mail-members", both), ("canvass", both)):
        expected = "yes" if published and on >= published else "from" if published else "no"
        assert answers[name]["allowed"] == expected, (name, request)
        assert (answers[name].get("date") or {}).get("on") == (published.isoformat() if expected == "from" else None)


definite = st.fixed_dictionaries({f.name: st.sampled_from([v for v in f.values if v != "not-sure"]) for f in disclosure.FIELDS})


@settings(max_examples=300, deadline=None)
@given(definite, st.sets(st.sampled_from([f.name for f in disclosure.FIELDS]), max_size=3))
def test_sharing_has_a_definite_answer_unless_an_unsure_answer_changes_it(answers, unsure):
    known = checkers.run("disclosure", {"code": "confidentiality-privacy", **answers})
    assert known["status"] in ("allowed", "not-allowed", "not-restricted", "not-stated")
    assert known["answers"][0]["rule"] == "outcome"  # the answer first, then the steps that led to it
    asked = checkers.run("disclosure", {"code": "confidentiality-privacy", **answers, **{name: "not-sure" for name in unsure}})
    # A definite answer given with some answers unsure is the answer for every way of answering them, this one too.
    assert asked["status"] in (known["status"], "depends")


@settings(max_examples=200, deadline=None)
@given(st.text(min_size=1, max_size=300).filter(str.strip), st.text(max_size=100))
def test_a_complaints_mail_link_holds_exactly_its_draft(what, evidence):
    from urllib.parse import parse_qs, urlsplit

    response = checkers.run("complaint", {"code": "momentum-ncg-elections", "clause": "code-of-conduct-3", "what": what,
                                          "evidence": evidence})
    if "errors" in response:  # text no one could type (a control character) is refused, naming its field
        assert {e["field"] for e in response["errors"]} <= {"what", "evidence"}
        return
    if response["mailto"] is None:  # too long for a mail link: offered to copy, whole, and said so
        assert [a["kind"] for a in response["actions"]] == ["copy"] and response["actions"][0]["text"] == response["body"]
        assert "too long to open in your e-mail program from a link" in response["notes"][0]
        return
    link = urlsplit(response["mailto"])
    query = parse_qs(link.query)
    assert link.scheme == "mailto" and link.path == response["to"] == "complaints@peoplesmomentum.com"
    assert query["subject"] == ["NCG elections"]
    assert query["body"] == [response["body"].replace("\n", "\r\n")]


every_answer = st.fixed_dictionaries({f.name: st.sampled_from(list(f.values)) for f in disclosure.FIELDS})


@settings(max_examples=500, deadline=None)
@given(every_answer)
def test_a_question_the_earlier_answers_do_not_ask_never_changes_the_outcome(answers):
    # "May I share this?" asks a question only where it can matter (asked_when): every way of answering one it does
    # not ask gives the same outcome, so one question at a time loses nothing.
    rules = disclosure.disclosure_rules(checkers.codes()["confidentiality-privacy"].current)
    version = checkers.codes()["confidentiality-privacy"].current
    for spec in disclosure.FIELDS:
        if spec.asked_when is None or spec.asked_when.holds(answers):
            continue
        definite = {k: (v if v != "not-sure" else disclosure.OPTIONS[k][0]) for k, v in answers.items()}
        outcomes = {disclosure.decide({**definite, spec.name: value}, rules, version)[1].status
                    for value in disclosure.OPTIONS[spec.name]}
        assert len(outcomes) == 1, (spec.name, answers, outcomes)


_JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False, allow_infinity=False) | st.text(),
    lambda inner: st.lists(inner, max_size=4)
    | st.dictionaries(st.text(max_size=5) | st.integers() | st.booleans() | st.none(), inner, max_size=4),
    max_leaves=30)


@given(_JSON)
def test_the_command_lines_json_is_jsons_own_indented_text_for_any_value_without_a_long_list(value):
    written = "".join(checkers.readable_json(value))
    assert written == json.dumps(value, indent=2, ensure_ascii=False) + "\n"


# A long list is large by design: its drawing is slow on a loaded machine (a health check failed it in a full run).
# Each example holds over a hundred JSON values, so a quarter of Hypothesis's usual number of examples still reads
# thousands, in a minute less of the full run.
@settings(max_examples=25, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(_JSON, min_size=checkers.LONG_LIST + 1, max_size=checkers.LONG_LIST + 3), _JSON)
def test_a_long_lists_items_are_each_one_line_of_the_same_json(items, other):
    value = {"items": items, "other": other}
    written = "".join(checkers.readable_json(value))
    as_json = json.loads(json.dumps(value))  # keys that are not strings become strings, as json writes them
    assert json.loads(written) == as_json
    lines = written.split("\n")  # JSON escapes a newline; splitlines would also cut at U+2028
    listed = lines[lines.index('  "items": [') + 1:][:len(items)]
    assert [json.loads(line.strip().rstrip(",")) for line in listed] == as_json["items"]


def test_a_piece_that_cannot_be_written_out_is_escaped_and_the_rest_stays_as_it_is():
    written = "".join(checkers.readable_json({"bad": "£\ud800", "good": "£"}))
    assert written == '{\n  "bad": "\\u00a3\\ud800",\n  "good": "£"\n}\n'
    written.encode("utf-8")


def _kept_case() -> dict:
    """A case as the page keeps it: one election, with a donations check and a nominations check kept."""
    made = case.add_election(case.empty(), "Ward 1")["case"]
    election = made["elections"][0]["id"]
    for checker, request in (("donations", {"code": "nec-candidates", "donations": [
            {"donor": "A", "amount": "1600", "received": "2026-02-01", "permissible": True}]}),
            ("nominations", {"code": "momentum-ncg-elections", "verified": 21})):
        made = case.keep(made, election, checker, request, dt.date(2026, 3, 1))["case"]
    return made


def _places(value, path=()):
    """Every place in a JSON value, as the keys and indexes that reach it."""
    yield path
    items = value.items() if isinstance(value, dict) else enumerate(value) if isinstance(value, list) else ()
    for key, inner in items:
        yield from _places(inner, (*path, key))


KEPT_CASE = _kept_case()
CASE_PLACES = [place for place in _places(KEPT_CASE) if place]


def _with(value, place, new):
    """`value` with what is at `place` replaced by `new` (`...`: taken out)."""
    if not place:
        return new
    head, *rest = place
    copied = dict(value) if isinstance(value, dict) else list(value)
    if not rest and new is ...:
        del copied[head]
    else:
        copied[head] = _with(value[head], tuple(rest), new)
    return copied


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.tuples(st.sampled_from(CASE_PLACES), json_values | st.just(...)), min_size=1, max_size=3))
def test_no_case_file_whatever_makes_the_case_operations_raise(changes):
    # A case file may come from anywhere: any value anywhere in one (a list where a checker's name was, before) is
    # refused or read, never a traceback, whether it is the case kept in this browser or a file brought in.
    changed = KEPT_CASE
    for place, new in changes:
        try:
            changed = _with(changed, place, new)
        except (KeyError, IndexError, TypeError):
            continue  # a place an earlier change took away
    election = KEPT_CASE["elections"][0]["id"]
    for op, args in (("overview", {"case": changed}), ("forget", {"case": changed, "election": election}),
                     ("keep", {"case": changed, "election": election, "checker": "nominations",
                               "request": {"code": "momentum-ncg-elections", "verified": 22}}),
                     ("import", {"case": KEPT_CASE, "text": json.dumps(changed)})):
        answer = json.loads(page.case_json(op, json.dumps({**args, "today": "2026-03-01"})))
        assert "case" in answer or "errors" in answer or op == "overview", (op, answer)
