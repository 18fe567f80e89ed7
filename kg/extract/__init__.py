"""Stage 3: extractors, registered in one place and run in order over each article.

Like a spaCy pipeline: each component is a small module with
``run(doc: ArticleDoc) -> Iterable[Fact]``; earlier components leave mentions
and context on the doc for later ones (regions before officials, projects
before amounts)."""

from __future__ import annotations

from collections.abc import Callable, Iterable

from kg.extract import tokens
from kg.extract.doc import ArticleDoc
from kg.model import Article, Fact

Component = Callable[[ArticleDoc], Iterable[Fact]]
PIPELINE: list[tuple[str, Component]] = []


def register(name: str) -> Callable[[Component], Component]:
    def deco(fn: Component) -> Component:
        PIPELINE.append((name, fn))
        return fn
    return deco


def run(article: Article) -> list[Fact]:
    tokens.new_article()
    doc = ArticleDoc(article)
    facts: list[Fact] = []
    for _name, component in PIPELINE:
        facts.extend(component(doc))
    return facts


# Registration order is run order.
from kg.extract import components  # noqa: E402,F401
