"""Stage 2: a decoded `Source` -> `Article`s of normalised sentences with original offsets."""

from __future__ import annotations

from kg.model import Article, Sentence, Source
from kg.normalize import layout, sentences
from kg.normalize.text import normalize

__all__ = ["articles", "normalize"]


def articles(source: Source) -> list[Article]:
    """The articles of SOURCE. Where each comes from (title, date, url, publisher,
    source) is read from the container first (JSONL fields, an HTML page's
    <h1>/<meta>), then from the text's header rows (发布时间/来源/来源网址 …);
    the file's modification day is the date's last resort, marked "mtime"."""
    dropped: list[layout.Block] = []
    blocks = layout.classify(layout.raw_blocks(source), source, dropped)
    fields, page_title, body = layout.page_header(blocks)
    meta = source.meta
    date, date_source = _date(meta, fields, source.mtime_date)
    origin = _origin(meta, fields, body)
    out: list[Article] = []
    groups = layout.split_articles(body)
    for number, group in enumerate(groups):
        inline: list[str] = []
        sents = _sentences(source, group, inline)
        if not sents:
            continue
        title = (meta.get("title") if number == 0 else None) or (
            page_title if number == 0 and page_title else _title(group, sents))
        authors = [n for b in group if b.kind == "byline" for n in b.names] + inline
        out.append(
            Article(
                doc=source.doc,
                number=len(out),
                title=normalize(title),
                sentences=sents,
                date=date,
                authors=list(dict.fromkeys(authors)),
                length=sum(len(s.text) for s in sents),
                date_source=date_source,
                hints=_hints(dropped, groups, number),
                **origin,
            )
        )
    return out


def _origin(meta: dict[str, str], fields: dict[str, str], body: list[layout.Block]) -> dict[str, str | None]:
    """Publisher, source, index number and address: the container's or the header rows' (a
    publisher not given is the source); the header's publisher and source, the container's url first.
    A lead's newsroom (商洛日报讯 (记者…)) stands in for a 来源 the page does not give."""
    if not (fields.get("source") or meta.get("source")):
        fields = {**fields, "source": _lead_newsroom(body)}
    return {
        "publisher": fields.get("publisher") or meta.get("publisher") or fields.get("source")
        or meta.get("source") or None,
        "source": fields.get("source") or meta.get("source") or None,
        "index_no": fields.get("index_no") or None,
        "url": meta.get("url") or fields.get("url") or None,
    }


def _hints(dropped: list[layout.Block], groups: list[list[layout.Block]], number: int) -> list[str]:
    """The dropped chrome lines of article NUMBER's stretch of the page: from its first
    block to the next article's (the first article also takes what comes before it,
    the last what comes after)."""
    lo = groups[number][0].start if number > 0 and groups[number] else -1
    nxt = groups[number + 1] if number + 1 < len(groups) else None
    hi = nxt[0].start if nxt else float("inf")
    return [b.text for b in dropped if lo <= b.start < hi]


def _lead_newsroom(body: list[layout.Block]) -> str | None:
    return next((b.fields["source"] for b in body if b.kind == "byline" and "source" in b.fields), None)


def _date(meta: dict[str, str], fields: dict[str, str], mtime: str | None) -> tuple[str | None, str | None]:
    for value, where in ((meta.get("date"), "metadata"), (fields.get("date"), "header")):
        if (iso := layout.iso_date(value)) is not None:
            return iso, where
    return (mtime, "mtime") if mtime else (None, None)


def _title(group: list[layout.Block], sents: list[Sentence]) -> str:
    for b in group[:3]:
        if b.kind == "heading":
            return b.text
    return sents[0].text[: layout.TITLE_MAX]


def _sentences(source: Source, group: list[layout.Block], bylines: list[str]) -> list[Sentence]:
    """The sentences of GROUP's paragraphs; names of bylines found inside them go to BYLINES."""
    text = source.text
    content = [b for b in group if b.kind in ("para", "heading")]
    out: list[Sentence] = []
    k = 0
    while k < len(content):
        para = [content[k]]
        while layout.continues(para[-1], content[k + 1] if k + 1 < len(content) else None):
            k += 1
            para.append(content[k])
        k += 1
        heading = len(para) == 1 and para[0].kind == "heading"
        for start, end in sentences.capped(text, sentences.split(text, [(b.start, b.end) for b in para])):
            norm = layout.source_text(source, start, end)
            if not any(ch.isalnum() for ch in norm):
                continue
            if (names := layout.byline_names(norm)) is not None:
                bylines.extend(names)  # a photo credit after a caption: '…观摩。 本报记者 甲乙 摄'
                continue
            out.append(Sentence(start, end, norm, heading, "\ufffd" in norm or "??" in norm))
    return out
