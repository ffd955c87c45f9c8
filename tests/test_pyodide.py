"""The checkers' cases inside real Pyodide (Python 3.14) under Node, with the precompiled standard library,
started both ways a checker page can start: from the wheel the site ships, and from its memory snapshot.
Identical answers to the native run."""

import json
import shutil
import subprocess
import zlib
from pathlib import Path

import pytest

import browser_runtime.build as runtime
import checkers
from checkers import content
from sitebuild import BuildError
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
    wheel = runtime.build_wheel(content.PACKAGED_DATA, ROOT, folder)
    stdlib = runtime.precompiled_stdlib(ROOT, pyodide)
    snapshot = runtime.memory_snapshot(ROOT, pyodide, stdlib, wheel)
    empty = runtime.empty_stdlib(folder / runtime.EMPTY_STDLIB)
    requests = folder / "requests.json"
    requests.write_text(json.dumps([{"checker": c["checker"], "request": c["request"]} for c in CASES]))
    reports = {}
    checksum = zlib.crc32(snapshot.read_bytes())
    for start, extra in (("from the wheel", []), ("from the snapshot", [snapshot, empty, checksum])):
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


def test_a_snapshot_packs_and_expands_to_the_same_bytes_and_refuses_other_files_and_other_memories():
    script = """
    import { packSnapshot, expandSnapshot, snapshotSize } from "./browser_runtime/assets/snapshot-format.mjs";
    const page = 4096;
    const full = new Uint8Array(6 * page + 100);
    full.fill(7, 0, 16);  // a header before the memory, as Pyodide's snapshots have
    full[page + 5] = 1; full[3 * page] = 3; full[full.length - 1] = 4;
    // The module's memory at start (placed 16 bytes in): static data on pages 1 and 2, zeros after.
    const base = new Uint8Array(5 * page);
    base.fill(9, page - 16, 3 * page - 16);
    full.set(base.subarray(page - 16, 3 * page - 16), page);
    full[page + 5] = 1;  // static data Python changed
    const sameAs = (bytes) => bytes.length === full.length && bytes.every((byte, i) => byte === full[i]);
    const packed = packSnapshot(full, base, 16);
    const into = new Uint8Array(full.length);
    const other = base.slice(); other[2 * page] = 1;  // another module's static data
    const attempt = (...args) => { try { expandSnapshot(...args); return "expanded"; } catch (error) { return error.message; } };
    console.log(JSON.stringify({
      same: sameAs(expandSnapshot(packed.buffer, base)),
      sameInto: sameAs(expandSnapshot(packed, base, into)) && sameAs(into),
      size: snapshotSize(packed.buffer) === full.length,
      packed: packed.length,
      withoutBase: packSnapshot(full).length,
      otherMemory: attempt(packed, other),
      noMemory: attempt(packed),
      refused: attempt(new Uint8Array(64).buffer, base),
      truncated: attempt(packed.slice(0, packed.length - 1), base),
      wrongSize: attempt(packed, base, new Uint8Array(page)),
    }));
    """
    result = subprocess.run(["node", "--input-type=module", "-e", script], capture_output=True, text=True, cwd=ROOT)
    assert result.returncode == 0, result.stderr
    outcome = json.loads(result.stdout)
    assert outcome["same"] and outcome["sameInto"] and outcome["size"]
    # Kept: page 0 (the header), page 1 (changed static data), page 3 and the last part page; page 2 equals the
    # base and pages 4 and 5 are zero in both.
    assert outcome["packed"] == 28 + 8 * 3 + 2 * 4096 + 4096 + 100
    assert outcome["withoutBase"] == 28 + 8 * 2 + 4 * 4096 + 100  # page 2 is not zero: one run, pages 0 to 3
    other = "the checkers snapshot was made for another Pyodide: its memory does not match"
    assert outcome["otherMemory"] == outcome["noMemory"] == other
    assert outcome["refused"] == "not a checkers snapshot"
    assert outcome["truncated"] == "a checkers snapshot of the wrong length"
    assert outcome["wrongSize"] == f"a checkers snapshot of {6 * 4096 + 100} bytes, not 4096"


def test_a_snapshot_that_cannot_be_made_stops_the_build_with_pythons_own_message(tmp_path):
    pyodide = runtime.pyodide_dir(ROOT)
    wheel = tmp_path / "broken.whl"
    wheel.write_bytes(b"not a zip")
    with pytest.raises(BuildError) as failure:
        runtime.memory_snapshot(ROOT, pyodide, runtime.precompiled_stdlib(ROOT, pyodide), wheel)
    message = str(failure.value)
    assert message.startswith("making the Pyodide memory snapshot failed") and "BadZipFile" in message
    assert max(len(line) for line in message.splitlines()) < 1000


def _many_codes(copies: int) -> dict:
    """The checkers' data with every code repeated under other ids: a content set many times today's."""
    data = json.loads(content.PACKAGED_DATA.read_text(encoding="utf-8"))
    originals = data["codes"]
    data["codes"] = [{**code, "code": f"{code['code']}-{n}" if n else code["code"],
                      "versions": [{**v, "code": f"{code['code']}-{n}" if n else code["code"]} for v in code["versions"]]}
                     for n in range(copies) for code in originals]
    return data


def test_a_content_set_whose_memory_outgrows_pyodides_first_heap_is_restored_into_a_grown_heap(tmp_path):
    # Pyodide 314.0.7 restores a snapshot into its initial 30 MiB heap without growing it (its issue 6254); the
    # page grows the heap first (snapshot-restore.mjs). This content's memory is larger than that heap.
    data = tmp_path / "codes.json"
    data.write_text(json.dumps(_many_codes(400)), encoding="utf-8")
    pyodide = runtime.pyodide_dir(ROOT)
    wheel = runtime.build_wheel(data, ROOT, tmp_path)
    stdlib = runtime.precompiled_stdlib(ROOT, pyodide)
    snapshot = runtime.memory_snapshot(ROOT, pyodide, stdlib, wheel)
    assert runtime.snapshot_memory(snapshot) > runtime.PYODIDE_FIRST_HEAP
    donations = [{"donor": "A", "amount": 1700, "received": "2025-03-15"}]
    asked = [{"code": "nec-candidates-399", "donations": donations}, {"code": "nec-candidates", "donations": donations}]
    requests = tmp_path / "requests.json"
    requests.write_text(json.dumps([{"checker": "donations", "request": request} for request in asked]))
    result = subprocess.run(["node", str(ROOT / "tests" / "pyodide_harness.mjs"), str(pyodide), str(stdlib), str(wheel),
                             str(requests), str(snapshot), str(runtime.empty_stdlib(tmp_path / runtime.EMPTY_STDLIB))],
                            capture_output=True, text=True, cwd=ROOT, timeout=300)
    assert result.returncode == 0, result.stderr[-3000:]
    answers = json.loads(result.stdout)["responses"]
    assert answers == [checkers.run("donations", request, content.load(data)) for request in asked]
    assert answers[1]["answers"][-1]["law"]["requires"] is False
