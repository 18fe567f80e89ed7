"""Sums of money: 120亿元, 近400亿元, 1.18亿美元, 50余亿元 -> value in base units, currency,
qualifier. One grammar: ``find`` reads amounts in a text, ``ends_with_amount`` asks
whether a stretch of text ends in one (a name never runs back over a sum)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal
from functools import cache

from kg.extract.zh.lists import alternation
from kg.extract.zh.tokens import is_word
from kg.model import Ref
from kg.resources import lexicon_map


@cache
def _grammar() -> tuple[re.Pattern, re.Pattern]:
    """A sum (qualifier, number, 余/多, unit, 余/多, currency), and a sum that ends a text."""
    units, currencies = alternation(lexicon_map("money_units")), alternation(lexicon_map("currencies"))
    core = rf"(\d+(?:\.\d+)?)(余|多)?({units})?(余|多)?({currencies})"
    return re.compile(rf"({alternation(lexicon_map('amount_qualifiers'))})?" + core), re.compile(core + "$")


@dataclass(frozen=True)
class Amount:
    start: int
    end: int
    value: int | Decimal
    currency: str
    qualifier: str
    text: str

    def ref(self) -> Ref:
        return Ref("Amount", self.text, props=(("value", self.value), ("currency", self.currency),
                                               ("qualifier", self.qualifier), ("text", self.text)))


def find(text: str) -> list[Amount]:
    units, currencies = lexicon_map("money_units"), lexicon_map("currencies")
    qualifiers = lexicon_map("amount_qualifiers")
    out = []
    for m in _grammar()[0].finditer(text):
        before, number, more1, unit, more2, cur = m.groups()
        start = m.start()
        if before and _ends_a_word(text, start, before):
            before, start = None, start + len(before)
        value = Decimal(number) * (int(units[unit]) if unit else 1)
        value = int(value) if value == value.to_integral_value() else value.normalize()
        qualifier = qualifiers.get(before or "", "over" if (more1 or more2) else "exact")
        out.append(Amount(start, m.end(), value, currencies[cur], qualifier, text[start:m.end()]))
    return out


def _ends_a_word(text: str, i: int, qualifier: str) -> bool:
    # 签约5亿元, 节约1200万元: a one-character qualifier that ends a word with the
    # character before it is that word's (總投资约5亿元: 资约 is no word)
    return len(qualifier) == 1 and i > 0 and is_word(text[i - 1:i + 1])


def ends_with_amount(text: str) -> bool:
    """TEXT ends in a sum of money (…总投资3.5亿元)."""
    return _grammar()[1].search(text) is not None
