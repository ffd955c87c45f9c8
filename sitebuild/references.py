"""Cross-references inside the codes, found, checked and turned into links.

Three forms in the sources:
- plain wording such as "See section 13", "paragraph 5(b) above", "Paragraph 8 of this Code";
- `[text](ref:12)`, `[text](ref:other-code#12)` or `[text](ref:other-code@version#12)`;
- `[text](glossary:term-id)` for documents that are not on this site (the Rule Book, Momentum's
  Constitution): the text links to that term's note in the glossary, never to '#'.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from checkers.citation import Citation
from checkers.content import ContentError, Unit, nearest

# Its words hold no bracket, as checkers.content.MARKDOWN_LINK's: a line of brackets is read in one pass.
LINK = re.compile(r"\[(?P<text>[^\[\]]+)\]\((?P<target>[^)\s]*)\)")
# "section 13", "paragraph 5(b)", "clause 12"; not "Clause 1.8" (the Rule Book's own numbering).
PLAIN = re.compile(r"\b(?P<word>[Ss]ection|[Pp]aragraph|[Cc]lause)\s+(?P<number>\d+)(?:\s*\((?P<letter>[a-z])\))?(?![.\d])")
OTHER_DOCUMENT = re.compile(r"^\s+of the (Labour Party )?Rule Book")


@dataclass(frozen=True)
class Reference:
    """One resolved reference: to a clause of a code version, or to a glossary term."""

    text: str
    kind: str  # clause or glossary
    target: Citation | None = None  # a clause; without a version, in another code's current version
    term: str | None = None


def find(unit: Unit, code: str, version: str, anchors: set[str], library_anchors, glossary: dict, path,
         numbers: dict[str, str] | None = None) -> list:
    """Every reference in a unit, as (start, end, Reference) over its Markdown; errors name the line.

    `numbers` maps what the text calls a clause ("5", "5-b") to its anchor, which differs after a renumbering.
    """
    numbers = numbers or {}
    source = unit.markdown
    found = []
    for match in LINK.finditer(source):
        target, text = match["target"], match["text"]
        line = unit.line + source.count("\n", 0, match.start())
        if target in ("", "#"):
            raise ContentError(path, line, f"the link [{text}] points nowhere: write (ref:<anchor>) for a clause on this "
                               "site or (glossary:<term>) for a document that is not")
        if target.startswith("ref:"):
            found.append((match.start(), match.end(), _clause_ref(text, target[4:], code, version, anchors,
                                                                   library_anchors, path, line)))
        elif target.startswith("glossary:"):
            term = target[len("glossary:"):]
            if term not in glossary:
                raise ContentError(path, line, f"glossary:{term} is not in docs/glossary.yml: add the term there first")
            found.append((match.start(), match.end(), Reference(text, "glossary", term=term)))
        elif target.startswith("#"):
            raise ContentError(path, line, f"write ref:{target[1:]} instead of {target}, so that the build can check it")
    linked = [(start, end) for start, end, _ in found]
    for match in PLAIN.finditer(source):
        if any(start <= match.start() < end for start, end in linked):
            continue
        if OTHER_DOCUMENT.match(source[match.end():]):
            continue
        named = match["number"] + (f"-{match['letter']}" if match["letter"] else "")
        anchor = numbers.get(named, named)
        line = unit.line + source.count("\n", 0, match.start())
        if anchor not in anchors:
            raise ContentError(path, line, f"{match[0]!r} refers to #{anchor}, which this version does not have; if it "
                               f"means another document, write it as [{match[0]}](glossary:<term>)")
        found.append((match.start(), match.end(), Reference(match[0], "clause", Citation(code, version, anchor))))
    return sorted(found, key=lambda item: item[0])


def _clause_ref(text, target, code, version, anchors, library_anchors, path, line) -> Reference:
    if "#" not in target:
        if target not in anchors:
            raise ContentError(path, line, f"ref:{target} does not match any anchor in this version")
        return Reference(text, "clause", Citation(code, version, target))
    try:
        cited = Citation.parse(target)
    except ValueError as error:
        raise ContentError(path, line, f"ref:{target} is not a citation: {error}") from None
    try:
        known = library_anchors(cited.code, cited.version)
    except LookupError as error:
        raise ContentError(path, line, f"ref:{target}: {error.args[0]}") from None
    if cited.clause not in known:
        raise ContentError(path, line, f"ref:{target}: {cited.work} has no anchor #{cited.clause}{nearest(cited.clause, known)}")
    if cited.code == code and (cited.version or version) == version:
        return Reference(text, "clause", Citation(code, version, cited.clause))
    return Reference(text, "clause", cited)
