"""Signings and industries of what was found so far.

SIGNED: in a sentence that reports a signing (签约, 签订, 签署), the signer is a
task force named before the verb, else a region opening the clause, else the
current region; what was signed is each project named in the
sentence.
IN_INDUSTRY: a project or company whose name carries an industry keyword
(schema/lexicons/industries.txt)."""

from __future__ import annotations

import re
from collections.abc import Iterator

from kg.extract import register
from kg.extract.doc import ArticleDoc
from kg.extract.taskforces import industry_of
from kg.model import Fact, Ref

SIGN = re.compile(r"签约|签订|签署")
_CLAUSE = re.compile(r"[,;。!?:]")


def signer(doc: ArticleDoc, i: int, verb_at: int) -> Ref | None:
    text = doc.sentences[i].text
    before = [m for m in doc.mentions[i] if m.end <= verb_at]
    teams = [m for m in before if m.ref.type == "TaskForce"]
    if teams:
        return teams[-1].ref
    # A region opening the clause (襄城县签约…), else the current region
    # (the article's or its section's: 全市签约…).
    clause_start = max((m.end() for m in _CLAUSE.finditer(text, 0, verb_at)), default=0)
    opening = [m for m in before if m.ref.type == "Region" and m.start == clause_start]
    return opening[0].ref if opening else doc.region[i]


@register("signings")
def run(doc: ArticleDoc) -> Iterator[Fact]:
    for i, sent in enumerate(doc.sentences):
        for m in doc.mentions[i]:
            if m.ref.type in ("Project", "Company"):
                industry = industry_of(m.ref.name, stem_rule=False)
                if industry:
                    yield Fact(m.ref, "IN_INDUSTRY", industry, sent, "signings", 0.6)
        verb = SIGN.search(sent.text)
        if not verb:
            continue
        who = signer(doc, i, verb.start())
        if who is None:
            continue
        for m in doc.found(i, "Project"):
            yield Fact(who, "SIGNED", m.ref, sent, "signings", 0.6)
