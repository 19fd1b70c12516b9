"""loader.prose: the figures report prose states, on the five seeds and the real corpus reports.

For every file the test lists what its prose states (a figure that only a table gives is not listed) and
checks that every other summary figure is absent from the prose facts. Values stated by prose are also
checked against the hand-checked expected files where those hold the same figure. Unit tests quote real
sentences from the same reports.
"""
from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

# The project has no pytest config yet that puts the repo root on sys.path; drop this once it does.
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from loader.normalise import normalise_line
from loader.prose import extract_prose

HERE = Path(__file__).parent
SEEDS = HERE.parent / "data" / "samples"
CORPUS = HERE / "corpus" / "reports"

SUMMARY = {
    "disclosed_total": ("disclosures.proactive.items_total",),
    "applications_new": ("applications.new_received.total",),
    "applications_carried": ("applications.carried_over.total",),
    "applications_granted": ("applications.granted.total",),
    "reviews_total": ("appeals.review.total",),
    "lawsuits_total": ("appeals.suit_all.total",),
    "staff_fulltime": ("staffing.people.full_time",),
    "staff_parttime": ("staffing.people.part_time",),
    "funds_wan": ("spending.special_funds.amount_wan_yuan",),
    "fees_wan": ("spending.application_fees.amount_wan_yuan", "spending.processing_fee.amount_yuan"),
    "regulatory_docs_issued": ("disclosures.proactive.normative_docs_issued",),
}
LB = "lower_bound"

# What each report's PROSE states: summary field (or metric code) -> value, or (value, qualifier).
PROSE = {
    "000_0b8b3fc5409a06cf.txt": {"disclosed_total": 42, "applications_new": 0, "fees_wan": 0,
                                 "reviews_total": 0, "lawsuits_total": 0},
    "001_386a32e61a8ab6dd.txt": {"disclosures.category.work_updates": (180, LB), "applications_new": 0,
                                 "reviews_total": 0, "lawsuits_total": 0},
    "002_73501acf55f1a058.txt": {"disclosed_total": 366, "disclosures.channel.wechat": (290, LB),
                                 "applications_new": 0, "staff_fulltime": 1, "staff_parttime": 2,
                                 "staffing.training.meetings": 4, "staffing.training.classes": 2,
                                 "reviews_total": 0, "lawsuits_total": 0, "fees_wan": 0},
    "003_0771e97be29a5800.txt": {"disclosed_total": 501, "disclosures.channel.website": 501,
                                 "applications_new": 0, "reviews_total": 0, "lawsuits_total": 0,
                                 "staff_fulltime": 0},
    "004_c6867b7eba30610a.txt": {"disclosed_total": 108, "disclosures.category.work_updates": 102},
    "real_a01.txt": {"disclosed_total": 21, "applications_new": 0, "reviews_total": 0, "lawsuits_total": 0,
                     "staff_fulltime": 1, "fees_wan": 0},
    "real_a03.txt": {"disclosed_total": 55, "applications_new": 0, "disclosures.category.notices": 25},
    "real_a05.txt": {"disclosed_total": 22, "applications_new": 0, "fees_wan": 0, "reviews_total": 0,
                     "lawsuits_total": 0},
    "real_a08.txt": {"disclosed_total": 257, "staff_fulltime": 2, "staff_parttime": 0},
    "real_a14.txt": {"disclosed_total": 915, "applications_new": 1, "applications_granted": 1},
    "real_c03.txt": {"disclosed_total": 123, "applications_new": 0, "fees_wan": 0, "reviews_total": 0,
                     "lawsuits_total": 0},
    "real_c05.txt": {"disclosed_total": 423, "applications_new": 5, "reviews_total": 1},
    "real_c07.txt": {"disclosed_total": 286, "disclosures.channel.website": 160},
    "real_c10.txt": {"disclosed_total": 94},
    "real_c12.txt": {"disclosed_total": 25, "reviews_total": 0, "lawsuits_total": 0},
    "real_b01.txt": {},
    "real_b04.txt": {"applications_new": 0, "disclosed_total": 18},  # 共制发政府信息130件,其中主动公开18件
    "real_b06.txt": {"disclosed_total": 217, "disclosures.channel.website": 125, "disclosures.channel.wechat": 92},
    "real_b07.txt": {"disclosed_total": 60},
    "real_d02.txt": {"disclosed_total": 393, "applications_new": 34, "applications_carried": 2,
                     "applications_granted": 9, "reviews_total": 1, "lawsuits_total": 0, "fees_wan": 0},
    "real_d05.txt": {"disclosed_total": 2645, "applications_new": 70, "fees_wan": 0},
}
# Prose figures that differ from the expected (table) value on purpose: the table wins elsewhere.
PROSE_TABLE_CONFLICTS = {("000_0b8b3fc5409a06cf.txt", "disclosed_total")}


def _expected() -> dict[str, dict]:
    rows = {}
    for path in (HERE / "seeds_expected.jsonl", HERE / "corpus" / "expected.jsonl"):
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                row = json.loads(line)
                rows[row["file"]] = row
    return rows


EXPECTED = _expected()


def _path(name: str) -> Path:
    return (SEEDS if name[0].isdigit() else CORPUS) / name


def _run(lines: list[str], year: int | None):
    facts, findings = extract_prose([normalise_line(line) for line in lines], year)
    return {fact.metric: fact for fact in facts}, findings


def _facts_for(name: str):
    lines = _path(name).read_text(encoding="utf-8").splitlines()
    return _run(lines, EXPECTED[name]["year"])


@pytest.mark.parametrize("name", sorted(PROSE))
def test_prose_states(name):
    facts, _ = _facts_for(name)
    for key, want in PROSE[name].items():
        value, qualifier = want if isinstance(want, tuple) else (want, "exact")
        found = [facts[m] for m in SUMMARY.get(key, (key,)) if m in facts]
        assert found, f"{name}: {key} missing"
        fact = found[0]
        got = fact.value / 10000 if fact.metric.endswith("amount_yuan") else fact.value
        assert got == pytest.approx(value), f"{name}: {key} = {got}, raw {fact.raw!r}"
        assert fact.qualifier == qualifier and fact.method == "prose"
        assert fact.line and 1 <= fact.line <= len(_path(name).read_text(encoding="utf-8").splitlines())


@pytest.mark.parametrize("name", sorted(PROSE))
def test_prose_absent(name):
    """Every summary figure the prose does not state is absent (null in expected, or a table-only value)."""
    facts, _ = _facts_for(name)
    for key, metrics in SUMMARY.items():
        if key not in PROSE[name]:
            present = [f"{m}={facts[m].value} ({facts[m].raw[:40]})" for m in metrics if m in facts]
            assert not present, f"{name}: {key} should be absent: {present}"


@pytest.mark.parametrize("name", sorted(PROSE))
def test_prose_agrees_with_labels(name):
    """A figure the prose states is the labelled value (or an accepted one), conflicts aside."""
    row = EXPECTED[name]
    for key, want in PROSE[name].items():
        if key not in SUMMARY or (name, key) in PROSE_TABLE_CONFLICTS:
            continue
        value = want[0] if isinstance(want, tuple) else want
        assert value == row.get(key) or value in row.get("accept", {}).get(key, []), (name, key, row.get(key))


def test_year_slip_on_copied_sentences():
    """Seed 000 (2018) keeps last year's '2017 年度…' sentences: figures read, slips recorded."""
    facts, findings = _facts_for("000_0b8b3fc5409a06cf.txt")
    slips = [f for f in findings if f.rule == "year_slip"]
    assert {f.line for f in slips} == {38, 42, 46}
    assert all(f.severity == "warning" and f.expected == "2018" and f.found == "2017" for f in slips)
    assert facts["applications.new_received.total"].line == 38


def test_parts_mismatch_on_c07():
    """c07: 主动公开信息数为286条, 其中通过网站公开160条, 公告栏公开120条 (280)."""
    _, findings = _facts_for("real_c07.txt")
    mismatches = [f for f in findings if f.rule == "prose_parts_mismatch"]
    assert [(f.expected, f.found, f.line, f.severity) for f in mismatches] == [("286", "280", 4, "warning")]


@pytest.mark.parametrize("name", ["real_a01.txt", "real_a03.txt", "004_c6867b7eba30610a.txt",
                                  "002_73501acf55f1a058.txt", "real_b07.txt", "real_d02.txt"])
def test_no_parts_mismatch_where_parts_add_up_or_list_is_open(name):
    _, findings = _facts_for(name)
    assert not [f for f in findings if f.rule == "prose_parts_mismatch"]


def test_no_year_slip_where_years_agree():
    for name in ("003_0771e97be29a5800.txt", "real_c05.txt", "real_c10.txt", "real_d02.txt", "real_a14.txt"):
        _, findings = _facts_for(name)
        assert not [f for f in findings if f.rule == "year_slip"], name


# --- tricky sentences, quoted from the reports -----------------------------------------------------------

def test_negation_with_yi_jian_means_zero():
    facts, _ = _run(["3.依申请公开政府信息情况:全镇全年没有收到一件信息公开申请。"], 2018)  # seed 001
    assert facts["applications.new_received.total"].value == 0


def test_approximate_category_is_lower_bound_and_not_a_total():
    facts, _ = _run(["四是工作动态。全年在各级政府公开发布工作动态信息180余条。"], 2018)  # seed 001
    fact = facts["disclosures.category.work_updates"]
    assert (fact.value, fact.qualifier) == (180, "lower_bound")
    assert "disclosures.proactive.items_total" not in facts


def test_year_figure_beats_running_total():
    facts, _ = _run(["截至目前共发布592条信息,2019年公开政府信息60条,其中,概况信息2篇,公文1篇,政务动态45篇等。"], 2019)  # b07
    assert facts["disclosures.proactive.items_total"].value == 60
    facts, _ = _run(["按照《条例》的要求,截至2012年12月30日,我乡在县政府网站共主动公开政府信息615条,今年新增94条。"], 2012)  # c10
    assert facts["disclosures.proactive.items_total"].value == 94
    assert "disclosures.channel.website" not in facts  # 615 is cumulative


def test_running_total_alone_is_kept():
    facts, _ = _run(["（一）部门信息公开网站信息公开情况。截止目前，我镇对外公开政府信息 42 条。"], 2018)  # seed 000
    assert facts["disclosures.proactive.items_total"].value == 42


def test_percentages_are_ignored():
    facts, _ = _run(["（一）主动公开政府信息的数量。2017年1月至12月，通过政府门户网站主动公开信息501条，同比去年增长98%。"], 2017)
    assert {f.value for f in facts.values()} == {501}
    facts, _ = _run(["数量相比于2018年提高20.8%。"], 2019)  # seed 002
    assert not facts


def test_fee_heading_with_appeals_text():
    """Seed 001: a 收费 heading whose sentence is about 复议/诉讼 states those, not fees."""
    facts, _ = _run(["5.政府信息公开收费及减免情况:2018年度未发生因政府信息公开而导致行政复议、行政诉讼和申诉的情况。"], 2018)
    assert facts["appeals.review.total"].value == 0 and facts["appeals.suit_all.total"].value == 0
    assert not [m for m in facts if m.startswith("spending.")]


def test_sentence_wrapped_over_pdf_lines():
    lines = ["好环境。2024 年市科委有 1 件涉及政府信息公开工作的行政复",  # d02
             "议，该行政复议件未被复议审查机关纠错。涉及的行政诉讼数为",
             "0 件。"]
    facts, _ = _run(lines, 2024)
    assert (facts["appeals.review.total"].value, facts["appeals.review.total"].line) == (1, 1)
    assert (facts["appeals.suit_all.total"].value, facts["appeals.suit_all.total"].line) == (0, 2)


def test_table_text_is_not_prose():
    header = ["\t结果维持", "\t结果纠正", "\t其他结果", "\t尚未审结", "\t总计", "\t未经复议直接起诉", "\t复议后起诉"]  # 004
    assert _run(header, 2020)[0] == {}
    row = ["(一) 主动公开政府信息数 (不同渠道和方式公开相同信息计 1 条)\t条\t56"]  # seed 000
    assert _run(row, 2018)[0] == {}
    assert _run(["2.申请人逾期未按收费", "通知要求缴纳费用、行", "政机关不再处理其政府"], 2024)[0] == {}  # d02


def test_quoted_name_is_not_a_count():
    facts, _ = _run(["（二）依申请公开方面。我区高度重视依申请公开工作的办理。坚持第一时间登记受理、第一时间转送承办单位和第一时间回复申请的“三个一”工作机制。"
                     "本年度全区共收到70件申请,及时依法依规办结69件,1件结转下年度继续办理。"], 2021)  # d05
    assert facts["applications.new_received.total"].value == 70


def test_all_part_time_states_no_full_time():
    facts, _ = _run(["目前我镇政府门户网站主要存在三方面的问题:一是从事政府信息公开工作的人员均为兼职人员,工作力量不足;"], 2017)
    assert facts["staffing.people.full_time"].value == 0
    assert "staffing.people.part_time" not in facts


def test_processing_fee_2021():
    facts, _ = _run(["六、其他需要报告的事项2021年，无收取信息处理费情况。"], 2021)  # d05
    assert facts["spending.processing_fee.amount_yuan"].value == 0


# --- sentences of reports outside the corpus (township pages found with the search tool) -------------------

def _value(lines, year, metric):
    facts, _ = _run(lines, year)
    return facts[metric].value if metric in facts else None


TOTAL = "disclosures.proactive.items_total"


@pytest.mark.parametrize("lines,year,expected", [
    # 累计 right after the year is the year's total; a notice board's figure is a channel, never the total
    (["2017年,主动公开政府信息累计204条,通过政府网站公开信息数163 条,村务公开栏公开信息18条。"], 2017, 204),
    # an aside in brackets between 信息 and the number
    (["2018年度我乡共主动公开政府信息(公文平台发文)113条,政府网站公开信息数71条,政务微信公开数63条。"], 2018, 113),
    (["今年来主动公开的信息数共有164条,其中:工作动态类信息122条,占74%;通知公告24条,占15%。"], 2018, 164),
    # 发布N条主动公开政府信息 in the year beats a figure of the following year
    (["2009年共整理、录入、发布14条主动公开政府信息。", "此外,2010年我镇通过门户网站公开各类政府信息24余条。"], 2009, 14),
    # the proactive share of all information made
    (["2014年共制作、获取政府信息614条,其中主动公开29条,不予公开583条。"], 2014, 29),
    # items of a list opened by 其中: are parts, even when ; divides them
    (["严格按照年度政府信息公开要点,累计主动公开信息62条,其中:公布机构职能的概况信息1条;公布人事公开信息3条。"], 2023, 62),
    # news websites are media, not the government's website
    (["2019年,全镇主动在新闻网站发布信息160余条;政府官方网站主动公开政府信息86条。"], 2019, 86),
    # a list of kinds closed by 等, then its total
    (["通过大冶市人民政府信息公开网站主动公开规划信息、统计信息、许可服务、处罚强制等共计80余条。"], 2024, 80),
])
def test_disclosure_totals_of_real_sentences(lines, year, expected):
    assert _value(lines, year, TOTAL) == expected


@pytest.mark.parametrize("lines,year,metric,expected", [
    (["全年所有政府信息均未发生依申请和不予公开政府信息,未出现因政府信息公开工作被申请行政复议、提起行政诉讼情况。"], 2019,
     "applications.new_received.total", 0),
    (["2009年,全镇政府信息公开依申请办理事项为零。"], 2009, "applications.new_received.total", 0),
    (["三、依申请公开政府信息和不予公开政府信息情况", "我镇2016年度无申请。"], 2016, "applications.new_received.total", 0),
    (["(一)受理申请的数量:本街道2015年度共受理收到政府信息公开申请0条,历年累计6条。"], 2015,
     "applications.new_received.total", 0),
    (["全年收到公民、法人和其他组织政府信息公开申请共161件,当年办结168件(含上年结转14件),结转下一年7件"
      "(具体情况及涉及行政复议、行政诉讼情况详见本报告第三、四部分)。"], 2021, "applications.carried_over.total", 14),
    (["全年收到公民、法人和其他组织政府信息公开申请共161件,当年办结168件(含上年结转14件),结转下一年7件"
      "(具体情况及涉及行政复议、行政诉讼情况详见本报告第三、四部分)。"], 2021, "appeals.review.total", None),
    (["没有因政府信息公开引起行政复议或者行政起诉的案例发生。"], 2021, "appeals.suit_all.total", 0),
    (["2024年,沌口街道接到2项政府信息公开的申请。"], 2024, "applications.new_received.total", 2),
    (["因政府信息公开引发行政复议2件、行政诉讼0件。"], 2023, "appeals.suit_all.total", 0),
    (["因政府信息公开引发行政复议2件、行政诉讼0件。"], 2023, "appeals.review.total", 2),
    (["2021年,我局未发生依申请公开政府信息方面的行政复议和行政诉讼。"], 2021, "applications.new_received.total", None),
    (["无因政府信息产生行政复议,提起行政诉讼情况发生。"], 2024, "appeals.suit_all.total", 0),
    (["2024年度,我街受理依申请公开政府信息0件,回复处理0件。"], 2024, "applications.new_received.total", 0),
    (["今年以来,收到居民书面信息公开申请2例。"], 2024, "applications.new_received.total", 2),
    (["办结依申请公开件177件(含2022年结转的3件),其中,予以公开60件。"], 2023, "applications.carried_over.total", 3),
    (["办结依申请公开件177件(含2023年结转的3件)。"], 2023, "applications.carried_over.total", None),
    (["2019年我乡通过原州区政府网、公示栏、微信公众号,制发规范性文件13份。"], 2019,
     "disclosures.proactive.normative_docs_issued", 13),
    (["截至2009年底,我镇人民政府累计主动公开2009年度政府信息28条,全文电子化率达100%。"], 2009, TOTAL, 28),
    (["截至2014年12月31日,在县政府网站累计公开政府信息846条,其中本年度在县政府网站及本单位门户网站公开214条。"], 2014,
     TOTAL, 214),
    (["今年来,全镇共发布各类信息内容46条。"], 2008, TOTAL, 46),
    (["2013年度主动公开信息的有5条,不予公开信息有10条。"], 2013, TOTAL, 5),
    (["全年接受政府信息公开申请98件(当年办结97件,结转下年度1件)。"], 2020, "applications.new_received.total", 98),
    (["我镇共发文96件,其中主动公开文件0件,不公开文件96件,依申请公开0件。"], 2021,
     "applications.new_received.total", None),
    (["并安排了3名办公室工作人员兼职负责政务公开的日常工作。"], 2018, "staffing.people.part_time", 3),
    # 等多种形式: every channel together; the items a 包括 list opens are parts (铁岭县 2019)
    (["依托铁岭县人民政府网站、铁岭政务服务网公示板、宣传单(手册)等多种形式,全年主动公开政府信息2130余条。其中铁岭县"
      "人民政府网站全年公开政府信息603条,包括决策公开信息77条,执行和结果公开信息56条,管理公开信息267条。"], 2019, TOTAL,
     2130),
    (["区政府门户网站共发布信息18439条,其中:概况类69条、政务动态类8043条。“濂溪区人民政府发布”发布信息459条。"], 2024,
     TOTAL, 18439),                                                                # a quoted account is one outlet
    (["2021年我局通过“略阳县人民政府网站”公开政务信息111条,其中不动产登记公告公示86条。"], 2021, TOTAL, 111),
    (["2018年,共制作政府信息3021条,其中主动公开信息1027条,依申请公开信息459条,不予公开信息1535条。"], 2018, TOTAL, 1027),
    (["本年度中塘镇收到依申请公开政府信息办理事项2件,已按期办结。"], 2022, "applications.new_received.total", 2),
    (["本街道2017年度未发生依申请公开信息受理事项。"], 2017, "applications.new_received.total", 0),
    (["我乡通过德安县政府信息公开平台累公开206条,其中主动公开信息数为206条,依申请公开信息数为0条。"], 2022, TOTAL, 206),
    (["据统计,主动公开发布部门年度部门预算决算情况说明、履职依据等内容共计33条。"], 2020, TOTAL, 33),
    (["微博、“警民直通车-长宁”微信等平台,及时、全面、准确地主动公开各类公安政府信息4186条。"], 2018, TOTAL, 4186),
    (["县政府网站发布新闻稿件97条,重点领域信息公开发布信息61条,人社局微信公众号发布信息118条。"], 2023, TOTAL, None),
    (["按要求对领导简介和分工、机构信息、政策文件、工作动态、公示公告等信息主动公开201条。"], 2020, TOTAL, 201),
    (["2021年度,区公安分局依申请公开受理和办结6件。"], 2021, "applications.new_received.total", 6),
    (["2024年,首义路街道依申请公开事项1件,为依申请公开街道办的信息。"], 2024, "applications.new_received.total", 1),
    (["2024年,我镇受理政府信息公开申请0件;上年转结政府信息公开申请0件。"], 2024, "applications.carried_over.total", 0),
    (["据统计,截止2013年末,全乡从事信息公开工作人员2人,均为兼职人员,全乡开展工作培训。"], 2013,
     "staffing.people.part_time", 2),
    (["政府信息公开申请数为2,当面申请数为2条。同意公开答复1条,由于信息不存在否决公开答复1条。"], 2013,
     "applications.new_received.total", 2),
    (["政府信息公开申请数为2,当面申请数为2条。同意公开答复1条,由于信息不存在否决公开答复1条。"], 2013,
     "applications.granted.total", 1),
    (["公开数量主要包含了通过线上及线下公开的1860条信息。"], 2021, TOTAL, 1860),
    (["我镇认真做好依申请公开政府信息服务工作。2021年度无依申请公开件。"], 2021, "applications.new_received.total", 0),
    (["2021年,我镇政府信息网站今年公开公示信息达382条,栏目结构做到按要求设置。"], 2021, TOTAL, 382),
    (["同时明确了2名专职干部担任政府信息公开联系人,具体负责政府信息公开工作。"], 2019, "staffing.people.full_time", 2),
    (["明确1名工作人员作为专职信息公开员,具体负责日常工作。"], 2018, "staffing.people.full_time", 1),
    (["2.依申请公开办理情况:", "2019年依申请公开共受理2件,为挂号信依申请公开。"], 2019, "applications.new_received.total", 2),
    (["2020年累计主动公开政府信息275条,全文电子化率达100%,其中,本年度新增的主动公开政府信息32条。"], 2020, TOTAL, 32),
    (["截至2014年12月31日,未出现政府信息权利人向镇政府信息公开义务人申请公开信息的情况。"], 2014,
     "applications.new_received.total", 0),
    (["主动公开了义务教育标准化学校建设计划、民办学校年检等各类信息500多条。在社会信用信息平台共计录入公开信息"
      "1700余条。"], 2023, TOTAL, 500),
    (["2020年,全街无依申请公开和复议、诉讼和申诉的情况。"], 2020, "applications.new_received.total", 0),
    (["2020年,全街无依申请公开和复议、诉讼和申诉的情况。"], 2020, "appeals.review.total", 0),
    (["明确兼职工作人员负责政务公开,不存在因申请政府信息公开引起的行政复议和行政诉讼等情况。"], 2022,
     "appeals.suit_all.total", 0),
    # an overview section's total is the year's, not a key area's list closed by 等
    (["一、概述", "(一)基本情况", "今年,我区政府信息公开单位共公布政府信息2599条,(其中机构职能类信息25条)。",
      "二、主动公开政府信息情况", "全年公开施工许可证76条;公开劳动就业、三农信息等信息共62条。"], 2019, TOTAL, 2599),
    (["卫生相关信息,2019年度完成政府信息公开301条。"], 2019, TOTAL, 301),
    (["2016年我镇累计发文11条,其中,公文类政府信息主动公开1条,财务信息公开1条。"], 2016, TOTAL, None),
    (["三、政府信息公开收费和减免情况", "2009年,全镇信息公开的收费和减免为零。"], 2009,
     "spending.application_fees.amount_wan_yuan", 0),
    (["结合本乡实际,配备两名工作人员,其中专职与兼职人员各一人。"], 2018, "staffing.people.full_time", 1),
    (["结合本乡实际,配备两名工作人员,其中专职与兼职人员各一人。"], 2018, "staffing.people.part_time", 1),
    (["便民服务中心主任为具体负责人,安排了3名工作人员兼职负责政务公开的日常工作。"], 2018, "staffing.people.part_time", 3),
    (["(一)工作人员情况我局没有从事政府信息公开工作的全职人员,兼职人员1人。"], 2013, "staffing.people.full_time", 0),
])
def test_counts_of_real_sentences(lines, year, metric, expected):
    assert _value(lines, year, metric) == expected
