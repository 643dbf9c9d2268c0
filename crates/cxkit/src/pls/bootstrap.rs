//! Bootstrap inference for a PLS path model: standard errors, t values, p-values and
//! percentile intervals of weights, loadings, paths, total effects and HTMT.

use ndarray::{Array2, ArrayView2};
use rayon::prelude::*;
use serde::{Deserialize, Serialize};

use super::estimate::{estimate, model_data, on_rows, PlsFit, PlsOptions};
use super::model::PlsModel;
use crate::covariance::{covariance, MissingData};
use crate::distribution::t_cdf;
use crate::error::check_confidence;
use crate::quantile::quantile;
use crate::{Error, Result};

/// Options of [`bootstrap`].
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct BootstrapOptions {
    /// Resamples of the respondents (default 5,000).
    pub samples: usize,
    /// Seed of the resamples ([`crate::resample::rows`]; default 0).
    pub seed: u64,
    /// Level of the percentile intervals (default 0.95).
    pub confidence: f64,
}

impl Default for BootstrapOptions {
    fn default() -> Self {
        BootstrapOptions {
            samples: 5_000,
            seed: 0,
            confidence: 0.95,
        }
    }
}

/// One parameter's bootstrap summary.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct BootstrapEstimate {
    /// The estimate on all respondents.
    pub estimate: f64,
    /// Mean over the resamples.
    pub mean: f64,
    /// Standard error: the resamples' standard deviation (n − 1).
    pub se: f64,
    /// estimate / se.
    pub t: f64,
    /// Two-sided p-value of t against Student's t with n − 1 degrees of freedom (n
    /// respondents), as SmartPLS and seminr report it.
    pub p_value: f64,
    /// Lower percentile bound.
    pub ci_low: f64,
    /// Upper percentile bound.
    pub ci_high: f64,
}

/// The bootstrap of a fit; every list follows the fit's order.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PlsBootstrap {
    /// Resamples drawn.
    pub samples: usize,
    /// Resamples whose estimation failed (did not converge, singular) and were left out.
    pub failed: usize,
    /// Interval level.
    pub confidence: f64,
    /// Outer weights, in the order of `PlsFit::outer`.
    pub weights: Vec<BootstrapEstimate>,
    /// Loadings, in the same order.
    pub loadings: Vec<BootstrapEstimate>,
    /// Path coefficients, in the order of `PlsFit::paths`.
    pub paths: Vec<BootstrapEstimate>,
    /// Total effects, in the order of `PlsFit::effects`.
    pub total_effects: Vec<BootstrapEstimate>,
    /// HTMT of each pair of constructs (j < k) where it is defined.
    pub htmt: Vec<((usize, usize), BootstrapEstimate)>,
}

/// What one resample's fit gives, flattened.
struct Draw {
    weights: Vec<f64>,
    loadings: Vec<f64>,
    paths: Vec<f64>,
    total: Vec<f64>,
    htmt: Vec<f64>,
}

fn draw(fit: &PlsFit, pairs: &[(usize, usize)]) -> Draw {
    let htmt = if pairs.is_empty() {
        Vec::new()
    } else {
        let q = fit.quality();
        pairs.iter().map(|&(j, k)| q.htmt[[j, k]]).collect()
    };
    Draw {
        weights: fit.outer.iter().map(|o| o.weight).collect(),
        loadings: fit.outer.iter().map(|o| o.loading).collect(),
        paths: fit.paths.iter().map(|p| p.coefficient).collect(),
        total: fit.effects.iter().map(|e| e.total).collect(),
        htmt,
    }
}

/// Bootstraps a PLS path model on respondents × `columns` data: `samples` resamples of the
/// respondents with replacement ([`crate::resample::rows`], so the same on any thread count),
/// each estimated as [`super::pls_pm`] would, in parallel; per parameter the estimate on all
/// rows, the resamples' mean and standard deviation, t, a two-sided p-value and the percentile
/// interval (type-7 quantiles). Resamples that fail to estimate are counted and left out. No
/// sign correction is applied (the weights start at 1 in every resample). Missing answers are
/// handled once, on all rows, as `options.nan_policy` says: the resamples draw from the
/// complete rows (`Omit`) or the mean-replaced ones (`Mean`).
///
/// # Errors
/// As [`super::pls_pm`] on all rows; [`Error::InvalidParameter`] for 0 samples or a
/// confidence outside (0, 1); [`Error::InsufficientData`] when fewer than half of the
/// resamples estimate.
pub fn bootstrap(
    model: &PlsModel,
    data: ArrayView2<f64>,
    columns: &[String],
    options: &PlsOptions,
    boot: &BootstrapOptions,
) -> Result<PlsBootstrap> {
    if boot.samples == 0 {
        return Err(Error::InvalidParameter {
            name: "samples",
            reason: "a bootstrap needs at least 1 resample".into(),
        });
    }
    check_confidence(boot.confidence)?;
    let (sub, names) = model_data(model, data, columns, options)?;
    let fit = on_rows(model, sub.view(), &names, options)?;
    // Resample the rows the fit used: those complete in the model's columns.
    let complete: Vec<usize> = (0..sub.nrows())
        .filter(|&r| sub.row(r).iter().all(|v| !v.is_nan()))
        .collect();
    let k = names.len();
    let sub = Array2::from_shape_fn((complete.len(), k), |(r, a)| sub[[complete[r], a]]);
    let c = fit.constructs.len();
    let q = fit.quality();
    let pairs: Vec<(usize, usize)> = (0..c)
        .flat_map(|j| (j + 1..c).map(move |k| (j, k)))
        .filter(|&(j, k)| !q.htmt[[j, k]].is_nan())
        .collect();
    let n = sub.nrows();
    let draws: Vec<Draw> = (0..boot.samples)
        .into_par_iter()
        .filter_map(|b| {
            let rows = crate::resample::rows(boot.seed, b, n);
            let x = Array2::from_shape_fn((n, k), |(r, a)| sub[[rows[r], a]]);
            let cov = covariance(x.view(), MissingData::Listwise).ok()?;
            let f = estimate(model, &cov, &names, options).ok()?;
            // A resample may lose a path or effect that is zero in it: keep only comparable ones.
            (f.effects.len() == fit.effects.len()).then(|| draw(&f, &pairs))
        })
        .collect();
    let used_draws = draws.len();
    if used_draws * 2 < boot.samples || used_draws < 2 {
        return Err(Error::InsufficientData {
            what: "PLS bootstrap",
            needed: "at least half of the resamples (and 2) that estimate",
            got: format!("{used_draws} of {}", boot.samples),
        });
    }
    let tail = (1.0 - boot.confidence) / 2.0;
    let df = (n - 1) as f64;
    let summary = |estimate: f64, values: Vec<f64>| -> BootstrapEstimate {
        let m = values.len() as f64;
        let mean = values.iter().sum::<f64>() / m;
        let se = (values.iter().map(|v| (v - mean).powi(2)).sum::<f64>() / (m - 1.0)).sqrt();
        let mut sorted = values;
        sorted.sort_unstable_by(f64::total_cmp);
        let t = if se > 0.0 { estimate / se } else { f64::NAN };
        BootstrapEstimate {
            estimate,
            mean,
            se,
            t,
            p_value: if t.is_nan() {
                f64::NAN
            } else {
                2.0 * (1.0 - t_cdf(t.abs(), df))
            },
            ci_low: quantile(&sorted, tail).expect("resamples"),
            ci_high: quantile(&sorted, 1.0 - tail).expect("resamples"),
        }
    };
    let column = |get: &dyn Fn(&Draw) -> &Vec<f64>, i: usize| -> Vec<f64> {
        draws.iter().map(|d| get(d)[i]).collect()
    };
    let all = draw(&fit, &pairs);
    let summarise = |get: &dyn Fn(&Draw) -> &Vec<f64>| -> Vec<BootstrapEstimate> {
        get(&all)
            .iter()
            .enumerate()
            .map(|(i, &e)| summary(e, column(get, i)))
            .collect()
    };
    Ok(PlsBootstrap {
        samples: boot.samples,
        failed: boot.samples - used_draws,
        confidence: boot.confidence,
        weights: summarise(&|d| &d.weights),
        loadings: summarise(&|d| &d.loadings),
        paths: summarise(&|d| &d.paths),
        total_effects: summarise(&|d| &d.total),
        htmt: pairs.iter().copied().zip(summarise(&|d| &d.htmt)).collect(),
    })
}
