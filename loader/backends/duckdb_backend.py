"""DuckDB: ids in one round trip, rows in bulk through Arrow (never one INSERT per fact)."""
from __future__ import annotations

import itertools

import pyarrow as pa
from sqlalchemy import BigInteger, Boolean, Date, DateTime, Double, Integer, Sequence, String, Table
from sqlalchemy.engine import Connection

_names = itertools.count()


def next_ids(conn: Connection, sequence: Sequence, n: int) -> list[int]:
    if n == 0:
        return []
    rows = conn.exec_driver_sql(f"SELECT nextval('{sequence.name}') FROM range({int(n)})").fetchall()
    return [r[0] for r in rows]


_ARROW_TYPES = ((BigInteger, pa.int64()), (Integer, pa.int64()), (Double, pa.float64()), (Boolean, pa.bool_()),
                (DateTime, pa.timestamp("us")), (Date, pa.date32()), (String, pa.string()))


def _arrow_type(column) -> pa.DataType:
    """The Arrow type of a column, given rather than inferred from the values (faster, and a column of
    NULLs keeps its type)."""
    return next(arrow for sql_type, arrow in _ARROW_TYPES if isinstance(column.type, sql_type))


def bulk_insert(conn: Connection, table: Table, columns: dict[str, list]) -> None:
    """Insert column lists (all the same length) into `table` in one statement."""
    if not columns or not next(iter(columns.values())):
        return
    batch = pa.table({name: pa.array(values, type=_arrow_type(table.c[name])) for name, values in columns.items()})
    raw = conn.connection.driver_connection
    name = f"ogi_batch_{next(_names)}"
    raw.register(name, batch)
    try:
        column_list = ", ".join(f'"{c}"' for c in columns)
        conn.exec_driver_sql(f'INSERT INTO "{table.name}" ({column_list}) SELECT {column_list} FROM {name}')
    finally:
        raw.unregister(name)


CHECKPOINT_REPORTS = 5000  # reports between checkpoints of a load: bounds its uncheckpointed data (memory)


LOAD_MEMORY_LIMIT = "64MB"  # DuckDB's own memory while loading; it evicts or spills beyond it


def start_load(conn: Connection) -> None:
    """One thread: the parse workers already take every core, and a second DuckDB thread only competes.
    No automatic checkpoint at every commit (the default fires once the WAL holds 16 MB, about every
    other batch): each one compresses again the row groups a batch has only partly filled, and that
    repeated work grew with the warehouse (batch_written checkpoints instead). A memory limit: by default
    DuckDB keeps every block the load has written cached (about 1 MB a thousand reports, 92 MB at 100,000),
    so the loading process grew with the warehouse; capped at 128 MB, it peaked at 342 MB instead of 433 MB
    on 100,000 reports, and at 64 MB at 315 MB instead of 369 MB, for the same CPU (alternating cold loads
    of 10,000: 47.2/47.8 and 49.7/49.2 CPU-s). At 32 MB it took 1 CPU-s more at 10,000 reports."""
    conn.exec_driver_sql("SET threads = 1")
    conn.exec_driver_sql("SET checkpoint_threshold = '1GB'")
    conn.exec_driver_sql(f"SET memory_limit = '{LOAD_MEMORY_LIMIT}'")  # a constant of ours, not data


def batch_written(conn: Connection, reports_before: int, reports_after: int) -> None:
    """Commit each batch (the staged file is private to the load: see loader.write.LoadWriter), and
    checkpoint every CHECKPOINT_REPORTS reports, which bounds what DuckDB holds in memory."""
    conn.commit()
    if reports_after // CHECKPOINT_REPORTS > reports_before // CHECKPOINT_REPORTS:
        conn.exec_driver_sql("CHECKPOINT")


def before_commit(conn: Connection) -> None:
    """Nothing: every DuckDB view is computed when read."""


def after_load(conn: Connection) -> None:
    """Write the load into the file itself (the staged copy is renamed over the live one next)."""
    conn.exec_driver_sql("CHECKPOINT")
