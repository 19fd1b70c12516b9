"""loader.literals: the literals a prose pattern needs, and that skipping a search on them loses no match.

The soundness test runs every prose pattern over every sentence of the bundled samples and corpus
reports: wherever the pattern matches, `may_match` must say it may.
"""
from __future__ import annotations

import re
from pathlib import Path

from loader import prose
from loader.literals import may_match, needs_of
from loader.prose_text import Doc
from loader.read import read_document

HERE = Path(__file__).parent
_SENTENCE = re.compile(r"[^。！？!?；;\n]+")  # a sentence, as prose reads one: the text between its marks
REPORTS = sorted((HERE.parent / "data" / "samples").glob("*.txt")) + sorted((HERE / "corpus" / "reports").glob("*.txt"))


def _prose_patterns() -> list[re.Pattern[str]]:
    found = []
    for value in vars(prose).values():
        items = value.values() if isinstance(value, dict) else value if isinstance(value, list) else [value]
        for item in items:
            for pattern in item if isinstance(item, (list, tuple)) else [item]:
                if isinstance(pattern, re.Pattern) and pattern not in found:
                    found.append(pattern)
    return found


def test_needs_of_real_patterns():
    assert needs_of(prose._NO_REVIEW) == (("复议",), ("不存在", "无", "未", "没有"))  # 尚无, 均未…: 无, 未
    assert needs_of(prose._REVIEW[1]) == (("行政复议",), ("件", "宗", "起"))  # {N}(件|起|宗)…行政复议
    assert needs_of(prose._GRANTED) == (("予以公开", "准予公开", "同意公开"), ("件", "条"))
    assert needs_of(prose._CARRIED) == (("结转", "转结"), ("件",))
    # (?:今年|本年度|本年|当年|全年): 本年度 holds 本年, so finding either needs only 本年
    assert needs_of(prose._NEW_IN_YEAR) == (("今年", "全年", "当年", "本年"), ("新",))


def test_optional_and_unanchored_parts_promise_nothing():
    assert needs_of(re.compile(r"(?:行政)?复议")) == (("复议",),)
    assert needs_of(re.compile(r"复议|\d+件")) == (("件", "复议"),)
    assert needs_of(re.compile(r"复议|\d+")) == ()  # one branch needs no literal: nothing is certain
    assert needs_of(re.compile(r"[一二三]、")) == (("、",), ("一", "三", "二"))
    assert needs_of(re.compile(r"[^一二]、|[一-九]件")) == (("、", "件"),)  # a negated class or a range: no literal
    assert needs_of(re.compile(r"(?i)abc")) == ()
    assert needs_of(re.compile(r"(?:诉讼){0,2}件")) == (("件",),)


def test_may_match_rules_out_only_what_cannot_match():
    sentence = "本年度未发生行政复议"
    assert may_match(prose._NO_REVIEW, sentence)
    assert not may_match(prose._NO_REVIEW, "本年度未收到政府信息公开申请")
    assert not may_match(prose._REVIEW[1], "行政复议2次")  # no 件/起/宗: '2次' is no count of cases here


def test_no_prose_match_is_ruled_out_in_the_bundled_reports():
    patterns = _prose_patterns()
    assert len(patterns) > 50
    checked = 0
    for path in REPORTS:
        doc = Doc(read_document(path).lines)
        for pattern in patterns:
            for sentence in _SENTENCE.findall(doc.text):
                if pattern.search(sentence):
                    checked += 1
                    assert may_match(pattern, sentence), (path.name, pattern.pattern, sentence)
            if pattern.search(doc.scan_text):
                assert may_match(pattern, doc.scan_text), (path.name, pattern.pattern)
    assert checked > 500


def test_sentences_worth_scanning_are_those_that_hold_a_unit_count_or_a_negation():
    """Doc finds each from the point of its first match; this splits the whole text into sentences."""
    from loader.prose_text import _WORTH_SCANNING

    scanned = 0
    for path in REPORTS:
        doc = Doc(read_document(path).lines)
        expected = [m.span() for m in _SENTENCE.finditer(doc.text) if _WORTH_SCANNING.search(m.group())]
        assert doc.scan_sentences == expected, path.name
        assert doc.scan_text == "。".join(doc.text[start:end] for start, end in expected)
        scanned += len(expected)
    assert scanned > 200
