"""Checking a request against a checker's fields: every field given is read by its kind, used or not; every bad one
is named by its path, in a bounded list; and the code version is chosen."""

from __future__ import annotations

import datetime as dt
import re

from . import text
from .content import Code, CodeVersion, nearest
from .contract import COMMON_FIELDS, Checker, Condition, Field
from .money_and_dates import parse_amount, parse_date, quoted, sentence, written_date

# Enough to correct a form; more would only repeat themselves (a request of a million unknown fields).
MOST_ERRORS = 50


class Errors:
    """Every problem in a request, each naming its field by path (donations[2].amount), up to MOST_ERRORS."""

    def __init__(self):
        self.items: list[dict] = []
        self.more = 0

    def add(self, field: str, message: str, **words) -> None:
        """A problem; `words` (sentence, summary_line) where its reader's words are already known."""
        if len(self.items) >= MOST_ERRORS:
            self.more += 1
            return
        self.items.append({"field": field, "message": message, **words})

    def __bool__(self) -> bool:
        return bool(self.items)

    def in_order(self, fields: tuple[Field, ...]) -> None:
        """Sort the problems as the form asks its questions: by field, then row, then the row's field; anything
        else (an unknown field) after them, as found."""
        # The code and its version come first on every form.
        first = ("code", "version", "as_of")
        top = {name: i - len(first) for i, name in enumerate(first)} | {f.name: i for i, f in enumerate(fields)}
        inner = {name: {} for name in first} | {f.name: {g.name: i for i, g in enumerate(f.fields)} for f in fields}

        def key(item: dict):
            match = re.match(r"^([^.\[]+)(?:\[(\d+)\])?(?:\.(.+))?$", item["field"])
            if not match or match[1] not in top:
                return (len(top), 0, 0)
            return (top[match[1]], int(match[2] or -1), inner[match[1]].get(match[3] or "", -1))

        self.items.sort(key=key)

    def response(self, fields: tuple[Field, ...] = (), row_name=None) -> dict:
        """{"errors": [...]} as the contract says: each error's `field` (its path) and `message` for programs, and for
        a reader, with no path in them: `sentence` (beside the field: "Enter the date you received the donation") and
        `summary_line` (in the list at the top: "Donation 2: enter the date you received the donation"); and a summary.
        `row_name(index)` names a row where the form's numbering is not the reader's (a spreadsheet's lines)."""
        count = len(self.items) + self.more
        summary = f"Nothing was checked: {count} {'answer needs' if count == 1 else 'answers need'} correcting."
        if self.more:
            summary += f" The first {len(self.items)} are listed; {self.more} more are not."
        response = {"errors": [{**_in_words(item, fields, row_name), **item} for item in self.items], "summary": summary}
        if self.more:
            response["more"] = self.more
        return response


def refusal(items: list[dict], summary: str | None = None) -> dict:
    """The response to a request refused whole (text that is not JSON, a command line's bad argument, a spreadsheet
    that cannot be read): `items` as {field, message}, in the shape and the words of every other refusal."""
    errors = Errors()
    for item in items:
        errors.add(**item)
    response = errors.response()
    if summary:
        response["summary"] = summary
    return response


# How a reader names the fields every checker reads.
COMMON_LABELS = {"code": "Code and version", "version": "Code and version", "as_of": "The version in force on",
                 "today": "Today's date", "request": "What was sent", "checker": "The checker", "codes": "The codes"}
# What a reader is told when one of those is missing.
COMMON_MISSING = {"code": "Choose the code that applies to your election"}
_QUOTES = ("'", '"')
_PATH = re.compile(r"^([^.\[]+)(?:\[(\d+)\])?(?:\.(.+))?$")


def _in_words(item: dict, fields: tuple[Field, ...], row_name=None) -> dict:
    """An error's sentence and summary line, by the field's label and the row's number as the form shows them."""
    message = item["message"]
    match = _PATH.match(item["field"])
    spec = next((f for f in fields if match and f.name == match[1]), None)
    row = None
    if spec and match[2] is not None and spec.kind == "rows":
        row = row_name(int(match[2])) if row_name else f"{spec.row_label} {int(match[2]) + 1}"
        spec = next((f for f in spec.fields if f.name == match[3]), None) if match[3] else None
    label = spec.label if spec else COMMON_LABELS.get(item["field"])
    missing = spec.missing if spec else COMMON_MISSING.get(item["field"])
    whole_row = False
    if missing and message.startswith("is required"):
        said = missing
    elif label and label.endswith("?"):
        said = f"{label} {sentence(message)}"
    elif label and re.match(r"^(must|is|has|cannot|holds)\b", message):
        said = f"{label} {message}"
    elif label:
        said = f"{label}: {message}"
    elif match and (unknown := match[3] if row else match[1]) and re.match(r"^(is|must|has)\b", message):
        # A field the checker does not have (a typo, usually) is named as it was sent (_name quoted it if need be).
        said = f"{unknown if unknown.startswith(_QUOTES) else quoted(unknown)} {message}"
    elif row:
        said = f"This {row.rsplit(' ', 1)[0].lower()} {message}"
        whole_row = True
    else:
        said = "This answer " + message if re.match(r"^(is|must|has)\b", message) else sentence(message)
    said = sentence(said.rstrip(".") + ".")
    line = said
    if whole_row:
        # About the whole row: the row's own name is the subject ("Spreadsheet row 4 has 5 cells"), said once.
        line = sentence(f"{row} {message}".rstrip(".") + ".")
    elif row:
        # "Donation 2, amount: 'x' is not an amount", not "Donation 2: amount: ...".
        line = (f"{row}, {said[:1].lower()}{said[1:]}" if label and said.startswith((label + ": ", label + " "))
                else f"{row}: {said[:1].lower()}{said[1:]}")
    return {"sentence": said, "summary_line": line}


def unknown_fields(data: dict, allowed, prefix: str, errors: Errors) -> None:
    """Unknown fields are usually typos: named rather than ignored; the list of fields is said once."""
    listed = False
    for name in data:
        where = f"{prefix}.{_name(name)}" if prefix else _name(name)
        # The nearest field only for errors that will be shown: a request of a million unknown fields costs no more
        # than one of fifty.
        near = nearest(name, allowed) if len(errors.items) < MOST_ERRORS else ""
        if listed:
            errors.add(where, f"is not a field this checker reads{near}")
        else:
            errors.add(where, f"is not a field this checker reads{near}; the fields are {', '.join(allowed)}")
            listed = True


def _name(name) -> str:
    shown = str(name)
    if not shown:
        return '""'
    return shown if text.refused(shown) is None and len(shown) <= 60 else quoted(shown)


# --- Each kind of field, read --------------------------------------------------------------------------------


def _text(spec: Field, value, where: str, errors: Errors):
    if not isinstance(value, str):
        errors.add(where, "must be text")
        return None
    multi = spec.kind == "longtext"
    why = text.refused(value)
    if why:
        errors.add(where, why)
        return None
    value = text.lines(value) if multi else text.one_line(value)
    if spec.longest and len(value) > spec.longest:
        errors.add(where, f"is {len(value):,} characters long: keep it under {spec.longest:,}")
        return None
    return value or None


# More digits than any count has: not read as a number (Python refuses to read one of over 4,300 digits).
LONGEST_COUNT = 15


def _count(spec: Field, value, where: str, errors: Errors):
    # Digits 0-9 only: str.isdigit() also admits superscript and circled digits, which int() refuses.
    typed = value.strip() if isinstance(value, str) else None
    if typed and typed.isascii() and typed.isdecimal():
        digits = typed.lstrip("0") or "0"
        if len(digits) > LONGEST_COUNT:
            errors.add(where, f"is a number {len(digits):,} digits long, more than any count: check it")
            return None
        value = int(digits)
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, bool) or not isinstance(value, int):
        errors.add(where, "must be a whole number, such as 22")
    elif value < 0:
        errors.add(where, "cannot be negative")
    else:
        return value
    return None


def _choice(spec: Field, value, where: str, errors: Errors):
    if spec.options_from:  # the checker knows its options (a version's clauses) and reads them itself
        if not isinstance(value, str):
            errors.add(where, "must be one of the choices offered, as text")
            return None
        return value
    if not isinstance(value, str) or value not in spec.values:
        errors.add(where, f"must be one of {', '.join(quoted(v) for v in spec.values)}, not {quoted(value)}")
        return None
    return value


def _boolean(spec: Field, value, where: str, errors: Errors):
    if not isinstance(value, bool):
        errors.add(where, "must be true or false")
        return None
    return value


def _tristate(spec: Field, value, where: str, errors: Errors):
    return _boolean(spec, value, where, errors)


def _parsed(parse):
    def read(spec: Field, value, where: str, errors: Errors):
        try:
            return parse(value)
        except ValueError as error:
            errors.add(where, str(error))
            return None
    return read


READERS = {"text": _text, "longtext": _text, "money": _parsed(parse_amount), "date": _parsed(parse_date),
           "choice": _choice, "tristate": _tristate, "count": _count, "boolean": _boolean}


class _Found:
    """One field's problems, held until the form's order says when to add them (lighter than Errors: one per field)."""

    __slots__ = ("items",)

    def __init__(self):
        self.items: list[dict] = []

    def add(self, field: str, message: str) -> None:
        self.items.append({"field": field, "message": message})

    def __bool__(self) -> bool:
        return bool(self.items)


def _required(spec: Field, values: dict) -> bool:
    return spec.required.holds(values) if isinstance(spec.required, Condition) else bool(spec.required)


def _missing(spec: Field) -> str:
    if spec.kind in ("boolean", "tristate") and spec.required:
        return "is required: true or false"
    return "is required" + (f": {spec.missing[:1].lower()}{spec.missing[1:]}" if spec.missing else "")


def _anchor_hint(typed: str, units: list[str]) -> str:
    """The anchor that a slip of capitals or spaces hides ("did you mean …"), else an example. Never another clause:
    a complaint must name the clause its writer means."""
    same = "-".join(typed.lower().split())
    return f"did you mean {same}?" if same in units else f"a clause's anchor is, for example, {next(iter(units), 'none')}"


def read_fields(fields: tuple[Field, ...], data: dict, prefix: str, errors: Errors, units=None) -> dict:
    """Each field's value, typed, its default where none is given; every given value read, whether or not the
    answer will use it; a required one missing is named. Errors come in the order of the fields. `units`: the
    anchors a field whose options are a version's clauses may take."""
    values: dict = {}
    problems: dict[str, list[dict]] = {}
    # One list of problems for every field, each field's own found by where it starts: a row of a large spreadsheet
    # is read without an object per field, and a field's path is written only where a message needs it.
    found = _Found()
    for spec in fields:
        kind, name = spec.kind, spec.name
        if kind == "rows":
            continue
        value = data.get(name)
        if value is None or (kind != "choice" and isinstance(value, str) and not value.strip()):
            values[name] = spec.default
            continue
        where = f"{prefix}.{name}" if prefix else name
        start = len(found.items)
        read = READERS[kind](spec, value, where, found)
        if read is not None and spec.options_from and units is not None and read not in units:
            found.add(where, f"{quoted(read)} is not one of the clauses offered; {_anchor_hint(read, units)}")
            read = None
        values[name] = spec.default if read is None else read
        if len(found.items) > start:
            problems[name] = found.items[start:]
    # Conditions read the values they depend on, so requiredness is judged once all are read.
    for spec in fields:
        name = spec.name
        if spec.kind == "rows":
            values[name] = read_rows(spec, data.get(name), f"{prefix}.{name}" if prefix else name, errors)
        elif name in problems:
            for item in problems[name]:
                errors.add(item["field"], item["message"])
        elif values[name] is None and spec.required is not False and _required(spec, values):
            errors.add(f"{prefix}.{name}" if prefix else name, _missing(spec))
    return values


def read_rows(spec: Field, items, where: str, errors: Errors) -> list[dict]:
    """A list of rows, each read by the rows' fields; a row with a problem is left out (its errors say why)."""
    if items is None:
        return []
    if not isinstance(items, list):
        errors.add(where, f"must be a list of rows, each {{{', '.join(f.name for f in spec.fields)}}} (it may be empty)")
        return []
    rows = []
    names = tuple(f.name for f in spec.fields)
    known = set(names)
    for index, item in enumerate(items):
        at = f"{where}[{index}]"
        if not isinstance(item, dict):
            errors.add(at, f"must be one row: {{{', '.join(names)}}}")
            continue
        if not known.issuperset(item):
            unknown_fields({k: v for k, v in item.items() if k not in known}, names, at, errors)
        before = len(errors.items) + errors.more
        values = read_fields(spec.fields, item, at, errors)
        if len(errors.items) + errors.more == before:
            values["_index"] = index
            rows.append(values)
    return rows


def fields_read(checker: Checker) -> tuple[str, ...]:
    """Every top-level field of a request that this checker reads."""
    return COMMON_FIELDS + tuple(f.name for f in checker.fields) + ((checker.page_address,) if checker.page_address else ())


def read_request(checker: Checker, request: dict, errors: Errors, version: CodeVersion | None = None) -> dict:
    """The checker's fields of a request, typed; unknown fields named. With the version, a field whose options are
    its clauses takes only those."""
    allowed = fields_read(checker)
    unknown_fields({k: v for k, v in request.items() if k not in allowed}, allowed, "", errors)
    units = [u.id for u in version.units if u.kind != "section"] if version else None
    return read_fields(checker.fields, request, "", errors, units)


def checked_today(request: dict, errors: Errors) -> dt.date:
    """The day of the check: the request's `today` (a page sends its reader's own date), else this machine's."""
    value = request.get("today")
    if value is None:
        return dt.date.today()
    try:
        return parse_date(value)
    except ValueError as error:
        errors.add("today", str(error))
        return dt.date.today()


def choose_version(request: dict, codes: dict[str, Code], checker: str, errors: Errors) -> CodeVersion | None:
    """The version asked for: by id, in force on `as_of`, or the current one."""
    code_id, as_of = request.get("code"), request.get("as_of")
    # A day given is read whatever else is wrong, so that every answer to correct is named at once.
    day = None
    if as_of is not None:
        try:
            day = parse_date(as_of)
        except ValueError as error:
            errors.add("as_of", str(error))
    usable = [c for c in codes.values() if any(checker in v.rules for v in c.versions)]
    names = ", ".join(c.code for c in usable) or "none"
    if code_id is None or isinstance(code_id, str) and not code_id.strip():
        errors.add("code", f"is required: the id of a code of conduct ({names})")
        return None
    if not isinstance(code_id, str):
        errors.add("code", f"{quoted(code_id)} is not a code's id: give one as text ({names})")
        return None
    code = codes.get(code_id.strip())
    if code is None:
        near = nearest(code_id.strip(), list(codes))  # any code: the one meant is named, whatever its rules
        errors.add("code", f"{quoted(code_id)} is not a code on this site{near}; codes with {checker} rules: {names}")
        return None
    version_id = request.get("version")
    if version_id is not None and as_of is not None:
        errors.add("as_of", "cannot be given with a version (as_of or version, not both): give one or the other")
        return None
    version = code.current
    if version_id is not None:
        version = code.get(str(version_id)) if isinstance(version_id, (str, int)) and not isinstance(version_id, bool) else None
        if version is None:
            known = ", ".join(v.version for v in code.versions)
            near = nearest(version_id, [v.version for v in code.versions]) if isinstance(version_id, str) else ""
            errors.add("version", f"{quoted(version_id)} is not a version of {code.code}{near}; its versions are {known}")
            return None
    elif as_of is not None:
        if day is None:
            return None
        version = code.version_on(day)
        if version is None:
            periods = "; ".join(f"{v.version} from {written_date(v.in_force_from) if v.in_force_from else 'a day not stated'}"
                                f"{' until ' + written_date(v.until) if v.until else ''}" for v in code.versions)
            errors.add("as_of", f"no version of {code.code} was in force on {written_date(day)}: choose a day one was "
                       f"in force ({periods}), or a version")
            return None
    if checker not in version.rules:
        errors.add("code", f"{version.citation} has no rules for the {checker} checker; codes with {checker} rules: {names}")
        return None
    return version
