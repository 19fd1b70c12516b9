"""Province and city of a named county or city, from the GB/T 2260 division codes (package gb2260).

Used only to fill a higher level that the report does not print, when the lower level's name is
unambiguous (衢江区 → 衢州市, 浙江省). Such values are marked derived in `agencies`.
"""
from __future__ import annotations

from functools import lru_cache

from gb2260.data import data as _DIVISIONS

_LEVEL_ENDINGS = frozenset("省市区县州盟旗划")  # the last character of every division name


@lru_cache(maxsize=1)
def _by_name() -> dict[str, list[int]]:
    names: dict[str, list[int]] = {}
    current = _DIVISIONS.get(None) or _DIVISIONS[max(k for k in _DIVISIONS if k)]
    for code, name in current.items():
        if name not in ("市辖区", "县"):
            names.setdefault(name, []).append(code)
    return names


def _name_of(code: int) -> str | None:
    current = _DIVISIONS.get(None) or _DIVISIONS[max(k for k in _DIVISIONS if k)]
    name = current.get(code)
    return None if name in ("市辖区", "县", "省直辖县级行政区划") else name


def level_of(name: str) -> str | None:
    """'province', 'city' or 'county' for an unambiguous division name, else None."""
    codes = {c % 10000 == 0 and "province" or c % 100 == 0 and "city" or "county"
             for c in _by_name().get(name, [])}
    return codes.pop() if len(codes) == 1 else None


def parents(name: str) -> tuple[str | None, str | None]:
    """(province, city) of a county- or city-level name; (None, None) unless exactly one match."""
    codes = _by_name().get(name, [])
    if len(codes) != 1:
        return None, None
    code = codes[0]
    province = _name_of(code // 10000 * 10000)
    city = _name_of(code // 100 * 100) if code % 100 else None
    if code % 10000 == 0:
        return None, None
    if city == name:
        city = None
    return province, city


def is_division(name: str) -> bool:
    return name in _by_name()


@lru_cache(maxsize=8192)
def region_prefix(text: str) -> tuple[str, ...]:
    """The longest run of known divisions that `text` starts with: 衢州市衢江区上方镇 → [衢州市, 衢江区]."""
    best: list[str] = []

    def walk(start: int, chain: list[str]) -> None:
        nonlocal best
        if sum(map(len, chain)) > sum(map(len, best)):
            best = list(chain)
        for end in range(start + 2, min(len(text), start + 12) + 1):
            if is_division(text[start:end]):
                walk(end, chain + [text[start:end]])

    walk(0, [])
    return tuple(best)


@lru_cache(maxsize=8192)
def region_suffix(text: str) -> tuple[str, ...]:
    """The longest tail of `text` made wholly of known divisions, as its names (…上方镇 is preceded by
    衢州市衢江区 → [衢州市, 衢江区]); the names are chosen as region_prefix would choose them."""
    names, n = _by_name(), len(text)
    if not text or text[-1] not in _LEVEL_ENDINGS or not any(text[n - k:] in names for k in range(2, 13)):
        return ()  # no division name ends the text
    splits = [n]  # offsets j where text[j:] splits into whole division names, the nearest the end first
    end_of: dict[int, int] = {}  # such a j → the nearest k where text[j:k] is one name and text[k:] splits
    for j in range(n - 2, -1, -1):
        if splits[-1] > j + 12:
            break  # no name is longer than 12 characters: nothing further back can join the chain
        for k in reversed(splits):  # the nearest first
            if k > j + 12:
                break
            if k >= j + 2 and text[j:k] in names:
                end_of[j] = k
                splits.append(j)
                break
    chain: list[str] = []
    start = splits[-1]
    while start < n:
        chain.append(text[start:end_of[start]])
        start = end_of[start]
    return tuple(chain)
