"""The publishing workflows: actionlint, plus this project's own rules for them."""

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parent.parent
WORKFLOWS = sorted((ROOT / ".github" / "workflows").glob("*.yml"))


def actionlint() -> str | None:
    candidate = Path(sys.executable).with_name("actionlint")
    return str(candidate) if candidate.exists() else shutil.which("actionlint")


def test_actionlint_finds_nothing():
    binary = actionlint()
    if binary is None:
        pytest.skip("actionlint is installed on Linux only (pyproject.toml)")
    result = subprocess.run([binary, "-no-color", *map(str, WORKFLOWS)], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.parametrize("path", WORKFLOWS, ids=[p.name for p in WORKFLOWS])
def test_every_action_is_pinned_to_a_commit(path):
    for line in path.read_text().splitlines():
        if "uses:" in line:
            assert re.search(r"uses: [\w./-]+@[0-9a-f]{40} # v\d", line), f"{path.name}: pin to a commit SHA: {line.strip()}"


@pytest.mark.parametrize("path", WORKFLOWS, ids=[p.name for p in WORKFLOWS])
def test_least_privilege_and_no_racing(path):
    workflow = yaml.safe_load(path.read_text())
    assert workflow["permissions"] == {"contents": "read"}
    assert "group" in workflow["concurrency"]
    for name, job in workflow["jobs"].items():
        # The new-version workflow's one job writes a branch and opens a pull request; Publish's build writes the
        # lock's new entries to main, after every test; no other job writes.
        allowed = {"contents", "pull-requests", "actions"} if path.name == "new-version.yml" else {"pages", "id-token"}
        if (path.name, name) == ("publish.yml", "build"):
            allowed = {"contents"}
            pushes = [s for s in job["steps"] if "git push" in s.get("run", "")]
            assert len(pushes) == 1 and "sitebuild.lock --record" in pushes[0]["run"]
            assert "-- docs/codes.lock.yml" in pushes[0]["run"]
            steps = [s.get("run", "") for s in job["steps"]]
            assert steps.index("bash .ci/run") < steps.index(pushes[0]["run"])
        assert set(job.get("permissions", {})) <= allowed, name


def test_publishing_runs_every_test_before_deploying_and_never_cancels_a_publish():
    workflow = yaml.safe_load((ROOT / ".github" / "workflows" / "publish.yml").read_text())
    triggers = workflow[True] if True in workflow else workflow["on"]
    assert triggers["push"]["branches"] == ["main"]
    assert workflow["concurrency"] == {"group": "pages", "cancel-in-progress": False}
    steps = [s.get("run", "") + s.get("uses", "") for s in workflow["jobs"]["build"]["steps"]]
    assert steps.index("bash .ci/run") < next(i for i, s in enumerate(steps) if "upload-pages-artifact" in s)
    assert workflow["jobs"]["deploy"]["needs"] == "build"
    assert workflow["jobs"]["deploy"]["permissions"] == {"pages": "write", "id-token": "write"}
    pull = yaml.safe_load((ROOT / ".github" / "workflows" / "test.yml").read_text())
    assert "pull_request" in (pull[True] if True in pull else pull["on"])


def test_the_site_switches_versions_daily_and_a_pull_request_gets_a_preview_and_a_summary():
    publish = yaml.safe_load((ROOT / ".github" / "workflows" / "publish.yml").read_text())
    assert (publish[True] if True in publish else publish["on"])["schedule"] == [{"cron": "17 0 * * *"}]
    test = yaml.safe_load((ROOT / ".github" / "workflows" / "test.yml").read_text())
    steps = test["jobs"]["test"]["steps"]
    assert steps[0]["with"]["fetch-depth"] == 0
    runs = " ".join(s.get("run", "") + s.get("uses", "") for s in steps)
    assert "upload-artifact" in runs and "sitebuild.summary" in runs and "GITHUB_STEP_SUMMARY" in runs


def test_a_new_version_can_be_started_from_the_actions_tab():
    workflow = yaml.safe_load((ROOT / ".github" / "workflows" / "new-version.yml").read_text())
    inputs = (workflow[True] if True in workflow else workflow["on"])["workflow_dispatch"]["inputs"]
    assert set(inputs) == {"code", "version"}
    runs = " ".join(s.get("run", "") for s in workflow["jobs"]["open-pull-request"]["steps"])
    assert "sitebuild.new_version" in runs and "gh pr create" in runs
    # The write token is not kept in .git/config, what it installs is pinned, and its pull request gets tested.
    steps = workflow["jobs"]["open-pull-request"]["steps"]
    assert steps[0]["with"]["persist-credentials"] is False
    assert "pyyaml==" in runs and "gh workflow run test.yml" in runs
    test = yaml.safe_load((ROOT / ".github" / "workflows" / "test.yml").read_text())
    assert "workflow_dispatch" in (test[True] if True in test else test["on"])
