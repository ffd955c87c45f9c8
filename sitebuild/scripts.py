"""The checker page's script, from its ES modules (overrides/assets/checker/) into one file for the site.

The modules keep the source readable by job; the page loads one script, since a graph of ten modules delays
DOMContentLoaded by about 80 ms on a cold visit (bench/README.md). The modules follow two conventions that make
joining them safe, and anything else stops the build: imports are named bindings from "./<module>.js"; exports
are `export` before a top-level declaration; and no two modules declare the same top-level name.
"""

from __future__ import annotations

import re
from pathlib import Path

from . import BuildError

_IMPORT = re.compile(r'^import\s*\{([^}]*)\}\s*from\s*"\./([a-z-]+)\.js";\n', re.M)
_ANY_IMPORT = re.compile(r"^\s*import\b", re.M)
_EXPORT = re.compile(r"^export (?=(?:async )?function |const |let |class )", re.M)
_DECLARED = re.compile(r"^(?:async )?(?:function\*?|const|let|class)\s+([A-Za-z_$][\w$]*)", re.M)


def bundle(folder: Path, entry: str = "main") -> str:
    """The modules `entry` imports, each once and before what imports it, then `entry`: one script."""
    order: list[str] = []
    texts: dict[str, str] = {}

    def visit(name: str, path: tuple[str, ...]) -> None:
        if name in order:
            return
        if name in path:
            raise BuildError(f"{folder}/{name}.js: modules import each other in a circle ({' -> '.join(path + (name,))})")
        file = folder / f"{name}.js"
        if not file.is_file():
            raise BuildError(f"{folder}/{path[-1]}.js imports ./{name}.js, which does not exist" if path
                             else f"{file} does not exist: the page's script starts there")
        text = file.read_text(encoding="utf-8")
        for _, imported in _IMPORT.findall(text):
            visit(imported, path + (name,))
        body = _IMPORT.sub("", text)
        if _ANY_IMPORT.search(body):
            raise BuildError(f"{file}: an import the bundler cannot join: write `import {{ a, b }} from \"./x.js\";`")
        texts[name] = _EXPORT.sub("", body)
        order.append(name)

    visit(entry, ())
    declared: dict[str, str] = {}
    for name in order:
        for identifier in _DECLARED.findall(texts[name]):
            if identifier in declared:
                raise BuildError(f"{folder}/{name}.js and {declared[identifier]}.js both declare {identifier!r} at the top: "
                                 "rename one, since the page joins them into one script")
            declared[identifier] = name
    parts = [f"// --- {name}.js ---\n{texts[name]}" for name in order]
    # Loaded as a module, so its names stay its own, as each module's did.
    return "// Joined by the build (sitebuild/scripts.py) from overrides/assets/checker/: read those files.\n" + "\n".join(parts)
