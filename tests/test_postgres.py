"""The same warehouse on PostgreSQL: a throw-away cluster, loads by a role that is no superuser, the same
rows and view results as DuckDB, one loader at a time, a read-only role, and passwords never shown.

The cluster is started once per session from the PostgreSQL server binaries (/usr/lib/postgresql/N/bin,
or $OGI_PG_BIN), as the `postgres` user when the tests run as root (PostgreSQL refuses root), in a
temporary folder that is removed afterwards. It listens on 127.0.0.1 and a private unix socket only.
Missing binaries fail the tests: .ci/run installs them; nothing here is skipped.
"""
from __future__ import annotations

import os
import random
import shutil
import signal
import subprocess
import sys
import threading
import time
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote

import psycopg
import pytest

from bench import pg_cluster
from sqlalchemy import text

from conftest import CORPUS, SAMPLES
from loader import migrate, views
from loader.db import make_engine
from loader.errors import DatabaseBusy
from loader.pipeline import run_load
from loader.publish import server_lock
from loader.query import run_query
from loader.schema import FACT_TABLES, metadata

ROOT = Path(__file__).resolve().parent.parent
OGI = [sys.executable, "-m", "loader.cli"]
OWNER = "ogi_owner"
OWNER_PASSWORD = "Owner:pw/7@q%Zx"  # URL-special characters on purpose: it must still be masked
READER = "ogi_reader"
READER_PASSWORD = "Reader-pw-4u2Qm"


# --------------------------------------------------------------------------- the throw-away cluster





@dataclass
class Cluster:
    port: int
    sockets: Path

    def admin(self, dbname: str = "postgres") -> psycopg.Connection:
        """The superuser, through the unix socket (trust); only the tests use it."""
        return psycopg.connect(host=str(self.sockets), port=self.port, user="postgres", dbname=dbname,
                               autocommit=True)

    def url(self, dbname: str, user: str = OWNER, password: str | None = OWNER_PASSWORD,
            port: int | None = None) -> str:
        secret = f":{quote(password, safe='')}" if password is not None else ""
        return f"postgresql+psycopg://{user}{secret}@127.0.0.1:{port or self.port}/{dbname}"

    def new_database(self, name: str) -> str:
        """A fresh database owned by the loader's role; returns its URL (password included)."""
        with self.admin() as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
            conn.execute(f'CREATE DATABASE "{name}" OWNER {OWNER}')
        return self.url(name)




@pytest.fixture(scope="session")
def cluster():
    """A throw-away cluster run as `postgres` (bench/pg_cluster.py); missing binaries fail, never skip."""
    with pg_cluster.server(prefix="ogi-pg-") as (port, sockets):
        server = Cluster(port, sockets)
        with server.admin() as conn:
            conn.execute(f"CREATE ROLE {OWNER} LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE PASSWORD "
                         f"'{OWNER_PASSWORD}'")
            conn.execute(f"CREATE ROLE {READER} LOGIN PASSWORD '{READER_PASSWORD}'")
        yield server


# --------------------------------------------------------------------------- the two warehouses

def _synthetic_reports(folder: Path) -> Path:
    """Reports written by bench.generator: every template, and prose shared between reports (report_reuse)."""
    from bench.generator import random_report

    folder.mkdir()
    rng = random.Random(20261125)
    for i in range(40):
        _, _, report = random_report(rng)
        (folder / f"synthetic_{i:02d}.txt").write_text(report, encoding="utf-8")
    return folder


@pytest.fixture(scope="session")
def warehouses(cluster, tmp_path_factory) -> dict[str, tuple[str, str]]:
    """name → (DuckDB file, PostgreSQL URL), each loaded by run_load from the same reports."""
    inputs = {"real": [SAMPLES, CORPUS / "reports"],
              "synthetic": [_synthetic_reports(tmp_path_factory.mktemp("synthetic") / "reports")]}
    built = {}
    for name, paths in inputs.items():
        duck = str(tmp_path_factory.mktemp(f"duck_{name}") / "w.duckdb")
        run_load(paths, duck)
        server = cluster.new_database(f"parity_{name}")
        run_load(paths, server)
        built[name] = (duck, server)
    return built


def _canonical(rows: list[tuple]) -> list[tuple]:
    """A total order over rows of mixed values, NULLs first; the values themselves are left as they are."""
    return sorted(rows, key=lambda row: tuple((v is not None, type(v).__name__, v if v is not None else 0)
                                              for v in row))


def _same(duck_rows: list[tuple], server_rows: list[tuple], label: str) -> None:
    """Equal rows, value by value: floats as numbers (0.1 == 0.1, never rounded), and the same Python type."""
    duck_rows, server_rows = _canonical(duck_rows), _canonical(server_rows)
    assert len(duck_rows) == len(server_rows), label
    for duck, server in zip(duck_rows, server_rows):
        assert duck == server, f"{label}: DuckDB {duck} != PostgreSQL {server}"
        assert [type(v) for v in duck] == [type(v) for v in server], f"{label}: types differ in {duck}"


# Ids, load ids and timestamps legitimately differ; a report is known by its source path, an agency by its key.
_UNCOMPARED = {"load_id", "loaded_at", "started_at", "finished_at", "rejected_at", "finding_id", "rejection_id",
               "report_id", "agency_id"}


def _content_sql(table) -> str:
    columns = [f't."{c.name}"' for c in table.columns if c.name not in _UNCOMPARED]
    if "report_id" in table.c and table.name != "reports":
        columns.append("(SELECT r.source_path FROM reports AS r WHERE r.report_id = t.report_id)")
    if "agency_id" in table.c and table.name != "agencies":
        columns.append("(SELECT a.agency_key FROM agencies AS a WHERE a.agency_id = t.agency_id)")
    return f'SELECT {", ".join(columns)} FROM "{table.name}" AS t'


def _both(pair: tuple[str, str], sql: str) -> tuple[list[tuple], list[tuple]]:
    duck, server = pair
    return run_query(duck, sql)[1], run_query(server, sql)[1]


# --------------------------------------------------------------------------- schema

def test_migrations_make_the_declared_schema_as_a_role_without_superuser(cluster):
    url = cluster.new_database("schema_check")
    engine = make_engine(url)
    try:
        assert migrate.upgrade(engine) == migrate.head_revision()
        with engine.connect() as conn:
            assert conn.execute(text("SELECT rolsuper, rolcreatedb FROM pg_roles WHERE rolname = current_user")
                                ).one() == (False, False)
            rows = conn.execute(text(
                "SELECT table_name, column_name, data_type, is_nullable = 'YES' FROM information_schema.columns "
                "WHERE table_schema = current_schema() AND table_name <> 'alembic_version'")).all()
            keys = conn.execute(text(
                "SELECT tc.table_name, kcu.column_name FROM information_schema.table_constraints AS tc "
                "JOIN information_schema.key_column_usage AS kcu ON kcu.constraint_name = tc.constraint_name "
                "AND kcu.table_schema = tc.table_schema WHERE tc.constraint_type = 'PRIMARY KEY' "
                "AND tc.table_schema = current_schema() AND tc.table_name <> 'alembic_version' "
                "ORDER BY tc.table_name, kcu.ordinal_position")).all()
            view_kinds = dict(conn.execute(text(  # information_schema leaves materialized views out
                "SELECT relname, relkind FROM pg_class WHERE relkind IN ('v', 'm') "
                "AND relnamespace = current_schema()::regnamespace")).all())
    finally:
        engine.dispose()
    view_names = set(view_kinds)
    names = {"Integer": "integer", "BigInteger": "bigint", "String": "character varying", "Text": "text",
             "Double": "double precision",
             "Boolean": "boolean", "Date": "date", "DateTime": "timestamp without time zone"}
    declared = {t.name: {c.name: (names[type(c.type).__name__], bool(c.nullable)) for c in t.columns}
                for t in metadata.sorted_tables}
    migrated: dict[str, dict] = {}
    for table, column, data_type, nullable in rows:
        if table not in view_names:
            migrated.setdefault(table, {})[column] = (data_type, nullable)
    assert migrated == declared
    declared_keys = {(t.name, c.name) for t in metadata.sorted_tables for c in t.primary_key.columns}
    assert set(keys) == declared_keys
    assert view_names == {v.name for v in views.list_views()}
    assert {name for name, kind in view_kinds.items() if kind == "m"} == {"report_reuse"}


def test_downgrade_upgrade_and_a_view_whose_columns_changed(cluster):
    url = cluster.new_database("cycle")
    engine = make_engine(url)
    try:
        migrate.upgrade(engine)
        assert migrate.downgrade(engine, "base") is None
        with engine.connect() as conn:
            left = conn.execute(text("SELECT table_name FROM information_schema.tables "
                                     "WHERE table_schema = current_schema()")).scalars().all()
        assert set(left) <= {"alembic_version"}
        assert migrate.upgrade(engine) == migrate.head_revision()
        # An older report_summary with other columns: PostgreSQL cannot CREATE OR REPLACE it, so the
        # views are dropped and made again, in the load's transaction.
        with engine.begin() as conn:
            views.drop_views(conn)
            conn.execute(text("CREATE VIEW report_summary AS SELECT 1 AS old_column"))
        with engine.begin() as conn:
            assert "report_summary" in views.refresh_views(conn)
    finally:
        engine.dispose()
    columns, _ = run_query(url, "report_summary")
    assert "old_column" not in columns and "disclosed_total" in columns


# --------------------------------------------------------------------------- parity with DuckDB

@pytest.mark.parametrize("corpus", ["real", "synthetic"])
def test_report_summary_is_identical(warehouses, corpus):
    duck, server = _both(warehouses[corpus], "SELECT * FROM report_summary")
    assert len(duck) >= (21 if corpus == "real" else 40)
    _same(duck, server, "report_summary")


@pytest.mark.parametrize("table", FACT_TABLES)
def test_fact_tables_are_identical(warehouses, table):
    sql = (f"SELECT r.source_path, f.metric, f.value, f.unit, f.source_line, f.method, f.qualifier "
           f"FROM {table} AS f JOIN reports AS r ON r.report_id = f.report_id")
    for corpus in ("real", "synthetic"):
        duck, server = _both(warehouses[corpus], sql)
        assert duck, f"{corpus}: no {table} facts loaded"
        _same(duck, server, f"{corpus} {table}")
        # and every other column that is not an id, a load id or a timestamp
        _same(*_both(warehouses[corpus], _content_sql(metadata.tables[table])), f"{corpus} {table} (all columns)")


def test_every_other_table_is_identical(warehouses):
    for corpus in ("real", "synthetic"):
        for table in metadata.sorted_tables:
            if table.name not in FACT_TABLES:
                _same(*_both(warehouses[corpus], _content_sql(table)), f"{corpus} {table.name}")


@pytest.mark.parametrize("view", [v.name for v in views.list_views()])
def test_every_canned_view_returns_identical_results(warehouses, view):
    for corpus in ("real", "synthetic"):
        (duck_columns, duck), (server_columns, server) = (run_query(db, view) for db in warehouses[corpus])
        assert duck_columns == server_columns, view
        _same(duck, server, f"{corpus} {view}")


def test_report_reuse_has_rows_to_compare(warehouses):
    """The synthetic reports share prose, so the parity of report_reuse is not the parity of two empty sets."""
    assert run_query(warehouses["synthetic"][1], "SELECT count(*) FROM report_reuse")[1][0][0] > 0


def test_report_reuse_follows_each_load_that_adds_reports(cluster, tmp_path):
    """report_reuse is materialized on PostgreSQL: a load that adds reports refreshes it in its own
    transaction, so after each load it is what the DuckDB view computes from the same tables."""
    everything = _synthetic_reports(tmp_path / "all")
    first = tmp_path / "first"
    first.mkdir()
    for path in sorted(everything.glob("*.txt"))[:12]:
        shutil.copy(path, first / path.name)
    duck, server = str(tmp_path / "w.duckdb"), cluster.new_database("reuse_refresh")
    sql = "SELECT r.source_path, o.source_path, u.shared_bands FROM report_reuse AS u " \
          "JOIN reports AS r ON r.report_id = u.report_id JOIN reports AS o ON o.report_id = u.other_report_id"
    counts = []
    for folder in (first, everything):
        for db in (duck, server):
            run_load([folder], db)
        _same(*_both((duck, server), sql), f"report_reuse after loading {folder.name}")
        counts.append(len(run_query(server, sql)[1]))
    assert counts[0] < counts[1]


def test_a_plain_report_reuse_view_from_before_is_replaced_by_the_materialized_one(cluster):
    url = cluster.new_database("reuse_kind")
    engine = make_engine(url)
    try:
        migrate.upgrade(engine)
        with engine.begin() as conn:
            views.drop_views(conn)
            conn.execute(text("CREATE VIEW report_reuse AS SELECT 1 AS report_id"))
        assert migrate.upgrade(engine) == migrate.head_revision()
        with engine.connect() as conn:
            kind = conn.execute(text("SELECT relkind FROM pg_class WHERE relname = 'report_reuse'")).scalar()
    finally:
        engine.dispose()
    assert kind == "m"


def test_both_backends_run_the_same_view_sql():
    """queries/postgresql/NAME.sql would replace NAME.sql on PostgreSQL; every view is portable today, so
    none exists and the two warehouses run the very same SQL (parity above proves it gives the same rows;
    report_reuse runs it as a materialized view there)."""
    assert not list((views.QUERIES / "postgresql").glob("*.sql"))
    assert [(v.name, v.sql) for v in views.list_views(dialect="postgresql")] == \
        [(v.name, v.sql) for v in views.list_views()]


# The same edits on both warehouses: fractional figures and 信息处理费 in 元 (fees_wan = 元 / 10000), which
# the reports in the repository do not have. Values are assigned as literals, never computed, so both
# warehouses hold the same 4-byte numbers.
_FRACTIONAL = (
    "DELETE FROM spending WHERE metric = 'spending.application_fees.amount_wan_yuan' AND report_id % 2 = 0",
    "UPDATE spending SET value = 30 WHERE metric = 'spending.processing_fee.amount_yuan' AND report_id % 3 = 0",
    "UPDATE spending SET value = 1234 WHERE metric = 'spending.processing_fee.amount_yuan' AND report_id % 3 = 1",
    "UPDATE spending SET value = 0.35 WHERE metric = 'spending.application_fees.amount_wan_yuan'",
    "UPDATE spending SET value = 14.55 WHERE metric = 'spending.special_funds.amount_wan_yuan'",
    "UPDATE staffing SET value = 1.5 WHERE report_id % 2 = 1",
    "UPDATE disclosures SET value = 366.1 WHERE report_id % 4 = 0",
)


@pytest.mark.parametrize("view", ["report_summary", "staffing_spending"])
def test_fractional_figures_and_fees_in_yuan_are_identical(cluster, warehouses, tmp_path, view):
    duck = tmp_path / "w.duckdb"
    shutil.copy(warehouses["synthetic"][0], duck)
    with cluster.admin() as conn:
        conn.execute("DROP DATABASE IF EXISTS fractional WITH (FORCE)")
        conn.execute(f"CREATE DATABASE fractional TEMPLATE parity_synthetic OWNER {OWNER}")
    server = cluster.url("fractional")
    for db in (str(duck), server):
        engine = make_engine(db)
        with engine.begin() as conn:
            for statement in _FRACTIONAL:
                conn.execute(text(statement))
        engine.dispose()
    fees = run_query(server, "SELECT count(*) FROM spending WHERE metric = 'spending.processing_fee.amount_yuan' "
                             "AND value > 0")[1][0][0]
    assert fees > 0
    _same(run_query(str(duck), view)[1], run_query(server, view)[1], view)


def test_a_second_load_of_the_same_files_changes_nothing(cluster):
    url = cluster.new_database("reload")
    first = run_load([SAMPLES], url)
    second = run_load([SAMPLES], url)
    assert (first.counts.new, second.counts.new, second.counts.skipped) == (5, 0, 5)
    assert run_query(url, "SELECT count(*) FROM reports")[1] == [(5,)]


# --------------------------------------------------------------------------- the commands

def _ogi(*args: str, env: dict | None = None, timeout: float = 300) -> subprocess.CompletedProcess:
    return subprocess.run(OGI + list(args), capture_output=True, text=True, cwd=ROOT, timeout=timeout,
                          env={**os.environ, **(env or {})})


def test_every_command_works_on_postgresql(cluster, tmp_path):
    url = cluster.new_database("commands")
    upgrade = _ogi("db", "upgrade", "--db", url)
    assert upgrade.returncode == 0, upgrade.stderr
    assert f"schema at revision {migrate.head_revision()}" in upgrade.stdout
    load = _ogi("load", str(SAMPLES), "--db", url, "--json")
    assert load.returncode == 0, load.stderr
    assert '"new": 5' in load.stdout
    summary = _ogi("sql", "SELECT agency, year FROM report_summary ORDER BY agency", "--db", url, "--csv")
    assert summary.returncode == 0, summary.stderr
    assert summary.stdout.splitlines()[0] == "agency,year" and len(summary.stdout.splitlines()) == 6
    refresh = _ogi("views", "refresh", "--db", url)
    assert refresh.returncode == 0 and "report_summary" in refresh.stdout, refresh.stderr
    status = _ogi("status", "--db", url, "--json")
    assert status.returncode == 0, status.stderr
    assert '"current_reports": 5' in status.stdout
    listed = _ogi("views")
    assert listed.returncode == 0 and "report_summary" in listed.stdout
    written = _ogi("sql", "DELETE FROM reports", "--db", url)
    assert written.returncode == 1 and "read-only" in written.stderr
    assert run_query(url, "SELECT count(*) FROM reports")[1] == [(5,)]
    exported = _ogi("export", "--parquet", str(tmp_path / "lake"), "--db", url)
    assert exported.returncode == 0, exported.stderr
    csv = _ogi("export", "report_summary", "-o", str(tmp_path / "summary.csv"), "--db", url)
    assert csv.returncode == 0 and len((tmp_path / "summary.csv").read_text().splitlines()) == 6, csv.stderr
    assert sorted(p.name for p in (tmp_path / "lake").iterdir()) == sorted(
        [*FACT_TABLES, "agencies", "quality_findings", "report_summary", "reports"])


def test_parquet_export_from_postgresql_equals_the_duckdb_one(warehouses, tmp_path):
    import pyarrow.dataset as ds

    from loader.parquet_export import export_parquet

    duck, server = warehouses["real"]
    assert export_parquet(duck, tmp_path / "duck") == export_parquet(server, tmp_path / "server")
    for table in (*FACT_TABLES, "agencies", "quality_findings", "report_summary", "reports"):
        a, b = (ds.dataset(tmp_path / side / table, partitioning="hive").to_table() for side in ("duck", "server"))
        assert a.schema == b.schema, table
        keep = [c for c in a.column_names if c not in _UNCOMPARED]
        assert _canonical(list(zip(*a.select(keep).to_pydict().values()))) == _canonical(
            list(zip(*b.select(keep).to_pydict().values()))), table


# --------------------------------------------------------------------------- one loader at a time

_HOLD = ("import sys\nfrom loader.publish import server_lock\n"
         "with server_lock(sys.argv[1]):\n    print('locked', flush=True)\n    sys.stdin.readline()\n")


def test_a_second_loader_is_kept_out_with_a_clear_message(cluster):
    url = cluster.new_database("locked")
    migrate.upgrade(make_engine(url))
    holder = subprocess.Popen([sys.executable, "-c", _HOLD, url], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                              text=True, cwd=ROOT)
    try:
        assert holder.stdout.readline().strip() == "locked"
        result = _ogi("load", str(SAMPLES), "--db", url)
        assert result.returncode == 1
        assert "Error: another ogi load is writing postgresql+psycopg://ogi_owner:***@127.0.0.1:" in result.stderr
        assert "server process" in result.stderr and "--wait" in result.stderr
        assert OWNER_PASSWORD not in result.stderr + result.stdout
        assert quote(OWNER_PASSWORD, safe="") not in result.stderr + result.stdout
        with pytest.raises(DatabaseBusy):
            run_load([SAMPLES], url)
        assert run_query(url, "SELECT count(*) FROM reports")[1] == [(0,)]  # nothing was written
        holder.stdin.write("\n")
        holder.stdin.flush()
        assert holder.wait(timeout=30) == 0
    finally:
        holder.kill()
    assert run_load([SAMPLES], url).counts.new == 5


def test_a_killed_loader_leaves_no_lock_behind(cluster):
    url = cluster.new_database("killed")
    holder = subprocess.Popen([sys.executable, "-c", _HOLD, url], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                              text=True, cwd=ROOT)
    assert holder.stdout.readline().strip() == "locked"
    holder.send_signal(signal.SIGKILL)
    holder.wait(timeout=30)
    assert run_load([SAMPLES], url, wait_seconds=30).counts.new == 5  # the server ends the dead session


def test_wait_queues_behind_the_running_load(cluster):
    url = cluster.new_database("queued")
    held, release = threading.Event(), threading.Event()

    def hold() -> None:
        with server_lock(url):
            held.set()
            release.wait(30)

    thread = threading.Thread(target=hold)
    thread.start()
    try:
        assert held.wait(30)
        threading.Timer(1.0, release.set).start()
        started = time.monotonic()
        summary = run_load([SAMPLES], url, wait_seconds=60)
        assert summary.counts.new == 5 and time.monotonic() - started >= 0.9
    finally:
        release.set()
        thread.join(30)


# --------------------------------------------------------------------------- a read-only role

def test_grant_reader_gives_select_and_nothing_else(cluster):
    url = cluster.new_database("granted")
    run_load([SAMPLES], url)
    result = _ogi("db", "grant-reader", READER, "--db", url)
    assert result.returncode == 0, result.stderr
    assert READER in result.stdout and OWNER_PASSWORD not in result.stdout + result.stderr
    reader = cluster.url("granted", READER, READER_PASSWORD)
    assert len(run_query(reader, "report_summary")[1]) == 5
    assert run_query(reader, "SELECT count(*) FROM applications")[1][0][0] > 0
    with psycopg.connect(host="127.0.0.1", port=cluster.port, user=READER, password=READER_PASSWORD,
                         dbname="granted", autocommit=True) as conn:
        for statement in ("INSERT INTO agencies (agency_id, agency_key, name, region_derived) "
                          "VALUES (999, 'x', 'x', false)",
                          "UPDATE reports SET is_current = false",
                          "DELETE FROM quality_findings",
                          "CREATE TABLE mine (a int)",
                          "CREATE VIEW mine AS SELECT 1 AS a",
                          "SELECT nextval('report_id_seq')",
                          "DROP VIEW report_summary"):
            with pytest.raises(psycopg.errors.InsufficientPrivilege):
                conn.execute(statement)
        privileges = conn.execute(
            "SELECT has_schema_privilege(current_user, current_schema(), 'CREATE'), "
            "has_table_privilege(current_user, 'reports', 'INSERT, UPDATE, DELETE, TRUNCATE, REFERENCES, TRIGGER'), "
            "has_database_privilege(current_user, current_database(), 'CREATE')").fetchone()
        assert privileges == (False, False, False)
    # A view the loader makes later is readable too (default privileges), with no new grant.
    with psycopg.connect(host="127.0.0.1", port=cluster.port, user=OWNER, password=OWNER_PASSWORD,
                         dbname="granted", autocommit=True) as conn:
        conn.execute("CREATE VIEW later_view AS SELECT agency FROM report_summary")
    assert len(run_query(reader, "later_view")[1]) == 5
    refused = _ogi("sql", "DELETE FROM reports", "--db", reader)
    assert refused.returncode == 1 and READER_PASSWORD not in refused.stderr


def test_grant_reader_refuses_unknown_roles_and_duckdb(cluster, tmp_path):
    url = cluster.new_database("granted_not")
    run_load([SAMPLES], url)
    unknown = _ogi("db", "grant-reader", "nobody_here", "--db", url)
    assert unknown.returncode == 1 and "no role named 'nobody_here'" in unknown.stderr
    duck = tmp_path / "w.duckdb"
    run_load([SAMPLES], str(duck))
    on_duckdb = _ogi("db", "grant-reader", READER, "--db", str(duck))
    assert on_duckdb.returncode == 1 and "PostgreSQL" in on_duckdb.stderr


# --------------------------------------------------------------------------- passwords are never shown

def _shown(result: subprocess.CompletedProcess) -> str:
    return result.stdout + result.stderr


def _no_password(text: str, password: str = OWNER_PASSWORD) -> None:
    for spelling in (password, quote(password, safe=""), quote(password)):
        assert spelling not in text


def test_a_wrong_password_is_reported_without_it(cluster):
    cluster.new_database("masked")
    wrong = "Wr0ng-Secret:pw@x"
    url = cluster.url("masked", OWNER, wrong)
    for args in (["load", str(SAMPLES)], ["status"], ["sql", "report_summary"], ["db", "upgrade"],
                 ["views", "refresh"], ["db", "grant-reader", READER]):
        result = _ogi(*args, "--db", url)
        assert result.returncode == 1, args
        assert "password authentication failed" in result.stderr, (args, result.stderr)
        assert "ogi_owner:***@127.0.0.1" in result.stderr
        assert "Traceback" not in result.stderr
        _no_password(_shown(result), wrong)


def test_an_unreachable_server_is_reported_without_the_password(cluster):
    closed = pg_cluster.free_port()
    url = cluster.url("masked", OWNER, OWNER_PASSWORD, port=closed)
    for args in (["load", str(SAMPLES)], ["status"], ["sql", "report_summary"]):
        result = _ogi(*args, "--db", url, timeout=120)
        assert result.returncode == 1, args
        assert f"cannot connect to postgresql+psycopg://ogi_owner:***@127.0.0.1:{closed}/masked" in result.stderr
        _no_password(_shown(result))
    bad = _ogi("status", "--db", f"postgresql+psycopg://ogi_owner:{OWNER_PASSWORD}@127.0.0.1:notaport/x")
    assert bad.returncode == 1 and "not a database URL" in bad.stderr
    _no_password(_shown(bad))


def test_successful_commands_and_logs_do_not_show_the_password(cluster, caplog):
    url = cluster.new_database("masked_ok")
    with caplog.at_level("DEBUG"):
        run_load([SAMPLES], url)
    _no_password(caplog.text)
    for args in (["load", str(SAMPLES)], ["load", str(SAMPLES), "--json"], ["db", "upgrade"], ["status"],
                 ["status", "--json"], ["views", "refresh"]):
        result = _ogi(*args, "--db", url)
        assert result.returncode == 0, (args, result.stderr)
        _no_password(_shown(result))
    assert "ogi_owner:***@127.0.0.1" in _ogi("db", "upgrade", "--db", url).stdout


def test_password_from_pgpassword_or_pgpass(cluster, tmp_path):
    cluster.new_database("from_env")
    bare = cluster.url("from_env", OWNER, None)
    with_env = _ogi("load", str(SAMPLES), "--db", bare, env={"PGPASSWORD": OWNER_PASSWORD})
    assert with_env.returncode == 0, with_env.stderr
    _no_password(_shown(with_env))
    pgpass = tmp_path / "pgpass"
    pgpass.write_text(f"127.0.0.1:{cluster.port}:from_env:{OWNER}:{OWNER_PASSWORD.replace(':', chr(92) + ':')}\n")
    pgpass.chmod(0o600)
    with_file = _ogi("status", "--db", bare, env={"PGPASSFILE": str(pgpass), "PGPASSWORD": ""})
    assert with_file.returncode == 0, with_file.stderr
    _no_password(_shown(with_file))
    refused = _ogi("status", "--db", bare, env={"PGPASSFILE": str(tmp_path / "none"), "PGPASSWORD": ""})
    assert refused.returncode == 1 and "cannot connect" in refused.stderr


def test_redact_masks_every_spelling():
    from loader.db import display_db, redact

    url = f"postgresql+psycopg://u:{quote(OWNER_PASSWORD, safe='')}@h:5432/d"
    assert display_db(url) == "postgresql+psycopg://u:***@h:5432/d"
    message = f"failed for {url} with {OWNER_PASSWORD} and {quote(OWNER_PASSWORD, safe='')}"
    _no_password(redact(message, url))
    assert display_db("data/warehouse.duckdb") == "data/warehouse.duckdb"


def test_a_load_leaves_planner_statistics_on_the_tables_the_views_read(warehouses):
    """Without ANALYZE after the bulk COPY the views were planned for empty tables (county_ranking: 1.1 s)."""
    _, url = warehouses["real"]
    engine = make_engine(url)
    try:
        with engine.connect() as conn:
            analysed = dict(conn.execute(text(
                "SELECT relname, last_analyze IS NOT NULL FROM pg_stat_user_tables "
                "WHERE relname IN ('reports', 'agencies', 'report_figures', 'applications')")).all())
    finally:
        engine.dispose()
    assert analysed == {"reports": True, "agencies": True, "report_figures": True, "applications": True}
