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

#[test]
fn value_at_risk_by_nps_group_by_hand() {
    use cxkit::clv::{value_at_risk, NpsGroup};
    use statrs::distribution::{ContinuousCDF, StudentsT};
    // Promoters 10, 9, 9; passive 7; detractors 6, 3, 0, 5.
    let scores = [10u8, 9, 9, 7, 6, 3, 0, 5];
    let value = [400.0, 300.0, 100.0, 50.0, 80.0, 40.0, 20.0, 10.0];
    let p_alive = [0.9, 0.8, 0.85, 0.7, 0.5, 0.6, 0.4, 0.55];
    let r = value_at_risk(&scores, &value, Some(&p_alive), None, 0.95).unwrap();
    let d = &r.groups[0];
    assert_eq!(
        (d.group, d.customers, d.value_total),
        (NpsGroup::Detractor, 4, 150.0)
    );
    assert_eq!(d.value_mean, Some(37.5));
    assert_eq!(r.value_at_risk, 150.0);
    assert!((r.share_at_risk.unwrap() - 150.0 / 1000.0).abs() < 1e-15);
    assert_eq!(r.groups[1].customers, 1);
    assert!((r.groups[2].value_share.unwrap() - 0.8).abs() < 1e-15);
    assert!((r.groups[2].p_alive_mean.unwrap() - 0.85).abs() < 1e-15);
    assert!(r.purchases_gap.is_none());
    // Welch by hand: promoters 0.9, 0.8, 0.85 (mean 0.85, var 0.0025), detractors 0.5, 0.6,
    // 0.4, 0.55 (mean 0.5125, var 0.0072917).
    let (va, vb) = (
        0.0025 / 3.0,
        (0.0125f64.powi(2) + 0.0875f64.powi(2) + 0.1125f64.powi(2) + 0.0375f64.powi(2)) / 3.0 / 4.0,
    );
    let se = (va + vb).sqrt();
    let df = (va + vb).powi(2) / (va * va / 2.0 + vb * vb / 3.0);
    let t = StudentsT::new(0.0, 1.0, df).unwrap();
    let g = r.p_alive_gap.unwrap();
    assert!((g.difference - 0.3375).abs() < 1e-12);
    assert!((g.p_value - 2.0 * (1.0 - t.cdf(0.3375 / se))).abs() < 1e-10);
    assert!((g.ci_high - (0.3375 + t.inverse_cdf(0.975) * se)).abs() < 1e-9);
    // A negative value: no shares (netted gains and losses are not shares).
    let mut v = value;
    v[7] = -10.0;
    let r = value_at_risk(&scores, &v, None, None, 0.95).unwrap();
    assert!(r.share_at_risk.is_none() && r.groups.iter().all(|g| g.value_share.is_none()));
    // Bad input.
    assert!(value_at_risk(&[11u8], &[1.0], None, None, 0.95).is_err());
    assert!(value_at_risk(&[f64::NAN], &[1.0], None, None, 0.95).is_err());
    assert!(value_at_risk(&[9u8, 3], &[1.0], None, None, 0.95).is_err());
    assert!(value_at_risk(&[9u8], &[f64::INFINITY], None, None, 0.95).is_err());
    assert!(value_at_risk::<u8>(&[], &[], None, None, 0.95).is_err());
}
