"""cxkit.plot on the demo bank: every chart drawn with the Agg backend, its Axes checked (a
title and axis labels, one bar or point per row of the result, limits that hold the data,
every label inside the figure, no global style changed), and its PNG compared with a stored
baseline (tests/python/baseline/*.png; CXKIT_BLESS=1 writes them) within a tolerance, in
English and Chinese."""

import importlib
import os
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

mpl = pytest.importorskip("matplotlib")
mpl.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
from matplotlib.collections import PathCollection, QuadMesh  # noqa: E402
from matplotlib.testing.compare import compare_images  # noqa: E402

import cxkit  # noqa: E402
import cxkit.plot  # noqa: E402
from cxkit.plot._style import family  # noqa: E402
from plot_cases import charts  # noqa: E402
from plot_cases.complaints import channel_metrics  # noqa: E402
from plot_cases.drivers import drivers_result  # noqa: E402
from plot_cases.journey import event_months, journey_state  # noqa: E402
from plot_cases.pls import satisfaction_fit  # noqa: E402
from plot_cases.kano import kano_waves  # noqa: E402
from plot_cases.quality import servqual_result, zone_result  # noqa: E402
from plot_cases.segment import profiles_result, tiers_result  # noqa: E402
from plot_cases.text import topics_result  # noqa: E402

BASELINE = Path(__file__).parent / "baseline"
BLESS = os.environ.get("CXKIT_BLESS") == "1"


@pytest.fixture(scope="module")
def bank():
    return cxkit.load_demo_bank(customers=4_000)


@pytest.fixture(autouse=True)
def close_figures():
    yield
    plt.close("all")


@pytest.fixture(scope="module")
def drawn(bank):
    return charts(bank)


def marks(ax):
    """Heat-map cells (an image or a mesh), else bars, else points (scatter offsets, or the
    points of the first line)."""
    if ax.images:
        return ax.images[0].get_array().size
    mesh = [c for c in ax.collections if isinstance(c, QuadMesh)]
    if mesh:
        return mesh[0].get_array().size
    if ax.patches:
        return len(ax.patches)
    scatter = [c for c in ax.collections if isinstance(c, PathCollection)]
    if scatter:
        return len(scatter[0].get_offsets())
    return len(ax.lines[0].get_xdata())


def test_every_plot_function_is_tested(drawn):
    assert set(drawn) == set(cxkit.plot.__all__)


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_charts_show_their_data_inside_the_figure(drawn, lang):
    before = dict(mpl.rcParams)
    for name, (draw, expected) in drawn.items():
        fig, ax = plt.subplots(figsize=(8, 6), layout="constrained")
        assert draw(ax, lang) is ax, name
        assert ax.get_title(), name
        assert ax.get_xlabel() or ax.get_ylabel(), name
        assert marks(ax) == expected, name
        fig.canvas.draw()
        # Every text (titles, labels, ticks, annotations) inside the figure.
        box = fig.bbox
        renderer = fig.canvas.get_renderer()
        ticks = []
        for axis, (lo, hi) in [(ax.xaxis, sorted(ax.get_xlim())), (ax.yaxis, sorted(ax.get_ylim()))]:
            ticks += [t for loc, t in zip(axis.get_ticklocs(), axis.get_ticklabels()) if lo <= loc <= hi]
        texts = [ax.title, ax.xaxis.label, ax.yaxis.label, *ax.texts, *ticks]
        for t in texts:
            if t.get_text() and t.get_visible():
                e = t.get_window_extent(renderer)
                assert box.x0 - 1 <= e.x0 and e.x1 <= box.x1 + 1 and box.y0 - 1 <= e.y0 and e.y1 <= box.y1 + 1, (
                    name, t.get_text())
        if lang == "zh" and family("zh"):
            assert ax.title.get_fontfamily()[0] in cxkit._cxkit._CJK_FONTS, name
            assert any("\u4e00" <= ch <= "\u9fff" for ch in ax.get_title()), name
        plt.close(fig)
    assert dict(mpl.rcParams) == before, "no global style changes"


def test_data_within_the_limits(bank):
    s = bank["survey"]
    waves = {w: cxkit.nps(g) for w, g in s.groupby("wave")["ltr"]}
    ax = cxkit.plot.nps(waves)
    low, high = ax.get_ylim()
    assert all(low <= r.ci_low and r.ci_high <= high for r in waves.values())
    # The points are the NPS themselves, in the mapping's order.
    assert np.allclose(ax.lines[0].get_ydata(), [r.score for r in waves.values()])
    kano = kano_waves(bank)[-1]
    ax = cxkit.plot.kano(kano)
    xy = [c for c in ax.collections if isinstance(c, PathCollection)][0].get_offsets()
    t = kano.table
    assert np.allclose(xy[:, 0], -t["worse"]) and np.allclose(xy[:, 1], t["better"])
    assert ax.get_xlim() == (0, 1) and ax.get_ylim() == (0, 1)
    sq = servqual_result(bank)
    ax = cxkit.plot.servqual(sq)
    widths = [p.get_width() for p in ax.patches]
    assert np.allclose(widths, sq.dimensions["gap"])
    lo, hi = ax.get_xlim()
    assert lo <= sq.dimensions["ci_low"].min() and sq.dimensions["ci_high"].max() <= hi


def test_inputs_and_errors():
    # A DataFrame of score / ci_low / ci_high (a grouped result), one Nps, a new figure.
    frame = pd.DataFrame({"score": [10.0, 20.0], "ci_low": [0.0, 12.0], "ci_high": [18.0, 29.0]}, index=["a", "b"])
    ax = cxkit.plot.nps(frame)
    assert [t.get_text() for t in ax.get_xticklabels()] == ["a", "b"]
    assert cxkit.plot.nps(cxkit.nps([10, 9, 3])).get_title() == "NPS"
    with pytest.raises(cxkit.InvalidParameterError, match="lang"):
        cxkit.plot.nps(frame, lang="fr")
    with pytest.raises(cxkit.EmptyInputError):
        cxkit.plot.nps({})
    with pytest.raises(cxkit.EmptyInputError, match="no bins"):
        cxkit.plot.period_transactions(pd.DataFrame({"observed": [], "expected": []}))
    with pytest.raises(cxkit.InvalidParameterError, match="by"):
        cxkit.plot.servqual(cxkit.servqual([[5, 6], [4, 6]], [[6, 6], [6, 7]], dimensions=["a", "b"]), by="waves")


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_charts_match_their_baselines(drawn, lang, tmp_path):
    if lang == "zh" and not family("zh"):
        pytest.skip("no font of the report's CJK stack installed (scripts/system-env.sh installs one)")
    BASELINE.mkdir(exist_ok=True)
    failed = []
    for name, (draw, _) in drawn.items():
        fig, ax = plt.subplots(figsize=(8, 6), dpi=60, layout="constrained")
        draw(ax, lang)
        got = tmp_path / f"{name}-{lang}.png"
        fig.savefig(got)
        plt.close(fig)
        expected = BASELINE / got.name
        if BLESS or not expected.exists():
            assert BLESS, f"no baseline {expected.name}: run with CXKIT_BLESS=1"
            expected.write_bytes(got.read_bytes())
            continue
        diff = compare_images(str(expected), str(got), tol=8)
        if diff is not None:
            failed.append(diff)
    assert not failed, failed


def test_docstring_examples_run():
    import doctest

    import pkgutil

    attempted = 0
    for info in pkgutil.iter_modules(cxkit.plot.__path__, "cxkit.plot."):
        r = doctest.testmod(importlib.import_module(info.name), extraglobs={"cxkit": cxkit})
        assert r.failed == 0, info.name
        attempted += r.attempted
    r = doctest.testmod(cxkit.plot, extraglobs={"cxkit": cxkit})
    assert r.failed == 0
    # Every chart has an example.
    assert attempted + r.attempted >= 2 * len(cxkit.plot.__all__)


def test_results_plot_themselves(bank):
    # result.plot(**kw) is cxkit.plot.<chart>(result, **kw): the same marks, keywords passed on.
    s = bank["survey"]
    one = cxkit.nps(s["ltr"])
    kano = kano_waves(bank)[-1]
    sq = servqual_result(bank)
    kd = drivers_result(bank)
    ti = topics_result(bank)
    tiers = tiers_result(bank)
    likert = cxkit.likert_summary(s["csat"], 5)
    zone = zone_result(bank)
    profiles = profiles_result(bank)
    fit = satisfaction_fit(bank)
    complaints = next(iter(channel_metrics(bank).values()))
    state = journey_state(bank)
    months = dict(zip(["start", "end"], event_months(bank)))
    for result, chart, kw in [(one, cxkit.plot.nps, {}), (kano, cxkit.plot.kano, {}), (sq, cxkit.plot.servqual, {}),
                              (kd, cxkit.plot.drivers, {}), (ti, cxkit.plot.topics, {}),
                              (tiers, cxkit.plot.value_tiers, {}), (likert, cxkit.plot.likert, {}),
                              (zone, cxkit.plot.zone_of_tolerance, {}), (profiles, cxkit.plot.segment_profiles, {}),
                              (fit, cxkit.plot.pls_paths, {}), (complaints, cxkit.plot.complaints_sla, {}),
                              (state, cxkit.plot.journey_heatmap, months)]:
        fig, (a, b) = plt.subplots(1, 2)
        assert result.plot(ax=a, lang="zh", **kw) is a
        chart(result, ax=b, lang="zh", **kw)
        assert a.get_title() == b.get_title() and marks(a) == marks(b), type(result).__name__
        plt.close(fig)


def test_reprs_are_readable(bank):
    kd = drivers_result(bank)
    text = repr(kd)
    # One line per driver, named, numbers to four significant digits; to_dict keeps them whole.
    assert text.count("\n  drivers=[") == 1
    assert all(f"\n    (name='{d}'," in text for d in kd.table.index)
    r2 = kd.to_dict()["result"]["r2"]
    assert f"r2={float(f'{r2:.4g}')}".rstrip("0") in text or f"r2={r2:.4g}" in text
    assert len(repr(r2)) > len(f"{r2:.4g}")
    assert repr(cxkit.nps([10, 9, 9, 3, 7, 8])).startswith("Nps(score=33.33, promoters=0.5, passives=0.3333")
