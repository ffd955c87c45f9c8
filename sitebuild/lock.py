"""The immutability lock: what a reader sees or follows on a published version, and what applied on a past day,
changes only with a correction the page shows.

`docs/codes.lock.yml` records, for each published version, its facets (FACETS): a hash of its normalised wording
(and of each clause, to say which changed), of what its links point to, every value of its `rules:`, and its
dates; and `recorded`, the day the merge published it, which the pages give as its day of publication here (an entry
recorded before this was kept has none, and its file's `published:` stands). Under the key `law` it records each
statutory figure's values (docs/law/figures.yml).

A version is published when it reaches main, not when someone previews it. So no build writes the lock: a build
checks what the lock holds, and lists what is new (a draft version, a new figure or value) as what the merge will
record. The Publish workflow records it on main (`python -m sitebuild.lock --record`) before the site goes out.
A changed facet of a published version, or a changed past value of the law, fails the build unless the lock
records a correction with a reason, which the page then shows. On a pull request, `python -m sitebuild.lock --base
REV` compares the lock with the base branch's: an entry changed or removed there, rather than corrected, is
refused."""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import os
import re
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

from checkers import rules
from checkers.citation import Citation
from checkers.content import MARKDOWN_LINK, CodeVersion, ContentError, each_error, print_errors, raise_together
from checkers.money_and_dates import counted

from . import drafts
from .lock_shape import check_shape
from .model import Site
from .source import line_in, parse_date, read_text, read_yaml, safe_dump, safe_load

LOCK_NAME = "codes.lock.yml"
LAW = "law"  # the lock's key for the law's figures: never a code@version


def _hash(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def fingerprint(version: CodeVersion) -> tuple[str, dict[str, str]]:
    """The hash of the whole normalised text, and a short hash of each unit."""
    units = {unit.id: _hash(unit.text)[:12] for unit in version.units}
    whole = _hash("\n".join(f"{unit.id}\t{unit.text}" for unit in version.units))
    return whole, units


def link_targets(version: CodeVersion) -> dict[str, list[str]]:
    """What each unit's links point to, as a reader follows them: each link's words and its target as written
    (a mail address, a reference, a glossary term), and each reference the build found in its words, resolved."""
    found: dict[str, list[str]] = {}
    for unit in version.units:
        targets = [f"{text}\t{target}" for text, target in MARKDOWN_LINK.findall(unit.markdown)]
        targets += [f"{ref.text}\t{ref.target if ref.kind == 'clause' else 'glossary:' + ref.term}"
                    for _, _, ref in version.refs.get(unit.id, [])]
        if targets:
            found[unit.id] = sorted(targets)
    return found


def _links_as_read(version: CodeVersion) -> dict[str, list[str]]:
    """Link targets with the version's references to itself made relative: what two versions' links compare by."""
    own = f"{version.citation}#"
    return {anchor: [t.replace(own, "#") for t in targets] for anchor, targets in link_targets(version).items()}


def links_fingerprint(version: CodeVersion) -> dict[str, str]:
    """A short hash of each unit's links, for the units that have any."""
    return {anchor: _hash("\n".join(targets))[:12] for anchor, targets in link_targets(version).items()}


def rule_values(version: CodeVersion) -> dict:
    """Every value of a version's `rules:` by its dotted path ("<checker>.reporting.deadline_days": 30)."""
    return dict(rules.walk(version.rules))


def dates(version: CodeVersion) -> dict:
    """The dates that decide which version applied on a day, and when it was published."""
    day = lambda value: value.isoformat() if value else None  # noqa: E731
    return {"published": day(version.published), "in_force_from": day(version.in_force_from),
            "in_force_until": day(version.in_force_until)}


@dataclass(frozen=True)
class Facet:
    """One thing the lock keeps fixed of a published version: how it is worked out, and what a change means."""

    name: str
    value: object  # (version) -> its value as the lock records it
    what: str  # in a sentence: "its wording", "what its links point to"


FACETS = (
    Facet("sha256", lambda v: fingerprint(v)[0], "its wording"),
    Facet("links", links_fingerprint, "what its links point to (an address, a clause, a glossary term)"),
    Facet("rules", rule_values, "the rules its checkers apply"),
    Facet("dates", dates, "its dates (which decide the version in force on a day)"),
)


def read(path: Path) -> dict:
    if not path.exists():
        return {}
    # Two branches that each published a version, merged, say: the lock's entries are not mended by hand.
    text = read_text(path, mend="the lock's entries are written when a merge publishes a version, so do not mend them "
                     f"by hand: put back main's copy (git checkout main -- docs/{LOCK_NAME}), then add again any "
                     "correction you had recorded in it; the merge records what this change publishes")
    # A name given twice (a second "corrections:" pasted under an entry that has one) is refused at its line: YAML
    # alone would keep the last and drop the other's corrections without a word.
    data = read_yaml(text, path, 1, quotes_end_on_their_line=False)[0] or {}
    if not isinstance(data, dict):
        raise ContentError(path, 1, "the lock must map code@version to its hash")
    return check_shape(data, path, LAW)


def _file_of(key: str) -> str:
    """A published version's file, from the docs folder: docs/codes/<code>/<version>.md."""
    cited = Citation.parse(key)
    return f"codes/{cited.code}/{cited.version}.md"


def _gone(path: Path, key: str) -> ContentError:
    return ContentError(path, None, f"{key} was published but its file is gone: published versions stay on the site; "
                        f"put it back (git checkout main -- docs/{_file_of(key)}), and to replace it, publish a new "
                        "version")


def refuse_published_files_gone(docs: Path) -> None:
    """Said before the content is read: a published version's file deleted, or its code's folder, would otherwise
    first be met as a topic or a note naming a code or clause this site no longer has."""
    path = docs / LOCK_NAME
    # Anything at the file's place (a folder, a link to nothing) is left to the content's reader, which names it.
    raise_together([_gone(path, key) for key in read(path) if key != LAW and not os.path.lexists(docs / _file_of(key))])


def _accepted(entry: dict, name: str):
    """What the lock accepts now: the newest correction that records it (the last in the list), else the entry's own."""
    for correction in reversed(entry.get("corrections") or []):
        if isinstance(correction, dict) and name in correction:
            return correction[name]
    return entry.get(name)


def _record(version: CodeVersion) -> dict:
    """A version's entry as the lock first records it."""
    whole, units = fingerprint(version)
    return {"sha256": whole, "clauses": units, **{f.name: f.value(version) for f in FACETS if f.name != "sha256"}}


def check(site: Site, path: Path, *, record: bool = False, root: Path | None = None) -> tuple[list[str], dict | None]:
    """Compare every version, and the law's figures, with the lock; raises ContentError on a silent change.

    Returns notices (what is not published yet, which the merge will record), and, with `record` (the Publish
    workflow on main, never a preview), the lock with it added, or None when nothing is new. `root`: the checkout,
    whose main branch says whether a changed entry was ever published."""
    lock = read(path)
    notices, changed = [], False
    # Each published version that changed is named, not only the first.
    problems: list[ContentError] = []
    present = {LAW}
    for code in site.codes.values():
        for index, version in enumerate(code.versions):
            key = str(version.citation)
            present.add(key)
            entry = lock.get(key)
            current = _record(version)
            if entry is None:
                version.recorded = site.today  # as if merged today: the merge records the day it is
                previous = code.versions[index - 1] if index else None
                if previous and rule_values(version) == rule_values(previous) and _links_as_read(version) == _links_as_read(previous):
                    drafts.refuse_same_wording(version, previous)
                if previous and str(previous.citation) in lock and version.published < previous.published:
                    problems.append(_published_before(version, previous))
                if record:
                    lock[key] = {**current, "recorded": (site.today or dt.date.today()).isoformat()}
                    changed = True
                notices.append(f"{key} is new: {'recorded in' if record else 'not published until it is merged; the merge records it in'} "
                               f"docs/{LOCK_NAME}, and from then on its wording, links, rules and dates are fixed")
                continue
            if not isinstance(entry, dict):
                raise ContentError(path, None, f"{key}: each entry holds sha256, clauses, links, rules and dates")
            missing = [f.name for f in FACETS if f.name not in entry]
            if missing:
                # An entry made before the lock kept these: as they are now, they are the published ones.
                if record:
                    for name in missing:
                        entry[name] = current[name]
                    changed = True
                notices.append(f"{key}: its {', '.join(missing)} {_recorded(record)} "
                               f"docs/{LOCK_NAME}{_when(record)}")
            added = _new_checkers(entry, version, current, record, notices)
            changed |= bool(added) and record
            if added and not record:
                # Not recorded yet, so not compared: what the merge records is what the version has then.
                current["rules"] = {n: v for n, v in current["rules"].items() if n.split(".")[0] not in added}
            for facet in FACETS:
                if facet.name in entry and current[facet.name] != _accepted(entry, facet.name):
                    problems.append(_changed(key, facet, entry, current, version, path, root or path.parent.parent))
                    break
            else:
                version.corrections = _corrections(entry, path, key)
                recorded = _accepted(entry, "recorded")
                version.recorded = parse_date(recorded, path, None, f"{key}: recorded") if recorded else None
    try:
        law_changed = _check_law(site, lock, path, record, notices)
    except ContentError as error:
        problems += each_error(error)
        law_changed = False
    problems += [_gone(path, key) for key in lock if key not in present]
    raise_together(problems)
    return notices, (lock if record and (changed or law_changed) else None)


def _published_before(version: CodeVersion, previous: CodeVersion) -> ContentError:
    # A new version's file cannot have been made for this site before the version it follows was published here:
    # such a day is a day in force written in the wrong place, which would then go unsaid.
    return ContentError(version.path, version.field_lines.get("published"), (
        f"published is {version.published.isoformat()}, before {previous.published.isoformat()}, the day "
        f"{previous.citation} (published here already) says, and {version.citation} is new: published is the day its "
        "file was made for this site (make new-version writes it), not a day from the code's source. The day the code "
        "itself took effect goes in in_force_from"))


def _recorded(record: bool) -> str:
    return "recorded in" if record else "will be recorded in"


def _when(record: bool) -> str:
    return "" if record else " when this is merged"


def _new_checkers(entry: dict, version: CodeVersion, current: dict, record: bool, notices: list) -> list[str]:
    """Rules for a checker this version never had change no answer already given: recorded, as a new version is.
    Returns those checkers."""
    added = sorted({n.split(".")[0] for n in current["rules"]} - {n.split(".")[0] for n in _accepted(entry, "rules") or {}})
    if not added:
        return added
    key = str(version.citation)
    notices.append(f"{key}: rules for the {', '.join(added)} checker {_recorded(record)} "
                   f"docs/{LOCK_NAME}{_when(record)}")
    if record:
        recorded = {n: v for n, v in current["rules"].items() if n.split(".")[0] in added}
        for holder in [entry] + [c for c in entry.get("corrections") or [] if isinstance(c, dict) and "rules" in c]:
            holder["rules"] = {**holder["rules"], **recorded}
    return added


def _corrections(entry: dict, path: Path, key: str) -> list[dict]:
    found = [{"date": parse_date(c.get("date"), path, None, f"{key}: a correction's date"),
              "reason": str(c.get("reason") or "")} for c in entry.get("corrections") or []]
    for correction in found:
        if correction["date"] is None or not correction["reason"].strip():
            raise ContentError(path, None, f"{key}: every correction needs a date and a reason that readers will see")
    return found


def save(path: Path, lock: dict) -> None:
    path.write_text("# Written when a merge publishes a version (never by hand): one entry per published version. See docs/maintainers/.\n"
                    + safe_dump(lock, sort_keys=True, allow_unicode=True), encoding="utf-8")


# --- The law's figures ------------------------------------------------------------------------------------------


def figure_values(figure) -> list[dict]:
    """A figure's values as the lock records them: what applied from when (its wording and sources may change)."""
    day = lambda value: value.isoformat() if value else None  # noqa: E731
    return [{"value": int(v.amount) if v.amount == v.amount.to_integral_value() else float(v.amount),
             "from": day(v.start) or "not confirmed", "in_force_on": day(v.in_force_on), "not_before": day(v.not_before)}
            for v in figure.values]


def _check_law(site: Site, lock: dict, path: Path, record: bool, notices: list) -> bool:
    """A figure's past values never change without a correction; a value that starts after the day of the build is
    new, and recorded when merged."""
    if site.law is None:
        return False
    recorded = lock.setdefault(LAW, {}) if record else lock.get(LAW, {})
    changed = False
    for figure in site.law.figures.values():
        current = figure_values(figure)
        entry = recorded.get(figure.id)
        where = f"docs/law/figures.yml, figure {figure.id}"
        if entry is None:
            if record:
                recorded[figure.id] = {"values": current}
                changed = True
            notices.append(f"{where}: new, {_recorded(record)} docs/{LOCK_NAME}{_when(record)}")
            continue
        accepted = _accepted(entry, "values") or []
        if current == accepted:
            figure_corrections = _corrections(entry, path, f"{LAW}: {figure.id}")
            site.law_corrections[figure.id] = figure_corrections
            continue
        new = current[len(accepted):]
        if current[:len(accepted)] == accepted and all(_starts_after(value, site.today) for value in new):
            if record:
                entry["values"] = current
                changed = True
            notices.append(f"{where}: a new value, from a day after today, {_recorded(record)} "
                           f"docs/{LOCK_NAME}{_when(record)}")
            continue
        line = line_in(site.law_path, f"figures.{figure.id}.values", f"figures.{figure.id}")
        raise ContentError(site.law_path, line, (
            f"the figure {figure.id} has changed a value that applied on a past day (or added one that does). What "
            "applied on a past day is fixed: answers about past days rest on it. If this corrects a mistake, or "
            "confirms a date, record it in docs/" + LOCK_NAME + f" under {LAW}: {figure.id}:\n  corrections:\n"
            f"  - date: {dt.date.today().isoformat()}\n    reason: <what was wrong, or what a source now confirms>\n"
            "    values:\n" + "\n".join(f"      {line}" for line in _entry_lines(current).splitlines())
            + "\nThe reason is shown on the law's page."))
    gone = [name for name in recorded if name not in site.law.figures]
    if gone:
        raise ContentError(site.law_path, None, f"the figure {gone[0]} was published and is gone from docs/law/figures.yml: "
                           "a figure stays; add a value, or correct it with a correction entry in the lock")
    return changed


def _starts_after(value: dict, today: dt.date | None) -> bool:
    days = [dt.date.fromisoformat(d) for d in (value["from"] if value["from"] != "not confirmed" else None,
                                               value["in_force_on"], value["not_before"]) if d]
    return bool(days) and today is not None and min(days) > today


# --- Messages ---------------------------------------------------------------------------------------------------


def _changed_units(before: dict, now: dict) -> list[str]:
    return sorted({a for a in set(before) | set(now) if before.get(a) != now.get(a)}, key=_natural)


def _changed_line(version: CodeVersion, facet: Facet, entry: dict, current: dict) -> int | None:
    if facet.name == "sha256":
        anchors = _changed_units(_accepted(entry, "clauses") or {}, current["clauses"])
    elif facet.name == "links":
        anchors = _changed_units(_accepted(entry, "links") or {}, current["links"])
    elif facet.name == "rules":
        names = _changed_units(_accepted(entry, "rules") or {}, current["rules"])
        return min(filter(None, (version.line_of(f"rules.{n}") for n in names)), default=None)
    else:
        before = _accepted(entry, "dates") or {}
        lines = [version.field_lines.get(n) or 2 for n in current["dates"] if before.get(n) != current["dates"].get(n)]
        return min(lines, default=None)
    lines = [version.by_id[a].line for a in anchors if a in version.by_id]
    return min(lines) if lines else None


def _entry_lines(entry) -> str:
    """An entry as the lines a maintainer pastes into the lock: every mapping's names in the order a reader meets
    them (clause "2" before "10"; words alphabetically)."""
    return safe_dump(_in_reading_order(entry), sort_keys=False, allow_unicode=True).rstrip("\n")


def _in_reading_order(value):
    if isinstance(value, dict):
        return {name: _in_reading_order(item) for name, item in sorted(value.items(), key=lambda i: _natural(str(i[0])))}
    if isinstance(value, list):
        return [_in_reading_order(item) for item in value]
    return value


def _correction(key: str, current: dict, entry: dict) -> str:
    today = dt.date.today().isoformat()
    recorded = {name: current[name] for name in ("sha256", "clauses", "links", "rules", "dates")}
    lines = "\n".join(f"    {line}" for line in _entry_lines(recorded).splitlines())
    item = f"  - date: {today}\n    reason: <what was wrong and what was corrected>\n{lines}\n"
    if entry.get("corrections"):
        return (f"record it in docs/{LOCK_NAME} under {key}, whose corrections: list already holds "
                f"{counted(len(entry['corrections']), 'correction')}: add these lines at the end of that list (after "
                f"its last line), keeping its other corrections:\n{item}The reason is shown on the version's page.")
    return f"record it in docs/{LOCK_NAME} under {key}:\n  corrections:\n{item}The reason is shown on the version's page."


def _changed(key: str, facet: Facet, entry: dict, current: dict, version: CodeVersion, path: Path,
             root: Path) -> ContentError:
    """The problem of a published version whose facet differs from the lock: named at the version's line, or, where
    only the lock's entry was edited by hand, at the lock's."""
    edited = _dates_edited_in_the_lock(entry, current) if facet.name == "dates" else []
    if edited:
        return ContentError(path, line_in(path, f"{key}.dates", key), (
            f"{key}: its dates in docs/{LOCK_NAME} have been edited by hand ({', '.join(edited)} added or taken away), "
            "though they say the same as the version's file. The lock is written by the merge, never by hand: put back "
            f"main's copy (git checkout main -- docs/{LOCK_NAME})."))
    return ContentError(version.path, _changed_line(version, facet, entry, current),
                        _changed_message(key, facet, entry, current, root))


def _changed_message(key: str, facet: Facet, entry: dict, current: dict, root: Path) -> str:
    main = main_lock(root)
    if main is not None and key not in main[1]:
        # A lock written by an older build, or lines pasted by hand: the version never reached main.
        return (f"{key} is in docs/{LOCK_NAME} but not in {main[0]}'s lock: it is not published yet, so it may still "
                f"change. Delete its entry (the line '{key}:' and the indented lines under it) from docs/{LOCK_NAME}, "
                f"or put back {main[0]}'s copy of the file (git checkout {main[0]} -- docs/{LOCK_NAME}), and build "
                "again. The merge records it.")
    if facet.name == "sha256":
        which = ", ".join(f"#{a}" for a in _changed_units(_accepted(entry, "clauses") or {}, current["clauses"])) or "the text"
        what = f"its wording has changed ({which})"
    elif facet.name == "links":
        which = ", ".join(f"#{a}" for a in _changed_units(_accepted(entry, "links") or {}, current["links"]))
        what = f"what its links point to has changed ({which}): the words stay, but a reader following them goes elsewhere"
    elif facet.name == "rules":
        before = _accepted(entry, "rules") or {}
        names = _changed_units(before, current["rules"])
        what = "the rules its checkers apply have changed (" + "; ".join(
            f"rules.{n} was {_shown(before.get(n))}, is now {_shown(current['rules'].get(n))}" for n in names) + ")"
    else:
        before = _accepted(entry, "dates") or {}
        what = "its dates have changed (" + "; ".join(
            f"{n} was {_shown(before.get(n))}, is now {_shown(v)}" for n, v in current["dates"].items() if before.get(n) != v
        ) + "), which changes the version in force on some days"
    return (f"{key} is published and {what}. A published version never changes: publish a new version instead (copy "
            "this file to a new version id with make new-version, edit the copy). If this is a genuine correction of a "
            f"mistake, {_correction(key, current, entry)}")


def _dates_edited_in_the_lock(entry: dict, current: dict) -> list[str]:
    """The dates the lock's entry lacks, or holds beyond the version's, where every date has the same value either
    way (a date absent and a date written null both mean none): an edit of the lock, not of the version."""
    before = _accepted(entry, "dates")
    if not isinstance(before, dict) or any(before.get(n) != v for n, v in current["dates"].items()):
        return []
    if any(before[n] is not None for n in set(before) - set(current["dates"])):
        return []
    return sorted(set(before) ^ set(current["dates"]))


def _shown(value) -> str:
    return "absent" if value is None else repr(value) if isinstance(value, str) else str(value)


def _natural(anchor: str):
    """Anchors in the order a reader meets them: "2" before "10", numbers before words ("8", "code-of-conduct-4")."""
    return [(0, int(part), "") if part.isdigit() else (1, 0, part) for part in anchor.replace("-", " ").split()]


# --- A pull request's lock against its base ----------------------------------------------------------------------


def against_base(base: dict, lock: dict) -> tuple[list[str], list[str]]:
    """What a change did to the lock: (problems, corrections). An entry the base has may gain facets it did not
    record and new corrections, each with a date and a reason; anything else changed or removed is a problem."""
    problems, corrections = [], []

    def compare(name: str, before: dict, now) -> None:
        if not isinstance(now, dict):
            problems.append(f"{name} is in the base branch's lock and has been removed: a published entry stays")
            return
        for field, value in before.items():
            if field == "corrections":
                continue
            if field not in now or now[field] != value:
                problems.append(f"{name}: its recorded {field} was changed in the lock itself. What was published is "
                                "recorded once; a change goes in a new correction entry (date, reason) below it")
        earlier, later = before.get("corrections") or [], now.get("corrections") or []
        if later[:len(earlier)] != earlier:
            problems.append(f"{name}: a correction already recorded was changed or removed; add a new one instead")
            return
        for correction in later[len(earlier):]:
            if not isinstance(correction, dict) or not str(correction.get("reason") or "").strip() or \
                    not re.fullmatch(r"\d{4}-\d{2}-\d{2}", str(correction.get("date") or "")):
                problems.append(f"{name}: a new correction needs a date (YYYY-MM-DD) and a reason readers will see")
            else:
                corrections.append(f"{name} is corrected ({correction['date']}): {' '.join(str(correction['reason']).split())}")

    for key, entry in base.items():
        if key == LAW:
            for figure, recorded in (entry or {}).items():
                compare(f"the law's figure {figure}", recorded, (lock.get(LAW) or {}).get(figure))
        elif isinstance(entry, dict):
            compare(key, entry, lock.get(key))
    # A version is recorded by the merge that publishes it, with the day it does: an entry written beforehand would
    # publish it on a day of the writer's choosing, and unchecked.
    problems += [f"{key} is in the lock but not in the base branch's: the merge records a new version, so take its "
                 f"entry out of docs/{LOCK_NAME}" for key in lock if key != LAW and key not in base]
    return problems, corrections


def main_lock(root: Path) -> tuple[str, dict] | None:
    """The branch a version is published on, and its lock: the pull request's base on GitHub, else the checkout's
    main as its remote has it, else its own main. None where git cannot say (no history, say)."""
    names = [f"origin/{os.environ['GITHUB_BASE_REF']}"] if os.environ.get("GITHUB_BASE_REF") else []
    for name in names + ["origin/main", "main"]:
        known = subprocess.run(["git", "rev-parse", "--verify", "--quiet", name], cwd=root, capture_output=True)
        if known.returncode == 0:
            found = base_lock(name, root)
            return (name, found) if found is not None else None
    return None


def revision(text: str) -> str:
    """A commit or branch given on the command line: never one that git would read as an option."""
    if not text or text.startswith("-"):
        raise argparse.ArgumentTypeError(f"must name a commit or a branch, not {text!r}")
    return text


def base_lock(base: str, root: Path) -> dict | None:
    """The lock as the base branch has it, or None where git cannot show it."""
    shown = subprocess.run(["git", "show", f"{base}:docs/{LOCK_NAME}"], cwd=root, capture_output=True, text=True)
    if shown.returncode:
        return None
    return safe_load(shown.stdout) or {}


def main(argv=None) -> int:
    from . import annotations, model

    root = Path(__file__).resolve().parent.parent
    parser = argparse.ArgumentParser(description="The lock of published versions: compare docs/codes.lock.yml with the "
                                                 "base branch's (a published entry is corrected, never changed), or "
                                                 "record what a merge to main has published.")
    parser.add_argument("--base", type=revision, help="the commit the pull request is based on")
    parser.add_argument("--record", action="store_true",
                        help="record the versions and figures main now has (the Publish workflow, after a merge)")
    parser.add_argument("--docs", default=str(root / "docs"))
    args = parser.parse_args(argv)
    path = Path(args.docs) / LOCK_NAME
    if args.record:
        try:
            notices, updated = check(model.load(Path(args.docs), dt.date.today()), path, record=True,
                                   root=Path(args.docs).resolve().parent)
        except ContentError as error:
            print_errors(error)
            return 1
        if updated is not None:
            save(path, updated)
        print("\n".join(notices) or f"Nothing new to record in docs/{LOCK_NAME}.")
        return 0
    if not args.base:
        parser.error("give --base REV (compare with a pull request's base) or --record")
    base = base_lock(args.base, root)
    if base is None:
        print(f"The base {args.base} has no docs/{LOCK_NAME}, or git cannot show it: nothing to compare.")
        return 0
    problems, corrections = against_base(base, read(path))
    for correction in corrections:
        print(f"correction: {correction}")
    for problem in problems:
        print(f"error: docs/{LOCK_NAME}: {problem}", file=sys.stderr)
        annotations.emit(problem, path, None, title="The lock changed")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
