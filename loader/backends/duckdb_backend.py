"""DuckDB: ids in one round trip, rows in bulk through Arrow (never one INSERT per fact)."""
from __future__ import annotations

import itertools

import pyarrow as pa
from sqlalchemy import Sequence, Table
from sqlalchemy.engine import Connection

_names = itertools.count()


def next_ids(conn: Connection, sequence: Sequence, n: int) -> list[int]:
    if n == 0:
        return []
    rows = conn.exec_driver_sql(f"SELECT nextval('{sequence.name}') FROM range({int(n)})").fetchall()
    return [r[0] for r in rows]


def bulk_insert(conn: Connection, table: Table, columns: dict[str, list]) -> None:
    """Insert column lists (all the same length) into `table` in one statement."""
    if not columns or not next(iter(columns.values())):
        return
    batch = pa.table(columns)
    raw = conn.connection.driver_connection
    name = f"ogi_batch_{next(_names)}"
    raw.register(name, batch)
    try:
        column_list = ", ".join(f'"{c}"' for c in columns)
        conn.exec_driver_sql(f'INSERT INTO "{table.name}" ({column_list}) SELECT {column_list} FROM {name}')
    finally:
        raw.unregister(name)
