"""Figures stated in a report's prose (not its tables), as facts.

In: the report's normalised text lines and the report year (or None). Out: at most one `Fact` per metric
(method "prose", the sentence as `raw`, line = index + 1) and `Finding`s (`year_slip`,
`prose_parts_mismatch`). loader.prose_text makes the paragraphs, sentences and sections the rules read,
with table cells left out. Every figure needs a count unit (条/件/篇/名/次/元...), so percentages, dates, phone
numbers and document numbers never match. Rules follow the language of the reports (verbs 公开/发布/
收到/受理, negations 未/没有/无, running totals 截至/累计, breakdowns 其中) and the section a sentence sits
in; where a sentence is ambiguous nothing is returned: an honest absence beats a guess.
"""
from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass

from loader.literals import may_match
from loader.model import Fact, Finding
from loader.normalise import chinese_to_int
from loader.prose_text import HEAD, Doc, heading_title

N = r"(?<![\d.第])(?<!\d,)(?P<num>\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?|[零〇一二两三四五六七八九十百千]{1,5})(?P<pre>余|多)?"
POST = r"(?P<post>余|多|以上)?"
ITEM = r"(?P<unit>条|件|篇)(?!例|款)" + POST
C = r"[^，,。；;\d]"  # one character inside a clause, no digits
NEG = r"(?:未|没有|无|尚无|均无|并无|均未|未曾|不存在)(?!经|被|法|论|来|审|按|成|偿|锡|纸|障|误)"

_BARE_NEGATION = re.compile(r"(?:我镇|我乡|我街道|本镇|本乡|本街道|本单位|本机关|我局|本局)?(?:本年度|全年|\d{4}年度?)?[,，]?"
                            r"(?:无|没有|暂无|未产生|未发生)(?:上述|此类|此|相关)?(?:情况|申请)?")
_RUNNING = re.compile(r"截至|截止|累计|至今|迄今")
_OUTLETS = r"新闻网站|新闻媒体|媒体|报刊|报纸|简报|广播|电视|公开栏|公示栏|宣传栏|公告栏|村务公开|电子屏|显示屏|短信"
_THIS_YEAR = re.compile(r"当年|本年|今年|全年")
_YEAR = re.compile(r"(?<![\d〔\[(（])((?:19|20)\d{2})年")
_GENERAL = re.compile(r"^[\u4e00-\u9fff]{1,5}(?:镇|乡|街道|区|县|市)(?:人民政府|办事处)?|(?:19|20)\d\d年度?|主动|公示|政府|政务|各类|各项|各种|各级"
                      r"|我镇|我区|我乡|我街道|全镇|本镇|本机关|本单位|单位|对外|当年|全年|今年|本年度|本年|相关|有关|共|了|的|和|及|并|我")
_CATEGORIES = (("work_updates", "工作动态|政务动态|业务动态"), ("notices", "通知公告|公告公示|公示公告|公告通知"),
               ("personnel", "人事任免|人事信息"), ("policy_docs", "政策性文件|政策文件|文件库|政府文件"),
               ("fiscal", "财政预决算|部门预决算|预决算|财政信息|财政预算"), ("planning", "规划计划|计划规划|发展规划"),
               ("organisation", "机构职能|机构概况|机构信息"))


def _r(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern.replace("{N}", N).replace("{C}", C).replace("{NEG}", NEG).replace("{ITEM}", ITEM))


@dataclass
class _Cand:
    metric: str
    value: float
    unit: str
    pos: int
    sentence: tuple[int, int]
    qualifier: str = "exact"
    rank: tuple = ()
    printed_unit: str | None = None  # the unit the match carried (元 / 万元 for money)


def _value(m: re.Match[str]) -> float | None:
    num = m.group("num").replace(",", "")
    value = float(num) if num[0].isdigit() else chinese_to_int(num)
    return None if value is None else float(value)


def _inside_brackets(prefix: str, asides: bool = False) -> bool:
    """An aside in brackets, a book title or a quoted name ("三个一") is never a count; with `asides`, a
    bracket that breaks a figure down ('办结168件(含上年结转14件)') may hold one."""
    if prefix.count("《") > prefix.count("》") or prefix.count("“") > prefix.count("”"):
        return True
    if prefix.count("(") + prefix.count("（") <= prefix.count(")") + prefix.count("）"):
        return False
    opened = max(prefix.rfind("("), prefix.rfind("（"))
    return not (asides and re.match("含|包括|其中", prefix[opened + 1:]))


_APPROX_BEFORE = re.compile(r"(?:约|近|将近|大约)$")


def _scan(doc: Doc, metric: str, pattern: re.Pattern[str], unit: str, *, value: float | None = None,
          check=None, rank: tuple = (0,), asides: bool = False) -> list[_Cand]:
    """Every match of `pattern` in a sentence; `check(sentence, match, start)` may veto or rank it."""
    if not may_match(pattern, doc.scan_text):
        return []  # most patterns find nothing in a report: the common case costs a few `in` checks
    finder = _FINDERS.get(id(pattern), pattern)
    first = finder.search(doc.scan_text)
    if first is None:
        return []
    out = []
    hit = sorted({bisect_right(doc.scan_starts, m.start()) - 1
                  for m in finder.finditer(doc.scan_text, first.start())})  # (from the first: found once)
    for start, end in (doc.scan_sentences[i] for i in hit if i >= 0):
        sentence = doc.text[start:end]
        for m in pattern.finditer(sentence):
            at = m.start("num") if "num" in m.groupdict() else m.start()
            if _inside_brackets(sentence[:at], asides) or _APPROX_BEFORE.search(sentence, 0, at):
                continue
            verdict = check(sentence, m, start) if check else True
            number = value if value is not None else _value(m)
            if verdict in (False, None) or number is None:
                continue
            approx = value is None and (m.groupdict().get("pre") or m.groupdict().get("post"))
            out.append(_Cand(metric, number, unit, start + m.start(), (start, end), "lower_bound" if approx else
                             "exact", verdict if isinstance(verdict, tuple) else rank, m.groupdict().get("unit")))
    return out


# --- disclosures ---------------------------------------------------------------------------------------

_NEW_IN_YEAR = _r(r"(?:今年|本年度|本年|当年|全年)(?:新增|新公开|新发布){N}{ITEM}")
# 累计…846条,其中本年度…公开214条: the year's part of a running total is the year's figure
_YEAR_SHARE = _r(r"其中[,，:：]?(?:本年度|本年|今年|当年|全年)(?P<mid>{C}{0,40}?)(?:公开|发布)了?(?:政府信息|信息)?{N}{ITEM}")
# 其中主动公开29条 / 其中主动公开信息数为206条: the proactive share of all information made
_SHARE = _r(r"主动公开了?(?:政府信息|信息)?(?:数量|总数|数)?(?:共计|共|为)?{N}{ITEM}")
_LISTED = _r(r"(?:公开|发布)(?P<mid>{C}{0,80}?、{C}{0,80}?)等(?:各类|各项)?(?:政府)?(?:信息|内容)?(?:共计|合计|共|总计)?{N}{ITEM}")  # A、B、C等(内容)共计N条
_TOTAL = [_r(r"(?:公开|发布|公布|更新)(?P<mid>(?:(?!公开|发布|公布|更新){C}|(?:19|20)\d\d年度?){0,60}?)信息(?:[(（][^()（）]{1,15}[)）])?"
             r"(?:数量|件数|总数|总量|数|内容)?的?(?:为|有|共计|合计|共有|总计|一共|总共|累计|共|达到|高达|达|计)?{N}{ITEM}"),
          _r(r"(?:公开|发布|公布)了?的?(?:共计|共)?{N}{ITEM}(?:主动公开的?)?(?:政府|政务)?信息"),  # 公开的1860条信息
          _NEW_IN_YEAR, _SHARE, _YEAR_SHARE,
          _r(r"(?:完成|实现|全年|全镇|全乡|全街道|全局)(?:政府|政务)信息公开(?:共计|共|了)?{N}{ITEM}"),  # 2019年度完成政府信息公开301条
          _LISTED]
_WEBSITE = _r(r"(?:(?<!新闻)网站|官网|门户)上?(?:当年|全年|本年|今年|共)?(?:主动)?(?:公开|发布)了?(?:政府|政务)?(?:信息)?(?:数量|数)?(?:共|为)?{N}{ITEM}")
_WECHAT = _r(r"(?:微信|公众号)(?:(?!网站|门户|官网|微博|其中|公开|发布)[^。；;\d]){0,30}(?:公开|发布|推送){C}{0,20}?"
             r"{N}(?P<unit>条|篇)" + POST)


_CATEGORY_COUNTS = [(slug, _r(rf"(?:{words})[^\d，,。；;、:：]{{0,8}}?{{N}}{{ITEM}}(?![,，]?新增)"))
                    for slug, words in _CATEGORIES]
_ISSUED = [_r(r"(?:制发|印发|制定|出台)了?{C}{0,8}?规范性文件(?:总数)?(?:共|为)?{N}(?P<unit>件|份)"),
           _r(r"(?:制发|印发|制定|出台)了?共?{N}(?P<unit>件){C}{0,6}?规范性文件")]


def _since_last_figure(sentence: str, m: re.Match[str]) -> str:
    prefix = sentence[:m.start("num")]
    last = [x.end() for x in re.finditer(r"\d+(?:余|多)?(?:条|件|篇)", prefix)]
    return prefix[last[-1] if last else 0:]


def _running(sentence: str, m: re.Match[str], year: int | None) -> bool:
    """A 截至/累计 figure: the marker stands after the last figure and after any 当年/全年 before this one.
    累计 after the year itself ('2017年,主动公开政府信息累计204条', '全年累计…') is the year's total."""
    window = _since_last_figure(sentence, m)
    years = [x.start() for x in _THIS_YEAR.finditer(window)]
    if year:
        years += [x.start() for x in re.finditer(rf"{year}年度?(?!\d{{1,2}}月|以来|底)", window)]
    marks = [x.start() for x in _RUNNING.finditer(window)
             if x.group() != "累计" or not any(y < x.start() for y in years)]
    return bool(marks) and (not years or marks[-1] > max(years))


_EVERY_CHANNEL = re.compile(r"等(?:多种|多个|各种|各类)?(?:形式|方式|渠道|平台|载体|途径)")
_ACCOUNT = re.compile(r"“(?:(?!网站|门户|官网)[^“”])*”(?:共|累计|全年)?(?:发布|推送|公开)")  # not “略阳县人民政府网站”


def _channels_before(sentence: str, m: re.Match[str]) -> set[str]:
    """The channels a figure is counted for: the government website, social media, or another outlet
    (news media, a notice board); a figure of one outlet other than the website is no total."""
    tail = "".join(re.split(r"[，,]", _since_last_figure(sentence, m))[-2:])
    if _EVERY_CHANNEL.search(tail):  # 依托网站、公示板、宣传单等多种形式,全年主动公开…: all of them together
        return set()
    if _ACCOUNT.search(tail):  # “濂溪区人民政府发布”发布信息459条: one account's posts
        return {"other"}
    found = {"website" for _ in re.finditer(r"(?<!新闻)网站|官网|门户", tail)}
    found |= {"social" for _ in re.finditer(r"微信|公众号|微博|客户端|抖音", tail)}
    return found | {"other" for _ in re.finditer(_OUTLETS, tail)}


# '…603条,包括决策公开信息77条,执行和结果公开信息56条': every figure after a list opens is one of its items
_LIST_OPENED = re.compile(r"(?:其中|包括)[:：]?[^。；;，,]*?\d+(?:余|多)?(?:条|件|篇)")


_CATEGORY_BEFORE = re.compile("(?:" + "|".join(words for _, words in _CATEGORIES) + "|重点领域)(?!.*等)")  # not A、B等


def _total_check(doc: Doc, year_figure: bool):
    def check(sentence: str, m: re.Match[str], start: int):
        clauses = re.split(r"[，,]", sentence[:m.start()])
        share = m.re is _SHARE and clauses[-1] == "其中" or m.re is _YEAR_SHARE  # 制作、获取…614条,其中主动公开29条
        if (re.search(r"其中|信息中", "".join(clauses[-2:])) or _LIST_OPENED.search(sentence, 0, m.start())) \
                and not share or re.search(r"申请|去年|上年|同比|相比|较|(?:不予|未|不)$", clauses[-1]) \
                or year_figure and not re.search(r"公开|发布", sentence):
            return None  # a part, a comparison, or an application count
        listed = doc.text[max(doc.text.rfind("。", 0, start), doc.text.rfind("\n", 0, start)) + 1:start]
        if "其中" in listed:
            return None  # an item of a list that '其中:' opened, its items parted by ；
        mid = m.groupdict().get("mid") or ""
        if mid and "等" not in mid and m.re not in (_LISTED, _YEAR_SHARE) and len(_GENERAL.sub("", mid)) >= 2 \
                and not mid.startswith(("各类", "各项")):  # 公开各类公安政府信息4186条: all of them
            return None  # one category (工作动态信息), not the total
        if m.re is not _LISTED and _CATEGORY_BEFORE.search(re.split(r"[，,]", _since_last_figure(sentence, m))[-1]):
            return None  # 重点领域信息公开发布信息61条: the verb's subject is one category
        channels = _channels_before(sentence, m)
        if channels and "website" not in channels:
            return None
        # the year's own figure (其中本年度新增…) first, a running total last
        return (-1 if year_figure else int(_running(sentence, m, doc.year)), channels == {"website"},
                doc.topic_at(start + m.start()) not in ("proactive", "overview"))
    return check


def _disclosures(doc: Doc) -> list[_Cand]:
    out = []
    for pattern in _TOTAL:
        out += _scan(doc, "disclosures.proactive.items_total", pattern, "条",
                     check=_total_check(doc, pattern in (_NEW_IN_YEAR, _YEAR_SHARE)))
    not_running = lambda sentence, m, start: not _running(sentence, m, doc.year)  # noqa: E731
    out += _scan(doc, "disclosures.channel.website", _WEBSITE, "条", check=not_running)
    out += _scan(doc, "disclosures.channel.wechat", _WECHAT, "条", check=not_running)
    for slug, pattern in _CATEGORY_COUNTS:
        def in_context(sentence, m, start):  # '政府文件180条,新增31条': running and new counts mixed, skip
            return "新增" not in doc.paragraph(start) and "申请" not in sentence and (
                doc.topic_at(start) == "proactive" or bool(re.search(r"公开|发布", sentence)))
        out += _scan(doc, f"disclosures.category.{slug}", pattern, "条", check=in_context)
    for pattern in _ISSUED:
        out += _scan(doc, "disclosures.proactive.normative_docs_issued", pattern, "件")
    return out


# --- applications and appeals ---------------------------------------------------------------------------

_RECEIVE = "(?:收到|受理|接到|接收|接受|新收)"
# 无依申请公开和复议、诉讼 (a list: none of either) but not 未发生依申请公开政府信息方面的行政复议 (no reviews)
_APP_NEG = [_r(r"{NEG}(?:发生|产生|出现|有)?(?:政府信息)?依申请(?:公开)?(?:和|及|或|、|(?:的|政府信息|信息|事项|情况|申请|件)"
               r"(?![^。；;，,]{0,16}(?:复议|诉讼)))(?![^。；;，,]{0,12}(?:收费|费用|引起|导致|而被))"),
            _r(r"依申请(?:公开)?(?:办理)?(?:事项|申请|件数|数量)?(?:为零|为0件|数为零)"),
            _r(r"{NEG}[^。；;，,\d]{0,6}?(?:收到|受理|接到|接收|接受)[^。；;，,\d]{0,30}?申请(?!行政复议|复议)"),
            _r(r"(?:无|没有)(?:政府)?(?:信息公开|依申请公开)的?申请(?![^。；;，,]{0,8}复议)"),
            # 未出现政府信息权利人向镇政府…申请公开信息的情况
            _r(r"{NEG}(?:出现|发生)[^。；;，,\d]{0,30}?申请公开(?:政府)?信息的?(?:情况|事项)(?![^。；;，,]{0,8}复议)")]
_APP_POS = [_r(_RECEIVE + r"(?P<mid>{C}{0,40}?)申请(?P<mid2>{C}{0,12}?){N}(?P<unit>件|份|宗|条|项|例)"),
            _r(_RECEIVE + r"了?(?:共计|共)?{N}(?P<unit>件|份|宗|条|项|例)(?P<mid>{C}{0,10}?)申请"),
            # '依申请公开3次,行政复议0次' (次 for applications), '依申请公开事项1件', '依申请公开受理和办结6件'
            _r(r"依申请公开(?P<mid>共?(?:事项|受理|收到)(?:和办结|并办结)?)?{N}(?P<unit>件|次)"),
            _r(r"(?P<mid>政府信息公开|依申请公开|信息公开)申请(?:总)?数(?:为|是)?{N}(?P<unit>件|条|个)?(?!\d)")]  # 申请数为2
_CARRIED = _r(r"(?:上一?年度?|(?P<year>(?:19|20)\d\d)年度?)(?:结转|转结){C}{0,24}?{N}(?P<unit>件)")  # 含2022年结转的3件
_GRANTED = _r(r"(?<!部分)(?:同意公开|予以公开|准予公开){C}{0,8}?{N}(?P<unit>件|条)")  # 同意公开答复1条
_BOTH_ZERO = _r(r"复议{C}{0,15}?诉讼{C}{0,8}?(?:均为|都为|均是)(?P<num>0|零)")
_REVIEW = [_r(r"(?<!未经)复议(?:案件|案|申请)?(?:数量|数)?(?:均为|为|共|有)?{N}(?P<unit>件|起|宗|个|次)"),
           _r(r"{N}(?P<unit>件|起|宗)(?P<gap>{C}{0,20}?)行政复议")]
_BOTH_NONE = _r(r"{NEG}[^。；;，,\d]{0,35}?复议[,，](?:提起|或|和|及)?(?:行政)?诉讼")  # 无…行政复议,提起行政诉讼情况
_SUIT = [_r(r"诉讼(?:案件|案)?(?:数量|数)?(?:均为|为|共|有)?{N}(?P<unit>件|起|宗|个|次)"),
         _r(r"{N}(?P<unit>件|起|宗)(?P<gap>{C}{0,20}?)行政诉讼")]
_NO_REVIEW = _r(r"{NEG}[^。；;，,\d]{0,35}?复议")
_NO_SUIT = _r(r"{NEG}[^。；;，,\d]{0,45}?(?:诉讼|行政起诉)")


def _applications(doc: Doc) -> list[_Cand]:
    metric = "applications.new_received.total"
    out = []
    for pattern in _APP_NEG:
        out += _scan(doc, metric, pattern, "件", value=0.0, rank=(1,))

    def received(sentence, m, start):
        mid = (m.groupdict().get("mid") or "") + (m.groupdict().get("mid2") or "")
        clause = re.split(r"[,，]", sentence[:m.start()])[-1]
        if re.search(r"未|没有|无|办结|答复|处理|办理", clause[-8:]) or re.search(r"结转|复议|诉讼|许可|审批", mid):
            return None
        if m.re is _APP_POS[2]:  # but not documents sorted by how they are disclosed: 发文96件,…依申请公开0件
            return not re.search("发文|文件", sentence[:m.start()])
        return "公开" in mid or doc.topic_at(start + m.start()) == "apply"
    for pattern in _APP_POS:
        out += _scan(doc, metric, pattern, "件", check=received)
    out += _scan(doc, "applications.carried_over.total", _CARRIED, "件", asides=True,
                 check=lambda s, m, start: ("申请" in s or doc.topic_at(start) == "apply")
                 and (m.group("year") is None or doc.year is not None and int(m.group("year")) == doc.year - 1))
    out += _scan(doc, "applications.granted.total", _GRANTED, "件",
                 check=lambda s, m, start: bool(re.search("申请|答复", s)) or doc.topic_at(start) == "apply")
    return out


def _appeals(doc: Doc) -> list[_Cand]:
    out = []
    for metric, negation, positives in (("appeals.review.total", _NO_REVIEW, _REVIEW),
                                        ("appeals.suit_all.total", _NO_SUIT, _SUIT)):
        out += _scan(doc, metric, negation, "件", value=0.0, rank=(1,))
        out += _scan(doc, metric, _BOTH_ZERO, "件", rank=(1,)) + _scan(doc, metric, _BOTH_NONE, "件", value=0.0, rank=(1,))
        for pattern in positives:
            out += _scan(doc, metric, pattern, "件", check=_appeal_count)
    return out


def _appeal_count(sentence: str, m: re.Match[str], start: int) -> bool:
    """'N件…行政复议' is a case count unless the words between speak of something else, or the number
    counts applications ('结转下一年7件(…涉及行政复议…详见…)')."""
    gap = m.groupdict().get("gap") or ""
    clause = re.split(r"[,，]", sentence[:m.start()])[-1]
    return not re.search(r"未|没有|无|申请|结转|复议|诉讼|[(（)）]", gap) and not re.match("[、和及与]", gap) and not (
        gap and re.search("申请|结转|办结|答复", clause))  # '复议2件、行政诉讼0件': the 2 is the reviews'


# --- staff, training, money ------------------------------------------------------------------------------

_STAFF = {metric: [_r(rf"(?<![专兼])(?:{words})(?!兼)(?P<gap>{{C}}{{0,12}}?){{N}}(?P<unit>名|人)(?!次)"),
                   _r(rf"{{N}}(?P<unit>名)(?:{words})(?P<gap>{{C}}{{0,10}}?)(?:人员|信息员|干部)")]
          for metric, words in (("staffing.people.full_time", "专职|全职"), ("staffing.people.part_time", "兼职"))}
_STAFF_TOTAL = _r(r"(?:从事|负责)(?P<mid>{C}{0,25}?)(?:工作人员|人员)(?:共|为|有)?{N}(?P<unit>名|人)(?!次)")
_NO_FULLTIME = _r(r"(?:均为|都是|全部为|全为|全部是)兼职|(?:没有|无|未配备|未设)(?:从事{C}{0,15}?)?(?:专职|全职)(?:工作)?人员")
_ALL_PARTTIME = _r(r"(?:工作人员|人员)(?:共|为|有)?{N}(?P<unit>名|人)[,，]?(?:均为|都是|全部为|全为|全部是)兼职")  # 2人,均为兼职
_EACH = _r(r"专职(?:和|与|、|及)兼职(?:工作)?人员各{N}(?P<unit>名|人)")  # 其中专职与兼职人员各一人
_DOING = {metric: _r(rf"{{N}}(?P<unit>名)(?:办公室|党政办)?(?:工作人员|人员|同志|干部)(?:为|均为|以|作为)?(?:{words})(?!人员)")  # 3名工作人员兼职负责
          for metric, words in (("staffing.people.full_time", "专职|全职"), ("staffing.people.part_time", "兼职"))}
_MEETINGS = [_r(r"召开(?P<mid>{C}{0,25}?)会议?(?:共)?{N}(?P<unit>次|场)"),
             _r(r"召开了?{N}(?P<unit>次|场)(?P<mid>{C}{0,25}?)会")]
_CLASSES = [_r(r"培训(?:班|会)?(?:共)?{N}(?P<unit>次|期|场)"),
            _r(r"(?:举办|开展|组织)了?{N}(?P<unit>次|期|场){C}{0,15}?培训")]
_FUNDS = _r(r"专项经费{C}{0,8}?{N}(?P<unit>万元|元)")

# Patterns that open with the number try it at every character of the text; the literal each must also
# contain finds the sentences worth trying in one fast pass instead (same matches, a tenth of the time).
# Keyed by id, as loader.literals keeps its needs: hashing a Pattern hashes its whole code (1.5 µs for one
# of these, some twenty times a report); the patterns are this module's constants, so their ids stay theirs.
_STAFF_DOING_FINDER = re.compile("名(?:办公室|党政办)?(?:工作人员|人员|同志|干部)")  # one for both _DOING patterns
_FINDERS = {id(pattern): finder for pattern, finder in (
    (_REVIEW[1], re.compile("行政复议")), (_SUIT[1], re.compile("行政诉讼")),
    (_STAFF["staffing.people.full_time"][1], re.compile("名(?:专职|全职)")),
    (_STAFF["staffing.people.part_time"][1], re.compile("名兼职")),
    *((doing, _STAFF_DOING_FINDER) for doing in _DOING.values()))}
_FEE_NEG = _r(r"(?:{NEG}[^。；;，,\d]{0,20}?|不)(?:收费(?!标准|政策|项目|公示)|收取|处理费|费用减免)"
              r"|(?:收费|收取费用)(?:和|及|与)?(?:减免)?(?:情况)?(?:均)?(?:为零|为0)")
_FEE_POS = [_r(r"(?:收取|收费)了?(?P<mid>{C}{0,10}?)(?:为|共|计)?{N}(?P<unit>万元|元)"),
            _r(r"处理费(?:收入)?(?:为|共|计)?{N}(?P<unit>万元|元)")]


def _staffing(doc: Doc) -> list[_Cand]:
    out = []
    for metric, patterns in _STAFF.items():
        for pattern in patterns:
            out += _scan(doc, metric, pattern, "人", check=lambda s, m, start: not re.search(  # people, one kind
                "专|兼|全职", m.group("gap")) and (m.start("num") < m.start("gap") or re.search("人员|信息员", s[:m.end()])))
    out += _scan(doc, "staffing.people.full_time", _NO_FULLTIME, "人", value=0.0, rank=(1,))
    out += _scan(doc, "staffing.people.part_time", _ALL_PARTTIME, "人")
    for metric, pattern in _DOING.items():
        out += _scan(doc, metric, _EACH, "人") + _scan(doc, metric, pattern, "人")
    out += _scan(doc, "staffing.people.total", _STAFF_TOTAL, "人", check=lambda s, m, start: "公开" in m.group("mid")
                 and not re.search("专职|全职|兼职", m.group("mid")))
    for pattern in _MEETINGS:
        out += _scan(doc, "staffing.training.meetings", pattern, "次", check=lambda s, m, start: "公开" in m.group("mid"))
    for pattern in _CLASSES:
        out += _scan(doc, "staffing.training.classes", pattern, "次", check=lambda s, m, start: "公开" in s)
    return out


def _fee_metric(sentence: str, year: int | None) -> tuple[str, str]:
    """信息处理费 (named, or any fee in a 2021+ report) is in 元; the old 依申请 fees are in 万元."""
    if "处理费" in sentence or (year or 0) >= 2021:
        return "spending.processing_fee.amount_yuan", "元"
    return "spending.application_fees.amount_wan_yuan", "万元"


def _in_unit(cand: _Cand, unit: str) -> _Cand:
    factor = {("元", "万元"): 1 / 10000, ("万元", "元"): 10000}.get((cand.printed_unit, unit), 1)
    cand.value, cand.unit = cand.value * factor, unit
    return cand


def _money(doc: Doc, year: int | None) -> list[_Cand]:
    out = [_in_unit(c, "万元") for c in _scan(doc, "spending.special_funds.amount_wan_yuan", _FUNDS, "万元")]
    for pattern, value in [(_FEE_NEG, 0.0)] + [(p, None) for p in _FEE_POS]:
        for cand in _scan(doc, "fee", pattern, "", value=value, rank=(1,) if value == 0.0 else (0,),
                          check=lambda s, m, start: not re.search("行政事业性|标准|每", s[:m.end()])):
            cand.metric, unit = _fee_metric(doc.text[cand.sentence[0]:cand.sentence[1]], year)
            out.append(_in_unit(cand, unit))
    return out


def _bare_negations(doc: Doc, year: int | None) -> list[_Cand]:
    """'未产生上述情况' / '无' / '我镇2016年度无申请' right under a heading speaks of what the heading names
    (applications, fees or appeals)."""
    out = []
    for start, end in doc.scan_sentences:  # (a negation makes a sentence one)
        sentence = doc.text[start:end]
        if "无" not in sentence and "没有" not in sentence and "未" not in sentence:
            continue
        head = HEAD.match(sentence)
        body = sentence[head.start("title") + len(heading_title(head)):].lstrip(":：") if head else sentence
        if not _BARE_NEGATION.fullmatch(body):
            continue
        topic, heading = doc.section_at(start)
        if topic == "fee":
            metric, unit = _fee_metric(heading, year)
            out.append(_Cand(metric, 0.0, unit, start, (start, end), rank=(2,)))
        elif topic == "appeal":
            for word, metric in (("复议", "appeals.review.total"), ("诉讼", "appeals.suit_all.total")):
                if word in heading:
                    out.append(_Cand(metric, 0.0, "件", start, (start, end), rank=(2,)))
        elif topic == "apply":
            out.append(_Cand("applications.new_received.total", 0.0, "件", start, (start, end), rank=(2,)))
    return out


# --- assembly -------------------------------------------------------------------------------------------

def _year_slip(doc: Doc, cand: _Cand, year: int | None) -> Finding | None:
    if year is None:
        return None
    start, end = cand.sentence
    prefix = doc.text[start:max(cand.pos, start) + 12]
    years = {int(m.group(1)) for m in _YEAR.finditer(prefix)
             if not re.search(r"比|较|上年|去年", prefix[max(0, m.start() - 4):m.start()])
             and not _inside_brackets(prefix[:m.start()])}
    if not years or year in years:
        return None
    return Finding("year_slip", "warning", f"the sentence names {sorted(years)} in the {year} report; its figure "
                   f"is read as {year}'s", cand.metric, str(year), ",".join(map(str, sorted(years))), doc.line(start))


def _parts_mismatch(doc: Doc, cand: _Cand) -> Finding | None:
    """'共…N条，其中A x条，B y条' whose parts do not add up to N (only a complete, 等-free list)."""
    start, end = cand.sentence
    sentence = doc.text[start:end]
    m = next(filter(None, (p.match(sentence, cand.pos - start) for p in _TOTAL)), None)
    if not m or cand.qualifier != "exact":
        return None
    rest = re.match(r"[,，]?(?:其中|包括)[:：,，]?(.+)$", sentence[m.end():])
    if not rest or "等" in rest.group(1):
        return None
    items = [re.fullmatch(r"[^\d]{1,20}?" + N + r"(?P<unit>条|件|篇)", item) for item in re.split(r"[,，、]", rest.group(1))]
    if len(items) < 2 or not all(items) or any(i.group("pre") or i.group("unit") != m.group("unit") for i in items):
        return None
    total = sum(_value(i) or 0 for i in items)
    if total == cand.value:
        return None
    return Finding("prose_parts_mismatch", "warning", f"the prose total {cand.value:g} is not the sum of its "
                   f"listed parts ({total:g})", cand.metric, f"{cand.value:g}", f"{total:g}", doc.line(cand.pos))


def extract_prose(lines: list[str], year: int | None) -> tuple[list[Fact], list[Finding]]:
    doc = Doc(lines, year)
    cands = (_disclosures(doc) + _applications(doc) + _appeals(doc) + _staffing(doc) + _money(doc, year)
             + _bare_negations(doc, year))
    best: dict[str, _Cand] = {}
    # a sentence that names another year speaks for the report only when no other sentence does
    for cand in sorted(cands, key=lambda c: (_year_slip(doc, c, year) is not None, c.rank, c.pos)):
        best.setdefault(cand.metric, cand)
    facts, findings, slipped = [], [], set()
    for cand in sorted(best.values(), key=lambda c: c.pos):
        raw = doc.text[cand.sentence[0]:cand.sentence[1]]
        facts.append(Fact(cand.metric, cand.value, cand.unit, doc.line(cand.pos), "prose", raw, cand.qualifier))
        slip = _year_slip(doc, cand, year)
        if slip and cand.sentence not in slipped:
            slipped.add(cand.sentence)
            findings.append(slip)
        if cand.metric == "disclosures.proactive.items_total":
            findings += filter(None, [_parts_mismatch(doc, cand)])
    return facts, findings
