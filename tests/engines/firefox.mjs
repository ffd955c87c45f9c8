// Firefox for the end-to-end tests, over WebDriver BiDi (puppeteer-core; Firefox speaks BiDi itself, so no
// geckodriver). tests/engines.py sends one JSON command a line on standard input and reads one JSON answer a line:
// the tests are written once, in Python, for Firefox and WebKit alike.
import { readFileSync } from "node:fs";
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
// Where each click landed (record-clicks.js), from each page's start: a preload script is not the page's, so its CSP
// allows it.
const RECORD_CLICKS = readFileSync(new URL("record-clicks.js", import.meta.url), "utf8");
async function watch(target) {
  await target.evaluateOnNewDocument(RECORD_CLICKS);
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
await watch(page);

// Where to tap an element: the centre of its first box, once the box has stayed put over two frames and nothing
// covers that point; otherwise why not (the test's error says it).
const AIM = async (found) => {
  const frame = () => new Promise((done) => requestAnimationFrame(() => done()));
  const measure = () => [...found.getClientRects()].find((box) => box.width > 0 && box.height > 0);
  if (found.disabled) return { why: "disabled" };
  const before = measure();
  await frame();
  await frame();
  const box = measure();
  if (!box) return { why: "not shown" };
  if (!before || ["x", "y", "width", "height"].some((side) => box[side] !== before[side])) return { why: "moving" };
  const point = { x: box.left + box.width / 2, y: box.top + box.height / 2 };
  const at = document.elementFromPoint(point.x, point.y);
  if (!at || !(at === found || found.contains(at) || at.control === found)) {
    return { why: "covered", by: at && `${at.tagName.toLowerCase()}.${at.className}`, box: [box.x, box.y, box.width, box.height] };
  }
  return { point };
};

// A tap as Playwright makes one: once the control can take it (a disabled one takes a click without a word), is
// scrolled to, has stopped moving, and is what a finger at its centre would touch. puppeteer's own click measures
// and then clicks: a page still laying itself out (a panel that appears once an answer is drawn) moves the control
// from under the click, which then lands on whatever came there instead.
async function tap(selector, count = 1) {
  let where = null;
  // Polled from here: waitForFunction evaluates its function in a way the page's CSP refuses in Firefox.
  for (const end = Date.now() + 30_000; Date.now() < end; await new Promise((done) => setTimeout(done, 100))) {
    const element = await page.$(selector);
    where = { why: "not in the page" };
    if (!element) continue;
    await element.evaluate((found) => found.scrollIntoView({ block: "center", inline: "center" })).catch(() => {});
    where = await element.evaluate(AIM).catch((error) => ({ error: String(error && error.message || error) }));
    if (where.point) {
      await page.mouse.click(where.point.x, where.point.y, { count });
      return;
    }
  }
  throw new Error(`${selector} could not be tapped within 30 s: ${JSON.stringify(where)}`);
}

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
  click: async ({ selector }) => { await tap(selector); },
  // Typed over what the field held, as WebKit's driver clears it first: three taps select it all.
  type: async ({ selector, text }) => {
    await tap(selector, 3);
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
    await watch(page);
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
