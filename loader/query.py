"""Read-only queries for `ogi sql` and exports: a view name or a SELECT, run on a read-only connection."""
from __future__ import annotations

import re
from pathlib import Path

from sqlalchemy.exc import DBAPIError, OperationalError

from loader.db import make_engine
from loader.errors import OgiError

_NAME = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")


def run_query(db: str, query: str) -> tuple[list[str], list[tuple]]:
    if "://" not in db and not Path(db).exists():
        raise OgiError(f"no warehouse at {db}", "load reports first: ogi load data/samples")
    sql = f'SELECT * FROM "{query}"' if _NAME.match(query.strip()) else query
    engine = make_engine(db, read_only=True)
    try:
        with engine.connect() as conn:
            result = conn.exec_driver_sql(sql)
            return list(result.keys()), [tuple(r) for r in result.fetchall()]
    except (DBAPIError, OperationalError) as exc:
        raise OgiError(f"query failed: {str(exc.orig).splitlines()[0]}",
                       "check the SQL; list tables and views with: "
                       "ogi sql \"SELECT table_name FROM information_schema.tables\"") from exc
    finally:
        engine.dispose()
