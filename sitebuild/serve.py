"""`make serve`: serve site/ at http://127.0.0.1:8000 and rebuild whenever a source changes.

The server sends the same Content-Security-Policy the pages carry, and the MIME types Pyodide
needs. Where the build wrote a Brotli or gzip copy of a file (sitebuild/compress.py), it is sent to a browser that
accepts it, with the file's own type (application/wasm for WebAssembly, so that streaming compilation and the
browser's code cache still work). A failed rebuild keeps the last good site and prints what to fix.
"""

from __future__ import annotations

import argparse
import contextlib
import email.utils
import functools
import http.server
import os
import subprocess
import sys
import threading
import time
from pathlib import Path

from . import CSP, SERVED_AT

ROOT = Path(__file__).resolve().parent.parent
PREVIEW_QUALITY = "4"
WATCHED = ("docs", "checkers", "overrides", "sitebuild", "mkdocs.yml", "build_site.py")


class Handler(http.server.SimpleHTTPRequestHandler):
    extensions_map = {**http.server.SimpleHTTPRequestHandler.extensions_map,
                      ".wasm": "application/wasm", ".mjs": "text/javascript", ".js": "text/javascript",
                      ".json": "application/json", ".whl": "application/zip", ".xml": "application/atom+xml"}

    def end_headers(self):
        self.send_header("Content-Security-Policy", CSP)
        self.send_header("Cache-Control", "no-cache")
        self.send_header("Vary", "Accept-Encoding")
        super().end_headers()

    def send_head(self):
        """The file, or its precompressed copy where the browser accepts that encoding."""
        path = self.translate_path(self.path)
        if os.path.isdir(path):
            return super().send_head()  # a folder: its index.html, or a redirect, by the usual path
        accepted = _encodings(self.headers.get("Accept-Encoding", ""))
        for encoding, suffix in (("br", ".br"), ("gzip", ".gz")):
            if encoding in accepted and os.path.isfile(path + suffix) and os.path.isfile(path):
                modified = int(os.stat(path).st_mtime)
                # Revalidation answered as for the file itself: a 304 keeps the browser's copy (and its compiled
                # code, for the WebAssembly); a 200 would replace it.
                if _not_modified_since(self.headers, modified):
                    self.send_response(304)
                    self.send_header("Content-Encoding", encoding)
                    self.end_headers()
                    return None
                handle = open(path + suffix, "rb")  # noqa: SIM115 - closed by the base class once copied
                self.send_response(200)
                self.send_header("Content-Type", self.guess_type(path))
                self.send_header("Content-Encoding", encoding)
                self.send_header("Content-Length", str(os.fstat(handle.fileno()).st_size))
                self.send_header("Last-Modified", self.date_time_string(modified))
                self.end_headers()
                return handle
        return super().send_head()

    def do_GET(self):
        # An index.html asked for as a folder is found by the base class, which calls send_head for it.
        path = self.translate_path(self.path)
        if os.path.isdir(path) and self.path.endswith("/") and os.path.isfile(os.path.join(path, "index.html")):
            self.path = self.path.split("?", 1)[0] + "index.html"
        super().do_GET()

    def log_message(self, format, *args):  # keep the terminal for build messages
        pass


class Server(http.server.ThreadingHTTPServer):
    """The site's server: a browser that leaves a page while a file still arrives (a reader following a link while
    Python downloads) closes its connection, which is no error to print in the maintainer's terminal."""

    def handle_error(self, request, client_address):
        if not isinstance(sys.exc_info()[1], ConnectionError):  # BrokenPipeError, ConnectionResetError and the like
            super().handle_error(request, client_address)


def _not_modified_since(headers, modified: int) -> bool:
    """Whether a request's If-Modified-Since covers a file last modified at `modified` (as the base class judges it)."""
    since = headers.get("If-Modified-Since")
    if not since or headers.get("If-None-Match"):
        return False
    try:
        return modified <= email.utils.parsedate_to_datetime(since).timestamp()
    except (TypeError, ValueError, IndexError, OverflowError):
        return False


def _encodings(header: str) -> set[str]:
    """The encodings an Accept-Encoding header allows: each named, unless its q is 0."""
    allowed = set()
    for part in header.split(","):
        name, *params = [item.strip() for item in part.split(";")]
        quality = next((p[2:] for p in params if p.lower().startswith("q=")), "1")
        try:
            accepted = float(quality) > 0
        except ValueError:
            accepted = False
        if name and accepted:
            allowed.add(name.lower())
    return allowed


def snapshot() -> dict:
    files = {}
    for name in WATCHED:
        path = ROOT / name
        for item in [path] if path.is_file() else path.rglob("*"):
            if item.is_file() and "__pycache__" not in item.parts and item.name != "codes.lock.yml":
                files[str(item)] = item.stat().st_mtime_ns
    return files


def rebuild(args: tuple[str, ...] = (), served_at: str = "") -> int:
    """The build, in a process of its own: a change to the build's or the checkers' Python is built with the new
    code (this process imported the old), and nothing the build does can stop the watching. Its exit status."""
    # A preview's compressed copies go only to this machine: they are made quickly (Brotli 4, not 11), so that an edit
    # shows in seconds rather than after the memory snapshot's half a minute. What is published (make site, CI) is
    # compressed at the best quality.
    environment = {**os.environ, "BROTLI_QUALITY": os.environ.get("BROTLI_QUALITY") or PREVIEW_QUALITY}
    if served_at:
        environment[SERVED_AT] = served_at
    return subprocess.run([sys.executable, str(ROOT / "build_site.py"), *args], cwd=ROOT, env=environment,
                          check=False).returncode


def watch(interval: float = 1.0, build=rebuild) -> None:
    seen = snapshot()
    while True:
        time.sleep(interval)
        now = snapshot()
        if now != seen:
            seen = now
            print("Change seen: rebuilding…", flush=True)
            try:
                build()
            except OSError as error:  # Python itself could not be started again: say so, and keep watching
                print(f"The rebuild could not start ({error}); the last good site is still served.", flush=True)


def port(text: str) -> int:
    if not text.isdigit() or not 1 <= int(text) <= 65535:
        raise argparse.ArgumentTypeError(f"PORT must be a number from 1 to 65535, not {text!r}")
    return int(text)


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--port", type=port, default=8000, help="the port to serve at (make serve PORT=8080)")
    parser.add_argument("--no-watch", action="store_true")
    args = parser.parse_args(argv)
    site = ROOT / "site"
    if not args.no_watch:
        served_at = f"http://127.0.0.1:{args.port}/"
        threading.Thread(target=watch, args=(1.0, functools.partial(rebuild, served_at=served_at)), daemon=True).start()
    # Paths are resolved at each request, so a rebuild's swap of site/ is served at once.
    handler = functools.partial(Handler, directory=str(site))
    try:
        server = Server(("127.0.0.1", args.port), handler)
    except OSError as error:
        raise SystemExit(f"Cannot serve at port {args.port}: {error.strerror}. Is another 'make serve' running? "
                         f"Stop it, or choose another port: make serve PORT={args.port + 1}") from None
    print(f"Serving {site} at http://127.0.0.1:{args.port}/ (Ctrl+C to stop)", flush=True)
    with contextlib.suppress(KeyboardInterrupt):
        server.serve_forever()


if __name__ == "__main__":
    main()
