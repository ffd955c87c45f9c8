"""How long `make serve` takes to show an edit: a whole build with the checkers' runtime, after an edit to a code
(which makes a new wheel and a new memory snapshot, so nothing compressed before can be reused), at each Brotli
quality given.

    python bench/preview_rebuild.py [--qualities 11,4] [--repeat 2]

Each round edits a code's summary in a temporary copy of docs/ so that its snapshot is new, builds in a fresh
process (as make serve's rebuild does), and prints the median seconds for each quality.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
EDITED = Path("codes") / "leadership" / "original.md"
SUMMARY = "summary: The text as first published on this site."


def one_build(quality: str, folder: Path) -> float:
    docs = folder / f"docs-{uuid.uuid4().hex[:8]}"
    shutil.copytree(ROOT / "docs", docs)
    path = docs / EDITED
    text = path.read_text(encoding="utf-8")
    if SUMMARY not in text:
        sys.exit(f"{EDITED}: its summary has changed; set SUMMARY in {Path(__file__).name} to a line it holds")
    path.write_text(text.replace(SUMMARY, f"{SUMMARY[:-1]} (edited {docs.name}).", 1), encoding="utf-8")
    started = time.perf_counter()
    subprocess.run([sys.executable, str(ROOT / "build_site.py"), "--docs", str(docs), "--site-dir", str(docs) + "-site"],
                   cwd=ROOT, env={**os.environ, "BROTLI_QUALITY": quality}, check=True, capture_output=True)
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--qualities", default="11,4")
    parser.add_argument("--repeat", type=int, default=2)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        print("| Brotli quality | rebuild after an edit (s), median | rounds |\n|---|---|---|")
        for quality in args.qualities.split(","):
            rounds = [one_build(quality, Path(folder)) for _ in range(args.repeat)]
            print(f"| {quality} | {statistics.median(rounds):.1f} | {', '.join(f'{r:.1f}' for r in rounds)} |")


if __name__ == "__main__":
    main()
