// Firefox for the end-to-end tests, over WebDriver BiDi (puppeteer-core; Firefox speaks BiDi itself, so no
// geckodriver). tests/engines.py sends one JSON command a line on standard input and reads one JSON answer a line:
// the tests are written once, in Python, for Firefox and WebKit alike.
import { createInterface } from "node:readline";
import puppeteer from "puppeteer-core";

const [executablePath, profileDownloads] = process.argv.slice(2);
const browser = await puppeteer.launch({
  browser: "firefox",
  executablePath,
  headless: true,
  extraPrefsFirefox: {
    // MkDocs puts <link rel="next"> on every page: prefetched, it would reach the service worker unasked.
    "network.prefetch-next": false,
    "browser.download.folderList": 2,
    "browser.download.dir": profileDownloads,
    "browser.download.useDownloadDir": true,
  },
});
let page = await browser.newPage();
// What a reader never sees but a test must: errors in the page or its workers, and CSP violations.
const problems = [];
// Requests the page itself gave up (it moved on to another page before a file had arrived). Firefox reports such a
// request, when the site's service worker was answering it, as "A ServiceWorker intercepted the request and
// encountered an unexpected error", though nothing failed and no one was waiting (the page, the worker and the
// server all did their part); a request that failed for any other reason is still a problem.
// Each abandoned request excuses one such report of its own address, whichever of the two arrives first.
const abandoned = new Map();
const ABANDONED_THROUGH_THE_WORKER = /^Failed to load ‘(.+)’\. A ServiceWorker intercepted the request and encountered an unexpected error\.$/;
function watch(target) {
  target.on("console", (message) => {
    if (message.type() === "error" || /Content[- ]Security[- ]Policy/i.test(message.text())) problems.push(message.text());
  });
  target.on("pageerror", (error) => problems.push(String(error && error.message || error)));
  target.on("requestfailed", (request) => {
    if (request.failure()?.errorText === "NS_BINDING_ABORTED") {
      abandoned.set(request.url(), (abandoned.get(request.url()) || 0) + 1);
    }
  });
}
function realProblems() {
  return problems.splice(0).filter((text) => {
    const url = ABANDONED_THROUGH_THE_WORKER.exec(text)?.[1];
    if (!abandoned.get(url)) return true;
    abandoned.set(url, abandoned.get(url) - 1);
    return false;
  });
}
watch(page);

const commands = {
  goto: async ({ url }) => { await page.goto(url, { waitUntil: "load" }); },
  reload: async () => { await page.reload({ waitUntil: "load" }); },
  width: async ({ width, height }) => {
    try {
      await page.setViewport({ width, height, hasTouch: true, isMobile: false });
    }
    catch (error) {
      // puppeteer-core 25 sends a screen orientation with every viewport, a command that Debian 12's firefox-esr
      // (140) does not know (153 does): there, the viewport's size is set alone, as BiDi has long allowed.
      if (!/unknown command emulation\.setScreenOrientationOverride/.test(String(error && error.message))) throw error;
      await page.mainFrame().browsingContext.setViewport({ viewport: { width, height } });
    }
  },
  // A disabled control takes a click without a word: wait, as Playwright does, until it can take it.
  click: async ({ selector }) => {
    // Polled from here: waitForFunction evaluates its function in a way the page's CSP refuses in Firefox.
    for (const end = Date.now() + 30_000; Date.now() < end; await new Promise((done) => setTimeout(done, 100))) {
      if (!await page.$eval(selector, (found) => found.disabled).catch(() => false)) break;
    }
    await page.click(selector);
  },
  type: async ({ selector, text }) => {
    await page.click(selector, { clickCount: 3 });
    await page.type(selector, text);
  },
  select: async ({ selector, value }) => { await page.select(selector, value); },
  upload: async ({ selector, path }) => { await (await page.$(selector)).uploadFile(path); },
  evaluate: async ({ script }) => page.evaluate(script),
  problems: async () => realProblems(),
  screenshot: async ({ path, whole }) => { await page.screenshot({ path, fullPage: Boolean(whole) }); },
  newPage: async () => {
    await page.close();
    page = await browser.newPage();
    watch(page);
  },
};

const lines = createInterface({ input: process.stdin });
for await (const line of lines) {
  const { op, ...args } = JSON.parse(line);
  if (op === "quit") break;
  try {
    const value = await commands[op](args);
    process.stdout.write(JSON.stringify({ value: value === undefined ? null : value }) + "\n");
  }
  catch (error) {
    process.stdout.write(JSON.stringify({ error: String(error && error.message || error) }) + "\n");
  }
}
await browser.close();
// Standard input, still open on the tests' side, would keep node waiting (20 s, until the tests kill it).
process.exit(0);
