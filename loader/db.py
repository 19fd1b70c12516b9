"""Engines: a plain path is an embedded DuckDB file, a URL is a server (loader.location names them).

A server is PostgreSQL: `postgresql+psycopg://user@host:port/dbname` (`postgresql://` is taken to
mean the same). Its password comes from the URL, PGPASSWORD or ~/.pgpass (libpq reads the last two
itself) and is never shown: print `display_db(db)`, never the URL, and pass server messages through
`redact`.
"""
from __future__ import annotations

from sqlalchemy import create_engine
from sqlalchemy.engine import Engine, make_url
from sqlalchemy.exc import ArgumentError

from loader.errors import OgiError
from loader.location import DEFAULT_DB, database_url, display_db, redact, resolve_db  # noqa: F401 (re-exported)


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
