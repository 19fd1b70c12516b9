"""loader.read_pdf on the two real text-layer PDFs in corpus/pdf, and on PDFs it must reject."""
from __future__ import annotations

import re
import sys
from pathlib import Path

import pytest

# The project has no pytest config yet that puts the repo root on sys.path; drop this once it does.
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from loader.read_pdf import PdfError, clean_text, read_pdf

PDF_DIR = Path(__file__).parent / "corpus" / "pdf"

# Per report: 表三 rows (7 numbers: 自然人, 5 kinds of 法人或其他组织, 总计), the 表四 row (15 numbers),
# the 表二 row 行政规范性文件 (本年制发件数, 本年废止件数, 现行有效件数).
EXPECTED = {
    "real_hongze_2023.pdf": {
        "本年新收": [21, 0, 0, 0, 0, 0, 21],
        "上年结转": [0] * 7,
        "（一）予以公开": [0] * 7,
        "（七）总计": [21, 0, 0, 0, 0, 0, 21],
        "四、结转下年度继续办理": [0] * 7,
        # printed as is: 行政复议 维持 10, 纠正 1, 总计 0; 复议后起诉 维持 5, 总计 0 (see expected.jsonl note)
        "表四": [10, 1, 0, 0, 0, 0, 0, 0, 0, 0, 5, 0, 0, 0, 0],
        "行政规范性文件": [0, 5, 5],
    },
    "real_hongze_2024.pdf": {
        "本年新收": [95, 0, 0, 0, 0, 0, 95],
        "上年结转": [0] * 7,
        "（一）予以公开": [50, 0, 0, 0, 0, 0, 50],
        "（七）总计": [95, 0, 0, 0, 0, 0, 95],
        "四、结转下年度继续办理": [0] * 7,
        # 行政复议 总计 2; 行政诉讼 总计 = 1 (未经复议) + 3 (复议后) = 4
        "表四": [1, 1, 0, 0, 2, 1, 0, 0, 0, 1, 2, 0, 1, 0, 3],
        "行政规范性文件": [3, 0, 8],
    },
}
NUM = re.compile(r"^\d+(\.\d+)?$")


def pipe_rows(lines: list[tuple[int, str]]) -> list[tuple[int, list[str]]]:
    return [
        (page, [c.strip() for c in line.strip().strip("|").split("|")])
        for page, line in lines
        if line.startswith("|")
    ]


def row_numbers(rows, label: str) -> tuple[int, list[int]]:
    """(page, numbers after the label cell) of the first pipe row with a cell containing label."""
    for page, cells in rows:
        for i, cell in enumerate(cells):
            if label in cell:
                return page, [int(c) for c in cells[i + 1 :] if NUM.match(c)]
    raise AssertionError(f"no pipe row with {label!r}")


@pytest.fixture(scope="module", params=sorted(EXPECTED))
def report(request):
    return request.param, read_pdf(PDF_DIR / request.param)


def test_table3_rows(report):
    name, lines = report
    rows = pipe_rows(lines)
    for label in ("本年新收", "上年结转", "（一）予以公开", "（七）总计", "四、结转下年度继续办理"):
        _, numbers = row_numbers(rows, label)
        assert numbers == EXPECTED[name][label], (name, label)


def test_table3_continues_across_page_break(report):
    _, lines = report
    rows = pipe_rows(lines)
    first, _ = row_numbers(rows, "本年新收")
    last, _ = row_numbers(rows, "（七）总计")
    assert last == first + 1
    # every one of the 23 表三 data rows of this report comes out as label + 7 numbers
    t3 = [cells for page, cells in rows if first <= page <= last and len(cells) >= 8
          and sum(bool(NUM.match(c)) for c in cells) == 7]
    assert len(t3) == 23


def test_table4_row(report):
    name, lines = report
    rows = [cells for _, cells in pipe_rows(lines) if len(cells) == 15 and all(NUM.match(c) for c in cells)]
    assert [[int(c) for c in cells] for cells in rows] == [EXPECTED[name]["表四"]]


def test_table2_regulatory_documents(report):
    name, lines = report
    _, numbers = row_numbers(pipe_rows(lines), "行政规范性文件")
    assert numbers == EXPECTED[name]["行政规范性文件"]


def test_section6_fee_prose(report):
    _, lines = report
    texts = [line for _, line in lines]
    start = texts.index("六、其他需要报告的事项")
    assert any(re.search(r"信息处理费\s*0\s*元", t) for t in texts[start:])


def test_pages_in_order_and_clean_text(report):
    _, lines = report
    pages = [page for page, _ in lines]
    assert pages == sorted(pages) and pages[0] == 1 and pages[-1] == 5
    texts = [line for _, line in lines]
    assert all("\n" not in t and t == t.strip() for t in texts)
    assert not any(re.search(r"[\u4e00-\u9fff]\s+[\u4e00-\u9fff]", t) for t in texts)
    assert any("邮编：223100" in t for t in texts)
    assert not any(re.fullmatch(r"-\s*\d+\s*-", t) for t in texts)  # page footers dropped
    # numbers never stand on a plain line of their own, away from their label
    assert not any(re.fullmatch(r"[\d\s]+", t) for t in texts)


def test_clean_text():
    assert clean_text("号 ， 邮 编 ： 223100 ， 电 话 ：") == "号，邮编：223100，电话："
    assert clean_text("三\n、\n本\n年\n度") == "三、本年度"
    assert clean_text("只计这一情 形，不\n计其他情形） ") == "只计这一情形，不计其他情形）"
    assert clean_text("收取 信息处理费 0 元, total 3") == "收取信息处理费 0 元, total 3"


def test_image_only_pdf_needs_ocr(tmp_path):
    from PIL import Image, ImageDraw

    image = Image.new("RGB", (600, 800), "white")
    ImageDraw.Draw(image).rectangle((50, 50, 550, 300), outline="black", width=3)
    path = tmp_path / "scan.pdf"
    image.save(path, "PDF", resolution=72)
    with pytest.raises(PdfError, match=r"^no text layer \(OCR needed\)$"):
        read_pdf(path)


def test_blank_pdf_needs_ocr(tmp_path):
    import pypdfium2 as pdfium

    doc = pdfium.PdfDocument.new()
    doc.new_page(595, 842)
    path = tmp_path / "blank.pdf"
    doc.save(path)
    doc.close()
    with pytest.raises(PdfError, match=r"^no text layer \(OCR needed\)$"):
        read_pdf(str(path))


def test_not_a_pdf(tmp_path):
    path = tmp_path / "report.pdf"
    path.write_text("<html><body>政府信息公开工作年度报告</body></html>", encoding="utf-8")
    with pytest.raises(PdfError) as info:
        read_pdf(path)
    assert str(info.value) == "not a PDF"


def _minimal_pdf(trailer_extra: str) -> bytes:
    objs = ["<< /Type /Catalog /Pages 2 0 R >>", "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] >>"]
    out, offsets = b"%PDF-1.4\n", []
    for i, obj in enumerate(objs, 1):
        offsets.append(len(out))
        out += f"{i} 0 obj\n{obj}\nendobj\n".encode()
    xref = len(out)
    out += f"xref\n0 {len(objs) + 1}\n0000000000 65535 f \n".encode()
    out += b"".join(f"{o:010d} 00000 n \n".encode() for o in offsets)
    trailer = f"trailer\n<< /Size {len(objs) + 1} /Root 1 0 R {trailer_extra} >>"
    out += f"{trailer}\nstartxref\n{xref}\n%%EOF\n".encode()
    return out


def test_encrypted_pdf(tmp_path):
    # RC4 encryption whose user password is not empty (the /U entry matches no password)
    encrypt = ("/Encrypt << /Filter /Standard /V 1 /R 2 /Length 40 /O <" + "11" * 32 + "> /U <"
               + "22" * 32 + "> /P -4 >> /ID [<" + "33" * 16 + "> <" + "33" * 16 + ">]")
    path = tmp_path / "locked.pdf"
    path.write_bytes(_minimal_pdf(encrypt))
    with pytest.raises(PdfError, match=r"^encrypted PDF$"):
        read_pdf(path)


def test_damaged_pdf(tmp_path):
    path = tmp_path / "cut.pdf"
    path.write_bytes((PDF_DIR / "real_hongze_2024.pdf").read_bytes()[:300])
    with pytest.raises(PdfError, match=r"^damaged PDF: "):
        read_pdf(path)
