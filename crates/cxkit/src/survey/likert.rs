//! A Likert item's distribution summary.

use serde::{Deserialize, Serialize};

use super::histogram::Histogram;
use crate::scale::{NanPolicy, Scale, Score};
use crate::Result;

/// Options for [`likert_summary`].
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct LikertOptions {
    /// The rating scale. Default 1–5.
    pub scale: Scale,
    /// How many points at each end form the top and bottom boxes. Default 2.
    pub boxes: u32,
    /// What to do with NaN scores. Default raise.
    pub nan_policy: NanPolicy,
}

impl Default for LikertOptions {
    fn default() -> Self {
        LikertOptions {
            scale: Scale::CSAT,
            boxes: 2,
            nan_policy: NanPolicy::Raise,
        }
    }
}

/// The distribution of one Likert item.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Likert {
    /// The rating scale.
    pub scale: Scale,
    /// Responses per point, lowest point first.
    pub counts: Vec<u64>,
    /// (Weighted) share per point, lowest point first.
    pub shares: Vec<f64>,
    /// Number of responses.
    pub n: u64,
    /// Kish effective sample size (= n when unweighted).
    pub n_effective: f64,
    /// (Weighted) mean.
    pub mean: f64,
    /// Sample standard deviation (n − 1 denominator).
    pub sd: f64,
    /// (Weighted) median.
    pub median: f64,
    /// How many points form each box.
    pub boxes: u32,
    /// Share in the top `boxes` points.
    pub top_box: f64,
    /// Share in the bottom `boxes` points.
    pub bottom_box: f64,
}

/// Distribution summary of Likert `scores`: counts and shares per point, mean, sd, median,
/// top and bottom box. Needs an effective sample size above 1 (for the sd).
///
/// ```
/// use cxkit::survey::{likert_summary, LikertOptions};
///
/// let r = likert_summary(&[1, 2, 4, 5, 5], None, &LikertOptions::default()).unwrap();
/// assert_eq!(r.counts, vec![1, 1, 0, 1, 2]);
/// assert_eq!(r.median, 4.0);
/// assert_eq!(r.top_box, 0.6);
/// ```
pub fn likert_summary<S: Score>(
    scores: &[S],
    weights: Option<&[f64]>,
    options: &LikertOptions,
) -> Result<Likert> {
    options.scale.check_top(options.boxes)?;
    let h = Histogram::from_scores(options.scale, scores, weights, options.nan_policy)?;
    Likert::from_histogram(&h, options.boxes)
}

impl Likert {
    /// The summary of a tally, with `boxes` points in the top and bottom boxes.
    pub fn from_histogram(h: &Histogram, boxes: u32) -> Result<Likert> {
        h.scale().check_top(boxes)?;
        h.check_nonempty()?;
        let points = h.scale().points();
        let b = boxes as usize;
        Ok(Likert {
            scale: h.scale(),
            counts: h.counts().to_vec(),
            shares: h.shares(),
            n: h.n(),
            n_effective: h.effective_n(),
            mean: h.mean(),
            sd: h.sd()?,
            median: h.median(),
            boxes,
            top_box: h.share(points - b..points),
            bottom_box: h.share(0..b),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn summary_by_hand() {
        // 7-point item, scores 1 2 2 3 4 4 4 7 (n = 8): mean 27/8 = 3.375,
        // Σ(x − x̄)² = 5.640625 + 1.890625·2 + 0.140625 + 0.390625·3 + 13.140625 = 23.875,
        // sd = √(23.875/7) = 1.8468119; median (3 + 4)/2 = 3.5; top-2 (6, 7) 1/8; bottom-2 3/8.
        let o = LikertOptions {
            scale: Scale::new(1, 7).unwrap(),
            ..LikertOptions::default()
        };
        let r = likert_summary(&[1, 2, 2, 3, 4, 4, 4, 7], None, &o).unwrap();
        assert_eq!(r.counts, vec![1, 2, 1, 3, 0, 0, 1]);
        assert_eq!(r.mean, 3.375);
        assert!((r.sd - 1.8468119).abs() < 1e-7);
        assert_eq!(r.median, 3.5);
        assert_eq!(r.top_box, 0.125);
        assert_eq!(r.bottom_box, 0.375);
        assert!((r.shares.iter().sum::<f64>() - 1.0).abs() < 1e-15);
    }
}
