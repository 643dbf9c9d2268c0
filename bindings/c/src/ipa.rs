//! Importance–performance analysis over C arrays.

use cxkit_core::ipa::{self, Crosshair, Quadrant};

use crate::convert::{slice, write_optional};
use crate::error::{cx_status, guard, invalid, Failure};

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
