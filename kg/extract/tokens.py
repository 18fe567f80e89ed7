"""jieba, set up once: quiet, with its cache in a private folder rather than /tmp's
shared jieba.cache, plus its dictionary's part-of-speech table for look-ups."""

from __future__ import annotations

import os
import tempfile
from functools import cache

import jieba


@cache
def tokenizer() -> jieba.Tokenizer:
    jieba.setLogLevel(60)
    tk = jieba.Tokenizer()
    tk.tmp_dir = os.path.join(tempfile.gettempdir(), f"kg-jieba-{os.getuid()}")
    os.makedirs(tk.tmp_dir, exist_ok=True)
    tk.initialize()
    return tk


# Parts of speech of proper or name-like words (None: not in the dictionary).
PROPER_TAGS = frozenset({None, "nz", "ns", "nr", "nrt", "x"})


def is_word(s: str) -> bool:
    """A word of jieba's dictionary (frequency above zero)."""
    return tokenizer().FREQ.get(s, 0) > 0


# Extractors cut the same stretch of an article again and again (a sentence's head
# for each name that ends in it); the memo lasts one article, so it stays small.
_cuts: dict[str, tuple[str, ...]] = {}


def cut(text: str) -> tuple[str, ...]:
    toks = _cuts.get(text)
    if toks is None:
        toks = _cuts[text] = tuple(tokenizer().cut(text, HMM=True))
    return toks


def new_article() -> None:
    """Start a new article: forget the last one's cuts."""
    _cuts.clear()


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
