//! Key drivers over C arrays: relative weights, Shapley (LMG), correlation, beta and Pratt
//! importances from rows or a correlation matrix.

use cxkit_core::covariance::MissingData;
use cxkit_core::drivers::{self as drv, DriverMethod, DriverOptions};

use crate::convert::{matrix, out, slice};
use crate::covariance::{cx_missing, missing, CX_MISSING_LISTWISE, CX_MISSING_PAIRWISE};
use crate::error::{cx_status, guard, invalid, Failure};

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

/// R² below which a fit explains almost nothing (the core's `drivers::WEAK_R2`): key drivers
/// and PLS results then carry a warning (`weak` of cx_driver_fit, cx_pls_result_warnings).
pub const CX_WEAK_R2: f64 = 0.1;
const _: () = assert!(CX_WEAK_R2 == drv::WEAK_R2, "CX_WEAK_R2 follows the core");

/// How much of the outcome the drivers explain together.
#[repr(C)]
#[derive(Debug, Clone, Copy)]
pub struct cx_driver_fit {
    /// R² of the outcome on all the drivers.
    pub r2: f64,
    /// Bootstrap percentile interval of R² (NaN without a bootstrap): lower bound.
    pub r2_ci_low: f64,
    /// Upper bound.
    pub r2_ci_high: f64,
    /// R² is below CX_WEAK_R2: the shares still add to 100 % but divide almost nothing, so
    /// they may rank noise (the core's warning).
    pub weak: bool,
}

/// Writes the fit and the drivers into the caller's outputs, the headline by `method`.
fn write_drivers(
    k: &drv::KeyDrivers,
    method: DriverMethod,
    out_fit: &mut cx_driver_fit,
    out_drivers: *mut cx_driver_importance,
) -> Result<(), Failure> {
    let nan = f64::NAN;
    *out_fit = cx_driver_fit {
        r2: k.r2,
        r2_ci_low: k.r2_interval.map_or(nan, |c| c.0),
        r2_ci_high: k.r2_interval.map_or(nan, |c| c.1),
        weak: !k.warnings.is_empty(),
    };
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
/// missing): the fit (R², with a bootstrap its interval, and whether it is weak), then per
/// driver correlations, standardized betas, Pratt, relative weights, Shapley values and,
/// with a bootstrap, relative-weight intervals. `options` NULL means the defaults.
///
/// # Safety
/// `x` valid for n_rows × n_drivers doubles, `y` for n_rows, `out_fit` for one entry,
/// `out_drivers` for n_drivers entries; `options` NULL or valid.
#[no_mangle]
pub unsafe extern "C" fn cx_key_drivers(
    x: *const f64,
    n_rows: usize,
    n_drivers: usize,
    y: *const f64,
    options: *const cx_driver_options,
    out_fit: *mut cx_driver_fit,
    out_drivers: *mut cx_driver_importance,
) -> cx_status {
    guard("cx_key_drivers", || {
        let x = matrix(x, n_rows, n_drivers)?;
        // SAFETY: caller contract.
        let (y, fit) = unsafe { (slice(y, n_rows, "y")?, out(out_fit, "out_fit")?) };
        if out_drivers.is_null() {
            return Err(Failure::Null("out_drivers"));
        }
        // SAFETY: NULL or valid (caller contract).
        let o = driver_options(unsafe { options.as_ref() })?;
        let k = drv::key_drivers(x, y, &o)?;
        write_drivers(&k, o.method, fit, out_drivers)
    })
}

/// Key drivers from a `size` × `size` row-major correlation matrix of the drivers followed
/// by the outcome (last row and column); writes the fit (no interval: that needs rows) and
/// size − 1 drivers. Of `options` (NULL: the defaults) the method and shapley apply.
///
/// # Safety
/// `correlation` valid for size × size doubles, `options` NULL or valid, `out_fit` for one
/// entry, `out_drivers` for size − 1 entries.
#[no_mangle]
pub unsafe extern "C" fn cx_key_drivers_from_correlation(
    correlation: *const f64,
    size: usize,
    options: *const cx_driver_options,
    out_fit: *mut cx_driver_fit,
    out_drivers: *mut cx_driver_importance,
) -> cx_status {
    guard("cx_key_drivers_from_correlation", || {
        let r = matrix(correlation, size, size)?;
        // SAFETY: caller contract.
        let fit = unsafe { out(out_fit, "out_fit") }?;
        if out_drivers.is_null() {
            return Err(Failure::Null("out_drivers"));
        }
        // SAFETY: NULL or valid (caller contract).
        let o = driver_options(unsafe { options.as_ref() })?;
        let k = drv::key_drivers_from_correlation(r, &o)?;
        write_drivers(&k, o.method, fit, out_drivers)
    })
}
