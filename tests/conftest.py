"""Shared fixtures: the real site built once per session, served on 127.0.0.1, and Chromium's launch."""

from __future__ import annotations

import functools
import http.server
import os
import shutil
import sys
import threading
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import build_site  # noqa: E402
from sitebuild.serve import Handler  # noqa: E402

CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
CHROMIUM_FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                  "--disable-background-networking", "--disable-component-update", "--disable-sync"]


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    """pytest-playwright: Debian's Chromium where it is installed, else Playwright's own browser."""
    args = {**browser_type_launch_args, "args": CHROMIUM_FLAGS}
    if Path(CHROMIUM).exists():
        args["executable_path"] = CHROMIUM
    return args


@pytest.fixture(scope="session")
def built_site(tmp_path_factory) -> Path:
    """The real site with the checkers' runtime, built once; ci=True so the lock must be complete."""
    site = tmp_path_factory.mktemp("built") / "site"
    build_site.build(ROOT / "docs", site, ci=True)
    return site


class _Quiet(Handler):
    def log_message(self, *args):
        pass


def serve(folder: Path):
    handler = functools.partial(_Quiet, directory=str(folder))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}/"


@pytest.fixture(scope="session")
def site_url(built_site):
    server, url = serve(built_site)
    yield url
    server.shutdown()


@pytest.fixture
def docs_copy(tmp_path) -> Path:
    """A copy of the real content to break in a test."""
    target = tmp_path / "docs"
    shutil.copytree(ROOT / "docs", target)
    return target


@pytest.fixture(scope="session")
def fixture_site(tmp_path_factory) -> Path:
    """The fixture code's three versions, built without the checkers' runtime."""
    site = tmp_path_factory.mktemp("fixture-site") / "site"
    build_site.build(ROOT / "tests" / "fixtures" / "docs", site, with_runtime=False, ci=True)
    return site


@pytest.fixture(scope="session")
def fixture_site_url(fixture_site):
    server, url = serve(fixture_site)
    yield url
    server.shutdown()
