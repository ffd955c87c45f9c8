"""Breaking a copy of the site's content (the `docs_copy` fixture) for tests of what the build refuses: edit it,
then load it."""

from pathlib import Path

import pytest

from checkers.content import ContentError
from sitebuild import model


def edit(path: Path, old: str, new: str) -> int:
    """Replace the first `old` with `new`; the line `old` started on."""
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} is not in {path}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return text[:text.index(old)].count("\n") + 1


def refused(docs: Path) -> ContentError:
    """The error loading the content stops with."""
    with pytest.raises(ContentError) as caught:
        model.load(docs)
    return caught.value
