"""NPS, CSAT, CES and Likert charts (``cxkit.survey``)."""

from __future__ import annotations

from typing import Any, Mapping, Optional

from cxkit import _cxkit
from cxkit.plot._style import BAR, axes, finish, table_rows, text

TEXT = {
    "en": {
        "nps_title": "NPS by wave",
        "nps_one": "NPS",
        "nps_y": "NPS (points, −100 to 100)",
        "wave": "Wave",
    },
    "zh": {
        "nps_title": "各期 NPS",
        "nps_one": "NPS",
        "nps_y": "NPS（分，−100 至 100）",
        "wave": "期次",
    },
}


def nps(results: Any, ax: Any = None, lang: str = "en", title: Optional[str] = None) -> Any:
    """NPS with its interval, one point per group: ``results`` is one ``Nps``, a mapping
    label → ``Nps`` (waves, segments, in the mapping's order) or a DataFrame with columns
    ``score``, ``ci_low`` and ``ci_high`` indexed by the label.

    >>> import matplotlib; matplotlib.use("Agg")
    >>> ax = cxkit.plot.nps(cxkit.nps([10, 9, 9, 7, 3]))
    >>> ax.get_ylabel()
    'NPS (points, −100 to 100)'
    """
    t = text(lang, TEXT)
    if isinstance(results, _cxkit.Nps):
        points = [("", results.score, results.ci_low, results.ci_high)]
    elif isinstance(results, Mapping):
        points = [(str(k), r.score, r.ci_low, r.ci_high) for k, r in results.items()]
    else:
        points = [(str(k), row["score"], row["ci_low"], row["ci_high"]) for k, row in table_rows(results)]
    if not points:
        raise _cxkit.EmptyInputError("results: no NPS to plot")
    ax = axes(ax, (6.4, 4.0))
    x = list(range(len(points)))
    y = [p[1] for p in points]
    err = [[p[1] - p[2] for p in points], [p[3] - p[1] for p in points]]
    ax.errorbar(x, y, yerr=err, fmt="o-", color=BAR, capsize=4)
    for xi, p in zip(x, points):
        ax.annotate(f"{p[1]:.1f}", (xi, p[1]), textcoords="offset points", xytext=(8, 4))
    ax.axhline(0, color="#666", linewidth=0.8)
    ax.set_xticks(x, [p[0] for p in points])
    low, high = min(p[2] for p in points), max(p[3] for p in points)
    pad = max(5.0, 0.15 * (high - low))
    ax.set_ylim(max(-100.0, low - pad), min(100.0, high + pad))
    ax.set_xlim(-0.5, len(points) - 0.5)
    many = len(points) > 1
    return finish(ax, lang, title or (t["nps_title"] if many else t["nps_one"]), t["wave"] if many else "",
                   t["nps_y"])
