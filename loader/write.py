"""Parsed reports → rows: the only stage that writes to the warehouse.

One load is one transaction: its reports, facts, findings, rejections and its load_runs row are
published together or not at all. Rows are gathered per table as column lists and written in bulk
by the backend (loader.backends); lookups and updates are portable SQLAlchemy Core.
"""
from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from itertools import chain, repeat
from operator import itemgetter

from sqlalchemy import bindparam, select, update
from sqlalchemy.engine import Connection, Engine

from loader import PARSER_VERSION
from loader.backends import backend_for
from loader.model import Rejection
from loader.figures import FIGURE_METRICS, figure_column
from loader.parse import FACT_FIELDS, FINDING_FIELDS, ParsedReport
from loader.schema import (FACT_TABLE_BY_NAME, agencies, agency_id_seq, finding_id_seq, load_id_seq, load_runs,
                           quality_findings, rejected_files, rejection_id_seq, report_figures, report_id_seq,
                           report_signatures, reports)


@dataclass
class LoadCounts:
    seen: int = 0
    new: int = 0
    changed: int = 0
    skipped: int = 0
    rejected: int = 0
    findings: int = 0
    rejections: list[tuple[str, str, str]] = field(default_factory=list)  # path, reason, detail

    @property
    def outcome(self) -> str:
        return "done_with_rejections" if self.rejected else "done"


def known_files(engine: Engine) -> tuple[set[tuple[str, str]], dict[str, str], set[str]]:
    """(sha256, parser version) pairs already loaded or rejected, the sha256 last loaded per path, and
    every path loaded or rejected before (only those need hashing before a load decides what to parse)."""
    with engine.connect() as conn:
        loaded = conn.execute(select(reports.c.sha256, reports.c.parser_version, reports.c.source_path)).all()
        rejected = conn.execute(select(rejected_files.c.sha256, rejected_files.c.parser_version,
                                       rejected_files.c.source_path)).all()
    seen = {(r.sha256, r.parser_version) for r in loaded} | {(r.sha256, r.parser_version) for r in rejected}
    paths = {r.source_path for r in loaded} | {r.source_path for r in rejected}
    return seen, {r.source_path: r.sha256 for r in loaded}, paths


def agency_key(report: ParsedReport) -> str:
    """Namesakes in different counties stay apart: the key is the name and its lowest known region."""
    meta = report.meta
    if meta.agency is None:  # never merge two unnamed reports into one agency
        return f"(unknown agency)|{report.sha256[:16]}"
    return "|".join([meta.agency, meta.county or meta.city or meta.province or ""])


FIGURE_COLUMNS = tuple(figure_column(m) for m in FIGURE_METRICS)


class _Batch:
    """Columns per table (what Arrow and COPY take): a few rows added one by one, or a table's columns
    laid out whole (see _report_tables)."""

    def __init__(self) -> None:
        self.columns: dict[str, dict[str, Sequence]] = {}

    def add(self, table: str, **row) -> None:
        columns = self.columns.setdefault(table, {name: [] for name in row})
        for name, value in row.items():
            columns[name].append(value)

    def put(self, table: str, columns: dict[str, Sequence]) -> None:
        self.columns[table] = columns

    def tables(self):
        return self.columns.items()


def _retire_replaced(conn: Connection, pairs: set[tuple[int, int | None]]) -> None:
    """The current report of an agency-year becomes history when a new version arrives."""
    agency_ids = sorted({agency_id for agency_id, _ in pairs})
    current = conn.execute(select(reports.c.report_id, reports.c.agency_id, reports.c.year)
                           .where(reports.c.is_current, reports.c.agency_id.in_(bindparam("agencies", expanding=True))),
                           {"agencies": agency_ids}).all()
    retired = [r.report_id for r in current if (r.agency_id, r.year) in pairs]
    if retired:
        conn.execute(update(reports).where(reports.c.report_id.in_(bindparam("ids", expanding=True)))
                     .values(is_current=False), {"ids": retired})


REPORT_COLUMNS = ("report_id", "agency_id", "year", "template", "template_confidence", "title", "published_on",
                  "source_path", "sha256", "encoding", "parser_version", "load_id", "loaded_at", "is_current")
FINDING_COLUMNS = ("finding_id", "report_id", "load_id", *FINDING_FIELDS)


def _rows_to_columns(names: tuple[str, ...], rows: list[tuple]) -> dict[str, tuple]:
    return dict(zip(names, zip(*rows)))


def _repeat(values: Sequence, counts: list[int]) -> list:
    """Each value as often as its count: a report's ids beside each of its rows."""
    return list(chain.from_iterable(map(repeat, values, counts)))


def _report_tables(batch: _Batch, reports: list[ParsedReport], report_ids: list[int], agency_ids: list[int],
                   current: list[bool], finding_ids: Iterator[int], load_id: int, now: datetime) -> None:
    """The batch's reports as whole columns per table. A report's facts arrive from the parser as
    columns already, so each fact column is the parsers' columns chained end to end (in C, by itertools),
    not grown report by report."""
    report_rows, figure_rows, finding_rows, signatures = [], [], [], []
    facts: dict[str, list[tuple[int, int, int | None, tuple]]] = {}
    for report, report_id, agency_id, is_current in zip(reports, report_ids, agency_ids, current):
        meta = report.meta
        report_rows.append((report_id, agency_id, meta.year, report.template, report.template_confidence,
                            meta.title, meta.published_on, report.path, report.sha256, report.encoding,
                            PARSER_VERSION, load_id, now, is_current))
        figure_rows.append((report_id, *report.figures))
        for finding in report.findings:
            finding_rows.append((next(finding_ids), report_id, load_id, *finding))
        for table, columns in report.facts.items():
            facts.setdefault(table, []).append((report_id, agency_id, meta.year, columns))
        if report.signature:
            signatures.append((report_id, report.signature))
    batch.put("reports", _rows_to_columns(REPORT_COLUMNS, report_rows))
    for table, parts in facts.items():
        report_id, agency_id, year, columns = zip(*parts)
        counts = [len(c[0]) for c in columns]
        batch.put(table, {"report_id": _repeat(report_id, counts), "agency_id": _repeat(agency_id, counts),
                          "year": _repeat(year, counts), "load_id": [load_id] * sum(counts),
                          **{name: list(chain.from_iterable(map(itemgetter(i), columns)))
                             for i, name in enumerate(FACT_FIELDS)}})
    pairs = list(chain.from_iterable(signature for _, signature in signatures))
    bands, buckets = zip(*pairs) if pairs else ((), ())
    batch.put("report_signatures", {"report_id": _repeat([r for r, _ in signatures], [len(g) for _, g in signatures]),
                                    "band": bands, "bucket": buckets})
    batch.put("report_figures", _rows_to_columns(("report_id", *FIGURE_COLUMNS), figure_rows))
    batch.put("quality_findings", _rows_to_columns(FINDING_COLUMNS, finding_rows))


_TABLES = {t.name: t for t in (agencies, reports, quality_findings, rejected_files, load_runs, report_signatures,
                               report_figures, *FACT_TABLE_BY_NAME.values())}
BATCH_REPORTS = 1000  # reports per bulk write: bounds the loader's memory (about 70 MB a thousand); fewer, larger commits are cheaper


class LoadWriter:
    """Writes one load inside one transaction, in batches, as the parser hands reports over.

    On a server the load is one transaction: readers see nothing until `finish` commits, and an
    exception rolls all of it back. On DuckDB the load writes into a staged copy that loader.publish
    renames over the live file only on success, so each batch may commit: that is what keeps DuckDB
    from holding the whole load in memory as one transaction.
    """

    def __init__(self, engine: Engine, started: datetime):
        self.engine, self.started, self.now = engine, started, datetime.now()
        self.pending: list[ParsedReport] = []
        self.rejections: list[Rejection] = []
        self.findings = 0
        self.reports_written = 0

    def __enter__(self) -> "LoadWriter":
        self.conn = self.engine.connect()
        self.backend = backend_for(self.conn)
        self.backend.start_load(self.conn)
        self.load_id = self.backend.next_ids(self.conn, load_id_seq, 1)[0]
        self.agency_ids = dict(self.conn.execute(select(agencies.c.agency_key, agencies.c.agency_id)).all())
        return self

    def __exit__(self, exc_type, exc, traceback) -> None:
        if exc_type is None:
            self.conn.commit()
        else:
            self.conn.rollback()
        self.conn.close()

    def add(self, report: ParsedReport) -> None:
        self.pending.append(report)
        self.findings += len(report.findings)
        if len(self.pending) >= BATCH_REPORTS:
            self._flush()

    def reject(self, rejection: Rejection) -> None:
        self.rejections.append(rejection)

    def _flush(self) -> None:
        conn, backend, batch, reports = self.conn, self.backend, _Batch(), self.pending
        self.pending = []
        if not reports:
            return
        before = self.reports_written
        self.reports_written += len(reports)
        keys = [agency_key(e) for e in reports]
        first_meta = {}
        for key, report in zip(keys, reports):
            if key not in self.agency_ids:
                first_meta.setdefault(key, report.meta)
        for (key, meta), agency_id in zip(first_meta.items(), backend.next_ids(conn, agency_id_seq, len(first_meta))):
            self.agency_ids[key] = agency_id
            batch.add("agencies", agency_id=agency_id, agency_key=key, name=key.split("|")[0],
                      full_name=meta.full_name, level=meta.level, province=meta.province, city=meta.city,
                      county=meta.county, region_derived=meta.region_derived)
        agency_ids = [self.agency_ids[key] for key in keys]
        _retire_replaced(conn, {(a, e.meta.year) for a, e in zip(agency_ids, reports)})
        report_ids = backend.next_ids(conn, report_id_seq, len(reports))
        finding_ids = iter(backend.next_ids(conn, finding_id_seq, sum(len(e.findings) for e in reports)))
        last_of_pair = {(a, e.meta.year): i for i, (a, e) in enumerate(zip(agency_ids, reports))}
        current = [last_of_pair[(a, e.meta.year)] == i for i, (a, e) in enumerate(zip(agency_ids, reports))]
        _report_tables(batch, reports, report_ids, agency_ids, current, finding_ids, self.load_id, self.now)
        self._write(batch, before)

    def _write(self, batch: _Batch, reports_before: int) -> None:
        for name, columns in batch.tables():
            self.backend.bulk_insert(self.conn, _TABLES[name], columns)
        self.backend.batch_written(self.conn, reports_before, self.reports_written)

    def finish(self, counts: LoadCounts) -> int:
        """Write what is left and the load_runs row; the commit happens when the `with` block ends."""
        self._flush()
        batch = _Batch()
        ids = self.backend.next_ids(self.conn, rejection_id_seq, len(self.rejections))
        for error, rejection_id in zip(self.rejections, ids):
            batch.add("rejected_files", rejection_id=rejection_id, load_id=self.load_id, source_path=error.path,
                      sha256=error.sha256, parser_version=PARSER_VERSION, reason=error.reason,
                      detail=error.detail, rejected_at=self.now)
        counts.findings = self.findings
        batch.add("load_runs", load_id=self.load_id, started_at=self.started, finished_at=datetime.now(),
                  parser_version=PARSER_VERSION, files_seen=counts.seen, files_new=counts.new,
                  files_changed=counts.changed, files_skipped=counts.skipped, files_rejected=counts.rejected,
                  findings=counts.findings, outcome=counts.outcome)
        self._write(batch, self.reports_written)
        if self.reports_written:  # a no-op nightly leaves what is derived from the reports as it is
            self.backend.before_commit(self.conn)
        return self.load_id
