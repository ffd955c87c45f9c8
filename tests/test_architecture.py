"""The house's rooms: the rules know nothing of the site or the browser, and nothing but the build's entry and
the tests reaches into the browser runtime's room."""

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def imports(folder: str) -> dict[str, set[str]]:
    found = {}
    for path in (ROOT / folder).rglob("*.py"):
        names = set()
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                names |= {alias.name.split(".")[0] for alias in node.names}
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                names.add(node.module.split(".")[0])
        found[path.relative_to(ROOT).as_posix()] = names
    return found


def test_the_rules_import_the_standard_library_alone():
    import sys

    for path, names in imports("checkers").items():
        outside = {n for n in names if n not in sys.stdlib_module_names and n != "__future__"}
        assert not outside, f"{path} imports {outside}"


def test_the_site_build_does_not_reach_into_the_browser_runtime():
    for path, names in imports("sitebuild").items():
        assert "browser_runtime" not in names, path
    for path, names in imports("checkers").items():
        assert "browser_runtime" not in names and "sitebuild" not in names, path


def test_pages_and_the_page_script_do_not_refer_to_runtime_files_by_their_old_place():
    for path in list((ROOT / "overrides").rglob("*")) + [ROOT / "mkdocs.yml"]:
        if path.is_file():
            text = path.read_text(encoding="utf-8", errors="replace")
            assert "tools/snapshot.mjs" not in text and "stdlib_on_demand" not in text, path
