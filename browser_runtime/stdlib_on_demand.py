"""The standard library on demand, for a checker page whose Python starts from a memory snapshot.

The snapshot (browser_runtime/tools/snapshot.mjs) holds every module the checkers use, so the page gives Pyodide an
empty standard library instead of downloading the whole one (4.5 MB). Should some code still import a
module that is not in memory, this finder, last on `sys.meta_path`, fetches the whole library once
through the function the page provides, and the import goes on. Outside that setting it is not installed.
"""

from __future__ import annotations

import importlib.machinery
import sys
import zipimport
from collections.abc import Callable


class StdlibOnDemand:
    """Consulted only when no other finder has the module: installs the whole standard library, then finds it."""

    def __init__(self, archive: str):
        self.archive = archive
        self.fetch: Callable[[], object] | None = None
        self.installed = False

    def find_spec(self, name, path=None, target=None):
        if self.installed or self.fetch is None:
            return None
        data = self.fetch()
        # A JavaScript Uint8Array in the browser, bytes elsewhere.
        data = data.to_bytes() if hasattr(data, "to_bytes") else bytes(data)
        with open(self.archive, "wb") as archive:
            archive.write(data)
        self.installed = True
        forget(self.archive)
        return importlib.machinery.PathFinder.find_spec(name, path, target)


finder: StdlibOnDemand | None = None


def install(archive: str) -> StdlibOnDemand:
    """Put the finder last on sys.meta_path, before the snapshot is taken."""
    global finder
    finder = StdlibOnDemand(archive)
    sys.meta_path.append(finder)
    return finder


def provide(fetch: Callable[[], object]) -> None:
    """How to fetch the whole standard library (a zip's bytes), given once Python is restored.

    What Python knew of the archive's contents is forgotten here: it describes the whole library the
    snapshot was made with (Pyodide itself reads it again after install()), not the empty one now there.
    """
    if finder is None:
        raise RuntimeError("the standard library finder is not installed")
    finder.fetch = fetch
    forget(finder.archive)


def forget(archive: str) -> None:
    """Drop cached tables of contents and importers for the archive, so it is read again when next used."""
    zipimport._zip_directory_cache.pop(archive, None)
    for key in [k for k in sys.path_importer_cache if k == archive or k.startswith(archive + "/")]:
        del sys.path_importer_cache[key]
