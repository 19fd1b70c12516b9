"""PostgreSQL: ids in one round trip, rows in bulk through COPY (never one INSERT per fact).

Also how a PostgreSQL engine is made (loader.db.make_engine hands server URLs here) and what
`ogi db grant-reader` grants. The loader's role needs no superuser: it owns the tables it creates.
"""
from __future__ import annotations

import functools

from psycopg import sql
from sqlalchemy import Boolean, Date, DateTime, Double, Integer, BigInteger, Sequence, String, Table, text
from sqlalchemy import create_engine, event
from sqlalchemy.engine import URL, Connection, Engine

from loader import views
from loader.errors import OgiError

# Binary COPY needs each column's PostgreSQL type; order matters (BigInteger is an Integer).
_COPY_TYPES = ((BigInteger, "int8"), (Integer, "int4"), (Double, "float8"),
               (Boolean, "bool"), (DateTime, "timestamp"), (Date, "date"), (String, "text"))


def make_engine(url: URL, db: str, read_only: bool = False) -> Engine:
    connect_args: dict = {}
    if "application_name" not in url.query:
        connect_args["application_name"] = "ogi"  # who holds the load lock, in pg_stat_activity
    if read_only:
        options = url.query.get("options", "")
        connect_args["options"] = f"{options} -c default_transaction_read_only=on".strip()
    engine = create_engine(url, connect_args=connect_args)
    event.listen(engine, "handle_error", functools.partial(_on_error, db))
    return engine


def _on_error(db: str, context) -> None:
    """A connection that cannot be made becomes an OgiError that names the server without its password."""
    if context.connection is None and not context.is_pre_ping:
        from loader.db import connection_error

        raise connection_error(db, context.original_exception)


def next_ids(conn: Connection, sequence: Sequence, n: int) -> list[int]:
    if n == 0:
        return []
    rows = conn.execute(text("SELECT nextval(CAST(:seq AS regclass)) FROM generate_series(1, :n)"),
                        {"seq": sequence.name, "n": int(n)}).fetchall()
    return sorted(r[0] for r in rows)


def start_load(conn: Connection) -> None:
    """Nothing: the server's own settings hold."""


def batch_written(conn: Connection, reports_before: int, reports_after: int) -> None:
    """Nothing: a load is one transaction, committed when it ends."""


def before_commit(conn: Connection) -> None:
    """The materialized views (report_reuse) follow the reports within the load's own transaction."""
    views.refresh_materialized(conn)


def after_load(conn: Connection) -> None:
    """Statistics for the planner right after a bulk load: without them the views' joins are planned
    for empty tables (county_ranking took 1.1 s on 10,000 reports, 58 ms once analysed). The loading role
    owns the tables, so it may ANALYZE them; autovacuum would only get there later."""
    from loader.schema import metadata

    for table in metadata.sorted_tables:
        conn.execute(text(f'ANALYZE "{table.name}"'))  # names from the declared schema, never from data


def _copy_type(column) -> str:
    for kind, name in _COPY_TYPES:
        if isinstance(column.type, kind):
            return name
    raise TypeError(f"{column.table.name}.{column.name}: no COPY type for {column.type!r}")


def bulk_insert(conn: Connection, table: Table, columns: dict[str, list]) -> None:
    """COPY column lists (all the same length) into `table` in the load's own transaction."""
    if not columns or not next(iter(columns.values())):
        return
    names = list(columns)
    statement = sql.SQL("COPY {} ({}) FROM STDIN (FORMAT BINARY)").format(
        sql.Identifier(table.name), sql.SQL(", ").join(sql.Identifier(c) for c in names))
    raw = conn.connection.driver_connection
    with raw.cursor() as cursor, cursor.copy(statement) as copy:
        copy.set_types([_copy_type(table.c[c]) for c in names])
        for row in zip(*columns.values()):
            copy.write_row(row)


def grant_reader(conn: Connection, role: str) -> tuple[str, list[str]]:
    """USAGE on the warehouse's schema and SELECT on its tables and views, now and for views made later.

    Returns the schema and any warnings. Run it as the role that loads (the tables' owner) or a superuser.
    """
    schema = conn.exec_driver_sql("SELECT current_schema()").scalar_one()
    owner = conn.execute(text("SELECT tableowner FROM pg_tables WHERE schemaname = :s AND tablename = 'reports'"),
                         {"s": schema}).scalar()
    if owner is None:
        raise OgiError(f"no warehouse in schema {schema} yet", "create it first: ogi db upgrade --db URL")
    superuser = conn.execute(text("SELECT rolsuper FROM pg_roles WHERE rolname = :r"), {"r": role}).scalar()
    if superuser is None:
        raise OgiError(f"no role named {role!r} on this server",
                       f"create it first (needs CREATEROLE): CREATE ROLE {role} LOGIN PASSWORD '…'")
    if superuser:
        raise OgiError(f"{role} is a superuser, which can write everything", "grant read access to an ordinary role")
    quote = conn.dialect.identifier_preparer.quote
    s, r, o = quote(schema), quote(role), quote(owner)
    conn.exec_driver_sql(f"GRANT USAGE ON SCHEMA {s} TO {r}")
    conn.exec_driver_sql(f"GRANT SELECT ON ALL TABLES IN SCHEMA {s} TO {r}")  # tables and views
    conn.exec_driver_sql(f"ALTER DEFAULT PRIVILEGES FOR ROLE {o} IN SCHEMA {s} GRANT SELECT ON TABLES TO {r}")
    warnings = []
    if conn.execute(text("SELECT has_schema_privilege(:r, :s, 'CREATE')"), {"r": role, "s": schema}).scalar():
        warnings.append(f"{role} can still CREATE in schema {schema} (through PUBLIC or another grant); "
                        f"REVOKE CREATE ON SCHEMA {schema} FROM PUBLIC stops that")
    return schema, warnings
