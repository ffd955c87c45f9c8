"""The checkers' cases inside real Pyodide (Python 3.14) under Node, from the wheel the site ships,
with the precompiled standard library: identical answers to the native run."""

import json
import shutil
import subprocess
from pathlib import Path

import pytest

import checkers
from sitebuild import runtime
from tests import checkercases

ROOT = Path(__file__).resolve().parent.parent
CASES = checkercases.load()
pytestmark = pytest.mark.pyodide


@pytest.fixture(scope="module")
def pyodide_responses(tmp_path_factory):
    if not shutil.which("node"):
        pytest.fail("Node.js is needed to run the checkers in Pyodide")
    folder = tmp_path_factory.mktemp("pyodide")
    pyodide = runtime.pyodide_dir(ROOT)
    wheel = runtime.build_wheel(ROOT / "docs" / "codes", ROOT, folder)
    stdlib = runtime.precompiled_stdlib(ROOT, pyodide)
    requests = folder / "requests.json"
    requests.write_text(json.dumps([{"checker": c["checker"], "request": c["request"]} for c in CASES]))
    result = subprocess.run(["node", str(ROOT / "tests" / "pyodide_harness.mjs"), str(pyodide), str(stdlib), str(wheel),
                             str(requests)], capture_output=True, text=True, cwd=ROOT, timeout=300)
    assert result.returncode == 0, result.stderr[-3000:]
    return json.loads(result.stdout)


def test_pyodide_runs_python_3_14(pyodide_responses):
    assert pyodide_responses["python"].startswith("3.14")


@pytest.mark.parametrize("index", range(len(CASES)), ids=[c["name"] for c in CASES])
def test_case_in_pyodide_matches_the_case_and_the_native_answer(pyodide_responses, index):
    case = CASES[index]
    response = pyodide_responses["responses"][index]
    assert checkercases.problems(case, response) == []
    assert response == checkers.run(case["checker"], case["request"])
