// Runs checker requests inside real Pyodide under Node, with the checkers wheel the site ships.
//   node tests/pyodide_harness.mjs <pyodide dir> <stdlib zip> <wheel> <requests.json>  -> JSON responses on stdout
import { readFileSync } from "node:fs";
import { loadPyodide } from "pyodide";

const [indexURL, stdlib, wheel, requestsFile] = process.argv.slice(2);
const pyodide = await loadPyodide({ indexURL: indexURL.endsWith("/") ? indexURL : indexURL + "/", stdLibURL: stdlib });
await pyodide.loadPackage(wheel, { messageCallback: () => {} });
pyodide.runPython("import json, sys, checkers");
const run = pyodide.runPython("lambda c, r: json.dumps(checkers.run(c, json.loads(r)))");
const version = pyodide.runPython("sys.version.split()[0]");
const requests = JSON.parse(readFileSync(requestsFile, "utf-8"));
const responses = requests.map(({ checker, request }) => JSON.parse(run(checker, JSON.stringify(request))));
process.stdout.write(JSON.stringify({ python: version, responses }));
