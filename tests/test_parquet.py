"""`ogi export --parquet DIR`: the warehouse as a Parquet lake partitioned by year, read back by DuckDB
and by pyarrow, with the same rows and values as the warehouse; a re-export replaces partitions whole.
(The same export from a PostgreSQL warehouse is compared with this one in test_postgres.py.)"""
from __future__ import annotations

import shutil
import subprocess
import sys
import threading
from datetime import date
from pathlib import Path

import duckdb
import pyarrow as pa
import pyarrow.dataset as ds
import pyarrow.parquet as pq
import pytest

from conftest import CORPUS, SAMPLES, query
from loader import parquet_export
from loader.parquet_export import NULL_PARTITION, export_parquet
from loader.pipeline import run_load
from loader.schema import FACT_TABLES

ROOT = Path(__file__).resolve().parent.parent
TABLES = (*FACT_TABLES, "reports", "agencies", "quality_findings", "report_summary")


@pytest.fixture(scope="module")
def warehouse(tmp_path_factory) -> str:
    db = str(tmp_path_factory.mktemp("lake_source") / "w.duckdb")
    run_load([SAMPLES, CORPUS / "reports"], db)
    return db


@pytest.fixture(scope="module")
def lake(warehouse, tmp_path_factory) -> tuple[Path, dict[str, int]]:
    out = tmp_path_factory.mktemp("lake") / "lake"
    result = subprocess.run([sys.executable, "-m", "loader.cli", "export", "--parquet", str(out), "--db", warehouse],
                            capture_output=True, text=True, cwd=ROOT, timeout=300)
    assert result.returncode == 0, result.stderr
    return out, export_parquet(warehouse, out)  # a second export over the first: the counts, same files


def _warehouse_count(db: str, table: str) -> int:
    if table == "agencies":  # one row per agency and year it reported
        return query(db, "SELECT count(*) FROM (SELECT DISTINCT a.agency_id, r.year FROM agencies AS a "
                         "JOIN reports AS r ON r.agency_id = a.agency_id) AS x")[0][0]
    return query(db, f"SELECT count(*) FROM {table}")[0][0]


def test_layout_is_hive_partitioned_by_year(warehouse, lake):
    out, counts = lake
    years = sorted(r[0] for r in query(warehouse, "SELECT DISTINCT year FROM reports"))
    assert sorted(p.name for p in out.iterdir()) == sorted(TABLES)  # no staging folder left behind
    for table in TABLES:
        assert sorted((out / table).iterdir()) == [out / table / f"year={y}" for y in years]
        for year in years:
            assert [p.name for p in (out / table / f"year={year}").iterdir()] == ["part-0.parquet"]
    assert (out / "applications" / "year=2022" / "part-0.parquet").is_file()
    assert counts == {t: _warehouse_count(warehouse, t) for t in TABLES}


def test_duckdb_reads_the_whole_lake_back(warehouse, lake):
    out, _ = lake
    rows = duckdb.sql(f"SELECT regexp_extract(filename, '([a-z_]+)/year=[^/]+/part-0.parquet$', 1) AS t, count(*), "
                      f"count(DISTINCT year) FROM read_parquet('{out}/*/*/*.parquet', hive_partitioning = true, "
                      f"union_by_name = true, filename = true) GROUP BY t").fetchall()
    years = query(warehouse, "SELECT count(DISTINCT year) FROM reports")[0][0]
    counts = {t: n for t, n, _ in rows}
    assert {t: counts.get(t, 0) for t in TABLES} == {t: _warehouse_count(warehouse, t) for t in TABLES}
    assert all(y <= years for _, _, y in rows)


@pytest.mark.parametrize("table", FACT_TABLES)
def test_fact_rows_and_values_are_the_warehouse_rows(warehouse, lake, table):
    out, _ = lake
    columns = "report_id, metric, agency_id, year, value, unit, source_line, method, raw_text, qualifier, approximate"
    exported = duckdb.sql(f"SELECT {columns} FROM read_parquet('{out}/{table}/*/*.parquet', hive_partitioning = true) "
                          "ORDER BY report_id, metric").fetchall()
    stored = query(warehouse, f"SELECT {columns} FROM {table} ORDER BY report_id, metric")
    assert exported == stored and stored


def test_sample_values(lake):
    out, _ = lake
    (row,) = duckdb.sql(
        f"SELECT d.value, d.method, d.year, r.title IS NOT NULL FROM read_parquet('{out}/disclosures/*/*.parquet', "
        f"hive_partitioning = true) AS d JOIN read_parquet('{out}/reports/*/*.parquet', hive_partitioning = true) AS r "
        "USING (report_id) WHERE r.source_path LIKE '%002_73501acf55f1a058.txt' "
        "AND d.metric = 'disclosures.proactive.items_total'").fetchall()
    assert row == (366.0, "repair", 2019, True)  # the seed whose 主动公开 total is repaired
    summary = {r["source_path"].rsplit("/", 1)[-1]: r for r in
               ds.dataset(out / "report_summary", partitioning="hive").to_table().to_pylist()}
    assert summary["002_73501acf55f1a058.txt"]["disclosed_total"] == 366.0
    assert summary["002_73501acf55f1a058.txt"]["year"] == 2019
    assert summary["004_c6867b7eba30610a.txt"]["agency"] == "曲江镇"
    assert isinstance(summary["004_c6867b7eba30610a.txt"]["published_on"], (date, type(None)))


def test_pyarrow_dataset_reads_it_with_stable_types(warehouse, lake):
    out, counts = lake
    expected = {
        "applications": {"report_id": pa.int32(), "metric": pa.string(), "agency_id": pa.int32(),
                         "value": pa.float64(), "unit": pa.string(), "source_line": pa.int32(),
                         "method": pa.string(), "raw_text": pa.string(), "qualifier": pa.string(),
                         "approximate": pa.bool_(), "load_id": pa.int32(), "year": pa.int32()},
        "reports": {"report_id": pa.int32(), "template_confidence": pa.float64(), "published_on": pa.date32(),
                    "loaded_at": pa.timestamp("us"), "is_current": pa.bool_(), "year": pa.int32()},
        "report_summary": {"report_id": pa.int32(), "published_on": pa.date32(), "disclosed_total": pa.float64(),
                           "fees_wan": pa.float64(), "findings": pa.int64(), "year": pa.int32()},
        "quality_findings": {"finding_id": pa.int32(), "rule": pa.string(), "year": pa.int32()},
    }
    for table in TABLES:
        dataset = ds.dataset(out / table, format="parquet", partitioning="hive")
        assert dataset.count_rows() == counts[table], table
        files = [pq.read_schema(f) for f in dataset.files]
        assert all(s == files[0] for s in files), f"{table}: column types differ between years"
        for column, kind in expected.get(table, {}).items():
            assert dataset.schema.field(column).type == kind, (table, column)
    by_year = ds.dataset(out / "reports", partitioning="hive").to_table(filter=ds.field("year") == 2019)
    assert by_year.num_rows == query(warehouse, "SELECT count(*) FROM reports WHERE year = 2019")[0][0]


def test_a_report_without_a_year_goes_to_the_null_partition(warehouse, tmp_path):
    db = tmp_path / "w.duckdb"
    shutil.copy(warehouse, db)
    con = duckdb.connect(str(db))
    con.execute("UPDATE reports SET year = NULL WHERE source_path LIKE '%002_73501acf55f1a058.txt'")
    con.close()
    out = tmp_path / "lake"
    export_parquet(str(db), out)
    assert (out / "reports" / f"year={NULL_PARTITION}" / "part-0.parquet").is_file()
    (row,) = duckdb.sql(f"SELECT year, count(*) FROM read_parquet('{out}/reports/*/*.parquet', hive_partitioning = true) "
                        "WHERE source_path LIKE '%002_73501acf55f1a058.txt' GROUP BY year").fetchall()
    assert row == (None, 1)
    assert not (out / "reports" / "year=2019" / "part-0.parquet").exists() or query(
        str(db), "SELECT count(*) FROM reports WHERE year = 2019")[0][0] > 0


def test_reexport_replaces_years_and_drops_years_that_are_gone(warehouse, tmp_path):
    db = tmp_path / "w.duckdb"
    shutil.copy(warehouse, db)
    out = tmp_path / "lake"
    export_parquet(str(db), out)
    con = duckdb.connect(str(db))
    con.execute("UPDATE reports SET year = 2030 WHERE year = 2011")  # 2011 disappears, 2030 appears
    con.execute("DELETE FROM quality_findings")
    con.close()
    counts = export_parquet(str(db), out)
    assert not (out / "reports" / "year=2011").exists() and (out / "reports" / "year=2030").is_dir()
    assert counts["quality_findings"] == 0
    assert ds.dataset(out / "quality_findings", partitioning="hive").count_rows() == 0
    assert sorted(p.name for p in out.iterdir()) == sorted(TABLES)


def test_a_failed_export_leaves_the_previous_lake_whole(warehouse, tmp_path, monkeypatch):
    out = tmp_path / "lake"
    before = export_parquet(warehouse, out)
    real = parquet_export._write_partition
    calls = []

    def failing(conn, dataset, year, staging):
        calls.append(dataset.name)
        if dataset.name == "reports":
            raise OSError(28, "No space left on device")
        return real(conn, dataset, year, staging)

    monkeypatch.setattr(parquet_export, "_write_partition", failing)
    with pytest.raises(OSError):
        export_parquet(warehouse, out)
    assert "reports" in calls
    assert {t: ds.dataset(out / t, partitioning="hive").count_rows() for t in TABLES} == before
    assert sorted(p.name for p in out.iterdir()) == sorted(TABLES)  # the staging folder is gone


def test_readers_never_see_a_partition_missing_during_a_reexport(warehouse, tmp_path):
    out = tmp_path / "lake"
    counts = export_parquet(warehouse, out)
    done, seen, errors = threading.Event(), [], []

    def read() -> None:
        while not done.is_set() and len(seen) < 2000:
            try:
                seen.append(duckdb.sql(f"SELECT count(*) FROM read_parquet('{out}/applications/*/*.parquet')")
                            .fetchall()[0][0])
            except Exception as exc:  # noqa: BLE001 - any failure to read is what this test looks for
                errors.append(exc)

    reader = threading.Thread(target=read)
    reader.start()
    try:
        for _ in range(3):
            export_parquet(warehouse, out)
    finally:
        done.set()
        reader.join(60)
    assert not errors and seen and set(seen) == {counts["applications"]}


def test_export_needs_a_warehouse_and_no_query(tmp_path):
    def ogi(*args):
        return subprocess.run([sys.executable, "-m", "loader.cli", *args], capture_output=True, text=True,
                              cwd=ROOT, timeout=120)

    missing = ogi("export", "--parquet", str(tmp_path / "lake"), "--db", str(tmp_path / "none.duckdb"))
    assert missing.returncode == 1 and "no warehouse at" in missing.stderr
    both = ogi("export", "report_summary", "--parquet", str(tmp_path / "lake"), "--db", str(tmp_path / "x.duckdb"))
    assert both.returncode == 2 and "--parquet" in both.stderr
