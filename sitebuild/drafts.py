"""A new version must change something: one identical to the version before it (a find-and-replace that found
nothing, say) is refused, and one that differs only in characters a reader cannot see says which and where."""

from __future__ import annotations

import unicodedata

from checkers.content import CodeVersion, ContentError

# What a reader sees of a character that looks like nothing, or like a plain space.
_NAMES = {"\u00a0": "a non-breaking space", "\u202f": "a narrow non-breaking space", "\u200b": "a zero-width space",
          "\u00ad": "a soft hyphen", "\ufeff": "a byte order mark", "\u2009": "a thin space", "\t": "a tab"}


def _visible(text: str) -> str:
    """The wording as it reads: format characters dropped, every kind of space folded into one."""
    return " ".join("".join(c for c in text if unicodedata.category(c) != "Cf").split())


def _invisible(before: str, after: str) -> list[str]:
    """The characters, by name, that one text has and the other lacks, of those a reader cannot see."""
    found = set()
    for char in set(before) ^ set(after):
        if char in _NAMES or unicodedata.category(char) in {"Cf", "Zs"} and char != " ":
            found.add(_NAMES.get(char) or unicodedata.name(char, f"U+{ord(char):04X}").lower())
    return sorted(found)


def refuse_same_wording(version: CodeVersion, previous: CodeVersion) -> None:
    """Raise when `version` (new, not yet published, with the same rules and links) reads exactly as `previous`."""
    ours = [(u.id, u.markdown) for u in version.units]
    theirs = [(u.id, u.markdown) for u in previous.units]
    if [(i, _visible(m)) for i, m in ours] != [(i, _visible(m)) for i, m in theirs]:
        return
    where = f"version {version.version} of {version.code}"
    if ours == theirs:
        raise ContentError(version.path, version.line_of("version"), (
            f"{where} has the same wording as version {previous.version}: no clause has changed, so it is not a new "
            "version yet. Make the changes in this file. (If a find-and-replace found nothing, the text may have a "
            "non-breaking space or a curly quote where you typed a plain one: search for a shorter part of the "
            f"words.) If no new version is needed, delete {version.path.name}."))
    differing = [(unit, old) for unit, (_, old) in zip(version.units, theirs, strict=True) if unit.markdown != old]
    first = differing[0][0]
    names = sorted({name for unit, old in differing for name in _invisible(old, unit.markdown)}) or ["spacing"]
    raise ContentError(version.path, first.line, (
        f"{where} differs from version {previous.version} only in characters a reader cannot see ({', '.join(names)}; "
        f"first in {first.title()}): on the site the two read the same, so it is not a new version yet. Make the "
        "change you meant in this file (a find-and-replace may have missed words written with a non-breaking space: "
        f"search for a shorter part of them). If no new version is needed, delete {version.path.name}."))
