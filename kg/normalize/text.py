"""Character-level normalisation: what extractors see.

Order matters: inserted pinyin is removed first (it sits after Traditional
characters), then full-width forms are folded, then Traditional -> Simplified,
then whitespace is tidied. `normalize(original[start:end])` is, by
construction, the text of the sentence at that span.
"""

from __future__ import annotations

import html
import re
from functools import cache

import zhconv

# A bracketed pinyin syllable with a tone mark: 計(jì). Usually right after a Han
# character; next to bytes lost in a bad decode it may follow junk ('?;l(fā)') or
# have lost its opening bracket ('?zèng)'), so the Han look-behind is not required.
_TONED = "āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜńňǹḿ"
PINYIN = re.compile(
    rf"[(（][a-zü]{{0,5}}[{_TONED}][a-zü]{{0,5}}[)）]|(?<=\?)[a-zü]{{0,5}}[{_TONED}][a-zü]{{0,5}}[)）]"
)
# Full-width ASCII variants -> ASCII; ideographic space -> space.
_WIDTH = {cp: cp - 0xFEE0 for cp in range(0xFF01, 0xFF5F)}
_WIDTH[0x3000] = 0x20
_MARKUP = re.compile(r"<[^>]*>")
_NEWLINE_WS = re.compile(r"[ \t\u00a0]*[\r\n]+[\s\u00a0]*")
_SPACES = re.compile(r"[ \t\u00a0\f\v]+")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f\ud800-\udfff]")


def fold_width(s: str) -> str:
    return s.translate(_WIDTH)


def to_simplified(s: str) -> str:
    # zh-cn converts by phrase (著力 -> 着力); zh-hans, by character only, leaves such errors.
    return zhconv.convert(s, "zh-cn")


@cache
def _markdown():
    from markdown_it import MarkdownIt

    return MarkdownIt("commonmark")


def markdown_text(s: str) -> str:
    """The text a reader sees in a piece of Markdown: '县委书记**王五**' → '县委书记王五'
    (emphasis, links, headings, list and quote marks go; code and image alt text stay)."""
    out: list[str] = []
    for tok in _markdown().parse(s):
        if tok.type == "inline":
            for c in tok.children or ():
                if c.type in ("text", "code_inline"):
                    out.append(c.content)
                elif c.type in ("softbreak", "hardbreak"):
                    out.append("\n")
                elif c.type == "image":
                    out.append(c.content)
        elif tok.type in ("code_block", "fence"):
            out.append(tok.content)
        elif tok.nesting == -1 and tok.block:
            out.append("\n")
    return "".join(out)


def normalize(s: str, markup: bool = False, markdown: bool = False) -> str:
    """Normalise a piece of original text (an HTML fragment when ``markup``, a
    piece of Markdown when ``markdown``)."""
    if markdown:
        s = markdown_text(s)
    if markup:
        s = html.unescape(_MARKUP.sub(" ", s))
    s = _CONTROL.sub("", s)
    s = PINYIN.sub("", s)
    s = fold_width(s)
    s = to_simplified(s)
    s = _NEWLINE_WS.sub("", s)  # a line break inside a sentence is layout, not a space
    s = _SPACES.sub(" ", s)
    return s.strip()
