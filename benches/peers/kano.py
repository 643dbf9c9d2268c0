"""Peer comparison: KANO analysis of 1 M respondents x 20 features, cxkit against the pandas
approach an analyst would write (a vectorised table lookup, melt, crosstab, then Better/Worse).

Run from the repository root with a release wheel installed in the project's .venv:

    .venv/bin/maturin build --release --out target/wheels
    .venv/bin/pip install --force-reinstall --no-deps target/wheels/cxkit-*.whl
    env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE .venv/bin/python benches/peers/kano.py

Both sides get the same answers; the counts are checked equal before timing. The table gives
the best of three runs and the peer's time divided by cxkit's.
"""

import argparse
import timeit

import numpy as np
import pandas as pd

import cxkit

TABLE = np.array([list(row) for row in ["QAAAO", "RIIIM", "RIIIM", "RIIIM", "RRRRQ"]])


def pandas_kano(f, d):
    letters = TABLE[f.to_numpy() - 1, d.to_numpy() - 1]
    long = pd.DataFrame(letters, columns=f.columns).melt(var_name="feature", value_name="category")
    counts = pd.crosstab(long["feature"], long["category"]).reindex(columns=list("AOMIRQ"), fill_value=0)
    aomi = counts[["A", "O", "M", "I"]].sum(axis=1)
    counts["better"] = (counts["A"] + counts["O"]) / aomi
    counts["worse"] = -(counts["O"] + counts["M"]) / aomi
    counts["mode"] = counts[list("AOMIRQ")].idxmax(axis=1)
    return counts


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--respondents", type=int, default=1_000_000)
    parser.add_argument("--features", type=int, default=20)
    args = parser.parse_args()
    rng = np.random.default_rng(3)
    shape = (args.respondents, args.features)
    cols = [f"F{j}" for j in range(1, args.features + 1)]
    f = pd.DataFrame(rng.integers(1, 6, size=shape, dtype=np.int8), columns=cols)
    d = pd.DataFrame(rng.integers(1, 6, size=shape, dtype=np.int8), columns=cols)

    ours = cxkit.kano_analyze(f, d).table
    theirs = pandas_kano(f, d)
    assert (ours[list("AOMIRQ")].to_numpy() == theirs.loc[cols, list("AOMIRQ")].to_numpy()).all()
    assert np.allclose(ours["better"], theirs.loc[cols, "better"])

    t_cx = min(timeit.repeat(lambda: cxkit.kano_analyze(f, d), number=1, repeat=3))
    t_pd = min(timeit.repeat(lambda: pandas_kano(f, d), number=1, repeat=3))
    print(f"{'task':<28} {'pandas ms':>10} {'cxkit ms':>10} {'speed-up':>9}")
    print(f"{f'KANO {shape[0]:,} x {shape[1]}':<28} {1e3 * t_pd:10.1f} {1e3 * t_cx:10.1f} {t_pd / t_cx:8.1f}x")


if __name__ == "__main__":
    main()
