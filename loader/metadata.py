"""Who published a report, for which year, and when: agency, region, year, publication date.

Input: a Document. Output: ReportMeta plus findings (a garbled date that was resolved). The year
comes from the title first ("2018年政府信息公开工作年度报告"), then 统计期限 or the table header,
never from a copied sentence; the agency is the short name as printed (上方镇, 东华门街道).
"""
from __future__ import annotations

import re
from datetime import date

from loader import agency, gazetteer
from loader.model import Document, Finding, ReportMeta
from loader.normalise import squeeze, squeeze_lines

_CJK = r"\u4e00-\u9fff"
_TITLE = re.compile(rf"(?P<pre>[{_CJK}A-Za-z()]*?)(?P<year>(?:19|20)\d\d)年度?(?P<post>[{_CJK}()]*?)"
                    r"(?:政府信息公开|政务信息公开|政务公开|信息公开)(?:工作)?的?(?:年度报告|年报|工作报告|年度工作报告)")
# A short title line whose last words came out garbled ('…政府信息公开工作告年度报')
_SHORT_TITLE = re.compile(rf"(?P<pre>[{_CJK}A-Za-z()]*?)(?P<year>(?:19|20)\d\d)年度?(?P<post>[{_CJK}()]*?)"
                          r"(?:政府信息公开|政务信息公开|政务公开)(?:工作)?[^。，,]{0,4}?报")
_SPLIT_TITLE = re.compile(r"(?:政府信息公开|政务公开)(?:工作)?$")
_YEAR_END = re.compile(r"(?:19|20)\d\d年度?$")
_PERIOD = re.compile(r"统计(?:期限|时限|周期|期间|时间|区间|限)[^。]{0,12}?((?:19|20)\d\d)(?:年|-\d{1,2}-)")  # 2015-1-1起; 统计限自…
_TABLE_YEAR = re.compile(r"^\(?((?:19|20)\d\d)年度\)?$")
_JUNK = re.compile(r"^(?:标题|现公布|现将|特向社会公布|公布|由|关于|本机关|我镇|我乡|我街道|本级|根据)|"
                   r"(?:编制的|编制|关于|人民政府|政府|办事处|(?<![区县市旗]人民政府)(?<![区县市旗]政府)办公室"
                   r"|(?<=[镇乡道区县市])人民)$")  # 川汇区人民政府办公室 is a body of its own
# 河口县桥头乡, 大连长兴岛经济技术开发区长兴岛街道: a township after the last 县/区/市/旗 the gazetteer did not know
_UNLISTED_COUNTY = re.compile(rf"^([{_CJK}]{{2,}}(?:县|区|市|旗))[^县区市旗\W\d]{{2,}}(?:街道|镇|乡|苏木|街)$")
_ZONE = re.compile("(?:开发区|园区|新区|试验区|实验区|合作区|保税区|工业区|投资区|示范区)$")  # 区 but no division
_LEVELS = (("街道", "街道"), ("镇", "镇"), ("乡", "乡"), ("苏木", "乡"), ("街", "街道"), ("区", "区"), ("县", "县"), ("旗", "县"), ("市", "市"))
_PAGE_DATE = re.compile(r"(?:发布日期|发布时间|公开日期|发文日期|成文日期|时间)[:\s|]*((?:19|20)\d\d)[-/.年]\s*(\d{1,2})"
                        r"[-/.月]\s*(\d{1,2})")
_SIGNATURE_DATE = re.compile(r"^((?:19|20)\d\d)年(\d{1,2})月(\d{1,2})日$")
_GARBLED_DATE = re.compile(r"^((?:19|20)\d\d)(\d{2,4})日?$")
_STATED_DATE = re.compile(r"于((?:19|20)\d\d)年(\d{1,2})月(\d{1,2})日[^。]{0,40}?(?:公开发布|发布|公布|公开)")


def read_metadata(document: Document) -> tuple[ReportMeta, list[Finding]]:
    meta, findings = ReportMeta(), []
    title, title_line, in_sentence = _find_title(document.lines)
    meta.title = title
    if title:
        match = _TITLE.search(squeeze(title)) or _SHORT_TITLE.search(squeeze(title))
        if match:
            meta.year = int(match.group("year"))
            if in_sentence:
                name = agency.from_sentence_title(match.group("pre"), match.group("post"))
            else:
                name = _clean_name(match.group("pre") + match.group("post"))
            _set_agency(meta, name or (None if in_sentence else _name_above(document.lines, title_line)))
    period = _year_from_period(document.lines) if in_sentence or meta.year is None else None  # read only when used
    if in_sentence and period and meta.year and period != meta.year:
        # '特向社会公布2013年度…报告' above '统计期限自2014年1月1日起': a sentence kept from last year's
        # report; the period is what the data covers
        findings.append(Finding("year_title_period_conflict", "warning",
                                f"a sentence names the report as {meta.year}'s, its 统计期限 says {period}; "
                                f"read as {period}", None, str(period), str(meta.year)))
        meta.year = period
    if meta.year is None:
        meta.year = period
    if meta.year is None:
        meta.year = _most_mentioned_year(document.lines)
        if meta.year is not None:
            findings.append(Finding("year_inferred", "warning",
                                    f"no title or 统计期限 names the year; {meta.year} is the year the text "
                                    "speaks of most", None, None, str(meta.year)))
    for source in (agency.from_signature, agency.from_page_field, agency.from_mentions, agency.from_address,
                   agency.from_bare_department):
        if meta.agency is None:
            _set_agency(meta, source(document.lines))
    _fill_region(meta, document.lines)
    if meta.agency is None:
        findings.append(Finding("agency_unknown", "warning", "no title, signature or sentence names the agency; "
                                "the report is stored under an unnamed agency of its own (pin it in "
                                "data/agencies.csv once known)"))
    meta.published_on, finding = _published_on(document.lines, meta.year)
    page_date = document.page_meta.get("发布日期")
    if page_date:  # the page's own date (HTML metadata) comes before anything in the text
        meta.published_on, finding = date.fromisoformat(page_date), None
    if finding:
        findings.append(finding)
    return meta, findings


def _find_title(lines: list[str]) -> tuple[str | None, int | None, bool]:
    """The first line naming a year's 政府信息公开 report (a title broken over two lines is joined), its
    line number, and whether it is a sentence that names the report rather than a title line."""
    for index, line in enumerate(lines[:60]):
        text = _arabic_years(squeeze(line))
        if not text:
            continue
        nxt = next((squeeze(x) for x in lines[index + 1:index + 4] if x.strip()), "")
        if _SPLIT_TITLE.search(text) and nxt.startswith(("年度报告", "年报")) \
                or _YEAR_END.search(text) and nxt.startswith(("政府信息公开", "政务公开")):  # '…镇人民政府2021年' / '政府信息…'
            text += nxt
        matches = list(_TITLE.finditer(text)) or (list(_SHORT_TITLE.finditer(text)) if len(text) <= 40 else [])
        for match in matches:
            if _inside_book_title(text, match.start()) and not text.startswith("》", match.end()):
                continue  # 《…关于做好2021年度政府信息公开工作年度报告编制…的通知》 names another document
            in_sentence = len(text) > 60 or bool(re.search("[，,。；;]", text[:match.start()]))
            return (text[match.start():match.end()] if len(text) > 60 else text.strip("|")), index + 1, in_sentence
    return None, None, False


_CN_DIGITS = str.maketrans("〇零○一二三四五六七八九", "00012345678" + "9")
_CN_YEAR = re.compile(r"([〇零○一二三四五六七八九]{4})(?=年)")


def _arabic_years(text: str) -> str:
    """'二〇二〇年度政府信息公开工作年度报告' → '2020年度…': titles sometimes spell the year out."""
    return _CN_YEAR.sub(lambda m: m.group(1).translate(_CN_DIGITS), text)


def _inside_book_title(text: str, position: int) -> bool:
    return text.rfind("《", 0, position) > text.rfind("》", 0, position)


def _name_above(lines: list[str], title_line: int | None) -> str | None:
    """A title printed under the body's name: '淮安市洪泽区人民政府' / '2024年政府信息公开工作年度报告'."""
    above = [squeeze(x) for x in lines[:(title_line or 1) - 1] if x.strip()]
    if above and len(above[-1]) <= 30 and re.fullmatch(rf"[{_CJK}]+", above[-1]):
        return _clean_name(above[-1])
    return None


def _clean_name(name: str) -> str | None:
    name = name.strip("()|")
    previous = None
    while name != previous:
        previous, name = name, _JUNK.sub("", name)
    return name or None


def _set_agency(meta: ReportMeta, name: str | None) -> None:
    """Split '衢州市衢江区上方镇' into its known divisions and the agency; '上海市科委' stays whole."""
    if not name:
        return
    if not re.search("政府办公室$", name):  # 沙依巴克区人民政府办公室, 平度市政府办公室: bodies of their own
        name = name.replace("人民政府", "").replace("办事处", "").replace("筹备处", "")
    higher = list(gazetteer.region_prefix(name))
    rest = name[sum(map(len, higher)):]
    if not rest and higher:
        rest = higher.pop()
    elif rest and (not rest.endswith(tuple(s for s, _ in _LEVELS)) or _ZONE.search(rest)) and higher:
        rest = higher.pop() + rest  # a department (or a zone: 随县经济开发区) keeps the division it belongs to
    unknown_county = _UNLISTED_COUNTY.match(rest)
    if unknown_county:  # 河口县桥头乡: a county the gazetteer spells otherwise (河口瑶族自治县) still ends at 县
        higher.append(unknown_county.group(1))
        rest = rest[unknown_county.end(1):]
    if len(rest) < 2 or not agency.plausible(rest):
        return
    meta.agency = rest
    meta.level = next((level for suffix, level in _LEVELS if rest.endswith(suffix)), "部门")
    _assign_higher(meta, higher)


def _assign_higher(meta: ReportMeta, higher: list[str]) -> None:
    for part in higher:
        level = gazetteer.level_of(part)
        if level:
            if getattr(meta, level) is None:
                setattr(meta, level, part)
        elif part.endswith(("省", "自治区")):
            meta.province = meta.province or part
        elif part.endswith(("市", "自治州", "盟", "地区")) and meta.city is None and meta.county is None:
            meta.city = part
        elif part.endswith(("区", "县", "旗", "市")):
            meta.county = meta.county or part


def _fill_region(meta: ReportMeta, lines: list[str]) -> None:
    """Region printed before the agency's name anywhere in the text; then the gazetteer."""
    if meta.agency is None:
        return
    text = squeeze_lines(lines)
    at = text.find(meta.agency)
    while at >= 0:  # every place the text names the agency (a plain search: no pattern made per report)
        before = re.sub("人民政府$", "", text[max(0, at - 28):at])  # 东城区人民政府东华门街道
        chain = gazetteer.region_suffix(before)
        if chain:
            _assign_higher(meta, list(chain))
            end = at + len(meta.agency)
            body = next((w for w in ("人民政府", "办事处") if text.startswith(w, end)), None)
            if body and meta.full_name is None:
                meta.full_name = "".join(chain) + meta.agency + body
        at = text.find(meta.agency, at + len(meta.agency))
    meta.full_name = meta.full_name or meta.agency
    lower = meta.county or meta.city
    if lower and (meta.province is None or (meta.county and meta.city is None)):
        province, city = gazetteer.parents(lower)
        if province and meta.province is None:
            meta.province, meta.region_derived = province, True
        if city and meta.city is None and meta.county:
            meta.city, meta.region_derived = city, True


def _year_from_period(lines: list[str]) -> int | None:
    for line in lines:
        text = squeeze(line)
        match = _PERIOD.search(text) or _TABLE_YEAR.match(text)
        if match:
            return int(match.group(1))
    return None


def _most_mentioned_year(lines: list[str]) -> int | None:
    """The year most sentences speak of ('2018年,我镇…'), leaving out dates and document numbers."""
    counts: dict[int, int] = {}
    for line in lines:
        for match in re.finditer(r"(?<![〔\[\d])((?:19|20)\d\d)年(?!\d{1,2}月)", squeeze(line)):
            counts[int(match.group(1))] = counts.get(int(match.group(1)), 0) + 1
    return max(counts, key=lambda y: (counts[y], -y)) if counts else None


def _valid(y: str, m: str, d: str) -> date | None:
    try:
        return date(int(y), int(m), int(d))
    except ValueError:
        return None


def _garbled_readings(year: str, rest: str) -> list[date]:
    """'2020' + '122' → 2020-01-22 and 2020-12-02: every month/day split of the digits after the year."""
    readings = []
    for cut in range(1, len(rest)):
        month, day = rest[:cut], rest[cut:]
        if len(month) <= 2 and len(day) <= 2 and (found := _valid(year, month, day)):
            readings.append(found)
    return readings


def _resolve_garbled(text: str, line: int, report_year: int | None) -> tuple[date | None, Finding]:
    """A signature date with 年/月 lost is used only if one reading falls in the usual publication
    window (January to June after the report year); otherwise it stays unread, with a finding."""
    match = _GARBLED_DATE.match(text)
    readings = _garbled_readings(*match.groups())
    plausible = [d for d in readings if report_year and d.year == report_year + 1 and d.month <= 6]
    if len(plausible) == 1:
        return plausible[0], Finding(
            "repair_garbled_date", "info", f"the signature date '{text}' lost 年/月; of its readings "
            f"{[d.isoformat() for d in readings]} only {plausible[0]} falls in the half-year after the report "
            "year", None, plausible[0].isoformat(), text, line)
    return None, Finding("garbled_date", "warning",
                         f"the signature date '{text}' lost 年/月 and its readings "
                         f"{[d.isoformat() for d in readings]} cannot be told apart; it is not used",
                         None, None, text, line)


def _published_on(lines: list[str], report_year: int | None) -> tuple[date | None, Finding | None]:
    """Page date first, then the signature date at the end, then a stated publication date."""
    for line in lines[:60]:
        match = _PAGE_DATE.search(line)
        if match and (found := _valid(*match.groups())):
            return found, None
    for index in range(len(lines) - 1, max(len(lines) - 40, 0) - 1, -1):
        text = squeeze(lines[index]).strip("()")
        match = _SIGNATURE_DATE.match(text)
        if match and (found := _valid(*match.groups())):
            return found, None
        if _GARBLED_DATE.match(text):
            return _resolve_garbled(text, index + 1, report_year)
    for line in lines:
        match = _STATED_DATE.search(squeeze(line))
        if match and (found := _valid(*match.groups())):
            return found, None
    return None, None
