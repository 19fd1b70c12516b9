"""Reading: encodings real users have, and the bad inputs a nightly load meets."""
from __future__ import annotations

import sys
import unicodedata
from pathlib import Path

import pytest

from conftest import SAMPLES
from loader.errors import BinaryFile, EmptyFile, UnsupportedFormat
from loader.normalise import _COMMON_COMPAT, nfkc
from loader.read import decode, read_document

REPORT = (SAMPLES / "003_0771e97be29a5800.txt").read_text(encoding="utf-8")


@pytest.mark.parametrize("encoding,prefix", [("utf-8", b""), ("utf-8", b"\xef\xbb\xbf"), ("gbk", b""),
                                             ("gb18030", b""), ("utf-16", b""), ("utf-16-le", b"")])
def test_encodings_read_to_the_same_lines(tmp_path, encoding, prefix):
    path = tmp_path / "r.txt"
    path.write_bytes(prefix + REPORT.encode(encoding))
    assert read_document(path).lines == read_document(SAMPLES / "003_0771e97be29a5800.txt").lines


def test_full_width_digits_and_odd_spaces_are_normalised(tmp_path):
    path = tmp_path / "r.txt"
    path.write_text("通过政府门户网站主动公开信息５０１条\u3000\u00a0（一）", encoding="utf-8")
    assert read_document(path).lines == ["通过政府门户网站主动公开信息501条 (一)"]


def test_traditional_characters_become_simplified(tmp_path):
    path = tmp_path / "r.txt"
    path.write_text("開平市沙塘鎮2019年政府信息公開工作年度報告\n本年度共收到政府信息公開申請0件。", encoding="utf-8")
    assert read_document(path).lines == ["开平市沙塘镇2019年政府信息公开工作年度报告", "本年度共收到政府信息公开申请0件。"]


@pytest.mark.parametrize("content,error,message", [
    (b"", EmptyFile, "the file is empty"),
    (b"\n \n\t\n", EmptyFile, "the file holds no text"),
    (bytes(range(256)) * 8, BinaryFile, "binary content (NUL bytes): not a text report"),
])
def test_bad_input_is_rejected_with_a_reason(tmp_path, content, error, message):
    path = tmp_path / "bad.txt"
    path.write_bytes(content)
    with pytest.raises(error) as caught:
        read_document(path)
    assert caught.value.detail == message


def test_unsupported_format_names_the_supported_ones(tmp_path):
    path = tmp_path / "report.xls"
    path.write_bytes(b"whatever")
    with pytest.raises(UnsupportedFormat) as caught:
        read_document(path)
    assert "unsupported file type '.xls'" in str(caught.value) and ".pdf" in caught.value.hint


@pytest.mark.parametrize("data,encoding", [("上方镇政府信息公开".encode("utf-8")[:-1], "utf-8"),
                                           ("上方镇政府信息公开".encode("gbk")[:-1], "gb18030"),
                                           (b"\xff\xfe" + "上方镇政府信息公开".encode("utf-16-le")[:-1], "utf-16")])
def test_file_cut_inside_its_last_character_is_read_without_it(data, encoding):
    """A truncated download ends in half a character; the rest of the report is still there."""
    from loader.read import decode

    assert decode(data, "cut.txt") == ("上方镇政府信息公", encoding)


def test_pinyin_glosses_of_mirror_sites_are_dropped(tmp_path):
    """A mirror of 下管镇's 2009 report prints a toned pinyin gloss after some characters."""
    path = tmp_path / "r.txt"
    path.write_text("2009年度下管鎮(zhèn)政府信息公開年度報(bào)告\n全年主動(dòng)公開信息數(shù)量為46件(另见附件(a))。"
                    "本年度我鎮(zhèn)沒有依申請(qǐng)公開和不予公開的政府信息。", encoding="utf-8")
    assert read_document(path).lines == ["2009年度下管镇政府信息公开年度报告",
                                         "全年主动公开信息数量为46件(另见附件(a))。本年度我镇没有依申请公开和不予公开的政府信息。"]


def test_a_folder_yields_what_rglob_and_is_candidate_pick_in_path_order(tmp_path):
    """collect_files walks with os.scandir; it must find what rglob("*") + a name check found, in Path order:
    hidden files and other formats left out, a symlink to a file taken, a directory symlink not followed."""
    from loader.pipeline import collect_files
    from loader.read import is_candidate_name

    for name in ("a/b/r.txt", "a-b/r.TXT", ".hidden/r.txt", ".h.txt", "noext", "file.", "z.pdf", "y.doc",
                 "dir.txt/in.html"):
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text("x", encoding="utf-8")
    (tmp_path / "link.txt").symlink_to(tmp_path / "a" / "b" / "r.txt")
    (tmp_path / "broken.txt").symlink_to(tmp_path / "nowhere")
    (tmp_path / "linkdir").symlink_to(tmp_path / "a", target_is_directory=True)
    found = collect_files([tmp_path])
    assert found == [str(p) for p in sorted(p for p in tmp_path.rglob("*") if p.is_file() and is_candidate_name(p.name))]
    assert [Path(p).relative_to(tmp_path).as_posix() for p in found] == [
        ".hidden/r.txt", "a/b/r.txt", "a-b/r.TXT", "dir.txt/in.html", "file.", "link.txt", "noext", "z.pdf"]


def test_collected_paths_are_the_strings_path_gives_whatever_the_folder_is_spelt(tmp_path, monkeypatch):
    """`reports.source_path` is str(path): the same file must give the same string however a folder is named
    on the command line ('.', './', 'a/', 'a//b'), or a nightly load would see it as a new file."""
    from loader.pipeline import collect_files

    (tmp_path / "a" / "b").mkdir(parents=True)
    (tmp_path / "a" / "b" / "r.txt").write_text("x", encoding="utf-8")
    (tmp_path / "top.txt").write_text("x", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    for raw in (".", "./", "a/", "a//b", "./a/../a", str(tmp_path) + "/"):
        expected = [str(p) for p in sorted(p for p in Path(raw).rglob("*") if p.is_file())]
        assert collect_files([raw]) == expected, raw
    assert collect_files(["."]) == ["a/b/r.txt", "top.txt"]
    assert collect_files(["a//b/r.txt"]) == ["a/b/r.txt"]


def test_nfkc_is_unicodedata_nfkc_on_every_bundled_line_and_beside_every_combining_mark():
    """loader.normalise.nfkc replaces the common full-width characters before its quick check; the result
    must be NFKC's own wherever they stand, including before a mark NFKC composes with ('＜' + U+0338 → '≮')."""
    lines = 0
    for path in sorted(SAMPLES.glob("*.txt")) + sorted((Path(__file__).parent / "corpus" / "reports").glob("*.txt")):
        for line in decode(path.read_bytes(), str(path))[0].splitlines():
            assert nfkc(line) == unicodedata.normalize("NFKC", line), line
            lines += 1
    assert lines > 1900
    marks = [chr(c) for c in range(sys.maxunicode + 1) if unicodedata.combining(chr(c))]
    assert len(marks) > 900
    for wide, narrow in _COMMON_COMPAT:
        assert unicodedata.normalize("NFKC", wide) == narrow
        for mark in marks + ["１", "①", "ｶ", "ﾞ"]:
            for text in (wide + mark, mark + wide, "第" + wide + mark + wide):
                assert nfkc(text) == unicodedata.normalize("NFKC", text), ascii(text)
    assert nfkc("＜\u0338（一）") == "≮(一)"
