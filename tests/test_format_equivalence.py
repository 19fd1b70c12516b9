"""The same report as text, HTML and DOCX yields exactly the same facts and metadata (issue: read
reports the way they are published). The HTML and DOCX files were rendered from the text reports by
tests/fixtures/formats/make_fixtures.py (python-docx, HTML with real page furniture)."""
from __future__ import annotations

from pathlib import Path

import pytest

from conftest import CORPUS, SAMPLES
from loader.extract import extract_document
from loader.read import read_document

FORMATS = Path(__file__).parent / "fixtures" / "formats"
SOURCES = {"004": SAMPLES / "004_c6867b7eba30610a.txt", "b06": CORPUS / "reports" / "real_b06.txt"}


def _facts(path: Path) -> tuple[dict, tuple]:
    extraction = extract_document(read_document(path))
    meta = extraction.meta
    facts = {m: (f.value, f.qualifier) for m, f in extraction.facts.items()}
    return facts, (extraction.template, meta.agency, meta.year, sorted(f.rule for f in extraction.findings))


@pytest.mark.parametrize("name", sorted(SOURCES))
@pytest.mark.parametrize("suffix", ["html", "docx"])
def test_format_yields_the_text_versions_facts(name, suffix):
    text_facts, text_meta = _facts(SOURCES[name])
    other_facts, other_meta = _facts(FORMATS / f"report_{name}.{suffix}")
    assert other_facts == text_facts
    assert other_meta == text_meta


def test_html_page_date_is_the_publication_date():
    extraction = extract_document(read_document(FORMATS / "report_b06.html"))
    assert str(extraction.meta.published_on) == "2021-01-29"


@pytest.mark.parametrize("content,reason", [(b"PK\x03\x04not really a zip", "not_a_docx"),
                                            (b"just some text", "not_a_docx")])
def test_broken_docx_is_rejected_with_a_reason(tmp_path, content, reason):
    from loader.errors import RejectedFile

    path = tmp_path / "report.docx"
    path.write_bytes(content)
    with pytest.raises(RejectedFile) as caught:
        read_document(path)
    assert caught.value.reason == reason
