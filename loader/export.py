"""Exports for spreadsheets: a view, a table or a SELECT → a CSV (or .xlsx) file that Excel and WPS open.

In: a warehouse, a view/table name or a SELECT, optional filters (county, year, agency). Out: the file
and the number of data rows written. CSV is RFC 4180 (CRLF line ends; fields with a comma, a quote or
a line break are quoted, quotes doubled) in UTF-8 with a byte-order mark by default: without the BOM
Excel reads UTF-8 as the ANSI code page and Chinese turns to mojibake. `encoding="gb18030"` suits
older WPS/Excel set-ups; a BOM is only ever written for UTF-8.

Nothing from the caller is pasted into SQL as a value: a name must be one of the warehouse's own
tables or views (then it is quoted), filter values travel as bind parameters, and a filter needs the
column of the same name in the result.
"""
from __future__ import annotations

import codecs
import csv
import difflib
import os
import re
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path

from sqlalchemy import text
from sqlalchemy.engine import Connection
from sqlalchemy.exc import DBAPIError, OperationalError

from loader.db import make_engine
from loader.errors import OgiError

_NAME = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")
FILTER_COLUMNS = ("county", "year", "agency")
_BATCH = 1000


def export_csv(db: str, name_or_sql: str, out_path: str | Path, encoding: str = "utf-8", bom: bool = True,
               county: str | None = None, year: int | None = None, agency: str | None = None) -> int:
    """Write the rows of a view, table or SELECT to a CSV file; return the number of data rows."""
    codec = _codec(encoding, bom)
    out = _target(out_path)
    with _rows(db, name_or_sql, {"county": county, "year": year, "agency": agency}) as (columns, batches):
        tmp = _temp_path(out)
        count = 0
        try:
            with open(tmp, "w", encoding=codec, newline="") as handle:
                writer = csv.writer(handle, lineterminator="\r\n")
                writer.writerow(columns)
                for batch in batches:
                    writer.writerows([_cell(v) for v in row] for row in batch)
                    count += len(batch)
        except UnicodeEncodeError as exc:
            tmp.unlink(missing_ok=True)
            bad = exc.object[exc.start:exc.end]
            raise OgiError(f"{bad!r} cannot be written in {encoding}",
                           "use --encoding gb18030 (every character) or the default utf-8") from exc
        except BaseException:
            tmp.unlink(missing_ok=True)
            raise
    os.replace(tmp, out)
    return count


def export_xlsx(db: str, name_or_sql: str, out_path: str | Path, county: str | None = None,
                year: int | None = None, agency: str | None = None) -> int:
    """Write the rows to an .xlsx workbook (one sheet, header row first); return the number of data rows.

    Text is always stored as text, so a message that starts with '=' never becomes a formula.
    """
    try:
        from openpyxl import Workbook
        from openpyxl.cell import WriteOnlyCell
    except ImportError as exc:
        raise OgiError("writing .xlsx needs the openpyxl package",
                       "install it (pip install openpyxl) or export to .csv instead") from exc
    out = _target(out_path)
    with _rows(db, name_or_sql, {"county": county, "year": year, "agency": agency}) as (columns, batches):
        book = Workbook(write_only=True)
        sheet = book.create_sheet(_sheet_title(name_or_sql))
        sheet.append(columns)
        count = 0
        for batch in batches:
            for row in batch:
                cells = []
                for value in row:
                    cell = WriteOnlyCell(sheet, value=_xlsx_value(value))
                    if isinstance(cell.value, str):
                        cell.data_type = "s"
                    cells.append(cell)
                sheet.append(cells)
                count += 1
        tmp = _temp_path(out)
        try:
            book.save(tmp)
        except BaseException:
            tmp.unlink(missing_ok=True)
            raise
    os.replace(tmp, out)
    return count


@contextmanager
def _rows(db: str, name_or_sql: str, filters: dict) -> Iterator[tuple[list[str], Iterator[list[tuple]]]]:
    """Open a read-only connection, run the filtered query, yield (columns, batches of rows)."""
    if "://" not in db and not Path(db).exists():
        raise OgiError(f"no warehouse at {db}", "load reports first: ogi load data/samples")
    if filters.get("year") is not None and not str(filters["year"]).strip().isdigit():
        raise OgiError(f"year must be a number, not {filters['year']!r}", "e.g. --year 2019")
    wanted = {k: v for k, v in filters.items() if v is not None}
    engine = make_engine(db, read_only=True)
    try:
        with engine.connect() as conn:
            source = _source(conn, name_or_sql)
            columns = _columns(conn, source)
            missing = [k for k in wanted if k not in columns]
            if missing:
                label = name_or_sql if _NAME.match(name_or_sql.strip()) else "the query"
                raise OgiError(f"{label} has no column {', '.join(repr(m) for m in missing)} to filter on "
                               f"(its columns: {', '.join(columns)})",
                               "drop that filter, or export a view that has the column, e.g. report_summary")
            where = " AND ".join(f'q."{k}" = :{k}' for k in wanted)
            sql = f"SELECT * FROM {source}" + (f" WHERE {where}" if where else "")
            params = {k: (int(v) if k == "year" else str(v)) for k, v in wanted.items()}
            result = _execute(conn, sql, params)
            yield list(result.keys()), iter(lambda: result.fetchmany(_BATCH), [])
    finally:
        engine.dispose()


def _source(conn: Connection, name_or_sql: str) -> str:
    """A known table/view name → its quoted name; anything else is taken as a SELECT (a subquery)."""
    candidate = name_or_sql.strip()
    if _NAME.match(candidate):
        names = _relation_names(conn)
        if candidate not in names:
            close = difflib.get_close_matches(candidate, sorted(names), n=3)
            hint = f"did you mean {' or '.join(close)}? " if close else ""
            raise OgiError(f"no table or view named {candidate!r} in the warehouse",
                           hint + "list the canned views with: ogi views")
        return f'"{candidate}" AS q'
    body = candidate.rstrip().rstrip(";")
    # text() reads ':name' as a bind parameter; the user's SQL has none, so every colon is literal.
    return "(" + body.replace(":", "\\:") + ") AS q"


def _relation_names(conn: Connection) -> set[str]:
    rows = conn.execute(text(
        "SELECT table_name FROM information_schema.tables "
        "WHERE table_schema NOT IN ('information_schema', 'pg_catalog')"))
    return {r[0] for r in rows}


def _columns(conn: Connection, source: str) -> list[str]:
    return list(_execute(conn, f"SELECT * FROM {source} WHERE 1 = 0", {}).keys())


def _execute(conn: Connection, sql: str, params: dict):
    try:
        return conn.execute(text(sql), params)
    except (DBAPIError, OperationalError) as exc:
        raise OgiError(f"query failed: {str(exc.orig).splitlines()[0]}",
                       "check the SQL (one SELECT, no trailing commands); list views with: ogi views") from exc


def _codec(encoding: str, bom: bool) -> str:
    try:
        name = codecs.lookup(encoding).name
    except LookupError as exc:
        raise OgiError(f"unknown encoding {encoding!r}", "use utf-8 (the default) or gb18030") from exc
    if name == "utf-8" and bom:
        return "utf-8-sig"
    return name


def _cell(value: object) -> object:
    """CSV text of one value: NULL → empty, 366.0 → 366, dates in ISO form."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, Decimal) and value == value.to_integral_value():
        return int(value)
    if isinstance(value, (date, datetime)):
        return value.isoformat()
    return value


def _xlsx_value(value: object) -> object:
    if isinstance(value, Decimal):
        return float(value)
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value


def _sheet_title(name_or_sql: str) -> str:
    candidate = name_or_sql.strip()
    return candidate[:31] if _NAME.match(candidate) else "query"


def _target(out_path: str | Path) -> Path:
    out = Path(out_path)
    if not out.parent.is_dir():
        raise OgiError(f"cannot write {out}: the folder {out.parent} does not exist",
                       "create it first, or pick another -o path")
    return out


def _temp_path(out: Path) -> Path:
    """Write next to the target and rename at the end, so a failed export leaves no half file."""
    return out.with_name(f".{out.name}.partial")
