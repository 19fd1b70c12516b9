"""run_load(paths, db) → LoadSummary: the only place that knows the order of the stages.

read → detect → extract (tables, prose) → validate → write. Files already loaded with the same
content and parser version are skipped before they are parsed; a file that cannot be read or is
not a report is recorded as rejected and the load goes on.
"""
from __future__ import annotations

import gc
import multiprocessing
import os
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass
from datetime import datetime
from itertools import islice
from pathlib import Path

from sqlalchemy.engine import Engine

from loader import PARSER_VERSION, migrate
from loader.backends import backend_for
from loader.db import make_engine
from loader.errors import OgiError
from loader.identity import IdentityRule, apply_rules, load_rules
from loader.model import Rejection
from loader.parse import RARE_COLLECTIONS, parse_chunk, parse_file, start_worker
from loader.publish import staged
from loader.read import is_candidate_name, sha256_of
from loader.write import LoadCounts, LoadWriter, known_files


@dataclass
class LoadSummary:
    load_id: int
    db: str
    counts: LoadCounts


def collect_files(paths: Iterable[str | Path]) -> list[str]:
    """Folders are walked for report files; a file named on the command line is always tried. Paths come
    back as the strings str(Path) gives (what `reports.source_path` holds): 100,000 Path objects held
    36 MB through a load, their strings 9 MB."""
    files = []
    for raw in paths:
        path = Path(raw)
        if path.is_dir():  # in Path order: sorted by parts (Path's own comparison is five times slower)
            files.extend(sorted(_report_files(str(path)), key=lambda p: p.split(os.sep)))
        elif path.is_file():
            files.append(str(path))
        else:
            raise OgiError(f"{raw}: no such file or folder", "check the path; folders are searched recursively")
    return files


def _report_files(folder: str) -> list[str]:
    """The files under `folder` that rglob("*") would find with a candidate name (a directory symlink is not
    followed, a symlink to a file is taken), from os.scandir, whose entries know their type without a
    stat each: a nightly no-op walks every folder again. Each is str(Path(folder) / ... / name)."""
    found, folders = [], [folder]
    while folders:
        directory = folders.pop()
        prefix = "" if directory == "." else directory.rstrip(os.sep) + os.sep  # (Path("./x") is "x")
        try:
            with os.scandir(directory) as listing:
                entries = list(listing)
        except PermissionError:
            continue
        for entry in entries:
            if entry.is_dir(follow_symlinks=False):
                folders.append(prefix + entry.name)
            elif is_candidate_name(entry.name) and entry.is_file():
                found.append(prefix + entry.name)
    return found


def run_load(paths: Iterable[str | Path], db: str, reparse: bool = False,
             progress: Callable[[str], None] | None = None, wait_seconds: float = 0,
             agencies_csv: Path | None = None) -> LoadSummary:
    """Load `paths` into `db`; readers of `db` see all of this load or none of it (loader.publish)."""
    return load_files(collect_files(paths), db, reparse, progress, wait_seconds, agencies_csv)


def load_files(files: list[str], db: str, reparse: bool = False,
               progress: Callable[[str], None] | None = None, wait_seconds: float = 0,
               agencies_csv: Path | None = None) -> LoadSummary:
    """run_load of the files collect_files found (`ogi load` has counted them for its progress bar)."""
    rules = load_rules(agencies_csv)
    with staged(db, wait_seconds) as target:
        load_id, counts = _load_into(files, target, reparse, progress, rules)
    return LoadSummary(load_id, db, counts)


PARALLEL_FROM = 200  # files; below this a process pool costs more than it saves


CHUNK = 32      # files per task sent to a worker
AHEAD = 16      # tasks in flight: workers keep parsing while the writer writes, and results never pile up


def _start_pool(files: int) -> ProcessPoolExecutor | None:
    """The parsing processes for a load of `files` files, or None where one process parses them."""
    if files < PARALLEL_FROM or (os.cpu_count() or 1) < 2:
        return None
    # spawn, not fork: a forked worker would inherit the loader lock's descriptor and keep the
    # warehouse locked after the parent is killed; spawned workers start clean and watch the parent.
    return ProcessPoolExecutor(max_workers=os.cpu_count(), mp_context=multiprocessing.get_context("spawn"),
                               initializer=start_worker, initargs=(os.getpid(),))


def _parse_all(todo: list[str], digests: dict[str, str], progress: Callable[[str], None] | None,
               pool: ProcessPoolExecutor | None = None) -> Iterator:
    """Each file's ParsedReport or Rejection, in order: in the processes of `pool` (started early, see
    _load_into) or of a pool of its own for 200 files or more, otherwise here. `digests` holds the hashes
    the loader has already taken (of files it had seen before); a worker hashes the others as it reads."""
    with ExitStack() as stack:
        if pool is None and (pool := _start_pool(len(todo))) is not None:
            stack.enter_context(pool)
        if pool is None:
            for path in todo:
                yield parse_file(path, digests.get(path))
                if progress:
                    progress(path)
            return
        tasks = ([(path, digests.get(path)) for path in todo[i:i + CHUNK]] for i in range(0, len(todo), CHUNK))
        in_flight = deque((task, pool.submit(parse_chunk, task)) for task in islice(tasks, AHEAD))
        while in_flight:
            task, future = in_flight.popleft()
            following = next(tasks, None)
            if following:
                in_flight.append((following, pool.submit(parse_chunk, following)))
            for (path, _), result in zip(task, future.result()):
                yield result
                if progress:
                    progress(path)


@contextmanager
def _rare_collections() -> Iterator[None]:
    """The loading process holds a thousand parsed reports and their tuples at a time, so with the default
    thresholds the cyclic collector ran about 1,000 times in a 10,000-report load and walked the whole heap
    six times: 1.4 of its 8 CPU-s. A load makes little cyclic garbage; collecting every 50,000 allocations
    costs 0.3 s and no memory (gctime over 10,000 generated reports). The thresholds are put back after."""
    before = gc.get_threshold()
    gc.set_threshold(*RARE_COLLECTIONS)
    try:
        yield
    finally:
        gc.set_threshold(*before)


def _load_into(files: list[str], db: str, reparse: bool, progress: Callable[[str], None] | None,
               rules: list[IdentityRule]) -> tuple[int, LoadCounts]:
    with ExitStack() as stack:
        engine = make_engine(db)
        stack.callback(engine.dispose)
        pool = None
        if migrate.needs_upgrade(engine):
            # a new warehouse parses every file: its workers start now and import while the schema is made
            # (1.2-2.2 s less for a cold 10,000-report load); a spawned pool starts every worker at its first task
            if (pool := _start_pool(len(files))) is not None:
                stack.enter_context(pool)
                pool.submit(int)
            migrate.upgrade(engine)
        return _load_with(files, engine, pool, reparse, progress, rules)


def _load_with(files: list[str], engine: Engine, pool: ProcessPoolExecutor | None, reparse: bool,
               progress: Callable[[str], None] | None, rules: list[IdentityRule]) -> tuple[int, LoadCounts]:
    """Skip what the warehouse holds already, parse the rest (in `pool`, when one was started) and write it."""
    seen_before, sha_by_path, known_paths = known_files(engine)
    counts = LoadCounts(seen=len(files))
    started = datetime.now()
    rejections: list[Rejection] = []
    todo: list[str] = []  # (paths, not (path, digest) pairs: a cold load of 100,000 files hashes none here)
    digests: dict[str, str] = {}
    queued: set[bytes] = set()  # the content queued in this load (a digest's 32 bytes: half its hex's size)
    for path in map(str, files):
        if reparse or path not in known_paths:
            todo.append(path)  # a file never seen: its parser hashes it (in parallel, as it reads it)
            continue
        try:
            digest = sha256_of(path)
        except OSError as exc:
            rejections.append(Rejection(str(path), "unreadable", f"cannot read the file: {exc.strerror or exc}"))
            continue
        if (digest, PARSER_VERSION) in seen_before or bytes.fromhex(digest) in queued:
            counts.skipped += 1
            if progress:
                progress(path)
            continue
        queued.add(bytes.fromhex(digest))
        todo.append(path)
        digests[path] = digest
    with LoadWriter(engine, started) as writer, _rare_collections():
        for path, result in zip(todo, _parse_all(todo, digests, progress, pool)):
            if path not in digests and result.sha256 and not reparse:  # hashed by its parser
                content = bytes.fromhex(result.sha256)
                if (result.sha256, PARSER_VERSION) in seen_before or content in queued:
                    counts.skipped += 1  # the same content as a file loaded before or earlier in this load
                    continue
                queued.add(content)
            if isinstance(result, Rejection):
                writer.reject(result)
                counts.rejections.append((result.path, result.reason, result.detail))
                continue
            apply_rules(result.meta, rules)
            changed = sha_by_path.get(result.path) not in (None, result.sha256)
            counts.changed += changed
            counts.new += not changed
            writer.add(result)
        for rejection in rejections:
            writer.reject(rejection)
            counts.rejections.append((rejection.path, rejection.reason, rejection.detail))
        counts.rejected = len(counts.rejections)
        load_id = writer.finish(counts)
    with engine.begin() as conn:
        backend_for(conn).after_load(conn)
    return load_id, counts
