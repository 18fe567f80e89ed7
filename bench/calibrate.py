"""Calibrate extraction confidence: each rule's confidence becomes its measured
precision on the 25 gold articles (seeds/ + eval/dev/), written back into
schema/confidence.tsv (the table the extractors read).

    python bench/calibrate.py [--dry-run]

Every fact a rule emits is judged against the gold with `kg eval`'s matching
rules (kg.evaluate.judge): true (it matches a gold fact), false, or unjudged
(PART_OF, which may come from the division table, and IN_INDUSTRY from a
project's own name). A rule's precision is (true + 1) / (judged + 2) (Laplace's
rule of succession: a rule seen twice is not certain), rounded to 0.01; a rule
with no judged fact keeps its number. The table's comments, order and labels
stay; only the numbers change, so the same code and gold give the same file.
"""

from __future__ import annotations

import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from kg import extract, ingest, normalize, resolve  # noqa: E402
from kg.evaluate import judge, load_gold, predicted  # noqa: E402
from kg.extract.doc import ArticleDoc  # noqa: E402
from kg.graph import Edge  # noqa: E402
from kg.model import Fact  # noqa: E402

TABLE = ROOT / "schema" / "confidence.tsv"
CORPORA = [(ROOT / "seeds", ROOT / "eval" / "gold"), (ROOT / "eval" / "dev", ROOT / "eval" / "dev" / "gold")]


class _Traced(ArticleDoc):
    """An article document that remembers which rule emitted each fact."""

    def __post_init__(self) -> None:
        super().__post_init__()
        self.rule_of: dict[int, tuple[str, str]] = {}

    def emit(self, s, p, o, *, rule: str, at: int, props=()) -> Fact:
        fact = super().emit(s, p, o, rule=rule, at=at, props=props)
        self.rule_of[id(fact)] = (self.component, rule)
        return fact


def _edge_key(fact: Fact) -> tuple:
    return Edge(fact.p, resolve.node_id(fact.s), resolve.node_id(fact.o), dict(fact.props)).key


def verdicts() -> dict[tuple[str, str], Counter]:
    """(component, rule) -> Counter of verdicts over every fact it emitted."""
    out: dict[tuple[str, str], Counter] = {}
    for articles_dir, gold_dir in CORPORA:
        for gold_file in sorted(gold_dir.glob("*.jsonl")):
            doc = gold_file.name[: -len(".jsonl")]
            arts, facts, rules = [], [], {}
            for src in ingest.read(articles_dir / doc, doc):
                if not hasattr(src, "text"):
                    continue  # a Skip
                for art in normalize.articles(src):
                    traced = _Traced(art)
                    found = extract.run(traced)
                    arts.append(art)
                    facts += found
                    rules.update(traced.rule_of)
            pred = predicted(resolve.to_graph(arts, facts)).get(doc, [])
            judged, _ = judge(load_gold(gold_file), pred)
            by_key = {p.key: v for p, v in zip(pred, judged)}
            for fact in facts:
                verdict = by_key.get(_edge_key(fact))
                if verdict is not None:
                    rule = rules.get(id(fact), (fact.extractor, "?"))
                    out.setdefault(rule, Counter())["true" if verdict == "hit" else verdict] += 1
    return out


def calibrated(counts: Counter) -> float | None:
    judged = counts["true"] + counts["false"]
    return round((counts["true"] + 1) / (judged + 2), 2) if judged else None


def main() -> None:
    dry = "--dry-run" in sys.argv[1:]
    found = verdicts()
    lines = TABLE.read_text(encoding="utf-8").splitlines()
    out, seen = [], set()
    print(f"{'component':<12}{'rule':<18}{'true':>6}{'false':>6}{'unjudged':>9}{'old':>7}{'new':>7}")
    for line in lines:
        cells = line.split("\t")
        if line.startswith("#") or len(cells) < 3 or cells[0] == "component":
            out.append(line)
            continue
        key = (cells[0], cells[1])
        seen.add(key)
        c = found.get(key, Counter())
        new = calibrated(c)
        old = float(cells[2])
        if new is not None:
            cells[2] = f"{new:.2f}"
        print(f"{key[0]:<12}{key[1]:<18}{c['true']:>6}{c['false']:>6}{c['unjudged']:>9}{old:>7.2f}"
              f"{(new if new is not None else old):>7.2f}")
        out.append("\t".join(cells))
    for key in sorted(set(found) - seen):
        print(f"(not in the table: {key[0]} {key[1]}: {dict(found[key])})")
    if dry:
        return
    tmp = TABLE.with_suffix(".tsv.tmp")
    tmp.write_text("\n".join(out) + "\n", encoding="utf-8")
    tmp.replace(TABLE)
    print(f"wrote {TABLE.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
