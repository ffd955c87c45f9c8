"""The real site, built into a temporary folder: every clause with its anchor, every link resolving,
nothing loaded from another origin, and the data files valid."""

import gzip
import hashlib
import json
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import brotli
import pytest
import yaml

import build_site
from sitebuild import BuildError, annotations, audit, compress, model

ROOT = Path(__file__).resolve().parent.parent
ATOM = "{http://www.w3.org/2005/Atom}"


@pytest.fixture(scope="module")
def content():
    return model.load(ROOT / "docs")


def html(site: Path, page: str) -> str:
    return (site / page / "index.html").read_text(encoding="utf-8")


def test_every_clause_of_every_code_is_on_its_pages_with_a_permanent_link(built_site, content):
    for code in content.codes.values():
        for version in code.versions:
            pages = [html(built_site, f"codes/{code.code}/{version.id}")]
            if version is code.current:
                pages.append(html(built_site, f"codes/{code.code}"))
            for page in pages:
                for unit in version.units:
                    assert f'id="{unit.id}"' in page, f"{code.code}@{version.id}#{unit.id}"
                    if unit.kind != "section":
                        assert f'class="anchor-link" href="#{unit.id}" data-cite="{code.code}@{version.id}#{unit.id}"' in page
                        assert f"{unit.label or '¶'}<span class=\"visually-hidden\"> {unit.title()}, permanent link" in page


def test_the_wording_appears_on_the_page(built_site):
    page = html(built_site, "codes/nec-candidates")
    text = re.sub(r"<[^>]+>", "", page)
    assert "Donations of more than £500 (cash or non-cash) must be from a permissible donor." in text
    assert 'See <a href="#13">section 13</a>' in page
    assert '<abbr title="Someone allowed to give a regulated donee' in page  # explained on hover


def test_a_list_in_a_clause_is_shown_as_a_list_however_the_source_indents_it(built_site, content):
    """Momentum's sources are CommonMark: "terms:" then "  - ..." makes a list there, where Python-Markdown would run the
    items into the sentence before them, hyphens and all. Every item written as one is an item on the page."""
    checked = 0
    for code in content.codes.values():
        page = html(built_site, f"codes/{code.code}")
        for unit in code.current.units:
            items = [m[1] for m in re.finditer(r"^ {0,3}[-*+]\s+(.{1,40})", unit.markdown, re.M)]
            if not items:
                continue
            block = re.search(rf'<div class="unit unit--{unit.kind}" id="{unit.id}">(.*?)</div>', page, re.S)[1]
            shown = [re.sub(r"<[^>]+>", "", li) for li in re.findall(r"<li>(.*?)</li>", block, re.S)]
            for item in items:
                assert any(li.startswith(item) for li in shown), (unit.id, item, shown)
            assert not re.search(r"<p>[^<]*\n\s*- ", block), unit.id
            checked += len(items)
    assert checked >= 7  # Momentum's sanctions (5) and its donation terms (2)


@pytest.mark.parametrize("written, shown", [
    ("Terms:\n  - one\n  - two", "Terms:\n\n- one\n- two"),  # CommonMark's list straight after a line, indented
    ("Terms:\n\n- one\n- two", "Terms:\n\n- one\n- two"),  # Python-Markdown's own way: unchanged
    ("Terms:\n- one\n  goes on\n- two\n\nAfter.", "Terms:\n\n- one\n  goes on\n- two\n\nAfter."),
    ("Text\n1. one\n2. two", "Text\n\n1. one\n2. two"),
    ("In\n2. is not a list's start", "In\n2. is not a list's start"),  # CommonMark: only 1 may interrupt text
    ("A line\nand the next", "A line\nand the next"),
    ("Text\n    - code, not a list", "Text\n    - code, not a list"),  # four spaces or more: left as written
])
def test_lists_are_written_for_python_markdown_as_commonmark_reads_them(written, shown):
    from sitebuild.render import lists_as_written
    assert lists_as_written(written) == shown


def test_a_clauses_related_clauses_are_folded_under_their_topic_and_count_after_its_own_words(built_site, content):
    """A phone reads one clause after another: what other codes say on its topic is one tap away, each a link."""
    page = html(built_site, "codes/nec-candidates")
    for topic, others in content.related("nec-candidates", "8"):
        block = re.search(r'<div class="unit unit--clause" id="8">.*?</div>', page, re.S)[0]
        folded = re.search(rf'<details class="related">\s*<summary>Related clauses in other codes: {re.escape(topic.title)} '
                           rf'\({len(others)}\)</summary>\s*<ul>(.*?)</ul>\s*</details>', block, re.S)
        assert folded, block
        links = re.findall(r'<li><a href="\.\./([^"]+)">', folded[1])
        assert links == [f"{code}/#{anchor}" for code, anchor in others]
        assert block.index("<details") > block.index("anchor-link")


def test_every_internal_link_and_anchor_resolves_and_nothing_loads_from_elsewhere(built_site):
    problems = audit.check(built_site)
    annotations.emit_page_problems(problems, title="A link or anchor leads nowhere")
    assert problems == []


def test_no_page_points_anything_at_another_origin(built_site):
    for path in audit.html_pages(built_site):
        page = audit.read(path)
        for element, url, _ in page.loads:
            assert not re.match(r"^(https?:)?//", url), f"{path}: <{element}> {url}"


def test_every_page_is_titled_once_by_what_it_is_then_the_site(built_site):
    """A browser's tab, history and a search result show the title: each names its page, and none repeats itself."""
    titles = {}
    for path in audit.html_pages(built_site):
        found = re.findall(r"<title>(.*?)</title>", path.read_text(encoding="utf-8"), re.S)
        assert len(found) == 1, f"{path}: {len(found)} titles"
        title = found[0].strip()
        parts = [part.strip() for part in title.split(" - ")]
        assert parts[0] and len(set(parts)) == len(parts), f"{path}: {title!r}"
        titles[path.relative_to(built_site).as_posix()] = title
    assert titles["index.html"] == "Codes of Conduct"


def test_code_pages_fetch_no_pyodide_but_checker_pages_do(built_site):
    assert "assets/checker.js" not in html(built_site, "codes/nec-candidates")
    assert "pyodide" not in html(built_site, "codes/nec-candidates")
    assert "assets/checker.js" in html(built_site, "checkers/donations")


def test_checker_pages_hold_the_themes_script_back_and_a_missing_one_stops_the_build(built_site, tmp_path):
    checker, code = html(built_site, "checkers/donations"), html(built_site, "codes/nec-candidates")
    assert re.search(r'<script type="text/plain" data-theme-script="[^"]*/javascripts/bundle\.[0-9a-f]+\.min\.js">', checker)
    assert not re.search(r'<script src="[^"]*/javascripts/bundle\.', checker)
    assert re.search(r'<script src="[^"]*/javascripts/bundle\.', code)
    page = tmp_path / "checkers" / "x" / "index.html"
    page.parent.mkdir(parents=True)
    page.write_text('<script src="../../assets/checker-boot.js"></script><p>No theme script here.</p>')
    with pytest.raises(BuildError, match="Material's script tag was not found once"):
        build_site.defer_theme_on_checker_pages(tmp_path)


def test_runtime_files_change_name_when_they_change_so_hosts_may_cache_them_for_a_year(built_site):
    assets = built_site / "assets"
    manifest = json.loads((assets / "checkers-runtime.json").read_text())
    version = json.loads((ROOT / "node_modules" / "pyodide" / "package.json").read_text())["version"]
    assert manifest["pyodide"] == f"pyodide/{version}/"
    for name in ("stdlib", "snapshot"):
        assert manifest[name].startswith(manifest["pyodide"])
    snapshot = assets / manifest["snapshot"]
    assert snapshot.name == f"checkers-{hashlib.sha256(snapshot.read_bytes()).hexdigest()[:12]}.snapshot"
    assert manifest["snapshot_bytes"] == snapshot.stat().st_size  # for the progress bar, however it is sent
    assert manifest["snapshot_size"] > snapshot.stat().st_size  # the memory it expands to, given before it arrives
    wheel = assets / manifest["wheel"]
    assert wheel.parent.name == hashlib.sha256(wheel.read_bytes()).hexdigest()[:12]
    for large in (snapshot, assets / manifest["pyodide"] / "pyodide.asm.wasm"):
        assert gzip.decompress(large.with_name(large.name + ".gz").read_bytes()) == large.read_bytes()


def test_large_compressed_copies_are_kept_for_the_next_build_and_only_the_most_recently_used(tmp_path, monkeypatch):
    monkeypatch.setattr(compress, "CACHED_FROM", 10)
    monkeypatch.setenv("BROTLI_QUALITY", "1")
    cache = tmp_path / "compressed"
    datas = [f"a file of the runtime, number {n}, ".encode() * 50 for n in range(compress.MOST_KEPT + 3)]
    for data in datas:
        assert brotli.decompress(compress.brotli_copy(data, cache)) == data
    kept = sorted(cache.glob("*.br"))
    assert len(kept) == compress.MOST_KEPT and not list(cache.glob("*.partial"))
    # The newest are kept, and a kept copy is used rather than made again.
    newest = cache / (hashlib.sha256(datas[-1]).hexdigest()[:24] + "-1.br")
    newest.write_bytes(brotli.compress(b"kept"))
    assert compress.brotli_copy(datas[-1], cache) == brotli.compress(b"kept")
    # A copy another build removed meanwhile is made again.
    newest.unlink()
    assert brotli.decompress(compress.brotli_copy(datas[-1], cache)) == datas[-1]


@pytest.mark.parametrize("given", ["abc", "12", "-1", "4.5", "\u0664"])
def test_a_compression_quality_no_build_can_use_is_said_before_any_work(given, tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("BROTLI_QUALITY", given)
    assert build_site.main(["--site-dir", str(tmp_path / "site"), "--no-runtime"]) == 1
    assert f"BROTLI_QUALITY is {given!r}: set it to a whole number from 0 to 11" in capsys.readouterr().err
    assert not (tmp_path / "site").exists()


@pytest.mark.parametrize("given, used", [("", 11), ("0", 0), (" 4 ", 4), ("11", 11)])
def test_a_compression_quality_from_0_to_11_is_used(given, used, monkeypatch):
    monkeypatch.setenv("BROTLI_QUALITY", given)
    assert compress.quality() == used


def test_version_json_index_and_feed_parse_and_agree(built_site, content):
    index = json.loads((built_site / "codes" / "index.json").read_text())
    assert {c["code"] for c in index["codes"]} == set(content.codes)
    nec = json.loads((built_site / "codes" / "nec-candidates" / "original.json").read_text())
    assert nec["citation"] == "nec-candidates@original"
    assert nec["in_force_from"] is None
    clause = next(c for c in nec["clauses"] if c["id"] == "1")
    assert clause["links"] == [{"text": "section 13", "kind": "clause", "target": "nec-candidates@original#13",
                                "url": "codes/nec-candidates/original/#13"}]
    feed = ET.parse(built_site / "feed.xml").getroot()
    ids = [e.find(f"{ATOM}id").text for e in feed.findall(f"{ATOM}entry")]
    assert "urn:codes-of-conduct:momentum-ncg-elections@2022" in ids
    # An entry for each version, each note on the law (a new note is news), each proposal, and each correction the
    # lock records (a reader of the feed may have read what it corrects).
    recorded = yaml.safe_load((ROOT / "docs" / "codes.lock.yml").read_text(encoding="utf-8"))
    corrections = {key: entry.get("corrections") or [] for key, entry in recorded.items() if key != "law"}
    corrections |= {f"law:{figure}": entry.get("corrections") or [] for figure, entry in recorded.get("law", {}).items()}
    assert len(ids) == len(set(ids)) == (sum(len(c.versions) for c in content.codes.values()) + len(content.notes)
                                         + len(content.proposals) + sum(map(len, corrections.values())))
    momentum = corrections["momentum-ncg-elections@2022"]
    assert f"urn:codes-of-conduct:momentum-ncg-elections@2022:correction:{len(momentum)}" in ids
    published = json.loads((built_site / "codes" / "momentum-ncg-elections" / "2022.json").read_text())
    assert published["corrections"] == [{"date": str(c["date"]), "reason": c["reason"]} for c in momentum]
    assert "corrections" not in json.loads((built_site / "codes" / "leadership" / "original.json").read_text())
    assert next(n for n in content.notes if n.clause == "12" and n.code == "nec-candidates").urn in ids
    bill = next(p for p in content.proposals if p.id == "representation-of-the-people-bill")
    assert f"urn:codes-of-conduct:proposal:representation-of-the-people-bill:{bill.date.isoformat()}" in ids
    assert [n["clause"] for n in nec["notes"]] == ["2", "12"]


def test_the_site_says_what_it_is(built_site):
    page = html(built_site, "codes/nec-candidates")
    assert re.search(r"Site version <code>[0-9a-f]{7,12}|Site version <code>unknown", page)
    assert "Published on this site" in page and "not stated" in page


def test_the_site_works_under_a_sub_path(docs_copy, tmp_path):
    site = tmp_path / "site"
    build_site.build(docs_copy, site, site_url="https://example.github.io/codes/", with_runtime=False)
    assert audit.check(site, "/codes/") == []
    assert '<link rel="canonical" href="https://example.github.io/codes/codes/nec-candidates/">' in html(
        site, "codes/nec-candidates")
    feed = (site / "feed.xml").read_text()
    assert 'href="https://example.github.io/codes/codes/nec-candidates/original/"' in feed


def test_a_generator_plugin_failing_on_a_page_is_a_message_naming_the_page_not_a_traceback(docs_copy, tmp_path, capsys):
    # mkdocstrings fails with AttributeError on an options block left empty.
    reference = docs_copy / "reference" / "index.md"
    text = reference.read_text(encoding="utf-8")
    block = "::: checkers.validation\n    options:\n      members: [Errors, read_request, read_fields, read_rows]\n"
    assert block in text
    reference.write_text(text.replace(block, "::: checkers.validation\n    options:\n"), encoding="utf-8")
    site = tmp_path / "site"
    assert build_site.main(["--docs", str(docs_copy), "--site-dir", str(site), "--no-runtime"]) == 1
    said = capsys.readouterr().err
    assert "MkDocs stopped while generating the site" in said and "Error reading page 'reference/index.md'" in said
    assert "Traceback" not in said and "The build stopped; the previous site/ is unchanged." in said
    assert not site.exists()
