// Precompile Pyodide's standard library to .pyc inside Pyodide itself, so that the bytecode's magic
// number matches Pyodide's Python (the host's Python may be older). Every visit to a checker page
// then skips compiling the ~136 modules Pyodide imports at start-up.
//   node tools/precompile-stdlib.mjs <pyodide dir> <python_stdlib.zip> <output.zip>
import { readFileSync, writeFileSync } from "node:fs";
import { loadPyodide } from "pyodide";

const [indexURL, source, target] = process.argv.slice(2);
const pyodide = await loadPyodide({ indexURL: indexURL.endsWith("/") ? indexURL : indexURL + "/" });
pyodide.FS.writeFile("/tmp/stdlib-in.zip", readFileSync(source));
const summary = pyodide.runPython(`
import importlib._bootstrap_external as external
import importlib.util
import zipfile

compiled = kept = 0
with zipfile.ZipFile("/tmp/stdlib-in.zip") as zin, zipfile.ZipFile("/tmp/stdlib-out.zip", "w", zipfile.ZIP_DEFLATED) as zout:
    for info in zin.infolist():
        data = zin.read(info)
        if info.filename.endswith(".py"):
            try:
                code = compile(data, info.filename, "exec", dont_inherit=True, optimize=0)
            except SyntaxError:
                # A few test fixtures are deliberately invalid: keep their source as it is.
                kept += 1
            else:
                # Unchecked hash-based .pyc: valid whatever the file times, never re-validated.
                pyc = external._code_to_hash_pyc(code, importlib.util.source_hash(data), False)
                zout.writestr(info.filename + "c", bytes(pyc))
                compiled += 1
                continue
        zout.writestr(info, data)
f"{compiled} modules compiled, {kept} kept as source"
`);
writeFileSync(target, pyodide.FS.readFile("/tmp/stdlib-out.zip"));
console.log(summary);
