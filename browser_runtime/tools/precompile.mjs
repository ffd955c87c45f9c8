// Precompile Python to bytecode inside Pyodide itself, so that the .pyc magic number matches Pyodide's
// Python (the host's Python may be older), and browsers skip compiling on every visit.
//   node browser_runtime/tools/precompile.mjs <pyodide dir> stdlib <python_stdlib.zip> <output.zip>
//       replaces each module's source by its bytecode (the ~136 modules Pyodide imports at start-up, and the rest)
//   node browser_runtime/tools/precompile.mjs <pyodide dir> wheel <package.whl> <output.whl>
//       adds __pycache__ bytecode beside each source, so tracebacks still show the source
import "./quiet-errors.mjs";
import { readFileSync, writeFileSync } from "node:fs";
import { loadPyodide } from "pyodide";

const [indexURL, mode, source, target] = process.argv.slice(2);
if (!["stdlib", "wheel"].includes(mode)) throw new Error(`mode must be stdlib or wheel, not ${mode}`);
const pyodide = await loadPyodide({ indexURL: indexURL.endsWith("/") ? indexURL : indexURL + "/" });
pyodide.FS.writeFile("/tmp/in.zip", readFileSync(source));
pyodide.globals.set("mode", mode);
const summary = pyodide.runPython(`
import compileall
import importlib.util
import os
import py_compile
import zipfile

def entry(name):
    # A fixed date: the same sources give the same bytes, so a file's address changes only with its contents.
    return zipfile.ZipInfo(name, date_time=(1980, 1, 1, 0, 0, 0))

def compiled_name(name):
    # Beside the source in the standard library (which then keeps the bytecode alone), in __pycache__ in the wheel.
    return name + "c" if mode == "stdlib" else importlib.util.cache_from_source(name)

with zipfile.ZipFile("/tmp/in.zip") as zin:
    zin.extractall("/tmp/src")
    infos = zin.infolist()
# The standard library's own compiler, with unchecked hash-based .pyc files: valid whatever the file times, never
# re-validated. ddir="" names each file in tracebacks by its place in the archive.
compileall.compile_dir("/tmp/src", ddir="", quiet=2, legacy=mode == "stdlib", workers=1,
                       invalidation_mode=py_compile.PycInvalidationMode.UNCHECKED_HASH)
compiled = kept = 0
with zipfile.ZipFile("/tmp/out.zip", "w", zipfile.ZIP_DEFLATED) as zout:
    for info in infos:
        data = open(os.path.join("/tmp/src", info.filename), "rb").read() if not info.is_dir() else b""
        pyc = os.path.join("/tmp/src", compiled_name(info.filename))
        if info.filename.endswith(".py"):
            if not os.path.exists(pyc):
                kept += 1  # a few test fixtures are deliberately invalid: keep their source as it is
            else:
                compiled += 1
                zout.writestr(entry(compiled_name(info.filename)), open(pyc, "rb").read(), zipfile.ZIP_DEFLATED)
                if mode == "stdlib":
                    continue
        zout.writestr(info, data)
f"{compiled} modules compiled, {kept} kept as source"
`);
writeFileSync(target, pyodide.FS.readFile("/tmp/out.zip"));
console.log(summary);
