"""The 2019 national format (国办公开办函〔2019〕60号, 年度报告格式（试行）): 表二 has five sub-tables."""
from __future__ import annotations

from loader.model import Document, Extraction
from loader.templates.national import extract_tables
from loader.templates.rows import metric_row as _row

NAME = "national_2019"
FINGERPRINTS = ("本年新制作数量", "本年新公开数量", "对外公开总数量", "上一年项目数量", "本年增/减",
                "第二十条第(九)项", "采购项目数量", "采购总金额", "其他对外管理服务事项")


_DOCS = ("new_made", "new_published", "total_published")
_ITEMS = ("prev_year_items", "items_change", "decisions")
TABLE2 = [
    _row("rules", ("规章",), _DOCS),
    _row("normative_docs", ("规范性文件",), _DOCS),
    _row("admin_license", ("行政许可",), _ITEMS),
    _row("other_mgmt_services", ("其他对外管理服务事项", "其他对外管理"), _ITEMS),
    _row("admin_penalty", ("行政处罚",), _ITEMS),
    _row("admin_coercion", ("行政强制",), _ITEMS),
    _row("admin_fees", ("行政事业性收费", "行政事业型收费"), ("prev_year_items", "items_change")),
    _row("gov_procurement", ("政府集中采购",), ("projects", "amount")),
]


def extract(document: Document, extraction: Extraction) -> None:
    extract_tables(document, extraction, TABLE2, 2019)
