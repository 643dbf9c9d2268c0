//! The Net Promoter Score with its standard error and confidence interval.

use serde::{Deserialize, Serialize};

use super::histogram::Histogram;
use crate::distribution::z_value;
use crate::error::check_confidence;
use crate::scale::{NanPolicy, Scale, Score};
use crate::{Error, Result};

/// How the NPS confidence interval is computed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum NpsMethod {
    /// Adjusted Wald (Sauro & Lewis): add 0.75 detractor, 1.5 passive and 0.75 promoter
    /// (n + 3) and compute the Wald interval on the adjusted shares. Better coverage for small
    /// samples. The default.
    #[default]
    AdjustedWald,
    /// Wald: NPS ± z·SE with SE = √((p + d − (p − d)²)/n).
    Wald,
}

crate::names::named!(NpsMethod, "method", [AdjustedWald => "adjusted_wald", Wald => "wald"]);

/// Options for [`nps`] and [`nps_from_counts`].
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct NpsOptions {
    /// Confidence level of the interval, strictly between 0 and 1. Default 0.95.
    pub confidence: f64,
    /// Interval method. Default [`NpsMethod::AdjustedWald`].
    pub method: NpsMethod,
    /// What to do with NaN scores. Default [`NanPolicy::Raise`].
    pub nan_policy: NanPolicy,
}

impl Default for NpsOptions {
    fn default() -> Self {
        NpsOptions {
            confidence: 0.95,
            method: NpsMethod::AdjustedWald,
            nan_policy: NanPolicy::Raise,
        }
    }
}

/// A Net Promoter Score: promoters (9–10) minus detractors (0–6), in points from −100 to 100.
///
/// With survey weights the shares are weighted and `n_effective` is Kish's effective sample size,
/// which the standard error and interval use.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct Nps {
    /// NPS in points, 100·(promoters − detractors).
    pub score: f64,
    /// Share of promoters (9–10), a fraction.
    pub promoters: f64,
    /// Share of passives (7–8), a fraction.
    pub passives: f64,
    /// Share of detractors (0–6), a fraction.
    pub detractors: f64,
    /// Number of responses.
    pub n: u64,
    /// Kish effective sample size (= n when unweighted).
    pub n_effective: f64,
    /// Standard error of the score in points: 100·√((p + d − (p − d)²)/n_eff).
    pub se: f64,
    /// Lower confidence bound in points (clipped to −100).
    pub ci_low: f64,
    /// Upper confidence bound in points (clipped to 100).
    pub ci_high: f64,
    /// Confidence level of the interval.
    pub confidence: f64,
    /// How the interval was computed.
    pub method: NpsMethod,
}

/// Variance of the +1/0/−1 promoter coding: p + d − (p − d)².
pub(crate) fn nps_variance(promoters: f64, detractors: f64) -> f64 {
    (promoters + detractors - (promoters - detractors).powi(2)).max(0.0)
}

/// Promoter and detractor shares after the adjusted-Wald pseudo-responses (0.75 / 1.5 / 0.75),
/// with the adjusted sample size n + 3.
pub(crate) fn adjusted_shares(promoters: f64, detractors: f64, n: f64) -> (f64, f64, f64) {
    let n_adj = n + 3.0;
    (
        (promoters * n + 0.75) / n_adj,
        (detractors * n + 0.75) / n_adj,
        n_adj,
    )
}

/// Net Promoter Score of 0–10 `scores`, optionally weighted.
///
/// ```
/// use cxkit::survey::{nps, NpsOptions};
///
/// // 5 promoters, 3 passives, 2 detractors: NPS = 100·(0.5 − 0.2) = 30.
/// let scores = [10, 9, 9, 10, 9, 8, 7, 7, 3, 6];
/// let r = nps(&scores, None, &NpsOptions::default()).unwrap();
/// assert!((r.score - 30.0).abs() < 1e-12);
/// assert_eq!(r.n, 10);
/// ```
pub fn nps<S: Score>(scores: &[S], weights: Option<&[f64]>, options: &NpsOptions) -> Result<Nps> {
    check_confidence(options.confidence)?;
    let h = Histogram::from_scores(Scale::NPS, scores, weights, options.nan_policy)?;
    Nps::from_histogram(&h, options.confidence, options.method)
}

/// Net Promoter Score from counts of detractors, passives and promoters.
///
/// ```
/// use cxkit::survey::{nps_from_counts, NpsOptions};
///
/// let r = nps_from_counts(20, 30, 50, &NpsOptions::default()).unwrap();
/// assert!((r.score - 30.0).abs() < 1e-12);
/// ```
pub fn nps_from_counts(
    detractors: u64,
    passives: u64,
    promoters: u64,
    options: &NpsOptions,
) -> Result<Nps> {
    check_confidence(options.confidence)?;
    let mut counts = [0u64; 11];
    counts[0] = detractors;
    counts[7] = passives;
    counts[9] = promoters;
    if detractors
        .checked_add(passives)
        .and_then(|s| s.checked_add(promoters))
        .is_none()
    {
        return Err(Error::InvalidParameter {
            name: "counts",
            reason: "the total number of responses overflows".into(),
        });
    }
    let h = Histogram::from_counts(Scale::NPS, &counts)?;
    Nps::from_histogram(&h, options.confidence, options.method)
}

impl Nps {
    /// The NPS of a tally on the 0–10 scale.
    ///
    /// ```
    /// use cxkit::survey::{Histogram, NanPolicy, Nps, NpsMethod, Scale};
    ///
    /// let h = Histogram::from_scores(Scale::NPS, &[10, 9, 0, 7], None, NanPolicy::Raise)?;
    /// assert_eq!(Nps::from_histogram(&h, 0.95, NpsMethod::Wald)?.score, 25.0);
    /// # Ok::<(), cxkit::Error>(())
    /// ```
    pub fn from_histogram(h: &Histogram, confidence: f64, method: NpsMethod) -> Result<Nps> {
        check_confidence(confidence)?;
        if h.scale() != Scale::NPS {
            return Err(Error::Incompatible {
                reason: format!("NPS needs the scale 0 to 10, the tally is on {}", h.scale()),
            });
        }
        h.check_nonempty()?;
        let detractors = h.share(0..7);
        let passives = h.share(7..9);
        let promoters = h.share(9..11);
        let n_effective = h.effective_n();
        let score = 100.0 * (promoters - detractors);
        let se = 100.0 * (nps_variance(promoters, detractors) / n_effective).sqrt();
        let z = z_value(confidence);
        let (centre, half) = match method {
            NpsMethod::Wald => (score, z * se),
            NpsMethod::AdjustedWald => {
                let (p, d, n_adj) = adjusted_shares(promoters, detractors, n_effective);
                let se_adj = 100.0 * (nps_variance(p, d) / n_adj).sqrt();
                (100.0 * (p - d), z * se_adj)
            }
        };
        Ok(Nps {
            score,
            promoters,
            passives,
            detractors,
            n: h.n(),
            n_effective,
            se,
            ci_low: (centre - half).max(-100.0),
            ci_high: (centre + half).min(100.0),
            confidence,
            method,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn close(a: f64, b: f64, tol: f64) -> bool {
        (a - b).abs() <= tol
    }

    #[test]
    fn variance_is_p_plus_d_minus_squared_difference() {
        // Hand calculation: 50 promoters, 30 passives, 20 detractors (n = 100).
        // +1/0/−1 coding: mean 0.3, E[X²] = 0.7, Var = 0.7 − 0.09 = 0.61 = p + d − (p − d)².
        // SE = 100·√(0.61/100) = 7.8102497 points; Wald 95 %: 30 ± 1.959964·7.8102497
        // = (14.692192, 45.307808).
        let opts = NpsOptions {
            method: NpsMethod::Wald,
            ..NpsOptions::default()
        };
        let r = nps_from_counts(20, 30, 50, &opts).unwrap();
        assert!(close(r.score, 30.0, 1e-12));
        assert!(close(r.se, 7.8102497, 1e-7));
        assert!(close(r.ci_low, 14.692192, 1e-6));
        assert!(close(r.ci_high, 45.307808, 1e-6));
    }

    #[test]
    fn adjusted_wald_adds_three_pseudo_responses() {
        // Sauro & Lewis, Quantifying the User Experience (2nd ed.), adjusted-Wald NPS interval.
        // Hand calculation for 2 detractors, 3 passives, 5 promoters (n = 10):
        // p' = 5.75/13 = 0.4423077, d' = 2.75/13 = 0.2115385, NPS' = 0.2307692,
        // Var' = 0.6538462 − 0.0532544 = 0.6005917, SE' = √(Var'/13) = 0.2149449,
        // 95 %: 23.07692 ± 42.12754 → (−19.050615, 65.204462).
        let r = nps_from_counts(2, 3, 5, &NpsOptions::default()).unwrap();
        assert!(close(r.score, 30.0, 1e-12));
        assert!(close(r.ci_low, -19.050615, 1e-5), "{}", r.ci_low);
        assert!(close(r.ci_high, 65.204462, 1e-5), "{}", r.ci_high);
    }

    #[test]
    fn weights_use_kish_effective_n() {
        // Scores 10, 0 with weights 3, 1: promoters 0.75, detractors 0.25, NPS 50.
        // Kish n_eff = 4²/(9 + 1) = 1.6; Var = 1 − 0.25 = 0.75; SE = 100·√(0.75/1.6).
        let opts = NpsOptions {
            method: NpsMethod::Wald,
            ..NpsOptions::default()
        };
        let r = nps(&[10u8, 0], Some(&[3.0, 1.0]), &opts).unwrap();
        assert!(close(r.score, 50.0, 1e-12));
        assert!(close(r.n_effective, 1.6, 1e-12));
        assert!(close(r.se, 100.0 * (0.75f64 / 1.6).sqrt(), 1e-10));
        assert_eq!(r.n, 2);
    }

    #[test]
    fn interval_is_clipped_to_the_score_range() {
        let opts = NpsOptions {
            method: NpsMethod::Wald,
            ..NpsOptions::default()
        };
        let r = nps_from_counts(0, 1, 9, &opts).unwrap();
        assert!(r.ci_high <= 100.0);
    }

    #[test]
    fn bad_input_is_a_typed_error() {
        let o = NpsOptions::default();
        assert_eq!(
            nps::<f64>(&[], None, &o).unwrap_err(),
            Error::EmptyInput {
                what: "scores with positive weight"
            }
        );
        assert_eq!(
            nps(&[9.5], None, &o).unwrap_err(),
            Error::InvalidScore {
                index: 0,
                value: 9.5,
                scale: Scale::NPS
            }
        );
        assert_eq!(
            nps(&[9.0, f64::NAN], None, &o).unwrap_err(),
            Error::MissingScore { index: 1 }
        );
        assert!(matches!(
            nps(&[9, 8], Some(&[1.0]), &o).unwrap_err(),
            Error::LengthMismatch {
                expected: 2,
                actual: 1,
                ..
            }
        ));
        assert_eq!(
            nps(&[9, 8], Some(&[1.0, -2.0]), &o).unwrap_err(),
            Error::InvalidWeight {
                index: 1,
                value: -2.0
            }
        );
        assert!(nps(&[9, 8], Some(&[0.0, 0.0]), &o).is_err());
        let bad = NpsOptions {
            confidence: 0.0,
            ..o
        };
        assert!(matches!(
            nps(&[9], None, &bad).unwrap_err(),
            Error::InvalidParameter {
                name: "confidence",
                ..
            }
        ));
        assert!(nps_from_counts(0, 0, 0, &o).is_err());
        assert!(nps_from_counts(u64::MAX, 1, 0, &o).is_err());
    }
}
