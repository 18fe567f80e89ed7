"""Administrative levels, in one order. County and district are one tier (a county-level
unit); where one of the two must be picked first, the district is (it is a city's)."""

from __future__ import annotations

from functools import cache

from kg.extract.zh.lists import longest_first
from kg.resources import lexicon_map

ORDER = ("province", "city", "district", "county", "zone", "town", "village")
_TIER = {"province": 0, "city": 1, "district": 2, "county": 2, "zone": 3, "town": 4, "village": 5}
UNKNOWN = 9
# The levels whose firms are the local government's own (它们的企业).
LOCAL = ("county", "district", "zone", "town")


def tier(level: str | None) -> int:
    """0 for a province down to 5 for a village; county and district share 2."""
    return _TIER.get(level or "", UNKNOWN)


def higher_first(level: str | None) -> tuple[int, int]:
    """Sort key: province first, district before county, unknown last."""
    return (tier(level), ORDER.index(level) if level in ORDER else UNKNOWN)


def lower_first(level: str | None) -> tuple[int, int, int]:
    """Sort key: village first, district before county, unknown last."""
    if level not in ORDER:
        return (1, 0, 0)
    return (0, -tier(level), ORDER.index(level))


@cache
def of_char() -> dict[str, str]:
    """The level a title's or a name's level character gives (县委书记: county)."""
    return lexicon_map("title_levels")


@cache
def short_form(name: str) -> str | None:
    """宝丰县 -> 宝丰: NAME without its longest region suffix, if two characters or more are
    left; None when NAME ends in no suffix."""
    for suffix in longest_first(lexicon_map("region_suffixes")):
        if name.endswith(suffix) and len(name) - len(suffix) >= 2:
            return name[: -len(suffix)]
    return None


def chars() -> str:
    """The level characters: 省市县区州镇乡旗."""
    return "".join(of_char())
