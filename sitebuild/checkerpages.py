"""The checker pages, from each checker's own description (checkers.describe) and the templates
sitebuild/templates/checker.md.j2 and checkers_index.md.j2, with worked examples taken from the tests' cases.

The forms are plain HTML that lists what a checker asks even without JavaScript; assets/checker/ (main.js)
brings them to life with Python running in a Web Worker.
"""

from __future__ import annotations

from pathlib import Path

import checkers
from checkers import case, scenario
from checkers.citation import Citation, checker_url

from . import law, pages, templates
from .cases import load_cases
from .render import day, esc, href

PRIVACY = ("Everything you type stays in this browser: the check runs here, in Python compiled to WebAssembly, and "
           "nothing is sent anywhere. Nothing is saved unless you copy a link to your scenario, save a record, or ask "
           "to keep your case on this device.")
# What keeping a case means, said wherever it is offered (the checker pages and My case).
CASE_PRIVACY = ("It is kept in this browser's own storage on this device, and nowhere else: anyone who uses this browser "
                "profile can see it, unless you set a passphrase on My case. You can forget it at any time.")
# The one line a checker page shows of it before the form; the rest is a tap away.
PRIVACY_SHORT = "Runs in your browser: nothing you type is sent."


def write(generated: Path, site) -> dict[str, list[str]]:
    """The checkers' index and one page per checker; returns each checker page's address with the code pages it
    cites (what the service worker keeps with it: sitebuild/offline.py)."""
    codes = site.codes
    descriptions = []
    cited = {}
    cases = load_cases()  # read once: every checker page picks its worked examples from them
    for name in checkers.CHECKERS:
        page = checker_url(name) + "index.md"
        description = checkers.describe(name, codes)
        # What the page's script needs: where the site root is, relative to this page, and the page's own address.
        description["root"] = href(page, "index.md")
        description["page"] = checker_url(name)
        cited[checker_url(name)] = sorted({Citation(code["code"]).url for code in description["codes"]} |
                                          {Citation(code["code"], v["version"]).url for code in description["codes"]
                                           for v in code["versions"]})
        descriptions.append(description)
        pages.write(generated, page, templates.render("checker.md.j2", d=description, page=page, privacy=PRIVACY,
                                                      ask_later=asked_later(name, description),
                                                      privacy_short=PRIVACY_SHORT, case_privacy=CASE_PRIVACY,
                                                      examples=examples(name, codes, cases),
                                                      currency=currency(site, description, page)))
    # "Keep every checker for use offline" names the index: the build lists what that keeps (sitebuild/offline.py).
    index = checker_url() + "index.md"
    pages.write(generated, index, templates.render("checkers_index.md.j2", descriptions=descriptions, page=index,
                                                   privacy=PRIVACY, index_address=checker_url()))
    case_page = "case/index.md"
    pages.write(generated, case_page, templates.render(
        "case.md.j2", page=case_page, case_privacy=CASE_PRIVACY,
        d={"root": href(case_page, "index.md"), "page": "case/",
           "most_file_bytes": case.MOST_FILE_BYTES,
           "too_large": case.said_where([{"field": "file", "message": case.TOO_LARGE}])[0]["summary_line"],
           "checkers": {name: {"title": c.title, "url": href(case_page, checker_url(name) + "index.md")}
                        for name, c in checkers.CHECKERS.items()}}))
    return cited


def currency(site, description: dict, page: str) -> str:
    """The checker page's currency statement: the text of each version it applies, as published, and how current the
    law's figures and notes are (or that they have not been checked since a day)."""
    published = "; ".join(f"{esc(code['title'])}, version {esc(v['version'])}: {day(site.codes[code['code']].get(v['version']).published_here)}"
                          for code in description["codes"] for v in code["versions"])
    notes = [n for n in site.notes if any(n.code == c["code"] for c in description["codes"])]
    checked = f" Notes on the law on these codes {law.notes_currency(notes, site.today)}." if notes else ""
    figures = (f" The law's figures {law.figures_currency(site.law, site.today)} (<a href=\"{href(page, 'law/index.md')}\">the "
               "law's figures</a>)." if site.law else "")
    return f"Applies the codes' text as published on this site ({published}).{checked}{figures}"


def examples(checker: str, codes: dict, cases: list[dict]) -> list[dict]:
    """The cases in tests/cases/ marked `example: true` for this checker, answered now by the same Python, each
    with a link that opens it in the checker (its request in the fragment, as a shared link holds it)."""
    found = []
    for example in cases:
        if not example.get("example") or example["checker"] != checker or example["request"].get("code") not in codes:
            continue
        response = checkers.run(checker, example["request"], codes)
        found.append({"name": example["name"], "request": example["request"], "response": response,
                      "link": scenario.fragment(example["request"])})
    return found


# What a branching form's script shows (overrides/assets/checker/form.js, showRelevantQuestions), worked out for the
# untouched form, so that the page is drawn so from the start: hiding questions once the script runs would move the
# form under the reader's thumb.
CHOOSING = ("choice", "tristate", "boolean")


def asked_later(name: str, description: dict) -> set[str]:
    """The questions the script hides until earlier answers make them relevant, on the form as the page draws it."""
    questions = [(field, _untouched(spec, description["branching"]))
                 for field, spec in zip(checkers.CHECKERS[name].fields, description["inputs"], strict=True) if field.kind != "rows"]
    found = {}  # form.js, answers: each answer as the form would send it, a question not asked at its default
    for field, read in questions:
        asked = field.asked_when is None or field.asked_when.holds(found)
        found[field.name] = field.default if read is None or not asked else read
    later, waiting = set(), False
    for field, read in questions:
        if waiting or not (field.asked_when is None or field.asked_when.holds(found)):
            later.add(field.name)
        elif description["branching"] and field.kind in CHOOSING and read is None:
            waiting = True
    return later


def _untouched(spec: dict, branching: bool):
    """What the script reads (fields.js, WIDGETS) from a field's widget as sitebuild/templates/fields.html.j2 draws it
    and before the reader touches it: None where it reads nothing."""
    kind, default = spec["kind"], spec.get("default")
    if kind == "boolean":
        return None if spec.get("required") else False  # Yes and No with neither chosen, or a checkbox not ticked
    if kind not in ("choice", "tristate"):
        return None  # an empty box
    options = [value for value, _ in spec.get("options") or []]
    if spec.get("option_groups"):
        chosen = None  # a select that starts at "Choose…"
    elif len(options) <= 12:
        chosen = None if branching else default  # radios: the default ticked, except on a branching form
    else:
        chosen = default if default in options else (options[0] if options else None)
    if chosen is None:
        return None
    shown = str(chosen).lower() if isinstance(chosen, bool) else str(chosen)
    if kind == "tristate":
        return {"true": True, "false": False}.get(shown)
    return shown or None

