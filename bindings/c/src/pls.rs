//! PLS path modelling over C: a model handle from a JSON or TOML text, estimation on a
//! row-major matrix with named columns, results read through a result handle.

use std::ffi::c_char;

use cxkit_core::pls::{self as core, InnerScheme, PlsModel, PlsOptions};
use cxkit_core::Error;

use crate::convert::{arg, fill, matrix, out, slice, strings};
use crate::error::{cx_status, guard, invalid, Failure};
use crate::survey::{cx_nan_policy, nan_policy, nan_policy_code};

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

/// The inner weighting scheme: CX_PLS_PATH (default), CX_PLS_FACTORIAL or CX_PLS_CENTROID.
pub type cx_pls_scheme = u32;
/// Regression weights from predecessors, correlations to successors.
pub const CX_PLS_PATH: cx_pls_scheme = 0;
/// Correlations with every neighbour.
pub const CX_PLS_FACTORIAL: cx_pls_scheme = 1;
/// Signs of the correlations with every neighbour.
pub const CX_PLS_CENTROID: cx_pls_scheme = 2;

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
    /// Missing values (NaN): CX_NAN_RAISE (an error) or CX_NAN_OMIT (listwise deletion).
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
        nan_policy: nan_policy_code(o.nan_policy),
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
        nan_policy: nan_policy(o.nan_policy)?,
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
        let (bytes, result) = unsafe {
            (
                slice(text.cast::<u8>(), len, "text")?,
                out(out_model, "out_model")?,
            )
        };
        let text = std::str::from_utf8(bytes).map_err(|e| {
            Failure::Core(Error::InvalidParameter {
                name: "model",
                reason: format!("not UTF-8: {e}"),
            })
        })?;
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
        for (p, v) in [
            (out_constructs, r.constructs.len()),
            (out_paths, r.paths.len()),
            (out_indicators, r.outer.len()),
            (out_respondents, r.n),
        ] {
            // SAFETY: NULL or valid for a write (caller contract).
            if let Some(p) = unsafe { p.as_mut() } {
                *p = v;
            }
        }
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
