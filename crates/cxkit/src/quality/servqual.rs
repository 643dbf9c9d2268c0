//! SERVQUAL gaps and SERVPERF scores.

use ndarray::{Array2, ArrayView2};
use serde::{Deserialize, Serialize};

use super::accumulator::GapMoments;
use super::{dimension_scores, mean_ci, plain_mean, same_shape, QualityOptions};
use crate::survey::Mean;
use crate::{Error, Result};

/// Importance points (summing to 100) given to the dimensions, for weighted SERVQUAL.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DimensionWeights {
    /// The same points for everyone (e.g. the sample's mean allocation).
    Overall(Vec<f64>),
    /// Each respondent's own points: respondents × dimensions.
    PerRespondent(Array2<f64>),
}

/// One item's SERVQUAL gap.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ItemGap {
    /// Mean perception.
    pub perception: f64,
    /// Mean expectation.
    pub expectation: f64,
    /// Gap P − E over the respondents who rated both, with its t-interval.
    pub gap: Mean,
}

/// One dimension's score: a SERVQUAL gap or a SERVPERF perception.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DimensionScore {
    /// Dimension name.
    pub name: String,
    /// Mean of the respondents' dimension scores, with its t-interval.
    pub score: Mean,
}

/// A SERVQUAL analysis.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Servqual {
    /// One entry per item.
    pub items: Vec<ItemGap>,
    /// Gap per dimension (respondent's dimension gap = mean of their item gaps).
    pub dimensions: Vec<DimensionScore>,
    /// Unweighted SERVQUAL score: the mean over respondents of their mean dimension gap.
    pub overall: Mean,
    /// Weighted SERVQUAL score Σ (wₔ/100)·gapₔ per respondent, when weights were given.
    pub weighted: Option<Mean>,
}

/// A SERVPERF (perceptions only) analysis.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Servperf {
    /// Mean perception per item.
    pub items: Vec<Mean>,
    /// Mean perception per dimension.
    pub dimensions: Vec<DimensionScore>,
    /// Mean over respondents of their mean dimension perception.
    pub overall: Mean,
}

/// SERVQUAL: perception − expectation gaps per item, per dimension and overall, with
/// t-intervals, and the weighted score when `weights` are given (points per dimension
/// summing to 100, for everyone or per respondent). Negative gaps mean service below
/// expectations.
///
/// ```
/// use cxkit::quality::{servqual, Dimensions, QualityOptions};
/// use ndarray::array;
///
/// // Two items in two dimensions, three respondents.
/// let p = array![[5.0, 6.0], [4.0, 7.0], [6.0, 5.0]];
/// let e = array![[6.0, 6.0], [6.0, 6.0], [7.0, 6.0]];
/// let o = QualityOptions {
///     dimensions: Dimensions { names: vec!["a".into(), "b".into()], of_item: vec![0, 1] },
///     ..QualityOptions::default()
/// };
/// let s = servqual(p.view(), e.view(), None, &o)?;
/// assert!((s.items[0].gap.estimate - (-4.0 / 3.0)).abs() < 1e-12); // gaps −1, −2, −1
/// assert!((s.overall.estimate - (-2.0 / 3.0)).abs() < 1e-12); // (−1+0)/2, (−2+1)/2, (−1−1)/2
/// # Ok::<(), cxkit::Error>(())
/// ```
pub fn servqual(
    perceptions: ArrayView2<f64>,
    expectations: ArrayView2<f64>,
    weights: Option<&DimensionWeights>,
    options: &QualityOptions,
) -> Result<Servqual> {
    same_shape(
        &perceptions,
        &[("expectations (respondents × items)", &expectations)],
    )?;
    options.check(perceptions.ncols())?;
    let p = options.ratings(perceptions)?;
    let e = options.ratings(expectations)?;
    let gap = &p - &e;
    let dims = dimension_scores(&gap, &options.dimensions);
    let mut s = GapMoments::of(&p, &e, &gap, &dims).finish(options)?;
    s.weighted = weights
        .map(|w| weighted_score(&dims, w, options.confidence))
        .transpose()?;
    Ok(s)
}

fn dimension_summaries(
    dims: &Array2<f64>,
    options: &QualityOptions,
) -> Result<Vec<DimensionScore>> {
    options
        .dimensions
        .names
        .iter()
        .enumerate()
        .map(|(d, name)| {
            Ok(DimensionScore {
                name: name.clone(),
                score: mean_ci(
                    dims.column(d).iter().copied(),
                    options.confidence,
                    "a dimension score",
                )?,
            })
        })
        .collect()
}

fn weighted_score(dims: &Array2<f64>, weights: &DimensionWeights, confidence: f64) -> Result<Mean> {
    let (n, k) = dims.dim();
    let row_weights = |r: usize| -> Vec<f64> {
        match weights {
            DimensionWeights::Overall(w) => w.clone(),
            DimensionWeights::PerRespondent(m) => m.row(r).to_vec(),
        }
    };
    match weights {
        DimensionWeights::Overall(w) if w.len() != k => {
            return Err(Error::LengthMismatch {
                what: "dimension weights",
                expected: k,
                actual: w.len(),
            })
        }
        DimensionWeights::PerRespondent(m) if m.dim() != (n, k) => {
            return Err(Error::LengthMismatch {
                what: "dimension weights (respondents × dimensions)",
                expected: n * k,
                actual: m.len(),
            })
        }
        _ => {}
    }
    let rows = match weights {
        DimensionWeights::Overall(_) => 1,
        DimensionWeights::PerRespondent(_) => n,
    };
    for r in 0..rows {
        let w = row_weights(r);
        let total: f64 = w.iter().sum();
        if w.iter().any(|v| !(v.is_finite() && *v >= 0.0)) || (total - 100.0).abs() > 1e-6 {
            return Err(Error::InvalidParameter {
                name: "weights",
                reason: format!(
                    "dimension points must be non-negative and sum to 100, got {w:?} (row {r})"
                ),
            });
        }
    }
    mean_ci(
        (0..n).map(|r| {
            let w = row_weights(r);
            dims.row(r)
                .iter()
                .zip(&w)
                .map(|(g, w)| g * w / 100.0)
                .sum::<f64>()
        }),
        confidence,
        "the weighted SERVQUAL score",
    )
}

/// SERVPERF: the perception scores alone (Cronin & Taylor 1992), per item, dimension and
/// overall, with t-intervals.
///
/// ```
/// use cxkit::quality::{servperf, Dimensions, QualityOptions};
/// use ndarray::array;
///
/// let p = array![[5.0, 6.0], [4.0, 7.0], [6.0, 5.0]];
/// let o = QualityOptions {
///     dimensions: Dimensions { names: vec!["all".into()], of_item: vec![0, 0] },
///     ..QualityOptions::default()
/// };
/// let s = servperf(p.view(), &o)?;
/// assert!((s.items[1].estimate - 6.0).abs() < 1e-12);
/// assert!((s.overall.estimate - 5.5).abs() < 1e-12);
/// # Ok::<(), cxkit::Error>(())
/// ```
pub fn servperf(perceptions: ArrayView2<f64>, options: &QualityOptions) -> Result<Servperf> {
    same_shape(&perceptions, &[])?;
    options.check(perceptions.ncols())?;
    let p = options.ratings(perceptions)?;
    let c = options.confidence;
    let items = (0..p.ncols())
        .map(|j| mean_ci(p.column(j).iter().copied(), c, "an item's perception"))
        .collect::<Result<_>>()?;
    let dims = dimension_scores(&p, &options.dimensions);
    Ok(Servperf {
        items,
        dimensions: dimension_summaries(&dims, options)?,
        overall: mean_ci(
            dims.rows()
                .into_iter()
                .map(|r| plain_mean(r.iter().copied())),
            c,
            "the SERVPERF score",
        )?,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::quality::Dimensions;
    use crate::scale::NanPolicy;
    use ndarray::array;

    fn two_dims() -> QualityOptions {
        QualityOptions {
            dimensions: Dimensions {
                names: vec!["a".into(), "b".into()],
                of_item: vec![0, 0, 1],
            },
            ..QualityOptions::default()
        }
    }

    #[test]
    fn gaps_by_hand() {
        // Items 1–2 in dimension a, item 3 in b. Gaps (P − E):
        //   r0: −1  0 | −2    → a −0.5, b −2, overall −1.25
        //   r1: −2 −1 |  0    → a −1.5, b  0, overall −0.75
        //   r2:  0  1 | −1    → a  0.5, b −1, overall −0.25
        let p = array![[5.0, 6.0, 4.0], [4.0, 5.0, 6.0], [6.0, 7.0, 5.0]];
        let e = array![[6.0, 6.0, 6.0], [6.0, 6.0, 6.0], [6.0, 6.0, 6.0]];
        let s = servqual(p.view(), e.view(), None, &two_dims()).unwrap();
        assert!((s.items[0].gap.estimate + 1.0).abs() < 1e-12);
        assert!((s.items[0].perception - 5.0).abs() < 1e-12);
        assert!((s.dimensions[0].score.estimate + 0.5).abs() < 1e-12);
        assert!((s.dimensions[1].score.estimate + 1.0).abs() < 1e-12);
        assert!((s.overall.estimate + 0.75).abs() < 1e-12);
        // sd of (−1.25, −0.75, −0.25) = 0.5; t(0.975, 2) = 4.302653 → ±1.2420 around −0.75.
        assert!((s.overall.sd - 0.5).abs() < 1e-12);
        assert!((s.overall.ci_high - (-0.75 + 4.302652729911275 * 0.5 / 3f64.sqrt())).abs() < 1e-9);
        // Weighted: 80 points on a, 20 on b → r0 .8·−.5 + .2·−2 = −.8; r1 −1.2; r2 .2.
        let w = DimensionWeights::Overall(vec![80.0, 20.0]);
        let s = servqual(p.view(), e.view(), Some(&w), &two_dims()).unwrap();
        assert!((s.weighted.unwrap().estimate - (-1.8 / 3.0)).abs() < 1e-12);
        // Per respondent: r0 all on b (−2), r1 all on a (−1.5), r2 half/half (−0.25).
        let per = DimensionWeights::PerRespondent(array![[0.0, 100.0], [100.0, 0.0], [50.0, 50.0]]);
        let s = servqual(p.view(), e.view(), Some(&per), &two_dims()).unwrap();
        assert!((s.weighted.unwrap().estimate - (-3.75 / 3.0)).abs() < 1e-12);
    }

    #[test]
    fn reversed_items_missing_answers_and_servperf() {
        // Item 2 reverse-coded on 1–7: 2 → 6.
        let p = array![[5.0, 6.0, 2.0], [4.0, f64::NAN, 6.0], [6.0, 7.0, 5.0]];
        let o = QualityOptions {
            reversed: vec![2],
            nan_policy: NanPolicy::Omit,
            ..two_dims()
        };
        let s = servperf(p.view(), &o).unwrap();
        assert!((s.items[2].estimate - (6.0 + 2.0 + 3.0) / 3.0).abs() < 1e-12);
        assert_eq!(s.items[1].n, 2);
        // Respondent 1's dimension a is item 1 alone: 4.
        assert!((s.dimensions[0].score.estimate - (5.5 + 4.0 + 6.5) / 3.0).abs() < 1e-12);
        assert!(matches!(
            servperf(
                p.view(),
                &QualityOptions {
                    nan_policy: NanPolicy::Raise,
                    ..o.clone()
                }
            ),
            Err(Error::MissingAnswer {
                respondent: 1,
                feature: 1
            })
        ));
    }

    #[test]
    fn bad_input() {
        let o = two_dims();
        let p = array![[5.0, 6.0, 4.0], [4.0, 5.0, 6.0]];
        let out_of_scale = array![[5.0, 9.0, 4.0], [4.0, 5.0, 6.0]];
        assert!(matches!(
            servqual(p.view(), out_of_scale.view(), None, &o),
            Err(Error::InvalidAnswer {
                respondent: 0,
                feature: 1,
                ..
            })
        ));
        let short = array![[5.0, 6.0], [4.0, 5.0]];
        assert!(matches!(
            servqual(p.view(), short.view(), None, &o),
            Err(Error::LengthMismatch { .. })
        ));
        assert!(servperf(short.view(), &o).is_err()); // 2 items, map of 3
        let bad_w = DimensionWeights::Overall(vec![50.0, 40.0]);
        assert!(servqual(p.view(), p.view(), Some(&bad_w), &o).is_err());
        let one = array![[5.0, 6.0, 4.0]];
        assert!(matches!(
            servperf(one.view(), &o),
            Err(Error::InsufficientData { .. })
        ));
        assert_eq!(Dimensions::servqual().members()[4].len(), 5);
    }
}
