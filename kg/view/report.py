"""`kg report`: the corpus at a glance, as one self-contained HTML page.

Charts are drawn by pygal, which writes plain SVG in Python: the page needs no
script and no network (plotly's offline mode would inline ~3.5 MB of JS per
page). pygal stamps each chart with a random id and the day it was drawn; both
are replaced, so the same build gives the same bytes. The same figures give
`kg build` its closing summary.
"""

from __future__ import annotations

import json
import re
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from kg.graph import Graph
from kg.view import _amount_text, label

LOWEST = 15  # facts listed by lowest confidence
TOP = 10  # regions in the charts


@dataclass
class Figures:
    articles: int
    by_month: list[tuple[str, int]]
    undated: int
    by_publisher: list[tuple[str, int]]
    nodes: list[tuple[str, int]]
    facts: list[tuple[str, int]]
    regions_projects: list[tuple[str, int]]
    regions_investment: list[tuple[str, float]]
    lowest: list[dict]
    skipped: list[dict] = field(default_factory=list)
    skip_reasons: list[tuple[str, int]] = field(default_factory=list)


def _read_jsonl(path: Path) -> list[dict]:
    if not path.exists():
        return []
    with open(path, encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


def figures(graph: Graph, documents: list[dict], skipped: list[dict]) -> Figures:
    dates = [str(d.get("date") or "") for d in documents]
    months = Counter(d[:7] for d in dates if len(d) >= 7)
    pubs = Counter(d.get("publisher") or "（未知 unknown）" for d in documents)
    nodes = Counter(n.type for n in graph.nodes.values())
    facts = Counter(e.type for e in graph.edges.values() if e.type != "MENTIONED_IN")
    projects, money = _regions_projects(graph)
    reasons = Counter(str(s.get("reason", "")).split("(")[0].split(":")[0].strip() for s in skipped)
    return Figures(
        articles=len(documents), by_month=sorted(months.items()),
        undated=sum(1 for d in dates if len(d) < 7),
        by_publisher=_most(pubs.items())[:TOP],
        nodes=_most(nodes.items()),
        facts=_most(facts.items()),
        regions_projects=_most(projects.items())[:TOP],
        regions_investment=_most((k, v) for k, v in money.items() if v)[:TOP],
        lowest=_lowest(graph)[:LOWEST], skipped=skipped, skip_reasons=reasons.most_common())


def _most(pairs: Iterable[tuple[str, float]]) -> list[tuple[str, float]]:
    """Largest count first, then by name."""
    return sorted(pairs, key=lambda kv: (-kv[1], kv[0]))


def _regions_projects(graph: Graph) -> tuple[Counter, dict[str, float]]:
    """Per region: the projects it implements and their total investment."""
    projects: Counter = Counter()
    money: dict[str, float] = defaultdict(float)
    invest = {e.src: float(graph.nodes[e.dst].props.get("value") or 0)
              for e in graph.edges.values() if e.type == "INVESTS" and e.props.get("kind", "total") == "total"}
    for e in graph.edges.values():
        if e.type == "IMPLEMENTS" and graph.nodes[e.src].type == "Region":
            name = graph.nodes[e.src].name
            projects[name] += 1
            money[name] += invest.get(e.dst, 0.0)
    return projects, money


def _confidence(p: dict) -> float:
    """A provenance entry's confidence; one without any counts as certain."""
    return p.get("confidence") if p.get("confidence") is not None else 1


def _lowest(graph: Graph) -> list[dict]:
    """Each fact at its least confident sentence, least confident first."""
    lowest = []
    for e in graph.edges.values():
        if e.type == "MENTIONED_IN" or not e.provenance:
            continue
        p = min(e.sorted_provenance(), key=_confidence)
        title = " " + str(e.props["title"]) if e.props.get("title") else ""
        lowest.append({"confidence": p.get("confidence"), "fact": f"{graph.nodes[e.src].name} —"
                       f"{label(e.type, 'zh')}{title}→ "
                       f"{graph.nodes[e.dst].name}", "text": p["text"], "doc": p["doc"],
                       "extractor": p.get("extractor", ""), "key": e.key})
    lowest.sort(key=lambda r: (r["confidence"] if r["confidence"] is not None else 1, r["key"]))
    return lowest


def summary(f: Figures) -> list[str]:
    """The closing lines of `kg build`: what the corpus holds, in a few lines."""
    lines = ["nodes:  " + ", ".join(f"{n} {t}" for t, n in f.nodes),
             "facts:  " + ", ".join(f"{n} {t}" for t, n in f.facts)]
    if f.by_month:
        lines.append(f"dates:  {f.by_month[0][0]} .. {f.by_month[-1][0]}"
                     + (f" ({f.undated} undated)" if f.undated else ""))
    if f.regions_projects:
        lines.append("most projects: " + ", ".join(f"{r} {n}" for r, n in f.regions_projects[:5]))
    if f.regions_investment:
        lines.append("most investment: " + ", ".join(f"{r} {_amount_text(v)}" for r, v in f.regions_investment[:5]))
    if f.skip_reasons:
        lines.append("skipped: " + ", ".join(f"{n} {r}" for r, n in f.skip_reasons))
    return lines


def _chart(kind: str, title: str, pairs: list, n: int, value_fmt=None) -> str:
    import pygal
    from pygal.style import Style

    if not pairs:
        return ""
    style = Style(font_family="Noto Sans CJK SC, PingFang SC, Microsoft YaHei, sans-serif",
                  background="white", plot_background="white", colors=("#4e79a7",),
                  title_font_size=15, label_font_size=11, major_label_font_size=11)
    cls = pygal.HorizontalBar if kind == "h" else pygal.Bar
    rows = len(pairs)
    chart = cls(js=[], style=style, width=720, height=max(220, 60 + 24 * rows) if kind == "h" else 300,
                show_legend=False, disable_xml_declaration=True, print_values=True,
                value_formatter=value_fmt or (lambda v: f"{v:g}"), x_label_rotation=0 if kind == "h" else 30)
    chart.title = title
    if kind == "h":
        pairs = list(reversed(pairs))  # largest on top
    chart.x_labels = [str(k) for k, _ in pairs]
    chart.add(title, [v for _, v in pairs])
    svg = chart.render(is_unicode=True)
    # same input, same bytes: pygal's random chart id and its date stamp go
    # and its config script (the charts are static: no script at all)
    svg = re.sub(r"<script\b.*?</script>", "", svg, flags=re.S)
    ids = sorted(set(re.findall(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}", svg)))
    for i, cid in enumerate(ids):
        svg = svg.replace(cid, f"kg-{n}-{i}")
    return re.sub(r"<!--.*?-->", "", svg, flags=re.S)


def body(f: Figures, built: str = "") -> str:
    """The report as an HTML fragment (the site's index holds it too)."""
    from jinja2 import Environment, FileSystemLoader

    env = Environment(loader=FileSystemLoader(Path(__file__).parent / "site_files"), autoescape=True)
    charts = [
        _chart("v", "文章（按月）· articles by month", f.by_month, 0),
        _chart("h", "文章（按发布机构）· articles by publisher", f.by_publisher, 1),
        _chart("h", "节点（按类型）· nodes by type", [(f"{label(t, 'zh')} {t}", n) for t, n in f.nodes], 2),
        _chart("h", "事实（按关系）· facts by relation", [(f"{label(t, 'zh')} {t}", n) for t, n in f.facts], 3),
        _chart("h", "项目最多的地区 · regions with the most projects", f.regions_projects, 4),
        _chart("h", "投资最多的地区 · regions with the most investment", f.regions_investment, 5,
               value_fmt=_amount_text),
    ]
    return env.get_template("report_body.html").render(f=f, charts=[c for c in charts if c], built=built)


def write(out: Path, dest: Path, built: str = "") -> Figures:
    from kg.atomic import write_lines
    from kg.graph import read_jsonl

    f = load(out, read_jsonl(Path(out) / "graph.jsonl"))
    page = ('<!DOCTYPE html>\n<html lang="zh">\n<head>\n<meta charset="utf-8">\n'
            '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
            '<title>kg report</title>\n<style>\n' + _css() + '</style>\n</head>\n<body>\n'
            + body(f, built) + '\n</body>\n</html>')
    write_lines(Path(dest), [page])
    return f


def load(out: Path, graph: Graph) -> Figures:
    return figures(graph, _read_jsonl(Path(out) / "documents.jsonl"), _read_jsonl(Path(out) / "errors.jsonl"))


def _css() -> str:
    return (Path(__file__).parent / "site_files" / "site.css").read_text(encoding="utf-8")
