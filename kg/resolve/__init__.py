"""Stage 4: extracted facts -> graph nodes and edges, with stable ids.

Identity rules (docs/SCHEMA.md): a Region, Project, Company, ... is its canonical
name; an Official is a name within a scope (region or body), so one person
named in several articles about the same region is one node, and the same
name in two regions is two. A project named several ways in one file is one
node, its other names aliases (kg/resolve/projects.py); one project named in
several files is made one node once the files' graphs are merged
(kg/resolve/across.py, run by kg.pipeline)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace
from functools import cache

from kg.graph import Edge, Graph, Node
from kg.model import Article, Fact, Ref
from kg.resolve.projects import canonical_projects
from kg.resources import lexicon_map


def node_id(ref: Ref) -> str:
    if ref.type == "Official":
        return f"official:{ref.scope}/{ref.name}"
    if ref.type == "Amount":
        props = dict(ref.props)
        return f"amount:{props['currency']}:{props['value']}:{props.get('qualifier', 'exact')}"
    return f"{ref.type.lower()}:{ref.name}"


def to_node(ref: Ref) -> Node:
    props = {k: v for k, v in ref.props if v is not None}
    if ref.type == "Official" and ref.scope:
        props.setdefault("scope", ref.scope)
    return Node(node_id(ref), ref.type, ref.name, [a for a in ref.aliases if a != ref.name], props)


def provenance(article: Article, fact: Fact) -> dict:
    s = fact.sentence
    return {"doc": article.doc, "article": article.number, "start": s.start, "end": s.end,
            "text": s.text, "extractor": fact.extractor, "confidence": fact.confidence}


def document_props(art: Article) -> dict:
    """A Document node's properties: what a citation needs ("title — publisher,
    date — url"). A date read from the file's modification time is left out: it
    changes with every copy or clone, and the graph must not (docs/SCHEMA.md)."""
    return {"title": art.title, "date": art.date if art.date_source != "mtime" else None,
            "publisher": art.publisher, "source": art.source, "url": art.url,
            "path": art.doc, "article": art.number}


@cache
def _stage_rank() -> dict[str, int]:
    """Stages in the order a project goes through them (schema/lexicons/stages.txt)."""
    rank: dict[str, int] = {}
    for v in lexicon_map("stages").values():
        rank.setdefault(v, len(rank))
    return rank


def article_stages(facts: list[Fact], of: dict[int, str], one) -> dict[tuple[str, str], str]:
    """{(article id, project node id) -> the furthest stage that article gives the
    project}: an article that tells of the signing, the start and the first output
    reports the project in production. OF: article id by sentence; ONE: a Ref's final form."""
    rank = _stage_rank()
    out: dict[tuple[str, str], str] = {}
    for f in facts:
        for ref in (f.s, f.o):
            stage = dict(ref.props).get("stage") if ref.type == "Project" else None
            if stage in rank:
                k = (of[id(f.sentence)], node_id(one(ref)))
                if k not in out or rank[stage] > rank[out[k]]:
                    out[k] = stage
    return out


def to_graph(articles: Iterable[Article], facts: Iterable[Fact]) -> Graph:
    g = Graph()
    by_sentence: dict[int, Article] = {}
    for art in articles:
        g.add_node(Node(art.id, "Document", art.title, [], document_props(art)))
        for s in art.sentences:
            by_sentence[id(s)] = art
    facts = list(facts)
    same = canonical_projects(facts)

    def one(ref: Ref) -> Ref:
        if ref.type == "Project" and ref.name in same:
            return replace(ref, name=same[ref.name], aliases=(*ref.aliases, ref.name))
        return ref

    stages = article_stages(facts, {k: a.id for k, a in by_sentence.items()}, one)
    for fact in facts:
        art = by_sentence[id(fact.sentence)]
        prov = provenance(art, fact)
        src = g.add_node(to_node(one(fact.s)))
        dst = g.add_node(to_node(one(fact.o)))
        # the project's stage as this article gives it: a timeline shows it change
        stage = stages.get((art.id, src.id)) or stages.get((art.id, dst.id))
        if stage:
            prov["project_stage"] = stage
        g.add_edge(Edge(fact.p, src.id, dst.id, dict(fact.props), [prov]))
        for n in (src, dst):
            mention = dict(prov, extractor="mentions")
            g.add_edge(Edge("MENTIONED_IN", n.id, art.id, {}, [mention]))
    return g
