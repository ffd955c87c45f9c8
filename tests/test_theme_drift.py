"""What the site copies or rewrites of Material for MkDocs, pinned to the Material it was written against, so that
an upgrade that changes any of it fails here, naming what to compare, rather than drifting unseen.

- overrides/assets/md-scope.js and md-palette.js are Material's inline start-up and palette scripts as files,
  so that the Content-Security-Policy can forbid inline scripts. Hashes in the CSP instead would have to be
  taken from each page as Material renders it (its scope script embeds the page's depth), then written back
  into every page's policy: a second rewrite of its HTML, where the files keep the policy one constant.
- overrides/partials/javascripts/content.html drops the inline script for tabbed content, which the site has not.
- build_site.fix_theme_html rewrites what base.html, search.html and toc.html write that HTML or accessibility
  rules refuse; the two checkboxes are outside any block of base.html, so only a copy of the whole of base.html
  could override them, and that copy would drift further than a rewrite that fails loudly (test_site_build).
"""

import hashlib
from pathlib import Path

import material
import pytest

TEMPLATES = Path(material.__file__).parent / "templates"
# sha256 (first 16 hex digits) of each file as in mkdocs-material 9.8.2.
PINNED = {
    "partials/javascripts/base.html": "d6113712bc4deb30",
    "partials/javascripts/palette.html": "8790389765ea6036",
    "partials/javascripts/content.html": "3722e156f0f6339d",
    "partials/search.html": "bfd556535abcddb9",
    "partials/toc.html": "fde48f583563364b",
}


@pytest.mark.parametrize("name", sorted(PINNED))
def test_what_the_site_copies_or_rewrites_of_material_is_as_it_was_written_against(name):
    digest = hashlib.sha256((TEMPLATES / name).read_bytes()).hexdigest()[:16]
    assert digest == PINNED[name], (
        f"Material's {name} has changed: compare it with what the site copies or rewrites of it (see this file's "
        "docstring), update the copy, then the hash here.")


def test_material_still_writes_the_two_checkboxes_the_build_rewrites():
    assert (TEMPLATES / "base.html").read_text().count('type="checkbox"') >= 2
