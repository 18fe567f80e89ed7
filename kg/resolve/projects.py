"""One project, one node: the names one file gives a project, merged.

An article names a project in full once (万荣县年产1万吨对位芳纶纤维聚合单体项目)
and then shorter: without the region (年产1万吨…项目), without 项目, by its core
(对位芳纶项目). The rule, by construction rather than by word lists: within one
file, among the projects of one region (IMPLEMENTS, or the region's name opening
the project's), a name whose core — the name without that region and without a
closing 项目 — lies inside exactly one other project's core is that project. The
longest name is the node's name; the others are its aliases. Cores shorter than
MIN_CORE characters (产业园, 碳纤维) say too little to merge on, and a phase
(二期) is a project of its own.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable

from kg.model import Fact

MIN_CORE = 4
_TAIL = "项目"
# 二期, 3期: a phase is a project of its own (光伏电站项目 is not 光伏电站二期项目)
_PHASE = re.compile(r"[一二三四五六七八九十\d]+期")


def core(name: str, region: str) -> str:
    if region and name.startswith(region) and len(name) > len(region):
        name = name[len(region):]
    if name.endswith(_TAIL) and len(name) > len(_TAIL):
        name = name[: -len(_TAIL)]
    return name


def canonical_projects(facts: Iterable[Fact]) -> dict[str, str]:
    """{a project name -> the name of the node it is} for the names to be merged."""
    parent: dict[str, str] = {}
    for region, names in sorted(_projects_by_region(list(facts)).items()):
        _widest_of(region, names, parent)
    out = {}
    for n in parent:
        top, seen = n, set()
        while top in parent and top not in seen:
            seen.add(top)
            top = parent[top]
        if top != n:
            out[n] = top
    return out


def _projects_by_region(facts: list[Fact]) -> dict[str, list[str]]:
    """Each region's projects: those it IMPLEMENTS and those whose name opens with it
    ("" for a project with neither)."""
    regions = {r.name for f in facts for r in (f.s, f.o) if r.type == "Region"}
    where = _implementers(facts)
    for name, rs in where.items():
        rs.update(r for r in regions if name.startswith(r) and len(name) > len(r))
    by_region: dict[str, list[str]] = defaultdict(list)
    for name, rs in where.items():
        for r in rs or {""}:
            by_region[r].append(name)
    return by_region


def _implementers(facts: list[Fact]) -> dict[str, set[str]]:
    """Every project named, with the regions that IMPLEMENT it."""
    where: dict[str, set[str]] = defaultdict(set)
    for f in facts:
        for r in (f.s, f.o):
            if r.type == "Project":
                where[r.name]  # noqa: B018 (every project has an entry)
        if f.p == "IMPLEMENTS" and f.s.type == "Region" and f.o.type == "Project":
            where[f.o.name].add(f.s.name)
    return where


def _widest_of(region: str, names: list[str], parent: dict[str, str]) -> None:
    """For each of a region's project NAMES whose core a wider name holds: that name, in PARENT."""
    cores = {n: core(n, region) for n in names}
    for n in sorted(names):
        c = cores[n]
        if len(c) < MIN_CORE:
            continue
        wider = {m for m in names if m != n and _holds(cores[m], m, c, n)}
        if not wider:
            continue
        # one project it can be: the widest name, holding every other wider one
        top = max(wider, key=_rank)
        if all(cores[w] in cores[top] for w in wider):
            parent.setdefault(n, top)


def _holds(wide_core: str, wide: str, c: str, n: str) -> bool:
    """WIDE (core WIDE_CORE) is a wider name of N (core C): its core holds C, it is longer
    (or the same core, ranked higher), and it names no phase C does not."""
    return (c in wide_core and (wide_core != c or _rank(wide) > _rank(n))
            and set(_PHASE.findall(wide_core)) <= set(_PHASE.findall(c)))


def _rank(name: str) -> tuple[int, str]:
    return (len(name), name)
