"""Page layout: lines -> typed blocks (chrome, metadata, byline, heading, paragraph)
-> articles. General rules only: nothing here knows a particular site."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache

from kg.ingest.html import extract_main_text
from kg.model import Source
from kg.normalize.text import normalize
from kg.resources import lexicon, lexicon_map

HEADING_MAX = 30  # a line this short with no clause punctuation is a heading
TITLE_MAX = 60
_CLAUSE_PUNCT = re.compile(r"[,;。!?、]")
_ENDS_SENTENCE = re.compile(r"[。!?;:…”’\")》】」』]$")
_DATE = re.compile(r"(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})")
_LEAD = re.compile(r"^(本报讯|新华社\S{0,6}电|\S{0,8}讯\s*\()")
_HAN = re.compile(r"^[\u3400-\u9fff]+$")


@dataclass
class Block:
    start: int
    end: int
    text: str
    kind: str = "para"  # chrome | meta | byline | heading | para
    fields: dict[str, str] = field(default_factory=dict)  # meta: parsed fields
    names: list[str] = field(default_factory=list)  # byline: the people named


@cache
def _chrome() -> tuple[re.Pattern, ...]:
    return tuple(re.compile(p) for p in lexicon("chrome"))


@cache
def _meta_key() -> re.Pattern:
    keys = sorted(lexicon_map("metadata_keys"), key=len, reverse=True)
    return re.compile(r"^\s*(" + "|".join(map(re.escape, keys)) + r")\s*[:]?\s*(.*?)\s*$")


@cache
def _roles() -> tuple[str, ...]:
    return tuple(sorted(lexicon("byline_roles"), key=len, reverse=True))


def raw_blocks(source: Source) -> list[Block]:
    """One block per line of a text file, or per paragraph of an HTML page's main text."""
    markup = source.kind == "html"
    if markup:
        spans = extract_main_text(source.text)
    else:
        spans, pos = [], 0
        for line in source.text.splitlines(keepends=True):
            spans.append((pos, pos + len(line)))
            pos += len(line)
    blocks = []
    for start, end in spans:
        text = normalize(source.text[start:end], markup)
        if text:
            # Trim the span to the visible text so the block's slice starts and ends on it.
            raw = source.text[start:end]
            lead = len(raw) - len(raw.lstrip())
            trail = len(raw) - len(raw.rstrip())
            blocks.append(Block(start + lead, end - trail, text))
    return blocks


def _parse_meta(text: str) -> dict[str, str] | None:
    if "。" in text or len(text) > 200:
        return None
    fields: dict[str, str] = {}
    for part in text.split("|"):
        m = _meta_key().match(part)
        if m and (m.group(2) or part.strip() != m.group(1)):
            field_name = lexicon_map("metadata_keys")[m.group(1)]
            fields.setdefault(field_name, m.group(2))
        elif part.strip() and fields:
            continue  # a stray cell in a metadata row
        elif part.strip():
            return None
    return fields or None


def _parse_byline(text: str) -> list[str] | None:
    """Names in a byline such as '□ 本报记者 丁南' or '(记者 韩维元 李 斌 通讯员 马逢春)'."""
    if len(text) > 60 or "。" in text or "," in text:
        return None
    inner = text.strip("□■()[]【】 ")
    marked = text[:1] in "□■"
    tokens = inner.replace("/", " / ").split()
    names, roles, pending = [], 0, ""
    for tok in tokens:
        if tok == "/":
            continue
        role = next((r for r in _roles() if tok.startswith(r)), None)
        if role is not None and (tok == role or _HAN.match(tok[len(role):] or "x")):
            roles += 1
            rest = tok[len(role):]
            if rest and role not in ("文", "图", "摄"):
                names.append(rest)
            continue
        if tok in ("文", "图", "摄") or tok.endswith(("摄", "文/图")) and len(tok) <= 5:
            roles += 1
            continue
        if not _HAN.match(tok) or len(tok) > 4:
            return None
        if len(tok) == 1:  # '李 斌': a two-character name spaced out
            pending += tok
            if len(pending) == 2:
                names.append(pending)
                pending = ""
            continue
        names.append(tok)
    if pending:
        names.append(pending)
    if (roles or marked) and names:
        return names
    return None


def _is_heading(text: str) -> bool:
    return len(text) <= HEADING_MAX and not _CLAUSE_PUNCT.search(text) and not _ENDS_SENTENCE.search(text)


def classify(blocks: list[Block]) -> list[Block]:
    for b in blocks:
        if any(p.search(b.text) for p in _chrome()):
            b.kind = "chrome"
        elif (fields := _parse_meta(b.text)) is not None:
            b.kind, b.fields = "meta", fields
        elif (names := _parse_byline(b.text)) is not None:
            b.kind, b.names = "byline", names
        elif _is_heading(b.text):
            b.kind = "heading"
    return [b for b in blocks if b.kind != "chrome"]


def page_header(blocks: list[Block]) -> tuple[dict[str, str], str | None, list[Block]]:
    """Metadata fields, the page title if the header gives one, and the body blocks.

    When a metadata row sits near the top, everything above it but the last
    heading (the title, as on a forum page) is site furniture."""
    meta_at = [i for i, b in enumerate(blocks[:40]) if b.kind == "meta"]
    fields: dict[str, str] = {}
    for i in meta_at:
        for k, v in blocks[i].fields.items():
            fields.setdefault(k, v)
    title = fields.get("title") or None
    if not meta_at:
        return fields, title, blocks
    first = meta_at[0]
    head = [b for b in blocks[:first] if b.kind == "heading"]
    keep = []
    if title is None and head:
        title = head[-1].text
        keep = [head[-1]]
    body = keep + [b for b in blocks[first:] if b.kind != "meta"]
    for b in body[:3]:
        if title and b.text == title:
            b.kind = "heading"  # the title repeated under the header row
    return fields, title, body


def _starts_article(blocks: list[Block], i: int) -> bool:
    """A heading followed closely by a byline or a news lead opens a new article."""
    if blocks[i].kind != "heading" or len(blocks[i].text) > TITLE_MAX:
        return False
    for b in blocks[i + 1 : i + 3]:
        if b.kind == "byline" or (b.kind == "para" and _LEAD.match(b.text)):
            return True
        if b.kind == "heading":
            return False
    return False


def split_articles(blocks: list[Block]) -> list[list[Block]]:
    groups: list[list[Block]] = [[]]
    for i, b in enumerate(blocks):
        if groups[-1] and _starts_article(blocks, i) and any(x.kind == "para" for x in groups[-1]):
            groups.append([])
        groups[-1].append(b)
    return [g for g in groups if any(b.kind in ("para", "heading") for b in g)]


def iso_date(value: str | None) -> str | None:
    if not value:
        return None
    m = _DATE.search(value)
    if not m:
        return None
    y, mo, d = (int(x) for x in m.groups())
    if not (1 <= mo <= 12 and 1 <= d <= 31):
        return None
    return f"{y:04d}-{mo:02d}-{d:02d}"


def continues(block: Block, nxt: Block | None) -> bool:
    """A paragraph cut mid-sentence by the page layout ('...谋' + '未来。')."""
    if nxt is None or block.kind != "para" or nxt.kind not in ("para", "heading"):
        return False
    last, first = block.text[-1], nxt.text[0]
    return bool(_HAN.match(last) and _HAN.match(first) and _CLAUSE_PUNCT.search(block.text))
