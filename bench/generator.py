"""Synthetic 政府信息公开工作年度报告: known facts in, report text out, in every shape the loader reads.

The generator knows nothing of the loader (it never imports `loader`): it copies the shapes of the
real files in data/samples/ and tests/corpus/reports/ and the row labels of
shared/reference/templates.md, so a report it writes is one a township could have published, and the
facts it was written from are the answer a correct loader must give.

    facts = random_facts(rng, "national_2019")      # every cell of the template, identities holding
    text = render(facts, "cell_per_line", rng)      # 表二/三/四 flattened one cell per line, like seed 004
    expected = facts.expected("cell_per_line")      # metric code -> value a correct loader returns

Templates and layouts (LAYOUTS):

* ``old_table`` — the old 《政府信息公开情况统计表》: ``tsv`` (seed 000: 统计指标 | 单位 | 统计数 separated
  by tabs) and ``cell_per_line`` (seed 002: every cell on its own line, blank lines between, units mostly
  lost, long labels broken over two lines).
* ``national_2019`` / ``national_2021`` — ``cell_per_line`` (seed 004, real_b01, real_b06: tab-indented or
  bare cells, blank lines between rows, header labels split 本年新 / 制作数量, group labels broken into
  fragments) and ``pipe`` (real_b04/b07: ``规章 | 0 | 0 | 0 |``; real_d02: ``| … |`` rows with ``|---|``
  separators and a trailing empty cell).
* ``narrative`` — ``prose``: figures only in sentences (Chinese numerals 十二条 / 两名, "N余条",
  "没有收到一件…申请" for zero).

Noise (``Noise``): page furniture (breadcrumbs, 发布日期 line, footer), "—"/"——" section cells, ASCII or
full-width brackets, 1. or 1、 numbering, a title broken over two lines, seed 004's misprinted labels,
湖北's instructions inside 2019 labels, a 繁體 copy of the page, and — only when asked for — blank cells
in pipe rows (``Facts.blank``).
"""
from __future__ import annotations

import functools
import random
import zlib
from dataclasses import dataclass, field, replace
from datetime import date

TEMPLATES = ("old_table", "national_2019", "national_2021", "narrative")
LAYOUTS = {
    "old_table": ("tsv", "cell_per_line"),
    "national_2019": ("cell_per_line", "pipe"),
    "national_2021": ("cell_per_line", "pipe"),
    "narrative": ("prose",),
}
CONTRADICTIONS = {  # kind -> (templates it applies to, the finding rule a loader must report)
    "prose_total": (("old_table",), "prose_table_conflict"),
    "table3_outcomes": (("national_2019", "national_2021"), "table3_outcomes_vs_total"),
    "table4_total": (("national_2019", "national_2021"), "table4_total"),
}

# Real counties (province, city, county) whose names are unique in GB/T 2260.
COUNTIES = (
    ("浙江省", "衢州市", "衢江区"), ("江西省", "宜春市", "袁州区"), ("江西省", "宜春市", "丰城市"),
    ("广东省", "韶关市", "武江区"), ("浙江省", "温州市", "龙湾区"), ("广东省", "湛江市", "遂溪县"),
    ("浙江省", "绍兴市", "上虞区"), ("浙江省", "温州市", "瑞安市"), ("四川省", "内江市", "资中县"),
    ("云南省", "昭通市", "绥江县"), ("湖南省", "益阳市", "桃江县"), ("广东省", "湛江市", "徐闻县"),
    ("湖北省", "鄂州市", "鄂城区"), ("湖北省", "武汉市", "黄陂区"), ("湖南省", "岳阳市", "临湘市"),
    ("湖北省", "荆门市", "钟祥市"), ("甘肃省", "平凉市", "崆峒区"), ("福建省", "福州市", "平潭县"),
    ("浙江省", "金华市", "浦江县"), ("浙江省", "绍兴市", "新昌县"), ("江西省", "赣州市", "南康区"),
    ("湖南省", "岳阳市", "汨罗市"), ("湖南省", "株洲市", "醴陵市"), ("福建省", "莆田市", "仙游县"),
    ("福建省", "泉州市", "德化县"), ("浙江省", "衢州市", "龙游县"), ("浙江省", "衢州市", "开化县"),
    ("江西省", "上饶市", "余干县"), ("江西省", "上饶市", "婺源县"), ("江西省", "宜春市", "万载县"),
    ("江西省", "赣州市", "石城县"), ("江西省", "赣州市", "会昌县"),
)
_NAME_CHARS = "青石长乐东华柳湖金桥白沙新安永丰双河龙泉大坪清溪凤鸣红岩马鞍太平曲彬上方江城茶园松林桂花梅岭杨柳高桥"
_SUFFIXES = ("镇", "镇", "镇", "乡", "街道")

# --- metric codes and printed labels --------------------------------------------------------------------

# old 统计表 rows in printed order: (code or None for a section row, label, unit). "¦" marks where the
# flattened copy (seed 002) breaks a long label over two lines.
_OLD_HEAD = [
    (None, "一、主动公开情况", None),
    ("disclosures.proactive.items_total", "（一）主动公开政府信息数¦（不同渠道和方式公开相同信息计1条）", "条"),
    ("disclosures.proactive.normative_docs_published", "其中：主动公开规范性文件数", "条"),
    ("disclosures.proactive.normative_docs_issued", "制发规范性文件总数", "件"),
    (None, "（二）通过不同渠道和方式公开政府信息的情况", None),
    ("disclosures.channel.gazette", "1.政府公报公开政府信息数", "条"),
    ("disclosures.channel.website", "2.政府网站公开政府信息数", "条"),
    ("disclosures.channel.weibo", "3.政务微博公开政府信息数", "条"),
    ("disclosures.channel.wechat", "4.政务微信公开政府信息数", "条"),
    ("disclosures.channel.other", "5.其他方式公开政府信息数", "条"),
    (None, "二、回应解读情况", None),
    ("disclosures.response.hotspots", "（一）回应公众关注热点或重大舆情数¦（不同方式回应同一热点或舆情计1次）", "次"),
    (None, "（二）通过不同渠道和方式回应解读的情况", None),
    ("disclosures.response.press_conferences", "1.参加或举办新闻发布会总次数", "次"),
    ("disclosures.response.press_conferences_by_principal", "其中：主要负责同志参加新闻发布会次数", "次"),
    ("disclosures.response.online_interviews", "2.政府网站在线访谈次数", "次"),
    ("disclosures.response.online_interviews_by_principal", "其中：主要负责同志参加政府网站在线访谈次数", "次"),
    ("disclosures.response.interpretation_articles", "3.政策解读稿件发布数", "篇"),
    ("disclosures.response.weibo_wechat_responses", "4.微博微信回应事件数", "次"),
    ("disclosures.response.other_responses", "5.其他方式回应事件数", "次"),
    (None, "三、依申请公开情况", None),
    ("applications.new_received.total", "（一）收到申请数", "件"),
    ("applications.received_via.in_person", "1.当面申请数", "件"),
    ("applications.received_via.fax", "2.传真申请数", "件"),
    ("applications.received_via.online", "3.网络申请数", "件"),
    ("applications.received_via.letter", "4.信函申请数", "件"),
    ("applications.closed.total", "（二）申请办结数", "件"),
    ("applications.closed.on_time", "1.按时办结数", "件"),
    ("applications.closed.extended", "2.延期办结数", "件"),
    ("applications.replies.total", "（三）申请答复数", "件"),
    ("applications.replies.already_public", "1.属于已主动公开范围数", "件"),
    ("applications.replies.granted", "2.同意公开答复数", "件"),
    ("applications.replies.partially_granted", "3.同意部分公开答复数", "件"),
    ("applications.replies.refused_total", "4.不同意公开答复数", "件"),
    ("applications.replies.refused_state_secret", "其中：涉及国家秘密", "件"),
    ("applications.replies.refused_commercial_secret", "涉及商业秘密", "件"),
    ("applications.replies.refused_privacy", "涉及个人隐私", "件"),
    ("applications.replies.refused_security_stability", "危及国家安全、公共安全、经济安全和社会¦稳定", "件"),
    ("applications.replies.refused_not_gov_info", "不是《条例》所指政府信息", "件"),
    ("applications.replies.refused_other_legal", "法律法规规定的其他情形", "件"),
    ("applications.replies.not_this_agency", "5.不属于本行政机关公开数", "件"),
    ("applications.replies.not_exist", "6.申请信息不存在数", "件"),
    ("applications.replies.amend_requested", "7.告知作出更改补充数", "件"),
    ("applications.replies.other_channel", "8.告知通过其他途径办理数", "件"),
]
OLD_TOPICS = (("fiscal_budget", "财政预决算"), ("expropriation_compensation", "征收补偿"), ("planning", "规划计划"),
              ("major_projects", "重大建设项目审批及实施"), ("business_admin", "工商管理"), ("food_drug", "食品药品"),
              ("environment", "环境保护"), ("public_resources", "公共资源监管"),
              ("employment_social_security", "劳动就业及社会保障"), ("social_assistance_poverty", "社会救助及扶贫"),
              ("health_family_planning", "医疗卫生及计生"), ("education", "教育信息"), ("statistics", "统计信息"),
              ("admin_penalty", "行政处罚"), ("personnel", "人事信息"), ("prices_fees", "价格收费"),
              ("enterprise_credit", "企业信用"), ("other", "其它"))
_OLD_TOPIC_ROWS = [("applications.topic.total", "（四）申请类型数", "件")] + [
    (f"applications.topic.{code}", f"{i}.{label}", "件") for i, (code, label) in enumerate(OLD_TOPICS, 1)]
_OLD_TAIL = [
    ("appeals.review.total", "四、行政复议数量", "件"),
    ("appeals.review.upheld", "（一）维持具体行政行为数", "件"),
    ("appeals.review.corrected", "（二）被依法纠错数", "件"),
    ("appeals.review.other", "（三）其他情形数", "件"),
    ("appeals.suit_all.total", "五、行政诉讼数量", "件"),
    ("appeals.suit_all.upheld", "（一）维持具体行政行为或者驳回原告诉讼请求数", "件"),
    ("appeals.suit_all.corrected", "（二）被依法纠错数", "件"),
    ("appeals.suit_all.other", "（三）其他情形数", "件"),
    ("appeals.complaints.total", "六、举报投诉数量", "件"),
    ("spending.application_fees.amount_wan_yuan", "七、依申请公开信息收取的费用", "万元"),
    (None, "八、机构建设和保障经费情况", None),
    ("staffing.units.dedicated_bodies", "（一）政府信息公开工作专门机构数", "个"),
    ("staffing.units.reading_points", "（二）设置政府信息公开查阅点数", "个"),
    ("staffing.people.total", "（三）从事政府信息公开工作人员数", "人"),
    ("staffing.people.full_time", "1.专职人员数（不包括政府公报及政府网站工作¦人员数）", "人"),
    ("staffing.people.part_time", "2.兼职人员数", "人"),
    ("spending.special_funds.amount_wan_yuan",
     "（四）政府信息公开专项经费（不包括用于政府公报编¦辑管理及政府网站建设维护等方面的经费）", "万元"),
    (None, "九、政府信息公开会议和培训情况", None),
    ("staffing.training.meetings", "（一）召开政府信息公开工作会议或专题会议数", "次"),
    ("staffing.training.classes", "（二）举办各类培训班数", "次"),
    ("staffing.training.trainees", "（三）接受培训人员数", "人次"),
]


def old_rows(with_topics: bool) -> list[tuple[str | None, str, str | None]]:
    return _OLD_HEAD + (_OLD_TOPIC_ROWS if with_topics else []) + _OLD_TAIL


# 表二: (caption, column headers, [(group, row label)], measures). "¦" = where a web page breaks the header.
TABLE2 = {
    "national_2019": [
        ("第二十条第（一）项", ("本年新¦制作数量", "本年新¦公开数量", "对外公开总数量"),
         [("rules", "规章"), ("normative_docs", "规范性文件")], ("new_made", "new_published", "total_published")),
        ("第二十条第（五）项", ("上一年项目数量", "本年增/减", "处理决定数量"),
         [("admin_license", "行政许可"), ("other_mgmt_services", "其他对外管理服务事项")],
         ("prev_year_items", "items_change", "decisions")),
        ("第二十条第（六）项", ("上一年项目数量", "本年增/减", "处理决定数量"),
         [("admin_penalty", "行政处罚"), ("admin_coercion", "行政强制")], ("prev_year_items", "items_change", "decisions")),
        ("第二十条第（八）项", ("上一年项目数量", "本年增/减"), [("admin_fees", "行政事业性收费")],
         ("prev_year_items", "items_change")),
        ("第二十条第（九）项", ("采购项目数量", "采购总金额"), [("gov_procurement", "政府集中采购")], ("projects", "amount")),
    ],
    "national_2021": [
        ("第二十条第（一）项", ("本年制发件数", "本年废止件数", "现行有效件数"),
         [("rules", "规章"), ("normative_docs", "行政规范性文件")], ("issued", "repealed", "in_force")),
        ("第二十条第（五）项", ("本年处理决定数量",), [("admin_license", "行政许可")], ("decisions",)),
        ("第二十条第（六）项", ("本年处理决定数量",), [("admin_penalty", "行政处罚"), ("admin_coercion", "行政强制")],
         ("decisions",)),
        ("第二十条第（八）项", ("本年收费金额（单位：万元）",), [("admin_fees", "行政事业性收费")], ("amount_wan_yuan",)),
    ],
}

COLUMNS = ("natural_person", "commercial_enterprise", "research_institution", "public_welfare_org",
           "legal_service_org", "other_org", "total")
# 表三 rows: (row code, label, group label printed before it or None). "{n}" = the row's own numbering.
_T3_START = [
    ("new_received", "一、本年新收政府信息公开申请数量", None),
    ("carried_over", "二、上年结转政府信息公开申请数量", None),
    ("granted", "（一）予以公开", "三、本年度办理结果"),
    ("partially_granted", "（二）部分公开（区分处理的，只计这一情形，不计其他情形）", None),
    ("withheld_state_secret", "{1}属于国家秘密", "（三）不予公开"),
    ("withheld_law_prohibited", "{2}其他法律行政法规禁止公开", None),
    ("withheld_security_stability", "{3}危及“三安全一稳定”", None),
    ("withheld_third_party", "{4}保护第三方合法权益", None),
    ("withheld_internal_affairs", "{5}属于三类内部事务信息", None),
    ("withheld_process_info", "{6}属于四类过程性信息", None),
    ("withheld_enforcement_file", "{7}属于行政执法案卷", None),
    ("withheld_admin_query", "{8}属于行政查询事项", None),
    ("unavailable_not_held", "{1}本机关不掌握相关政府信息", "（四）无法提供"),
    ("unavailable_needs_creation", "{2}没有现成信息需要另行制作", None),
    ("unavailable_still_unclear", "{3}补正后申请内容仍不明确", None),
    ("not_processed_petition", "{1}信访举报投诉类申请", "（五）不予处理"),
    ("not_processed_repeat", "{2}重复申请", None),
    ("not_processed_publication", "{3}要求提供公开出版物", None),
    ("not_processed_excessive", "{4}无正当理由大量反复申请", None),
    ("not_processed_reconfirm", "{5}要求行政机关确认或重新出具已获取信息", None),
]
_T3_OTHER = {
    "national_2019": [("other_handling", "（六）其他处理", None)],
    "national_2021": [
        ("other_no_correction", "{1}申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请", "（六）其他处理"),
        ("other_fee_unpaid", "{2}申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请", None),
        ("other_misc", "{3}其他", None),
    ],
}
_T3_END = [("outcome_total", "（七）总计", None), ("carried_to_next", "四、结转下年度继续办理", None)]


def table3_rows(template: str) -> list[tuple[str, str, str | None]]:
    return _T3_START + _T3_OTHER[template] + _T3_END


def outcome_rows(template: str) -> list[str]:
    return [code for code, _, _ in table3_rows(template)[2:-2]]


APPEAL_GROUPS = ("review", "suit_direct", "suit_after_review")
APPEAL_MEASURES = ("upheld", "corrected", "other", "pending", "total")
TABLE4_METRICS = tuple(f"appeals.{g}.{m}" for g in APPEAL_GROUPS for m in APPEAL_MEASURES)

# What a narrative report may state (templates.md §8, codes marked N).
NARRATIVE_METRICS = (
    "disclosures.proactive.items_total", "disclosures.channel.website", "disclosures.category.work_updates",
    "applications.new_received.total", "applications.granted.total", "appeals.review.total",
    "appeals.suit_all.total", "staffing.people.full_time", "staffing.people.part_time",
    "staffing.training.meetings", "staffing.training.classes", "spending.application_fees.amount_wan_yuan",
)


def table_metrics(template: str, with_topics: bool = True) -> list[str]:
    """Every metric code the template's tables print, in printed order."""
    if template == "old_table":
        return [code for code, _, _ in old_rows(with_topics) if code]
    if template in TABLE2:
        out = [f"disclosures.{group}.{m}" for _, _, rows, measures in TABLE2[template] for group, _ in rows
               for m in measures]
        out += [f"applications.{row}.{c}" for row, _, _ in table3_rows(template) for c in COLUMNS]
        return out + list(TABLE4_METRICS)
    return []


# --- facts ---------------------------------------------------------------------------------------------

@dataclass
class Facts:
    """One report's truth: who, which year, which template, and every figure it prints.

    `values` holds every cell of the template's tables (empty for a narrative report); `prose` the
    figures its sentences state (for a table report: figures the tables do not print, or the same
    figure again); `approximate` the prose figures written "N余条"; `blank` the table cells a pipe
    layout prints empty (a value the page did not state).
    """

    agency: str
    county: str
    city: str
    province: str
    year: int
    template: str
    values: dict[str, float] = field(default_factory=dict)
    prose: dict[str, float] = field(default_factory=dict)
    approximate: frozenset[str] = frozenset()
    blank: frozenset[str] = frozenset()
    published_on: date | None = None

    @property
    def gov(self) -> str:
        return "办事处" if self.agency.endswith("街道") else "人民政府"

    def printed(self, layout: str) -> dict[str, float]:
        """The table cells the rendered text prints with a value (blank cells only in pipe rows)."""
        blank = self.blank if layout == "pipe" else frozenset()
        return {m: v for m, v in self.values.items() if m not in blank}

    def expected(self, layout: str) -> dict[str, float]:
        """metric -> value a correct loader returns: every printed cell, then prose-only figures."""
        out = self.printed(layout)
        for metric, value in self.prose.items():
            if metric not in self.values:
                out[metric] = value
        return out


def _count(rng: random.Random, zero: float = 0.6, big: float = 0.02) -> int:
    """Mostly zeros and small counts: `zero` is the share of zeros; of the rest about one in eight is in
    the tens and `big` in the hundreds."""
    r = rng.random()
    if r < zero:
        return 0
    rest = (r - zero) / (1 - zero)
    if rest < 1 - big - 0.12:
        return rng.randint(1, 9)
    if rest < 1 - big:
        return rng.randint(10, 99)
    return rng.randint(100, 999)


def _money(rng: random.Random, zero: float = 0.7, high: float = 50.0) -> float:
    if rng.random() < zero:
        return 0.0
    return round(rng.uniform(0.01, high), rng.choice((0, 1, 2)))


def _split(rng: random.Random, total: int, parts: int, weights: list[float] | None = None) -> list[int]:
    """`total` spread over `parts` cells (weighted), every cell >= 0."""
    out = [0] * parts
    for _ in range(total):
        out[rng.choices(range(parts), weights=weights)[0]] += 1
    return out


def _agency(rng: random.Random) -> str:
    return "".join(rng.sample(_NAME_CHARS, 2)) + rng.choice(_SUFFIXES)


def _published(rng: random.Random, year: int) -> date:
    return date(year + 1, rng.randint(1, 3), rng.randint(1, 28))


_YEARS = {"old_table": (2014, 2019), "national_2019": (2019, 2022), "national_2021": (2021, 2024),
          "narrative": (2010, 2020)}


def random_facts(rng: random.Random, template: str, *, agency: str | None = None, year: int | None = None,
                 county: tuple[str, str, str] | None = None) -> Facts:
    """A township's report for `template` with realistic values and every identity holding."""
    province, city, county_name = county or rng.choice(COUNTIES)
    lo, hi = _YEARS[template]
    year = year or rng.randint(lo, hi)
    facts = Facts(agency or _agency(rng), county_name, city, province, year, template,
                  published_on=_published(rng, year))
    if template == "old_table":
        facts.values = _old_values(rng, with_topics=rng.random() < 0.5)
        facts.prose = _old_prose(rng, facts.values)
    elif template in TABLE2:
        facts.values = {**_table2_values(rng, template), **_table3_values(rng, template), **_table4_values(rng)}
        facts.prose = _national_prose(rng, facts)
    else:
        facts.prose, facts.approximate = _narrative_values(rng, year)
    return facts


def _old_values(rng: random.Random, with_topics: bool) -> dict[str, float]:
    v: dict[str, float] = {}
    total = _count(rng, zero=0.05, big=0.3)
    v["disclosures.proactive.items_total"] = total
    v["disclosures.proactive.normative_docs_published"] = min(total, _count(rng, 0.7))
    v["disclosures.proactive.normative_docs_issued"] = _count(rng, 0.7)
    website = rng.randint(0, total)  # channels: each <= the total, together >= it (O1, O2)
    v["disclosures.channel.gazette"] = min(total, _count(rng, 0.85))
    v["disclosures.channel.website"] = website
    v["disclosures.channel.weibo"] = min(total, _count(rng, 0.8))
    v["disclosures.channel.wechat"] = total - website + rng.randint(0, website)
    v["disclosures.channel.other"] = min(total, _count(rng, 0.85))
    v["disclosures.response.hotspots"] = _count(rng, 0.6)
    for what in ("press_conferences", "online_interviews"):
        n = _count(rng, 0.75)
        v[f"disclosures.response.{what}"] = n
        v[f"disclosures.response.{what}_by_principal"] = rng.randint(0, n)
    for what in ("interpretation_articles", "weibo_wechat_responses", "other_responses"):
        v[f"disclosures.response.{what}"] = _count(rng, 0.7)
    via = [_count(rng, 0.8, 0.0) for _ in range(4)]
    received = sum(via)
    v["applications.new_received.total"] = received
    for channel, n in zip(("in_person", "fax", "online", "letter"), via):
        v[f"applications.received_via.{channel}"] = n
    extended = rng.randint(0, received) if rng.random() < 0.2 else 0
    v["applications.closed.total"] = received
    v["applications.closed.on_time"] = received - extended
    v["applications.closed.extended"] = extended
    replies = _split(rng, received, 8, [3, 6, 2, 2, 1, 1, 1, 1])
    refused = _split(rng, replies[3], 6)
    v["applications.replies.total"] = received
    for code, n in zip(("already_public", "granted", "partially_granted", "refused_total", "not_this_agency",
                        "not_exist", "amend_requested", "other_channel"), replies):
        v[f"applications.replies.{code}"] = n
    for code, n in zip(("state_secret", "commercial_secret", "privacy", "security_stability", "not_gov_info",
                        "other_legal"), refused):
        v[f"applications.replies.refused_{code}"] = n
    if with_topics:
        topics = _split(rng, received, len(OLD_TOPICS))
        v["applications.topic.total"] = received
        for (code, _), n in zip(OLD_TOPICS, topics):
            v[f"applications.topic.{code}"] = n
    for group in ("review", "suit_all"):
        parts = [_count(rng, 0.92, 0.0) for _ in range(3)]
        v[f"appeals.{group}.total"] = sum(parts)
        for measure, n in zip(("upheld", "corrected", "other"), parts):
            v[f"appeals.{group}.{measure}"] = n
    v["appeals.complaints.total"] = _count(rng, 0.85)
    v["spending.application_fees.amount_wan_yuan"] = _money(rng, 0.95, 0.5)
    v["staffing.units.dedicated_bodies"] = rng.choice((0, 1, 1, 1))
    v["staffing.units.reading_points"] = rng.randint(0, 3)
    full, part = rng.randint(0, 3), rng.randint(0, 5)
    v["staffing.people.total"] = full + part
    v["staffing.people.full_time"] = full
    v["staffing.people.part_time"] = part
    v["spending.special_funds.amount_wan_yuan"] = _money(rng, 0.5, 20)
    v["staffing.training.meetings"] = rng.randint(0, 6)
    v["staffing.training.classes"] = rng.randint(0, 4)
    v["staffing.training.trainees"] = _count(rng, 0.3, 0.1)
    return {k: float(x) for k, x in v.items()}


def _old_prose(rng: random.Random, values: dict[str, float]) -> dict[str, float]:
    """What the sections 一–七 above an old table say: the same figures as the table."""
    prose = {}
    for metric, p in (("disclosures.proactive.items_total", 0.8), ("applications.new_received.total", 0.7),
                      ("appeals.review.total", 0.6), ("staffing.people.full_time", 0.3)):
        if rng.random() < p:
            prose[metric] = values[metric]
    if "appeals.review.total" in prose:
        prose["appeals.suit_all.total"] = values["appeals.suit_all.total"]
    if "staffing.people.full_time" in prose:
        prose["staffing.people.part_time"] = values["staffing.people.part_time"]
    if values["spending.application_fees.amount_wan_yuan"] == 0 and rng.random() < 0.5:
        prose["spending.application_fees.amount_wan_yuan"] = 0.0
    return prose


def _table2_values(rng: random.Random, template: str) -> dict[str, float]:
    v: dict[str, float] = {}
    township = rng.random() < 0.9  # townships make no 规章 (T2-3)
    if template == "national_2019":
        for group in ("rules", "normative_docs"):
            made = 0 if group == "rules" and township else _count(rng, 0.5)
            published = rng.randint(0, made)
            v[f"{group}.new_made"], v[f"{group}.new_published"] = made, published
            v[f"{group}.total_published"] = published + _count(rng, 0.5)
        for group in ("admin_license", "other_mgmt_services", "admin_penalty", "admin_coercion", "admin_fees"):
            prev = _count(rng, 0.5, 0.05)
            v[f"{group}.prev_year_items"] = prev
            v[f"{group}.items_change"] = 0 if rng.random() < 0.7 else rng.randint(-prev, 20)
            if group != "admin_fees":
                v[f"{group}.decisions"] = _count(rng, 0.5, 0.1) * (10 if rng.random() < 0.05 else 1)
        projects = _count(rng, 0.8)
        v["gov_procurement.projects"] = projects
        v["gov_procurement.amount"] = _money(rng, 0.0, 500.0) if projects else 0.0
    else:
        for group in ("rules", "normative_docs"):
            issued = 0 if group == "rules" and township else _count(rng, 0.5)
            repealed = _count(rng, 0.8)
            v[f"{group}.issued"], v[f"{group}.repealed"] = issued, repealed
            v[f"{group}.in_force"] = issued + _count(rng, 0.4)
        for group in ("admin_license", "admin_penalty", "admin_coercion"):
            v[f"{group}.decisions"] = _count(rng, 0.5, 0.1) * (10 if rng.random() < 0.05 else 1)
        v["admin_fees.amount_wan_yuan"] = _money(rng, 0.8, 100.0)
    return {f"disclosures.{k}": float(x) for k, x in v.items()}


_OUTCOME_WEIGHTS = {"granted": 8, "partially_granted": 3, "unavailable_not_held": 3, "withheld_process_info": 1,
                    "withheld_third_party": 1, "not_processed_repeat": 1, "other_handling": 1, "other_misc": 1,
                    "other_no_correction": 1}


def _table3_values(rng: random.Random, template: str) -> dict[str, float]:
    """表三 with T3-1 (一 + 二 = （七） + 四), T3-2 (（七） = outcome rows) and T3-3 (总计 = the six columns)."""
    outcomes = outcome_rows(template)
    weights = [_OUTCOME_WEIGHTS.get(r, 0.2) for r in outcomes]
    cells: dict[tuple[str, str], int] = {}
    for column in COLUMNS[:-1]:
        busy = column == "natural_person" or rng.random() < 0.15
        new = _count(rng, 0.5 if busy else 0.95, 0.03 if busy else 0.0)
        carried = _count(rng, 0.85 if busy else 0.97, 0.0)
        to_next = rng.randint(0, new + carried) if rng.random() < 0.2 else 0
        cells["new_received", column], cells["carried_over", column] = new, carried
        cells["carried_to_next", column] = to_next
        cells["outcome_total", column] = new + carried - to_next
        for row, n in zip(outcomes, _split(rng, new + carried - to_next, len(outcomes), weights)):
            cells[row, column] = n
    out: dict[str, float] = {}
    for row, _, _ in table3_rows(template):
        for column in COLUMNS[:-1]:
            out[f"applications.{row}.{column}"] = float(cells[row, column])
        out[f"applications.{row}.total"] = float(sum(cells[row, c] for c in COLUMNS[:-1]))
    return out


def _table4_values(rng: random.Random) -> dict[str, float]:
    out = {}
    for group in APPEAL_GROUPS:
        parts = [_count(rng, 0.9, 0.0) for _ in range(4)]
        for measure, n in zip(APPEAL_MEASURES, parts + [sum(parts)]):
            out[f"appeals.{group}.{measure}"] = float(n)
    return out


def _national_prose(rng: random.Random, facts: Facts) -> dict[str, float]:
    prose = {}
    if rng.random() < 0.6:
        prose["disclosures.proactive.items_total"] = float(_count(rng, 0.0, 0.3))
    if rng.random() < 0.5:
        prose["applications.new_received.total"] = facts.values["applications.new_received.total"]
    if facts.year >= 2021 and rng.random() < 0.5:
        prose["spending.processing_fee.amount_yuan"] = 0.0
    return prose


def _narrative_values(rng: random.Random, year: int) -> tuple[dict[str, float], frozenset[str]]:
    prose: dict[str, float] = {}
    approx = set()
    if rng.random() < 0.9:
        total = _count(rng, 0.0, 0.35)
        prose["disclosures.proactive.items_total"] = total
        if total >= 20 and rng.random() < 0.2:
            total = total // 10 * 10
            prose["disclosures.proactive.items_total"] = total
            approx.add("disclosures.proactive.items_total")
        if rng.random() < 0.3:
            prose["disclosures.channel.website"] = rng.randint(max(1, total // 2), max(1, total))
    if rng.random() < 0.3:
        updates = rng.randint(2, 30) * 10
        prose["disclosures.category.work_updates"] = updates
        if rng.random() < 0.5:
            approx.add("disclosures.category.work_updates")
    if rng.random() < 0.9:
        received = _count(rng, 0.75, 0.0)
        prose["applications.new_received.total"] = received
        if received and rng.random() < 0.5:
            prose["applications.granted.total"] = rng.randint(0, received)
    if rng.random() < 0.8:
        both = rng.random() < 0.85
        prose["appeals.review.total"] = 0 if both else _count(rng, 0.5, 0.0)
        prose["appeals.suit_all.total"] = 0 if both else _count(rng, 0.6, 0.0)
    if rng.random() < 0.4:
        prose["staffing.people.full_time"] = rng.randint(0, 3)
        prose["staffing.people.part_time"] = rng.randint(0, 5)
    if rng.random() < 0.3:
        prose["staffing.training.meetings"] = rng.randint(1, 6)
        prose["staffing.training.classes"] = rng.randint(1, 4)
    if rng.random() < 0.5:
        prose["spending.application_fees.amount_wan_yuan"] = 0
    return {k: float(x) for k, x in prose.items()}, frozenset(approx)


def with_blank_cells(facts: Facts, rng: random.Random, share: float = 0.3) -> Facts:
    """Mark some zero cells to be printed empty in pipe rows (real_b07: `规章 |` / `|` / `|`; xuwen.gov.cn:
    only 总计 filled). Only zero cells are left empty, as pages do; a 表三 row's 总计 is never blank."""
    blank = set()
    for metric in table_metrics(facts.template):
        if metric == TABLE4_METRICS[0]:
            continue  # a label-less row whose first cell is empty reads as a leading pipe: ambiguous text
        if facts.values.get(metric) == 0 and not metric.endswith(".total") and rng.random() < share:
            blank.add(metric)
    return replace(facts, blank=frozenset(blank))


def inject_contradiction(facts: Facts, kind: str, rng: random.Random | None = None) -> Facts:
    """A copy of `facts` whose report contradicts itself in one way (CONTRADICTIONS):

    * ``prose_total`` (old table): the prose states a 主动公开 total other than the table's （一）.
    * ``table3_outcomes``: one outcome cell of 表三 (and its row's 总计) is off, so （七）总计 is no longer
      the sum of the outcome rows while every other identity still holds.
    * ``table4_total``: one 表四 总计 is not the sum of its four parts.
    """
    rng = rng or random.Random(0)
    templates, _rule = CONTRADICTIONS[kind]
    if facts.template not in templates:
        raise ValueError(f"{kind} applies to {templates}, not {facts.template}")
    values, prose = dict(facts.values), dict(facts.prose)
    if kind == "prose_total":
        metric = "disclosures.proactive.items_total"
        table = values[metric]
        prose[metric] = table + rng.choice([d for d in (-14, -3, -1, 1, 2, 9, 40) if table + d >= 0])
    elif kind == "table3_outcomes":
        row = rng.choice(outcome_rows(facts.template))
        column = rng.choice(COLUMNS[:-1])
        delta = rng.randint(1, 5)
        values[f"applications.{row}.{column}"] += delta
        values[f"applications.{row}.total"] += delta
    else:
        group = rng.choice(APPEAL_GROUPS)
        values[f"appeals.{group}.total"] += rng.randint(1, 3)
    blank = frozenset(m for m in facts.blank if values.get(m) == 0)
    return replace(facts, values=values, prose=prose, blank=blank)


# --- rendering helpers -------------------------------------------------------------------------------

@dataclass
class Noise:
    furniture: bool = False        # breadcrumbs and index block above the title, 发布日期 line, footer
    ascii_brackets: bool = True    # (一) and 其中: as in seeds 000/002, or （一） and 其中：
    section_dash: str = "——"       # what a section row of the old table prints in 单位: "—", "——" or ""
    numbering: str = "."           # 表三 sub-rows "1.属于国家秘密" or "1、属于国家秘密" (seed 004)
    split_title: bool = False      # "…政府信息公开工作" / "年度报告" on two lines (seed 003)
    title_form: int = 0            # 0: 某镇2019年…; 1: 某镇人民政府2019年…; 2: 某县某镇2019年度…
    tabs: bool = True              # one-cell-per-line tables indented with a tab (seed 004) or bare (b01)
    markdown: bool = False         # pipe rows with a leading | and |---| separators (real_d02)
    units: bool = False            # old table one cell per line: every unit printed (seed 002 lost most)
    variants: bool = False         # seed 004's misprints: 第二十六条第（六）项, 1、信访举报类申请, 5、属于第三类内部事务信息
    hubei: bool = False            # 2019 tables with 湖北's instructions in the labels (huangpi.gov.cn, real_b07)
    extra_cell: bool = False       # seed 004: 第（八）/（九）项 rows print a third 0 under an empty header cell
    traditional: bool = False      # the site's 繁體 copy of the page (開平市沙塘鎮); the facts stay Simplified

    @classmethod
    def random(cls, rng: random.Random) -> Noise:
        return cls(furniture=rng.random() < 0.5, ascii_brackets=rng.random() < 0.5,
                   section_dash=rng.choice(("—", "——", "——", "")), numbering=rng.choice((".", ".", "、")),
                   split_title=rng.random() < 0.15, title_form=rng.randint(0, 2), tabs=rng.random() < 0.6,
                   markdown=rng.random() < 0.4, units=rng.random() < 0.3, variants=rng.random() < 0.2,
                   hubei=rng.random() < 0.15, extra_cell=rng.random() < 0.3, traditional=rng.random() < 0.1)


def fmt(value: float, signed: bool = False) -> str:
    """A cell as printed: 0, 12, 0.05, 477.35, +19 (本年增/减), -8."""
    if float(value).is_integer():
        text = str(int(value))
    else:
        text = f"{value:.4f}".rstrip("0").rstrip(".")
    return f"+{text}" if signed and value > 0 else text


def _cn(n: int) -> str:
    """12 -> 十二, 2 -> 二, 40 -> 四十 (1..99)."""
    digits = "零一二三四五六七八九"
    if n < 10:
        return digits[n]
    tens, ones = divmod(n, 10)
    return ("" if tens == 1 else digits[tens]) + "十" + (digits[ones] if ones else "")


def _say(rng: random.Random, n: float, unit: str, approx: bool = False) -> str:
    """A prose count: '12条', '十二条', '两名', '180余条'."""
    n_int = int(n)
    if approx:
        return f"{n_int}余{unit}"
    if 1 <= n_int <= 99 and rng.random() < 0.3:
        word = "两" if n_int == 2 and unit in ("名", "件", "次", "人") and rng.random() < 0.7 else _cn(n_int)
        return word + unit
    return f"{n_int}{unit}"


def _style(text: str, noise: Noise) -> str:
    if noise.ascii_brackets:
        return text.replace("（", "(").replace("）", ")").replace("：", ":").replace("，", ",")
    return text


# Filler prose: whole sentences built from fragments, seeded by the agency, so that one agency keeps its
# boilerplate from year to year (as real reports do) while two agencies rarely share a sentence.
_OPENERS = ("{year}年，{name}", "{year}年以来，{name}", "{year}年度，{name}", "过去一年，{name}", "今年以来，{name}")
_ACTIONS = ("在上级党委、政府的正确领导下", "认真贯彻落实《中华人民共和国政府信息公开条例》", "深入学习贯彻《条例》和上级有关文件精神",
            "以推进政务公开标准化规范化为抓手", "紧紧围绕{name}党委、政府中心工作", "坚持以公开为常态、不公开为例外",
            "按照{county}政务公开工作要点的部署", "结合{name}工作实际")
_RESULTS = ("把政府信息公开工作列入重要议事日程", "不断完善政府信息公开工作机制", "切实保障人民群众的知情权、参与权和监督权",
            "进一步提升政府信息公开的质量和实效", "及时公开群众关注的重大事项", "积极回应社会关切",
            "通过政务公开栏、村务公开栏和政府信息公开平台等多种渠道发布政府信息", "不断深化决策、执行、管理、服务、结果公开")
_ENDINGS = ("，取得了良好成效。", "，各项工作有序推进。", "。", "，群众满意度不断提高。", "，为建设法治政府奠定了基础。")
_MEASURES = ("一是加强组织领导，调整充实了{name}政府信息公开工作领导小组。二是完善工作制度，明确信息发布的审核程序。",
             "一是强化监督检查，确保{name}政府信息公开工作扎实推进。二是加强业务培训，提高工作人员业务水平。",
             "{name}成立了以主要领导为组长的政务公开工作领导小组，明确专人负责政府信息的收集、审核和发布。",
             "{name}建立健全了信息发布保密审查制度，做到先审查、后公开，一事一审、全面审查。",
             "{name}将政务公开工作纳入年度绩效考核，定期对公开情况进行督促检查。")
_PROBLEMS = ("一是信息公开的及时性和全面性还有待提高；二是工作人员业务水平有待加强；三是公开形式还比较单一。",
             "{name}政府信息公开工作还存在公开内容不够丰富、更新不够及时等问题。",
             "主要问题是政府信息公开的深度和广度还不够，工作人员多为兼职，力量相对薄弱。",
             "下一步，{name}将进一步加强学习培训，完善工作机制，拓宽公开渠道，推动政府信息公开工作再上新台阶。",
             "下一步，{name}将围绕群众关心关注的热点问题，加大公开力度，提高公开质量。",
             "今后，{name}将继续加强政府信息公开平台建设，及时更新公开内容，方便群众查询。")


def _agency_rng(facts: Facts) -> random.Random:
    return random.Random(zlib.crc32(f"{facts.county}{facts.agency}".encode("utf-8")))


def _filler(rng: random.Random, facts: Facts, k: int = 2) -> list[str]:
    """k paragraphs of an agency's own boilerplate (no figures)."""
    own = _agency_rng(facts)
    names = (facts.agency, _we(facts), f"{facts.agency}{facts.gov}")
    out = []
    for i in range(k):
        name = own.choice(names)
        sentence = own.choice(_OPENERS) + "，".join(own.sample(_ACTIONS, 2)) + "，" + own.choice(_RESULTS) \
            + own.choice(_ENDINGS)
        if i % 2:
            sentence = own.choice(_MEASURES)
        out.append(sentence.format(year=facts.year, name=name, county=facts.county))
    return out


_TOPIC_LINES = {
    "proactive": ("以政府信息公开平台为载体，及时公开法规文件、工作动态、重大项目建设等信息。",
                  "{name}围绕群众关心的热点问题，重点公开财政预决算、社会救助、乡村振兴等领域信息。",
                  "{name}按照权责清单细化公开目录，做到应公开尽公开。"),
    "apply": ("进一步规范依申请公开的受理、审查、答复程序。", "{name}畅通依申请公开渠道，确保答复及时、准确、规范。",
              "对依申请公开的政府信息，{name}严格按照规定的程序和时限办理。"),
    "manage": ("严格落实信息发布审查制度，确保公开信息准确规范。", "{name}建立政府信息动态调整机制，及时清理过时信息。",
               "{name}对公文公开属性进行全面审查，做到先审后发。"),
    "platform": ("充分利用政府信息公开平台和政务新媒体发布政府信息。", "{name}加强政务公开专区和公开栏建设，方便群众查阅。",
                 "{name}设置专人专岗负责政府信息公开平台日常运转。"),
    "oversight": ("将政务公开工作纳入绩效考核体系，加强日常监督检查。", "{name}主动接受群众和社会各界监督，及时整改发现的问题。",
                  "{name}定期开展政务公开工作自查，确保各项要求落到实处。"),
    "fees": ("严格执行政府信息公开收费有关规定。", "{name}依申请公开政府信息严格执行国家有关收费规定。"),
    "appeals": ("进一步畅通群众监督渠道，依法保障申请人的合法权益。", "{name}依法保障申请人的合法权益，积极化解矛盾。"),
}


def _line(facts: Facts, topic: str) -> str:
    """An agency's own sentence on `topic` (no figures)."""
    own = random.Random(zlib.crc32(f"{facts.county}{facts.agency}{topic}".encode("utf-8")))
    return own.choice(_TOPIC_LINES[topic]).format(name=own.choice((facts.agency, _we(facts))))


def _problems(facts: Facts) -> list[str]:
    own = _agency_rng(facts)
    return [p.format(name=own.choice((facts.agency, _we(facts)))) for p in own.sample(_PROBLEMS, 2)]


def _we(facts: Facts) -> str:
    return "我街道" if facts.agency.endswith("街道") else ("我乡" if facts.agency.endswith("乡") else "我镇")


def _title_lines(facts: Facts, noise: Noise) -> list[str]:
    head = {0: f"{facts.agency}{facts.year}年", 1: f"{facts.agency}{facts.gov}{facts.year}年",
            2: f"{facts.county}{facts.agency}{facts.year}年度"}[noise.title_form]
    if noise.split_title:
        return [head + "政府信息公开工作", "年度报告"]
    return [head + "政府信息公开工作年度报告"]


def _top(rng: random.Random, facts: Facts, noise: Noise) -> list[str]:
    lines: list[str] = []
    pub = facts.published_on or _published(rng, facts.year)
    if noise.furniture:
        lines += ["当前位置:首页", f"> 政务公开 > 信息公开年报 > {facts.year}年"]
        if rng.random() < 0.5:
            lines += [f"索引号: {rng.randint(330000, 339999)}-052/{pub.year}-{rng.randint(10000, 99999)} 公开方式: 主动公开",
                      f"文号: 公开日期: {pub.isoformat()}", f"发布单位: {facts.agency} 有效性:", ""]
    lines += _title_lines(facts, noise)
    if noise.furniture:
        lines.append(rng.choice((f"发布日期:{pub.isoformat()} 10:40 信息来源: 浏览次数:",
                                 f"发布日期: {pub.isoformat()}  来源:{facts.agency} 字体:  打印   分享至:")))
    lines.append("")
    lines.append(f"本报告由{facts.city}{facts.county}{facts.agency}{facts.gov}根据《中华人民共和国政府信息公开条例》"
                 "（以下简称《条例》）和上级有关工作要求编制。全文包括总体情况、主动公开政府信息情况、收到和处理政府信息公开申请情况、"
                 "存在的主要问题及改进情况等内容。本报告中所列数据的统计期限自"
                 f"{facts.year}年1月1日起至{facts.year}年12月31日止。")
    return lines


def _bottom(rng: random.Random, facts: Facts, noise: Noise) -> list[str]:
    pub = facts.published_on or _published(rng, facts.year)
    lines = ["", f"{facts.city}{facts.county}{facts.agency}{facts.gov}", f"{pub.year}年{pub.month}月{pub.day}日", ""]
    if noise.furniture:
        lines += rng.choice((["编辑:(", "关闭", "打印"], ["【打印本页】【关闭窗口】"],
                             ["扫一扫在手机打开当前页", "主办单位：" + facts.county + "人民政府办公室"]))
    return lines


# --- prose statements ----------------------------------------------------------------------------------

def _s_total(rng: random.Random, facts: Facts, n: float) -> str:
    said = _say(rng, n, "条", "disclosures.proactive.items_total" in facts.approximate)
    return rng.choice((f"{facts.year}年，{_we(facts)}全年共主动公开政府信息{said}。",
                       f"{facts.year}年本{facts.agency[-1] if not facts.agency.endswith('街道') else '街道'}全年共主动发布政府信息{said}。",
                       f"全年共主动公开政府信息{said}，内容涵盖机构职能、政策文件、工作动态等方面。"))


def _s_applications(rng: random.Random, facts: Facts, n: float, granted: float | None = None) -> str:
    if n == 0:
        return rng.choice(("全镇全年没有收到一件信息公开申请。" if facts.agency.endswith("镇") else
                           "全年没有收到一件信息公开申请。",
                           f"{facts.year}年，{_we(facts)}未收到政府信息公开申请。",
                           "本年度共收到政府信息公开申请0件。"))
    text = f"本年度共收到政府信息公开申请{_say(rng, n, '件')}"
    if granted is not None:
        text += f"，均已在法定期限内答复，其中同意公开{_say(rng, granted, '件')}"
    return text + "。"


def _s_appeals(rng: random.Random, review: float, suit: float) -> str:
    if review == 0 and suit == 0:
        return rng.choice(("本年度未发生因政府信息公开申请行政复议、提起行政诉讼的情况。",
                           "本年度无因政府信息公开申请行政复议、提起行政诉讼的情况。"))
    return f"本年度因政府信息公开被申请行政复议{_say(rng, review, '件')}，被提起行政诉讼{_say(rng, suit, '件')}。"


def _s_staff(rng: random.Random, full: float, part: float) -> str:
    if rng.random() < 0.5:
        return f"全镇从事政府信息公开工作的全职人员{_say(rng, full, '人')}，兼职人员{_say(rng, part, '人')}。"
    return f"专门配备了{_say(rng, full, '名')}专职工作人员，{_say(rng, part, '名')}兼职工作人员，负责政府信息公开日常工作。"


def _s_training(rng: random.Random, meetings: float, classes: float) -> str:
    return (f"全年召开政府信息公开工作会议{_say(rng, meetings, '次')}，"
            f"举办政府信息公开业务培训{_say(rng, classes, '次')}。")


_CN_ORDINALS = "一二三四五六七八九十"


def _numbered(sections: list[tuple[str, list[str]]]) -> list[str]:
    """Headings numbered 一、二、… in order, each followed by its paragraphs."""
    out = []
    for i, (title, paragraphs) in enumerate(sections):
        out += [f"{_CN_ORDINALS[i]}、{title}", *paragraphs]
    return out


def _sections_old(rng: random.Random, facts: Facts, noise: Noise) -> list[str]:
    """Sections 一–七 of a pre-2019 report (seed 000), stating some of the table's figures again."""
    p = facts.prose
    sections = [("总体情况", _filler(rng, facts, 2))]
    proactive = []
    if "disclosures.proactive.items_total" in p:
        proactive.append(_s_total(rng, facts, p["disclosures.proactive.items_total"]))
    proactive.append(_style(f"（二）主动公开政府信息的途径：{facts.county}政府网站。", noise))
    sections.append(("主动公开政府信息情况", proactive))
    if "applications.new_received.total" in p:
        applications = [_s_applications(rng, facts, p["applications.new_received.total"])]
    else:
        applications = [_line(facts, "apply")]
    sections.append(("依申请公开政府信息和不予公开政府信息情况", applications))
    if "spending.application_fees.amount_wan_yuan" in p:
        fees = ["本年度未发生信息公开的收费和减免情况。"]
    else:
        fees = [_line(facts, "fees")]
    sections.append(("政府信息公开的收费及减免情况", fees))
    if "appeals.review.total" in p:
        appeals = [_s_appeals(rng, p["appeals.review.total"], p["appeals.suit_all.total"])]
    else:
        appeals = [_line(facts, "appeals")]
    sections.append(("因政府信息公开申请行政复议、提起行政诉讼的情况", appeals))
    if "staffing.people.full_time" in p:  # seed 002: 五、机构建设和保障经费情况 / (一)工作人员情况
        sections.append(("机构建设和保障经费情况", [
            _style("（一）工作人员情况", noise),
            _s_staff(rng, p["staffing.people.full_time"], p["staffing.people.part_time"])]))
    sections.append(("存在的主要问题及改进情况", _problems(facts)))
    sections.append(("其他需要报告的事项", ["无。"]))
    return _numbered(sections)


# --- the old 统计表 ------------------------------------------------------------------------------------

def _old_table(rng: random.Random, facts: Facts, layout: str, noise: Noise) -> list[str]:
    with_topics = "applications.topic.total" in facts.values
    rows = old_rows(with_topics)
    lines = ["", "附件:" if noise.ascii_brackets else "附件：", "", "政府信息公开情况统计表"]
    lines.append(f"({facts.year} 年度)" if layout == "tsv" else f"{facts.year}年度)")
    lines.append(_style(f"填报单位（盖章）：{facts.city}{facts.county}{facts.agency}{facts.gov}", noise))
    if layout == "tsv":
        lines.append("统计指标\t单位\t统计数")
        for code, label, unit in rows:
            text = _style(label.replace("¦", " " if "（不同" in label else ""), noise)
            if code is None:
                lines.append(f"{text}\t{noise.section_dash}\t")
            else:
                lines.append(f"{text}\t{unit}\t{fmt(facts.values[code])}")
        return lines
    lines += ["", "统 计 指 标", "", "单位", "", "统计数", ""]
    for code, label, unit in rows:
        indent = rng.choice(("", " \u00a0", "\u00a0 ", "     ", " \u00a0   "))
        parts = _style(label, noise).split("¦")
        lines.append(indent + parts[0])
        for part in parts[1:]:
            lines += ["", "\u00a0" * rng.randint(4, 12) + part]
        lines.append("")
        if code is None:
            if noise.section_dash:
                lines += [noise.section_dash, "", ""]
            continue
        if unit in ("万元", "人次") or noise.units:
            lines += [unit, ""]
        lines += [fmt(facts.values[code]), ""]
    return lines


# --- the national tables ---------------------------------------------------------------------------------

def _cells(values: list[str], noise: Noise) -> list[str]:
    """One cell per line; seed 004 indents with a tab, real_b06 with spaces or nothing."""
    if noise.tabs:
        return ["\t" + v for v in values]
    pads = (" ", "  ", "", " ")  # real_b06: "  0", " 0", "0"
    return [pads[i % len(pads)] + v for i, v in enumerate(values)]


def _header_cells(text: str) -> list[str]:
    return text.split("¦")  # 本年新 / 制作数量 broken over two lines (real_b06)


def _national_cpl(rng: random.Random, facts: Facts, noise: Noise) -> dict[str, list[str]]:
    """表二/三/四 flattened one cell per line with a blank line between rows (seed 004, real_b01)."""
    t2: list[str] = []
    v = facts.values
    for caption, headers, rows, measures in TABLE2[facts.template]:
        t2 += _cells([_label(caption, facts, noise)], noise) + [""]
        head = ["信息内容"] + [h for text in headers for h in _header_cells(_label(text, facts, noise))]
        extra = len(headers) < 3 and facts.template == "national_2019" and noise.extra_cell
        if extra:
            head.append("\u00a0")  # seed 004: a third, empty header cell in 第（八）/（九）项 ...
        t2 += _cells(head, noise) + [""]
        for group, label in rows:
            cells = [_label(label, facts, noise)] + [
                fmt(v[f"disclosures.{group}.{m}"], m == "items_change" and rng.random() < 0.3) for m in measures]
            t2 += _cells(cells + (["0"] if extra else []), noise) + [""]  # ... and a third 0 under it
    t3 = _cells([_style("（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）", noise), "申请人情况"], noise)
    if rng.random() < 0.5:  # seed 004
        t3 += [""] + _cells(["", "自然人", "法人或其他组织"], noise) + [""]
        t3 += _cells(["", "", "商业\n企业", "科研\n机构", "社会公益组织", "法律服务机构", "其他", "总计"], noise)
    else:  # real_b01
        t3 += [""] + ["自然人", "", "法人或其他组织", "", "总计", "", "商业", "", "企业", "", "科研", "", "机构", "",
                      "社会公益组织", "", "法律服务机构", "", "其他"]
    t3.append("")
    for code, label, group in table3_rows(facts.template):
        label = _label(label, facts, noise)
        lead: list[str] = []
        if group:
            group = _style(group, noise)
            if group.startswith("三、"):
                lead = [group]
            elif rng.random() < 0.5:  # seed 004: （三）不予 / 以公 / 开
                cut = rng.randint(3, len(group) - 1)
                lead = [group[:cut], group[cut:]]
            else:  # real_b01: (三) / 不予公开
                lead = [group[:3], "", group[3:]]
        cells = [fmt(v[f"applications.{code}.{c}"]) for c in COLUMNS]
        t3 += _cells(lead + [label] + cells, noise) + [""]
    t4 = _cells(["行政复议", "行政诉讼"], noise) + [""]
    sub = ["结果维持", "结果纠正", "其他结果", "尚未审结", "总计"]
    t4 += _cells(sub + ["未经复议直接起诉", "复议后起诉"], noise) + [""]
    t4 += _cells([""] * 5 + sub + sub, noise) + [""]
    t4 += _cells([fmt(v[m]) for m in TABLE4_METRICS], noise) + [""]
    return {"t2": t2, "t3": t3, "t4": t4}


_VARIANTS = {"第二十条第（六）项": "第二十六条第（六）项", "信访举报投诉类申请": "信访举报类申请",
             "属于三类内部事务信息": "属于第三类内部事务信息"}


def _hubei(text: str, year: int) -> str:
    """湖北 2020 reports append the instructions to the labels (templates.md §6.3, real_b07)."""
    return {"规章": "规章（设区的市、自治州人民政府应提供相关数据）",
            "规范性文件": "规范性文件（指各行政机关印发的有正式文号的文件）",
            "上一年项目数量": f"上一年项目数量（指{year - 1}年事项数）",
            "本年增/减": f"本年增/减（指{year}年增加或减少的事项数，减用负值表示，如-8）",
            "处理决定数量": f"处理决定数量（指{year}年办件量）"}.get(text, text)


def _label(text: str, facts: Facts, noise: Noise) -> str:
    """A printed label after the document's misprints, provincial additions and bracket style."""
    if noise.variants:
        for official, misprint in _VARIANTS.items():
            text = text.replace(official, misprint)
    if noise.hubei and facts.template == "national_2019":
        text = _hubei(text, facts.year)
    return _style(_number(text, noise), noise)


def _number(label: str, noise: Noise) -> str:
    for i in range(1, 9):
        label = label.replace("{%d}" % i, f"{i}{noise.numbering}")
    return label


def _pipe_row(cells: list[str], noise: Noise, trailing_blank: bool = False) -> str:
    cells = cells + ([""] if trailing_blank else [])
    if noise.markdown:
        return "| " + " | ".join(cells) + " |"
    return " | ".join(cells) + " |"


def _pipe_cell(facts: Facts, metric: str, signed: bool = False) -> str:
    return "" if metric in facts.blank else fmt(facts.values[metric], signed)


def _national_pipe(rng: random.Random, facts: Facts, noise: Noise) -> dict[str, list[str]]:
    """Pipe rows as a web page's text comes out (real_b04/b07) or Markdown (real_d02)."""
    def separator(n: int) -> list[str]:
        return ["|" + "---|" * n] if noise.markdown else []

    t2: list[str] = []
    for caption, headers, rows, measures in TABLE2[facts.template]:
        caption = _label(caption, facts, noise)
        t2.append(f"| {caption} |" if noise.markdown else f"{caption} | |||")
        head = ["信息内容"] + [_label(h, facts, noise).replace("¦", " " if rng.random() < 0.5 else "") for h in headers]
        t2.append(_pipe_row(head, noise) + ("" if len(headers) == 3 or noise.markdown else " |" * (3 - len(headers))))
        t2 += separator(len(head))
        for group, label in rows:
            metrics = [f"disclosures.{group}.{m}" for m in measures]
            cells = [_pipe_cell(facts, m, m.endswith("items_change") and rng.random() < 0.3) for m in metrics]
            label = _label(label, facts, noise)
            if not noise.markdown and all(c == "" for c in cells):
                t2 += [f"{label} |"] + ["|"] * len(cells)  # real_b07: an empty row broken over lines
            else:
                t2.append(_pipe_row([label] + cells, noise))
    trailing = noise.markdown and rng.random() < 0.5  # real_d02: one empty cell past 总计
    t3 = [_style("（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）", noise), "申请人情况",
          "自然人", "法人或其他组织", "总计"]
    heads = ["商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他"]
    t3.append(_pipe_row(heads, noise, trailing))
    t3 += separator(len(heads) + trailing)
    for code, label, group in table3_rows(facts.template):
        label = _label(label, facts, noise)
        lead = [_style(group, noise)] if group else []
        cells = [_pipe_cell(facts, f"applications.{code}.{c}") for c in COLUMNS]
        t3.append(_pipe_row(lead + [label] + cells, noise, trailing))
    t4 = ["行政复议", "行政诉讼", "未经复议直接起诉", "复议后起诉"]
    sub = ["结果维持", "结果纠正", "其他结果", "尚未审结", "总计"]
    t4.append(_pipe_row(sub * 3, noise))
    t4 += separator(15)
    t4.append(_pipe_row([_pipe_cell(facts, m) for m in TABLE4_METRICS], noise))
    return {"t2": t2, "t3": t3, "t4": t4}


def _national(rng: random.Random, facts: Facts, layout: str, noise: Noise) -> list[str]:
    p = facts.prose
    tables = _national_cpl(rng, facts, noise) if layout == "cell_per_line" else _national_pipe(rng, facts, noise)
    out = ["一、总体情况", *_filler(rng, facts, 1)]
    first = _style("（一）主动公开政府信息方面。", noise) + _line(facts, "proactive")
    if "disclosures.proactive.items_total" in p:
        first += _s_total(rng, facts, p["disclosures.proactive.items_total"])
    out.append(first)
    second = _style("（二）依申请公开方面。", noise) + _line(facts, "apply")
    if "applications.new_received.total" in p:
        second += _s_applications(rng, facts, p["applications.new_received.total"])
    out.append(second)
    out += [_style("（三）政府信息管理方面。", noise) + _line(facts, "manage"),
            _style("（四）平台建设方面。", noise) + _line(facts, "platform"),
            _style("（五）监督保障方面。", noise) + _line(facts, "oversight"), ""]
    out += ["二、主动公开政府信息情况", *tables["t2"], "", "三、收到和处理政府信息公开申请情况", *tables["t3"], "",
            "四、政府信息公开行政复议、行政诉讼情况", *tables["t4"], "",
            "五、存在的主要问题及改进情况", *_problems(facts), "六、其他需要报告的事项"]
    if "spending.processing_fee.amount_yuan" in p:
        out.append("本年度未收取信息处理费。")
    else:
        out.append("无。")
    return out


# --- narrative -----------------------------------------------------------------------------------------

def _narrative(rng: random.Random, facts: Facts, noise: Noise) -> list[str]:
    """A report with no table (seeds 001, 003): every figure in a sentence."""
    p = facts.prose
    sections = [("概述", _filler(rng, facts, 3))]
    proactive = []
    if "disclosures.proactive.items_total" in p:
        proactive.append(_s_total(rng, facts, p["disclosures.proactive.items_total"]))
    if "disclosures.channel.website" in p:
        proactive.append(f"{facts.year}年1月至12月，通过政府门户网站主动公开信息"
                         f"{_say(rng, p['disclosures.channel.website'], '条')}。")
    if "disclosures.category.work_updates" in p:
        approx = "disclosures.category.work_updates" in facts.approximate
        proactive.append("四是工作动态。全年在各级政府公开发布工作动态信息"
                         f"{_say(rng, p['disclosures.category.work_updates'], '条', approx)}。")
    sections.append(("主动公开政府信息情况", proactive or [_line(facts, "proactive")]))
    if "applications.new_received.total" in p:
        applications = [_s_applications(rng, facts, p["applications.new_received.total"],
                                        p.get("applications.granted.total"))]
    else:
        applications = [_line(facts, "apply")]
    sections.append(("依申请公开政府信息情况", applications))
    if "spending.application_fees.amount_wan_yuan" in p:
        sections.append(("政府信息公开的收费及减免情况", ["本年度未发生信息公开的收费和减免情况。"]))
    if "appeals.review.total" in p:
        sections.append(("因政府信息公开申请行政复议、提起行政诉讼的情况",
                         [_s_appeals(rng, p["appeals.review.total"], p["appeals.suit_all.total"])]))
    if "staffing.people.full_time" in p or "staffing.training.meetings" in p:
        staff = []
        if "staffing.people.full_time" in p:
            staff.append(_s_staff(rng, p["staffing.people.full_time"], p["staffing.people.part_time"]))
        if "staffing.training.meetings" in p:
            staff.append(_s_training(rng, p["staffing.training.meetings"], p["staffing.training.classes"]))
        sections.append(("机构建设和保障情况", staff))
    sections.append(("存在的主要问题及改进措施", _problems(facts)))
    sections.append(("其他需要报告的事项", ["无。"]))
    return _numbered(sections)


# --- entry point -----------------------------------------------------------------------------------------

def render(facts: Facts, layout: str, rng: random.Random, noise: Noise | None = None) -> str:
    """The report text of `facts` in `layout` (one of LAYOUTS[facts.template]); `rng` picks the surface
    (wording, indentation, noise) and never the figures."""
    if layout not in LAYOUTS[facts.template]:
        raise ValueError(f"{facts.template} is printed as {LAYOUTS[facts.template]}, not {layout}")
    noise = noise or Noise.random(rng)
    lines = _top(rng, facts, noise)
    if facts.template == "old_table":
        lines += _sections_old(rng, facts, noise)
        lines += _bottom(rng, facts, noise)[:3]
        lines += _old_table(rng, facts, layout, noise)
        if noise.furniture:
            lines += ["", "编辑:(", "关闭", "打印"]
    elif facts.template == "narrative":
        lines += _narrative(rng, facts, noise) + _bottom(rng, facts, noise)
    else:
        lines += _national(rng, facts, layout, noise) + _bottom(rng, facts, noise)
    text = "\n".join(lines) + "\n"
    if noise.traditional:
        text = _to_traditional(text)
    return text


@functools.lru_cache(maxsize=1)
def _s2t():
    import opencc  # OpenCC's own dictionaries, as a site's 繁體 switch uses

    return opencc.OpenCC("s2t")


def _to_traditional(text: str) -> str:
    return _s2t().convert(text)


def random_report(rng: random.Random, template: str | None = None, layout: str | None = None,
                  **kwargs) -> tuple[Facts, str, str]:
    """(facts, layout, text) of a random report; for benchmarks."""
    template = template or rng.choices(TEMPLATES, weights=(3, 3, 3, 2))[0]
    layout = layout or rng.choice(LAYOUTS[template])
    facts = random_facts(rng, template, **kwargs)
    return facts, layout, render(facts, layout, rng)
