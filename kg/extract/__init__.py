"""Stage 3: extraction. Components (``components/``) are peers standing on one
Chinese-language layer (``zh/``); each declares what it requires of the article
document and what it assigns (``base.component``), and they run in the order of
``components.DEFAULT``. ``run(article)`` runs them all; ``run(doc, components=[...])``
runs some, on a document a test has prepared."""

from __future__ import annotations

from collections.abc import Sequence

from kg.extract.base import REGISTRY
from kg.extract.components import DEFAULT
from kg.extract.doc import ArticleDoc
from kg.model import Article, Fact


def run(article: Article | ArticleDoc, components: Sequence[str] = DEFAULT) -> list[Fact]:
    """The facts the COMPONENTS (in their order) find in ARTICLE."""
    doc = article if isinstance(article, ArticleDoc) else ArticleDoc(article)
    start = len(doc.facts)
    for name in components:
        doc.component = name
        REGISTRY[name].run(doc)
    doc.component = ""
    return doc.facts[start:]
