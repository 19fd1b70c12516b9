"""Agency, region, year and publication date, on real report openings and real garbled forms."""
from __future__ import annotations

from datetime import date

import pytest

from loader.metadata import read_metadata
from loader.model import Document
from loader.normalise import normalise_line


def _meta(*lines: str):
    return read_metadata(Document("t.txt", "0", [normalise_line(x) for x in lines], list(lines)))


@pytest.mark.parametrize("lines,agency,year", [
    (["2016年绍兴市越城区东浦镇政府信息公开年报"], "东浦镇", 2016),                              # real_a14
    (["胡市镇人民政府2019年政府信息公开工作年度报告"], "胡市镇", 2019),                          # real_b07: 市 inside the name
    (["淮安市洪泽区人民政府", "2024 年政府信息公开工作年度报告"], "洪泽区", 2024),              # hongze PDF
    (["根据《省政务公开领导小组办公室关于做好2021年度政府信息公开工作年度报告编制及发布工作的通知》以及西秀区人民政府有关通知要求,"
      "现公布西秀区东街街道办事处2021年政府信息公开工作年度报告。"], "东街街道", 2021),         # real_c07
    (["2024 年上海市科委政府信息公开工作", "年度报告"], "上海市科委", 2024),                     # real_d02
])
def test_agency_and_year_from_the_title(lines, agency, year):
    meta, _ = _meta(*lines)
    assert (meta.agency, meta.year) == (agency, year)


# Openings of real reports whose title is a sentence, missing or garbled (pages found with the search tool).
@pytest.mark.parametrize("lines,agency", [
    (["根据《条例》有关规定,现特向社会公布同田乡2018年度政府信息公开年度报告,本报告中所列数据的统计期限自2018年1月1日起。",
      "2018年,同田乡政府信息公开工作在市政府办的指导下"], "同田乡"),                   # 江西 同田乡 2018: name after the verb
    (["根据《条例》、《山东省政府信息公开办法》有关规定,特编制2017年理合务镇信息公开工作年度报告,并向社会公布。"], "理合务镇"),
    (["本年度报告根据《条例》要求,汇总2018年度三溪乡的政务公开年度报告编制而成。"], "三溪乡"),
    (["现特向社会公布2012年度我街道信息公开工作年度报告。", "一、主动公开政府信息情况", "桦甸市人民政府新华街道办事处"],
     "新华街道"),                                                                     # 我街道 is no name: the signature is
    (["我镇高度重视政府信息公开工作,成立巍山镇政府信息公开领导小组,建立工作机制。"], "巍山镇"),
    (["现将我乡2014年政府信息公开工作报告公开如下。", "2014年,南薰乡未收取任何政府信息公开费用。"], "南薰乡"),
    (["(二)依申请公开受理答复情况。2022年宜城市教育局未收到依申请公开信息。"], "宜城市教育局"),
    (["2008年张义镇人民政府信息公开工作年度报告"], "张义镇"),                        # 人民|政府信息公开
    (["岳西县五河镇人民政府", "五河镇2017年度政务信息公开工作年报"], "五河镇"),           # 政务信息公开
    (["根据《关于做好2008年政府信息公开工作年度报告编制和公开工作的通知》文件要求,我镇积极组织有关部门对2008年全乡"
      "政府信息公开工作进行全面总结,编制了若笠乡2008年政府信息公开工作年度报告。"], "若笠乡"),
    (["西青区西营门街2019年政府信息公开工作年度报告"], "西营门街"),                  # Tianjin's 街
    (["大连长兴岛经济技术开发区长兴岛街道2022年政府信息公开工作年度报告"], "长兴岛街道"),
    (["河口县桥头乡2022年政府信息公开工作年度报告"], "桥头乡"),                      # a county the gazetteer spells otherwise
    (["昌图县七家子镇2023年政府信息公开 工作告年度报"], "七家子镇"),                 # a garbled short title
    (["信息来源:沙塘镇人民政府", "根据《条例》规定,沙塘镇政府结合实际工作,认真编制了2016年度政府信息公开年度报告。"],
     "沙塘镇"),                                                                       # 认真编制了 is no name: the page field is
    (["本报告由岳阳县民政局根据《中华人民共和国政府信息公开条例》规定编制。"], "岳阳县民政局"),     # 由… inside a longer run
    (["额济纳旗温图高勒苏木2021年政府信息公开工作年度报告"], "温图高勒苏木"),                   # 旗 and 苏木
    (["川汇区人民政府办公室 2019年政府信息公开工作年度报告"], "川汇区人民政府办公室"),           # a body of its own
    (["随县经济开发区2019年政府信息公开工作年度报告"], "随县经济开发区"),                     # a zone keeps its county
    (["北京市通州区张家湾镇人民政府2021年", "政府信息公开工作年度报告",                          # broken after the year
      "2021年,我镇认真贯彻落实区政府文件要求。现向社会公布潞城镇2020年度政府信息公开工作年度报告。"], "张家湾镇"),
    (["2024年,平乡县人民政府办公室认真落实部署,着力提升全县政务公开工作水平,助力平乡高质量发展。",
      "通过寻召乡政府网站发布信息。"], "寻召乡"),                                              # '…,助力平乡' is no mention
    (["本报告电子版可在网站下载,如对本报告有任何疑问,请与昌江区工信局办公室联系(地址:景德镇市)。"], "昌江区工信局"),
    (["如对本报告有任何疑问,请与平度市政府办公室政府信息公开领导小组办公室联系。"], "平度市政府办公室"),
    (["制定了《上营乡信息公开保密审查机制》等制度;并通过乡村公示栏、上营乡微信公众号发布信息。"], "上营乡"),
    (["根据《条例》要求,由北京市朝阳区东湖街道办事处筹备处编制的2014年度政府信息公开工作年度报告。"], "东湖街道"),
    (["为认真做好京山市卫生健康局政府信息公开工作,我局按照《条例》的有关要求,精心组织,狠抓落实。"], "京山市卫生健康局"),
    (["特向社会公布2015年度本级政府信息公开工作年度报告。如对本报告有任何疑问,请与政府信息公开领导小组办公室联系"
      "(地址:即墨市金口镇府前街38号;邮编:266213)。", "截至2015年底,我镇政府信息公开工作运转正常。"], "金口镇"),  # the address
    (["本报告的电子版可在盐城市盐都区政府网站政府信息公开专栏下载。如对本报告有任何疑问,请与区司法局办公室联系"
      "(地址:盐都区行政中心一楼0107;邮编:224000)。", "2022年,区司法局在区委区政府坚强领导下,着力健全信息公开制度机制。"],
     "盐都区司法局"),                                                           # 区司法局 of the one 区 the text names
    (["(一)总体公开情况说明。2021年,县卫生健康局的政府信息公开工作严格按照省、市、县各级有关政府信息公开工作精神和要求。"],
     "县卫生健康局"),                                                           # no county named: as printed
    (["石城县人民政府网站政府信息公开专栏。如对本报告有任何疑问,请与县工信局秘书股联系。",
      "2010年,县工信局没有收到要求政府信息公开的申请。"], "石城县工信局"),
    (["引言 本报告根据《中华人民共和国政府信息公开条例》要求,由城西街道编制。如对本报告有任何疑问,请联系:城西街道办公室"],
     "城西街道"),
])
def test_agency_when_the_title_is_a_sentence_missing_or_garbled(lines, agency):
    meta, findings = _meta(*lines)
    assert meta.agency == agency
    assert "agency_unknown" not in [f.rule for f in findings]


def test_a_report_that_only_speaks_of_itself_has_no_agency():
    meta, findings = _meta("现将我乡2014年政府信息公开工作报告公开如下。", "我乡未收到政府信息公开申请。")
    assert meta.agency is None
    assert [f.rule for f in findings] == ["agency_unknown"]


def test_an_enumerated_clause_is_no_name():
    meta, _ = _meta("三是建立健全街道政府信息公开申请、登记、审核、办理、答复等制度。")
    assert meta.agency is None


def test_a_verb_before_zhen_dangwei_is_no_township():
    meta, _ = _meta("2018年我镇在区政府的统一领导下,按照《政府信息公开条例》要求和政务公开工作部署,紧紧围绕镇党委、政府中心"
                    "工作,全面推进政务公开。", "在镇党委、政府的领导下,我镇信息公开工作有序开展。")
    assert meta.agency is None


def test_a_sentence_title_kept_from_last_year_yields_to_the_statistics_period():
    meta, findings = _meta("根据《中华人民共和国政府信息公开条例》、《安徽省政务公开办公室关于开展全省政务公开“深化年”活动的通知》"
                           "等法律、文件的要求,特向社会公布2013年度黄村镇政府信息公开年度报告。",
                           "本报告中所列数据的统计期限自2014年1月1日起至2014年12月31日止。")
    assert (meta.agency, meta.year) == ("黄村镇", 2014)
    assert [(f.rule, f.expected, f.found) for f in findings] == [("year_title_period_conflict", "2014", "2013")]


def test_year_from_a_period_missing_a_character():
    meta, _ = _meta("本报告中所列数据统计限自2021年1月1日至2021年12月31日。如对本年度报告有任何疑问,请与岱山县卫生健康局联系。")
    assert meta.year == 2021


def test_a_department_the_report_only_cites_is_not_its_author():
    meta, _ = _meta("现将我局2021年政府信息公开工作报告如下:", "2021年我局通过“略阳县人民政府网站”公开政务信息111条,"
                    "并严格按照县财政局“三公经费”信息格式进行了“三公经费”网上公开。")
    assert meta.agency is None


def test_region_from_the_signature_and_the_gazetteer():
    meta, _ = _meta("上方镇2019年政府信息公开工作年度报告", "正文", "衢州市衢江区上方镇人民政府", "2020122日")
    assert (meta.province, meta.city, meta.county, meta.region_derived) == ("浙江省", "衢州市", "衢江区", True)
    assert meta.full_name == "衢州市衢江区上方镇人民政府"


def test_garbled_signature_date_resolved_by_the_publication_window():
    meta, findings = _meta("上方镇2019年政府信息公开工作年度报告", "衢州市衢江区上方镇人民政府", "2020122日")
    assert meta.published_on == date(2020, 1, 22)  # 2020-12-02 is outside January–June 2020
    assert [f.rule for f in findings] == ["repair_garbled_date"]


def test_garbled_date_that_no_reading_supports_stays_unread():
    meta, findings = _meta("某某镇2019年政府信息公开工作年度报告", "2021122日")  # neither 2021-01-22 nor 2021-12-02 is in 2020
    assert meta.published_on is None
    assert [(f.rule, f.found) for f in findings] == [("garbled_date", "2021122日")]


def test_page_date_wins_over_signature():
    meta, _ = _meta("发布日期: 2021-01-29  来源:大五里镇", "大五里镇2020年政府信息公开工作年度报告", "2021年1月20日")
    assert meta.published_on == date(2021, 1, 29)


def test_year_from_statistics_period_when_the_title_has_none():
    meta, _ = _meta("某某镇政府信息公开工作年度报告", "本报告中所列数据的统计期限自2017年1月1日起至2017年12月31日止。")
    assert meta.year == 2017


def test_year_spelled_out_in_the_title():
    meta, _ = _meta("某某镇二〇二〇年度政府信息公开工作年度报告")
    assert (meta.agency, meta.year) == ("某某镇", 2020)


def test_title_with_guanyu_and_de():
    meta, _ = _meta("某某镇人民政府关于2019年度政府信息公开工作的年度报告")
    assert (meta.agency, meta.year) == ("某某镇", 2019)


def test_year_from_a_period_printed_with_dashes():
    meta, _ = _meta("本报告中所列数据的统计期限自2015-1-1起至2015-12-31止。")  # 岳阳县民政局 2015
    assert meta.year == 2015
