"""The foundation's acceptance: the five seed reports, every labelled value exactly, and the findings
the issue names. Expected values were read off the reports by a person (tests/seeds_expected.jsonl)."""
from __future__ import annotations


import pytest

from conftest import ROOT, query, read_expected, summary_rows

EXPECTED = read_expected(ROOT / "tests" / "seeds_expected.jsonl")
FIGURES = ["disclosed_total", "applications_new", "applications_carried", "applications_granted",
           "reviews_total", "lawsuits_total", "staff_fulltime", "staff_parttime", "funds_wan", "fees_wan",
           "regulatory_docs_issued"]
TEMPLATES = {"000_0b8b3fc5409a06cf.txt": "old_table", "001_386a32e61a8ab6dd.txt": "narrative",
             "002_73501acf55f1a058.txt": "old_table", "003_0771e97be29a5800.txt": "narrative",
             "004_c6867b7eba30610a.txt": "national_2019"}


@pytest.mark.parametrize("expected", EXPECTED, ids=[e["file"] for e in EXPECTED])
def test_seed_summary_values(seeds_db, expected):
    row = summary_rows(seeds_db)[expected["file"]]
    assert row["agency"] == expected["agency"]
    assert row["year"] == expected["year"]
    assert row["template"] == TEMPLATES[expected["file"]]
    for field in FIGURES:  # a figure the label leaves out must be NULL: the report does not state it
        assert row[field] == expected.get(field), field
    for field in ("province", "city", "county"):
        if field in expected:
            assert row[field] == expected[field]
    if "published_on" in expected:
        assert str(row["published_on"]) == expected["published_on"]


def _rules(db: str, file: str) -> list[tuple]:
    return query(db, "SELECT f.rule, f.expected, f.found FROM quality_findings f JOIN reports r USING (report_id) "
                     "WHERE r.source_path LIKE ? ORDER BY f.rule", (f"%{file}",))


def test_seed_000_findings(seeds_db):
    rules = _rules(seeds_db, "000_0b8b3fc5409a06cf.txt")
    assert ("prose_table_conflict", "56", "42") in rules
    assert ("channels_vs_total", "56", "0") in rules
    assert any(rule == "year_slip" and found == "2017" for rule, _, found in rules)


def test_seed_004_table3_outcomes_finding(seeds_db):
    rules = _rules(seeds_db, "004_c6867b7eba30610a.txt")
    assert any(rule == "table3_outcomes_vs_total" and "total: 1 vs 0" in found for rule, _, found in rules)


def test_seed_002_section_value_repaired(seeds_db):
    rows = query(seeds_db, "SELECT d.value, d.method, d.raw_text FROM disclosures d JOIN reports r USING (report_id) "
                           "WHERE r.source_path LIKE '%002_73501acf55f1a058.txt' "
                           "AND d.metric = 'disclosures.proactive.items_total'")
    assert rows == [(366.0, "repair", "366")]
    assert ("repair_shifted_row", "366", "0") in _rules(seeds_db, "002_73501acf55f1a058.txt")


def test_seed_001_category_stored_approximate(seeds_db):
    rows = query(seeds_db, "SELECT d.metric, d.value, d.approximate FROM disclosures d JOIN reports r USING "
                           "(report_id) WHERE r.source_path LIKE '%001_386a32e61a8ab6dd.txt'")
    assert ("disclosures.category.work_updates", 180.0, True) in rows
    assert not any(metric == "disclosures.proactive.items_total" for metric, _, _ in rows)


def test_every_fact_has_provenance(seeds_db):
    missing = query(seeds_db, """
        SELECT metric FROM (SELECT * FROM disclosures UNION ALL SELECT * FROM applications UNION ALL
                            SELECT * FROM appeals UNION ALL SELECT * FROM staffing UNION ALL SELECT * FROM spending)
        WHERE source_line IS NULL OR raw_text IS NULL OR method NOT IN ('table', 'prose', 'repair')""")
    assert missing == []


def test_national_2019_tables_stored_cell_by_cell(seeds_db):
    counts = query(seeds_db, """
        SELECT split_part(metric, '.', 1), count(*) FROM (SELECT metric, report_id FROM disclosures
            UNION ALL SELECT metric, report_id FROM applications UNION ALL SELECT metric, report_id FROM appeals)
        JOIN reports r USING (report_id) WHERE r.source_path LIKE '%004_c6867b7eba30610a.txt'
          AND (metric NOT LIKE 'disclosures.%' OR metric SIMILAR TO 'disclosures\\.(rules|normative_docs|admin|other|gov).*')
        GROUP BY 1 ORDER BY 1""")
    assert counts == [("appeals", 15), ("applications", 161), ("disclosures", 22)]


def test_loading_twice_changes_nothing(tmp_path):
    from loader.pipeline import run_load

    db = str(tmp_path / "w.duckdb")
    run_load([ROOT / "data" / "samples"], db)
    tables = ["agencies", "reports", "disclosures", "applications", "appeals", "staffing", "spending",
              "quality_findings", "rejected_files"]
    before = {t: sorted(map(str, query(db, f"SELECT * FROM {t}"))) for t in tables}
    second = run_load([ROOT / "data" / "samples"], db)
    after = {t: sorted(map(str, query(db, f"SELECT * FROM {t}"))) for t in tables}
    assert second.counts.skipped == 5 and second.counts.new == 0
    assert after == before
