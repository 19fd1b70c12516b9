"""Files → Documents: the only stage that touches input files.

Input: a path. Output: a Document (normalised lines, raw lines, sha256, encoding) or a RejectedFile
error saying why the file cannot be read. Plain text in UTF-8 (with or without BOM), UTF-16 with a
BOM and GBK/GB18030 is read; PDF goes through loader.read_pdf.
"""
from __future__ import annotations

import hashlib
import re
from functools import lru_cache
from pathlib import Path

from loader.errors import BinaryFile, EmptyFile, RejectedFile, UnknownEncoding, UnsupportedFormat
from loader.model import Document
from loader.normalise import normalise_line

TEXT_SUFFIXES = {".txt", ".text", ".md", ""}
PDF_SUFFIXES = {".pdf"}
HTML_SUFFIXES = {".html", ".htm", ".shtml"}
DOCX_SUFFIXES = {".docx"}
SUPPORTED_SUFFIXES = TEXT_SUFFIXES | PDF_SUFFIXES | HTML_SUFFIXES | DOCX_SUFFIXES
MAX_BYTES = 50 * 1024 * 1024


def is_candidate_name(name: str) -> bool:
    """The name of a file a folder load picks up: report formats only, no hidden files (Path.suffix's
    rule, without making a Path)."""
    dot = name.rfind(".")
    suffix = name[dot:] if 0 < dot < len(name) - 1 else ""
    return not name.startswith(".") and suffix.lower() in SUPPORTED_SUFFIXES


def sha256_of(path: str | Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:  # (not hashlib.file_digest: it zero-fills 256 KB for every small file)
        while block := handle.read(1 << 20):
            digest.update(block)
    return digest.hexdigest()


def decode(data: bytes, path: str) -> tuple[str, str]:
    """Bytes → (text, encoding). Never guesses between encodings that both fail; a file cut off in the
    middle of its last character (a truncated download) is read without that character."""
    if data.startswith(b"\xef\xbb\xbf"):
        return _decode_cut(data[3:], "utf-8", path), "utf-8-sig"
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return _decode_cut(data, "utf-16", path), "utf-16"
    if b"\x00" in data[:8192]:
        text = _utf16_without_bom(data)
        if text is not None:
            return text, "utf-16"
        raise BinaryFile(path, "binary content (NUL bytes): not a text report",
                         "save the report as text, HTML, DOCX or PDF")
    for encoding in ("utf-8", "gb18030"):
        try:
            return _decode_cut(data, encoding, path), encoding
        except UnicodeDecodeError:
            continue
    raise UnknownEncoding(path, "the text is neither UTF-8 nor GBK/GB18030",
                          "convert it to UTF-8, e.g. iconv -f BIG5 -t UTF-8")


def _decode_cut(data: bytes, encoding: str, path: str) -> str:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as error:
        if error.reason in ("unexpected end of data", "truncated data", "incomplete multibyte sequence") \
                and error.start >= len(data) - 3:
            return data[:error.start].decode(encoding)
        if encoding == "utf-16":
            raise UnknownEncoding(path, f"damaged UTF-16 text ({error.reason})") from error
        raise


def _utf16_without_bom(data: bytes) -> str | None:
    """UTF-16 saved without a BOM: NULs in every other byte and text that reads as Chinese or ASCII."""
    for encoding in ("utf-16-le", "utf-16-be"):
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        readable = sum(ch.isprintable() or ch in "\r\n\t" for ch in text[:4000])
        if text and readable / len(text[:4000]) > 0.98:
            return text
    return None


def read_document(path: str | Path, sha256: str | None = None) -> Document:
    """`sha256` may be passed when the caller has already hashed the file; a text or HTML file is
    otherwise hashed from the bytes read for it (one read of the file, not two). OSError when the file
    cannot be read."""
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix not in SUPPORTED_SUFFIXES:
        raise UnsupportedFormat(str(path), f"unsupported file type '{suffix}'",
                                f"supported: {', '.join(sorted(s or '(none)' for s in SUPPORTED_SUFFIXES))}")
    size = path.stat().st_size
    if size == 0:
        raise EmptyFile(str(path), "the file is empty")
    if size > MAX_BYTES:
        raise RejectedFile(str(path), f"the file is {size} bytes, more than a report ({MAX_BYTES} max)")
    page_meta: dict[str, str] = {}
    if suffix in PDF_SUFFIXES:  # the PDF and DOCX libraries open the file themselves
        digest = sha256 or sha256_of(path)
        raw, encoding = _read_pdf_lines(path), "pdf"
    elif suffix in DOCX_SUFFIXES:
        digest = sha256 or sha256_of(path)
        raw, encoding = _read_docx(path), "docx"
    else:
        data = path.read_bytes()
        digest = sha256 or hashlib.sha256(data).hexdigest()
        if suffix in HTML_SUFFIXES:
            raw, page_meta, encoding = *_read_html(path, data), "html"
        else:
            text, encoding = decode(data, str(path))
            raw = text.splitlines()
    lines = [normalise_line(line) for line in raw]
    head = "\n".join(lines[:200])
    if _PINYIN_GLOSS.search(head):
        lines = [_PINYIN_GLOSS.sub("", line) for line in lines]
    if _looks_traditional(head):
        lines = to_simplified(lines)
    if not any(line.strip() for line in lines):
        raise EmptyFile(str(path), "the file holds no text")
    return Document(str(path), digest, lines, raw, encoding, page_meta)


# Mirror sites that print a toned pinyin gloss after characters: '鎮(zhèn)', '報(bào)告'. A gloss holds a
# tone-marked vowel, which no report's own bracketed text does.
_TONED = "àáèéìíòóùúüāēěīńňōūǎǐǒǔǖǘǚǜ"
# (it opens with the bracket and looks behind it for the character: a pattern that opens with a literal is
# searched at memchr speed, one that opens with a look-behind is tried at every character, 20 times slower)
_PINYIN_GLOSS = re.compile(rf"\((?<=[\u4e00-\u9fff]\()(?=[a-z{_TONED}]*[{_TONED}])[a-z{_TONED}]{{1,7}}\)")


# Characters common in these reports that exist only in Traditional script.
_TRADITIONAL = re.compile("[開資條報鎮區會與務發開請處歲員費檢權機關縣鄉訊證項當複訴無錄單]")


def _looks_traditional(head: str) -> bool:
    found = _TRADITIONAL.finditer(head)
    return sum(1 for _ in zip(range(5), found)) == 5


@lru_cache(maxsize=1)
def _converter():
    import opencc

    return opencc.OpenCC("t2s")  # reads its dictionaries: a few ms, once per process


def to_simplified(lines: list[str]) -> list[str]:
    """繁體 pages (開平市沙塘鎮) become Simplified so labels match; OpenCC, not a hand-made table. The text
    is converted in one call (no OpenCC phrase holds a line break, so the lines come back as they went
    in): a third of the time of a call per line."""
    return _converter().convert("\n".join(lines)).split("\n")


# Format readers load their libraries only when a file of that format is read.
def _read_pdf_lines(path: Path) -> list[str]:
    from loader.read_pdf import PdfError, read_pdf

    try:
        return [line for _page, line in read_pdf(path)]
    except PdfError as exc:
        raise _format_error(path, "PDF", exc) from exc


def _read_html(path: Path, data: bytes) -> tuple[list[str], dict[str, str]]:
    from loader.read_html import HtmlError, read_html

    try:
        return read_html(data, str(path))
    except HtmlError as exc:
        raise _format_error(path, "HTML", exc) from exc


def _read_docx(path: Path) -> list[str]:
    from loader.read_docx import DocxError, read_docx

    try:
        return read_docx(path)
    except DocxError as exc:
        raise _format_error(path, "DOCX", exc) from exc


def _format_error(path: Path, kind: str, exc: Exception) -> RejectedFile:
    """'no text layer (OCR needed)' → reason no_text_layer; the reader's own words become the detail."""
    detail = str(exc)
    error = RejectedFile(str(path), f"{kind}: {detail}")
    error.reason = re.sub(r"[^a-z]+", "_", detail.split(":")[0].split("(")[0].strip().lower()).strip("_")[:40] \
        or "unreadable"
    return error
