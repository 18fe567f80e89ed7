"""`kg export`: the built graph in standard formats.

RDF formats go through rdflib's serializers (the mapping is kg.rdf); GraphML
through networkx; csv is a nodes.csv + edges.csv pair; jsonl is graph.jsonl;
neo4j-csv is a folder for neo4j-admin's bulk import (neo4j_csv.py).
Every file is written to a temporary name and renamed when complete.
"""

from __future__ import annotations

import io
import json
from collections.abc import Iterator
from pathlib import Path

from kg import csvcell, rdf
from kg.atomic import write_lines
from kg.graph import Graph, iter_lines

RDF_FORMATS = {"ttl": "turtle", "nt": "nt", "nq": "nquads", "trig": "trig", "jsonld": "json-ld"}
FORMATS = (*RDF_FORMATS, "jsonl", "graphml", "csv", "neo4j-csv")
FOLDER_FORMATS = {"csv", "neo4j-csv"}  # written as several files into a folder


def export(graph: Graph, fmt: str, dest: Path) -> list[Path]:
    """Write GRAPH as FMT to DEST (a file, or a folder for csv). Returns what was written."""
    if fmt not in FORMATS:
        raise ValueError(f"unknown format {fmt!r}; choose from {', '.join(FORMATS)}")
    dest = Path(dest)
    if fmt == "csv":
        return write_csv(graph, dest)
    if fmt == "neo4j-csv":
        from kg.export import neo4j_csv

        return neo4j_csv.write(graph, dest)
    write_lines(dest, _text_lines(graph, fmt))
    return [dest]


def render(graph: Graph, fmt: str) -> str:
    """The export as text (for writing to stdout)."""
    if fmt in FOLDER_FORMATS:
        raise ValueError(f"format {fmt} writes a folder; give -o DIR")
    return "".join(line + "\n" for line in _text_lines(graph, fmt))


def _text_lines(graph: Graph, fmt: str) -> Iterator[str]:
    if fmt == "jsonl":
        return iter_lines(graph.records())
    if fmt == "graphml":
        return iter(_lines(_graphml(graph)))
    return iter(_lines(_rdf(graph, fmt)))


def _lines(text: str) -> list[str]:
    """TEXT's lines at '\\n' only: str.splitlines also cuts at U+0085, U+2028 and
    other marks a literal (a file's name) may hold."""
    lines = text.split("\n")
    return lines[:-1] if lines and lines[-1] == "" else lines


def _rdf(graph: Graph, fmt: str) -> str:
    import rdflib

    g = rdf.to_rdflib(graph)
    if fmt in ("nq", "trig"):
        # Dataset formats: everything sits in the default graph (provenance is
        # carried by kg:Fact statement nodes, not by named graphs).
        ds = rdflib.Dataset()
        for prefix, ns in rdf.PREFIXES.items():
            ds.bind(prefix, rdflib.Namespace(ns))
        for t in g:
            ds.add(t)
        text = ds.serialize(format=RDF_FORMATS[fmt])
    else:
        text = g.serialize(format=RDF_FORMATS[fmt])
    if fmt == "jsonld":
        text = _stable_json(text)
    if fmt in ("nt", "nq"):
        # rdflib writes line-based formats in hash order; sort for byte-identical output.
        text = "".join(sorted(line + "\n" for line in _lines(text) if line.strip()))
    return text


def _stable_json(text: str) -> str:
    """rdflib emits JSON-LD nodes and values in hash order; sort them."""

    def norm(x):
        if isinstance(x, dict):
            return {k: norm(v) for k, v in sorted(x.items())}
        if isinstance(x, list):
            items = [norm(v) for v in x]
            return sorted(items, key=lambda v: json.dumps(v, ensure_ascii=False, sort_keys=True))
        return x

    return json.dumps(norm(json.loads(text)), ensure_ascii=False, indent=1)


def _graphml(graph: Graph) -> str:
    import networkx as nx

    g = nx.MultiDiGraph()
    for nid in sorted(graph.nodes):
        n = graph.nodes[nid]
        attrs = {"type": n.type, "name": n.name, "aliases": "|".join(sorted(n.aliases))}
        attrs.update({k: _scalar(v) for k, v in sorted(n.props.items()) if v is not None})
        g.add_node(nid, **attrs)
    for key in sorted(graph.edges):
        e = graph.edges[key]
        attrs = {"type": e.type, "sources": len(e.provenance)}
        attrs.update({k: _scalar(v) for k, v in sorted(e.props.items()) if v is not None})
        prov = e.record()["provenance"]
        if prov:
            attrs["sentence"] = prov[0]["text"]
            attrs["doc"] = prov[0]["doc"]
        g.add_edge(e.src, e.dst, **attrs)
    buf = io.BytesIO()
    nx.write_graphml(g, buf, encoding="utf-8")
    return buf.getvalue().decode("utf-8")


def _scalar(v):
    return v if isinstance(v, (int, float, str, bool)) else json.dumps(v, ensure_ascii=False)


def node_rows(graph: Graph) -> Iterator[dict]:
    for nid in sorted(graph.nodes):
        n = graph.nodes[nid]
        yield {"id": nid, "type": n.type, "name": n.name, "aliases": "|".join(sorted(n.aliases)),
               "props": json.dumps(dict(sorted(n.props.items())), ensure_ascii=False)}


def edge_rows(graph: Graph) -> Iterator[dict]:
    for key in sorted(graph.edges):
        r = graph.edges[key].record()
        yield {"type": r["type"], "src": r["src"], "dst": r["dst"],
               "props": json.dumps(r["props"], ensure_ascii=False),
               "provenance": json.dumps(r["provenance"], ensure_ascii=False)}


def write_csv(graph: Graph, folder: Path) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    nodes, edges = folder / "nodes.csv", folder / "edges.csv"
    write_lines(nodes, csvcell.lines(["id", "type", "name", "aliases", "props"], node_rows(graph)))
    write_lines(edges, csvcell.lines(["type", "src", "dst", "props", "provenance"], edge_rows(graph)))
    return [nodes, edges]
