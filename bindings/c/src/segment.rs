//! Segmentation over C arrays: RFM scores with the default segment map, and value tiers.

use cxkit_core::segment::{self as core, RfmBinning, RfmOptions, RfmSegmentMap, TierCuts};
use cxkit_core::Error;

use crate::convert::{matrix, out, slice};
use crate::error::{cx_status, guard, Failure};

/// RFM binning: CX_RFM_INDEPENDENT or CX_RFM_NESTED.
pub type cx_rfm_binning = u32;
/// R, F and M binned over all customers.
pub const CX_RFM_INDEPENDENT: cx_rfm_binning = 0;
/// F binned within R, M within R×F.
pub const CX_RFM_NESTED: cx_rfm_binning = 1;

/// Errors with the first NULL output pointer.
fn outputs<const N: usize>(ptrs: [(*mut u8, &'static str); N]) -> Result<(), Failure> {
    match ptrs.iter().find(|(p, _)| p.is_null()) {
        Some((_, name)) => Err(Failure::Null(name)),
        None => Ok(()),
    }
}

/// RFM scores of `len` customers (recency: time since the last purchase, smaller is better)
/// in `bins` quantile bins that keep ties together; writes r, f and m scores (1..bins) and,
/// when `out_segment` is not NULL, the index of each customer's segment in the default map
/// (0 Champions, 1 Loyal, 2 Potential Loyalist, 3 New, 4 Promising, 5 Need Attention,
/// 6 About To Sleep, 7 Can't Lose Them, 8 At Risk, 9 Lost, 10 Hibernating, 255 other; needs
/// `bins` = 5).
///
/// # Safety
/// Inputs valid for `len` doubles; `out_r`, `out_f`, `out_m` valid for `len` bytes;
/// `out_segment` NULL or valid for `len` bytes.
#[no_mangle]
#[allow(clippy::too_many_arguments)]
pub unsafe extern "C" fn cx_rfm_scores(
    recency: *const f64,
    frequency: *const f64,
    monetary: *const f64,
    len: usize,
    bins: u32,
    binning: cx_rfm_binning,
    out_r: *mut u8,
    out_f: *mut u8,
    out_m: *mut u8,
    out_segment: *mut u8,
) -> cx_status {
    guard("cx_rfm_scores", || {
        // SAFETY: caller contract.
        let (r, f, m) = unsafe {
            (
                slice(recency, len, "recency")?,
                slice(frequency, len, "frequency")?,
                slice(monetary, len, "monetary")?,
            )
        };
        outputs([(out_r, "out_r"), (out_f, "out_f"), (out_m, "out_m")])?;
        let binning = match binning {
            CX_RFM_INDEPENDENT => RfmBinning::Independent,
            CX_RFM_NESTED => RfmBinning::Nested,
            other => {
                return Err(Failure::Core(Error::InvalidParameter {
                    name: "binning",
                    reason: format!("{other} is not one of CX_RFM_INDEPENDENT, CX_RFM_NESTED"),
                }))
            }
        };
        let default_map = RfmSegmentMap::default();
        // Without segments wanted, any bin count goes: a map written for it names nobody.
        let map = if out_segment.is_null() {
            RfmSegmentMap {
                rules: Vec::new(),
                bins,
                ..default_map.clone()
            }
        } else {
            default_map.clone()
        };
        let s = core::rfm_scores(r, f, m, &RfmOptions { bins, binning }, &map)?;
        // SAFETY: non-NULL outputs valid for `len` bytes (caller contract).
        unsafe {
            std::ptr::copy_nonoverlapping(s.r.as_ptr(), out_r, len);
            std::ptr::copy_nonoverlapping(s.f.as_ptr(), out_f, len);
            std::ptr::copy_nonoverlapping(s.m.as_ptr(), out_m, len);
        }
        if !out_segment.is_null() {
            let fallback = default_map.rules.len() as u16;
            for (i, &code) in s.segment.iter().enumerate() {
                let code = if code == fallback { 255 } else { code as u8 };
                // SAFETY: valid for `len` bytes (caller contract).
                unsafe { *out_segment.add(i) = code };
            }
        }
        Ok(())
    })
}

/// Customer-pyramid tiers of `len` customers by value: 0 platinum, 1 gold, 2 iron, 3 lead.
/// `cuts` holds three numbers: the customer shares of platinum, gold and iron when
/// `cuts_are_thresholds` is false (ties share a tier), else their lowest values (decreasing).
///
/// # Safety
/// `value` valid for `len` doubles, `cuts` for 3, `out_tiers` for `len` bytes.
#[no_mangle]
pub unsafe extern "C" fn cx_value_tiers(
    value: *const f64,
    len: usize,
    cuts: *const f64,
    cuts_are_thresholds: bool,
    out_tiers: *mut u8,
) -> cx_status {
    guard("cx_value_tiers", || {
        // SAFETY: caller contract.
        let (v, c) = unsafe { (slice(value, len, "value")?, slice(cuts, 3, "cuts")?) };
        outputs([(out_tiers, "out_tiers")])?;
        let three = [c[0], c[1], c[2]];
        let cuts = if cuts_are_thresholds {
            TierCuts::Thresholds(three)
        } else {
            TierCuts::Shares(three)
        };
        let t = core::value_tiers(v, &cuts)?;
        // SAFETY: valid for `len` bytes (caller contract).
        unsafe { std::ptr::copy_nonoverlapping(t.tier.as_ptr(), out_tiers, len) };
        Ok(())
    })
}

/// Options of cx_kmeans_fit; start from cx_kmeans_options_default(k).
#[repr(C)]
#[derive(Debug, Clone, Copy)]
pub struct cx_kmeans_options {
    /// Number of clusters k (1..=samples).
    pub n_clusters: usize,
    /// Restarts from different k-means++ seeds; the lowest inertia wins (default 1).
    pub n_init: usize,
    /// Most Lloyd iterations per restart (default 300).
    pub max_iter: usize,
    /// Convergence when the squared centre shift is at most tol × the mean feature variance
    /// (default 1e-4).
    pub tol: f64,
    /// Seed of the initialisation (default 0); the result does not depend on thread count.
    pub seed: u64,
    /// Z-score the features first; centres are still written in the data's units.
    pub standardize: bool,
}

/// The default k-means options for `n_clusters` clusters.
#[no_mangle]
pub extern "C" fn cx_kmeans_options_default(n_clusters: usize) -> cx_kmeans_options {
    let d = core::KMeansOptions::new(n_clusters);
    cx_kmeans_options {
        n_clusters: d.n_clusters,
        n_init: d.n_init,
        max_iter: d.max_iter,
        tol: d.tol,
        seed: d.seed,
        standardize: d.standardize,
    }
}

/// What a k-means fit reports besides labels and centres.
#[repr(C)]
#[derive(Debug, Clone, Copy)]
pub struct cx_kmeans_result {
    /// Σ wᵢ‖xᵢ − c(ᵢ)‖² (in the standardised space when standardising).
    pub inertia: f64,
    /// Lloyd iterations of the winning restart.
    pub iterations: u32,
}

/// k-means on `n_samples × n_features` row-major `x` with optional `weights` (NULL for
/// none, else one non-negative weight per sample): greedy k-means++, `n_init` restarts,
/// Lloyd iterations. Writes each sample's cluster to `out_labels` (n_samples values), the
/// centres row-major to `out_centers` (n_clusters × n_features) and, when `out_result` is
/// not NULL, the inertia and iterations. `options` NULL means cx_kmeans_options_default(2).
/// Outputs are written only on success.
///
/// # Safety
/// `x` valid for n_samples × n_features doubles; `weights` NULL or valid for n_samples;
/// `out_labels` for n_samples uint32_t; `out_centers` for n_clusters × n_features doubles;
/// `options` and `out_result` NULL or valid.
#[no_mangle]
pub unsafe extern "C" fn cx_kmeans_fit(
    x: *const f64,
    n_samples: usize,
    n_features: usize,
    weights: *const f64,
    options: *const cx_kmeans_options,
    out_labels: *mut u32,
    out_centers: *mut f64,
    out_result: *mut cx_kmeans_result,
) -> cx_status {
    guard("cx_kmeans_fit", || {
        let x = matrix(x, n_samples, n_features)?;
        // SAFETY: caller contract.
        let weights =
            (!weights.is_null()).then(|| unsafe { std::slice::from_raw_parts(weights, n_samples) });
        // SAFETY: NULL or valid (caller contract).
        let o = unsafe { options.as_ref() }
            .copied()
            .unwrap_or_else(|| cx_kmeans_options_default(2));
        outputs([
            (out_labels.cast(), "out_labels"),
            (out_centers.cast(), "out_centers"),
        ])?;
        let m = core::KMeans::fit(
            x,
            weights,
            &core::KMeansOptions {
                n_clusters: o.n_clusters,
                n_init: o.n_init,
                max_iter: o.max_iter,
                tol: o.tol,
                seed: o.seed,
                standardize: o.standardize,
            },
        )?;
        let centers = m.centers.as_standard_layout();
        let centers = centers.as_slice().expect("standard layout");
        // SAFETY: valid for n_samples labels and k × n_features centres (caller contract).
        unsafe {
            std::ptr::copy_nonoverlapping(m.labels.as_ptr(), out_labels, n_samples);
            std::ptr::copy_nonoverlapping(centers.as_ptr(), out_centers, centers.len());
        }
        // SAFETY: NULL or valid (caller contract).
        if let Some(r) = unsafe { out_result.as_mut() } {
            *r = cx_kmeans_result {
                inertia: m.inertia,
                iterations: m.iterations as u32,
            };
        }
        Ok(())
    })
}

/// Mean silhouette of the clustering `labels` (any values, one per sample) of
/// `n_samples × n_features` row-major `x`, with Euclidean distances; over every sample when
/// `sample_size` is 0 or at least n_samples, else over a random sample of that many drawn
/// with `seed`. Needs 2 ≤ distinct labels ≤ n − 1.
///
/// # Safety
/// `x` valid for n_samples × n_features doubles, `labels` for n_samples values, `out_score`
/// for a write.
#[no_mangle]
pub unsafe extern "C" fn cx_silhouette_score(
    x: *const f64,
    n_samples: usize,
    n_features: usize,
    labels: *const u32,
    sample_size: usize,
    seed: u64,
    out_score: *mut f64,
) -> cx_status {
    guard("cx_silhouette_score", || {
        let x = matrix(x, n_samples, n_features)?;
        // SAFETY: caller contract.
        let (labels, out_score) = unsafe {
            (
                slice(labels, n_samples, "labels")?,
                out(out_score, "out_score")?,
            )
        };
        let options = core::SilhouetteOptions {
            sample_size: (sample_size > 0).then_some(sample_size),
            seed,
        };
        *out_score = core::silhouette_score(x, labels, &options)?;
        Ok(())
    })
}
