"""Peer comparison: cxkit against numpy and pandas on 10 M survey scores.

Run from the repository root after building a release wheel into the project's .venv:

    .venv/bin/maturin build --release --out target/wheels
    .venv/bin/pip install --force-reinstall --no-deps target/wheels/cxkit-*.whl
    env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE .venv/bin/python benches/peers/survey.py

Each peer computes the same numbers (checked before timing); the table gives the best of five
runs and the peer's time divided by cxkit's. The peers do no input validation, cxkit does.
"""

import argparse
import timeit

import numpy as np
import pandas as pd

import cxkit


def numpy_nps(s):
    return 100.0 * ((s >= 9).sum() - (s <= 6).sum()) / s.size


def pandas_nps(s):
    shares = pd.Series(s).value_counts(normalize=True)
    return 100.0 * (shares[shares.index >= 9].sum() - shares[shares.index <= 6].sum())


def numpy_csat(s):
    return (s >= 4).mean(), s.mean()


def best(fn, repeat=5):
    return min(timeit.repeat(fn, number=1, repeat=repeat))


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=10_000_000)
    args = parser.parse_args()
    rng = np.random.default_rng(1)
    rows = []
    for dtype in (np.int8, np.float64):
        ltr = rng.integers(0, 11, size=args.n).astype(dtype)
        sat = rng.integers(1, 6, size=args.n).astype(dtype)
        assert abs(numpy_nps(ltr) - cxkit.nps(ltr).score) < 1e-9
        assert abs(pandas_nps(ltr) - cxkit.nps(ltr).score) < 1e-9
        share, mean = numpy_csat(sat)
        c = cxkit.csat(sat)
        assert abs(share - c.top_box.estimate) < 1e-12 and abs(mean - c.mean.estimate) < 1e-9
        t_nps = best(lambda: cxkit.nps(ltr))
        t_csat = best(lambda: cxkit.csat(sat))
        name = np.dtype(dtype).name
        rows.append((f"NPS {name}", "numpy", best(lambda: numpy_nps(ltr)), t_nps))
        rows.append((f"NPS {name}", "pandas value_counts", best(lambda: pandas_nps(ltr)), t_nps))
        rows.append((f"CSAT {name}", "numpy", best(lambda: numpy_csat(sat)), t_csat))
    print(f"{'task':<14} {'peer':<20} {'peer ms':>9} {'cxkit ms':>9} {'speed-up':>9}")
    for task, peer, t_peer, t_cx in rows:
        print(f"{task:<14} {peer:<20} {1e3 * t_peer:9.2f} {1e3 * t_cx:9.2f} {t_peer / t_cx:8.1f}x")


if __name__ == "__main__":
    main()
