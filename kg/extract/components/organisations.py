"""Organisations named with no person: a list of bodies (县林业局、县文旅局负责同志…;
区统计局、审计局等部门) gives each body, named with its region, LOCATED_IN that region.
One region prefix covers the list (区统计局、审计局 -> both the district's); a body
with none is the current region's, or on a town's page its county's (a town has no 发改委)."""

from __future__ import annotations

import re
from functools import cache

from kg.extract.base import component
from kg.extract.doc import ArticleDoc
from kg.extract.zh.lists import alternation
from kg.extract.zh.names import region_ref_re
from kg.extract.zh.places import level_of
from kg.extract.zh.spans import list_items
from kg.extract.zh.tokens import tag
from kg.model import Ref
from kg.resources import lexicon

_COUNTY_UP = ("province", "city", "county", "district", "zone")


@cache
def _follower_re() -> re.Pattern:
    return re.compile(rf"(?:等)?(?:{alternation(lexicon('body_followers'))}|\d+名)")


@cache
def _body_re() -> re.Pattern:
    return re.compile(rf"[\u3400-\u9fff]{{2,10}}(?:{alternation(lexicon('body_suffixes'))})$")


@component("organisations", requires=("region", "mentions:Region", "parent_of"), assigns=("mentions:Organization",))
def run(doc: ArticleDoc) -> None:
    for i, sent in enumerate(doc.sentences):
        for m in _follower_re().finditer(sent.text):
            _bodies(doc, i, m.start())


def _bodies(doc: ArticleDoc, i: int, end: int) -> None:
    text = doc.sentences[i].text
    region = None
    for _, e, start in list_items(text, end, doc.cut):
        start = _past_verbs(text, start, e, doc)
        surface = text[start:e]
        place = _place_before(doc, i, start, e)
        if place is not None:
            region, core = place.ref, text[place.end:e]
        elif (p := region_ref_re("县", "市", "区").match(surface)) is not None:
            region, core = _home(doc.region[i], doc), surface[p.end():]
        else:
            core = surface
            region = region or _home(doc.region[i], doc)
        if region is None or not _body_re().match(core) or _known(doc, i, start, e):
            continue
        ref = Ref("Organization", region.name + core, props=(("region", region.name),),
                  aliases=(surface,) if surface != region.name + core else ())
        doc.add_mention(i, ref, start, e)
        doc.emit(ref, "LOCATED_IN", region, rule="listed-body", at=i)


def _past_verbs(text: str, start: int, end: int, doc: ArticleDoc) -> int:
    """The first item of a list carries the clause's subject and verb (市长X率发改委、…):
    the body starts after the last name, preposition or leader's verb in it."""
    toks = doc.cut(text[start:end])
    pos, cut_at = start, start
    for tok in toks[:-1]:
        pos += len(tok)
        # (a name the tokenizer glued to its one-character verb, 黄卫锋率, ends there too)
        # (a verb inside a body's name stays: 行政|审批|服务|管理局)
        if tag(tok) in ("p", "nr") or tok in _stops() or (tag(tok) is None and tok[-1] in _stops()):
            cut_at = pos
    return cut_at


@cache
def _stops() -> frozenset[str]:
    """What follows a person's name (率, 带领, 陪同): the body list starts after it."""
    return frozenset(w for line in lexicon("name_stops") for w in line.split())


def _place_before(doc: ArticleDoc, i: int, start: int, end: int):
    """A place written at the start of the item (重庆市发改委)."""
    return next((m for m in doc.mentions[i] if m.ref.type == "Region" and m.start == start and m.end < end), None)


def _known(doc: ArticleDoc, i: int, start: int, end: int) -> bool:
    """The item is a firm, a project or a place already found."""
    return any(m.start <= start and end <= m.end for m in doc.mentions[i]
               if m.ref.type in ("Company", "Project", "TaskForce", "Region"))


def _home(current: Ref | None, doc: ArticleDoc) -> Ref | None:
    """The region of a body written without one: the current region, a town's county."""
    if current is None or level_of(current) in _COUNTY_UP:
        return current
    return doc.parent_of.get(current.name)
