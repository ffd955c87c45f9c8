// Two visits to a checker page in Firefox with a profile kept on disk (bench/firefox_cache.py reads its HTTP cache
// afterwards). Prints each visit's first answer, in milliseconds, one a line.
import puppeteer from "puppeteer-core";

const [executablePath, url, profile, settleSeconds, prefsJson] = process.argv.slice(2);
const browser = await puppeteer.launch({
  browser: "firefox", executablePath, headless: true, userDataDir: profile,
  extraPrefsFirefox: { "network.prefetch-next": false, ...JSON.parse(prefsJson) },
});
const page = await browser.newPage();
for (let visit = 0; visit < 2; visit++) {
  if (visit) await page.goto("about:blank"); // a new load, not a move within the same page
  await page.goto(url, { waitUntil: "load" });
  await page.waitForSelector("#result-heading", { timeout: 120_000 });
  console.log(Math.round(await page.evaluate(() => performance.getEntriesByName("coc:first-result")[0]?.startTime)));
  await new Promise((resolve) => setTimeout(resolve, Number(settleSeconds) * 1000));
}
await browser.close();
