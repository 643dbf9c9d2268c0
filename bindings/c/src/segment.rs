//! Segmentation over C arrays: RFM scores with the default segment map, and value tiers.

use cxkit_core::segment::{self as core, RfmBinning, RfmOptions, RfmSegmentMap, TierCuts};
use cxkit_core::Error;

use crate::status::{cx_status, guard, slice, Failure};

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
