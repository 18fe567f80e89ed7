"""Companies: names ending in 有限公司, 集团, 公司 (cut on jieba's word boundaries),
their short names (下称X, or the name without place and trade words used later)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import cache

from kg.extract import register
from kg.extract.doc import ArticleDoc, Mention
from kg.extract.gazetteer import gazetteer
from kg.extract.spans import left_edge
from kg.model import Fact, Ref
from kg.resources import lexicon

_ALIAS = re.compile(r"[(（]\s*(?:下称|以下简称|简称)\s*[“\"]?([^)）”\"]{2,12})[”\"]?\s*[)）]")


@cache
def _suffix_re() -> re.Pattern:
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
    for m in _suffix_re().finditer(text):
        if out and m.start() < out[-1][1]:
            continue
        start = left_edge(text, m.start())
        name = text[start:m.end()]
        if m.end() - start - len(m.group(0)) >= 2:
            out.append((start, m.end(), name))
    return out


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
    # Short names used on their own later in the article.
    for i, sent in enumerate(doc.sentences):
        taken = [(m.start, m.end) for m in doc.mentions[i] if m.ref.type == "Company"]
        for short, ref in shorts.items():
            for m in re.finditer(re.escape(short), sent.text):
                if not any(a <= m.start() < b for a, b in taken):
                    doc.mentions[i].append(Mention(ref, m.start(), m.end()))
    doc.aliases.update(shorts)
    return iter(())
