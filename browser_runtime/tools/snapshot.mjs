// A Pyodide memory snapshot taken once Python has started, the checkers are imported and every code version
// is read: a checker page restores this memory instead of starting Python, which is most of its start-up.
//   node browser_runtime/tools/snapshot.mjs <pyodide dir> <stdlib zip> <checkers wheel> <stdlib_on_demand.py> <output>
// The output leaves out the memory a page has anyway: zeros, and the module's static data
// (browser_runtime/assets/snapshot-format.mjs).
// `_makeSnapshot` and `_loadSnapshot` are private Pyodide options: Pyodide is pinned in package-lock.json, a
// snapshot only loads into the exact build that made it, and the worker falls back to a normal start.
import "./quiet-errors.mjs";
import { readFileSync, writeFileSync } from "node:fs";
import { loadPyodide } from "pyodide";
import { expandSnapshot, packSnapshot } from "../assets/snapshot-format.mjs";
import { snapshotMemoryBytes, watchInstantiation } from "../assets/snapshot-restore.mjs";

const [pyodideDir, stdlib, wheel, onDemand, target] = process.argv.slice(2);
const indexURL = pyodideDir.endsWith("/") ? pyodideDir : pyodideDir + "/";
const pyodide = await loadPyodide({
  indexURL,
  stdLibURL: stdlib,
  _makeSnapshot: true,
  // Node would record this script's path as sys.executable; the browser's own value instead.
  _sysExecutable: "./this.program",
});
// Unpacked with Python rather than loadPackage(), which leaves JavaScript state a snapshot cannot hold.
pyodide.FS.writeFile("/tmp/checkers.whl", readFileSync(wheel));
pyodide.FS.writeFile("/tmp/stdlib_on_demand.py", readFileSync(onDemand));
const summary = pyodide.runPython(`
import gc, importlib, json, pkgutil, shutil, sys, sysconfig, zipfile

zipfile.ZipFile("/tmp/checkers.whl").extractall(sysconfig.get_paths()["purelib"])
shutil.copy("/tmp/stdlib_on_demand.py", sysconfig.get_paths()["purelib"])
import checkers

# Every module now, so nothing needs the package's files after a restore (they are not in the snapshot).
names = [m.name for m in pkgutil.walk_packages(checkers.__path__, "checkers.") if m.name != "checkers.__main__"]
for name in names:
    importlib.import_module(name)
versions = sum(len(code.versions) for code in checkers.codes().values())
# The page then starts with an empty standard library, and fetches the whole one only if something needs it.
import stdlib_on_demand
stdlib_on_demand.install(next(p for p in sys.path if p.endswith(".zip")))
# Pyodide puts the current directory first on sys.path again when it restores a snapshot: once is enough.
while "" in sys.path:
    sys.path.remove("")
gc.collect()
f"{len(names) + 1} modules imported, {versions} code versions read"
`);
const full = pyodide.makeMemorySnapshot();

// What a page has without downloading it: the module's memory as instantiated for a restore. A second Python,
// restored from this snapshot as a page restores it (browser_runtime/assets/snapshot-restore.mjs), shows it.
const instantiation = watchInstantiation();
let base = null;
const restored = await loadPyodide({
  indexURL,
  stdLibURL: stdlib,
  _loadSnapshot: full,
  fsInit: async () => {
    base = new Uint8Array(instantiation.memory().buffer).slice();
    // A memory larger than the initial heap is restored as a page restores it: the heap grown first.
    instantiation.growTo(snapshotMemoryBytes(full));
  },
});
restored.runPython("import checkers");
// Pyodide's snapshot begins with a header; its second word is where the memory starts.
const memoryOffset = new DataView(full.buffer, full.byteOffset).getUint32(4, true);
const packed = packSnapshot(full, base, memoryOffset);
if (!expandSnapshot(packed, base).every((byte, index) => byte === full[index])) {
  throw new Error("the packed snapshot does not expand to the memory it was made from");
}
writeFileSync(target, packed);
console.log(`${summary}; ${(packed.length / 1e6).toFixed(1)} MB of ${(full.length / 1e6).toFixed(1)} MB kept; ` +
  `memory ${snapshotMemoryBytes(full)} bytes, initial heap ${instantiation.initialBytes()} bytes`);
