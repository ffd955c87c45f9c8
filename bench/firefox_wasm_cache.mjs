// Compiles Pyodide's WebAssembly with WebAssembly.compileStreaming, as Pyodide does, in the page or in a worker, on
// several visits of one Firefox whose profile is kept (bench/firefox_wasm_cache.py reads its HTTP cache afterwards).
// Prints each visit's compile, in milliseconds, one a line.
import puppeteer from "puppeteer-core";

const [executablePath, url, wasm, profile, prefsJson, where, visits, settleSeconds] = process.argv.slice(2);
const browser = await puppeteer.launch({
  browser: "firefox", executablePath, headless: true, userDataDir: profile, extraPrefsFirefox: JSON.parse(prefsJson),
});
const page = await browser.newPage();
for (let visit = 0; visit < Number(visits); visit++) {
  await page.goto(url, { waitUntil: "load" });
  const ms = await page.evaluate(async (wasm, where) => {
    const compile = async (address) => {
      const start = performance.now();
      globalThis.kept = await WebAssembly.compileStreaming(fetch(address));
      return performance.now() - start;
    };
    if (where === "page") return compile(wasm);
    const worker = new Worker(where); // the site's policy allows workers from its own origin only
    globalThis.keptWorker = worker;
    return new Promise((resolve) => { worker.onmessage = (event) => resolve(event.data); worker.postMessage(wasm); });
  }, new URL(wasm, url).href, where);
  console.log(Math.round(ms));
  // Firefox writes compiled code to its cache once its optimising compiler has finished, in the background.
  await new Promise((resolve) => setTimeout(resolve, Number(settleSeconds) * 1000));
  await page.goto("about:blank");
}
await browser.close();
