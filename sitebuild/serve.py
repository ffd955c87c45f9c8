"""`make serve`: serve site/ at http://127.0.0.1:8000 and rebuild whenever a source changes.

The server sends the same Content-Security-Policy the pages carry, and the MIME types Pyodide
needs. A failed rebuild keeps the last good site and prints what to fix.
"""

from __future__ import annotations

import argparse
import contextlib
import functools
import http.server
import threading
import time
from pathlib import Path

from . import CSP

ROOT = Path(__file__).resolve().parent.parent
WATCHED = ("docs", "checkers", "overrides", "sitebuild", "mkdocs.yml", "build_site.py")


class Handler(http.server.SimpleHTTPRequestHandler):
    extensions_map = {**http.server.SimpleHTTPRequestHandler.extensions_map,
                      ".wasm": "application/wasm", ".mjs": "text/javascript", ".js": "text/javascript",
                      ".json": "application/json", ".whl": "application/zip", ".xml": "application/atom+xml"}

    def end_headers(self):
        self.send_header("Content-Security-Policy", CSP)
        self.send_header("Cache-Control", "no-cache")
        super().end_headers()

    def log_message(self, format, *args):  # keep the terminal for build messages
        pass


def snapshot() -> dict:
    files = {}
    for name in WATCHED:
        path = ROOT / name
        for item in [path] if path.is_file() else path.rglob("*"):
            if item.is_file() and "__pycache__" not in item.parts and item.name != "codes.lock.yml":
                files[str(item)] = item.stat().st_mtime_ns
    return files


def rebuild() -> None:
    from build_site import main as build

    build([])


def watch(interval: float = 1.0) -> None:
    seen = snapshot()
    while True:
        time.sleep(interval)
        now = snapshot()
        if now != seen:
            seen = now
            print("Change seen: rebuilding…", flush=True)
            rebuild()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--port", type=int, default=8000)
    parser.add_argument("--no-watch", action="store_true")
    args = parser.parse_args()
    site = ROOT / "site"
    if not args.no_watch:
        threading.Thread(target=watch, daemon=True).start()
    # Paths are resolved at each request, so a rebuild's swap of site/ is served at once.
    handler = functools.partial(Handler, directory=str(site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", args.port), handler)
    print(f"Serving {site} at http://127.0.0.1:{args.port}/ (Ctrl+C to stop)", flush=True)
    with contextlib.suppress(KeyboardInterrupt):
        server.serve_forever()


if __name__ == "__main__":
    main()
