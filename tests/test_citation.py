"""The one address type: citations parse and format both ways, and give the pages' and data's addresses."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from checkers.citation import Citation


@pytest.mark.parametrize("text, parts, url", [
    ("nec-candidates", ("nec-candidates", None, None), "codes/nec-candidates/"),
    ("nec-candidates@original", ("nec-candidates", "original", None), "codes/nec-candidates/original/"),
    ("nec-candidates#12", ("nec-candidates", None, "12"), "codes/nec-candidates/#12"),
    ("momentum-ncg-elections@2022#code-of-conduct-3", ("momentum-ncg-elections", "2022", "code-of-conduct-3"),
     "codes/momentum-ncg-elections/2022/#code-of-conduct-3"),
])
def test_a_citation_reads_and_writes_the_same_and_addresses_its_page(text, parts, url):
    cited = Citation.parse(text)
    assert (cited.code, cited.version, cited.clause) == parts
    assert str(cited) == text and cited.url == url


def test_a_version_has_its_data_its_page_source_and_a_name_for_the_feed():
    cited = Citation("nec-candidates", "original")
    assert cited.json_url == "codes/nec-candidates/original.json"
    assert cited.page_source == "codes/nec-candidates/original/index.md"
    assert Citation("nec-candidates").page_source == "codes/nec-candidates/index.md"
    assert cited.at("12").urn == cited.urn == "urn:codes-of-conduct:nec-candidates@original"


@pytest.mark.parametrize("text", ["", "NEC", "nec@", "nec@#12", "nec#", "nec@1#a b", "@1#2"])
def test_what_is_not_a_citation_is_refused_with_a_reason(text):
    with pytest.raises(ValueError, match=repr(text)):
        Citation.parse(text)


ids = st.from_regex(r"[a-z0-9]{1,5}(-[a-z0-9]{1,5}){0,2}", fullmatch=True)


@given(ids, st.none() | st.from_regex(r"[a-z0-9]{1,4}([.-][a-z0-9]{1,4}){0,2}", fullmatch=True), st.none() | ids)
def test_every_citation_survives_writing_and_reading(code, version, clause):
    cited = Citation(code, version, clause)
    assert Citation.parse(str(cited)) == cited
