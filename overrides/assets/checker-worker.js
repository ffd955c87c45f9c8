// The checkers' Python, in a module Web Worker so the page never stalls while Pyodide starts.
// Everything comes from this site's own origin; the candidate's data never leaves this worker.
import { loadPyodide } from "./pyodide/pyodide.mjs";

const assets = new URL("./", import.meta.url);
let ready = null;

function progress(percent, text) {
  postMessage({ type: "progress", percent, text });
}

// Pyodide does not always reject when a file fails to download: it can wait for ever. So check
// that each file can be had, and give up after a generous time, to tell the reader plainly.
const TIME_LIMIT_MS = 120_000;

async function probe(runtime) {
  const files = ["pyodide.asm.mjs", "pyodide.asm.wasm", "pyodide-lock.json"].map((name) => runtime.pyodide + name)
    .concat([runtime.stdlib, runtime.wheel]);
  await Promise.all(files.map(async (file) => {
    let response;
    try {
      response = await fetch(new URL(file, assets), { method: "HEAD" });
    } catch {
      response = null;
    }
    if (!response || !response.ok) throw new Error(`a file it needs (${file.split("/").pop()}) could not be downloaded.`);
  }));
  return new Promise(() => {}); // all there: let loading decide
}

function timeLimit() {
  return new Promise((_, reject) => setTimeout(
    () => reject(new Error("Python did not start within two minutes.")), TIME_LIMIT_MS));
}

async function start(runtime) {
  progress(10, "Downloading and starting Python (about 5 MB compressed, once per browser)…");
  const pyodide = await Promise.race([probe(runtime), timeLimit(), loadPyodide({
    indexURL: new URL(runtime.pyodide, assets).href,
    stdLibURL: new URL(runtime.stdlib, assets).href,
    stdout: () => {},
    stderr: () => {},
  })]);
  progress(75, "Loading the checkers…");
  await pyodide.loadPackage(new URL(runtime.wheel, assets).href, { messageCallback: () => {}, errorCallback: () => {} });
  pyodide.runPython("import json, checkers, checkers.csvinput");
  const api = {
    run: pyodide.runPython("lambda checker, request: json.dumps(checkers.run(checker, json.loads(request)))"),
    csv: pyodide.runPython(
      "lambda text: json.dumps(dict(zip(('donations', 'errors'), checkers.csvinput.parse(text))))"),
  };
  progress(100, "Ready.");
  postMessage({ type: "ready" });
  return api;
}

onmessage = async (event) => {
  const message = event.data;
  if (message.op === "start") {
    ready = start(message.runtime);
    ready.catch((error) => postMessage({ type: "failed", message: String(error && error.message || error) }));
    return;
  }
  try {
    const api = await ready;
    const result = message.op === "csv"
      ? JSON.parse(api.csv(message.text))
      : JSON.parse(api.run(message.checker, JSON.stringify(message.request)));
    postMessage({ id: message.id, result });
  } catch (error) {
    postMessage({ id: message.id, error: String(error && error.message || error) });
  }
};
