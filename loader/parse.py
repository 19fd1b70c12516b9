"""One file → its ParsedReport or the reason it is rejected: the work a parsing process does.

Kept apart from the pipeline so that worker processes import only the reading and extraction
stages (not SQLAlchemy, alembic, DuckDB or Arrow): they start faster and use less memory. What a
worker returns is what the writer stores, already laid out as columns, so the loading process only
adds ids and hands the columns on (it unpickles tuples of plain values, not one object per fact).
"""
from __future__ import annotations

import gc
import logging
import os
import sys
import threading
import time
from dataclasses import dataclass
from pathlib import Path

from loader.errors import RejectedFile
from loader.model import Extraction, ReportMeta, Rejection
from loader.read import read_document, sha256_of
from loader.figures import FIGURE_METRICS

log = logging.getLogger(__name__)

FACT_FIELDS = ("metric", "value", "unit", "source_line", "method", "raw_text", "qualifier", "approximate")
FINDING_FIELDS = ("rule", "severity", "message", "metric", "expected", "found", "source_line")
RAW_TEXT_MAX = 500  # characters of a fact's source text kept with it


@dataclass(slots=True)
class ParsedReport:
    """One report as the writer stores it: metadata, and its facts as columns per fact table."""

    path: str
    sha256: str
    encoding: str
    meta: ReportMeta
    template: str
    template_confidence: float
    facts: dict[str, tuple[tuple, ...]]  # fact table → one tuple per FACT_FIELDS column
    findings: list[tuple]                # one FINDING_FIELDS tuple per finding
    signature: list[tuple[int, int]]     # (band, bucket), loader.signature
    figures: tuple                       # the value of each FIGURE_METRICS fact, None where absent


_TABLE_OF: dict[str, tuple[str, str]] = {}  # metric → (it interned, its fact table): a chunk pickles each once


def compact(extraction: Extraction) -> ParsedReport:
    """Facts as columns, their repeated strings interned (written for speed: a report has about 100 facts)."""
    by_table: dict[str, list[tuple]] = {}
    for fact in extraction.facts.values():
        known = _TABLE_OF.get(fact.metric)
        if known is None:
            metric = sys.intern(fact.metric)
            known = _TABLE_OF[metric] = (metric, metric.split(".", 1)[0])
        metric, table = known
        raw = fact.raw
        if len(raw) > RAW_TEXT_MAX:
            raw = raw[:RAW_TEXT_MAX]
        elif len(raw) <= 16:
            raw = sys.intern(raw)
        rows = by_table.get(table)
        if rows is None:
            rows = by_table[table] = []
        rows.append((metric, fact.value, fact.unit, fact.line, fact.method, raw, fact.qualifier,
                     fact.qualifier == "lower_bound"))  # Fact.approximate
    document, get = extraction.document, extraction.facts.get
    return ParsedReport(document.path, document.sha256, document.encoding, extraction.meta, extraction.template,
                        extraction.template_confidence, {t: tuple(zip(*rows)) for t, rows in by_table.items()},
                        [(f.rule, f.severity, f.message, f.metric, f.expected, f.found, f.line)
                         for f in extraction.findings], extraction.signature,
                        tuple([f.value if (f := get(metric)) is not None else None for metric in FIGURE_METRICS]))


def parse_file(path: str | Path, digest: str | None) -> ParsedReport | Rejection:
    """One file → its ParsedReport, or the reason it is rejected (picklable, for worker processes). A file
    the loader has not hashed is hashed here, as it is read, so a new folder's files are hashed in parallel.
    A rejected file keeps its hash, so the next load skips it while it is unchanged."""
    try:
        document = read_document(path, digest)
    except OSError as exc:
        return Rejection(str(path), "unreadable", f"cannot read the file: {exc.strerror or exc}")
    except RejectedFile as error:
        return Rejection(str(path), error.reason, error.detail, _hash_or_none(path, digest))
    except Exception as exc:  # noqa: BLE001 - a reader bug must not stop the night's load
        return _parser_error(path, exc, _hash_or_none(path, digest))
    try:
        from loader.extract import extract_document  # here: a load that parses nothing compiles no rules

        return compact(extract_document(document))
    except RejectedFile as error:
        return Rejection(str(path), error.reason, error.detail, document.sha256)
    except Exception as exc:  # noqa: BLE001 - a parser bug must not stop the night's load
        return _parser_error(path, exc, document.sha256)


def _hash_or_none(path: str | Path, digest: str | None) -> str | None:
    try:
        return digest or sha256_of(path)
    except OSError:
        return None


def _parser_error(path: str | Path, exc: Exception, digest: str | None) -> Rejection:
    log.error("parser error on %s", path, exc_info=exc)
    return Rejection(str(path), "parser_error",
                     f"internal parser error ({type(exc).__name__}: {exc}); please report it", digest)


def parse_chunk(chunk: list[tuple[str, str | None]]) -> list[ParsedReport | Rejection]:
    return [parse_file(path, digest) for path, digest in chunk]


RARE_COLLECTIONS = (50_000, 20, 10)  # gc thresholds for a load: see loader.pipeline._rare_collections


def start_worker(parent: int) -> None:
    """Worker initializer: collect garbage rarely (a parse makes thousands of short-lived cells and facts
    and no cycles to speak of: 3% of a worker's time went to the collector), and leave when the loading
    process is gone (kill -9 would orphan us)."""
    gc.set_threshold(*RARE_COLLECTIONS)
    def watch() -> None:
        while True:
            time.sleep(1)
            try:
                os.kill(parent, 0)
            except ProcessLookupError:
                os._exit(1)
    threading.Thread(target=watch, daemon=True).start()
