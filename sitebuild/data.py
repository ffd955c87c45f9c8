"""Machine-readable output: each version as JSON (with its notes on the law), an index of all codes, the law's
figures, and an Atom feed of versions and notes."""

from __future__ import annotations

import json
from pathlib import Path
from urllib.parse import urljoin
from xml.sax.saxutils import escape, quoteattr

from checkers.citation import Citation
from checkers.content import CodeVersion

from .model import Site


def _date(value):
    return value.isoformat() if value else None


def _when(version: CodeVersion) -> str:
    if version.standing == "not-yet-in-force":
        return f"Comes into force on {escape(_date(version.in_force_from))}."
    return f"In force from {escape(_date(version.in_force_from) or 'a date not stated')}."


def version_json(site: Site, version: CodeVersion) -> dict:
    clauses = []
    for unit in version.units:
        links = []
        for _, _, ref in version.refs.get(unit.id, []):
            if ref.kind == "glossary":
                links.append({"text": ref.text, "kind": "glossary", "term": ref.term, "url": f"glossary/#{ref.term}"})
            else:
                target = ref.target
                links.append({"text": ref.text, "kind": "clause", "target": str(target), "url": target.url})
        clauses.append({"id": unit.id, "kind": unit.kind, "label": unit.label, "parent": unit.parent,
                        "section": unit.section, "citation": str(version.citation.at(unit.id)),
                        "url": version.clause_url(unit.id), "text": unit.text, "links": links})
    return {"code": version.code, "version": version.id, "citation": str(version.citation), "title": version.title,
            "issuer": version.issuer, "applies_to": version.applies_to, "status": version.standing,
            "in_force_from": _date(version.in_force_from), "in_force_until": _date(version.until),
            "published": _date(version.published), "summary": version.summary, "source": version.source,
            "url": version.citation.url, "clauses": clauses,
            "notes": [{"clause": note.clause, "citation": str(version.citation.at(note.clause)), "date": note.date.isoformat(),
                       "title": note.title, "text": note.text, "url": f"{version.citation.url}#{note.anchor}",
                       "sources": [source.to_data() for source in note.sources]}
                      for note in site.notes_of(version.code, version.id).values()],
            "law_checked": _date(site.law.checked) if site.law else None}


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
                                      "in_force_until": _date(version.until), "published": _date(version.published),
                                      "json": version.citation.json_url,
                                      "url": version.citation.url})
        index["codes"].append(entry)
    (root / "codes" / "index.json").write_text(json.dumps(index, ensure_ascii=False, indent=1), encoding="utf-8")
    if site.law:
        (root / "law").mkdir(parents=True, exist_ok=True)
        (root / "law" / "figures.json").write_text(json.dumps(site.law.to_data(), ensure_ascii=False, indent=1),
                                                   encoding="utf-8")


def write_feed(site: Site, root: Path, site_url: str) -> None:
    versions = sorted((v for c in site.codes.values() for v in c.versions),
                      key=lambda v: (v.published, v.code, v.index), reverse=True)
    # A new note on the law is news too, dated the day it was written or checked.
    days = [v.published for v in versions] + [note.date for note in site.notes]
    updated = f"{max(days).isoformat()}T00:00:00Z" if days else "1970-01-01T00:00:00Z"
    entries = []
    for note in sorted(site.notes, key=lambda n: (n.date, n.code, n.version, n.clause), reverse=True):
        version = site.codes[note.code].get(note.version)
        link = urljoin(site_url, f"{version.citation.url}#{note.anchor}")
        entries.append(
            "  <entry>\n"
            f"    <id>{note.urn}</id>\n"
            f"    <title>Note on the law: {escape(version.short_title)}, version {escape(version.id)}, "
            f"{escape(version.unit_name(note.clause))}: {escape(note.title)}</title>\n"
            f"    <link rel=\"alternate\" type=\"text/html\" href={quoteattr(link)}/>\n"
            f"    <updated>{note.date.isoformat()}T00:00:00Z</updated>\n"
            "    <author><name>Codes of Conduct (this site)</name></author>\n"
            f"    <summary>{escape(note.text)}</summary>\n"
            "  </entry>\n")
    for version in versions:
        link = urljoin(site_url, version.citation.url)
        entries.append(
            "  <entry>\n"
            # Stable whatever the host, so that readers never see an entry twice.
            f"    <id>{version.citation.urn}</id>\n"
            f"    <title>{escape(version.title)}: version {escape(version.id)}</title>\n"
            f"    <link rel=\"alternate\" type=\"text/html\" href={quoteattr(link)}/>\n"
            f"    <updated>{version.published.isoformat()}T00:00:00Z</updated>\n"
            f"    <author><name>{escape(version.issuer)}</name></author>\n"
            f"    <summary>{escape(version.summary)} {_when(version)}</summary>\n"
            "  </entry>\n")
    feed = ('<?xml version="1.0" encoding="utf-8"?>\n<feed xmlns="http://www.w3.org/2005/Atom">\n'
            "  <id>urn:codes-of-conduct:feed</id>\n  <title>Codes of Conduct: published versions and notes on the law</title>\n"
            f"  <link rel=\"self\" href={quoteattr(urljoin(site_url, 'feed.xml'))}/>\n"
            f"  <link rel=\"alternate\" type=\"text/html\" href={quoteattr(site_url)}/>\n"
            f"  <updated>{updated}</updated>\n" + "".join(entries) + "</feed>\n")
    (root / "feed.xml").write_text(feed, encoding="utf-8")

