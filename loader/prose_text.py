"""A report's text as prose sees it: paragraphs, sentences, headings and the sentences worth scanning.

In: the report's normalised lines. Out: a Doc: one string of paragraphs (table rows, pipe cells and lone
numbers break paragraphs, so table cells never read as prose; a sentence a PDF or page wrapped is joined
again), the line each piece came from, the sections headings open (with the topic each names: fees,
appeals, applications, proactive disclosure, staff, overview) and the spans of the sentences that hold a
number with its unit or a negation, which are the only ones a prose pattern can match in (a sentence runs
between 。！？；, their ASCII forms and line breaks).
"""
from __future__ import annotations

import re
from bisect import bisect_right

from loader.normalise import memo_short, parse_cell, squeeze

_MARK = r"#*\s*(?P<mark>[一二三四五六七八九十]{1,3}[、.．]|[（(][一二三四五六七八九十\d]{1,3}[)）]|\d{1,2}[、.．](?!\d))"
HEAD = re.compile(r"(?:^|(?<=[\n。:：]))" + _MARK + r"(?P<title>[^。\n:：；;]{2,40})")  # 一、 / （一） / 1. headings
# HEAD led by the character before it: a pattern that opens with a character set is searched far faster
# (Doc searches "\n" + its text with it, so a heading at the very start is found too)
_LED_HEAD = re.compile(r"[\n。:：]" + _MARK + r"(?P<title>[^。\n:：；;]{2,40})")
_LINE_HEAD = re.compile("^" + _MARK)
_TABLE_ROW = re.compile(r"^[^。，,；;]*\s(?:\S{1,2}\s)?-?\d+(?:\.\d+)?$")
_TOPICS = tuple((name, re.compile(words)) for name, words in (
    ("fee", "收费|费用|处理费"), ("appeal", "复议|诉讼"), ("apply", "申请"), ("proactive", "主动公开"),
    ("staff", "人员|机构建设"), ("overview", "概述|概况|基本情况|总体情况")))
_TITLE_END = re.compile("情况|方面")
_CLAUSE_MARK = re.compile(r"[。，,]")
# a sentence runs between these marks; from a point inside one, its start is just after the last mark
# before it (the greedy group backs off from the point) and its end the next mark
_SENTENCE_END = re.compile(r"[。！？!?；;\n]")
_SENTENCE_OPENING = re.compile(r"(?:.*[。！？!?；;\n])?", re.DOTALL)
# What every prose pattern needs: a number with a count unit, a negation, 为0, or 兼职 ('均为兼职')
# (written to open with one character set, which the regex engine searches far faster than alternatives;
# every 未, 没 and 无 matches, so prose's bare negations are looked for among these sentences only)
_NUMERALS = r"\d零〇一二两三四五六七八九十百千"
_WORTH_SCANNING = re.compile(rf"[{_NUMERALS}未没无不为是兼](?:(?<=[{_NUMERALS}])(?=(?:余|多)?"
                             r"(?:条|件|篇|名|人|次|元|期|场|份|宗|起|个|项|例|万元))|(?<=[未没无不零])|(?<=[为是])(?=0)|(?<=兼)(?=职))")


def heading_title(head: re.Match[str]) -> str:
    """A heading's title up to its first 情况/方面: inline headings run straight into their text."""
    return _titled(head.group("title"))[0]


@memo_short  # headings repeat across reports
def _titled(title: str) -> tuple[str, str | None]:
    """(the title up to its first 情况/方面, the topic that names)."""
    cut = _TITLE_END.search(title)
    title = title[:cut.end()] if cut else title
    return title, next((name for name, words in _TOPICS if words.search(title)), None)


@memo_short
def _line_pieces(line: str) -> tuple[bool, bool, tuple[tuple[str, bool, bool, bool], ...]]:
    """(whether the line is one piece, whether that piece is a number, its pieces): a table row or pipe
    row splits into cells. Each piece is squeezed and says whether it is a number, opens with a heading
    mark, and may run on into the next line (a wrapped sentence)."""
    stripped = line.strip()  # (a table row ends in a digit: most lines need no search for one)
    text = line.replace(" ", "\n") if stripped[-1:].isdecimal() and _TABLE_ROW.match(stripped) else line
    pieces = [squeeze(p) for p in text.replace("|", "\n").split("\n")]
    alone = len(pieces) == 1
    out = []
    for piece in filter(None, pieces):
        heading = bool(_LINE_HEAD.match(piece))
        joins = alone and len(piece) >= 16 and piece[-1] not in "。！？!?；;：:" \
            and not (heading and not _CLAUSE_MARK.search(piece))
        out.append((piece, parse_cell(piece) is not None, heading, joins))
    return alone, alone and len(out) == 1 and out[0][1], tuple(out)


class Doc:
    """The report as one string of paragraphs, with the line each piece came from, its sentences worth
    scanning and its sections."""

    def __init__(self, lines: list[str], year: int | None = None):
        self.year = year
        chunks: list[str] = []
        self.piece_starts: list[int] = []  # offset in the text where each line's piece begins
        self.piece_lines: list[int] = []
        add, add_start, add_line = chunks.append, self.piece_starts.append, self.piece_lines.append  # (hot loop)
        length, joinable = 0, False
        for number, line in enumerate(lines, 1):
            alone, lone_number, pieces = _line_pieces(line)
            if lone_number and not joinable:
                continue  # a table cell (most lines of a table report): not prose, and it ends nothing
            if not pieces:  # a blank line ends a paragraph
                joinable = False
            for piece, is_number, is_heading, joins in pieces:
                if is_number and not (joinable and alone):
                    continue
                if chunks and not (joinable and alone and not is_heading):
                    add("\n")
                    length += 1
                add_start(length)
                add_line(number)
                add(piece)
                length += len(piece)
                joinable = joins
        self.text = "".join(chunks)  # 繁體 was already converted by OpenCC when the file was read
        self._gather_scan_text()
        self.sections = self._sections()
        self.section_starts = [start for start, _, _ in self.sections]

    def _gather_scan_text(self) -> None:
        """The sentences any pattern can match in (a number with its unit, a negation), joined by 。, which
        no pattern can match across: one pass over them finds the sentences worth scanning one by one
        (a quarter of a report's text; table labels and narrative without figures are left out). Only
        their spans are kept: each is found from its first match, not by splitting the whole text."""
        text, worth = self.text, _WORTH_SCANNING.search
        opening, closing = _SENTENCE_OPENING.match, _SENTENCE_END.search
        self.scan_sentences: list[tuple[int, int]] = []  # (start, end) in the text of each, in order
        pos = 0
        while (m := worth(text, pos)) is not None:  # one match a sentence is enough: go on from its end
            start = opening(text, pos, m.start()).end()  # (no match opens on a mark that ends a sentence)
            end = closing(text, m.end())
            pos = end.start() if end else len(text)
            self.scan_sentences.append((start, pos))
        self.scan_starts, offset = [], 0
        for start, end in self.scan_sentences:
            self.scan_starts.append(offset)
            offset += end - start + 1
        self.scan_text = "。".join([text[start:end] for start, end in self.scan_sentences])

    def _sections(self) -> list[tuple[int, str | None, str]]:
        """(start, topic, title) of each heading; a sub-heading of no topic takes its section's."""
        out, top = [], None
        for m in _LED_HEAD.finditer("\n" + self.text):  # HEAD's matches, one character later
            mark, printed = m.group("mark", "title")
            title, topic = _titled(printed)
            if mark[-1] in "、.．" and not mark[0].isdigit():
                top = topic
            out.append((m.start(), topic or top, title))  # one character early in a text one longer: HEAD's start
        return out

    def section_at(self, pos: int) -> tuple[str | None, str]:
        index = bisect_right(self.section_starts, pos) - 1
        return self.sections[index][1:] if index >= 0 else (None, "")

    def topic_at(self, pos: int) -> str | None:
        return self.section_at(pos)[0]

    def paragraph(self, pos: int) -> str:
        end = self.text.find("\n", pos)
        return self.text[self.text.rfind("\n", 0, pos) + 1:end if end >= 0 else None]

    def line(self, pos: int) -> int:
        index = bisect_right(self.piece_starts, pos) - 1
        return self.piece_lines[max(index, 0)] if self.piece_lines else 1
