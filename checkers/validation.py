"""Checking a request: collecting every bad field by its path, and choosing the code version."""

from __future__ import annotations

from .content import Code, CodeVersion
from .money_and_dates import parse_date, quoted, sentence

# The fields every checker reads: which code, and which version of it (by id, or in force on a date).
COMMON_FIELDS = ("code", "version", "as_of")


class Errors:
    """Every problem in a request, each naming its field by path, e.g. donations[2].amount."""

    def __init__(self):
        self.items: list[dict] = []

    def add(self, field: str, message: str) -> None:
        self.items.append({"field": field, "message": message})

    def __bool__(self) -> bool:
        return bool(self.items)

    def response(self) -> dict:
        """{"errors": [...]} as the contract says, with the words a page shows: each message as a sentence, and a
        summary."""
        count = len(self.items)
        return {"errors": [{**item, "sentence": sentence(item["message"])} for item in self.items],
                "summary": f"Nothing was checked: {count} {'answer needs' if count == 1 else 'answers need'} correcting."}


def check_fields(data: dict, allowed: tuple[str, ...], prefix: str, errors: Errors) -> None:
    """Unknown fields are usually typos: name them rather than ignore them."""
    for name in data:
        if name not in allowed:
            name = str(name) or '""'
            where = f"{prefix}.{name}" if prefix else name
            errors.add(where, f"is not a field this checker reads; the fields are {', '.join(allowed)}")


def boolean(data: dict, name: str, errors: Errors, *, required: bool, prefix: str = "", default=None):
    value = data.get(name)
    if value is None:
        if required:
            errors.add(prefix + name, "is required: true or false")
        return default
    if not isinstance(value, bool):
        errors.add(prefix + name, "must be true or false")
        return default
    return value


def choose_version(request: dict, codes: dict[str, Code], checker: str, errors: Errors) -> CodeVersion | None:
    """The version asked for: by id, in force on `as_of`, or the current one."""
    code_id = request.get("code")
    usable = [c for c in codes.values() if any(checker in v.rules for v in c.versions)]
    names = ", ".join(c.code for c in usable) or "none"
    if not isinstance(code_id, str) or not code_id.strip():
        errors.add("code", f"is required: the id of a code of conduct ({names})")
        return None
    code = codes.get(code_id.strip())
    if code is None:
        errors.add("code", f"{quoted(code_id)} is not a code on this site; codes with {checker} rules: {names}")
        return None
    version_id, as_of = request.get("version"), request.get("as_of")
    if version_id is not None and as_of is not None:
        errors.add("as_of", "give either version or as_of, not both")
        return None
    version = code.current
    if version_id is not None:
        version = code.get(str(version_id)) if isinstance(version_id, (str, int)) and not isinstance(version_id, bool) else None
        if version is None:
            known = ", ".join(v.version for v in code.versions)
            errors.add("version", f"{quoted(version_id)} is not a version of {code.code}; its versions are {known}")
            return None
    elif as_of is not None:
        try:
            day = parse_date(as_of)
        except ValueError as error:
            errors.add("as_of", str(error))
            return None
        version = code.version_on(day)
        if version is None:
            errors.add("as_of", f"no version of {code.code} was in force on {day.isoformat()}")
            return None
    if checker not in version.rules:
        errors.add("code", f"{version.citation} has no rules for the {checker} checker; codes with {checker} rules: {names}")
        return None
    return version
