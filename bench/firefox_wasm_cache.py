"""Whether Firefox keeps Pyodide's compiled WebAssembly between visits, and whether a visit that finds it kept
compiles sooner.

    python bench/firefox_wasm_cache.py [--site site] [--where page|worker] [--visits 4] [--settle 20] [--pref NAME=VALUE ...]

Compiles `pyodide.asm.wasm` with `WebAssembly.compileStreaming(fetch(...))`, as Pyodide does, once a visit, in one
Firefox whose profile is kept, from a server that lets files be cached for a year, with no service worker in the way;
then reads the profile's HTTP cache for compiled code kept beside the file. E.g. `--pref
javascript.options.wasm_lazy_tiering=false`. Nothing is asserted: what it finds goes into bench/README.md.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from tests import engines  # noqa: E402
from tests.conftest import serve  # noqa: E402

sys.path.insert(0, str(ROOT / "bench"))
from firefox_cache import LongCache, cache_entries, pref  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--site", default=str(ROOT / "site"))
    parser.add_argument("--where", choices=("page", "worker"), default="worker")
    parser.add_argument("--visits", type=int, default=4)
    parser.add_argument("--settle", type=float, default=20)
    parser.add_argument("--pref", action="append", type=pref, default=[])
    args = parser.parse_args()
    if engines.missing("firefox"):
        sys.exit(engines.missing("firefox"))
    wasm = next(Path(args.site).glob("assets/pyodide/*/pyodide.asm.wasm")).relative_to(args.site).as_posix()
    server, base = serve(Path(args.site), LongCache)
    # Any page of the site will do: the compile is all that is timed.
    url = f"{base}404.html"
    prefs = {"dom.serviceWorkers.enabled": False, **dict(args.pref)}
    # A worker's script must come from the site's own origin: it is put there for the run.
    worker = Path(args.site) / "bench-compile-worker.js"
    worker.write_text("onmessage = async (event) => { const start = performance.now();\n"
                      "  self.kept = await WebAssembly.compileStreaming(fetch(event.data));\n"
                      "  postMessage(performance.now() - start); };\n")
    where = "page" if args.where == "page" else "/" + worker.name
    try:
        with tempfile.TemporaryDirectory() as profile:
            run = subprocess.run(["node", str(ROOT / "bench" / "firefox_wasm_cache.mjs"), engines.FIREFOX, url, wasm,
                                  profile, json.dumps(prefs), where, str(args.visits), str(args.settle)],
                                 capture_output=True, text=True, timeout=120 + args.visits * (args.settle + 60), cwd=ROOT)
            if run.returncode:
                sys.exit(run.stderr.strip())
            kept = any(compiled for path, _, compiled in cache_entries(Path(profile)) if path.endswith(".wasm"))
    finally:
        server.shutdown()
        worker.unlink()
    times = ", ".join(f"{int(ms):,}" for ms in run.stdout.split())
    print(f"{args.where}, {dict(args.pref) or 'Firefox defaults'}: compiled in {times} ms on visits 1 to "
          f"{args.visits}; compiled code kept in the cache: {'yes' if kept else 'no'}")


if __name__ == "__main__":
    main()
