// The site's service worker (installed at the site's root as sw.js): a checker used once keeps working with no
// network. It keeps a checker page, the files it ran on, and the code pages it cites, when that page asks
// (offline.js, after Python is ready), or every checker when the reader asks from the checkers' index.
// - Nothing is kept at install: a code page downloads no Pyodide bytes, whether or not this worker runs.
// - Pages and the site's own files come from the network first, whenever there is one, so a stale published
//   version is never shown as current; the kept copy is used only offline.
// - The runtime's files are named by their contents, so they come from the copy kept, then the network.
// - A new build's worker (BUILD below changes with the runtime's manifest) replaces everything kept at once,
//   when the reader asks to reload (site.js); until then the old pages run with the old runtime.
// - Nothing a reader typed is kept: no request carries it, and addresses are kept without their fragment.
const BUILD = "__BUILD__";
const CACHE = `codes-of-conduct-${BUILD}`;
const SCOPE = new URL(self.registration.scope);
const RUNTIME = /\/assets\/(pyodide|wheels)\//;

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
  else if (message.type === "keep") event.waitUntil(keep(message.urls || [], event.ports[0]));
  else if (message.type === "kept") event.waitUntil(report(event.ports[0]));
});

function address(url) {
  const parsed = new URL(url, SCOPE);
  parsed.hash = "";
  return parsed.href;
}

function ours(url) {
  const parsed = new URL(url);
  return parsed.origin === SCOPE.origin && parsed.pathname.startsWith(SCOPE.pathname);
}

// Keep these addresses (the site's own only), from the network; says on `port` how many, and the bytes.
async function keep(urls, port) {
  const cache = await caches.open(CACHE);
  let kept = 0;
  let failed = 0;
  for (const url of new Set(urls.map(address).filter(ours))) {
    try {
      if (!(await cache.match(url))) {
        const response = await fetch(url, { cache: "no-cache" });
        if (!response.ok) throw new Error(String(response.status));
        await cache.put(url, response);
      }
      kept++;
    } catch {
      failed++;
    }
  }
  if (port) port.postMessage({ kept, failed, build: BUILD });
}

async function report(port) {
  const cache = await caches.open(CACHE);
  port.postMessage({ kept: (await cache.keys()).map((request) => request.url), build: BUILD });
}

self.addEventListener("fetch", (event) => {
  const request = event.request;
  if (!ours(request.url)) return;
  if (request.method === "HEAD") event.respondWith(head(request));
  else if (request.method === "GET") {
    event.respondWith(RUNTIME.test(new URL(request.url).pathname) ? keptFirst(request) : networkFirst(request));
  }
});

// "Is this file there?" (the checker's worker asks before it starts): the network's answer, else the kept copy's.
async function head(request) {
  try {
    return await fetch(request);
  } catch (error) {
    const kept = await (await caches.open(CACHE)).match(address(request.url));
    if (!kept) throw error;
    return new Response(null, { status: kept.status, headers: kept.headers });
  }
}

// The runtime: named by its contents, so a kept copy is the file itself.
async function keptFirst(request) {
  const cache = await caches.open(CACHE);
  const kept = await cache.match(address(request.url));
  if (kept) return kept;
  const response = await fetch(request);
  if (response.ok && response.status === 200) await cache.put(address(request.url), response.clone());
  return response;
}

// Pages and the site's own files: the network's, and the copy kept refreshed; the kept copy only offline.
async function networkFirst(request) {
  const cache = await caches.open(CACHE);
  const url = address(request.url);
  try {
    const response = await fetch(request);
    if (response.ok && response.status === 200 && (await cache.match(url))) await cache.put(url, response.clone());
    return response;
  } catch (error) {
    const kept = await cache.match(url);
    if (kept) return kept;
    throw error;
  }
}
