"""The old 《政府信息公开情况统计表》 (2014–2018, still seen later): nine sections, 统计指标 | 单位 | 统计数.

Input: a Document. Output: one fact per printed row (templates.md §3.2 and §8), and a repair when a
section header row carries the value of its first row (seed 002: 一、主动公开情况 —— 366).
"""
from __future__ import annotations

from loader import digit_runs
from loader.cells import cells_of
from loader.model import Document, Extraction, Fact, Finding
from loader.normalise import squeeze, squeezed_lines
from loader.templates.rows import RowMatch, RowSpec, match_rows

NAME = "old_table"
FINGERPRINTS = ("政府信息公开情况统计表", "统计指标", "主动公开政府信息数", "回应解读情况", "申请办结数",
                "同意公开答复数", "申请答复数", "从事政府信息公开工作人员数", "主动公开文件数", "对申请的答复总数")


def _s(keywords: str | tuple[str, ...]) -> RowSpec:
    return RowSpec(None, (keywords,) if isinstance(keywords, str) else keywords)


def _r(code: str, keywords: str | tuple[str, ...], unit: str) -> RowSpec:
    return RowSpec(code, (keywords,) if isinstance(keywords, str) else keywords, 1, unit)


_TOPICS = ("fiscal_budget", "财政预决算"), ("expropriation_compensation", "征收补偿"), ("planning", "规划计划"), \
    ("major_projects", "重大建设项目"), ("business_admin", "工商管理"), ("food_drug", "食品药品"), \
    ("environment", "环境保护"), ("public_resources", "公共资源监管"), \
    ("employment_social_security", "劳动就业"), ("social_assistance_poverty", "社会救助"), \
    ("health_family_planning", "医疗卫生"), ("education", "教育信息"), ("statistics", "统计信息"), \
    ("admin_penalty", "行政处罚"), ("personnel", "人事信息"), ("prices_fees", "价格收费"), \
    ("enterprise_credit", "企业信用"), ("other", ("其它", "其他"))

ROWS = [
    _s("主动公开情况"),
    _r("disclosures.proactive.items_total", "主动公开政府信息数", "条"),
    _r("disclosures.proactive.normative_docs_published", "主动公开规范性文件数", "条"),
    _r("disclosures.proactive.normative_docs_issued", "制发规范性文件总数", "件"),
    _s("通过不同渠道和方式公开政府信息的情况"),
    _r("disclosures.channel.gazette", "政府公报公开政府信息数", "条"),
    _r("disclosures.channel.website", "政府网站公开政府信息数", "条"),
    _r("disclosures.channel.weibo", "政务微博公开政府信息数", "条"),
    _r("disclosures.channel.wechat", "政务微信公开政府信息数", "条"),
    _r("disclosures.channel.other", "其他方式公开政府信息数", "条"),
    _s("回应解读情况"),
    _r("disclosures.response.hotspots", "回应公众关注热点", "次"),
    _s("通过不同渠道和方式回应解读的情况"),
    _r("disclosures.response.press_conferences", "新闻发布会总次数", "次"),
    _r("disclosures.response.press_conferences_by_principal", "参加新闻发布会次数", "次"),
    _r("disclosures.response.online_interviews", "政府网站在线访谈次数", "次"),
    _r("disclosures.response.online_interviews_by_principal", "参加政府网站在线访谈次数", "次"),
    _r("disclosures.response.interpretation_articles", "政策解读稿件发布数", "篇"),
    _r("disclosures.response.weibo_wechat_responses", "微博微信回应事件数", "次"),
    _r("disclosures.response.other_responses", "其他方式回应事件数", "次"),
    _s("依申请公开情况"),
    _r("applications.new_received.total", "收到申请数", "件"),
    _r("applications.received_via.in_person", "当面申请数", "件"),
    _r("applications.received_via.fax", "传真申请数", "件"),
    _r("applications.received_via.online", "网络申请数", "件"),
    _r("applications.received_via.letter", "信函申请数", "件"),
    _r("applications.closed.total", "申请办结数", "件"),
    _r("applications.closed.on_time", "按时办结数", "件"),
    _r("applications.closed.extended", "延期办结数", "件"),
    _r("applications.replies.total", "申请答复数", "件"),
    _r("applications.replies.already_public", "已主动公开范围数", "件"),
    _r("applications.replies.granted", "同意公开答复数", "件"),
    _r("applications.replies.partially_granted", "同意部分公开答复数", "件"),
    _r("applications.replies.refused_total", "不同意公开答复数", "件"),
    _r("applications.replies.refused_state_secret", "涉及国家秘密", "件"),
    _r("applications.replies.refused_commercial_secret", "涉及商业秘密", "件"),
    _r("applications.replies.refused_privacy", "涉及个人隐私", "件"),
    _r("applications.replies.refused_security_stability", ("危及国家安全", "社会稳定"), "件"),
    _r("applications.replies.refused_not_gov_info", "所指政府信息", "件"),
    _r("applications.replies.refused_other_legal", "法律法规规定的其他情形", "件"),
    _r("applications.replies.not_this_agency", "不属于本行政机关公开数", "件"),
    _r("applications.replies.not_exist", "申请信息不存在数", "件"),
    _r("applications.replies.amend_requested", "告知作出更改补充数", "件"),
    _r("applications.replies.other_channel", "告知通过其他途径办理数", "件"),
    _r("applications.topic.total", "申请类型数", "件"),
    *(_r(f"applications.topic.{code}", kw, "件") for code, kw in _TOPICS),
    _r("appeals.review.total", "行政复议数量", "件"),
    _r("appeals.review.upheld", "维持具体行政行为数", "件"),
    _r("appeals.review.corrected", "被依法纠错数", "件"),
    _r("appeals.review.other", "其他情形数", "件"),
    _r("appeals.suit_all.total", "行政诉讼数量", "件"),
    _r("appeals.suit_all.upheld", ("驳回原告诉讼请求数", "维持具体行政行为或者"), "件"),
    _r("appeals.suit_all.corrected", "被依法纠错数", "件"),
    _r("appeals.suit_all.other", "其他情形数", "件"),
    _r("appeals.complaints.total", "举报投诉数量", "件"),
    _r("spending.application_fees.amount_wan_yuan", "依申请公开信息收取的费用", "万元"),
    _s("机构建设和保障经费情况"),
    _r("staffing.units.dedicated_bodies", "政府信息公开工作专门机构数", "个"),
    _r("staffing.units.reading_points", "政府信息公开查阅点数", "个"),
    _r("staffing.people.total", "从事政府信息公开工作人员数", "人"),
    _r("staffing.people.full_time", "专职人员数", "人"),
    _r("staffing.people.part_time", "兼职人员数", "人"),
    _r("spending.special_funds.amount_wan_yuan", "政府信息公开专项经费", "万元"),
    _s("政府信息公开会议和培训情况"),
    _r("staffing.training.meetings", ("工作会议或专题会议数", "专题会议数"), "次"),
    _r("staffing.training.classes", "举办各类培训班数", "次"),
    _r("staffing.training.trainees", "接受培训人员数", "人次"),
]


# Fujian's own form of the table (指标名称 | 计量单位 | 2017年度 | 历年累计), seen in 平潭综合实验区's reports
# 2014–2018: fewer rows, and a cumulative column after the year's.
FUJIAN_ROWS = [
    _r("disclosures.proactive.items_total", "主动公开文件数", "条"),
    _r("disclosures.channel.website", "政府网站公开数", "条"),
    _r("disclosures.channel.gazette", "政府公报公开数", "条"),
    _r("applications.new_received.total", ("受理依申请公开信息总数", "依申请公开总数"), "件"),
    _r("applications.received_via.in_person", "当面申请数", "件"),
    _r("applications.received_via.online", "网上申请数", "件"),
    _r("applications.received_via.letter_or_fax", "传真申请数", "件"),
    _r("applications.replies.total", "对申请的答复总数", "件"),
    _r("applications.replies.granted", "同意公开答复数", "件"),
    _r("applications.replies.partially_granted", "同意部分公开答复数", "件"),
    _r("applications.replies.refused_total", "不予公开答复数", "件"),
    _r("applications.replies.other", "其他类型答复数", "件"),
    _r("spending.fee_waivers.amount_yuan", "收费减免金额", "元"),
    _r("appeals.complaints.total", "接受行政诉讼、举报数", "件"),
    _r("appeals.review.total", "行政复议数", "件"),
    _r("appeals.suit_all.total", "行政诉讼数", "件"),
]
_FUJIAN_MARKS = ("主动公开文件数", "对申请的答复总数")


def table_region(document: Document) -> list[tuple[int, str]]:
    """From the table's header (统计指标, 指标名称) or, failing that, its last title line, to the end; a
    page saved as one line is cut where its table begins."""
    squeezed = squeezed_lines(document.lines)
    starts = [i for i, s in enumerate(squeezed) if "统计指标" in s]
    if not starts:
        starts = [i for i, s in enumerate(squeezed) if "情况统计表" in s and "。" not in s]
    if starts:
        return [(n + 1, document.lines[n]) for n in range(starts[-1], len(document.lines))]
    for index, line in enumerate(document.lines):
        at = line.find("指标名称")
        if at >= 0:
            return [(index + 1, line[at:])] + [(n + 1, document.lines[n]) for n in range(index + 1, len(document.lines))]
    return []


def extract(document: Document, extraction: Extraction) -> None:
    region = table_region(document)
    text = squeeze("".join(line for _, line in region))
    fujian = any(mark in text for mark in _FUJIAN_MARKS)
    matches = match_rows(cells_of(region), FUJIAN_ROWS if fujian else ROWS)
    for match in matches:
        if match.spec.code is None:
            continue
        if fujian and _year_of_run(match, extraction):
            continue
        cell = next((c for c in match.values if c.kind in ("num", "placeholder")), None)
        if cell is None:
            continue
        unit = match.unit or match.spec.unit
        if cell.kind == "placeholder":
            extraction.add(Fact(match.spec.code, None, unit, cell.line, "table", cell.text, "placeholder"))
        else:
            extraction.add(Fact(match.spec.code, cell.value, unit, cell.line, "table", cell.text,
                                cell.qualifier))
    _place_section_values(matches, extraction)


def _year_of_run(match: RowMatch, extraction: Extraction) -> bool:
    """A Fujian row printed as one run of digits, the year's figure then the cumulative one ('01', '294981916'):
    the year's figure is taken when only one cut leaves it no greater than the cumulative figure."""
    values = [c for c in match.values if c.kind in ("num", "run", "placeholder")]
    if len(values) != 1 or values[0].kind != "run":
        return False
    run = values[0]
    readings = [(a, b) for a, b in digit_runs.splits(run.text, 2) if a <= b]
    if len(readings) == 1:
        extraction.add(Fact(match.spec.code, float(readings[0][0]), match.unit or match.spec.unit, run.line, "repair",
                            run.text))
        extraction.findings.append(Finding(
            "repair_digit_run", "info", f"row '{match.label.text}' prints '{run.text}' with no separator; the only "
            f"cut that leaves the year's figure no greater than the cumulative one is {readings[0][0]} | "
            f"{readings[0][1]}", match.spec.code, str(readings[0][0]), run.text, run.line))
    else:
        extraction.findings.append(Finding(
            "digit_run_ambiguous", "warning", f"row '{match.label.text}' prints '{run.text}' with no separator; "
            f"{len(readings)} cuts into the year's and the cumulative figure fit, so it is left unknown",
            match.spec.code, None, run.text, run.line))
    return True


def _place_section_values(matches: list[RowMatch], extraction: Extraction) -> None:
    """A section row that prints a number has taken its first row's value when a page dropped a cell.

    The value moves to the first row only when that row reads 0 or nothing and the section's own
    parts confirm it; otherwise the printed cells stay and the stray number is a finding.
    """
    for index, match in enumerate(matches):
        if match.spec.code is not None or index + 1 >= len(matches):
            continue  # (only section rows, which carry no code, are looked into)
        numbers = [c for c in match.values if c.kind == "num"]
        if not numbers:
            continue
        stray, first = numbers[0], matches[index + 1]
        target = first.spec.code
        printed = extraction.value(target) if target else None
        confirmed_by = _confirmation(target, stray.value, extraction)
        if target and printed in (None, 0) and confirmed_by:
            extraction.facts[target] = Fact(target, stray.value, first.spec.unit, stray.line, "repair",
                                            stray.text)
            extraction.findings.append(Finding(
                "repair_shifted_row", "info",
                f"section row '{match.label.text}' carries {stray.text}, which belongs to its first row "
                f"'{first.label.text}' (that row printed {printed}); confirmed by {confirmed_by}",
                target, stray.text, None if printed is None else f"{printed:g}", stray.line))
        else:
            extraction.findings.append(Finding(
                "value_on_section_row", "warning",
                f"section row '{match.label.text}' carries the number {stray.text}; no identity says which "
                f"row it belongs to, so it is not stored", target, None, stray.text, stray.line))


_PARTS = {
    "disclosures.proactive.items_total": ("disclosures.channel.", "the channel rows"),
    "applications.new_received.total": ("applications.received_via.", "the channel rows"),
}


def _confirmation(target: str | None, value: float, extraction: Extraction) -> str | None:
    """How the report itself supports `value` for `target`: its parts add up, or its prose says so."""
    if target in _PARTS:
        prefix, what = _PARTS[target]
        parts = [f.value for m, f in extraction.facts.items() if m.startswith(prefix) and f.value is not None]
        if parts and sum(parts) == value:
            return f"{what} ({' + '.join(f'{p:g}' for p in parts)} = {value:g})"
    return None
