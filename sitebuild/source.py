"""Reading the codes' files: `docs/codes/<code-id>/<version>.md`, YAML front matter then the text.

The front matter is read by PyYAML and checked against one declared schema (FIELDS); every error names the
file and the line of the field. The checkers never read these files: they read the data the build writes
from them (checkers/content.py).
"""

from __future__ import annotations

import datetime as dt
import os
import re
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

import yaml

from checkers import money_and_dates
from checkers.citation import CODE_ID, VERSION_ID, VERSION_RULE
from checkers.content import NUMBERINGS, STATUSES, Code, CodeVersion, ContentError, each_error, nearest, raise_together
from checkers.text import LOOKS_LIKE_SPACE

from . import clauses


@dataclass(frozen=True)
class Field:
    kind: str  # text, date, choice or mapping
    required: bool = False
    choices: tuple[str, ...] = ()
    meaning: str = ""


# The front matter of a version, declared once: what each field holds and whether it must be there.
FIELDS = {
    "title": Field("text", True, meaning="the code's title as the source gives it"),
    "short_title": Field("text", meaning="a short name for menus and lists"),
    "issuer": Field("text", True, meaning="who issued the code"),
    "applies_to": Field("text", True, meaning="who the code applies to"),
    "version": Field("text", True, meaning="the version's id, the same as the file's name"),
    "published": Field("date", True, meaning="the day this version was published on this site"),
    "status": Field("choice", True, STATUSES),
    "source": Field("text", True, meaning="where the text came from"),
    "summary": Field("text", True, meaning="one line on what this version changed"),
    "numbering": Field("choice", False, NUMBERINGS),
    "in_force_from": Field("date", meaning="the day this version took effect, where the source states it"),
    "in_force_until": Field("date", meaning="its last day in force, where the source states it"),
    "rules": Field("mapping", meaning="the numbers the checkers use, each with its clause"),
    "anchors": Field("mapping", meaning="renumbered clauses' permanent anchors"),
}


# What `make new-version` writes in a new version's summary: the build refuses it until it is written.
SUMMARY_TO_WRITE = "Write one line here: what this version changes."


# Characters no text of the site holds and none can show: control characters other than the tab and the line's end,
# and the controls that reorder text as it is shown (bidirectional overrides and isolates).
_HIDDEN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\u202a-\u202e\u2066-\u2069]")


# An address with a host ("https://…", "//…"), as far as a line lets it run: what a page links to or loads.
_ADDRESS = re.compile(r"(?<![\w/])(?:[A-Za-z][A-Za-z0-9+.-]*:)?//[^\s<>\"'`]+")
# What git writes where a merge could not join two changes to the same lines.
_CONFLICT = re.compile(r"^(?:<{7}|>{7})(?: |$)", re.M)


def read_text(path: Path, mend: str = "") -> str:
    """A maintainer's file as text. The invisible mark some editors put at the start of a UTF-8 file (a byte-order
    mark) is set aside; a file in another encoding, merge markers or a hidden control character are refused at their
    line, with what to do, or `mend` where that file's next step differs (the lock's, which is never mended by hand).
    A missing file raises FileNotFoundError, for the caller to say what the file is for."""
    try:
        data = Path(path).read_bytes()
    except IsADirectoryError:
        raise ContentError(path, None, "this is a folder where a file of this name is expected: move what is in it "
                           "elsewhere, remove the folder, and put the file back") from None
    except PermissionError:
        raise ContentError(path, None, "this file cannot be read (permission denied): let every user read it") from None
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise ContentError(path, data.count(b"\n", 0, error.start) + 1,
                           "this line holds a character that is not UTF-8 text (the file was saved in another encoding, "
                           "such as Windows-1252): " + (mend or "save the file as UTF-8, or type the character again in "
                                                        "GitHub's editor")) from None
    conflict = _CONFLICT.search(text)
    if conflict:
        raise ContentError(path, text.count("\n", 0, conflict.start()) + 1,
                           "this file holds two versions of the same lines, left by a merge that could not join them "
                           "(from the line '<<<<<<<' to the line '>>>>>>>', with '=======' between the two): "
                           + (mend or "keep the lines that should stay, and delete the other lines and the three marker "
                              "lines"))
    hidden = _HIDDEN.search(text)
    if hidden:
        line = text.count("\n", 0, hidden.start()) + 1
        column = hidden.start() - (text.rfind("\n", 0, hidden.start()) + 1) + 1
        harm = ("can make text show in another order than it is written, so that readers see other words than the "
                "file holds" if hidden[0] >= "\u202a" else "can break the page")
        raise ContentError(path, line, f"this line holds an invisible control character (U+{ord(hidden[0]):04X}, at "
                           f"character {column}), which no text of the site needs and which {harm}: "
                           + (mend or "delete it (retype the words around it)"))
    slow = _slow_for_markdown(text, each_line=Path(path).suffix in (".yml", ".yaml"))
    if slow is not None:
        at, what, fix = slow
        raise ContentError(path, text.count("\n", 0, at) + 1, what + ": " + (mend or fix))
    unreadable = _unreadable_address(text)
    if unreadable:
        at, address, why = unreadable
        fix = ("correct it: a '[' or ']' belongs in an address's host only around an IPv6 number" if "IPv6" in why else
               "type its host (the part after '//') again in plain letters, digits, dots and hyphens")
        raise ContentError(path, text.count("\n", 0, at) + 1,
                           f"this line holds an address that is not a web address, {address.rstrip(').,;')[:80]!r} "
                           f"(Python's reader says: {why}), and would stop the build: " + (mend or fix))
    return text


# What Python-Markdown (3.11.4) reads again and again, in one paragraph, list item, table row or heading at a time:
# after each link it finds, it reads the whole of that text again for brackets (about 0.4 µs a character here);
# from each link's '](' that no ')' closes, it reads on to the end of that text (about 0.14 µs a character); and
# its HTML reader reads on from each '<' that starts a tag with no '>' to the end of the file (about 0.04 µs a
# character). Each bound is about a second's reading (bench/markdown_inputs.py); the site's own files come to under
# 6,000, 0 and 0.
LONGEST_LINKS_READ = 2_500_000
LONGEST_ADDRESS_READ = 5_000_000
LONGEST_TAG_READ = 25_000_000
# Where Markdown's inline reading starts afresh: a blank line, a list item, a table row, a heading.
_TEXT_BREAK = re.compile(r"\n[ \t]*\n|\n(?=[ \t]*(?:(?:[-*+]|\d+[.)])[ \t]|\||#))")
_LINE_BREAK = re.compile(r"\n")
_ADDRESS_OR_PARENTHESIS = re.compile(r"\\.|\]\(|[()]", re.S)
_TAG_START = re.compile(r"<[A-Za-z/!?]")
_ANGLE = re.compile(r"[<>]")


def _slow_for_markdown(text: str, each_line: bool = False) -> tuple[int, str, str] | None:
    """Where a file holds what would keep Markdown reading for minutes, what it is and what to do; else None.
    `each_line`: a YAML file, whose values Markdown reads one at a time, so that each line is read apart."""
    links, address = _links_read(text, each_line)
    if links is not None:
        return (links, "too many links in one paragraph for Markdown to read in good time: after each link it reads "
                "the whole paragraph again, so the build slows with their number times the paragraph's length (half a "
                "minute, for 1,000 links in a paragraph of 100 KB). This line starts the paragraph",
                "split the paragraph, or put the links in a list, one to a line")
    if address is not None:
        return (address, "too many links whose address is not closed for Markdown to read in good time: from each "
                "'](' it reads on to the ')' that closes the address, or to the end of the paragraph where none does, "
                "so the build slows with their number times the paragraph's length (minutes, for a few thousand in a "
                "long paragraph). This line holds the one it would read furthest from",
                "close each link's address with ')', as in [the rule book](https://labour.org.uk/rules), or write a "
                "'(' that stands alone after a ']' as '\\('")
    unclosed = [found.start() for found in _TAG_START.finditer(text)
                if (after := _ANGLE.search(text, found.start() + 1)) is None or after[0] == "<"]
    if len(unclosed) * len(text) > LONGEST_TAG_READ:
        return (unclosed[0], f"too many '<' that start a tag with no '>' to close it ({len(unclosed):,}) for Markdown "
                "to read in good time: from each one it reads on to the end of the file, so the build slows with their "
                "number times the file's length. This line holds the first",
                "close each tag with its '>', or write a '<' that stands alone as '&lt;'")
    return None


def _links_read(text: str, each_line: bool = False) -> tuple[int | None, int | None]:
    """Where the paragraph starts whose links Markdown would read again the longest, when reading again after every
    link would pass LONGEST_LINKS_READ; and where the link's '](' stands that Markdown would read furthest from, when
    reading from every unclosed one would pass LONGEST_ADDRESS_READ. None for each that does not. Parentheses inside
    an address nest, as Markdown reads them; an escaped character is not read."""
    if "](" not in text:
        return None, None
    again = unclosed = 0
    most = furthest = -1
    at_most = at_furthest = 0
    ends = _LINE_BREAK if each_line else _TEXT_BREAK
    breaks = [0, *(end for found in ends.finditer(text) for end in found.span()), len(text)]
    for begin, end in zip(breaks[::2], breaks[1::2], strict=True):
        opened: list[tuple[int, bool]] = []  # each '(' not yet closed: where, and whether it opens an address
        links = 0
        for mark in _ADDRESS_OR_PARENTHESIS.finditer(text, begin, end):
            if mark[0] in ("](", "("):
                opened.append((mark.end() - 1, mark[0] == "]("))
            elif mark[0] == ")" and opened:
                links += opened.pop()[1]
        for at, address in opened:
            if address:
                unclosed += end - at
                if end - at > furthest:
                    furthest, at_furthest = end - at, at
        read = links * (end - begin)
        again += read
        if read > most:  # named at its first line that holds text, past any blank lines
            paragraph = text[begin:end]
            most, at_most = read, begin + len(paragraph) - len(paragraph.lstrip())
    return (at_most if again > LONGEST_LINKS_READ else None,
            at_furthest if unclosed > LONGEST_ADDRESS_READ else None)


def _unreadable_address(text: str) -> tuple[int, str, str] | None:
    """The first address with a host that Python's URL reader refuses (which MkDocs, reading every link, stops on):
    where it starts, the address, and why."""
    if "//" not in text:
        return None
    for match in _ADDRESS.finditer(text):
        try:
            urlsplit(match[0])
        except ValueError as error:
            return match.start(), match[0], str(error)
    return None


def first_line_holding(path: Path, needle: str, start: int = 1) -> int | None:
    """The first line from `start` on that holds `needle` (a field's text folded below its line, an address a
    page loads); None where no line does, or the file does not read."""
    if not needle:
        return None
    try:
        lines = read_text(path).split("\n")
    except (OSError, ContentError):
        return None
    return next((n for n in range(start, len(lines) + 1) if needle in lines[n - 1]), None)


def split_front_matter(source: str, path: Path) -> tuple[str, str, int]:
    """Return (front matter, body, line number where the body starts)."""
    lines = source.split("\n")
    if not lines or lines[0].strip() != "---":
        raise ContentError(path, 1, "the file must start with front matter: a line '---', the fields, then '---'")
    for index in range(1, len(lines)):
        if lines[index].strip() == "---":
            return "\n".join(lines[1:index]), "\n".join(lines[index + 1:]), index + 2
    raise ContentError(path, 1, "the front matter is not closed: add a line '---' after the last field")


def _field_lines(node, first_line: int, path: str = "", found: dict | None = None) -> dict[str, int]:
    """The file line of every field of a mapping, by dotted path ("figures.x.values[1].from")."""
    found = {} if found is None else found
    if isinstance(node, yaml.MappingNode):
        for key, value in node.value:
            where = f"{path}.{key.value}" if path else str(key.value)
            found[where] = key.start_mark.line + first_line
            _field_lines(value, first_line, where, found)
    elif isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            where = f"{path}[{index}]"
            found[where] = item.start_mark.line + first_line
            _field_lines(item, first_line, where, found)
    return found


def field_lines(path: Path) -> dict[str, int]:
    """The line of every field of a YAML file ("figures.x.values[1].from"), or none where it does not read. Read as
    YAML alone: the lock's quoted reasons run over several lines, as YAML allows and a maintainer's files may not."""
    try:
        return _field_lines(yaml.compose(read_text(path), Loader=SafeLoader), 1)
    except (OSError, ContentError, yaml.YAMLError):
        return {}


def line_in(path: Path, *wheres: str) -> int | None:
    """The line of the first of these fields ("figures.x.values", "[2]") that a YAML file has, if it reads."""
    lines = field_lines(path)
    return next(filter(None, (lines.get(where) for where in wheres)), None)


# A value that opens a quote it does not close on the same line: YAML would read on to the next quote, lines
# later, and report the problem there.
_UNCLOSED = re.compile(r"""^\s*(?:- )?[\w-]+:\s+(?:"(?:[^"\\]|\\.)*|'(?:[^']|'')*)$""")


# Spaces a word processor or a web page puts in that look like a space but are not one to YAML: a non-breaking space,
# a narrow or figure space, a zero-width space or joiner, an ideographic space, a byte-order mark inside the text.
_LOOKALIKE = re.compile(f"[{LOOKS_LIKE_SPACE}]")
# Where YAML needs a space: in the indentation, or after a field's ':' or a list's '-' (inside text they are text).
_LOOKALIKE_SPACE = re.compile(f"(?:^ *-?|:)({_LOOKALIKE.pattern})")


class SafeLoader(yaml.SafeLoader):
    """PyYAML's safe loader, whose complaint about a date that is not one (2026-13-01, 2026-02-30) is a YAML error
    at its line, as every other problem is, not a crash; and which reads no labels or references to them."""

    def construct_yaml_timestamp(self, node):
        try:
            return super().construct_yaml_timestamp(node)
        except (ValueError, OverflowError):
            raise yaml.constructor.ConstructorError(None, None, f"{node.value!r} is not a real date: check the day and "
                                                    "the month (YYYY-MM-DD)", node.start_mark) from None

    def compose_node(self, parent, index):
        # A label (&name) and a reference to it (*name) are refused: text starting with '&' or '*' means to be text,
        # and a reference repeated within references makes a file of a few lines into one of millions of values.
        event = self.peek_event()
        if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None):
            raise yaml.composer.ComposerError(None, None, f"{'*' if isinstance(event, yaml.AliasEvent) else '&'}"
                                              f"{event.anchor} is one of YAML's labels or references to one",
                                              event.start_mark)
        return super().compose_node(parent, index)


SafeLoader.add_constructor("tag:yaml.org,2002:timestamp", SafeLoader.construct_yaml_timestamp)


class _PlainDumper(yaml.SafeDumper):
    """Every value written out in full, never as a label and references to it, which the loader refuses."""

    def ignore_aliases(self, data):
        return True


def safe_dump(data, **options) -> str:
    """YAML text as PyYAML's safe_dump writes it, with no labels or references: what this site writes, it reads."""
    return yaml.dump(data, Dumper=_PlainDumper, **options)


def safe_load(text: str):
    """YAML text as PyYAML's safe_load reads it, a date that is not one refused as a YAML error."""
    return yaml.load(text, Loader=SafeLoader)


# A value wrapped in a word processor's curly quotes: YAML reads them as part of the text, not as quotes.
_CURLY_QUOTED = re.compile(r"^(?:“.*”|‘.*’)$", re.S)


class _Loader(SafeLoader):
    """The safe loader, refusing a field given twice (which YAML itself would let the last one win)."""

    def construct_scalar(self, node):
        if node.style is None and isinstance(node.value, str) and _CURLY_QUOTED.match(node.value):
            raise yaml.constructor.ConstructorError(None, None, (
                f"this value is in curly quotes ({node.value[0]}…{node.value[-1]}), which YAML keeps as part of the "
                "text: type straight quotes (\"…\") in their place, or leave the quotes out"), node.start_mark)
        return super().construct_scalar(node)

    def construct_mapping(self, node, deep=False):
        seen = {}
        for key_node, _ in node.value:
            key = self.construct_object(key_node, deep=True)
            if isinstance(key, (list, dict)):
                # "[a, b]: x", "{a: 1}: x" or "? x": YAML allows them, but a field is named by a word.
                raise yaml.constructor.ConstructorError(None, None, "a field's name must be a word, not a list or a set "
                                                        "of fields in brackets or after '?'", key_node.start_mark)
            if isinstance(key, str) and _LOOKALIKE.search(key):
                raise yaml.constructor.ConstructorError(None, None, "this field's name holds a space that is not an "
                                                        "ordinary space (a non-breaking or invisible space, as text "
                                                        "copied from a document or a web page brings): delete the name "
                                                        "and type it again", key_node.start_mark)
            if key in seen:
                raise yaml.constructor.ConstructorError(None, seen[key], f"the field {key!r} appears twice",
                                                        key_node.start_mark)
            seen[key] = key_node.start_mark
        return super().construct_mapping(node, deep)


def check_quotes(text: str, path: Path, first_line: int) -> None:
    """A quote opened and not closed on its line: YAML would read on to the next quote and complain lines later."""
    for offset, line in enumerate(text.split("\n")):
        if _UNCLOSED.match(line.rstrip()):
            raise ContentError(path, first_line + offset, "this quoted text is not closed: end it with the same quote "
                               "mark it starts with, on the same line")


def read_yaml(text: str, path: Path, first_line: int, *, quotes_end_on_their_line: bool = True):
    """YAML text, and the file line of each field; an error names the line where the problem is. A file PyYAML writes
    (the lock) may run a quoted reason over several lines: `quotes_end_on_their_line=False` lets it."""
    if quotes_end_on_their_line:
        check_quotes(text, path, first_line)
    try:
        return yaml.load(text, Loader=_Loader), _field_lines(yaml.compose(text, Loader=SafeLoader), first_line)
    except yaml.constructor.ConstructorError as error:
        if error.problem and "appears twice" in error.problem:
            raise ContentError(path, error.problem_mark.line + first_line, (
                f"{error.problem} (first at line {error.context_mark.line + first_line}): only one of them would be read "
                "and the other lost without a word. Keep one, and put under it everything both hold")) from None
        raise ContentError(path, error.problem_mark.line + first_line if error.problem_mark else None,
                           f"this is not valid {'front matter' if Path(path).suffix == '.md' else 'YAML'}: "
                           f"{error.problem}") from None
    except yaml.YAMLError as error:
        raise yaml_error(error, path, first_line) from None


# What PyYAML's complaint usually means in a maintainer's file, and what to do: its own words are for programmers.
_LABELS = ("text that starts with '&' or '*' must be in double quotes (YAML reads it as a label, or a reference to one, "
           "which this site does not read): quote it, or write the value out in full")
_YAML_ADVICE = (
    ("'\\t'", "this line holds a tab, where YAML needs spaces: replace the tab with spaces (two for each level of "
                "indentation, as in the lines around it)"),
    ("mapping values are not allowed", "a ':' where none is expected: put text that holds ': ' in double quotes, or "
                                       "indent this line as the lines around it"),
    ("expected <block end>", "this line does not line up with the lines around it, or text follows a closing quote: "
                             "indent it with spaces as the other fields at its level, and put text that holds quotes "
                             "in double quotes"),
    ("flow sequence", "a list in square brackets is not closed: end it with ']'"),
    ("flow mapping", "braces '{' are not closed: end them with '}', or put text that holds braces in double quotes"),
    *((clue, _LABELS) for clue in ("YAML's labels", "scanning an alias", "scanning an anchor")),
)


def _lookalike_space(error: yaml.YAMLError) -> tuple[int, int] | None:
    """Where (line and column, from 0) the lines PyYAML's complaint spans hold a space that is not a space."""
    marks = [m for m in (getattr(error, "context_mark", None), getattr(error, "problem_mark", None)) if m and m.buffer]
    if not marks:
        return None
    lines = marks[0].buffer.rstrip("\0").split("\n")
    # From the line before: text ending in a space that is not one runs on into the next line, where YAML complains.
    for number in range(max(min(m.line for m in marks) - 1, 0), min(max(m.line for m in marks), len(lines) - 1) + 1):
        found = _LOOKALIKE_SPACE.search(lines[number])
        if found:
            return number, found.start(1)
    return None


def yaml_error(error: yaml.YAMLError, path: Path, first_line: int = 1) -> ContentError:
    """PyYAML's error as a maintainer's message: the file's line, what is wrong in plain words, and what to do."""
    mark = getattr(error, "problem_mark", None) or getattr(error, "context_mark", None)
    problem = " ".join(filter(None, [getattr(error, "context", None), getattr(error, "problem", None)])) or str(error)
    lookalike = _lookalike_space(error)
    if lookalike:
        line, column = lookalike
        return ContentError(path, line + first_line,
                            f"this line holds a space that is not an ordinary space (character {column + 1}: a "
                            "non-breaking or invisible space, as text copied from a document or a web page brings): "
                            f"delete it and type an ordinary space (YAML's own words: {problem})")
    advice = next((words for clue, words in _YAML_ADVICE if clue in problem),
                  "put text that holds ':', '#' or quotes in double quotes, and close every quote")
    return ContentError(path, mark.line + first_line if mark else None,
                        f"this is not valid YAML: {advice} (YAML's own words: {problem})")


def parse_date(value, path: Path, line: int | None, name: str) -> dt.date | None:
    if value is None:
        return None
    if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
        return value
    try:
        return dt.date.fromisoformat(str(value))
    except ValueError:
        pass
    try:  # a day written as a reader writes it ("1 May 2027", "1/5/2027"): say it the way the settings need
        meant = f": write {money_and_dates.parse_date(str(value)).isoformat()}"
    except ValueError:
        meant = ""
    raise ContentError(path, line, f"{name} must be a date written YYYY-MM-DD, not {value!r}{meant}")


def _checked(data: dict, path: Path, lines: dict) -> dict:
    """The front matter's values, each checked against FIELDS; every field's problem is reported at once."""
    problems = [ContentError(path, lines.get(str(name)), f"unknown field {name!r}{nearest(name, FIELDS)}: the fields are {', '.join(FIELDS)}")
                for name in data if name not in FIELDS]
    values = {}
    for name, spec in FIELDS.items():
        value, line = data.get(name), lines.get(name)
        values[name] = None
        if value in (None, ""):
            if spec.required:
                problems.append(ContentError(path, 1, f"the settings at the top (between the --- lines) have no {name!r}: "
                                             f"add '{name}: ...' ({spec.meaning}; see docs/maintainers/reference.md)"))
        elif spec.kind == "date":
            try:
                values[name] = parse_date(value, path, line, name)
            except ContentError as error:
                problems.append(error)
        elif spec.kind == "choice":
            if value not in spec.choices:
                problems.append(ContentError(path, line, f"{name} must be one of {', '.join(spec.choices)}, not {value!r}"))
            values[name] = value
        elif spec.kind == "mapping":
            if not isinstance(value, dict):
                problems.append(ContentError(path, line, f"{name} must be a set of 'name: value' lines"))
            values[name] = value
        elif isinstance(value, (dict, list)):
            problems.append(ContentError(path, line, f"{name} must be text, not a list or a set of fields"))
        else:
            values[name] = str(value)
    raise_together(problems)
    return values


def read_version(path: Path, code: str, later: list[ContentError] | None = None) -> CodeVersion:
    """Read one version file's front matter and body, checking every field. A problem that leaves the version
    readable is added to `later`, where given, so that the problems of the other files are found with it."""
    source = read_text(path)
    front, body, body_line = split_front_matter(source, path)
    data, lines = read_yaml(front, path, 2)
    if not isinstance(data, dict):
        raise ContentError(path, 2, "the front matter must be lines of 'field: value'")
    values = _checked(data, path, lines)
    if values["summary"] == SUMMARY_TO_WRITE:
        unwritten = ContentError(path, lines.get("summary"), "summary still holds the words make new-version put there: "
                                 "write one line on what this version changes")
        if later is None:
            raise unwritten
        later.append(unwritten)
    if values["version"] != path.stem:
        raise ContentError(path, lines.get("version"),
                           f"version is {values['version']!r} but the file is named {path.name!r}: they must match")
    if not VERSION_ID.match(values["version"]) or values["version"].endswith(".lock"):
        raise ContentError(path, lines.get("version"), f"the version id {values['version'][:60]!r} is not one this site "
                           f"can use: write {VERSION_RULE}")
    version = CodeVersion(
        code=code, version=values["version"], title=values["title"], short_title=values["short_title"] or values["title"],
        issuer=values["issuer"], applies_to=values["applies_to"], published=values["published"], status=values["status"],
        source=values["source"], summary=values["summary"], numbering=values["numbering"] or "whole-code",
        in_force_from=values["in_force_from"], in_force_until=values["in_force_until"], rules=values["rules"] or {},
        anchors=values["anchors"] or {}, path=path, body=body, body_line=body_line, field_lines=lines)
    version.units = clauses.parse(version)
    return version


def _order(versions: list[CodeVersion]) -> list[CodeVersion]:
    # Versions follow each other by the day they took effect, else by the day this site published them. Only the
    # first may leave the day it took effect unstated; if this site published it before every dated version, it
    # stays first though a later version took effect before this site published it: a day of publication here is
    # not a day the code took effect (order_notices says where that matters). Any other undated version goes by its
    # day of publication, and check_periods names it.
    dated = [v.published for v in versions if v.in_force_from]

    def key(version: CodeVersion):
        began_the_site = version.in_force_from is None and all(version.published <= day for day in dated)
        return (not began_the_site, version.in_force_from or version.published, version.published, version.version)
    return sorted(versions, key=key)


def order_notices(code: Code) -> list[str]:
    """Where a version took effect before this site published the undated version before it: the order is the
    site's reading, so the build says it."""
    first = code.versions[0]
    if first.in_force_from is not None or len(code.versions) < 2:
        return []
    following = code.versions[1]
    if not following.in_force_from or following.in_force_from >= first.published:
        return []
    return [f"{following.citation} took effect on {following.in_force_from}, before this site published "
            f"{first.citation} ({first.published}), whose source states no day it took effect: the site takes "
            f"{first.version} as the earlier version, in force until {first.until}"]


def check_periods(code: Code) -> None:
    """In-force periods follow each other in order and never overlap; the newest is not superseded. A status that
    the dates have overtaken (in-force on a version replaced since) is shown as the dates say: see `status_notices`."""
    for index, version in enumerate(code.versions):
        line = version.field_lines.get("in_force_until")
        if version.in_force_from and version.in_force_until and version.in_force_until < version.in_force_from:
            raise ContentError(version.path, line, f"in_force_until ({version.in_force_until.isoformat()}) is before "
                               f"in_force_from ({version.in_force_from.isoformat()}): check both days as the source "
                               "states them")
        if index and version.in_force_from is None:
            before = code.versions[index - 1]
            if not before.in_force_from and before.published == version.published:
                # Two undated versions of one day: nothing says which is the new one, so both files are named.
                message = (f"{before.path.name} and {version.path.name} both say published: "
                           f"{version.published.isoformat()} and neither says when it took effect, so which came first "
                           "is not known. In the file you are adding, make published: the day you made it, and add a "
                           "line 'in_force_from: YYYY-MM-DD', the day that version takes effect as its source states it")
            else:
                message = ("a version after the first must say when it took effect: add a line 'in_force_from: "
                           "YYYY-MM-DD' to the settings at the top, the day this version takes effect as its source "
                           f"states it (until then version {before.version} stays in force)" + (
                               f". If this version came first, look at {before.path.name}: its published: "
                               f"{before.published.isoformat()} is before this one's, and published is the day "
                               "a version's file was made for this site, not the day it took effect"
                               if before.in_force_from and before.published < version.published else ""))
            raise ContentError(version.path, version.field_lines.get("published") or 1, message)
        if index and version.in_force_from and version.in_force_from == code.versions[index - 1].in_force_from:
            before = code.versions[index - 1]
            raise ContentError(version.path, version.field_lines.get("in_force_from"),
                               f"in_force_from is {version.in_force_from.isoformat()}, the day {before.citation} took "
                               f"effect too: two versions cannot take effect on one day, or {before.version} would never "
                               f"be in force. Give the day this version took effect as its source states it; if it "
                               f"corrects {before.version} rather than replacing it, record a correction instead "
                               "(docs/maintainers/index.md, \"Correct a mistake in a published version\")")
        if index + 1 < len(code.versions):
            following = code.versions[index + 1]
            if version.in_force_until and following.in_force_from and following.in_force_from <= version.in_force_until:
                raise ContentError(following.path, following.field_lines.get("in_force_from"),
                                   f"in force from {following.in_force_from} overlaps {version.citation}, in force until {version.in_force_until}")
    first = code.versions[0]
    if code.today and first.in_force_from and first.in_force_from > code.today:
        raise ContentError(first.path, first.field_lines.get("in_force_from"),
                           f"in_force_from is {first.in_force_from.isoformat()}, after the day of the build "
                           f"({code.today.isoformat()}), and this is the first version of {code.code}: no version would be "
                           "in force, so the site would have nothing to show as its current text. Publish this version "
                           "on the day it comes into force, or, if it is in force already, give the day it took effect")
    if code.versions[-1].status == "superseded":
        raise ContentError(code.versions[-1].path, code.versions[-1].field_lines.get("status"),
                           "the newest version cannot be superseded: set 'status: in-force' (or 'withdrawn')")


def status_notices(code: Code) -> list[str]:
    """Where a version's `status:` and its dates disagree on the day of the build: the site goes by the dates."""
    notices = []
    for version in code.versions:
        if version.status == "in-force" and version.standing == "superseded":
            successor = code.versions[version.index + 1]
            notices.append(f"{version.citation} says status: in-force, but {successor.citation} replaced it on "
                           f"{successor.in_force_from}: the site shows it as superseded (set status: superseded in "
                           f"{version.path.name} when convenient)")
        if version.status == "superseded" and version.standing != "superseded":
            notices.append(f"{version.citation} says status: superseded, but no later version is in force yet: the site "
                           "shows it as in force until its successor's day")
    return notices


def _not_a_version(path: Path) -> str:
    """Why a file in a code's folder is not read as a version, and what to do: it would otherwise be left out unseen."""
    if path.is_symlink() and not path.exists():
        return (f"this is a link to {os.readlink(path)}, which is not there: put the version's file itself here, or "
                "remove the link")
    if path.is_dir():
        return "a folder inside a code's folder is not read: each version is one file, <version>.md, in the code's folder"
    if path.suffix.lower() == ".md":
        return f"a version's file name ends in '.md', in small letters, so this file is not read: rename it {path.stem}.md"
    return (f"this file is not read: each version of a code is a file named <version>.md (as "
            f"{path.parent.name}/{path.name.split('.')[0] or 'original'}.md); rename it, or remove it")


def load_codes(folder: Path, today: dt.date | None = None) -> dict[str, Code]:
    """Every code in a content folder, its versions read, split into units and put in order, checked; each as it
    stands on `today` (the day of the build)."""
    if not folder.is_dir():
        raise ContentError(folder, None, "no such content folder")
    codes: dict[str, Code] = {}
    # Each file's problems are found, whatever another file's are, and reported together.
    problems: list[ContentError] = []
    for stray in sorted(p for p in folder.iterdir() if not p.is_dir() and not p.name.startswith(".")):
        problems.append(ContentError(stray, None, "only codes' folders belong here, so this file is not read: a "
                                     "version's file goes in its code's folder, as docs/codes/<code>/<version>.md"))
    for directory in sorted(p for p in folder.iterdir() if p.is_dir()):
        if not CODE_ID.match(directory.name):
            problems.append(ContentError(directory, None, "a code id uses lower-case letters, digits and '-' only"))
            continue
        versions, all_read = [], True
        for path in sorted(directory.iterdir()):
            if path.name.startswith("."):
                continue  # what an operating system or git keeps beside the files (.DS_Store, .gitkeep)
            if not (path.suffix == ".md" and path.is_file()):
                problems.append(ContentError(path, None, _not_a_version(path)))
                continue
            try:
                versions.append(read_version(path, directory.name, problems))
            except ContentError as error:
                problems.extend(each_error(error))
                all_read = False
        if not versions or not all_read:
            continue
        ids, clashes = {}, []
        for version in versions:
            other = ids.setdefault(version.version.casefold(), version)
            if other is not version:
                clashes.append(ContentError(version.path, version.field_lines.get("version"), f"{version.path.name} and "
                                            f"{other.path.name} differ only in capitals: on many computers they are one file"))
        if clashes:
            problems += clashes
            continue
        code = Code(directory.name, _order(versions), today)
        try:
            check_periods(code)
        except ContentError as error:
            problems.append(error)
            continue
        codes[code.code] = code
    raise_together(problems)
    return codes
