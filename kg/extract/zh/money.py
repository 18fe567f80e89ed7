"""Sums of money: 120亿元, 近400亿元, 1.18亿美元, 50余亿元 -> value in base units, currency,
qualifier. One grammar: ``find`` reads amounts in a text, ``ends_with_amount`` asks
whether a stretch of text ends in one (a name never runs back over a sum)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

from kg.model import Ref

UNITS = {"万亿": 10**12, "亿": 10**8, "千万": 10**7, "百万": 10**6, "万": 10**4, "": 1}
CURRENCIES = {"元": "CNY", "美元": "USD", "欧元": "EUR"}
_BEFORE = {"近": "under", "将近": "under", "不到": "under", "超": "over", "超过": "over", "逾": "over",
           "约": "about", "大约": "about"}
# number, 余/多, unit, 余/多, currency
_SUM = r"(\d+(?:\.\d+)?)(余|多)?(万亿|亿|千万|百万|万)?(余|多)?(美元|欧元|元)"
AMOUNT = re.compile(r"(将近|不到|超过|大约|近|超|逾|约)?" + _SUM)
_TAIL = re.compile(_SUM + "$")


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
    out = []
    for m in AMOUNT.finditer(text):
        before, number, more1, unit, more2, cur = m.groups()
        value = Decimal(number) * UNITS[unit or ""]
        value = int(value) if value == value.to_integral_value() else value.normalize()
        qualifier = _BEFORE.get(before or "", "over" if (more1 or more2) else "exact")
        out.append(Amount(m.start(), m.end(), value, CURRENCIES[cur], qualifier, m.group(0)))
    return out


def ends_with_amount(text: str) -> bool:
    """TEXT ends in a sum of money (…总投资3.5亿元)."""
    return _TAIL.search(text) is not None
