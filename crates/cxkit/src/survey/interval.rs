//! Confidence intervals for proportions and means, and the estimates that carry them.

use serde::{Deserialize, Serialize};

use super::histogram::Histogram;
use crate::distribution::{t_quantile, z_value};
use crate::error::check_confidence;
use crate::{Error, Result};

/// How a confidence interval for a proportion is computed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ProportionMethod {
    /// Wilson's score interval (Wilson 1927): good coverage even near 0 and 1. The default.
    #[default]
    Wilson,
    /// The Wald (normal-approximation) interval p ± z·√(p(1−p)/n), clipped to [0, 1].
    Wald,
}

crate::names::named!(ProportionMethod, "interval", [Wilson => "wilson", Wald => "wald"]);

/// The two-sided standard normal quantile z for `confidence` (1.959964… at 0.95).
/// Wilson's score interval for `successes` out of `n` trials at `confidence`.
///
/// `successes` and `n` may be fractional (weighted counts, Kish effective sizes).
///
/// ```
/// // statsmodels proportion_confint(7, 10, method="wilson"): (0.396778147, 0.892208733).
/// let (low, high) = cxkit::survey::wilson_interval(7.0, 10.0, 0.95).unwrap();
/// assert!((low - 0.3967781).abs() < 1e-7 && (high - 0.8922087).abs() < 1e-7);
/// ```
pub fn wilson_interval(successes: f64, n: f64, confidence: f64) -> Result<(f64, f64)> {
    check_trials(successes, n)?;
    check_confidence(confidence)?;
    let p = successes / n;
    let z = z_value(confidence);
    let z2 = z * z;
    let denom = 1.0 + z2 / n;
    let centre = (p + z2 / (2.0 * n)) / denom;
    let half = z / denom * (p * (1.0 - p) / n + z2 / (4.0 * n * n)).sqrt();
    Ok(((centre - half).max(0.0), (centre + half).min(1.0)))
}

/// The Wald interval p ± z·√(p(1−p)/n) for `successes` out of `n`, clipped to [0, 1].
///
/// ```
/// // p = 0.7, n = 10: 0.7 ± 1.959964·√(0.021) = (0.4159742, 0.9840258).
/// let (low, high) = cxkit::survey::wald_interval(7.0, 10.0, 0.95).unwrap();
/// assert!((low - 0.4159742).abs() < 1e-7 && (high - 0.9840258).abs() < 1e-7);
/// ```
pub fn wald_interval(successes: f64, n: f64, confidence: f64) -> Result<(f64, f64)> {
    check_trials(successes, n)?;
    check_confidence(confidence)?;
    let p = successes / n;
    let half = z_value(confidence) * (p * (1.0 - p) / n).sqrt();
    Ok(((p - half).max(0.0), (p + half).min(1.0)))
}

fn check_trials(successes: f64, n: f64) -> Result<()> {
    if !(n.is_finite() && n > 0.0) {
        return Err(Error::InvalidParameter {
            name: "n",
            reason: format!("must be a positive finite number of trials, got {n}"),
        });
    }
    if !(successes >= 0.0 && successes <= n) {
        return Err(Error::InvalidParameter {
            name: "successes",
            reason: format!("must lie between 0 and n = {n}, got {successes}"),
        });
    }
    Ok(())
}

/// An estimated proportion with its confidence interval.
///
/// With survey weights, `successes` is the weighted count, `estimate` the weighted share and the
/// interval uses Kish's effective sample size `n_effective`.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct Proportion {
    /// The share, a fraction in [0, 1].
    pub estimate: f64,
    /// Lower confidence bound (fraction).
    pub ci_low: f64,
    /// Upper confidence bound (fraction).
    pub ci_high: f64,
    /// Number of responses.
    pub n: u64,
    /// Kish effective sample size (= n when unweighted).
    pub n_effective: f64,
    /// Confidence level of the interval.
    pub confidence: f64,
    /// How the interval was computed.
    pub method: ProportionMethod,
}

impl Proportion {
    /// The share of the top `top` points of a tally's scale (1 ≤ top < points), with its
    /// interval.
    ///
    /// ```
    /// use cxkit::survey::{Histogram, NanPolicy, Proportion, ProportionMethod, Scale};
    ///
    /// let h = Histogram::from_scores(Scale::CSAT, &[5, 4, 3, 1], None, NanPolicy::Raise)?;
    /// assert_eq!(Proportion::top_box(&h, 2, 0.95, ProportionMethod::Wilson)?.estimate, 0.5);
    /// # Ok::<(), cxkit::Error>(())
    /// ```
    pub fn top_box(
        h: &Histogram,
        top: u32,
        confidence: f64,
        method: ProportionMethod,
    ) -> Result<Proportion> {
        h.scale().check_top(top)?;
        let points = h.scale().points();
        Proportion::from_histogram(h, points - top as usize..points, confidence, method)
    }

    /// The share of the histogram's weight on the points at positions `range`, with its interval.
    fn from_histogram(
        h: &Histogram,
        range: std::ops::Range<usize>,
        confidence: f64,
        method: ProportionMethod,
    ) -> Result<Proportion> {
        h.check_nonempty()?;
        let estimate = h.share(range);
        let n_effective = h.effective_n();
        let successes = estimate * n_effective;
        let (ci_low, ci_high) = match method {
            ProportionMethod::Wilson => wilson_interval(successes, n_effective, confidence)?,
            ProportionMethod::Wald => wald_interval(successes, n_effective, confidence)?,
        };
        Ok(Proportion {
            estimate,
            ci_low,
            ci_high,
            n: h.n(),
            n_effective,
            confidence,
            method,
        })
    }

    /// Variance of the estimate, p(1 − p)/n_eff.
    pub(crate) fn sampling_variance(&self) -> f64 {
        self.estimate * (1.0 - self.estimate) / self.n_effective
    }
}

/// An estimated mean with its Student-t confidence interval x̄ ± t(n−1)·s/√n.
///
/// With survey weights, n is Kish's effective sample size.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct Mean {
    /// The (weighted) mean score.
    pub estimate: f64,
    /// Sample standard deviation (n − 1 denominator).
    pub sd: f64,
    /// Standard error s/√n_eff.
    pub se: f64,
    /// Lower confidence bound.
    pub ci_low: f64,
    /// Upper confidence bound.
    pub ci_high: f64,
    /// Number of responses.
    pub n: u64,
    /// Kish effective sample size (= n when unweighted).
    pub n_effective: f64,
    /// Confidence level of the interval.
    pub confidence: f64,
}

impl Mean {
    /// The mean score of a tally with its t-interval; needs an effective n above 1.
    pub fn from_histogram(h: &Histogram, confidence: f64) -> Result<Mean> {
        check_confidence(confidence)?;
        h.check_nonempty()?;
        let sd = h.sd()?;
        Ok(Mean::with_t_interval(
            h.mean(),
            sd,
            h.n(),
            h.effective_n(),
            confidence,
        ))
    }

    /// The mean `estimate` with standard deviation `sd` of `n` values (Kish's effective size
    /// `n_effective`) and its interval x̄ ± t(n_eff − 1)·sd/√n_eff at `confidence`.
    pub(crate) fn with_t_interval(
        estimate: f64,
        sd: f64,
        n: u64,
        n_effective: f64,
        confidence: f64,
    ) -> Mean {
        let se = sd / n_effective.sqrt();
        let t = t_quantile((1.0 + confidence) / 2.0, n_effective - 1.0);
        Mean {
            estimate,
            sd,
            se,
            ci_low: estimate - t * se,
            ci_high: estimate + t * se,
            n,
            n_effective,
            confidence,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::scale::{NanPolicy, Scale};

    fn close(a: f64, b: f64, tol: f64) -> bool {
        (a - b).abs() <= tol
    }

    #[test]
    fn wilson_matches_r_binom_confint() {
        // statsmodels 0.14 proportion_confint(x, n, alpha=0.05, method="wilson"), the same
        // score interval as R's binom::binom.confint(x, n, methods = "wilson"):
        //   x = 0,  n = 10 : 0.000000000 0.277532800
        //   x = 1,  n = 20 : 0.008881449 0.236131193
        //   x = 50, n = 100: 0.403831530 0.596168470
        let cases = [
            (0.0, 10.0, 0.0, 0.2775328),
            (1.0, 20.0, 0.008881449, 0.236131193),
            (50.0, 100.0, 0.40383153, 0.59616847),
        ];
        for (x, n, lo, hi) in cases {
            let (l, h) = wilson_interval(x, n, 0.95).unwrap();
            assert!(close(l, lo, 5e-7) && close(h, hi, 5e-7), "{x}/{n}: {l} {h}");
        }
    }

    #[test]
    fn wilson_at_other_levels_matches_statsmodels() {
        // 90 % level, 30 of 80: statsmodels proportion_confint(30, 80, alpha=0.10,
        // method="wilson") = (0.291431709, 0.466746532).
        let (l, h) = wilson_interval(30.0, 80.0, 0.90).unwrap();
        assert!(
            close(l, 0.291431709, 5e-9) && close(h, 0.466746532, 5e-9),
            "{l} {h}"
        );
    }

    #[test]
    fn intervals_reject_bad_arguments() {
        assert!(matches!(
            wilson_interval(11.0, 10.0, 0.95),
            Err(Error::InvalidParameter {
                name: "successes",
                ..
            })
        ));
        assert!(matches!(
            wilson_interval(1.0, 0.0, 0.95),
            Err(Error::InvalidParameter { name: "n", .. })
        ));
        assert!(matches!(
            wald_interval(1.0, 10.0, 1.0),
            Err(Error::InvalidParameter {
                name: "confidence",
                ..
            })
        ));
        assert!(wilson_interval(f64::NAN, 10.0, 0.95).is_err());
    }

    #[test]
    fn mean_interval_is_student_t() {
        // 1, 2, 3, 4, 5: mean 3, s = √2.5 = 1.5811388, se = 0.7071068,
        // t(4; 0.975) = 2.7764451 → 3 ± 1.9632432 (R: t.test(1:5)$conf.int = 1.036757 4.963243).
        let h =
            Histogram::from_scores(Scale::CSAT, &[1, 2, 3, 4, 5], None, NanPolicy::Raise).unwrap();
        let m = Mean::from_histogram(&h, 0.95).unwrap();
        assert_eq!(m.estimate, 3.0);
        assert!(close(m.sd, 2.5f64.sqrt(), 1e-12));
        assert!(close(m.ci_low, 1.036757, 5e-7) && close(m.ci_high, 4.963243, 5e-7));
    }

    #[test]
    fn mean_of_one_response_is_insufficient() {
        let h = Histogram::from_scores(Scale::CSAT, &[4], None, NanPolicy::Raise).unwrap();
        assert!(matches!(
            Mean::from_histogram(&h, 0.95),
            Err(Error::InsufficientData { .. })
        ));
    }
}
