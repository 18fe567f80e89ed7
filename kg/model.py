"""The data that flows between stages: ingest -> normalise -> extract -> resolve -> graph."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Source:
    """One input file, decoded. ``text`` is the original every offset points into."""

    doc: str  # path relative to the folder given to `kg build`, or the file name
    path: str  # path on disk
    text: str
    encoding: str
    kind: str  # "text", "html" or "markdown"
    # What the container says about the article, before its text is read: JSONL
    # fields, an HTML page's <h1>/<title>/<meta>. Keys: title, date, url,
    # publisher, source (values as written). See kg.normalize.articles.
    meta: dict[str, str] = field(default_factory=dict)
    mtime_date: str | None = None  # the file's modification day (UTC), the date's last resort


@dataclass(frozen=True)
class Skip:
    """An input that could not be read, and why."""

    doc: str
    reason: str


@dataclass(frozen=True)
class Sentence:
    start: int  # offsets into Source.text: original[start:end] is the sentence as written
    end: int
    text: str  # normalised: Simplified, no pinyin, half-width letters/digits/brackets
    heading: bool = False  # a title or section heading line
    damaged: bool = False  # holds bytes lost to a bad decode (flagged, not repaired)


def document_id(doc: str, number: int) -> str:
    """The Document node id of article NUMBER of file DOC."""
    return f"doc:{doc}#{number}"


@dataclass
class Article:
    doc: str
    number: int
    title: str
    sentences: list[Sentence]
    date: str | None = None
    publisher: str | None = None
    source: str | None = None  # 来源
    index_no: str | None = None  # 索引号
    authors: list[str] = field(default_factory=list)
    length: int = 0  # characters of normalised body text
    url: str | None = None  # the page's address
    # Where the date comes from: "metadata" (a JSONL field, an HTML <meta> or date line), "header"
    # (a 发布时间 line in the text) or "mtime" (the file's modification day: only in
    # documents.jsonl, never in the graph, which must not change with a clone).
    date_source: str | None = None
    # Texts of page chrome (breadcrumbs, related links, menus) around the article: ingest drops
    # them from the body, but a place they name is the region of a page whose body names none.
    # Not written to documents.jsonl.
    hints: list[str] = field(default_factory=list)

    @property
    def id(self) -> str:
        return document_id(self.doc, self.number)

    def record(self) -> dict:
        """The line written to documents.jsonl."""
        return {
            "id": self.id,
            "doc": self.doc,
            "article": self.number,
            "title": self.title,
            "date": self.date,
            "date_source": self.date_source,
            "publisher": self.publisher,
            "source": self.source,
            "url": self.url,
            "index_no": self.index_no,
            "authors": self.authors,
            "length": self.length,
            "sentences": len(self.sentences),
        }


@dataclass(frozen=True)
class Ref:
    """An entity as an extractor saw it; the resolve stage turns it into a node id.

    ``scope`` qualifies identity where a name alone is ambiguous: an Official's
    region or body (two 王伟 in two counties are two people)."""

    type: str
    name: str
    scope: str = ""
    props: tuple[tuple[str, object], ...] = ()
    aliases: tuple[str, ...] = ()


@dataclass(frozen=True)
class Fact:
    s: Ref
    p: str
    o: Ref
    sentence: Sentence
    extractor: str
    confidence: float = 0.8
    props: tuple[tuple[str, object], ...] = ()
