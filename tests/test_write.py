"""The writer: the grain the fact tables no longer enforce with a key (migration 0003) holds after loads,
and a report's facts reach their tables with the ids and provenance the parser gave them."""
from __future__ import annotations

from pathlib import Path

from conftest import CORPUS, SAMPLES, query
from loader.pipeline import run_load

FACT_TABLES = ("disclosures", "applications", "appeals", "staffing", "spending")


def _duplicates(db: str) -> list[tuple]:
    bad = []
    for table in FACT_TABLES:
        bad += query(db, f"SELECT '{table}', report_id, metric, count(*) FROM {table} "
                         "GROUP BY report_id, metric HAVING count(*) > 1")
    return bad + query(db, "SELECT 'report_signatures', report_id, band, count(*) FROM report_signatures "
                           "GROUP BY report_id, band HAVING count(*) > 1")


def _later_version(tmp_path: Path) -> Path:
    """A folder holding a new version of sample 004: the same agency and year, one figure changed."""
    folder = tmp_path / "later"
    folder.mkdir()
    seed = (SAMPLES / "004_c6867b7eba30610a.txt").read_text(encoding="utf-8")
    (folder / "004_c6867b7eba30610a.txt").write_text(seed.replace("108", "109"), encoding="utf-8")
    return folder


def test_one_row_per_report_and_metric_after_loads_and_reloads(tmp_path):
    db = str(tmp_path / "w.duckdb")
    run_load([SAMPLES, CORPUS / "reports"], db)
    run_load([_later_version(tmp_path)], db)  # a new version of one report
    run_load([SAMPLES], db, reparse=True)  # every sample parsed again
    assert _duplicates(db) == []
    assert query(db, "SELECT count(*) FROM reports WHERE is_current") == [(5 + 16,)]


def test_facts_keep_their_report_agency_year_and_provenance(seeds_db):
    rows = query(seeds_db, "SELECT a.report_id = r.report_id, a.agency_id = r.agency_id, a.year, a.value, a.method, "
                           "a.raw_text, a.source_line, a.load_id = r.load_id FROM applications a JOIN reports r "
                           "USING (report_id) WHERE r.source_path LIKE '%004_c6867b7eba30610a.txt' "
                           "AND a.metric = 'applications.new_received.total'")
    assert rows == [(True, True, 2020, 1.0, "table", "1", 116, True)]  # line 116: the row's 总计 cell


def test_report_figures_hold_exactly_the_facts_of_their_metrics(tmp_path):
    """report_figures is derived: every column equals the fact it stands for, NULL where there is none."""
    from loader.figures import FIGURE_METRICS, figure_column

    db = str(tmp_path / "w.duckdb")
    run_load([SAMPLES, CORPUS / "reports"], db)
    facts = " UNION ALL ".join(f"SELECT report_id, metric, value FROM {t}" for t in FACT_TABLES)
    pivot = ", ".join(f"MAX(CASE WHEN metric = '{m}' THEN value END)" for m in FIGURE_METRICS)
    expected = query(db, f"SELECT r.report_id, {pivot} FROM reports r LEFT JOIN ({facts}) f USING (report_id) "
                         "GROUP BY r.report_id ORDER BY r.report_id")
    columns = ", ".join(figure_column(m) for m in FIGURE_METRICS)
    assert query(db, f"SELECT report_id, {columns} FROM report_figures ORDER BY report_id") == expected
    assert len(expected) == 21 and any(v is not None for row in expected for v in row[1:])


def test_content_seen_before_is_skipped_whoever_hashes_it(tmp_path):
    """New paths are hashed by their parsers, known ones by the loader: either way a copy of content loaded
    before, a second copy in the same load, and a file rejected before are skipped, not stored again."""
    first, second = tmp_path / "first", tmp_path / "second"
    first.mkdir()
    second.mkdir()
    seed = (SAMPLES / "001_386a32e61a8ab6dd.txt").read_bytes()
    (first / "a.txt").write_bytes(seed)
    (first / "empty.txt").write_bytes(b"")
    db = str(tmp_path / "w.duckdb")
    summary = run_load([first], db)
    assert (summary.counts.new, summary.counts.rejected) == (1, 1)
    (second / "b.txt").write_bytes(seed)  # a copy under a new name
    (second / "c.txt").write_bytes(seed)  # and another
    summary = run_load([first, second], db)
    assert (summary.counts.new, summary.counts.skipped, summary.counts.rejected) == (0, 4, 0)
    assert query(db, "SELECT count(*) FROM reports") == [(1,)]
    assert query(db, "SELECT count(*) FROM rejected_files") == [(1,)]


def test_small_batches_and_checkpoints_mid_load_store_the_same_warehouse(tmp_path, monkeypatch):
    """A load is written in batches, committed one by one and checkpointed every so many reports
    (loader.backends.duckdb_backend): cut into batches of two reports, with a checkpoint every third,
    the 21 reports and a later version of one of them (same agency and year, so a later batch must find
    its agency and retire the first version) give exactly the rows one batch gives."""
    import loader.backends.duckdb_backend as duckdb_backend
    import loader.write as write

    def tables(db: str) -> dict[str, list[tuple]]:
        out = {}
        for table in (*FACT_TABLES, "reports", "report_figures", "report_signatures", "quality_findings", "agencies"):
            columns = [c for (c,) in query(db, "SELECT column_name FROM duckdb_columns() WHERE table_name = ? "
                                               "AND column_name <> 'loaded_at' ORDER BY column_index", [table])]
            out[table] = query(db, f"SELECT {', '.join(columns)} FROM {table} ORDER BY ALL")
        return out

    later = _later_version(tmp_path)
    whole = str(tmp_path / "whole.duckdb")
    run_load([SAMPLES, CORPUS / "reports", later], whole)
    monkeypatch.setattr(write, "BATCH_REPORTS", 2)
    monkeypatch.setattr(duckdb_backend, "CHECKPOINT_REPORTS", 3)
    cut = str(tmp_path / "cut.duckdb")
    run_load([SAMPLES, CORPUS / "reports", later], cut)
    expected, got = tables(whole), tables(cut)
    assert len(expected["reports"]) == 22 and len(expected["agencies"]) == 21
    assert sum(not row[-1] for row in expected["reports"]) == 1  # is_current: the first version retired
    assert got == expected
