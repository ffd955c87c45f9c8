"""One address type for a code, one version of it, and a clause: `code`, `code@version`, `code#clause` and
`code@version#clause` (as the Akoma Ntoso tools' FRBR URIs name a work, its expression and a part of it).

Every citation the site, the checkers and the data files show, and every address of a code's pages and JSON,
is made here: nothing else spells them out.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

CODE_ID = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
# Safe as a file's name on every system (lower case: case-insensitive disks would merge "Original" and "original")
# and in a git branch's name: parts of letters and digits joined by single '.' or '-', at most 40 characters.
VERSION_ID = re.compile(r"^(?=.{1,40}$)[a-z0-9]+(?:[.-][a-z0-9]+)*$")
VERSION_RULE = ("lower-case letters and digits, in parts joined by '.' or '-' (such as 2027 or 2027-1), at most 40 "
                "characters")
CLAUSE_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9-]*$")


@dataclass(frozen=True)
class Citation:
    """A code; with `version`, one version of it (else whichever is current); with `clause`, a part of it."""

    code: str
    version: str | None = None
    clause: str | None = None

    @classmethod
    def parse(cls, text: str) -> Citation:
        """`code`, `code@version`, `code#clause` or `code@version#clause`; ValueError says what is wrong."""
        work, hash_, clause = str(text).partition("#")
        code, at, version = work.partition("@")
        if not CODE_ID.match(code):
            raise ValueError(f"{text!r} does not start with a code id (lower-case letters, digits and '-')")
        if at and not VERSION_ID.match(version):
            raise ValueError(f"{text!r}: after '@' comes a version id ({VERSION_RULE})")
        if hash_ and not CLAUSE_ID.match(clause):
            raise ValueError(f"{text!r}: after '#' comes a clause's anchor, such as 12 or 5-b")
        return cls(code, version if at else None, clause if hash_ else None)

    def __str__(self) -> str:
        return self.code + (f"@{self.version}" if self.version else "") + (f"#{self.clause}" if self.clause else "")

    def at(self, clause: str) -> Citation:
        """The same code and version, at a clause."""
        return Citation(self.code, self.version, clause)

    @property
    def work(self) -> Citation:
        """Without the clause: the code, or the version."""
        return Citation(self.code, self.version)

    @property
    def url(self) -> str:
        """Site-relative address of the page: the version's permanent page (else the code's current page), at
        the clause."""
        page = f"codes/{self.code}/" + (f"{self.version}/" if self.version else "")
        return page + (f"#{self.clause}" if self.clause else "")

    @property
    def page_source(self) -> str:
        """The generated Markdown file of that page, from which the generator makes `url`."""
        return f"codes/{self.code}/" + (f"{self.version}/" if self.version else "") + "index.md"

    @property
    def json_url(self) -> str:
        """Site-relative address of the version's data (of every code's, for a code without a version)."""
        return f"codes/{self.code}/{self.version}.json" if self.version else "codes/index.json"

    @property
    def urn(self) -> str:
        """A name that stays the same wherever the site is hosted (the feed's entry ids)."""
        return f"urn:codes-of-conduct:{self.work}"


# The site's other addresses, made here too, so that nothing else spells an address out.
def checker_url(name: str = "") -> str:
    """Site-relative address of a checker's page (of the checkers' index, without a name)."""
    return "checkers/" + (f"{name}/" if name else "")


def glossary_url(term: str = "") -> str:
    return "glossary/" + (f"#{term}" if term else "")


def law_url(anchor: str = "") -> str:
    """The page of the law beside the codes (its figures and notes)."""
    return "law/" + (f"#{anchor}" if anchor else "")
