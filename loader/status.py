"""What `ogi status` reports: the last load runs, reports read by an older parser, recent rejections."""
from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import func, select

from loader import PARSER_VERSION
from loader.db import make_engine
from loader.schema import load_runs, rejected_files, reports


@dataclass
class Status:
    runs: list[tuple]
    run_columns: list[str]
    stale_reports: int
    current_reports: int
    rejections: list[tuple]


def read_status(db: str, last: int = 10) -> Status:
    engine = make_engine(db, read_only=True)
    try:
        with engine.connect() as conn:
            result = conn.execute(select(load_runs).order_by(load_runs.c.load_id.desc()).limit(last))
            columns, runs = list(result.keys()), [tuple(r) for r in result]
            stale = conn.execute(select(func.count()).select_from(reports).where(
                reports.c.is_current, reports.c.parser_version != PARSER_VERSION)).scalar_one()
            current = conn.execute(select(func.count()).select_from(reports).where(reports.c.is_current)).scalar_one()
            last_load = conn.execute(select(func.max(rejected_files.c.load_id))).scalar()
            rejections = [tuple(r) for r in conn.execute(
                select(rejected_files.c.source_path, rejected_files.c.reason, rejected_files.c.detail)
                .where(rejected_files.c.load_id == last_load).order_by(rejected_files.c.source_path))]
    finally:
        engine.dispose()
    return Status(runs, columns, stale, current, rejections)
