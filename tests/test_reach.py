"""Every page within reach: at the narrowest phone's width (320 px, WCAG's reflow width) nothing is wider than the
screen and axe finds nothing, wherever the keyboard goes a focus ring shows it, and in a high-contrast theme (forced
colours) every icon still shows. In Chromium; Firefox and WebKit read every page at a phone's width in
tests/test_every_engine.py. (A file of its own, so that the test processes share these slow reads out.)"""

import re

import pytest
from playwright.sync_api import expect

import checkers
from sitebuild import audit
from tests.test_gates import axe_violations
from tests.test_phone import READY, overflow

pytestmark = pytest.mark.browser


def test_every_page_fits_the_narrowest_phone_and_axe_finds_nothing(browser, site_url, built_site):
    """Every page at 320 px (WCAG's reflow width: tests/test_every_engine.py has 390 px in Firefox) with touch: nothing
    wider than the screen, and no accessibility violation. (The gates' axe test reads the pages at a desktop's width,
    where a long line of code, or a wide table, scrolled within reach of a keyboard.)"""
    context = browser.new_context(viewport={"width": 320, "height": 640}, has_touch=True, is_mobile=True,
                                  bypass_csp=True, service_workers="block")
    # A checker page as it loads (its answers are read at 390 px in tests/test_phone.py, once it has started), held
    # there: Python's worker never arrives, so no start is begun only to be cut off by the next page.
    context.route(re.compile(r"/checker-worker\.js$"), lambda route: None)
    page = context.new_page()
    problems = []
    for path in audit.html_pages(built_site):
        address = path.relative_to(built_site).as_posix().removesuffix("index.html")
        page.goto(site_url + address)
        if overflow(page) > 0:
            problems.append(f"/{address} is {overflow(page)} px wider than the screen")
        problems += axe_violations(page)
    context.close()
    assert problems == []


# Where the keyboard is, as the reader sees it: a ring of at least 2 px round the focused element (or, for the colour
# switch, round its label). Material's search field shows its focus by opening the search, so it is not asked for one.
_FOCUS_SHOWN = """() => {
    const at = document.activeElement;
    if (!at || at === document.body) return null;
    if (at.matches('.md-search__input')) return [at.className, true];
    // A date field's calendar button has the focus, within the field's own parts: the browser rings it itself.
    if (!at.matches(':focus')) return [at.id, true];
    const ringed = (element) => {
        const style = getComputedStyle(element);
        return style.outlineStyle !== 'none' && (style.outlineStyle === 'auto' || parseFloat(style.outlineWidth) >= 2);
    };
    const shown = ringed(at) || (at.matches('.md-option') && ringed(at.nextElementSibling));
    return [`${at.tagName.toLowerCase()}${at.id ? '#' + at.id : ''} "${(at.textContent || at.name || '').trim().slice(0, 40)}"`, shown];
}"""


@pytest.mark.parametrize("width", [390, 1280])
def test_every_place_the_keyboard_reaches_shows_that_it_is_there(browser, site_url, width):
    """Tab through a page of each kind: every control it stops at shows a focus ring before Material's script has run
    (a checker page holds it back until the reader reaches the header, so a fast keyboard gets there first; the script
    only adds its own rings). Material's reset took the ring off every input, and its rules hid a header button's and
    a fold's until its script had run."""
    context = browser.new_context(viewport={"width": width, "height": 844})
    context.route(re.compile(r"/assets/javascripts/bundle\.[0-9a-f]+\.min\.js$"), lambda route: route.abort())
    page = context.new_page()
    unseen = []
    for address in ["", "codes/nec-candidates/", "case/"] + [f"checkers/{name}/" for name in checkers.CHECKERS]:
        page.goto(site_url + address)
        if page.locator(".checker-progress-text").count():
            expect(page.locator(".checker-progress-text")).to_have_text(re.compile("^Ready"), timeout=READY)
        for _ in range(200):
            page.keyboard.press("Tab")
            focus = page.evaluate(_FOCUS_SHOWN)
            if focus is None:
                break
            if not focus[1]:
                unseen.append(f"/{address}: {focus[0]}")
    context.close()
    assert unseen == []


# Every icon Material draws as a mask over a background colour, with the colour it is drawn in and the page's own.
_MASKED_ICONS = """() => {
    const canvas = getComputedStyle(document.body).backgroundColor;
    const icons = [];
    for (const element of document.querySelectorAll('*')) {
        for (const part of ['::before', '::after']) {
            const style = getComputedStyle(element, part);
            const mask = style.maskImage !== 'none' ? style.maskImage : style.webkitMaskImage;
            if (!mask || mask === 'none' || style.display === 'none' || style.content === 'none') continue;
            if (!element.getClientRects().length) continue;
            icons.push([`${element.tagName.toLowerCase()}.${element.className}${part}`, style.backgroundColor, canvas]);
        }
    }
    return icons;
}"""


def _channels(colour):
    """"rgb(1, 2, 3)" or "rgba(1, 2, 3, 0.5)" as its numbers."""
    return [float(number) for number in re.findall(r"[\d.]+", colour)]


@pytest.mark.parametrize(("width", "theme"), [(390, "dark"), (1280, "dark"), (1280, "light")])
def test_every_icon_shows_in_forced_colours(browser, site_url, width, theme):
    """With the system's forced colours (Windows' contrast themes, light and dark), every icon drawn as a mask (a
    fold's marker, a note's icon, the navigation's arrows) is drawn in a colour other than the page's. Forced colours
    replace its background colour, which is what colours it, with the page's own, so a fold's marker vanished."""
    context = browser.new_context(viewport={"width": width, "height": 844}, forced_colors="active",
                                  color_scheme=theme, service_workers="block")
    # Icons need no Python: the reader's choice to download a checker only when asked keeps each page from starting it.
    context.add_init_script("localStorage.setItem('codes-of-conduct:download', 'when-asked')")
    page = context.new_page()
    unseen, seen = [], 0
    for address in ["", "codes/nec-candidates/", "case/"] + [f"checkers/{name}/" for name in checkers.CHECKERS]:
        page.goto(site_url + address)
        for name, colour, canvas in page.evaluate(_MASKED_ICONS):
            seen += 1
            if _channels(colour)[:3] == _channels(canvas)[:3] or _channels(colour)[3:] == [0]:
                unseen.append(f"/{address}: {name} is drawn in {colour} on {canvas}")
    context.close()
    assert seen, "no masked icon was found: the test no longer reads what it is meant to"
    assert unseen == []
