"""The alembic implementation for the duckdb dialect, which alembic does not ship.

Imported by loader.migrate when it runs alembic and by migrations/env.py, not by loader.db: a load whose
schema is already the newest never imports alembic (a fifth of a nightly no-op's time went to it).
"""
from __future__ import annotations

from alembic.ddl.impl import DefaultImpl


class DuckDBImpl(DefaultImpl):
    """Alembic needs one implementation per dialect; DuckDB's DDL is PostgreSQL-like and transactional."""

    __dialect__ = "duckdb"
    transactional_ddl = True
