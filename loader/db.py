"""Engines and the database location: a plain path is an embedded DuckDB file, a URL is a server.

A server is PostgreSQL: `postgresql+psycopg://user@host:port/dbname` (`postgresql://` is taken to
mean the same). Its password comes from the URL, PGPASSWORD or ~/.pgpass (libpq reads the last two
itself) and is never shown: print `display_db(db)`, never the URL, and pass server messages through
`redact`. Also registers the alembic implementation for the duckdb dialect, which alembic does not ship.
"""
from __future__ import annotations

import os
import re
from pathlib import Path
from urllib.parse import quote, quote_plus

from alembic.ddl.impl import DefaultImpl
from sqlalchemy import create_engine
from sqlalchemy.engine import Engine, make_url
from sqlalchemy.exc import ArgumentError

from loader.errors import OgiError

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
        scheme, rest = db.split("://", 1)
        return f"postgresql+psycopg://{rest}" if scheme in ("postgresql", "postgres") else db
    path = Path(db).expanduser()
    path.parent.mkdir(parents=True, exist_ok=True)
    return f"duckdb:///{path}"


_URL_PASSWORD = re.compile(r"(://[^:/@\s]*:)[^@\s]*@")


def redact(text: str, db: str | None = None) -> str:
    """`text` with the password of `db` (and PGPASSWORD) replaced by ***, in any spelling a URL uses."""
    secrets = {os.environ.get("PGPASSWORD") or ""}
    if db and "://" in db:
        try:
            secrets.add(make_url(database_url(db)).password or "")
        except (ArgumentError, ValueError):
            pass
        found = _URL_PASSWORD.search(db)
        secrets.add(found.group(0)[len(found.group(1)):-1] if found else "")
    for secret in sorted(secrets - {""}, key=len, reverse=True):
        for spelling in (secret, quote(secret, safe=""), quote_plus(secret)):
            text = text.replace(spelling, "***")
    return _URL_PASSWORD.sub(r"\1***@", text)


def display_db(db: str) -> str:
    """The warehouse as it may be printed or logged: a file path, or a server URL without its password."""
    return redact(db, db) if "://" in db else db


def make_engine(db: str, read_only: bool = False) -> Engine:
    try:
        url = make_url(database_url(db))
    except (ArgumentError, ValueError):
        raise OgiError(f"not a database URL: {display_db(db)}",
                       "use a file path, or postgresql+psycopg://USER@HOST:PORT/DBNAME") from None
    kwargs: dict = {}
    if url.get_backend_name() == "duckdb" and read_only:
        kwargs["connect_args"] = {"read_only": True}
    if url.get_backend_name() == "postgresql":
        from loader.backends import postgres_backend

        return postgres_backend.make_engine(url, db, read_only)
    return create_engine(url, **kwargs)


def connection_error(db: str, exc: BaseException) -> OgiError:
    """A failed connection to a server, said without the password."""
    detail = " ".join(str(getattr(exc, "orig", None) or exc).split())
    return OgiError(f"cannot connect to {display_db(db)}: {redact(detail, db)}",
                    "check host, port, user and database name; the password comes from the URL, "
                    "PGPASSWORD or ~/.pgpass")
