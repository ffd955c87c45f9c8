"""`make serve` serves the precompressed copies the build writes, by the browser's Accept-Encoding, with each file's
own type: application/wasm for the WebAssembly, so that streaming compilation and the code cache still work."""

import gzip
import json
import subprocess
import urllib.error
import urllib.request

import brotli
import pytest

from sitebuild import serve
from sitebuild.serve import _encodings


def _get(url: str, encoding: str | None):
    request = urllib.request.Request(url, headers={"Accept-Encoding": encoding} if encoding else {})
    with urllib.request.urlopen(request) as response:
        return response.headers, response.read()


@pytest.mark.parametrize("accept, expected", [("br", "br"), ("gzip, deflate, br, zstd", "br"), ("gzip", "gzip"),
                                              ("br;q=0, gzip", "gzip"), (None, None), ("identity", None)])
def test_the_runtime_and_the_pages_are_sent_in_the_encoding_the_browser_accepts(built_site, site_url, accept, expected):
    manifest = json.loads((built_site / "assets" / "checkers-runtime.json").read_text())
    for path, kind in [(f"assets/{manifest['pyodide']}pyodide.asm.wasm", "application/wasm"),
                       (f"assets/{manifest['snapshot']}", "application/octet-stream"),
                       ("codes/nec-candidates/", "text/html"), ("assets/site.css", "text/css")]:
        headers, body = _get(site_url + path, accept)
        file = built_site / (path + "index.html" if path.endswith("/") else path)
        assert headers.get("Content-Encoding") == expected, path
        assert headers["Content-Type"].split(";")[0] == kind, path
        assert headers["Vary"] == "Accept-Encoding"
        plain = {"br": brotli.decompress, "gzip": gzip.decompress, None: lambda b: b}[expected](body)
        assert plain == file.read_bytes(), path


def test_a_file_without_a_compressed_copy_is_sent_as_it_is(built_site, site_url):
    small = next(p for p in (built_site / "assets").rglob("*.js") if not p.with_name(p.name + ".br").exists())
    headers, body = _get(site_url + small.relative_to(built_site).as_posix(), "br")
    assert headers.get("Content-Encoding") is None and body == small.read_bytes()


def test_accept_encoding_is_read_as_http_says():
    assert _encodings("gzip, deflate, br;q=1.0, zstd") == {"gzip", "deflate", "br", "zstd"}
    assert _encodings("br;q=0, gzip;q=0.5") == {"gzip"}
    assert _encodings("") == set() and _encodings("br;q=x") == set()


def test_a_compressed_copy_is_revalidated_as_the_file_is_so_the_browser_keeps_its_compiled_code(built_site, site_url):
    manifest = json.loads((built_site / "assets" / "checkers-runtime.json").read_text())
    url = site_url + f"assets/{manifest['pyodide']}pyodide.asm.wasm"
    headers, _ = _get(url, "br")
    request = urllib.request.Request(url, headers={"Accept-Encoding": "br", "If-Modified-Since": headers["Last-Modified"]})
    with pytest.raises(urllib.error.HTTPError) as answer:
        urllib.request.urlopen(request)
    assert answer.value.code == 304


def test_make_serve_takes_the_port_a_maintainer_gives_as_data_never_run(tmp_path):
    import socket
    import subprocess
    from pathlib import Path

    root = Path(__file__).resolve().parent.parent

    def make_serve(port: str) -> str:  # the site taken as built (-o site): only serve's own recipe runs
        run = subprocess.run(["make", "-o", "site", "serve", f"PORT={port}"], cwd=root, capture_output=True,
                             text=True, timeout=60)
        assert run.returncode != 0
        return run.stderr

    with socket.socket() as taken:  # a port in use: serving stops at once, having been given it
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        assert f"Cannot serve at port {port}" in make_serve(str(port))
    for typed in (f"80; touch {tmp_path}/by-the-shell", f"$(shell touch {tmp_path}/by-make)", "80`touch x`"):
        assert f"PORT must be a number from 1 to 65535, not {typed!r}" in make_serve(typed)
    assert list(tmp_path.iterdir()) == [] and not (root / "x").exists()
    default = subprocess.run(["make", "-n", "serve"], cwd=root, capture_output=True, text=True, check=True)
    assert "-m sitebuild.serve" in default.stdout and "--port" not in default.stdout


def test_make_site_takes_the_engine_as_data_never_run(tmp_path):
    import subprocess
    from pathlib import Path

    root = Path(__file__).resolve().parent.parent
    typed = f"$(shell touch {tmp_path}/by-make); touch {tmp_path}/by-the-shell"
    run = subprocess.run(["make", "-o", "setup", "site", f"ENGINE={typed}"], cwd=root, capture_output=True, text=True,
                         timeout=60)
    assert run.returncode != 0 and f"invalid choice: {typed!r}" in run.stderr
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("port", ["eighty", "0", "70000", "80;ls"])
def test_a_port_that_is_not_one_is_refused_naming_it(port, capsys):
    from sitebuild import serve

    with pytest.raises(SystemExit):
        serve.main(["--port", port, "--no-watch"])
    assert "PORT must be a number from 1 to 65535" in capsys.readouterr().err


def test_a_port_already_in_use_says_what_to_do():
    import socket

    from sitebuild import serve

    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        with pytest.raises(SystemExit) as stopped:
            serve.main(["--port", str(port), "--no-watch"])
    assert f"Cannot serve at port {port}" in str(stopped.value) and f"make serve PORT={port + 1}" in str(stopped.value)


def test_a_rebuild_runs_in_a_process_of_its_own_and_says_what_to_fix(docs_copy, tmp_path, capfd):
    """make serve's rebuild: the build's and the checkers' Python as they are on disk now (an import in the serving
    process would keep the code it started with), its problems printed, the serving process unharmed."""
    data = tmp_path / "codes.json"
    site = tmp_path / "site"
    assert serve.rebuild(("--docs", str(docs_copy), "--site-dir", str(site), "--no-runtime"), "http://127.0.0.1:8011/") == 0
    assert f"Built the site in {site}: reload http://127.0.0.1:8011/ in the browser to see the change." in capfd.readouterr().out
    (docs_copy / "glossary.yml").write_text('- id: bame\n  term: "BAME\n', encoding="utf-8")
    assert serve.rebuild(("--docs", str(docs_copy), "--checkers-data", str(data))) == 1
    assert "glossary.yml:2: this quoted text is not closed" in capfd.readouterr().err


def test_watching_goes_on_when_a_rebuild_cannot_start(monkeypatch, capsys):
    changes = iter(range(10))
    monkeypatch.setattr(serve, "snapshot", lambda: {"file": next(changes)})
    monkeypatch.setattr(serve.time, "sleep", lambda seconds: None)
    builds = []

    def build():
        builds.append(1)
        if len(builds) == 1:
            raise OSError("no Python")

    with pytest.raises(StopIteration):  # the changes run out: the loop ran until then
        serve.watch(0, build)
    assert len(builds) == 9
    assert "The rebuild could not start (no Python); the last good site is still served." in capsys.readouterr().out


@pytest.mark.parametrize("asked, used", [(None, serve.PREVIEW_QUALITY), ("11", "11")])
def test_a_preview_is_rebuilt_with_quick_compression_unless_asked_otherwise(monkeypatch, asked, used):
    """make serve's rebuilds compress at a quick quality (the preview's copies go only to this machine); one who
    sets BROTLI_QUALITY gets what they set."""
    if asked:
        monkeypatch.setenv("BROTLI_QUALITY", asked)
    else:
        monkeypatch.delenv("BROTLI_QUALITY", raising=False)
    seen = {}

    def run(command, **options):
        seen.update(options)
        return subprocess.CompletedProcess(command, 0)

    monkeypatch.setattr(serve.subprocess, "run", run)
    assert serve.rebuild((), "http://127.0.0.1:8011/") == 0
    assert seen["env"]["BROTLI_QUALITY"] == used and seen["env"][serve.SERVED_AT] == "http://127.0.0.1:8011/"


def _server_seeing_its_errors(folder, handler):
    """make serve's server, noting the exception of each request it handles as failed."""
    import sys

    from tests.conftest import serve as serving

    seen = []

    class Watched(serve.Server):
        def handle_error(self, request, client_address):
            seen.append(sys.exc_info()[0])
            super().handle_error(request, client_address)

    server, _ = serving(folder, handler, Watched)
    return server, seen


def _until(condition, seconds=20.0):
    import time

    deadline = time.monotonic() + seconds
    while not condition() and time.monotonic() < deadline:
        time.sleep(0.05)


def test_a_reader_leaving_while_a_file_arrives_prints_nothing_in_the_maintainers_terminal(built_site, capfd):
    import socket
    import struct

    server, seen = _server_seeing_its_errors(built_site, serve.Handler)
    largest = max((p for p in built_site.rglob("*") if p.is_file()), key=lambda p: p.stat().st_size)
    try:
        with socket.create_connection(server.server_address) as reader:
            path = largest.relative_to(built_site).as_posix()
            reader.sendall(f"GET /{path} HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n".encode())
            assert reader.recv(1024).startswith(b"HTTP/1.0 200")
            # Gone at once, as a browser tab closed mid-download: the server's next write fails.
            reader.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
        _until(lambda: seen)
    finally:
        server.shutdown()
    assert seen and issubclass(seen[0], ConnectionError), seen
    assert "Traceback" not in capfd.readouterr().err


def test_any_other_failure_of_a_request_is_still_printed(built_site, capfd):
    import urllib.error

    class Broken(serve.Handler):
        def do_GET(self):
            raise RuntimeError("a fault in the server")

    server, seen = _server_seeing_its_errors(built_site, Broken)
    try:
        with pytest.raises((urllib.error.URLError, ConnectionError)):
            urllib.request.urlopen(f"http://127.0.0.1:{server.server_address[1]}/")
        _until(lambda: seen)
    finally:
        server.shutdown()
    assert seen == [RuntimeError]
    assert "RuntimeError: a fault in the server" in capfd.readouterr().err
