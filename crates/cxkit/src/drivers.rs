//! Key drivers of an outcome (overall satisfaction, likelihood to recommend) from attribute
//! ratings: correlations, standardized betas, Pratt's measure, Johnson's relative weights and
//! Shapley values of R² (LMG), with optional bootstrap intervals. Importance–performance
//! analysis of the drivers is [`crate::ipa`].
//!
//! Everything is computed from the correlation matrix of the drivers and the outcome, so raw
//! data and a published correlation matrix give the same answers.

use nalgebra::{DMatrix, DVector};
use ndarray::{Array2, ArrayView2};
use rayon::prelude::*;
use serde::{Deserialize, Serialize};

use crate::covariance::{covariance_of_rows, MissingData};
use crate::error::check_confidence;
use crate::quantile::quantile;
use crate::{Error, Result};

/// Most drivers for exact Shapley values (2^p regressions).
pub const MAX_SHAPLEY_DRIVERS: usize = 20;

/// Below this R² a model explains too little of its outcome for importances or effects to
/// mean much: key drivers ([`KeyDrivers::warnings`]), path models
/// ([`PlsFit::warnings`](crate::pls::PlsFit::warnings)) and the report say so.
pub const WEAK_R2: f64 = 0.1;

/// The warning for an outcome explained `r2` of its variance (None at or above [`WEAK_R2`]).
pub(crate) fn weak_fit(what: &str, r2: f64) -> Option<String> {
    (r2 < WEAK_R2).then(|| {
        format!(
            "R² of {what} is {r2:.3}, below {WEAK_R2}: the model explains almost none of its \
             variance, so its importances divide almost nothing and may rank noise"
        )
    })
}

/// Drivers up to which Shapley values are computed unless asked otherwise (2^15 regressions
/// take well under a second).
pub const AUTO_SHAPLEY_DRIVERS: usize = 15;

/// The importance a key-driver analysis leads with: its headline ([`KeyDrivers::headline`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DriverMethod {
    /// Johnson's (2000) relative weights (the default): shares of R², never negative.
    #[default]
    RelativeWeights,
    /// Exact Shapley values of R² (LMG): shares of R², never negative.
    Shapley,
    /// Correlation with the outcome.
    Correlation,
    /// Standardized regression coefficient.
    Beta,
    /// Pratt's measure β·r/R²: shares of R² that can be negative.
    Pratt,
}

// "lmg" (Lindeman, Merenda & Gold's name for the Shapley decomposition of R²) is an alias.
crate::names::named!(DriverMethod, "method", [RelativeWeights => "relative_weights", Shapley => "shapley", Shapley => "lmg", Correlation => "correlation", Beta => "beta", Pratt => "pratt"]);

impl DriverMethod {
    /// Every method, in the order of the docs.
    pub const ALL: [DriverMethod; 5] = [
        DriverMethod::RelativeWeights,
        DriverMethod::Shapley,
        DriverMethod::Correlation,
        DriverMethod::Beta,
        DriverMethod::Pratt,
    ];
}

/// Options of [`key_drivers`].
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct DriverOptions {
    /// Rows with a missing value (NaN): listwise (default, as a regression) or pairwise.
    pub missing: MissingData,
    /// The headline importance. Default relative weights.
    pub method: DriverMethod,
    /// Compute exact Shapley values (LMG): `Some(true)` or `Some(false)`, or `None` (the
    /// default) for "when the method is Shapley or there are at most
    /// [`AUTO_SHAPLEY_DRIVERS`] drivers" ([`computes_shapley`](Self::computes_shapley)).
    /// They need at most [`MAX_SHAPLEY_DRIVERS`] drivers.
    pub shapley: Option<bool>,
    /// Bootstrap resamples for percentile intervals (0, the default, for none).
    pub bootstrap: usize,
    /// Confidence level of the bootstrap intervals. Default 0.95.
    pub confidence: f64,
    /// Seed of the bootstrap.
    pub seed: u64,
}

impl Default for DriverOptions {
    fn default() -> Self {
        DriverOptions {
            missing: MissingData::Listwise,
            method: DriverMethod::RelativeWeights,
            shapley: None,
            bootstrap: 0,
            confidence: 0.95,
            seed: 0,
        }
    }
}

impl DriverOptions {
    /// Whether Shapley values are computed for `drivers` drivers: always for the Shapley
    /// method, else as `shapley` says, else up to [`AUTO_SHAPLEY_DRIVERS`] drivers.
    ///
    /// ```
    /// use cxkit::drivers::{DriverMethod, DriverOptions};
    ///
    /// let auto = DriverOptions::default();
    /// assert!(auto.computes_shapley(15) && !auto.computes_shapley(16));
    /// let asked = DriverOptions { method: DriverMethod::Shapley, shapley: Some(false), ..auto };
    /// assert!(asked.computes_shapley(18));
    /// ```
    pub fn computes_shapley(&self, drivers: usize) -> bool {
        self.method == DriverMethod::Shapley
            || self.shapley.unwrap_or(drivers <= AUTO_SHAPLEY_DRIVERS)
    }
}

/// One driver's importance by the analysis' method ([`KeyDrivers::headline`]).
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct Headline {
    /// The importance.
    pub importance: f64,
    /// Its share of R² in percent, for the methods that divide R² (relative weights,
    /// Shapley, Pratt); None for correlations and betas, or when R² = 0.
    pub share: Option<f64>,
    /// Its bootstrap percentile interval, when there was a bootstrap (none for Pratt).
    pub interval: Option<(f64, f64)>,
}

/// The importance of one driver by every method.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DriverImportance {
    /// Correlation with the outcome.
    pub correlation: f64,
    /// Standardized regression coefficient.
    pub beta: f64,
    /// Pratt's measure β·r / R² (None when R² = 0). Sums to 1; can be negative.
    pub pratt: Option<f64>,
    /// Johnson's (2000) relative weight ε (sums to R²).
    pub relative_weight: f64,
    /// The relative weight as a percentage of R² (None when R² = 0).
    pub relative_weight_pct: Option<f64>,
    /// Shapley value of R² (LMG; sums to R²), when computed.
    pub shapley: Option<f64>,
    /// The Shapley value as a percentage of R².
    pub shapley_pct: Option<f64>,
}

/// Bootstrap percentile intervals of one driver's importances.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DriverIntervals {
    /// Correlation.
    pub correlation: (f64, f64),
    /// Standardized beta.
    pub beta: (f64, f64),
    /// Relative weight.
    pub relative_weight: (f64, f64),
    /// Shapley value, when computed.
    pub shapley: Option<(f64, f64)>,
}

/// A key-driver analysis.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct KeyDrivers {
    /// R² of the regression of the outcome on all drivers.
    pub r2: f64,
    /// Rows behind the correlations (None from a correlation matrix).
    pub n: Option<usize>,
    /// One entry per driver, in column order.
    pub drivers: Vec<DriverImportance>,
    /// Bootstrap intervals per driver, when asked.
    pub intervals: Option<Vec<DriverIntervals>>,
    /// Bootstrap resamples used (those with a singular correlation matrix are skipped).
    pub bootstrap_used: usize,
    /// Bootstrap percentile interval of R², when there was a bootstrap.
    #[serde(default)]
    pub r2_interval: Option<(f64, f64)>,
    /// What the numbers cannot carry: a warning when R² is below [`WEAK_R2`].
    #[serde(default)]
    pub warnings: Vec<String>,
}

impl KeyDrivers {
    /// Each driver's importance by `method`, its share of R² (%) and its interval.
    ///
    /// # Errors
    /// [`Error::InvalidParameter`] for [`DriverMethod::Shapley`] when Shapley values were
    /// not computed.
    ///
    /// ```
    /// use cxkit::drivers::{key_drivers_from_correlation, DriverMethod, DriverOptions};
    /// use ndarray::array;
    ///
    /// let r = array![[1.0, 0.0, 0.6], [0.0, 1.0, 0.3], [0.6, 0.3, 1.0]];
    /// let k = key_drivers_from_correlation(r.view(), &DriverOptions::default())?;
    /// // Uncorrelated drivers: every method gives R² = 0.36 + 0.09 the shares 80 % and 20 %.
    /// let h = k.headline(DriverMethod::Pratt)?;
    /// assert!((h[0].share.unwrap() - 80.0).abs() < 1e-9);
    /// assert_eq!(k.headline(DriverMethod::Beta)?[1].share, None);
    /// # Ok::<(), cxkit::Error>(())
    /// ```
    pub fn headline(&self, method: DriverMethod) -> Result<Vec<Headline>> {
        if method == DriverMethod::Shapley && self.drivers.iter().any(|d| d.shapley.is_none()) {
            return Err(Error::InvalidParameter {
                name: "method",
                reason: "Shapley values were not computed (ask for them with shapley)".into(),
            });
        }
        Ok(self
            .drivers
            .iter()
            .enumerate()
            .map(|(j, d)| {
                let iv = self.intervals.as_ref().map(|v| &v[j]);
                let (importance, share, interval) = match method {
                    DriverMethod::Correlation => (d.correlation, None, iv.map(|i| i.correlation)),
                    DriverMethod::Beta => (d.beta, None, iv.map(|i| i.beta)),
                    DriverMethod::Pratt => (
                        d.pratt.unwrap_or(f64::NAN),
                        d.pratt.map(|p| 100.0 * p),
                        None,
                    ),
                    DriverMethod::Shapley => (
                        d.shapley.unwrap_or(f64::NAN),
                        d.shapley_pct,
                        iv.and_then(|i| i.shapley),
                    ),
                    DriverMethod::RelativeWeights => (
                        d.relative_weight,
                        d.relative_weight_pct,
                        iv.map(|i| i.relative_weight),
                    ),
                };
                Headline {
                    importance,
                    share,
                    interval,
                }
            })
            .collect())
    }
}

/// Splits a correlation matrix with the outcome last into Rxx and rxy.
fn split(r: &Array2<f64>) -> (DMatrix<f64>, DVector<f64>) {
    let p = r.nrows() - 1;
    (
        DMatrix::from_fn(p, p, |i, j| r[[i, j]]),
        DVector::from_fn(p, |i, _| r[[i, p]]),
    )
}

/// R² of the outcome on the drivers in `subset` (bit j = driver j).
fn subset_r2(rxx: &DMatrix<f64>, rxy: &DVector<f64>, subset: usize) -> Result<f64> {
    let idx: Vec<usize> = (0..rxy.len()).filter(|j| subset >> j & 1 == 1).collect();
    if idx.is_empty() {
        return Ok(0.0);
    }
    let m = DMatrix::from_fn(idx.len(), idx.len(), |a, b| rxx[(idx[a], idx[b])]);
    let v = DVector::from_fn(idx.len(), |a, _| rxy[idx[a]]);
    let chol = m
        .cholesky()
        .ok_or_else(|| singular("R² of a subset of drivers"))?;
    Ok(v.dot(&chol.solve(&v)))
}

fn singular(what: &'static str) -> Error {
    Error::SingularMatrix {
        what,
        reason: "some drivers are perfect linear combinations of others; drop or merge them".into(),
    }
}

/// Johnson's (2000) relative weights from the drivers' correlations `rxx` and their
/// correlations with the outcome `rxy`: ε (summing to R²) and R².
///
/// ```
/// use cxkit::drivers::relative_weights;
/// use ndarray::array;
///
/// // Uncorrelated drivers: each weight is its squared correlation.
/// let (w, r2) = relative_weights(array![[1.0, 0.0], [0.0, 1.0]].view(), &[0.6, 0.3])?;
/// assert!((w[0] - 0.36).abs() < 1e-12 && (w[1] - 0.09).abs() < 1e-12);
/// assert!((r2 - 0.45).abs() < 1e-12);
/// # Ok::<(), cxkit::Error>(())
/// ```
pub fn relative_weights(rxx: ArrayView2<f64>, rxy: &[f64]) -> Result<(Vec<f64>, f64)> {
    let r = joined(rxx, rxy)?;
    let (m, v) = split(&r);
    rw(&m, &v)
}

fn rw(rxx: &DMatrix<f64>, rxy: &DVector<f64>) -> Result<(Vec<f64>, f64)> {
    let eig = rxx.clone().symmetric_eigen();
    let max = eig.eigenvalues.max();
    if eig.eigenvalues.iter().any(|&l| l <= 1e-12 * max.max(1.0)) {
        return Err(singular("relative weights"));
    }
    let q = &eig.eigenvectors;
    let sqrt = DMatrix::from_diagonal(&eig.eigenvalues.map(f64::sqrt));
    let inv_sqrt = DMatrix::from_diagonal(&eig.eigenvalues.map(|l| 1.0 / l.sqrt()));
    // Λ = Q D^½ Qᵀ relates the drivers to their closest orthogonal counterparts Z; the
    // outcome's weights on Z are β = Λ⁻¹ rxy, and ε_j = Σ_k Λ_jk² β_k².
    let lambda = q * sqrt * q.transpose();
    let beta = q * inv_sqrt * q.transpose() * rxy;
    let p = rxy.len();
    let eps: Vec<f64> = (0..p)
        .map(|j| {
            (0..p)
                .map(|k| lambda[(j, k)].powi(2) * beta[k].powi(2))
                .sum()
        })
        .collect();
    let r2 = beta.norm_squared();
    Ok((eps, r2))
}

/// Exact Shapley values of R² (Lindeman, Merenda & Gold's LMG): each driver's R² gain averaged
/// over all orders of entry, from the correlation matrices; they sum to R².
///
/// ```
/// use cxkit::drivers::shapley_r2;
/// use ndarray::array;
///
/// // Two drivers: LMG₁ = ½[r₁² + (R² − r₂²)].
/// let rxx = array![[1.0, 0.5], [0.5, 1.0]];
/// let s = shapley_r2(rxx.view(), &[0.6, 0.4])?;
/// let r2 = (0.36 + 0.16 - 2.0 * 0.5 * 0.6 * 0.4) / (1.0 - 0.25);
/// assert!((s[0] - 0.5 * (0.36 + r2 - 0.16)).abs() < 1e-12);
/// assert!((s[0] + s[1] - r2).abs() < 1e-12);
/// # Ok::<(), cxkit::Error>(())
/// ```
pub fn shapley_r2(rxx: ArrayView2<f64>, rxy: &[f64]) -> Result<Vec<f64>> {
    let r = joined(rxx, rxy)?;
    let (m, v) = split(&r);
    shapley(&m, &v)
}

fn shapley(rxx: &DMatrix<f64>, rxy: &DVector<f64>) -> Result<Vec<f64>> {
    let p = rxy.len();
    if p > MAX_SHAPLEY_DRIVERS {
        return Err(Error::InvalidParameter {
            name: "shapley",
            reason: format!(
                "exact Shapley values need 2^p regressions: at most {MAX_SHAPLEY_DRIVERS} drivers, got {p}"
            ),
        });
    }
    let r2: Vec<f64> = (0..1usize << p)
        .into_par_iter()
        .map(|s| subset_r2(rxx, rxy, s))
        .collect::<Result<_>>()?;
    // Weight of a subset of size s not holding j: s!(p − s − 1)!/p!.
    let mut weight = vec![0.0; p];
    for (s, w) in weight.iter_mut().enumerate() {
        *w = (1..=s).map(|i| i as f64).product::<f64>()
            * (1..p - s).map(|i| i as f64).product::<f64>()
            / (1..=p).map(|i| i as f64).product::<f64>();
    }
    Ok((0..p)
        .map(|j| {
            (0..1usize << p)
                .filter(|s| s >> j & 1 == 0)
                .map(|s| weight[s.count_ones() as usize] * (r2[s | 1 << j] - r2[s]))
                .sum()
        })
        .collect())
}

/// The (p + 1)-square correlation matrix from Rxx and rxy, checked.
fn joined(rxx: ArrayView2<f64>, rxy: &[f64]) -> Result<Array2<f64>> {
    let p = rxy.len();
    if rxx.dim() != (p, p) {
        return Err(Error::LengthMismatch {
            what: "rows and columns of the drivers' correlation matrix",
            expected: p,
            actual: rxx.nrows().max(rxx.ncols()),
        });
    }
    let mut r = Array2::zeros((p + 1, p + 1));
    r.slice_mut(ndarray::s![..p, ..p]).assign(&rxx);
    for j in 0..p {
        r[[j, p]] = rxy[j];
        r[[p, j]] = rxy[j];
    }
    r[[p, p]] = 1.0;
    check_correlation(&r)?;
    Ok(r)
}

fn check_correlation(r: &Array2<f64>) -> Result<()> {
    let k = r.nrows();
    if k < 2 {
        return Err(Error::InsufficientData {
            what: "key drivers",
            needed: "at least one driver and the outcome",
            got: format!("{k} columns"),
        });
    }
    for ((i, j), &v) in r.indexed_iter() {
        let ok = v.is_finite()
            && (-1.0 - 1e-9..=1.0 + 1e-9).contains(&v)
            && (r[[j, i]] - v).abs() <= 1e-9
            && (i != j || (v - 1.0).abs() <= 1e-9);
        if !ok {
            return Err(Error::InvalidParameter {
                name: "correlation",
                reason: format!(
                    "entry ({i}, {j}) = {v}: a correlation matrix is symmetric, has a unit \
                     diagonal and entries in [−1, 1]"
                ),
            });
        }
    }
    Ok(())
}

/// Every importance from a correlation matrix with the outcome last.
fn importances(r: &Array2<f64>, with_shapley: bool) -> Result<(f64, Vec<DriverImportance>)> {
    let (rxx, rxy) = split(r);
    let p = rxy.len();
    let chol = rxx
        .clone()
        .cholesky()
        .ok_or_else(|| singular("standardized betas"))?;
    let beta = chol.solve(&rxy);
    let r2 = beta.dot(&rxy);
    let (eps, _) = rw(&rxx, &rxy)?;
    let sh = if with_shapley {
        Some(shapley(&rxx, &rxy)?)
    } else {
        None
    };
    let share = |v: f64| (r2 > 0.0).then(|| 100.0 * v / r2);
    let drivers = (0..p)
        .map(|j| DriverImportance {
            correlation: rxy[j],
            beta: beta[j],
            pratt: (r2 > 0.0).then(|| beta[j] * rxy[j] / r2),
            relative_weight: eps[j],
            relative_weight_pct: share(eps[j]),
            shapley: sh.as_ref().map(|s| s[j]),
            shapley_pct: sh.as_ref().and_then(|s| share(s[j])),
        })
        .collect();
    Ok((r2, drivers))
}

/// Key drivers of the outcome `y` among the columns of `x` (respondents × attribute ratings;
/// NaN = missing): correlations, standardized betas, Pratt, relative weights, Shapley values
/// (LMG) and, with `options.bootstrap` resamples, percentile intervals.
///
/// ```
/// use cxkit::drivers::{key_drivers, DriverOptions};
/// use ndarray::array;
///
/// let x = array![[1.0, 2.0], [2.0, 1.0], [3.0, 4.0], [4.0, 3.0], [5.0, 5.0]];
/// let y = [1.5, 2.0, 3.5, 3.5, 5.0];
/// let k = key_drivers(x.view(), &y, &DriverOptions::default())?;
/// let total: f64 = k.drivers.iter().map(|d| d.relative_weight).sum();
/// assert!((total - k.r2).abs() < 1e-12);
/// let lmg: f64 = k.drivers.iter().map(|d| d.shapley.unwrap()).sum();
/// assert!((lmg - k.r2).abs() < 1e-12);
/// # Ok::<(), cxkit::Error>(())
/// ```
pub fn key_drivers(x: ArrayView2<f64>, y: &[f64], options: &DriverOptions) -> Result<KeyDrivers> {
    check_confidence(options.confidence)?;
    let p = x.ncols();
    if p == 0 {
        return Err(Error::EmptyInput { what: "drivers" });
    }
    let shapley = shapley_for(options, p)?;
    let correlation = |rows: Option<&[usize]>| -> Result<(Array2<f64>, usize)> {
        let c = covariance_of_rows(x, Some(y), options.missing, rows)?;
        let r = c.correlation("driver").map_err(|e| match e {
            Error::ConstantColumn { index, .. } if index == p => Error::ConstantColumn {
                what: "outcome",
                index: 0,
            },
            e => e,
        })?;
        Ok((r, c.rows))
    };
    let (r, n) = correlation(None)?;
    let (r2, drivers) = importances(&r, shapley)?;
    let mut intervals = None;
    let mut r2_interval = None;
    let mut used = 0;
    if options.bootstrap > 0 {
        let replicates: Vec<(f64, Vec<DriverImportance>)> = (0..options.bootstrap)
            .into_par_iter()
            .filter_map(|b| {
                let rows = crate::resample::rows(options.seed, b, x.nrows());
                let (r, _) = correlation(Some(&rows)).ok()?;
                importances(&r, shapley).ok()
            })
            .collect();
        used = replicates.len();
        if used * 2 < options.bootstrap {
            return Err(Error::InsufficientData {
                what: "bootstrap intervals",
                needed: "at least half of the resamples with a usable correlation matrix",
                got: format!("{used} of {}", options.bootstrap),
            });
        }
        let tail = (1.0 - options.confidence) / 2.0;
        let percentiles = |mut v: Vec<f64>| {
            v.sort_unstable_by(f64::total_cmp);
            (
                quantile(&v, tail).expect("resamples"),
                quantile(&v, 1.0 - tail).expect("resamples"),
            )
        };
        let interval = |f: &dyn Fn(&DriverImportance) -> f64, j: usize| {
            percentiles(replicates.iter().map(|(_, d)| f(&d[j])).collect())
        };
        r2_interval = Some(percentiles(replicates.iter().map(|(r2, _)| *r2).collect()));
        intervals = Some(
            (0..p)
                .map(|j| DriverIntervals {
                    correlation: interval(&|d| d.correlation, j),
                    beta: interval(&|d| d.beta, j),
                    relative_weight: interval(&|d| d.relative_weight, j),
                    shapley: shapley.then(|| interval(&|d| d.shapley.unwrap_or(f64::NAN), j)),
                })
                .collect(),
        );
    }
    Ok(KeyDrivers {
        r2,
        n: Some(n),
        drivers,
        intervals,
        bootstrap_used: used,
        r2_interval,
        warnings: weak_fit("the outcome", r2).into_iter().collect(),
    })
}

/// Key drivers from a correlation matrix of the drivers followed by the outcome (last row and
/// column), e.g. one published in a paper. Of the options only `method` and `shapley` apply
/// (no missing data or bootstrap without the data).
///
/// ```
/// use cxkit::drivers::{key_drivers_from_correlation, DriverOptions};
/// use ndarray::array;
///
/// let r = array![[1.0, 0.0, 0.6], [0.0, 1.0, 0.3], [0.6, 0.3, 1.0]];
/// let k = key_drivers_from_correlation(r.view(), &DriverOptions::default())?;
/// assert!((k.r2 - 0.45).abs() < 1e-12);
/// assert!((k.drivers[0].relative_weight_pct.unwrap() - 80.0).abs() < 1e-9);
/// # Ok::<(), cxkit::Error>(())
/// ```
pub fn key_drivers_from_correlation(
    r: ArrayView2<f64>,
    options: &DriverOptions,
) -> Result<KeyDrivers> {
    if r.nrows() != r.ncols() {
        return Err(Error::LengthMismatch {
            what: "columns of the correlation matrix (square)",
            expected: r.nrows(),
            actual: r.ncols(),
        });
    }
    let shapley = shapley_for(options, r.nrows().saturating_sub(1))?;
    let r = r.to_owned();
    check_correlation(&r)?;
    let (r2, drivers) = importances(&r, shapley)?;
    Ok(KeyDrivers {
        r2,
        n: None,
        drivers,
        intervals: None,
        bootstrap_used: 0,
        r2_interval: None,
        warnings: weak_fit("the outcome", r2).into_iter().collect(),
    })
}

/// Whether to compute Shapley values for `p` drivers ([`DriverOptions::computes_shapley`]),
/// refusing more than [`MAX_SHAPLEY_DRIVERS`].
fn shapley_for(options: &DriverOptions, p: usize) -> Result<bool> {
    let shapley = options.computes_shapley(p);
    if shapley && p > MAX_SHAPLEY_DRIVERS {
        return Err(Error::InvalidParameter {
            name: "shapley",
            reason: format!(
                "exact Shapley values need 2^p regressions: at most {MAX_SHAPLEY_DRIVERS} drivers, got {p}; turn them off"
            ),
        });
    }
    Ok(shapley)
}

#[cfg(test)]
mod tests {
    use super::*;
    use ndarray::Array2;

    /// mtcars (R datasets; Henderson & Velleman 1981): mpg, cyl, disp, hp, wt.
    pub(crate) fn mtcars() -> (Array2<f64>, Vec<f64>) {
        let rows: [[f64; 5]; 32] = [
            [21.0, 6., 160.0, 110., 2.620],
            [21.0, 6., 160.0, 110., 2.875],
            [22.8, 4., 108.0, 93., 2.320],
            [21.4, 6., 258.0, 110., 3.215],
            [18.7, 8., 360.0, 175., 3.440],
            [18.1, 6., 225.0, 105., 3.460],
            [14.3, 8., 360.0, 245., 3.570],
            [24.4, 4., 146.7, 62., 3.190],
            [22.8, 4., 140.8, 95., 3.150],
            [19.2, 6., 167.6, 123., 3.440],
            [17.8, 6., 167.6, 123., 3.440],
            [16.4, 8., 275.8, 180., 4.070],
            [17.3, 8., 275.8, 180., 3.730],
            [15.2, 8., 275.8, 180., 3.780],
            [10.4, 8., 472.0, 205., 5.250],
            [10.4, 8., 460.0, 215., 5.424],
            [14.7, 8., 440.0, 230., 5.345],
            [32.4, 4., 78.7, 66., 2.200],
            [30.4, 4., 75.7, 52., 1.615],
            [33.9, 4., 71.1, 65., 1.835],
            [21.5, 4., 120.1, 97., 2.465],
            [15.5, 8., 318.0, 150., 3.520],
            [15.2, 8., 304.0, 150., 3.435],
            [13.3, 8., 350.0, 245., 3.840],
            [19.2, 8., 400.0, 175., 3.845],
            [27.3, 4., 79.0, 66., 1.935],
            [26.0, 4., 120.3, 91., 2.140],
            [30.4, 4., 95.1, 113., 1.513],
            [15.8, 8., 351.0, 264., 3.170],
            [19.7, 6., 145.0, 175., 2.770],
            [15.0, 8., 301.0, 335., 3.570],
            [21.4, 4., 121.0, 109., 2.780],
        ];
        let x = Array2::from_shape_fn((32, 4), |(i, j)| rows[i][j + 1]);
        (x, rows.iter().map(|r| r[0]).collect())
    }

    #[test]
    fn rwa_documented_mtcars_example() {
        // rwa (Martin Chan), vignette "Regression methods": rwa_multiregress(mtcars, "mpg",
        // c("cyl", "disp", "hp", "wt")) → raw weights 0.2096904 0.1883043 0.1799590 0.2706812,
        // rescaled 24.70914 22.18908 21.20570 31.89607, R² 0.8486.
        let (x, y) = mtcars();
        let k = key_drivers(x.view(), &y, &DriverOptions::default()).unwrap();
        let raw = [0.2096904, 0.1883043, 0.1799590, 0.2706812];
        let pct = [24.70914, 22.18908, 21.20570, 31.89607];
        for (j, d) in k.drivers.iter().enumerate() {
            assert!(
                (d.relative_weight - raw[j]).abs() < 5e-8,
                "{j}: {}",
                d.relative_weight
            );
            assert!((d.relative_weight_pct.unwrap() - pct[j]).abs() < 5e-6);
        }
        assert!((k.r2 - 0.8486).abs() < 5e-5);
        assert_eq!(k.n, Some(32));
    }

    #[test]
    fn shapley_equals_the_average_over_orders() {
        // LMG by definition for three drivers: the mean over the 3! orders of each driver's
        // R² gain on entry, with R²(S) from the same subsets.
        let (x, y) = mtcars();
        let x3 = x.slice(ndarray::s![.., ..3]).to_owned();
        let k = key_drivers(x3.view(), &y, &DriverOptions::default()).unwrap();
        let c = covariance_of_rows(x3.view(), Some(&y), MissingData::Listwise, None).unwrap();
        let (rxx, rxy) = split(&c.correlation("driver").unwrap());
        let r2 = |s: usize| subset_r2(&rxx, &rxy, s).unwrap();
        let orders = [
            [0, 1, 2],
            [0, 2, 1],
            [1, 0, 2],
            [1, 2, 0],
            [2, 0, 1],
            [2, 1, 0],
        ];
        for j in 0..3 {
            let mut total = 0.0;
            for order in orders {
                let before: usize = order.iter().take_while(|&&d| d != j).map(|d| 1 << d).sum();
                total += r2(before | 1 << j) - r2(before);
            }
            assert!((k.drivers[j].shapley.unwrap() - total / 6.0).abs() < 1e-12);
        }
        let sum: f64 = k.drivers.iter().map(|d| d.shapley.unwrap()).sum();
        assert!((sum - k.r2).abs() < 1e-12);
        let pratt: f64 = k.drivers.iter().map(|d| d.pratt.unwrap()).sum();
        assert!((pratt - 1.0).abs() < 1e-12);
    }

    #[test]
    fn one_default_for_shapley_and_the_headline_in_every_interface() {
        use crate::names::Named;
        // Issue 20: Python computed Shapley values up to 15 drivers, C always. One rule now:
        // for the Shapley method, or as asked, or up to AUTO_SHAPLEY_DRIVERS drivers.
        let identity = |p: usize| {
            let mut r = Array2::<f64>::eye(p + 1);
            for j in 0..p {
                r[[j, p]] = 0.1;
                r[[p, j]] = 0.1;
            }
            r
        };
        let o = DriverOptions::default();
        let k15 = key_drivers_from_correlation(identity(15).view(), &o).unwrap();
        let k16 = key_drivers_from_correlation(identity(16).view(), &o).unwrap();
        assert!(k15.drivers.iter().all(|d| d.shapley.is_some()));
        assert!(k16.drivers.iter().all(|d| d.shapley.is_none()));
        assert!(k16.headline(DriverMethod::Shapley).is_err());
        let asked = DriverOptions {
            method: DriverMethod::Shapley,
            ..o
        };
        let k = key_drivers_from_correlation(identity(16).view(), &asked).unwrap();
        // Uncorrelated drivers each with r = 0.1: every share of R² is 1/16.
        for h in k.headline(DriverMethod::Shapley).unwrap() {
            assert!((h.share.unwrap() - 100.0 / 16.0).abs() < 1e-9);
            assert!((h.importance - 0.01).abs() < 1e-12);
        }
        // The headline of each method is that method's measure.
        let (x, y) = mtcars();
        let k = key_drivers(x.view(), &y, &o).unwrap();
        for m in DriverMethod::ALL {
            let h = k.headline(m).unwrap();
            for (d, h) in k.drivers.iter().zip(&h) {
                let want = match m {
                    DriverMethod::RelativeWeights => d.relative_weight,
                    DriverMethod::Shapley => d.shapley.unwrap(),
                    DriverMethod::Correlation => d.correlation,
                    DriverMethod::Beta => d.beta,
                    DriverMethod::Pratt => d.pratt.unwrap(),
                };
                assert_eq!(h.importance, want, "{m:?}");
            }
            assert_eq!(DriverMethod::from_name(m.as_str()).unwrap(), m);
        }
    }

    #[test]
    fn bootstrap_is_seeded_and_brackets_the_estimate() {
        let (x, y) = mtcars();
        let o = DriverOptions {
            bootstrap: 200,
            seed: 4,
            ..DriverOptions::default()
        };
        let a = key_drivers(x.view(), &y, &o).unwrap();
        let one = rayon::ThreadPoolBuilder::new()
            .num_threads(1)
            .build()
            .unwrap();
        assert_eq!(a, one.install(|| key_drivers(x.view(), &y, &o).unwrap()));
        let iv = a.intervals.as_ref().unwrap();
        for (d, i) in a.drivers.iter().zip(iv) {
            assert!(
                i.relative_weight.0 <= d.relative_weight
                    && d.relative_weight <= i.relative_weight.1
            );
            assert!(i.correlation.0 < i.correlation.1);
        }
        assert_eq!(a.bootstrap_used, 200);
        // mpg on cyl, disp, hp, wt: R² = 0.849 (lm in R), interval around it, no warning.
        let (lo, hi) = a.r2_interval.unwrap();
        assert!(lo <= a.r2 && a.r2 <= hi && hi <= 1.0, "{lo} {} {hi}", a.r2);
        assert!(a.warnings.is_empty());
    }

    #[test]
    fn an_outcome_the_drivers_barely_explain_is_a_warning() {
        // Uncorrelated drivers with correlations 0.05 and 0.02 with the outcome: R² =
        // 0.05² + 0.02² = 0.0029 (by hand), yet the shares still add to 100 %.
        let r = ndarray::array![[1.0, 0.0, 0.05], [0.0, 1.0, 0.02], [0.05, 0.02, 1.0]];
        let k = key_drivers_from_correlation(r.view(), &DriverOptions::default()).unwrap();
        assert!((k.r2 - 0.0029).abs() < 1e-12);
        let shares: f64 = k.drivers.iter().filter_map(|d| d.relative_weight_pct).sum();
        assert!((shares - 100.0).abs() < 1e-9);
        assert_eq!(k.warnings.len(), 1);
        assert!(
            k.warnings[0].starts_with("R² of the outcome is 0.003, below 0.1"),
            "{:?}",
            k.warnings
        );
        // R² = 0.4² + 0.1² = 0.17: none.
        let r = ndarray::array![[1.0, 0.0, 0.4], [0.0, 1.0, 0.1], [0.4, 0.1, 1.0]];
        let k = key_drivers_from_correlation(r.view(), &DriverOptions::default()).unwrap();
        assert!(k.warnings.is_empty());
    }

    #[test]
    fn bad_input() {
        let (x, y) = mtcars();
        let o = DriverOptions::default();
        // A driver that is another one doubled: singular.
        let mut dup = Array2::zeros((32, 2));
        dup.column_mut(0).assign(&x.column(0));
        dup.column_mut(1).assign(&(&x.column(0) * 2.0));
        assert!(matches!(
            key_drivers(dup.view(), &y, &o),
            Err(Error::SingularMatrix { .. })
        ));
        let flat = vec![3.0; 32];
        assert!(matches!(
            key_drivers(x.view(), &flat, &o),
            Err(Error::ConstantColumn {
                what: "outcome",
                ..
            })
        ));
        assert!(matches!(
            key_drivers(x.view(), &y[..10], &o),
            Err(Error::LengthMismatch { .. })
        ));
        let bad = ndarray::array![[1.0, 0.5, 0.2], [0.4, 1.0, 0.1], [0.2, 0.1, 1.0]];
        assert!(key_drivers_from_correlation(bad.view(), &DriverOptions::default()).is_err());
        let wide = Array2::<f64>::zeros((5, 21));
        assert!(key_drivers(wide.view(), &[1.0, 2.0, 3.0, 4.0, 5.0], &o).is_err());
    }
}
