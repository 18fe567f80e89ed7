"""Extraction quality on the seeds: build them and print `kg eval` against ../shared/gold.

    python bench/quality.py [GOLD_DIR]
"""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from kg import build  # noqa: E402
from kg.evaluate import evaluate, table  # noqa: E402


def main() -> None:
    gold = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT.parent / "shared" / "gold"
    with tempfile.TemporaryDirectory() as tmp:
        t0 = time.perf_counter()
        report = build([ROOT / "seeds"], Path(tmp), write=False)
        secs = time.perf_counter() - t0
    print(f"built {report.documents} articles in {secs:.2f} s")
    print(table(evaluate(gold, report.graph)))


if __name__ == "__main__":
    main()
