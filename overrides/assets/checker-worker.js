// The checkers' Python, in a module Web Worker so the page never stalls while Pyodide starts.
// Everything comes from this site's own origin; the candidate's data never leaves this worker.
import { loadPyodide } from "./pyodide/pyodide.mjs";

const assets = new URL("./", import.meta.url);
let ready = null;

function progress(percent, text) {
  postMessage({ type: "progress", percent, text });
}

async function start(runtime) {
  progress(10, "Downloading and starting Python (about 5 MB compressed, once per browser)…");
  const pyodide = await loadPyodide({
    indexURL: new URL(runtime.pyodide, assets).href,
    stdLibURL: new URL(runtime.stdlib, assets).href,
    stdout: () => {},
    stderr: () => {},
  });
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
