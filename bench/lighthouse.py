"""Lighthouse scores for the home page, a code page and a checker page of the built site.

    python bench/lighthouse.py [--site site]

Runs npm's `lighthouse` (fetched by npx on first use, pinned below) against the site served on 127.0.0.1,
with Debian's Chromium (CHROME_PATH). A benchmark, not a test: the scores go into bench/README.md.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from tests.conftest import CHROMIUM, CHROMIUM_FLAGS, serve  # noqa: E402

LIGHTHOUSE = "lighthouse@13.5.0"
PAGES = {"home": "", "code page": "codes/nec-candidates/", "checker page": "checkers/donations/"}
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--site", default=str(ROOT / "site"))
    args = parser.parse_args()
    server, base = serve(Path(args.site))
    env = {**os.environ, "CHROME_PATH": CHROMIUM}
    print("| page | " + " | ".join(CATEGORIES) + " |\n|---|" + "---|" * len(CATEGORIES))
    for name, path in PAGES.items():
        with tempfile.TemporaryDirectory() as temp:
            report = Path(temp) / "report.json"
            flags = " ".join(f for f in CHROMIUM_FLAGS if f != "--headless") + " --headless=new"
            subprocess.run(["npx", "--yes", LIGHTHOUSE, base + path, "--quiet", "--output=json",
                            f"--output-path={report}", f"--chrome-flags={flags}",
                            f"--only-categories={','.join(CATEGORIES)}"], env=env, check=True, cwd=temp)
            scores = json.loads(report.read_text())["categories"]
            print(f"| {name} | " + " | ".join(f"{scores[c]['score']:.2f}" for c in CATEGORIES) + " |", flush=True)
    server.shutdown()


if __name__ == "__main__":
    main()
