"""Service-quality charts: SERVQUAL gaps."""

from __future__ import annotations

from typing import Any

from cxkit import _cxkit
from cxkit.plot._style import BAD, axes, finish, intervals, table_rows, text

TEXT = {
    "en": {
        "servqual_title": "SERVQUAL gaps by {what} (perception − expectation)",
        "servqual_x": "Gap (scale points; below 0: expectations not met)",
        "dimension": "dimension",
        "item": "item",
    },
    "zh": {
        "servqual_title": "各{what}的 SERVQUAL 差距（感知 − 期望）",
        "servqual_x": "差距（量表分；低于 0 表示未达期望）",
        "dimension": "维度",
        "item": "题项",
    },
}


def servqual(result: Any, ax: Any = None, lang: str = "en", by: str = "dimensions") -> Any:
    """The SERVQUAL gaps of a ``Servqual`` result with their t-intervals, one bar per
    dimension (``by="dimensions"``) or item (``by="items"``), in the result's order.

    >>> import matplotlib; matplotlib.use("Agg")
    >>> r = cxkit.servqual([[5, 6], [4, 6], [6, 7]], [[6, 6], [6, 7], [7, 7]], dimensions=["a", "b"])
    >>> len(cxkit.plot.servqual(r).patches)
    2
    """
    t = text(lang, TEXT)
    if by not in ("dimensions", "items"):
        raise _cxkit.InvalidParameterError(f"by: {by!r} is not one of 'dimensions', 'items'")
    rows = table_rows(getattr(result, by))
    ax = axes(ax, (7.0, 0.45 * len(rows) + 1.5))
    intervals(ax, [str(n) for n, _ in rows], [r["gap"] for _, r in rows], [r["ci_low"] for _, r in rows],
               [r["ci_high"] for _, r in rows], BAD)
    return finish(ax, lang, t["servqual_title"].format(what=t["dimension" if by == "dimensions" else "item"]),
                   t["servqual_x"])
