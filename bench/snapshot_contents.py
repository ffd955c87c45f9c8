"""What the checkers' memory snapshot holds, step by step from a bare Python to the snapshot the site ships: the
packed size (what a first visit downloads, before compression), the modules loaded and the largest kinds of object.
Each step's packed size, less the one before, is what dropping that step would save.

    python bench/snapshot_contents.py

Nothing is asserted: the figures go into bench/README.md ("What the snapshot holds").
"""

from __future__ import annotations

import json
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
import browser_runtime.build as runtime  # noqa: E402
from checkers import content  # noqa: E402

STEPS = {"python": "Python started, nothing imported", "package": "import checkers",
         "modules": "every checkers module imported", "codes": "the codes' data read",
         "site": "the on-demand standard library installed (the site's snapshot)"}


def main() -> None:
    pyodide = runtime.pyodide_dir(ROOT)
    stdlib = runtime.precompiled_stdlib(ROOT, pyodide)
    with tempfile.TemporaryDirectory() as temp:
        wheel = runtime.build_wheel(content.PACKAGED_DATA, ROOT, Path(temp))
        reports = []
        for step in STEPS:
            result = subprocess.run(["node", str(ROOT / "bench" / "snapshot_contents.mjs"), str(pyodide), str(stdlib),
                                     str(wheel), str(runtime.STDLIB_ON_DEMAND), step], capture_output=True, text=True,
                                    cwd=ROOT, check=True)
            reports.append(json.loads(result.stdout))
    print("| step | memory (MiB) | packed (MB) | added by this step (MB) | modules | objects | largest kinds of object |")
    print("|---|---|---|---|---|---|---|")
    previous = None
    for report in reports:
        added = "" if previous is None else f"{(report['packed'] - previous['packed']) / 1e6:+.2f}"
        top = ", ".join(f"{name} {size / 1e6:.1f} MB" for name, _, size in report["top"][:3])
        print(f"| {STEPS[report['step']]} | {report['memory'] / 1048576:.1f} | {report['packed'] / 1e6:.2f} | {added} | "
              f"{report['modules']} | {report['objects']:,} | {top} |")
        previous = report
    print()
    for before, after in zip(reports, reports[1:], strict=False):
        added = sorted(set(after["added"]) - set(before["added"]))
        print(f"Modules added by \"{STEPS[after['step']]}\" ({len(added)}): {', '.join(added) or 'none'}")


if __name__ == "__main__":
    main()
