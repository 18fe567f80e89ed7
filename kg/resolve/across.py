"""One project, one node across files.

kg/resolve/projects.py makes the names one file gives a project one node. Two
articles still name one project two ways: one with its county (临泉县年产5万吨…
项目), the other without (年产5万吨…项目, under an IMPLEMENTS from 临泉县), or
with and without its company (某某科技…项目). After the files' graphs are merged,
this step makes them one node.

The rule: two project nodes are one when they share a key (region, core). A
node's regions are those that IMPLEMENTS it and those whose names open its
names; a core is one of its names or aliases (the in-file step already gathered
the short forms as aliases) without the places that open it (the region, the
regions above it, each also without its administrative suffix, bracketed or
not: 河南(宝丰)…), without an undertaking company's name, and without a closing
项目. Cores shorter than MIN_CORE say too little; a project with no region is
never merged (光伏发电项目 in two articles may be two projects); the nodes' own
names must hold one another (年产1万吨… and 年产8万吨…, which share the alias
对位芳纶项目, stay two), and a key shared by nodes that do not says nothing; two
projects undertaken by companies of unrelated names stay apart. The node is named by the longest
of the names, the others become its aliases, and every fact keeps the sentences
of both.

Memory: `ProjectIndex` keeps, as the files arrive, only projects' and companies'
names, regions' names and parents, and which region and company goes with which
project: entities, never edges' sentences. `resolve` then streams the merged graph once
through a second Spool, which sorts what it renamed; it runs only when there is
something to rename.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from kg.extract.zh import levels
from kg.extract.zh.lists import longest
from kg.graph import Edge, Graph, Node, merge_node
from kg.graph.spool import Spool
from kg.resolve.projects import MIN_CORE, core


def short_forms(region: str) -> list[str]:
    """宝丰县 -> [宝丰县, 宝丰]: a region as a name's opening may write it (two characters at least)."""
    short = levels.short_form(region)
    return [region, short] if short else [region]


def _strip_opening(name: str, words: list[str]) -> str:
    """NAME without the places or companies (WORDS, longest first) that open it, bracketed or not."""
    changed = True
    while changed:
        changed = False
        for w in words:
            for form in (w, f"({w})"):
                if name.startswith(form) and len(name) > len(form):
                    name, changed = name[len(form):], True
                    break
            if changed:
                break
    return name


class ProjectIndex:
    """What the rule needs from the whole corpus, gathered graph by graph."""

    def __init__(self) -> None:
        self.names: dict[str, str] = {}  # project id -> its node's name
        self.aliases: dict[str, set[str]] = defaultdict(set)
        self.regions: dict[str, set[str]] = defaultdict(set)  # project id -> region ids
        self.companies: dict[str, set[str]] = defaultdict(set)  # project id -> company ids
        self.region_names: dict[str, str] = {}  # region id -> name
        self.parents: dict[str, set[str]] = defaultdict(set)  # region id -> region ids (PART_OF)
        self.company_names: dict[str, set[str]] = defaultdict(set)  # company id -> name and aliases

    def add(self, graph: Graph) -> None:
        for n in graph.nodes.values():
            if n.type == "Project":
                self.names.setdefault(n.id, n.name)  # the first name wins, as in the merge
                self.aliases[n.id].update(n.aliases)
            elif n.type == "Region":
                self.region_names.setdefault(n.id, n.name)
            elif n.type == "Company":
                self.company_names[n.id].update((n.name, *n.aliases))
        for e in graph.edges.values():
            if e.type == "IMPLEMENTS" and e.src.startswith("region:") and e.dst.startswith("project:"):
                self.regions[e.dst].add(e.src)
            elif e.type in ("UNDERTAKES", "INVESTS") and e.src.startswith("company:") \
                    and e.dst.startswith("project:"):
                self.companies[e.dst].add(e.src)
            elif e.type == "PART_OF" and e.src.startswith("region:") and e.dst.startswith("region:"):
                self.parents[e.src].add(e.dst)

    def _above(self, region: str) -> list[str]:
        """REGION and the regions it is PART_OF, any depth, in a stable order."""
        seen, todo = [region], [region]
        while todo:
            for p in sorted(self.parents.get(todo.pop(), ())):
                if p not in seen:
                    seen.append(p)
                    todo.append(p)
        return seen

    def keys(self, pid: str, by_name: dict[str, str]) -> tuple[set[tuple[str, str]], str]:
        """(region id, core) for each of the project's regions and names, and the
        core of the node's own name (its shortest). BY_NAME: region ids by name."""
        names = {self.names[pid], *self.aliases.get(pid, ())}
        regions = set(self.regions.get(pid, ()))
        for n in names:  # the regions whose names open the project's
            regions.update(by_name[n[:k]] for k in range(2, len(n)) if n[:k] in by_name)
        firms = {c for cid in self.companies.get(pid, ()) for c in self.company_names.get(cid, ())}
        out, own = set(), core(self.names[pid], "")
        for rid in sorted(regions):
            places = {f for r in self._above(rid) for f in short_forms(self.region_names.get(r, ""))}
            words = sorted((w for w in places | firms if w), key=lambda w: (-len(w), w))
            for n in names:
                c = core(_strip_opening(n, words), "")
                if len(c) >= MIN_CORE:
                    out.add((rid, c))
            own = min(own, core(_strip_opening(self.names[pid], words), ""), key=lambda c: (len(c), c))
        return out, own

    def renames(self) -> dict[str, tuple[str, str]]:
        """{project id -> (id, name) of the node it is}, for the nodes to be merged."""
        by_name = {name: rid for rid, name in sorted(self.region_names.items())}
        by_key: dict[tuple[str, str], list[str]] = defaultdict(list)
        cores: dict[str, set[str]] = {}  # the cores of the nodes' own names, by cluster
        for pid in sorted(self.names):
            keys, own = self.keys(pid, by_name)
            cores[pid] = {own}
            for k in keys:
                by_key[k].append(pid)
        firms = {pid: {c for cid in self.companies.get(pid, ()) for c in self.company_names.get(cid, ())}
                 for pid in self.names}
        clusters = _Clusters({pid: pid for pid in self.names}, firms, cores)
        for k in sorted(by_key):
            clusters.join_key(by_key[k])
        return self._targets(clusters)

    def _targets(self, clusters: _Clusters) -> dict[str, tuple[str, str]]:
        """Each member of a cluster of two or more -> the member of the longest name."""
        groups: dict[str, list[str]] = defaultdict(list)
        for pid in sorted(self.names):
            groups[clusters.top(pid)].append(pid)
        out = {}
        for members in groups.values():
            if len(members) < 2:
                continue
            name = max((self.names[p] for p in members), key=lambda n: (len(n), n))
            target = next(p for p in members if self.names[p] == name)
            for p in members:
                out[p] = (target, name)
        return out


@dataclass
class _Clusters:
    """Projects joined into nodes (union-find), with each cluster's firms and name cores."""

    parent: dict[str, str]
    firms: dict[str, set[str]]
    cores: dict[str, set[str]]

    def top(self, p: str) -> str:
        parent = self.parent
        while parent[p] != p:
            parent[p] = parent[parent[p]]
            p = parent[p]
        return p

    def nested(self, a: str, b: str) -> bool:
        return all(x in y or y in x for x in self.cores[a] for y in self.cores[b])

    def join(self, a: str, b: str) -> None:
        a, b = sorted((self.top(a), self.top(b)))
        if a != b and self.nested(a, b):
            self.parent[b] = a
            self.firms[a] |= self.firms[b]
            self.cores[a] |= self.cores[b]

    def join_key(self, members: list[str]) -> None:
        """Join the projects that share one key, where the key says they are one."""
        tops = sorted({self.top(m) for m in members})
        # A short alias two projects share (对位芳纶项目) does not make 年产1万吨… and
        # 年产8万吨… one: the nodes' own names must hold one another, as within a
        # file; where they do not, the key says nothing (it is ambiguous).
        if not all(self.nested(a, b) for i, a in enumerate(tops) for b in tops[i + 1:]):
            return
        # Those undertaken by companies of related names are one; one with no
        # company joins them only when they are one company's (else it is ambiguous).
        firmed: list[str] = []
        for t in (t for t in tops if self.firms[t]):
            same = next((f for f in firmed if _same_firm(self.firms[self.top(f)], self.firms[t])), None)
            if same is None:
                firmed.append(t)
            else:
                self.join(same, t)
        if len(firmed) <= 1:
            for t in tops:
                self.join(tops[0], t)


def _firm_stem(name: str) -> str:
    for s in longest("company_suffixes"):
        if name.endswith(s) and len(name) > len(s):
            return name[: -len(s)]
    return name


def _same_firm(a: set[str], b: set[str]) -> bool:
    """Whether two sets of company names may name one company: one's stem (without
    有限公司 and the like) inside the other's, as a short name (卓越新材) lies inside
    the full one (湖北卓越新材料有限公司)."""
    sa, sb = {_firm_stem(x) for x in a}, {_firm_stem(x) for x in b}
    return any(len(min(x, y, key=len)) >= 2 and (x in y or y in x) for x in sa for y in sb)


def resolve(items: Iterator[Node | Edge], renames: dict[str, tuple[str, str]], folder: Path,
            limit: int | None = None) -> Iterator[Node | Edge]:
    """ITEMS (a merged graph's, nodes first, in Graph.items() order) with the
    projects of RENAMES made one node each, in Graph.items() order again.
    Merged nodes wait in memory (they are few); everything else goes through a
    Spool under FOLDER, which sorts and merges what the renaming made equal."""
    if not renames:
        yield from items
        return
    out = Spool(folder, limit)
    held: dict[str, list[Node]] = defaultdict(list)
    part = Graph()

    def flush() -> None:
        out.add(part)
        part.__init__()

    for item in items:
        if isinstance(item, Node):
            if item.id in renames:
                held[renames[item.id][0]].append(item)
                continue
            part.add_node(item)
        else:
            if held:
                for target in sorted(held):
                    part.add_node(_one(target, renames[target][1], held[target]))
                held.clear()
            src, dst = renames.get(item.src, (item.src,))[0], renames.get(item.dst, (item.dst,))[0]
            part.add_edge(Edge(item.type, src, dst, item.props, item.provenance))
        if part.size() >= 1000:
            flush()
    for target in sorted(held):  # a graph of nodes only
        part.add_node(_one(target, renames[target][1], held[target]))
    flush()
    yield from out.items()


def _one(target: str, name: str, nodes: list[Node]) -> Node:
    """The node NODES become: the one named NAME first (its props win), then the rest."""
    nodes = sorted(nodes, key=lambda n: (n.id != target, n.id))
    first = nodes[0]
    one = Node(target, first.type, name, list(first.aliases), dict(first.props))
    for n in nodes[1:]:
        merge_node(one, n)
        if n.name not in one.aliases and n.name != name:
            one.aliases.append(n.name)
    return one
