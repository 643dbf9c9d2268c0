//! PLS path modelling against published results.
//!
//! Data: the ECSI mobile-phone survey of Tenenhaus et al. (2005), 250 respondents × 24 items
//! on 1–10, as bundled with R's seminr (`mobi`), in tests/fixtures/mobi.csv.
//! Reference: seminr's `estimate_pls` on its basic model (Image → Expectation; Expectation,
//! Quality and Complaints → Loyalty; Quality mode B, the others mode A; path weighting),
//! whose outer weights, loadings and path coefficients are published as the regression
//! fixtures seminr-mobi-basic-outer-model.csv and seminr-mobi-basic-paths.csv of the
//! plspm-python package's test suite.

use cxkit::covariance::{covariance, CovarianceAccumulator, MissingData};
use cxkit::pls::{estimate, pls_pm, Construct, InnerScheme, Mode, PlsModel, PlsOptions};
use ndarray::Array2;

fn mobi() -> (Array2<f64>, Vec<String>) {
    let text = include_str!("fixtures/mobi.csv");
    let mut lines = text.lines();
    let columns: Vec<String> = lines.next().unwrap().split(',').map(String::from).collect();
    let rows: Vec<Vec<f64>> = lines
        .map(|l| l.split(',').map(|v| v.parse().unwrap()).collect())
        .collect();
    let data = Array2::from_shape_fn((rows.len(), columns.len()), |(r, c)| rows[r][c]);
    (data, columns)
}

fn items(prefix: &str, k: usize) -> Vec<String> {
    (1..=k).map(|i| format!("{prefix}{i}")).collect()
}

fn construct(name: &str, indicators: Vec<String>, mode: Mode) -> Construct {
    Construct {
        name: name.into(),
        indicators,
        mode,
    }
}

fn seminr_basic() -> PlsModel {
    PlsModel::new(
        vec![
            construct("Image", items("IMAG", 5), Mode::A),
            construct("Expectation", items("CUEX", 3), Mode::A),
            construct("Quality", items("PERQ", 7), Mode::B),
            construct("Complaints", vec!["CUSCO".into()], Mode::A),
            construct("Loyalty", items("CUSL", 3), Mode::A),
        ],
        &[
            ("Image", "Expectation"),
            ("Expectation", "Loyalty"),
            ("Quality", "Loyalty"),
            ("Complaints", "Loyalty"),
        ],
    )
    .unwrap()
}

#[test]
fn mobi_basic_model_matches_seminr() {
    let (data, columns) = mobi();
    let fit = pls_pm(
        &seminr_basic(),
        data.view(),
        &columns,
        &PlsOptions::default(),
    )
    .unwrap();
    // seminr's (weight, loading) per indicator.
    let published = [
        ("IMAG1", 0.289315133055235, 0.738146832100829),
        ("IMAG2", 0.302049292567551, 0.628057636334134),
        ("IMAG3", 0.239056557053925, 0.584994323749385),
        ("IMAG4", 0.306197698970417, 0.755321624185593),
        ("IMAG5", 0.307935309510133, 0.73266724244498),
        ("CUEX1", 0.486195010983096, 0.750620088913199),
        ("CUEX2", 0.561419220295048, 0.760693713932964),
        ("CUEX3", 0.381323454524026, 0.545427204646342),
        ("PERQ1", 0.407033650980277, 0.848331559563572),
        ("PERQ2", 0.166397958325427, 0.613093727616285),
        ("PERQ3", 0.38465728634974, 0.840292545241395),
        ("PERQ4", 0.0740065406659367, 0.654863987061899),
        ("PERQ5", 0.0521512126128109, 0.670785747101997),
        ("PERQ6", -0.0862475048715799, 0.610190554740549),
        ("PERQ7", 0.247567714116287, 0.802363177633337),
        ("CUSCO", 1.0, 1.0),
        ("CUSL1", 0.455294149865501, 0.817374915589384),
        ("CUSL2", 0.117887757261553, 0.205795369057261),
        ("CUSL3", 0.658305669437138, 0.916889001865127),
    ];
    assert_eq!(fit.outer.len(), published.len());
    for (name, weight, loading) in published {
        let o = fit.outer.iter().find(|o| o.indicator == name).unwrap();
        // seminr stops at a weight change of 1e-7; cxkit runs to 1e-10, hence 1e-5.
        assert!(
            (o.weight - weight).abs() < 1e-5,
            "{name} weight {} vs {weight}",
            o.weight
        );
        assert!(
            (o.loading - loading).abs() < 1e-5,
            "{name} loading {} vs {loading}",
            o.loading
        );
    }
    let path = |from: &str, to: &str| {
        let m = seminr_basic();
        let (a, b) = (m.construct(from).unwrap(), m.construct(to).unwrap());
        fit.paths
            .iter()
            .find(|p| p.from == a && p.to == b)
            .unwrap()
            .coefficient
    };
    for (from, to, published) in [
        ("Image", "Expectation", 0.512876954138615),
        ("Expectation", "Loyalty", 0.124534792831633),
        ("Quality", "Loyalty", 0.405693671851465),
        ("Complaints", "Loyalty", 0.176081956818542),
    ] {
        let ours = path(from, to);
        assert!(
            (ours - published).abs() < 1e-6,
            "{from} → {to}: {ours} vs {published}"
        );
    }
    // With one predecessor the path is the correlation and R² its square.
    let r = fit.construct_correlations[[0, 1]];
    assert!((fit.r_squared[1].unwrap() - r * r).abs() < 1e-12);
    assert!(fit.r_squared[0].is_none() && fit.adj_r_squared[0].is_none());
    // Image reaches Loyalty only through Expectation: indirect = 0.5129 × 0.1245.
    let e = fit
        .effects
        .iter()
        .find(|e| e.from == 0 && e.to == 4)
        .unwrap();
    assert_eq!(e.direct, 0.0);
    assert!(
        (e.indirect - path("Image", "Expectation") * path("Expectation", "Loyalty")).abs() < 1e-15
    );
    assert_eq!(e.total, e.indirect);
}

#[test]
fn scores_are_the_weighted_standardised_indicators_with_the_fitted_correlations() {
    let (data, columns) = mobi();
    let fit = pls_pm(
        &seminr_basic(),
        data.view(),
        &columns,
        &PlsOptions::default(),
    )
    .unwrap();
    let scores = fit.scores.as_ref().unwrap();
    let n = scores.nrows() as f64;
    for j in 0..scores.ncols() {
        let c = scores.column(j);
        let mean = c.sum() / n;
        let var = c.iter().map(|x| (x - mean).powi(2)).sum::<f64>() / (n - 1.0);
        assert!(
            mean.abs() < 1e-12 && (var - 1.0).abs() < 1e-12,
            "construct {j}: {mean} {var}"
        );
        for k in 0..scores.ncols() {
            let d = scores.column(k);
            let r = c.iter().zip(d.iter()).map(|(x, y)| x * y).sum::<f64>() / (n - 1.0);
            assert!((r - fit.construct_correlations[[j, k]]).abs() < 1e-12);
        }
    }
}

#[test]
fn a_merged_covariance_estimates_what_all_rows_do() {
    // The Spark/Dask path: partitions summed into one accumulator, then estimated.
    let (data, columns) = mobi();
    let model = seminr_basic();
    let rows = pls_pm(&model, data.view(), &columns, &PlsOptions::default()).unwrap();
    let mut acc = CovarianceAccumulator::new(columns.len(), MissingData::Listwise).unwrap();
    for part in data.axis_chunks_iter(ndarray::Axis(0), 60) {
        let mut p = CovarianceAccumulator::new(columns.len(), MissingData::Listwise).unwrap();
        p.update(part).unwrap();
        acc.merge(&p).unwrap();
    }
    let merged = estimate(
        &model,
        &acc.covariance().unwrap(),
        &columns,
        &PlsOptions::default(),
    )
    .unwrap();
    for (a, b) in rows.outer.iter().zip(&merged.outer) {
        assert!((a.weight - b.weight).abs() < 1e-10 && (a.loading - b.loading).abs() < 1e-10);
    }
    for (a, b) in rows.paths.iter().zip(&merged.paths) {
        assert!((a.coefficient - b.coefficient).abs() < 1e-10);
    }
    assert!(merged.scores.is_none());
    let whole = covariance(data.view(), MissingData::Listwise).unwrap();
    let direct = estimate(&model, &whole, &columns, &PlsOptions::default()).unwrap();
    assert!((direct.paths[2].coefficient - merged.paths[2].coefficient).abs() < 1e-12);
}

#[test]
fn the_three_schemes_agree_closely_on_a_well_measured_model() {
    // Schemes weigh the inner proxies differently; on a model whose blocks measure their
    // constructs well they give nearly the same paths. This is a property of the method, not a
    // published value, so the bound is loose; the test holds that each scheme converges and
    // none is far off.
    let (data, columns) = mobi();
    let model = seminr_basic();
    let path = pls_pm(&model, data.view(), &columns, &PlsOptions::default()).unwrap();
    for scheme in [InnerScheme::Factorial, InnerScheme::Centroid] {
        let o = PlsOptions {
            scheme,
            ..PlsOptions::default()
        };
        let other = pls_pm(&model, data.view(), &columns, &o).unwrap();
        for (a, b) in path.paths.iter().zip(&other.paths) {
            assert!(
                (a.coefficient - b.coefficient).abs() < 0.05,
                "{scheme:?}: {a:?} {b:?}"
            );
        }
    }
}

#[test]
fn bad_models_and_data_are_errors_naming_what_is_wrong() {
    let r = |name: &str, items: &[&str]| Construct::reflective(name, items);
    let err = |m: cxkit::Result<PlsModel>| m.unwrap_err().to_string();
    assert!(err(PlsModel::new(
        vec![r("A", &[]), r("B", &["b"])],
        &[("A", "B")]
    ))
    .contains("\"A\" has no indicators"));
    assert!(err(PlsModel::new(
        vec![r("A", &["x"]), r("B", &["x"])],
        &[("A", "B")]
    ))
    .contains("\"x\" is in two constructs"));
    assert!(err(PlsModel::new(
        vec![r("A", &["a"]), r("B", &["b"])],
        &[("A", "C")]
    ))
    .contains("\"C\", which is not a construct"));
    assert!(err(PlsModel::new(
        vec![r("A", &["a"]), r("B", &["b"]), r("C", &["c"])],
        &[("A", "B")]
    ))
    .contains("\"C\" is in no path"));
    assert!(err(PlsModel::new(
        vec![r("A", &["a"]), r("B", &["b"]), r("C", &["c"])],
        &[("A", "B"), ("B", "C"), ("C", "A")]
    ))
    .contains("A → B → C → A"));
    let (data, columns) = mobi();
    let model = PlsModel::new(
        vec![r("A", &["IMAG1", "NOPE"]), r("B", &["CUEX1"])],
        &[("A", "B")],
    )
    .unwrap();
    let e = pls_pm(&model, data.view(), &columns, &PlsOptions::default()).unwrap_err();
    assert!(
        e.to_string().contains("\"NOPE\" of \"A\" is not a column"),
        "{e}"
    );
    let mut holes = data.clone();
    holes[[3, 0]] = f64::NAN;
    let model = PlsModel::new(
        vec![r("X", &["CUEX1", "CUEX2"]), r("Y", &["CUSL1"])],
        &[("X", "Y")],
    )
    .unwrap();
    let e = pls_pm(&model, holes.view(), &columns, &PlsOptions::default()).unwrap_err();
    assert!(
        matches!(e, cxkit::Error::MissingAnswer { respondent: 3, .. }),
        "{e}"
    );
    let omit = PlsOptions {
        nan_policy: cxkit::pls::MissingValues::Omit,
        ..PlsOptions::default()
    };
    let fit = pls_pm(&model, holes.view(), &columns, &omit).unwrap();
    assert_eq!(fit.n, 249);
    assert!(fit.scores.unwrap()[[3, 0]].is_nan());
    // Mean replacement is the estimate on the data with the hole filled by hand by the mean of
    // the column's 249 other answers; every row keeps a score.
    let mean = PlsOptions {
        nan_policy: cxkit::pls::MissingValues::Mean,
        ..PlsOptions::default()
    };
    let replaced = pls_pm(&model, holes.view(), &columns, &mean).unwrap();
    let mut filled = data.clone();
    filled[[3, 0]] = (data.column(0).sum() - data[[3, 0]]) / 249.0;
    let by_hand = pls_pm(&model, filled.view(), &columns, &PlsOptions::default()).unwrap();
    assert_eq!(replaced.n, 250);
    assert!((replaced.paths[0].coefficient - by_hand.paths[0].coefficient).abs() < 1e-12);
    assert!(replaced
        .scores
        .as_ref()
        .unwrap()
        .iter()
        .all(|v| v.is_finite()));
    let mut empty = data.clone();
    empty.column_mut(0).fill(f64::NAN);
    let e = pls_pm(&model, empty.view(), &columns, &mean).unwrap_err();
    assert!(
        matches!(e, cxkit::Error::InsufficientData { .. }) && e.to_string().contains("CUEX1"),
        "{e}"
    );
    let mut constant = data.clone();
    constant.column_mut(0).fill(5.0);
    let e = pls_pm(&model, constant.view(), &columns, &PlsOptions::default()).unwrap_err();
    assert!(matches!(e, cxkit::Error::ConstantColumn { .. }), "{e}");
    let twice = PlsModel::new(
        vec![
            Construct::formative("X", &["CUEX1", "CUEX2"]),
            r("Y", &["CUSL1"]),
        ],
        &[("X", "Y")],
    )
    .unwrap();
    let mut dup = data.clone();
    let c0 = dup.column(0).to_owned();
    dup.column_mut(1).assign(&c0);
    let e = pls_pm(&twice, dup.view(), &columns, &PlsOptions::default()).unwrap_err();
    assert!(matches!(e, cxkit::Error::SingularMatrix { .. }), "{e}");
    let one = PlsOptions {
        max_iterations: 1,
        ..PlsOptions::default()
    };
    let e = pls_pm(&seminr_basic(), data.view(), &columns, &one).unwrap_err();
    assert!(
        matches!(e, cxkit::Error::DidNotConverge { iterations: 1, .. }),
        "{e}"
    );
}

#[test]
fn quality_criteria_follow_their_formulas() {
    let (data, columns) = mobi();
    let fit = pls_pm(
        &seminr_basic(),
        data.view(),
        &columns,
        &PlsOptions::default(),
    )
    .unwrap();
    let q = fit.quality();
    // The single-item construct (Complaints): loading 1, so ρC = AVE = 1, and α and ρA are
    // undefined; HTMT needs two indicators per block.
    let complaints = &q.reliability[3];
    assert!((complaints.rho_c - 1.0).abs() < 1e-12 && (complaints.ave - 1.0).abs() < 1e-12);
    assert!(complaints.alpha.is_none() && complaints.rho_a.is_none());
    assert!(q.htmt[[3, 4]].is_nan() && q.htmt[[0, 0]].is_nan());
    // Expectation by hand from its loadings, weights and item correlations.
    let rows: Vec<usize> = (0..fit.outer.len())
        .filter(|&a| fit.outer[a].construct == 1)
        .collect();
    let l: Vec<f64> = rows.iter().map(|&a| fit.outer[a].loading).collect();
    let w: Vec<f64> = rows.iter().map(|&a| fit.outer[a].weight).collect();
    let r = |x: usize, y: usize| fit.indicator_correlations[[rows[x], rows[y]]];
    let sum_l: f64 = l.iter().sum();
    let rho_c = sum_l.powi(2) / (sum_l.powi(2) + l.iter().map(|x| 1.0 - x * x).sum::<f64>());
    let ave = l.iter().map(|x| x * x).sum::<f64>() / 3.0;
    let sum_r = 3.0 + 2.0 * (r(0, 1) + r(0, 2) + r(1, 2));
    let alpha = 1.5 * (1.0 - 3.0 / sum_r);
    let ww: f64 = w.iter().map(|x| x * x).sum();
    let (mut num, mut den) = (0.0, 0.0);
    for x in 0..3 {
        for y in 0..3 {
            if x != y {
                num += w[x] * r(x, y) * w[y];
                den += (w[x] * w[y]).powi(2);
            }
        }
    }
    let e = &q.reliability[1];
    assert!((e.rho_c - rho_c).abs() < 1e-12 && (e.ave - ave).abs() < 1e-12);
    assert!((e.alpha.unwrap() - alpha).abs() < 1e-12);
    assert!((e.rho_a.unwrap() - ww * ww * num / den).abs() < 1e-12);
    // HTMT of Image and Expectation: mean heterotrait correlation over the geometric mean of
    // the monotrait means.
    let image: Vec<usize> = (0..fit.outer.len())
        .filter(|&a| fit.outer[a].construct == 0)
        .collect();
    let mean = |pairs: Vec<f64>| pairs.iter().sum::<f64>() / pairs.len() as f64;
    let c = &fit.indicator_correlations;
    let hetero = mean(
        image
            .iter()
            .flat_map(|&a| rows.iter().map(move |&b| c[[a, b]]))
            .collect(),
    );
    let mono = |b: &[usize]| {
        mean(
            (0..b.len())
                .flat_map(|x| (x + 1..b.len()).map(move |y| (x, y)))
                .map(|(x, y)| c[[b[x], b[y]]])
                .collect(),
        )
    };
    let htmt = hetero / (mono(&image) * mono(&rows)).sqrt();
    assert!((q.htmt[[0, 1]] - htmt).abs() < 1e-12 && (q.htmt[[1, 0]] - htmt).abs() < 1e-12);
    // Fornell–Larcker: √AVE on the diagonal, construct correlations off it.
    assert!((q.fornell_larcker[[1, 1]] - ave.sqrt()).abs() < 1e-12);
    assert_eq!(
        q.fornell_larcker[[0, 4]],
        fit.construct_correlations[[0, 4]]
    );
    // A cross-loading on the indicator's own construct is its loading.
    for (a, o) in fit.outer.iter().enumerate() {
        assert!((q.cross_loadings[[a, o.construct]] - o.loading).abs() < 1e-12);
    }
    // Image → Expectation is the only predictor: VIF 1, f² = R²/(1 − R²).
    let r2 = fit.r_squared[1].unwrap();
    assert_eq!(q.path_vif[0], Some(1.0));
    assert!((q.f_squared[0].unwrap() - r2 / (1.0 - r2)).abs() < 1e-12);
    // The single-item block has no VIF; PERQ's (mode B) are those of its 7 × 7 correlations.
    assert!(q.indicator_vif[rows.len() + image.len() + 7].is_none());
    assert!(q.indicator_vif[0].unwrap() > 1.0);
}

#[test]
fn the_bootstrap_is_a_simple_resampling_loop_and_the_same_on_any_thread_count() {
    use cxkit::pls::{bootstrap, BootstrapOptions};
    let (data, columns) = mobi();
    let model = seminr_basic();
    let boot = BootstrapOptions {
        samples: 200,
        seed: 42,
        confidence: 0.9,
    };
    let o = PlsOptions::default();
    let b = bootstrap(&model, data.view(), &columns, &o, &boot).unwrap();
    assert_eq!((b.samples, b.failed), (200, 0));
    // The same resamples, one by one: each path's mean, sd and 5 %/95 % type-7 quantiles.
    let fit = pls_pm(&model, data.view(), &columns, &o).unwrap();
    let names: Vec<String> = fit.outer.iter().map(|o| o.indicator.clone()).collect();
    let at: Vec<usize> = names
        .iter()
        .map(|n| columns.iter().position(|c| c == n).unwrap())
        .collect();
    let mut per_path = vec![Vec::new(); fit.paths.len()];
    for s in 0..200 {
        let rows = cxkit::resample::rows(42, s, data.nrows());
        let x = Array2::from_shape_fn((rows.len(), at.len()), |(r, a)| data[[rows[r], at[a]]]);
        let cov = covariance(x.view(), MissingData::Listwise).unwrap();
        let f = estimate(&model, &cov, &names, &o).unwrap();
        for (v, p) in per_path.iter_mut().zip(&f.paths) {
            v.push(p.coefficient);
        }
    }
    for ((values, summary), p) in per_path.iter_mut().zip(&b.paths).zip(&fit.paths) {
        let m = values.len() as f64;
        let mean = values.iter().sum::<f64>() / m;
        let sd = (values.iter().map(|v| (v - mean).powi(2)).sum::<f64>() / (m - 1.0)).sqrt();
        values.sort_by(f64::total_cmp);
        let q = |p: f64| {
            let h = (m - 1.0) * p;
            let (lo, frac) = (h.floor() as usize, h - h.floor());
            values[lo] + frac * (values[(lo + 1).min(values.len() - 1)] - values[lo])
        };
        assert_eq!(summary.estimate, p.coefficient);
        assert!((summary.mean - mean).abs() < 1e-14 && (summary.se - sd).abs() < 1e-14);
        assert!(
            (summary.ci_low - q(0.05)).abs() < 1e-14 && (summary.ci_high - q(0.95)).abs() < 1e-14
        );
        assert!((summary.t - p.coefficient / sd).abs() < 1e-12);
    }
    // Quality and Image → Expectation are clearly significant on 250 respondents.
    assert!(b.paths[0].p_value < 1e-6 && b.paths[2].p_value < 1e-3);
    let one = rayon::ThreadPoolBuilder::new()
        .num_threads(1)
        .build()
        .unwrap();
    let serial = one.install(|| bootstrap(&model, data.view(), &columns, &o, &boot).unwrap());
    assert_eq!(serial, b);
    assert!(bootstrap(
        &model,
        data.view(),
        &columns,
        &o,
        &BootstrapOptions { samples: 0, ..boot }
    )
    .is_err());
}

#[test]
fn ipma_equals_regressions_on_the_rescaled_scores() {
    // Independent route (Ringle & Sarstedt 2016): rescale every item to 0–100 (mobi is 1–10),
    // build each construct's score from the rescaled weights, take its mean (performance),
    // regress the rescaled scores along the paths by least squares and multiply the
    // coefficients along every route to Loyalty (importance).
    let (data, columns) = mobi();
    let model = seminr_basic();
    let fit = pls_pm(&model, data.view(), &columns, &PlsOptions::default()).unwrap();
    let map = fit.ipma(4, &[(1.0, 10.0)]).unwrap();
    let n = data.nrows();
    let mut scores = Array2::<f64>::zeros((n, 5));
    for j in 0..5 {
        let block: Vec<(usize, f64)> = fit
            .outer
            .iter()
            .filter(|o| o.construct == j)
            .map(|o| {
                (
                    columns.iter().position(|c| *c == o.indicator).unwrap(),
                    o.weight,
                )
            })
            .collect();
        let rescaled = |col: usize| -> Vec<f64> {
            data.column(col)
                .iter()
                .map(|x| (x - 1.0) / 9.0 * 100.0)
                .collect()
        };
        let sd = |v: &[f64]| {
            let m = v.iter().sum::<f64>() / v.len() as f64;
            (v.iter().map(|x| (x - m).powi(2)).sum::<f64>() / (v.len() - 1) as f64).sqrt()
        };
        let raw: Vec<(Vec<f64>, f64)> = block
            .iter()
            .map(|&(col, w)| {
                let v = rescaled(col);
                let s = sd(&v);
                (v, w / s)
            })
            .collect();
        let total: f64 = raw.iter().map(|r| r.1).sum();
        for (v, rw) in &raw {
            for r in 0..n {
                scores[[r, j]] += rw / total * v[r];
            }
        }
    }
    let mean = |j: usize| scores.column(j).sum() / n as f64;
    // Least-squares coefficients of construct `y` on `xs` (with an intercept).
    let ols = |y: usize, xs: &[usize]| -> Vec<f64> {
        let p = xs.len() + 1;
        let x = nalgebra::DMatrix::from_fn(
            n,
            p,
            |r, c| if c == 0 { 1.0 } else { scores[[r, xs[c - 1]]] },
        );
        let yv = nalgebra::DVector::from_fn(n, |r, _| scores[[r, y]]);
        let beta = (x.transpose() * &x)
            .cholesky()
            .unwrap()
            .solve(&(x.transpose() * yv));
        beta.iter().skip(1).copied().collect()
    };
    let loyalty = ols(4, &[1, 2, 3]);
    let expectation = ols(1, &[0]);
    let expected = [
        (0, expectation[0] * loyalty[0]),
        (1, loyalty[0]),
        (2, loyalty[1]),
        (3, loyalty[2]),
    ];
    assert_eq!(map.rows.len(), 4);
    for (construct, importance) in expected {
        let row = map.rows.iter().find(|r| r.construct == construct).unwrap();
        assert!(
            (row.importance - importance).abs() < 1e-9,
            "{construct}: {} vs {importance}",
            row.importance
        );
        assert!((row.performance - mean(construct)).abs() < 1e-9);
    }
    assert!((map.target_performance - mean(4)).abs() < 1e-9);
    assert!(fit.ipma(4, &[(1.0, 1.0)]).is_err() && fit.ipma(0, &[(1.0, 10.0)]).is_err());
}

#[test]
fn model_files_and_templates_build_the_same_models() {
    // The seminr basic model as a TOML file equals the one built in code.
    let toml = r#"
[[constructs]]
name = "Image"
indicators = ["IMAG1", "IMAG2", "IMAG3", "IMAG4", "IMAG5"]
[[constructs]]
name = "Expectation"
indicators = ["CUEX1", "CUEX2", "CUEX3"]
[[constructs]]
name = "Quality"
indicators = ["PERQ1", "PERQ2", "PERQ3", "PERQ4", "PERQ5", "PERQ6", "PERQ7"]
mode = "formative"
[[constructs]]
name = "Complaints"
indicators = ["CUSCO"]
[[constructs]]
name = "Loyalty"
indicators = ["CUSL1", "CUSL2", "CUSL3"]
[[paths]]
from = "Image"
to = "Expectation"
[[paths]]
from = "Expectation"
to = ["Loyalty"]
[[paths]]
from = "Quality"
to = "Loyalty"
[[paths]]
from = "Complaints"
to = "Loyalty"
"#;
    assert_eq!(PlsModel::from_toml(toml).unwrap(), seminr_basic());
    let json = serde_json::json!({
        "constructs": seminr_basic().constructs,
        "paths": [{"from": "Image", "to": "Expectation"},
                  {"from": "Expectation", "to": "Loyalty"},
                  {"from": "Quality", "to": "Loyalty"},
                  {"from": "Complaints", "to": "Loyalty"}]
    });
    assert_eq!(
        PlsModel::from_json(&json.to_string()).unwrap(),
        seminr_basic()
    );
    assert!(
        PlsModel::from_json(r#"{"constructs": [], "paths": [], "extra": 1}"#)
            .unwrap_err()
            .to_string()
            .contains("does not parse")
    );
    // The ECSI template on the whole mobi questionnaire (Tenenhaus et al. 2005's model)
    // estimates; its drivers explain satisfaction well (a sanity bound, not a published value).
    use cxkit::pls::Template;
    let (data, columns) = mobi();
    let items = [
        ("Image", items("IMAG", 5)),
        ("Expectation", items("CUEX", 3)),
        ("Quality", items("PERQ", 7)),
        ("Value", items("PERV", 2)),
        ("Satisfaction", items("CUSA", 3)),
        ("Complaints", vec!["CUSCO".to_string()]),
        ("Loyalty", items("CUSL", 3)),
    ];
    let ecsi = PlsModel::from_template(Template::Ecsi, &items).unwrap();
    assert_eq!(ecsi.paths.len(), 12);
    let fit = pls_pm(&ecsi, data.view(), &columns, &PlsOptions::default()).unwrap();
    let sat = ecsi.construct("Satisfaction").unwrap();
    assert!(fit.r_squared[sat].unwrap() > 0.5, "{:?}", fit.r_squared);
    let e = PlsModel::from_template(Template::Ecsi, &items[..6])
        .unwrap_err()
        .to_string();
    assert!(e.contains("\"Loyalty\" is missing"), "{e}");
}
