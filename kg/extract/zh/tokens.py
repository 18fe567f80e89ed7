"""jieba, set up once: quiet, with its cache in a private folder rather than /tmp's
shared jieba.cache, plus its dictionary's part-of-speech table for look-ups.

Cutting is the costly step; the cache of one article's cuts is a ``Cuts`` the
ArticleDoc owns (``doc.cut``), passed to every function here that cuts."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable
from functools import cache

import jieba

Cut = Callable[[str], tuple[str, ...]]


@cache
def tokenizer() -> jieba.Tokenizer:
    jieba.setLogLevel(60)
    tk = jieba.Tokenizer()
    tk.tmp_dir = os.path.join(tempfile.gettempdir(), f"kg-jieba-{os.getuid()}")
    os.makedirs(tk.tmp_dir, exist_ok=True)
    tk.initialize()
    return tk


def is_word(s: str) -> bool:
    """A word of jieba's dictionary (frequency above zero)."""
    return tokenizer().FREQ.get(s, 0) > 0


class Cuts:
    """jieba's words of a text, remembered: extractors cut the same stretch of an
    article again and again (a sentence's head for each name that ends in it).
    One per article, so it stays small."""

    def __init__(self) -> None:
        self._cuts: dict[str, tuple[str, ...]] = {}

    def __call__(self, text: str) -> tuple[str, ...]:
        toks = self._cuts.get(text)
        if toks is None:
            toks = self._cuts[text] = tuple(tokenizer().cut(text, HMM=True))
        return toks


@cache
def _tags() -> dict[str, str]:
    import jieba.posseg

    jieba.posseg.dt.tokenizer.tmp_dir = tokenizer().tmp_dir
    jieba.posseg.dt.tokenizer.initialize()
    return jieba.posseg.dt.word_tag_tab


def tag(word: str) -> str | None:
    """The part of speech jieba's dictionary gives a word (None: not in the dictionary).
    A table look-up, not posseg's slow tagging of running text."""
    return _tags().get(word)
