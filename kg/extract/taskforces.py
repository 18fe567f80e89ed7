"""Task forces (专班, 领导小组, 工作组, 临时党支部, 服务队): the name as written with
the region prefix the text implies (铝产业专班 in an article about 广元市 ->
广元市铝产业专班), LOCATED_IN that region, IN_INDUSTRY from the industry its
name carries (schema/lexicons/industries.txt, or 'X产业专班' -> X产业)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import cache

from kg.extract import register
from kg.extract.doc import ArticleDoc, Mention
from kg.extract.gazetteer import gazetteer
from kg.extract.projects import BAD_FIRST_TAGS
from kg.extract.spans import left_edge
from kg.extract.tokens import cut, tag
from kg.model import Fact, Ref
from kg.resources import lexicon, lexicon_map

# not 专班化, 专班制, 专班机制, 专班运行体系, 专班基础上: the team as a way of working
SUFFIX = re.compile(r"(?:专班|领导小组|工作组|临时党支部|服务队)(?![化制式]|机制|体系|运行|基础|模式)")
_PUNCT = re.compile(r"[,;。:!?、]")
_REF_WORDS = ("该县", "该市", "该区", "全县", "全市", "全区", "我县", "我市", "我区", "县", "市", "区")
# A team name starts as a project name does, and not with a number or place word
# either (一项目一分包一专班, 中…专班).
_BAD_FIRST_TAGS = BAD_FIRST_TAGS | {"m", "f", "b"}
# Words that, alone before the suffix, name no particular team (成立工作专班, 各专班).
_GENERIC_STEMS = {"工作", "各", "该", "相关", "专门", "项目", "这个", "一个", "个", "每个", "招商"}


@cache
def inner_words() -> frozenset[str]:
    """Words that end a name elsewhere but belong to a team's (要素保障工作专班)."""
    return frozenset(lexicon("taskforce_words"))


def taskforce_name(surface: str, region: Ref | None, regions_here: list[str] = ()) -> str:
    """The name with its region: 市重点产业发展领导小组 -> 广元市重点产业发展领导小组."""
    if region is None:
        return surface
    for name in [region.name, *regions_here, *region.aliases]:
        if name and surface.startswith(name):
            return surface
    for w in _REF_WORDS:
        if surface.startswith(w):
            return region.name + surface[len(w):]
    return region.name + surface


@cache
def _industries() -> list[tuple[str, str]]:
    return sorted(lexicon_map("industries").items(), key=lambda kv: -len(kv[0]))


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
    if m and m.group(1) not in set(lexicon("project_generic")) and not SUFFIX.search(m.group(1)):
        return Ref("Industry", m.group(1) + "产业")
    return None


def _specific(stem: str) -> bool:
    """False for stems that name no team: 工作, 产业, 坚持, 充分发挥产业, 一项目一分包一."""
    if not stem or stem in _GENERIC_STEMS or stem.startswith(("该", "各", "此")):
        return False
    if stem.count("“") != stem.count("”"):
        return False
    if re.search(r"等|各类", re.sub(r"“[^”]*”", "", stem)):
        return False  # “升规、高企”等各类专班: kinds of team, not one
    if stem.startswith("“"):
        return True  # a quoted name: “敢为争先”专班, “全代办”服务工作专班
    gz = gazetteer()
    core = stem = stem[gz.prefix(stem, gz.maxlen):] or stem  # 广元市重点产业专班 is as generic as 重点产业专班
    for g in sorted(lexicon("project_generic"), key=len, reverse=True):
        core = core.replace(g, "")
    core = core.replace("工作", "").replace("服务", "")
    if not core and len(stem) <= 4:  # 产业专班, 工业产业专班; not 重点产业发展领导小组
        return False
    first = cut(stem)[0]
    return tag(first) not in _BAD_FIRST_TAGS


def find(text: str) -> Iterator[tuple[int, int]]:
    for m in SUFFIX.finditer(text):
        start = left_edge(text, m.start(), inner=inner_words())
        close = text.rfind("”", start - 12 if start >= 12 else 0, m.start())
        if close >= 0 and "“" not in text[start:close] and not _PUNCT.search(text, close, m.start()):
            # the name holds a quotation: 组建“敢为争先”专班, 6支“全代办”服务工作专班
            start = max(text.rfind("“", 0, close), 0)
        count = re.match(r"\d+[支个家]", text[start:m.start()])
        if count:
            start += count.end()
        if _specific(text[start:m.start()]):
            yield start, m.end()


@register("taskforces")
def run(doc: ArticleDoc) -> Iterator[Fact]:
    for i, sent in enumerate(doc.sentences):
        region = doc.region[i]
        here = [m.ref.name for m in doc.found(i, "Region")]
        for start, end in find(sent.text):
            surface = sent.text[start:end]
            name = taskforce_name(surface, region, here)
            ref = Ref("TaskForce", name, aliases=(surface,) if surface != name else ())
            doc.mentions[i].append(Mention(ref, start, end))
            if region is not None:
                yield Fact(ref, "LOCATED_IN", region, sent, "taskforces", 0.8)
            industry = industry_of(name, region)
            if industry:
                yield Fact(ref, "IN_INDUSTRY", industry, sent, "taskforces", 0.7)
