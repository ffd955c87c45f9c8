// The site's service worker (installed at the site's root as sw.js): a checker used once keeps working with no
// network. It keeps what a checker page needs, from the build's own list of it (OFFLINE below, written by the build
// from the pages it made: sitebuild/offline.py), when that page asks (offline.js, after Python is ready), or every
// checker when the reader asks from the checkers' index.
// - Nothing is kept at install: a code page downloads no Pyodide bytes, whether or not this worker runs.
// - Only files on the build's list are ever kept, by their address without query or fragment: what is kept is
//   bounded by the build, and a query string makes no new copy.
// - Pages and the site's own files come from the network first, whenever there is one, so a stale published
//   version is never shown as current. Kept copies are never refreshed one by one: what is kept comes from one
//   build, and a page kept offline runs with the scripts of its own build.
// - The runtime's files are named by their contents, so they come from the copy kept, then the network. A copy
//   asked for again with `cache: "reload"` (a snapshot that arrived damaged) is fetched anew and replaces it.
// - A new build's worker (BUILD below changes with the build) replaces everything kept at once, when the reader
//   asks to reload (site.js); until then the old pages run with the old build's files.
// - Nothing a reader typed is kept: no request carries it.
const BUILD = "__BUILD__";
const OFFLINE = "__OFFLINE__";
const CACHE = `codes-of-conduct-${BUILD}`;
const SCOPE = new URL(self.registration.scope);
const RUNTIME = /^assets\/(pyodide|wheels)\//;
const LISTED = new Set(Object.values(OFFLINE.pages || {}).flat());
// Far above what the build lists (every checker with its runtime), far below what a cache should ever hold.
const MOST_BYTES = 120e6;
// The windows whose page came from the kept copy because the network did not answer: such a page says it is working
// from that copy even where the browser believes it is online (a connection that answers nothing). Forgotten when
// this worker stops; the page then judges by the browser's own online flag alone.
const SERVED_KEPT = new Set();
const MOST_REMEMBERED = 100;

self.addEventListener("install", () => {});

self.addEventListener("activate", (event) => {
  event.waitUntil((async () => {
    for (const name of await caches.keys()) {
      if (name.startsWith("codes-of-conduct-") && name !== CACHE) await caches.delete(name);
    }
    await self.clients.claim();
  })());
});

self.addEventListener("message", (event) => {
  const message = event.data || {};
  if (message.type === "skip-waiting") self.skipWaiting();
  else if (message.type === "keep") event.waitUntil(keep(message.pages || [], event.ports[0]));
  else if (message.type === "kept") event.waitUntil(report(event.ports[0]));
  else if (message.type === "served-kept" && event.ports[0]) {
    event.ports[0].postMessage({ kept: Boolean(event.source && SERVED_KEPT.has(event.source.id)) });
  }
});

// A site file's path from the site's root, without query or fragment: "codes/nec/"; null off the site.
function sitePath(url) {
  const parsed = new URL(url, SCOPE);
  if (parsed.origin !== SCOPE.origin || !parsed.pathname.startsWith(SCOPE.pathname)) return null;
  return decodeURIComponent(parsed.pathname.slice(SCOPE.pathname.length));
}

function keyOf(path) {
  return new URL(path, SCOPE).href;
}

// Keep what the build lists for these pages (and only that), fetched from the network; says on `port` how many
// files, and whether any failed.
async function keep(pages, port) {
  const cache = await caches.open(CACHE);
  const files = [...new Set(pages.flatMap((page) => OFFLINE.pages[page] || []))];
  const bytes = files.reduce((sum, path) => sum + (OFFLINE.sizes[path] || 0), 0);
  let kept = 0;
  let failed = 0;
  if (!files.length || bytes > MOST_BYTES) {
    if (port) port.postMessage({ kept, failed: files.length || 1, build: BUILD });
    return;
  }
  for (const path of files) {
    if ((await cache.match(keyOf(path))) || (await keepOne(cache, path))) kept++;
    else failed++;
  }
  if (port) port.postMessage({ kept, failed, build: BUILD });
}

// A weak signal drops a file now and then: one that fails is asked for again, a little later each time, before it
// counts as not kept.
const TRIES = 3;
const RETRY_AFTER_MS = 1000;

async function keepOne(cache, path) {
  for (let attempt = 1; ; attempt++) {
    try {
      const response = await fetch(keyOf(path), { cache: "no-cache" });
      if (!response.ok) throw new Error(String(response.status));
      await cache.put(keyOf(path), response);
      return true;
    } catch {
      if (attempt === TRIES) return false;
      await new Promise((resolve) => setTimeout(resolve, RETRY_AFTER_MS * attempt));
    }
  }
}

async function report(port) {
  const cache = await caches.open(CACHE);
  port.postMessage({ kept: (await cache.keys()).map((request) => request.url), build: BUILD });
}

self.addEventListener("fetch", (event) => {
  const request = event.request;
  const path = sitePath(request.url);
  if (path === null) return;
  if (request.method === "HEAD") event.respondWith(head(request, path));
  else if (request.method === "GET") {
    event.respondWith(RUNTIME.test(path) ? keptFirst(request, path) : networkFirst(request, path, event.resultingClientId));
  }
});

// "Is this file there?" (the checker's worker asks before it starts): the network's answer, else the kept copy's.
async function head(request, path) {
  try {
    return await fetch(request);
  } catch (error) {
    const kept = await (await caches.open(CACHE)).match(keyOf(path));
    if (!kept) throw error;
    return new Response(null, { status: kept.status, headers: kept.headers });
  }
}

// The runtime: named by its contents, so a kept copy is the file itself, unless asked for anew.
async function keptFirst(request, path) {
  const cache = await caches.open(CACHE);
  if (request.cache !== "reload") {
    const kept = await cache.match(keyOf(path));
    if (kept) return kept;
  }
  const response = await fetch(request);
  if (response.ok && response.status === 200 && LISTED.has(path)) await cache.put(keyOf(path), response.clone());
  return response;
}

// Pages and the site's own files: the network's; the kept copy only with no network. `client`: the window a page
// becomes (FetchEvent.resultingClientId), remembered when its page is the kept copy.
async function networkFirst(request, path, client) {
  try {
    return await fetch(request);
  } catch (error) {
    const kept = await (await caches.open(CACHE)).match(keyOf(path));
    if (!kept) throw error;
    if (request.mode === "navigate" && client) {
      SERVED_KEPT.add(client);
      if (SERVED_KEPT.size > MOST_REMEMBERED) SERVED_KEPT.delete(SERVED_KEPT.values().next().value);
    }
    return kept;
  }
}
