"""Parsing in worker processes stores exactly what parsing in the loading process stores: on a new
warehouse (whose workers start before its schema is made) and on a later load of changed files."""
from __future__ import annotations

import shutil

from conftest import CORPUS, SAMPLES, query, summary_rows

import loader.pipeline as pipeline

FACTS = ("SELECT r.source_path, f.metric, f.value, f.source_line, f.method FROM reports r "
         "JOIN {table} f USING (report_id) ORDER BY 1, 2")
OUTCOME = "SELECT source_path, reason FROM rejected_files ORDER BY 1"


def _stored(db: str) -> dict[str, list[tuple]]:
    tables = ("disclosures", "applications", "appeals", "staffing", "spending")
    stored = {table: query(db, FACTS.format(table=table)) for table in tables}
    stored["rejected"] = query(db, OUTCOME)
    stored["summary"] = sorted((name, sorted((k, v) for k, v in row.items() if k != "source_path"))
                               for name, row in summary_rows(db).items())
    return stored


def _folder(tmp_path):
    folder = tmp_path / "in"
    shutil.copytree(SAMPLES, folder / "samples")
    shutil.copytree(CORPUS / "reports", folder / "corpus")
    (folder / "empty.txt").write_bytes(b"")  # rejected in a worker as in the loader
    return folder


def _load_twice(tmp_path, name, parallel_from, monkeypatch):
    """A cold load, then a reload after one report changed."""
    monkeypatch.setattr(pipeline, "PARALLEL_FROM", parallel_from)
    folder, db = _folder(tmp_path / name), str(tmp_path / name / "w.duckdb")
    first = pipeline.run_load([folder], db).counts
    report = folder / "samples" / "002_73501acf55f1a058.txt"
    report.write_text(report.read_text(encoding="utf-8").replace("366条", "367条"), encoding="utf-8")
    second = pipeline.run_load([folder], db).counts
    return first, second, db


def _relative(rows: list[tuple], folder) -> list[tuple]:
    """Rows with the load's own folder cut out of the paths they name."""
    return [tuple(v.replace(str(folder), "") if isinstance(v, str) else v for v in row) for row in rows]


def test_workers_store_what_one_process_stores(tmp_path, monkeypatch):
    one_first, one_second, one_db = _load_twice(tmp_path, "one", 10**9, monkeypatch)
    pool_first, pool_second, pool_db = _load_twice(tmp_path, "pool", 1, monkeypatch)
    assert (pool_first.new, pool_first.rejected) == (one_first.new, one_first.rejected) == (21, 1)
    assert (pool_second.changed, pool_second.skipped) == (one_second.changed, one_second.skipped) == (1, 21)
    one, pooled = _stored(one_db), _stored(pool_db)
    for key in one:
        assert _relative(pooled[key], tmp_path / "pool") == _relative(one[key], tmp_path / "one"), key
    assert len(one["summary"]) == 21 and len(one["disclosures"]) > 21 and one["rejected"][0][1] == "empty"
