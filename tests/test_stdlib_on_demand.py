"""The standard library on demand, natively: an empty archive on sys.path is replaced by the whole one the
first time an import finds nothing, and only then. (tests/test_pyodide.py does the same inside Pyodide.)"""

import subprocess
import sys
import textwrap
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def run_python(script: str) -> str:
    result = subprocess.run([sys.executable, "-c", textwrap.dedent(script)], capture_output=True, text=True, cwd=ROOT)
    assert result.returncode == 0, result.stderr
    return result.stdout.strip()


def test_an_import_found_nowhere_fetches_the_whole_library_once_and_goes_on(tmp_path):
    whole = tmp_path / "whole.zip"
    with zipfile.ZipFile(whole, "w") as archive:
        archive.writestr("ondemand_probe.py", "ANSWER = 42\n")
        archive.writestr("ondemand_other.py", "ANSWER = 43\n")
    empty = tmp_path / "lib.zip"
    zipfile.ZipFile(empty, "w").close()
    output = run_python(f"""
        import sys
        sys.path.insert(0, {str(empty)!r})
        from browser_runtime import stdlib_on_demand
        finder = stdlib_on_demand.install({str(empty)!r})
        fetched = []
        stdlib_on_demand.provide(lambda: fetched.append(1) or open({str(whole)!r}, "rb").read())
        import json  # found elsewhere: nothing fetched
        before = len(fetched)
        import ondemand_probe, ondemand_other
        print(before, len(fetched), ondemand_probe.ANSWER, ondemand_other.ANSWER, finder.installed)
    """)
    assert output == "0 1 42 43 True"


def test_without_a_way_to_fetch_the_finder_stays_out_of_the_way(tmp_path):
    output = run_python("""
        from browser_runtime import stdlib_on_demand
        stdlib_on_demand.install("/nowhere.zip")
        try:
            import no_such_module_anywhere
        except ModuleNotFoundError as error:
            print(error.name)
    """)
    assert output == "no_such_module_anywhere"
