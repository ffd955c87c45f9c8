"""Read the YAML front matter of a code version with the standard library only.

The checkers run in the browser (Pyodide) where PyYAML is not available, so this module reads
the small, block-style subset of YAML that front matter uses: nested mappings, lists, and
plain or quoted scalars. Anything outside that subset is an error that names the line, never a
silent misreading. The site build checks that PyYAML reads every file the same way.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass

_KEY = re.compile(r"^(?P<key>\"[^\"]*\"|'[^']*'|[A-Za-z_][A-Za-z0-9_-]*):(?:\s+(?P<value>.*))?$")
_INT = re.compile(r"^-?\d+$")
_FLOAT = re.compile(r"^-?\d+\.\d+$")


class FrontMatterError(ValueError):
    """A problem in front matter, with the 1-based line number in the file."""

    def __init__(self, line: int, message: str):
        super().__init__(f"line {line}: {message}")
        self.line = line
        self.message = message


@dataclass
class _Line:
    number: int
    indent: int
    text: str


def split_front_matter(source: str) -> tuple[str, str, int]:
    """Return (front matter, body, line number where the body starts)."""
    lines = source.split("\n")
    if not lines or lines[0].strip() != "---":
        raise FrontMatterError(1, "the file must start with front matter: a line '---', the fields, then '---'")
    for index in range(1, len(lines)):
        if lines[index].strip() == "---":
            return "\n".join(lines[1:index]), "\n".join(lines[index + 1 :]), index + 2
    raise FrontMatterError(1, "the front matter is not closed: add a line '---' after the last field")


def parse(text: str, first_line: int = 2, lines_of: dict | None = None) -> dict:
    """Parse front matter text; `first_line` is the file line of its first line. `lines_of`, if given, is
    filled with the file line of every field by its dotted path ("rules.donations.reporting.threshold")."""
    lines = []
    for offset, raw in enumerate(text.split("\n")):
        number = first_line + offset
        if "\t" in raw[: len(raw) - len(raw.lstrip())]:
            raise FrontMatterError(number, "indent with spaces, not tabs")
        stripped = _strip_comment(raw).rstrip()
        if stripped.strip():
            lines.append(_Line(number, len(stripped) - len(stripped.lstrip()), stripped.strip()))
    if not lines:
        return {}
    value, rest = _block(lines, 0, lines[0].indent, "", {} if lines_of is None else lines_of)
    if rest < len(lines):
        raise FrontMatterError(lines[rest].number, "this line is indented less than the field it belongs to")
    if not isinstance(value, dict):
        raise FrontMatterError(lines[0].number, "front matter must be a list of 'field: value' lines")
    return value


def _strip_comment(raw: str) -> str:
    # A '#' starts a comment at the start of a line or after a space, outside quotes.
    quote = None
    for index, char in enumerate(raw):
        if quote:
            if char == quote:
                quote = None
        elif char in "\"'" and (index == 0 or raw[index - 1] in " :-"):
            quote = char
        elif char == "#" and (index == 0 or raw[index - 1] == " "):
            return raw[:index]
    return raw


def _block(lines: list[_Line], start: int, indent: int, path: str, lines_of: dict):
    if lines[start].text.startswith("- ") or lines[start].text == "-":
        return _sequence(lines, start, indent, path, lines_of)
    return _mapping(lines, start, indent, path, lines_of)


def _mapping(lines: list[_Line], index: int, indent: int, path: str, lines_of: dict):
    result: dict = {}
    while index < len(lines) and lines[index].indent == indent:
        line = lines[index]
        match = _KEY.match(line.text)
        if not match:
            raise FrontMatterError(line.number, f"expected 'field: value', found {line.text!r}")
        key = match["key"].strip("\"'") if match["key"][0] in "\"'" else match["key"]
        if key in result:
            raise FrontMatterError(line.number, f"the field {key!r} appears twice")
        index += 1
        where = f"{path}.{key}" if path else key
        lines_of[where] = line.number
        if match["value"]:
            result[key] = scalar(match["value"], line.number)
        elif index < len(lines) and lines[index].indent > indent:
            result[key], index = _block(lines, index, lines[index].indent, where, lines_of)
        else:
            result[key] = None
    if index < len(lines) and lines[index].indent > indent:
        raise FrontMatterError(lines[index].number, "this line is indented more than the fields around it")
    return result, index


def _sequence(lines: list[_Line], index: int, indent: int, path: str, lines_of: dict):
    result: list = []
    while index < len(lines) and lines[index].indent == indent and lines[index].text.startswith("-"):
        line = lines[index]
        item = line.text[1:].strip()
        index += 1
        where = f"{path}[{len(result)}]"
        lines_of[where] = line.number
        if not item:
            if index < len(lines) and lines[index].indent > indent:
                value, index = _block(lines, index, lines[index].indent, where, lines_of)
                result.append(value)
            else:
                result.append(None)
        elif _KEY.match(item):
            # "- key: value" opens a mapping whose further keys sit under the key.
            nested = [_Line(line.number, indent + 2, item)]
            while index < len(lines) and lines[index].indent > indent:
                nested.append(lines[index])
                index += 1
            value, used = _mapping(nested, 0, indent + 2, where, lines_of)
            if used < len(nested):
                raise FrontMatterError(nested[used].number, "this line does not line up with the list item above")
            result.append(value)
        else:
            result.append(scalar(item, line.number))
    return result, index


def scalar(text: str, line: int):
    """One scalar value: quoted string, number, boolean, null or plain string."""
    if text[0] == '"':
        try:
            value, end = json.JSONDecoder().raw_decode(text)
        except json.JSONDecodeError as error:
            raise FrontMatterError(line, f"this quoted text is not closed properly ({error.msg})") from None
        if text[end:].strip():
            raise FrontMatterError(line, "unexpected text after the closing quote")
        return value
    if text[0] == "'":
        if len(text) < 2 or not text.endswith("'"):
            raise FrontMatterError(line, "this quoted text is not closed: end it with '")
        return text[1:-1].replace("''", "'")
    if text[0] in "[{&*!|>%@`":
        if text in ("[]", "{}"):
            return [] if text == "[]" else {}
        raise FrontMatterError(line, f"{text[0]!r} starts YAML this site does not read here: write the value plainly or in quotes")
    if ": " in text:
        raise FrontMatterError(line, "a plain value cannot contain ': ': put the value in double quotes")
    lowered = text.lower()
    if lowered in ("true", "false"):
        return lowered == "true"
    if lowered in ("null", "~"):
        return None
    if _INT.match(text):
        return int(text)
    if _FLOAT.match(text):
        return float(text)
    return text
