"""Parsed reports → rows: the only stage that writes to the warehouse.

One load is one transaction: its reports, facts, findings, rejections and its load_runs row are
published together or not at all. Rows are gathered per table as column lists and written in bulk
by the backend (loader.backends); lookups and updates are portable SQLAlchemy Core.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

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
    """Columns per table, filled report by report (what Arrow and COPY take)."""

    def __init__(self) -> None:
        self.columns: dict[str, dict[str, list]] = {}

    def add(self, table: str, **row) -> None:
        columns = self.columns.setdefault(table, {name: [] for name in row})
        for name, value in row.items():
            columns[name].append(value)

    def extend(self, table: str, columns: dict[str, list | tuple]) -> None:
        """Many rows at once, given as columns (a report's facts arrive so from the parser)."""
        kept = self.columns.setdefault(table, {name: [] for name in columns})
        for name, values in columns.items():
            kept[name].extend(values)

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


def _add_report(batch: _Batch, report: ParsedReport, report_id: int, agency_id: int, load_id: int,
                now: datetime, finding_ids: list[int], current: bool) -> None:
    meta, year = report.meta, report.meta.year
    batch.add("reports", report_id=report_id, agency_id=agency_id, year=year, template=report.template,
              template_confidence=report.template_confidence, title=meta.title,
              published_on=meta.published_on, source_path=report.path, sha256=report.sha256,
              encoding=report.encoding, parser_version=PARSER_VERSION, load_id=load_id, loaded_at=now,
              is_current=current)
    for table, columns in report.facts.items():
        n = len(columns[0])
        batch.extend(table, {"report_id": [report_id] * n, "agency_id": [agency_id] * n, "year": [year] * n,
                             "load_id": [load_id] * n, **dict(zip(FACT_FIELDS, columns))})
    if report.signature:
        bands, buckets = zip(*report.signature)
        batch.extend("report_signatures", {"report_id": [report_id] * len(bands), "band": bands, "bucket": buckets})
    batch.add("report_figures", report_id=report_id, **dict(zip(FIGURE_COLUMNS, report.figures)))
    for finding, finding_id in zip(report.findings, finding_ids):
        batch.add("quality_findings", finding_id=finding_id, report_id=report_id, load_id=load_id,
                  **dict(zip(FINDING_FIELDS, finding)))


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
        for index, (report, report_id, agency_id) in enumerate(zip(reports, report_ids, agency_ids)):
            ids = [next(finding_ids) for _ in report.findings]
            current = last_of_pair[(agency_id, report.meta.year)] == index
            _add_report(batch, report, report_id, agency_id, self.load_id, self.now, ids, current)
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
