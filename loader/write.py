"""Extractions → rows: the only stage that writes to the warehouse.

One load is one transaction: its reports, facts, findings, rejections and its load_runs row are
published together or not at all. SQL is SQLAlchemy Core throughout (parameterised, and the same
code runs on another backend).
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from sqlalchemy import and_, insert, select, update
from sqlalchemy.engine import Connection, Engine

from loader import PARSER_VERSION
from loader.errors import RejectedFile
from loader.model import Extraction
from loader.schema import (FACT_TABLE_BY_NAME, agencies, agency_id_seq, finding_id_seq, load_id_seq, load_runs,
                           quality_findings, rejected_files, rejection_id_seq, report_id_seq, reports)


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


def known_files(engine: Engine) -> tuple[set[tuple[str, str]], dict[str, str]]:
    """(sha256, parser version) pairs already loaded or rejected, and the sha256 last loaded per path."""
    with engine.connect() as conn:
        loaded = conn.execute(select(reports.c.sha256, reports.c.parser_version, reports.c.source_path)).all()
        rejected = conn.execute(select(rejected_files.c.sha256, rejected_files.c.parser_version)).all()
    seen = {(r.sha256, r.parser_version) for r in loaded} | {(r.sha256, r.parser_version) for r in rejected}
    return seen, {r.source_path: r.sha256 for r in loaded}


def _next_id(conn: Connection, sequence) -> int:
    return conn.execute(select(sequence.next_value())).scalar_one()


def _agency_id(conn: Connection, extraction: Extraction) -> int:
    meta = extraction.meta
    name = meta.agency or "(unknown agency)"
    key = "|".join([name, meta.county or meta.city or meta.province or ""])
    found = conn.execute(select(agencies.c.agency_id).where(agencies.c.agency_key == key)).scalar()
    if found is not None:
        return found
    agency_id = _next_id(conn, agency_id_seq)
    conn.execute(insert(agencies).values(
        agency_id=agency_id, agency_key=key, name=name, full_name=meta.full_name, level=meta.level,
        province=meta.province, city=meta.city, county=meta.county, region_derived=meta.region_derived))
    return agency_id


def _write_report(conn: Connection, extraction: Extraction, load_id: int, now: datetime) -> int:
    agency_id = _agency_id(conn, extraction)
    year = extraction.meta.year
    conn.execute(update(reports).where(and_(reports.c.agency_id == agency_id, reports.c.year == year,
                                            reports.c.is_current)).values(is_current=False))
    report_id = _next_id(conn, report_id_seq)
    document = extraction.document
    conn.execute(insert(reports).values(
        report_id=report_id, agency_id=agency_id, year=year, template=extraction.template,
        template_confidence=extraction.template_confidence, title=extraction.meta.title,
        published_on=extraction.meta.published_on, source_path=document.path, sha256=document.sha256,
        encoding=document.encoding, parser_version=PARSER_VERSION, load_id=load_id, loaded_at=now,
        is_current=True))
    by_table: dict[str, list[dict]] = {}
    for fact in extraction.facts.values():
        by_table.setdefault(fact.table, []).append(dict(
            report_id=report_id, metric=fact.metric, agency_id=agency_id, year=year, value=fact.value,
            unit=fact.unit, source_line=fact.line, method=fact.method, raw_text=fact.raw[:500],
            qualifier=fact.qualifier, approximate=fact.approximate, load_id=load_id))
    for table_name, rows in by_table.items():
        conn.execute(insert(FACT_TABLE_BY_NAME[table_name]), rows)
    for finding in extraction.findings:
        conn.execute(insert(quality_findings).values(
            finding_id=_next_id(conn, finding_id_seq), report_id=report_id, rule=finding.rule,
            severity=finding.severity, message=finding.message, metric=finding.metric,
            expected=finding.expected, found=finding.found, source_line=finding.line, load_id=load_id))
    return report_id


def write_load(engine: Engine, started: datetime, extractions: list[Extraction], rejections: list[RejectedFile],
               rejected_sha: dict[str, str | None], counts: LoadCounts) -> int:
    """Publish one load atomically; returns its load_id."""
    now = datetime.now()
    with engine.begin() as conn:
        load_id = _next_id(conn, load_id_seq)
        for extraction in extractions:
            _write_report(conn, extraction, load_id, now)
        for error in rejections:
            conn.execute(insert(rejected_files).values(
                rejection_id=_next_id(conn, rejection_id_seq), load_id=load_id, source_path=error.path,
                sha256=rejected_sha.get(error.path), parser_version=PARSER_VERSION, reason=error.reason,
                detail=error.detail, rejected_at=now))
        counts.findings = sum(len(e.findings) for e in extractions)
        conn.execute(insert(load_runs).values(
            load_id=load_id, started_at=started, finished_at=datetime.now(), parser_version=PARSER_VERSION,
            files_seen=counts.seen, files_new=counts.new, files_changed=counts.changed,
            files_skipped=counts.skipped, files_rejected=counts.rejected, findings=counts.findings,
            outcome=counts.outcome))
    return load_id
