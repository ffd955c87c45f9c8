// A Pyodide memory snapshot taken once Python has started, the checkers are imported and every code version
// is read: a checker page restores this memory instead of starting Python, which is most of its start-up.
//   node tools/snapshot.mjs <pyodide dir> <stdlib zip> <checkers wheel> <output>
// The output leaves out the memory that is zero (overrides/assets/snapshot-format.mjs).
// `_makeSnapshot` and `_loadSnapshot` are private Pyodide options: Pyodide is pinned in package-lock.json, a
// snapshot only loads into the exact build that made it, and the worker falls back to a normal start.
import "./quiet-errors.mjs";
import { readFileSync, writeFileSync } from "node:fs";
import { loadPyodide } from "pyodide";
import { packSnapshot } from "../overrides/assets/snapshot-format.mjs";

const [indexURL, stdlib, wheel, target] = process.argv.slice(2);
const pyodide = await loadPyodide({
  indexURL: indexURL.endsWith("/") ? indexURL : indexURL + "/",
  stdLibURL: stdlib,
  _makeSnapshot: true,
  // Node would record this script's path as sys.executable; the browser's own value instead.
  _sysExecutable: "./this.program",
});
// Unpacked with Python rather than loadPackage(), which leaves JavaScript state a snapshot cannot hold.
pyodide.FS.writeFile("/tmp/checkers.whl", readFileSync(wheel));
const summary = pyodide.runPython(`
import gc, importlib, json, pkgutil, sys, sysconfig, zipfile

zipfile.ZipFile("/tmp/checkers.whl").extractall(sysconfig.get_paths()["purelib"])
import checkers

# Every module now, so nothing needs the package's files after a restore (they are not in the snapshot).
names = [m.name for m in pkgutil.walk_packages(checkers.__path__, "checkers.") if m.name != "checkers.__main__"]
for name in names:
    importlib.import_module(name)
versions = sum(len(code.versions) for code in checkers.codes().values())
# The page then starts with an empty standard library, and fetches the whole one only if something needs it.
from checkers import stdlib_on_demand
stdlib_on_demand.install(next(p for p in sys.path if p.endswith(".zip")))
# Pyodide puts the current directory first on sys.path again when it restores a snapshot: once is enough.
while "" in sys.path:
    sys.path.remove("")
gc.collect()
f"{len(names) + 1} modules imported, {versions} code versions read"
`);
writeFileSync(target, packSnapshot(pyodide.makeMemorySnapshot()));
console.log(summary);
