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
from kg.extract.projects import clause_region
from kg.extract.taskforces import industry_of
from kg.model import Fact, Ref

SIGN = re.compile(r"签约|签订|签署")


def signer(doc: ArticleDoc, i: int, verb_at: int) -> Ref | None:
    teams = [m for m in doc.found(i, "TaskForce") if m.end <= verb_at]
    if teams:
        return teams[-1].ref
    # a region opening the clause (襄城县签约…), else the current region (全市签约…)
    return clause_region(doc, i, verb_at)


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
