"""The warehouse as a Parquet lake: every fact table, reports, agencies, quality_findings and
report_summary, hive-partitioned by report year.

    DIR/applications/year=2022/part-0.parquet
    DIR/report_summary/year=2022/part-0.parquet
    DIR/reports/year=__HIVE_DEFAULT_PARTITION__/part-0.parquet     (reports whose year is unknown)

Read it with DuckDB (`read_parquet('DIR/applications/*/*.parquet', hive_partitioning=true)`), pyarrow
(`pyarrow.dataset.dataset('DIR/applications', partitioning='hive')`), Spark or pandas. `year` lives in
the folder name, not in the files. quality_findings carry the year of their report. agencies has no
year of its own: agencies/year=Y holds the agencies that have a report for year Y, so each partition
is complete by itself (read all years and an agency appears once per year it reported).

Column types are fixed here, not taken from the query, so they do not change between years, exports or
backends (DuckDB or PostgreSQL): INTEGER → int32, BIGINT → int64, every number with a fraction → float64
(the warehouse's 4-byte values widen exactly), text → string, DATE → date32, TIMESTAMP → timestamp[us].
Every export writes every year of every table, an empty file where a year has no rows.

A re-export replaces a year's partition atomically: the year is written into a staging folder inside
DIR (never matched by DIR/*/*/*.parquet), then swapped in with one rename, so a reader sees the old
partition or the new one, never half of each. Years no longer in the warehouse are removed.
"""
from __future__ import annotations

import ctypes
import ctypes.util
import os
import re
import shutil
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
from sqlalchemy import BigInteger, Boolean, Date, DateTime, Float, Integer, String, Table, text
from sqlalchemy.engine import Connection
from sqlalchemy.exc import DBAPIError

from loader.db import display_db, make_engine
from loader.errors import OgiError
from loader.schema import FACT_TABLE_BY_NAME, agencies, grain, quality_findings, reports

NULL_PARTITION = "__HIVE_DEFAULT_PARTITION__"  # what hive, Spark, pyarrow and DuckDB read as NULL
_PARTITION = re.compile(r"^year=(\d+|__HIVE_DEFAULT_PARTITION__)$")
_BATCH = 50_000

# Every figure of report_summary is a float64 and its counts int64; its other columns are these.
_SUMMARY_TYPES = {"report_id": pa.int32(), "agency_id": pa.int32(), "published_on": pa.date32(),
                  "findings": pa.int64(), "agency": pa.string(), "province": pa.string(), "city": pa.string(),
                  "county": pa.string(), "template": pa.string(), "source_path": pa.string()}


@dataclass(frozen=True)
class Dataset:
    name: str
    schema: pa.Schema
    sql: str    # selects the partition's year as partition_year first, then the columns of `schema`
    order: str  # a key that orders the rows of a partition


def _arrow_type(column) -> pa.DataType:
    kind = column.type
    if isinstance(kind, BigInteger):
        return pa.int64()
    if isinstance(kind, Integer):
        return pa.int32()
    if isinstance(kind, Float):
        return pa.float64()
    if isinstance(kind, Boolean):
        return pa.bool_()
    if isinstance(kind, DateTime):
        return pa.timestamp("us")
    if isinstance(kind, Date):
        return pa.date32()
    if isinstance(kind, String):
        return pa.string()
    raise TypeError(f"{column.table.name}.{column.name}: no Parquet type for {kind!r}")


def _schema(table: Table) -> pa.Schema:
    return pa.schema([pa.field(c.name, _arrow_type(c)) for c in table.columns if c.name != "year"])


def _columns(schema: pa.Schema, alias: str) -> str:
    return ", ".join(f'{alias}."{name}"' for name in schema.names)


def datasets(conn: Connection) -> list[Dataset]:
    """What is exported, in order; report_summary's columns are read from the view itself."""
    found = []
    for table in (*FACT_TABLE_BY_NAME.values(), reports):
        schema = _schema(table)
        keys = ", ".join(f'"{name}"' for name in grain(table))
        found.append(Dataset(table.name, schema, f'SELECT t.year AS partition_year, {_columns(schema, "t")} '
                                                 f'FROM "{table.name}" AS t', keys))
    schema = _schema(agencies)
    found.append(Dataset("agencies", schema, f"SELECT DISTINCT r.year AS partition_year, {_columns(schema, 'a')} "
                                             "FROM agencies AS a JOIN reports AS r ON r.agency_id = a.agency_id",
                         "agency_id"))
    schema = _schema(quality_findings)
    found.append(Dataset("quality_findings", schema, f"SELECT r.year AS partition_year, {_columns(schema, 'f')} "
                                                     "FROM quality_findings AS f "
                                                     "LEFT JOIN reports AS r ON r.report_id = f.report_id",
                         "finding_id"))
    names = [n for n in conn.execute(text("SELECT * FROM report_summary WHERE 1 = 0")).keys() if n != "year"]
    schema = pa.schema([pa.field(n, _SUMMARY_TYPES.get(n, pa.float64())) for n in names])
    found.append(Dataset("report_summary", schema, f"SELECT s.year AS partition_year, {_columns(schema, 's')} "
                                                   "FROM report_summary AS s", "report_id"))
    return found


def partition_name(year: int | None) -> str:
    return f"year={NULL_PARTITION if year is None else int(year)}"


def export_parquet(db: str, out_dir: str | Path) -> dict[str, int]:
    """Write the lake to `out_dir`; returns the number of rows written per table."""
    if "://" not in db and not Path(db).exists():
        raise OgiError(f"no warehouse at {db}", "load reports first: ogi load data/samples")
    out = Path(out_dir)
    try:
        out.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise OgiError(f"cannot create {out}: {exc.strerror or exc}", "pick a folder you can write to") from exc
    staging = out / f".ogi-staging-{os.getpid()}"
    shutil.rmtree(staging, ignore_errors=True)
    counts: dict[str, int] = {}
    engine = make_engine(db, read_only=True)
    try:
        with engine.connect() as conn:
            years = [r[0] for r in conn.execute(text("SELECT DISTINCT year FROM reports"))]
            years.sort(key=lambda y: (y is None, y or 0))
            for dataset in datasets(conn):
                counts[dataset.name] = 0
                for year in years:
                    written, rows = _write_partition(conn, dataset, year, staging)
                    _swap_in(written, out / dataset.name / partition_name(year))
                    counts[dataset.name] += rows
                _remove_other_years(out / dataset.name, {partition_name(y) for y in years})
    except DBAPIError as exc:
        raise OgiError(f"cannot read the warehouse at {display_db(db)}: {str(exc.orig).splitlines()[0]}",
                       "load reports first (ogi load), or bring the schema up to date: ogi db upgrade") from exc
    finally:
        engine.dispose()
        shutil.rmtree(staging, ignore_errors=True)
    return counts


def _rows(conn: Connection, dataset: Dataset, year: int | None) -> Iterator[list[tuple]]:
    where, params = ("partition_year IS NULL", {}) if year is None else ("partition_year = :year", {"year": year})
    result = conn.execute(text(f"SELECT * FROM ({dataset.sql}) AS q WHERE {where} ORDER BY {dataset.order}"),
                          params)
    while batch := result.fetchmany(_BATCH):
        yield batch


def _write_partition(conn: Connection, dataset: Dataset, year: int | None, staging: Path) -> tuple[Path, int]:
    """One year of one table as staging/NAME/year=Y/part-0.parquet; returns the folder and its row count."""
    folder = staging / dataset.name / partition_name(year)
    folder.mkdir(parents=True)
    rows = 0
    with pq.ParquetWriter(folder / "part-0.parquet", dataset.schema) as writer:
        for batch in _rows(conn, dataset, year):
            columns = list(zip(*batch))[1:]  # the first column is the partition's year
            writer.write_table(pa.Table.from_arrays(
                [pa.array(_plain(values, field.type), type=field.type)
                 for values, field in zip(columns, dataset.schema)], schema=dataset.schema))
            rows += len(batch)
        if not rows:
            writer.write_table(dataset.schema.empty_table())
    return folder, rows


def _plain(values: tuple, kind: pa.DataType) -> list:
    """Decimal (PostgreSQL's numeric) → float where the column is a float."""
    if pa.types.is_floating(kind):
        return [None if v is None else float(v) for v in values]
    return list(values)


_RENAME_EXCHANGE = 2
_libc = None


def _exchange(a: Path, b: Path) -> bool:
    """Swap two folders in one atomic step (Linux renameat2); False where that is not available."""
    global _libc
    try:
        _libc = _libc or ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6", use_errno=True)
        renameat2 = _libc.renameat2
    except (OSError, AttributeError):
        return False
    at_fdcwd = -100
    return renameat2(at_fdcwd, os.fsencode(a), at_fdcwd, os.fsencode(b), _RENAME_EXCHANGE) == 0


def _swap_in(new: Path, target: Path) -> None:
    """Make `new` the partition at `target`; the old partition, if any, goes away after."""
    target.parent.mkdir(parents=True, exist_ok=True)
    if not target.exists():
        os.rename(new, target)
        return
    if not _exchange(new, target):  # no atomic swap here: move the old one aside, then rename
        aside = new.with_name(new.name + ".old")
        os.rename(target, aside)
        os.rename(new, target)
        new = aside
    shutil.rmtree(new)


def _remove_other_years(folder: Path, keep: set[str]) -> None:
    for child in folder.iterdir() if folder.is_dir() else ():
        if child.is_dir() and _PARTITION.match(child.name) and child.name not in keep:
            shutil.rmtree(child)
