"""Published means fixed: for the same content, the pages' anchors, the JSON and the feed stay as they were.

The fixture code's output is kept in tests/fixtures/published/. A change to it must be meant: run
`UPDATE_PUBLISHED=1 pytest tests/test_published_output.py` and say why in the commit.
"""

import json
import os
from pathlib import Path

import pytest

from sitebuild import audit

EXPECTED = Path(__file__).parent / "fixtures" / "published"


def published(site: Path) -> dict[str, str]:
    """Every data file, and every code page's anchors, as text."""
    found = {}
    for path in sorted(site.glob("codes/**/*.json")) + [site / "feed.xml"]:
        found[path.relative_to(site).as_posix()] = path.read_text(encoding="utf-8")
    for path in sorted(site.glob("codes/**/index.html")):
        # The theme's own ids ("__drawer", "__toc") are its business.
        anchors = sorted(i for i in audit.read(path).ids if not i.startswith("__"))
        found[path.relative_to(site).as_posix() + ".anchors.json"] = json.dumps(anchors, indent=1) + "\n"
    return found


def test_the_fixture_codes_publish_the_same_anchors_json_and_feed(fixture_site):
    actual = published(fixture_site)
    if os.environ.get("UPDATE_PUBLISHED"):
        for name, text in actual.items():
            target = EXPECTED / name
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(text, encoding="utf-8")
        pytest.skip("tests/fixtures/published/ written anew")
    expected = {path.relative_to(EXPECTED).as_posix(): path.read_text(encoding="utf-8")
                for path in EXPECTED.rglob("*") if path.is_file()}
    assert sorted(actual) == sorted(expected)
    for name in expected:
        assert actual[name] == expected[name], name


def test_a_code_page_names_its_facts_and_its_history_as_before(fixture_site):
    page = (fixture_site / "codes" / "fixture-candidates" / "index.html").read_text(encoding="utf-8")
    assert "<dt>Version</dt>" in page and "<th>Version</th>" in page and "CodeVersion" not in page
