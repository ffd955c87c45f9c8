"""The checker pages, generated from each checker's own description of its inputs (checkers.describe).

The forms are plain HTML that lists what a checker asks even without JavaScript; assets/checker.js
brings them to life with Python running in a Web Worker.
"""

from __future__ import annotations

import json
from pathlib import Path

import checkers

from . import pages
from .pages import front
from .render import esc, href, page_of, rel

CHECKER_ORDER = ("donations", "nominations", "suspension")
PURPOSE = {
    "donations": "Must a donation come from a permissible donor? Must it be reported, and by when? Are you within "
                 "a donor cap or spending limit?",
    "nominations": "Do you have enough verified nominations to stand, and how many more may you secure?",
    "suspension": "May you stand for election while suspended from the Labour Party?",
}
PRIVACY = ("Everything you type stays in this browser: the check runs here, in Python compiled to WebAssembly, and "
           "nothing is sent anywhere. Nothing is saved unless you copy a link to your scenario.")


def write(generated: Path, codes: dict) -> None:
    """The checkers' index and one page per checker."""
    _write_index(generated, codes)
    for name in CHECKER_ORDER:
        page = f"checkers/{name}/index.md"
        description = checkers.describe(name, codes)
        # What the page's script needs: where the site root is, relative to this page.
        description["root"] = href(page, "index.md")
        _page(generated, page, description)


def _write_index(generated: Path, codes: dict) -> None:
    page = "checkers/index.md"
    out = [front("Checkers", description="Check a candidate's own case against the codes of conduct"),
           "# Checkers\n\nCheck your own case as a candidate against the exact version of a code. " + PRIVACY + "\n\n"]
    for name in CHECKER_ORDER:
        description = checkers.describe(name, codes)
        served = ", ".join(f"[{esc(c['title'])}]({rel(page, 'codes/' + c['code'] + '/index.md')})" for c in description["codes"])
        out.append(f"## [{description['title']}]({name}/index.md)\n\n{PURPOSE[name]}\n\nApplies to: {served}.\n\n")
    out.append("The checkers apply the numbers written in each code; they are a guide, not legal advice. Where a code "
               "is silent (a reporting deadline, say) they say so rather than invent one.\n\n"
               "Power users can call `window.codesOfConduct.run(checker, request)` on a checker page, or run the same "
               "Python from the command line: `python -m checkers donations < request.json`.\n")
    pages.write(generated, page, "".join(out))


def _page(generated: Path, page: str, description: dict) -> None:
    name = description["checker"]
    out = [front(description["title"], description=PURPOSE[name]).replace("---\n\n", f"checker: {name}\n---\n\n", 1)]
    out.append(f"# {description['title']}\n\n{PURPOSE[name]} {PRIVACY}\n\n")
    out.append('<noscript><p class="no-js"><strong>This checker needs JavaScript</strong>: it runs Python in your '
               "browser. Without it, you can still read what it asks below, and the clauses it applies.</p></noscript>\n\n")
    out.append(_applies(description, page))
    out.append(_form(description))
    out.append('<div class="checker-progress" role="status" aria-live="polite">'
               '<span class="checker-progress-text">The checker has not started: it needs JavaScript.</span> '
               '<progress class="checker-progress-bar" max="100" hidden></progress></div>\n\n')
    out.append('<section class="checker-result" aria-labelledby="result-heading" tabindex="-1" hidden>'
               '<h2 id="result-heading">Result</h2><div class="checker-result-body" aria-live="polite"></div>'
               '</section>\n\n')
    # JSON inside <script> is not HTML-decoded: escape only what could end the element.
    safe = json.dumps(description).replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    out.append(f'<script type="application/json" id="checker-description">{safe}</script>\n')
    pages.write(generated, page, "".join(out))


def _applies(description: dict, page: str) -> str:
    items = []
    for code in description["codes"]:
        for version in code["versions"]:
            clauses = ", ".join(f'<a href="{href(page, page_of(code["code"], version["version"]) + "#" + c["id"])}">'
                                f"{esc(c['name'])}</a>" for c in version["clauses"])
            current = " (current)" if version["version"] == code["current"] else ""
            items.append(f"<li>{esc(code['title'])}, version {esc(version['version'])}{current}: {clauses}</li>")
    return ('<div class="checker-applies"><h2 id="applies">What it applies</h2>'
            f"<p>This checker applies these clauses, choosing the version you pick below:</p><ul>{''.join(items)}</ul></div>\n\n")


def _form(description: dict) -> str:
    options = []
    for code in description["codes"]:
        options.append(f'<option value="{esc(code["citation"])}">{esc(code["title"])}: current version '
                       f'({esc(code["current"])})</option>')
        for version in code["versions"]:
            options.append(f'<option value="{esc(version["citation"])}">{esc(code["title"])}: '
                           f'version {esc(version["version"])}</option>')
    fields = "".join(_field(spec, spec["name"]) for spec in description["inputs"])
    return (f'<form class="checker-form" id="checker-form" data-checker="{description["checker"]}" novalidate>'
            '<div class="field"><label for="code">Code and version</label>'
            f'<select id="code" name="code">{"".join(options)}</select></div>'
            '<div class="field"><label for="as_of">Or the version in force on (optional)</label>'
            '<input type="date" id="as_of" name="as_of" aria-describedby="as_of-hint">'
            '<p class="hint" id="as_of-hint">Leave empty to use the version chosen above.</p></div>'
            f"{fields}"
            # Buttons that need the script stay hidden until it runs (checker.js shows them).
            '<div class="checker-actions" data-needs-script hidden><button type="submit" class="md-button md-button--primary">'
            'Check</button> <button type="button" class="md-button checker-share">Copy a link to this scenario</button></div>'
            '<p class="checker-share-status" role="status" aria-live="polite"></p>'
            "</form>\n\n")


def _hint(spec: dict, ident: str) -> tuple[str, str]:
    parts = []
    if spec.get("hint"):
        parts.append(esc(spec["hint"]))
    if spec.get("required") == "when suspended":
        parts.append("Required if you are suspended.")
    if not parts:
        return "", ""
    return f' aria-describedby="{ident}-hint"', f'<p class="hint" id="{ident}-hint">{" ".join(parts)}</p>'


def _label(spec: dict) -> str:
    required = spec.get("required") is True
    unit = f" ({esc(spec['unit'])})" if spec.get("unit") else ""
    return f"{esc(spec['label'])}{unit}" + (' <span class="required">(required)</span>' if required else "")


def _field(spec: dict, path: str) -> str:
    """One input from its description; `path` is the request field it fills."""
    ident = path.replace(".", "-").replace("[", "-").replace("]", "")
    kind = spec["type"]
    described, hint = _hint(spec, ident)
    common = f'id="{ident}" name="{esc(path)}" data-field="{esc(path)}" data-type="{kind}"{described}'
    if kind == "rows":
        return _rows(spec, path)
    if kind == "boolean" and spec.get("required"):
        radios = "".join(f'<label class="radio"><input type="radio" name="{esc(path)}" value="{value}" '
                         f'id="{ident}-{value}" data-field="{esc(path)}" data-type="boolean"> {text}</label>'
                         for value, text in (("true", "Yes"), ("false", "No")))
        return (f'<fieldset class="field" id="{ident}" data-field="{esc(path)}" data-type="boolean"{described}>'
                f"<legend>{_label(spec)}</legend>"
                f"{radios}{hint}</fieldset>")
    if kind == "boolean":
        return (f'<div class="field field--check"><input type="checkbox" {common}> '
                f'<label for="{ident}">{_label(spec)}</label>{hint}</div>')
    if kind in ("choice", "tristate"):
        choices = "".join(f'<option value="{"" if v is None else str(v).lower()}"'
                          f'{" selected" if v == spec.get("default") else ""}>{esc(t)}</option>' for v, t in spec["options"])
        control = f"<select {common}>{choices}</select>"
    elif kind == "money":
        control = f'<input type="text" inputmode="decimal" autocomplete="off" {common}>'
    elif kind == "count":
        control = f'<input type="number" inputmode="numeric" min="0" step="1" {common}>'
    elif kind == "date":
        control = f'<input type="date" {common}>'
    else:
        control = f'<input type="text" autocomplete="off" {common}>'
    return f'<div class="field"><label for="{ident}">{_label(spec)}</label>{control}{hint}</div>'


def _rows(spec: dict, path: str) -> str:
    """Repeatable rows: a template the script copies, each row a fieldset a candidate can remove."""
    inner = "".join(_field(f, f"{path}[__i__].{f['name']}") for f in spec["fields"])
    template = (f'<template class="row-template" data-rows="{path}"><fieldset class="row" data-row="__i__">'
                f'<legend>{esc(spec["row_label"])} __n__</legend>'
                f'{inner}<button type="button" class="md-button row-remove">{esc(spec["remove_label"])} __n__</button>'
                "</fieldset></template>")
    csv = ""
    if path == "donations":
        csv = ('<details class="csv" data-needs-script hidden><summary>Use a spreadsheet (CSV)</summary>'
               '<p class="hint" id="csv-hint">Columns: donor, amount, received (YYYY-MM-DD), kind (cash or non-cash), '
               "permissible (yes, no or unknown), named so or by a usual name such as “Donor name” or “Date received”; "
               "other columns are ignored. The file is read in this browser and never sent anywhere.</p>"
               '<div class="field"><label for="csv-file">CSV file</label>'
               '<input type="file" id="csv-file" accept=".csv,text/csv" aria-describedby="csv-hint"></div>'
               '<div class="field"><label for="csv-text">Or paste the CSV</label>'
               '<textarea id="csv-text" rows="5" aria-describedby="csv-hint"></textarea></div>'
               '<button type="button" class="md-button csv-load">Use these rows</button> '
               '<button type="button" class="md-button csv-save">Save these donations as a spreadsheet</button>'
               '<p class="csv-status" role="status" aria-live="polite"></p></details>')
    _, hint = _hint(spec, path)
    return (f'<fieldset class="rows" id="{path}" data-field="{path}"><legend>{esc(spec["label"])}</legend>{hint}'
            f'<div class="row-list" data-rows="{path}"></div>{template}'
            f'<button type="button" class="md-button row-add" data-rows="{path}" data-needs-script hidden>{esc(spec["add_label"])}</button>'
            f"{csv}</fieldset>")
