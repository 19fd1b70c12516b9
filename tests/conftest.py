"""Shared fixtures: warehouses built by the real loader from the real sample reports kept in the repo."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "data" / "samples"
CORPUS = Path(__file__).resolve().parent / "corpus"


def read_expected(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


@pytest.fixture(scope="session")
def seeds_db(tmp_path_factory) -> str:
    from loader.pipeline import run_load

    db = str(tmp_path_factory.mktemp("seeds") / "w.duckdb")
    run_load([SAMPLES], db)
    return db


def query(db: str, sql: str, params: tuple = ()) -> list[tuple]:
    import duckdb

    con = duckdb.connect(db, read_only=True)
    try:
        return con.execute(sql, params).fetchall()
    finally:
        con.close()


def summary_rows(db: str) -> dict[str, dict]:
    import duckdb

    con = duckdb.connect(db, read_only=True)
    try:
        cur = con.execute("SELECT * FROM report_summary")
        cols = [d[0] for d in cur.description]
        return {Path(r[cols.index("source_path")]).name: dict(zip(cols, r)) for r in cur.fetchall()}
    finally:
        con.close()
