"""Node positions computed once, in Python, and stored in the page.

A view must open the same way every time and stay still, so the browser's
physics is off and positions come from here: networkx's spring layout with a
fixed seed (same graph, same positions, same bytes), spread by the number of
nodes, then label boxes pushed apart until none overlap. Parallel edges get
curves of different roundness, chosen so their label boxes do not overlap.

Sizes are in vis-network canvas units (pixels at zoom 1); labels scale with the
zoom, so boxes apart at one zoom are apart at every zoom.
"""

from __future__ import annotations

import math
import unicodedata
from dataclasses import dataclass

NODE_FONT = 14
EDGE_FONT = 11
LABEL_SHAPES = {"box", "ellipse", "text"}  # vis-network draws the label inside these


def text_width(text: str, size: float) -> float:
    """Width of TEXT in px: CJK and other wide characters a full em, the rest ~0.6 em."""
    return sum(size if unicodedata.east_asian_width(c) in "WF" else 0.6 * size for c in text)


@dataclass(frozen=True)
class Box:
    """A node's footprint around its centre: half width, top and bottom extents."""
    half_w: float
    up: float
    down: float


def node_box(label: str, shape: str, size: float) -> Box:
    lines = label.split("\n")
    w = max(text_width(line, NODE_FONT) for line in lines)
    h = NODE_FONT * 1.3 * len(lines)
    if shape in LABEL_SHAPES:
        pad = 12 if shape == "ellipse" else 6
        return Box(w / 2 + pad * (2 if shape == "ellipse" else 1), h / 2 + pad, h / 2 + pad)
    return Box(max(w / 2, size) + 2, size + 2, size + h + 6)  # the label hangs below


def spring(nodes: list[str], edges: list[tuple[str, str]], boxes: dict[str, Box],
           seed: int = 7) -> dict[str, tuple[float, float]]:
    """Positions by a seeded spring layout, scaled by the space labels need, then de-overlapped."""
    import networkx as nx
    import numpy as np

    if not nodes:
        return {}
    g = nx.Graph()
    g.add_nodes_from(sorted(nodes))
    g.add_edges_from(sorted({tuple(sorted(e)) for e in edges if e[0] != e[1]}))
    # 'force': numpy only (the 'energy' method needs scipy); k a little above the default
    # spreads the hubs' leaves.
    k = 1.8 / math.sqrt(len(nodes))
    raw = nx.spring_layout(g, seed=seed, iterations=200, k=k, method="force") if len(nodes) > 1 \
        else {nodes[0]: np.zeros(2)}
    ids = sorted(nodes)
    area = sum((2 * boxes[n].half_w + 30) * (boxes[n].up + boxes[n].down + 30) for n in ids)
    scale = max(150.0, math.sqrt(area) * 1.1)
    pos = np.array([raw[n] for n in ids], dtype=float) * scale
    _separate(pos, [boxes[n] for n in ids])
    return {n: (round(float(x), 1), round(float(y), 1)) for n, (x, y) in zip(ids, pos)}


def _separate(pos, boxes: list[Box], margin: float = 6.0, rounds: int = 400) -> None:
    """Push overlapping boxes apart along the axis where they overlap least (in place)."""
    import numpy as np

    n = len(boxes)
    if n < 2:
        return
    hw = np.array([b.half_w for b in boxes])
    up = np.array([b.up for b in boxes])
    down = np.array([b.down for b in boxes])
    idx = np.arange(n)
    tie = np.where(idx[:, None] < idx[None, :], -1.0, 1.0)  # deterministic side for equal centres
    for _ in range(rounds):
        dx = pos[:, 0][:, None] - pos[:, 0][None, :]
        dy = pos[:, 1][:, None] - pos[:, 1][None, :]
        ox = hw[:, None] + hw[None, :] + margin - np.abs(dx)
        # i above j (dy < 0): i's bottom against j's top, and the other way round
        oy = np.where(dy < 0, down[:, None] + up[None, :], up[:, None] + down[None, :]) + margin - np.abs(dy)
        hit = (ox > 0) & (oy > 0)
        np.fill_diagonal(hit, False)
        if not hit.any():
            return
        sx = np.where(dx == 0, tie, np.sign(dx))
        sy = np.where(dy == 0, tie, np.sign(dy))
        along_x = ox <= oy
        px = np.where(hit & along_x, sx * ox / 2, 0.0)
        py = np.where(hit & ~along_x, sy * oy / 2, 0.0)
        pos[:, 0] += px.sum(axis=1) * 0.6
        pos[:, 1] += py.sum(axis=1) * 0.6


def label_point(a: tuple[float, float], b: tuple[float, float], smooth: dict | None) -> tuple[float, float]:
    """Where vis-network 9 draws an edge's label: the middle of the line, or of its quadratic
    Bezier curve for 'curvedCW'/'curvedCCW' (its _getViaCoordinates, replicated)."""
    (x1, y1), (x2, y2) = a, b
    mid = ((x1 + x2) / 2, (y1 + y2) / 2)
    if not smooth or not smooth.get("enabled", True):
        return mid
    r = smooth["roundness"]
    o, q = x2 - x1, y1 - y2
    p = math.hypot(o, q)
    turn = r if smooth["type"] == "curvedCW" else -r
    g = (math.atan2(q, o) + (0.5 * turn + 0.5) * math.pi) % (2 * math.pi)
    via = (x1 + (0.5 * r + 0.5) * p * math.sin(g), y1 + (0.5 * r + 0.5) * p * math.cos(g))
    return (0.25 * x1 + 0.5 * via[0] + 0.25 * x2, 0.25 * y1 + 0.5 * via[1] + 0.25 * y2)


STRAIGHT = {"enabled": False}
_CANDIDATES = [STRAIGHT] + [{"enabled": True, "type": t, "roundness": r}
                            for r in (0.15, 0.3, 0.45, 0.6, 0.75, 0.9)
                            for t in ("curvedCW", "curvedCCW")]


def parallel_curves(edges: list[tuple[str, str, str]], pos: dict[str, tuple[float, float]],
                    ) -> dict[int, dict]:
    """EDGES: (from, to, label) in page order. For each, the vis `smooth` option that keeps
    its label box clear of the labels of the other edges between the same two nodes."""
    groups: dict[frozenset, list[int]] = {}
    for i, (a, b, _) in enumerate(edges):
        groups.setdefault(frozenset((a, b)), []).append(i)
    out: dict[int, dict] = {}
    for members in groups.values():
        placed: list[tuple[float, float, float, float]] = []  # centre x, y, half w, half h
        for i in members:
            a, b, label = edges[i]
            w = text_width(label, EDGE_FONT) / 2 + 3
            h = EDGE_FONT * 0.75 + 3
            choice = None
            for cand in _CANDIDATES:
                cx, cy = label_point(pos[a], pos[b], cand)
                if all(abs(cx - px) >= w + pw or abs(cy - py) >= h + ph for px, py, pw, ph in placed):
                    choice = (cand, cx, cy)
                    break
            if choice is None:  # too many to keep apart: the roundest curve left
                cand = _CANDIDATES[min(len(placed), len(_CANDIDATES) - 1)]
                choice = (cand, *label_point(pos[a], pos[b], cand))
            out[i] = choice[0]
            placed.append((choice[1], choice[2], w, h))
    return out
