"""The generated pages: each code's current and permanent version pages, comparisons, topics, glossary."""

from __future__ import annotations

import json
from pathlib import Path

import checkers
from checkers import scenario
from checkers.citation import checker_url
from checkers.content import Code, CodeVersion
from checkers.contract import AFTER_TODAY
from checkers.money_and_dates import sentence

from . import diff, law, templates
from .model import Site
from .render import NOT_STATED, abbreviations, day, esc, href, page_of, rel, unit_markdown


def write(root: Path, page: str, text: str) -> None:
    path = root / page
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def comparison_page(code: str, old: str, new: str) -> str:
    return f"codes/{code}/compare/{old}-to-{new}/index.md"


def comparisons(code: Code) -> list[tuple[CodeVersion, CodeVersion]]:
    """Consecutive pairs, and every earlier version against the current one."""
    pairs = list(zip(code.versions, code.versions[1:], strict=False))
    pairs += [(v, code.current) for v in code.versions[:max(0, code.current.index - 1)]]
    # The current page says what the next version in force changes: from the current one, whatever lies between.
    if code.upcoming and (code.current, code.upcoming[0]) not in pairs:
        pairs.append((code.current, code.upcoming[0]))
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
    units = "".join(templates.macro("unit.md.j2", "unit_block")(
        unit, version, unit_markdown(unit, version, site, page), _unit_extras(site, code, version, unit, page))
        for unit in version.units)
    # The current version's permanent page repeats /codes/<id>/: keep it out of search results.
    return templates.render(
        "version.md.j2", site=site, code=code, version=version, page=page, is_current_page=is_current_page,
        search=not (version is code.current and not is_current_page), units=units, until=_until(version, code),
        in_force=_in_force_words(version, code), after_today=AFTER_TODAY, published_late=_published_late(code, version),
        example_anchor=next((u.id for u in version.units if u.kind == "clause"), version.units[0].id if version.units else ""),
        removed=" ".join(u for u in version.by_id if u not in code.current.by_id),
        history=history_rows(code, page), dates=_dates(code, page), links=version_links(code, version, page),
        abbreviations=abbreviations(site), notes=site.notes_of(code.code, version.id),
        figures_words=law.figures_currency(site.law, site.today) if site.law else "",
        notes_words=law.notes_currency(list(site.notes_of(code.code, version.id).values()), site.today),
        proposals=[p for p in site.proposals if any(c.work == version.citation for c in p.clauses)],
        checker_titles={name: checker.title for name, checker in checkers.CHECKERS.items()},
        comparison_of=comparison_page,
        upcoming_comparison=(rel(page, comparison_page(code.code, code.versions[version.index - 1].id, version.id))
                             if version.index > code.current.index else None))


def _until(version: CodeVersion, code: Code) -> str:
    if version.until:
        return esc(day(version.until))
    return "still in force" if _still_in_force(version, code) else NOT_STATED


def _still_in_force(version: CodeVersion, code: Code) -> bool:
    return version is code.current and version.standing == "in-force"


def _in_force_words(version: CodeVersion, code: Code) -> str:
    """A version's dates as the "as at" banner gives them after "This is version 2020, " (assets/site.js): each day
    the source states, and for one it does not, that it does not (never "from not stated")."""
    still = _still_in_force(version, code)
    unstated = "the code does not state when it came into force"
    if version.in_force_from:
        start = f"in force from {day(version.in_force_from)}"
        if version.until:
            return f"{start} until {day(version.until)}"
        return f"{start}, and still in force" if still else f"{start}; the day it stopped being in force is not stated"
    if version.until:
        return f"in force until {day(version.until)}; {unstated}"
    return f"still in force; {unstated}" if still else f"{unstated}, or until when"


def _published_late(code: Code, version: CodeVersion) -> str:
    """Where a version, or the one after it, took effect before this site published it: the days between, for which
    the site showed the earlier version as in force, said on both pages."""
    pairs = []
    if version.index:
        pairs.append((version, "This version", f"version {code.versions[version.index - 1].id}"))
    if version.index + 1 < len(code.versions):
        successor = code.versions[version.index + 1]
        pairs.append((successor, f"Version {successor.id}", "this version"))
    return " ".join(f"{name} took effect on {day(later.in_force_from)}, before this site published it on "
                    f"{day(later.published_here)}. Until then, this site showed {earlier} as in force from "
                    f"{day(later.in_force_from)} on." for later, name, earlier in pairs
                    if later.in_force_from and later.in_force_from < later.published_here)


def _unit_extras(site: Site, code: Code, version: CodeVersion, unit, page: str) -> str:
    parts = []
    note = site.notes_of(code.code, version.id).get(unit.id)
    if note:
        parts.append(templates.macro("law_note.html.j2", "law_note")(note, site.law, page, site.today))
    for proposal in site.proposals_on(code.code, version.id, unit.id):
        parts.append(templates.macro("law_note.html.j2", "proposal_note")(proposal, page, site.today))
    if version is code.current:
        for topic, others in site.related(code.code, unit.id):
            if others:
                links = [(site.codes[c].current.short_title, site.codes[c].current.by_id[a].title(),
                          rel(page, page_of(c) + "#" + a)) for c, a in others]
                parts.append(templates.macro("related.md.j2", "related")(topic.title, links))
    if len(code.versions) > 1 and unit.kind != "section":
        parts.append(clause_history(code, version, unit.id, page, site.notes_of))
    if unit.kind != "section":
        parts += [clause_link(name, checker.from_clause, version, unit, page)
                  for name, checker in checkers.CHECKERS.items() if checker.from_clause and name in version.rules]
    return "\n".join(parts) + ("\n" if parts else "")


def clause_link(name: str, link, version: CodeVersion, unit, page: str) -> str:
    """A checker's link from a clause ("Report a breach of this clause"): its form with this version's clause chosen,
    and the rest left to the reader (#prefill=)."""
    answers = {"code": version.code, "version": version.id, link.field: unit.id}
    target = href(page, checker_url(name) + "index.md") + scenario.fragment(answers, scenario.PREFILL)
    return templates.macro("clause_link.html.j2", "clause_link")(target, link.label, unit.title(), name)


HISTORY_SPAN = 6  # runs of wording shown on each side of the version being read


def clause_history(code: Code, version: CodeVersion, anchor: str, page: str, notes_of=None) -> str:
    """The clause in other versions: runs of identical wording, a few on each side of this version.

    Grouping and the cap keep every page's size independent of how many versions a code has. `notes_of` gives
    a version's notes on the law by clause, so that the list says which versions have one on this clause."""
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
        for first_, last_, key_ in filter(None, pieces):
            target = last_ if last_ is code.current else first_
            noted = [v.id for v in code.versions[first_.index:last_.index + 1]
                     if notes_of and anchor in notes_of(code.code, v.id)]
            items.append({"key": key_, "single": first_ is last_, "current": " (current)" if last_ is code.current else "",
                          "noted": noted,
                          "names": f"version {first_.id}" if first_ is last_ else f"versions {first_.id} to {last_.id}",
                          "same": "same wording" if key_ == mine else "different wording",
                          "href": href(page, page_of(code.code, target.id) + "#" + anchor)})
    more = href(page, page_of(code.code) + "#versions") if here > HISTORY_SPAN or here + HISTORY_SPAN + 1 < len(runs) else None
    return templates.render("clause_history.html.j2", items=items, more=more).rstrip("\n")


def version_links(code: Code, version: CodeVersion, page: str) -> list[str]:
    """On a version's permanent page: its neighbours, the current version and the full history."""
    links = []
    if version.index:
        previous = code.versions[version.index - 1]
        links.append(f"[previous version ({previous.id})]({rel(page, page_of(code.code, previous.id))}), "
                     f"[changes from it]({rel(page, comparison_page(code.code, previous.id, version.id))})")
    if version.index + 1 < len(code.versions):
        following = code.versions[version.index + 1]
        links.append(f"[next version ({following.id})]({rel(page, page_of(code.code, following.id))})")
    if version is not code.current:
        links.append(f"[current version ({code.current.id})]({rel(page, page_of(code.code))})")
    links.append(f"[all versions, with dates and comparisons]({rel(page, page_of(code.code) + '#versions')})")
    return links


def history_rows(code: Code, page: str) -> list[dict]:
    """The current page's table of versions: each with its dates and the comparisons that concern it."""
    rows = []
    for other in code.versions:
        name = f"[{other.id}]({rel(page, page_of(code.code, other.id))})" + (" (current)" if other is code.current else "")
        compare = ""
        if other.index:
            previous = code.versions[other.index - 1]
            compare = f"[changes from {previous.id}]({rel(page, comparison_page(code.code, previous.id, other.id))})"
        if other.index < code.current.index - 1:
            compare += (" · " if compare else "") + \
                f"[compare with current]({rel(page, comparison_page(code.code, other.id, code.current.id))})"
        until = day(other.until) if other.until else ("still in force" if other is code.current else "not stated")
        if other.standing == "not-yet-in-force":
            name += f" (comes into force on {day(other.in_force_from)})"
        rows.append({"version": other, "name": name, "until": until, "compare": compare})
    return rows


def _dates(code: Code, page: str) -> str:
    """What the "as at a date" picker reads: each version's period and address."""
    return json.dumps([{"version": v.id, "from": v.in_force_from.isoformat() if v.in_force_from else None,
                        "until": v.until.isoformat() if v.until else None,
                        "url": href(page, page_of(code.code, v.id))} for v in code.versions])


def comparison(site: Site, code: Code, old: CodeVersion, new: CodeVersion, page: str) -> str:
    changes = diff.compare(old.units, new.units)
    shown, unchanged = [], []
    for change in changes:
        if change.status == "unchanged" and not change.renumbered:
            unchanged.append(change)
            continue
        unit = change.new or change.old
        where = new if change.new else old
        shown.append({
            "change": change, "where": where, "heading": sentence(unit.title()),
            "status": change.status + (f" (was {change.old.title()})" if change.renumbered else ""),
            "link": rel(page, page_of(code.code, where.id) + "#" + change.anchor),
            "words": diff.words(change.old.text, change.new.text) if change.status == "changed" else "",
            "markdown": unit_markdown(change.new, new, site, page) if change.status == "unchanged" else ""})
    return templates.render("comparison.md.j2", code=code, old=old, new=new, page=page, counts=diff.summary(changes),
                            changes=shown, unchanged=unchanged)


def write_topics(site: Site, root: Path) -> None:
    page = "topics.md"
    write(root, page, templates.render("topics.md.j2", topics=site.topics, codes=site.codes, page=page,
                                       abbreviations=abbreviations(site), site=site))


def write_law(site: Site, root: Path) -> None:
    """The law's figures, each value dated (or "date not confirmed") with its sources, and every note on the law."""
    if site.law is None:
        return
    page = "law/index.md"
    notes = [(note, site.codes[note.code].get(note.version)) for note in site.notes]
    write(root, page, templates.render("law.md.j2", law=site.law, notes=notes, page=page, proposals=site.proposals,
                                       corrections=site.law_corrections,
                                       today=site.today, figures_words=law.figures_currency(site.law, site.today)))


def write_glossary(site: Site, root: Path) -> None:
    write(root, "glossary.md", templates.render(
        "glossary.md.j2", terms=sorted(site.glossary.values(), key=lambda t: t.term.casefold())))


def codes_list(site: Site, page: str) -> str:
    """The list of codes for the home page and /codes/."""
    return templates.render("codes_list.md.j2", codes=site.codes, page=page)


def checkers_list(page: str) -> str:
    """The checkers, each by its question, for the home page's first screen."""
    listed = [(checker_url(name) + "index.md", c.title) for name, c in checkers.CHECKERS.items()]
    return templates.render("checkers_list.md.j2", checkers=listed, page=page)


def write_codes_index(site: Site, root: Path) -> None:
    page = "codes/index.md"
    write(root, page, templates.render("codes_index.md.j2", page=page, codes_list=codes_list(site, page)))
