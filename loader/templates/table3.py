"""表三 (applications) and 表四 (appeals) of the national formats, shared by the 2019 and 2021 tables.

Row codes follow templates.md §8.2/§8.3; every cell becomes `applications.<row>.<column>` or
`appeals.<group>.<measure>`.
"""
from __future__ import annotations

from loader.templates.rows import RowSpec

COLUMNS = ("natural_person", "commercial_enterprise", "research_institution", "public_welfare_org",
           "legal_service_org", "other_org", "total")

_HEAD = [
    ("new_received", ("本年新收",)),
    ("carried_over", ("上年结转",)),
    ("granted", ("予以公开",)),
    ("partially_granted", ("部分公开",)),
    ("withheld_state_secret", ("国家秘密",)),
    ("withheld_law_prohibited", ("其他法律行政", "法规禁止公开")),
    ("withheld_security_stability", ("三安全一稳定", "三安全", "一稳定")),
    ("withheld_third_party", ("第三方合法权益",)),
    ("withheld_internal_affairs", ("内部事务信息",)),
    ("withheld_process_info", ("过程性信息",)),
    ("withheld_enforcement_file", ("行政执法案卷",)),
    ("withheld_admin_query", ("行政查询事项",)),
    ("unavailable_not_held", ("不掌握相关政府信息", "本机关不掌握")),
    ("unavailable_needs_creation", ("没有现成信息",)),
    ("unavailable_still_unclear", ("补正后申请内容仍不明确", "仍不明确")),
    ("not_processed_petition", ("信访举报",)),
    ("not_processed_repeat", ("重复申请",)),
    ("not_processed_publication", ("公开出版物",)),
    ("not_processed_excessive", ("大量反复申请",)),
    ("not_processed_reconfirm", ("确认或重新出具",)),
]
_OTHER_2019 = [("other_handling", ("其他处理",))]
_OTHER_2021 = [
    ("other_no_correction", ("逾期不补正",)),
    ("other_fee_unpaid", ("未按收费通知",)),
    ("other_misc", ("3.其他",)),
]
_TAIL = [("outcome_total", ("(七)总计", "七)总计")), ("carried_to_next", ("结转下年度",))]

OUTCOME_ROWS = tuple(code for code, _ in _HEAD[2:]) + ("other_handling", "other_no_correction",
                                                       "other_fee_unpaid", "other_misc")


def table3_specs(version: int) -> list[RowSpec]:
    other = _OTHER_2019 if version == 2019 else _OTHER_2021
    return [RowSpec(f"applications.{code}", kw, len(COLUMNS)) for code, kw in _HEAD + other + _TAIL]


APPEAL_GROUPS = ("review", "suit_direct", "suit_after_review")
APPEAL_MEASURES = ("upheld", "corrected", "other", "pending", "total")
TABLE4 = RowSpec("appeals", ("复议后起诉", "尚未审结"), 15)


def table4_metrics() -> list[str]:
    return [f"appeals.{g}.{m}" for g in APPEAL_GROUPS for m in APPEAL_MEASURES]
