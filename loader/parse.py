"""One file → its Extraction or the reason it is rejected: the work a parsing process does.

Kept apart from the pipeline so that worker processes import only the reading and extraction
stages (not SQLAlchemy, alembic, DuckDB or Arrow): they start faster and use less memory.
"""
from __future__ import annotations

import logging
import os
import threading
import time
from pathlib import Path

from loader.errors import RejectedFile
from loader.extract import extract_document
from loader.model import Extraction, Rejection
from loader.read import read_document

log = logging.getLogger(__name__)


def parse_file(path: Path, digest: str) -> Extraction | Rejection:
    """One file → its Extraction, or the reason it is rejected (picklable, for worker processes)."""
    try:
        extraction = extract_document(read_document(path, digest))
        # the writer needs the facts, not the text: keep worker results and the load's memory small
        extraction.document.lines, extraction.document.raw_lines = [], []
        return extraction
    except RejectedFile as error:
        return Rejection(str(path), error.reason, error.detail, digest)
    except Exception as exc:  # noqa: BLE001 - a parser bug must not stop the night's load
        log.exception("parser error on %s", path)
        return Rejection(str(path), "parser_error",
                         f"internal parser error ({type(exc).__name__}: {exc}); please report it", digest)


def parse_chunk(chunk: list[tuple[Path, str]]) -> list[Extraction | Rejection]:
    return [parse_file(path, digest) for path, digest in chunk]


def exit_with_parent(parent: int) -> None:
    """Worker initializer: leave when the loading process is gone (kill -9 would orphan us)."""
    def watch() -> None:
        while True:
            time.sleep(1)
            try:
                os.kill(parent, 0)
            except ProcessLookupError:
                os._exit(1)
    threading.Thread(target=watch, daemon=True).start()
