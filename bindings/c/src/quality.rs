//! Service quality, reliability and key drivers over row-major C arrays.

use cxkit_core::covariance::MissingData;
use cxkit_core::drivers::{self as drv, DriverMethod, DriverOptions};
use cxkit_core::ipa::{self, Crosshair, Quadrant};
use cxkit_core::quality::{self as q, DimensionWeights, Dimensions, QualityOptions};
use cxkit_core::reliability::{self as rel, AlphaOptions};

use crate::status::{cx_status, guard, matrix, out, slice, Failure};
use crate::survey::{cx_mean, cx_nan_policy, invalid, nan_policy};

/// Missing values in correlations: CX_MISSING_PAIRWISE or CX_MISSING_LISTWISE.
pub type cx_missing = u32;
/// Each covariance over the rows where both columns are present.
pub const CX_MISSING_PAIRWISE: cx_missing = 0;
/// Only rows without any missing value.
pub const CX_MISSING_LISTWISE: cx_missing = 1;

fn missing(v: cx_missing) -> Result<MissingData, Failure> {
    match v {
        CX_MISSING_PAIRWISE => Ok(MissingData::Pairwise),
        CX_MISSING_LISTWISE => Ok(MissingData::Listwise),
        _ => Err(invalid(
            "missing",
            v,
            "CX_MISSING_PAIRWISE, CX_MISSING_LISTWISE",
        )),
    }
}

/// Writes `values` into the caller's array `dst` when it is not NULL.
///
/// # Safety
/// `dst` is NULL or valid for `values.len()` doubles.
unsafe fn write_optional(dst: *mut f64, values: impl ExactSizeIterator<Item = f64>) {
    if !dst.is_null() {
        for (i, v) in values.enumerate() {
            // SAFETY: valid for the iterator's length (caller contract).
            unsafe { *dst.add(i) = v };
        }
    }
}

/// Cronbach's alpha with Feldt's interval.
#[repr(C)]
#[derive(Debug, Clone, Copy)]
pub struct cx_alpha_result {
    /// Cronbach's alpha.
    pub alpha: f64,
    /// Lower bound of Feldt's interval.
    pub ci_low: f64,
    /// Upper bound of Feldt's interval.
    pub ci_high: f64,
    /// Alpha from the mean inter-item correlation.
    pub standardized_alpha: f64,
    /// Mean correlation between distinct items.
    pub mean_inter_item_r: f64,
    /// Respondents behind the interval.
    pub n: u64,
    /// Items.
    pub k: u64,
}

/// Cronbach's alpha of `n_items` columns of `n_rows` × `n_items` row-major `items` (NaN =
/// missing, handled by `missing`), with Feldt's interval at `confidence`. When not NULL,
/// `out_item_total_r` and `out_alpha_if_deleted` (n_items each) receive the corrected
/// item-total correlations and alpha without each item (NaN with two items).
///
/// # Safety
/// `items` valid for n_rows × n_items doubles; `out` valid; the optional outputs NULL or
/// valid for n_items doubles.
#[no_mangle]
#[allow(clippy::too_many_arguments)]
pub unsafe extern "C" fn cx_cronbach_alpha(
    items: *const f64,
    n_rows: usize,
    n_items: usize,
    missing_data: cx_missing,
    confidence: f64,
    out_result: *mut cx_alpha_result,
    out_item_total_r: *mut f64,
    out_alpha_if_deleted: *mut f64,
) -> cx_status {
    guard("cx_cronbach_alpha", || {
        let x = matrix(items, n_rows, n_items)?;
        // SAFETY: caller contract.
        let r = unsafe { out(out_result, "out_result") }?;
        let o = AlphaOptions {
            missing: missing(missing_data)?,
            confidence,
        };
        let a = rel::cronbach_alpha(x, &o)?;
        *r = cx_alpha_result {
            alpha: a.alpha,
            ci_low: a.ci_low,
            ci_high: a.ci_high,
            standardized_alpha: a.standardized_alpha,
            mean_inter_item_r: a.mean_inter_item_r,
            n: a.n as u64,
            k: a.k as u64,
        };
        // SAFETY: NULL or valid for n_items doubles (caller contract).
        unsafe {
            write_optional(out_item_total_r, a.items.iter().map(|i| i.item_total_r));
            write_optional(
                out_alpha_if_deleted,
                a.items
                    .iter()
                    .map(|i| i.alpha_if_deleted.unwrap_or(f64::NAN)),
            );
        }
        Ok(())
    })
}

/// The headline importance of a key-driver analysis (`importance` and `share` of
/// cx_driver_importance): CX_DRIVER_RELATIVE_WEIGHTS (the default), CX_DRIVER_SHAPLEY,
/// CX_DRIVER_CORRELATION, CX_DRIVER_BETA or CX_DRIVER_PRATT.
pub type cx_driver_method = u8;
/// Johnson's relative weights.
pub const CX_DRIVER_RELATIVE_WEIGHTS: cx_driver_method = 0;
/// Exact Shapley values of R² (LMG).
pub const CX_DRIVER_SHAPLEY: cx_driver_method = 1;
/// Correlations with the outcome.
pub const CX_DRIVER_CORRELATION: cx_driver_method = 2;
/// Standardized betas.
pub const CX_DRIVER_BETA: cx_driver_method = 3;
/// Pratt's measure.
pub const CX_DRIVER_PRATT: cx_driver_method = 4;

/// Whether Shapley values are computed: CX_SHAPLEY_AUTO (the default: for the Shapley method
/// or up to 15 drivers), CX_SHAPLEY_OFF or CX_SHAPLEY_ON (at most 20 drivers).
pub type cx_shapley = i8;
/// For the Shapley method, or up to 15 drivers.
pub const CX_SHAPLEY_AUTO: cx_shapley = -1;
/// Not computed (unless the method is Shapley).
pub const CX_SHAPLEY_OFF: cx_shapley = 0;
/// Computed.
pub const CX_SHAPLEY_ON: cx_shapley = 1;

/// The core's method of a C code (the codes follow the core's `DriverMethod::ALL`).
fn driver_method(v: cx_driver_method) -> Result<DriverMethod, Failure> {
    DriverMethod::ALL.get(usize::from(v)).copied().ok_or_else(|| {
        invalid(
            "method",
            u32::from(v),
            "CX_DRIVER_RELATIVE_WEIGHTS, CX_DRIVER_SHAPLEY, CX_DRIVER_CORRELATION, CX_DRIVER_BETA, CX_DRIVER_PRATT",
        )
    })
}

/// The core's `shapley` option of a C code.
fn shapley(v: cx_shapley) -> Result<Option<bool>, Failure> {
    match v {
        CX_SHAPLEY_AUTO => Ok(None),
        CX_SHAPLEY_OFF => Ok(Some(false)),
        CX_SHAPLEY_ON => Ok(Some(true)),
        _ => Err(Failure::Core(cxkit_core::Error::InvalidParameter {
            name: "shapley",
            reason: format!("{v} is not one of CX_SHAPLEY_AUTO, CX_SHAPLEY_OFF, CX_SHAPLEY_ON"),
        })),
    }
}

/// The core's options of C options (NULL: the defaults).
fn driver_options(o: Option<&cx_driver_options>) -> Result<DriverOptions, Failure> {
    let o = o.copied().unwrap_or_else(|| cx_driver_options_default());
    Ok(DriverOptions {
        missing: missing(o.missing)?,
        method: driver_method(o.method)?,
        shapley: shapley(o.shapley)?,
        bootstrap: o.bootstrap as usize,
        confidence: o.confidence,
        seed: o.seed,
    })
}

/// Options of cx_key_drivers; start from cx_driver_options_default().
#[repr(C)]
#[derive(Debug, Clone, Copy)]
pub struct cx_driver_options {
    /// Missing values (default CX_MISSING_LISTWISE).
    pub missing: cx_missing,
    /// The headline importance (default CX_DRIVER_RELATIVE_WEIGHTS).
    pub method: cx_driver_method,
    /// Exact Shapley values (default CX_SHAPLEY_AUTO).
    pub shapley: cx_shapley,
    /// Bootstrap resamples for intervals (default 0: none).
    pub bootstrap: u32,
    /// Confidence level of the bootstrap intervals (default 0.95).
    pub confidence: f64,
    /// Seed of the bootstrap (default 0).
    pub seed: u64,
}

/// The default key-driver options.
#[no_mangle]
pub extern "C" fn cx_driver_options_default() -> cx_driver_options {
    let d = DriverOptions::default();
    let method = DriverMethod::ALL
        .iter()
        .position(|m| *m == d.method)
        .expect("a method of ALL");
    cx_driver_options {
        missing: match d.missing {
            MissingData::Pairwise => CX_MISSING_PAIRWISE,
            MissingData::Listwise => CX_MISSING_LISTWISE,
        },
        method: method as cx_driver_method,
        shapley: match d.shapley {
            None => CX_SHAPLEY_AUTO,
            Some(false) => CX_SHAPLEY_OFF,
            Some(true) => CX_SHAPLEY_ON,
        },
        bootstrap: d.bootstrap as u32,
        confidence: d.confidence,
        seed: d.seed,
    }
}

/// One driver's importances. Undefined values (Pratt and percentages when R² = 0, Shapley
/// values when not computed, intervals without a bootstrap) are NaN.
#[repr(C)]
#[derive(Debug, Clone, Copy)]
pub struct cx_driver_importance {
    /// The importance by the options' method (the headline).
    pub importance: f64,
    /// Its share of R² in percent (NaN for correlations and betas, or when R² = 0).
    pub share: f64,
    /// Correlation with the outcome.
    pub correlation: f64,
    /// Standardized regression coefficient.
    pub beta: f64,
    /// Pratt's measure β·r/R².
    pub pratt: f64,
    /// Johnson's relative weight (sums to R²).
    pub relative_weight: f64,
    /// Relative weight as a percentage of R².
    pub relative_weight_pct: f64,
    /// Shapley value of R² (LMG).
    pub shapley: f64,
    /// Shapley value as a percentage of R².
    pub shapley_pct: f64,
    /// Bootstrap interval of the relative weight: lower bound.
    pub relative_weight_ci_low: f64,
    /// Bootstrap interval of the relative weight: upper bound.
    pub relative_weight_ci_high: f64,
}

/// Writes R² and the drivers into the caller's outputs, the headline by `method`.
fn write_drivers(
    k: &drv::KeyDrivers,
    method: DriverMethod,
    out_r2: &mut f64,
    out_drivers: *mut cx_driver_importance,
) -> Result<(), Failure> {
    *out_r2 = k.r2;
    let nan = f64::NAN;
    let headline = k.headline(method)?;
    for (j, (d, h)) in k.drivers.iter().zip(&headline).enumerate() {
        let iv = k.intervals.as_ref().map(|v| v[j].relative_weight);
        let v = cx_driver_importance {
            importance: h.importance,
            share: h.share.unwrap_or(nan),
            correlation: d.correlation,
            beta: d.beta,
            pratt: d.pratt.unwrap_or(nan),
            relative_weight: d.relative_weight,
            relative_weight_pct: d.relative_weight_pct.unwrap_or(nan),
            shapley: d.shapley.unwrap_or(nan),
            shapley_pct: d.shapley_pct.unwrap_or(nan),
            relative_weight_ci_low: iv.map_or(nan, |c| c.0),
            relative_weight_ci_high: iv.map_or(nan, |c| c.1),
        };
        // SAFETY: valid for one entry per driver (the entry points' contract).
        unsafe { *out_drivers.add(j) = v };
    }
    Ok(())
}

/// Key drivers of `y` (n_rows values) among the n_drivers columns of row-major `x` (NaN =
/// missing): correlations, standardized betas, Pratt, relative weights, Shapley values and,
/// with a bootstrap, relative-weight intervals. `options` NULL means the defaults.
///
/// # Safety
/// `x` valid for n_rows × n_drivers doubles, `y` for n_rows, `out_r2` for a double,
/// `out_drivers` for n_drivers entries; `options` NULL or valid.
#[no_mangle]
pub unsafe extern "C" fn cx_key_drivers(
    x: *const f64,
    n_rows: usize,
    n_drivers: usize,
    y: *const f64,
    options: *const cx_driver_options,
    out_r2: *mut f64,
    out_drivers: *mut cx_driver_importance,
) -> cx_status {
    guard("cx_key_drivers", || {
        let x = matrix(x, n_rows, n_drivers)?;
        // SAFETY: caller contract.
        let (y, r2) = unsafe { (slice(y, n_rows, "y")?, out(out_r2, "out_r2")?) };
        if out_drivers.is_null() {
            return Err(Failure::Null("out_drivers"));
        }
        // SAFETY: NULL or valid (caller contract).
        let o = driver_options(unsafe { options.as_ref() })?;
        let k = drv::key_drivers(x, y, &o)?;
        write_drivers(&k, o.method, r2, out_drivers)
    })
}

/// Key drivers from a `size` × `size` row-major correlation matrix of the drivers followed
/// by the outcome (last row and column); writes R² and size − 1 drivers. Of `options`
/// (NULL: the defaults) the method and shapley apply.
///
/// # Safety
/// `correlation` valid for size × size doubles, `options` NULL or valid, `out_r2` for a
/// double, `out_drivers` for size − 1 entries.
#[no_mangle]
pub unsafe extern "C" fn cx_key_drivers_from_correlation(
    correlation: *const f64,
    size: usize,
    options: *const cx_driver_options,
    out_r2: *mut f64,
    out_drivers: *mut cx_driver_importance,
) -> cx_status {
    guard("cx_key_drivers_from_correlation", || {
        let r = matrix(correlation, size, size)?;
        // SAFETY: caller contract.
        let r2 = unsafe { out(out_r2, "out_r2") }?;
        if out_drivers.is_null() {
            return Err(Failure::Null("out_drivers"));
        }
        // SAFETY: NULL or valid (caller contract).
        let o = driver_options(unsafe { options.as_ref() })?;
        let k = drv::key_drivers_from_correlation(r, &o)?;
        write_drivers(&k, o.method, r2, out_drivers)
    })
}

/// Where the IPA crosshairs go: CX_CROSSHAIR_MEAN, CX_CROSSHAIR_MEDIAN or CX_CROSSHAIR_AT.
pub type cx_crosshair = u32;
/// At the means of importance and performance.
pub const CX_CROSSHAIR_MEAN: cx_crosshair = 0;
/// At the medians.
pub const CX_CROSSHAIR_MEDIAN: cx_crosshair = 1;
/// At the given cuts.
pub const CX_CROSSHAIR_AT: cx_crosshair = 2;

/// Importance–performance quadrant codes.
pub type cx_quadrant = u8;
/// Important, performing below the cut.
pub const CX_CONCENTRATE_HERE: cx_quadrant = 0;
/// Important, performing well.
pub const CX_KEEP_UP_THE_GOOD_WORK: cx_quadrant = 1;
/// Less important, performing below the cut.
pub const CX_LOW_PRIORITY: cx_quadrant = 2;
/// Less important, performing well.
pub const CX_POSSIBLE_OVERKILL: cx_quadrant = 3;

/// Importance–performance analysis of `len` attributes: the quadrant of each into
/// `out_quadrants`; the cuts used into `out_cuts` (importance, performance) when not NULL.
/// `importance_cut` and `performance_cut` are read only with CX_CROSSHAIR_AT.
///
/// # Safety
/// `importance` and `performance` valid for `len` doubles, `out_quadrants` for `len` bytes,
/// `out_cuts` NULL or valid for 2 doubles.
#[no_mangle]
#[allow(clippy::too_many_arguments)]
pub unsafe extern "C" fn cx_ipa(
    importance: *const f64,
    performance: *const f64,
    len: usize,
    crosshair: cx_crosshair,
    importance_cut: f64,
    performance_cut: f64,
    out_quadrants: *mut cx_quadrant,
    out_cuts: *mut f64,
) -> cx_status {
    guard("cx_ipa", || {
        // SAFETY: caller contract.
        let (i, p) = unsafe {
            (
                slice(importance, len, "importance")?,
                slice(performance, len, "performance")?,
            )
        };
        if out_quadrants.is_null() {
            return Err(Failure::Null("out_quadrants"));
        }
        let cross = match crosshair {
            CX_CROSSHAIR_MEAN => Crosshair::Mean,
            CX_CROSSHAIR_MEDIAN => Crosshair::Median,
            CX_CROSSHAIR_AT => Crosshair::At {
                importance: importance_cut,
                performance: performance_cut,
            },
            other => {
                return Err(invalid(
                    "crosshair",
                    other,
                    "CX_CROSSHAIR_MEAN, CX_CROSSHAIR_MEDIAN, CX_CROSSHAIR_AT",
                ))
            }
        };
        let r = ipa::ipa(i, p, cross)?;
        for (k, quad) in r.quadrants.iter().enumerate() {
            let code = match quad {
                Quadrant::ConcentrateHere => CX_CONCENTRATE_HERE,
                Quadrant::KeepUpTheGoodWork => CX_KEEP_UP_THE_GOOD_WORK,
                Quadrant::LowPriority => CX_LOW_PRIORITY,
                Quadrant::PossibleOverkill => CX_POSSIBLE_OVERKILL,
            };
            // SAFETY: valid for `len` bytes (caller contract).
            unsafe { *out_quadrants.add(k) = code };
        }
        // SAFETY: NULL or valid for 2 doubles.
        unsafe { write_optional(out_cuts, [r.importance_cut, r.performance_cut].into_iter()) };
        Ok(())
    })
}

/// Service-quality settings shared by cx_servqual, cx_servperf and cx_zone_of_tolerance.
#[repr(C)]
#[derive(Debug, Clone, Copy)]
pub struct cx_quality_options {
    /// Dimension (0-based) of each item, n_items values; NULL for the 22-item SERVQUAL
    /// (tangibles 1–4, reliability 5–9, responsiveness 10–13, assurance 14–17, empathy 18–22).
    pub dimension_of_item: *const u32,
    /// Number of dimensions (ignored with the default map).
    pub n_dimensions: usize,
    /// Lowest rating (default 1).
    pub scale_min: f64,
    /// Highest rating (default 7).
    pub scale_max: f64,
    /// Missing ratings (NaN): CX_NAN_RAISE (default) or CX_NAN_OMIT.
    pub nan_policy: cx_nan_policy,
    /// Confidence level of the t-intervals (default 0.95).
    pub confidence: f64,
}

/// The default service-quality options: the 22-item SERVQUAL on a 1–7 scale.
#[no_mangle]
pub extern "C" fn cx_quality_options_default() -> cx_quality_options {
    // The core's defaults, not a copy of them.
    let d = QualityOptions::default();
    cx_quality_options {
        dimension_of_item: std::ptr::null(),
        n_dimensions: d.dimensions.names.len(),
        scale_min: d.scale.0,
        scale_max: d.scale.1,
        nan_policy: crate::survey::nan_policy_code(d.nan_policy),
        confidence: d.confidence,
    }
}

/// The core options from the C options (NULL: the defaults).
///
/// # Safety
/// `options` NULL or valid, its `dimension_of_item` NULL or valid for `n_items` values.
unsafe fn quality_options(
    options: *const cx_quality_options,
    n_items: usize,
) -> Result<QualityOptions, Failure> {
    // SAFETY: caller contract.
    let o = unsafe { options.as_ref() }
        .copied()
        .unwrap_or_else(|| cx_quality_options_default());
    let dimensions = if o.dimension_of_item.is_null() {
        Dimensions::servqual()
    } else {
        // SAFETY: valid for n_items values (caller contract).
        let map = unsafe { slice(o.dimension_of_item, n_items, "dimension_of_item") }?;
        Dimensions {
            names: (0..o.n_dimensions)
                .map(|d| format!("dimension {d}"))
                .collect(),
            of_item: map.iter().map(|&d| d as usize).collect(),
        }
    };
    Ok(QualityOptions {
        dimensions,
        scale: (o.scale_min, o.scale_max),
        reversed: Vec::new(),
        nan_policy: nan_policy(o.nan_policy)?,
        confidence: o.confidence,
    })
}

/// SERVQUAL gaps (perception − expectation) of n_rows × n_items row-major `perceptions` and
/// `expectations`: the overall score into `out_overall`, the weighted score into
/// `out_weighted` when `dimension_points` (n_dimensions points summing to 100) and
/// `out_weighted` are given, and the mean gap per item and per dimension into the optional
/// arrays. `options` NULL means cx_quality_options_default().
///
/// # Safety
/// The ratings valid for n_rows × n_items doubles; `out_overall` valid; the other pointers
/// NULL or valid for their documented lengths.
#[no_mangle]
#[allow(clippy::too_many_arguments)]
pub unsafe extern "C" fn cx_servqual(
    perceptions: *const f64,
    expectations: *const f64,
    n_rows: usize,
    n_items: usize,
    options: *const cx_quality_options,
    dimension_points: *const f64,
    out_overall: *mut cx_mean,
    out_weighted: *mut cx_mean,
    out_item_gaps: *mut f64,
    out_dimension_gaps: *mut f64,
) -> cx_status {
    guard("cx_servqual", || {
        let p = matrix(perceptions, n_rows, n_items)?;
        let e = matrix(expectations, n_rows, n_items)?;
        // SAFETY: caller contract.
        let (o, overall) = unsafe {
            (
                quality_options(options, n_items)?,
                out(out_overall, "out_overall")?,
            )
        };
        let n_dims = o.dimensions.names.len();
        let weights = if dimension_points.is_null() {
            None
        } else {
            // SAFETY: valid for n_dimensions doubles (caller contract).
            let w = unsafe { slice(dimension_points, n_dims, "dimension_points") }?;
            Some(DimensionWeights::Overall(w.to_vec()))
        };
        let s = q::servqual(p, e, weights.as_ref(), &o)?;
        *overall = s.overall.into();
        if let (Some(w), false) = (s.weighted, out_weighted.is_null()) {
            // SAFETY: non-NULL and valid (caller contract).
            unsafe { *out_weighted = w.into() };
        }
        // SAFETY: NULL or valid for their lengths (caller contract).
        unsafe {
            write_optional(out_item_gaps, s.items.iter().map(|i| i.gap.estimate));
            write_optional(
                out_dimension_gaps,
                s.dimensions.iter().map(|d| d.score.estimate),
            );
        }
        Ok(())
    })
}

/// SERVPERF: the perceptions alone (n_rows × n_items, row-major): the overall score into
/// `out_overall` and the mean per item and per dimension into the optional arrays.
/// `options` NULL means cx_quality_options_default().
///
/// # Safety
/// `perceptions` valid for n_rows × n_items doubles; `out_overall` valid; the arrays NULL or
/// valid for n_items and one per dimension.
#[no_mangle]
pub unsafe extern "C" fn cx_servperf(
    perceptions: *const f64,
    n_rows: usize,
    n_items: usize,
    options: *const cx_quality_options,
    out_overall: *mut cx_mean,
    out_item_scores: *mut f64,
    out_dimension_scores: *mut f64,
) -> cx_status {
    guard("cx_servperf", || {
        let p = matrix(perceptions, n_rows, n_items)?;
        // SAFETY: caller contract.
        let (o, overall) = unsafe {
            (
                quality_options(options, n_items)?,
                out(out_overall, "out_overall")?,
            )
        };
        let s = q::servperf(p, &o)?;
        *overall = s.overall.into();
        // SAFETY: NULL or valid for their lengths (caller contract).
        unsafe {
            write_optional(out_item_scores, s.items.iter().map(|m| m.estimate));
            write_optional(
                out_dimension_scores,
                s.dimensions.iter().map(|d| d.score.estimate),
            );
        }
        Ok(())
    })
}

/// One item's or dimension's zone of tolerance.
#[repr(C)]
#[derive(Debug, Clone, Copy)]
pub struct cx_zone {
    /// Mean perceived service.
    pub perceived: f64,
    /// Mean adequate service.
    pub adequate: f64,
    /// Mean desired service.
    pub desired: f64,
    /// Perceived − adequate.
    pub msa: f64,
    /// Perceived − desired.
    pub mss: f64,
    /// −1 below the zone, 0 within, 1 above.
    pub position: i32,
    /// Share of respondents below their own zone.
    pub share_below: f64,
    /// Share within.
    pub share_within: f64,
    /// Share above.
    pub share_above: f64,
    /// Respondents with all three ratings.
    pub n: u64,
}

impl From<&q::ZoneScore> for cx_zone {
    fn from(z: &q::ZoneScore) -> Self {
        cx_zone {
            perceived: z.perceived,
            adequate: z.adequate,
            desired: z.desired,
            msa: z.msa,
            mss: z.mss,
            position: match z.position {
                q::ZonePosition::Below => -1,
                q::ZonePosition::Within => 0,
                q::ZonePosition::Above => 1,
            },
            share_below: z.share_below,
            share_within: z.share_within,
            share_above: z.share_above,
            n: z.n as u64,
        }
    }
}

/// Zones of tolerance of n_rows × n_items row-major `perceived`, `adequate` and `desired`
/// ratings: one cx_zone per item into `out_items`, and per dimension into `out_dimensions`
/// when not NULL. `options` NULL means cx_quality_options_default().
///
/// # Safety
/// The ratings valid for n_rows × n_items doubles, `out_items` for n_items entries,
/// `out_dimensions` NULL or valid for one entry per dimension.
#[no_mangle]
#[allow(clippy::too_many_arguments)]
pub unsafe extern "C" fn cx_zone_of_tolerance(
    perceived: *const f64,
    adequate: *const f64,
    desired: *const f64,
    n_rows: usize,
    n_items: usize,
    options: *const cx_quality_options,
    out_items: *mut cx_zone,
    out_dimensions: *mut cx_zone,
) -> cx_status {
    guard("cx_zone_of_tolerance", || {
        let p = matrix(perceived, n_rows, n_items)?;
        let a = matrix(adequate, n_rows, n_items)?;
        let d = matrix(desired, n_rows, n_items)?;
        if out_items.is_null() {
            return Err(Failure::Null("out_items"));
        }
        // SAFETY: caller contract.
        let o = unsafe { quality_options(options, n_items) }?;
        let z = q::zone_of_tolerance(p, a, d, &o)?;
        for (i, item) in z.items.iter().enumerate() {
            // SAFETY: valid for n_items entries (caller contract).
            unsafe { *out_items.add(i) = item.into() };
        }
        if !out_dimensions.is_null() {
            for (i, dim) in z.dimensions.iter().enumerate() {
                // SAFETY: valid for one entry per dimension (caller contract).
                unsafe { *out_dimensions.add(i) = dim.into() };
            }
        }
        Ok(())
    })
}
