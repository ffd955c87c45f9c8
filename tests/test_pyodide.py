"""The checkers' cases inside real Pyodide (Python 3.14) under Node, with the precompiled standard library,
started both ways a checker page can start: from the wheel the site ships, and from its memory snapshot.
Identical answers to the native run."""

import json
import shutil
import subprocess
from pathlib import Path

import pytest

import checkers
from sitebuild import BuildError, runtime
from tests import checkercases

ROOT = Path(__file__).resolve().parent.parent
CASES = checkercases.load()
pytestmark = pytest.mark.pyodide


@pytest.fixture(scope="module")
def harness_reports(tmp_path_factory):
    """The cases run by tests/pyodide_harness.mjs, started each way a checker page can start."""
    if not shutil.which("node"):
        pytest.fail("Node.js is needed to run the checkers in Pyodide")
    folder = tmp_path_factory.mktemp("pyodide")
    pyodide = runtime.pyodide_dir(ROOT)
    wheel = runtime.build_wheel(ROOT / "docs" / "codes", ROOT, folder)
    stdlib = runtime.precompiled_stdlib(ROOT, pyodide)
    snapshot = runtime.memory_snapshot(ROOT, pyodide, stdlib, wheel)
    empty = runtime.empty_stdlib(folder / runtime.EMPTY_STDLIB)
    requests = folder / "requests.json"
    requests.write_text(json.dumps([{"checker": c["checker"], "request": c["request"]} for c in CASES]))
    reports = {}
    for start, extra in (("from the wheel", []), ("from the snapshot", [snapshot, empty])):
        result = subprocess.run(["node", str(ROOT / "tests" / "pyodide_harness.mjs"), str(pyodide), str(stdlib), str(wheel),
                                 str(requests), *map(str, extra)], capture_output=True, text=True, cwd=ROOT, timeout=300)
        assert result.returncode == 0, result.stderr[-3000:]
        reports[start] = json.loads(result.stdout)
    return reports


@pytest.fixture(params=["from the wheel", "from the snapshot"])
def pyodide_responses(request, harness_reports):
    return harness_reports[request.param]


def test_from_the_snapshot_the_cases_need_no_module_outside_it_and_other_modules_still_import(harness_reports):
    report = harness_reports["from the snapshot"]
    assert report["stdlibFetchedForCases"] is False
    assert report["colorsys"] == 0.0


def test_pyodide_runs_python_3_14(pyodide_responses):
    assert pyodide_responses["python"].startswith("3.14")


@pytest.mark.parametrize("index", range(len(CASES)), ids=[c["name"] for c in CASES])
def test_case_in_pyodide_matches_the_case_and_the_native_answer(pyodide_responses, index):
    case = CASES[index]
    response = pyodide_responses["responses"][index]
    assert checkercases.problems(case, response) == []
    assert response == checkers.run(case["checker"], case["request"])


def test_a_snapshot_packs_and_expands_to_the_same_bytes_and_refuses_other_files():
    script = """
    import { packSnapshot, expandSnapshot } from "./overrides/assets/snapshot-format.mjs";
    const full = new Uint8Array(5 * 4096 + 100);
    full[10] = 1; full[2 * 4096 + 5] = 2; full[3 * 4096] = 3; full[full.length - 1] = 4;
    const packed = packSnapshot(full);
    const same = expandSnapshot(packed.buffer).every((byte, i) => byte === full[i]);
    let refused = "";
    try { expandSnapshot(new Uint8Array(64).buffer); } catch (error) { refused = error.message; }
    let truncated = "";
    try { expandSnapshot(packed.slice(0, packed.length - 1).buffer); } catch (error) { truncated = error.message; }
    console.log(JSON.stringify({ same, packed: packed.length, refused, truncated }));
    """
    result = subprocess.run(["node", "--input-type=module", "-e", script], capture_output=True, text=True, cwd=ROOT)
    assert result.returncode == 0, result.stderr
    outcome = json.loads(result.stdout)
    assert outcome["same"]
    assert outcome["packed"] == 16 + 8 * 3 + 3 * 4096 + 100  # pages 0, 2-3 and the last part page
    assert outcome["refused"] == "not a checkers snapshot"
    assert outcome["truncated"] == "a checkers snapshot of the wrong length"


def test_a_snapshot_that_cannot_be_made_stops_the_build_with_pythons_own_message(tmp_path):
    pyodide = runtime.pyodide_dir(ROOT)
    wheel = tmp_path / "broken.whl"
    wheel.write_bytes(b"not a zip")
    with pytest.raises(BuildError) as failure:
        runtime.memory_snapshot(ROOT, pyodide, runtime.precompiled_stdlib(ROOT, pyodide), wheel)
    message = str(failure.value)
    assert message.startswith("making the Pyodide memory snapshot failed") and "BadZipFile" in message
    assert max(len(line) for line in message.splitlines()) < 1000
