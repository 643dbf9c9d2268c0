"""PLS path modelling from Python: against seminr's published estimates on the ECSI mobi data
(Tenenhaus et al. 2005; crates/cxkit/tests/fixtures/mobi.csv, the values from the plspm-python
regression fixtures seminr-mobi-basic-*.csv), against a plain numpy implementation of
Lohmöller's algorithm written here, and the tables, bootstrap, IPMA, pickling and errors."""

import pathlib
import pickle

import numpy as np
import pandas as pd
import pytest

import cxkit

MOBI = pathlib.Path(__file__).parents[2] / "crates" / "cxkit" / "tests" / "fixtures" / "mobi.csv"
CONSTRUCTS = {
    "Image": [f"IMAG{i}" for i in range(1, 6)],
    "Expectation": [f"CUEX{i}" for i in range(1, 4)],
    "Quality": [f"PERQ{i}" for i in range(1, 8)],
    "Complaints": ["CUSCO"],
    "Loyalty": [f"CUSL{i}" for i in range(1, 4)],
}
PATHS = [("Image", "Expectation"), ("Expectation", "Loyalty"), ("Quality", "Loyalty"), ("Complaints", "Loyalty")]
MODES = {"Quality": "B"}


@pytest.fixture(scope="module")
def mobi():
    return pd.read_csv(MOBI)


@pytest.fixture(scope="module")
def fit(mobi):
    return cxkit.pls_pm(mobi, constructs=CONSTRUCTS, paths=PATHS, modes=MODES)


def numpy_pls(data, constructs, paths, modes, tol=1e-12):
    """Lohmöller's algorithm, path scheme, on standardised data: the textbook loop."""
    names = list(constructs)
    z = {c: ((data[cols] - data[cols].mean()) / data[cols].std(ddof=1)).to_numpy() for c, cols in constructs.items()}
    n = len(data)
    pred = {c: [a for a, b in paths if b == c] for c in names}
    succ = {c: [b for a, b in paths if a == c] for c in names}
    w = {c: np.ones(z[c].shape[1]) for c in names}

    def score(c):
        y = z[c] @ w[c]
        return y / y.std(ddof=1)

    for c in names:
        w[c] = w[c] / (z[c] @ w[c]).std(ddof=1)
    for _ in range(1000):
        y = {c: score(c) for c in names}
        new = {}
        for c in names:
            proxy = np.zeros(n)
            for s in succ[c]:
                proxy += np.corrcoef(y[c], y[s])[0, 1] * y[s]
            if pred[c]:
                x = np.column_stack([y[p] for p in pred[c]])
                beta = np.linalg.lstsq(x, y[c], rcond=None)[0]
                proxy += x @ beta
            if modes.get(c, "A") == "A":
                v = z[c].T @ proxy / (n - 1)
            else:
                v = np.linalg.lstsq(z[c], proxy, rcond=None)[0]
            new[c] = v / (z[c] @ v).std(ddof=1)
        change = max(np.abs(new[c] - w[c]).max() for c in names)
        w = new
        if change < tol:
            break
    y = {c: score(c) for c in names}
    coef = {}
    for c in names:
        if pred[c]:
            x = np.column_stack([y[p] for p in pred[c]])
            for p, b in zip(pred[c], np.linalg.lstsq(x, y[c], rcond=None)[0]):
                coef[(p, c)] = b
    return w, coef, y


def test_mobi_matches_seminr_and_a_numpy_implementation(mobi, fit):
    # seminr's published estimates.
    assert fit.paths.set_index(["from", "to"]).loc[("Image", "Expectation"), "coefficient"] == pytest.approx(0.512876954138615, abs=1e-6)
    assert fit.paths.set_index(["from", "to"]).loc[("Quality", "Loyalty"), "coefficient"] == pytest.approx(0.405693671851465, abs=1e-6)
    assert fit.weights.loc["PERQ6", "weight"] == pytest.approx(-0.0862475048715799, abs=1e-5)
    assert fit.loadings.loc["CUSL2", "loading"] == pytest.approx(0.205795369057261, abs=1e-5)
    # The plain numpy loop gives the same weights, paths and scores.
    w, coef, y = numpy_pls(mobi, CONSTRUCTS, PATHS, MODES)
    for c, cols in CONSTRUCTS.items():
        np.testing.assert_allclose(fit.weights.loc[cols, "weight"].to_numpy(), w[c], atol=1e-9)
        np.testing.assert_allclose(fit.scores[c].to_numpy(), y[c], atol=1e-9)
    for (a, b), value in coef.items():
        row = fit.paths[(fit.paths["from"] == a) & (fit.paths["to"] == b)]
        assert float(row["coefficient"].iloc[0]) == pytest.approx(value, abs=1e-9)
    r2 = fit.r_squared
    assert list(r2.index) == ["Expectation", "Loyalty"]
    assert r2.loc["Expectation", "r_squared"] == pytest.approx(coef[("Image", "Expectation")] ** 2, abs=1e-9)


def test_tables_have_names_not_positions(fit):
    assert list(fit.reliability.columns) == ["alpha", "rho_c", "rho_a", "ave"]
    assert np.isnan(fit.reliability.loc["Complaints", "alpha"])
    assert fit.reliability.loc["Complaints", "rho_c"] == pytest.approx(1.0)
    assert fit.htmt.shape == (5, 5) and np.isnan(fit.htmt.loc["Image", "Image"])
    assert fit.fornell_larcker.loc["Image", "Image"] == pytest.approx(np.sqrt(fit.reliability.loc["Image", "ave"]))
    assert fit.cross_loadings.loc["IMAG1", "Image"] == pytest.approx(fit.loadings.loc["IMAG1", "loading"])
    effects = fit.effects.set_index(["from", "to"])
    image_loyalty = effects.loc[("Image", "Loyalty")]
    assert image_loyalty["direct"] == 0.0 and image_loyalty["total"] == pytest.approx(image_loyalty["indirect"])
    assert fit.scores.shape == (250, 5) and fit.n == 250
    assert set(fit.vif.index) == {i for items in CONSTRUCTS.values() for i in items}


def test_bootstrap_ipma_and_pickle(fit):
    b = fit.bootstrap(n=200, seed=7)
    assert b["samples"] == 200 and b["failed"] == 0
    paths = b["paths"]
    assert list(paths.columns) == ["estimate", "mean", "se", "t", "p_value", "ci_low", "ci_high"]
    assert paths.loc["Image -> Expectation", "p_value"] < 1e-6
    assert (paths["ci_low"] <= paths["ci_high"]).all()
    again = fit.bootstrap(n=200, seed=7)
    pd.testing.assert_frame_equal(again["paths"], paths)
    m = fit.ipma("Loyalty", (1, 10))
    assert list(m.columns) == ["importance", "performance", "quadrant"]
    assert set(m.index) == {"Image", "Expectation", "Quality", "Complaints"}
    assert 0 < m.attrs["target_performance"] < 100
    back = pickle.loads(pickle.dumps(fit))
    pd.testing.assert_frame_equal(back.paths, fit.paths)
    pd.testing.assert_frame_equal(back.bootstrap(n=50, seed=1)["paths"], fit.bootstrap(n=50, seed=1)["paths"])
    model = pickle.loads(pickle.dumps(fit.model))
    assert model.paths == fit.model.paths and model.modes["Quality"] == "B"
    assert "PlsResult(n=250" in repr(fit) and "<table" in fit._repr_html_()


def test_models_from_files_and_templates(mobi):
    m = cxkit.PlsModel.from_toml('''
[[constructs]]
name = "Image"
indicators = ["IMAG1", "IMAG2"]
[[constructs]]
name = "Loyalty"
indicators = ["CUSL1", "CUSL3"]
[[paths]]
from = "Image"
to = "Loyalty"
''')
    r = cxkit.pls_pm(mobi, model=m)
    assert r.paths["coefficient"].iloc[0] == pytest.approx(r.r_squared.loc["Loyalty", "r_squared"] ** 0.5)
    items = {"Image": CONSTRUCTS["Image"], "Expectation": CONSTRUCTS["Expectation"], "Quality": CONSTRUCTS["Quality"],
             "Value": ["PERV1", "PERV2"], "Satisfaction": ["CUSA1", "CUSA2", "CUSA3"], "Complaints": ["CUSCO"],
             "Loyalty": CONSTRUCTS["Loyalty"]}
    ecsi = cxkit.pls_pm(mobi, model=cxkit.PlsModel.ecsi(items))
    assert len(ecsi.paths) == 12
    with pytest.raises(cxkit.InvalidParameterError, match="is missing"):
        cxkit.PlsModel.acsi({"Quality": ["PERQ1"]})


def test_bad_input_is_a_typed_error(mobi):
    with pytest.raises(cxkit.InvalidParameterError, match="cycle: A → B → A"):
        cxkit.PlsModel({"A": ["IMAG1"], "B": ["CUEX1"]}, [("A", "B"), ("B", "A")])
    with pytest.raises(cxkit.InvalidParameterError, match="in two constructs"):
        cxkit.PlsModel({"A": ["IMAG1"], "B": ["IMAG1"]}, [("A", "B")])
    with pytest.raises(cxkit.InvalidParameterError, match='"NOPE" is not a column'):
        cxkit.pls_pm(mobi, constructs={"A": ["IMAG1", "NOPE"], "B": ["CUEX1"]}, paths=[("A", "B")])
    holes = mobi.copy()
    holes.loc[3, "IMAG1"] = np.nan
    with pytest.raises(cxkit.MissingAnswerError):
        cxkit.pls_pm(holes, constructs={"A": ["IMAG1"], "B": ["CUEX1"]}, paths=[("A", "B")])
    r = cxkit.pls_pm(holes, constructs={"A": ["IMAG1"], "B": ["CUEX1"]}, paths=[("A", "B")], nan_policy="omit")
    assert r.n == 249 and np.isnan(r.scores.loc[3, "A"])
    # Mean replacement: the same as filling the hole by hand with the column's other answers' mean.
    mean = cxkit.pls_pm(holes, constructs={"A": ["IMAG1"], "B": ["CUEX1"]}, paths=[("A", "B")], nan_policy="mean")
    filled = holes.fillna({"IMAG1": holes["IMAG1"].mean()})
    by_hand = cxkit.pls_pm(filled, constructs={"A": ["IMAG1"], "B": ["CUEX1"]}, paths=[("A", "B")])
    assert mean.n == 250 and np.isfinite(mean.scores.loc[3, "A"])
    assert abs(mean.paths.loc[0, "coefficient"] - by_hand.paths.loc[0, "coefficient"]) < 1e-12
    with pytest.raises(cxkit.InvalidParameterError, match="scheme"):
        cxkit.pls_pm(mobi, constructs=CONSTRUCTS, paths=PATHS, scheme="circular")
    fit = cxkit.pls_pm(mobi, constructs=CONSTRUCTS, paths=PATHS)
    with pytest.raises(cxkit.InvalidParameterError, match="samples"):
        fit.bootstrap(n=0)
    with pytest.raises(cxkit.DidNotConvergeError):
        cxkit.pls_pm(mobi, constructs=CONSTRUCTS, paths=PATHS, max_iterations=1)


def test_a_construct_barely_explained_is_a_warning(fit):
    # mobi: R² of expectation 0.263 and of loyalty higher (seminr), no warning.
    assert fit.warnings == []
    # Two blocks drawn independently (seeded): B's R² is a chance correlation squared, far
    # below 0.1, and the result says so, naming B.
    rng = np.random.default_rng(7)
    noise = pd.DataFrame(rng.normal(size=(300, 4)), columns=["a1", "a2", "b1", "b2"])
    r = cxkit.pls_pm(noise, constructs={"A": ["a1", "a2"], "B": ["b1", "b2"]}, paths=[("A", "B")])
    r2 = float(r.r_squared.loc["B", "r_squared"])
    assert r2 < 0.1
    assert len(r.warnings) == 1 and r.warnings[0].startswith(f'R² of "B" is {r2:.3f}, below 0.1')
