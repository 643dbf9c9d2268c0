//! Buy-till-you-die fits on data simulated from known parameters.

use cxkit::clv::{BetaGeo, FitOptions, FitReport};
use cxkit::data::simulate_bgnbd;
use cxkit::Error;

/// A fit of simulated data converged, every estimate lies within four standard errors of the
/// truth, and the maximum is at least as likely as the truth (`at_truth`).
fn assert_recovered(fit: &FitReport, got: [f64; 4], truth: [f64; 4], at_truth: f64) {
    assert!(fit.converged, "{fit:?}");
    let se = fit.standard_errors.as_ref().unwrap();
    for k in 0..4 {
        assert!(
            (got[k] - truth[k]).abs() < 4.0 * se[k],
            "param {k}: {} ± {} vs {}",
            got[k],
            se[k],
            truth[k]
        );
    }
    assert!(fit.log_likelihood >= at_truth - 1e-6);
}

#[test]
fn bgnbd_recovers_simulated_parameters() {
    // 20 000 customers simulated from FHL's CDNOW-like parameters, observed 52 weeks.
    let truth = [0.25, 4.0, 0.8, 2.5];
    let (x, tx, t) = simulate_bgnbd(7, 20_000, truth, 52.0);
    let m = BetaGeo::fit(&x, &tx, &t, &FitOptions::default()).unwrap();
    let at_truth = BetaGeo::new(truth[0], truth[1], truth[2], truth[3])
        .unwrap()
        .log_likelihood(&x, &tx, &t)
        .unwrap();
    assert_recovered(
        m.fit.as_ref().unwrap(),
        [m.r, m.alpha, m.a, m.b],
        truth,
        at_truth,
    );
    // A penalty shrinks the parameters.
    let penalized = BetaGeo::fit(
        &x,
        &tx,
        &t,
        &FitOptions {
            penalizer: 0.1,
            ..FitOptions::default()
        },
    )
    .unwrap();
    assert!(penalized.a + penalized.b < m.a + m.b);
}

#[test]
fn bgnbd_rejects_impossible_histories() {
    let o = FitOptions::default();
    let bad =
        |x: f64, tx: f64, t: f64| BetaGeo::fit(&[1.0, x], &[1.0, tx], &[5.0, t], &o).unwrap_err();
    assert_eq!(
        bad(-1.0, 0.0, 5.0),
        Error::InvalidObservation {
            index: 1,
            reason: "frequency -1 is negative".into()
        }
    );
    assert!(matches!(
        bad(1.0, 6.0, 5.0),
        Error::InvalidObservation { index: 1, .. }
    ));
    assert!(matches!(
        bad(0.0, 2.0, 5.0),
        Error::InvalidObservation { index: 1, .. }
    ));
    assert!(matches!(
        bad(f64::NAN, 0.0, 5.0),
        Error::InvalidObservation { index: 1, .. }
    ));
    assert!(matches!(
        BetaGeo::fit(&[], &[], &[], &o),
        Err(Error::EmptyInput { .. })
    ));
    assert!(matches!(
        BetaGeo::fit(&[1.0], &[1.0, 2.0], &[5.0], &o),
        Err(Error::LengthMismatch { .. })
    ));
    assert!(matches!(
        BetaGeo::fit(
            &[1.0],
            &[1.0],
            &[5.0],
            &FitOptions {
                penalizer: -1.0,
                ..o
            }
        ),
        Err(Error::InvalidParameter {
            name: "penalizer",
            ..
        })
    ));
}

#[test]
fn degenerate_data_never_gives_nan() {
    // Nobody bought again: the likelihood keeps rising as r → 0, so there is no interior
    // maximum. lifetimes returns whatever its optimiser stopped at; cxkit says why it failed.
    let n = 500;
    let (x, tx, t) = (vec![0.0; n], vec![0.0; n], vec![52.0; n]);
    let err = BetaGeo::fit(&x, &tx, &t, &FitOptions::default()).unwrap_err();
    assert!(matches!(err, Error::DidNotConverge { .. }), "{err}");
    assert!(err.to_string().contains("no interior maximum"), "{err}");
    // Issue 19: the same for the Pareto/NBD, which reported converged=True with a
    // log-likelihood of +7.86 on such data.
    let err = cxkit::clv::ParetoNbd::fit(&x, &tx, &t, &FitOptions::default()).unwrap_err();
    assert!(matches!(err, Error::DidNotConverge { .. }), "{err}");
    assert!(err.to_string().contains("no interior maximum"), "{err}");
    // Stopping at max_iterations is an error for every model, not a model.
    let (xs, txs, ts) = simulate_bgnbd(3, 300, [0.25, 4.0, 0.8, 2.5], 52.0);
    let short = FitOptions {
        max_iterations: 2,
        ..FitOptions::default()
    };
    for err in [
        BetaGeo::fit(&xs, &txs, &ts, &short).unwrap_err(),
        cxkit::clv::ParetoNbd::fit(&xs, &txs, &ts, &short).unwrap_err(),
    ] {
        assert!(
            matches!(err, Error::DidNotConverge { iterations: 2, .. }),
            "{err}"
        );
        assert!(err.to_string().contains("raise max_iterations"), "{err}");
    }
    // One customer with one repeat purchase: the same.
    assert!(matches!(
        BetaGeo::fit(&[1.0], &[3.0], &[10.0], &FitOptions::default()),
        Err(Error::DidNotConverge { .. })
    ));
    // A small panel with repeat purchases has a maximum, and every estimate is finite.
    let (x, tx, t) = simulate_bgnbd(3, 300, [0.25, 4.0, 0.8, 2.5], 52.0);
    let m = BetaGeo::fit(&x, &tx, &t, &FitOptions::default()).unwrap();
    assert!([m.r, m.alpha, m.a, m.b]
        .iter()
        .all(|v| v.is_finite() && *v > 0.0));
    let se = m.fit.unwrap().standard_errors.unwrap();
    assert!(se.iter().all(|s| s.is_finite()));
}

#[test]
fn pareto_nbd_recovers_simulated_parameters() {
    use cxkit::clv::ParetoNbd;
    use cxkit::data::simulate_pareto_nbd;
    // Fader & Hardie's CDNOW-like parameters, 5 000 customers observed 52 weeks.
    let truth = [0.55, 10.0, 0.6, 12.0];
    let (x, tx, t) = simulate_pareto_nbd(5, 5_000, truth, 52.0);
    let m = ParetoNbd::fit(&x, &tx, &t, &FitOptions::default()).unwrap();
    let at_truth = ParetoNbd::new(truth[0], truth[1], truth[2], truth[3])
        .unwrap()
        .log_likelihood(&x, &tx, &t)
        .unwrap();
    assert_recovered(
        m.fit.as_ref().unwrap(),
        [m.r, m.alpha, m.s, m.beta],
        truth,
        at_truth,
    );
}
