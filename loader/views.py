"""Canned views: every queries/NAME.sql is a view called NAME, found by convention.

A file starts with a `--` header whose first line is the one-line description shown by `ogi views`.
Views may read other views; they are created after the views their SQL names (DuckDB has no
savepoints, so a failed CREATE cannot simply be retried inside the load's transaction).
Every view's SQL runs on DuckDB and PostgreSQL alike; where that cannot be, queries/postgresql/NAME.sql
holds the PostgreSQL version of NAME and is used on a PostgreSQL warehouse.
A header line "-- On PostgreSQL a materialized view … unique key (a, b)" makes NAME a materialized view
there, with that unique index, refreshed by every load that writes reports (loader.write): for a view
PostgreSQL's row-at-a-time executor cannot answer in a second on 100,000 reports (report_reuse).
DuckDB answers the same SQL at once, so it stays a plain view there.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import text
from sqlalchemy.engine import Connection
from sqlalchemy.exc import DBAPIError

_IDENTIFIER = re.compile(r"^[a-z_][a-z0-9_]*$")
_MATERIALIZED = re.compile(r"^On PostgreSQL a materialized view\b.*?unique key \(([a-z0-9_, ]+)\)", re.M | re.S)
QUERIES = Path(__file__).resolve().parent.parent / "queries"


@dataclass(frozen=True)
class View:
    name: str
    description: str
    sql: str
    unique_key: tuple[str, ...] = ()  # set: a materialized view on PostgreSQL, with this unique index


def list_views(folder: Path = QUERIES, dialect: str | None = None) -> list[View]:
    """The views of `folder`; with a dialect, its variant folder/DIALECT/NAME.sql replaces NAME.sql."""
    found = []
    for path in sorted(folder.glob("*.sql")):
        sql = path.read_text(encoding="utf-8")
        header = [ln[2:].strip() for ln in sql.splitlines() if ln.startswith("--")]
        variant = folder / dialect / path.name if dialect else None
        if variant is not None and variant.is_file():
            sql = variant.read_text(encoding="utf-8")
        materialized = _MATERIALIZED.search("\n".join(header))  # the view's header says so
        key = tuple(c.strip() for c in materialized.group(1).split(",")) if materialized else ()
        found.append(View(path.stem, header[0] if header else "", sql.strip().rstrip(";"), key))
    return found


def get_view(name: str, dialect: str | None = None) -> View | None:
    return next((v for v in list_views(dialect=dialect) if v.name == name), None)


def creation_order(found: list[View]) -> list[View]:
    """Views sorted so that each comes after every other view whose name its SQL mentions."""
    by_name = {v.name: v for v in found}
    ordered: list[View] = []

    def visit(view: View, path: tuple[str, ...]) -> None:
        if view in ordered:
            return
        if view.name in path:
            raise RuntimeError(f"views depend on each other in a cycle: {' -> '.join(path)}")
        code = re.sub(r"--[^\n]*", "", view.sql)  # a view named in a comment is not a dependency
        for other in by_name:
            if other != view.name and re.search(rf"\b{other}\b", code):
                visit(by_name[other], path + (view.name,))
        ordered.append(view)

    for view in found:
        visit(view, ())
    return ordered


def refresh_views(conn: Connection) -> list[str]:
    """CREATE OR REPLACE every view of queries/, dependencies first."""
    ordered = creation_order(list_views(dialect=conn.dialect.name))
    if conn.dialect.name == "postgresql":
        try:
            with conn.begin_nested():
                return _create_views(conn, ordered)
        except DBAPIError:  # PostgreSQL cannot replace a view whose columns changed: drop them all first
            drop_views(conn)
    return _create_views(conn, ordered)


def _create_views(conn: Connection, ordered: list[View]) -> list[str]:
    names = []
    for view in ordered:
        if not _IDENTIFIER.match(view.name) or not all(map(_IDENTIFIER.match, view.unique_key)):
            raise RuntimeError(f"queries/{view.name}.sql: view and column names must be plain identifiers")
        if _materialized(conn, view):
            _drop(conn, view.name)
            conn.execute(text(f'CREATE MATERIALIZED VIEW "{view.name}" AS\n{view.sql}'))
            key = ", ".join(f'"{column}"' for column in view.unique_key)
            conn.execute(text(f'CREATE UNIQUE INDEX "{view.name}_key" ON "{view.name}" ({key})'))
        else:
            conn.execute(text(f'CREATE OR REPLACE VIEW "{view.name}" AS\n{view.sql}'))
        names.append(view.name)
    return names


def refresh_materialized(conn: Connection) -> list[str]:
    """Bring the materialized views up to date inside the load's transaction. CONCURRENTLY: readers keep
    reading the previous contents until the load commits, as they do every table."""
    names = [v.name for v in list_views(dialect=conn.dialect.name) if _materialized(conn, v)]
    for name in names:
        conn.execute(text(f'REFRESH MATERIALIZED VIEW CONCURRENTLY "{name}"'))
    return names


def drop_views(conn: Connection) -> None:
    for view in reversed(creation_order(list_views(dialect=conn.dialect.name))):
        _drop(conn, view.name)


def _materialized(conn: Connection, view: View) -> bool:
    return bool(view.unique_key) and conn.dialect.name == "postgresql"


def _drop(conn: Connection, name: str) -> None:
    """DROP VIEW or DROP MATERIALIZED VIEW, whichever `name` is now (a warehouse made before a view became
    materialized has it as a plain view; PostgreSQL refuses the wrong kind of DROP)."""
    kind = "VIEW"
    if conn.dialect.name == "postgresql":
        relkind = conn.execute(text("SELECT c.relkind FROM pg_class AS c WHERE c.relname = :name "
                                    "AND c.relnamespace = current_schema()::regnamespace"), {"name": name}).scalar()
        kind = "MATERIALIZED VIEW" if relkind == "m" else "VIEW"
    conn.execute(text(f'DROP {kind} IF EXISTS "{name}"'))
