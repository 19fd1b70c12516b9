"""The schema is made only by alembic: upgrade an empty file, downgrade and upgrade again, and the
migrated schema matches the one declared in loader/schema.py."""
from __future__ import annotations

import duckdb
from sqlalchemy import inspect

from loader import migrate
from loader.db import make_engine
from loader.schema import metadata

TABLES = {"agencies", "reports", "disclosures", "applications", "appeals", "staffing", "spending",
          "quality_findings", "load_runs", "rejected_files", "alembic_version"}


def _tables(engine) -> set[str]:
    return set(inspect(engine).get_table_names())


def test_upgrade_creates_schema_and_views_on_empty_file(tmp_path):
    engine = make_engine(str(tmp_path / "new.duckdb"))
    assert migrate.needs_upgrade(engine)
    assert migrate.upgrade(engine) == migrate.head_revision()
    assert TABLES <= _tables(engine)
    assert "report_summary" in inspect(engine).get_view_names()
    assert not migrate.needs_upgrade(engine)


def test_downgrade_then_upgrade(tmp_path):
    engine = make_engine(str(tmp_path / "cycle.duckdb"))
    migrate.upgrade(engine)
    assert migrate.downgrade(engine, "base") is None
    assert _tables(engine) <= {"alembic_version"}
    assert migrate.upgrade(engine) == migrate.head_revision()
    assert TABLES <= _tables(engine)


def _declared() -> dict[str, dict[str, tuple[str, bool]]]:
    """table → column → (DuckDB type name, nullable) as loader/schema.py declares them."""
    names = {"Integer": "INTEGER", "BigInteger": "BIGINT", "String": "VARCHAR", "Text": "VARCHAR", "Double": "DOUBLE",
             "Boolean": "BOOLEAN", "Date": "DATE", "DateTime": "TIMESTAMP"}
    return {t.name: {c.name: (names[type(c.type).__name__], bool(c.nullable)) for c in t.columns}
            for t in metadata.sorted_tables}


def test_migrated_schema_matches_declared_schema(tmp_path):
    """Read from DuckDB's own catalog: SQLAlchemy's PostgreSQL-flavoured reflection does not work on it."""
    path = tmp_path / "cmp.duckdb"
    engine = make_engine(str(path))
    migrate.upgrade(engine)
    engine.dispose()
    con = duckdb.connect(str(path), read_only=True)
    rows = con.execute("SELECT table_name, column_name, data_type, is_nullable FROM duckdb_columns() "
                       "WHERE table_name <> 'alembic_version' AND NOT internal").fetchall()
    migrated: dict[str, dict[str, tuple[str, bool]]] = {}
    for table, column, data_type, nullable in rows:
        if table in _declared():
            migrated.setdefault(table, {})[column] = (data_type, nullable)
    assert migrated == _declared()
    keys = con.execute("SELECT table_name, constraint_column_names FROM duckdb_constraints() "
                       "WHERE constraint_type = 'PRIMARY KEY'").fetchall()
    declared_keys = {(t.name, tuple(c.name for c in t.primary_key.columns)) for t in metadata.sorted_tables
                     if t.primary_key.columns}
    assert {(t, tuple(cols)) for t, cols in keys if t != "alembic_version"} == declared_keys


def test_upgrade_from_0002_keeps_the_rows_and_drops_the_keys(tmp_path):
    """A warehouse made before 0003 keeps every fact; its fact tables lose their primary keys."""
    engine = make_engine(str(tmp_path / "old.duckdb"))
    migrate.upgrade(engine, "0002")
    with engine.begin() as conn:
        conn.exec_driver_sql("INSERT INTO applications VALUES (1, 'applications.new_received.total', 1, 2019, 3, "
                             "'件', 12, 'prose', '收到申请3件', 'exact', false, 1)")
        conn.exec_driver_sql("INSERT INTO report_signatures VALUES (1, 0, 42)")
    migrate.upgrade(engine)
    with engine.connect() as conn:
        assert conn.exec_driver_sql("SELECT metric, value, raw_text FROM applications").all() == [
            ("applications.new_received.total", 3.0, "收到申请3件")]
        assert conn.exec_driver_sql("SELECT * FROM report_signatures").all() == [(1, 0, 42)]
        keys = conn.exec_driver_sql("SELECT table_name FROM duckdb_constraints() WHERE constraint_type = "
                                    "'PRIMARY KEY'").scalars().all()
    assert "applications" not in keys and "report_signatures" not in keys
    migrate.downgrade(engine, "0002")  # and back: the keys return, the rows stay
    with engine.connect() as conn:
        assert conn.exec_driver_sql("SELECT count(*) FROM applications").scalar() == 1


def test_upgrade_to_0004_fills_report_figures_from_the_facts(tmp_path):
    """A warehouse loaded before report_figures existed shows the same summary after the upgrade."""
    engine = make_engine(str(tmp_path / "old.duckdb"))
    migrate.upgrade(engine, "0003")
    with engine.begin() as conn:
        conn.exec_driver_sql("INSERT INTO agencies VALUES (1, '上方镇|衢江区', '上方镇', NULL, '镇', NULL, NULL, "
                             "'衢江区', false)")
        conn.exec_driver_sql("INSERT INTO reports VALUES (1, 1, 2019, 'old_table', 1.0, NULL, NULL, 'a.txt', 'x', "
                             "'utf-8', '3', 1, now(), true)")
        conn.exec_driver_sql("INSERT INTO disclosures VALUES (1, 'disclosures.proactive.items_total', 1, 2019, 366, "
                             "'条', 40, 'repair', '366', 'exact', false, 1)")
    migrate.upgrade(engine)
    with engine.connect() as conn:
        assert conn.exec_driver_sql("SELECT agency, disclosed_total, applications_new FROM report_summary").all() == [
            ("上方镇", 366.0, None)]


def test_schema_head_is_the_newest_migration_and_an_older_stamp_needs_an_upgrade(tmp_path):
    """needs_upgrade compares the stamp with SCHEMA_HEAD, not with alembic: a new migration must move it."""
    assert migrate.SCHEMA_HEAD == migrate.head_revision()
    engine = make_engine(str(tmp_path / "older.duckdb"))
    migrate.upgrade(engine, "0003")
    assert migrate.needs_upgrade(engine)
    migrate.upgrade(engine)
    assert not migrate.needs_upgrade(engine)


def test_a_load_into_a_warehouse_at_the_newest_schema_imports_no_alembic(tmp_path):
    """The nightly no-op: alembic's import was a fifth of it."""
    import subprocess
    import sys

    from conftest import ROOT, SAMPLES
    from loader.pipeline import run_load

    db = str(tmp_path / "w.duckdb")
    run_load([SAMPLES], db)
    probe = ("import sys; from loader.pipeline import run_load; "
             f"counts = run_load([{str(SAMPLES)!r}], {db!r}).counts; "
             "print(counts.skipped, 'alembic' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", probe], cwd=ROOT, capture_output=True, text=True, check=True)
    assert out.stdout.split() == ["5", "False"]
