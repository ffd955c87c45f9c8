// Runs checker requests inside real Pyodide under Node, with the checkers wheel the site ships, or from the
// memory snapshot the site ships (as a checker page starts, without the wheel).
//   node tests/pyodide_harness.mjs <pyodide dir> <stdlib zip> <wheel> <requests.json> [snapshot]
//   -> JSON responses on stdout
import "../browser_runtime/tools/quiet-errors.mjs";
import { readFileSync } from "node:fs";
import { loadPyodide } from "pyodide";
import { crc32, snapshotSize } from "../browser_runtime/assets/snapshot-format.mjs";
import { snapshotOptions } from "../browser_runtime/assets/snapshot-restore.mjs";

const [indexURL, stdlib, wheel, requestsFile, snapshot, emptyStdlib, checksum] = process.argv.slice(2);
const options = { indexURL: indexURL.endsWith("/") ? indexURL : indexURL + "/", stdLibURL: stdlib };
let pyodide;
if (snapshot) {
  // As the checker page's worker does: restored while Pyodide starts, with an empty standard library and the
  // whole one on demand.
  const packed = readFileSync(snapshot);
  // As the page's snapshot fetcher does: the bytes must be the build's.
  if (checksum !== undefined && crc32(packed) !== Number(checksum)) throw new Error("the checkers snapshot is damaged");
  const restore = snapshotOptions(snapshotSize(packed), Promise.resolve(packed));
  pyodide = await loadPyodide({ ...options, stdLibURL: emptyStdlib, ...restore.options }).catch((error) => {
    throw restore.failure() || error;
  });
  pyodide.pyimport("stdlib_on_demand").provide(() => new Uint8Array(readFileSync(stdlib)));
} else {
  pyodide = await loadPyodide(options);
  await pyodide.loadPackage(wheel, { messageCallback: () => {} });
}
pyodide.runPython("import json, sys, checkers");
// The entry the page's worker calls (checker-worker.js).
const run = pyodide.runPython("checkers.run_json");
const version = pyodide.runPython("sys.version.split()[0]");
const requests = JSON.parse(readFileSync(requestsFile, "utf-8"));
const responses = requests.map(({ checker, request }) => JSON.parse(run(checker, JSON.stringify(request))));
const report = { python: version, responses };
if (snapshot) {
  // Whether the cases needed anything outside the snapshot, then an import that does.
  report.stdlibFetchedForCases = pyodide.runPython("import stdlib_on_demand as d; d.finder.installed");
  report.colorsys = pyodide.runPython("import colorsys; colorsys.rgb_to_hsv(1, 0, 0)[0]");
}
process.stdout.write(JSON.stringify(report));
