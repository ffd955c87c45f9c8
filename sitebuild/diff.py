"""Comparing two versions of a code clause by clause, with word-level changes inside a clause.

Clauses are matched by their permanent anchor (a renumbered clause keeps its anchor through the
front matter's `anchors:`), so "added", "removed", "changed" and "renumbered" mean what a
reader expects.
"""

from __future__ import annotations

import difflib
import html
import re
from dataclasses import dataclass

from checkers.content import Unit

_TOKEN = re.compile(r"\s+|[^\s]+")


@dataclass
class Change:
    anchor: str
    status: str  # added, removed, changed, unchanged
    old: Unit | None
    new: Unit | None

    @property
    def renumbered(self) -> bool:
        return bool(self.old and self.new and self.old.label != self.new.label and self.old.kind != "section")


def compare(old: list[Unit], new: list[Unit]) -> list[Change]:
    """Every unit of either version in reading order of the new one, removed ones where they stood."""
    old_by_id = {u.id: u for u in old}
    new_ids = {u.id for u in new}
    changes: list[Change] = []
    pending_removed = [u for u in old if u.id not in new_ids]
    old_order = [u.id for u in old]
    for unit in new:
        # Removed units go just before the first new unit that followed them in the old version.
        if unit.id in old_by_id:
            position = old_order.index(unit.id)
            for gone in [g for g in pending_removed if old_order.index(g.id) < position]:
                changes.append(Change(gone.id, "removed", gone, None))
                pending_removed.remove(gone)
            before = old_by_id[unit.id]
            status = "unchanged" if before.text == unit.text else "changed"
            changes.append(Change(unit.id, status, before, unit))
        else:
            changes.append(Change(unit.id, "added", None, unit))
    changes += [Change(g.id, "removed", g, None) for g in pending_removed]
    return changes


def words(old: str, new: str) -> str:
    """HTML of the new wording with deletions and insertions marked, not by colour alone."""
    before, after = _TOKEN.findall(old), _TOKEN.findall(new)
    out = []
    matcher = difflib.SequenceMatcher(a=before, b=after, autojunk=False)
    for op, a1, a2, b1, b2 in matcher.get_opcodes():
        if op == "equal":
            out.append(html.escape("".join(after[b1:b2])))
            continue
        if op in ("delete", "replace"):
            out.append(f'<del><span class="visually-hidden">[removed: </span>{html.escape("".join(before[a1:a2]))}'
                       '<span class="visually-hidden">]</span></del>')
        if op in ("insert", "replace"):
            out.append(f'<ins><span class="visually-hidden">[added: </span>{html.escape("".join(after[b1:b2]))}'
                       '<span class="visually-hidden">]</span></ins>')
    return "".join(out)


def summary(changes: list[Change]) -> str:
    """How many units changed, in the words the comparison page and the pull request's summary both use."""
    counts = {"changed": 0, "added": 0, "removed": 0, "unchanged": 0}
    for change in changes:
        counts[change.status] += 1
    return ", ".join(f"{count} {status}" for status, count in counts.items())
