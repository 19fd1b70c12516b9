"""Which template a report follows, judged by the labels its tables print, never by its year.

Input: a Document. Output: (template name, confidence, near misses). A document that is not an
annual report at all raises NotAReport naming the nearest candidates.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from loader.cells import BRACKET_YEAR
from loader.errors import NotAReport
from loader.model import Document
from loader.normalise import squeeze_lines, squeezed_lines
from loader.templates import national_2019, national_2021, old_table

# 表三/表四 labels printed by both national formats.
NATIONAL_SHARED = ("本列数据的勾稽关系", "本年新收政府信息公开申请数量", "上年结转政府信息公开申请数量",
                   "结转下年度继续办理", "未经复议直接起诉", "复议后起诉", "第二十条第")
REPORT_WORDS = ("政府信息公开", "政务公开")
REPORT_SECTIONS = ("主动公开政府信息", "依申请公开", "不予公开", "行政复议", "行政诉讼", "收费及减免", "收费和减免")
# the topics a report's own headings name ('一、总体情况', '(二)依申请公开情况'), in every template's outline
HEADING_TOPICS = ("总体情况", "概述", "主动公开", "依申请", "复议", "诉讼", "收费", "存在的主要问题", "其他需要报告")
_HEADING = re.compile(r"^(?:[一二三四五六七八九十]{1,3}、|[(（][一二三四五六七八九十]{1,3}[)）]|\d{1,2}[、.．])")
QUOTING_SENTENCE = 80  # characters
REPORT_KINDS = ("年度报告", "年报", "工作报告", "工作情况", "报告")


@dataclass
class Detection:
    template: str
    confidence: float
    scores: dict[str, int]


def _hits(text: str, labels: tuple[str, ...]) -> int:
    return len([label for label in labels if label in text])


def detect_template(document: Document) -> Detection:
    text = squeeze_lines(document.lines)
    # labels count where a table prints them, not in a sentence that quotes them ('…上年结转政府信息公开申请数量0件。'):
    # a sentence is short, ends in a full stop and runs on one line; a table's cells do not
    parts = "\n".join(squeezed_lines(document.lines)).split("。")
    labels = "。".join(part.replace("\n", "") for part in parts[:-1]
                      if len(part) > QUOTING_SENTENCE or part.strip("\n").count("\n") > 1) + parts[-1].replace("\n", "")
    labels = BRACKET_YEAR.sub("", labels)  # 一、本年(2021)新收政府信息公开申请数量
    shared = _hits(labels, NATIONAL_SHARED)
    scores = {
        "old_table": _hits(labels, old_table.FINGERPRINTS),
        "national_2019": _hits(labels, national_2019.FINGERPRINTS) + shared,
        "national_2021": _hits(labels, national_2021.FINGERPRINTS) + shared,
    }
    worded = any(word in text for word in REPORT_WORDS) and any(k in text for k in REPORT_KINDS)
    # a page cut before its title still has its sections, or its tables
    if not worded and _hits(text, REPORT_SECTIONS) < 3 and max(scores.values()) < 3 and not _outlined(document, text):
        nearest = ", ".join(f"{name} ({score} labels)" for name, score in
                            sorted(scores.items(), key=lambda kv: -kv[1]))
        raise NotAReport(document.path, "no 政府信息公开 annual-report wording and no statistics table; "
                         f"nearest templates: {nearest}")
    best = max(scores, key=lambda name: (scores[name], name == "national_2021"))
    if scores[best] < 2:
        return Detection("narrative", 1.0 if scores[best] == 0 else 0.7, scores)
    if best.startswith("national") and scores["national_2019"] == scores["national_2021"]:
        # only 表三/表四 survive (a truncated page): both formats print them alike
        best = "national_2021" if (_year_hint(text) or 0) >= 2021 else "national_2019"
        return Detection(best, 0.5, scores)
    runner_up = max(score for name, score in scores.items() if name != best)
    return Detection(best, round(1 - runner_up / (scores[best] + runner_up), 2), scores)


def _outlined(document: Document, text: str) -> bool:
    """Headings naming two topics of a report's outline, in a text about 政府信息公开 / 政务公开: the body of
    a report whose title the page lost ('一、总体情况' … '(二)依申请公开情况')."""
    if not any(word in text for word in REPORT_WORDS):
        return False
    headings = "\n".join(h for h in squeezed_lines(document.lines) if _HEADING.match(h))
    return _hits(headings, HEADING_TOPICS) >= 2


def _year_hint(text: str) -> int | None:
    match = re.search(r"(20\d\d)年", text)
    return int(match.group(1)) if match else None
