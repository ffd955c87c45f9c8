"""A pull request's changes in plain words, for the job summary: versions added, clauses changed (with the
comparison's address), notes on the law added, the law's figures changed, and checker answers that changed for the
test cases.

    python -m sitebuild.summary --base REV [--docs docs] [--site-url URL] >> "$GITHUB_STEP_SUMMARY"

REV is the pull request's base. The base's content is read with git; its checkers run from a temporary worktree,
so that an answer is compared with the one the base itself gave.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from pathlib import Path
from urllib.parse import urljoin

import yaml

import checkers
from checkers.content import ContentError

from . import diff, lock, model
from .cases import load_cases
from .pages import comparison_page
from .render import day, page_of
from .source import safe_load, split_front_matter

ROOT = Path(__file__).resolve().parent.parent
# Run inside the base's worktree: each case's request through the base's own checkers, one JSON line out.
_ANSWERS = """
import json, sys
sys.path.insert(0, sys.argv[1])
import checkers
cases = json.load(sys.stdin)
print(json.dumps([checkers.run(c, r, sys.argv[2]) if c in checkers.CHECKERS else None for c, r in cases]))
"""


def _git(*args: str) -> str | None:
    result = subprocess.run(["git", *args], cwd=ROOT, capture_output=True, text=True)
    return result.stdout if result.returncode == 0 else None


def _base_yaml(base: str, path: str):
    text = _git("show", f"{base}:{path}")
    try:
        return safe_load(text) if text else None
    except yaml.YAMLError:
        return None


def _url(site_url: str, page: str) -> str:
    return urljoin(site_url, page.removesuffix("index.md"))


def _base_status(base: str, path: str) -> str | None:
    """A version's status: at the base, from its file's settings; None where the base has no such file."""
    text = _git("show", f"{base}:{path}")
    try:
        settings = safe_load(split_front_matter(text, Path(path))[0]) if text else None
    except (ContentError, yaml.YAMLError):
        return None
    return str(settings.get("status")) if isinstance(settings, dict) and settings.get("status") else None


def versions_and_clauses(site: model.Site, base: str, base_lock: dict, site_url: str) -> list[str]:
    lines = []
    for code in site.codes.values():
        for version in code.versions:
            key = str(version.citation)
            _, units = lock.fingerprint(version)
            if key not in base_lock:
                lines.append(f"- New version **{key}** ({version.short_title}): {version.summary} "
                             f"[Read it]({_url(site_url, page_of(code.code, version.id))}).")
                if version.index:
                    previous = code.versions[version.index - 1]
                    counts = diff.summary(diff.compare(previous.units, version.units))
                    page = comparison_page(code.code, previous.id, version.id)
                    lines.append(f"  - Against {previous.id}: {counts}. [Word-level comparison]({_url(site_url, page)}).")
                    if version.in_force_from and site.today and version.in_force_from < site.today:
                        lines.append(f"  - Took effect on {day(version.in_force_from)}, a day already past: once merged, "
                                     f"the site shows it, not version {previous.id}, as in force from that day, and both "
                                     f"versions' pages say that until the merge the site showed version {previous.id}.")
                lines += _notes_of_new_version(site, version)
                continue
            was = _base_status(base, f"docs/codes/{code.code}/{version.id}.md")
            if was and was != version.status:
                lines.append(f"- **{key}** is now marked {version.status} (it was {was}): "
                             f"[its page]({_url(site_url, page_of(code.code, version.id))}) says so.")
            before = base_lock[key].get("clauses") or {}
            changed = sorted(anchor for anchor in set(before) | set(units) if before.get(anchor) != units.get(anchor))
            if changed:
                links = ", ".join(f"[#{a}]({_url(site_url, page_of(code.code, version.id))}#{a})" for a in changed)
                lines.append(f"- **{key}** is corrected: its wording changed in {links}.")
    return lines


def _notes_of_new_version(site: model.Site, version) -> list[str]:
    """What a new version has of the notes on the law, and what it has lost (its clause reads otherwise now)."""
    carried, lost = site.carried_notes
    lines = [f"  - Has the note on the law on {version.unit_name(n.clause)} ({n.title}), written for version "
             f"{n.written_for}: the clause reads the same." for n in carried if (n.code, n.version) == (version.code, version.id)]
    for note, later in lost:
        if (note.code, later) == (version.code, version.id):
            lines.append(f"  - **Has lost** the note on the law on {version.unit_name(note.clause)} ({note.title}), written "
                         f"for version {note.version}: the clause {'reads otherwise now' if note.clause in version.by_id else 'is gone'}. "
                         f"If the note still holds, add it for version {version.id} in docs/law/notes.yml (a copy with "
                         f"version: \"{version.id}\").")
    return lines


def notes_added(site: model.Site, base_notes, site_url: str) -> list[str]:
    before = {(n.get("code"), str(n.get("version")), str(n.get("clause")), str(n.get("date")), n.get("text"))
              for n in base_notes or [] if isinstance(n, dict)}
    lines = []
    for note in site.notes:
        if (note.code, note.version, note.clause, note.date.isoformat(), note.text) not in before:
            version = site.codes[note.code].get(note.version)
            lines.append(f"- Note on the law, {version.short_title} {version.id}, {version.unit_name(note.clause)}: "
                         f"{note.title} [Read it]({_url(site_url, page_of(note.code, note.version))}#{note.anchor}).")
    return lines


def figures_changed(site: model.Site, base_figures) -> list[str]:
    if site.law is None:
        return []
    before = {fid: [(v.get("value"), str(v.get("from"))) for v in f.get("values", [])]
              for fid, f in ((base_figures or {}).get("figures") or {}).items()}
    lines = []
    for figure in site.law.figures.values():
        now = [(float(v.amount) if v.amount % 1 else int(v.amount), v.start.isoformat() if v.start else "not confirmed")
               for v in figure.values]
        if before.get(figure.id) != now:
            values = "; ".join(f"{figure.words(v)} from {v.start_text()}" for v in figure.values)
            lines.append(f"- The law's figure \"{figure.title}\" now reads: {values}.")
    return lines


def answers_changed(base: str, site: model.Site) -> list[str]:
    """Each test case's answer here and at the base, where they differ (by headline and findings). Each side answers
    from its own content: here the content given, already read, never a checkers/codes.json built earlier."""
    cases = [c for c in load_cases() if isinstance(c.get("request"), dict)]
    with tempfile.TemporaryDirectory() as folder:
        tree, data = Path(folder) / "base", Path(folder) / "codes.json"
        if _git("worktree", "add", "--detach", str(tree), base) is None:
            return [f"- The base ({base}) could not be checked out, so answers were not compared."]
        try:
            made = subprocess.run([sys.executable, "build_site.py", "--docs", str(tree / "docs"), "--checkers-data",
                                   str(data)], cwd=tree, capture_output=True, text=True)
            if made.returncode:
                return [f"- The base's content could not be read, so answers were not compared: {made.stderr.strip()}"]
            ran = subprocess.run([sys.executable, "-c", _ANSWERS, str(tree), str(data)], capture_output=True, text=True,
                                 input=json.dumps([[c["checker"], c["request"]] for c in cases]))
            before = json.loads(ran.stdout) if ran.returncode == 0 else None
        finally:
            _git("worktree", "remove", "--force", str(tree))
    if before is None:
        return ["- The base's checkers could not run, so answers were not compared."]
    after = [checkers.run(case["checker"], case["request"], site.codes) for case in cases]
    lines, new_checkers = [], {}
    for case, old, new in zip(cases, before, after, strict=True):
        if old is None:
            new_checkers[case["checker"]] = new_checkers.get(case["checker"], 0) + 1
        elif _gist(old) != _gist(new):
            lines.append(f"- {case['name']}: {_difference(old, new)}.")
    lines += [f"- A new checker, {checkers.CHECKERS[name].title} (`{name}`), answers its {count} test cases."
              for name, count in new_checkers.items()]
    return lines


def _answers(response: dict) -> list[dict]:
    # A base from before every checker answered in one shape named its answers after its kind.
    return response.get("answers") or response.get("findings") or response.get("activities") or response.get("steps") or []


def _difference(old: dict, new: dict) -> str:
    """What changed in an answer, in a few words: the headline, findings added or gone, the law's answer."""
    parts = []
    if old.get("headline") != new.get("headline") or old.get("summary") != new.get("summary"):
        parts.append(f"the answer was \"{old.get('headline') or old.get('summary')}\", now \"{new.get('headline') or new.get('summary')}\"")
    before = {a["message"]: a for a in _answers(old)}
    after = {a["message"]: a for a in _answers(new)}
    if set(after) - set(before):
        parts.append(f"{len(set(after) - set(before))} finding(s) new or reworded")
    if set(before) - set(after):
        parts.append(f"{len(set(before) - set(after))} finding(s) gone or reworded")
    law = sum(1 for message, a in after.items() if "law" in a and before.get(message, {}).get("law") != a["law"])
    if law:
        parts.append(f"the law's answer is now given beside {law} finding(s)")
    return "; ".join(parts) or "the wording changed"


def _gist(response: dict) -> str:
    if "errors" in response:
        return response.get("summary", "errors")
    return " ".join([response.get("headline", "")] + [f"{a.get('level_label', '')}: {a.get('message', '')}"
                                                      + (f" The law: {a['law']['message']}" if "law" in a else "")
                                                      for a in _answers(response)])


def summary(base: str, docs: Path, site_url: str) -> str:
    try:
        site = model.load(docs)
    except ContentError as error:
        return f"## What this change does\n\nThe content could not be read: {error}\n"
    base_lock = _base_yaml(base, "docs/codes.lock.yml") or {}
    problems, corrections = lock.against_base(base_lock, lock.read(docs / lock.LOCK_NAME))
    sections = [("Corrections of published versions and of the law", [f"- {c}" for c in corrections] +
                 [f"- **Refused**: {p}" for p in problems]),
                ("Versions and clauses", versions_and_clauses(site, base, base_lock, site_url)),
                ("Notes on the law", notes_added(site, _base_yaml(base, "docs/law/notes.yml"), site_url)),
                ("The law's figures", figures_changed(site, _base_yaml(base, "docs/law/figures.yml"))),
                ("Checker answers for the test cases", answers_changed(base, site))]
    text = ["## What this change does", ""]
    for title, lines in sections:
        text += [f"### {title}", ""] + (lines or ["No change."]) + [""]
    return "\n".join(text)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--base", required=True, type=lock.revision,
                        help="the commit to compare with (the pull request's base)")
    parser.add_argument("--docs", default=str(ROOT / "docs"))
    parser.add_argument("--site-url", default="", help="where the built site (or its preview) is, for links")
    args = parser.parse_args(argv)
    print(summary(args.base, Path(args.docs), args.site_url))
    return 0


if __name__ == "__main__":
    sys.exit(main())
