"""`kg eval`: precision, recall and F1 of a graph against gold facts, with the
matching rules of docs/SCHEMA.md ("Gold annotations"):

- a name, and a HOLDS_POSITION title, may be a list of accepted forms;
- names match after normalisation (Simplified, NFKC, no spaces, no quotation or
  book-title marks), amounts within 0.5 % in the same currency;
- titles are compared without one leading 省/市/县/区/州/旗/盟/镇/乡, with
  组织部长 = 组织部部长 and 代理县长 = 代县长;
- a gold fact marked optional or world_knowledge counts when found, and is not
  a miss when not;
- IN_INDUSTRY from a Project whose own name holds the industry word is neutral:
  not a false fact when the gold does not list it;
- PART_OF is scored on recall only (it may come from a division table).

Each gold fact is matched by at most one predicted fact and the other way
round, by a maximum matching (required gold facts first), so the score does not
depend on the order of the facts.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from kg.graph import Graph, read_jsonl
from kg.normalize.text import to_simplified

RECALL_ONLY = {"PART_OF"}
_STRIP = re.compile(r"[\s“”\"'‘’《》〈〉「」『』]")
_TITLE_LEVEL = "省市县区州旗盟镇乡"  # one of these may lead a title
_TITLE_SAME = (("组织部长", "组织部部长"), ("代理", "代"))
_INDUSTRY_TAIL = re.compile(r"(产业链|产业|行业)$")


def norm(name: str) -> str:
    return _STRIP.sub("", unicodedata.normalize("NFKC", to_simplified(str(name))))


def norm_title(t: str) -> str:
    t = norm(t)
    for a, b in _TITLE_SAME:
        t = t.replace(a, b)
    return t[1:] if t[:1] and t[0] in _TITLE_LEVEL else t


def _forms(x) -> list:
    return list(x) if isinstance(x, list) else [x]


@dataclass
class Fact:
    s_type: str
    s_names: set[str]
    p: str
    o_type: str
    o_names: set[str]
    amount: tuple[float, str] | None = None
    titles: set[str] | None = None  # HOLDS_POSITION: accepted titles, normalised
    optional: bool = False
    text: str = ""
    key: tuple | None = None  # a predicted fact: its edge's key in the graph

    @property
    def neutral(self) -> bool:
        """IN_INDUSTRY from a Project whose own name holds the industry word."""
        if self.p != "IN_INDUSTRY" or self.s_type != "Project":
            return False
        words = {w for o in self.o_names for w in (o, _INDUSTRY_TAIL.sub("", o)) if w}
        return any(w in s for w in words for s in self.s_names)


def _titles(x) -> set[str] | None:
    return None if x is None else {norm_title(t) for t in _forms(x)}


def gold_fact(d: dict, text: str = "") -> Fact:
    """One line of a gold file (see docs/SCHEMA.md)."""
    props = d.get("props") or {}
    o = d["o"]
    amount = (float(o[1]), o[2]) if o[0] == "Amount" else None
    optional = any(bool(props.get(k) or d.get(k)) for k in ("optional", "world_knowledge"))
    return Fact(d["s"][0], {norm(n) for n in _forms(d["s"][1])}, d["p"], o[0],
                set() if amount else {norm(n) for n in _forms(o[1])},
                amount, _titles(props.get("title")), optional, text)


def load_gold(path: Path) -> list[Fact]:
    out = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip():
            out.append(gold_fact(json.loads(line), line))
    return out


def predicted(graph: Graph) -> dict[str, list[Fact]]:
    """Facts of the graph, by the source file their provenance names."""
    by_doc: dict[str, list[Fact]] = defaultdict(list)
    for e in graph.edges.values():
        if e.type == "MENTIONED_IN":
            continue
        s, o = graph.nodes[e.src], graph.nodes[e.dst]
        amount = (float(o.props["value"]), o.props["currency"]) if o.type == "Amount" else None
        title = e.props.get("title")
        f = Fact(s.type, {norm(s.name), *map(norm, s.aliases)}, e.type, o.type,
                 set() if amount else {norm(o.name), *map(norm, o.aliases)}, amount,
                 _titles(title) if e.type == "HOLDS_POSITION" else None,
                 text=f"{s.type}:{s.name} -{e.type}{'/' + title if title else ''}-> "
                      f"{o.type}:{o.name if not amount else amount}", key=e.key)
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
        return bool((g.titles or {""}) & (p.titles or {""}))
    return True


def _matching(pairs: dict[int, list[int]], owner: dict[int, int]) -> None:
    """Grow the maximum matching OWNER (gold index -> predicted index) with the
    predicted facts in PAIRS (predicted index -> gold indexes it may take);
    pairs matched before stay matched (Kuhn's augmenting paths)."""
    def augment(k: int, seen: set[int]) -> bool:
        for g in pairs.get(k, ()):
            if g in seen:
                continue
            seen.add(g)
            if g not in owner or augment(owner[g], seen):
                owner[g] = k
                return True
        return False

    for k in sorted(pairs):
        augment(k, set())


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

    def add(self, other: Score) -> None:
        self.tp, self.fp, self.fn = self.tp + other.tp, self.fp + other.fp, self.fn + other.fn
        self.misses += other.misses
        self.false += other.false


def judge(gold: list[Fact], pred: list[Fact]) -> tuple[list[str], set[int]]:
    """Each predicted fact's verdict ("true": it matches a gold fact; "false";
    "unjudged": PART_OF without a match, neutral IN_INDUSTRY), and the indexes of
    the gold facts found. A second form of a fact already found is "true" but
    not a second hit."""
    owner = _owners(gold, pred)
    matched = set(owner.values())
    return [_verdict(gold, p, k in matched) for k, p in enumerate(pred)], set(owner)


def _owners(gold: list[Fact], pred: list[Fact]) -> dict[int, int]:
    """Gold index -> the predicted fact that found it."""
    required = {k for k, g in enumerate(gold) if not g.optional}
    owner: dict[int, int] = {}
    # Required gold facts first, so a predicted fact that could be either an
    # optional or a required fact is never spent on the optional one.
    for wanted in (required, set(range(len(gold))) - required):
        free = {g for g in wanted if g not in owner}
        taken = set(owner.values())
        pairs = {k: [g for g in sorted(free) if matches(gold[g], p)]
                 for k, p in enumerate(pred) if k not in taken}
        _matching({k: v for k, v in pairs.items() if v}, owner)
    return owner


def _verdict(gold: list[Fact], p: Fact, hit: bool) -> str:
    if hit:
        return "hit"
    if any(matches(g, p) for g in gold):
        return "true"
    if p.p in RECALL_ONLY or p.neutral:
        return "unjudged"
    return "false"


def score_document(gold: list[Fact], pred: list[Fact], doc: str = "") -> dict[str, Score]:
    """Scores per predicate of one file's predicted facts against its gold."""
    scores: dict[str, Score] = defaultdict(Score)
    verdicts, found = judge(gold, pred)
    for p, v in zip(pred, verdicts):
        if v == "hit":
            scores[p.p].tp += 1
        elif v == "false":
            scores[p.p].fp += 1
            scores[p.p].false.append(f"{doc}: {p.text}")
    for g, fact in enumerate(gold):
        if g not in found and not fact.optional:
            scores[fact.p].fn += 1
            scores[fact.p].misses.append(f"{doc}: {fact.text}")
    return scores


@dataclass
class Evaluation:
    """Scores per predicate (plus 'overall') and per gold file (all predicates)."""

    predicates: dict[str, Score] = field(default_factory=dict)
    documents: dict[str, Score] = field(default_factory=dict)

    @classmethod
    def merge(cls, parts: Iterable[Evaluation]) -> Evaluation:
        by_p: dict[str, Score] = defaultdict(Score)
        docs: dict[str, Score] = {}
        for part in parts:
            for name, s in part.predicates.items():
                if name != "overall":
                    by_p[name].add(s)
            docs.update(part.documents)
        return cls(_with_overall(by_p), docs)


def _with_overall(scores: dict[str, Score]) -> dict[str, Score]:
    total = Score()
    for s in scores.values():
        total.add(s)
    result = dict(sorted(scores.items()))
    result["overall"] = total
    return result


def score(gold_dir: Path, graph: Graph) -> Evaluation:
    """Every gold file of GOLD_DIR against the facts GRAPH holds for that file."""
    by_p: dict[str, Score] = defaultdict(Score)
    docs: dict[str, Score] = {}
    pred = predicted(graph)
    for gold_file in sorted(gold_dir.glob("*.jsonl")):
        doc = gold_file.name[: -len(".jsonl")]
        per = score_document(load_gold(gold_file), pred.get(doc, []), doc)
        docs[doc] = Score()
        for name, s in per.items():
            by_p[name].add(s)
            docs[doc].add(s)
    return Evaluation(_with_overall(by_p), docs)


def evaluate(gold_dir: Path, graph: Graph) -> dict[str, Score]:
    """Scores per predicate, plus 'overall' (micro-averaged over all files)."""
    return score(gold_dir, graph).predicates


_HEAD = f"{'tp':>5}{'fp':>5}{'fn':>5}{'P':>8}{'R':>8}{'F1':>8}"


def _row(name: str, s: Score, width: int) -> str:
    return f"{name:<{width}}{s.tp:>5}{s.fp:>5}{s.fn:>5}{s.precision:>8.3f}{s.recall:>8.3f}{s.f1:>8.3f}"


def table(scores: dict[str, Score], label: str = "predicate") -> str:
    width = max([16, *(len(n) + 2 for n in scores)])
    return "\n".join([f"{label:<{width}}{_HEAD}", *(_row(n, s, width) for n, s in scores.items())])


def evaluate_file(gold_dir: Path, graph_file: Path) -> dict[str, Score]:
    return evaluate(gold_dir, read_jsonl(graph_file))
