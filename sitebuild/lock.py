"""The immutability lock: neither a published version's wording nor the rules a checker applies to it
change silently.

`docs/codes.lock.yml` records a hash of each published version's normalised text (and of each
clause, to say which changed), and every value of its `rules:`. A local build adds new versions to it;
CI refuses a version that is missing from it. A changed published version, in its text or its rules,
fails the build unless the lock records a correction with a reason, which the version's page then shows.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from pathlib import Path

import yaml

from checkers import rules
from checkers.content import CodeVersion, ContentError

from .model import Site
from .source import parse_date

LOCK_NAME = "codes.lock.yml"


def _hash(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def fingerprint(version: CodeVersion) -> tuple[str, dict[str, str]]:
    """The hash of the whole normalised text, and a short hash of each unit."""
    units = {unit.id: _hash(unit.text)[:12] for unit in version.units}
    whole = _hash("\n".join(f"{unit.id}\t{unit.text}" for unit in version.units))
    return whole, units


def read(path: Path) -> dict:
    if not path.exists():
        return {}
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    except yaml.YAMLError as error:
        raise ContentError(path, None, f"the lock is not valid YAML: {error}") from None
    if not isinstance(data, dict):
        raise ContentError(path, 1, "the lock must map code@version to its hash")
    return data


def rule_values(version: CodeVersion) -> dict:
    """Every value of a version's `rules:` by its dotted path ("donations.reporting.deadline_days": 30)."""
    return dict(rules.walk(version.rules))


def _accepted(entry: dict, name: str):
    """What the lock accepts now: the newest correction that records it, else the entry's own."""
    for correction in reversed(entry.get("corrections") or []):
        if isinstance(correction, dict) and name in correction:
            return correction[name]
    return entry.get(name)


def check(site: Site, path: Path, *, ci: bool) -> tuple[list[str], dict | None]:
    """Compare every version with the lock; raises ContentError on a silent change.

    Returns notices, and the lock with new versions (or the rules of versions recorded before the lock kept
    rules) added, None when nothing is new, for `save` to write once the build has succeeded."""
    lock = read(path)
    notices, changed = [], False
    present = set()
    for code in site.codes.values():
        for version in code.versions:
            key = str(version.citation)
            present.add(key)
            whole, units = fingerprint(version)
            rules = rule_values(version)
            entry = lock.get(key)
            if entry is None or "rules" not in entry:
                if ci:
                    # A maintainer without a terminal copies these lines into the lock in the web editor.
                    lines = _entry_lines({key: {**(entry or {}), "sha256": whole, "clauses": units, "rules": rules}})
                    raise ContentError(version.path, None, f"{key} is not in docs/{LOCK_NAME}{' with its rules' if entry else ''}. "
                                       f"Add these lines at the end of docs/{LOCK_NAME} (or run 'make site' locally "
                                       f"and commit the file it updates):\n{lines}")
                if entry is None:
                    lock[key] = {"sha256": whole, "clauses": units, "rules": rules}
                    notices.append(f"{key}: new version recorded in {path} (commit it with the version)")
                    changed = True
                    continue
                # A version recorded before the lock kept rules: its rules as they are now are the published ones.
                entry["rules"] = rules
                notices.append(f"{key}: its rules recorded in {path} (commit it)")
                changed = True
            if not isinstance(entry, dict):
                raise ContentError(path, None, f"{key}: each entry holds sha256, clauses and rules")
            if whole != _accepted(entry, "sha256"):
                raise ContentError(version.path, _first_changed_line(version, entry, units),
                                   _changed_message(key, entry, units, whole, rules))
            accepted_rules = _accepted(entry, "rules") or {}
            added = _new_checkers(accepted_rules, rules)
            if added:
                # Rules for a checker this version never had change no answer already given: they are recorded,
                # as a new version is, and are fixed from then on.
                if ci:
                    recorded = {n: v for n, v in rules.items() if n.split(".")[0] in added}
                    lines = "\n".join(f"    {line}" for line in _entry_lines(recorded).splitlines())
                    raise ContentError(version.path, min(filter(None, (version.line_of(f"rules.{n}") for n in added)), default=None),
                                       f"{key} has rules for the {', '.join(added)} checker that docs/{LOCK_NAME} does not "
                                       f"record yet: run 'make site' locally and commit docs/{LOCK_NAME}, or add these lines "
                                       f"under {key}: rules: in docs/{LOCK_NAME}:\n{lines}")
                for holder in [entry] + [c for c in entry.get("corrections") or [] if isinstance(c, dict) and "rules" in c]:
                    holder["rules"] = {**holder["rules"], **{n: v for n, v in rules.items() if n.split(".")[0] in added}}
                accepted_rules = _accepted(entry, "rules")
                notices.append(f"{key}: rules for the {', '.join(added)} checker recorded in {path} (commit it)")
                changed = True
            if rules != accepted_rules:
                changed = _changed_rules(accepted_rules, rules)
                raise ContentError(version.path, min(filter(None, (version.line_of(f"rules.{n}") for n in changed)), default=None),
                                   _changed_rules_message(key, accepted_rules, rules, changed, whole))
            corrections = entry.get("corrections") or []
            version.corrections = [{"date": parse_date(c.get("date"), path, None, f"{key}: a correction's date"),
                                    "reason": str(c.get("reason") or "")} for c in corrections]
            for correction in version.corrections:
                if not correction["reason"].strip():
                    raise ContentError(path, None, f"{key}: every correction needs a reason that readers will see")
    for key in lock:
        if key not in present:
            raise ContentError(path, None, f"{key} was published but its file is gone: published versions stay on "
                               "the site; to replace one, publish a new version")
    return notices, (lock if changed else None)


def save(path: Path, lock: dict) -> None:
    path.write_text("# Written by the build: one entry per published version. See docs/maintainers/.\n"
                    + yaml.safe_dump(lock, sort_keys=True, allow_unicode=True), encoding="utf-8")


def _changed_units(entry: dict, units: dict[str, str]) -> list[str]:
    before = entry.get("clauses") or {}
    return sorted({a for a in set(before) | set(units) if before.get(a) != units.get(a)}, key=_natural)


def _first_changed_line(version: CodeVersion, entry: dict, units: dict[str, str]) -> int | None:
    lines = [version.by_id[a].line for a in _changed_units(entry, units) if a in version.by_id]
    return min(lines) if lines else None


def _entry_lines(entry: dict) -> str:
    return yaml.safe_dump(entry, sort_keys=True, allow_unicode=True).rstrip("\n")


def _new_checkers(before: dict, rules: dict) -> list[str]:
    """Checkers with rules now and none recorded before."""
    had = {name.split(".")[0] for name in before}
    return sorted({name.split(".")[0] for name in rules} - had)


def _changed_rules(before: dict, rules: dict) -> list[str]:
    return sorted(name for name in set(before) | set(rules) if before.get(name) != rules.get(name))


def _correction(key: str, whole: str, rules: dict) -> str:
    today = dt.date.today().isoformat()
    listed = "".join(f"      {name}: {yaml.safe_dump(value, default_flow_style=True).strip().removesuffix('...').strip()}\n"
                     for name, value in sorted(rules.items()))
    return (f"record it in docs/{LOCK_NAME} under {key}:\n"
            f"  corrections:\n  - date: {today}\n    reason: <what was wrong and what was corrected>\n"
            f"    sha256: {whole}\n    rules:\n{listed}"
            "The reason is shown on the version's page.")


def _changed_message(key: str, entry: dict, units: dict[str, str], whole: str, rules: dict) -> str:
    which = ", ".join(f"#{a}" for a in _changed_units(entry, units)) or "the text"
    return (f"{key} is published and its wording has changed ({which}). A published version never changes: "
            f"publish a new version instead (copy this file to a new version id, edit the copy, set status: superseded "
            f"here). If this is a genuine correction of a mistake, {_correction(key, whole, rules)}")


def _changed_rules_message(key: str, before: dict, rules: dict, changed: list[str], whole: str) -> str:
    changes = "; ".join(f"rules.{name} was {_shown(before.get(name))}, is now {_shown(rules.get(name))}" for name in changed)
    return (f"{key} is published and the rules its checkers apply have changed ({changes}). What a checker applies "
            "for a published version is as fixed as its text: publish a new version with the new rules instead. "
            f"If the published rules were a mistake, {_correction(key, whole, rules)}")


def _shown(value) -> str:
    return "absent" if value is None else repr(value) if isinstance(value, str) else str(value)


def _natural(anchor: str):
    return [int(part) if part.isdigit() else part for part in anchor.replace("-", " ").split()]
