"""What every chart shares: the text in each language, the axes, the fonts and the labels
(nothing global is changed)."""

from __future__ import annotations

from typing import Any, Optional

from cxkit import _cxkit

# Okabe–Ito blue and vermilion.
BAR = "#0072B2"
BAD = "#D55E00"


def text(lang: str, table: dict[str, dict[str, str]]) -> dict[str, str]:
    """A module's ``table`` of texts in ``lang``."""
    if lang not in table:
        raise _cxkit.InvalidParameterError(f"lang: {lang!r} is not one of 'en', 'zh'")
    return table[lang]

def shown(lang: str, name: Any) -> str:
    """The name the report shows for ``name`` (a tier, a default RFM segment, …) in
    ``lang``; any other name is the bank's own, shown as it is."""
    return _cxkit._DISPLAY_NAMES[lang].get(str(name), str(name))


def pyplot() -> Any:
    try:
        import matplotlib.pyplot as plt
    except ImportError as e:  # pragma: no cover - the tests install matplotlib
        raise ImportError('cxkit.plot needs matplotlib: pip install "cxkit[plot]"') from e
    return plt

def axes(ax: Any, size: tuple[float, float]) -> Any:
    if ax is not None:
        return ax
    _, ax = pyplot().subplots(figsize=size, layout="constrained")
    return ax

def family(lang: str) -> Optional[list[str]]:
    """The font family for ``lang``: for Chinese the first font of the report's stack that is
    installed, then matplotlib's own for Latin glyphs; None (the default) for English."""
    if lang != "zh":
        return None
    from matplotlib import font_manager

    installed = {f.name for f in font_manager.fontManager.ttflist}
    for name in _cxkit._CJK_FONTS:
        if name in installed:
            return [name, "DejaVu Sans"]
    return None

def finish(ax: Any, lang: str, title: str, xlabel: str = "", ylabel: str = "") -> Any:
    """Sets the labels, in ``lang``'s font on every text artist of ``ax`` (nothing global)."""
    ax.set_title(title)
    ax.set_xlabel(xlabel)
    ax.set_ylabel(ylabel)
    fonts = family(lang)
    if fonts is not None:
        for t in [ax.title, ax.xaxis.label, ax.yaxis.label, *ax.texts]:
            t.set_fontfamily(fonts)
        ax.tick_params(labelfontfamily=fonts)
        legend = ax.get_legend()
        if legend is not None:
            for t in legend.get_texts():
                t.set_fontfamily(fonts)
    return ax

def table_rows(table: Any) -> list[tuple[Any, dict[str, Any]]]:
    """(label, row) pairs of a result's DataFrame (``cxkit[plot]`` installs pandas)."""
    return [(label, dict(row)) for label, row in table.iterrows()]

def intervals(ax: Any, labels: list[str], values: list[float], low: list[float], high: list[float],
               colour: str) -> None:
    ax.barh(labels, values, color=colour)
    err = [[v - lo for v, lo in zip(values, low)], [hi - v for v, hi in zip(values, high)]]
    ax.errorbar(values, labels, xerr=err, fmt="none", ecolor="#333", capsize=3)
    ax.axvline(0, color="#666", linewidth=0.8)
    ax.invert_yaxis()
    span = [*low, *high, 0.0]
    pad = 0.08 * (max(span) - min(span) or 1.0)
    ax.set_xlim(min(span) - pad, max(span) + pad)
