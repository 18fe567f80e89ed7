"""Names of things: companies (suffixes, short names, bare firm names), task forces
(their suffixes, the region a name implies), industries (the words that place a name
in one), and the words that refer back to the current region (该县, 全市)."""

from __future__ import annotations

import re
from functools import cache

from kg.extract.zh import levels
from kg.extract.zh.lists import alternation, lexicon_re, longest, longest_first
from kg.extract.zh.places import HAN, gazetteer
from kg.extract.zh.tags import PROPER
from kg.extract.zh.tokens import Cut, tag
from kg.model import Ref
from kg.resources import lexicon, lexicon_map

# --- companies


def company_suffix_re() -> re.Pattern:
    return lexicon_re("company_suffixes")


def short_tails() -> tuple[str, ...]:
    """Trade words (schema/lexicons/company_short_tails.txt), longest first."""
    return longest("company_short_tails")


_FIRM = re.compile(rf"[{HAN}]{{3,12}}?(?:股份有限公司|有限责任公司|有限公司|集团|公司)")


def firm_at(text: str, start: int) -> bool:
    """A firm's name (up to 12 characters and a company suffix) starts at START."""
    return bool(_FIRM.match(text, start))


def company_ref(name: str, aliases: tuple[str, ...] = ()) -> Ref:
    return Ref("Company", name, aliases=aliases)


def short_name(full: str) -> str | None:
    """河南国玺超纯新材料股份有限公司 -> 国玺超纯."""
    core = full
    for sfx in longest("company_suffixes"):
        if full.endswith(sfx):
            core = full[: -len(sfx)]
            break
    core = core[gazetteer().prefix(core, min(len(core) - 2, 6)):]
    core = re.sub(r"^[(（][^)）]*[)）]", "", core)
    for tail in short_tails():
        if core.endswith(tail) and len(core) - len(tail) >= 2:
            core = core[: -len(tail)]
            break
    return core if 2 <= len(core) <= 6 and core != full else None


def company_suffix_at_end(name: str) -> bool:
    """A firm, not a project: 北京华耐集团, or a place + brand + trade (江苏灵谷化工)."""
    if any(name.endswith(x) for x in lexicon("company_suffixes")):
        return True
    return gazetteer().prefix(name, 3) > 0 and any(name.endswith(t) for t in lexicon("company_short_tails"))


def is_brand(word: str, cut: Cut) -> bool:
    """A bare firm name (恩赢, 海德利森, 三棵树): 2-5 Han characters whose words
    are all proper or unknown to the dictionary (not 公共管廊, 君航检测: a common
    word makes it a category or a product line), not a department (发改, 住建)
    and not a region."""
    if not (2 <= len(word) <= 5 and re.fullmatch(f"[{HAN}]+", word)):
        return False
    if word in lexicon("department_shorts") or industry_words(word):
        return False
    if any(len(t) > 1 and tag(t) not in PROPER for t in cut(word)):
        return False
    gz = gazetteer()
    # 孝门村, 东岭镇: a village's or town's name is a place, whatever its words
    return word not in gz.places and word not in gz.shorts and word[-1] not in "村镇乡县区市"


# --- posts


@cache
def titles() -> dict[str, str]:
    """Post titles (schema/lexicons/titles.txt, {L} spelled out with each level
    character) and the kind of post each is: region, lead, ...."""
    kinds: dict[str, str] = {}
    for entry in lexicon("titles"):
        pattern, _, kind = entry.partition(" ")
        for lv in (levels.chars() if "{L}" in pattern else "_"):
            kinds[pattern.replace("{L}", lv)] = kind.strip()
    return kinds


# --- words that refer back to the current region


@cache
def _region_refs() -> dict[str, tuple[str, bool]]:
    out = {}
    for word, rest in lexicon_map("region_refs").items():
        level, *kind = rest.split()
        out[word] = (level, kind == ["all"])
    return out


def region_refs(whole: bool = True) -> dict[str, str]:
    """该县, 我区, 本县 (and with WHOLE, 全市 ...) and the level each implies
    (schema/lexicons/region_refs.txt)."""
    return {w: lv for w, (lv, all_of) in _region_refs().items() if whole or not all_of}


@cache
def region_ref_re(*bare: str, whole: bool = True) -> re.Pattern:
    """A word referring back to the current region (with WHOLE, 全县 too), or one of BARE
    (县, 市: the level character alone, as in 县经开区), longest first; use with .match."""
    return re.compile(f"(?:{alternation([*region_refs(whole), *bare])})")


# --- task forces

# not 专班化, 专班制, 专班机制, 专班运行体系, 专班基础上: the team as a way of working
TASKFORCE_SUFFIX = re.compile(r"(?:专班|领导小组|工作组|临时党支部|服务队)(?![化制式]|机制|体系|运行|基础|模式)")
# ...and what a leader's title may head: a 指挥部 (指挥长), an industrial chain (链长)
TASKFORCE_END = re.compile(r"(?:专班|领导小组|工作组|临时党支部|服务队|指挥部|产业链)$")


def taskforce_name(surface: str, region: Ref | None, regions_here: list[str] = ()) -> str:
    """The name with its region: 市重点产业发展领导小组 -> 广元市重点产业发展领导小组."""
    if region is None:
        return surface
    for name in [region.name, *regions_here, *region.aliases]:
        if name and surface.startswith(name):
            return surface
    m = region_ref_re("县", "市", "区").match(surface)
    return region.name + surface[m.end() if m else 0:]


# --- industries


@cache
def _industries() -> list[tuple[str, str]]:
    words = lexicon_map("industries")
    return [(w, words[w]) for w in longest_first(words)]


def industry_words(word: str) -> bool:
    return any(k in word for k in lexicon_map("industries"))


def industry_of(name: str, region: Ref | None = None, stem_rule: bool = True) -> Ref | None:
    """The industry a name carries: by keyword (kept as an alias, so the sentence
    shows it), else (task forces) the X of 'X产业'."""
    for word, industry in _industries():
        if word in name:
            return Ref("Industry", industry, aliases=(word,) if word != industry else ())
    if not stem_rule:
        return None
    stem = name[len(region.name):] if region is not None and name.startswith(region.name) else name
    m = re.match(r"^(.{1,6}?)产业(?!园)", stem)
    if m and m.group(1) not in set(lexicon("project_generic")) and not TASKFORCE_SUFFIX.search(m.group(1)):
        return Ref("Industry", m.group(1) + "产业")
    return None


# --- words of a clause around a name

@cache
def title_words() -> tuple[str, ...]:
    """Post titles ({L} spelled out), longest first."""
    return longest_first(titles())


@cache
def visit_words() -> frozenset[str]:
    """Verbs of an inspection or a trip (schema/lexicons/visit_verbs.txt)."""
    return frozenset(lexicon_map("visit_verbs"))


@cache
def title_re() -> re.Pattern:
    return re.compile(alternation(title_words()))


@cache
def _clause_word_re() -> re.Pattern:
    return re.compile(alternation(w for w in (*title_words(), *visit_words(), "一行") if len(w) >= 2))


def past_clause_words(text: str, start: int, end: int) -> int:
    """Where a name that left_edge let run from START really starts: after the last
    title, visit verb or tour word in text[start:end] (图为市长某一行参观|某公司), none
    of which is ever inside a firm's or a project's name."""
    return max((m.end() for m in _clause_word_re().finditer(text, start, end)), default=start)
