"""Every hand-checked value of the real corpus (web-page text copies and two real PDFs) through the
whole loader, scored per report by loader.evaluate: nothing wrong, nothing missing, nothing invented."""
from __future__ import annotations


import pytest

from conftest import CORPUS, ROOT, query, read_expected, summary_rows
from loader.evaluate import compare

SETS = {
    "text": (CORPUS / "reports", CORPUS / "expected.jsonl"),
    "pdf": (CORPUS / "pdf", CORPUS / "pdf" / "expected.jsonl"),
    "seeds": (ROOT / "data" / "samples", ROOT / "tests" / "seeds_expected.jsonl"),
}
CASES = [(name, label) for name, (_, expected) in SETS.items() for label in read_expected(expected)]


@pytest.fixture(scope="module")
def corpus_db(tmp_path_factory) -> str:
    from loader.pipeline import run_load

    db = str(tmp_path_factory.mktemp("corpus") / "w.duckdb")
    run_load([folder / label["file"] for name, (folder, _) in SETS.items()
              for label in read_expected(SETS[name][1])], db)
    return db


@pytest.fixture(scope="module")
def corpus_rows(corpus_db) -> dict[str, dict]:
    return summary_rows(corpus_db)


@pytest.mark.parametrize("name,label", CASES, ids=[label["file"] for _, label in CASES])
def test_report_matches_its_labels(corpus_rows, name, label):
    result = compare(corpus_rows, [label])
    assert result.missing_reports == []
    assert result.problems == []
    assert result.invented == 0


def test_d05_table4_recovered_from_run_together_digits(corpus_rows):
    row = corpus_rows["real_d05.txt"]
    assert (row["reviews_total"], row["lawsuits_total"], row["applications_granted"]) == (3, 12, 30)
    assert row["regulatory_docs_issued"] is None  # '693665' has ten readings; no identity picks one


def test_hongze_2023_table4_contradiction_is_a_finding(corpus_db):
    findings = query(corpus_db, "SELECT f.metric, f.expected, f.found FROM quality_findings f JOIN reports r "
                                "USING (report_id) WHERE r.source_path LIKE '%real_hongze_2023.pdf' "
                                "AND f.rule = 'table4_total' ORDER BY f.metric")
    assert findings == [("appeals.review.total", "0", "11"), ("appeals.suit_after_review.total", "0", "5")]
