"""The article as extractors see it: sentences, plus what earlier components found.

Components change it only through the methods below (add_mention, set_region,
set_main_region, set_short_forms, add_alias, emit); they read the fields."""

from __future__ import annotations

from dataclasses import dataclass, field

from kg.extract.base import rule as rule_of
from kg.extract.zh.spans import clause_start
from kg.extract.zh.tokens import Cuts
from kg.model import Article, Fact, Ref, Sentence


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
    loose: set[str] = field(default_factory=set)  # towns named without their county (晋熙镇)
    parent_of: dict[str, Ref] = field(default_factory=dict)  # places outside the table -> parent
    facts: list[Fact] = field(default_factory=list)
    cut: Cuts = field(default_factory=Cuts)  # jieba's words, remembered for this article
    component: str = ""  # the component running now: emit() names it

    def __post_init__(self) -> None:
        n = len(self.article.sentences)
        self.region = [None] * n
        self.mentions = [[] for _ in range(n)]

    @property
    def sentences(self) -> list[Sentence]:
        return self.article.sentences

    # --- reading

    def found(self, i: int, type_: str) -> list[Mention]:
        return [m for m in self.mentions[i] if m.ref.type == type_]

    def last_before(self, i: int, type_: str) -> Ref | None:
        """The last TYPE_ named in a sentence before sentence I: what 该项目 refers to."""
        for j in range(i - 1, -1, -1):
            here = self.found(j, type_)
            if here:
                return here[-1].ref
        return None

    def latest(self, i: int, pos: int, levels: tuple[str, ...]) -> Ref | None:
        """The last Region of one of LEVELS named before POS of sentence I, or earlier."""
        for j in range(i, -1, -1):
            here = [m for m in self.mentions[j] if m.ref.type == "Region" and (j < i or m.end <= pos)
                    and dict(m.ref.props).get("level") in levels]
            if here:
                return max(here, key=lambda m: m.end).ref
        return None

    def clause_region(self, i: int, start: int) -> Ref | None:
        """The place named as the subject of the clause holding START (海恒社区将…项目),
        else the current region. A place inside a company's name is no subject
        (河南国玺超纯…公司)."""
        clause_opens = clause_start(self.sentences[i].text, start)
        inside = [(m.start, m.end) for m in self.mentions[i] if m.ref.type == "Company"]
        subjects = [m for m in self.mentions[i] if m.ref.type == "Region" and clause_opens <= m.start < start
                    and m.start == clause_opens and not any(a <= m.start < b for a, b in inside)]
        if subjects:
            return subjects[0].ref
        return self.region[i]

    # --- changing

    def add_mention(self, i: int, ref: Ref, start: int, end: int) -> Mention:
        m = Mention(ref, start, end)
        self.mentions[i].append(m)
        return m

    def set_region(self, i: int, ref: Ref | None) -> None:
        self.region[i] = ref

    def set_main_region(self, ref: Ref | None) -> None:
        self.main_region = ref

    def set_short_forms(self, shorts: set[str]) -> None:
        self.short_forms = shorts

    def add_loose(self, name: str) -> None:
        """NAME (a town) was found without the county it lies in."""
        self.loose.add(name)

    def set_parent(self, child: str, parent: Ref) -> None:
        """The parent of a place the division table does not hold (a zone, a town)."""
        self.parent_of.setdefault(child, parent)

    def add_alias(self, short: str, ref: Ref) -> None:
        """SHORT names REF in the rest of the article (the first entity given it keeps it)."""
        self.aliases.setdefault(short, ref)

    def emit(self, s: Ref, p: str, o: Ref, *, rule: str, at: int,
             props: tuple[tuple[str, object], ...] = ()) -> Fact:
        """A fact of sentence AT, by RULE of the running component (its confidence is data)."""
        r = rule_of(self.component, rule)
        fact = Fact(s, p, o, self.sentences[at], r.label, r.confidence, props)
        self.facts.append(fact)
        return fact

