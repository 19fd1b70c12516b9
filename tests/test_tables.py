"""Table layouts seen in published reports (templates.md §6): each case is a real row shape."""
from __future__ import annotations

from loader.extract import extract_document
from loader.model import Document
from loader.normalise import normalise_line

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
