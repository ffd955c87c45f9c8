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


# --- A checker is one declared object: nothing generic learns a particular checker's name ---------------------

import re  # noqa: E402

import pytest  # noqa: E402

import checkers  # noqa: E402
from checkers.contract import Checker, ContractError, Field, registry  # noqa: E402

# The checkers' own modules, and the one module that is a checker's reading of the law: these may name a checker.
OWN = {f"checkers/{name}.py" for name in checkers.CHECKERS} | {"checkers/donations_law.py"}
GENERIC = ["checkers/*.py", "sitebuild/*.py", "sitebuild/templates/*", "overrides/**/*.js", "overrides/**/*.html",
           "browser_runtime/**/*.js", "browser_runtime/**/*.mjs", "browser_runtime/**/*.py", "build_site.py"]


def _strings_and_names(path: Path) -> list[tuple[int, str]]:
    """A Python file's string constants (docstrings aside) and identifiers, with their lines."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    docstrings = {id(node.body[0].value) for node in ast.walk(tree)
                  if isinstance(node, (ast.Module, ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)) and node.body
                  and isinstance(node.body[0], ast.Expr) and isinstance(node.body[0].value, ast.Constant)}
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in docstrings:
            found.append((node.lineno, node.value))
        elif isinstance(node, ast.Name):
            found.append((node.lineno, node.id))
        elif isinstance(node, ast.Attribute):
            found.append((node.lineno, node.attr))
        elif isinstance(node, (ast.Import, ast.ImportFrom)):
            found += [(node.lineno, alias.name.split(".")[-1]) for alias in node.names]
    return found


def test_no_generic_file_names_a_particular_checker():
    names = sorted(checkers.CHECKERS)
    word = re.compile(r"(?<![\w-])(" + "|".join(names) + r")(?![\w-])")
    problems = []
    for pattern in GENERIC:
        for path in sorted(ROOT.glob(pattern)):
            relative = path.relative_to(ROOT).as_posix()
            if relative in OWN or not path.is_file():
                continue
            if path.suffix == ".py":
                hits = [(line, text) for line, text in _strings_and_names(path) if word.search(text)]
                # The registry lists the modules it declares: the one place that names them all.
                if relative == "checkers/__init__.py":
                    hits = [(line, text) for line, text in hits if text not in names]
            else:
                text = path.read_text(encoding="utf-8")
                # In scripts and templates: a name in quotes, or in a checker page's address.
                hits = [(text.count("\n", 0, m.start()) + 1, m[0]) for m in
                        re.finditer(r"""(["'`])(?:""" + "|".join(names) + r""")\1|checkers/(?:""" + "|".join(names) + r")\b", text)]
            problems += [f"{relative}:{line}: {text!r}" for line, text in hits]
    assert not problems, "generic files that name a particular checker:\n" + "\n".join(problems)


def test_a_checker_module_without_its_declaration_is_refused_naming_what_is_missing():
    import types

    with pytest.raises(ContractError, match=r"checkers\.lonely does not declare CHECKER = Checker"):
        registry([types.ModuleType("checkers.lonely")])
    with pytest.raises(TypeError, match="check"):
        Checker(name="x", title="X", purpose="Y", fields=(), read_rules=lambda v: None, statuses={"ok": "Fine."})
    complete = dict(name="x", title="X", purpose="Why", fields=(), read_rules=lambda v: None, statuses={"ok": "Fine."},
                    check=lambda *a: None)
    for part, value, words in [("check", None, "check must be a function"), ("statuses", {}, "statuses maps each status"),
                               ("title", "", "title is required"), ("name", "Bad Name", "name is lower-case"),
                               ("fields", [Field("a", "A", "text")], "fields is a tuple of Field")]:
        with pytest.raises(ContractError, match=words):
            Checker(**{**complete, part: value})
    with pytest.raises(ContractError, match="kind 'colour' is not one of"):
        Field("a", "A", "colour")
    with pytest.raises(ContractError, match="like a field every checker reads"):
        Checker(**{**complete, "fields": (Field("today", "Today", "date"),)})


def test_every_checker_meets_the_contract_and_answers_in_one_shape():
    for name, checker in checkers.CHECKERS.items():
        assert isinstance(checker, Checker) and checker.name == name
        assert all(isinstance(f, Field) for f in checker.fields)
