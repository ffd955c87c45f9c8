// The checkers' Python, in a module Web Worker so the page never stalls while Pyodide starts.
// Everything comes from this site's own origin; the candidate's data never leaves this worker.
import { snapshotOptions } from "./snapshot-restore.mjs";

const assets = new URL("./", import.meta.url);
let ready = null;

function progress(percent, text) {
  postMessage({ type: "progress", percent, text });
}

// Pyodide does not always reject when a file fails to download: it can wait for ever. So check that each file can be
// had. A download that is slow but still arriving is left to finish, however long it takes (a weak mobile
// connection); one that stops is told to the reader by the page (python.js), which hears every sign of progress:
// until Python is ready, each file's answer is one.
let starting = true;

// A file that could not be had (`download`: the page tells the reader it is no fault of their browser), and whether
// asking again may bring it (`transient`): the page then tries the start again by itself before asking the reader
// (python.js).
function downloadError(url, why, transient) {
  const error = new Error(`a file it needs (${url.split("/").pop()}) could not be downloaded${why ? `: ${why}` : ""}.`);
  error.download = true;
  error.transient = transient;
  return error;
}

// The connection failing may not last; nor may a host that answers it cannot for now. A file it does not have will
// not come by asking again.
function mayComeLater(status) {
  return status === 408 || status === 429 || status >= 500;
}

// The files a start needs beside Pyodide's first script (and the snapshot, which has a worker of its own): restored
// from the snapshot, the whole standard library comes only on demand.
function startFiles(runtime, fromSnapshot) {
  return ["pyodide.asm.mjs", "pyodide.asm.wasm", "pyodide-lock.json"].map((name) => runtime.pyodide + name)
    .concat(fromSnapshot ? [runtime.snapshot_stdlib] : [runtime.stdlib, runtime.wheel]);
}

async function probe(runtime, fromSnapshot) {
  await Promise.all(startFiles(runtime, fromSnapshot).map(async (file) => {
    let response;
    try {
      response = await fetch(new URL(file, assets), { method: "HEAD" });
    } catch {
      response = null;
    }
    if (!response || !response.ok) throw downloadError(file, null, !response || mayComeLater(response.status));
  }));
  return new Promise(() => {}); // all there: let loading decide
}

// A runtime file that fails to download once loading has begun (the connection drops, the host answers with an
// error) is reported at once: Pyodide itself may wait for ever. Every fetch of this worker passes through here;
// the snapshot has its own worker and its own fallback.
let downloadFailed = () => {};
const failedDownload = new Promise((_, reject) => {
  downloadFailed = (url, why, transient) => reject(downloadError(url, why, transient));
});
failedDownload.catch(() => {}); // raced with the start; unused after it
const realFetch = globalThis.fetch.bind(globalThis);
// The caller gets fetch's own promise, untouched (wrapping it in an async function cost the start about 45 ms on
// loopback: bench/README.md); this only watches it.
globalThis.fetch = (input, init) => {
  const url = String(input && input.url || input);
  const response = realFetch(input, init);
  response.then((answer) => {
    if (!answer.ok) downloadFailed(url, `the site answered ${answer.status}`, mayComeLater(answer.status));
    else {
      if (starting) postMessage({ type: "alive" });
      watchBody(answer, url);
    }
  }, () => downloadFailed(url, "the connection failed", true));
  return response;
};

// A body that breaks off after its headers have come (the connection dropping part-way through a file) fails only
// its reading, which Pyodide may just log before Python starts without the file: each reading is watched too, before
// the caller can start it.
function watchBody(answer, url) {
  for (const reading of ["arrayBuffer", "blob", "bytes", "json", "text"]) {
    const read = answer[reading];
    if (typeof read !== "function") continue;
    answer[reading] = function () {
      const body = read.call(this);
      body.catch(() => downloadFailed(url, "the connection failed", true));
      return body;
    };
  }
}

// Pyodide's own script, whose download passes outside fetch. A browser rejects an import it could not download with a
// TypeError, without saying why; Firefox and WebKit run what arrived of one cut short, and fail on its end.
async function importPyodide(url) {
  try {
    return await import(url);
  } catch (error) {
    throw downloadError(url, error instanceof TypeError ? null : unusable(error), true);
  }
}

// The engine's own words are for the console: Firefox calls a compile whose download broke off "out of memory".
function unusable(error) {
  console.warn(error);
  return "what arrived was incomplete or damaged";
}

// Pyodide compiles its WebAssembly as it downloads, and a download that breaks off there (the connection dropping
// part-way through its 10 MB) is only logged by Pyodide, whose start then waits for ever, in every engine. So the
// compile is watched as fetch is: its promise untouched, its failure reported.
const realInstantiateStreaming = WebAssembly.instantiateStreaming;
if (realInstantiateStreaming) {
  WebAssembly.instantiateStreaming = (source, imports) => {
    const instantiated = realInstantiateStreaming.call(WebAssembly, source, imports);
    instantiated.catch(async (error) => {
      if (!starting) return;
      const url = await Promise.resolve(source).then((response) => response.url, () => "");
      // A TypeError is the download's (the browser's words say so); anything else, what arrived could not be compiled.
      downloadFailed(url || "pyodide.asm.wasm", error instanceof TypeError ? "the connection failed" : unusable(error),
        true);
    });
    return instantiated;
  };
}

// Python's memory restored from the snapshot made at build time (browser_runtime/tools/snapshot.mjs), with the checkers
// already imported: a first answer in about half the time. The snapshot option is private to Pyodide,
// so anything wrong with it (missing, or not from this exact Pyodide) falls back to a normal start.
async function startPython(loadPyodide, runtime, snapshot, options) {
  if (snapshot && runtime.snapshot_size) {
    // Pyodide starts while the snapshot is still on its way (snapshot-restore.mjs).
    const restore = snapshotOptions(runtime.snapshot_size, snapshot);
    try {
      // Every module the checkers use is in the snapshot: the standard library starts empty, and the whole
      // one is fetched only if an import needs it (browser_runtime/stdlib_on_demand.py).
      const empty = new URL(runtime.snapshot_stdlib, assets).href;
      const pyodide = await loadPyodide({ ...options, stdLibURL: empty, ...restore.options });
      const whole = new URL(runtime.stdlib, assets).href;
      pyodide.pyimport("stdlib_on_demand").provide(() => downloadNow(whole));
      return pyodide;
    } catch (error) {
      restore.stop();
      console.warn("The checkers' Python snapshot could not be used; starting Python the usual way.",
        restore.failure() || error);
      progress(40, "Starting Python…");
    }
  }
  const pyodide = await loadPyodide(options);
  progress(75, "Loading the checkers…");
  // A wheel that could not be had is only told to errorCallback: Python would then start without the checkers.
  const wheel = new URL(runtime.wheel, assets).href;
  const problems = [];
  await pyodide.loadPackage(wheel, { messageCallback: () => {}, errorCallback: (said) => problems.push(said) });
  if (problems.length) throw downloadError(wheel, unusable(problems.join(" ")), true);
  return pyodide;
}

// Synchronous, as an import is: allowed in a worker, and only ever needed for an unusual import.
function downloadNow(url) {
  const request = new XMLHttpRequest();
  request.open("GET", url, false);
  request.responseType = "arraybuffer";
  request.send();
  if (request.status !== 200) throw new Error(`${url}: HTTP ${request.status}`);
  return new Uint8Array(request.response);
}

// The snapshot, from the worker checker-boot.js started to fetch it (snapshot-fetcher.js); the page says
// "no-snapshot" if that worker could not start.
let abandonSnapshot = () => {};

function receiveSnapshot(port) {
  const snapshot = new Promise((resolve, reject) => {
    abandonSnapshot = () => reject(new Error("the snapshot's worker did not start"));
    port.onmessage = ({ data }) => {
      port.close();
      if (data.snapshot) resolve(data.snapshot);
      else reject(new Error(data.error));
    };
  });
  snapshot.catch(() => {}); // a failure is handled where it is used
  return snapshot;
}

// Firefox may keep what arrived of a file cut short in its cache (Pyodide's scripts, its WebAssembly), and give it
// again at every later start, even after a reload of the page: on a start after a failed one, the files it needs
// are asked for afresh first, which replaces them there.
async function refreshCutFiles(runtime, fromSnapshot) {
  const files = [runtime.pyodide + "pyodide.mjs"].concat(startFiles(runtime, fromSnapshot));
  await Promise.all(files.map(async (file) => {
    const url = new URL(file, assets).href;
    try {
      const reader = (await realFetch(url, { cache: "reload" })).body.getReader();
      while (!(await reader.read()).done) stillArriving();
    } catch {
      throw downloadError(url, "the connection failed", true);
    }
  }));
}

// Each part of a file that arrives tells the page that the start is moving (python.js watches for a stall), at most
// once a second.
let toldArriving = 0;

function stillArriving() {
  if (Date.now() - toldArriving < 1_000) return;
  toldArriving = Date.now();
  postMessage({ type: "alive" });
}

async function start(runtime, port, again) {
  // Short enough, with what the page adds, for the two lines the page keeps for it on a phone.
  progress(10, "Downloading the checker…");
  const snapshot = port ? receiveSnapshot(port) : null;
  if (again) await refreshCutFiles(runtime, Boolean(snapshot));
  const { loadPyodide } = await importPyodide(new URL(runtime.pyodide + "pyodide.mjs", assets).href);
  const pyodide = await Promise.race([probe(runtime, Boolean(snapshot)), failedDownload, startPython(loadPyodide, runtime, snapshot, {
    indexURL: new URL(runtime.pyodide, assets).href,
    stdLibURL: new URL(runtime.stdlib, assets).href,
    stdout: () => {},
    stderr: () => {},
  })]);
  pyodide.runPython("import checkers.page");
  // The page's entries (checkers/page.py): JSON text in and out, the command line's words; a spreadsheet's bytes or
  // text read by Python.
  const page = pyodide.pyimport("checkers.page");
  const api = {
    run: page.run_json,
    check: page.check_json,
    answer: page.answer_json,
    keepsakes: page.keepsakes_json,
    csv: page.read_spreadsheet,
    csvWrite: page.write_spreadsheet,
    refused: page.refused_json,
    shareLink: page.share_link,
    readFragment: page.read_fragment,
    caseOp: page.case_json,
  };
  starting = false;
  progress(100, "Ready.");
  postMessage({ type: "ready" });
  const script = new URL(runtime.pyodide + "pyodide.asm.mjs", assets).href;
  if (downloaded(script)) setTimeout(() => keepCompiled(script), KEEP_COMPILED_AFTER_MS);
  return api;
}

// Whether this visit downloaded the file, rather than taking it from the browser's cache (where a request that
// only revalidated it transfers its headers alone).
function downloaded(url) {
  return performance.getEntriesByName(url).some((entry) => entry.encodedBodySize > 0 &&
    entry.transferSize > entry.encodedBodySize);
}

// A second load of Pyodide's script, so that the next visit finds its compiled code (script-cache-warmer.js).
// A second after Python is ready: checks asked for meanwhile have their answers by then, and the theme's script,
// which the page starts with the first answer, has had its turn.
const KEEP_COMPILED_AFTER_MS = 1_000;

function keepCompiled(script) {
  try {
    const warmer = new Worker(new URL("script-cache-warmer.js", assets), { type: "module" });
    // Its failure is no failure of the checker: the page must not hear of it.
    warmer.onerror = (event) => event.preventDefault();
    warmer.postMessage({ url: script });
  } catch {
    // A browser without workers inside workers (Safari before 15.5): the next visit compiles the script.
  }
}

// An answer to a whole year's spreadsheet holds tens of thousands of items: taken in at once, they would stop the page
// for half a second (bench/README.md). Its long lists go in parts, each a short task for the page; the first part
// holds everything else, and the page shows it at once. Its record and calendar follow (keepsakesToCome).
const PART = 250;

function postInParts(id, result) {
  const response = result.response || {};
  const long = Object.keys(response).filter((key) => Array.isArray(response[key]) && response[key].length > PART);
  const rest = Object.fromEntries(long.map((key) => [key, response[key]]));
  for (const key of long) response[key] = rest[key].slice(0, PART);
  postMessage({ id, result, parts: long.length > 0, keepsakesToCome: true });
  if (!long.length) return;
  for (const key of long) {
    for (let start = PART; start < rest[key].length; start += PART) {
      postMessage({ id, part: { [key]: rest[key].slice(start, start + PART) } });
    }
  }
  postMessage({ id, complete: true });
}

// The record and calendar of a long answer run to megabytes: as files, they cross to the page at no cost to it. None
// where Python wrote no record (it answers {"errors"} when no check is kept).
function asFiles(kept) {
  if (!kept || !kept.record) return null;
  for (const keep of [kept.record, kept.calendar]) {
    if (keep) {
      keep.file = new Blob([keep.text]);
      delete keep.text;
    }
  }
  return kept;
}

// A reader is never shown a Python traceback: only its last line, which says what went wrong.
function withoutTraceback(message) {
  if (!message.startsWith("Traceback")) return message;
  return message.trim().split("\n").pop();
}

onmessage = async (event) => {
  const message = event.data;
  if (message.op === "no-snapshot") {
    abandonSnapshot();
    return;
  }
  if (message.op === "start") {
    ready = start(message.runtime, message.snapshot, message.again);
    ready.catch((error) => postMessage({ type: "failed", message: String(error && error.message || error),
                                         download: Boolean(error && error.download),
                                         transient: Boolean(error && error.transient) }));
    return;
  }
  try {
    const api = await ready;
    let result;
    if (message.op === "csv") result = JSON.parse(api.csv(message.checker, message.data));
    else if (message.op === "csv-write") result = JSON.parse(api.csvWrite(message.checker, JSON.stringify(message.rows)));
    else if (message.op === "refused") {
      result = JSON.parse(api.refused(message.checker, message.source, JSON.stringify(message.refused)));
    }
    // The page's own check: the answer first, in parts, then its record and calendar, written from the same run.
    else if (message.op === "check" && message.inParts) {
      postInParts(message.id, JSON.parse(api.answer(message.checker, JSON.stringify(message.request), message.madeOn,
                                                    message.siteUrl)));
      let kept = null;
      try {
        kept = asFiles(JSON.parse(api.keepsakes()));
      } catch {
        // The answer stands, shown already: only its files are missing, and the page offers none.
      }
      postMessage({ id: message.id, keepsakes: kept });
      return;
    }
    // One trip: the answer, its record and its calendar, from one run of the rules.
    else if (message.op === "check") {
      result = JSON.parse(api.check(message.checker, JSON.stringify(message.request), message.madeOn, message.siteUrl));
    }
    else if (message.op === "share-link") result = JSON.parse(api.shareLink(message.pageUrl, JSON.stringify(message.request),
      message.checker));
    else if (message.op === "read-fragment") result = JSON.parse(api.readFragment(message.fragment));
    else if (message.op === "case") result = JSON.parse(api.caseOp(message.caseOp, JSON.stringify(message.args)));
    else result = JSON.parse(api.run(message.checker, JSON.stringify(message.request)));
    postMessage({ id: message.id, result });
  } catch (error) {
    postMessage({ id: message.id, error: withoutTraceback(String(error && error.message || error)) });
  }
};
