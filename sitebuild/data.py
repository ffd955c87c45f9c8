"""Machine-readable output: each version as JSON, an index of all codes, and an Atom feed of versions."""

from __future__ import annotations

import json
from pathlib import Path
from urllib.parse import urljoin
from xml.sax.saxutils import escape, quoteattr

from checkers.citation import Citation

from .model import Site, Version


def _date(value):
    return value.isoformat() if value else None


def version_json(site: Site, version: Version) -> dict:
    meta = version.meta
    clauses = []
    for unit in version.units:
        links = []
        for _, _, ref in version.refs.get(unit.id, []):
            if ref.kind == "glossary":
                links.append({"text": ref.text, "kind": "glossary", "term": ref.term, "url": f"glossary/#{ref.term}"})
            else:
                target = Citation(ref.code, ref.version, ref.anchor)
                links.append({"text": ref.text, "kind": "clause", "target": str(target), "url": target.url})
        clauses.append({"id": unit.id, "kind": unit.kind, "label": unit.label, "parent": unit.parent,
                        "section": unit.section, "citation": str(meta.citation.at(unit.id)),
                        "url": meta.clause_url(unit.id), "text": unit.text, "links": links})
    return {"code": meta.code, "version": version.id, "citation": str(meta.citation), "title": meta.title,
            "issuer": meta.issuer, "applies_to": meta.applies_to, "status": meta.status,
            "in_force_from": _date(meta.in_force_from), "in_force_until": _date(version.until),
            "published": _date(meta.published), "summary": meta.summary, "source": meta.source,
            "url": meta.citation.url, "clauses": clauses}


def write_json(site: Site, root: Path) -> None:
    index = {"codes": []}
    for code in site.codes.values():
        entry = {"code": code.code, "title": code.current.meta.title, "issuer": code.current.meta.issuer,
                 "current": code.current.id, "url": Citation(code.code).url, "versions": []}
        for version in code.versions:
            path = root / version.meta.citation.json_url
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(json.dumps(version_json(site, version), ensure_ascii=False, indent=1), encoding="utf-8")
            entry["versions"].append({"version": version.id, "status": version.meta.status,
                                      "in_force_from": _date(version.meta.in_force_from),
                                      "in_force_until": _date(version.until), "published": _date(version.meta.published),
                                      "json": version.meta.citation.json_url,
                                      "url": version.meta.citation.url})
        index["codes"].append(entry)
    (root / "codes" / "index.json").write_text(json.dumps(index, ensure_ascii=False, indent=1), encoding="utf-8")


def write_feed(site: Site, root: Path, site_url: str) -> None:
    versions = sorted((v for c in site.codes.values() for v in c.versions),
                      key=lambda v: (v.meta.published, v.meta.code, v.index), reverse=True)
    updated = f"{versions[0].meta.published.isoformat()}T00:00:00Z" if versions else "1970-01-01T00:00:00Z"
    entries = []
    for version in versions:
        meta = version.meta
        link = urljoin(site_url, meta.citation.url)
        entries.append(
            "  <entry>\n"
            # Stable whatever the host, so that readers never see an entry twice.
            f"    <id>{meta.citation.urn}</id>\n"
            f"    <title>{escape(meta.title)}: version {escape(version.id)}</title>\n"
            f"    <link rel=\"alternate\" type=\"text/html\" href={quoteattr(link)}/>\n"
            f"    <updated>{meta.published.isoformat()}T00:00:00Z</updated>\n"
            f"    <author><name>{escape(meta.issuer)}</name></author>\n"
            f"    <summary>{escape(meta.summary)} In force from {escape(_date(meta.in_force_from) or 'a date not stated')}.</summary>\n"
            "  </entry>\n")
    feed = ('<?xml version="1.0" encoding="utf-8"?>\n<feed xmlns="http://www.w3.org/2005/Atom">\n'
            "  <id>urn:codes-of-conduct:feed</id>\n  <title>Codes of Conduct: published versions</title>\n"
            f"  <link rel=\"self\" href={quoteattr(urljoin(site_url, 'feed.xml'))}/>\n"
            f"  <link rel=\"alternate\" type=\"text/html\" href={quoteattr(site_url)}/>\n"
            f"  <updated>{updated}</updated>\n" + "".join(entries) + "</feed>\n")
    (root / "feed.xml").write_text(feed, encoding="utf-8")

