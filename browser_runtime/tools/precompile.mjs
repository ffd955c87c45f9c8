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
import importlib._bootstrap_external as external
import importlib.util
import zipfile

def entry(name):
    # A fixed date: the same sources give the same bytes, so a file's address changes only with its contents.
    return zipfile.ZipInfo(name, date_time=(1980, 1, 1, 0, 0, 0))

compiled = kept = 0
with zipfile.ZipFile("/tmp/in.zip") as zin, zipfile.ZipFile("/tmp/out.zip", "w", zipfile.ZIP_DEFLATED) as zout:
    for info in zin.infolist():
        data = zin.read(info)
        if info.filename.endswith(".py"):
            try:
                code = compile(data, info.filename, "exec", dont_inherit=True, optimize=0)
            except SyntaxError:
                kept += 1  # a few test fixtures are deliberately invalid: keep their source as it is
            else:
                # Unchecked hash-based .pyc: valid whatever the file times, never re-validated.
                pyc = bytes(external._code_to_hash_pyc(code, importlib.util.source_hash(data), False))
                compiled += 1
                if mode == "stdlib":
                    zout.writestr(entry(info.filename + "c"), pyc, zipfile.ZIP_DEFLATED)
                    continue
                zout.writestr(entry(importlib.util.cache_from_source(info.filename)), pyc, zipfile.ZIP_DEFLATED)
        zout.writestr(info, data)
f"{compiled} modules compiled, {kept} kept as source"
`);
writeFileSync(target, pyodide.FS.readFile("/tmp/out.zip"));
console.log(summary);
