// The baseline: the unmodified npm Pyodide, loadPyodide(), the checkers wheel, one call. No worker.
import { loadPyodide } from "../pyodide-npm/pyodide.mjs";

const runtime = await (await fetch("/assets/checkers-runtime.json")).json();
const pyodide = await loadPyodide({ indexURL: new URL("../pyodide-npm/", import.meta.url).href });
await pyodide.loadPackage(new URL("/assets/" + runtime.wheel, location.href).href);
pyodide.runPython("import json, checkers");
const answer = pyodide.runPython(
  "json.dumps(checkers.run('nominations', {'code': 'momentum-ncg-elections', 'verified': 25}))");
performance.mark("coc:first-result");
document.getElementById("result").textContent = answer;
