"""Joining the checker page's modules into one script: each module once, before what imports it; anything the
join could get wrong stops the build."""

import pytest

from sitebuild import BuildError, scripts


def modules(tmp_path, **files):
    for name, text in files.items():
        (tmp_path / f"{name}.js").write_text(text)
    return tmp_path


def test_modules_are_joined_each_once_in_the_order_they_are_needed(tmp_path):
    folder = modules(tmp_path, main='import { a } from "./a.js";\nimport { b } from "./b.js";\na(); b();\n',
                     a='import { b } from "./b.js";\nexport function a() { return b(); }\n',
                     b="export const b = () => 1;\n")
    joined = scripts.bundle(folder)
    assert joined.index("const b") < joined.index("function a") < joined.index("a(); b();")
    assert joined.count("const b") == 1 and "import" not in joined and "export" not in joined


@pytest.mark.parametrize("files, message", [
    ({"main": 'import { a } from "./a.js";\n', "a": 'import { main } from "./main.js";\nexport const a = 1;\n'}, "circle"),
    ({"main": 'import { a } from "./a.js";\nconst x = 1;\n', "a": "export const x = 2;\nexport const a = 1;\n"}, "both declare 'x'"),
    ({"main": 'import a from "./a.js";\n', "a": "export default 1;\n"}, "an import the bundler cannot join"),
    ({"main": 'import { a } from "./missing.js";\n'}, "main.js imports ./missing.js, which does not exist"),
    ({"other": "export const a = 1;\n"}, "main.js does not exist: the page's script starts there"),
])
def test_what_the_join_could_get_wrong_stops_the_build(tmp_path, files, message):
    with pytest.raises(BuildError, match=message):
        scripts.bundle(modules(tmp_path, **files))


def test_the_real_modules_join(tmp_path):
    from pathlib import Path

    joined = scripts.bundle(Path(__file__).resolve().parent.parent / "overrides" / "assets" / "checker")
    assert "function readRequest" in joined and "import " not in joined
