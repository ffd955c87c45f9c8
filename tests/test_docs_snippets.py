"""What the documentation quotes from the code is checked against it, so that it cannot drift: the README's
command-line example, and the Content-Security-Policy in the maintainers' guide."""

import json
import os
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


def test_the_hosting_guide_quotes_the_content_security_policy_the_pages_carry():
    guide = (ROOT / "docs" / "maintainers" / "hosting.md").read_text()
    quoted = re.search(r"^Content-Security-Policy: (.+)$", guide, re.M)
    assert quoted and quoted[1] == CSP


def _guide_commands() -> list[str]:
    """Every make command the maintainers' guides give, in code or in a block."""
    found = []
    for page in ("index.md", "reference.md", "hosting.md"):
        text = (ROOT / "docs" / "maintainers" / page).read_text()
        found += re.findall(r"`((?:[A-Z_]+=\S+ )?make [^`]+)`", text)
    return sorted(set(found))


def test_every_make_command_in_the_guides_is_one_the_makefile_runs():
    """Each is planned by make as written (make -n: nothing runs), with the variables it gives used."""
    commands = _guide_commands()
    assert "make serve" in commands and "make serve PORT=8080" in commands and any("new-version" in c for c in commands)
    for command in commands:
        words = command.split()
        env = dict(w.split("=", 1) for w in words if "=" in w and words.index(w) < words.index("make"))
        args = words[words.index("make") + 1:]
        planned = subprocess.run(["make", "-n", *args], cwd=ROOT, capture_output=True, text=True,
                                 env={**os.environ, **env})
        assert planned.returncode == 0, f"{command}: {planned.stderr}"
        # A value reaches Python as data: the recipe names the variable that holds it (`export X := $(value PORT)`,
        # then "$X"), never the value itself, which is run for real in tests/test_serve.py and below.
        as_data = dict(re.findall(r"export (\w+) := \$\(value (\w+)\)", (ROOT / "Makefile").read_text(encoding="utf-8")))
        for name in (w.split("=", 1)[0] for w in args if "=" in w):
            holder = next((held for held, given in as_data.items() if given == name), None)
            assert holder and f'"${holder}"' in planned.stdout, f"{command}: {name} does not reach the command as data"


def test_the_guides_new_version_command_runs_and_says_the_steps_the_guide_gives(tmp_path):
    """`make new-version` as the guide writes it, run for real on a copy of the content."""
    import shutil

    command = next(c for c in _guide_commands() if "new-version" in c)
    work = tmp_path / "work"
    work.mkdir()
    for name in ("Makefile", "pyproject.toml"):
        shutil.copy(ROOT / name, work / name)
    for name in (".venv", "sitebuild", "checkers"):
        (work / name).symlink_to(ROOT / name)
    shutil.copytree(ROOT / "docs", work / "docs")
    result = subprocess.run(command.split(), cwd=work, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    guide = (ROOT / "docs" / "maintainers" / "index.md").read_text()
    for setting in ("in_force_from", "summary", "source"):
        assert setting in result.stdout and f"`{setting}:`" in guide
    assert "published when the pull request is merged" in result.stdout


def test_every_field_a_checker_reads_from_the_rules_is_in_the_maintainers_reference(monkeypatch):
    # Each reader names the fields it accepts (Reader.expect_only); a field missing from the reference is one a
    # maintainer meets only in an error message.
    from checkers import CHECKERS, content, rules

    accepted: set[tuple[str, str]] = set()
    expect_only = rules.Reader.expect_only

    def recording(self, *names):
        accepted.update((self.path, name) for name in names)
        return expect_only(self, *names)

    monkeypatch.setattr(rules.Reader, "expect_only", recording)
    for code in content.load(ROOT / "checkers" / "codes.json").values():
        for version in code.versions:
            for checker in CHECKERS.values():
                checker.read_rules(version)
    reference = (ROOT / "docs" / "maintainers" / "reference.md").read_text(encoding="utf-8")
    section = reference.split("### Every field, checker by checker", 1)[1].split("\n## ", 1)[0]
    assert {checker for checker, _ in accepted} >= {"donations", "nominations", "campaign", "complaint"}
    missing = sorted(f"{path}.{name}" for path, name in accepted
                     if f"`{name}`" not in section or f"**`{path.split('.')[0]}`**" not in section)
    assert not missing, f"fields the readers accept that the reference does not describe: {missing}"
