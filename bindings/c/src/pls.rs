//! PLS path modelling over C: a model handle from a JSON or TOML text, estimation on a
//! row-major matrix with named columns, results read through a result handle.

use std::ffi::c_char;

use cxkit_core::pls::{
    self as core, BootstrapEstimate, BootstrapOptions, InnerScheme, MissingValues, PlsModel,
    PlsOptions,
};

use crate::convert::{arg, copy_text, fill, matrix, out, strings, utf8};
use crate::error::{cx_status, guard, invalid, Failure};
use crate::survey::{cx_nan_policy, CX_NAN_OMIT, CX_NAN_RAISE};

/// A PLS path model. Opaque: make one with cx_pls_model_from_json or cx_pls_model_from_toml,
/// release it with cx_pls_model_free.
pub struct cx_pls_model {
    inner: PlsModel,
}

/// An estimated PLS path model. Opaque: made by cx_pls_estimate, read with the
/// cx_pls_result_* functions, released with cx_pls_result_free.
pub struct cx_pls_result {
    inner: core::PlsFit,
}

/// A bootstrap of a PLS path model. Opaque: made by cx_pls_bootstrap, read with the
/// cx_pls_bootstrap_result_* functions, released with cx_pls_bootstrap_result_free.
pub struct cx_pls_bootstrap_result {
    inner: core::PlsBootstrap,
}

/// The inner weighting scheme: CX_PLS_PATH (default), CX_PLS_FACTORIAL or CX_PLS_CENTROID.
pub type cx_pls_scheme = u32;
/// Regression weights from predecessors, correlations to successors.
pub const CX_PLS_PATH: cx_pls_scheme = 0;
/// Correlations with every neighbour.
pub const CX_PLS_FACTORIAL: cx_pls_scheme = 1;
/// Signs of the correlations with every neighbour.
pub const CX_PLS_CENTROID: cx_pls_scheme = 2;

/// Missing answers are replaced by their column's mean (cx_pls_estimate only; the other
/// functions take CX_NAN_RAISE or CX_NAN_OMIT).
pub const CX_NAN_MEAN: cx_nan_policy = 2;

/// Options of cx_pls_estimate; start from cx_pls_options_default().
#[repr(C)]
#[derive(Debug, Clone, Copy)]
pub struct cx_pls_options {
    /// Inner weighting scheme.
    pub scheme: cx_pls_scheme,
    /// Stop when no outer weight changes by more than this.
    pub tolerance: f64,
    /// Iterations before CX_DID_NOT_CONVERGE.
    pub max_iterations: usize,
    /// Missing values (NaN): CX_NAN_RAISE (an error), CX_NAN_OMIT (listwise deletion) or
    /// CX_NAN_MEAN (mean replacement).
    pub nan_policy: cx_nan_policy,
}

/// The default options (the core's): path scheme, tolerance 1e-10, 300 iterations, NaN raises.
#[no_mangle]
pub extern "C" fn cx_pls_options_default() -> cx_pls_options {
    let o = PlsOptions::default();
    cx_pls_options {
        scheme: match o.scheme {
            InnerScheme::Path => CX_PLS_PATH,
            InnerScheme::Factorial => CX_PLS_FACTORIAL,
            InnerScheme::Centroid => CX_PLS_CENTROID,
        },
        tolerance: o.tolerance,
        max_iterations: o.max_iterations,
        nan_policy: match o.nan_policy {
            MissingValues::Raise => CX_NAN_RAISE,
            MissingValues::Omit => CX_NAN_OMIT,
            MissingValues::Mean => CX_NAN_MEAN,
        },
    }
}

fn resolve(o: Option<&cx_pls_options>) -> Result<PlsOptions, Failure> {
    let Some(o) = o else {
        return Ok(PlsOptions::default());
    };
    Ok(PlsOptions {
        scheme: match o.scheme {
            CX_PLS_PATH => InnerScheme::Path,
            CX_PLS_FACTORIAL => InnerScheme::Factorial,
            CX_PLS_CENTROID => InnerScheme::Centroid,
            v => {
                return Err(invalid(
                    "scheme",
                    v,
                    "CX_PLS_PATH, CX_PLS_FACTORIAL, CX_PLS_CENTROID",
                ))
            }
        },
        tolerance: o.tolerance,
        max_iterations: o.max_iterations,
        nan_policy: match o.nan_policy {
            CX_NAN_RAISE => MissingValues::Raise,
            CX_NAN_OMIT => MissingValues::Omit,
            CX_NAN_MEAN => MissingValues::Mean,
            v => {
                return Err(invalid(
                    "nan_policy",
                    v,
                    "CX_NAN_RAISE, CX_NAN_OMIT, CX_NAN_MEAN",
                ))
            }
        },
    })
}

/// Reads a model from `len` bytes of UTF-8 `text` with `parse` and writes its handle.
///
/// # Safety
/// `text` valid for `len` bytes; `out_model` valid for a write.
unsafe fn read_model(
    function: &'static str,
    text: *const c_char,
    len: usize,
    out_model: *mut *mut cx_pls_model,
    parse: fn(&str) -> cxkit_core::Result<PlsModel>,
) -> cx_status {
    guard(function, || {
        // SAFETY: caller contract.
        let (text, result) = unsafe { (utf8(text, len, "text")?, out(out_model, "out_model")?) };
        *result = Box::into_raw(Box::new(cx_pls_model {
            inner: parse(text)?,
        }));
        Ok(())
    })
}

/// Reads and checks a model from `len` bytes of UTF-8 JSON ({"constructs": [{"name",
/// "indicators", "mode"}], "paths": [{"from", "to"}]}) and writes its handle.
///
/// # Safety
/// `json` valid for `len` bytes; `out_model` valid for a write.
#[no_mangle]
pub unsafe extern "C" fn cx_pls_model_from_json(
    json: *const c_char,
    len: usize,
    out_model: *mut *mut cx_pls_model,
) -> cx_status {
    // SAFETY: forwarded caller contract.
    unsafe {
        read_model(
            "cx_pls_model_from_json",
            json,
            len,
            out_model,
            PlsModel::from_json,
        )
    }
}

/// Reads and checks a model from `len` bytes of UTF-8 TOML ([[constructs]], [[paths]]).
///
/// # Safety
/// `toml` valid for `len` bytes; `out_model` valid for a write.
#[no_mangle]
pub unsafe extern "C" fn cx_pls_model_from_toml(
    toml: *const c_char,
    len: usize,
    out_model: *mut *mut cx_pls_model,
) -> cx_status {
    // SAFETY: forwarded caller contract.
    unsafe {
        read_model(
            "cx_pls_model_from_toml",
            toml,
            len,
            out_model,
            PlsModel::from_toml,
        )
    }
}

/// Releases a model. NULL is a no-op.
///
/// # Safety
/// `model` NULL or a live handle, not used again.
#[no_mangle]
pub unsafe extern "C" fn cx_pls_model_free(model: *mut cx_pls_model) {
    if !model.is_null() {
        // SAFETY: made by Box::into_raw in this module (caller contract).
        drop(unsafe { Box::from_raw(model) });
    }
}

/// Estimates `model` on a row-major `rows` × `cols` matrix whose columns are named by the
/// `cols` NUL-terminated strings `columns` (every indicator of the model must be one), and
/// writes a result handle. `options` may be NULL for the defaults.
///
/// # Safety
/// `model` a live handle; `data` valid for rows × cols doubles; `columns` valid for `cols`
/// strings; `options` NULL or valid; `out_result` valid for a write.
#[no_mangle]
pub unsafe extern "C" fn cx_pls_estimate(
    model: *const cx_pls_model,
    data: *const f64,
    rows: usize,
    cols: usize,
    columns: *const *const c_char,
    options: *const cx_pls_options,
    out_result: *mut *mut cx_pls_result,
) -> cx_status {
    guard("cx_pls_estimate", || {
        // SAFETY: caller contract.
        let (m, names, result, o) = unsafe {
            (
                arg(model, "model")?,
                strings(columns, cols, "columns")?,
                out(out_result, "out_result")?,
                options.as_ref(),
            )
        };
        let x = matrix(data, rows, cols)?;
        let fit = core::pls_pm(&m.inner, x, &names, &resolve(o)?)?;
        *result = Box::into_raw(Box::new(cx_pls_result { inner: fit }));
        Ok(())
    })
}

/// Options of cx_pls_bootstrap; start from cx_pls_bootstrap_options_default().
#[repr(C)]
#[derive(Debug, Clone, Copy)]
pub struct cx_pls_bootstrap_options {
    /// Resamples of the respondents (at least 1).
    pub samples: usize,
    /// Seed of the resamples (the same result on any thread count).
    pub seed: u64,
    /// Level of the percentile intervals, in (0, 1).
    pub confidence: f64,
}

/// The default bootstrap options (the core's): 5,000 resamples, seed 0, 95 % intervals.
#[no_mangle]
pub extern "C" fn cx_pls_bootstrap_options_default() -> cx_pls_bootstrap_options {
    let o = BootstrapOptions::default();
    cx_pls_bootstrap_options {
        samples: o.samples,
        seed: o.seed,
        confidence: o.confidence,
    }
}

/// Bootstraps `model` on the data cx_pls_estimate takes (same arguments): resamples of the
/// respondents with replacement, each estimated again, in parallel; writes a handle to the
/// summaries. `options` and `bootstrap` may be NULL for the defaults.
///
/// # Safety
/// As cx_pls_estimate; `bootstrap` NULL or valid; `out_result` valid for a write.
#[no_mangle]
#[allow(clippy::too_many_arguments)]
pub unsafe extern "C" fn cx_pls_bootstrap(
    model: *const cx_pls_model,
    data: *const f64,
    rows: usize,
    cols: usize,
    columns: *const *const c_char,
    options: *const cx_pls_options,
    bootstrap: *const cx_pls_bootstrap_options,
    out_result: *mut *mut cx_pls_bootstrap_result,
) -> cx_status {
    guard("cx_pls_bootstrap", || {
        // SAFETY: caller contract.
        let (m, names, result, o, b) = unsafe {
            (
                arg(model, "model")?,
                strings(columns, cols, "columns")?,
                out(out_result, "out_result")?,
                options.as_ref(),
                bootstrap.as_ref(),
            )
        };
        let x = matrix(data, rows, cols)?;
        let b = b.map_or_else(BootstrapOptions::default, |b| BootstrapOptions {
            samples: b.samples,
            seed: b.seed,
            confidence: b.confidence,
        });
        let boot = core::bootstrap(&m.inner, x, &names, &resolve(o)?, &b)?;
        *result = Box::into_raw(Box::new(cx_pls_bootstrap_result { inner: boot }));
        Ok(())
    })
}

/// One parameter's bootstrap summary.
#[repr(C)]
#[derive(Debug, Clone, Copy)]
pub struct cx_pls_bootstrap_estimate {
    /// The estimate on all respondents.
    pub estimate: f64,
    /// Mean over the resamples.
    pub mean: f64,
    /// Standard error (the resamples' standard deviation).
    pub se: f64,
    /// estimate / se.
    pub t: f64,
    /// Two-sided p-value of t (Student's t, n − 1 degrees of freedom).
    pub p_value: f64,
    /// Lower percentile bound.
    pub ci_low: f64,
    /// Upper percentile bound.
    pub ci_high: f64,
}

fn summaries(v: &[BootstrapEstimate]) -> Vec<cx_pls_bootstrap_estimate> {
    v.iter()
        .map(|e| cx_pls_bootstrap_estimate {
            estimate: e.estimate,
            mean: e.mean,
            se: e.se,
            t: e.t,
            p_value: e.p_value,
            ci_low: e.ci_low,
            ci_high: e.ci_high,
        })
        .collect()
}

/// Writes the resamples drawn and those that failed to estimate and were left out (either
/// output may be NULL).
///
/// # Safety
/// `result` a live handle; each output NULL or valid for a write.
#[no_mangle]
pub unsafe extern "C" fn cx_pls_bootstrap_result_counts(
    result: *const cx_pls_bootstrap_result,
    out_samples: *mut usize,
    out_failed: *mut usize,
) -> cx_status {
    guard("cx_pls_bootstrap_result_counts", || {
        // SAFETY: caller contract.
        let r = &unsafe { arg(result, "result") }?.inner;
        // SAFETY: NULL or valid for a write (caller contract).
        unsafe { write_sizes(&[(out_samples, r.samples), (out_failed, r.failed)]) };
        Ok(())
    })
}

/// Writes the bootstrap of every path (the model's path order) into the caller's array.
///
/// # Safety
/// `result` a live handle; `out_paths` valid for `capacity` entries.
#[no_mangle]
pub unsafe extern "C" fn cx_pls_bootstrap_result_paths(
    result: *const cx_pls_bootstrap_result,
    out_paths: *mut cx_pls_bootstrap_estimate,
    capacity: usize,
) -> cx_status {
    guard("cx_pls_bootstrap_result_paths", || {
        // SAFETY: caller contract.
        let r = &unsafe { arg(result, "result") }?.inner;
        // SAFETY: caller contract.
        unsafe { fill(out_paths, capacity, &summaries(&r.paths), "out_paths") }
    })
}

/// Writes the bootstrap of every indicator's weight and loading (the order of
/// cx_pls_result_outer) into two caller arrays (`out_loadings` may be NULL).
///
/// # Safety
/// `result` a live handle; `out_weights` valid for `capacity` entries, `out_loadings` NULL
/// or valid for as many.
#[no_mangle]
pub unsafe extern "C" fn cx_pls_bootstrap_result_outer(
    result: *const cx_pls_bootstrap_result,
    out_weights: *mut cx_pls_bootstrap_estimate,
    out_loadings: *mut cx_pls_bootstrap_estimate,
    capacity: usize,
) -> cx_status {
    guard("cx_pls_bootstrap_result_outer", || {
        // SAFETY: caller contract.
        let r = &unsafe { arg(result, "result") }?.inner;
        // SAFETY: caller contract.
        unsafe { fill(out_weights, capacity, &summaries(&r.weights), "out_weights") }?;
        if !out_loadings.is_null() {
            // SAFETY: caller contract.
            unsafe {
                fill(
                    out_loadings,
                    capacity,
                    &summaries(&r.loadings),
                    "out_loadings",
                )
            }?;
        }
        Ok(())
    })
}

/// Writes the bootstrap of every total effect (the order of cx_pls_result_effects) into
/// the caller's array.
///
/// # Safety
/// `result` a live handle; `out_total` valid for `capacity` entries.
#[no_mangle]
pub unsafe extern "C" fn cx_pls_bootstrap_result_total_effects(
    result: *const cx_pls_bootstrap_result,
    out_total: *mut cx_pls_bootstrap_estimate,
    capacity: usize,
) -> cx_status {
    guard("cx_pls_bootstrap_result_total_effects", || {
        // SAFETY: caller contract.
        let r = &unsafe { arg(result, "result") }?.inner;
        // SAFETY: caller contract.
        unsafe {
            fill(
                out_total,
                capacity,
                &summaries(&r.total_effects),
                "out_total",
            )
        }
    })
}

/// Releases a bootstrap. NULL is a no-op.
///
/// # Safety
/// `result` NULL or a live handle, not used again.
#[no_mangle]
pub unsafe extern "C" fn cx_pls_bootstrap_result_free(result: *mut cx_pls_bootstrap_result) {
    if !result.is_null() {
        // SAFETY: made by Box::into_raw in this module (caller contract).
        drop(unsafe { Box::from_raw(result) });
    }
}

/// Writes each size into its output where the output is not NULL.
///
/// # Safety
/// Each pointer NULL or valid for a write.
unsafe fn write_sizes(sizes: &[(*mut usize, usize)]) {
    for &(p, v) in sizes {
        // SAFETY: NULL or valid for a write (caller contract).
        if let Some(p) = unsafe { p.as_mut() } {
            *p = v;
        }
    }
}

/// One path of an estimate: constructs by position in the model.
#[repr(C)]
#[derive(Debug, Clone, Copy)]
pub struct cx_pls_path {
    /// The construct the path starts at.
    pub from: usize,
    /// The construct it ends at.
    pub to: usize,
    /// Standardised path coefficient.
    pub coefficient: f64,
}

/// One indicator of an estimate, in the model's order of constructs and indicators.
#[repr(C)]
#[derive(Debug, Clone, Copy)]
pub struct cx_pls_outer {
    /// Position of its construct.
    pub construct: usize,
    /// Outer weight (standardised indicator, unit-variance score).
    pub weight: f64,
    /// Loading (correlation with its construct's score).
    pub loading: f64,
}

/// Writes the numbers of constructs, paths and indicators of an estimate, and the
/// respondents behind it (each output may be NULL).
///
/// # Safety
/// `result` a live handle; each output NULL or valid for a write.
#[no_mangle]
pub unsafe extern "C" fn cx_pls_result_sizes(
    result: *const cx_pls_result,
    out_constructs: *mut usize,
    out_paths: *mut usize,
    out_indicators: *mut usize,
    out_respondents: *mut usize,
) -> cx_status {
    guard("cx_pls_result_sizes", || {
        // SAFETY: caller contract.
        let r = &unsafe { arg(result, "result") }?.inner;
        // SAFETY: NULL or valid for a write (caller contract).
        unsafe {
            write_sizes(&[
                (out_constructs, r.constructs.len()),
                (out_paths, r.paths.len()),
                (out_indicators, r.outer.len()),
                (out_respondents, r.n),
            ])
        };
        Ok(())
    })
}

/// Writes the paths (the model's order) into the caller's array of `capacity` entries.
///
/// # Safety
/// `result` a live handle; `out_paths` valid for `capacity` entries.
#[no_mangle]
pub unsafe extern "C" fn cx_pls_result_paths(
    result: *const cx_pls_result,
    out_paths: *mut cx_pls_path,
    capacity: usize,
) -> cx_status {
    guard("cx_pls_result_paths", || {
        // SAFETY: caller contract.
        let r = &unsafe { arg(result, "result") }?.inner;
        let v: Vec<cx_pls_path> = r
            .paths
            .iter()
            .map(|p| cx_pls_path {
                from: p.from,
                to: p.to,
                coefficient: p.coefficient,
            })
            .collect();
        // SAFETY: caller contract.
        unsafe { fill(out_paths, capacity, &v, "out_paths") }
    })
}

/// Writes every indicator's construct, weight and loading into the caller's array.
///
/// # Safety
/// `result` a live handle; `out_outer` valid for `capacity` entries.
#[no_mangle]
pub unsafe extern "C" fn cx_pls_result_outer(
    result: *const cx_pls_result,
    out_outer: *mut cx_pls_outer,
    capacity: usize,
) -> cx_status {
    guard("cx_pls_result_outer", || {
        // SAFETY: caller contract.
        let r = &unsafe { arg(result, "result") }?.inner;
        let v: Vec<cx_pls_outer> = r
            .outer
            .iter()
            .map(|o| cx_pls_outer {
                construct: o.construct,
                weight: o.weight,
                loading: o.loading,
            })
            .collect();
        // SAFETY: caller contract.
        unsafe { fill(out_outer, capacity, &v, "out_outer") }
    })
}

/// Writes R² and adjusted R² per construct (NaN for exogenous ones) into two caller arrays
/// of `capacity` doubles (`out_adjusted` may be NULL).
///
/// # Safety
/// `result` a live handle; `out_r_squared` valid for `capacity` doubles; `out_adjusted`
/// NULL or valid for as many.
#[no_mangle]
pub unsafe extern "C" fn cx_pls_result_r_squared(
    result: *const cx_pls_result,
    out_r_squared: *mut f64,
    out_adjusted: *mut f64,
    capacity: usize,
) -> cx_status {
    guard("cx_pls_result_r_squared", || {
        // SAFETY: caller contract.
        let r = &unsafe { arg(result, "result") }?.inner;
        let nan = |v: &Option<f64>| v.unwrap_or(f64::NAN);
        let r2: Vec<f64> = r.r_squared.iter().map(nan).collect();
        // SAFETY: caller contract.
        unsafe { fill(out_r_squared, capacity, &r2, "out_r_squared") }?;
        if !out_adjusted.is_null() {
            let adj: Vec<f64> = r.adj_r_squared.iter().map(nan).collect();
            // SAFETY: caller contract.
            unsafe { fill(out_adjusted, capacity, &adj, "out_adjusted") }?;
        }
        Ok(())
    })
}

/// One effect of a construct on another (standardised; positions in the model).
#[repr(C)]
#[derive(Debug, Clone, Copy)]
pub struct cx_pls_effect {
    /// The cause.
    pub from: usize,
    /// The effect.
    pub to: usize,
    /// The path coefficient (0 without a direct path).
    pub direct: f64,
    /// The sum over every longer route of the product of its coefficients.
    pub indirect: f64,
    /// Direct plus indirect.
    pub total: f64,
}

/// Writes the number of effects into `out_count` (may be NULL) and the effects of every
/// construct on every construct it reaches into the caller's array (CX_BUFFER_TOO_SMALL,
/// with the count written, when `capacity` is short).
///
/// # Safety
/// `result` a live handle; `out_effects` valid for `capacity` entries; `out_count` NULL or
/// valid for a write.
#[no_mangle]
pub unsafe extern "C" fn cx_pls_result_effects(
    result: *const cx_pls_result,
    out_effects: *mut cx_pls_effect,
    capacity: usize,
    out_count: *mut usize,
) -> cx_status {
    guard("cx_pls_result_effects", || {
        // SAFETY: caller contract.
        let r = &unsafe { arg(result, "result") }?.inner;
        // SAFETY: NULL or valid for a write (caller contract).
        unsafe { write_sizes(&[(out_count, r.effects.len())]) };
        let v: Vec<cx_pls_effect> = r
            .effects
            .iter()
            .map(|e| cx_pls_effect {
                from: e.from,
                to: e.to,
                direct: e.direct,
                indirect: e.indirect,
                total: e.total,
            })
            .collect();
        // SAFETY: caller contract.
        unsafe { fill(out_effects, capacity, &v, "out_effects") }
    })
}

/// Reliability and convergent validity of one construct's block (NaN where undefined: α
/// and ρA of a single indicator).
#[repr(C)]
#[derive(Debug, Clone, Copy)]
pub struct cx_pls_reliability {
    /// Cronbach's α of the standardised indicators.
    pub alpha: f64,
    /// Composite reliability ρC.
    pub rho_c: f64,
    /// Dijkstra–Henseler ρA.
    pub rho_a: f64,
    /// Average variance extracted.
    pub ave: f64,
}

/// Writes every construct's reliability (the model's order) into the caller's array and,
/// when `out_htmt` is not NULL, the heterotrait–monotrait ratios as a row-major constructs ×
/// constructs matrix (NaN on the diagonal and for single-indicator blocks) into
/// `htmt_capacity` doubles.
///
/// # Safety
/// `result` a live handle; `out_reliability` valid for `capacity` entries; `out_htmt` NULL
/// or valid for `htmt_capacity` doubles.
#[no_mangle]
pub unsafe extern "C" fn cx_pls_result_quality(
    result: *const cx_pls_result,
    out_reliability: *mut cx_pls_reliability,
    capacity: usize,
    out_htmt: *mut f64,
    htmt_capacity: usize,
) -> cx_status {
    guard("cx_pls_result_quality", || {
        // SAFETY: caller contract.
        let r = &unsafe { arg(result, "result") }?.inner;
        let q = r.quality();
        let nan = |v: Option<f64>| v.unwrap_or(f64::NAN);
        let v: Vec<cx_pls_reliability> = q
            .reliability
            .iter()
            .map(|b| cx_pls_reliability {
                alpha: nan(b.alpha),
                rho_c: b.rho_c,
                rho_a: nan(b.rho_a),
                ave: b.ave,
            })
            .collect();
        // SAFETY: caller contract.
        unsafe { fill(out_reliability, capacity, &v, "out_reliability") }?;
        if !out_htmt.is_null() {
            let htmt: Vec<f64> = q.htmt.iter().copied().collect();
            // SAFETY: caller contract.
            unsafe { fill(out_htmt, htmt_capacity, &htmt, "out_htmt") }?;
        }
        Ok(())
    })
}

/// Writes what the numbers cannot carry — one line per construct explained with R² below
/// CX_WEAK_R2, naming it — as NUL-terminated text, lines separated by '\n' (empty when
/// there is nothing to say), into `buf` of `capacity` bytes: the length without the NUL
/// goes to `*written`, the number of warnings to `*out_count` (may be NULL), and a short
/// buffer is CX_BUFFER_TOO_SMALL with both written (call with NULL and 0 to size it).
///
/// # Safety
/// `result` a live handle; `buf` NULL or valid for `capacity` bytes; `written` valid for a
/// write; `out_count` NULL or valid for a write.
#[no_mangle]
pub unsafe extern "C" fn cx_pls_result_warnings(
    result: *const cx_pls_result,
    buf: *mut c_char,
    capacity: usize,
    written: *mut usize,
    out_count: *mut usize,
) -> cx_status {
    guard("cx_pls_result_warnings", || {
        // SAFETY: caller contract.
        let r = &unsafe { arg(result, "result") }?.inner;
        let warnings = r.warnings();
        // SAFETY: NULL or valid for a write (caller contract).
        unsafe { write_sizes(&[(out_count, warnings.len())]) };
        // SAFETY: caller contract.
        unsafe { copy_text(&warnings.join("\n"), buf, capacity, written) }
    })
}

/// Releases a result. NULL is a no-op.
///
/// # Safety
/// `result` NULL or a live handle, not used again.
#[no_mangle]
pub unsafe extern "C" fn cx_pls_result_free(result: *mut cx_pls_result) {
    if !result.is_null() {
        // SAFETY: made by Box::into_raw in this module (caller contract).
        drop(unsafe { Box::from_raw(result) });
    }
}
