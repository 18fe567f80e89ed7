"""The article as extractors see it: sentences plus what earlier components found."""

from __future__ import annotations

from dataclasses import dataclass, field

from kg.model import Article, Ref, Sentence


@dataclass
class Mention:
    ref: Ref
    start: int  # offsets into the sentence's normalised text
    end: int


@dataclass
class ArticleDoc:
    article: Article
    region: list[Ref | None] = field(default_factory=list)  # current region, per sentence
    main_region: Ref | None = None
    mentions: list[list[Mention]] = field(default_factory=list)  # per sentence
    aliases: dict[str, Ref] = field(default_factory=dict)  # short form -> entity, article scope
    short_forms: set[str] = field(default_factory=set)  # county short forms usable here (宝丰)

    def __post_init__(self) -> None:
        n = len(self.article.sentences)
        self.region = [None] * n
        self.mentions = [[] for _ in range(n)]

    @property
    def sentences(self) -> list[Sentence]:
        return self.article.sentences

    def found(self, i: int, type_: str) -> list[Mention]:
        return [m for m in self.mentions[i] if m.ref.type == type_]

    def last_before(self, i: int, type_: str) -> Ref | None:
        """The last TYPE_ named in a sentence before sentence I: what 该项目 refers to."""
        for j in range(i - 1, -1, -1):
            here = self.found(j, type_)
            if here:
                return here[-1].ref
        return None
