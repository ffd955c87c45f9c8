"""End to end in headless Chromium on the built site: the checkers as a candidate uses them."""

import datetime as dt
import json
import re
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Page, expect

import checkers
from checkers import csvinput
from tests.forms import answer, check_one_donation, fill_donation, open_reasoning, search_for, share_link, wait_ready, wait_until
from tests.test_startup import fail_downloads_of_python

pytestmark = pytest.mark.browser
READY = 60_000  # Pyodide's first start on a slow CI machine


@pytest.fixture
def outside_requests(page: Page, site_url):
    """Every request the page makes that is not to the site's own origin."""
    seen = []
    page.on("request", lambda request: None if request.url.startswith(site_url) or request.url.startswith("data:")
            else seen.append(request.url))
    return seen




def test_donations_form_gives_the_command_lines_answer_with_cited_clauses(page: Page, site_url, outside_requests):
    page.goto(site_url + "checkers/donations/")
    page.select_option("#code", "nec-candidates")
    fill_donation(page, 0, donor="Jane Smith", amount="£1,000", received="2024-01-05", permissible="true")
    page.click("text=Add a donation")
    fill_donation(page, 1, donor="jane smith ", amount="600", received="2024-02-01", kind="non-cash", permissible="true")
    page.click("button[type=submit]")
    result = page.locator(".checker-result")
    expect(result.locator(".status")).to_have_text("Action needed.", timeout=READY)
    expect(page.locator("#result-heading")).to_be_focused()
    expect(result.locator(".todo")).to_contain_text("to the Electoral Commission now: they were due by 2 March 2024")
    open_reasoning(page)
    expect(result.locator(".checked-against")).to_have_text("Checked against: NEC candidates' code, version original.")
    expect(result).to_contain_text("Deadline: 2 March 2024")
    expect(result).to_contain_text("must be reported to the Electoral Commission by 2 March 2024")
    request = {"code": "nec-candidates", "donations": [
        {"donor": "Jane Smith", "amount": "£1,000", "received": "2024-01-05", "kind": "cash", "permissible": True},
        {"donor": "jane smith", "amount": "600", "received": "2024-02-01", "kind": "non-cash", "permissible": True}]}
    assert page.evaluate("r => window.codesOfConduct.run('donations', r)", request) == checkers.run("donations", request)
    assert outside_requests == []


def test_a_findings_clause_link_opens_that_clause_of_that_version(page: Page, site_url):
    check_one_donation(page, site_url, "momentum-ncg-elections", "A", "750", "2022-06-01")
    open_reasoning(page)
    link = page.locator(".finding-clause").first
    expect(link).to_have_text("Momentum NCG election guidelines, Spending Limits and Donation Reporting, clause 2",
                              timeout=READY)
    expect(link).to_have_attribute("title", "momentum-ncg-elections@2022#spending-limits-and-donation-reporting-2")
    link.click()
    expect(page).to_have_url(site_url + "codes/momentum-ncg-elections/2022/#spending-limits-and-donation-reporting-2")
    expect(page.locator("#spending-limits-and-donation-reporting-2")).to_contain_text("within 7 days of receiving them")


def test_nominations_and_suspension_forms(page: Page, site_url):
    page.goto(site_url + "checkers/nominations/")
    page.fill("#verified", "19")
    page.check("#deadline_passed")
    page.click("button[type=submit]")
    expect(page.locator(".checker-result")).to_contain_text("Not enough verified nominations to stand.", timeout=READY)
    expect(page.locator(".checker-result")).to_contain_text("Still needed: 1. You may still add: 0.")
    page.goto(site_url + "checkers/suspension/")
    page.check("#suspended-true")
    # A case not concluded decides it: other investigations are asked about only once a case has concluded.
    page.check("#case_concluded-true")
    expect(page.locator("#other_pending_investigation-false")).to_be_visible()
    page.check("#case_concluded-false")
    expect(page.locator("#other_pending_investigation-false")).to_be_hidden()
    page.click("button[type=submit]")
    expect(page.locator(".checker-result")).to_contain_text("does not allow you to stand", timeout=READY)


@pytest.mark.parametrize("typed, said", [
    ("31", "Verified nominations cannot be more than 30: that is the most a candidate may secure under this code."),
    # Before, 400 digits went as JavaScript's Infinity, which JSON sends as nothing: "Enter how many…".
    ("1" * 400, "Verified nominations is a number 400 digits long, more than any count: check it."),
])
def test_a_count_too_large_is_named_for_what_was_typed(page: Page, site_url, typed, said):
    page.goto(site_url + "checkers/nominations/")
    page.select_option("#code", "momentum-ncg-elections")
    page.fill("#verified", typed)
    page.click("button[type=submit]")
    summary = page.locator(".error-summary")
    expect(summary).to_be_focused(timeout=READY)
    expect(summary.locator("a")).to_have_text(said)


def test_errors_are_shown_beside_their_fields_and_focus_moves_to_the_first(page: Page, site_url):
    page.goto(site_url + "checkers/donations/")
    fill_donation(page, 0, donor="A", amount="12.345", received="2024-01-01")
    page.click("text=Add a donation")
    fill_donation(page, 1, amount="-3")
    page.click("button[type=submit]")
    # GOV.UK's pattern: a summary at the top of the form, focused, each problem a link to its field; the same
    # words, without the row, above the field.
    summary = page.locator(".error-summary")
    expect(summary).to_be_focused(timeout=READY)
    expect(summary.locator("a").first).to_have_text("Choose the code that applies to your election.")
    error = page.locator(".field-error:has(+ #donations-0-amount)")
    expect(error).to_have_text("Amount has more than two decimal places: give pounds and pence, such as 10.50.")
    expect(page.locator("#donations-0-amount")).to_have_attribute("aria-invalid", "true")
    expect(page.locator(".field-error:has(+ #donations-1-donor)")).to_have_text("Enter the donor's name.")
    expect(page.locator(".field-error:has(+ #donations-1-received)")).to_have_text("Enter the date you received the donation.")
    described = page.get_attribute("#donations-0-amount", "aria-describedby")
    assert page.locator(f"#{described.split()[-1]}").inner_text().startswith("Amount has more than two")
    summary.get_by_role("link", name="Donation 2: enter the date you received the donation.").click()
    expect(page.locator("#donations-1-received")).to_be_focused()
    assert not [text for text in summary.locator("li").all_inner_texts() if "[" in text or "donations." in text]


def test_a_spreadsheet_is_read_in_the_browser_into_rows(page: Page, site_url, outside_requests):
    page.goto(site_url + "checkers/donations/")
    page.select_option("#code", "nec-candidates")
    page.click("text=Use a spreadsheet (CSV)")
    page.set_input_files("#csv-file", files=[{"name": "d.csv", "mimeType": "text/csv", "buffer": (
        b"Donor,Amount,Date received,Permissible\nAnn,900,2024-05-01,yes\nAnn,700,2024-06-01,yes\n")}])
    expect(page.locator("#csv-text")).to_have_value(re.compile("Ann,900"))
    page.click("text=Use these rows")
    expect(page.locator(".csv-status")).to_have_text(re.compile("2 donations added"), timeout=READY)
    expect(page.locator("#donations-1-amount")).to_have_value("700")
    page.click("button[type=submit]")
    expect(page.locator(".checker-result .todo")).to_contain_text("by 1 July 2024", timeout=READY)
    assert outside_requests == []


def test_a_file_too_long_to_show_is_read_from_its_bytes_unless_the_reader_pastes_rows_in_its_place(page: Page, site_url):
    page.goto(site_url + "checkers/donations/")
    page.select_option("#code", "nec-candidates")
    page.click("text=Use a spreadsheet (CSV)")
    long = "donor,amount,received\n" + "".join(f"Donor {n},{100 + n},2024-05-01\n" for n in range(2000))
    assert len(long.encode()) > csvinput.MOST_SHOWN_BYTES
    page.set_input_files("#csv-file", files=[{"name": "d.csv", "mimeType": "text/csv", "buffer": long.encode()}])
    expect(page.locator(".csv-status")).to_have_text(csvinput.NOT_SHOWN)
    page.fill("#csv-text", "donor,amount,received\nPasted,900,2024-05-01\n")
    page.click("text=Use these rows")
    expect(page.locator(".csv-status")).to_have_text(re.compile("^1 donation added"), timeout=READY)
    expect(page.locator("#donations-0-donor")).to_have_value("Pasted")
    page.fill("#csv-text", "")  # the box emptied again: the file chosen is read
    page.click("text=Use these rows")
    expect(page.locator(".csv-status")).to_have_text(re.compile("^2,000 donations added"), timeout=READY)


def test_a_share_link_restores_the_scenario_from_the_fragment_only(page: Page, site_url, context):
    context.grant_permissions(["clipboard-read", "clipboard-write"])
    page.goto(site_url + "checkers/nominations/")
    page.fill("#verified", "24")
    page.click("text=Copy a link to this scenario")
    expect(page.locator(".checker-share-status")).to_contain_text("Link copied")
    link = page.evaluate("location.href")
    assert "#scenario=" in link and "?" not in link
    fresh = context.new_page()
    requested = []
    fresh.on("request", lambda r: requested.append(r.url))
    fresh.goto(link)
    expect(fresh.locator("#verified")).to_have_value("24")
    expect(fresh.locator(".checker-result")).to_contain_text("Enough verified nominations", timeout=READY)
    # Nothing of the scenario travels: no query strings, and neither the fragment nor its value in any address
    # (file names carry content hashes, so a bare "24" could appear in one by chance).
    scenario = link.split("#scenario=", 1)[1]
    assert not [url for url in requested if urlsplit(url).query or scenario in url or "scenario" in url]


def test_nothing_is_stored_on_the_device(page: Page, site_url):
    check_one_donation(page, site_url, "nec-candidates", "Private Person", "900", "2024-01-01")
    expect(page.locator(".checker-result")).to_contain_text("Private Person", timeout=READY)
    stored = page.evaluate("JSON.stringify(Object.assign({}, localStorage)) + JSON.stringify(Object.assign({}, sessionStorage))")
    assert "Private Person" not in stored and "900" not in stored


def test_results_are_text_never_html(page: Page, site_url):
    check_one_donation(page, site_url, "nec-candidates", "<img src=x onerror=alert(1)>", "900", "2024-01-01")
    expect(page.locator(".checker-result")).to_contain_text("<img src=x onerror=alert(1)>", timeout=READY)
    assert page.locator(".checker-result img").count() == 0


def test_a_code_page_fetches_no_pyodide(page: Page, site_url):
    urls = []
    page.on("request", lambda r: urls.append(r.url))
    page.goto(site_url + "codes/nec-candidates/")
    page.wait_for_load_state("networkidle")
    assert not [u for u in urls if u.endswith(".wasm") or "pyodide" in u or "checker" in u.split("/")[-1]]


def test_keyboard_only_use_of_the_nominations_form(page: Page, site_url):
    page.goto(site_url + "checkers/nominations/")
    page.focus("#code")
    for _ in range(6):  # past the "as at" date, whose day, month and year are each a stop
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.id") == "verified":
            break
    expect(page.locator("#verified")).to_be_focused()
    page.keyboard.type("30")
    page.keyboard.press("Tab")
    expect(page.locator("#deadline_passed")).to_be_focused()
    page.keyboard.press("Tab")
    expect(page.locator("button[type=submit]")).to_be_focused()
    page.keyboard.press("Enter")
    expect(page.locator(".checker-result")).to_contain_text("The most nominations you may secure.", timeout=READY)
    expect(page.locator("#result-heading")).to_be_focused()


def test_rows_can_be_removed_and_the_rest_renumbered(page: Page, site_url):
    page.goto(site_url + "checkers/donations/")
    page.click("text=Add a donation")
    page.click("text=Add a donation")
    page.fill("#donations-2-donor", "Third")
    page.click("text=Remove donation 1")
    expect(page.locator("#donations-1-donor")).to_have_value("Third")
    expect(page.locator("fieldset.row legend").nth(1)).to_have_text("Donation 2")


def test_the_checker_page_fits_a_phone(page: Page, site_url):
    page.set_viewport_size({"width": 360, "height": 800})
    page.goto(site_url + "checkers/donations/")
    assert page.evaluate("document.documentElement.scrollWidth") <= 360




def test_the_as_at_picker_lands_on_the_version_in_force(page: Page, fixture_site_url):
    page.goto(fixture_site_url + "codes/fixture-candidates/#3")
    page.fill("#as-at-date", "2021-07-01")
    page.click("form.as-at button")
    # At the top of the version in force that day, with a banner saying the day asked for and the version's dates.
    expect(page).to_have_url(fixture_site_url + "codes/fixture-candidates/2020/#as-at=2021-07-01")
    banner = page.locator(".as-at-banner")
    expect(banner).to_be_visible()
    expect(banner).to_be_focused()
    expect(banner).to_contain_text("You asked for the version in force on 1 July 2021. This is version 2020, in force from ")
    assert page.evaluate("window.scrollY") == 0


def test_an_as_at_link_to_a_day_this_version_was_not_in_force_says_so_and_a_day_that_is_no_day_is_not_read(
        page: Page, fixture_site_url):
    banner = page.locator(".as-at-banner")
    for day, words in (("2023-03-01", "1 March 2023"), ("2019-12-31", "31 December 2019")):
        # 2020 was in force from 1 January 2020 until 31 May 2022: a link made by hand, or before its dates changed.
        page.goto(fixture_site_url + f"codes/fixture-candidates/2020/#as-at={day}")
        expect(banner).to_have_text(f"You asked for the version in force on {words}, but this version, 2020, was not "
                                    "in force that day. Its dates: in force from 1 January 2020 until 31 May 2022."
                                    "Which version was in force when: every version, with its dates")
        expect(banner.get_by_role("link", name="Which version was in force when")).to_have_attribute("href", "../#versions")
    page.goto(fixture_site_url + "codes/fixture-candidates/2020/#as-at=2022-05-31")  # its last day
    expect(banner).to_contain_text("on 31 May 2022. This is version 2020")
    expect(banner.get_by_role("link")).to_be_hidden()
    page.goto(fixture_site_url + "codes/fixture-candidates/2022/#as-at=2023-02-29")  # not "1 March 2023"
    expect(page.locator("h1")).to_be_visible()
    expect(banner).to_be_hidden()


def test_a_mangled_fragment_stops_none_of_the_pages_enhancements(page: Page, fixture_site_url):
    errors = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto(fixture_site_url + "codes/fixture-candidates/2020/#%E0%A4%A")
    page.goto(fixture_site_url + "codes/fixture-candidates/#%E0%A4%A")
    page.fill("#as-at-date", "2021-07-01")
    page.click("form.as-at button")  # the picker, set up after the fragment was read
    expect(page).to_have_url(fixture_site_url + "codes/fixture-candidates/2020/#as-at=2021-07-01")
    assert errors == []


def test_an_old_versions_banner_points_at_the_same_clause_or_says_it_was_removed(page: Page, fixture_site_url):
    page.goto(fixture_site_url + "codes/fixture-candidates/2020/#2")
    expect(page.locator(".current-clause-link")).to_have_attribute("href", "../#2")
    page.goto(fixture_site_url + "codes/fixture-candidates/2022/#data-protection")
    expect(page.locator(".superseded .removed-note")).to_be_visible()


def test_the_pages_work_without_javascript(browser, site_url):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(site_url + "checkers/suspension/")
    expect(page.locator("noscript, .no-js").first).to_be_attached()
    assert "needs JavaScript" in page.content()
    expect(page.locator(".checker-applies a").first).to_have_attribute("href", re.compile(r"codes/momentum-ncg-elections/2022/#"))
    expect(page.locator("label[for=suspended], fieldset#suspended legend")).to_contain_text("suspended")
    # Nothing is shown that cannot work without the script, nor the script's own status.
    expect(page.locator("#checker-form button:visible")).to_have_count(0)
    expect(page.locator(".checker-progress-text")).to_be_hidden()
    context.close()


def test_cli_json_matches_the_browser_for_an_error(page: Page, site_url):
    page.goto(site_url + "checkers/donations/")
    wait_ready(page)
    request = {"code": "nec-candidates", "donations": [{"donor": "", "amount": "x", "received": "2023-02-29"}]}
    assert page.evaluate("r => window.codesOfConduct.run('donations', r)", request) == json.loads(
        json.dumps(checkers.run("donations", request)))


def test_search_finds_a_clause_offline(page: Page, site_url, outside_requests):
    page.goto(site_url)
    # Material's search reads the query on key-up (not on input): type it, as a reader does, once it is ready.
    expect(page.locator(".md-search-result__meta")).to_have_text("Type to start searching", timeout=15_000)
    search_for(page, "permissible donor")
    expect(page.locator(".md-search-result__item a[href*='codes/nec-candidates/']").first).to_be_visible(timeout=15_000)
    assert outside_requests == []


def test_on_a_checker_page_the_themes_script_waits_for_the_first_answer_then_search_works(page: Page, site_url):
    page.goto(share_link(site_url, "nominations", {"code": "momentum-ncg-elections", "verified": 25}))
    expect(page.locator(".checker-result")).to_be_visible(timeout=READY)
    page.wait_for_timeout(1_000)
    assert page.locator("script[src*='/javascripts/bundle.']").count() == 0  # not while the reader reads the answer
    page.locator(".md-header").click()  # reaching for the header starts it at once
    expect(page.locator(".md-search-result__meta")).to_have_text("Type to start searching", timeout=15_000)
    search_for(page, "permissible donor")
    expect(page.locator(".md-search-result__item a").first).to_be_visible(timeout=15_000)
    timing = page.evaluate("""() => ({
      answer: performance.getEntriesByName("coc:first-result")[0].startTime,
      theme: performance.getEntriesByType("resource").find((e) => e.name.includes("/javascripts/bundle.")).startTime,
    })""")
    assert timing["theme"] >= timing["answer"], timing


def test_a_check_asked_for_before_python_is_ready_runs_when_it_is(page: Page, site_url):
    page.goto(site_url + "checkers/nominations/")
    page.fill("#verified", "5")
    page.click("button[type=submit]")  # at once, while Pyodide is still starting
    expect(page.locator(".checker-result")).to_contain_text("Not enough verified nominations", timeout=READY)


# --- Bad input, typed, linked or uploaded: shown, never silently dropped (and the browser's own failures) ---

@pytest.mark.parametrize("request_, expected", [
    ({"code": "nec", "donations": [{"donor": "A", "amount": 900, "received": "2024-01-01"}]},
     "Code and version: 'nec' was not taken: this site has no such code for this checker."),
    ({"code": "nec-candidates", "version": "1999", "donations": [{"donor": "A", "amount": 900, "received": "2024-01-01"}]},
     "Code and version: '1999' was not taken: NEC candidates' code has no such version on this site."),
    ({"version": "1999", "donations": [{"donor": "A", "amount": 900, "received": "2024-01-01"}]},
     "Code and version: '1999' was not taken: a version means nothing without its code: choose the code and version"),
])
def test_a_share_link_to_a_code_or_version_this_site_lacks_checks_nothing_and_says_so(page: Page, site_url, request_,
                                                                                     expected):
    page.goto(share_link(site_url, "donations", request_))
    result = page.locator(".checker-result")
    expect(result).to_contain_text(expected, timeout=READY)
    expect(result).to_contain_text("Not checked")
    wait_ready(page)
    page.wait_for_timeout(500)
    expect(result.locator(".finding")).to_have_count(0)
    expect(page.locator("#donations-0-donor")).to_have_value("A")


def test_a_link_that_names_no_code_is_checked_and_asks_for_the_code_as_a_form_would(page: Page, site_url):
    page.goto(share_link(site_url, "donations", {"donations": [{"donor": "A", "amount": 900, "received": "2024-01-01"}]}))
    summary = page.locator(".error-summary")
    expect(summary).to_be_focused(timeout=READY)
    expect(summary.locator("a")).to_have_text("Choose the code that applies to your election.")
    expect(page.locator(".checker-result")).to_be_hidden()
    expect(page.locator("#donations-0-donor")).to_have_value("A")


def test_values_a_link_holds_that_the_form_cannot_take_are_shown_and_nothing_is_checked(page: Page, site_url):
    page.goto(share_link(site_url, "donations", {"code": "nec-candidates", "donations": [
        {"donor": "A", "amount": 900, "received": "31/12/2024", "kind": "cheque"}], "colour": "red"}))
    result = page.locator(".checker-result")
    expect(result).to_contain_text("Donation 1, kind: 'cheque' was not taken: it is not one of the choices offered.",
                                   timeout=READY)
    expect(page.locator("#donations-0-received")).to_have_value("31/12/2024")  # a date as typed in the UK
    expect(result).to_contain_text("'colour': 'red' was not taken: this checker has no such question.")
    wait_ready(page)
    page.wait_for_timeout(500)
    expect(result.locator(".finding")).to_have_count(0)


def test_a_spreadsheet_of_5000_rows_goes_in_a_page_at_a_time_and_too_long_a_link_offers_the_spreadsheet(
        page: Page, site_url, context):
    # How long it takes is measured by bench/browser_rows.py, not asserted here: here, what the page does.
    context.grant_permissions(["clipboard-read", "clipboard-write"])
    page.goto(site_url + "checkers/donations/")
    page.select_option("#code", "nec-candidates")
    page.click("text=Use a spreadsheet (CSV)")
    wait_ready(page)
    rows = "".join(f"Donor {n % 700},{100 + n % 900},2024-{1 + n % 12:02d}-{1 + n % 28:02d},cash,yes\n" for n in range(5000))
    page.set_input_files("#csv-file", files=[{"name": "year.csv", "mimeType": "text/csv",
                                              "buffer": ("donor,amount,received,kind,permissible\n" + rows).encode()}])
    # Too long to lay out in the paste box without stopping the page: said, and read from the file's bytes.
    expect(page.locator(".csv-status")).to_have_text(csvinput.NOT_SHOWN)
    expect(page.locator("#csv-text")).to_have_value("")
    page.click("text=Use these rows")
    expect(page.locator(".csv-status")).to_contain_text("5,000 donations added", timeout=READY)
    # The page keeps every row and draws a page of them at a time.
    expect(page.locator(".row-list > fieldset.row")).to_have_count(20)
    pager = page.locator("#donations .row-pager")
    expect(pager.locator(".row-pager-place")).to_have_text("Donations 1–20 of 5,000")
    pager.locator(".row-next").click()
    expect(pager.locator(".row-pager-place")).to_have_text("Donations 21–40 of 5,000")
    expect(page.locator("#donations-20-donor")).to_have_value("Donor 20")
    page.fill("#donations-20-donor", "Changed on page two")
    pager.locator(".row-previous").click()
    expect(page.locator("#donations-0-donor")).to_have_value("Donor 0")
    page.click("button[type=submit]")
    # Every donation is in the answer; the lists come a page at a time too.
    expect(page.locator("#result-heading")).to_be_focused(timeout=READY)
    answered = page.evaluate("r => window.codesOfConduct.run('donations', r)", {
        "code": "nec-candidates", "donations": [{"donor": "Changed on page two" if n == 20 else f"Donor {n % 700}",
                                                 "amount": str(100 + n % 900), "received": f"2024-{1 + n % 12:02d}-{1 + n % 28:02d}",
                                                 "kind": "cash", "permissible": True} for n in range(5000)]})
    expect(page.locator(".todo > li")).to_have_count(len(answered["todo"]))
    expect(page.locator(".todo-more")).to_have_text(answered["todo_more_text"])
    page.click("text=Copy a link to this scenario")
    expect(page.locator(".checker-share-status")).to_contain_text("too long for a link")
    expect(page.locator(".checker-share-status")).to_contain_text("Save the rows as a spreadsheet instead")
    expect(page.locator(".csv-save")).to_be_focused()
    assert "#scenario=" not in page.evaluate("location.href")
    with page.expect_download() as download:
        page.click("text=Save these donations as a spreadsheet")
    assert download.value.suggested_filename == "donations.csv"
    expect(page.locator(".csv-status")).to_have_text("Saved as donations.csv in your downloads. It holds your answers: "
                                                     "share it only with people who may see them.")
    saved = Path(download.value.path()).read_text(encoding="utf-8")
    assert saved.count("\n") == 5001 and "Donor 99,599,2024-08-16,cash,yes" in saved and "Changed on page two" in saved


def test_an_error_in_a_row_out_of_view_is_linked_from_the_summary_and_brought_into_view(page: Page, site_url):
    donations = [{"donor": f"D{n}", "amount": "100", "received": "2024-01-01"} for n in range(30)]
    donations[25]["received"] = "31/2/2024"
    page.goto(share_link(site_url, "donations", {"code": "nec-candidates", "donations": donations}))
    summary = page.locator(".error-summary")
    expect(summary).to_be_focused(timeout=READY)
    link = summary.locator("a", has_text="Donation 26, date received: '31/2/2024' is not a real date")
    expect(page.locator("#donations-25-received")).to_have_count(0)  # on the second page of rows
    link.click()
    expect(page.locator("#donations-25-received")).to_be_focused()
    expect(page.locator("#donations .row-pager-place")).to_have_text("Donations 21–30 of 30")
    expect(page.locator(".field-error:has(+ #donations-25-received)")).to_contain_text("is not a real date")


def test_a_spreadsheet_that_merges_columns_or_has_no_rows_says_so_in_the_page(page: Page, site_url):
    page.goto(site_url + "checkers/donations/")
    page.click("text=Use a spreadsheet (CSV)")
    page.set_input_files("#csv-file", files=[{"name": "d.csv", "mimeType": "text/csv", "buffer": (
        b"Donor,Donor address,Amount,Date received\rAnn,1 High St,900,2024-05-01\rBob,1 High St,700,2024-06-01\r")}])
    page.click("text=Use these rows")
    status = page.locator(".csv-status")
    expect(status).to_contain_text("2 donations added", timeout=READY)
    expect(status).to_contain_text("Column B ('Donor address') is not one the checker reads, so it was ignored.")
    expect(page.locator("#donations-1-donor")).to_have_value("Bob")
    page.fill("#csv-text", "donor,amount,received\n")
    page.click("text=Use these rows")
    expect(status).to_contain_text("No donations found")
    page.fill("#csv-text", "donor,amount,received,kind\nAnn,900,31/15/2024,cheque\n")
    page.click("text=Use these rows")
    expect(status).to_contain_text("Spreadsheet row 2, date received: '31/15/2024' is not a real date")
    expect(status).to_contain_text("Spreadsheet row 2, kind must be one of 'cash', 'non-cash', not 'cheque'")
    # The summary in a sentence, then each problem on its own line.
    expect(status.locator("p")).to_have_text("Nothing was added: the spreadsheet has 2 problems to correct.")
    expect(status.locator("li")).to_have_count(2)
    expect(page.locator("#donations-1-donor")).to_have_value("Bob")  # nothing replaced


def test_a_spreadsheet_larger_than_any_is_refused_before_the_page_reads_it(page: Page, site_url, tmp_path):
    page.goto(site_url + "checkers/donations/")
    page.click("text=Use a spreadsheet (CSV)")
    huge = tmp_path / "year.csv"
    with open(huge, "wb") as handle:
        handle.truncate(csvinput.MOST_FILE_BYTES + 1)
    page.set_input_files("#csv-file", str(huge))
    # Said beside the file's field, as any field's error is, and that field marked.
    expect(page.locator(".field-error:has(+ #csv-file)")).to_have_text(f"The file {csvinput.TOO_LARGE}.")
    expect(page.locator("#csv-file")).to_have_attribute("aria-invalid", "true")
    expect(page.locator("#csv-file")).to_be_focused()
    expect(page.locator("#csv-text")).to_have_value("")
    assert page.eval_on_selector("#csv-file", "input => input.files.length") == 0
    # A file the page may read is read as before.
    page.set_input_files("#csv-file", files=[{"name": "d.csv", "mimeType": "text/csv",
                                              "buffer": b"donor,amount,received\nAnn,900,2024-05-01\n"}])
    expect(page.locator(".field-error:has(+ #csv-file)")).to_have_count(0)
    expect(page.locator("#csv-file")).not_to_have_attribute("aria-invalid", "true")
    page.set_input_files("#csv-file", str(huge))
    page.click("text=Use these rows")  # the pasted text or the file then chosen: the refusal before is not kept
    expect(page.locator(".field-error:has(+ #csv-file)")).to_have_count(0)
    page.set_input_files("#csv-file", files=[{"name": "d.csv", "mimeType": "text/csv",
                                              "buffer": b"donor,amount,received\nAnn,900,2024-05-01\n"}])
    page.click("text=Use these rows")
    expect(page.locator(".csv-status")).to_contain_text("1 donation added", timeout=READY)


def test_a_colour_scheme_chosen_is_kept_for_the_next_page(page: Page, site_url):
    """The one thing kept unasked-for: the reader's own choice. (Nothing is stored before it: the gates' crawl of
    every page, tests/test_gates.py.)"""
    page.goto(site_url + "glossary/")
    assert page.evaluate("localStorage.length + sessionStorage.length") == 0
    page.locator("[data-md-component=palette] label:visible").first.click()
    expect(page.locator("body")).to_have_attribute("data-md-color-scheme", "slate")
    assert "__palette" in page.evaluate("Object.keys(localStorage).join()")
    page.goto(site_url + "topics/")
    expect(page.locator("body")).to_have_attribute("data-md-color-scheme", "slate")


def test_a_worked_example_on_a_checker_page_is_a_tested_case_that_opens_in_the_form(page: Page, site_url):
    from tests import checkercases

    cases = [c for c in checkercases.load() if c.get("example") and c["checker"] == "nominations"]
    page.goto(site_url + "checkers/nominations/")
    examples = page.locator("h3[id^=example-]")
    expect(examples).to_have_count(len(cases))
    expect(examples.first).to_contain_text(cases[0]["name"])
    expected = checkers.run("nominations", cases[0]["request"])
    expect(page.locator("#examples ~ p strong, h3 ~ p strong").first).to_have_text(expected["headline"])
    wait_ready(page)
    page.click("text=Open this example in the checker >> nth=0")
    expect(page.locator("#verified")).to_have_value(str(cases[0]["request"]["verified"]))
    expect(page.locator(".checker-result .status")).to_have_text(expected["status_text"], timeout=READY)


def test_the_laws_answer_is_shown_beside_the_codes_with_its_sources_and_no_request_leaves_the_site(
        page: Page, site_url, outside_requests):
    request = {"code": "nec-candidates", "donations": [{"donor": "L", "amount": 1700, "received": "2025-03-15",
                                                        "permissible": True}]}
    expected = checkers.run("donations", request)
    law = expected["answers"][0]["law"]
    page.goto(share_link(site_url, "donations", request))
    open_reasoning(page)
    finding = page.locator(".finding").first
    expect(finding).to_contain_text(expected["answers"][0]["message"], timeout=READY)
    beside = finding.locator(".finding-law")
    expect(beside).to_have_attribute("role", "note")
    expect(beside).to_contain_text("What the law requires on that date: " + law["message"])
    links = beside.locator("a")
    expect(links).to_have_count(len(law["sources"]))
    assert [links.nth(i).get_attribute("href") for i in range(len(law["sources"]))] == [s["url"] for s in law["sources"]]
    # The code's answer comes first, the law's after it.
    assert finding.evaluate("el => el.firstElementChild.textContent") == expected["answers"][0]["level_label"] + ": "
    assert outside_requests == []


def test_every_checker_case_gives_in_chromium_the_answer_it_gives_natively(page: Page, site_url):
    from tests import checkercases

    cases = [c for c in checkercases.load() if isinstance(c["request"], dict)]
    page.goto(site_url + "checkers/donations/")
    wait_ready(page)
    answers = page.evaluate("async cases => { const out = []; for (const [checker, request] of cases) "
                            "out.push(await window.codesOfConduct.run(checker, request)); return out; }",
                            [[c["checker"], c["request"]] for c in cases])
    for case, answered in zip(cases, answers, strict=True):
        assert answered == checkers.run(case["checker"], case["request"]), case["name"]


def test_a_would_be_councillor_learns_what_they_may_do_and_from_when(page: Page, site_url, outside_requests):
    page.goto(site_url + "checkers/campaign/")
    page.fill("#on", "2026-03-04")
    page.fill("#area_timetable_published", "2026-03-05")
    page.fill("#ward_timetable_published", "2026-03-05")
    page.check("#shortlisted")
    page.click("button[type=submit]")
    result = page.locator(".checker-result")
    expect(result.locator(".status")).to_have_text("What this code lets you do on the day you asked about.",
                                                   timeout=READY)
    expect(result.locator(".todo li").first).to_have_text("Wait until 5 March 2026 to produce or distribute campaign "
                                                          "material.")
    open_reasoning(page)
    items = result.locator(".finding")
    expect(items).to_have_count(6)
    expect(items.nth(0)).to_contain_text("Allowed from 5 March 2026: No material calling for support")
    expect(items.nth(0)).to_contain_text("Allowed from: 5 March 2026.")
    expect(items.nth(4)).to_contain_text("Not yet: Pay the relevant CLP the administration charge of £5")
    expect(items.nth(0).locator(".finding-clause")).to_have_attribute("href", re.compile(r"local-government-selections/original/#1$"))
    assert outside_requests == []


def test_a_member_learns_whether_they_may_share_and_under_which_paragraph(page: Page, site_url):
    page.goto(site_url + "checkers/disclosure/")
    # One question at a time: each appears once the one before it is answered, and only if it matters.
    questions = page.locator("[data-question]:visible")
    for name, value in {"information": "national-committee", "includes_records": "no", "disciplinary_case": "no",
                        "sharer": "committee-member",
                        "purpose": "report-back-members", "rule_book_duties": "yes", "required_by_law": "no",
                        "express_permission": "no"}.items():
        expect(questions.last).to_have_attribute("data-question", name)
        answer(page, name, value)
    expect(page.locator("[data-question=plp_proceedings]")).to_be_hidden()
    page.click("button[type=submit]")
    result = page.locator(".checker-result")
    expect(result.locator(".status")).to_contain_text("This code allows sharing it in the way you describe.", timeout=READY)
    expect(result.locator(".checker-detail")).to_contain_text('What decided it: your answers to "What is the information?"')
    # The steps that led there are read once, in the reasoning, not also listed as answers that need nothing.
    expect(result.locator(".checker-others-heading")).to_be_hidden()
    expect(result.locator(".other")).to_have_count(0)
    open_reasoning(page)
    expect(result.locator(".finding").first).to_contain_text("Allowed: Clause 6(c) allows")
    expect(result.locator(".finding").nth(1)).to_contain_text("Step: It is a Confidential Matter under clause 5(b)")
    expect(result.locator(".finding-clause").first).to_have_text("Confidentiality and privacy code, clause 6(c)")


def test_permission_to_share_a_disciplinary_case_is_asked_and_the_page_says_the_code_does_not_settle_it(
        page: Page, site_url):
    page.goto(site_url + "checkers/disclosure/")
    questions = page.locator("[data-question]:visible")
    for name, value in {"information": "disciplinary-data", "sharer": "member", "purpose": "other",
                        "required_by_law": "no", "express_permission": "yes", "plp_proceedings": "no"}.items():
        expect(questions.last).to_have_attribute("data-question", name)
        answer(page, name, value)
    page.click("button[type=submit]")
    result = page.locator(".checker-result")
    expect(result.locator(".status")).to_contain_text("This code does not say.", timeout=READY)
    expect(result.locator(".todo li").first).to_contain_text("Before you share it, ask whoever gave you permission "
                                                             "whether it covers this disciplinary case")
    open_reasoning(page)
    expect(result.locator(".finding").first).to_contain_text("permission is not one of them")
    expect(result.locator(".finding-clause").first).to_have_text("Confidentiality and privacy code, clause 9")


def test_a_breach_reported_from_a_clause_drafts_the_complaint_to_the_procedure_and_sends_nothing(
        page: Page, site_url, outside_requests):
    page.goto(site_url + "codes/momentum-ncg-elections/2022/")
    page.locator("#code-of-conduct-3 .clause-link--complaint a").click()
    expect(page).to_have_url(re.compile(r"checkers/complaint/#prefill="))
    expect(page.locator("#clause")).to_have_value("code-of-conduct-3")
    page.fill("#what", "A candidate's post disparaged another candidate.")
    page.fill("#evidence", "A screenshot.")
    page.click("button[type=submit]")
    result = page.locator(".checker-result")
    expect(result.locator(".status")).to_contain_text("Your complaint is drafted", timeout=READY)
    draft = result.locator(".checker-draft pre")
    expect(draft).to_contain_text("To: complaints@peoplesmomentum.com\nSubject: NCG elections")
    expect(draft).to_contain_text(f"{site_url}codes/momentum-ncg-elections/2022/#code-of-conduct-3")
    mail = result.get_by_role("link", name="Open it in your e-mail program")
    expect(mail).to_have_attribute("href", re.compile(r"^mailto:complaints@peoplesmomentum\.com\?subject=NCG%20elections&body="))
    open_reasoning(page)
    expect(result.locator(".finding")).to_have_count(6)
    assert outside_requests == []


# The link's answers are read by Python: held on their way to the worker until released, as on a connection slow
# enough that the reader types and presses Check while Python starts.
HOLD_THE_LINK = ("window.__held = []; window.__ops = []; const post = Worker.prototype.postMessage; "
                 "Worker.prototype.postMessage = function (message, ...rest) { if (message && message.op) "
                 "window.__ops.push(message.op); if (message && message.op === 'read-fragment') "
                 "{ window.__held.push(() => post.call(this, message, ...rest)); return; } "
                 "return post.call(this, message, ...rest); };")


def test_a_check_asked_for_before_a_clause_link_is_read_waits_for_the_link_s_clause(page: Page, site_url):
    page.add_init_script(HOLD_THE_LINK)
    page.goto(site_url + "codes/momentum-ncg-elections/2022/")
    page.locator("#code-of-conduct-3 .clause-link--complaint a").click()
    wait_until(page, "window.__held.length === 1", READY)
    page.fill("#what", "A candidate's post disparaged another candidate.")
    page.click("button[type=submit]")
    expect(page.locator(".checker-result-body")).to_have_text("Checking…")
    page.wait_for_timeout(300)
    # Before: the form was sent as it stood, with no clause, and the answer was an error about the clause.
    assert "check" not in page.evaluate("window.__ops")
    page.evaluate("window.__held.pop()()")
    result = page.locator(".checker-result")
    expect(result.locator(".status")).to_contain_text("Your complaint is drafted", timeout=READY)
    expect(result.locator(".checker-draft pre")).to_contain_text("Code of Conduct, clause 3")
    expect(page.locator(".error-summary")).to_be_hidden()
    assert page.evaluate("window.__ops").count("check") == 1


def test_what_a_reader_answered_before_a_clause_link_is_read_is_theirs(page: Page, site_url):
    page.add_init_script(HOLD_THE_LINK)
    link = {"code": "momentum-ncg-elections", "version": "2022", "clause": "code-of-conduct-3", "when": "1 May 2022"}
    page.goto(share_link(site_url, "complaint", link).replace("#scenario=", "#prefill="))
    wait_until(page, "window.__held.length === 1", READY)
    chosen = page.evaluate("[...document.querySelectorAll('#clause option')].map((o) => o.value)"
                           ".find((v) => v && v !== 'code-of-conduct-3')")
    page.select_option("#clause", chosen)
    page.locator(".checker-as-of summary").click()
    page.fill("#as_of", "1/6/2022")
    page.fill("#what", "Typed while Python started")
    page.evaluate("window.__held.pop()()")
    # What the reader left alone is filled from the link.
    expect(page.locator("#when")).to_have_value("1 May 2022", timeout=READY)
    # Before: the link's clause replaced the reader's, the "as at" date was emptied, and the focus moved to the
    # first empty field while the reader was typing.
    expect(page.locator("#clause")).to_have_value(chosen)
    expect(page.locator("#as_of")).to_have_value("1/6/2022")
    expect(page.locator("#what")).to_have_value("Typed while Python started")
    expect(page.locator("#what")).to_be_focused()


def test_a_clause_link_is_read_when_a_checker_that_failed_to_start_starts_again(page: Page, site_url):
    page.add_init_script(HOLD_THE_LINK)
    fail_downloads_of_python(page)
    link = {"code": "momentum-ncg-elections", "version": "2022", "clause": "code-of-conduct-3"}
    page.goto(share_link(site_url, "complaint", link).replace("#scenario=", "#prefill="))
    page.fill("#what", "A candidate's post disparaged another candidate.")
    expect(page.locator(".checker-progress-text")).to_contain_text("The checker could not start", timeout=READY)
    # The failure is said once, where the checker's status is; the link waits for the checker.
    expect(page.locator(".checker-result")).to_be_hidden()
    # The link was asked for before the failure (held) or refused by it (the failure came first): asked again now.
    asked = page.evaluate("window.__held.length")
    page.click(".checker-retry")
    # Before: the link was never read again, so its clause was never filled in.
    wait_until(page, f"window.__held.length === {asked + 1}", READY)
    page.click("button[type=submit]")
    expect(page.locator(".checker-result-body")).to_have_text("Checking…")
    page.evaluate("window.__held.pop()()")
    result = page.locator(".checker-result")
    expect(result.locator(".status")).to_contain_text("Your complaint is drafted", timeout=READY)
    expect(result.locator(".checker-draft pre")).to_contain_text("Code of Conduct, clause 3")
    expect(page.locator("#what")).to_have_value("A candidate's post disparaged another candidate.")


def test_deadlines_go_into_a_calendar_file_and_the_record_is_saved_as_python_wrote_them(page: Page, site_url,
                                                                                       outside_requests):
    request = {"code": "nec-candidates", "donations": [{"donor": "Jane", "amount": "1600", "received": "2024-03-01",
                                                        "kind": "cash", "permissible": True}]}
    page.goto(share_link(site_url, "donations", request))
    keep = page.locator(".checker-keep")
    expect(keep).to_be_visible(timeout=READY)
    with page.expect_download() as calendar:
        keep.get_by_role("button", name="Add these dates to your calendar (.ics)").click()
    with page.expect_download() as record:
        keep.get_by_role("button", name="Save the record (.txt)").click()
    today = dt.date.fromisoformat(page.evaluate("() => { const d = new Date(); return [d.getFullYear(), d.getMonth() + 1, "
                                                "d.getDate()].map((n) => String(n).padStart(2, '0')).join('-'); }"))
    expected = checkers.check("donations", {**request, "today": today.isoformat()}, made_on=today, site_url=site_url)
    assert calendar.value.suggested_filename == f"donations-{today.isoformat()}.ics"
    assert Path(calendar.value.path()).read_bytes().decode("utf-8") == expected["calendar"]["text"]
    assert Path(record.value.path()).read_text(encoding="utf-8") == expected["record"]["text"]
    # The deadline (31 March 2024) has passed: the thing to do goes in today, titled with what to do, with a reminder.
    import icalendar

    event = icalendar.Calendar.from_ical(expected["calendar"]["text"]).walk("VEVENT")[0]
    assert event["DTSTART"].dt == today
    assert str(event["SUMMARY"]).startswith("Overdue: report the donation of £1,600 from Jane received on 1 March 2024 "
                                            "to the Electoral Commission")
    assert [alarm["ACTION"] for alarm in event.walk("VALARM")] == ["DISPLAY"]
    expect(page.locator(".checker-record")).to_have_text(expected["record"]["text"])
    expect(page.locator(".checker-record")).to_be_hidden()  # on screen the answer shows it already
    # On paper the record replaces the page: the same words, without the form.
    page.emulate_media(media="print")
    expect(page.locator(".checker-record")).to_be_visible()
    expect(page.locator(".checker-form")).to_be_hidden()
    expect(page.locator(".checker-result-body")).to_be_hidden()
    assert outside_requests == []


def test_the_record_offered_is_always_the_answer_shown(page: Page, site_url):
    # The page's checks are held on their way to the worker until released, so that the page is seen between them.
    page.add_init_script("window.__held = []; const post = Worker.prototype.postMessage; Worker.prototype.postMessage = "
                         "function (message, ...rest) { if (message && message.op === 'check' && window.__hold) "
                         "{ window.__held.push(() => post.call(this, message, ...rest)); return; } "
                         "return post.call(this, message, ...rest); };")
    request = {"code": "nec-candidates", "donations": [{"donor": "Jane Smith", "amount": "1600", "received": "2024-03-01"}]}
    page.goto(share_link(site_url, "donations", request))
    expect(page.locator(".checker-keep")).to_be_visible(timeout=READY)
    expect(page.locator(".checker-record")).to_contain_text("Jane Smith")
    page.evaluate("window.__hold = true")
    page.fill("#donations-0-donor", "Bob Jones")
    page.click("button[type=submit]")
    wait_until(page, "window.__held.length === 1", READY)
    # While the new answer is made, the old answer's record is not offered beside it.
    expect(page.locator(".checker-result-body")).to_have_text("Checking…")
    expect(page.locator(".checker-keep")).to_be_hidden()
    page.evaluate("window.__hold = false; window.__held.pop()()")
    expect(page.locator(".checker-result-body")).to_contain_text("Bob Jones", timeout=READY)
    expect(page.locator(".checker-keep")).to_be_visible(timeout=READY)
    expect(page.locator(".checker-record")).to_contain_text("Bob Jones")
    assert "Jane Smith" not in page.locator(".checker-record").text_content()


def test_a_check_from_the_page_is_one_trip_to_the_worker_and_runs_the_rules_once(page: Page, site_url):
    # Every message the page posts to a worker, by its op: Check must send one "check" (the answer, then its record and
    # calendar written from the same run), never a second message that runs the rules again.
    page.add_init_script("window.__ops = []; const post = Worker.prototype.postMessage; Worker.prototype.postMessage = "
                         "function (message, ...rest) { if (message && message.op) window.__ops.push(message.op); "
                         "return post.call(this, message, ...rest); };")
    request = {"code": "nec-candidates", "donations": [{"donor": "A", "amount": "1600", "received": "2024-03-01"}]}
    page.goto(share_link(site_url, "donations", request))
    expect(page.locator(".checker-keep")).to_be_visible(timeout=READY)
    page.click("button[type=submit]")
    wait_until(page, "window.__ops.filter((op) => op === 'check').length === 2", READY)
    expect(page.locator(".checker-keep")).to_be_visible(timeout=READY)
    page.wait_for_timeout(500)  # anything the page would still send after the answer
    ops = [op for op in page.evaluate("window.__ops") if op not in ("start", "no-snapshot")]
    assert ops == ["read-fragment", "check", "check"], ops


def test_the_as_at_banner_says_what_the_code_leaves_unstated_and_when_a_day_is_after_today(page: Page, site_url,
                                                                                              fixture_site_url):
    title = page.locator(".as-at-banner-title")
    # A code's one version, whose start the code does not state: not "in force from not stated".
    page.goto(site_url + "codes/nec-candidates/original/#as-at=1990-01-01")
    expect(title).to_have_text("You asked for the version in force on 1 January 1990. This is version original, still "
                               "in force; the code does not state when it came into force, so whether it was in force "
                               "on that day is not stated.")
    page.goto(site_url + "codes/nec-candidates/original/#as-at=2999-01-01")
    expect(title).to_have_text(re.compile(r"^You asked for the version in force on 1 January 2999\. .* That day is after "
                                          r"today: a version published later could take its place before then\.$"))
    page.goto(fixture_site_url + "codes/fixture-candidates/2024/#as-at=2024-06-01")
    expect(title).to_have_text("You asked for the version in force on 1 June 2024. This is version 2024, in force from "
                               "1 January 2024, and still in force.")
