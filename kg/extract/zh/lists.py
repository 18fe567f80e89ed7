"""Word lists as regular expressions: a longer word must win over its own prefix (经开区 before 开发区
is not enough: 经济开发区 must be tried before 开发区), so alternations are longest first."""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import cache

from kg.resources import lexicon


def longest_first(words: Iterable[str]) -> tuple[str, ...]:
    """WORDS, longest first (ties keep their order)."""
    return tuple(sorted(words, key=len, reverse=True))


def alternation(words: Iterable[str]) -> str:
    """A regex alternation matching any of WORDS, the longest where several match."""
    return "|".join(map(re.escape, longest_first(words)))


@cache
def longest(lexicon_name: str) -> tuple[str, ...]:
    """The words of schema/lexicons/LEXICON_NAME.txt, longest first."""
    return longest_first(lexicon(lexicon_name))


@cache
def lexicon_re(lexicon_name: str, template: str = "(?:{})") -> re.Pattern:
    """TEMPLATE with the alternation of a lexicon's words in its {}."""
    return re.compile(template.format(alternation(lexicon(lexicon_name))))
