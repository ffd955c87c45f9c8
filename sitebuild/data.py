"""Machine-readable output: each version as JSON (with its notes on the law and its corrections), an index of all
codes, the law's figures, and an Atom feed of versions, corrections and notes."""

from __future__ import annotations

import json
from pathlib import Path
from urllib.parse import urljoin

from checkers.citation import Citation, glossary_url, law_url
from checkers.content import CodeVersion

from . import templates
from .model import Site


def _date(value):
    return value.isoformat() if value else None


def _when(version: CodeVersion) -> str:
    if version.standing == "not-yet-in-force":
        return f"Comes into force on {_date(version.in_force_from)}."
    return f"In force from {_date(version.in_force_from) or 'a date not stated'}."


def version_json(site: Site, version: CodeVersion) -> dict:
    clauses = []
    for unit in version.units:
        links = []
        for _, _, ref in version.refs.get(unit.id, []):
            if ref.kind == "glossary":
                links.append({"text": ref.text, "kind": "glossary", "term": ref.term, "url": glossary_url(ref.term)})
            else:
                target = ref.target
                links.append({"text": ref.text, "kind": "clause", "target": str(target), "url": target.url})
        clauses.append({"id": unit.id, "kind": unit.kind, "label": unit.label, "parent": unit.parent,
                        "section": unit.section, "citation": str(version.citation.at(unit.id)),
                        "url": version.clause_url(unit.id), "text": unit.text, "links": links})
    return {"code": version.code, "version": version.id, "citation": str(version.citation), "title": version.title,
            "issuer": version.issuer, "applies_to": version.applies_to, "status": version.standing,
            "in_force_from": _date(version.in_force_from), "in_force_until": _date(version.until),
            "published": _date(version.published_here), "summary": version.summary, "source": version.source,
            "url": version.citation.url, "clauses": clauses,
            "notes": [{"clause": note.clause, "citation": str(version.citation.at(note.clause)), "date": note.date.isoformat(),
                       "title": note.title, "text": note.text, "url": version.citation.at(note.anchor).url,
                       "check_by": note.check_by.isoformat() if note.check_by else None,
                       "sources": [source.to_data() for source in note.sources]}
                      for note in site.notes_of(version.code, version.id).values()],
            **_proposed(site, version), **_corrected(version), "law_checked": _date(site.law.checked) if site.law else None}


def _corrected(version: CodeVersion) -> dict:
    """The corrections the lock records for the version, each with its day and reason, as its page shows them; a
    version never corrected has none, so that its JSON as published stays as it was."""
    found = [{"date": _date(c["date"]), "reason": c["reason"]} for c in version.corrections]
    return {"corrections": found} if found else {}


def _proposed(site: Site, version: CodeVersion) -> dict:
    """Proposed changes to the law that would touch the version's clauses (not in force), where there are any: a
    version's JSON as published stays as it was where there are none."""
    found = [{"id": p.id, "title": p.title, "stage": p.stage, "stage_date": p.stage_date.isoformat(),
              "clauses": [str(c) for c in p.clauses if c.work == version.citation], "url": law_url(p.anchor),
              "in_force": False} for p in site.proposals if any(c.work == version.citation for c in p.clauses)]
    return {"proposed": found} if found else {}


def write_json(site: Site, root: Path) -> None:
    index = {"codes": []}
    for code in site.codes.values():
        entry = {"code": code.code, "title": code.current.title, "issuer": code.current.issuer,
                 "current": code.current.id, "url": Citation(code.code).url, "versions": []}
        for version in code.versions:
            path = root / version.citation.json_url
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(json.dumps(version_json(site, version), ensure_ascii=False, indent=1), encoding="utf-8")
            entry["versions"].append({"version": version.id, "status": version.standing,
                                      "in_force_from": _date(version.in_force_from),
                                      "in_force_until": _date(version.until), "published": _date(version.published_here),
                                      "json": version.citation.json_url,
                                      "url": version.citation.url})
        index["codes"].append(entry)
    (root / "codes" / "index.json").write_text(json.dumps(index, ensure_ascii=False, indent=1), encoding="utf-8")
    if site.law:
        (root / "law").mkdir(parents=True, exist_ok=True)
        (root / "law" / "figures.json").write_text(json.dumps(site.law.to_data(), ensure_ascii=False, indent=1),
                                                   encoding="utf-8")


def write_feed(site: Site, root: Path, site_url: str) -> None:
    """The Atom feed of published versions, their corrections and notes on the law, from its template (autoescaped as
    XML)."""
    versions = sorted((v for c in site.codes.values() for v in c.versions),
                      key=lambda v: (v.published, v.code, v.index), reverse=True)
    # A new note on the law is news too, dated the day it was written or checked.
    days = [v.published for v in versions] + [note.date for note in site.notes] + [p.date for p in site.proposals]
    notes = [(note, site.codes[note.code].get(note.version))
             for note in sorted(site.notes, key=lambda n: (n.date, n.code, n.version, n.clause), reverse=True)]
    proposals = sorted(site.proposals, key=lambda p: (p.date, p.id), reverse=True)
    corrections = sorted(_corrections(site), key=lambda c: (c["date"], c["id"]), reverse=True)
    days += [c["date"] for c in corrections]
    feed = templates.render_xml("feed.xml.j2", versions=versions, notes=notes, proposals=proposals,
                                corrections=corrections,
                                updated=max(days) if days else None, site_url=site_url, law_url=law_url,
                                absolute=lambda path: urljoin(site_url, path), when=_when)
    (root / "feed.xml").write_text(feed, encoding="utf-8")


def _corrections(site: Site) -> list[dict]:
    """Each correction of a published version or of a value of the law: news to a reader of the feed, who may have
    read what it corrects. Its id counts the corrections of the same thing, which the lock only ever adds to."""
    found = []
    for code in site.codes.values():
        for version in code.versions:
            for number, correction in enumerate(version.corrections, start=1):
                found.append({"id": f"{version.citation.urn}:correction:{number}", "date": correction["date"],
                              "title": f"{version.short_title}, version {version.id}", "url": version.citation.url,
                              "reason": correction["reason"]})
    if site.law:
        for figure_id, corrections in site.law_corrections.items():
            figure = site.law.figures[figure_id]
            for number, correction in enumerate(corrections, start=1):
                found.append({"id": f"urn:codes-of-conduct:law:{figure_id}:correction:{number}", "date": correction["date"],
                              "title": f"the law's figures, {figure.title}", "url": law_url(figure_id),
                              "reason": correction["reason"]})
    return found
