"""The browser runtime: the checkers wheel, the Pyodide files a checker page needs, a precompiled stdlib,
and a memory snapshot of Python with the checkers loaded.

Everything is copied into the site so that it is served from the site's own origin. The precompiled
standard library and the snapshot are cached in .cache/, keyed by what they are made from.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import subprocess
import sys
import tempfile
import zipfile
import zlib
from pathlib import Path

from sitebuild import BuildError

ROOM = Path(__file__).resolve().parent
TOOLS = ROOM / "tools"
ASSETS = ROOM / "assets"  # what a checker page runs, copied into the site's assets/
STDLIB_ON_DEMAND = ROOM / "stdlib_on_demand.py"

PYODIDE_FILES = ("pyodide.mjs", "pyodide.asm.mjs", "pyodide.asm.wasm", "pyodide-lock.json")
EMPTY_STDLIB = "python_stdlib-empty.zip"
SNAPSHOT_MAGIC = b"COCSNAP2"  # browser_runtime/assets/snapshot-format.mjs


def _fail(message: str):
    raise BuildError(message)


def pyodide_dir(root: Path) -> Path:
    folder = root / "node_modules" / "pyodide"
    if not (folder / "pyodide.asm.wasm").exists():
        _fail("the Pyodide runtime is not installed: run 'npm ci' (make does this for you)")
    return folder


def pyodide_version(pyodide: Path) -> str:
    return json.loads((pyodide / "package.json").read_text())["version"]


def precompile(root: Path, mode: str, source: Path, target: Path) -> None:
    """Bytecode compiled inside Pyodide (browser_runtime/tools/precompile.mjs): mode 'stdlib' or 'wheel'."""
    result = subprocess.run(["node", str(TOOLS / "precompile.mjs"), str(pyodide_dir(root)), mode, str(source),
                             str(target)], cwd=root, capture_output=True, text=True)
    if result.returncode:
        _fail(f"precompiling Python ({mode}) in Pyodide failed:\n{result.stderr[-2000:]}")


def build_wheel(codes_data: Path, root: Path, target: Path) -> Path:
    """A py3-none-any wheel of checkers/ with the codes' data inside (checkers/content.py), built by
    'python -m build', with bytecode for Pyodide's Python beside each module."""
    with tempfile.TemporaryDirectory() as temp:
        project = Path(temp) / "project"
        project.mkdir()
        shutil.copy(root / "pyproject.toml", project)
        shutil.copytree(root / "checkers", project / "checkers", ignore=shutil.ignore_patterns("__pycache__", "codes.json"))
        shutil.copy(codes_data, project / "checkers" / "codes.json")
        # A fixed timestamp in the wheel's entries: the same sources give the same wheel and the same address.
        result = subprocess.run([sys.executable, "-m", "build", "--wheel", "--no-isolation", "--outdir",
                                 str(Path(temp) / "dist"), str(project)], capture_output=True, text=True,
                                env={**os.environ, "SOURCE_DATE_EPOCH": "315532800"})
        if result.returncode:
            _fail(f"building the checkers wheel failed:\n{result.stdout[-2000:]}{result.stderr[-2000:]}")
        built = next((Path(temp) / "dist").glob("*-py3-none-any.whl"))
        wheel = Path(temp) / built.name
        precompile(root, "wheel", built, wheel)
        digest = hashlib.sha256(wheel.read_bytes()).hexdigest()[:12]
        # The folder name changes with the contents, so browsers never keep a stale wheel.
        destination = target / digest / wheel.name
        destination.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(wheel, destination)
        return destination


def precompiled_stdlib(root: Path, pyodide: Path) -> Path:
    script = TOOLS / "precompile.mjs"
    version = pyodide_version(pyodide)
    key = hashlib.sha256(script.read_bytes() + (pyodide / "python_stdlib.zip").read_bytes()).hexdigest()[:12]
    cached = root / ".cache" / f"python_stdlib-{version}-{key}.zip"
    if not cached.exists():
        cached.parent.mkdir(exist_ok=True)
        partial = cached.with_suffix(".partial")
        precompile(root, "stdlib", pyodide / "python_stdlib.zip", partial)
        partial.rename(cached)
    return cached


def memory_snapshot(root: Path, pyodide: Path, stdlib: Path, wheel: Path) -> Path:
    """Python's memory once started with the checkers imported (browser_runtime/tools/snapshot.mjs), without what a page has
    anyway: zeros, and the WebAssembly module's static data (browser_runtime/assets/snapshot-format.mjs).

    Cached by everything it is made from: the Pyodide build, the standard library, the wheel and the script.
    """
    script = TOOLS / "snapshot.mjs"
    parts = (script, ASSETS / "snapshot-format.mjs", ASSETS / "snapshot-restore.mjs", STDLIB_ON_DEMAND, stdlib, wheel,
             pyodide / "pyodide.asm.wasm", pyodide / "pyodide.asm.mjs")
    key = hashlib.sha256(b"".join(hashlib.sha256(p.read_bytes()).digest() for p in parts)).hexdigest()[:12]
    cached = root / ".cache" / f"checkers-{key}.snapshot"
    if not cached.exists():
        cached.parent.mkdir(exist_ok=True)
        partial = cached.with_suffix(".partial")
        result = subprocess.run(["node", str(script), str(pyodide), str(stdlib), str(wheel), str(STDLIB_ON_DEMAND),
                                 str(partial)], cwd=root,
                                capture_output=True, text=True)
        if result.returncode:
            _fail(f"making the Pyodide memory snapshot failed:\n{result.stderr[-2000:]}")
        partial.rename(cached)
    cached.touch()  # recently used: kept by prune()
    prune(cached.parent, "checkers-*.snapshot", keep=4)
    return cached


def prune(folder: Path, pattern: str, keep: int) -> None:
    """Only the most recently used cached files: each snapshot is about 9 MB."""
    for old in sorted(folder.glob(pattern), key=lambda p: p.stat().st_mtime, reverse=True)[keep:]:
        old.unlink()


def snapshot_size(path: Path) -> int:
    """The memory a packed snapshot expands to, from its header: a page gives Pyodide that much before the
    snapshot itself has arrived."""
    header = path.read_bytes()[:12]
    if header[:8] != SNAPSHOT_MAGIC:
        _fail(f"{path}: not a checkers snapshot (made by an older browser_runtime/tools/snapshot.mjs?)")
    return int.from_bytes(header[8:12], "little")


# The heap Pyodide 314.0.7 starts with, into which it restores a snapshot without growing it (Pyodide issue 6254).
# A larger memory is restored into a heap grown first (assets/snapshot-restore.mjs); the manifest says how large.
PYODIDE_FIRST_HEAP = 30 * 1024 * 1024


def snapshot_memory(path: Path) -> int:
    """The Python memory a packed snapshot holds (its full size less Pyodide's header)."""
    header = path.read_bytes()[:16]
    return snapshot_size(path) - int.from_bytes(header[12:16], "little")


def empty_stdlib(path: Path) -> Path:
    """A zip with nothing in it, where a restored Python expects its standard library."""
    with zipfile.ZipFile(path, "w"):
        pass
    return path


def prepare(staging: Path, codes_data: Path, root: Path) -> dict:
    """Stage the wheel and the Pyodide runtime under staging/assets; returns the manifest pages embed."""
    pyodide = pyodide_dir(root)
    assets = staging / "assets"
    # A folder per Pyodide version: its files keep their names across versions, and hosts may cache them for a year.
    folder = f"pyodide/{pyodide_version(pyodide)}/"
    target = assets / folder
    target.mkdir(parents=True, exist_ok=True)
    for name in PYODIDE_FILES:
        shutil.copy(pyodide / name, target / name)
    stdlib = precompiled_stdlib(root, pyodide)
    stdlib_name = f"python_stdlib-{stdlib.stem.rsplit('-', 1)[-1]}.zip"
    shutil.copy(stdlib, target / stdlib_name)
    wheel = build_wheel(codes_data, root, assets / "wheels")
    # Named by its contents, which two builds of the same sources need not share (Python's memory layout varies).
    snapshot = memory_snapshot(root, pyodide, stdlib, wheel)
    snapshot_name = f"checkers-{hashlib.sha256(snapshot.read_bytes()).hexdigest()[:12]}.snapshot"
    shutil.copy(snapshot, target / snapshot_name)
    # What Python starts with when restored from the snapshot: the whole library comes only on demand.
    empty_stdlib(target / EMPTY_STDLIB)
    # What a first visit downloads, compressed as a host that serves the build's Brotli copies sends it: a page
    # that waits for the reader (Save-Data) says how much first.
    first_visit = [target / name for name in ("pyodide.mjs", "pyodide.asm.mjs", "pyodide.asm.wasm", "pyodide-lock.json")]
    download = sum(len(compressed(path.read_bytes(), root)) for path in first_visit + [target / snapshot_name])
    manifest = {"pyodide": folder, "stdlib": folder + stdlib_name, "wheel": wheel.relative_to(assets).as_posix(),
                "download_bytes": download,
                "snapshot": folder + snapshot_name, "snapshot_bytes": snapshot.stat().st_size,
                # The fetcher refuses a download whose CRC-32 differs (browser_runtime/assets/snapshot-fetcher.js).
                "snapshot_crc32": zlib.crc32(snapshot.read_bytes()),
                "snapshot_size": snapshot_size(snapshot),
                # Above Pyodide's first heap, a page grows the heap before restoring (snapshot-restore.mjs).
                "snapshot_memory": snapshot_memory(snapshot),
                "snapshot_stdlib": folder + EMPTY_STDLIB}
    # Every file a checker page runs on, under assets/: what the service worker keeps for use with no network (the
    # worker's own downloads are not in the page's resource timings, so they are listed here).
    manifest["files"] = ([f"{folder}{name}" for name in ("pyodide.mjs", "pyodide.asm.mjs", "pyodide.asm.wasm", "pyodide-lock.json")]
                         + [manifest["snapshot"], manifest["snapshot_stdlib"], manifest["wheel"], "checker.js"]
                         + sorted(p.name for p in ASSETS.iterdir() if p.suffix in (".js", ".mjs") and p.name != SERVICE_WORKER))
    # Also as a file, for other pages and tools that load the same runtime (the benchmarks do).
    (assets / "checkers-runtime.json").write_text(json.dumps(manifest, indent=1), encoding="utf-8")
    return manifest


SERVICE_WORKER = "service-worker.js"


def install_page_scripts(site: Path) -> None:
    """The scripts a checker page runs, into the site's assets/: with or without the runtime, since without it
    they tell the reader so."""
    shutil.copytree(ASSETS, site / "assets", dirs_exist_ok=True, ignore=shutil.ignore_patterns(SERVICE_WORKER))


def install_service_worker(site: Path, manifest: dict | None, offline: dict | None = None) -> None:
    """The service worker, at the site's root (its scope), holding the build's list of what each page needs offline
    (sitebuild/offline.py) and named for it: a new build makes a new worker, which replaces everything the old one
    kept."""
    offline = offline or {"pages": {}, "sizes": {}}
    built = json.dumps({"runtime": manifest, "offline": offline}, sort_keys=True)
    build = hashlib.sha256(built.encode()).hexdigest()[:16] if manifest else "no-runtime"
    source = (ASSETS / SERVICE_WORKER).read_text(encoding="utf-8")
    (site / "sw.js").write_text(source.replace("__BUILD__", build).replace('"__OFFLINE__"', json.dumps(offline)),
                                encoding="utf-8")


def compressed(data: bytes, root: Path) -> bytes:
    """The Brotli copy the build writes of a file (sitebuild/compress.py), from the same cache."""
    from sitebuild import compress

    return compress.brotli_copy(data, root / ".cache" / "compressed")


def install(staging: Path, site: Path) -> None:
    """Copy the staged runtime into the built site (the build then writes compressed copies: sitebuild/compress.py)."""
    shutil.copytree(staging, site, dirs_exist_ok=True)
