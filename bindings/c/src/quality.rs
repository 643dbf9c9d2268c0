//! Service quality over row-major C arrays: SERVQUAL, SERVPERF and the zone of tolerance.

use cxkit_core::quality::{self as q, DimensionWeights, Dimensions, QualityOptions};

use crate::convert::{matrix, out, slice, write_optional};
use crate::error::{cx_status, guard, Failure};
use crate::survey::{cx_mean, cx_nan_policy, nan_policy};

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
