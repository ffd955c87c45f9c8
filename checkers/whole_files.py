"""Files written whole or not at all: whoever reads one never finds it half-written."""

from __future__ import annotations

import os
from pathlib import Path


def write_whole(path: str | os.PathLike, text: str) -> None:
    """Write `text` (UTF-8, its line ends as they are) to `path` whole: into a new file beside it, then put in its
    place. A symbolic link is followed (the file it names is replaced; the link stays). A path that is there but is
    not a regular file (a terminal, a pipe, /dev/stdout) is written to as it is: it cannot be replaced, and
    replacing it would put a file where the device was. Raises OSError, leaving no new file behind."""
    given = Path(path)
    if given.exists() and not given.is_file():
        with open(given, "w", encoding="utf-8", newline="") as handle:
            handle.write(text)
        return
    target = Path(os.path.realpath(given))
    partial = target.with_name(f".{target.name}.{os.getpid()}.partial")
    handle = open(partial, "x", encoding="utf-8", newline="")  # noqa: SIM115 - closed below, before the swap
    try:
        with handle:
            handle.write(text)
        os.replace(partial, target)
    except BaseException:
        partial.unlink(missing_ok=True)
        raise
