"""Backend-specific bulk operations behind one small interface; everything else is portable SQLAlchemy.

A backend module provides `next_ids(conn, sequence, n)`, `bulk_insert(conn, table, columns)`,
`start_load(conn)`, run when a load's connection opens, `batch_written(conn, reports_before, reports_after)`,
run after each batch, `before_commit(conn)`, run in a load's transaction once its reports are written,
and `after_load(conn)`, run once a load has committed.
DuckDB is the embedded default; PostgreSQL (postgres_backend) the server.
"""
from __future__ import annotations

from types import ModuleType

from sqlalchemy.engine import Connection


def backend_for(conn: Connection) -> ModuleType:
    name = conn.dialect.name
    if name == "duckdb":
        from loader.backends import duckdb_backend

        return duckdb_backend
    if name == "postgresql":
        from loader.backends import postgres_backend

        return postgres_backend
    raise NotImplementedError(f"no bulk writer for the {name} dialect yet")
