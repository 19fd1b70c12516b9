"""loader.read_html and loader.read_docx on two real reports saved as a government web page and as a
Word file (fixtures/formats, built by make_fixtures.py from data/samples/004_c6867b7eba30610a.txt and
corpus/reports/real_b06.txt), and on files they must reject."""
from __future__ import annotations

import re
import zipfile
from pathlib import Path

import pytest

from loader.read_docx import DocxError, read_docx
from loader.read_html import HtmlError, read_html

FORMATS = Path(__file__).parent / "fixtures" / "formats"
NUM = re.compile(r"^\d+$")
Z7 = [0] * 7

# 表三 of the 004 report as both readers must give it: merged cells once, cell text joined.
TABLE3_004 = [
    "| （本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和） | 申请人情况 |",
    "| 自然人 | 法人或其他组织 |",
    "| 商业企业 | 科研机构 | 社会公益组织 | 法律服务机构 | 其他 | 总计 |",
    "| 一、本年新收政府信息公开申请数量 | 1 | 0 | 0 | 0 | 0 | 0 | 1 |",
    "| 二、上年结转政府信息公开申请数量 | 0 | 0 | 0 | 0 | 0 | 0 | 0 |",
    "| （一）予以公开 | 0 | 0 | 0 | 0 | 0 | 0 | 0 |",
    "| （二）部分公开（区分处理的），只计这一情形，不计其他情形 | 0 | 0 | 0 | 0 | 0 | 0 | 0 |",
    "| （三）不予以公开 | 1、属于国家秘密 | 0 | 0 | 0 | 0 | 0 | 0 | 0 |",
    "| 2、其他法律行政法规禁止公开 | 0 | 0 | 0 | 0 | 0 | 0 | 0 |",
    "| 3、危及“三安全一稳定” | 0 | 0 | 0 | 0 | 0 | 0 | 0 |",
    "| 4、保护第三方合法权益 | 0 | 0 | 0 | 0 | 0 | 0 | 0 |",
    "| 5、属于第三类内部事务信息 | 0 | 0 | 0 | 0 | 0 | 0 | 0 |",
    "| 6、属于四类过程性信息 | 0 | 0 | 0 | 0 | 0 | 0 | 0 |",
    "| 7、属于行政执法案卷 | 0 | 0 | 0 | 0 | 0 | 0 | 0 |",
    "| 8、属于行政查询事项 | 0 | 0 | 0 | 0 | 0 | 0 | 0 |",
    "| （四）无法提供 | 1、本机关不掌握相关政府信息 | 0 | 0 | 0 | 0 | 0 | 0 | 0 |",
    "| 2、没有现成信息需要另行制作 | 0 | 0 | 0 | 0 | 0 | 0 | 0 |",
    "| 3、补正后申请内容仍不明确 | 0 | 0 | 0 | 0 | 0 | 0 | 0 |",
    "| （五）不予处理 | 1、信访举报类申请 | 0 | 0 | 0 | 0 | 0 | 0 | 0 |",
    "| 2、重复申请 | 0 | 0 | 0 | 0 | 0 | 0 | 0 |",
    "| 3、要求提供公开出版物 | 0 | 0 | 0 | 0 | 0 | 0 | 0 |",
    "| 4、无正当理由大量反复申请 | 0 | 0 | 0 | 0 | 0 | 0 | 0 |",
    "| 5、要求行政机关确认或重新出具已获取信息 | 0 | 0 | 0 | 0 | 0 | 0 | 0 |",
    "| （六）其他处理 | 0 | 0 | 0 | 0 | 0 | 0 | 0 |",
    "| （七）总计 | 1 | 0 | 0 | 0 | 0 | 0 | 1 |",
    "| 四、结转下年度继续办理 | 0 | 0 | 0 | 0 | 0 | 0 | 0 |",
]
EXPECTED = {
    "report_004": {
        "title": "曲江镇人民政府2020年政府信息公开工作年度报告",
        "rows": {
            "规章": [0, 0, 0], "规范性文件": [3, 3, 9], "行政许可": [0, 0, 0], "行政处罚": [0, 0, 0],
            "行政事业性收费": [0, 0, 0], "政府集中采购": [0, 0, 0],
            "一、本年新收政府信息公开申请数量": [1, 0, 0, 0, 0, 0, 1], "二、上年结转政府信息公开申请数量": Z7,
            "（一）予以公开": Z7, "1、属于国家秘密": Z7, "3、补正后申请内容仍不明确": Z7, "（六）其他处理": Z7,
            "（七）总计": [1, 0, 0, 0, 0, 0, 1], "四、结转下年度继续办理": Z7,
        },
        "sections": ["二、主动公开政府信息情况", "| 规范性文件 |", "三、收到和处理政府信息公开申请情况",
                     "| （七）总计 |", "四、政府信息公开行政复议、行政诉讼情况", "| 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 |",
                     "五、存在的主要问题及改进情况", "2021年1月20日"],
        "meta": {"发布日期": "2021-01-20", "发布机构": "曲江镇人民政府", "索引号": "QJZ-2021-0000012",
                 "title": "曲江镇人民政府2020年政府信息公开工作年度报告"},
    },
    "report_b06": {
        "title": "大五里镇2020年政府信息公开工作年度报告",
        "rows": {
            "规章": [0, 0, 0], "规范性文件": [0, 0, 0], "其他对外管理服务事项": [0, 0, 0], "行政事业性收费": [0, 0],
            "政府集中采购": [0, 0], "一、本年新收政府信息公开申请数量": Z7, "二、上年结转政府信息公开申请数量": Z7,
            "(一)予以公开": Z7, "(二)部分公开(区分处理的,只计这一情形,不计其他情形)": Z7, "1.属于国家秘密": Z7,
        },
        "sections": ["一、总体情况", "主动公开政务信息共217条", "二、主动公开政府信息情况", "| 规范性文件 |",
                     "三、收到和处理政府信息公开申请情况", "| 三、本年度办理结果 | (一)予以公开 |",
                     "| (三)不予公开 | 1.属于国家秘密 |"],
        "meta": {"发布日期": "2021-01-29", "发布机构": "大五里镇", "来源": "大五里镇", "索引号": "DWLZ/2021-00007",
                 "title": "大五里镇2020年政府信息公开工作年度报告"},
    },
}
# Page furniture of the fixtures' web pages: none of it may reach the lines.
FURNITURE = ["首页", "当前位置", "您现在的位置", "政务公开 >", "分享", "QQ空间", "打印", "关闭窗口", "版权所有", "ICP",
             "公网安备", "主办单位", "网站标识码", "相关阅读", "网站统计", "_hmt", "无障碍", "字号", "字体", "浏览次数",
             "索引号", "发布机构", "发布日期", "主题分类", "迁安市人民政府", "搜索"]


def html_of(name: str) -> bytes:
    return (FORMATS / f"{name}.html").read_bytes()


def lines_of(name: str, kind: str) -> list[str]:
    if kind == "html":
        return read_html(html_of(name), str(FORMATS / f"{name}.html"))[0]
    return read_docx(FORMATS / f"{name}.docx")


def pipe_cells(lines: list[str]) -> list[list[str]]:
    return [[c.strip() for c in line.strip().strip("|").split("|")] for line in lines if line.startswith("|")]


def numbers_after(lines: list[str], label: str) -> list[int]:
    """The numbers of the first pipe row whose last label cell is `label`."""
    for cells in pipe_cells(lines):
        labels = [i for i, c in enumerate(cells) if c and not NUM.match(c)]
        if labels and cells[labels[-1]] == label:
            return [int(c) for c in cells[labels[-1] + 1:] if NUM.match(c)]
    raise AssertionError(f"no pipe row labelled {label!r}")


CASES = [(name, kind) for name in EXPECTED for kind in ("html", "docx")]


@pytest.mark.parametrize("name,kind", CASES)
def test_table_rows_carry_the_reports_numbers(name, kind):
    lines = lines_of(name, kind)
    for label, numbers in EXPECTED[name]["rows"].items():
        assert numbers_after(lines, label) == numbers, (name, kind, label)


@pytest.mark.parametrize("kind", ["html", "docx"])
def test_004_table3_and_table4_exactly(kind):
    lines = lines_of("report_004", kind)
    start = lines.index(TABLE3_004[0])
    assert lines[start:start + len(TABLE3_004)] == TABLE3_004
    table4 = [cells for cells in pipe_cells(lines) if len(cells) == 15]
    assert table4[-1] == ["0"] * 15  # 表四: 15 values under its 3 header rows
    assert "| 行政复议 | 行政诉讼 |" in lines
    assert "| 结果维持 | 结果纠正 | 其他结果 | 尚未审结 | 总计 | 未经复议直接起诉 | 复议后起诉 |" in lines
    # 表二: a sub-table's heading (one full-width cell) is a plain line, its header a pipe row
    assert "第二十六条第（六）项" in lines and "| 信息内容 | 本年新制作数量 | 本年新公开数量 | 对外公开总数量 |" in lines


@pytest.mark.parametrize("name,kind", CASES)
def test_text_in_document_order_title_first(name, kind):
    lines = lines_of(name, kind)
    assert lines[0] == EXPECTED[name]["title"]
    assert sum(EXPECTED[name]["title"] in line for line in lines) == 1
    positions = [next(i for i, line in enumerate(lines) if marker in line) for marker in EXPECTED[name]["sections"]]
    assert positions == sorted(positions)
    assert not any("\n" in line for line in lines)


@pytest.mark.parametrize("name", EXPECTED)
def test_html_and_docx_give_the_same_lines(name):
    assert lines_of(name, "html") == lines_of(name, "docx")


@pytest.mark.parametrize("name", EXPECTED)
def test_html_page_metadata(name):
    _lines, meta = read_html(html_of(name), name)
    for key, value in EXPECTED[name]["meta"].items():
        assert meta.get(key) == value, (name, key)


@pytest.mark.parametrize("name", EXPECTED)
def test_html_page_furniture_is_dropped(name):
    text = "\n".join(lines_of(name, "html"))
    assert [word for word in FURNITURE if word in text] == []


@pytest.mark.parametrize("name", EXPECTED)
@pytest.mark.parametrize("declared", ["gbk", "gb2312", None])
def test_gbk_copy_reads_identically(name, declared):
    page = html_of(name).decode("utf-8")
    if declared:
        page = re.sub(r'charset=("?)utf-8', rf"charset=\g<1>{declared}", page, count=1)
    # declared None: the page still says utf-8 but its bytes are GBK
    assert read_html(page.encode("gbk"), name) == read_html(html_of(name), name)


def test_bom_and_declared_charsets():
    body = "<html><body><div class='TRS_Editor'><p>曲江镇政府信息公开</p></div></body></html>"
    assert read_html(b"\xef\xbb\xbf" + body.encode("utf-8"), "x")[0] == ["曲江镇政府信息公开"]
    latin = body.replace("<html>", "<html><meta charset='iso-8859-1'>").encode("gb18030")
    assert read_html(latin, "x")[0] == ["曲江镇政府信息公开"]  # a wrong Latin-1 declaration


@pytest.mark.parametrize("data,reason", [
    (b"", "empty file"),
    (b"  \r\n ", "empty file"),
    (bytes(range(256)) * 4, "binary content"),
    (bytes(range(0x80, 0x100)) * 8, "undecodable"),
    ("政府信息公开工作年度报告，没有标签".encode("utf-8"), "not HTML: no tags"),
    (b"<html><head><script>document.write('x')</script></head><body><div id='app'></div></body></html>",
     "no text in the page body"),
    (b"<html><body><!-- \xe6\xad\xa3\xe6\x96\x87 --> &nbsp; <script>var a = 1;</script></body></html>", "no text"),
])
def test_html_rejects(data, reason):
    with pytest.raises(HtmlError, match=re.escape(reason)):
        read_html(data, "bad.html")


def test_html_broken_markup_keeps_table_rows():
    """lexbor builds the browser's tree: rows wrapped in <font>, text in <table>, unclosed tags stay."""
    row = "<tr><td>规范性文件</td><td>3</td><td>3</td><td>9</td></tr>"
    page = (f"<html><body><div class='TRS_Editor'><p>二、主动公开政府信息情况</p><table>表二<font>{row}</font>"
            f"</table>{'<font>' * 300}三、收到和处理政府信息公开申请情况</div></body></html>")
    assert read_html(page.encode(), "x")[0] == [
        "二、主动公开政府信息情况", "表二", "| 规范性文件 | 3 | 3 | 9 |", "三、收到和处理政府信息公开申请情况"]


def test_html_rowspan_kept_once_colspan_once_blank_value_kept():
    page = ("<html><body><article><table>"
            "<tr><td rowspan='2'>（三）不予公开</td><td>1.属于国家秘密</td><td colspan='2'>4</td><td>0</td></tr>"
            "<tr><td>2.其他法律行政法规禁止公开</td><td></td><td>5</td><td>|</td></tr>"
            "</table></article></body></html>")
    assert read_html(page.encode(), "x")[0] == [
        "| （三）不予公开 | 1.属于国家秘密 | 4 | 0 |", "| 2.其他法律行政法规禁止公开 |  | 5 |  |"]


def test_docx_fixtures_hold_real_merges():
    for name in EXPECTED:
        xml = zipfile.ZipFile(FORMATS / f"{name}.docx").read("word/document.xml").decode("utf-8")
        assert "w:gridSpan" in xml and "w:vMerge" in xml


def test_docx_rejects(tmp_path):
    renamed_zip = tmp_path / "archive.docx"
    with zipfile.ZipFile(renamed_zip, "w") as archive:
        archive.writestr("report.txt", "曲江镇人民政府2020年政府信息公开工作年度报告")
    renamed_text = tmp_path / "text.docx"
    renamed_text.write_text("曲江镇人民政府2020年政府信息公开工作年度报告", encoding="utf-8")
    old_doc = tmp_path / "old.docx"
    old_doc.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 504)
    workbook = tmp_path / "book.docx"
    with zipfile.ZipFile(workbook, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("xl/workbook.xml", "<workbook/>")
    for path, reason in [(renamed_zip, "not a DOCX (a ZIP archive without word/document.xml)"),
                         (renamed_text, "not a DOCX (not a ZIP archive)"),
                         (old_doc, "not a DOCX (an OLE2 file"),
                         (workbook, "not a DOCX (a ZIP archive without word/document.xml)")]:
        with pytest.raises(DocxError, match=re.escape(reason)):
            read_docx(path)


def test_docx_without_text(tmp_path):
    import docx

    path = tmp_path / "empty.docx"
    docx.Document().save(str(path))
    with pytest.raises(DocxError, match="no text"):
        read_docx(path)
