"""Signings. SIGNED: in a clause (up to ; or 。) that reports a signing (签约, 签订, 签署),
the signer is a task force named before the verb, else a region opening the
clause, else the current region; what was signed is each project named in the
clause, and each company named between 与/同 and the verb (与中煤集团签订…)."""

from __future__ import annotations

import re

from kg.extract.base import component
from kg.extract.doc import ArticleDoc
from kg.model import Ref

SIGN = re.compile(r"签约|签订|签署")
_CLAUSE_END = re.compile(r"[;。!?]")
_WITH = re.compile(r"与|同")
_THIS_PROJECT = re.compile(r"该项目|(?:^|[,;。:“])项目从")
_PROJECT_LIST = re.compile(r"(?:、[^,;。]{2,12}?)*等(?:(?!企业|公司)[^,;。等]){0,8}项目")


def signer(doc: ArticleDoc, i: int, verb_at: int) -> Ref | None:
    teams = [m for m in doc.found(i, "TaskForce") if m.end <= verb_at]
    if teams:
        return teams[-1].ref
    # a region opening the clause (襄城县签约…), else the current region (全市签约…)
    return doc.clause_region(i, verb_at)


@component("signings", requires=("region", "mentions:Region", "mentions:Project", "mentions:Company",
                                 "mentions:TaskForce"))
def run(doc: ArticleDoc) -> None:
    for i, sent in enumerate(doc.sentences):
        text = sent.text
        for verb in SIGN.finditer(text):
            who = signer(doc, i, verb.start())
            if who is None:
                continue
            a = max((m.end() for m in _CLAUSE_END.finditer(text, 0, verb.start())), default=0)
            b = next((m.start() for m in _CLAUSE_END.finditer(text, verb.end())), len(text))
            named = [m for m in doc.found(i, "Project") if a <= m.start < b]
            for m in named:
                doc.emit(who, "SIGNED", m.ref, rule="clause-project", at=i)
            earlier = doc.last_before(i, "Project") if not named and _THIS_PROJECT.search(text, a, b) else None
            if earlier is not None:
                doc.emit(who, "SIGNED", earlier, rule="this-project", at=i)  # 该项目…签约
            w = next((m for m in _WITH.finditer(text, a, verb.start())), None)
            for m in doc.found(i, "Company"):
                if w is not None and w.end() <= m.start and m.end <= verb.start():
                    doc.emit(who, "SIGNED", m.ref, rule="partner", at=i)
                elif a <= m.start and m.end <= verb.start() and _PROJECT_LIST.match(text, m.end):
                    doc.emit(who, "SIGNED", m.ref, rule="listed", at=i)  # 实现A、B等项目成功签约
