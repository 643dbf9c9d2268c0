"""Importance–performance analysis (``cxkit.ipa``): the quadrant chart."""

from __future__ import annotations

from typing import Any, Optional

from cxkit import _cxkit
from cxkit.plot._style import BAD, axes, finish, table_rows, text

# Okabe–Ito colours of the four quadrants (cxkit's quadrant labels).
QUADRANT_COLOURS = {
    "concentrate here": BAD,
    "keep up the good work": "#009E73",
    "low priority": "#999999",
    "possible overkill": "#0072B2",
}

TEXT = {
    "en": {
        "ipa_title": "Importance–performance analysis",
        "ipa_x": "Importance (the input's units; crosshair at {cut:.3g})",
        "ipa_y": "Performance (the input's units; crosshair at {cut:.3g})",
        "concentrate here": "Concentrate here",
        "keep up the good work": "Keep up the good work",
        "low priority": "Low priority",
        "possible overkill": "Possible overkill",
    },
    "zh": {
        "ipa_title": "重要性–绩效分析",
        "ipa_x": "重要性（输入单位；分界线 {cut:.3g}）",
        "ipa_y": "绩效（输入单位；分界线 {cut:.3g}）",
        "concentrate here": "重点改进区",
        "keep up the good work": "继续保持区",
        "low priority": "低优先区",
        "possible overkill": "可能过度区",
    },
}


def quadrant_rows(table: Any, what: str) -> list[tuple[str, dict[str, Any]]]:
    """The rows of an importance–performance table (columns importance, performance, quadrant)
    with both numbers, checked."""
    missing = [c for c in ("importance", "performance", "quadrant") if c not in getattr(table, "columns", [])]
    if missing:
        raise _cxkit.InvalidParameterError(
            f"{what}: expected a DataFrame with columns importance, performance and quadrant, missing {missing}")
    rows = [(str(n), r) for n, r in table_rows(table) if r["importance"] == r["importance"]
            and r["performance"] == r["performance"]]
    if not rows:
        raise _cxkit.EmptyInputError(f"{what}: no attribute with an importance and a performance to plot")
    return rows


def quadrants(ax: Any, lang: str, rows: list[tuple[str, dict[str, Any]]], cuts: tuple[float, float],
              xlim: tuple[float, float], ylim: tuple[float, float], labels: bool) -> None:
    """Draws the points (importance across, performance up), the crosshair at ``cuts`` and
    the quadrant names in the corners; each label on the side of its point facing the middle
    of the axes, so that none runs off them."""
    t = text(lang, TEXT)
    xs = [r["importance"] for _, r in rows]
    ys = [r["performance"] for _, r in rows]
    colours = [QUADRANT_COLOURS.get(r["quadrant"], "#000000") for _, r in rows]
    ax.scatter(xs, ys, c=colours, s=60, zorder=3, edgecolors="white", linewidths=0.5)
    ax.axvline(cuts[0], color="#999", linewidth=0.8, linestyle="--")
    ax.axhline(cuts[1], color="#999", linewidth=0.8, linestyle="--")
    ax.set_xlim(*xlim)
    ax.set_ylim(*ylim)
    if labels:
        xmid, ymid = sum(xlim) / 2, sum(ylim) / 2
        notes = []
        for (name, _), x, y in zip(rows, xs, ys):
            right = x > xmid
            notes.append(ax.annotate(name, (x, y), textcoords="offset points",
                                     xytext=(-6 if right else 6, -11 if y > ymid + 0.4 * (ylim[1] - ylim[0]) else 5),
                                     ha="right" if right else "left", fontsize=8))
        apart(ax, [n for _, n in sorted(zip(ys, notes), key=lambda p: -p[0])])
    # High importance on the right, high performance at the top.
    for x, y, q in [(0.98, 0.02, "concentrate here"), (0.98, 0.98, "keep up the good work"),
                    (0.02, 0.02, "low priority"), (0.02, 0.98, "possible overkill")]:
        ax.text(x, y, t[q], transform=ax.transAxes, ha="left" if x < 0.5 else "right",
                va="top" if y > 0.5 else "bottom", color=QUADRANT_COLOURS[q], fontsize=9, fontweight="bold")


def apart(ax: Any, notes: list[Any]) -> None:
    """Moves each label (top first) that overlaps one placed before it under its point, or
    further down until it overlaps none."""
    try:
        renderer = ax.figure.canvas.get_renderer()
    except AttributeError:  # pragma: no cover - a backend without a renderer to measure with
        return
    points = ax.figure.dpi / 72.0
    # 3 points of room: the layout may still shrink the axes, and the points with it.
    room = 3.0 * points
    placed: list[Any] = []

    def hits(note: Any) -> list[Any]:
        box = note.get_window_extent(renderer).padded(room)
        return [b for b in placed if box.overlaps(b)]

    for note in notes:
        if hits(note):
            # First under its own point, then further down until it is clear.
            dx, dy = note.xyann
            note.xyann = (dx, -11.0)
            if hits(note):
                note.xyann = (dx, dy)
            for _ in range(len(notes)):
                hit = hits(note)
                if not hit:
                    break
                box = note.get_window_extent(renderer).padded(room)
                dx, dy = note.xyann
                note.xyann = (dx, dy - (box.y1 - min(b.y0 for b in hit)) / points)
        placed.append(note.get_window_extent(renderer))


def padded(values: list[float], cut: float) -> tuple[float, float]:
    """Limits holding ``values`` and the crosshair with 12 % of their range as room either side."""
    low, high = min(values + [cut]), max(values + [cut])
    pad = 0.12 * (high - low or abs(high) or 1.0)
    return low - pad, high + pad


def ipa(table: Any, ax: Any = None, lang: str = "en", labels: bool = True, title: Optional[str] = None,
        xlabel: Optional[str] = None, ylabel: Optional[str] = None) -> Any:
    """The importance–performance quadrants of a ``cxkit.ipa`` table: one point per attribute
    at (importance, performance), coloured by its quadrant, the crosshair at the table's
    ``importance_cut`` and ``performance_cut`` (its ``attrs``; the means when they are gone),
    the quadrant names (concentrate here, keep up the good work, low priority, possible
    overkill) in the corners and each point labelled. ``title``, ``xlabel`` and ``ylabel``
    replace the default texts (e.g. to name the units of the importance).

    >>> import matplotlib; matplotlib.use("Agg")
    >>> t = cxkit.ipa([0.4, 0.3, 0.1, 0.2], [3.0, 6.0, 2.0, 6.5], names=["fees", "app", "branch", "cards"])
    >>> ax = cxkit.plot.ipa(t)
    >>> len(ax.collections[0].get_offsets()), ax.lines[0].get_xdata()[0]
    (4, 0.25)
    """
    t = text(lang, TEXT)
    rows = quadrant_rows(table, "table")
    xs = [r["importance"] for _, r in rows]
    ys = [r["performance"] for _, r in rows]
    attrs = getattr(table, "attrs", {}) or {}
    cuts = (float(attrs.get("importance_cut", sum(xs) / len(xs))),
            float(attrs.get("performance_cut", sum(ys) / len(ys))))
    ax = axes(ax, (7.0, 6.0))
    quadrants(ax, lang, rows, cuts, padded(xs, cuts[0]), padded(ys, cuts[1]), labels)
    return finish(ax, lang, title or t["ipa_title"], xlabel or t["ipa_x"].format(cut=cuts[0]),
                  ylabel or t["ipa_y"].format(cut=cuts[1]))
