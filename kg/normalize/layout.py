"""Page layout: lines -> typed blocks (chrome, metadata, byline, heading, paragraph)
-> articles. General rules only: nothing here knows a particular site."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import datetime, timezone
from functools import cache

from kg.ingest.html import extract_main_text
from kg.model import Source
from kg.normalize.text import normalize
from kg.resources import lexicon, lexicon_map

HEADING_MAX = 30  # a line this short with no clause punctuation is a heading
TITLE_MAX = 60
LABEL_MAX = 8  # a channel or place label before '|' in a headline is at most this long
MENU_WORDS = 4  # a line of this many short space-separated words and no clause is a menu
_CLAUSE_PUNCT = re.compile(r"[,;。!?、]")
_ENDS_SENTENCE = re.compile(r"[。!?;:…”’\")》】」』]$")
_DATE = re.compile(r"(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})")
_LEAD = re.compile(r"^(本报讯|新华社\S{0,6}电|\S{0,8}讯\s*\()")
_HAN = re.compile(r"^[\u3400-\u9fff]+$")
# '本网讯 (记者 甲 乙)…', '某某日報訊（通訊員 丙）…': a byline in brackets right
# after the news lead, matched in the ORIGINAL text (Simplified or Traditional).
_LEAD_BYLINE = re.compile(r"\s*(\S{0,12}[讯訊])\s*([(（【\[])([^()（）【】\[\]\n]{2,40})([)）】\]])")
_URL = re.compile(r"(?i)(?:https?://|www\.)[!-~]+")
_DATE_TIME = re.compile(
    r"\d{4}\s*[-/.年]\s*\d{1,2}\s*[-/.月]\s*\d{1,2}日?(?:\s*\d{1,2}[:时]\d{2}(?::\d{2})?分?)?")
# Where a line is cut when a chrome pattern matches inside it: after a sentence
# end, at a '|' cell border, at a wide gap. A line with chrome keeps its sentences.
_PIECE_END = re.compile(r"(?<=[。！？!?])|\s*[|｜]\s*|\s{2,}|\u3000+")
_SENTENCE_END = re.compile(r"[。!?]")
URL_FIELDS = ("url",)


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
def _inner_key() -> re.Pattern:
    """A further field inside one cell: 'key:' after a space ('来源:X 时间:Y 点击:')."""
    keys = sorted(lexicon_map("metadata_keys"), key=len, reverse=True)
    return re.compile(r"(?<=\s)(?:" + "|".join(map(re.escape, keys)) + r")\s*:")


@cache
def _roles() -> tuple[str, ...]:
    return tuple(sorted(lexicon("byline_roles"), key=len, reverse=True))


@cache
def _glued_role() -> re.Pattern:
    """A role word of two characters or more written against the names around it
    ('记者甲乙编辑丙丁审核戊己'); one-character roles (文, 图) also occur inside names."""
    return re.compile("(" + "|".join(re.escape(r) for r in _roles() if len(r) >= 2) + ")")


def source_text(source: Source, start: int, end: int) -> str:
    """The normalised text of ``source.text[start:end]``, read as its kind."""
    return normalize(source.text[start:end], source.kind == "html", source.kind == "markdown")


def raw_blocks(source: Source) -> list[Block]:
    """One block per line of a text file, or per paragraph of an HTML page's main text."""
    if source.kind == "html":
        spans = extract_main_text(source.text)
    else:
        spans, pos = [], 0
        for line in source.text.splitlines(keepends=True):
            spans.append((pos, pos + len(line)))
            pos += len(line)
    blocks = []
    for start, end in spans:
        text = source_text(source, start, end)
        if text:
            # Trim the span to the visible text so the block's slice starts and ends on it.
            raw = source.text[start:end]
            lead = len(raw) - len(raw.lstrip())
            trail = len(raw) - len(raw.rstrip())
            blocks.append(Block(start + lead, end - trail, text))
    return blocks


def _parse_meta(text: str) -> dict[str, str] | None:
    """Fields of a metadata row: 'key: value' cells split by '|' or spaces; a bare
    date or address in a cell is the date or the url. None when it is not one."""
    if "。" in text or len(text) > 200:
        return None
    fields: dict[str, str] = {}
    for cell in re.split(r"\s*[|｜]\s*", text):
        cuts = [0, *(m.start() for m in _inner_key().finditer(cell)), len(cell)]
        for part in (cell[a:b] for a, b in zip(cuts, cuts[1:])):
            m = _meta_key().match(part)
            if m and (m.group(2) or part.strip() != m.group(1)):
                _add_field(fields, lexicon_map("metadata_keys")[m.group(1)], m.group(2))
            elif (bare := _bare_value(part)) is not None:
                _add_field(fields, *bare)
            elif part.strip() and fields:
                continue  # a stray cell in a metadata row
            elif part.strip():
                return None
    return fields or None


def _bare_value(part: str) -> tuple[str, str] | None:
    """A cell that is only a date (with its time) or only an address."""
    part = part.strip()
    if (m := _DATE_TIME.fullmatch(part)) is not None:
        return "date", m.group(0)
    if (m := _URL.fullmatch(part)) is not None:
        return "url", m.group(0)
    return None


def _add_field(fields: dict[str, str], name: str, value: str) -> None:
    """A date or an address written inside another field's value is its own field
    ('来源:成都日报 2019-02-16 01:37 https://…' → source, date, url)."""
    if name not in ("date", "url"):
        for other, pattern in (("date", _DATE_TIME), ("url", _URL)):
            if (m := pattern.search(value)) is not None:
                fields.setdefault(other, m.group(0))
                value = (value[: m.start()] + " " + value[m.end():]).strip()
    if value.strip() not in lexicon("metadata_blank"):
        fields.setdefault(name, value.strip())


def byline_names(text: str) -> list[str] | None:
    """The people a byline names ('本报记者 甲乙 摄'), or None when TEXT is not one."""
    return _parse_byline(text)


def _parse_byline(text: str) -> list[str] | None:
    """Names in a byline such as '□ 本报记者 丁南' or '(记者 韩维元 李 斌 通讯员 马逢春)'."""
    if len(text) > 60 or "。" in text or "," in text:
        return None
    inner = text.strip("□■()[]【】 ")
    marked = text[:1] in "□■"
    tokens = _glued_role().sub(r" \1 ", inner.replace("/", " / ")).split()
    names, roles, pending = [], 0, ""
    for tok in tokens:
        kind, name = _byline_token(tok)
        if kind == "other":
            return None
        roles += kind == "role"
        if kind == "char":  # '李 斌': a two-character name spaced out
            pending += name
            if len(pending) == 2:
                names.append(pending)
                pending = ""
        elif name:
            names.append(name)
    if pending:
        names.append(pending)
    if (roles or marked) and names:
        return names
    return None


def _byline_token(tok: str) -> tuple[str, str]:
    """What a byline's word is, and the name it gives: ("role", the name glued to it or ""),
    ("name", tok), ("char", one character of a spaced-out name), ("skip", ""), or
    ("other", ""): a word no byline holds."""
    if tok == "/":
        return "skip", ""
    if (glued := _role_name(tok)) is not None:
        return "role", glued
    if not _HAN.match(tok) or len(tok) > 4:
        return "other", ""
    return ("char" if len(tok) == 1 else "name"), tok


def _role_name(tok: str) -> str | None:
    """TOK is a role (记者, 通讯员, 摄): the name glued to it, or ""; None when it is no role."""
    role = next((r for r in _roles() if tok.startswith(r)), None)
    if role is not None and (tok == role or _HAN.match(tok[len(role):] or "x")):
        rest = tok[len(role):]
        return rest if rest and role not in ("文", "图", "摄") else ""
    if tok in ("文", "图", "摄") or tok.endswith(("摄", "文/图")) and len(tok) <= 5:
        return ""
    return None


def _is_heading(text: str) -> bool:
    return len(text) <= HEADING_MAX and not _CLAUSE_PUNCT.search(text) and not _ENDS_SENTENCE.search(text)


def _is_chrome(text: str) -> bool:
    return any(p.search(text) for p in _chrome())


def _block(source: Source, start: int, end: int) -> Block | None:
    """The block of ``source.text[start:end]``, trimmed to its visible text."""
    raw = source.text[start:end]
    text = source_text(source, start, end)
    if not text:
        return None
    lead, trail = len(raw) - len(raw.lstrip()), len(raw) - len(raw.rstrip())
    return Block(start + lead, end - trail, text)


def _without_chrome(source: Source, b: Block) -> list[Block]:
    """A line where a chrome pattern matches loses the matching pieces, not its
    sentences: '…项目开工。京ICP备…号' keeps '…项目开工。'. Pieces that hold no
    sentence end are furniture beside the chrome and go with it."""
    cuts = [b.start]
    for m in _PIECE_END.finditer(source.text, b.start, b.end):
        cuts += [m.start(), m.end()]
    cuts.append(b.end)
    pieces = [p for a, z in zip(cuts[::2], cuts[1::2]) if z > a and (p := _block(source, a, z))]
    if not any(_is_chrome(p.text) for p in pieces):
        return []  # the pattern spans the pieces ('上一条…下一条…'): the line is chrome
    kept: list[Block] = []
    for piece in pieces:
        if _is_chrome(piece.text) and _SENTENCE_END.search(piece.text):
            break  # a chrome sentence ('免责声明:本网转载…。') runs to the end of the line
        if _is_chrome(piece.text) or not _SENTENCE_END.search(piece.text):
            continue
        if kept and source.text[kept[-1].end:piece.start].strip() in ("", "|", "｜"):
            kept[-1] = _block(source, kept[-1].start, piece.end) or piece  # one run of sentences
        else:
            kept.append(piece)
    return kept


def _split_lead_byline(source: Source, b: Block) -> list[Block]:
    """'本网讯 (记者 甲 乙)正文…' → a byline block naming 甲, 乙 and the paragraph."""
    m = _LEAD_BYLINE.match(source.text, b.start, b.end)
    if m is None:
        return [b]
    names = _parse_byline(normalize(m.group(2) + m.group(3) + m.group(4)))  # plain text: no markup inside
    rest = _block(source, m.end(), b.end)
    if not names or rest is None:
        return [b]
    # The newsroom of the lead (商洛日报讯 -> 商洛日报) is the article's source: its place
    # names the region; 本报讯/本网讯 name none.
    room = normalize(m.group(1))[:-1].strip()
    fields = {"source": room} if len(room) >= 2 and not room.startswith("本") else {}
    return [Block(b.start, m.end(), source_text(source, b.start, m.end()), "byline", fields=fields, names=names),
            rest]


def _split_glued_meta(source: Source, b: Block) -> list[Block]:
    """'发布时间:2023-01-05 来源:某县融媒体中心 1月4日,某县召开…。': a metadata row
    glued to the first paragraph is cut where the last field's first word ends."""
    if not _meta_key().match(b.text) or "。" not in b.text or source.kind == "html":
        return [b]
    head = b.text[:200]
    keys = [0, *(m.start() for m in _inner_key().finditer(head))]
    last = head[keys[-1]:]
    m = _meta_key().match(last)
    if m is None:
        return [b]
    value = m.group(2)
    word = _DATE_TIME.match(value) or _URL.match(value) or re.match(r"\S+", value)
    if word is None or not value[word.end():].strip():
        return [b]
    cut = keys[-1] + m.start(2) + word.end()  # offset in the normalised text
    fields = _parse_meta(b.text[:cut])
    at = _raw_offset(source, b, cut)
    if fields is None or at is None:
        return [b]
    body = _block(source, at, b.end)
    meta = _block(source, b.start, at)
    if body is None or meta is None:
        return [b]
    meta.kind, meta.fields = "meta", fields
    return [meta, body]


def _raw_offset(source: Source, b: Block, k: int) -> int | None:
    """Where in the original text the first K normalised characters of B end."""
    want = b.text[:k].strip()
    for x in range(b.start + len(want), min(b.end, b.start + 4 * k + 8) + 1):
        got = source_text(source, b.start, x)
        if got == want:
            return x
        if len(got) > len(want):
            return None
    return None


def classify(blocks: list[Block], source: Source | None = None,
             dropped: list[Block] | None = None) -> list[Block]:
    """Type each block, dropping chrome. With SOURCE, a line where chrome matches
    keeps its sentences, and a lead byline or a glued metadata row is cut off.
    DROPPED, if given, gets the chrome and menu lines dropped whole (region hints)."""
    out: list[Block] = []
    for b in blocks:
        if (names := _parse_byline(b.text)) is not None:
            b.kind, b.names = "byline", names
            out.append(b)
            continue
        if (fields := _parse_meta(b.text)) is not None:
            b.kind, b.fields = "meta", fields
            out.append(b)
            continue
        parts = _content_parts(source, b)
        gone = [b] if not parts else [q for q in parts if q.kind == "para" and _is_menu(q.text)]
        if dropped is not None:
            dropped.extend(gone)
        for q in parts:
            if q in gone:
                continue
            if q.kind == "para" and _is_heading(q.text):
                q.kind = "heading"
            out.append(q)
    return out


def _content_parts(source: Source | None, b: Block) -> list[Block]:
    """B without its chrome; with SOURCE, also cut at a glued metadata row and a lead byline."""
    if source is None:
        return [] if _is_chrome(b.text) else [b]
    parts = _without_chrome(source, b) if _is_chrome(b.text) else [b]
    return [q for p in parts for r in _split_glued_meta(source, p) for q in _split_lead_byline(source, r)]


def _is_menu(text: str) -> bool:
    """A row of links: many short words with spaces between and no sentence
    ('成都新闻 新都新闻 温江新闻 …', '首页 要闻 查看内容 …', a region switcher)."""
    words = text.split()
    return len(words) >= MENU_WORDS and all(len(w) <= 8 for w in words) and not _CLAUSE_PUNCT.search(text)


def page_header(blocks: list[Block]) -> tuple[dict[str, str], str | None, list[Block]]:
    """Metadata fields, the page title if the header gives one, and the body blocks.

    A header row is a metadata row with no paragraph of sentences above it (an
    address line alone, '来源网址: …', is not one). Everything above it but the
    title is site furniture; the title is the last heading above it, or the last
    short line there that ends no sentence ('四川南充 | 县长甲:加快推进…,确保…')."""
    meta_at = [i for i, b in enumerate(blocks[:40]) if b.kind == "meta"]
    fields = _merged_fields(blocks, meta_at)
    title = fields.get("title") or None
    header = _header_row(blocks, meta_at)
    if header is None:
        return fields, title, [b for b in blocks if b.kind != "meta"]
    keep = []
    if title is None:
        title, keep = _title_above([b for b in blocks[:header] if b.kind in ("heading", "para")])
    body = keep + [b for b in blocks[header:] if b.kind != "meta"]
    for b in body[:3]:
        if title and b.text == title:
            b.kind = "heading"  # the title repeated under the header row
    return fields, title, body


def _merged_fields(blocks: list[Block], meta_at: list[int]) -> dict[str, str]:
    fields: dict[str, str] = {}
    for i in meta_at:
        for k, v in blocks[i].fields.items():
            if v and k not in fields:
                fields[k] = v  # the first row that fills a field wins
    return fields


def _header_row(blocks: list[Block], meta_at: list[int]) -> int | None:
    """The metadata row that heads the page: the first with a field other than an
    address, unless a sentence comes before it (then it is a source line under the article)."""
    header = next((i for i in meta_at if set(blocks[i].fields) - {*URL_FIELDS, "ignore"}), None)
    if header is not None and any(b.kind == "para" and _SENTENCE_END.search(b.text) for b in blocks[:header]):
        return None
    return header


def _title_above(above: list[Block]) -> tuple[str | None, list[Block]]:
    """The title written above the header row (its last line, if it reads as one; else
    the last heading), and the blocks kept for it."""
    if not above:
        return None, []
    last = above[-1]
    if last.kind == "heading" or (len(last.text) <= TITLE_MAX and not _ENDS_SENTENCE.search(last.text)):
        last.kind = "heading"
        return _without_label(last.text), [last]
    if heads := [b for b in above if b.kind == "heading"]:
        return heads[-1].text, [heads[-1]]
    return None, []


def _without_label(title: str) -> str:
    """'四川南充 | 县长甲乙:加快推进项目建设' → the headline without its channel label."""
    label, bar, rest = title.partition("|")
    if bar and 0 < len(label.strip()) <= LABEL_MAX and len(rest.strip()) > 2 * len(label.strip()):
        return rest.strip()
    return title


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
    """'2024年3月5日', '2024-03-05T10:00:00+08:00', '2024/3/5 10:00', a Unix time
    in seconds or milliseconds → '2024-03-05' (a Unix time read in UTC)."""
    if not value:
        return None
    value = str(value).strip()
    if re.fullmatch(r"\d{10}|\d{13}", value):
        seconds = int(value) // (1000 if len(value) == 13 else 1)
        return datetime.fromtimestamp(seconds, timezone.utc).date().isoformat()
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
