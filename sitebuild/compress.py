"""Precompressed copies of the built site's files: Brotli (`.br`) and gzip (`.gz`) beside each text file and each
runtime file, for hosts that serve them by the request's Accept-Encoding (`make serve` does).

The runtime's largest files (the WebAssembly module, the memory snapshot) take about 25 s each at Brotli's best
quality, so their compressed copies are cached in .cache/compressed/, keyed by their bytes.
"""

from __future__ import annotations

import gzip
import hashlib
import os
from pathlib import Path

import brotli

from . import BuildError

# Text, and the runtime's binary files that compress well; zips, wheels and images are compressed already.
SUFFIXES = {".html", ".css", ".js", ".mjs", ".json", ".xml", ".svg", ".txt", ".map", ".wasm", ".snapshot", ".ics"}
SMALLEST = 1024  # below this, a compressed copy saves less than its own headers cost
CACHED_FROM = 1_000_000
BEST = 11


def quality() -> int:
    """Brotli's best, 11, unless BROTLI_QUALITY says otherwise: make serve's rebuilds, and the sites that tests build
    for themselves, use a quicker one (sitebuild/serve.py, tests/conftest.py)."""
    given = os.environ.get("BROTLI_QUALITY", "").strip()
    if not given:
        return BEST
    if given.isascii() and given.isdigit() and int(given) <= BEST:
        return int(given)
    raise BuildError(f"BROTLI_QUALITY is {given!r}: set it to a whole number from 0 to {BEST} ({BEST}, Brotli's best, is "
                     "used when it is not set), or unset it")


# The most compressed copies kept (each about 3 MB): the runtime's few large files at the two qualities builds use,
# and the last few memory snapshots (a new one comes with every change to the checkers or the codes).
MOST_KEPT = 24


def brotli_copy(data: bytes, cache: Path) -> bytes:
    """Brotli at quality(); large results are kept in `cache`, keyed by the bytes."""
    level = quality()
    if len(data) < CACHED_FROM:
        return brotli.compress(data, quality=level)
    cached = cache / (hashlib.sha256(data).hexdigest()[:24] + f"-{level}.br")
    try:
        packed = cached.read_bytes()
        cached.touch()  # recently used: kept by _prune
        return packed
    except FileNotFoundError:  # not made yet, or pruned by another build meanwhile
        pass
    cache.mkdir(parents=True, exist_ok=True)
    packed = brotli.compress(data, quality=level, lgwin=24)
    partial = cached.with_suffix(f".{os.getpid()}.partial")  # two builds at once never share one
    partial.write_bytes(packed)
    partial.replace(cached)
    _prune(cache)
    return packed


def _prune(cache: Path) -> None:
    """Only the most recently used copies; a copy another build removes meanwhile is not an error."""
    def used(path: Path) -> float:
        try:
            return path.stat().st_mtime
        except FileNotFoundError:
            return 0.0

    for old in sorted(cache.glob("*.br"), key=used, reverse=True)[MOST_KEPT:]:
        old.unlink(missing_ok=True)


def precompress(site: Path, cache: Path) -> dict[str, int]:
    """Write `<file>.br` and `<file>.gz` beside every file worth it, each only where smaller than the file; returns
    the bytes each encoding would move for the whole site (for the benchmarks' write-up)."""
    totals = {"identity": 0, "br": 0, "gzip": 0}
    for path in sorted(site.rglob("*")):
        if not path.is_file() or path.suffix not in SUFFIXES or path.stat().st_size < SMALLEST:
            continue
        data = path.read_bytes()
        totals["identity"] += len(data)
        for suffix, encoding, packed in ((".br", "br", brotli_copy(data, cache)),
                                         (".gz", "gzip", gzip.compress(data, 9, mtime=0))):
            target = path.with_name(path.name + suffix)
            if len(packed) < len(data):
                target.write_bytes(packed)
                totals[encoding] += len(packed)
            else:
                target.unlink(missing_ok=True)
                totals[encoding] += len(data)
    return totals
