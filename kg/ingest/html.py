"""Main text of a news page, with offsets back into the HTML source.

trafilatura finds the article body (it is built for news pages). Its output is
plain text with no positions, so each line is found again in a tag-free view
of the source that remembers where every character came from.
"""

from __future__ import annotations

import html
import re

import trafilatura

_TAG = re.compile(r"<!--.*?-->|<script\b.*?</script\s*>|<style\b.*?</style\s*>|<[^>]*>", re.S | re.I)
_ENTITY = re.compile(r"&(#\d+|#[xX][0-9a-fA-F]+|[A-Za-z][A-Za-z0-9]{1,31});")


def _text_view(src: str) -> tuple[str, list[int]]:
    """The source with tags dropped, entities decoded and whitespace runs folded to one
    space; ``origin[i]`` is the source offset of view character i."""
    chars: list[str] = []
    origin: list[int] = []
    pos = 0

    def emit(text: str, at: int) -> None:
        for ch in text:
            if ch.isspace():
                if chars and chars[-1] == " ":
                    continue
                ch = " "
            chars.append(ch)
            origin.append(at)

    for m in _TAG.finditer(src):
        _emit_plain(src, pos, m.start(), emit)
        emit(" ", m.start())  # a tag separates words
        pos = m.end()
    _emit_plain(src, pos, len(src), emit)
    return "".join(chars), origin


def _emit_plain(src: str, start: int, end: int, emit) -> None:
    pos = start
    for m in _ENTITY.finditer(src, start, end):
        for i in range(pos, m.start()):
            emit(src[i], i)
        emit(html.unescape(m.group(0)), m.start())
        pos = m.end()
    for i in range(pos, end):
        emit(src[i], i)


def extract_main_text(src: str) -> list[tuple[int, int]]:
    """Spans of ``src`` holding the page's main text, one per paragraph, in order.
    Paragraphs that cannot be located in the source are dropped."""
    text = trafilatura.extract(
        src, include_comments=False, include_tables=True, favor_recall=True, deduplicate=False
    )
    if not text:
        return []
    view, origin = _text_view(src)
    spans: list[tuple[int, int]] = []
    cursor = 0
    for line in text.splitlines():
        needle = " ".join(line.split())
        if not needle:
            continue
        at = view.find(needle, cursor)
        if at < 0:
            at = view.find(needle)
        if at < 0:
            continue
        end = at + len(needle)
        spans.append((origin[at], origin[end - 1] + 1))
        cursor = end
    return spans
