"""The across-file project step (kg/resolve/across.py), measured in one run.

    python bench/resolve.py [ARTICLES]        (default: 1000)

Builds bench/build.py's synthetic corpus (seed sentences with varied names and
numbers) without writing it, then times, on the same merged graph: the plain
merged stream (the baseline: what the build wrote before the step), the rule
over the index (ProjectIndex.renames), and the stream with the renaming (a
second Spool). Prints the ratio of the renaming stream to the plain one, the
index's size, the Python heap peak while the step runs, and the step's
time against the build's own (extraction and merge) in the same run.
"""

from __future__ import annotations

import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from build import corpus, seed_sentences  # noqa: E402

from kg import build  # noqa: E402


def main() -> None:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 1000
    sents, names = seed_sentences()
    with tempfile.TemporaryDirectory() as tmp:
        src = Path(tmp) / "src"
        corpus(src, n, sents, names)
        tb = time.perf_counter()
        report = build([src], Path(tmp) / "out", write=False, cache=False)
        tb = time.perf_counter() - tb
        pending = report.pending
        try:
            t0 = time.perf_counter()
            plain = sum(1 for _ in pending.spool.items())
            t1 = time.perf_counter()
            tracemalloc.start()
            renames = pending.projects.renames()
            t2 = time.perf_counter()
            resolved = sum(1 for _ in pending.items())
            t3 = time.perf_counter()
            peak = tracemalloc.get_traced_memory()[1]
            tracemalloc.stop()
        finally:
            report.discard()
    nodes = len(pending.projects.names)
    print(f"{n} articles: {nodes} project nodes, {len(renames)} made {len({v[0] for v in renames.values()})}; "
          f"items {plain} -> {resolved}")
    print(f"plain merged stream {t1 - t0:.2f} s; rule {t2 - t1:.2f} s; stream with renaming {t3 - t2:.2f} s "
          f"(x{(t3 - t2) / max(t1 - t0, 1e-9):.1f} the plain stream); Python heap peak during the step "
          f"{peak / 1e6:.1f} MB")
    print(f"the step (rule and renaming) against the build's extraction and merge ({tb:.1f} s): "
          f"x{(t3 - t1) / tb:.3f}")


if __name__ == "__main__":
    main()
