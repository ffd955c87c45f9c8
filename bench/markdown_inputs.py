"""What a maintainer's file can make Python-Markdown do: each input that reads slowly or nests deep, timed with the
site's Markdown extensions, beside what the build's own measure (sitebuild/source.py) says of it.

    python bench/markdown_inputs.py

The bounds in sitebuild/source.py (LONGEST_ADDRESS_READ, LONGEST_TAG_READ) are set from these times: about a second
of Markdown's reading each. Nothing is asserted; the findings go into bench/README.md.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

import markdown
import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from sitebuild.source import _slow_for_markdown  # noqa: E402

EXTENSIONS = [e if isinstance(e, str) else next(iter(e))
              for e in yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))["markdown_extensions"]]
PAGE = "word " * 20_000  # 100 KB of text after the input

INPUTS = {
    "1,000 links whose address is not closed, then 100 KB": "[a]( " * 1000 + PAGE,
    "3,000 links whose address is not closed, in 6 KB": "[a]( " * 3000 + "w " * 1500,
    "1,000 closed links, then 100 KB": "[a](https://example.org) " * 1000 + PAGE,
    "250 links in 10,000 characters (the bound)": "[a](b) " * 250 + "y" * 8250,
    "1,000 links in a list, one to a line": "".join(f"- [link {n}](https://example.org/{n})\n" for n in range(1000)),
    "1,000 links whose address is not closed, then 2,500 characters (about the bound)": "[a]( " * 1000 + "y" * 2500,
    "3,000 unclosed '[', then 1 MB": "[ " * 3000 + "word " * 200_000,
    "1,000 '<a' with no '>', then 100 KB": "<a " * 1000 + PAGE,
    "4,000 '<a' with no '>', each a paragraph": "<a \n\n" * 4000,
    "2,886 '<a' with no '>', a line each (the bound)": "<a\n" * 2886,
    "4,000 closed tags": "<b>x</b> " * 4000,
    "a list nested 1,000 deep on one line": "- " * 1000 + "x",
    "quotes nested 1,000 deep": "> " * 1000 + "x",
    "notes nested 500 deep": "".join("    " * d + "!!! note\n" for d in range(500)) + "    " * 500 + "x",
    "HTML blocks nested 500 deep": "<div markdown>\n" * 500 + "x\n" + "</div>\n" * 500,
}


def main() -> None:
    print(f"Python-Markdown {markdown.__version__}, extensions {', '.join(EXTENSIONS)}\n")
    print("| input | characters | Markdown (s) | the build's measure |\n|---|---|---|---|")
    for name, text in INPUTS.items():
        started = time.perf_counter()
        try:
            markdown.markdown(text, extensions=EXTENSIONS)
            took = f"{time.perf_counter() - started:.2f}"
        except RecursionError:
            took = "recursion limit"
        slow = _slow_for_markdown(text)
        verdict = "refused: " + slow[1].split(":")[0] if slow else "read"
        print(f"| {name} | {len(text):,} | {took} | {verdict} |")


if __name__ == "__main__":
    main()
