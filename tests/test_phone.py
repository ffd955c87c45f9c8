"""A candidate on a phone (390 × 844, touch), new to the site, in Chromium: every checker and each worked example.
The form comes first and fits the screen; every control is big enough for a thumb; after Check, what to do is
focused and on the first screen; every donation is accounted for; an invalid form says so at the top, in words,
with links that take the reader to each field; and axe finds nothing."""

import datetime as dt
import json
import re
import time
from pathlib import Path

import pytest
from playwright.sync_api import expect

import checkers
from checkers import case as case_file
from tests import checkercases
from tests.forms import DRAWER_LINK_TO_TAP, fill_donation, search_for, wait_until
from tests.test_gates import axe_violations

pytestmark = pytest.mark.browser
READY = 60_000
PHONE = {"width": 390, "height": 844}
# A field's path, or a row's number in brackets: what a reader must never meet in a message.
PATH = re.compile(r"\b[a-z_]+\[\d+\]|\b[a-z]+_[a-z_]+\b|\b[a-z_]+\.[a-z_]+\b")
EXAMPLES = [case for case in checkercases.load() if case.get("example")]


@pytest.fixture
def phone(browser):
    # axe is injected as a script, so the page's Content-Security-Policy is set aside in this context.
    context = browser.new_context(viewport=PHONE, has_touch=True, is_mobile=True, bypass_csp=True,
                                  service_workers="block")
    yield context.new_page()
    context.close()


def overflow(page) -> int:
    """How far the document is wider than the screen, in pixels (0 when it fits)."""
    return page.evaluate("document.documentElement.scrollWidth - window.innerWidth")


def too_small(page) -> list[str]:
    """Every visible control and button of the page's content under 44 px tall, named."""
    return page.evaluate("""() => [...document.querySelectorAll(
        '.md-content input:not([type=hidden]), .md-content select, .md-content textarea, .md-content button, .md-content .md-button')]
      .filter((e) => e.checkVisibility() && e.getBoundingClientRect().height < 44)
      .map((e) => `${e.tagName.toLowerCase()}#${e.id || e.className}: ${Math.round(e.getBoundingClientRect().height)} px`)""")


def in_first_screen(page, selector: str) -> bool:
    box = page.locator(selector).bounding_box()
    return box is not None and box["y"] >= 0 and box["y"] + box["height"] <= PHONE["height"]


@pytest.mark.parametrize("checker", sorted({c["checker"] for c in EXAMPLES}))
def test_each_worked_example_on_a_phone(phone, site_url, checker):
    """A checker's worked examples tapped one after another, as a reader reads down the page: each answer leads with
    what to do, on the first screen, names every donation, fits the phone, and holds nothing from the one before."""
    page = phone
    page.goto(site_url + f"checkers/{checker}/")
    # The question and the form on the first screen: nothing long before the first field.
    assert in_first_screen(page, "#code"), "the form's first field is below the first screen"
    assert overflow(page) == 0
    expect(page.locator(".checker-progress-text")).to_have_text("Ready.", timeout=READY)
    assert too_small(page) == []
    examples = page.locator("h3[id^=example-]")
    names = examples.evaluate_all("hs => hs.map((h) => h.firstChild.textContent.trim())")
    for case in (c for c in EXAMPLES if c["checker"] == checker):
        page.evaluate("document.querySelector('#result-heading')?.removeAttribute('id')")  # the answer before
        page.locator("text=Open this example in the checker").nth(names.index(case["name"])).tap()
        heading = page.locator("#result-heading")
        expect(heading).to_be_focused(timeout=READY)
        expected = checkers.run(checker, case["request"])
        expect(heading).to_have_text(expected["todo_heading"])
        assert in_first_screen(page, "#result-heading"), "what to do is not on the first screen after Check"
        result = page.locator(".checker-result")
        for item in expected["todo"]:
            expect(result.locator(".todo")).to_contain_text(item["text"])
        assert result.locator(".todo > li").count() == len(expected["todo"]), case["name"]
        # Every donation in the request is in the answer, by its donor's name, before the reasoning.
        shown = page.locator(".checker-result-body > :not(.checker-reasoning)").all_inner_texts()
        for donation in case["request"].get("donations", []):
            assert any(donation["donor"].strip() in text for text in shown), donation
        assert overflow(page) == 0
        assert too_small(page) == []
        page.locator(".checker-reasoning > summary").tap()
        assert overflow(page) == 0
        assert axe_violations(page) == []


@pytest.mark.parametrize("checker", list(checkers.CHECKERS))
def test_an_invalid_form_on_a_phone_is_summarised_at_the_top_with_links_to_its_fields(phone, site_url, checker):
    page = phone
    page.goto(site_url + f"checkers/{checker}/")
    expect(page.locator(".checker-progress-text")).to_have_text("Ready.", timeout=READY)
    # A date no one can mean, where every form asks one: the version in force on a day.
    page.locator(".checker-as-of > summary").tap()
    page.fill("#as_of", "31/2/2024")
    for selector, bad in (("input[inputmode=decimal]:visible", "12x"), ("input[inputmode=numeric]:visible", "-1")):
        if page.locator(selector).count():
            page.locator(selector).first.fill(bad)
    page.locator("button[type=submit]").tap()
    summary = page.locator(".error-summary")
    expect(summary).to_be_focused(timeout=READY)
    assert in_first_screen(page, ".error-summary h2")
    links = summary.locator("li a")
    assert links.count() >= 1
    for text in summary.locator("li").all_inner_texts() + page.locator(".field-error").all_inner_texts():
        assert not PATH.search(text), text
    for i in range(links.count()):
        links.nth(i).tap()
        focused = page.evaluate("document.activeElement.closest('#checker-form') !== null && "
                                "document.activeElement.matches('input, select, textarea')")
        assert focused, links.nth(i).inner_text()
    assert overflow(page) == 0
    assert axe_violations(page) == []


def test_a_date_typed_the_uk_way_is_taken_and_echoed_back_unambiguously(phone, site_url):
    page = phone
    page.goto(site_url + "checkers/donations/")
    expect(page.locator("#donations-0-received")).to_have_attribute("type", "text")
    expect(page.locator("#donations-0-received-hint")).to_contain_text("For example, 27/3/2024 or 27 March 2024.")
    page.select_option("#code", "nec-candidates")
    page.fill("#donations-0-donor", "A")
    page.fill("#donations-0-amount", "1700")
    page.fill("#donations-0-received", "3/4/2024")
    page.locator("button[type=submit]").tap()
    expect(page.locator("#donations-0-received + .read-as")).to_have_text("Read as 3 April 2024", timeout=READY)


def test_the_code_is_asked_for_or_taken_from_the_page_the_reader_came_from(phone, site_url):
    page = phone
    page.goto(site_url + "checkers/donations/")
    expect(page.locator("#code")).to_have_value("")  # three codes have donation rules: none is assumed
    options = page.locator("#code option").all_inner_texts()
    assert len(options) == len(set(options))  # each version offered once
    page.goto(site_url + "codes/nec-candidates/")
    page.locator(".checker-links a", has_text="Donations and spending").tap()
    expect(page.locator("#code")).to_have_value("nec-candidates")


def test_a_complaints_clause_is_found_by_its_words_and_the_draft_wraps(phone, site_url):
    page = phone
    page.goto(site_url + "checkers/complaint/")
    clause = page.locator("#clause")
    expect(clause.locator("optgroup[label='Social Media Policy']")).to_have_count(1)
    expect(clause.locator("option[value=code-of-conduct-3]")).to_contain_text(re.compile(r"^clause 3: \S"))
    # Words further on than the start an option shows: clause 3 shows "No candidate or persons acting on behalf of a
    # candidate will use their own…", and goes on to "personally disparage".
    page.fill("#clause-filter", "personally disparage")
    expect(clause.locator("option:not([value=''])")).to_have_count(1)
    expect(clause.locator("option:not([value=''])")).to_have_attribute("value", "code-of-conduct-3")
    # How many are left is said, also to a screen reader, which hears nothing of a select's options changing.
    count = page.locator(".option-filter-count[role=status]")
    clauses = sum(len(group["options"]) for spec in checkers.describe("complaint")["inputs"]
                  for group in spec.get("option_groups") or ())
    expect(count).to_have_text(f"Found: 1 of {clauses}.")
    page.fill("#clause-filter", "personally disparage zebra")
    expect(clause.locator("option:not([value=''])")).to_have_count(0)
    expect(count).to_have_text(checkers.contract.LABELS["no_option_found"])
    page.fill("#clause-filter", "")
    expect(count).to_have_text("")
    page.fill("#clause-filter", "social media checks")
    expect(clause.locator("option:not([value=''])")).to_have_count(1)
    found = clause.locator("option:not([value=''])").get_attribute("value")
    clause.select_option(found)
    page.fill("#clause-filter", "")
    expect(clause).to_have_value(found)  # clearing the filter keeps the choice
    page.fill("#what", "x" * 400)
    page.locator("button[type=submit]").tap()
    expect(page.locator(".checker-draft")).to_be_visible(timeout=READY)
    assert overflow(page) == 0


def test_may_i_share_this_asks_one_question_at_a_time_and_the_texts_words_are_a_tap_away(phone, site_url):
    page = phone
    page.goto(site_url + "checkers/disclosure/")
    visible = page.locator("[data-question]:visible")
    expect(visible).to_have_count(2)  # the code, and the first question
    wording = page.locator("[data-question=information] details.wording")
    wording.locator("summary").tap()
    expect(wording).to_contain_text("“minutes of Labour Party meetings”")
    page.locator("label[for=information-8]").tap()  # "None of these"
    expect(visible.last).to_have_attribute("data-question", "disciplinary_case")


def test_search_finds_a_clause_first_and_holds_no_form_template_or_api_reference(page, site_url, built_site):
    index = json.loads((built_site / "search" / "search_index.json").read_text(encoding="utf-8"))
    assert not [doc["location"] for doc in index["docs"] if "__n__" in doc["text"] or "__i__" in doc["text"]]
    assert not [doc["location"] for doc in index["docs"] if doc["location"].startswith("reference/")]
    page.goto(site_url)
    expect(page.locator(".md-search-result__meta")).to_have_text("Type to start searching", timeout=15_000)
    search_for(page, "social media")
    # The first result that holds the query (a code's page heads its results, its clauses under it) is a clause.
    first = page.locator(".md-search-result__item > a[href*='h=social']").first
    expect(first).to_have_attribute("href", re.compile(r"/codes/[^?]+\?h=social\b[^#]*#"), timeout=15_000)


def test_on_a_checker_page_search_is_shown_before_the_themes_script_runs_and_a_tap_on_it_searches(phone, site_url):
    page = phone
    page.goto(site_url + "checkers/donations/")
    expect(page.locator(".checker-progress")).to_contain_text("Ready.", timeout=60_000)
    button = page.locator("label.md-header__button[for=__search]")
    expect(button).to_be_visible()
    assert page.locator("script[src*='/javascripts/bundle.']").count() == 0  # still held back
    button.tap()
    query = page.locator("input[data-md-component=search-query]")
    expect(query).to_be_visible()
    expect(page.locator(".md-search-result__meta")).to_have_text("Type to start searching", timeout=15_000)
    search_for(page, "social media")
    expect(page.locator(".md-search-result__item > a[href*='h=social']").first).to_have_attribute(
        "href", re.compile(r"[?&]h=social\b"), timeout=15_000)


def test_on_a_checker_page_a_search_box_reached_by_keyboard_before_the_themes_script_runs_shows_results(phone, site_url):
    page = phone
    held = []
    page.route(re.compile(r"/javascripts/bundle\.[0-9a-f]+\.min\.js$"), lambda route: held.append(route))
    page.goto(site_url + "checkers/nominations/")
    # The keyboard reaches the search box; the theme's script is asked for then, and arrives only afterwards.
    for _ in range(12):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.matches('[data-md-component=search-query]')"):
            break
    deadline = time.monotonic() + 10
    while not held and time.monotonic() < deadline:
        page.wait_for_timeout(50)
    assert held, "the theme's script was not asked for when the keyboard reached the header"
    held[0].continue_()
    wait_until(page, "typeof window.component$ !== 'undefined'", 10_000)
    page.keyboard.type("social media")
    expect(page.locator(".md-search-result__item").first).to_be_visible(timeout=10_000)


def test_on_a_checker_page_the_colour_switch_is_shown_before_the_themes_script_runs_and_one_tap_switches(phone, site_url):
    page = phone
    page.goto(site_url + "checkers/donations/")
    expect(page.locator(".checker-progress")).to_contain_text("Ready.", timeout=60_000)
    switch = page.locator("[data-md-component=palette] label:not([hidden])")
    expect(switch).to_have_count(1)
    expect(switch).to_be_visible()
    assert page.locator("script[src*='/javascripts/bundle.']").count() == 0  # still held back
    before = page.locator("body").get_attribute("data-md-color-scheme") or "default"
    switch.tap()
    expect(page.locator("body")).to_have_attribute("data-md-color-scheme", "slate" if before == "default" else "default",
                                                   timeout=15_000)
    expect(page.locator("[data-md-component=palette] label:not([hidden])")).to_have_count(1)


def test_the_list_of_codes_and_a_codes_versions_fit_a_phones_width_without_scrolling_sideways(phone, site_url):
    page = phone
    for address, table, says in (("", "a[href*='nec-candidates']", "Issued by Momentum"),
                                 ("codes/", "a[href*='nec-candidates']", "Issued by Momentum"),
                                 ("codes/nec-candidates/", "a[href='original/']", "Until: still in force")):
        page.goto(site_url + address)
        wrap = page.locator(f".md-typeset__scrollwrap:has({table})")
        expect(wrap).to_have_count(1)
        assert wrap.evaluate("(wrap) => wrap.scrollWidth <= wrap.clientWidth"), address
        expect(wrap).to_contain_text(says)


def test_a_codes_page_on_a_phone_comes_to_its_text_soon_with_related_clauses_a_thumbs_tap_away(phone, site_url):
    """Each fact of the version runs on from its name; what other codes say on a clause's topic is folded under one
    target a thumb can hit, and opening it shows the links."""
    page = phone
    page.goto(site_url + "codes/nec-candidates/")
    facts = page.evaluate("""() => [...document.querySelectorAll('.version-facts dt')].map((dt) =>
        [dt.textContent, dt.getBoundingClientRect().top, dt.nextElementSibling.getClientRects()[0].top])""")
    assert len(facts) >= 8
    for name, top, value_top in facts:
        assert abs(top - value_top) < 4, name  # on the same line
    first_clause = page.locator(".unit--clause").first.bounding_box()
    assert first_clause["y"] < 2 * PHONE["height"]
    summaries = page.locator("details.related > summary")
    assert summaries.count() > 0
    assert all(box["height"] >= 44 for box in (s.bounding_box() for s in summaries.all() if s.is_visible()))
    first = page.locator("[id='8'] details.related").first
    expect(first.locator("a").first).to_be_hidden()
    first.locator("summary").tap()
    expect(first.locator("a").first).to_be_visible()
    assert overflow(page) == 0


def test_the_home_pages_first_screen_links_every_checker(phone, site_url):
    page = phone
    page.goto(site_url)
    for checker in checkers.CHECKERS.values():
        link = page.locator(".home-checkers a", has_text=checker.title)
        expect(link).to_have_count(1)
        assert in_first_screen(page, f".home-checkers a:has-text('{checker.title}')"), checker.title


def test_my_case_on_a_phone_fits_the_screen_with_targets_for_thumbs(phone, site_url, tmp_path):
    made = case_file.add_election(case_file.empty(), "Ward selection, May 2027")
    kept = case_file.keep(made["case"], made["election"], "donations", {"code": "nec-candidates", "donations": [
        {"donor": "A long donor's name, Campaigning Association Limited", "amount": "1700", "received": "2024-03-01",
         "permissible": True}]}, dt.date(2024, 3, 2))
    file = tmp_path / "case.json"
    file.write_text(json.dumps(kept["case"]), encoding="utf-8")
    phone.goto(site_url + "case/")
    expect(phone.locator(".case-none")).to_be_visible(timeout=READY)
    assert too_small(phone) == [] and overflow(phone) <= 0
    phone.set_input_files(".case-import", str(file))
    expect(phone.locator(".case-todo li")).to_have_count(1, timeout=READY)
    assert overflow(phone) <= 0
    assert too_small(phone) == []
    phone.locator(".case-entry-forget").tap()
    expect(phone.locator(".case-confirm-yes")).to_be_focused()
    assert too_small(phone) == []


# Every layout shift the page makes by itself (none from the reader's own input), with what moved.
SHIFTS = """window.__shifts = [];
new PerformanceObserver((list) => { for (const entry of list.getEntries()) if (!entry.hadRecentInput) window.__shifts.push(
  `${entry.value.toFixed(4)} at ${Math.round(entry.startTime)} ms: ` + entry.sources.map((source) =>
  `${source.node?.nodeName}.${source.node?.className} ${source.previousRect.y}→${source.currentRect.y}`).join(", ")); })
  .observe({ type: "layout-shift", buffered: true });"""


@pytest.mark.parametrize("checker", list(checkers.CHECKERS))
def test_the_form_does_not_move_under_the_thumb_while_the_checker_starts(phone, site_url, checker):
    """On a slow phone the page is drawn before its script runs, and the reader starts on the form then: nothing the
    script adds (the first rows, the status while Python starts, "Ready.") moves what is already on the screen."""
    page = phone
    page.context.new_cdp_session(page).send("Emulation.setCPUThrottlingRate", {"rate": 4})
    page.add_init_script(SHIFTS)
    page.goto(site_url + f"checkers/{checker}/")
    expect(page.locator(".checker-progress-text")).to_have_text("Ready.", timeout=READY)
    page.wait_for_timeout(1000)
    assert page.evaluate("window.__shifts") == []
    # The questions the page holds back from the start are those its script hides (all of a question's widgets).
    drawn = set(re.findall(r'data-question="([a-z_]+)"[^>]*data-ask-later', page.request.get(page.url).text()))
    hidden = set(page.evaluate("""() => [...document.querySelectorAll('form [data-question]')]
        .filter((question) => !question.closest('template, .row-list') && question.hidden).map((q) => q.dataset.question)"""))
    assert drawn == hidden


@pytest.mark.parametrize("kept", [False, True], ids=["nothing-kept", "a-case-kept"])
def test_my_case_does_not_move_as_it_is_drawn_on_a_slow_phone(phone, site_url, kept, tmp_path):
    """My case is drawn once the script has read what this browser keeps, after the page's first paint on a slow
    phone: what it draws (the case, or the offer to start one) moves nothing already on the screen, the footer
    included."""
    page = phone
    page.goto(site_url + "case/")
    if kept:
        made = case_file.add_election(case_file.empty(), "NEC 2026")
        kept_case = case_file.keep(made["case"], made["election"], "donations", {"code": "nec-candidates", "donations": [
            {"donor": "A", "amount": "1700", "received": "2024-03-01", "permissible": True}]}, dt.date(2024, 3, 2))
        file = tmp_path / "case.json"
        file.write_text(json.dumps(kept_case["case"]), encoding="utf-8")
        page.set_input_files(".case-import", str(file))
        expect(page.locator(".case-todo li")).to_have_count(1, timeout=READY)
    page.context.new_cdp_session(page).send("Emulation.setCPUThrottlingRate", {"rate": 4})
    page.add_init_script(SHIFTS)
    page.reload()
    expect(page.locator(".case-todo li" if kept else ".case-none")).to_be_visible(timeout=READY)
    wait_until(page, "document.querySelector('.checker-progress-text').hidden", READY)  # "Ready.", dropped
    page.wait_for_timeout(1000)
    assert page.evaluate("window.__shifts") == []


@pytest.mark.parametrize("amount, calendar", [("1700", True), ("100", False)], ids=["with-a-calendar", "without"])
def test_the_record_keeps_its_place_from_the_answer_on_so_nothing_below_it_moves_when_its_files_come(
        phone, site_url, amount, calendar):
    """The answer is shown first and its record and calendar are written after it (seconds later for a year's
    spreadsheet): the record's place, with the calendar's button where one will come, is kept from the moment the
    answer is shown, so "Keep in my case" below it does not move under a thumb already reaching for it (a double tap
    on it once missed, as the page grew between the taps)."""
    page = phone
    page.add_init_script("""addEventListener('codes-of-conduct:answered', () => {
      window.__answeredHeight = document.querySelector('.checker-result').getBoundingClientRect().height; });""")
    page.goto(site_url + "checkers/donations/")
    page.select_option("#code", "nec-candidates")
    fill_donation(page, 0, donor="A", amount=amount, received="3/3/2024")
    page.locator("button[type=submit]").tap()
    save = page.locator(".checker-keep-save")
    expect(save).to_be_visible(timeout=READY)
    expect(save).to_be_enabled(timeout=READY)
    expect(page.locator(".checker-keep-calendar")).to_be_visible() if calendar else expect(
        page.locator(".checker-keep-calendar")).to_be_hidden()
    assert page.evaluate("document.querySelector('.checker-result').getBoundingClientRect().height") == \
        page.evaluate("window.__answeredHeight")


@pytest.mark.parametrize("path", ["checkers/nominations/", "case/"])
def test_saying_that_the_page_is_kept_for_use_offline_moves_nothing(browser, site_url, path):
    """The page says it is kept for use offline when the service worker is done, seconds after the reader may have
    started on the form (and under a full run's load, as WebKit's mis-taps showed), and that it is working from that
    copy when the network goes or the page is opened without it: it says so in the status's place, so nothing on the
    screen moves then."""
    context = browser.new_context(viewport=PHONE, has_touch=True, is_mobile=True)  # with its service worker
    page = context.new_page()
    page.add_init_script(SHIFTS)
    page.add_init_script("addEventListener('codes-of-conduct:ready', () => { window.__readyAt = performance.now(); })")
    page.goto(site_url + path)
    expect(page.locator(".checker-kept")).to_be_visible(timeout=READY)
    page.wait_for_timeout(500)
    # From "Ready." on (the page's first drawing has its own test, above): nothing moved.
    assert page.evaluate("window.__shifts.filter((shift) => parseFloat(shift.split(' at ')[1]) >= window.__readyAt - 20)") == []
    if path == "case/":  # "Ready." would tell the reader nothing there: only that the page is kept
        expect(page.locator(".checker-progress-text")).to_be_hidden()
    # The network goes while the reader is on the page: the page says so, in the same place.
    context.set_offline(True)
    expect(page.locator(".checker-offline")).to_be_visible()
    expect(page.locator(".checker-kept")).to_be_hidden()
    page.wait_for_timeout(500)
    assert page.evaluate("window.__shifts.filter((shift) => parseFloat(shift.split(' at ')[1]) >= window.__readyAt - 20)") == []
    # Opened again with no network: the kept copy says that it is one from the first moment it can, and nothing that
    # was drawn moves when it does.
    page.add_init_script("""new MutationObserver(() => { if (window.__offlineAt === undefined &&
      !document.querySelector('.checker-offline')?.hidden) window.__offlineAt = performance.now(); })
      .observe(document, { subtree: true, attributes: true, attributeFilter: ['hidden'] });""")
    page.reload()
    expect(page.locator(".checker-offline")).to_be_visible(timeout=READY)
    wait_until(page, "window.__readyAt !== undefined", READY)
    page.wait_for_timeout(500)
    assert page.evaluate("window.__shifts.filter((shift) => parseFloat(shift.split(' at ')[1]) >= window.__offlineAt - 20)") == []
    context.close()


# Every step the checker's status says while it starts, as the worker says it (checker-worker.js).
WORKER_STEPS = re.findall(r'progress\(\d+, "([^"]+)"\)',
                          (Path(__file__).parent.parent / "browser_runtime/assets/checker-worker.js").read_text())
# What the page says in the status's place when nothing has arrived for a while, and while it starts again after a
# download broke off (python.js): said without the words on what the reader may do meanwhile.
_SAID = dict(re.findall(r'const (STALLED|RETRYING|AWAITING_NETWORK)_WORDS = "([^"]+)"',
                        (Path(__file__).parent.parent / "overrides/assets/checker/python.js").read_text()))
RESTARTING = [_SAID["RETRYING"], _SAID["AWAITING_NETWORK"]]
STALLED = [_SAID["STALLED"], *RESTARTING]


@pytest.mark.parametrize("width", [320, 360, 375, 390])
def test_every_step_of_the_status_with_the_amount_downloaded_fits_its_place_at_a_phones_width(browser, site_url, width):
    """The status's place is kept from the first paint: no step's words, with or without the amount downloaded on the
    bar's line, nor the word that the checker is kept for use offline, or that it is that kept copy, make it taller,
    so the form never moves under the thumb while the checker starts on a slow network, once it is kept, or when the
    network comes and goes."""
    assert len(WORKER_STEPS) >= 4 and WORKER_STEPS[-1] == "Ready."
    context = browser.new_context(viewport={"width": width, "height": 800}, has_touch=True, is_mobile=True)
    page = context.new_page()
    page.route("**/*.snapshot", lambda route: None)  # never answered: the page stays starting
    page.goto(site_url + "checkers/donations/")
    first_words = re.search(r'class="checker-progress-text[^"]*">([^<]+)<', page.request.get(page.url).text())[1]
    # The place is the status's height with nothing in it: what the page keeps from its first paint. Then the page's
    # own first words, and each of the worker's, with what the reader may do meanwhile (python.js) or that the page is
    # the kept copy (offline.js); "Ready." also with the word that the page is kept.
    sizes = page.evaluate("""([first, steps, stalled, restarting]) => {
      const status = document.querySelector('.checker-progress');
      const [text, meanwhile, kept, offline, amount] = ['text', 'meanwhile', 'kept', 'offline', 'amount'].map((part) =>
        status.querySelector(`.checker-${part === 'text' || part === 'amount' ? 'progress-' + part : part}`));
      const say = (line, downloaded, note) => {
        text.textContent = line;
        amount.textContent = downloaded;
        meanwhile.hidden = line === 'Ready.' || stalled.includes(line);
        kept.hidden = note !== 'kept';
        offline.hidden = note !== 'offline';
        status.classList.toggle('checker-progress--offline', note === 'offline');
        status.classList.toggle('checker-progress--restarting', restarting.includes(line));
        return [[line, downloaded, note].join(' '), status.getBoundingClientRect().height];
      };
      say('', '', '');
      meanwhile.hidden = true;
      const place = status.getBoundingClientRect().height;
      return [first, ...steps].flatMap((line) => ['', '(100.0 of 100.0 MB)'].flatMap((downloaded) =>
        ['', 'offline', ...(line === 'Ready.' && !downloaded ? ['kept'] : [])].map((note) => [...say(line, downloaded, note), place])));
    }""", [first_words, [*WORKER_STEPS, *STALLED], STALLED, RESTARTING])
    context.close()
    assert [(said, height, place) for said, height, place in sizes if height > place] == []


def test_a_donation_typed_before_the_script_runs_is_kept_and_checked(phone, site_url):
    page = phone
    held = []
    page.route("**/assets/checker.js*", lambda route: held.append(route))
    page.goto(site_url + "checkers/donations/", wait_until="commit")
    page.locator("#donations-0-donor").fill("Jane Smith")
    page.locator("#donations-0-amount").fill("1700")
    page.locator("#donations-0-received").fill("3/3/2024")
    for route in held:
        route.continue_()
    page.unroute("**/assets/checker.js*")
    expect(page.locator(".checker-progress-text")).to_have_text("Ready.", timeout=READY)
    page.select_option("#code", "nec-candidates")
    page.locator("#donations-0-permissible").select_option("true")
    page.locator("button[type=submit]").tap()
    expect(page.locator(".checker-result ol.todo")).to_contain_text(
        "Report the donation of £1,700 from Jane Smith received on 3 March 2024", timeout=READY)
    assert page.locator("fieldset.row").count() == 1


def _focused(page) -> dict:
    return page.evaluate("""() => { const e = document.activeElement; const r = e.getBoundingClientRect();
      return { text: (e.textContent || '').trim(), label: e.getAttribute('aria-label'), inDrawer: !!e.closest('.md-sidebar--primary'),
               onScreen: r.right > 0 && r.left < innerWidth && r.bottom > 0 && r.top < innerHeight };}""")


@pytest.mark.parametrize("path", ["checkers/donations/", "codes/nec-candidates/original/"])
def test_the_navigation_drawer_on_a_phone_is_out_of_the_tab_order_until_opened_and_opens_by_keyboard_or_touch(phone, site_url, path):
    page = phone
    page.goto(site_url + path)
    menu = page.get_by_role("button", name="Menu")
    expect(menu).to_have_attribute("aria-expanded", "false")
    # Closed, none of its links is reached by the keyboard; the menu button is, and its focus is shown.
    stops = []
    for _ in range(12):
        page.keyboard.press("Tab")
        stops.append(_focused(page))
        if stops[-1]["label"] == "Menu":
            break
    assert not any(stop["inDrawer"] for stop in stops), "a link of the closed drawer is in the tab order"
    assert stops[0]["text"] == "Skip to content" and stops[-1]["label"] == "Menu"
    assert page.locator(".md-sidebar--primary").is_hidden()
    assert page.evaluate("getComputedStyle(document.activeElement).outlineStyle") == "solid"
    # Enter opens it; its links are then on the screen and reached by Tab; Escape closes it and gives the focus back.
    page.keyboard.press("Enter")
    drawer = page.locator(".md-sidebar--primary")
    expect(drawer).to_be_visible()
    expect(menu).to_have_attribute("aria-expanded", "true")
    wait_until(page, "document.querySelector('.md-sidebar--primary').getBoundingClientRect().left >= 0", 5_000)
    for _ in range(40):
        page.keyboard.press("Tab")
        if _focused(page)["inDrawer"]:
            break
    assert _focused(page)["inDrawer"] and _focused(page)["onScreen"]
    page.keyboard.press("Escape")
    expect(drawer).to_be_hidden()
    expect(menu).to_have_attribute("aria-expanded", "false")
    assert _focused(page)["label"] == "Menu"
    # Space opens and closes it too; a tap on the button opens it, and a tap on a link in it follows the link.
    page.keyboard.press("Space")
    expect(drawer).to_be_visible()
    page.keyboard.press("Space")
    expect(drawer).to_be_hidden()
    menu.tap()
    expect(drawer).to_be_visible()
    wait_until(page, "document.querySelector('.md-sidebar--primary').getBoundingClientRect().left >= 0", 5_000)
    target, x, y = page.evaluate(f"""(() => {{ const a = {DRAWER_LINK_TO_TAP};
      if (!a) return [null, 0, 0]; const box = a.getBoundingClientRect(); return [a.href, box.x + 5, box.y + box.height / 2]; }})()""")
    assert target, "no link of the open drawer can be tapped"
    page.touchscreen.tap(x, y)
    page.wait_for_url(target)
    assert overflow(page) == 0


def test_the_navigation_on_a_wide_screen_is_the_sidebar_as_before(browser, site_url):
    context = browser.new_context(viewport={"width": 1400, "height": 900}, service_workers="block")
    page = context.new_page()
    page.goto(site_url + "codes/nec-candidates/original/")
    assert page.locator(".md-sidebar--primary").is_visible()
    # Where there is no drawer, the menu button is not shown.
    expect(page.locator("button.site-menu")).to_have_count(1)
    expect(page.locator("button.site-menu")).to_be_hidden()
    context.close()


def test_without_scripts_the_drawers_links_stay_reachable_as_material_has_them(browser, site_url):
    context = browser.new_context(viewport=PHONE, has_touch=True, java_script_enabled=False)
    page = context.new_page()
    page.goto(site_url + "codes/nec-candidates/original/")
    assert page.evaluate("getComputedStyle(document.querySelector('.md-sidebar--primary')).display") != "none"
    assert page.locator("button.site-menu").count() == 0
    context.close()


def test_the_colour_switchs_focus_is_shown_on_a_checker_page_before_the_themes_script_runs(phone, site_url):
    page = phone
    page.goto(site_url + "checkers/nominations/")
    for _ in range(12):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.classList.contains('md-option')"):
            break
    assert page.evaluate("document.activeElement.classList.contains('md-option')"), "the colour switch is not a tab stop"
    outline = page.evaluate("getComputedStyle(document.activeElement.nextElementSibling).outlineStyle")
    assert outline not in ("none", ""), "the colour switch's focus is not shown"


# Where the keyboard's focus is: in search's results or not, and whether it is seen.
SEEN = """() => { const e = document.activeElement; const r = e.getBoundingClientRect();
  return { results: !!e.closest('.md-search__output'), width: r.width, visibility: getComputedStyle(e).visibility }; }"""


@pytest.mark.parametrize("path", ["checkers/nominations/", "codes/nec-candidates/original/"])
def test_tab_from_the_search_box_goes_on_to_the_page_never_to_hidden_results(phone, site_url, path):
    page = phone
    page.goto(site_url + path)
    for _ in range(12):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.classList.contains('md-search__input')"):
            break
    assert page.evaluate("document.activeElement.classList.contains('md-search__input')"), "the search box is not a tab stop"
    # Nothing typed: the next stop is on the page and seen (not the closed search's results, which were a stop on
    # nothing).
    page.keyboard.press("Tab")
    focused = page.evaluate(SEEN)
    assert not focused["results"] and focused["width"] > 0 and focused["visibility"] == "visible", focused
    # Open, as a thumb opens it, its results are seen (the arrow keys reach them, as Material has it).
    page.locator("label.md-header__button[for=__search]").tap()
    wait_until(page, "document.getElementById('__search').checked", 10_000)
    search_for(page, "social media")
    expect(page.locator(".md-search-result__item").first).to_be_visible(timeout=10_000)
    assert page.evaluate("getComputedStyle(document.querySelector('.md-search__scrollwrap')).visibility") == "visible"
