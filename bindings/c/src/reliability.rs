//! Cronbach's alpha over a row-major C matrix.

use cxkit_core::reliability::{self as rel, AlphaOptions};

use crate::convert::{matrix, out, write_optional};
use crate::covariance::{cx_missing, missing};
use crate::error::{cx_status, guard};

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
