"""data/agencies.csv: an analyst pins a region the report does not print, or merges two spellings."""
from __future__ import annotations

from conftest import SAMPLES, summary_rows
from loader.identity import load_rules
from loader.pipeline import run_load


def test_shipped_file_has_the_documented_header():
    assert load_rules(SAMPLES.parent / "agencies.csv") == []


def test_pin_region_and_merge_names(tmp_path):
    rules = tmp_path / "agencies.csv"
    rules.write_text("# comment lines are allowed\nname,match_county,agency,province,city,county,full_name\n"
                     "太平庄镇,,,辽宁省,,,\n"
                     "曲江镇,丰城市,曲江镇,江西省,宜春市,丰城市,丰城市曲江镇人民政府\n"
                     "江城镇,某县,改名镇,,,,\n"
                     "彬江镇,,袁州区彬江镇,,,袁州区,\n", encoding="utf-8")
    db = str(tmp_path / "w.duckdb")
    run_load([SAMPLES], db, agencies_csv=rules)
    rows = {r["agency"]: r for r in summary_rows(db).values()}
    assert rows["太平庄镇"]["province"] == "辽宁省"
    assert (rows["曲江镇"]["city"], rows["曲江镇"]["county"]) == ("宜春市", "丰城市")
    assert "江城镇" in rows and "改名镇" not in rows  # match_county 某县 does not match 江城镇's report
    assert rows["袁州区彬江镇"]["county"] == "袁州区" and "彬江镇" not in rows
