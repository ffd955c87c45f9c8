"""The generated pages: each code's current and permanent version pages, comparisons, topics, glossary."""

from __future__ import annotations

import json
from pathlib import Path

from checkers.content import Code, CodeVersion
from checkers.money_and_dates import sentence

from . import diff
from .model import Site
from .render import abbreviations, day, esc, facts, href, page_of, rel, unit_block, unit_markdown


def write(root: Path, page: str, text: str) -> None:
    path = root / page
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def front(title: str, *, search: bool = True, description: str | None = None) -> str:
    lines = ["---", f"title: {json.dumps(title, ensure_ascii=False)}"]
    if description:
        lines.append(f"description: {json.dumps(description, ensure_ascii=False)}")
    if not search:
        lines += ["search:", "  exclude: true"]
    return "\n".join(lines + ["---", ""]) + "\n"


def comparison_page(code: str, old: str, new: str) -> str:
    return f"codes/{code}/compare/{old}-to-{new}/index.md"


def comparisons(code: Code) -> list[tuple[CodeVersion, CodeVersion]]:
    """Consecutive pairs, and every version against the current one."""
    pairs = list(zip(code.versions, code.versions[1:], strict=False))
    pairs += [(v, code.current) for v in code.versions[:-2]]
    return pairs


def write_code_pages(site: Site, root: Path) -> None:
    for code in site.codes.values():
        write(root, page_of(code.code), version_page(site, code, code.current, page_of(code.code)))
        for version in code.versions:
            page = page_of(code.code, version.id)
            write(root, page, version_page(site, code, version, page))
        for old, new in comparisons(code):
            page = comparison_page(code.code, old.id, new.id)
            write(root, page, comparison(site, code, old, new, page))


def version_page(site: Site, code: Code, version: CodeVersion, page: str) -> str:
    is_current_page = page == page_of(code.code)
    # The current version's permanent page repeats /codes/<id>/: keep it out of search results.
    out = [front(version.title, search=not (version is code.current and not is_current_page),
                 description=f"{version.title} ({version.issuer}), version {version.id}")]
    out.append(f"# {version.title} {{#title}}\n\n")
    if version is not code.current:
        out.append(banner(code, version, page))
    out.append(facts(version, site, page))
    for correction in version.corrections:
        out.append(f'<div class="admonition note correction" role="note" markdown>\n<p class="admonition-title">'
                   f'Corrected on {esc(day(correction["date"]))}</p>\n\n{esc(correction["reason"])}\n\n</div>\n\n')
    checker_links = [name for name in version.rules]
    if checker_links:
        links = ", ".join(f"[{name}]({rel(page, f'checkers/{name}/index.md')})" for name in checker_links)
        out.append(f'<p class="checker-links" markdown>Check your own case against this version: {links}.</p>\n\n')
    for unit in version.units:
        out.append(unit_block(unit, version, site, page, extra=_unit_extras(site, code, version, unit, page)))
    out.append(history(code, version, page) if is_current_page else version_links(code, version, page))
    out.append(abbreviations(site))
    return "".join(out)


def banner(code: Code, version: CodeVersion, page: str) -> str:
    successor = code.versions[version.index + 1]
    when = day(successor.in_force_from)
    current = href(page, page_of(code.code))
    removed = " ".join(u for u in version.by_id if u not in code.current.by_id)
    return (f'<div class="admonition warning superseded" role="note" data-current="{current}" data-removed="{esc(removed)}" markdown>\n'
            f'<p class="admonition-title">This version was superseded on {esc(when)}</p>\n\n'
            f"You are reading version {version.id}. It was replaced by version {successor.id}. "
            f'<a class="current-clause-link" href="{current}">Read this clause in the current version</a>'
            f'<span class="removed-note" hidden> (this clause was removed from the current version)</span>.\n\n'
            "</div>\n\n")


def _unit_extras(site: Site, code: Code, version: CodeVersion, unit, page: str) -> str:
    parts = []
    if version is code.current:
        for topic, others in site.related(code.code, unit.id):
            if others:
                links = " · ".join(f"[{esc(site.codes[c].current.short_title)}, {site.codes[c].current.by_id[a].title()}]"
                                   f"({rel(page, page_of(c) + '#' + a)})" for c, a in others)
                parts.append(f'<p class="related" markdown>Related clauses in other codes ({topic.title}): {links}</p>')
    if len(code.versions) > 1 and unit.kind != "section":
        parts.append(clause_history(code, version, unit.id, page))
    return "\n".join(parts) + ("\n" if parts else "")


HISTORY_SPAN = 6  # runs of wording shown on each side of the version being read


def clause_history(code: Code, version: CodeVersion, anchor: str, page: str) -> str:
    """The clause in other versions: runs of identical wording, a few on each side of this version.

    Grouping and the cap keep every page's size independent of how many versions a code has."""
    runs = code.wording_runs(anchor)
    here = next(i for i, (_, first, last) in enumerate(runs) if first.index <= version.index <= last.index)
    mine = runs[here][0]
    items = []
    for position in range(max(0, here - HISTORY_SPAN), min(len(runs), here + HISTORY_SPAN + 1)):
        key, first, last = runs[position]
        # The run holding this version is split around it: before, this page, after.
        pieces = [(first, last, key)] if position != here else [
            (first, code.versions[version.index - 1], key) if first is not version else None,
            (version, version, "this"),
            (code.versions[version.index + 1], last, key) if last is not version else None]
        for piece in filter(None, pieces):
            items.append(_history_item(code, anchor, page, *piece, mine))
    if here > HISTORY_SPAN or here + HISTORY_SPAN + 1 < len(runs):
        items.append(f'<li><a href="{href(page, page_of(code.code) + "#versions")}">all versions of this code</a></li>')
    return ('<details class="clause-history"><summary>This clause in other versions</summary>\n<ul>\n'
            + "\n".join(items) + "\n</ul>\n</details>")


def _history_item(code: Code, anchor: str, page: str, first: CodeVersion, last: CodeVersion, key, mine) -> str:
    names = f"version {first.id}" if first is last else f"versions {first.id} to {last.id}"
    current = " (current)" if last is code.current else ""
    if key == "this":
        return f"<li>{esc(names)}{current}: this page</li>"
    if key is None:
        return f"<li>{esc(names)}{current}: not in {'this version' if first is last else 'these versions'}</li>"
    same = "same wording" if key == mine else "different wording"
    target = last if last is code.current else first
    return (f'<li><a href="{href(page, page_of(code.code, target.id) + "#" + anchor)}">{esc(names)}</a>'
            f"{current}: {same}</li>")


def version_links(code: Code, version: CodeVersion, page: str) -> str:
    """On a version's permanent page: its neighbours, the current version and the full history."""
    links = []
    if version.index:
        previous = code.versions[version.index - 1]
        links.append(f"[previous version ({previous.id})]({rel(page, page_of(code.code, previous.id))}), "
                     f"[changes from it]({rel(page, comparison_page(code.code, previous.id, version.id))})")
    if version is not code.current:
        following = code.versions[version.index + 1]
        links.append(f"[next version ({following.id})]({rel(page, page_of(code.code, following.id))})")
        links.append(f"[current version ({code.current.id})]({rel(page, page_of(code.code))})")
    links.append(f"[all versions, with dates and comparisons]({rel(page, page_of(code.code) + '#versions')})")
    return ("\n## Versions {#versions}\n\n" + " · ".join(links) + ".\n\n"
            f"Machine-readable: [this version as JSON]({rel(page, version.citation.json_url)}).\n\n")


def history(code: Code, version: CodeVersion, page: str) -> str:
    rows = []
    for other in code.versions:
        name = f"[{other.id}]({rel(page, page_of(code.code, other.id))})"
        if other is code.current:
            name += " (current)"
        compare = ""
        if other.index:
            previous = code.versions[other.index - 1]
            compare = f"[changes from {previous.id}]({rel(page, comparison_page(code.code, previous.id, other.id))})"
        if other.index < len(code.versions) - 2:
            compare += (" · " if compare else "") + \
                f"[compare with current]({rel(page, comparison_page(code.code, other.id, code.current.id))})"
        until = day(other.until) if other.until else ("still in force" if other is code.current else "not stated")
        rows.append(f"| {name} | {day(other.in_force_from)} | {until} | {esc(other.summary)} | {compare or '—'} |")
    dates = json.dumps([{"version": v.id, "from": v.in_force_from.isoformat() if v.in_force_from else None,
                         "until": v.until.isoformat() if v.until else None,
                         "url": href(page, page_of(code.code, v.id))} for v in code.versions])
    return ("\n## Versions {#versions}\n\n"
            "| Version | In force from | In force until | What changed | Compare |\n|---|---|---|---|---|\n"
            + "\n".join(rows) + "\n\n"
            f'<form class="as-at needs-script" data-versions="{esc(dates)}">\n'
            f'<label for="as-at-date">Show the version in force on</label> '
            f'<input type="date" id="as-at-date" name="date" required> <button type="submit">Go</button>\n'
            f'<output class="as-at-result" for="as-at-date" aria-live="polite"></output>\n</form>\n\n'
            f"Machine-readable: [this version as JSON]({rel(page, version.citation.json_url)}), "
            f"[all codes]({rel(page, 'codes/index.json')}), [feed of new versions]({rel(page, 'feed.xml')}).\n\n")


def comparison(site: Site, code: Code, old: CodeVersion, new: CodeVersion, page: str) -> str:
    changes = diff.compare(old.units, new.units)
    counts = diff.summary(changes)
    out = [front(f"{new.title}: {old.id} compared with {new.id}", search=False)]
    out.append(f"# Changes from version {old.id} to version {new.id}\n\n")
    out.append(f"Code: [{esc(new.title)}]({rel(page, page_of(code.code))}). "
               f"From [version {old.id}]({rel(page, page_of(code.code, old.id))}) "
               f"(in force from {day(old.in_force_from)}) to [version {new.id}]({rel(page, page_of(code.code, new.id))}) "
               f"(in force from {day(new.in_force_from)}).\n\n")
    out.append(f"{counts['changed']} changed, {counts['added']} added, {counts['removed']} removed, "
               f"{counts['unchanged']} unchanged. Removed words are struck through and marked [removed: …]; "
               "added words are underlined and marked [added: …].\n\n")
    unchanged = []
    for change in changes:
        if change.status == "unchanged" and not change.renumbered:
            unchanged.append(change)
            continue
        unit = change.new or change.old
        name = unit.title()
        where = new if change.new else old
        link = rel(page, page_of(code.code, where.id) + "#" + change.anchor)
        status = change.status + (f" (was {change.old.title()})" if change.renumbered else "")
        out.append(f'<section class="change change--{change.status}" aria-labelledby="change-{change.anchor}" markdown>\n'
                   f'<h2 id="change-{change.anchor}">{esc(sentence(name))}: {status}</h2>\n\n')
        if change.status == "changed":
            out.append(f'<p class="diff">{diff.words(change.old.text, change.new.text)}</p>\n\n')
        elif change.status == "added":
            out.append(f'<p class="diff"><ins>{esc(change.new.text)}</ins></p>\n\n')
        elif change.status == "removed":
            out.append(f'<p class="diff"><del>{esc(change.old.text)}</del></p>\n\n')
        else:
            out.append(f"{unit_markdown(change.new, new, site, page)}\n\n")
        out.append(f"[Read it in version {where.id}]({link})\n\n</section>\n\n")
    if unchanged:
        links = ", ".join(f"[{u.new.title()}]({rel(page, page_of(code.code, new.id) + '#' + u.anchor)})" for u in unchanged)
        out.append(f"## Unchanged {{#unchanged}}\n\n{links}.\n\n")
    return "".join(out)


def write_topics(site: Site, root: Path) -> None:
    page = "topics.md"
    out = [front("Topics", description="Equivalent clauses of the codes of conduct, side by side"),
           "# Topics\n\nThe same subject in each code, side by side. Each clause links to its code's current version.\n\n"]
    for topic in site.topics:
        out.append(f"## {topic.title} {{#{topic.id}}}\n\n")
        for code, anchor in topic.clauses:
            version = site.codes[code].current
            unit = version.by_id[anchor]
            out.append(f'<div class="topic-clause" markdown>\n**[{esc(version.short_title)}, {unit.title()}]'
                       f'({rel(page, page_of(code) + "#" + anchor)})**\n\n> {version.scope_text(anchor)}\n\n</div>\n\n')
    out.append(abbreviations(site))
    write(root, page, "".join(out))


def write_glossary(site: Site, root: Path) -> None:
    out = [front("Glossary", description="Abbreviations and terms used in the codes of conduct"),
           "# Glossary\n\nAbbreviations and terms used in the codes. Where a term appears in a code, hover over it "
           "(or focus it) to read its meaning. Documents that the codes mention but that are not published on this "
           "site are explained here.\n\n"]
    for term in sorted(site.glossary.values(), key=lambda t: t.term.casefold()):
        link = f" [Official text]({term.link})." if term.link else ""
        out.append(f"## {term.term} {{#{term.id}}}\n\n{term.meaning}{link}\n\n")
    write(root, "glossary.md", "".join(out))


def codes_list(site: Site, page: str) -> str:
    """The list of codes for the home page and /codes/."""
    rows = ["| Code | Issued by | Current version | In force from |", "|---|---|---|---|"]
    for code in site.codes.values():
        meta = code.current
        rows.append(f"| [{esc(meta.title)}]({rel(page, page_of(code.code))}) | {esc(meta.issuer)} | "
                    f"{esc(code.current.id)} | {day(meta.in_force_from)} |")
    return "\n".join(rows) + "\n"


def write_codes_index(site: Site, root: Path) -> None:
    page = "codes/index.md"
    write(root, page, front("Codes of conduct") + "# Codes of conduct\n\n" + codes_list(site, page)
          + f"\nAll codes and versions as data: [codes/index.json]({rel(page, 'codes/index.json')}).\n")
