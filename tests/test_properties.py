"""Properties: no input whatever makes `run`, the JSON entry or the spreadsheet reader raise; every error names
its field; every sentence starts with a capital; and donations' order never changes the answer."""

import datetime as dt
import json

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import checkers
from checkers import csvinput, disclosure

json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=True) | st.text(max_size=20),
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
                     st.sampled_from(["²", "①", "٣", "20", " 22 ", "1e3"]))
donation = st.fixed_dictionaries({"donor": st.sampled_from(["Ann", " ann ", "ANN", "Bob", "", "Zoë"]), "amount": amounts,
                                  "received": dates},
                                 optional={"kind": st.sampled_from(["cash", "non-cash", "other"]),
                                           "permissible": st.sampled_from([True, False, None, "yes"])})
plausible = st.fixed_dictionaries(
    {"code": st.sampled_from(CODES)},
    optional={"donations": st.lists(donation, max_size=8), "election_period_end": dates,
              "spending": st.lists(st.fixed_dictionaries({"region": st.sampled_from(["London", "london", ""]),
                                                          "amount": amounts}), max_size=3),
              "verified": st.one_of(st.integers(-2, 40), st.text(max_size=3), numerals), "deadline_passed": json_values,
              "suspended": json_values, "case_concluded": st.booleans(), "other_pending_investigation": st.booleans(),
              "as_of": dates, "version": st.sampled_from(["original", "2022", "1"]),
              # campaign
              "on": dates, "timetable_published": st.one_of(st.none(), dates), "approved_panel": json_values,
              "shortlisted": st.booleans(), "admin_charge_paid": st.booleans(), "declared_interest": json_values,
              # disclosure: any option of any question, or anything else
              **{spec["name"]: st.one_of(st.sampled_from([v for v, _ in spec["options"]]), json_values)
                 for spec in disclosure.INPUTS},
              # complaint
              "clause": st.sampled_from(["code-of-conduct-3", "complaints-procedure-1", "99", "", "nominations"]),
              "what": st.one_of(st.text(max_size=60), json_values, st.just("x" * 6000)), "when": dates,
              "evidence": st.text(max_size=40), "name": st.text(max_size=20),
              "site_url": st.sampled_from(["https://example.org/", "ftp://x", "", "http://127.0.0.1:8000/"])})
CHECKER_NAMES = st.sampled_from([*checkers.CHECKERS, "other", None, 3])


def _valid(response):
    json.dumps(response)  # always JSON
    if "errors" in response:
        assert response["errors"] and all(e["field"] and e["message"] for e in response["errors"])
    else:
        answers = response[getattr(checkers.CHECKERS[response["checker"]], "ANSWERS", "findings")]
        assert response["status"] and all(f["message"] and f["clause"]["url"] for f in answers)
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
    sheet = csvinput.read(data)
    json.dumps(sheet)
    assert all(e["field"] and e["message"] for e in sheet["errors"])
    assert not (sheet["errors"] and sheet["donations"])
    if not sheet["errors"]:
        _valid(checkers.run("donations", {"code": "nec-candidates", "donations": csvinput.strip_rows(sheet["donations"])}))


@settings(max_examples=300, deadline=None)
@given(st.dates(dt.date(2000, 1, 1), dt.date(2040, 12, 31)), st.one_of(st.none(), st.dates(dt.date(2000, 1, 1), dt.date(2040, 12, 31))))
def test_what_waits_for_the_timetable_is_allowed_exactly_from_its_publication(on, published):
    request = {"code": "local-government-selections", "on": on.isoformat()}
    if published:
        request["timetable_published"] = published.isoformat()
    activities = {a["activity"]: a for a in checkers.run("campaign", request)["activities"]}
    for name in ("campaign-material", "mail-members", "canvass"):
        assert activities[name]["allowed"] is bool(published and on >= published)
        assert activities[name].get("when") == (published.isoformat() if published and on < published else None)


definite = st.fixed_dictionaries({spec["name"]: st.sampled_from([v for v, _ in spec["options"] if v != "not-sure"])
                                  for spec in disclosure.INPUTS})


@settings(max_examples=300, deadline=None)
@given(definite, st.sets(st.sampled_from([spec["name"] for spec in disclosure.INPUTS]), max_size=3))
def test_sharing_has_a_definite_answer_unless_an_unsure_answer_changes_it(answers, unsure):
    known = checkers.run("disclosure", {"code": "confidentiality-privacy", **answers})
    assert known["status"] in ("allowed", "not-allowed", "not-restricted", "not-stated")
    assert known["findings"][-1]["rule"] == "outcome"
    asked = checkers.run("disclosure", {"code": "confidentiality-privacy", **answers, **{name: "not-sure" for name in unsure}})
    # A definite answer given with some answers unsure is the answer for every way of answering them, this one too.
    assert asked["status"] in (known["status"], "depends")


@settings(max_examples=200, deadline=None)
@given(st.text(min_size=1, max_size=300).filter(str.strip), st.text(max_size=100))
def test_a_complaints_mail_link_holds_exactly_its_draft(what, evidence):
    from urllib.parse import parse_qs, urlsplit

    response = checkers.run("complaint", {"code": "momentum-ncg-elections", "clause": "code-of-conduct-3", "what": what,
                                          "evidence": evidence})
    link = urlsplit(response["mailto"])
    query = parse_qs(link.query)
    assert link.scheme == "mailto" and link.path == response["to"] == "complaints@peoplesmomentum.com"
    assert query["subject"] == ["NCG elections"]
    assert query["body"] == [response["body"].replace("\n", "\r\n")]
