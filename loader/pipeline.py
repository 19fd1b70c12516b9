"""run_load(paths, db) → LoadSummary: the only place that knows the order of the stages.

read → detect → extract (tables, prose) → validate → write. Files already loaded with the same
content and parser version are skipped before they are parsed; a file that cannot be read or is
not a report is recorded as rejected and the load goes on.
"""
from __future__ import annotations

import logging
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from loader import PARSER_VERSION, migrate
from loader.db import make_engine
from loader.errors import OgiError, RejectedFile
from loader.extract import extract_document
from loader.model import Extraction
from loader.publish import staged
from loader.read import is_candidate, read_document, sha256_of
from loader.write import LoadCounts, known_files, write_load

log = logging.getLogger(__name__)


@dataclass
class LoadSummary:
    load_id: int
    db: str
    counts: LoadCounts


def collect_files(paths: Iterable[str | Path]) -> list[Path]:
    """Folders are walked for report files; a file named on the command line is always tried."""
    files = []
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            files.extend(sorted(p for p in path.rglob("*") if is_candidate(p)))
        elif path.is_file():
            files.append(path)
        else:
            raise OgiError(f"{raw}: no such file or folder", "check the path; folders are searched recursively")
    return files


def run_load(paths: Iterable[str | Path], db: str, reparse: bool = False,
             progress: Callable[[Path], None] | None = None, wait_seconds: float = 0) -> LoadSummary:
    """Load `paths` into `db`; readers of `db` see all of this load or none of it (loader.publish)."""
    files = collect_files(paths)
    with staged(db, wait_seconds) as target:
        load_id, counts = _load_into(files, target, reparse, progress)
    return LoadSummary(load_id, db, counts)


def _load_into(files: list[Path], db: str, reparse: bool,
               progress: Callable[[Path], None] | None) -> tuple[int, LoadCounts]:
    engine = make_engine(db)
    if migrate.needs_upgrade(engine):
        migrate.upgrade(engine)
    seen_before, sha_by_path = known_files(engine)
    counts = LoadCounts(seen=len(files))
    started = datetime.now()
    extractions: list[Extraction] = []
    rejections: list[RejectedFile] = []
    rejected_sha: dict[str, str | None] = {}
    loaded_now: set[str] = set()
    for path in files:
        if progress:
            progress(path)
        try:
            digest = sha256_of(path)
        except OSError as exc:
            rejections.append(RejectedFile(str(path), f"cannot read the file: {exc.strerror or exc}"))
            rejected_sha[str(path)] = None
            continue
        if not reparse and ((digest, PARSER_VERSION) in seen_before or digest in loaded_now):
            counts.skipped += 1
            continue
        loaded_now.add(digest)
        try:
            extractions.append(extract_document(read_document(path)))
        except RejectedFile as error:
            rejections.append(error)
            rejected_sha[str(path)] = digest
            continue
        except Exception as exc:  # noqa: BLE001 - a parser bug must not stop the night's load
            log.exception("parser error on %s", path)
            rejections.append(_internal_error(path, exc))
            rejected_sha[str(path)] = digest
            continue
        if sha_by_path.get(str(path)) not in (None, digest):
            counts.changed += 1
        else:
            counts.new += 1
    counts.rejected = len(rejections)
    counts.rejections = [(e.path, e.reason, e.detail) for e in rejections]
    try:
        load_id = write_load(engine, started, extractions, rejections, rejected_sha, counts)
        with engine.begin() as conn:
            conn.exec_driver_sql("CHECKPOINT")
    finally:
        engine.dispose()
    return load_id, counts


def _internal_error(path: Path, exc: Exception) -> RejectedFile:
    error = RejectedFile(str(path), f"internal parser error ({type(exc).__name__}: {exc}); please report it")
    error.reason = "parser_error"
    return error


