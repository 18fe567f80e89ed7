"""The graph as RDF: one mapping, used by the embedded store and by `kg export`.

IRIs: classes and properties under `KG` (schema/ontology.ttl), nodes under
`ID` + their graph id (`region:宝丰县` -> <https://w3id.org/cnkg/id/region:宝丰县>).

Provenance uses statement nodes rather than named graphs, because one fact
seen in three documents is still one fact: every relationship is a direct
triple (`?s kg:holdsPosition ?o`, what most queries want) *and* a `kg:Fact`
node (rdf:subject / rdf:predicate / rdf:object) that carries the
relationship's properties (title, kind) and one `kg:Evidence` per sentence:
offsets, text, extractor, confidence, `prov:wasDerivedFrom` the Document.
MENTIONED_IN, which every node has for every article, is a direct triple only.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import cache

from kg.graph import Edge, Graph, Node
from kg.model import document_id

KG = "https://w3id.org/cnkg#"
ID = "https://w3id.org/cnkg/id/"
RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
RDFS = "http://www.w3.org/2000/01/rdf-schema#"
XSD = "http://www.w3.org/2001/XMLSchema#"
PROV = "http://www.w3.org/ns/prov#"
PREFIXES = {"kg": KG, "id": ID, "rdf": RDF, "rdfs": RDFS, "xsd": XSD, "prov": PROV}


class IRI(str):
    """An IRI, kept apart from a plain string literal."""


@dataclass(frozen=True)
class Lit:
    value: str
    datatype: str = XSD + "string"


Triple = tuple[IRI, IRI, "IRI | Lit"]

# What RFC 3987 lets no IRI path hold as it is, percent-encoded (its UTF-8 bytes):
# ASCII outside unreserved / sub-delims / ':' '@' '/' '?', '%' itself (so the
# encoding can be undone), and every code point outside `ucschar`: C1 controls,
# surrogates, private use, non-characters, specials and tags. Han characters
# are ucschar and stay as they are, so IRIs stay readable.
_IRI_UNSAFE = re.compile(
    r'[\x00-\x20\x7f-\x9f<>"{}|\\^`%\[\]#\ud800-\uf8ff\ufdd0-\ufdef\ufff0-\uffff'
    + "".join(rf"\U{p:08x}\U{p + 1:08x}" for p in range(0x1fffe, 0xefffe, 0x10000))  # planes 1-13: U+xFFFE, U+xFFFF
    + r"\U000e0000-\U000e0fff\U000efffe-\U0010ffff]")


def _pct(m: re.Match) -> str:
    return "".join(f"%{b:02X}" for b in m.group().encode("utf-8", "surrogatepass"))


def node_iri(node_id: str) -> IRI:
    """The node's IRI: its id under ID, encoded as RFC 3987 asks. The last '#' is
    kept as the fragment mark (doc:x.txt#0, a document's article), every other one
    encoded."""
    head, mark, tail = node_id.rpartition("#")
    if not mark:
        return IRI(ID + _IRI_UNSAFE.sub(_pct, node_id))
    return IRI(ID + _IRI_UNSAFE.sub(_pct, head) + "#" + _IRI_UNSAFE.sub(_pct, tail))


@cache
def predicate(edge_type: str) -> IRI:
    """HOLDS_POSITION -> kg:holdsPosition."""
    head, *rest = edge_type.lower().split("_")
    return IRI(KG + head + "".join(w.capitalize() for w in rest))


@cache
def prop_iri(key: str) -> IRI:
    return predicate(key.upper())


def literal(key: str, value) -> Lit:
    if isinstance(value, bool):
        return Lit("true" if value else "false", XSD + "boolean")
    if key == "value" or isinstance(value, float):
        # Amounts are xsd:decimal: exact, and comparable with numeric filters.
        return Lit(decimal(value), XSD + "decimal")
    if isinstance(value, int):
        return Lit(str(value), XSD + "integer")
    if key == "date" and re.fullmatch(r"\d{4}-\d{2}-\d{2}", str(value)):
        return Lit(str(value), XSD + "date")
    return Lit(str(value))


def decimal(value) -> str:
    """Canonical xsd:decimal (always a point: 12000000000.0), as Turtle writes it back."""
    if isinstance(value, int) or float(value).is_integer():
        return f"{int(value)}.0"
    return format(float(value), "f").rstrip("0")


def _hash(*parts) -> str:
    return hashlib.sha1("\x1f".join(map(str, parts)).encode("utf-8")).hexdigest()[:16]


def fact_id(edge: Edge) -> str:
    """The id of a relationship as a fact, shared by the RDF and Neo4j mappings."""
    return "fact/" + _hash(*edge.key)


def evidence_id(edge: Edge, prov: dict) -> str:
    """The id of one sentence behind a fact."""
    return "evidence/" + _hash(*edge.key, prov["doc"], prov["article"], prov["start"], prov["extractor"])


def fact_ids(edge: Edge, provs: list[dict]) -> tuple[str, list[str]]:
    """fact_id(EDGE) and the evidence_id of each of PROVS, the key hashed once
    (what `kg load` computes for every relationship)."""
    head = "\x1f".join(map(str, edge.key))
    fact = hashlib.sha1(head.encode("utf-8"))
    ids = []
    for p in provs:
        h = fact.copy()
        h.update(f"\x1f{p['doc']}\x1f{p['article']}\x1f{p['start']}\x1f{p['extractor']}".encode())
        ids.append("evidence/" + h.hexdigest()[:16])
    return "fact/" + fact.hexdigest()[:16], ids


def node_triples(node: Node) -> Iterator[Triple]:
    s = node_iri(node.id)
    yield s, IRI(RDF + "type"), IRI(KG + node.type)
    yield s, IRI(KG + "name"), Lit(node.name)
    for a in sorted(node.aliases):
        yield s, IRI(KG + "alias"), Lit(a)
    for k, v in sorted(node.props.items()):
        if v is not None and v != "":
            yield s, prop_iri(k), literal(k, v)


def edge_triples(edge: Edge) -> Iterator[Triple]:
    s, o, p = node_iri(edge.src), node_iri(edge.dst), predicate(edge.type)
    yield s, p, o
    if edge.type == "MENTIONED_IN":
        return
    f = IRI(ID + fact_id(edge))
    yield f, IRI(RDF + "type"), IRI(KG + "Fact")
    yield f, IRI(RDF + "subject"), s
    yield f, IRI(RDF + "predicate"), p
    yield f, IRI(RDF + "object"), o
    for k, v in sorted(edge.props.items()):
        if v is not None and v != "":
            yield f, prop_iri(k), literal(k, v)
    docs = set()
    for prov in edge.sorted_provenance():
        ev = IRI(ID + evidence_id(edge, prov))
        doc = node_iri(document_id(prov["doc"], prov["article"]))
        docs.add(doc)
        yield f, IRI(KG + "evidence"), ev
        yield ev, IRI(RDF + "type"), IRI(KG + "Evidence")
        yield ev, IRI(PROV + "wasDerivedFrom"), doc
        for k in ("start", "end", "text", "extractor", "confidence"):
            yield ev, prop_iri(k), literal(k, prov[k])
        if prov.get("project_stage"):
            yield ev, prop_iri("project_stage"), literal("project_stage", prov["project_stage"])
    for doc in sorted(docs):
        yield f, IRI(PROV + "wasDerivedFrom"), doc


def triples(graph: Graph) -> Iterator[Triple]:
    """All triples of the graph, nodes then edges, in a stable order."""
    for item in graph.items():
        yield from item_triples(item)


def item_triples(item: Node | Edge) -> Iterator[Triple]:
    return node_triples(item) if isinstance(item, Node) else edge_triples(item)


_NT_ESCAPES = str.maketrans({"\\": "\\\\", '"': '\\"', "\n": "\\n", "\r": "\\r"})


def ntriples(items: Iterable[Node | Edge]) -> bytes:
    """N-Triples text of these nodes and edges: what the embedded store loads."""
    return "".join(f"{ntriple(*t)}\n" for item in items for t in item_triples(item)).encode("utf-8")


def ntriple(s: IRI, p: IRI, o: IRI | Lit) -> str:
    """One N-Triples line, without its newline. IRIs are already safe (node_iri)."""
    if isinstance(o, IRI):
        return f"<{s}> <{p}> <{o}> ."
    value = o.value.translate(_NT_ESCAPES)
    if o.datatype == XSD + "string":
        return f'<{s}> <{p}> "{value}" .'
    return f'<{s}> <{p}> "{value}"^^<{o.datatype}> .'


def to_rdflib(graph: Graph):
    """An rdflib Graph (for rdflib's serializers and SPARQL engine)."""
    import rdflib

    g = rdflib.Graph()
    for prefix, ns in PREFIXES.items():
        g.bind(prefix, rdflib.Namespace(ns))
    add = g.add
    for s, p, o in triples(graph):
        add((rdflib.URIRef(s), rdflib.URIRef(p), rdflib_term(o)))
    return g


def rdflib_term(o: IRI | Lit):
    import rdflib

    if isinstance(o, IRI):
        return rdflib.URIRef(o)
    if o.datatype == XSD + "string":
        return rdflib.Literal(o.value)
    return rdflib.Literal(o.value, datatype=rdflib.URIRef(o.datatype))


def oxigraph_term(o: IRI | Lit):
    """A pyoxigraph term (for query parameters)."""
    import pyoxigraph as ox

    if isinstance(o, IRI):
        return ox.NamedNode(o)
    if o.datatype == XSD + "string":
        return ox.Literal(o.value)
    return ox.Literal(o.value, datatype=ox.NamedNode(o.datatype))
