"""Main text of a news page, with offsets back into the HTML source.

trafilatura finds the article body (it is built for news pages). Its output is
plain text with no positions, so each line is found again in a tag-free view
of the source that remembers where every character came from.
"""

from __future__ import annotations

import html
import re

import trafilatura
from trafilatura.utils import load_html

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


_SENTENCE_END = re.compile(r"[。！？!?]")
_HEAD = re.compile(r"<head\b.*?</head\s*>", re.S | re.I)
_BLOCK_TAG = re.compile(
    r"<!--.*?-->|<script\b.*?</script\s*>|<style\b.*?</style\s*>|"
    r"</?(?:p|div|br|li|ul|ol|h[1-6]|tr|td|th|table|section|article|header|footer|nav|aside|main|"
    r"blockquote|pre|dd|dt|dl|form|body|html|title|center|hr)\b[^>]*>", re.S | re.I)


def page_metadata(src: str) -> dict[str, str]:
    """What the page's markup says about it: title (the first <h1>, else what
    trafilatura reads from og:title/<title>), date (article:published_time and
    the like, or a date line, through htmldate), url (canonical/og:url) and
    publisher (og:site_name). Missing ones are left out."""
    meta: dict[str, str] = {}
    try:
        tree = load_html(src)
    except Exception:  # markup lxml cannot read: the text is still read as a page
        tree = None
    if tree is None:
        return meta
    for h1 in tree.iter("h1"):
        text = " ".join(h1.text_content().split())
        if text:
            meta["title"] = text
            break
    try:
        doc = trafilatura.extract_metadata(tree, date_config={"extensive_search": False, "original_date": True})
    except Exception:
        doc = None
    if doc is not None:
        if doc.title and "title" not in meta:
            meta["title"] = " ".join(doc.title.split())
        for key, value in (("date", doc.date), ("url", doc.url)):
            if value:
                meta[key] = value
        if doc.sitename and doc.sitename != doc.hostname:
            meta["publisher"] = doc.sitename
    return meta


def visible_blocks(src: str) -> list[tuple[int, int]]:
    """Spans of the visible text between block-level tags, outside <head>: the
    whole page, for when trafilatura finds no article body in a short page."""
    head = _HEAD.search(src)
    start = head.end() if head else 0
    spans: list[tuple[int, int]] = []
    pos = start
    for m in _BLOCK_TAG.finditer(src, start):
        if src[pos:m.start()].strip():
            spans.append((pos, m.start()))
        pos = m.end()
    if src[pos:].strip():
        spans.append((pos, len(src)))
    return spans


def extract_main_text(src: str) -> list[tuple[int, int]]:
    """Spans of ``src`` holding the page's main text, one per paragraph, in order.
    Paragraphs that cannot be located in the source are dropped. A page where
    trafilatura finds no body (a short news item; a headline is no body) gives its
    visible blocks."""
    text = trafilatura.extract(
        src, include_comments=False, include_tables=True, favor_recall=True, deduplicate=False
    )
    if not text or not _SENTENCE_END.search(text):
        return visible_blocks(src)  # no body: at most a headline
    view, origin = _text_view(src)
    spans: list[tuple[int, int]] = []
    cursor = 0
    for line in text.splitlines():
        for needle in _pieces(line):
            at = view.find(needle, cursor)
            if at < 0:
                at = view.find(needle)
            if at < 0:
                continue
            end = at + len(needle)
            spans.append((origin[at], origin[end - 1] + 1))
            cursor = end
    return spans or visible_blocks(src)


def _pieces(line: str) -> list[str]:
    """The page text in one line of trafilatura's output, which marks list items
    ('- ') and headings ('# '), and writes a table row as '| a | b |'."""
    line = " ".join(line.split())
    if line.startswith("|"):
        return [c.strip() for c in line.strip("|").split("|") if c.strip()]
    line = _MARK.sub("", line)
    return [line] if line else []


_MARK = re.compile(r"^(?:[-*+] |#{1,6} |\d+\. )")
