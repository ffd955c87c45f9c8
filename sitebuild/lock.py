"""The immutability lock: a published version's wording never changes silently.

`docs/codes.lock.yml` records a hash of each published version's normalised text (and of each
clause, to say which changed). A local build adds new versions to it; CI refuses a version that
is missing from it. A changed published version fails the build unless the lock records a
correction with a reason, which the version's page then shows.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from pathlib import Path

import yaml

from checkers.library import ContentError, parse_date

from .model import Site, Version

LOCK_NAME = "codes.lock.yml"


def _hash(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def fingerprint(version: Version) -> tuple[str, dict[str, str]]:
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


def check(site: Site, path: Path, *, ci: bool) -> tuple[list[str], dict | None]:
    """Compare every version with the lock; raises ContentError on a silent change.

    Returns notices, and the lock with new versions added (None when nothing is new), for `save` to write
    once the build has succeeded."""
    lock = read(path)
    notices, changed = [], False
    present = set()
    for code in site.codes.values():
        for version in code.versions:
            key = version.meta.citation
            present.add(key)
            whole, units = fingerprint(version)
            entry = lock.get(key)
            if entry is None:
                if ci:
                    raise ContentError(version.meta.path, None, f"{key} is not in docs/{LOCK_NAME}: run 'make site' "
                                       f"locally and commit docs/{LOCK_NAME} with the new version")
                lock[key] = {"sha256": whole, "clauses": units}
                notices.append(f"{key}: new version recorded in {path} (commit it with the version)")
                changed = True
                continue
            corrections = entry.get("corrections") or []
            accepted = corrections[-1].get("sha256") if corrections else entry.get("sha256")
            if whole != accepted:
                raise ContentError(version.meta.path, None, _changed_message(key, entry, units, whole, path))
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


def _changed_message(key: str, entry: dict, units: dict[str, str], whole: str, path: Path) -> str:
    before = entry.get("clauses") or {}
    names = sorted({a for a in set(before) | set(units) if before.get(a) != units.get(a)}, key=_natural)
    which = ", ".join(f"#{a}" for a in names) or "the text"
    today = dt.date.today().isoformat()
    return (f"{key} is published and its wording has changed ({which}). A published version never changes: "
            f"publish a new version instead (copy this file to a new version id, edit the copy, set status: superseded "
            f"here). If this is a genuine correction of a mistake, record it in docs/{LOCK_NAME} under {key}:\n"
            f"  corrections:\n  - date: {today}\n    reason: <what was wrong and what was corrected>\n"
            f"    sha256: {whole}\n"
            "The reason is shown on the version's page.")


def _natural(anchor: str):
    return [int(part) if part.isdigit() else part for part in anchor.replace("-", " ").split()]
