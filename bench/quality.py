"""Extraction quality: build the seeds and the dev corpus (one build each) and print
`kg eval`'s tp/fp/fn/P/R/F1 per predicate for each corpus and for both together,
then one line per article.

    python bench/quality.py [--errors]

The gold is vendored in the repository (eval/gold for seeds/, eval/dev/gold for
eval/dev/), so this runs from a fresh clone. --errors lists every miss and false fact.
"""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from kg import build  # noqa: E402
from kg.evaluate import Evaluation, score, table  # noqa: E402

CORPORA = {  # name: (articles, gold)
    "seeds": (ROOT / "seeds", ROOT / "eval" / "gold"),
    "dev": (ROOT / "eval" / "dev", ROOT / "eval" / "dev" / "gold"),
}


def evaluate_corpus(articles: Path, gold: Path) -> tuple[Evaluation, int, float]:
    with tempfile.TemporaryDirectory() as tmp:
        t0 = time.perf_counter()
        # The files themselves, not the folder: eval/dev/ also holds its gold/.
        files = sorted(articles.glob("*.txt"))
        report = build(files, Path(tmp), write=False, cache=False)
        graph = report.graph
        report.discard()
        secs = time.perf_counter() - t0
    return score(gold, graph), report.documents, secs


def main() -> None:
    errors = "--errors" in sys.argv[1:]
    parts: dict[str, Evaluation] = {}
    for name, (articles, gold) in CORPORA.items():
        parts[name], docs, secs = evaluate_corpus(articles, gold)
        print(f"{name}: built {docs} articles in {secs:.2f} s")
    parts["all"] = Evaluation.merge(parts[n] for n in CORPORA)
    for name, ev in parts.items():
        print(f"\n== {name} ({len(ev.documents)} articles)")
        print(table(ev.predicates))
    print("\n== per article")
    print(table({f"{corpus}/{doc}": s for corpus in CORPORA for doc, s in parts[corpus].documents.items()},
                label="article"))
    if errors:
        for name, s in parts["all"].predicates.items():
            if name != "overall":
                print("\n".join([*(f"MISS  {name}  {m}" for m in s.misses),
                                 *(f"FALSE {name}  {f}" for f in s.false)]))


if __name__ == "__main__":
    main()
