"""The 2021 national format (国办公开办函〔2021〕30号): 表二 has four sub-tables, 表三 splits （六）."""
from __future__ import annotations

from loader.model import Document, Extraction
from loader.templates.national import extract_tables
from loader.templates.rows import metric_row as _row

NAME = "national_2021"
FINGERPRINTS = ("本年制发件数", "本年废止件数", "现行有效件数", "本年处理决定数量", "本年收费金额",
                "逾期不补正", "未按收费通知")

_DOCS = ("issued", "repealed", "in_force")
TABLE2 = [
    _row("rules", ("规章",), _DOCS),
    _row("normative_docs", ("规范性文件",), _DOCS),
    _row("admin_license", ("行政许可",), ("decisions",)),
    _row("admin_penalty", ("行政处罚",), ("decisions",)),
    _row("admin_coercion", ("行政强制",), ("decisions",)),
    _row("admin_fees", ("行政事业性收费", "行政事业型收费"), ("amount_wan_yuan",)),
]


def extract(document: Document, extraction: Extraction) -> None:
    extract_tables(document, extraction, TABLE2, 2021)
