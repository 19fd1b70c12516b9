"""Where the warehouse is, and how its location may be printed: a plain path is a DuckDB file, a URL a server.

Apart from loader.db (engines) because the `ogi` command imports these at start and so does every parse
worker it spawns (a spawned process imports the command's module again): SQLAlchemy and alembic would
cost each worker half a second and 28 MB.
"""
from __future__ import annotations

import os
import re
from pathlib import Path
from urllib.parse import quote, quote_plus

DEFAULT_DB = "data/warehouse.duckdb"


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
        from sqlalchemy.engine import make_url  # only for a server URL: `ogi` starts without SQLAlchemy
        from sqlalchemy.exc import ArgumentError

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
