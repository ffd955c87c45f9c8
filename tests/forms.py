"""Filling the checker forms as a candidate would, for the browser tests and the gates."""

import base64
import json
import time

from playwright.sync_api import Page, expect


def wait_until(page: Page, script: str, timeout_ms: float) -> None:
    """Until `script` is true in the page, polled from here: Playwright's wait_for_function evaluates a string in
    the page when it polls, which the site's CSP (no unsafe-eval) refuses once the first try is false."""
    deadline = time.monotonic() + timeout_ms / 1000
    while not page.evaluate(script):
        if time.monotonic() > deadline:
            raise AssertionError(f"waited {timeout_ms / 1000:.0f} s for {script}")
        page.wait_for_timeout(100)


def search_for(page: Page, words: str):
    """Type a query in the theme's search as a reader finishes typing it: all but its last letter at once, then the
    last as a key (the theme searches on each key; typed key by key, the results of the first letters may be read
    before those of the whole query)."""
    query = page.locator("input[data-md-component=search-query]")
    query.fill(words[:-1])
    query.press(words[-1])


def fill_donation(page: Page, row: int, **fields: str):
    """Type into one donation row's fields (donor, amount, received) and choose its options (kind, permissible)."""
    for name, value in fields.items():
        selector = f"#donations-{row}-{name}"
        if name in ("kind", "permissible"):
            page.select_option(selector, value)
        else:
            page.fill(selector, value)


def check_one_donation(page: Page, site_url: str, code: str, donor: str, amount: str, received: str):
    """As a candidate would: open the donations checker, choose a code, enter one donation, press Check."""
    page.goto(site_url + "checkers/donations/")
    page.select_option("#code", code)
    fill_donation(page, 0, donor=donor, amount=amount, received=received)
    page.click("button[type=submit]")


def answer(page: Page, name: str, value: str):
    """Choose an answer to a question of a few choices (radio buttons), as a reader taps it."""
    page.check(f"input[type=radio][name={name}][value='{value}']")


def open_reasoning(page: Page, timeout: float = 60_000):
    """Unfold the answer's reasoning (every answer with its clause and the law), as a reader taps "Why"."""
    summary = page.locator(".checker-reasoning > summary")
    summary.wait_for(timeout=timeout)
    if not page.locator(".checker-reasoning[open]").count():
        summary.click()


# A link of the open navigation drawer that a tap would reach: on the level it shows (Material opens it at the page's
# own section), to another page that starts no Python (whose downloads a test leaving it would cut short). A
# JavaScript expression whose value is the link, or undefined.
DRAWER_LINK_TO_TAP = """[...document.querySelectorAll('.md-sidebar--primary a.md-nav__link[href]')].find((a) => {
  const box = a.getBoundingClientRect(), hit = document.elementFromPoint(box.x + 5, box.y + box.height / 2);
  const path = new URL(a.href).pathname;
  return box.width > 0 && hit && a.contains(hit) && path !== location.pathname && !/\\/(checkers\\/[^/]+|case)\\/$/.test(path);
})"""


def wait_ready(page: Page, timeout: float = 60_000):
    """The checker says it is ready (Python has started), or the page's state is told."""
    try:
        expect(page.locator(".checker-progress-text")).to_have_text("Ready.", timeout=timeout)
    except AssertionError as error:
        # What a start that never ends leaves behind: whether the page finished parsing (its module script runs only
        # then) and what the worker said that the page's script never took over.
        state = page.evaluate("""() => ({readyState: document.readyState,
            heldForThePage: (window.__codesOfConductBoot?.early || []).map((event) => event.data || event.type),
            scripts: performance.getEntriesByType("resource").filter((entry) => /\\.(m?js)$/.test(entry.name))
                .map((entry) => [entry.name.split("/").pop(), Math.round(entry.duration)])})""")
        raise AssertionError(f"{error}\nThe page's state: {state}") from None


def share_link(site_url: str, checker: str, request: dict) -> str:
    """A checker page whose fragment asks for `request` at once, as a shared link does."""
    scenario = base64.urlsafe_b64encode(json.dumps(request).encode()).decode().rstrip("=")
    return f"{site_url}checkers/{checker}/#scenario={scenario}"
