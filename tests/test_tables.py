"""Table layouts seen in published reports (templates.md §6): each case is a real row shape."""
from __future__ import annotations

import pytest

from loader.errors import NotAReport
from loader.extract import extract_document
from loader.model import Document
from loader.normalise import normalise_line, parse_cell

HEAD = ["某某镇2021年政府信息公开工作年度报告", "二、主动公开政府信息情况"]
TABLE3_HEAD = ["三、收到和处理政府信息公开申请情况", "(本列数据的勾稽关系为:第一项加第二项之和,等于第三项加第四项之和)",
               "申请人情况", "自然人", "法人或其他组织", "总计", "商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他"]


def _extract(lines: list[str]):
    return extract_document(Document("t.txt", "0", [normalise_line(x) for x in lines], lines))


def test_slash_placeholders_are_null_not_zero():
    """gaoling.gov.cn 2021: every cell '/'."""
    e = _extract(HEAD + ["第二十条第(一)项", "信息内容\t本年制发件数\t本年废止件数\t现行有效件数",
                         "规章\t/\t/\t/", "行政规范性文件\t/\t/\t/", "第二十条第(五)项", "信息内容\t本年处理决定数量",
                         "行政许可\t/"])
    fact = e.facts["disclosures.normative_docs.issued"]
    assert (fact.value, fact.qualifier, fact.raw) == (None, "placeholder", "/")
    assert e.template == "national_2021"


def test_signed_change_in_2019_table():
    """real_b07 (tianmen.gov.cn 2019): 行政许可 | 71 | -11 | 0 |."""
    e = _extract(["胡市镇人民政府2019年政府信息公开工作年度报告", "二、主动公开政府信息情况", "第二十条第(五)项 | |||",
                  "信息内容 | 上一年项目数量 | 本年增/减 | 处理决定数量 |", "行政许可 | 71 | -11 | 0 |",
                  "第二十条第(九)项", "信息内容 | 采购项目数量 | 采购总金额 |", "政府集中采购 | 2 | +19 |"])
    assert e.facts["disclosures.admin_license.items_change"].value == -11
    assert e.facts["disclosures.admin_license.prev_year_items"].value == 71
    assert e.facts["disclosures.gov_procurement.amount"].value == 19


def test_row_that_dropped_empty_cells_keeps_only_a_proven_total():
    """yynanhu.yueyang.gov.cn 2019: '一、本年新收政府信息公开申请数量 | 3 | 3 |' (only 自然人 and 总计 printed)."""
    e = _extract(HEAD + TABLE3_HEAD + ["一、本年新收政府信息公开申请数量 | 3 | 3 |",
                                       "二、上年结转政府信息公开申请数量 | 0 | 0 | 0 | 0 | 0 | 0 | 0 |"])
    assert e.facts["applications.new_received.total"].value == 3
    assert e.facts["applications.new_received.total"].method == "repair"
    assert "applications.new_received.commercial_enterprise" not in e.facts
    assert [f.rule for f in e.findings if f.rule.startswith("repair")] == ["repair_dropped_cells"]


def test_pipe_row_keeps_the_place_of_a_blank_cell():
    """real_d02: '| 四、结转下年度继续办理 | 1 | 0 | 0 | 0 | 0 | 0 |  |' — the 总计 cell is blank."""
    e = _extract(HEAD + TABLE3_HEAD + ["| 四、结转下年度继续办理 | 1 | 0 | 0 | 0 | 0 | 0 |  |"])
    assert e.facts["applications.carried_to_next.natural_person"].value == 1
    assert "applications.carried_to_next.total" not in e.facts


def test_cells_closed_by_a_pipe_keep_the_place_of_a_bare_pipe():
    """岳阳楼区 street office 2023: one cell a line, each closed by ' |'; a line that is only '|' is an empty
    cell, so the lone '0 |' after six of them is 总计 (and settles them as 0)."""
    e = _extract(HEAD + [c + " |" for c in TABLE3_HEAD] + ["一、本年新收政府信息公开申请数量 |"] + ["|"] * 6 + ["0 |", "||"])
    fact = e.facts["applications.new_received.total"]
    assert (fact.value, fact.method) == (0, "table")
    assert e.facts["applications.new_received.natural_person"].qualifier == "blank_inferred_zero"


def test_bare_pipe_lines_between_bare_cells_only_separate():
    """t_b_20's shape: '规章', '|', '0', '|', '0', '|', '0': the pipes are no cells."""
    e = _extract(HEAD + ["第二十条第(一)项", "|", "信息内容", "|", "本年制发件数", "|", "本年废止件数", "|", "现行有效件数",
                         "|", "规章", "|", "0", "|", "1", "|", "2", "|"])
    assert [e.facts[f"disclosures.rules.{m}"].value for m in ("issued", "repealed", "in_force")] == [0, 1, 2]


def test_a_page_holding_only_table4_is_read():
    """威海市文登区信访局 2022, one page of a flip-book PDF: 表四's header and its one row of 15 values."""
    e = _extract(["Page 8 - 威海市文登区信访局2022年政府信息公开工作年度报告", "P. 8",
                  "四、因政府信息公开工作被申请行政复议提起行政诉讼情况", "行政复议 行政诉讼", "未经复议直接起诉 复议后起诉",
                  "结果 结果 其他 尚未 总", "维持 纠正 结果 审结 计 结果 结果 其他 尚未 总 结果 结果 其他 尚未 总",
                  "维持 纠正 结果 审结 计 维持 纠正 结果 审结 计", "0 0 0 0 0 0 0 0 0 0 0 0 0 0 0",
                  "五、政府信息公开工作存在的主要问题及改进情况"])
    assert e.facts["appeals.review.total"].value == 0
    assert e.facts["appeals.suit_direct.total"].value == 0 and e.facts["appeals.suit_after_review.total"].value == 0


def test_a_year_in_brackets_inside_a_row_label_is_no_cell():
    """石璜镇 2021: '一、本年(2021)新收政府信息公开申请数量', then its seven cells one a line."""
    e = _extract(HEAD + TABLE3_HEAD + ["一、本年(2021)新收政府信息公开申请数量", "1", "0", "0", "0", "0", "0", "1",
                                       "二、上年(2020)结转政府信息公开申请数量", "0", "0", "0", "0", "0", "0", "0"])
    assert e.facts["applications.new_received.total"].value == 1
    assert e.facts["applications.carried_over.total"].value == 0


def test_row_label_broken_into_fragments():
    """seed 004: '（三）不予' / '以公' / '开' / '1、属于国家秘密' then seven values, one per line."""
    e = _extract(HEAD + TABLE3_HEAD + ["\t一、本年新收政府信息公开申请数量"] + ["\t2"] + ["\t0"] * 5 + ["\t2"]
                 + ["\t(三)不予", "以公", "开", "\t1、属于国家秘密"] + ["\t2"] + ["\t0"] * 5 + ["\t2"])
    assert e.facts["applications.withheld_state_secret.natural_person"].value == 2
    assert e.facts["applications.withheld_state_secret.total"].value == 2


def test_old_table_with_a_cumulative_column_takes_the_year_figure():
    """Some provinces print 本年 and 累计 side by side; the year's figure is the first value."""
    e = _extract(["某某乡2016年政府信息公开工作年度报告", "政府信息公开情况统计表", "统计指标\t单位\t本年\t累计",
                  "一、主动公开情况\t——", "(一)主动公开政府信息数\t条\t120\t1450"])
    assert e.facts["disclosures.proactive.items_total"].value == 120
    assert e.template == "old_table"


def test_a_sentence_that_quotes_table_labels_is_no_table():
    """建国门街道 2019 states its applications in prose with the 表三 labels; it prints no table."""
    from loader.detect import detect_template
    from loader.model import Document

    lines = ["建国门街道2019年政府信息公开工作年度报告",
             "2019年我街道新收政府信息申请公开数量2件,上年结转政府信息公开申请数量0件。新收的2件政府信息公开申请,"
             "其中1例已在法定时限内予以公开,另1例结转下年度继续办理。"]
    assert detect_template(Document("t.txt", "0", lines, lines)).template == "narrative"


def test_a_page_cut_before_its_title_is_still_a_report():
    """亭子坝镇 2014: the copy starts in section 二; its sections say what it is."""
    from loader.detect import detect_template
    from loader.model import Document

    lines = ["我镇政府信息公开主要采用网络及宣传栏公示形式发布。2014年我镇主动公开政府信息数160条。",
             "三、依申请公开政府信息情况", "2014年我镇未收到依申请公开的申请。",
             "四、政府信息公开的收费及减免情况", "无。", "五、因政府信息公开申请行政复议、提起行政诉讼的情况", "无。"]
    assert detect_template(Document("t.txt", "0", lines, lines)).template == "narrative"


def test_a_page_that_lost_its_title_is_known_by_its_outline():
    """大兴乡 2023: the copy starts at 一、总体情况; the headings of its outline say what it is."""
    from loader.detect import detect_template
    from loader.model import Document

    lines = ["一、总体情况", "2023年,大兴乡人民政府坚持以习近平新时代中国特色社会主义思想为指导,深入推进政务公开工作。",
             "(一)主动公开方面。2023年大兴乡人民政府共主动公开各类政府信息308条。",
             "(二)依申请公开情况。2023年未收到群众要求公开政府信息的申请。"]
    assert detect_template(Document("t.txt", "0", lines, lines)).template == "narrative"
    headings_only = ["一、总体情况", "本年度工作平稳。", "(一)主动公开方面", "工作有序。"]  # no 政府信息公开 / 政务公开
    with pytest.raises(NotAReport):
        detect_template(Document("t.txt", "0", headings_only, headings_only))


# 平潭综合实验区 2015 (a crawl of the page as one line): Fujian's form of the old table, every cell run together.
PINGTAN_2015 = ("六、平潭综合实验区政府信息公开情况统计表 指标名称计量单位2015年度历年累计主动公开文件数条294981916其中：1、"
                "政府网站公开数条2949819162、政府公报公开数条00受理依申请公开信息总数条01其中：1、当面申请数条002、网上申请数条"
                "003、信函、传真申请数条01对申请的答复总数条01其中：1、同意公开答复数条012、同意部分公开答复数条003、"
                "不予公开答复数条004、其他类型答复数条00政府信息公开收费减免金额元00接受行政诉讼、举报数件00行政复议数件00"
                "行政诉讼数件00")


def test_fujian_table_takes_the_year_column_of_each_run():
    e = _extract(["平潭综合实验区2015年度政府信息公开工作年度报告 本报告由概述、主动公开政府信息情况等部分组成。" + PINGTAN_2015])
    assert e.template == "old_table"
    got = {m: (f.value, f.method) for m, f in e.facts.items() if f.method != "prose"}
    assert got["applications.new_received.total"] == (0, "repair")      # '01': 0 this year, 1 in all
    assert got["applications.replies.granted"] == (0, "repair")
    assert got["appeals.review.total"] == (0, "repair") and got["appeals.suit_all.total"] == (0, "repair")
    # '294981916' cuts four ways with the year's figure no greater than the cumulative one: unknown
    assert "disclosures.proactive.items_total" not in got
    assert "disclosures.proactive.items_total" in {f.metric for f in e.findings if f.rule == "digit_run_ambiguous"}


def test_fujian_table_with_spaces():
    """平潭综合实验区 2014: the same form with its cells apart."""
    e = _extract(["六、平潭综合实验区政府信息公开情况统计表 指标名称 计量单位 2014年度 历年累计 主动公开文件数 条 2543 78967 "
                  "其中：1、政府网站公开数 条 2543 78967 2、政府公报公开数 条 0 0 受理依申请公开信息总数 条 1 1 "
                  "对申请的答复总数 条 1 1 其中：1、同意公开答复数 条 1 1 行政复议数 件 0 0 行政诉讼数 件 0 0"])
    assert [e.value(m) for m in ("disclosures.proactive.items_total", "applications.new_received.total",
                                 "applications.replies.granted", "appeals.review.total")] == [2543, 1, 1, 0]


def test_a_row_the_text_stops_in_keeps_its_first_columns():
    """对坊乡 2023: the copy ends inside 行政规范性文件 after 本年制发件数 and 本年废止件数."""
    e = _extract(HEAD + ["第二十条第(一)项", "信息内容", "本年制发件数", "本年废止件数", "现行有效件数",
                         "规章", "0", "0", "0", "行政规范性文件", "0", "0"])
    assert e.value("disclosures.normative_docs.issued") == 0
    assert e.value("disclosures.normative_docs.repealed") == 0
    assert "disclosures.normative_docs.in_force" not in e.facts
    assert [f.rule for f in e.findings if f.rule == "row_cut_off"] == ["row_cut_off"]


def test_a_page_of_tables_without_its_title_is_a_report():
    """五竹街道 2019: the copy holds the tables but none of the report's wording."""
    e = _extract(["第二十条第(一)项", "信息内容", "本年新制作数量", "本年新公开数量", "对外公开总数量", "规章", "0", "0", "0",
                  "规范性文件", "2", "2", "5"])
    assert e.template == "national_2019"
    assert e.value("disclosures.normative_docs.new_made") == 2


@pytest.mark.parametrize("cell, expected", [
    ("0", (0.0, "exact")), ("+19", (19.0, "exact")), ("-3", (-3.0, "exact")), ("366条", (366.0, "exact")),
    ("180余条", (180.0, "lower_bound")), ("——", (None, "placeholder")), ("?12", (12.0, "exact")),
    ("٣件", (3.0, "exact")),  # an Arabic-Indic digit is a digit to \d, so to parse_cell's shortcut too
    ("规章", None), ("第3条", None), ("件", None), ("", None), ("2.其他", None)])
def test_cell_values_and_labels(cell, expected):
    assert parse_cell(cell) == expected
