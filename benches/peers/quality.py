"""Peer comparison: reliability and key drivers with cxkit against pingouin and numpy.

Run from the repository root with a release wheel of cxkit and pingouin installed:

    .venv/bin/maturin build --release --out target/wheels
    .venv/bin/pip install --force-reinstall --no-deps target/wheels/cxkit-*.whl
    .venv/bin/pip install pingouin
    env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE .venv/bin/python benches/peers/quality.py

Workloads (issue 6: at least 10×): Cronbach's alpha of 1 M respondents × 22 items from a
DataFrame (pingouin.cronbach_alpha, pairwise covariance by pandas) and Johnson's relative
weights of 22 drivers (the usual numpy recipe: corrcoef, eigh, matrix products), with and
without 1 % missing answers. The table gives the best of `--repeat` runs and checks that the
answers agree.
"""

import argparse

import numpy as np
import pandas as pd

import cxkit
from timing import best


def survey(rng, n, k=22):
    latent = rng.normal(size=n)
    loadings = 0.5 + np.arange(k) / (2 * k)
    X = np.round(4 + latent[:, None] * loadings + rng.normal(size=(n, k)))
    y = 5 + 2 * latent + rng.normal(size=n)
    return X, y


def numpy_relative_weights(X, y):
    R = np.corrcoef(np.column_stack([X, y]), rowvar=False)
    rxx, rxy = R[:-1, :-1], R[:-1, -1]
    evals, evecs = np.linalg.eigh(rxx)
    lam = evecs @ np.diag(np.sqrt(evals)) @ evecs.T
    beta = np.linalg.solve(lam, rxy)
    return (lam ** 2) @ (beta ** 2)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--respondents", type=int, default=1_000_000)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    import pingouin as pg

    rng = np.random.default_rng(6)
    X, y = survey(rng, args.respondents)
    df = pd.DataFrame(X, columns=[f"q{j + 1}" for j in range(X.shape[1])])
    holes = df.mask(rng.random(df.shape) < 0.01)
    rows = []
    for name, frame in [("complete", df), ("1 % missing", holes)]:
        t_pg, (a_pg, ci_pg) = best(lambda: pg.cronbach_alpha(frame), args.repeat)
        t_cx, a_cx = best(lambda: cxkit.cronbach_alpha(frame), args.repeat)
        rows.append((f"Cronbach's alpha, {name}", "pingouin", t_pg, t_cx,
                     f"alpha {a_cx.alpha:.6f} vs {a_pg:.6f}, CI [{a_cx.ci_low:.3f}, {a_cx.ci_high:.3f}] vs {list(ci_pg)}"))
    t_np, w_np = best(lambda: numpy_relative_weights(X, y), args.repeat)
    t_cx, k = best(lambda: cxkit.key_drivers(df, y, shapley=False), args.repeat)
    diff = np.max(np.abs(k.table["relative_weight"].to_numpy() - w_np))
    rows.append(("relative weights, 22 drivers", "numpy", t_np, t_cx, f"max |diff| {diff:.1e}"))

    print(f"{'workload':<36} {'peer':<9} {'peer s':>8} {'cxkit s':>8} {'speed-up':>9}  check")
    for name, peer, a, b, check in rows:
        print(f"{name:<36} {peer:<9} {a:8.3f} {b:8.3f} {a / b:8.1f}x  {check}")


if __name__ == "__main__":
    main()
