"""Engines and the database location: a plain path is an embedded DuckDB file, a URL is a server.

Also registers the alembic implementation for the duckdb dialect, which alembic does not ship.
"""
from __future__ import annotations

import os
from pathlib import Path

from alembic.ddl.impl import DefaultImpl
from sqlalchemy import create_engine
from sqlalchemy.engine import Engine

DEFAULT_DB = "data/warehouse.duckdb"


class DuckDBImpl(DefaultImpl):
    """Alembic needs one implementation per dialect; DuckDB's DDL is PostgreSQL-like and transactional."""

    __dialect__ = "duckdb"
    transactional_ddl = True


def resolve_db(db: str | None) -> str:
    """--db, else OGI_DB, else the default file under data/."""
    return db or os.environ.get("OGI_DB") or DEFAULT_DB


def database_url(db: str) -> str:
    if "://" in db:
        return db
    path = Path(db).expanduser()
    path.parent.mkdir(parents=True, exist_ok=True)
    return f"duckdb:///{path}"


def make_engine(db: str, read_only: bool = False) -> Engine:
    url = database_url(db)
    kwargs = {}
    if url.startswith("duckdb") and read_only:
        kwargs["connect_args"] = {"read_only": True}
    return create_engine(url, **kwargs)
