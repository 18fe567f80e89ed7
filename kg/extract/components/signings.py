"""Signings. SIGNED: in a clause (up to ; or 。) that reports a signing (签约, 签订, 签署).

The parties are read from 'X与Y签约' (与 or 同, as whole words): the side that is a
region, a town's government (乔楼乡政府与…) or a task force signs; what the other side
names (companies, projects) is signed. Firms on one side and a region on the other
('A公司、B公司与我县签约P', '同A、B等5家企业签约的P') sign with the region, and
each firm UNDERTAKES the projects signed. With no such parties, the signer is a task
force named before the verb (not one in a person's title: 领导小组组长某), else a region
opening the clause, else the current region; every project in the clause is signed,
and the firms of 'A、B等项目…签约' and of '签约企业代表、X公司董事长'. A signing whose
projects are counted (签约的项目共5个) signs those listed in the next sentence
(分别是P1, P2…)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from kg.extract.base import component
from kg.extract.doc import ArticleDoc, Mention
from kg.extract.zh.lists import lexicon_re
from kg.extract.zh.places import level_of, region_ref
from kg.extract.zh.tokens import Cut
from kg.model import Ref

_CLAUSE_END = re.compile(r"[;。!?]")
_THIS_PROJECT = re.compile(r"该项目|(?:^|[,;。:“])项目从")
_PROJECT_LIST = re.compile(r"(?:、[^,;。]{2,12}?)*等(?:(?!企业|公司)[^,;。等]){0,8}项目")
# a task force written as part of a person's title (县招商领导小组组长某) signs nothing
_IN_A_TITLE = re.compile(r"(?:副)?(?:组长|班长|指挥长|主任|成员|负责人)")
# what stands between a party and 与: 乔楼乡|政府与, 开发区|管委会与, A公司|分别与
_PARTY_TAIL = re.compile(r"(?:人民政府|政府|管委会|党委|党工委)?(?:分别|共同|正式)?$")
_TOWN_GOVERNMENT = re.compile(r"([\u3400-\u9fff]{2}[乡镇])(?:人民)?政府(?:分别|共同|正式)?$")
_REPRESENTATIVES = re.compile(r"(?:企业|客商|单位|项目方)(?:代表|负责人)")
_COUNTED = re.compile(r"签约(?:的)?项目(?:共|有)?[\d一二三四五六七八九十]+[个项]")
_LISTED_NEXT = re.compile(r"(?:分别是|分别为|包括|其中|具体是|即)")
_WITH_WORDS = ("与", "同")


@dataclass
class Signing:
    signer: Ref
    signed: list[Ref] = field(default_factory=list)
    firms: list[Ref] = field(default_factory=list)  # firms that sign and so build what is signed
    respectively: bool = False  # A、B分别与…签约P1和P2: A builds P1, B builds P2
    built: list[Ref] = field(default_factory=list)  # the projects signed after the verb

    def undertakings(self) -> list[tuple[Ref, Ref]]:
        if self.respectively and len(self.firms) == len(self.built):
            return list(zip(self.firms, self.built))
        return [(f, p) for f in self.firms for p in self.built]


def _withs(text: str, a: int, b: int, cut: Cut) -> list[int]:
    """Offsets of 与/同 written as words (not 与会, 同时, 共同) in text[a:b]."""
    out, pos = [], a
    for tok in cut(text[a:b]):
        if tok in _WITH_WORDS:
            out.append(pos)
        pos += len(tok)
    return out


def _in(doc: ArticleDoc, i: int, types: tuple[str, ...], a: int, b: int) -> list[Mention]:
    return [m for m in doc.mentions[i] if m.ref.type in types and a <= m.start and m.end <= b]


def _party_before(doc: ArticleDoc, i: int, seg: int, w: int) -> Ref | None:
    """The region, town government or task force written right before 与 at W."""
    text = doc.sentences[i].text
    for m in sorted(_in(doc, i, ("Region", "TaskForce"), seg, w), key=lambda m: -m.end):
        if _PARTY_TAIL.fullmatch(text, m.end, w) and not _IN_A_TITLE.match(text, m.end):
            return m.ref
    town = _TOWN_GOVERNMENT.search(text, seg, w)
    if town and town.end() == w:
        return region_ref(town.group(1), "town")
    return _firm_party(doc, i, seg, w)


def _firm_party(doc: ArticleDoc, i: int, seg: int, w: int) -> Ref | None:
    """A firm signing with another firm (A公司与B公司签订合作协议)."""
    firm = next((m for m in _in(doc, i, ("Company",), seg, w) if m.end == w), None)
    if firm is not None and _region_after(doc, i, w) is None and \
            any(m.start == w + 1 for m in doc.found(i, "Company")):
        return firm.ref
    return None


def _region_after(doc: ArticleDoc, i: int, w: int) -> Ref | None:
    """A region right after 与 (A公司与菏泽经济开发区签约, …与我县签约)."""
    firms = doc.found(i, "Company")  # (湖南 of …与湖南某有限公司 is the firm's, not a party)
    return next((m.ref for m in doc.found(i, "Region") if m.start == w + 1
                 and not any(f.start <= m.start < f.end for f in firms)), None)


def _paired(doc: ArticleDoc, i: int, a: int, verb: int, b: int) -> list[Signing]:
    """Signings read from the parties around 与/同 in the clause [a, b) with its verb at VERB."""
    text = doc.sentences[i].text
    withs = _withs(text, a, verb, doc.cut)
    out = []
    for k, w in enumerate(withs):
        seg = withs[k - 1] + 1 if k else a
        nxt = withs[k + 1] if k + 1 < len(withs) else verb
        left, right = _party_before(doc, i, seg, w), _region_after(doc, i, w)
        if left is not None:
            stop = _next_party_start(doc, i, w + 1, nxt) if k + 1 < len(withs) else verb
            other = _in(doc, i, ("Company", "Project"), w + 1, stop)
            out.append(Signing(left, [m.ref for m in other], [m.ref for m in other if m.ref.type == "Company"]))
        elif right is not None:
            firms = [m.ref for m in _in(doc, i, ("Company",), seg, w)]
            out.append(Signing(right, list(firms), firms, text.startswith("分别", w - 2)))
    after = [m.ref for m in _in(doc, i, ("Project",), verb, b)]
    for s in out:
        s.signed += [p for p in after if p not in s.signed]
        s.built = after
    return out


def _next_party_start(doc: ArticleDoc, i: int, a: int, w: int) -> int:
    """Where the next party (和城郊乡政府|与…) begins: its own items are not ours."""
    text = doc.sentences[i].text
    town = _TOWN_GOVERNMENT.search(text, a, w)
    if town and town.end() == w:
        return town.start()
    party = [m.start for m in _in(doc, i, ("Region", "TaskForce"), a, w) if _PARTY_TAIL.fullmatch(text, m.end, w)]
    return min(party, default=w)


def _signer(doc: ArticleDoc, i: int, verb_at: int) -> Ref | None:
    text = doc.sentences[i].text
    teams = [m for m in doc.found(i, "TaskForce") if m.end <= verb_at and not _IN_A_TITLE.match(text, m.end)]
    if teams:
        return teams[-1].ref
    # a region opening the clause (襄城县签约…), else the current region (全市签约…)
    return doc.clause_region(i, verb_at)


def _plain(doc: ArticleDoc, i: int, a: int, verb: re.Match, b: int) -> None:
    """A signing with no parties written around 与."""
    text = doc.sentences[i].text
    who = _signer(doc, i, verb.start())
    if who is None:
        return
    named = [m for m in doc.found(i, "Project") if a <= m.start < b and not _not_signed(text, m, verb)]
    for m in named:
        doc.emit(who, "SIGNED", m.ref, rule="clause-project", at=i)
    earlier = doc.last_before(i, "Project") if not named and _THIS_PROJECT.search(text, a, b) else None
    if earlier is not None:
        doc.emit(who, "SIGNED", earlier, rule="this-project", at=i)  # 该项目…签约
    _plain_firms(doc, i, a, verb, b, who)


# A,B等6个项目集中开工,C等16个项目集中签约: the works of another event before the verb
_OTHER_EVENT = re.compile(r"开工|投产|竣工|开业|建成")
# 签约仪式在(我市)P隆重举行: P is where the ceremony is held
_AT_VENUE = re.compile(r"在(?:我|该|本)?(?:市|县|区|镇|乡)?$")
_HELD = re.compile(r"[^,;。]{0,6}?(?:举行|召开|举办)")


def _not_signed(text: str, m: Mention, verb: re.Match) -> bool:
    """A project of another event in the clause before the verb, or the venue of the
    signing ceremony after it, is not what is signed."""
    if m.end <= verb.start() and _OTHER_EVENT.search(text, m.end, verb.start()):
        return True
    return m.start >= verb.end() and bool(_AT_VENUE.search(text[max(0, m.start - 4):m.start])) \
        and bool(_HELD.match(text, m.end))


def _plain_firms(doc: ArticleDoc, i: int, a: int, verb: re.Match, b: int, who: Ref) -> None:
    """The firms a plain signing signs: after 与 (与中煤集团签订…), listed as projects
    (实现A、B等项目成功签约), or as its representatives (签约企业代表、X公司董事长…)."""
    text = doc.sentences[i].text
    w = next((p for p in _withs(text, a, verb.start(), doc.cut)), None)
    for m in doc.found(i, "Company"):
        rule = _firm_rule(text, m, w, a, verb, b)
        if rule:
            doc.emit(who, "SIGNED", m.ref, rule=rule, at=i)


def _firm_rule(text: str, m: Mention, w: int | None, a: int, verb: re.Match, b: int) -> str | None:
    if w is not None and w < m.start and m.end <= verb.start():
        return "partner"
    if a <= m.start and m.end <= verb.start() and _PROJECT_LIST.match(text, m.end):
        return "listed"  # 实现A、B等项目成功签约
    if _REPRESENTATIVES.match(text, verb.end()) and verb.end() < m.start < b:
        return "representative"  # 签约企业代表、X公司董事长…
    return None


@component("signings", requires=("region", "mentions:Region", "mentions:Project", "mentions:Company",
                                 "mentions:TaskForce"))
def run(doc: ArticleDoc) -> None:
    follow: Ref | None = None
    for i, sent in enumerate(doc.sentences):
        text = sent.text
        if follow is not None and _LISTED_NEXT.match(text):
            for m in doc.found(i, "Project"):
                doc.emit(follow, "SIGNED", m.ref, rule="listed-next", at=i)
        follow = None
        for verb in lexicon_re("sign_verbs", "{}").finditer(text):
            a = max((m.end() for m in _CLAUSE_END.finditer(text, 0, verb.start())), default=0)
            b = next((m.start() for m in _CLAUSE_END.finditer(text, verb.end())), len(text))
            follow = _sign(doc, i, a, verb, b) or follow


def _sign(doc: ArticleDoc, i: int, a: int, verb: re.Match, b: int) -> Ref | None:
    """Emit one signing's facts; its signer when it counts projects listed next."""
    text = doc.sentences[i].text
    paired = _paired(doc, i, a, verb.start(), b)
    for s in paired:
        for ref in dict.fromkeys(s.signed):
            doc.emit(s.signer, "SIGNED", ref, rule="party", at=i)
            if ref.type == "Project" and level_of(s.signer) in ("town", "zone"):
                # a town or zone signs for works on its own ground (乔楼乡政府与…项目签约)
                doc.emit(s.signer, "IMPLEMENTS", ref, rule="signer-hosts", at=i)
        for firm, ref in s.undertakings():
            doc.emit(firm, "UNDERTAKES", ref, rule="signing-firm", at=i)
    if not paired:
        _plain(doc, i, a, verb, b)
    if _COUNTED.search(text, a, b):
        return paired[0].signer if paired else _signer(doc, i, verb.start())
    return None
