//! Wave-to-wave significance tests: did NPS or a top-box share change between two surveys?

use serde::{Deserialize, Serialize};
use statrs::function::erf::erfc;

use super::interval::Proportion;
use super::nps::{adjusted_shares, nps_variance, Nps, NpsMethod};
use crate::distribution::z_value;
use crate::error::{check_confidence, STANDARD_ERROR_ZERO};
use crate::{Error, Result};

/// A two-sample z-test of the difference between two independent waves.
///
/// `delta` is wave a minus wave b (pass the newer wave first to read it as the change); for
/// NPS it is in points, for shares a fraction. The interval is delta ± z·se.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct WaveTest {
    /// Difference a − b.
    pub delta: f64,
    /// Standard error of the difference.
    pub se: f64,
    /// z = delta / se.
    pub z: f64,
    /// Two-sided p-value, 2·(1 − Φ(|z|)).
    pub p_value: f64,
    /// Lower confidence bound of the difference.
    pub ci_low: f64,
    /// Upper confidence bound of the difference.
    pub ci_high: f64,
    /// Confidence level of the interval.
    pub confidence: f64,
}

/// Options for [`nps_test`].
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct NpsTestOptions {
    /// Wald uses the observed shares; adjusted Wald adds 0.75/1.5/0.75 pseudo-responses to each
    /// wave first (Sauro & Lewis). Default Wald.
    pub method: NpsMethod,
    /// Confidence level of the difference's interval. Default 0.95.
    pub confidence: f64,
}

impl Default for NpsTestOptions {
    fn default() -> Self {
        NpsTestOptions {
            method: NpsMethod::Wald,
            confidence: 0.95,
        }
    }
}

/// Tests whether two waves' NPS differ: z = (NPS_a − NPS_b)/√(Var_a/n_a + Var_b/n_b).
///
/// ```
/// use cxkit::survey::{nps_from_counts, nps_test, NpsOptions, NpsTestOptions};
///
/// let a = nps_from_counts(20, 30, 50, &NpsOptions::default()).unwrap();
/// let b = nps_from_counts(30, 30, 40, &NpsOptions::default()).unwrap();
/// let t = nps_test(&a, &b, &NpsTestOptions::default()).unwrap();
/// assert!((t.delta - 20.0).abs() < 1e-9);
/// assert!(t.p_value < 0.1);
/// ```
pub fn nps_test(a: &Nps, b: &Nps, options: &NpsTestOptions) -> Result<WaveTest> {
    check_confidence(options.confidence)?;
    for (name, r) in [("a", a), ("b", b)] {
        check_sample(
            name,
            &[r.promoters, r.passives, r.detractors],
            r.n_effective,
        )?;
    }
    let moments = |r: &Nps| match options.method {
        NpsMethod::Wald => (
            r.promoters - r.detractors,
            nps_variance(r.promoters, r.detractors) / r.n_effective,
        ),
        NpsMethod::AdjustedWald => {
            let (p, d, n_adj) = adjusted_shares(r.promoters, r.detractors, r.n_effective);
            (p - d, nps_variance(p, d) / n_adj)
        }
    };
    let (ea, va) = moments(a);
    let (eb, vb) = moments(b);
    let t = z_test(ea, va, eb, vb, options.confidence, "the NPS difference")?;
    Ok(WaveTest {
        delta: 100.0 * t.delta,
        se: 100.0 * t.se,
        ci_low: 100.0 * t.ci_low,
        ci_high: 100.0 * t.ci_high,
        ..t
    })
}

/// Tests whether two waves' top-box shares (CSAT, CES easy share, …) differ, with the unpooled
/// two-proportion z-test z = (p_a − p_b)/√(p_a(1−p_a)/n_a + p_b(1−p_b)/n_b).
///
/// ```
/// use cxkit::survey::{top_box, top_box_test, TopBoxOptions};
///
/// let a = top_box(&[5, 5, 4, 2], None, &TopBoxOptions::default()).unwrap();
/// let b = top_box(&[5, 3, 2, 1], None, &TopBoxOptions::default()).unwrap();
/// let t = top_box_test(&a, &b, 0.95).unwrap();
/// assert_eq!(t.delta, 0.5);
/// ```
pub fn top_box_test(a: &Proportion, b: &Proportion, confidence: f64) -> Result<WaveTest> {
    check_confidence(confidence)?;
    for (name, r) in [("a", a), ("b", b)] {
        check_sample(name, &[r.estimate, 1.0 - r.estimate], r.n_effective)?;
    }
    z_test(
        a.estimate,
        a.sampling_variance(),
        b.estimate,
        b.sampling_variance(),
        confidence,
        "the top-box difference",
    )
}

/// Checks a wave's shares (each in [0, 1], summing to 1) and effective size (positive), so that
/// results assembled by hand (from C, say) cannot turn into a NaN.
fn check_sample(name: &'static str, shares: &[f64], n_effective: f64) -> Result<()> {
    let total: f64 = shares.iter().sum();
    if shares.iter().any(|s| !(0.0..=1.0).contains(s)) || (total - 1.0).abs() > 1e-9 {
        return Err(Error::InvalidParameter {
            name,
            reason: format!("shares {shares:?} must each lie in [0, 1] and sum to 1"),
        });
    }
    if !(n_effective.is_finite() && n_effective > 0.0) {
        return Err(Error::InvalidParameter {
            name,
            reason: format!("effective sample size must be positive and finite, got {n_effective}"),
        });
    }
    Ok(())
}

fn z_test(
    ea: f64,
    va: f64,
    eb: f64,
    vb: f64,
    confidence: f64,
    what: &'static str,
) -> Result<WaveTest> {
    let se = (va + vb).sqrt();
    if se.is_nan() || se <= 0.0 {
        return Err(Error::ZeroVariance {
            what,
            reason: STANDARD_ERROR_ZERO,
        });
    }
    let delta = ea - eb;
    let z = delta / se;
    let half = z_value(confidence) * se;
    Ok(WaveTest {
        delta,
        se,
        z,
        p_value: erfc(z.abs() / std::f64::consts::SQRT_2),
        ci_low: delta - half,
        ci_high: delta + half,
        confidence,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::survey::{nps_from_counts, NpsOptions};

    #[test]
    fn nps_wald_test_by_hand() {
        // a: 20/30/50 → NPS 0.3, Var 0.61; b: 30/30/40 → NPS 0.1, Var 0.7 − 0.01 = 0.69.
        // SE = √(0.61/100 + 0.69/100) = √0.013 = 0.1140175; z = 0.2/0.1140175 = 1.7541160;
        // two-sided p = 2·(1 − Φ(1.7541160)) = 0.0794106 (scipy.stats.norm.sf(z)·2).
        let a = nps_from_counts(20, 30, 50, &NpsOptions::default()).unwrap();
        let b = nps_from_counts(30, 30, 40, &NpsOptions::default()).unwrap();
        let t = nps_test(&a, &b, &NpsTestOptions::default()).unwrap();
        assert!((t.delta - 20.0).abs() < 1e-9);
        assert!((t.se - 11.40175).abs() < 1e-5);
        assert!((t.z - 1.7541160).abs() < 1e-6);
        assert!((t.p_value - 0.079410626).abs() < 1e-8);
        let swapped = nps_test(&b, &a, &NpsTestOptions::default()).unwrap();
        assert_eq!(swapped.p_value, t.p_value);
        assert_eq!(swapped.z, -t.z);
    }

    #[test]
    fn identical_unanimous_waves_have_no_test() {
        let a = nps_from_counts(0, 0, 10, &NpsOptions::default()).unwrap();
        assert_eq!(
            nps_test(&a, &a, &NpsTestOptions::default()).unwrap_err(),
            Error::ZeroVariance {
                what: "the NPS difference",
                reason: STANDARD_ERROR_ZERO,
            }
        );
        // The adjusted-Wald pseudo-responses give the test a variance to work with.
        let adjusted = NpsTestOptions {
            method: NpsMethod::AdjustedWald,
            ..NpsTestOptions::default()
        };
        let t = nps_test(&a, &a, &adjusted).unwrap();
        assert_eq!((t.delta, t.p_value), (0.0, 1.0));
    }

    #[test]
    fn hand_made_results_are_checked() {
        let a = nps_from_counts(1, 1, 1, &NpsOptions::default()).unwrap();
        let broken = Nps {
            promoters: 1.5,
            ..a
        };
        let empty = Nps {
            n_effective: 0.0,
            ..a
        };
        for b in [broken, empty] {
            assert!(matches!(
                nps_test(&a, &b, &NpsTestOptions::default()),
                Err(Error::InvalidParameter { name: "b", .. })
            ));
        }
    }
}
