"""End-to-end build figures, measured side by side in one run.

    python bench/build.py [ARTICLES...]        (default: 1000 10000)

- extraction throughput (characters/s) and its ratio to jieba segmentation
  alone (jieba.lcut) over the same text in the same process: the floor any
  Chinese extractor pays;
- `kg build` of a synthetic corpus of each size (seed sentences recombined with
  varied names and numbers; generated into a temporary folder, never
  committed): wall time, time per article, peak RSS, with --workers 1 and 2;
- an unchanged rebuild (content-hash cache) against the clean build.
Results are printed and written to bench/results/build-<time>.json.
"""

from __future__ import annotations

import json
import os
import random
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘"
GIVEN = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉兰萍红鹏飞建国海亮庆代林"


def seed_sentences() -> tuple[list[str], list[str]]:
    """The seeds' normalised sentences, and the officials' names found in them."""
    from kg import extract
    from kg.ingest import read
    from kg.normalize import articles

    sents, names = [], set()
    for p in sorted((ROOT / "seeds").glob("*.txt")):
        for src in read(p, p.name):
            for art in articles(src):
                sents.extend(s.text for s in art.sentences if not s.heading and len(s.text) > 10)
                names.update(f.s.name for f in extract.run(art) if f.s.type == "Official")
    return sents, sorted(names, key=len, reverse=True)


def corpus(folder: Path, n: int, sents: list[str], names: list[str], seed: int = 1) -> int:
    """N articles of 10-30 recombined sentences; returns the characters written."""
    rnd = random.Random(seed)
    name_re = re.compile("|".join(map(re.escape, names))) if names else None
    chars = 0
    folder.mkdir(parents=True, exist_ok=True)
    for k in range(n):
        body = []
        for s in rnd.sample(sents, rnd.randint(10, 30)):
            s = re.sub(r"\d", lambda m: str(rnd.randint(1, 9)), s)
            if name_re:
                s = name_re.sub(lambda m: rnd.choice(SURNAMES) + "".join(
                    rnd.choice(GIVEN) for _ in range(len(m.group()) - 1)), s)
            body.append(s)
        text = f"第{k}号 重点项目建设新闻\n\n" + "\n".join(body) + "\n"
        chars += len(text)
        (folder / f"a{k:06d}.txt").write_text(text, encoding="utf-8")
    return chars


def throughput(sents: list[str]) -> dict:
    """Extraction vs jieba.lcut on the same text, in this process."""
    import jieba

    from kg import extract
    from kg.model import Article, Sentence

    text = sents * max(1, 200_000 // sum(map(len, sents)))
    chars = sum(map(len, text))
    jieba.lcut("预热")  # load the dictionary outside the timing
    arts, pos = [], 0
    for i in range(0, len(text), 20):
        ss = []
        for t in text[i:i + 20]:
            ss.append(Sentence(pos, pos + len(t), t))
            pos += len(t)
        arts.append(Article("bench.txt", len(arts), "重点项目", ss))
    extract.run(arts[0])  # warm caches
    t0 = time.perf_counter()
    for t in text:
        jieba.lcut(t)
    seg = time.perf_counter() - t0
    t0 = time.perf_counter()
    for a in arts:
        extract.run(a)
    ext = time.perf_counter() - t0
    return {"chars": chars, "jieba_chars_per_s": chars / seg, "extract_chars_per_s": chars / ext,
            "extract_over_jieba": ext / seg}


def timed_build(src: Path, out: Path, *args: str) -> dict:
    """`kg build` as the only child of a fresh interpreter: wall time and peak RSS."""
    code = ("import resource, subprocess, sys, time; t = time.perf_counter(); "
            "p = subprocess.run([sys.executable, '-m', 'kg.cli', 'build', *sys.argv[1:]], "
            "stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL); "
            "print(time.perf_counter() - t, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss, p.returncode)")
    res = subprocess.run([sys.executable, "-c", code, str(src), "--out", str(out), *args],
                         capture_output=True, text=True, check=True, cwd=ROOT)
    secs, rss, rc = res.stdout.split()
    assert rc == "0", f"kg build exited {rc}"
    return {"seconds": float(secs), "peak_rss_mb": int(rss) / 1024}


def main() -> None:
    sizes = [int(a) for a in sys.argv[1:]] or [1000, 10000]
    sents, names = seed_sentences()
    results: dict = {"cpus": os.cpu_count(), "throughput": throughput(sents), "builds": {}}
    t = results["throughput"]
    print(f"extraction {t['extract_chars_per_s']:,.0f} chars/s; jieba.lcut alone {t['jieba_chars_per_s']:,.0f} "
          f"chars/s; extraction costs {t['extract_over_jieba']:.2f}x segmentation (target <= 2x)")
    base_per_article = None
    with tempfile.TemporaryDirectory() as tmp:
        for n in sizes:
            src = Path(tmp) / f"corpus{n}"
            chars = corpus(src, n, sents, names)
            row = {"articles": n, "chars": chars}
            for w in (1, 2):
                row[f"workers{w}"] = timed_build(src, Path(tmp) / f"out{n}w{w}", "--workers", str(w), "--no-cache")
            out = Path(tmp) / f"out{n}c"
            row["clean_cached"] = timed_build(src, out, "--workers", "2")
            row["unchanged_rebuild"] = timed_build(src, out, "--workers", "2")
            w1, w2 = row["workers1"], row["workers2"]
            per = w1["seconds"] / n
            base_per_article = base_per_article or per
            row["ratios"] = {"workers2_speedup": w1["seconds"] / w2["seconds"],
                             "rebuild_speedup": row["clean_cached"]["seconds"] / row["unchanged_rebuild"]["seconds"],
                             "per_article_vs_smallest": per / base_per_article}
            results["builds"][n] = row
            r = row["ratios"]
            print(f"{n:>6} articles ({chars:,} chars): workers 1 {w1['seconds']:.1f} s "
                  f"({per * 1000:.1f} ms/article, peak {w1['peak_rss_mb']:.0f} MB); workers 2 "
                  f"{w2['seconds']:.1f} s (x{r['workers2_speedup']:.2f}, peak {w2['peak_rss_mb']:.0f} MB); "
                  f"unchanged rebuild {row['unchanged_rebuild']['seconds']:.1f} s (x{r['rebuild_speedup']:.1f} "
                  f"faster); per article x{r['per_article_vs_smallest']:.2f} of the smallest corpus")
    dest = ROOT / "bench" / "results"
    dest.mkdir(parents=True, exist_ok=True)
    path = dest / f"build-{time.strftime('%Y%m%d-%H%M%S')}.json"
    path.write_text(json.dumps(results, indent=1, ensure_ascii=False))
    print(f"-> {path}")


if __name__ == "__main__":
    main()
