"""Officials and their posts: title chains before a name (县委副书记、县长刘海亮),
the body from the words before the title (广元市委书记, 该县招商投资服务中心负责人),
else from context. Also LEADS (项目负责人, 组长); each
official is left on the doc as a mention (the visits component reads them)."""

from __future__ import annotations

import re
from functools import cache

from kg.extract.base import component
from kg.extract.doc import ArticleDoc, Mention
from kg.extract.zh.lists import alternation, longest_first
from kg.extract.zh.names import TASKFORCE_END, taskforce_name
from kg.extract.zh.places import gazetteer, level_of, region_ref
from kg.extract.zh.spans import left_edge
from kg.model import Ref
from kg.resources import lexicon

LEVEL_CHARS = "省市县区州镇乡旗"
LEVEL_OF_CHAR = {"省": "province", "市": "city", "县": "county", "区": "district", "州": "city",
                 "镇": "town", "乡": "town", "旗": "county"}
ORG_SUFFIX = re.compile(r"(?:中心|局|办公室|委员会|党校|研究院|研究所|办|委|院|所|站|厅|处)$")


@cache
def _titles() -> tuple[re.Pattern, dict[str, str]]:
    kinds: dict[str, str] = {}
    alts: list[str] = []
    for entry in lexicon("titles"):
        pattern, _, kind = entry.partition(" ")
        for lv in (LEVEL_CHARS if "{L}" in pattern else "_"):
            word = pattern.replace("{L}", lv)
            kinds[word] = kind.strip()
            alts.append(word)
    return re.compile(alternation(alts)), kinds


@cache
def _surnames() -> tuple[str, ...]:
    return longest_first(w for line in lexicon("surnames") for w in line.split())


@cache
def _stops() -> tuple[str, ...]:
    return longest_first(w for line in lexicon("name_stops") for w in line.split())


def _ends_name(text: str, pos: int) -> bool:
    if pos >= len(text):
        return True
    ch = text[pos]
    if not ("\u3400" <= ch <= "\u9fff"):
        return True
    return text.startswith(_stops(), pos)


def name_after(text: str, pos: int) -> str | None:
    """A 2-4 character personal name starting at pos, ended by punctuation or a stop word."""
    sur = next((s for s in _surnames() if text.startswith(s, pos)), None)
    if sur is None:
        return None
    for length in (3, 2, 4) if len(sur) == 1 else (4, 3):
        end = pos + length
        name = text[pos:end]
        if len(name) == length and all("\u3400" <= c <= "\u9fff" for c in name) and _ends_name(text, end):
            return name
    return None


def _level_region(current: Ref | None, level: str) -> Ref | None:
    """The region of a title's level: the current one, or its ancestor (省委书记 in a 濮阳 article)."""
    gz = gazetteer()
    name = current.name if current else None
    if name and level == "city" and name.endswith("市"):
        return current  # a county-level city's 市委书记 is its own
    while name:
        p = gz.places.get(name)
        if p and (p.level == level or (level == "county" and p.level == "district")
                  or (level == "district" and p.level == "county")):
            return region_ref(name, p.level)
        name = p.parent if p else None
    # A zone's own county-level posts (区委书记 of a 开发区) belong to the zone.
    if current is not None and level_of(current) == "zone" and level in ("district", "county"):
        return current
    return None


@component("officials", requires=("region", "mentions:Region", "mentions:Company", "mentions:Project",
                                  "mentions:TaskForce"), assigns=("mentions:Official",))
def run(doc: ArticleDoc) -> None:
    title_re, kinds = _titles()
    authors = set(doc.article.authors)
    for i, sent in enumerate(doc.sentences):
        text = sent.text
        current = doc.region[i]
        matches = list(title_re.finditer(text))
        k = 0
        while k < len(matches):
            # A chain: titles joined by '、' (or nothing), the last one followed by the name.
            chain = [matches[k]]
            while k + 1 < len(matches) and _joins(text[chain[-1].end():matches[k + 1].start()]):
                k += 1
                chain.append(matches[k])
            k += 1
            name = name_after(text, chain[-1].end())
            if not name or name in authors:
                continue
            scope = (current.name if current else "")
            person = Ref("Official", name, scope=scope)
            for n, m in enumerate(chain):
                body = text[chain[n - 1].end():m.start()].lstrip("、") if n else None
                _post(doc, i, m, kinds[m.group(0)], person, current, body or None)
            # the visits component reads who is named where
            doc.add_mention(i, person, chain[-1].end(), chain[-1].end() + len(name))


def _joins(between: str) -> bool:
    """'、' or nothing between two titles; or '、' and the next title's body (、市重点产业发展领导小组组长)."""
    return between in ("、", "") or (between.startswith("、") and len(between) <= 16
                                     and not re.search(r"[,;。:、\s]", between[1:]))


def _holder_before(doc: ArticleDoc, i: int, start: int) -> Mention | None:
    for m in doc.mentions[i]:
        if m.end in (start, start + 1) and m.ref.type in ("Region", "Company", "Project", "TaskForce", "Organization"):
            return m
    return None


def _post(doc: ArticleDoc, i: int, m: re.Match, kind: str, person: Ref, current: Ref | None,
          body: str | None = None) -> None:
    text, title = doc.sentences[i].text, m.group(0)
    holder = _holder_before(doc, i, m.start())
    if kind == "region":
        lv = next((c for c in title if c in LEVEL_CHARS), None)
        if holder is not None and holder.ref.type == "Region":
            region = holder.ref  # ends at the title, or shares its level character (万荣县 + 委副书记)
        elif "党工委" in title or "管委会" in title:
            region = current if current and level_of(current) == "zone" else None
        else:
            region = _level_region(current, LEVEL_OF_CHAR[lv]) if lv else current
        if region is not None:
            doc.emit(person, "HOLDS_POSITION", region, rule="region-post", at=i, props=(("title", title),))
        return
    if holder is None and text[max(0, m.start() - 2):m.start()] in ("该项", "项目") or title == "项目负责人":
        here = doc.found(i, "Project")
        target = here[-1].ref if here else doc.last_before(i, "Project")
        if target is not None:
            doc.emit(person, "LEADS", target, rule="project-lead", at=i)
        return
    if holder is None and kind == "lead":
        surface = body or text[left_edge(text, m.start(), doc.cut):m.start()]
        team = taskforce_name(surface, doc.region[i], [m.ref.name for m in doc.found(i, "Region")])
        if TASKFORCE_END.search(team):
            aliases = (surface,) if surface != team else ()
            doc.emit(person, "LEADS", Ref("TaskForce", team, aliases=aliases), rule="team-lead", at=i)
        return
    if holder is None:
        start = left_edge(text, m.start(), doc.cut, verbs=False)
        for ref_word in ("该县", "该市", "该区"):
            if text[:start].endswith(ref_word):
                start -= len(ref_word)
        org = text[start:m.start()]
        if ORG_SUFFIX.search(org) and len(org) >= 3:
            surface = re.sub(r"^(该县|该市|该区|全县|县|市|区)", "", org)
            org = _qualify(org, doc.region[i])
            holder_ref = Ref("Organization", org, props=(("region", doc.region[i].name if doc.region[i] else None),),
                             aliases=(surface,) if surface != org else ())
            doc.emit(person, "HOLDS_POSITION", holder_ref, rule="body-post", at=i, props=(("title", title),))
            if doc.region[i] is not None:
                doc.emit(holder_ref, "LOCATED_IN", doc.region[i], rule="body-region", at=i)
        return
    if holder.ref.type in ("Project", "TaskForce") or kind == "lead":
        doc.emit(person, "LEADS", holder.ref, rule="holder-lead", at=i)
    elif holder.ref.type in ("Company", "Organization"):
        doc.emit(person, "HOLDS_POSITION", holder.ref, rule="holder-post", at=i, props=(("title", title),))


def _qualify(org: str, region: Ref | None) -> str:
    """该县招商投资服务中心 -> 万荣县招商投资服务中心."""
    for ref_word in ("该县", "该市", "该区", "全县", "县", "市", "区"):
        if org.startswith(ref_word) and region is not None:
            return region.name + org[len(ref_word):]
    return org
