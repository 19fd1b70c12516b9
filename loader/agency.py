"""Which body a report is by, as printed: the raw name that loader.metadata splits into region and agency.

Input: the report's lines and the title match. Output: a name such as '衢州市衢江区上方镇人民政府' or None.
Sources are tried from the most to the least reliable: a real title line, the line above it, a
signature line (a line that is only a name), the page's own 发布机构 / 信息来源 field, a title that
is really a sentence ('现向社会公布2022年卯都乡信息公开工作年度报告'), then the names the text
mentions after a clean left edge ('2014年,南薰乡未收取…'). Chinese has no spaces, so a name's left
edge is where a punctuation mark, a year, a verb of publishing or a known division ends; a candidate
that is the report speaking of itself (我镇, 本单位) is no name.
"""
from __future__ import annotations

import re
from collections import Counter

from loader import gazetteer
from loader.normalise import squeeze, squeeze_lines

CJK = r"\u4e00-\u9fff"
# Verbs and phrases after which a title-like sentence names the body: 现特向社会公布同田乡2018年度…
_LEAD = re.compile("公布|发布|公开|编制|制作|汇总|形成|编写|撰写|印发|成立|报送|起草|向社会|结合|特此|现将|根据|按照")
_SELF = re.compile(r"^(?:我|本(?:镇|乡|街道|单位|机关|部门|级|局|委|办|区|县|市)|全(?:镇|乡|街道|区|县|市)|各|该|每|此|其"
                   r"|上述|所属|相关|有关)")
_NOT_IN_NAME = re.compile("[的了我]|工作|信息|公开|年度|报告|政府|引言|前言|目录|概述")
_GOVERNMENT = re.compile(r"(?:人民政府|办事处|政府)(?:办公室)?$")
TOWNSHIP = "街道|镇|乡|苏木"
DEPARTMENT = "局|委员会|委|办公室|管委会|管理委员会|中心|署|厅"
_FIELD = re.compile(r"(?:发布机构|发布单位|发文机关|发文单位|信息来源|来源|所属机构|公开主体|责任部门)[:：|]*"
                    rf"(?P<name>[{CJK}]{{2,40}})")
_SIGNATURE = re.compile(rf"^[{CJK}]{{2,40}}(?:人民政府|办事处)(?:办公室)?$")
# A name's right edge: what follows a body's name in these reports.
_AFTER = (r"(?=人民政府|政府|办事处|党委|党政|信息|政务|[^" + CJK + r"]"
          r"|[未不已在按认坚紧全高始加积进严对根依通共及和与的将于主深以把切扎持大着强继围聚微网门办联编])")
_EDGES = _LEAD.pattern.split("|") + ["由", "请与", "联系", "通过", "做好", "围绕", "建立健全", "[一二三四五六七八九十]是"]
_INNER_EDGE = re.compile("|".join(_EDGES))
_LEADING = re.compile("^(?:" + "|".join(_EDGES + ["年度", "年", "度"]) + ")")
_BEFORE = r"(?:^|(?<=[^" + CJK + r"])|(?<=\d年)|(?<=年度)|" + "|".join(f"(?<={word})" for word in _EDGES) + ")"
_MENTION = re.compile(_BEFORE + rf"(?P<name>[{CJK}]{{2,16}}?(?:{TOWNSHIP}))(?!县|市|区|旗)" + _AFTER)
_DEPARTMENT_MENTION = re.compile(_BEFORE + rf"(?P<name>[{CJK}]{{1,6}}?(?:市|县|区|旗)[{CJK}]{{2,12}}?(?:{DEPARTMENT}))"
                                 + _AFTER)


# 区司法局, 县教育局: a county department that leaves its county to the address or the website's name
# (its own ending is the right edge: 请与县工信局秘书股联系, 2010年,县工信局没有收到…)
_BARE_DEPARTMENT = re.compile(_BEFORE + rf"(?P<level>区|县|市)(?P<name>[{CJK}]{{2,10}}?(?:{DEPARTMENT}))")
_YEAR_LEAD = r"(?:\d年|本年|本年度|全年|今年)度?[,，]?"  # '2014年,' before the body that did the year's work
_SUBJECT_LEFT = re.compile(rf"(?:{_YEAR_LEAD}|请与)$")  # 2022年,区司法局… / 请与区司法局…联系
_SELF_TOWNSHIP = re.compile("(?:我|本)(街道|镇|乡)")
_ADDRESS = re.compile(rf"地址[:：]?(?P<place>[{CJK}]{{4,30}})")
_STRONG_LEFT = re.compile(rf"(?:^|\n|{_YEAR_LEAD}|" + "|".join(_EDGES) + r")$")
_OFFICE = re.compile("(?:人民)?政府办公室")  # 平度市政府办公室 is a department
_STRONG_RIGHT = re.compile("人民政府|政府|办事处|党委|党政")
_PREPOSITION_ONLY = re.compile(f"^[在对向为从经据与和及]({TOWNSHIP})$")  # ',在镇党委领导下' names no 在镇


def plausible(name: str | None) -> bool:
    """A body's name, not a phrase: no self-reference, no function words, at least one character
    before the level it ends with."""
    if not name or len(name) < 2 or _SELF.match(name) or _LEADING.match(name) or _PREPOSITION_ONLY.match(name):
        return False
    bare = _GOVERNMENT.sub("", name).replace("人民政府", "")  # 东城区人民政府东华门街道办事处
    return len(bare) >= 2 and not _NOT_IN_NAME.search(bare)


def strip_edges(name: str) -> str:
    """'由上望街道' → '上望街道', '年宜城市教育局' → '宜城市教育局', '本报告由岳阳县民政局' → '岳阳县民政局': a
    mention starts after the last left edge inside it."""
    name = _INNER_EDGE.split(name)[-1]
    previous = None
    while name != previous:
        previous, name = name, _LEADING.sub("", name)
    return name


def after_lead(text: str) -> str:
    """'现特向社会公布同田乡' → '同田乡': what follows the last verb of publishing."""
    cuts = [m.end() for m in _LEAD.finditer(text)]
    return re.sub("^了", "", text[cuts[-1]:]) if cuts else text  # 编制了若笠乡…


def from_sentence_title(pre: str, post: str) -> str | None:
    """A title inside a sentence: the part between the year and 政府信息公开 has a clean left edge;
    the part before the year only after its last verb ('…公布同田乡2018年度…')."""
    pre = re.sub("(?:编制的|编制|的)$", "", pre)
    for name in (post.rstrip("的"), strip_edges(after_lead(pre))):
        if plausible(name) and re.search(rf"(?:{TOWNSHIP}|{DEPARTMENT}|区|县|市|旗)$", _GOVERNMENT.sub("", name)):
            return name
    return None


def from_page_field(lines: list[str]) -> str | None:
    """The page's own 发布机构 / 信息来源 (a value on the same line or the next)."""
    for index, line in enumerate(lines[:40]):
        text = squeeze(line)
        if not re.search("发布机构|发布单位|发文机关|发文单位|信息来源|来源|所属机构|公开主体|责任部门", text):
            continue
        following = squeeze(lines[index + 1]) if index + 1 < len(lines) else ""
        for candidate in (text, text + following):
            match = _FIELD.search(candidate)
            if match and _names_a_body(match.group("name")):
                return match.group("name")
    return None


def from_signature(lines: list[str]) -> str | None:
    """A line that is only a body's name: the signature above the date, or a header line."""
    tail = lines[max(0, len(lines) - 15):][::-1]
    for line in tail + lines[:10]:
        text = squeeze(line)
        if _SIGNATURE.match(text) and plausible(text):
            return text
    return None


def from_mentions(lines: list[str]) -> str | None:
    """The township (or a division's department) the text names most often after a clean left edge."""
    text = squeeze_lines(lines)
    counts: Counter[str] = Counter()
    first: dict[str, int] = {}
    sure: set[str] = set()
    for pattern in (_MENTION, _DEPARTMENT_MENTION):
        for match in pattern.finditer(text):
            name = strip_edges(match.group("name"))
            bare = name.replace("人民政府", "").replace("办事处", "")
            region = gazetteer.region_prefix(bare)
            short = bare[sum(map(len, region)):] or bare
            if (plausible(short) or _OFFICE.fullmatch(short)) and len(short) >= 2 + (short.endswith("街道")):
                counts[name] += 1
                first.setdefault(name, match.start())
                if region or _STRONG_LEFT.search(text, 0, match.start()) or _STRONG_RIGHT.match(text, match.end()):
                    sure.add(name)
        if counts:
            break
    # a mention after a mere comma ('…,助力平乡高质量发展') counts only when the text repeats it
    named = [n for n in counts if n in sure or counts[n] > 1]
    return max(named, key=lambda n: (counts[n], -first[n])) if named else None


def _names_a_body(name: str) -> bool:
    bare = _GOVERNMENT.sub("", name)
    return plausible(name) and bool(re.search(rf"(?:{TOWNSHIP}|{DEPARTMENT}|区|县|市|旗)$", bare)) \
        and name not in ("本网", "本站")


def from_address(lines: list[str]) -> str | None:
    """A township that calls itself only 我镇 names itself in its contact address, right after the
    divisions it belongs to: '地址:即墨市金口镇府前街38号' → '即墨市金口镇'."""
    text = squeeze_lines(lines)
    levels = set(_SELF_TOWNSHIP.findall(text))
    if len(levels) != 1:
        return None
    level = levels.pop()
    for match in _ADDRESS.finditer(text):
        place = match.group("place")
        region = gazetteer.region_prefix(place)
        township = re.match(rf"[{CJK}]{{2,6}}?{level}", place[sum(map(len, region)):])
        if region and township and plausible(township.group()):
            return "".join(region) + township.group()
    return None


def from_bare_department(lines: list[str]) -> str | None:
    """'区司法局' as the subject of a year's sentence or the contact ('请与区司法局办公室联系'), in a
    report whose text names exactly one county of that level ('盐城市盐都区政府网站'), is that county's
    department: '盐都区司法局'; with no such county it is the name as printed ('2021年,县卫生健康局…').
    A department merely cited ('按照县财政局…格式') names no one; nor does any of this apply to a report
    that speaks as a township."""
    text = squeeze_lines(lines)
    if _SELF_TOWNSHIP.search(text):
        return None
    counts = Counter((m.group("level"), m.group("name")) for m in _BARE_DEPARTMENT.finditer(text)
                     if plausible(m.group("name")) and _SUBJECT_LEFT.search(text, max(0, m.start() - 8), m.start()))
    if not counts:
        return None
    (level, name), _ = counts.most_common(1)[0]
    counties = {_division_ending_at(text, m.start()) for m in re.finditer(level, text)} - {None}
    return counties.pop() + name if len(counties) == 1 else level + name


def _division_ending_at(text: str, at: int) -> str | None:
    """The longest known division name of three or more characters that ends at text[at] ('…盐都区' →
    '盐都区'). Not region_suffix, which also takes two-character names: '《条例》和县局' would name 和县."""
    for start in range(max(0, at - 7), at - 1):
        if gazetteer.is_division(text[start:at + 1]):
            return text[start:at + 1]
    return None
