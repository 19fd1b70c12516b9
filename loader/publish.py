"""Publishing a load while analysts read: one loader at a time, and all of a load or nothing.

A DuckDB file has a single writer, and an analyst's open connection (the DuckDB CLI opens files
read-write) would make the nightly load fail. So a load never opens the live file: it copies it to
a staging file beside it, loads into the copy, checkpoints, and renames the copy over the live file
in one atomic step. Readers that already have the file open keep reading the version they opened;
new connections see the new one. A crash, kill -9 or full disk before the rename leaves the live
file as it was (the stale staging file is removed by the next load). A lock file keeps a second
loader out with a clear message. A PostgreSQL warehouse needs no copy (one transaction per load is
atomic there); a session-level advisory lock keeps a second loader out instead.
"""
from __future__ import annotations

import contextlib
import fcntl
import os
import shutil
import time
from collections.abc import Iterator
from pathlib import Path

from loader.errors import DatabaseBusy, OgiError


def is_server(db: str) -> bool:
    return "://" in db


@contextlib.contextmanager
def loader_lock(db: str, wait_seconds: float = 0) -> Iterator[None]:
    """An exclusive lock next to the warehouse; waits up to `wait_seconds`, then says who holds it."""
    path = Path(f"{db}.lock")
    path.parent.mkdir(parents=True, exist_ok=True)
    handle = open(path, "a+")
    deadline = time.monotonic() + wait_seconds
    while True:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
            break
        except BlockingIOError:
            if time.monotonic() >= deadline:
                handle.seek(0)
                holder = handle.read().strip() or "another process"
                handle.close()
                raise DatabaseBusy(f"another ogi load is writing {db} ({holder})",
                                   "wait for it to finish, or pass --wait SECONDS to queue behind it")
            time.sleep(0.2)
    handle.seek(0)
    handle.truncate()
    handle.write(f"pid {os.getpid()} since {time.strftime('%Y-%m-%d %H:%M:%S')}")
    handle.flush()
    try:
        yield
    finally:
        handle.truncate(0)
        fcntl.flock(handle, fcntl.LOCK_UN)
        handle.close()


# pg_advisory_lock(classid, objid): 0x6f6769 is "ogi", 1 the load. Session-level: a loader that dies
# loses its connection and with it the lock.
_LOCK_KEY = {"ns": 0x6F6769, "id": 1}


@contextlib.contextmanager
def server_lock(db: str, wait_seconds: float = 0) -> Iterator[None]:
    """The loader lock of a server warehouse: a PostgreSQL advisory lock held on its own connection."""
    from sqlalchemy import text

    from loader.db import display_db, make_engine

    engine = make_engine(db)
    try:
        with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
            deadline = time.monotonic() + wait_seconds
            while not conn.execute(text("SELECT pg_try_advisory_lock(:ns, :id)"), _LOCK_KEY).scalar():
                if time.monotonic() >= deadline:
                    holder = conn.execute(text(
                        "SELECT a.pid, a.usename, a.backend_start FROM pg_locks AS l "
                        "LEFT JOIN pg_stat_activity AS a ON a.pid = l.pid "
                        "WHERE l.locktype = 'advisory' AND l.granted AND l.classid = :ns AND l.objid = :id "
                        "AND l.objsubid = 2 AND l.database = (SELECT oid FROM pg_database "
                        "WHERE datname = current_database())"), _LOCK_KEY).first()
                    who = "another session"
                    if holder is not None:
                        who = f"server process {holder.pid}" + (f" of {holder.usename}" if holder.usename else "")
                        if holder.backend_start is not None:
                            who += f" since {holder.backend_start:%Y-%m-%d %H:%M:%S}"
                    raise DatabaseBusy(f"another ogi load is writing {display_db(db)} ({who})",
                                       "wait for it to finish, or pass --wait SECONDS to queue behind it")
                time.sleep(0.2)
            try:
                yield
            finally:
                with contextlib.suppress(Exception):  # a lost connection has released it already
                    conn.execute(text("SELECT pg_advisory_unlock(:ns, :id)"), _LOCK_KEY)
    finally:
        engine.dispose()


def _staging_path(db: Path) -> Path:
    return db.with_name(f".{db.name}.loading-{os.getpid()}")


def _remove_stale_staging(db: Path) -> None:
    for stale in db.parent.glob(f".{db.name}.loading-*"):
        stale.unlink(missing_ok=True)


@contextlib.contextmanager
def staged(db: str, wait_seconds: float = 0) -> Iterator[str]:
    """Yields the database a load should write to; on success it becomes the live warehouse."""
    if is_server(db):
        with server_lock(db, wait_seconds):  # transactions and MVCC do the rest: no staging copy
            yield db
        return
    live = Path(db)
    with loader_lock(db, wait_seconds):
        _remove_stale_staging(live)
        stage = _staging_path(live)
        try:
            if live.exists():
                shutil.copyfile(live, stage)
                wal = Path(f"{live}.wal")
                if wal.exists():  # a writer died before its checkpoint: the copy replays it
                    shutil.copyfile(wal, f"{stage}.wal")
            yield str(stage)
            _fsync(stage)
            os.replace(stage, live)
            _fsync_dir(live.parent)
        except OSError as exc:
            raise OgiError(f"could not publish the load to {db}: {exc.strerror or exc}",
                           "check free disk space and permissions; the previous warehouse is unchanged") from exc
        finally:
            stage.unlink(missing_ok=True)
            Path(f"{stage}.wal").unlink(missing_ok=True)


def _fsync(path: Path) -> None:
    with open(path, "rb") as handle:
        os.fsync(handle.fileno())


def _fsync_dir(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
