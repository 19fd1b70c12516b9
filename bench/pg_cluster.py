"""A throw-away PostgreSQL cluster for the benchmark, started the way tests/test_postgres.py starts its own.

initdb and pg_ctl from /usr/lib/postgresql/N/bin (the newest, or $OGI_PG_BIN), run as the `postgres`
user when this process is root (PostgreSQL refuses root), in a temporary folder chowned to it; the
server listens on 127.0.0.1 on a free port and on a private unix socket only (local: trust, host:
scram-sha-256). A login role that is no superuser owns one database, as a team's loader would.

    with pg_cluster.running() as cluster:
        cluster.url          # postgresql+psycopg://ogi_bench@127.0.0.1:PORT/ogi_bench (no password)
        cluster.env          # os.environ plus PGPASSWORD, for child processes
        cluster.admin()      # the superuser, through the unix socket

The cluster is stopped and its folder removed on leaving the block, also after an error.
"""
from __future__ import annotations

import contextlib
import glob
import os
import pwd
import secrets
import shutil
import socket
import subprocess
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

OWNER = "ogi_bench"
DATABASE = "ogi_bench"


def server_bin() -> Path:
    candidates = [os.environ["OGI_PG_BIN"]] if os.environ.get("OGI_PG_BIN") else sorted(
        glob.glob("/usr/lib/postgresql/*/bin"), key=lambda p: int(Path(p).parent.name))
    for folder in reversed(candidates):
        if (Path(folder) / "initdb").exists() and (Path(folder) / "pg_ctl").exists():
            return Path(folder)
    raise RuntimeError("PostgreSQL server binaries (initdb, pg_ctl) not found in /usr/lib/postgresql/*/bin "
                       "or $OGI_PG_BIN: apt-get install -y postgresql")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _run(command: list[str], as_postgres: bool) -> None:
    if as_postgres:
        command = ["runuser", "-u", "postgres", "--", *command]
    result = subprocess.run(command, capture_output=True, text=True, timeout=120)
    if result.returncode != 0:
        raise RuntimeError(f"{' '.join(command)} failed ({result.returncode}):\n{result.stdout}\n{result.stderr}")


@dataclass
class Cluster:
    port: int
    sockets: Path
    password: str
    version: str = ""

    @property
    def url(self) -> str:
        """The owner's URL without its password (it is in `env` as PGPASSWORD)."""
        return f"postgresql+psycopg://{OWNER}@127.0.0.1:{self.port}/{DATABASE}"

    @property
    def env(self) -> dict[str, str]:
        return {**os.environ, "PGPASSWORD": self.password}

    def admin(self, dbname: str = "postgres"):
        import psycopg

        return psycopg.connect(host=str(self.sockets), port=self.port, user="postgres", dbname=dbname,
                               autocommit=True)

    def database_mb(self) -> float:
        with self.admin() as conn:
            return conn.execute("SELECT pg_database_size(%s)", (DATABASE,)).fetchone()[0] / 2**20


@contextlib.contextmanager
def server(settings: tuple[str, ...] = ("fsync=off", "synchronous_commit=off", "full_page_writes=off"),
           prefix: str = "ogi-bench-pg-") -> Iterator[tuple[int, Path]]:
    """Start a bare cluster (durability off: a test or a benchmark, not a server) and yield its port and
    socket folder; stop it (fast, else immediate) and remove its folder on leaving, also after an error.
    tests/test_postgres.py starts its cluster with this too."""
    binaries = server_bin()
    as_postgres = os.geteuid() == 0
    root = Path(tempfile.mkdtemp(prefix=prefix))
    data, sockets, log = root / "data", root / "sockets", root / "server.log"
    sockets.mkdir()
    if as_postgres:
        account = pwd.getpwnam("postgres")
        for path in (root, sockets):
            os.chown(path, account.pw_uid, account.pw_gid)
    started = False
    try:
        _run([str(binaries / "initdb"), "-D", str(data), "-U", "postgres", "-E", "UTF8", "--locale=C",
              "--auth-local=trust", "--auth-host=scram-sha-256"], as_postgres)
        for _ in range(5):  # another process may take the free port between looking and binding
            port = free_port()
            options = " ".join([f"-p {port} -k {sockets} -c listen_addresses=127.0.0.1",
                                *(f"-c {s}" for s in settings)])
            try:
                _run([str(binaries / "pg_ctl"), "-D", str(data), "-l", str(log), "-w", "-t", "60",
                      "-o", options, "start"], as_postgres)
                started = True
                break
            except RuntimeError:
                if "could not bind" not in (log.read_text() if log.exists() else ""):
                    raise
        if not started:
            raise RuntimeError(f"PostgreSQL did not start:\n{log.read_text() if log.exists() else ''}")
        yield port, sockets
    finally:
        if started:
            try:
                _run([str(binaries / "pg_ctl"), "-D", str(data), "-m", "fast", "-w", "stop"], as_postgres)
            except RuntimeError:
                _run([str(binaries / "pg_ctl"), "-D", str(data), "-m", "immediate", "-w", "stop"], as_postgres)
        shutil.rmtree(root, ignore_errors=True)


@contextlib.contextmanager
def running() -> Iterator[Cluster]:
    """A cluster with the owner role and its database, as a team's loader would have."""
    with server() as (port, sockets):
        cluster = Cluster(port, sockets, secrets.token_urlsafe(16))
        with cluster.admin() as conn:
            conn.execute(f"CREATE ROLE {OWNER} LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE "
                         f"PASSWORD '{cluster.password}'")
            conn.execute(f"CREATE DATABASE {DATABASE} OWNER {OWNER}")
            cluster.version = conn.execute("SHOW server_version").fetchone()[0]
        yield cluster
