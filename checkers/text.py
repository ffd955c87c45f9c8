"""Text as a reader types it, made safe to read back: refused where it holds what no one can type or see (a lone
surrogate, a control character, a character that reorders the line), compared without what no one can see, and
written into a record, a draft or a terminal so that it cannot change how they read."""

from __future__ import annotations

import json
import re
import unicodedata

# Control characters (C0 but tab and line breaks, DEL, C1) and the marks that reorder a line (embeddings,
# overrides and isolates): refused in what a reader types.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
_SURROGATE = re.compile(r"[\ud800-\udfff]")
_REFUSED = re.compile(f"{_SURROGATE.pattern}|{_CONTROL.pattern}")
# Characters that show as a space or as nothing, which text pasted from a document or a web page brings: where a
# file needs a plain space (or nothing), one of them is refused (a regular expression's character class).
LOOKS_LIKE_SPACE = "\u00a0\u180e\u2000-\u200f\u2028\u2029\u202f\u205f\u2060\u3000\ufeff"
# Invisible characters that make two names look the same and compare different.
_INVISIBLE = re.compile(r"[\u00ad\u180e\u200b-\u200f\u2060-\u2064\ufeff\u061c]")
# What a record, a draft or a terminal never writes raw: every control and format character but the line breaks
# a multi-line answer has.
_UNSAFE = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u00ad\u061c\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2069\ufeff]")


def refused(text: str) -> str | None:
    """Why this text cannot be taken as typed, or None. Tabs and line breaks are taken (a one-line field folds them)."""
    found = _REFUSED.search(text)  # nearly every text: one search
    if found is None:
        return None
    if _SURROGATE.search(text):
        return "holds a character that is not text (a broken character code): type it again"
    return (f"holds a character that cannot be shown (U+{ord(found[0]):04X}), which would change how the answer "
            "reads: type it again without it")


def one_line(text: str) -> str:
    """A name or a region as written on one line: white space (tabs, line breaks, runs) as single spaces."""
    return " ".join(text.split())


def lines(text: str) -> str:
    """A longer answer with its line breaks (\\r\\n and \\r as \\n), each line's white space folded."""
    return "\n".join(" ".join(line.split()) for line in text.strip().replace("\r\n", "\n").replace("\r", "\n").split("\n"))


def same_name_key(name: str) -> str:
    """The key under which two spellings are the same name: invisible characters dropped, compatibility forms
    folded, white space single, case ignored."""
    return " ".join(unicodedata.normalize("NFKC", _INVISIBLE.sub("", name)).split()).casefold()


def printable(text: str, *, keep_lines: bool = False) -> str:
    """Text for a record, a draft, a calendar or a terminal: any character that could act rather than show is
    written as its code (\\x1b, \\u202e); line breaks too, unless `keep_lines`."""
    if not keep_lines:
        text = text.replace("\r\n", " ").replace("\n", " ").replace("\r", " ").replace("\t", " ")
    return _UNSAFE.sub(lambda m: f"\\x{ord(m[0]):02x}" if ord(m[0]) < 0x100 else f"\\u{ord(m[0]):04x}", text)


def listed(items: list[str], last: str = "and") -> str:
    """"a, b and c" (or "a, b or c")."""
    return items[0] if len(items) == 1 else f"{', '.join(items[:-1])} {last} {items[-1]}"


class RepeatedName(ValueError):
    """A JSON object that gives one name twice (the name is the error's argument)."""


def _names_once(pairs: list[tuple[str, object]]) -> dict:
    found = dict(pairs)
    if len(found) != len(pairs):
        seen: set[str] = set()
        raise RepeatedName(next(name for name, _ in pairs if name in seen or seen.add(name)))
    return found


def read_json(text: str | bytes):
    """JSON text read as json.loads reads it, except that an object giving one name twice is refused (RepeatedName):
    json would keep the last value silently, and a reader who gave "donations" twice could not tell which was read."""
    return json.loads(text, object_pairs_hook=_names_once)
