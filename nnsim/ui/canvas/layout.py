"""Tidy: a left-to-right layered layout by topological depth (pure Python, no Qt).

Each layer's column is its longest path from a source; within a column, nodes are ordered by the
mean row of their inputs (the barycentre heuristic), which keeps most links from crossing.
Nodes on a cycle (an invalid network) still get a place, after the others.
"""

from __future__ import annotations

from ...spec import Project

COLUMN = 200.0
ROW = 110.0


def tidy_positions(project: Project, column: float = COLUMN, row: float = ROW,
                   origin=(0.0, 0.0)) -> dict[str, tuple[float, float]]:
    ids = [n.id for n in project.nodes]
    if not ids:
        return {}
    known = set(ids)
    preds = {i: [] for i in ids}
    succs = {i: [] for i in ids}
    for l in project.links:
        if l.src in known and l.dst in known and l.src != l.dst:
            preds[l.dst].append(l.src)
            succs[l.src].append(l.dst)
    # longest-path depth over a topological order (Kahn); leftovers (cycles) go last
    indeg = {i: len(preds[i]) for i in ids}
    ready = [i for i in ids if indeg[i] == 0]
    order = []
    while ready:
        i = ready.pop(0)
        order.append(i)
        for j in succs[i]:
            indeg[j] -= 1
            if indeg[j] == 0:
                ready.append(j)
    depth = {i: 0 for i in ids}
    for i in order:
        for j in succs[i]:
            depth[j] = max(depth[j], depth[i] + 1)
    rest = [i for i in ids if i not in set(order)]
    top = max(depth.values()) if order else -1
    for k, i in enumerate(rest):
        depth[i] = top + 1
    # columns, ordered by the barycentre of their inputs' rows
    columns: dict[int, list[str]] = {}
    for i in order + rest:
        columns.setdefault(depth[i], []).append(i)
    rank: dict[str, float] = {}
    for d in sorted(columns):
        col = columns[d]
        first = {i: k for k, i in enumerate(col)}

        def key(i, first=first):
            ps = [rank[p] for p in preds[i] if p in rank]
            return (sum(ps) / len(ps) if ps else float("inf"), first[i])

        col.sort(key=key)
        for k, i in enumerate(col):
            rank[i] = k - (len(col) - 1) / 2
    ox, oy = origin
    return {i: (ox + depth[i] * column, oy + rank[i] * row) for i in ids}
