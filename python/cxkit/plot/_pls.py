"""PLS path-model charts (``cxkit.pls``): the path diagram and the importance–performance map."""

from __future__ import annotations

from typing import Any, Mapping, Optional

from cxkit import _cxkit
from cxkit.plot._ipa import quadrant_rows, quadrants
from cxkit.plot._style import BAR, axes, finish, text

TEXT = {
    "en": {
        "paths_title": "PLS path model ({n} respondents)",
        "paths_x": "Arrows: standardised path coefficients; R²: share of a construct's variance its predecessors explain",
        "paths_x_boot": ("Arrows: standardised path coefficients (bootstrap of {samples}: * p < 0.05, ** p < 0.01, "
                         "*** p < 0.001;\ndashed grey: the{level} percentile interval includes 0); R²: variance explained"),
        "level": " {level:g} %",
        "ipma_title": "Importance–performance map for {target} (its performance {performance:.0f}/100)",
        "ipma_x": "Importance: total effect on {target} (unstandardised)",
        "ipma_y": "Performance (0–100)",
    },
    "zh": {
        "paths_title": "PLS 路径模型（{n} 位受访者）",
        "paths_x": "箭头：标准化路径系数；R²：前因构念解释的方差比例",
        "paths_x_boot": ("箭头：标准化路径系数（{samples} 次自助抽样：* p < 0.05，** p < 0.01，*** p < 0.001；\n"
                         "灰色虚线：{level}百分位区间包含 0）；R²：解释的方差比例"),
        "level": " {level:g} % ",
        "ipma_title": "{target}的重要性–绩效图（其绩效 {performance:.0f}/100）",
        "ipma_x": "重要性：对{target}的总效应（非标准化）",
        "ipma_y": "绩效（0–100）",
    },
}

# The diagram's geometry in data units: one unit between layers, the box's width and height.
BOX_W, BOX_H, ROW_GAP, LEVEL = 0.64, 0.62, 0.32, 0.42


def layers(names: list[str], paths: list[tuple[str, str]]) -> dict[str, int]:
    """The layer of every construct: 0 without predecessors, else one more than its latest
    predecessor's (the longest path into it), as the HTML report's diagram."""
    layer = {n: 0 for n in names}
    for _ in names:
        for a, b in paths:
            layer[b] = max(layer[b], layer[a] + 1)
    return layer


def wrap(name: str, width: int = 11) -> str:
    """Wraps a name at spaces into lines of about ``width`` characters."""
    lines: list[str] = []
    for word in name.split():
        if lines and len(lines[-1]) + 1 + len(word) <= width:
            lines[-1] += " " + word
        else:
            lines.append(word)
    return "\n".join(lines) or name


def stars(p: float) -> str:
    return "***" if p < 0.001 else "**" if p < 0.01 else "*" if p < 0.05 else ""


def arcs(spans: list[tuple[int, int]], allowed: list[tuple[bool, bool]]) -> list[Optional[tuple[int, int]]]:
    """(side, level) of every arrow that skips a layer (None for the others): side +1 above
    the row of boxes, −1 below; the shortest first, each on the side where it needs the
    lowest level (above on a tie) and at the first level where it overlaps no other arc."""
    out: list[Optional[tuple[int, int]]] = [None] * len(spans)
    long = sorted((i for i, (a, b) in enumerate(spans) if b > a + 1), key=lambda i: (spans[i][1] - spans[i][0], spans[i][0]))
    for i in long:
        lo, hi = spans[i]

        def level(side: int) -> int:
            k = 1
            while any(out[j] == (side, k) and spans[j][0] < hi and lo < spans[j][1] for j in long):
                k += 1
            return k

        up, down = allowed[i]
        options = ([(level(s), -s, s) for s, ok in ((1, up), (-1, down)) if ok]
                   or [(level(s), -s, s) for s in (1, -1)])
        k, _, side = min(options)
        out[i] = (side, k)
    return out


def pls_paths(result: Any, ax: Any = None, lang: str = "en", bootstrap: Optional[Mapping[str, Any]] = None) -> Any:
    """The path diagram of a ``PlsResult`` (``cxkit.pls_pm``): one box per construct, laid out
    left to right by the model's paths (a construct's column is the longest path into it;
    constructs sharing a column in the model's order top to bottom), each explained
    construct's R² in its box, one arrow per path labelled with its standardised coefficient;
    arrows that skip a column arc above or below the row (between neighbouring columns the
    stars go under the coefficient). With ``bootstrap`` (the dict of
    ``PlsResult.bootstrap``) the labels carry significance stars from the bootstrap p-values
    and the arrows whose interval includes 0 are grey and dashed, as in the HTML report.

    >>> import matplotlib; matplotlib.use("Agg")
    >>> import numpy as np, pandas as pd
    >>> rng = np.random.default_rng(1); x = rng.normal(size=(60, 1))
    >>> d = pd.DataFrame(np.hstack([x + rng.normal(size=(60, 2)), x + rng.normal(size=(60, 2))]),
    ...                  columns=["a1", "a2", "b1", "b2"])
    >>> r = cxkit.pls_pm(d, constructs={"A": ["a1", "a2"], "B": ["b1", "b2"]}, paths=[("A", "B")])
    >>> ax = cxkit.plot.pls_paths(r)
    >>> len(ax.patches)  # two boxes and an arrow
    3
    """
    t = text(lang, TEXT)
    model = result.model
    names = list(model.constructs)
    table = result.paths
    if not names or len(table) == 0:
        raise _cxkit.EmptyInputError("result: a model without paths has no diagram")
    paths = [(str(r["from"]), str(r["to"]), float(r["coefficient"])) for _, r in table.iterrows()]
    boot = None
    if bootstrap is not None:
        if not isinstance(bootstrap, Mapping) or "paths" not in bootstrap:
            raise _cxkit.InvalidParameterError("bootstrap: expected the dict of PlsResult.bootstrap (with 'paths')")
        boot = bootstrap["paths"]
        missing = [f"{a} -> {b}" for a, b, _ in paths if f"{a} -> {b}" not in boot.index]
        if missing:
            raise _cxkit.InvalidParameterError(f"bootstrap: not of this model (no path {missing[0]})")
    layer = layers(names, [(a, b) for a, b, _ in paths])
    columns = max(layer.values()) + 1
    by_layer = [[n for n in names if layer[n] == k] for k in range(columns)]
    tallest = max(len(c) for c in by_layer)
    centre: dict[str, tuple[float, float]] = {}
    row: dict[str, tuple[int, int]] = {}
    for k, column in enumerate(by_layer):
        for i, n in enumerate(column):
            # Centred vertically on the band of the tallest column; the first on top.
            y = ((len(column) - 1) / 2 - i) * (BOX_H + ROW_GAP)
            centre[n] = (float(k), y)
            row[n] = (i, len(column))
    band = (tallest * BOX_H + (tallest - 1) * ROW_GAP) / 2
    spans = [(layer[a], layer[b]) for a, b, _ in paths]
    # An arc meets a box on its top (bottom) edge when the box is the top (bottom) one of its
    # column, else on its right (left) edge; it runs above (below) the row when both ends can.
    def outer(n: str, side: int) -> bool:
        return row[n][0] == (0 if side > 0 else row[n][1] - 1)

    allowed = [(outer(a, 1) and outer(b, 1), outer(a, -1) and outer(b, -1)) for a, b, _ in paths]
    arc = arcs(spans, allowed)
    ax = axes(ax, (max(7.0, 1.5 * columns + 1.0), 2.2 + 1.1 * tallest))
    from matplotlib.patches import FancyArrowPatch, FancyBboxPatch
    from matplotlib.path import Path

    r2 = result.r_squared["r_squared"] if len(result.r_squared) else {}
    for n in names:
        x, y = centre[n]
        ax.add_patch(FancyBboxPatch((x - BOX_W / 2, y - BOX_H / 2), BOX_W, BOX_H, boxstyle="round,pad=0,rounding_size=0.08",
                                    facecolor="#E8F1F8", edgecolor=BAR, linewidth=1.2, zorder=2))
        label = wrap(n)
        if n in r2:
            label += f"\nR² {float(r2[n]):.2f}"
        ax.text(x, y, label, ha="center", va="center", fontsize=8, zorder=4)
    # Where each arc meets its boxes' edge: leaving on the right half, arriving on the left
    # half, the outer (higher) arcs nearer the middle, so that nested arcs do not cross.
    ends: dict[tuple[str, int, int], list[int]] = {}
    for i, ((a, b, _), a_) in enumerate(zip(paths, arc)):
        if a_ is not None:
            for n, way in ((a, 1), (b, -1)):
                if outer(n, a_[0]):
                    ends.setdefault((n, a_[0], way), []).append(i)
    foot: dict[tuple[int, int], float] = {}
    level_of = {i: a_[1] for i, a_ in enumerate(arc) if a_ is not None}
    for (n, side, way), arrows in ends.items():
        arrows.sort(key=lambda i: -level_of[i])
        for k, i in enumerate(arrows):
            foot[(i, way)] = centre[n][0] + way * (0.05 + (BOX_W / 2 - 0.1) * (k + 1) / (len(arrows) + 1))
    above = below = 0
    for i, ((a, b, coef), a_) in enumerate(zip(paths, arc)):
        (x0, y0), (x1, y1) = centre[a], centre[b]
        strong = True
        label = f"{coef:.2f}"
        if boot is not None:
            rb = boot.loc[f"{a} -> {b}"]
            star = stars(float(rb["p_value"]))
            if star:
                label += ("\n" if a_ is None else "") + star
            strong = bool(rb["ci_low"] > 0 or rb["ci_high"] < 0)
        if a_ is None:
            # Neighbouring columns: a straight arrow from the right edge to the left edge.
            start, end = (x0 + BOX_W / 2, y0), (x1 - BOX_W / 2, y1)
            path = Path([start, end], [Path.MOVETO, Path.LINETO])
            mid = ((start[0] + end[0]) / 2, (start[1] + end[1]) / 2)
        else:
            side, level = a_
            if side > 0:
                above = max(above, level)
            else:
                below = max(below, level)
            edge = side * BOX_H / 2
            start = (foot[(i, 1)], y0 + edge) if outer(a, side) else (x0 + BOX_W / 2, y0)
            end = (foot[(i, -1)], y1 + edge) if outer(b, side) else (x1 - BOX_W / 2, y1)
            # Both control points at the height that puts the curve's middle at the arc's level.
            peak = side * (band + LEVEL * level)
            yc = (peak - (start[1] + end[1]) / 8) / 0.75
            c0 = (start[0] + 0.25 if outer(a, side) else x0 + 0.5, yc)
            c1 = (end[0] - 0.25 if outer(b, side) else x1 - 0.5, yc)
            path = Path([start, c0, c1, end], [Path.MOVETO, Path.CURVE4, Path.CURVE4, Path.CURVE4])
            # The cubic's point at t = 1/2.
            mid = ((start[0] + 3 * c0[0] + 3 * c1[0] + end[0]) / 8, (start[1] + 3 * c0[1] + 3 * c1[1] + end[1]) / 8)
        ax.add_patch(FancyArrowPatch(path=path, arrowstyle="-|>", mutation_scale=10,
                                     color="#333333" if strong else "#999999", linewidth=1.2 if strong else 0.9,
                                     linestyle="-" if strong else "--", zorder=1))
        ax.text(mid[0], mid[1], label, ha="center", va="center", fontsize=7, zorder=3,
                bbox={"boxstyle": "round,pad=0.15", "facecolor": "white", "edgecolor": "none"})
    ax.set_xlim(-0.55, columns - 0.45)
    ax.set_ylim(-band - LEVEL * below - 0.25, band + LEVEL * above + 0.25)
    ax.set_xticks([])
    ax.set_yticks([])
    for spine in ax.spines.values():
        spine.set_visible(False)
    if bootstrap is None:
        xlabel = t["paths_x"]
    else:
        # The dict does not say its interval's level unless a caller added it.
        confidence = bootstrap.get("confidence")
        xlabel = t["paths_x_boot"].format(
            samples=bootstrap.get("samples", "?"),
            level="" if confidence is None else t["level"].format(level=100 * float(confidence)))
    out = finish(ax, lang, t["paths_title"].format(n=result.n), xlabel)
    ax.xaxis.label.set_fontsize(8)
    return out


def ipma(table: Any, ax: Any = None, lang: str = "en", labels: bool = True) -> Any:
    """The importance–performance map of ``PlsResult.ipma(target, scale)``: one point per
    construct at (its unstandardised total effect on the target, its mean performance on
    0–100), coloured by its quadrant, the crosshair at the means of both (as the HTML report),
    the quadrant names in the corners and each point labelled.

    >>> import matplotlib; matplotlib.use("Agg")
    >>> import numpy as np, pandas as pd
    >>> rng = np.random.default_rng(1); x = rng.normal(size=(60, 1))
    >>> d = pd.DataFrame(np.clip(np.round(5 + 2 * np.hstack([x, x, x, x]) + rng.normal(size=(60, 4))), 1, 10),
    ...                  columns=["a1", "a2", "b1", "b2"])
    >>> r = cxkit.pls_pm(d, constructs={"A": ["a1", "a2"], "B": ["b1", "b2"]}, paths=[("A", "B")])
    >>> ax = cxkit.plot.ipma(r.ipma("B", (1, 10)))
    >>> len(ax.collections[0].get_offsets())
    1
    """
    t = text(lang, TEXT)
    rows = quadrant_rows(table, "table")
    attrs = getattr(table, "attrs", {}) or {}
    target = str(attrs.get("target", "?"))
    xs = [r["importance"] for _, r in rows]
    ys = [r["performance"] for _, r in rows]
    cuts = (float(attrs.get("importance_cut", sum(xs) / len(xs))),
            float(attrs.get("performance_cut", sum(ys) / len(ys))))
    lo, hi = min(0.0, *xs), max(0.0, *xs)
    pad = 0.15 * (hi - lo or 1.0)
    ax = axes(ax, (7.0, 6.0))
    quadrants(ax, lang, rows, cuts, (lo - (pad if lo < 0 else 0.0), hi + pad), (0.0, 100.0), labels)
    performance = attrs.get("target_performance", float("nan"))
    return finish(ax, lang, t["ipma_title"].format(target=target, performance=performance),
                  t["ipma_x"].format(target=target), t["ipma_y"])
