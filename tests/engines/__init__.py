"""Firefox and WebKit for the end-to-end tests, behind one small interface, so that each test is written once.

Firefox (Debian's firefox-esr) is driven over WebDriver BiDi by npm puppeteer-core (firefox.mjs beside this file);
WebKit (WebKitGTK's MiniBrowser, Safari's engine) by WebKitWebDriver through PyPI selenium, under Xvfb. What each
needs, and how its absence is reported, is in `missing`.
"""

from __future__ import annotations

import contextlib
import json
import os
import select
import shutil
import subprocess
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
FIREFOX = os.environ.get("FIREFOX") or shutil.which("firefox-esr") or shutil.which("firefox") or "/usr/bin/firefox-esr"
WEBKIT_DRIVER = os.environ.get("WEBKIT_DRIVER") or shutil.which("WebKitWebDriver") or "/usr/bin/WebKitWebDriver"
MINIBROWSER = next((str(p) for p in Path("/usr/lib").glob("*/webkit2gtk-4.*/MiniBrowser")), "")
# WebKitGTK's MiniBrowser will not make its window narrower than this (shared/notes/engines.md): a phone's width,
# as near as it goes.
WEBKIT_NARROWEST = 447
# How long a browser may take to start, on a machine as loaded as a full run makes it.
STARTS_WITHIN = 90


# Where a control is, and what is at its centre, for an error that says why it could not be used.
_WHERE = """const element = arguments[0], box = element.getBoundingClientRect();
const at = document.elementFromPoint(box.left + box.width / 2, box.top + box.height / 2);
return JSON.stringify({box: [box.left, box.top, box.width, box.height].map(Math.round), window: [innerWidth, innerHeight],
  scrollY, visible: element.checkVisibility(), atCentre: at && `${at.tagName.toLowerCase()}.${at.className}`,
  theme: !document.querySelector("script[data-theme-script]") || Boolean(window.document$)});"""


class EngineError(AssertionError):
    pass


class EngineGone(EngineError):
    """The browser itself ended (a crash of its page's process, or of the browser), not anything the page did."""


def missing(engine: str) -> str | None:
    """Why `engine` cannot run here, in words that say what to install; None when it can."""
    if engine == "firefox":
        if not Path(FIREFOX).exists():
            return "Firefox is missing, so the Firefox tests cannot run: apt-get install firefox-esr"
        if not (ROOT / "node_modules" / "puppeteer-core").is_dir():
            return "puppeteer-core is missing, so the Firefox tests cannot run: run make setup (npm ci)"
        return None
    lacking = [name for name, present in (("webkit2gtk-driver", Path(WEBKIT_DRIVER).exists() and MINIBROWSER),
                                          ("xvfb", shutil.which("Xvfb") or os.environ.get("DISPLAY"))) if not present]
    if lacking:
        return f"WebKit is missing, so the WebKit (Safari) tests cannot run: apt-get install {' '.join(lacking)}"
    try:
        import selenium  # noqa: F401
    except ImportError:
        return "selenium is missing, so the WebKit tests cannot run: run make setup"
    return None


# What a page showed when a wait ran out: on a checker's page, the start of each of its status, its errors and its
# answer (the page's end is its worked examples, which say nothing of what it was doing; a long answer's end would
# crowd out the status); elsewhere, the end of the page.
SHOWN = """(() => {
  const parts = [...document.querySelectorAll(
    '.checker-progress, .error-summary:not([hidden]), .checker-result:not([hidden])')]
    .map((part) => part.innerText.trim().slice(0, 500)).filter(Boolean);
  return parts.length ? parts.join('\\n') : (document.querySelector('main') || document.body).innerText.slice(-1500);
})()"""


class Engine:
    """What a test does in a browser. Scripts are JavaScript expressions; a promise is awaited."""

    name = ""
    width = 390

    def wait(self, script: str, timeout: float = 60, what: str = "") -> object:
        """Poll `script` until it is truthy; its value. (Polled from here: the pages' CSP refuses a page-side eval.)
        On a timeout, the error says what the page showed meanwhile."""
        deadline = time.monotonic() + timeout
        while True:
            value = self.evaluate(script)
            if value:
                return value
            if time.monotonic() > deadline:
                shown = self.evaluate(SHOWN)
                clicks = self.evaluate("(window.__clicks || []).slice(-5).join('; ')")
                raise EngineError(f"{self.name}: waited {timeout:.0f} s for {what or script}; the last clicks and "
                                  f"address changes: {clicks or 'none'}; the page showed:\n{shown}")
            time.sleep(0.1)

    def text(self, selector: str) -> str:
        return self.evaluate(f"document.querySelector({json.dumps(selector)})?.textContent.trim() ?? ''")

    def alive(self) -> bool:
        """Whether the browser still answers (after an error: was it the page, or the browser that ended?)."""
        try:
            return self.evaluate("1") == 1
        except Exception:  # any failure to answer is what is asked about
            return False

    def restart(self) -> str:
        """A new browser in place of one that ended; what the old one's log said last, to report why."""
        said = self.last_words()
        with contextlib.suppress(Exception):  # what is left of the old one goes as it can
            self.end_browser()
        self.start()
        return said

    def end_browser(self) -> None:
        self.close()

    def last_words(self) -> str:
        return ""


class Firefox(Engine):
    name = "firefox"

    def __init__(self, downloads: Path):
        self.downloads = downloads
        self.start()

    def start(self) -> None:
        downloads = self.downloads
        self.process = subprocess.Popen(["node", str(Path(__file__).with_name("firefox.mjs")), FIREFOX, str(downloads)],
                                        stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True, cwd=ROOT)
        self.call("width", width=self.width, height=844)

    def alive(self) -> bool:
        return self.process.poll() is None and super().alive()

    def call(self, op: str, **args):
        self.process.stdin.write(json.dumps({"op": op, **args}) + "\n")
        self.process.stdin.flush()
        line = self.process.stdout.readline()
        if not line:
            raise EngineError(f"firefox: the driver stopped during {op}")
        answer = json.loads(line)
        if "error" in answer:
            raise EngineError(f"firefox: {op} {args}: {answer['error']}")
        return answer["value"]

    def goto(self, url: str) -> None:
        self.call("goto", url=url)

    def reload(self) -> None:
        self.call("reload")

    def click(self, selector: str) -> None:
        self.call("click", selector=selector)

    def type(self, selector: str, text: str) -> None:
        self.call("type", selector=selector, text=text)

    def select(self, selector: str, value: str) -> None:
        self.call("select", selector=selector, value=value)

    def upload(self, selector: str, path: Path) -> None:
        self.call("upload", selector=selector, path=str(path))

    def evaluate(self, script: str):
        return self.call("evaluate", script=script)

    def problems(self) -> list[str]:
        return self.call("problems")

    def screenshot(self, path: Path, whole: bool = False) -> None:
        """What the window shows (or the whole page) as a PNG, to look at."""
        self.call("screenshot", path=str(path), whole=whole)

    def fresh(self) -> None:
        self.call("newPage")
        self.call("width", width=self.width, height=844)

    def close(self) -> None:
        try:
            self.process.stdin.write(json.dumps({"op": "quit"}) + "\n")
            self.process.stdin.flush()
            self.process.wait(timeout=20)
        except (OSError, subprocess.TimeoutExpired):
            self.process.kill()


# Errors and CSP violations as the page sees them, for an engine whose driver cannot read its console: set after
# each load (what happens before is not seen; the tests' own checks on the answers cover the start-up).
_LISTEN = """
if (!window.__problems) {
  window.__problems = [];
  addEventListener('error', (e) => window.__problems.push(String(e.message || e.target?.src || 'error')), true);
  addEventListener('unhandledrejection', (e) => window.__problems.push('unhandled: ' + String(e.reason)));
  addEventListener('securitypolicyviolation', (e) => window.__problems.push('CSP: ' + e.violatedDirective + ' ' + e.blockedURI));
  const error = console.error.bind(console);
  console.error = (...args) => { window.__problems.push(args.map(String).join(' ')); error(...args); };
}
""" + Path(__file__).with_name("record-clicks.js").read_text(encoding="utf-8")


def _virtual_display() -> tuple[subprocess.Popen, str]:
    """An Xvfb of its own, on a display number it chose free (-displayfd), once it is ready to draw: so that two
    runs on one machine, or another X server, never share a display."""
    read, write = os.pipe()
    display = subprocess.Popen(["Xvfb", "-displayfd", str(write), "-screen", "0", "1280x1024x24", "-nolisten", "tcp"],
                               pass_fds=(write,), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    os.close(write)
    with os.fdopen(read, "rb") as said:
        ready, _, _ = select.select([said], [], [], 30)
        number = said.readline().strip() if ready else b""
    if not number.isdigit():
        display.kill()
        raise EngineError("webkit: Xvfb did not start a virtual display (is the xvfb package installed?)")
    return display, f":{number.decode()}"


class WebKit(Engine):
    name = "webkit"
    width = WEBKIT_NARROWEST

    def __init__(self, log: Path):
        self.log = log
        self.display = None
        self.start()

    def start(self) -> None:
        from selenium import webdriver
        from selenium.webdriver.webkitgtk.options import Options
        from selenium.webdriver.webkitgtk.service import Service

        env = dict(os.environ)
        if not os.environ.get("DISPLAY"):
            # One display for this engine's whole life, a restarted browser's too: an Xvfb still ending when another
            # starts on its number takes the new one's socket with it, and the browser then cannot open its display.
            if self.display is None:
                self.display, self.display_name = _virtual_display()
            env["DISPLAY"] = self.display_name
        options = Options()
        options.binary_location = MINIBROWSER
        options.add_argument("--automation")
        # The driver's log, and the browser's own words on its standard error, which it passes on: what a crash said.
        self.log.parent.mkdir(parents=True, exist_ok=True)
        service = Service(executable_path=WEBKIT_DRIVER, env=env, log_output=str(self.log))
        # A browser that never comes (it could not open its display) leaves its driver waiting for ever, and the run
        # with it: after STARTS_WITHIN seconds the driver is stopped, and the error says what the browser said.
        stop = threading.Timer(STARTS_WITHIN, lambda: service.process and service.process.kill())
        stop.start()
        try:
            self.driver = webdriver.WebKitGTK(options=options, service=service)
        except Exception as error:
            raise EngineError(f"webkit: the browser did not start ({type(error).__name__}); its log said last:\n"
                              f"{self.last_words()}") from error
        finally:
            stop.cancel()
        self.driver.set_window_size(self.width, 900)
        self.driver.set_script_timeout(120)
        self.seen: list[str] = []

    def _element(self, selector: str):
        from selenium.webdriver.common.by import By

        return self.driver.find_element(By.CSS_SELECTOR, selector)

    def goto(self, url: str) -> None:
        self._collect()
        self.driver.get(url)
        self.watch()

    def reload(self) -> None:
        self._collect()
        self.driver.refresh()
        self.watch()

    def watch(self) -> None:
        """After each load: what the page's own listeners see (this driver cannot read the console)."""
        self.driver.execute_script(_LISTEN)

    def click(self, selector: str) -> None:
        self._interact(selector, lambda element: element.click())

    def type(self, selector: str, text: str) -> None:
        def typed(element):
            element.clear()
            element.send_keys(text)
        self._interact(selector, typed)

    def _interact(self, selector: str, action) -> None:
        from selenium.common.exceptions import ElementClickInterceptedException, ElementNotInteractableException

        # A control just revealed (a <details> opened) may not be laid out yet when a loaded machine asks: WebDriver
        # then calls it not interactable, or its click intercepted by what still covers it. A reader's tap comes
        # later; so does the retry, for up to 5 s. If it still fails, the error says where the control was and what
        # was at its centre.
        deadline = time.monotonic() + 5
        while True:
            element = self._element(selector)
            self.driver.execute_script("arguments[0].scrollIntoView({block: 'center'})", element)
            self._settled(element)
            # A disabled control takes a click without a word: wait, as Playwright does, until it can take it.
            if not element.is_enabled() and time.monotonic() <= deadline:
                time.sleep(0.2)
                continue
            try:
                action(element)
                return
            except (ElementNotInteractableException, ElementClickInterceptedException):
                if time.monotonic() > deadline:
                    where = self.driver.execute_script(_WHERE, element)
                    raise EngineError(f"{self.name}: {selector} is not interactable: {where}") from None
                time.sleep(0.2)

    def _settled(self, element) -> None:
        """Until the control stays where it is for two readings 50 ms apart (at most 2 s), as Playwright waits for
        an element to be stable before it clicks: a page still laying itself out would move it from under the click."""
        where = "const box = arguments[0].getBoundingClientRect(); return [box.x, box.y, box.width, box.height];"
        deadline = time.monotonic() + 2
        before = self.driver.execute_script(where, element)
        while time.monotonic() < deadline:
            time.sleep(0.05)
            now = self.driver.execute_script(where, element)
            if now == before:
                return
            before = now

    def select(self, selector: str, value: str) -> None:
        from selenium.webdriver.support.ui import Select

        Select(self._element(selector)).select_by_value(value)

    def upload(self, selector: str, path: Path) -> None:
        self._element(selector).send_keys(str(path))

    def evaluate(self, script: str):
        return self.driver.execute_script(f"return ({script});")

    def _collect(self) -> None:
        with contextlib.suppress(Exception):  # a page mid-load has none to give
            self.seen += self.driver.execute_script("return window.__problems ? window.__problems.splice(0) : []") or []

    def problems(self) -> list[str]:
        self._collect()
        found, self.seen = self.seen, []
        return found

    def fresh(self) -> None:
        self._collect()

    def last_words(self) -> str:
        with contextlib.suppress(OSError):
            return "\n".join(self.log.read_text(errors="replace").splitlines()[-15:])
        return ""

    def screenshot(self, path: Path, whole: bool = False) -> None:
        """What the window shows, as a PNG, to look at (this driver takes no whole-page shot)."""
        self.driver.save_screenshot(str(path))

    def end_browser(self) -> None:
        self.driver.quit()

    def close(self) -> None:
        try:
            self.end_browser()
        finally:
            if self.display:
                self.display.terminate()
                try:
                    self.display.wait(timeout=10)
                except subprocess.TimeoutExpired:
                    self.display.kill()
                    self.display.wait()
                self.display = None


def start(engine: str, downloads: Path) -> Engine:
    """`downloads` is where Firefox saves what a page downloads, and where WebKit's driver keeps its log."""
    return Firefox(downloads) if engine == "firefox" else WebKit(downloads / "webkit-driver.log")
