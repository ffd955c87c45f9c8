// What the checkers' memory snapshot holds: Python's memory at each step towards the snapshot the site ships,
// packed as the site packs it (browser_runtime/assets/snapshot-format.mjs), with the modules loaded and the
// largest kinds of object. Run by bench/snapshot_contents.py; nothing is asserted.
//   node bench/snapshot_contents.mjs <pyodide dir> <stdlib zip> <checkers wheel> <stdlib_on_demand.py> <step>
// step: python (started, nothing imported), package (import checkers), modules (every checkers module),
// codes (the codes read), site (what the site's snapshot holds: the on-demand standard library installed too).
import "../browser_runtime/tools/quiet-errors.mjs";
import { readFileSync } from "node:fs";
import { loadPyodide } from "pyodide";
import { packSnapshot } from "../browser_runtime/assets/snapshot-format.mjs";
import { snapshotMemoryBytes, watchInstantiation } from "../browser_runtime/assets/snapshot-restore.mjs";

const [pyodideDir, stdlib, wheel, onDemand, step] = process.argv.slice(2);
const indexURL = pyodideDir.endsWith("/") ? pyodideDir : pyodideDir + "/";
const pyodide = await loadPyodide({ indexURL, stdLibURL: stdlib, _makeSnapshot: true, _sysExecutable: "./this.program" });
pyodide.FS.writeFile("/tmp/checkers.whl", readFileSync(wheel));
pyodide.FS.writeFile("/tmp/stdlib_on_demand.py", readFileSync(onDemand));
const steps = ["python", "package", "modules", "codes", "site"];
const upTo = steps.indexOf(step);
const report = JSON.parse(pyodide.runPython(`
import gc, importlib, json, pkgutil, shutil, sys, sysconfig, zipfile
before = set(sys.modules)
up_to = ${upTo}
if up_to >= 1:
    zipfile.ZipFile("/tmp/checkers.whl").extractall(sysconfig.get_paths()["purelib"])
    shutil.copy("/tmp/stdlib_on_demand.py", sysconfig.get_paths()["purelib"])
    import checkers
if up_to >= 2:
    for m in pkgutil.walk_packages(checkers.__path__, "checkers."):
        if m.name != "checkers.__main__":
            importlib.import_module(m.name)
if up_to >= 3:
    checkers.codes()
if up_to >= 4:
    import stdlib_on_demand
    stdlib_on_demand.install(next(p for p in sys.path if p.endswith(".zip")))
gc.collect()
kinds = {}
for o in gc.get_objects():
    name = type(o).__name__
    count, size = kinds.get(name, (0, 0))
    kinds[name] = (count + 1, size + sys.getsizeof(o))
top = sorted(kinds.items(), key=lambda item: -item[1][1])[:6]
json.dumps({"modules": len(sys.modules), "added": sorted(set(sys.modules) - before),
            "objects": sum(c for c, _ in kinds.values()), "top": [[k, c, s] for k, (c, s) in top]})
`));
const full = pyodide.makeMemorySnapshot();
const instantiation = watchInstantiation();
let base = null;
await loadPyodide({ indexURL, stdLibURL: stdlib, _loadSnapshot: full, fsInit: async () => {
  base = new Uint8Array(instantiation.memory().buffer).slice();
  instantiation.growTo(snapshotMemoryBytes(full));
} });
const offset = new DataView(full.buffer, full.byteOffset).getUint32(4, true);
const packed = packSnapshot(full, base, offset);
process.stdout.write(JSON.stringify({ step, memory: snapshotMemoryBytes(full), packed: packed.length, ...report }));
