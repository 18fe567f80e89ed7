"""jieba, set up once: quiet, with its cache in a checked private folder rather
than /tmp's shared jieba.cache (cache_dir), plus its dictionary's part-of-speech
table for look-ups.

Cutting is the costly step; the cache of one article's cuts is a ``Cuts`` the
ArticleDoc owns (``doc.cut``), passed to every function here that cuts."""

from __future__ import annotations

import os
import shutil
import stat
import tempfile
from collections.abc import Callable
from functools import cache

import jieba

Cut = Callable[[str], tuple[str, ...]]


@cache
def tokenizer() -> jieba.Tokenizer:
    jieba.setLogLevel(60)
    tk = jieba.Tokenizer()
    _initialize(tk)
    return tk


def _initialize(tk: jieba.Tokenizer) -> None:
    folder = cache_dir()
    if folder is not None:
        tk.tmp_dir = folder
        tk.initialize()
        return
    fresh = tempfile.mkdtemp(prefix="kg-jieba-")  # mode 0700, a name no one can guess
    try:
        tk.tmp_dir = fresh
        tk.initialize()  # the only time jieba reads or writes its cache
    finally:
        shutil.rmtree(fresh, ignore_errors=True)


@cache
def cache_dir() -> str | None:
    """Where jieba keeps its dictionary cache, which it loads as it finds it: what
    is planted there changes every cut. A per-user folder ($XDG_CACHE_HOME or
    ~/.cache, then kg/jieba), created 0700 and used only if it is a real folder
    of this user that no one else can write, in a parent no one else can write;
    otherwise None: jieba then builds its dictionary (about a second) in a fresh
    private folder, removed at once."""
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    path = os.path.join(base, "kg", "jieba")
    try:
        os.makedirs(os.path.dirname(path), mode=0o700, exist_ok=True)
        os.makedirs(path, mode=0o700, exist_ok=True)
        if _private(path) and _private(os.path.dirname(path)):
            return path
    except OSError:
        pass
    return None


def _private(path: str) -> bool:
    st = os.lstat(path)
    return stat.S_ISDIR(st.st_mode) and st.st_uid == os.getuid() and not st.st_mode & 0o022


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

    _initialize(jieba.posseg.dt.tokenizer)
    return jieba.posseg.dt.word_tag_tab


def tag(word: str) -> str | None:
    """The part of speech jieba's dictionary gives a word (None: not in the dictionary).
    A table look-up, not posseg's slow tagging of running text."""
    return _tags().get(word)
