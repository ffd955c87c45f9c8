"""The checkers' test cases (tests/cases/*.yaml): the checker pages show those marked `example: true` as worked
examples, and the pull request's summary answers each of them at the base and here.

They are the project's own files, read whole at every build: with libyaml where PyYAML has it, about ten times as
fast as PyYAML's own reader, which gives the same values.
"""

from __future__ import annotations

from pathlib import Path

import yaml

CASES = Path(__file__).resolve().parent.parent / "tests" / "cases"
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def load_cases(folder: Path = CASES) -> list[dict]:
    """Every case of every file in `folder`, in the files' order, each marked with its file's name."""
    found = []
    for path in sorted(folder.glob("*.yaml")) if folder.is_dir() else []:
        for case in yaml.load(path.read_text(encoding="utf-8"), Loader=_LOADER) or []:
            case["file"] = path.name
            found.append(case)
    return found
