"""The canned views of queries/ on a warehouse the real loader builds from real reports.

In: the five samples (data/samples), the labelled corpus (tests/corpus/reports) and a few copies of
real reports edited in one documented place each (below), loaded by `run_load` like any user would.
Out: assertions on the numbers each view computes. Every expected number was checked by reading the
source report (line numbers given); the edited copies exist only because the views compare reports
of one agency across years, and no agency has two real reports in the repository yet.
"""
from __future__ import annotations

import re
from pathlib import Path

import duckdb
import pytest

from loader.views import QUERIES, list_views

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "data" / "samples"
CORPUS = Path(__file__).resolve().parent / "corpus" / "reports"
QUJIANG_2020 = SAMPLES / "004_c6867b7eba30610a.txt"   # 曲江镇 2020, national_2019 tables one cell a line
SHANGFANG_2019 = SAMPLES / "002_73501acf55f1a058.txt"  # 上方镇 2019, old 统计表
LIAO_2023 = CORPUS / "real_b04.txt"                    # 丽岙街道 2023, national_2021, pipe table
MY_VIEWS = ("township_trend", "county_ranking", "application_outcomes", "appeals_summary",
            "staffing_spending", "coverage", "quality_report", "cross_year_checks")


def _edited(source: Path, *replacements: tuple[str, str]) -> str:
    text = source.read_text(encoding="utf-8")
    for old, new in replacements:
        assert old in text, f"{source.name} no longer contains {old!r}"
        text = text.replace(old, new)
    return text


def _write_variants(folder: Path) -> None:
    """Edited copies of real reports: one agency seen over several years, and a second township in a county.

    曲江镇 2019: the 2020 report with every 2020 → 2019, 主动公开 108 → 20 (工作动态 102 → 14) and
      四、结转下年度继续办理 自然人/总计 0 → 1: against the real 2020 report this is a fivefold jump
      (20 → 108) and a carry-over the 2020 report does not show (1 vs 上年结转 0).
    曲江镇 2017: the 2020 report with every 2020 → 2017, figures untouched: 2018 stays missing.
    丽岙街道 2024: the 2023 report with every 2023 → 2024 and 行政规范性文件 1/3/3 → 2/0/4: 现行有效
      should be 3 + 2 − 0 = 5.
    杜泽镇 2019: 上方镇's 2019 report renamed (上方 → 杜泽) with 主动公开 366 → 100 (网站 76 → 10, 微信
      290 → 90, so the channel identity still holds): a second township of 衢江区 for the ranking.
    """
    folder.mkdir()
    lines = _edited(QUJIANG_2020, ("2020", "2019"),
                    ("发布各类信息108条，其中工作动态102条", "发布各类信息20条，其中工作动态14条")).split("\n")
    row = lines.index("\t四、结转下年度继续办理")
    assert lines[row + 1] == "\t0" and lines[row + 7] == "\t0"
    lines[row + 1] = lines[row + 7] = "\t1"
    (folder / "qujiang_2019.txt").write_text("\n".join(lines), encoding="utf-8")
    (folder / "qujiang_2017.txt").write_text(_edited(QUJIANG_2020, ("2020", "2017")), encoding="utf-8")
    (folder / "liao_2024.txt").write_text(
        _edited(LIAO_2023, ("2023", "2024"), ("行政规范性文件 | 1 | 3 | 3 |", "行政规范性文件 | 2 | 0 | 4 |")),
        encoding="utf-8")
    duze = _edited(SHANGFANG_2019, ("上方", "杜泽"), ("366", "100")).split("\n")
    for number, new in ((167, "10"), (175, "90")):  # 0-based lines of 76 and 290
        assert duze[number].strip() == {"10": "76", "90": "290"}[new]
        duze[number] = new
    (folder / "duze_2019.txt").write_text("\n".join(duze), encoding="utf-8")


@pytest.fixture(scope="module")
def warehouse(tmp_path_factory) -> str:
    from loader.pipeline import run_load

    tmp = tmp_path_factory.mktemp("views")
    _write_variants(tmp / "variants")
    db = str(tmp / "w.duckdb")
    run_load([SAMPLES, CORPUS, tmp / "variants"], db)
    # A second load of 上方镇 2019 (same text plus a blank line) supersedes the first: every view must
    # then show that report once, the newer version.
    (tmp / "again").mkdir()
    (tmp / "again" / "shangfang_2019_v2.txt").write_text(
        SHANGFANG_2019.read_text(encoding="utf-8") + "\n\n", encoding="utf-8")
    run_load([tmp / "again"], db)
    return db


def rows(db: str, sql: str, params: tuple = ()) -> list[dict]:
    con = duckdb.connect(db, read_only=True)
    try:
        cur = con.execute(sql, params)
        cols = [d[0] for d in cur.description]
        return [dict(zip(cols, r)) for r in cur.fetchall()]
    finally:
        con.close()


def one(db: str, view: str, agency: str, year: int) -> dict:
    found = rows(db, f'SELECT * FROM "{view}" WHERE agency = ? AND year = ?', (agency, year))
    assert len(found) == 1, f"{view}: {len(found)} rows for {agency} {year}"
    return found[0]


GRAIN = {
    "report_summary": ("report_id",),
    "township_trend": ("agency_id", "year"),
    "county_ranking": ("report_id",),
    "application_outcomes": ("report_id",),
    "appeals_summary": ("report_id",),
    "staffing_spending": ("report_id",),
    "coverage": ("agency_id", "year"),
    "quality_report": ("report_id", "rule"),
    "cross_year_checks": ("agency_id", "year", "check_name"),
}
"""The grain each view's header declares (its `-- Grain:` line starts with these columns)."""
# Views whose rows are one per current report are also unique per agency and year.
ALSO_UNIQUE = {v: ("agency_id", "year") for v in ("report_summary", "county_ranking", "application_outcomes",
                                                   "appeals_summary", "staffing_spending")}


# ---- headers and grains -----------------------------------------------------------------------------

@pytest.mark.parametrize("view", MY_VIEWS)
def test_view_header_describes_it(view):
    lines = (QUERIES / f"{view}.sql").read_text(encoding="utf-8").splitlines()
    assert lines[0].startswith("-- ") and len(lines[0]) > 20
    assert any(ln.startswith("-- Grain: ") for ln in lines[:4])
    assert any(ln.startswith("-- Depends on: ") for ln in lines[:4])
    assert next(v for v in list_views() if v.name == view).description == lines[0][3:]


def test_grain_table_matches_the_headers():
    for view, grain in GRAIN.items():
        line = next(ln for ln in (QUERIES / f"{view}.sql").read_text(encoding="utf-8").splitlines()
                    if ln.startswith("-- Grain:"))
        assert line.startswith("-- Grain: " + ", ".join(grain)), view


@pytest.mark.parametrize("view,grain", [*GRAIN.items(), *ALSO_UNIQUE.items()])
def test_grain_is_unique(warehouse, view, grain):
    quoted = ", ".join(f'"{c}"' for c in grain)
    assert rows(warehouse, f'SELECT COUNT(*) AS n FROM "{view}"')[0]["n"] > 0
    dupes = rows(warehouse, f'SELECT {quoted}, COUNT(*) AS n FROM "{view}" GROUP BY {quoted} HAVING COUNT(*) > 1')
    assert dupes == []


def test_views_show_only_the_current_version(warehouse):
    for view in ("application_outcomes", "appeals_summary", "staffing_spending", "township_trend",
                 "county_ranking", "quality_report"):
        found = rows(warehouse, f'SELECT report_id FROM "{view}" WHERE agency = ? AND year = 2019', ("上方镇",))
        current = rows(warehouse, "SELECT r.report_id FROM reports r JOIN agencies a USING (agency_id) "
                                  "WHERE a.name = '上方镇' AND r.is_current")
        assert {r["report_id"] for r in found} == {current[0]["report_id"]}, view


# ---- application_outcomes ---------------------------------------------------------------------------

def test_outcomes_of_the_old_table_map_onto_table3_columns(warehouse):
    # 002 lines 235 (收到申请数 0), 267 (申请答复数 0), 275/279/283 (同意 0 / 部分 0 / 不同意 0)
    row = one(warehouse, "application_outcomes", "上方镇", 2019)
    assert (row["received"], row["granted"], row["partially_granted"], row["withheld_subtotal"],
            row["outcome_total"]) == (0, 0, 0, 0, 0)
    # the old form has no 上年结转, no reason rows, no 无法提供/不予处理 groups
    for column in ("carried_over", "withheld_state_secret", "unavailable_subtotal", "not_processed_subtotal",
                   "other_handling", "carried_to_next"):
        assert row[column] is None, column
    assert row["outcomes_from"] == "old_replies"
    assert row["grant_rate"] is None  # 0 decided: no rate, not 0 %


def test_outcomes_of_a_2019_table(warehouse):
    # 004 表三: 新收 1, 结转 0, every outcome row 0, （七）总计 1 (the report's own imbalance), 结转下年度 0
    row = one(warehouse, "application_outcomes", "曲江镇", 2020)
    assert (row["received"], row["carried_over"], row["outcome_total"], row["carried_to_next"]) == (1, 0, 1, 0)
    assert (row["granted"], row["partially_granted"], row["withheld_subtotal"], row["unavailable_subtotal"],
            row["not_processed_subtotal"], row["other_handling"]) == (0, 0, 0, 0, 0, 0)
    assert row["other_misc"] is None  # a 2021-only row
    assert row["outcomes_from"] == "table3"
    assert row["grant_rate"] == 0.0


def test_outcomes_of_a_2021_table(warehouse):
    # real_d05 表三 (cells run together, split by the loader; read by hand): 新收 70, 结转 0, 予以公开 30,
    # 部分公开 5, 不予公开 三类内部事务 1 + 行政执法案卷 6 + 行政查询 1, 不掌握 25, 其他 1, 总计 69, 结转 1
    row = one(warehouse, "application_outcomes", "平潭综合实验区", 2021)
    assert (row["received"], row["carried_over"], row["granted"], row["partially_granted"]) == (70, 0, 30, 5)
    assert (row["withheld_internal_affairs"], row["withheld_enforcement_file"], row["withheld_admin_query"],
            row["withheld_state_secret"], row["withheld_subtotal"]) == (1, 6, 1, 0, 8)
    assert (row["unavailable_not_held"], row["unavailable_subtotal"], row["not_processed_subtotal"]) == (25, 25, 0)
    assert (row["other_no_correction"], row["other_fee_unpaid"], row["other_misc"], row["other_handling"]) == (0, 0, 1, 1)
    assert (row["outcome_total"], row["carried_to_next"]) == (69, 1)
    assert row["grant_rate"] == pytest.approx(35 / 69)


# ---- appeals_summary --------------------------------------------------------------------------------

def test_appeals_of_the_old_table(warehouse):
    # 002 lines 407-439: 行政复议 0 (维持/纠错/其他 0), 行政诉讼 0 (0/0/0), 举报投诉 0
    row = one(warehouse, "appeals_summary", "上方镇", 2019)
    assert (row["review_total"], row["review_upheld"], row["review_corrected"], row["review_other"]) == (0, 0, 0, 0)
    assert (row["suit_total"], row["suit_upheld"], row["suit_corrected"], row["suit_other"]) == (0, 0, 0, 0)
    assert row["complaints_total"] == 0
    assert row["review_pending"] is None and row["suit_pending"] is None  # no 尚未审结 column in the old form
    assert row["suit_direct_total"] is None
    assert row["review_correction_rate"] is None


def test_appeals_of_a_2021_table(warehouse):
    # real_d05 表四 '10203120001200000': 复议 1/0/2/0/3, 直接起诉 12/0/0/0/12, 复议后起诉 0 × 5
    row = one(warehouse, "appeals_summary", "平潭综合实验区", 2021)
    assert (row["review_upheld"], row["review_corrected"], row["review_other"], row["review_pending"],
            row["review_total"]) == (1, 0, 2, 0, 3)
    assert (row["suit_direct_upheld"], row["suit_direct_total"], row["suit_after_review_total"]) == (12, 12, 0)
    assert (row["suit_upheld"], row["suit_corrected"], row["suit_total"]) == (12, 0, 12)
    assert row["review_correction_rate"] == 0.0 and row["suit_correction_rate"] == 0.0
    assert one(warehouse, "appeals_summary", "曲江镇", 2020)["review_correction_rate"] is None  # 0 cases


# ---- staffing_spending ------------------------------------------------------------------------------

def test_staffing_and_spending_of_the_old_table(warehouse):
    # 002 lines 454-503: 专门机构 1, 查阅点 1, 人员 3 (专职 1, 兼职 2), 专项经费 5 万元, 会议 4, 培训班 2,
    # 受训 68; line 445: 收费 0 万元
    row = one(warehouse, "staffing_spending", "上方镇", 2019)
    assert (row["offices"], row["reading_points"]) == (1, 1)
    assert (row["staff_fulltime"], row["staff_parttime"], row["staff_total"], row["staff_total_from"]) == (1, 2, 3, "printed")
    assert (row["meetings"], row["training_classes"], row["trainees"]) == (4, 2, 68)
    assert (row["special_funds_wan"], row["application_fees_wan"], row["fees_wan"]) == (5, 0, 0)


def test_staff_total_is_the_sum_only_when_both_halves_are_known(warehouse):
    # 000 lines 128-134: 专职 1, 兼职 0 (the row with the printed total was lost), 经费 0, 会议 2, 受训 5
    row = one(warehouse, "staffing_spending", "彬江镇", 2018)
    assert (row["staff_fulltime"], row["staff_parttime"], row["staff_total"], row["staff_total_from"]) == (1, 0, 1, "sum")
    assert (row["special_funds_wan"], row["meetings"], row["training_classes"], row["trainees"]) == (0, 2, 0, 5)
    # 003 says its staff are all part-time without a number: 0 full-time, no total
    row = one(warehouse, "staffing_spending", "江城镇", 2017)
    assert (row["staff_fulltime"], row["staff_parttime"], row["staff_total"]) == (0, None, None)


# ---- township_trend ---------------------------------------------------------------------------------

def test_trend_compares_consecutive_years(warehouse):
    row = one(warehouse, "township_trend", "曲江镇", 2020)
    assert (row["prev_year"], row["gap_years"]) == (2019, 0)
    assert (row["disclosed_total"], row["disclosed_total_prev"], row["disclosed_total_change"]) == (108, 20, 88)
    assert row["disclosed_total_pct_change"] == pytest.approx(440.0)
    # 表三 新收 1 in both years: no change, 0 %
    assert (row["applications_new"], row["applications_new_prev"], row["applications_new_change"],
            row["applications_new_pct_change"]) == (1, 1, 0, 0.0)


def test_trend_across_a_gap_shows_the_gap_and_no_change(warehouse):
    row = one(warehouse, "township_trend", "曲江镇", 2019)
    assert (row["prev_year"], row["gap_years"]) == (2017, 1)
    assert (row["disclosed_total"], row["disclosed_total_prev"]) == (20, 108)
    assert row["disclosed_total_change"] is None and row["disclosed_total_pct_change"] is None
    first = one(warehouse, "township_trend", "曲江镇", 2017)
    assert first["prev_year"] is None and first["gap_years"] is None and first["disclosed_total_prev"] is None


def test_trend_never_divides_by_zero(warehouse):
    # 丽岙街道 received 0 applications in 2023 (prose) and in the edited 2024 copy
    row = one(warehouse, "township_trend", "丽岙街道", 2024)
    assert (row["gap_years"], row["applications_new"], row["applications_new_prev"]) == (0, 0, 0)
    assert row["applications_new_change"] == 0 and row["applications_new_pct_change"] is None


def test_trend_of_an_agency_with_one_report(warehouse):
    row = one(warehouse, "township_trend", "上方镇", 2019)
    assert row["disclosed_total"] == 366 and row["prev_year"] is None and row["disclosed_total_change"] is None


# ---- county_ranking ---------------------------------------------------------------------------------

def test_ranking_within_a_county(warehouse):
    shangfang = one(warehouse, "county_ranking", "上方镇", 2019)
    duze = one(warehouse, "county_ranking", "杜泽镇", 2019)
    assert (shangfang["province"], shangfang["city"], shangfang["county"]) == ("浙江省", "衢州市", "衢江区")
    assert shangfang["agencies_in_county"] == duze["agencies_in_county"] == 2
    assert (shangfang["disclosed_total"], shangfang["disclosed_rank"], shangfang["disclosed_percentile"]) == (366, 1, 1.0)
    assert (duze["disclosed_total"], duze["disclosed_rank"], duze["disclosed_percentile"]) == (100, 2, 0.0)
    assert shangfang["disclosed_median"] == duze["disclosed_median"] == 233
    assert shangfang["disclosed_n"] == 2
    # both have 3 staff: a tie shares rank 1, and neither is above the other
    assert (shangfang["staff"], shangfang["staff_rank"], duze["staff_rank"]) == (3, 1, 1)
    assert shangfang["staff_percentile"] == duze["staff_percentile"] == 0.0
    assert shangfang["staff_median"] == 3


def test_rates_are_ranked_only_above_the_minimum_sample(warehouse):
    row = one(warehouse, "county_ranking", "曲江镇", 2020)
    assert (row["agencies_in_county"], row["applications_new"], row["applications_rank"]) == (1, 1, 1)
    assert row["applications_percentile"] is None  # one agency: no percentile
    assert (row["grant_rate"], row["grant_rate_sample"]) == (0.0, 1)
    assert row["grant_rate_rank"] is None and row["grant_rate_n"] == 0 and row["grant_rate_median"] is None


def test_agencies_without_a_county_are_not_ranked(warehouse):
    assert rows(warehouse, "SELECT * FROM county_ranking WHERE county IS NULL") == []
    assert rows(warehouse, "SELECT * FROM county_ranking WHERE agency = '平潭综合实验区'") == []


# ---- coverage ---------------------------------------------------------------------------------------

def test_coverage_marks_found_and_missing_years(warehouse):
    found = {r["year"]: r for r in rows(warehouse, "SELECT * FROM coverage WHERE agency = '曲江镇'")}
    assert {y for y, r in found.items() if r["status"] == "found"} == {2017, 2019, 2020}
    assert found[2018]["status"] == "missing" and found[2018]["within_span"] is True
    assert found[2018]["report_id"] is None
    assert found[2021]["status"] == "missing" and found[2021]["within_span"] is False
    assert found[2020]["source_path"].endswith("004_c6867b7eba30610a.txt")


def test_coverage_is_every_agency_times_every_year(warehouse):
    bounds = rows(warehouse, "SELECT MIN(year) AS lo, MAX(year) AS hi FROM reports WHERE is_current")[0]
    agencies = rows(warehouse, "SELECT COUNT(*) AS n FROM agencies")[0]["n"]
    years = bounds["hi"] - bounds["lo"] + 1
    assert rows(warehouse, "SELECT COUNT(*) AS n FROM coverage")[0]["n"] == agencies * years
    found = rows(warehouse, "SELECT COUNT(*) AS n FROM coverage WHERE status = 'found'")[0]["n"]
    assert found == rows(warehouse, "SELECT COUNT(*) AS n FROM reports WHERE is_current AND year IS NOT NULL")[0]["n"]


# ---- quality_report ---------------------------------------------------------------------------------

def test_quality_report_counts_by_rule_and_severity(warehouse):
    shangfang = rows(warehouse, "SELECT * FROM quality_report WHERE agency = '上方镇'")
    assert [(r["rule"], r["findings"], r["infos"], r["worst_severity"]) for r in shangfang] == [
        ("repair_shifted_row", 1, 1, "info")]  # 366 printed on the section row (002 line 139)
    assert "366" in shangfang[0]["messages"] and shangfang[0]["source_path"].endswith("shangfang_2019_v2.txt")
    qujiang = {r["rule"]: r for r in rows(warehouse, "SELECT * FROM quality_report WHERE agency = '曲江镇' AND year = 2020")}
    # 004: （七）总计 1 but every outcome row 0
    assert qujiang["table3_outcomes_vs_total"]["errors"] == 1
    assert qujiang["table3_outcomes_vs_total"]["worst_severity"] == "error"


def test_quality_report_agrees_with_report_summary(warehouse):
    per_report = rows(warehouse, "SELECT s.report_id, s.findings, COALESCE(SUM(q.findings), 0) AS counted "
                                 "FROM report_summary s LEFT JOIN quality_report q USING (report_id) "
                                 "GROUP BY s.report_id, s.findings")
    assert all(r["findings"] == r["counted"] for r in per_report)


# ---- cross_year_checks ------------------------------------------------------------------------------

def test_cross_year_checks_find_the_planted_problems(warehouse):
    found = rows(warehouse, "SELECT * FROM cross_year_checks WHERE agency IN ('曲江镇', '丽岙街道', '上方镇', '杜泽镇') "
                            "ORDER BY agency, year, check_name")
    assert [(r["agency"], r["year"], r["prev_year"], r["check_name"], r["expected"], r["found"]) for r in found] == [
        ("丽岙街道", 2024, 2023, "normative_docs_in_force_roll", 5, 4),
        ("曲江镇", 2020, 2019, "carried_over_mismatch", 1, 0),
        ("曲江镇", 2020, 2019, "disclosed_total_jump", 20, 108),
    ]
    jump = found[2]
    assert jump["ratio"] == pytest.approx(5.4) and jump["metric"] == "disclosures.proactive.items_total"
    # 2017 → 2019 is not consecutive: the 108 → 20 drop is not compared
    assert not [r for r in found if r["year"] == 2019]


def test_every_view_file_is_portable_sql():
    """No DuckDB-only syntax a PostgreSQL warehouse would reject (see docs/analysts.md)."""
    for view in MY_VIEWS:
        sql = re.sub(r"--[^\n]*", "", (QUERIES / f"{view}.sql").read_text(encoding="utf-8"))
        for pattern in (r"\bQUALIFY\b", r"\bPIVOT\b", r"\bEXCLUDE\s*\(", r"::", r"\bMEDIAN\s*\(", r"\bLIST\s*\(",
                        r"\bSTRUCT\b", r"\bGROUP BY ALL\b", r"\bILIKE\b", r"\bIFNULL\s*\("):
            assert not re.search(pattern, sql, re.IGNORECASE), f"{view}: {pattern}"
