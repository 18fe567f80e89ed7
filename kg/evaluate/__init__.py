"""`kg eval`: precision, recall and F1 of a graph against gold facts, with the
matching rules of SCHEMA.md."""

from __future__ import annotations

import json
import re
import unicodedata
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from kg.graph import Graph, read_jsonl
from kg.normalize.text import to_simplified

RECALL_ONLY = {"PART_OF"}
_STRIP = re.compile(r"[\s“”\"'‘’《》〈〉「」『』]")


def norm(name: str) -> str:
    return _STRIP.sub("", unicodedata.normalize("NFKC", to_simplified(str(name))))


def norm_title(t: str) -> str:
    t = norm(t)
    t = t.replace("组织部长", "组织部部长").replace("代理", "代")
    return t[1:] if t[:1] in "省市县区" and len(t) > 2 else t


@dataclass
class Fact:
    s_type: str
    s_names: set[str]
    p: str
    o_type: str
    o_names: set[str]
    amount: tuple[float, str] | None = None
    title: str | None = None
    optional: bool = False
    text: str = ""


def _names(x) -> set[str]:
    return {norm(n) for n in (x if isinstance(x, list) else [x])}


def load_gold(path: Path) -> list[Fact]:
    out = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        d = json.loads(line)
        props = d.get("props") or {}
        o = d["o"]
        amount = (float(o[1]), o[2]) if o[0] == "Amount" else None
        out.append(Fact(d["s"][0], _names(d["s"][1]), d["p"], o[0], set() if amount else _names(o[1]),
                        amount, props.get("title"), bool(props.get("optional") or props.get("world_knowledge")),
                        line))
    return out


def predicted(graph: Graph) -> dict[str, list[Fact]]:
    """Facts of the graph, by the source file their provenance names."""
    by_doc: dict[str, list[Fact]] = defaultdict(list)
    for e in graph.edges.values():
        if e.type == "MENTIONED_IN":
            continue
        s, o = graph.nodes[e.src], graph.nodes[e.dst]
        amount = (float(o.props["value"]), o.props["currency"]) if o.type == "Amount" else None
        f = Fact(s.type, {norm(s.name), *map(norm, s.aliases)}, e.type, o.type,
                 set() if amount else {norm(o.name), *map(norm, o.aliases)}, amount, e.props.get("title"),
                 text=f"{s.type}:{s.name} -{e.type}{'/' + e.props['title'] if 'title' in e.props else ''}-> "
                      f"{o.type}:{o.name if not amount else amount}")
        for doc in sorted({p["doc"].split(":")[0] for p in e.provenance}):
            by_doc[doc].append(f)
    return by_doc


def matches(g: Fact, p: Fact) -> bool:
    if (g.s_type, g.p, g.o_type) != (p.s_type, p.p, p.o_type) or not (g.s_names & p.s_names):
        return False
    if g.amount:
        return p.amount is not None and g.amount[1] == p.amount[1] and \
            abs(g.amount[0] - p.amount[0]) <= 0.005 * abs(g.amount[0])
    if not (g.o_names & p.o_names):
        return False
    if g.p == "HOLDS_POSITION":
        return norm_title(g.title or "") == norm_title(p.title or "")
    return True


@dataclass
class Score:
    tp: int = 0
    fp: int = 0
    fn: int = 0
    misses: list[str] = field(default_factory=list)
    false: list[str] = field(default_factory=list)

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


def evaluate(gold_dir: Path, graph: Graph) -> dict[str, Score]:
    """Scores per predicate, plus 'overall' (micro-averaged over all files)."""
    scores: dict[str, Score] = defaultdict(Score)
    pred = predicted(graph)
    for gold_file in sorted(gold_dir.glob("*.jsonl")):
        doc = gold_file.name[: -len(".jsonl")]
        gold = load_gold(gold_file)
        used = [False] * len(gold)
        for p in pred.get(doc, []):
            hit = next((k for k, g in enumerate(gold) if not used[k] and matches(g, p)), None)
            if hit is not None:
                used[hit] = True
                scores[p.p].tp += 1
            elif p.p not in RECALL_ONLY and not any(matches(g, p) for g in gold):
                scores[p.p].fp += 1
                scores[p.p].false.append(f"{doc}: {p.text}")
        for g, u in zip(gold, used):
            if not u and not g.optional:
                scores[g.p].fn += 1
                scores[g.p].misses.append(f"{doc}: {g.text}")
    total = Score()
    for s in scores.values():
        total.tp, total.fp, total.fn = total.tp + s.tp, total.fp + s.fp, total.fn + s.fn
    result = dict(sorted(scores.items()))
    result["overall"] = total
    return result


def table(scores: dict[str, Score]) -> str:
    rows = [f"{'predicate':<16}{'tp':>5}{'fp':>5}{'fn':>5}{'P':>8}{'R':>8}{'F1':>8}"]
    for name, s in scores.items():
        rows.append(f"{name:<16}{s.tp:>5}{s.fp:>5}{s.fn:>5}{s.precision:>8.3f}{s.recall:>8.3f}{s.f1:>8.3f}")
    return "\n".join(rows)


def evaluate_file(gold_dir: Path, graph_file: Path) -> dict[str, Score]:
    return evaluate(gold_dir, read_jsonl(graph_file))
