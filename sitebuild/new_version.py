"""A new version of a code in one step: the newest version's file copied, its front matter set for a new version.

    python -m sitebuild.new_version --code nec-candidates --version 2027
    make new-version CODE=nec-candidates VERSION=2027

The copy keeps the text, the rules and the anchors; it is dated as published today, has no `in_force_from` (the
build asks for it), and a summary still to write (the build refuses the placeholder). It says what to edit next.
"""

from __future__ import annotations

import argparse
import datetime as dt
import re
import sys
from pathlib import Path

from checkers.citation import CODE_ID, VERSION_ID, VERSION_RULE
from checkers.content import ContentError, not_a_code, print_errors
from checkers.whole_files import write_whole

from .source import SUMMARY_TO_WRITE, load_codes, read_text

ROOT = Path(__file__).resolve().parent.parent
# Top-level front matter fields the copy sets anew (or drops, for the dates the new version has not got yet).
SET = ("version", "published", "status", "summary")
DROP = ("in_force_from", "in_force_until")


def _front_matter(text: str) -> tuple[list[str], str]:
    lines = text.split("\n")
    end = next(i for i in range(1, len(lines)) if lines[i].strip() == "---")
    return lines[1:end], "\n".join(lines[end + 1:])


def new_version(docs: Path, code_id: str, version_id: str, today: dt.date) -> tuple[Path, list[str]]:
    """Write the new version's file; its path, and what to edit next. ContentError says why not."""
    codes = load_codes(docs / "codes")
    if not CODE_ID.match(code_id or "") or code_id not in codes:
        raise ContentError("CODE", None, not_a_code(code_id, codes))
    if not VERSION_ID.match(version_id or "") or version_id.endswith(".lock"):
        raise ContentError("VERSION", None, f"{str(version_id)[:60]!r} cannot be a version id: write {VERSION_RULE}")
    code = codes[code_id]
    target = docs / "codes" / code_id / f"{version_id}.md"
    taken = next((v.version for v in code.versions if v.version.casefold() == version_id.casefold()), None)
    if target.exists() or taken:
        raise ContentError(target, None, f"{code_id} already has a version {taken or version_id!r}: choose another id")
    newest = code.versions[-1]
    fields, body = _front_matter(read_text(newest.path))
    values = {"version": f'"{version_id}"', "published": today.isoformat(), "status": "in-force",
              "summary": f'"{SUMMARY_TO_WRITE}"'}
    kept, skipping = [], False
    for line in fields:
        name = re.match(r"^([a-z_]+):", line)
        if name:
            skipping = name[1] in DROP
            if name[1] in SET:
                line = f"{name[1]}: {values.pop(name[1])}"
        elif not line.startswith((" ", "\t", "-")):
            skipping = False
        if not skipping:
            kept.append(line)
    kept += [f"{name}: {value}" for name, value in values.items()]
    write_whole(target, "---\n" + "\n".join(kept) + "\n---\n" + body)
    shown = target.relative_to(docs.parent) if docs.parent in target.parents else target
    steps = [f"Wrote {shown}, a copy of version {newest.id}. Edit it next:",
             "1. The text below the settings (the block between the two --- lines at the top): make the changes this "
             "version brings, word for word as the source has them.",
             "2. in_force_from: YYYY-MM-DD, the day it takes effect (the build asks for it). Until that day the site "
             f"shows it as coming into force and version {newest.id} as current.",
             f"3. summary: one line on what it changes (the build refuses \"{SUMMARY_TO_WRITE}\").",
             "4. source: where this text comes from.",
             "Notes on the law stay with every clause whose words you leave as they are; the build lists any note a "
             "changed clause loses.",
             "Then look at it (make serve, or the preview on the pull request) and open a pull request. It is published "
             "when the pull request is merged, and from then on it is fixed."]
    return target, steps


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--code", required=True, help="the code's id, e.g. nec-candidates")
    parser.add_argument("--version", required=True, help="the new version's id, e.g. 2027")
    parser.add_argument("--docs", default=str(ROOT / "docs"))
    args = parser.parse_args(argv)
    try:
        _, steps = new_version(Path(args.docs), args.code, args.version, dt.date.today())
    except ContentError as error:
        print_errors(error)
        return 1
    print("\n".join(steps))
    return 0


if __name__ == "__main__":
    sys.exit(main())
