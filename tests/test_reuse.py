"""report_reuse: a report that keeps last year's prose is found, unrelated reports are not paired."""
from __future__ import annotations

import re

from conftest import SAMPLES, query
from loader.pipeline import run_load


def test_next_years_copy_with_new_figures_is_found(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    text = (SAMPLES / "000_0b8b3fc5409a06cf.txt").read_text(encoding="utf-8")
    (folder / "2018.txt").write_text(text, encoding="utf-8")
    copy = re.sub(r"\d+", lambda m: str(int(m.group()) + 1), text)  # 2018 → 2019, 42 → 43, …
    (folder / "2019.txt").write_text(copy, encoding="utf-8")
    for other in ("002_73501acf55f1a058.txt", "003_0771e97be29a5800.txt", "004_c6867b7eba30610a.txt"):
        (folder / other).write_text((SAMPLES / other).read_text(encoding="utf-8"), encoding="utf-8")
    db = str(tmp_path / "w.duckdb")
    run_load([folder], db)
    rows = query(db, "SELECT agency, year, other_agency, other_year, similarity, relation FROM report_reuse")
    assert len(rows) == 1
    agency, year, other_agency, other_year, similarity, relation = rows[0]
    assert (agency, other_agency, {year, other_year}) == ("彬江镇", "彬江镇", {2018, 2019})
    assert similarity >= 0.9 and relation == "same_agency_consecutive_years"
