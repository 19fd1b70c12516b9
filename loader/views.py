"""Canned views: every queries/NAME.sql is a view called NAME, found by convention.

A file starts with a `--` header whose first line is the one-line description shown by `ogi views`.
Views may read other views; they are created after the views their SQL names (DuckDB has no
savepoints, so a failed CREATE cannot simply be retried inside the load's transaction).
Every view's SQL runs on DuckDB and PostgreSQL alike; where that cannot be, queries/postgresql/NAME.sql
holds the PostgreSQL version of NAME and is used on a PostgreSQL warehouse.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import text
from sqlalchemy.engine import Connection
from sqlalchemy.exc import DBAPIError

_IDENTIFIER = re.compile(r"^[a-z_][a-z0-9_]*$")
QUERIES = Path(__file__).resolve().parent.parent / "queries"


@dataclass(frozen=True)
class View:
    name: str
    description: str
    sql: str


def list_views(folder: Path = QUERIES, dialect: str | None = None) -> list[View]:
    """The views of `folder`; with a dialect, its variant folder/DIALECT/NAME.sql replaces NAME.sql."""
    found = []
    for path in sorted(folder.glob("*.sql")):
        sql = path.read_text(encoding="utf-8")
        header = [ln[2:].strip() for ln in sql.splitlines() if ln.startswith("--")]
        variant = folder / dialect / path.name if dialect else None
        if variant is not None and variant.is_file():
            sql = variant.read_text(encoding="utf-8")
        found.append(View(path.stem, header[0] if header else "", sql.strip().rstrip(";")))
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
        if not _IDENTIFIER.match(view.name):
            raise RuntimeError(f"queries/{view.name}.sql: a view name must be a plain identifier")
        conn.execute(text(f'CREATE OR REPLACE VIEW "{view.name}" AS\n{view.sql}'))
        names.append(view.name)
    return names


def drop_views(conn: Connection) -> None:
    for view in reversed(creation_order(list_views(dialect=conn.dialect.name))):
        conn.execute(text(f'DROP VIEW IF EXISTS "{view.name}"'))
