//! Top-box shares: CSAT (satisfied share of a 1–5 scale) and CES (customer effort, 1–7).

use serde::{Deserialize, Serialize};

use super::histogram::Histogram;
use super::interval::{Mean, Proportion, ProportionMethod};
use crate::error::check_confidence;
use crate::scale::{NanPolicy, Scale, Score};
use crate::{Error, Result};

/// Options for [`top_box`] and [`csat`].
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct TopBoxOptions {
    /// The rating scale. Default 1–5.
    pub scale: Scale,
    /// How many of the highest points count as the top box. Default 2 (4 and 5 of 1–5).
    pub top: u32,
    /// Confidence level of the intervals. Default 0.95.
    pub confidence: f64,
    /// Interval for the share. Default Wilson.
    pub interval: ProportionMethod,
    /// What to do with NaN scores. Default raise.
    pub nan_policy: NanPolicy,
}

impl Default for TopBoxOptions {
    fn default() -> Self {
        TopBoxOptions {
            scale: Scale::CSAT,
            top: 2,
            confidence: 0.95,
            interval: ProportionMethod::Wilson,
            nan_policy: NanPolicy::Raise,
        }
    }
}

/// Customer satisfaction: the top-box share with its interval and the mean score with its
/// t-interval.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct Csat {
    /// The rating scale.
    pub scale: Scale,
    /// How many of the highest points count as satisfied.
    pub top: u32,
    /// Share of satisfied responses (the CSAT score, a fraction) with its interval.
    pub top_box: Proportion,
    /// Mean score with its t-interval.
    pub mean: Mean,
}

/// Share of `scores` in the top `options.top` points of the scale, with its interval.
///
/// ```
/// use cxkit::survey::{top_box, TopBoxOptions};
///
/// let share = top_box(&[5, 4, 3, 2], None, &TopBoxOptions::default()).unwrap();
/// assert_eq!(share.estimate, 0.5);
/// ```
pub fn top_box<S: Score>(
    scores: &[S],
    weights: Option<&[f64]>,
    options: &TopBoxOptions,
) -> Result<Proportion> {
    let h = tally(scores, weights, options)?;
    Proportion::top_box(&h, options.top, options.confidence, options.interval)
}

/// CSAT of `scores`: top-box share (4–5 of 1–5 by default) and mean.
///
/// ```
/// use cxkit::survey::{csat, TopBoxOptions};
///
/// // Delighted's CSAT example: 42 fives, 32 fours, 10 threes, 9 twos, 14 ones → 74/107 = 69.16 %.
/// let counts = [(5, 42), (4, 32), (3, 10), (2, 9), (1, 14)];
/// let scores: Vec<u8> = counts.iter().flat_map(|&(s, c)| std::iter::repeat(s).take(c)).collect();
/// let r = csat(&scores, None, &TopBoxOptions::default()).unwrap();
/// assert!((r.top_box.estimate - 74.0 / 107.0).abs() < 1e-12);
/// ```
pub fn csat<S: Score>(
    scores: &[S],
    weights: Option<&[f64]>,
    options: &TopBoxOptions,
) -> Result<Csat> {
    Csat::from_histogram(
        &tally(scores, weights, options)?,
        options.top,
        options.confidence,
        options.interval,
    )
}

fn tally<S: Score>(
    scores: &[S],
    weights: Option<&[f64]>,
    options: &TopBoxOptions,
) -> Result<Histogram> {
    check_confidence(options.confidence)?;
    options.scale.check_top(options.top)?;
    Histogram::from_scores(options.scale, scores, weights, options.nan_policy)
}

impl Csat {
    /// CSAT of a tally: the share of its top `top` points and its mean.
    pub fn from_histogram(
        h: &Histogram,
        top: u32,
        confidence: f64,
        interval: ProportionMethod,
    ) -> Result<Csat> {
        Ok(Csat {
            scale: h.scale(),
            top,
            top_box: Proportion::top_box(h, top, confidence, interval)?,
            mean: Mean::from_histogram(h, confidence)?,
        })
    }
}

/// Options for [`ces`].
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct CesOptions {
    /// The agreement scale. Default 1–7.
    pub scale: Scale,
    /// Scores at or above this count as "easy". Default 5.
    pub threshold: i32,
    /// Confidence level of the intervals. Default 0.95.
    pub confidence: f64,
    /// Interval for the share. Default Wilson.
    pub interval: ProportionMethod,
    /// What to do with NaN scores. Default raise.
    pub nan_policy: NanPolicy,
}

impl Default for CesOptions {
    fn default() -> Self {
        CesOptions {
            scale: Scale::CES,
            threshold: 5,
            confidence: 0.95,
            interval: ProportionMethod::Wilson,
            nan_policy: NanPolicy::Raise,
        }
    }
}

/// Customer Effort Score (CES 2.0, "the company made it easy for me to handle my issue"):
/// the mean agreement and the share at or above the threshold.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct Ces {
    /// The agreement scale.
    pub scale: Scale,
    /// Scores at or above this count as easy.
    pub threshold: i32,
    /// Mean score (the CES) with its t-interval.
    pub mean: Mean,
    /// Share of responses at or above the threshold, with its interval.
    pub easy: Proportion,
}

/// Customer Effort Score of 1–7 `scores`: mean and share ≥ 5 by default.
///
/// ```
/// use cxkit::survey::{ces, CesOptions};
///
/// let r = ces(&[7, 6, 5, 2], None, &CesOptions::default()).unwrap();
/// assert_eq!(r.mean.estimate, 5.0);
/// assert_eq!(r.easy.estimate, 0.75);
/// ```
pub fn ces<S: Score>(scores: &[S], weights: Option<&[f64]>, options: &CesOptions) -> Result<Ces> {
    check_confidence(options.confidence)?;
    check_threshold(options.scale, options.threshold)?;
    let h = Histogram::from_scores(options.scale, scores, weights, options.nan_policy)?;
    Ces::from_histogram(&h, options.threshold, options.confidence, options.interval)
}

fn check_threshold(scale: Scale, threshold: i32) -> Result<()> {
    if threshold <= scale.min() || threshold > scale.max() {
        return Err(Error::InvalidParameter {
            name: "threshold",
            reason: format!(
                "must lie above the lowest point and within the scale {scale}, got {threshold}"
            ),
        });
    }
    Ok(())
}

impl Ces {
    /// CES of a tally: its mean and the share at or above `threshold`.
    pub fn from_histogram(
        h: &Histogram,
        threshold: i32,
        confidence: f64,
        interval: ProportionMethod,
    ) -> Result<Ces> {
        let scale = h.scale();
        check_threshold(scale, threshold)?;
        let top = (scale.max() - threshold + 1) as u32;
        Ok(Ces {
            scale,
            threshold,
            mean: Mean::from_histogram(h, confidence)?,
            easy: Proportion::top_box(h, top, confidence, interval)?,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn expand(counts: &[(u8, usize)]) -> Vec<u8> {
        counts
            .iter()
            .flat_map(|&(s, c)| std::iter::repeat_n(s, c))
            .collect()
    }

    #[test]
    fn delighted_csat_example() {
        // Delighted, "What is CSAT and how do you measure it?": 42 fives, 32 fours, 10 threes,
        // 9 twos and 14 ones; (42 + 32)/107 = 69.16 % satisfied.
        let scores = expand(&[(5, 42), (4, 32), (3, 10), (2, 9), (1, 14)]);
        let r = csat(&scores, None, &TopBoxOptions::default()).unwrap();
        assert_eq!(r.top_box.n, 107);
        assert!((100.0 * r.top_box.estimate - 69.16).abs() < 0.005);
        // Mean by hand: (210 + 128 + 30 + 18 + 14)/107 = 400/107 = 3.7383178.
        assert!((r.mean.estimate - 400.0 / 107.0).abs() < 1e-12);
        // Wilson 95 % for 74/107 (statsmodels proportion_confint, "wilson"): 0.598715091 0.771182603.
        assert!(
            (r.top_box.ci_low - 0.598715091).abs() < 5e-9,
            "{}",
            r.top_box.ci_low
        );
        assert!(
            (r.top_box.ci_high - 0.771182603).abs() < 5e-9,
            "{}",
            r.top_box.ci_high
        );
    }

    #[test]
    fn ces_threshold_is_a_top_box() {
        // 1..=7 once each: mean 4, share ≥ 5 is 3/7.
        let r = ces(&[1, 2, 3, 4, 5, 6, 7], None, &CesOptions::default()).unwrap();
        assert_eq!(r.mean.estimate, 4.0);
        assert!((r.easy.estimate - 3.0 / 7.0).abs() < 1e-15);
        let bad = CesOptions {
            threshold: 8,
            ..CesOptions::default()
        };
        assert!(matches!(
            ces(&[1, 2], None, &bad).unwrap_err(),
            Error::InvalidParameter {
                name: "threshold",
                ..
            }
        ));
    }

    #[test]
    fn top_must_be_a_proper_part_of_the_scale() {
        for top in [0, 5, 9] {
            let o = TopBoxOptions {
                top,
                ..TopBoxOptions::default()
            };
            assert!(matches!(
                top_box(&[5, 4], None, &o).unwrap_err(),
                Error::InvalidParameter { name: "top", .. }
            ));
        }
    }

    #[test]
    fn scale_is_declared_not_guessed() {
        let o = TopBoxOptions {
            scale: Scale::new(0, 10).unwrap(),
            top: 3,
            ..TopBoxOptions::default()
        };
        let r = top_box(&[10, 9, 8, 0], None, &o).unwrap();
        assert_eq!(r.estimate, 0.75);
        assert!(top_box(&[6], None, &TopBoxOptions::default()).is_err());
    }
}
