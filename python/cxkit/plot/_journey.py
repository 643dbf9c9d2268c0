"""Journey charts (``cxkit.journey``): the month × touchpoint heat map of the index and the
pain points."""

from __future__ import annotations

from typing import Any, Mapping, Optional

from cxkit import _cxkit
from cxkit.plot._style import BAD, axes, family, finish, table_rows, text

LEVELS = ("journey", "stage", "touchpoint", "indicator")

TEXT = {
    "en": {
        "heat_title": "{level} index (0–100) by month",
        "heat_x": "Month",
        "heat_bar": "Index (0–100)",
        "heat_bar_target": "Index (0–100; colours diverge at the target {target:g})",
        "journey": "Journey",
        "stage": "Stage",
        "touchpoint": "Touchpoint",
        "indicator": "Indicator",
        "pain_title": "Pain points: gap to {what} (worst first, ranked by importance × gap)",
        "pain_x": "Gap to {what} (index points, 0–100 scale)",
        "pain_score": "{gap:.1f} (score {score:.2f})",
        "target": "target",
        "benchmark": "benchmark",
    },
    "zh": {
        "heat_title": "各月{level}指数（0–100）",
        "heat_x": "月份",
        "heat_bar": "指数（0–100）",
        "heat_bar_target": "指数（0–100；颜色以目标 {target:g} 为分界）",
        "journey": "旅程",
        "stage": "阶段",
        "touchpoint": "触点",
        "indicator": "指标",
        "pain_title": "痛点：与{what}的差距（按重要性 × 差距排序，最差在前）",
        "pain_x": "与{what}的差距（指数分，0–100）",
        "pain_score": "{gap:.1f}（得分 {score:.2f}）",
        "target": "目标",
        "benchmark": "标杆",
    },
}


def month_windows(state: Any, start: Any, end: Any) -> dict[str, Any]:
    """Every calendar month from ``start``'s to ``end``'s evaluated on ``state``, labelled "YYYY-MM"."""
    import pandas as pd  # type: ignore[import-untyped,unused-ignore]

    if start is None or end is None:
        raise _cxkit.InvalidParameterError(
            "start, end: a JourneyState needs the first and the last month to draw (e.g. start='2025-01', end='2025-12')")
    try:
        months = pd.period_range(pd.Timestamp(start), pd.Timestamp(end), freq="M")
    except (TypeError, ValueError) as e:
        raise _cxkit.InvalidParameterError(f"start, end: not dates ({e})") from e
    if len(months) == 0:
        raise _cxkit.InvalidParameterError(f"start, end: {start!r} is after {end!r}")
    return {str(m): state.evaluate(window="month", at=m.start_time) for m in months}


def month_ticks(labels: list[str]) -> list[str]:
    """"YYYY-MM" columns as the month, with the year under the first month and every January."""
    out = []
    for j, label in enumerate(labels):
        year, _, month = label.partition("-")
        if not (len(year) == 4 and year.isdigit() and month.isdigit()):
            out.append(label)
        elif j == 0 or month == "01":
            out.append(f"{month}\n{year}")
        else:
            out.append(month)
    return out


def journey_heatmap(windows: Any, ax: Any = None, lang: str = "en", level: str = "touchpoint", start: Any = None,
                    end: Any = None, target: Optional[float] = None, values: bool = True) -> Any:
    """The index (0–100) of every node at ``level`` (a touchpoint by default, as the HTML
    report's journey heat map) by month: one row per node in the tree's order, one column per
    window, each cell's value written in it, grey where the window has no events.
    ``windows`` is a mapping column label → DataFrame of ``JourneyState.evaluate`` /
    ``IndicatorTree.evaluate`` (in the mapping's order), or a ``JourneyState`` with ``start``
    and ``end``: then every calendar month from ``start``'s to ``end``'s (the report takes the
    months of the first and the last event). With ``target`` (index points) the colours
    diverge at it (ColorBrewer RdBu: red below, blue above), else they run along cividis;
    both are safe for the common colour-vision deficiencies.

    >>> import matplotlib; matplotlib.use("Agg")
    >>> tree = cxkit.IndicatorTree.from_dict({"journeys": [{"id": "j", "stages": [{"id": "s", "touchpoints": [
    ...     {"id": "app", "indicators": [{"id": "ok", "kind": {"type": "rate"}}]}]}]}]})
    >>> st = cxkit.JourneyState(tree)
    >>> st.update({"indicator": ["ok", "ok", "ok"], "timestamp": ["2025-01-05", "2025-01-09", "2025-03-02"],
    ...            "value": [1.0, 0.0, 1.0]})
    >>> ax = cxkit.plot.journey_heatmap(st, start="2025-01", end="2025-03", target=80)
    >>> ax.images[0].get_array().tolist()  # February has no events
    [[50.0, None, 100.0]]
    """
    t = text(lang, TEXT)
    if level not in LEVELS:
        raise _cxkit.InvalidParameterError(f"level: {level!r} is not one of {', '.join(map(repr, LEVELS))}")
    if target is not None and not 0.0 < target < 100.0:
        raise _cxkit.InvalidParameterError(f"target: {target!r} is not an index strictly between 0 and 100")
    if isinstance(windows, _cxkit.JourneyState):
        windows = month_windows(windows, start, end)
    elif not isinstance(windows, Mapping):
        raise _cxkit.InvalidParameterError(
            f"windows: expected a JourneyState or a mapping label → evaluated window, got {type(windows).__name__}")
    columns = [str(k) for k in windows]
    frames = list(windows.values())
    if not frames:
        raise _cxkit.EmptyInputError("windows: no window to plot")
    nodes = [str(n) for n, row in table_rows(frames[0]) if row["level"] == level]
    if not nodes:
        raise _cxkit.EmptyInputError(f"windows: no {level} in the tree")
    import numpy as np
    from matplotlib import colormaps
    from matplotlib.colors import Normalize, TwoSlopeNorm

    grid = np.full((len(nodes), len(columns)), np.nan)
    for j, frame in enumerate(frames):
        index = frame["index"]
        for i, node in enumerate(nodes):
            if node in index.index:
                grid[i, j] = float(index.loc[node])
    if target is None:
        cmap = colormaps["cividis"].with_extremes(bad="#DDDDDD")
        norm = Normalize(vmin=0.0, vmax=100.0)
    else:
        cmap = colormaps["RdBu"].with_extremes(bad="#DDDDDD")
        norm = TwoSlopeNorm(vmin=0.0, vcenter=float(target), vmax=100.0)
    ax = axes(ax, (max(6.5, 0.55 * len(columns) + 3.0), 0.5 * len(nodes) + 2.0))
    image = ax.imshow(np.ma.masked_invalid(grid), cmap=cmap, norm=norm, aspect="auto", interpolation="nearest")
    if values:
        for i in range(len(nodes)):
            for j in range(len(columns)):
                v = grid[i, j]
                if v != v:
                    ax.text(j, i, "–", ha="center", va="center", fontsize=7, color="#555555")
                    continue
                r, g, b, _ = cmap(norm(v))
                dark = 0.2126 * r + 0.7152 * g + 0.0722 * b < 0.5
                ax.text(j, i, f"{v:.0f}", ha="center", va="center", fontsize=7, color="white" if dark else "black")
    ax.set_xticks(range(len(columns)), month_ticks(columns))
    ax.set_yticks(range(len(nodes)), nodes)
    ax.tick_params(axis="x", labelsize=8)
    bar = ax.figure.colorbar(image, ax=ax, fraction=0.05, pad=0.02)
    bar.set_label(t["heat_bar"] if target is None else t["heat_bar_target"].format(target=target), fontsize=8)
    bar.ax.tick_params(labelsize=8)
    fonts = family(lang)
    if fonts is not None:
        bar.ax.yaxis.label.set_fontfamily(fonts)
    return finish(ax, lang, t["heat_title"].format(level=t[level]), t["heat_x"], t[level])


def pain_points(table: Any, ax: Any = None, lang: str = "en", top: Optional[int] = None,
                gap_to: str = "target") -> Any:
    """The pain points of ``cxkit.pain_points``: one bar per touchpoint of its gap to the
    target (or the benchmark: say which with ``gap_to``, as given to ``pain_points``), in
    index points, in the table's order (worst first: ranked by importance × gap), each bar
    labelled with its gap and score; ``top`` keeps the first ``top``.

    >>> import matplotlib; matplotlib.use("Agg")
    >>> tree = cxkit.IndicatorTree.from_dict({"journeys": [{"id": "j", "stages": [{"id": "s", "touchpoints": [
    ...     {"id": "app", "indicators": [{"id": "ok", "kind": {"type": "rate"}, "target": 0.9}]}]}]}]})
    >>> st = cxkit.JourneyState(tree)
    >>> st.update({"indicator": ["ok", "ok"], "timestamp": ["2025-01-05", "2025-01-09"], "value": [1.0, 0.0]})
    >>> [float(p.get_width()) for p in cxkit.plot.pain_points(cxkit.pain_points(st, window="month")).patches]
    [40.0]
    """
    t = text(lang, TEXT)
    if gap_to not in ("target", "benchmark"):
        raise _cxkit.InvalidParameterError(f"gap_to: {gap_to!r} is not one of 'target', 'benchmark'")
    if top is not None and (not isinstance(top, int) or top < 1):
        raise _cxkit.InvalidParameterError(f"top: {top!r} is not a positive whole number")
    missing = [c for c in ("touchpoint", "gap", "score") if c not in getattr(table, "columns", [])]
    if missing:
        raise _cxkit.InvalidParameterError(f"table: expected the DataFrame of cxkit.pain_points, missing {missing}")
    rows = [r for _, r in table_rows(table)][:top]
    if not rows:
        raise _cxkit.EmptyInputError(f"table: no pain point (every touchpoint meets its {gap_to}s)")
    ax = axes(ax, (7.0, 0.45 * len(rows) + 1.5))
    names = [str(r["touchpoint"]) for r in rows]
    gaps = [r["gap"] for r in rows]
    ax.barh(names, gaps, color=BAD)
    ax.invert_yaxis()
    for y, r in enumerate(rows):
        ax.annotate(t["pain_score"].format(gap=r["gap"], score=r["score"]), (r["gap"], y), textcoords="offset points",
                    xytext=(5, 0), va="center", fontsize=8)
    ax.set_xlim(0, max(gaps + [1.0]) * 1.35)
    what = t[gap_to]
    return finish(ax, lang, t["pain_title"].format(what=what), t["pain_x"].format(what=what))
