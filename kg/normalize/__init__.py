"""Stage 2: a decoded `Source` -> `Article`s of normalised sentences with original offsets."""

from __future__ import annotations

from kg.model import Article, Sentence, Source
from kg.normalize import layout, sentences
from kg.normalize.text import normalize

__all__ = ["articles", "normalize"]


def articles(source: Source) -> list[Article]:
    blocks = layout.classify(layout.raw_blocks(source), source)
    fields, page_title, body = layout.page_header(blocks)
    markup = source.kind == "html"
    out: list[Article] = []
    for number, group in enumerate(layout.split_articles(body)):
        sents = _sentences(source.text, group, markup)
        if not sents:
            continue
        title = page_title if number == 0 and page_title else _title(group, sents)
        authors = [n for b in group if b.kind == "byline" for n in b.names]
        out.append(
            Article(
                doc=source.doc,
                number=len(out),
                title=title,
                sentences=sents,
                date=layout.iso_date(fields.get("date")),
                publisher=fields.get("publisher") or fields.get("source") or None,
                source=fields.get("source") or None,
                index_no=fields.get("index_no") or None,
                authors=list(dict.fromkeys(authors)),
                length=sum(len(s.text) for s in sents),
            )
        )
    return out


def _title(group: list[layout.Block], sents: list[Sentence]) -> str:
    for b in group[:3]:
        if b.kind == "heading":
            return b.text
    return sents[0].text[: layout.TITLE_MAX]


def _sentences(text: str, group: list[layout.Block], markup: bool) -> list[Sentence]:
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
        for start, end in sentences.split(text, [(b.start, b.end) for b in para]):
            norm = normalize(text[start:end], markup)
            if not any(ch.isalnum() for ch in norm):
                continue
            out.append(Sentence(start, end, norm, heading, "\ufffd" in norm or "??" in norm))
    return out
