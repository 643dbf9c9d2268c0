//! Complaint metrics over C arrays.

use cxkit_core::complaints::{self as comp, ComplaintOptions, Complaints};

use crate::convert::{out, slice};
use crate::error::{cx_status, guard};

/// Complaint metrics with the 50th, 90th and 95th percentiles of the times (seconds).
/// Undefined values are NaN.
#[repr(C)]
#[derive(Debug, Clone, Copy)]
pub struct cx_complaint_result {
    /// Complaints.
    pub complaints: u64,
    /// Resolved complaints.
    pub resolved: u64,
    /// Share of resolved complaints closed in one contact.
    pub first_contact_resolution: f64,
    /// Response time: median, 90th, 95th percentile.
    pub response_p50: f64,
    /// 90th percentile.
    pub response_p90: f64,
    /// 95th percentile.
    pub response_p95: f64,
    /// Share of the complaints due answered within the response SLA (an unanswered complaint
    /// older than the SLA is due and a breach; NaN without an SLA or nothing due).
    pub response_within_sla: f64,
    /// Complaints without a first response.
    pub response_outstanding: u64,
    /// Complaints answered after the SLA or unanswered past it (0 without an SLA).
    pub response_breached: u64,
    /// Unanswered complaints not yet past the SLA (0 without an SLA).
    pub response_pending: u64,
    /// Resolution time: median.
    pub resolution_p50: f64,
    /// 90th percentile.
    pub resolution_p90: f64,
    /// 95th percentile.
    pub resolution_p95: f64,
    /// Share of the complaints due resolved within the resolution SLA (as for the response).
    pub resolution_within_sla: f64,
    /// Complaints not resolved.
    pub resolution_outstanding: u64,
    /// Complaints resolved after the SLA or unresolved past it (0 without an SLA).
    pub resolution_breached: u64,
    /// Unresolved complaints not yet past the SLA (0 without an SLA).
    pub resolution_pending: u64,
    /// Open complaints at `as_of`.
    pub backlog: u64,
    /// Share of resolved complaints reopened.
    pub reopen_rate: f64,
    /// Complaints per 1,000 customers.
    pub per_1000: f64,
}

/// Complaint metrics from `len` records as parallel arrays of seconds since 1970 (INT64_MIN
/// for a first response or resolution that has not happened), with optional `contacts` and
/// `reopened` (0/1) arrays (NULL for none). SLAs in seconds and `customers` are ignored when
/// NaN; `as_of` INT64_MIN means the latest time in the records.
///
/// # Safety
/// The time arrays valid for `len` values; `contacts` and `reopened` NULL or valid for
/// `len`; `out_metrics` valid for a write.
#[no_mangle]
#[allow(clippy::too_many_arguments)]
pub unsafe extern "C" fn cx_complaint_metrics(
    opened: *const i64,
    first_response: *const i64,
    resolved: *const i64,
    contacts: *const u32,
    reopened: *const u8,
    len: usize,
    response_sla: f64,
    resolution_sla: f64,
    as_of: i64,
    customers: f64,
    out_metrics: *mut cx_complaint_result,
) -> cx_status {
    guard("cx_complaint_metrics", || {
        // SAFETY: caller contract.
        let (o, f, r, m) = unsafe {
            (
                slice(opened, len, "opened")?,
                slice(first_response, len, "first_response")?,
                slice(resolved, len, "resolved")?,
                out(out_metrics, "out_metrics")?,
            )
        };
        // SAFETY: NULL or valid for `len` values.
        let contacts =
            (!contacts.is_null()).then(|| unsafe { std::slice::from_raw_parts(contacts, len) });
        // SAFETY: NULL or valid for `len` values.
        let reopened: Option<Vec<bool>> = (!reopened.is_null()).then(|| {
            unsafe { std::slice::from_raw_parts(reopened, len) }
                .iter()
                .map(|&b| b != 0)
                .collect()
        });
        let given = |v: f64| (!v.is_nan()).then_some(v);
        let options = ComplaintOptions {
            response_sla: given(response_sla),
            resolution_sla: given(resolution_sla),
            as_of: (as_of != i64::MIN).then_some(as_of),
            customers: given(customers),
            ..ComplaintOptions::default()
        };
        let c = comp::complaint_metrics(
            &Complaints {
                opened: o,
                first_response: f,
                resolved: r,
                contacts,
                reopened: reopened.as_deref(),
                channel: None,
                category: None,
            },
            &options,
        )?;
        let nan = f64::NAN;
        let pct = |d: &comp::Durations, k: usize| d.percentiles[k].1.unwrap_or(nan);
        *m = cx_complaint_result {
            complaints: c.complaints as u64,
            resolved: c.resolved as u64,
            first_contact_resolution: c.first_contact_resolution.unwrap_or(nan),
            response_p50: pct(&c.response, 0),
            response_p90: pct(&c.response, 1),
            response_p95: pct(&c.response, 2),
            response_within_sla: c.response.within_sla.unwrap_or(nan),
            response_outstanding: c.response.outstanding as u64,
            response_breached: c.response.breached.unwrap_or(0) as u64,
            response_pending: c.response.pending.unwrap_or(0) as u64,
            resolution_p50: pct(&c.resolution, 0),
            resolution_p90: pct(&c.resolution, 1),
            resolution_p95: pct(&c.resolution, 2),
            resolution_within_sla: c.resolution.within_sla.unwrap_or(nan),
            resolution_outstanding: c.resolution.outstanding as u64,
            resolution_breached: c.resolution.breached.unwrap_or(0) as u64,
            resolution_pending: c.resolution.pending.unwrap_or(0) as u64,
            backlog: c.backlog as u64,
            reopen_rate: c.reopen_rate.unwrap_or(nan),
            per_1000: c.per_1000.unwrap_or(nan),
        };
        Ok(())
    })
}
