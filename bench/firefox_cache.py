"""What Firefox keeps of a checker page between visits: which of the site's files its HTTP cache holds, and which
of those carry compiled code beside them (Firefox's "alt-data": a script's bytecode, a WebAssembly module's
machine code).

    python bench/firefox_cache.py [--site site] [--settle 10] [--pref NAME=VALUE ...]

The donations checker is opened from its first worked example twice in one Firefox whose profile is kept, from a
server that lets files be cached for a year (as a long-cache host does), waiting --settle seconds after each
answer; then the profile's cache entries are read. --pref sets a Firefox preference for the run, e.g.
`--pref dom.script_loader.bytecode_cache.strategy=-1` (save a script's bytecode on its first load) or
`--pref javascript.options.wasm_caching=true`. Nothing is asserted: what it finds goes into bench/README.md.
"""

from __future__ import annotations

import argparse
import json
import re
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from tests import engines  # noqa: E402
from tests.conftest import _Quiet, serve  # noqa: E402

sys.path.insert(0, str(ROOT / "bench"))
from engines_startup import example_link  # noqa: E402


class LongCache(_Quiet):
    def send_header(self, keyword, value):
        super().send_header(keyword, "max-age=31536000" if keyword == "Cache-Control" else value)


def pref(text: str) -> tuple[str, object]:
    name, _, value = text.partition("=")
    try:
        return name, json.loads(value)
    except json.JSONDecodeError:
        return name, value


def cache_entries(profile: Path) -> list[tuple[str, int, bool]]:
    """Each cached file of the site: its path, its size in the cache, and whether compiled code is kept beside it.
    A file asked for twice (the worker's HEAD probe, then the download) has two entries: they are counted as one."""
    found: dict[str, tuple[int, bool]] = {}
    for entry in (profile / "cache2" / "entries").iterdir():
        data = entry.read_bytes()
        key = re.search(rb":(http://127\.0\.0\.1:\d+(/[^\x00]*))\x00", data)
        if key:
            path = key[2].decode()
            size, compiled = found.get(path, (0, False))
            found[path] = (max(size, len(data)), compiled or b"alt-data\x00" in data)
    return sorted((path, size, compiled) for path, (size, compiled) in found.items())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--site", default=str(ROOT / "site"))
    parser.add_argument("--settle", type=float, default=10)
    parser.add_argument("--pref", action="append", type=pref, default=[])
    args = parser.parse_args()
    if engines.missing("firefox"):
        sys.exit(engines.missing("firefox"))
    server, base = serve(Path(args.site), LongCache)
    url = example_link(base)
    try:
        with tempfile.TemporaryDirectory() as profile:
            run = subprocess.run(["node", str(ROOT / "bench" / "firefox_cache.mjs"), engines.FIREFOX, url, profile,
                                  str(args.settle), json.dumps(dict(args.pref))],
                                 capture_output=True, text=True, timeout=600, cwd=ROOT)
            if run.returncode:
                sys.exit(run.stderr.strip())
            cold, second = (int(line) for line in run.stdout.split())
            entries = cache_entries(Path(profile))
    finally:
        server.shutdown()
    print(f"First answer: {cold:,} ms cold, {second:,} ms on the second visit ({second / cold:.2f}); "
          f"preferences: {dict(args.pref) or 'Firefox defaults'}\n")
    print("| file | bytes in the cache | compiled code kept |\n|---|---|---|")
    for path, size, compiled in entries:
        print(f"| `{path}` | {size:,} | {'yes' if compiled else 'no'} |")


if __name__ == "__main__":
    main()
