"""Quality gates on the built sites: valid HTML, accessible pages (light and dark), and a crawl in
Chromium proving that no page requests anything from another origin. Each failure names the page,
the element and the rule. (At a phone's width, and the keyboard's focus: tests/test_reach.py.)"""

import datetime as dt
import json
import subprocess
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import expect

from checkers import case
from sitebuild import annotations, audit
from tests.forms import check_one_donation, open_reasoning, share_link

ROOT = Path(__file__).resolve().parent.parent
VNU = ROOT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]
READY = 60_000


@pytest.mark.java
def test_every_page_is_valid_html(built_site, fixture_site):
    pages = [str(p) for site in (built_site, fixture_site) for p in audit.html_pages(site)]
    result = subprocess.run(["java", "-jar", str(VNU), "--errors-only", "--format", "json", *pages],
                            capture_output=True, text=True, timeout=300)
    messages = json.loads(result.stderr or '{"messages": []}')["messages"]
    problems = [f"{m['url'].split('/site/')[-1]}:{m.get('lastLine')}: {m['message']} ({m.get('extract', '').strip()[:80]})"
                for m in messages if m["type"] == "error"]
    annotations.emit_page_problems(problems, title="A page is not valid HTML")
    assert problems == []


# Parts laid out only once scrolled to (content-visibility: auto) are placed by an estimate of their height until
# then, and the footer with them: axe would test their colours against whatever the estimate puts behind them. Each is
# brought into view, as a reader scrolling down would, and the page is tested as it then stands.
RENDER_DEFERRED = """async () => {
    const frame = () => new Promise(done => requestAnimationFrame(() => requestAnimationFrame(done)));
    const at = scrollY;
    for (const part of document.querySelectorAll('*')) {
        if (getComputedStyle(part).contentVisibility === 'auto') { part.scrollIntoView(); await frame(); }
    }
    scrollTo(0, at);
    await frame();
}"""


# The rules a colour scheme can break: the schemes differ only in colours (overrides/assets/site.css), so the dark
# scheme is checked by these alone, every other rule once, in the light.
COLOUR_RULES = ["color-contrast", "link-in-text-block"]


# Only the violations are read: axe then gathers one node of each rule that passed rather than every one, and the
# page sends back only what a message names (gathering and sending every result was half of the axe tests' time).
AXE_RUN = """(only) => axe.run(document, {runOnly: only, resultTypes: ['violations']}).then((found) => found.violations.map(
    (v) => ({id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.slice(0, 5).map((n) => ({target: n.target}))})))"""


def axe_results(page, rules: list[str] | None = None) -> dict:
    """axe's violations on the page as it stands: {"violations": [{id, impact, help, nodes: [{target}]}]}."""
    page.evaluate(RENDER_DEFERRED)
    page.add_script_tag(path=str(AXE))
    only = {"type": "rule", "values": rules} if rules else {"type": "tag", "values": AXE_TAGS}
    return {"violations": page.evaluate(AXE_RUN, only)}


def axe_violations(page, rules: list[str] | None = None) -> list[str]:
    results = axe_results(page, rules)
    # The page as the site names it ("codes/nec-candidates/index.html"), for the annotation's file.
    path = urlsplit(page.url).path.lstrip("/")
    page_file = path if path.endswith(".html") else path + "index.html"
    return [f"{page_file}: {v['id']} ({v['impact']}): {v['help']} at {[n['target'] for n in v['nodes']][:5]}"
            for v in results["violations"]]


def fill_and_check(page, site_url: str, with_errors: bool):
    check_one_donation(page, site_url, "nec-candidates", "Ann", "x" if with_errors else "2000", "2024-01-01")
    expect(page.locator(".field-error" if with_errors else "#result-heading").first).to_be_visible(timeout=READY)
    if not with_errors:
        open_reasoning(page)


@pytest.mark.browser
@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_every_kind_of_page_has_no_accessibility_violation(browser, site_url, fixture_site_url, scheme, tmp_path):
    # axe is injected as a script, so this context alone sets the page's Content-Security-Policy aside.
    context = browser.new_context(bypass_csp=True, color_scheme=scheme)
    page = context.new_page()
    rules = COLOUR_RULES if scheme == "dark" else None
    problems = []
    # What only a desktop's width shows (the navigation and contents beside the text), and the fixture's pages, which
    # nothing else reads; in the light theme, every rule on every page of the site is read at 320 px
    # (tests/test_reach.py), so the rest is read here for the dark theme's colours only.
    desktop = [site_url + path for path in ("", "codes/nec-candidates/", "checkers/", "checkers/campaign/")] + [
        fixture_site_url + "codes/fixture-candidates/2020/", fixture_site_url + "codes/fixture-candidates/compare/2020-to-2022/"]
    rest = [site_url + path for path in ("codes/momentum-ncg-elections/2022/", "codes/momentum-ncg-elections/",
                                         "codes/confidentiality-privacy/", "topics/", "glossary/", "maintainers/",
                                         "developers/", "reference/", "law/", "checkers/disclosure/", "checkers/complaint/",
                                         "checkers/nominations/", "checkers/suspension/")]
    pages = desktop + rest if scheme == "dark" else desktop
    for url in pages:
        page.goto(url)
        problems += axe_violations(page, rules)
    for with_errors in (False, True):
        fill_and_check(page, site_url, with_errors)
        problems += axe_violations(page, rules)
    # The answers of the newer checkers: activities, a drafted complaint with its buttons, the law beside a finding.
    for checker, request, ready in [
            ("campaign", {"code": "local-government-selections", "on": "2026-03-04",
                          "area_timetable_published": "2026-03-05"}, "#result-heading"),
            ("complaint", {"code": "momentum-ncg-elections", "clause": "code-of-conduct-3",
                           "what": "A post disparaged a candidate."}, ".checker-draft"),
            ("donations", {"code": "nec-candidates", "donations": [
                {"donor": "A", "amount": "1700", "received": "2024-03-01"}]}, "#result-heading")]:
        page.goto(share_link(site_url, checker, request))
        expect(page.locator(ready).first).to_be_visible(timeout=READY)
        open_reasoning(page)  # the reasoning, the clauses and the law beside them, as a reader unfolds them
        expect(page.locator(".checker-keep")).to_be_visible(timeout=READY)
        problems += axe_violations(page, rules)
    problems += _case_states(page, site_url, tmp_path, rules)
    context.close()
    annotations.emit_page_problems(problems, title="A page has an accessibility problem")
    assert problems == []


def _case_states(page, site_url, folder, rules: list[str] | None) -> list:
    """My case as a candidate meets it: nothing kept, a case with its deadlines, the same case locked; and the
    checker page's panel offering its elections."""
    made = case.add_election(case.empty(), "NEC 2026")
    kept = case.keep(made["case"], made["election"], "donations", {"code": "nec-candidates", "donations": [
        {"donor": "A", "amount": "1700", "received": "2024-03-01", "permissible": True}]}, dt.date(2024, 3, 2))
    file = folder / "case.json"
    file.write_text(json.dumps(kept["case"]), encoding="utf-8")
    problems = []
    page.goto(site_url + "case/")
    expect(page.locator(".case-none")).to_be_visible(timeout=READY)
    problems += axe_violations(page, rules)
    page.set_input_files(".case-import", str(file))
    expect(page.locator(".case-todo li")).to_have_count(1, timeout=READY)
    problems += axe_violations(page, rules)
    page.goto(site_url + "checkers/donations/")
    expect(page.locator(".case-choose")).to_be_visible(timeout=READY)
    problems += axe_violations(page, rules)
    page.goto(site_url + "case/")
    expect(page.locator(".case-todo li")).to_have_count(1, timeout=READY)
    page.fill("#case-new-passphrase", "a passphrase")
    page.fill("#case-new-passphrase-again", "a passphrase")
    page.click(".case-lock-form button[type=submit]")
    expect(page.locator(".case-status")).to_contain_text("now encrypted", timeout=READY)
    page.reload()
    expect(page.locator(".case-unlock")).to_be_visible(timeout=READY)
    problems += axe_violations(page, rules)
    return problems


@pytest.mark.browser
def test_a_crawl_of_every_page_requests_nothing_from_another_origin_and_stores_nothing(browser, built_site, site_url):
    """Every page, left until the network is quiet (a checker's Python started and ready): no request leaves the
    site's origin, and nothing is put in the browser's storage unasked (tests/test_browser.py has the one thing a
    reader's choice keeps, their colour scheme)."""
    context = browser.new_context()
    outside = []
    context.on("request", lambda r: outside.append(r.url) if not (r.url.startswith(site_url) or r.url.startswith("data:"))
               else None)
    page = context.new_page()
    stored = []
    for path in audit.html_pages(built_site):
        relative = path.relative_to(built_site).as_posix().removesuffix("index.html")
        page.goto(site_url + relative)
        page.wait_for_load_state("networkidle")
        if page.evaluate("localStorage.length + sessionStorage.length"):
            stored.append(f"/{relative}: {page.evaluate('Object.keys({...localStorage, ...sessionStorage}).join()')}")
    context.close()
    assert outside == []
    assert stored == []


def test_every_page_carries_the_content_security_policy(built_site):
    for path in audit.html_pages(built_site):
        csp = audit.read(path).csp
        assert csp and "default-src 'self'" in csp and "'wasm-unsafe-eval'" in csp, path
