"""Companies: names ending in 有限公司, 集团, 公司 (cut on jieba's word boundaries),
the items of a list of firms (A、B等19家企业), their short names (下称X, or the
name without place and trade words used later).

LOCATED_IN: a firm whose name starts with a county (宝丰恒瑞新材料有限公司) is
there; firms listed as the current county's or zone's enterprises (为A、B等企业
办理…) are in it, unless the text is about a trip elsewhere (赴, 考察)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import cache

from kg.extract import register
from kg.extract.doc import ArticleDoc, Mention
from kg.extract.gazetteer import gazetteer
from kg.extract.regions import region_ref
from kg.extract.spans import NAME_CHAR, left_edge, list_items
from kg.model import Fact, Ref
from kg.resources import lexicon

# 'A、B等企业', 'A、B等19家规上企业'
_FIRM_LIST = re.compile(r"等(?:\d+家)?(?:重点|龙头|骨干|规上|规模以上|工业|本地|园区)*(?:企业|公司)")
_AWAY = re.compile(r"赴|外出|考察|对接|引进|洽谈|拜访")
_LOCAL_LEVELS = ("county", "district", "zone", "town")
_ALIAS = re.compile(r"[(（]\s*(?:下称|以下简称|简称)\s*[“\"]?([^)）”\"]{2,12})[”\"]?\s*[)）]")


@cache
def company_suffix_re() -> re.Pattern:
    sfx = "|".join(sorted(map(re.escape, lexicon("company_suffixes")), key=len, reverse=True))
    return re.compile(rf"(?:{sfx})")


def short_name(full: str) -> str | None:
    """河南国玺超纯新材料股份有限公司 -> 国玺超纯."""
    core = full
    for sfx in sorted(lexicon("company_suffixes"), key=len, reverse=True):
        if full.endswith(sfx):
            core = full[: -len(sfx)]
            break
    gz = gazetteer()
    for L in range(min(len(core) - 2, 6), 1, -1):
        if core[:L] in gz.places or core[:L] in gz.shorts:
            core = core[L:]
            break
    core = re.sub(r"^[(（][^)）]*[)）]", "", core)
    for tail in sorted(lexicon("company_short_tails"), key=len, reverse=True):
        if core.endswith(tail) and len(core) - len(tail) >= 2:
            core = core[: -len(tail)]
            break
    return core if 2 <= len(core) <= 6 and core != full else None


def company_ref(name: str, aliases: tuple[str, ...] = ()) -> Ref:
    return Ref("Company", name, aliases=aliases)


def find_companies(text: str) -> list[tuple[int, int, str]]:
    out = []
    matches = list(company_suffix_re().finditer(text))
    for k, m in enumerate(matches):
        if out and m.start() < out[-1][1]:
            continue
        nxt = matches[k + 1] if k + 1 < len(matches) else None
        if nxt is not None and nxt.start() - m.end() <= 10 and \
                all(NAME_CHAR.match(c) for c in text[m.end():nxt.start()]):
            continue  # 朗致集团云采医药有限公司: one name holding a group's name
        start = left_edge(text, m.start())
        name = text[start:m.end()]
        if m.end() - start - len(m.group(0)) >= 2:
            out.append((start, m.end(), name))
    return out


def find_listed(text: str, taken: list[tuple[int, int]]) -> list[tuple[int, int, str]]:
    """Items of 'A、B等(19家)企业' that no other rule found."""
    out = []
    for m in _FIRM_LIST.finditer(text):
        for a, e, s in list_items(text, m.start()):
            if any(x <= a < y or x < e <= y for x, y in taken):
                continue
            name = text[s:e]
            if 2 <= len(name) <= 12 and re.fullmatch(r"[\u3400-\u9fff()·]+", name) and \
                    not name.endswith(tuple(lexicon("institution_tails"))):
                out.append((s, e, name))
    return out


def _starts_with_place(name: str) -> bool:
    gz = gazetteer()
    return any(name[:k] in gz.places for k in range(1, min(len(name), gz.maxlen) + 1))


def _home(name: str, known: set[str]) -> Ref | None:
    """The county a firm's name starts with: 宝丰恒瑞新材料有限公司 -> 宝丰县. A short
    form counts only for a place the article names (东方 is a word, and a city)."""
    gz = gazetteer()
    for L in range(min(len(name) - 2, 5), 1, -1):
        full = name[:L] if name[:L] in gz.places else gz.shorts.get(name[:L])
        if full != name[:L] and full not in known:
            continue
        place = gz.places.get(full) if full else None
        if place is not None:
            return region_ref(full, place.level) if place.level in ("county", "district") else None
    return None


@register("companies")
def run(doc: ArticleDoc) -> Iterator[Fact]:
    shorts: dict[str, Ref] = {}
    for i, sent in enumerate(doc.sentences):
        for start, end, name in find_companies(sent.text):
            m = _ALIAS.match(sent.text, end)
            short = m.group(1) if m else short_name(name)
            ref = company_ref(name, (short,) if short else ())
            if short:
                shorts.setdefault(short, ref)
            doc.mentions[i].append(Mention(ref, start, end))
        taken = [(m.start, m.end) for m in doc.mentions[i] if m.ref.type == "Company"]
        for start, end, name in find_listed(sent.text, taken):
            ref = company_ref(name)
            doc.mentions[i].append(Mention(ref, start, end))
            here = doc.region[i]
            level = dict(here.props).get("level") if here is not None else None
            if level in _LOCAL_LEVELS and not _AWAY.search(sent.text) and not _starts_with_place(name):
                yield Fact(ref, "LOCATED_IN", here, sent, "companies", 0.6)
    known = {m.ref.name for ms in doc.mentions for m in ms if m.ref.type == "Region"}
    for i, sent in enumerate(doc.sentences):
        for m in doc.found(i, "Company"):
            home = _home(m.ref.name, known)
            if home is not None:
                yield Fact(m.ref, "LOCATED_IN", home, sent, "companies", 0.8)
    # Short names used on their own later in the article.
    for i, sent in enumerate(doc.sentences):
        taken = [(m.start, m.end) for m in doc.mentions[i] if m.ref.type == "Company"]
        for short, ref in shorts.items():
            for m in re.finditer(re.escape(short), sent.text):
                if not any(a <= m.start() < b for a, b in taken):
                    doc.mentions[i].append(Mention(ref, m.start(), m.end()))
    doc.aliases.update(shorts)
