"""Task forces (专班, 领导小组, 工作组, 临时党支部, 服务队): the name as written with
the region prefix the text implies (铝产业专班 in an article about 广元市 ->
广元市铝产业专班), LOCATED_IN that region, IN_INDUSTRY from the industry its
name carries (schema/lexicons/industries.txt, or 'X产业专班' -> X产业)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import cache

from kg.extract.base import component
from kg.extract.doc import ArticleDoc
from kg.extract.zh.lists import longest
from kg.extract.zh.names import TASKFORCE_SUFFIX, industry_of, taskforce_name
from kg.extract.zh.places import gazetteer
from kg.extract.zh.spans import left_edge
from kg.extract.zh.tags import BAD_FIRST_TEAM
from kg.extract.zh.tokens import Cut, tag
from kg.model import Ref
from kg.resources import lexicon

_PUNCT = re.compile(r"[,;。:!?、]")


@cache
def _generic_stems() -> frozenset[str]:
    """Words that, alone before the suffix, name no particular team (成立工作专班, 各专班)."""
    return frozenset(lexicon("taskforce_generic_stems"))


@cache
def inner_words() -> frozenset[str]:
    """Words that end a name elsewhere but belong to a team's (要素保障工作专班)."""
    return frozenset(lexicon("taskforce_words"))


def _specific(stem: str, cut: Cut) -> bool:
    """False for stems that name no team: 工作, 产业, 坚持, 充分发挥产业, 一项目一分包一."""
    if not stem or stem in _generic_stems() or stem.startswith(("该", "各", "此")):
        return False
    if stem.count("“") != stem.count("”"):
        return False
    if re.search(r"等|各类", re.sub(r"“[^”]*”", "", stem)):
        return False  # “升规、高企”等各类专班: kinds of team, not one
    if stem.startswith("“"):
        return True  # a quoted name: “敢为争先”专班, “全代办”服务工作专班
    return _named_stem(stem, cut)


def _named_stem(stem: str, cut: Cut) -> bool:
    """Something is left of the stem without its place and generic words, and it does
    not start as a verb phrase does."""
    gz = gazetteer()
    core = stem = stem[gz.prefix(stem, gz.maxlen):] or stem  # 广元市重点产业专班 is as generic as 重点产业专班
    for g in longest("project_generic"):
        core = core.replace(g, "")
    core = core.replace("工作", "").replace("服务", "")
    if not core and len(stem) <= 4:  # 产业专班, 工业产业专班; not 重点产业发展领导小组
        return False
    return tag(cut(stem)[0]) not in BAD_FIRST_TEAM


def find(text: str, cut: Cut) -> Iterator[tuple[int, int]]:
    for m in TASKFORCE_SUFFIX.finditer(text):
        start = left_edge(text, m.start(), cut, inner=inner_words())
        close = text.rfind("”", start - 12 if start >= 12 else 0, m.start())
        if close >= 0 and "“" not in text[start:close] and not _PUNCT.search(text, close, m.start()):
            # the name holds a quotation: 组建“敢为争先”专班, 6支“全代办”服务工作专班
            start = max(text.rfind("“", 0, close), 0)
        count = re.match(r"\d+[支个家]", text[start:m.start()])
        if count:
            start += count.end()
        start = _joined(text, start, cut)
        if _specific(text[start:m.start()], cut):
            yield start, m.end()


def _joined(text: str, start: int, cut: Cut) -> int:
    """A team named for two tasks joined by 和/与 (县驻村第一书记和工作队工作专班,
    市文明城市创建与卫生城市复审专班): the first task, opening its clause with the
    region's one-character form or name, belongs to the name. A person, a body
    (县委组织部和…) or a bare team (领导小组和…) before 和 is a second party, not a task."""
    if start < 3 or text[start - 1] not in "和与":
        return start
    left = left_edge(text, start - 1, cut, inner=inner_words())
    first = text[left:start - 1]
    if left and not _CLAUSE_OPEN.match(text[left - 1]):
        return start
    gz = gazetteer()
    place = gz.prefix(first, gz.maxlen) or (1 if first[:1] in "省市县区镇乡" else 0)
    rest = first[place:]
    if not place or len(rest) < 2 or rest[0] in "委政" or _BODY_END.search(rest) or TASKFORCE_SUFFIX.search(rest):
        return start
    return left


_CLAUSE_OPEN = re.compile(r"[,;。:!?、“]")
_BODY_END = re.compile(r"(?:[部局委办厅室处科所院]|政府|小组|中心)$")


@component("taskforces", requires=("region", "mentions:Region"), assigns=("mentions:TaskForce",))
def run(doc: ArticleDoc) -> None:
    for i, sent in enumerate(doc.sentences):
        region = doc.region[i]
        here = [m.ref.name for m in doc.found(i, "Region")]
        for start, end in find(sent.text, doc.cut):
            surface = sent.text[start:end]
            name = taskforce_name(surface, region, here)
            ref = Ref("TaskForce", name, aliases=(surface,) if surface != name else ())
            doc.add_mention(i, ref, start, end)
            if region is not None:
                doc.emit(ref, "LOCATED_IN", region, rule="region", at=i)
            industry = industry_of(name, region)
            if industry:
                doc.emit(ref, "IN_INDUSTRY", industry, rule="industry", at=i)
