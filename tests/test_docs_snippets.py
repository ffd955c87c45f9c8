"""What the documentation quotes from the code is checked against it, so that it cannot drift: the README's
command-line example, and the Content-Security-Policy in the maintainers' guide."""

import json
import re
import subprocess
from pathlib import Path

from sitebuild import CSP

ROOT = Path(__file__).resolve().parent.parent


def test_the_readmes_command_line_example_runs_and_answers_as_it_says():
    block = re.search(r"```\n(echo .*?\n\s*\| python3 -m checkers donations)\n", (ROOT / "README.md").read_text(), re.S)
    assert block, "the README's example of a request on standard input"
    command = block[1].replace("python3", str(ROOT / ".venv" / "bin" / "python")) if (ROOT / ".venv").is_dir() else block[1]
    result = subprocess.run(command, shell=True, capture_output=True, text=True, cwd=ROOT)
    assert result.returncode == 0, result.stdout + result.stderr
    response = json.loads(result.stdout)
    assert response["code"] == "nec-candidates" and response["status"] == "action"
    assert [f["rule"] for f in response["answers"]] == ["permissible-donor", "report"]


def test_the_maintainers_guide_quotes_the_content_security_policy_the_pages_carry():
    guide = (ROOT / "docs" / "maintainers" / "index.md").read_text()
    quoted = re.search(r"^Content-Security-Policy: (.+)$", guide, re.M)
    assert quoted and quoted[1] == CSP
