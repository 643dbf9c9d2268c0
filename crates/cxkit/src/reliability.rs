//! Reliability of a multi-item scale: Cronbach's alpha with Feldt's confidence interval,
//! standardized alpha, alpha if an item is deleted and corrected item-total correlations.
//!
//! McDonald's omega is left out on purpose: it needs a fitted one-factor model (maximum
//! likelihood or minimum residual factor analysis), and a half-done factor analysis would
//! give numbers that look authoritative and are not.

use ndarray::{Array2, ArrayView2};
use serde::{Deserialize, Serialize};
use statrs::distribution::{ContinuousCDF, FisherSnedecor};

use crate::covariance::{covariance, Covariance, MissingData};
use crate::error::check_confidence;
use crate::{Error, Result};

/// Options of [`cronbach_alpha`].
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct AlphaOptions {
    /// Missing answers (NaN): pairwise (default, as pingouin and R psych's default) or listwise.
    pub missing: MissingData,
    /// Confidence level of Feldt's interval. Default 0.95.
    pub confidence: f64,
}

impl Default for AlphaOptions {
    fn default() -> Self {
        AlphaOptions {
            missing: MissingData::Pairwise,
            confidence: 0.95,
        }
    }
}

/// One item of the scale.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ItemStatistics {
    /// Mean answer (None when computed from a covariance matrix).
    pub mean: Option<f64>,
    /// Standard deviation (n − 1).
    pub sd: f64,
    /// Answers given.
    pub n: usize,
    /// Correlation of the item with the sum of the other items (psych's `r.drop`).
    pub item_total_r: f64,
    /// Alpha of the scale without this item (None with two items: one item has no alpha).
    pub alpha_if_deleted: Option<f64>,
}

/// Cronbach's alpha of a scale.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CronbachAlpha {
    /// α = k/(k − 1) · (1 − Σ item variances / variance of the total).
    pub alpha: f64,
    /// Lower bound of Feldt's interval.
    pub ci_low: f64,
    /// Upper bound of Feldt's interval.
    pub ci_high: f64,
    /// Confidence level of the interval.
    pub confidence: f64,
    /// Alpha from the correlations: k·r̄ / (1 + (k − 1)·r̄).
    pub standardized_alpha: f64,
    /// Mean correlation between distinct items (r̄).
    pub mean_inter_item_r: f64,
    /// Respondents behind the interval: all rows (pairwise) or the complete ones (listwise).
    pub n: usize,
    /// Items.
    pub k: usize,
    /// Per-item statistics, in column order.
    pub items: Vec<ItemStatistics>,
}

/// Checks the confidence level and that there are at least two items.
fn check_alpha(k: usize, confidence: f64) -> Result<()> {
    check_confidence(confidence)?;
    if k < 2 {
        return Err(Error::InsufficientData {
            what: "Cronbach's alpha",
            needed: "at least two items",
            got: k.to_string(),
        });
    }
    Ok(())
}

/// α from a covariance matrix.
fn alpha_of(cov: &Array2<f64>, keep: impl Fn(usize) -> bool) -> f64 {
    let k = cov.nrows();
    let idx: Vec<usize> = (0..k).filter(|&i| keep(i)).collect();
    let m = idx.len() as f64;
    let trace: f64 = idx.iter().map(|&i| cov[[i, i]]).sum();
    let total: f64 = idx
        .iter()
        .flat_map(|&i| idx.iter().map(move |&j| (i, j)))
        .map(|(i, j)| cov[[i, j]])
        .sum();
    m / (m - 1.0) * (1.0 - trace / total)
}

/// Cronbach's alpha of the items (the columns of `items`; respondents in rows, NaN for a
/// missing answer), with Feldt, Woodruff & Salih's (1987) interval
/// 1 − (1 − α)·F(1 ∓ c)/2; n − 1, (n − 1)(k − 1), as pingouin and R psych report it.
///
/// ```
/// use cxkit::reliability::{cronbach_alpha, AlphaOptions};
/// use ndarray::array;
///
/// // Three items answered by four respondents.
/// let x = array![[1.0, 2.0, 2.0], [2.0, 2.0, 3.0], [4.0, 5.0, 4.0], [5.0, 4.0, 5.0]];
/// let a = cronbach_alpha(x.view(), &AlphaOptions::default())?;
/// assert!(a.alpha > 0.9 && a.ci_low < a.alpha && a.alpha < a.ci_high);
/// assert_eq!((a.n, a.k), (4, 3));
/// # Ok::<(), cxkit::Error>(())
/// ```
pub fn cronbach_alpha(items: ArrayView2<f64>, options: &AlphaOptions) -> Result<CronbachAlpha> {
    check_alpha(items.ncols(), options.confidence)?;
    cronbach_alpha_of(&covariance(items, options.missing)?, options.confidence)
}

/// Cronbach's alpha from a [`Covariance`] (with its item means and counts) — for instance
/// one finished from a [`CovarianceAccumulator`](crate::covariance::CovarianceAccumulator)
/// fed partition by partition.
///
/// ```
/// use cxkit::covariance::{CovarianceAccumulator, MissingData};
/// use cxkit::reliability::{cronbach_alpha, cronbach_alpha_of, AlphaOptions};
/// use ndarray::array;
///
/// let x = array![[1.0, 2.0, 2.0], [2.0, 2.0, 3.0], [4.0, 5.0, 4.0], [5.0, 4.0, 5.0]];
/// let mut acc = CovarianceAccumulator::new(3, MissingData::Pairwise)?;
/// acc.update(x.slice(ndarray::s![..2, ..]))?;
/// acc.update(x.slice(ndarray::s![2.., ..]))?;
/// let a = cronbach_alpha_of(&acc.covariance()?, 0.95)?;
/// let whole = cronbach_alpha(x.view(), &AlphaOptions::default())?;
/// assert!((a.alpha - whole.alpha).abs() < 1e-12);
/// # Ok::<(), cxkit::Error>(())
/// ```
pub fn cronbach_alpha_of(c: &Covariance, confidence: f64) -> Result<CronbachAlpha> {
    check_alpha(c.cov.nrows(), confidence)?;
    let mut a = from_cov(&c.cov, c.rows, confidence)?;
    for (j, item) in a.items.iter_mut().enumerate() {
        item.mean = Some(c.means[j]);
        item.n = c.counts[[j, j]];
    }
    Ok(a)
}

/// Cronbach's alpha from the items' covariance matrix and the number of respondents `n`
/// (for the interval), when the raw answers are not at hand.
///
/// ```
/// use cxkit::reliability::cronbach_alpha_from_covariance;
/// use ndarray::array;
///
/// // StatsBase.jl's documented example: α = 0.8136; without item 1, 0.7500.
/// let c = array![[10.0, 6.0, 6.0, 6.0], [6.0, 11.0, 6.0, 6.0],
///                [6.0, 6.0, 12.0, 6.0], [6.0, 6.0, 6.0, 13.0]];
/// let a = cronbach_alpha_from_covariance(c.view(), 100, 0.95)?;
/// assert!((a.alpha - 0.8136).abs() < 5e-5);
/// assert!((a.items[0].alpha_if_deleted.unwrap() - 0.75).abs() < 5e-5);
/// # Ok::<(), cxkit::Error>(())
/// ```
pub fn cronbach_alpha_from_covariance(
    cov: ArrayView2<f64>,
    n: usize,
    confidence: f64,
) -> Result<CronbachAlpha> {
    let k = cov.nrows();
    if cov.ncols() != k {
        return Err(Error::LengthMismatch {
            what: "covariance matrix columns (square)",
            expected: k,
            actual: cov.ncols(),
        });
    }
    check_alpha(k, confidence)?;
    if let Some(((i, j), v)) = cov
        .indexed_iter()
        .find(|((i, j), v)| !v.is_finite() || (cov[[*j, *i]] - **v).abs() > 1e-9 * v.abs().max(1.0))
    {
        return Err(Error::InvalidParameter {
            name: "cov",
            reason: format!("entry ({i}, {j}) = {v} is not finite or not symmetric"),
        });
    }
    from_cov(&cov.to_owned(), n, confidence)
}

fn from_cov(cov: &Array2<f64>, n: usize, confidence: f64) -> Result<CronbachAlpha> {
    let k = cov.nrows();
    if n < 2 {
        return Err(Error::InsufficientData {
            what: "Cronbach's alpha",
            needed: "at least two respondents",
            got: n.to_string(),
        });
    }
    if let Some(index) = (0..k).position(|i| cov[[i, i]].is_nan() || cov[[i, i]] <= 0.0) {
        return Err(Error::ConstantColumn {
            what: "item",
            index,
        });
    }
    // The total score's variance is the sum of the covariance matrix; when the items cancel
    // (x and 6 − x) it is zero to rounding and α = k/(k−1)·(1 − trace/0) means nothing.
    let trace: f64 = (0..k).map(|i| cov[[i, i]]).sum();
    if cov.sum() <= 1e-12 * trace {
        return Err(Error::ZeroVariance {
            what: "Cronbach's alpha",
            reason: "the total score has no variance — the items cancel each other out, as a \
                     reverse-keyed item does (6 − x on a 1–5 scale): reverse it first \
                     (reversed= in servqual, or 6 − x)",
        });
    }
    let alpha = alpha_of(cov, |_| true);
    let sd: Vec<f64> = (0..k).map(|i| cov[[i, i]].sqrt()).collect();
    let mut r_sum = 0.0;
    for i in 0..k {
        for j in (i + 1)..k {
            r_sum += cov[[i, j]] / (sd[i] * sd[j]);
        }
    }
    let mean_r = r_sum / (k * (k - 1) / 2) as f64;
    let standardized_alpha = k as f64 * mean_r / (1.0 + (k as f64 - 1.0) * mean_r);
    let (df1, df2) = ((n - 1) as f64, ((n - 1) * (k - 1)) as f64);
    let f = FisherSnedecor::new(df1, df2).expect("positive degrees of freedom");
    let tail = (1.0 - confidence) / 2.0;
    let ci_low = 1.0 - (1.0 - alpha) * f.inverse_cdf(1.0 - tail);
    let ci_high = 1.0 - (1.0 - alpha) * f.inverse_cdf(tail);
    let items = (0..k)
        .map(|j| {
            // Corrected item-total r: cov(x_j, T − x_j) / (sd_j · sd(T − x_j)).
            let with_rest: f64 = (0..k).filter(|&l| l != j).map(|l| cov[[j, l]]).sum();
            let rest_var: f64 = (0..k)
                .filter(|&l| l != j)
                .flat_map(|l| (0..k).filter(move |&m| m != j).map(move |m| (l, m)))
                .map(|(l, m)| cov[[l, m]])
                .sum();
            ItemStatistics {
                mean: None,
                sd: sd[j],
                n,
                item_total_r: with_rest / (sd[j] * rest_var.sqrt()),
                alpha_if_deleted: (k > 2).then(|| alpha_of(cov, |i| i != j)),
            }
        })
        .collect();
    Ok(CronbachAlpha {
        alpha,
        ci_low,
        ci_high,
        confidence,
        standardized_alpha,
        mean_inter_item_r: mean_r,
        n,
        k,
        items,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use ndarray::{array, Array2};

    #[test]
    fn a_reverse_keyed_pair_is_an_error_not_minus_infinity() {
        // Issue 19: x and 6 − x have a total score of 6 for everyone: var(T) = 0, and α was
        // −inf (standardised α 9e15).
        let x = array![[1.0, 5.0], [2.0, 4.0], [4.0, 2.0], [5.0, 1.0], [3.0, 3.0]];
        let e = cronbach_alpha(x.view(), &AlphaOptions::default()).unwrap_err();
        assert!(
            matches!(
                e,
                Error::ZeroVariance {
                    what: "Cronbach's alpha",
                    ..
                }
            ),
            "{e}"
        );
        assert!(e.to_string().contains("reverse-keyed"), "{e}");
        // Reversed, the pair is perfectly consistent: α = 1.
        let r = array![[1.0, 1.0], [2.0, 2.0], [4.0, 4.0], [5.0, 5.0], [3.0, 3.0]];
        let a = cronbach_alpha(r.view(), &AlphaOptions::default()).unwrap();
        assert!((a.alpha - 1.0).abs() < 1e-12);
    }

    /// pingouin's `cronbach_alpha` dataset (15 subjects × 10 items, wide).
    fn pingouin_data() -> Array2<f64> {
        let by_item: [[f64; 15]; 10] = [
            [3., 5., 7., 2., 6., 1., 4., 2., 6., 5., 4., 4., 5., 6., 4.],
            [2., 4., 3., 4., 5., 2., 3., 4., 5., 4., 3., 2., 5., 5., 3.],
            [4., 6., 5., 3., 6., 3., 5., 4., 5., 6., 5., 3., 6., 5., 5.],
            [1., 3., 5., 3., 5., 4., 3., 3., 5., 4., 2., 2., 2., 4., 5.],
            [4., 5., 6., 2., 4., 2., 5., 7., 1., 3., 5., 5., 3., 2., 3.],
            [5., 1., 4., 2., 4., 5., 2., 2., 6., 5., 3., 3., 3., 2., 1.],
            [1., 2., 3., 2., 4., 2., 1., 2., 5., 3., 2., 4., 2., 1., 3.],
            [4., 5., 3., 6., 6., 3., 2., 4., 2., 1., 3., 2., 4., 4., 2.],
            [3., 5., 6., 6., 7., 5., 4., 6., 3., 7., 4., 3., 4., 6., 3.],
            [2., 5., 5., 3., 5., 2., 3., 5., 2., 2., 1., 4., 5., 5., 4.],
        ];
        Array2::from_shape_fn((15, 10), |(s, i)| by_item[i][s])
    }

    #[test]
    fn pingouin_documented_example() {
        // pingouin.cronbach_alpha(data=pg.read_dataset('cronbach_alpha'), items='Items',
        // scores='Scores', subject='Subj') → (0.591719, array([0.195, 0.84])) in its
        // docstring (tested there against R psych::alpha); the interval is printed to 3 places.
        let a = cronbach_alpha(pingouin_data().view(), &AlphaOptions::default()).unwrap();
        assert!((a.alpha - 0.591719).abs() < 5e-7, "{}", a.alpha);
        assert!((a.ci_low - 0.195).abs() < 5e-4, "{}", a.ci_low);
        assert!((a.ci_high - 0.840).abs() < 5e-4, "{}", a.ci_high);
        assert_eq!((a.n, a.k), (15, 10));
    }

    #[test]
    fn statsbase_documented_example_and_standardized_alpha() {
        // StatsBase.jl `cronbachalpha` docstring: 0.8136; dropped 0.7500 0.7606 0.7714 0.7826.
        let c = array![
            [10.0, 6.0, 6.0, 6.0],
            [6.0, 11.0, 6.0, 6.0],
            [6.0, 6.0, 12.0, 6.0],
            [6.0, 6.0, 6.0, 13.0]
        ];
        let a = cronbach_alpha_from_covariance(c.view(), 50, 0.95).unwrap();
        assert!((a.alpha - 0.8136).abs() < 5e-5);
        for (item, want) in a.items.iter().zip([0.75, 0.7606, 0.7714, 0.7826]) {
            assert!((item.alpha_if_deleted.unwrap() - want).abs() < 5e-5);
        }
        // Unit variances and every correlation 0.5, k = 3: α = α_std = 3·.5/(1 + 2·.5) = .75;
        // item-total r = (.5 + .5)/√(1 + 1 + 2·.5) = 1/√3.
        let r = array![[1.0, 0.5, 0.5], [0.5, 1.0, 0.5], [0.5, 0.5, 1.0]];
        let a = cronbach_alpha_from_covariance(r.view(), 30, 0.95).unwrap();
        assert!((a.alpha - 0.75).abs() < 1e-12 && (a.standardized_alpha - 0.75).abs() < 1e-12);
        assert!((a.items[0].item_total_r - 1.0 / 3f64.sqrt()).abs() < 1e-12);
        assert!((a.mean_inter_item_r - 0.5).abs() < 1e-12);
    }

    #[test]
    fn missing_answers_pairwise_and_listwise() {
        let mut x = pingouin_data();
        x[[3, 2]] = f64::NAN;
        x[[7, 5]] = f64::NAN;
        let p = cronbach_alpha(x.view(), &AlphaOptions::default()).unwrap();
        assert_eq!(p.n, 15); // pingouin: pairwise keeps every subject for the interval
        assert_eq!(p.items[2].n, 14);
        let l = cronbach_alpha(
            x.view(),
            &AlphaOptions {
                missing: MissingData::Listwise,
                ..AlphaOptions::default()
            },
        )
        .unwrap();
        assert_eq!(l.n, 13);
        assert!(p.alpha != l.alpha);
    }

    #[test]
    fn bad_input() {
        let o = AlphaOptions::default();
        let one = array![[1.0], [2.0]];
        assert!(matches!(
            cronbach_alpha(one.view(), &o),
            Err(Error::InsufficientData { .. })
        ));
        let constant = array![[1.0, 3.0], [2.0, 3.0], [3.0, 3.0]];
        assert!(matches!(
            cronbach_alpha(constant.view(), &o),
            Err(Error::ConstantColumn { index: 1, .. })
        ));
        let empty = array![[1.0, f64::NAN], [2.0, f64::NAN]];
        assert!(cronbach_alpha(empty.view(), &o).is_err());
        let asym = array![[1.0, 0.2], [0.3, 1.0]];
        assert!(cronbach_alpha_from_covariance(asym.view(), 10, 0.95).is_err());
        let two = array![[1.0, 2.0], [2.0, 4.5]];
        let bad_conf = AlphaOptions {
            confidence: 1.5,
            ..o
        };
        assert!(cronbach_alpha(two.view(), &bad_conf).is_err());
    }
}
