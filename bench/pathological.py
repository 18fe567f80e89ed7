"""Time and memory on inputs built to be quadratic, each doubled four times.

    python bench/pathological.py [INPUT...] [--scale F]   (default: all; F multiplies every size)

Inputs (generated into a temporary folder, never committed):
- line: one line with no sentence end: the seeds' sentences with every sentence
  end turned into a comma (16,000 characters at the smallest size);
- bare: one line with no punctuation at all (names, verbs and numbers, no
  clause mark to cut at: the hard cap's case);
- list: a list file of short lines "N项，X有限公司年产N万吨项目" with
  varied firms and products (1,000 to 16,000 lines);
- jsonl: one JSONL file of short articles, each with 4 KB of a field kg does
  not read (2 MB to 33 MB): read in pieces, memory should stay flat.
Each size is built by `kg.build` (workers 1, no cache, the store written) in a
fresh interpreter that has loaded kg and jieba before the clock starts; time is
the build's wall time, memory the peak resident set over the one after warm-up
(Linux's VmHWM, reset through /proc/self/clear_refs). Linear work doubles both
per doubling (ratio ~2); quadratic work quadruples them (ratio ~4). The first
size of each input is the baseline, measured in the same run.
Results are printed and written to bench/results/pathological-<time>.json.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
DOUBLINGS = 4

FIRMS = "华鑫恒泰宏远金诚瑞丰永安德信嘉禾天成博源盛达隆兴"
GOODS = ["新型建材", "光伏组件", "锂电池隔膜", "生物基材料", "特种钢材", "食品级淀粉", "高纯硅", "环保涂料"]


def seed_text() -> str:
    """The seeds' sentences as kg reads them (no headline, byline or footer), every
    sentence end a comma, joined into one line."""
    from kg.ingest import read
    from kg.normalize import articles

    sents = [s.text for p in sorted((ROOT / "seeds").glob("*.txt")) for src in read(p, p.name)
             for art in articles(src) for s in art.sentences if not s.heading]
    return re.sub(r"[。！？!?]", "，", "".join(sents))


def line_input(n: int) -> str:
    base = seed_text()
    return (base * (n // len(base) + 1))[:n] + "\n"


def bare_input(n: int) -> str:
    base = "".join(f"{FIRMS[i % 16]}{FIRMS[(i * 7) % 16]}{GOODS[i % 8]}有限公司年产{i % 90 + 1}万吨"
                   f"{GOODS[(i * 3) % 8]}项目开工建设县长{FIRMS[(i * 5) % 16]}明调研" for i in range(400))
    return (base * (n // len(base) + 1))[:n] + "\n"


def list_input(n: int) -> str:
    # every firm a name of its own (16^3 x 8 of them): the work grows with the names
    return "".join(f"{i + 1}项，{FIRMS[i % 16]}{FIRMS[i // 16 % 16]}{FIRMS[i // 256 % 16]}"
                   f"{GOODS[i // 4096 % 8]}有限公司年产{i % 97 + 1}万吨{GOODS[i % 8]}项目\n" for i in range(n))


def jsonl_input(n: int) -> str:
    """N records of a JSONL file: a short article each and 4 KB of a field kg does
    not read (a scraper's raw page): megabytes of file for little extraction."""
    return "".join(json.dumps({"title": f"第{i}篇", "text": f"{FIRMS[i % 16]}{FIRMS[i // 16 % 16]}"
                               f"{FIRMS[i // 256 % 16]}科技有限公司年产{i % 97 + 1}万吨{GOODS[i % 8]}项目开工。",
                               "raw": "<p>" + "x" * 4096 + "</p>"}, ensure_ascii=False) + "\n"
                   for i in range(n))


INPUTS = {  # name: (maker, smallest size, unit)
    "line": (line_input, 16_000, "chars"),
    "bare": (bare_input, 4_000, "chars"),
    "list": (list_input, 1_000, "lines"),
    "jsonl": (jsonl_input, 500, "records"),  # 2 MB .. 33 MB
}

CHILD = r"""
import json, sys, time
from pathlib import Path
import kg
from kg.extract.zh.tokens import _tags, tokenizer
tokenizer(); _tags()
kg.build([ROOT / "seeds" / "000_96103ea8738b46bf.txt"], Path(sys.argv[2]) / "warm", cache=False)

def status(key):
    for line in open("/proc/self/status"):
        if line.startswith(key):
            return int(line.split()[1]) / 1024
base = status("VmRSS:")
with open("/proc/self/clear_refs", "w") as f:
    f.write("5")  # VmHWM back to the current RSS
t = time.perf_counter()
report = kg.build([sys.argv[1]], Path(sys.argv[2]) / "out", cache=False)
secs = time.perf_counter() - t
print(json.dumps({"seconds": secs, "peak_mb": status("VmHWM:"), "over_warm_mb": status("VmHWM:") - base,
                  "nodes": report.nodes, "relationships": report.relationships}))
"""


def measure(path: Path, work: Path) -> dict:
    code = f"ROOT = __import__('pathlib').Path({str(ROOT)!r})\n" + CHILD
    res = subprocess.run([sys.executable, "-c", code, str(path), str(work)], capture_output=True, text=True,
                         cwd=ROOT, check=True)
    return json.loads(res.stdout.strip().splitlines()[-1])


def main() -> None:
    scale = float(sys.argv[sys.argv.index("--scale") + 1]) if "--scale" in sys.argv else 1.0
    results: dict = {}
    with tempfile.TemporaryDirectory() as tmp:
        chosen = [a for a in sys.argv[1:] if a in INPUTS] or list(INPUTS)
        for name in chosen:
            make, smallest, unit = INPUTS[name]
            rows, prev = [], None
            print(f"{name}:")
            for d in range(DOUBLINGS + 1):
                n = int(smallest * scale) * 2 ** d
                path = Path(tmp) / f"{name}{n}.{'jsonl' if name == 'jsonl' else 'txt'}"
                path.write_text(make(n), encoding="utf-8")
                work = Path(tmp) / f"w-{name}{n}"
                work.mkdir()
                r = measure(path, work)
                r.update(size=n, unit=unit, bytes=path.stat().st_size)
                if prev:
                    r["time_ratio"] = r["seconds"] / prev["seconds"]
                    r["memory_ratio"] = r["over_warm_mb"] / prev["over_warm_mb"] if prev["over_warm_mb"] > 0 else None
                rows.append(r)
                prev = r
                ratios = (f"  time x{r['time_ratio']:.2f}, memory x{r['memory_ratio']:.2f}"
                          if "time_ratio" in r and r["memory_ratio"] else "")
                print(f"  {n:>8,} {unit} ({r['bytes'] / 1024:,.0f} KB): {r['seconds']:6.2f} s, peak "
                      f"{r['peak_mb']:,.0f} MB (+{r['over_warm_mb']:,.0f} MB over warm-up), "
                      f"{r['nodes']} nodes{ratios}", flush=True)
            results[name] = rows
    out = ROOT / "bench" / "results"
    out.mkdir(exist_ok=True)
    (out / f"pathological-{time.strftime('%Y%m%d-%H%M%S')}.json").write_text(json.dumps(results, indent=1))


if __name__ == "__main__":
    main()
