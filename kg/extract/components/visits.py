"""Visits: VISITED from an official to each project, company or place he tours.

A visit is a verb of inspection or travel (schema/lexicons/visit_verbs.txt, matched as
whole words: 调研, 察看, 走进, 赴, 到) whose subject is an official named just before
it ("县委书记甲深入P现场", "甲一行先后来到A、B等地", "甲带队到乙市"), or the party of
the official leading the tour ("观摩团成员先后来到…", "在P现场,甲实地查看…"). What
was toured is every project, company and place named after the verb up to the end
of the sentence, or inside the frame "在…现场,". Those who go along (陪同, 参加调研)
or attend (出席) visit nothing."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache

from kg.extract.base import component
from kg.extract.doc import ArticleDoc, Mention
from kg.extract.zh.lists import longest_first
from kg.extract.zh.places import level_of
from kg.extract.zh.spans import clause_start
from kg.extract.zh.tokens import Cut, tag
from kg.model import Ref
from kg.resources import lexicon_map

_HAN = re.compile(r"[\u3400-\u9fff]")
_TARGETS = ("Project", "Company", "Region")
# A verb right after 深入/走进 makes it an adverb or a figure of speech (深入推进, 走进新时代).
_VERB_TAGS = ("v", "vn", "vd", "ad", "d")


@dataclass(frozen=True)
class Person:
    start: int
    end: int
    ref: Ref


@cache
def _verbs() -> dict[str, str]:
    return lexicon_map("visit_verbs")


@cache
def _words() -> dict[str, tuple[str, ...]]:
    out: dict[str, list[str]] = {}
    for word, kind in lexicon_map("visit_words").items():
        out.setdefault(kind, []).append(word)
    return {k: tuple(sorted(v, key=len, reverse=True)) for k, v in out.items()}


def _officials(doc: ArticleDoc) -> dict[str, Ref]:
    """Every official the article names with a title, by name (first mention wins)."""
    known: dict[str, Ref] = {}
    for ms in doc.mentions:
        for m in ms:
            if m.ref.type == "Official":
                known.setdefault(m.ref.name, m.ref)
    return known


def _people(doc: ArticleDoc, i: int, known: dict[str, Ref]) -> list[Person]:
    """Officials in sentence I: those found with a title, and known names written alone
    at a clause's start (会后,甲一行来到…)."""
    text = doc.sentences[i].text
    out = [Person(m.start, m.end, m.ref) for m in doc.found(i, "Official")]
    for name, ref in known.items():
        for m in re.finditer(re.escape(name), text):
            if m.start() and _HAN.match(text[m.start() - 1]) and text[m.start() - 1] != "、":
                continue  # inside a longer word or name
            if not any(p.start <= m.start() < p.end for p in out):
                out.append(Person(m.start(), m.end(), ref))
    return sorted(out, key=lambda p: p.start)


@cache
def _any_verb() -> re.Pattern:
    return re.compile("|".join(map(re.escape, longest_first(_verbs()))))


def _triggers(text: str, cut: Cut) -> Iterator[tuple[int, int, str]]:
    first = _any_verb().search(text)
    if first is None:
        return  # cutting is the costly step: most sentences hold no visit verb at all
    pos = clause_start(text, first.start())
    toks = cut(text[pos:])
    for k, tok in enumerate(toks):
        start, pos = pos, pos + len(tok)
        if tok not in _verbs():
            continue
        nxt = toks[k + 1] if k + 1 < len(toks) else ""
        if tok in ("深入", "走进") and tag(nxt) in _VERB_TAGS:
            continue
        yield start, pos, _verbs()[tok]


def _subject(text: str, pos: int, near: bool, people: list[Person]) -> list[Person] | None:
    """The officials written as the subject right before POS (one title may cover a list:
    市委书记甲、市长乙带队). None when the one before is along or attending (陪同, 参加)."""
    before = [p for p in people if p.end <= pos]
    if not before:
        return []
    gap = re.sub(r"\([^()]{0,8}\)", "", text[before[-1].end:pos])  # (右二), (前排中): a photo's caption
    if re.search(r"[。;!?]", gap):
        return []
    if any(w in gap for w in _words()["not"]):
        return None
    return _group(text, before) if _close(gap, near) else []


def _close(gap: str, near: bool) -> bool:
    """What may stand between a subject and its verb: 一行, 先后, 专程, or 带队/率… and
    the people led (率发改委等部门负责人,调研…)."""
    lead = gap.startswith(_words()["lead"])
    limit = 4 if near else (24 if lead else 8)
    return len(gap) <= limit and (lead or "," not in gap)


def _group(text: str, before: list[Person]) -> list[Person]:
    """The last person before the verb and those listed with him (甲、市长乙)."""
    group = [before[-1]]
    for p in reversed(before[:-1]):
        if not re.fullmatch(r"、[^,;。、]{0,12}", text[p.end:group[0].start]):
            break
        group.insert(0, p)
    return group


def _on_tour(text: str, pos: int) -> bool:
    """'X一行…', '观摩团成员先后来到…': the leading official's party, no new subject."""
    opens = max((m.end() for m in re.finditer(r"[,;。:]", text[:pos])), default=0)
    clause = text[opens:pos]
    return any(w in clause for w in _words()["tour"]) or not re.search(r"[\u3400-\u9fff]{2,}", clause) \
        or bool(re.fullmatch(r"(?:先后|随后|又|还|再|并|实地|详细|分别)+", clause))


def _scope_end(text: str, end: int, people: list[Person], group: list[Person]) -> int:
    stop = len(text)
    m = re.search(r"[。!?]", text[end:])
    if m:
        stop = end + m.start()
    for w in _words()["stop"]:
        k = text.find(w, end, stop)
        if k >= 0:
            stop = k
    other = [p.start for p in people if p.start >= end and p.ref not in {g.ref for g in group}]
    return min([stop, *other])


def _site_frame(text: str) -> tuple[int, int] | None:
    """'在P建设现场,' / '在X公司,' opening a sentence: the span of what was visited."""
    m = re.match(r"在([^,;。]{2,60}?),", text)
    if not m:
        return None
    if m.group(1).endswith(_words()["site"]) or re.search(r"(?:公司|企业|集团|项目)$", m.group(1)):
        return m.start(1), m.end(1)
    return None


def _in_span(doc: ArticleDoc, i: int, a: int, b: int) -> list[Mention]:
    """Targets whose mention starts in [a, b), each once."""
    ms = [m for m in doc.mentions[i] if m.ref.type in _TARGETS and a <= m.start < b]
    out: list[Mention] = []
    for m in ms:
        if _toured(doc.sentences[i].text, m, ms) and m.ref not in {o.ref for o in out}:
            out.append(m)
    return out


def _toured(text: str, m: Mention, ms: list[Mention]) -> bool:
    """A place inside or right before a firm's, project's or place's name (启东市海生冲压件公司)
    is not toured on its own, nor 该县/我县 (the article's own region); a firm's short
    name listed as a project (A、B等项目) is the project."""
    if m.ref.type == "Company":
        return not any(n.ref.type == "Project" and (n.start, n.end) == (m.start, m.end) for n in ms)
    if m.ref.type != "Region":
        return True
    if text[m.start:m.start + 1] in "该我全本" or _opens_body(text, m.end):
        return False
    # nor a town that opens a longer chain (城郊乡|保庙村): its village is toured (a trip
    # to a province and its city, 赴山东青岛, is to both)
    if level_of(m.ref) == "town" and any(n.start == m.end and n.ref.type == "Region" for n in ms):
        return False
    return not any(n.ref.type != "Region" and (n.start <= m.start < n.end or n.start == m.end) for n in ms)


def _opens_body(text: str, end: int) -> bool:
    """The list item a place opens goes on to a body's or site's name
    (王桥镇韦博种植专业合作社、): that body, not the place, is what was toured."""
    item = re.match(r"[^、,;。:!?]*", text[end:]).group(0)
    item = re.sub(r"等[^、]*$", "", item)  # …中心等实地观摩
    return len(item) >= 3 and item.endswith(_words().get("body", ()))


@component("visits", requires=("mentions:Official", "mentions:Project", "mentions:Company", "mentions:Region"))
def run(doc: ArticleDoc) -> None:
    known = _officials(doc)
    leaders: list[Person] = []
    for i, sent in enumerate(doc.sentences):
        text = sent.text
        people = _people(doc, i, known)
        if not people and not leaders:
            continue
        seen: set[tuple[str, Ref]] = set()
        for visitor, target in _visits(doc, i, people, leaders):
            if (visitor.ref.name, target.ref) not in seen:
                seen.add((visitor.ref.name, target.ref))
                doc.emit(visitor.ref, "VISITED", target.ref, rule="tour", at=i)
        lead = [p for p in people if text.startswith(_words()["lead"], p.end)]
        if lead:
            leaders[:] = _subject(text, lead[-1].end, False, people) or lead


def _visits(doc: ArticleDoc, i: int, people: list[Person], leaders: list[Person]) -> Iterator[tuple[Person, Mention]]:
    text = doc.sentences[i].text
    yield from _at_site(doc, i, people, leaders)
    for start, end, kind in _triggers(text, doc.cut):
        group = _subject(text, start, kind == "near", people)
        if group is None:
            continue
        if group:
            leaders[:] = group
        elif kind != "near" and leaders and _on_tour(text, start):
            group = list(leaders)
        else:
            continue
        for target in _in_span(doc, i, end, _scope_end(text, end, people, group)):
            for p in group:
                yield p, target


def _at_site(doc: ArticleDoc, i: int, people: list[Person], leaders: list[Person]) -> Iterator[tuple[Person, Mention]]:
    """'在P现场,甲…': P is visited by 甲, or with no one named, by the tour's leaders."""
    frame = _site_frame(doc.sentences[i].text)
    if frame is None:
        return
    after = [p for p in people if p.start > frame[1]]
    who = [after[0]] if after and after[0].start - frame[1] <= 2 else (leaders if not after else [])
    for target in _in_span(doc, i, *frame):
        for p in who:
            yield p, target
