"""A maintainer's slip in any file of the content, of any kind (a line lost, doubled or moved, a character typed in the
wrong place, a value replaced, a file cut short, Windows line ends, a byte-order mark): the build answers with a
message naming the file, or builds; it never ends in a traceback. The lock is read as the build reads it too, since
maintainers type corrections into it. (Mutations like these found a date that is no day, a folder in a file's place,
and slips in the lock that did end in tracebacks.)"""

import contextlib
import re
import shutil
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import build_site
from checkers.content import ContentError
from sitebuild import lock, model

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs"
FILES = sorted(p.relative_to(DOCS).as_posix() for p in DOCS.rglob("*") if p.suffix in (".md", ".yml") and p.is_file())
TYPED = ["", "-", ":", "[", "]", "{", "}", "'", '"', "\t", "#", "|", ">", "&a", "*a", "!!python/object:os.system",
         "null", "~", "---", "2026-02-30", "2865-70-70", "9999-12-31", "-1", "0", "1e9", "true", "[1, 2]", "{a: 1}",
         "\u202e", "\u00a0", "\ufeff", "é", "😀", "<script>", "{{ x }}", "[x](javascript:alert(1))", "\r"]


@st.composite
def slips(draw, text: str) -> str:
    for _ in range(draw(st.integers(1, 3))):
        lines = text.split("\n")
        at = draw(st.integers(0, len(lines) - 1))
        kind = draw(st.sampled_from(["lose", "double", "move", "type", "replace", "replace", "replace", "cut", "crlf",
                                     "mark", "digits", "digits", "indent"]))
        if kind == "lose":
            del lines[at]
        elif kind == "double":
            lines.insert(at, lines[draw(st.integers(0, len(lines) - 1))])
        elif kind == "move":
            other = draw(st.integers(0, len(lines) - 1))
            lines[at], lines[other] = lines[other], lines[at]
        elif kind == "type":
            column = draw(st.integers(0, len(lines[at])))
            lines[at] = lines[at][:column] + draw(st.sampled_from(TYPED)) + lines[at][column:]
        elif kind == "replace" and ":" in lines[at]:
            lines[at] = lines[at].split(":", 1)[0] + ": " + draw(st.sampled_from(TYPED))
        elif kind == "digits":
            lines[at] = re.sub(r"\d", lambda _: str(draw(st.integers(0, 9))), lines[at])
        elif kind == "indent":
            lines[at] = " " * draw(st.integers(1, 4)) + lines[at]
        text = "\n".join(lines)
        if kind == "cut":
            text = text[:draw(st.integers(0, len(text)))]
        elif kind == "crlf":
            text = text.replace("\n", "\r\n")
        elif kind == "mark":
            text = "\ufeff" + text
    return text


# The files whose values are typed (the lock, the law's figures, a version's settings) are drawn more often: most
# slips that ended in a traceback were in them.
WEIGHTED = [lock.LOCK_NAME] * 8 + ["law/figures.yml"] * 4 + [n for n in FILES if n.startswith("codes/")] * 2 + FILES


@st.composite
def a_file_with_slips(draw) -> tuple[str, str]:
    name = draw(st.sampled_from(WEIGHTED))
    return name, draw(slips((DOCS / name).read_text(encoding="utf-8")))


@given(a_file_with_slips())
@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
def test_a_slip_in_any_file_of_the_content_is_named_or_harmless_never_a_traceback(slipped):
    name, text = slipped
    with tempfile.TemporaryDirectory() as folder:
        docs = Path(folder) / "docs"
        shutil.copytree(DOCS, docs)
        (docs / name).write_text(text, encoding="utf-8")
        assert build_site.main(["--docs", str(docs), "--checkers-data", str(Path(folder) / "codes.json")]) in (0, 1)
        with contextlib.suppress(ContentError):  # named, with its file: what a maintainer meets
            lock.check(model.load(docs), docs / lock.LOCK_NAME)
